#include "core/bundle_reader.h"

#include "core/bundle_paper_sax.h"
#include "core/json_read.h"
#include "core/paper_ids.h"

namespace ps {

namespace {

std::string index_path(const char* base, size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

void read_tags(FieldReader& fields, const Json& paper, const std::string& path, PaperRecord& out,
               Problems& problems) {
  const Json* tags = fields.find("tags");
  if (!tags) return;
  if (!tags->is_array()) return fields.wrong_type("tags", "an array", *tags);
  size_t i = 0;
  for (const Json& item : *tags) {
    const std::string item_path = path + ".tags[" + std::to_string(i++) + "]";
    Tag tag;
    if (item.is_string()) {  // a bare string is a keyword
      tag.value = item.get_ref<const std::string&>();
    } else if (item.is_object()) {
      FieldReader tag_fields(item, item_path, problems);
      if (!tag_fields.string("value", tag.value, true)) continue;
      std::string kind;
      if (tag_fields.string("kind", kind) && !parse_tag_kind(kind, tag.kind)) {
        problems.error(item_path + ".kind", "unknown tag kind \"" + kind.substr(0, 40) +
                                                "\" (expected category, keyword, field or user)");
      }
    } else {
      problems.error(item_path,
                     std::string("expected an object or a string, found ") + json_kind(item));
      continue;
    }
    if (!tag.value.empty()) out.tags.push_back(std::move(tag));
  }
  (void)paper;
}

void read_links(FieldReader& fields, const std::string& path, PaperRecord& out,
                Problems& problems) {
  const Json* links = fields.find("links");
  if (!links) return;
  if (!links->is_array()) return fields.wrong_type("links", "an array", *links);
  size_t i = 0;
  for (const Json& item : *links) {
    const std::string item_path = path + ".links[" + std::to_string(i++) + "]";
    if (!item.is_object()) {
      problems.error(item_path, std::string("expected an object, found ") + json_kind(item));
      continue;
    }
    FieldReader link_fields(item, item_path, problems);
    Link link;
    if (!link_fields.string("url", link.url, true)) continue;
    if (!is_openable_url(link.url)) {
      problems.error(item_path + ".url", "only http and https links are allowed (found \"" +
                                             link.url.substr(0, 40) + "\")");
      continue;
    }
    std::string kind;
    if (link_fields.string("kind", kind)) {
      if (!parse_link_kind(kind, link.kind)) {
        problems.error(item_path + ".kind",
                       "unknown link kind \"" + kind.substr(0, 40) +
                           "\" (expected code, project, pdf, paper, video or other)");
        continue;
      }
    } else {
      link.kind = classify_link(link.url);
    }
    out.links.push_back(std::move(link));
  }
}

void read_external_ids(FieldReader& fields, const std::string& path, PaperRecord& out,
                       Problems& problems) {
  const Json* ids = fields.find("external_ids");
  if (!ids) return;
  if (!ids->is_object()) return fields.wrong_type("external_ids", "an object", *ids);
  for (auto it = ids->begin(); it != ids->end(); ++it) {
    if (it->is_null()) continue;
    if (!it->is_string()) {
      problems.error(path + ".external_ids." + it.key(),
                     std::string("expected a string, found ") + json_kind(*it));
      continue;
    }
    out.external_ids.push_back(ExternalId{it.key(), it->get_ref<const std::string&>()});
  }
}

std::string external_id(const PaperRecord& paper, std::string_view scheme) {
  for (const ExternalId& ext : paper.external_ids) {
    if (ext.scheme == scheme) return ext.value;
  }
  return {};
}

// One element of "papers" → a record. Returns false when a required part is unusable.
bool read_paper(const Json& item, const std::string& path, PaperRecord& paper, Problems& problems) {
  if (!item.is_object()) {
    problems.error(path, std::string("expected a paper object, found ") + json_kind(item));
    return false;
  }
  const size_t errors_before = problems.errors.size() + problems.suppressed;
  FieldReader fields(item, path, problems);
  fields.string("title", paper.title, true);
  fields.string("id", paper.id);
  fields.string("abstract", paper.abstract);
  fields.string("venue", paper.venue);
  fields.strings("authors", paper.authors);
  fields.strings("sources", paper.sources);
  int64_t number = 0;
  if (fields.integer("author_count", 0, 100000000, number)) {
    paper.author_count = static_cast<uint32_t>(number);
  }
  if (fields.integer("upvotes", 0, 2147483647, number))
    paper.upvotes = static_cast<int32_t>(number);
  fields.date("date", paper.date);
  fields.date("featured", paper.featured);
  read_tags(fields, item, path, paper, problems);
  read_links(fields, path, paper, problems);
  read_external_ids(fields, path, paper, problems);
  if (problems.errors.size() + problems.suppressed != errors_before) return false;
  if (paper.title.find_first_not_of(" \t\r\n") == std::string::npos) {
    problems.error(path + ".title", "title is empty");
    return false;
  }
  if (paper.id.empty()) {
    paper.id = make_stable_id(external_id(paper, "arxiv"), external_id(paper, "doi"), paper.title);
  }
  return true;
}

}  // namespace

struct BundleReader::State {
  enum class Phase { kStart, kMembers, kPapers, kDone };

  explicit State(std::string_view t) : text(t), cursor(t) {}

  std::string_view text;
  JsonCursor cursor;
  bool sax = true;     // papers from SAX events when well formed (else always through a tree)
  PaperRecord record;  // the paper being read, reused (PaperRecord::clear)
  Phase phase = Phase::kStart;
  Problems problems;
  PaperStore store;
  size_t papers_read = 0;
  bool saw_format = false, saw_version = false, saw_papers = false;
  std::vector<uint32_t> first_index_of_row;  // for duplicate-id messages
  size_t papers_begin = 0;                   // where the papers array's elements start

  void fail_at_cursor(const std::string& context) {
    problems.error(line_column(text, cursor.error_pos()) + context, cursor.error());
    phase = Phase::kDone;
  }
  void fail_here(const std::string& message) {
    problems.error(line_column(text, cursor.pos()), message);
    phase = Phase::kDone;
  }

  void start() {
    if (cursor.at_end()) {
      problems.error("", text.empty() ? "the file is empty" : "the file holds only whitespace");
      phase = Phase::kDone;
      return;
    }
    if (!cursor.consume('{')) {
      ByteRange value;
      const size_t at = cursor.pos();
      const char* kind = cursor.skip_value(value) ? json_kind_at(value.in(text)) : "not JSON";
      const bool html = text.substr(at, 1) == "<";
      problems.error("",
                     html ? "this is HTML (a web page), not a JSON bundle"
                          : std::string("expected a JSON object at the top level, found ") + kind);
      phase = Phase::kDone;
      return;
    }
    phase = Phase::kMembers;
    if (cursor.consume('}')) finish();
  }

  void apply_header(const std::string& key, const Json& value) {
    const Json member = Json::object({{key, value}});
    FieldReader top(member, "$", problems);
    if (key == "format") {
      std::string format;
      // Required: null counts as missing (reported here, as saw_format is set).
      if (top.string("format", format, true) && format != kBundleFormatName) {
        problems.error("$.format",
                       "\"" + format.substr(0, 40) + "\" is not \"" + kBundleFormatName + "\"");
        phase = Phase::kDone;
      }
      saw_format = true;
    } else if (key == "version") {
      int64_t version = 0;
      if (top.integer("version", 1, 1000000, version, true) && version > kBundleVersion) {
        problems.error("$.version", "version " + std::to_string(version) +
                                        " is newer than this Paperscope reads (" +
                                        std::to_string(kBundleVersion) + ")");
        phase = Phase::kDone;
      }
      saw_version = true;
    } else if (key == "title") {
      top.string("title", store.info.title);
    } else if (key == "description") {
      top.string("description", store.info.description);
    } else if (key == "created") {
      top.date("created", store.info.created);
    } else if (key == "source") {
      if (value.is_string()) {
        store.info.source_name = value.get_ref<const std::string&>();
      } else if (value.is_object()) {
        FieldReader source(value, "$.source", problems);
        source.string("name", store.info.source_name);
        source.string("url", store.info.source_url);
        if (!store.info.source_url.empty() && !is_openable_url(store.info.source_url)) {
          problems.error("$.source.url", "only http and https links are allowed");
        }
      } else if (!value.is_null()) {
        top.wrong_type("source", "a string or an object", value);
      }
    }
    // Other members are for newer readers or other tools: ignored.
  }

  // After a member or an element: a comma, or the closing bracket.
  bool after_value(char close, const char* what) {
    if (cursor.consume(',')) return true;
    if (cursor.peek() == close) return true;
    fail_here(std::string("expected ',' or '") + close + "' after " + what);
    return false;
  }

  void read_members() {
    while (phase == Phase::kMembers) {
      if (cursor.consume('}')) return finish();
      ByteRange key_range;
      if (!cursor.scan_string(key_range)) return fail_at_cursor("");
      std::string key;
      decode_json_key(key_range.in(text), key);
      if (!cursor.consume(':')) return fail_here("expected ':' after \"" + key + "\"");
      if (key == "papers") {
        saw_papers = true;
        if (cursor.consume('[')) {
          phase = Phase::kPapers;
          papers_begin = cursor.pos();
          return;
        }
        ByteRange value;
        const char* kind = cursor.skip_value(value) ? json_kind_at(value.in(text)) : "nothing";
        problems.error("$.papers", std::string("expected an array, found ") + kind);
        phase = Phase::kDone;
        return;
      }
      ByteRange value_range;
      if (!cursor.skip_value(value_range)) return fail_at_cursor(" (in $." + key + ")");
      Json value;
      if (parse_json_range(text, value_range, "$." + key, value, problems)) {
        apply_header(key, value);
      } else {
        phase = Phase::kDone;
      }
      if (phase != Phase::kMembers || !after_value('}', "a member")) return;
    }
  }

  void read_papers(size_t budget) {
    for (size_t n = 0; n < budget && phase == Phase::kPapers; ++n) {
      if (cursor.consume(']')) {
        phase = Phase::kMembers;
        if (after_value('}', "\"papers\"")) read_members();
        return;
      }
      const std::string path = index_path("$.papers", papers_read);
      record.clear();
      // Straight from SAX events when the paper is well formed (most are), in one pass that
      // also finds its end; else through a tree, which says exactly what is wrong and where.
      cursor.peek();  // past white space
      const size_t start = cursor.pos();
      size_t consumed = 0;
      if (sax && read_paper_fast(text.substr(start), record, consumed)) {
        cursor.set_pos(start + consumed);
        add_paper(record, path);
      } else {
        record.clear();
        ByteRange element;
        if (!cursor.skip_value(element)) return fail_at_cursor(" (in " + path + ")");
        Json item;
        if (!parse_json_range(text, element, path, item, problems)) {
          phase = Phase::kDone;
          return;
        }
        if (read_paper(item, path, record, problems)) add_paper(record, path);
      }
      ++papers_read;
      if (papers_read == kSamplePapers) reserve_from_sample();
      if (problems.full()) {
        phase = Phase::kDone;
        return;
      }
      if (!after_value(']', "a paper")) return;
    }
  }

  // After the first papers of a big bundle, the store reserves what the whole array will
  // need at their rate (a little more): one allocation per column instead of a doubling
  // chain. Papers that run larger than the sample fall back to growing as before.
  static constexpr size_t kSamplePapers = 1000;
  void reserve_from_sample() {
    const size_t sampled = cursor.pos() - papers_begin;
    const size_t remaining = text.size() - cursor.pos();
    if (sampled == 0 || remaining < 8 * sampled) return;  // small: doubling costs little
    const double scale = 1.03 * static_cast<double>(sampled + remaining) / sampled;
    store.reserve_scaled(scale);
    first_index_of_row.reserve(static_cast<size_t>(first_index_of_row.size() * scale));
  }

  void add_paper(PaperRecord& paper, const std::string& path) {
    if (const size_t names = limit_author_names(paper)) {
      problems.warning(path + ".authors", author_limit_message(names));
    }
    const int64_t existing = store.find(paper.id);
    if (existing >= 0) {
      problems.error(path + ".id",
                     "duplicate id \"" + paper.id.substr(0, 60) + "\" (first at $.papers[" +
                         std::to_string(first_index_of_row[static_cast<size_t>(existing)]) + "])");
      return;
    }
    store.add(paper);
    first_index_of_row.push_back(static_cast<uint32_t>(papers_read));
  }

  void finish() {
    phase = Phase::kDone;
    if (!cursor.at_end()) {
      problems.error(line_column(text, cursor.pos()),
                     "unexpected data after the end of the bundle");
    }
    if (!saw_format) problems.error("$.format", "required field is missing");
    if (!saw_version) problems.error("$.version", "required field is missing");
    if (!saw_papers) problems.error("$.papers", "required field is missing");
  }
};

BundleReader::BundleReader(std::string_view text, BundleParse parse)
    : state_(std::make_unique<State>(text)) {
  state_->sax = parse == BundleParse::kSax;
}
BundleReader::~BundleReader() = default;

bool BundleReader::step(size_t max_papers) {
  State& s = *state_;
  if (s.phase == State::Phase::kStart) s.start();
  if (s.phase == State::Phase::kMembers) s.read_members();
  if (s.phase == State::Phase::kPapers) s.read_papers(max_papers);
  return s.phase == State::Phase::kDone;
}

double BundleReader::progress() const {
  if (state_->phase == State::Phase::kDone) return 1.0;
  return state_->text.empty() ? 0.0
                              : static_cast<double>(state_->cursor.pos()) / state_->text.size();
}

size_t BundleReader::papers_read() const {
  return state_->papers_read;
}
const Problems& BundleReader::problems() const {
  return state_->problems;
}
PaperStore BundleReader::take_store() {
  return std::move(state_->store);
}

BundleLoad read_bundle(std::string_view text, BundleParse parse) {
  BundleReader reader(text, parse);
  while (!reader.step(4096)) {
  }
  BundleLoad load;
  load.problems = reader.problems();
  if (load.problems.ok()) load.store = reader.take_store();
  return load;
}

bool looks_like_bundle(std::string_view text) {
  return json_format_is(text, kBundleFormatName);
}

}  // namespace ps
