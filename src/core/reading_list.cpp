#include "core/reading_list.h"

#include <algorithm>

#include "core/json_read.h"
#include "core/text_fold.h"

namespace ps {

namespace {

// Cuts text to at most max bytes on a character boundary, without line breaks.
std::string clean_text(std::string text, size_t max) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > max) {
    size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
  }
  return text;
}

}  // namespace

const char* mark_name(Mark mark) {
  switch (mark) {
    case Mark::kStarred:
      return "starred";
    case Mark::kRead:
      return "read";
    case Mark::kHidden:
      return "hidden";
  }
  return "starred";
}

bool parse_mark(std::string_view name, Mark& mark) {
  for (Mark m : {Mark::kStarred, Mark::kRead, Mark::kHidden}) {
    if (name == mark_name(m)) {
      mark = m;
      return true;
    }
  }
  return false;
}

bool PaperMarks::get(Mark mark) const {
  switch (mark) {
    case Mark::kStarred:
      return starred;
    case Mark::kRead:
      return read;
    case Mark::kHidden:
      return hidden;
  }
  return false;
}

void PaperMarks::set(Mark mark, bool on) {
  switch (mark) {
    case Mark::kStarred:
      starred = on;
      break;
    case Mark::kRead:
      read = on;
      break;
    case Mark::kHidden:
      hidden = on;
      break;
  }
}

const PaperMarks* ReadingList::find(std::string_view id) const {
  auto it = entries_.find(std::string(id));
  return it == entries_.end() ? nullptr : &it->second;
}

PaperMarks ReadingList::marks(std::string_view id) const {
  const PaperMarks* found = find(id);
  return found ? *found : PaperMarks{};
}

void ReadingList::changed(const std::string& id) {
  auto it = entries_.find(id);
  if (it != entries_.end() && it->second.empty()) entries_.erase(it);
  ++version_;
}

void ReadingList::set_mark(const std::string& id, Mark mark, bool on) {
  if (id.empty()) return;
  entries_[id].set(mark, on);
  changed(id);
}

void ReadingList::set_note(const std::string& id, std::string note) {
  if (id.empty()) return;
  entries_[id].note = clean_text(std::move(note), kMaxNoteBytes);
  changed(id);
}

void ReadingList::add_tag(const std::string& id, std::string tag) {
  tag = clean_text(std::move(tag), kMaxTagBytes);
  while (!tag.empty() && tag.back() == ' ') tag.pop_back();
  while (!tag.empty() && tag.front() == ' ') tag.erase(tag.begin());
  if (id.empty() || tag.empty()) return;
  std::vector<std::string>& tags = entries_[id].tags;
  if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
    tags.push_back(tag);
    std::sort(tags.begin(), tags.end());
  }
  changed(id);
}

void ReadingList::remove_tag(const std::string& id, const std::string& tag) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  auto& tags = it->second.tags;
  tags.erase(std::remove(tags.begin(), tags.end(), tag), tags.end());
  changed(id);
}

std::string ReadingList::to_json() const {
  Json papers = Json::object();
  for (const auto& [id, m] : entries_) {
    Json entry = Json::object();
    if (m.starred) entry["starred"] = true;
    if (m.read) entry["read"] = true;
    if (m.hidden) entry["hidden"] = true;
    if (!m.note.empty()) entry["note"] = m.note;
    if (!m.tags.empty()) entry["tags"] = m.tags;
    papers[id] = std::move(entry);
  }
  const Json root = {{"format", "paperscope-reading-list"}, {"version", 1}, {"papers", papers}};
  return root.dump(1, ' ', false, Json::error_handler_t::replace);
}

bool ReadingList::from_json(std::string_view text, bool merge, Problems& problems) {
  Json root;
  if (!parse_json_document(text, root, problems)) return false;
  if (!root.is_object()) {
    problems.error("$",
                   std::string("expected a reading list (an object), found ") + json_kind(root));
    return false;
  }
  FieldReader top(root, "$", problems);
  std::string format;
  if (!top.string("format", format, true)) return false;
  if (format != "paperscope-reading-list") {
    problems.error("$.format",
                   "\"" + format.substr(0, 40) + "\" is not \"paperscope-reading-list\"");
    return false;
  }
  const Json* papers = top.find("papers");
  if (!papers || !papers->is_object()) {
    problems.error("$.papers", "expected an object of papers by id");
    return false;
  }
  std::map<std::string, PaperMarks> read_entries;
  for (auto it = papers->begin(); it != papers->end(); ++it) {
    const std::string path = "$.papers[\"" + it.key().substr(0, 60) + "\"]";
    if (!it->is_object()) {
      problems.error(path, std::string("expected an object, found ") + json_kind(*it));
      continue;
    }
    FieldReader fields(*it, path, problems);
    PaperMarks m;
    for (Mark mark : {Mark::kStarred, Mark::kRead, Mark::kHidden}) {
      const Json* value = fields.find(mark_name(mark));
      if (!value) continue;
      if (!value->is_boolean()) {
        fields.wrong_type(mark_name(mark), "true or false", *value);
        continue;
      }
      m.set(mark, value->get<bool>());
    }
    std::string note;
    if (fields.string("note", note)) m.note = clean_text(note, kMaxNoteBytes);
    std::vector<std::string> tags;
    if (fields.strings("tags", tags)) {
      for (std::string& t : tags) {
        t = clean_text(t, kMaxTagBytes);
        if (!t.empty()) m.tags.push_back(t);
      }
      std::sort(m.tags.begin(), m.tags.end());
      m.tags.erase(std::unique(m.tags.begin(), m.tags.end()), m.tags.end());
    }
    if (!m.empty()) read_entries[it.key()] = std::move(m);
  }
  if (!problems.ok()) return false;
  if (!merge) entries_.clear();
  for (auto& [id, m] : read_entries) {
    PaperMarks& into = entries_[id];
    into.starred = into.starred || m.starred;
    into.read = into.read || m.read;
    into.hidden = into.hidden || m.hidden;
    if (!m.note.empty()) into.note = m.note;
    for (const std::string& t : m.tags) {
      if (std::find(into.tags.begin(), into.tags.end(), t) == into.tags.end())
        into.tags.push_back(t);
    }
    std::sort(into.tags.begin(), into.tags.end());
  }
  ++version_;
  return true;
}

void ReadingList::rows_with(const PaperStore& store, Mark mark, RowSet& out) const {
  out.reset(store.size(), false);
  for (const auto& [id, m] : entries_) {
    if (!m.get(mark)) continue;
    const int64_t row = store.find(id);
    if (row >= 0) out.set(static_cast<uint32_t>(row));
  }
}

void ReadingList::rows_with_tag(const PaperStore& store, const std::string& folded_tag,
                                RowSet& out) const {
  out.reset(store.size(), false);
  for (const auto& [id, m] : entries_) {
    for (const std::string& tag : m.tags) {
      if (fold_words_joined(tag) != folded_tag) continue;
      const int64_t row = store.find(id);
      if (row >= 0) out.set(static_cast<uint32_t>(row));
      break;
    }
  }
}

}  // namespace ps
