// Index of this file
// [SECTION] Text
// [SECTION] Building a record
// [SECTION] Dates
// [SECTION] JSON arrays a slice at a time, pruned parsing, records readers
#include "core/import_common.h"

#include <algorithm>
#include <cctype>

#include "core/byte_search.h"
#include "core/paper_ids.h"
#include "core/text_fold.h"

namespace ps {

//-----------------------------------------------------------------------------
// [SECTION] Text
//-----------------------------------------------------------------------------

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string clean_text(std::string_view text, bool keep_newlines) {
  // Copies runs of bytes that need no change in one go: most text is all such a run.
  std::string out;
  out.reserve(text.size());
  size_t pos = 0, run = 0;
  const size_t n = text.size();
  auto flush = [&](size_t end) {
    if (end > run) out.append(text.data() + run, end - run);
  };
  while (pos < n) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x20 && c < 0x7f) {
      ++pos;
      continue;
    }
    if (c < 0x80) {
      flush(pos);
      if (c == '\n') {
        out += keep_newlines ? '\n' : ' ';
      } else if (c == '\t' || c == '\r') {
        // \r\n is one line break.
        if (!(c == '\r' && pos + 1 < n && text[pos + 1] == '\n')) {
          out += c == '\r' && keep_newlines ? '\n' : ' ';
        }
      }  // other control characters: dropped
      run = ++pos;
      continue;
    }
    int32_t cp = -1;
    const size_t len = decode_utf8(text, pos, cp);
    if (cp >= 0xA0 && cp != 0x2028 && cp != 0x2029) {
      pos += len;  // valid and visible: part of the run
      continue;
    }
    flush(pos);
    if (cp < 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else if (cp == 0x2028 || cp == 0x2029) {
      out += keep_newlines ? '\n' : ' ';
    }  // C1 controls: nothing a reader should see
    pos += len;
    run = pos;
  }
  flush(n);
  const std::string_view trimmed = trim_view(out);
  if (trimmed.size() == out.size()) return out;
  return std::string(trimmed);
}

namespace {

// Appends text with each run of spaces made one space (text has no line breaks).
void append_collapsed(std::string& out, std::string_view text) {
  if (text.find("  ") == std::string_view::npos) {  // the common case: nothing to collapse
    out.append(text.data(), text.size());
    return;
  }
  size_t i = 0;
  while (i < text.size()) {
    const size_t space = text.find(' ', i);
    if (space == std::string_view::npos) {
      out.append(text.data() + i, text.size() - i);
      return;
    }
    out.append(text.data() + i, space - i + 1);
    i = text.find_first_not_of(' ', space);
    if (i == std::string_view::npos) return;
  }
}

}  // namespace

std::string one_line(std::string_view text) {
  const std::string clean = clean_text(text);
  if (clean.find("  ") == std::string::npos) return clean;
  std::string out;
  out.reserve(clean.size());
  append_collapsed(out, clean);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string tidy_abstract(std::string_view text) {
  const std::string clean = clean_text(text, /*keep_newlines=*/true);
  std::string out;
  out.reserve(clean.size());
  bool paragraph = false;  // a blank line was seen since the last text
  size_t begin = 0;
  for (bool first = true; begin <= clean.size(); first = false) {
    size_t end = clean.find('\n', begin);
    if (end == std::string::npos) end = clean.size();
    const std::string_view line(clean.data() + begin, end - begin);
    begin = end + 1;
    const std::string_view trimmed = trim_view(line);
    if (trimmed.empty()) {
      paragraph = paragraph || !out.empty();
      continue;
    }
    // A blank line, or a line that starts indented, begins a paragraph; other line
    // breaks are hard wraps.
    if (!out.empty()) out += paragraph || (!first && line.front() == ' ') ? '\n' : ' ';
    paragraph = false;
    append_collapsed(out, trimmed);
  }
  return out;
}

std::string tidy_name(std::string_view name) {
  std::string out = one_line(name);
  size_t at = 0;
  while ((at = out.find(". -", at)) != std::string::npos) out.erase(at + 1, 1);
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] Building a record
//-----------------------------------------------------------------------------

void add_tag(PaperRecord& paper, TagKind kind, std::string_view value) {
  std::string text = one_line(value);
  if (text.empty()) return;
  for (const Tag& tag : paper.tags) {
    if (tag.kind == kind && tag.value == text) return;
  }
  paper.tags.push_back(Tag{kind, std::move(text)});
}

void add_external_id(PaperRecord& paper, std::string_view scheme, std::string_view value) {
  std::string text = one_line(value);
  if (text.empty() || find_external_id(paper, scheme)) return;
  paper.external_ids.push_back(ExternalId{std::string(scheme), std::move(text)});
}

const std::string* find_external_id(const PaperRecord& paper, std::string_view scheme) {
  for (const ExternalId& ext : paper.external_ids) {
    if (ext.scheme == scheme) return &ext.value;
  }
  return nullptr;
}

void add_link(PaperRecord& paper, std::string_view url, LinkKind kind, const std::string& where,
              Problems& problems) {
  std::string text(trim_view(url));
  if (text.empty()) return;
  if (!is_openable_url(text)) {
    problems.warning(
        where, "dropped a link that is not http(s): \"" + one_line(text.substr(0, 60)) + "\"");
    return;
  }
  for (const Link& link : paper.links) {
    if (link.url == text) return;
  }
  if (kind == LinkKind::kOther) kind = classify_link(text);
  paper.links.push_back(Link{kind, std::move(text)});
}

std::string url_with_scheme(const std::string& url) {
  if (url.empty() || url.find("://") != std::string::npos) return url;
  const std::string host = url.substr(0, url.find('/'));
  // A host name: dotted, with a letter in its last label, nothing a scheme or a path has.
  const size_t dot = host.rfind('.');
  if (dot == std::string::npos || dot + 1 >= host.size() ||
      host.find_first_of(" :@\\") != std::string::npos ||
      !std::isalpha(static_cast<unsigned char>(host[dot + 1]))) {
    return url;
  }
  return "https://" + url;
}

void add_links_from_text(PaperRecord& paper, std::string_view text) {
  Problems ignored;
  size_t at = 0;
  while ((at = text.find("http", at)) != std::string_view::npos) {
    const bool https = text.compare(at, 8, "https://") == 0;
    if (!https && text.compare(at, 7, "http://") != 0) {
      at += 4;
      continue;
    }
    // A URL ends at white space or at characters that never end one in prose.
    size_t end = at;
    while (end < text.size() && !is_space(text[end]) && text[end] != '"' && text[end] != '<' &&
           text[end] != '>' && text[end] != '\\' && text[end] != '{' && text[end] != '}') {
      ++end;
    }
    std::string_view url = text.substr(at, end - at);
    // Trailing punctuation belongs to the sentence; a closing bracket only when unmatched.
    while (!url.empty()) {
      const char last = url.back();
      if (last == '.' || last == ',' || last == ';' || last == ':' || last == '\'' || last == '!' ||
          last == '?') {
        url.remove_suffix(1);
      } else if (last == ')' || last == ']') {
        const char open = last == ')' ? '(' : '[';
        if (std::count(url.begin(), url.end(), open) < std::count(url.begin(), url.end(), last)) {
          url.remove_suffix(1);
        } else {
          break;
        }
      } else {
        break;
      }
    }
    if (url.size() > (https ? 8u : 7u)) add_link(paper, url, LinkKind::kOther, "", ignored);
    at = end;
  }
}

bool set_arxiv_id(PaperRecord& paper, std::string_view text, bool with_pdf) {
  const std::string id = normalize_arxiv_id(text);
  if (id.empty()) return false;
  add_external_id(paper, "arxiv", id);
  Problems ignored;
  add_link(paper, "https://arxiv.org/abs/" + id, LinkKind::kPaper, "", ignored);
  if (with_pdf) add_link(paper, "https://arxiv.org/pdf/" + id, LinkKind::kPdf, "", ignored);
  return true;
}

bool find_arxiv_id_in_text(PaperRecord& paper, std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  for (std::string_view marker : {"arxiv.org/abs/", "arxiv.org/pdf/", "arxiv:", "arxiv "}) {
    size_t at = lower.find(marker);
    while (at != std::string::npos) {
      size_t begin = at + marker.size();
      while (begin < text.size() &&
             (text[begin] == ' ' || text[begin] == '{' || text[begin] == '}')) {
        ++begin;
      }
      size_t end = begin;
      while (end < text.size() && !is_space(text[end]) && text[end] != ',' && text[end] != ';' &&
             text[end] != '}' && text[end] != ')' && text[end] != ']') {
        ++end;
      }
      while (end > begin && text[end - 1] == '.') --end;
      if (end > begin && set_arxiv_id(paper, text.substr(begin, end - begin))) return true;
      at = lower.find(marker, at + 1);
    }
  }
  return false;
}

bool set_doi(PaperRecord& paper, std::string_view text) {
  const std::string doi = normalize_doi(text);
  if (doi.empty()) return false;
  // The arXiv DOIs (10.48550/arXiv.2504.02345) name the arXiv record itself.
  if (doi.rfind("10.48550/arxiv.", 0) == 0) set_arxiv_id(paper, doi.substr(15));
  add_external_id(paper, "doi", doi);
  Problems ignored;
  add_link(paper, "https://doi.org/" + doi, LinkKind::kPaper, "", ignored);
  return true;
}

bool finish_record(PaperRecord& paper, const std::string& where, Problems& problems) {
  if (paper.title.empty()) {
    problems.warning(where, "skipped a paper without a title");
    return false;
  }
  // Drop empty author names; a count given elsewhere stays as it is.
  paper.authors.erase(std::remove_if(paper.authors.begin(), paper.authors.end(),
                                     [](const std::string& name) { return name.empty(); }),
                      paper.authors.end());
  if (const size_t names = limit_author_names(paper)) {
    problems.warning(where, author_limit_message(names));
  }
  // Links written in the abstract ("Code: https://github.com/…") are links of the paper.
  add_links_from_text(paper, paper.abstract);
  const std::string* arxiv = find_external_id(paper, "arxiv");
  const std::string* doi = find_external_id(paper, "doi");
  paper.id =
      make_stable_id(arxiv ? *arxiv : std::string(), doi ? *doi : std::string(), paper.title);
  return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Dates
//-----------------------------------------------------------------------------

bool parse_iso_date(std::string_view text, PaperDate& date) {
  std::string error;
  return parse_date(trim_view(text), date, error);
}

int parse_month(std::string_view text) {
  std::string s;
  for (char c : trim_view(text)) {
    if (c == '.') continue;
    s += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  }
  if (s.empty()) return 0;
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (s.size() > 2) return 0;
    int m = 0;
    for (char c : s) m = m * 10 + (c - '0');
    return m >= 1 && m <= 12 ? m : 0;
  }
  static const char* const kNames[] = {"january",   "february", "march",    "april",
                                       "may",       "june",     "july",     "august",
                                       "september", "october",  "november", "december"};
  for (int m = 0; m < 12; ++m) {
    const std::string_view name = kNames[m];
    // "jan", "janv"… any prefix of three letters or more; "sept" too.
    if (s.size() >= 3 && s.size() <= name.size() && name.substr(0, s.size()) == s) return m + 1;
  }
  return 0;
}

bool parse_rfc2822_date(std::string_view text, PaperDate& date) {
  // [Day-name ","] day month-name year [time zone]
  std::string_view s = trim_view(text);
  const size_t comma = s.find(',');
  if (comma != std::string_view::npos && comma < 5) s = trim_view(s.substr(comma + 1));
  std::vector<std::string_view> parts;
  while (!s.empty() && parts.size() < 3) {
    const size_t space = s.find(' ');
    parts.push_back(s.substr(0, space));
    s = space == std::string_view::npos ? std::string_view() : trim_view(s.substr(space));
  }
  if (parts.size() < 3) return false;
  int day = 0, year = 0;
  for (char c : parts[0]) {
    if (c < '0' || c > '9' || day > 31) return false;
    day = day * 10 + (c - '0');
  }
  const int month = parts[1].size() >= 3 && !(parts[1][0] >= '0' && parts[1][0] <= '9')
                        ? parse_month(parts[1])
                        : 0;
  if (parts[2].size() != 4) return false;
  for (char c : parts[2]) {
    if (c < '0' || c > '9') return false;
    year = year * 10 + (c - '0');
  }
  std::string error;
  return month && make_date(year, month, day, date, error);
}

bool arxiv_id_month(std::string_view arxiv_id, PaperDate& date) {
  std::string_view digits = arxiv_id;
  const size_t slash = arxiv_id.find('/');
  if (slash != std::string_view::npos) digits = arxiv_id.substr(slash + 1);
  if (digits.size() < 4) return false;
  int yy = 0, mm = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (digits[i] < '0' || digits[i] > '9') return false;
  }
  yy = (digits[0] - '0') * 10 + (digits[1] - '0');
  mm = (digits[2] - '0') * 10 + (digits[3] - '0');
  // arXiv began in August 1991: 91-99 are the 1900s.
  const int year = yy >= 91 ? 1900 + yy : 2000 + yy;
  std::string error;
  return make_date(year, mm, 0, date, error);
}

//-----------------------------------------------------------------------------
// [SECTION] JSON arrays a slice at a time
//-----------------------------------------------------------------------------

const JsonTop::Member* JsonTop::member(std::string_view key) const {
  for (const Member& m : members) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

bool scan_json_top(std::string_view text, JsonTop& top, Problems& problems) {
  JsonCursor cursor(text);
  // A UTF-8 byte order mark is not JSON, but editors write one.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") cursor.set_pos(3);
  const char first = cursor.peek();
  if (first != '[' && first != '{') {
    problems.error(line_column(text, cursor.pos()), "expected a JSON object or array");
    return false;
  }
  top.kind = first;
  if (!cursor.skip_value(top.whole)) {
    problems.error(line_column(text, cursor.error_pos()), cursor.error());
    return false;
  }
  if (!cursor.at_end()) {
    problems.error(line_column(text, cursor.pos()), "unexpected data after the end of the JSON");
    return false;
  }
  if (first == '[') return true;
  JsonCursor members(text, top.whole.begin + 1);
  if (members.consume('}')) return true;
  while (true) {
    ByteRange key, value;
    if (!members.scan_string(key)) {
      problems.error(line_column(text, members.error_pos()), "expected a member name");
      return false;
    }
    if (!members.consume(':')) {
      problems.error(line_column(text, members.pos()), "expected ':' after a member name");
      return false;
    }
    if (!members.skip_value(value)) {
      problems.error(line_column(text, members.error_pos()), members.error());
      return false;
    }
    JsonTop::Member member;
    decode_json_key(key.in(text), member.key);
    member.value = value;
    top.members.push_back(std::move(member));
    if (members.consume(',')) continue;
    if (members.consume('}')) return true;
    problems.error(line_column(text, members.pos()), "expected ',' or '}' after a member");
    return false;
  }
}

namespace {

// Skips the value at the cursor (text is what the cursor reads); on failure records the
// scanner's problem, placed by line and column and naming path.
bool skip_placed(JsonCursor& cursor, std::string_view text, const std::string& path,
                 ByteRange& value, Problems& problems) {
  if (cursor.skip_value(value)) return true;
  problems.error(line_column(text, cursor.error_pos()) + " (in " + path + ")", cursor.error());
  return false;
}

}  // namespace

JsonArrayWalker::JsonArrayWalker(std::string_view text, ByteRange array, std::string base_path)
    : text_(text), array_(array), base_(std::move(base_path)), pos_(array.begin + 1) {}

JsonArrayWalker::Next JsonArrayWalker::next(Json& item, std::string& path, Problems& problems) {
  ByteRange element;
  const Next next = next_range(element, path, problems);
  if (next != Next::kItem) return next;
  if (!parse_json_range(text_, element, path, item, problems)) {
    done_ = true;
    return Next::kError;
  }
  return Next::kItem;
}

JsonArrayWalker::Next JsonArrayWalker::next_start(size_t& begin, std::string& path,
                                                  Problems& problems) {
  if (done_ || text_.empty()) return Next::kEnd;
  JsonCursor cursor(text_.substr(0, array_.end), pos_);
  if (index_ > 0 && !cursor.consume(',')) {
    if (cursor.consume(']')) {
      done_ = true;
      pos_ = cursor.pos();
      return Next::kEnd;
    }
    problems.error(line_column(text_, cursor.pos()),
                   "expected ',' or ']' after an element of " + base_);
    done_ = true;
    return Next::kError;
  }
  if (index_ == 0 && cursor.consume(']')) {
    done_ = true;
    pos_ = cursor.pos();
    return Next::kEnd;
  }
  path = base_ + "[" + std::to_string(index_) + "]";
  cursor.peek();  // past white space
  begin = cursor.pos();
  return Next::kItem;
}

void JsonArrayWalker::element_end(size_t end) {
  pos_ = end;
  ++index_;
}

JsonArrayWalker::Next JsonArrayWalker::next_range(ByteRange& element, std::string& path,
                                                  Problems& problems) {
  size_t begin = 0;
  const Next next = next_start(begin, path, problems);
  if (next != Next::kItem) return next;
  const std::string_view array_text = text_.substr(0, array_.end);
  JsonCursor cursor(array_text, begin);
  if (!skip_placed(cursor, array_text, path, element, problems)) {
    done_ = true;
    return Next::kError;
  }
  element_end(cursor.pos());
  return Next::kItem;
}

namespace {

// Whether a string literal (with its quotes) holds only bytes that stand for themselves: no
// escapes, no control characters, valid UTF-8. Its value is then the bytes between the quotes,
// as a parser would decode them.
bool plain_json_string(std::string_view literal) {
  const std::string_view inner = literal.substr(1, literal.size() - 2);
  const char* end = inner.data() + inner.size();
  for (const char* p = skip_plain_json_words(inner.data(), end); p < end; ++p) {
    if (*p == '\\' || static_cast<unsigned char>(*p) < 0x20) return false;
  }
  return valid_utf8(inner);
}

// An array value, each object element pruned (other elements parsed whole).
bool parse_pruned_array(std::string_view text, ByteRange range, const std::string& path,
                        const std::vector<JsonKeep>& keep, Json& out, Problems& problems) {
  out = Json::array();
  JsonArrayWalker walker(text, range, path);
  ByteRange element;
  std::string element_path;
  for (;;) {
    const JsonArrayWalker::Next next = walker.next_range(element, element_path, problems);
    if (next == JsonArrayWalker::Next::kEnd) return true;
    if (next == JsonArrayWalker::Next::kError) return false;
    Json value;
    if (!parse_pruned(text, element, element_path, keep, value, problems)) return false;
    out.push_back(std::move(value));
  }
}

}  // namespace

bool parse_pruned(std::string_view text, ByteRange range, const std::string& path,
                  const std::vector<JsonKeep>& keep, Json& out, Problems& problems, size_t* end) {
  JsonCursor cursor(text.substr(0, range.end), range.begin);
  if (cursor.peek() != '{') {
    // Not an object: parsed whole (its nesting checked first), so its kind can be named.
    ByteRange value;
    if (!skip_placed(cursor, text, path, value, problems)) return false;
    if (end) *end = value.end;
    return parse_json_range(text, end ? value : range, path, out, problems);
  }
  auto finish = [&]() {
    if (end) {
      *end = cursor.pos();
      return true;
    }
    if (cursor.at_end()) return true;
    problems.error(line_column(text, cursor.pos()) + " (in " + path + ")",
                   "unexpected data after the end of the value");
    return false;
  };
  cursor.consume('{');
  out = Json::object();
  if (cursor.consume('}')) return finish();
  for (;;) {
    ByteRange key_range, value;
    if (!cursor.scan_string(key_range)) {
      problems.error(
          line_column(text, cursor.error_pos()) + " (in " + path + ")",
          cursor.error() == "expected a string" ? "expected a member name" : cursor.error());
      return false;
    }
    if (!cursor.consume(':')) {
      problems.error(line_column(text, cursor.pos()) + " (in " + path + ")",
                     "expected ':' after a member name");
      return false;
    }
    if (!skip_placed(cursor, text, path, value, problems)) return false;
    // Member names are nearly always plain: compared in place, decoded only when escaped.
    std::string_view key = text.substr(key_range.begin + 1, key_range.end - key_range.begin - 2);
    std::string decoded_key;
    if (key.find('\\') != std::string_view::npos) {
      decode_json_key(key_range.in(text), decoded_key);
      key = decoded_key;
    }
    for (const JsonKeep& k : keep) {
      if (k.key != key) continue;
      Json member;
      const char first = text[value.begin];
      if (first == '"' && plain_json_string(value.in(text))) {
        // Most kept values: a string with nothing to decode.
        out[std::string(key)] =
            std::string_view(text.data() + value.begin + 1, value.end - value.begin - 2);
        break;
      }
      const std::string member_path = path + "." + std::string(key);
      bool ok;
      if (k.members && first == '{') {
        ok = parse_pruned(text, value, member_path, *k.members, member, problems);
      } else if (k.elements && first == '[') {
        ok = parse_pruned_array(text, value, member_path, *k.elements, member, problems);
      } else {
        ok = parse_json_range(text, value, member_path, member, problems);
      }
      if (!ok) return false;
      // A repeated member: the last wins, as in a full parse.
      out[std::string(key)] = std::move(member);
      break;
    }
    if (cursor.consume(',')) continue;
    if (cursor.consume('}')) return finish();
    problems.error(line_column(text, cursor.pos()) + " (in " + path + ")",
                   "expected ',' or '}' after a member");
    return false;
  }
}

double JsonArrayWalker::progress() const {
  if (done_) return 1.0;
  if (text_.empty() || array_.end <= array_.begin) return 0.0;  // not started
  return static_cast<double>(pos_ - array_.begin) / static_cast<double>(array_.end - array_.begin);
}

bool JsonRecordsReader::step(size_t max_papers, std::vector<PaperRecord>& out) {
  if (done_) return true;
  if (!started_) {
    started_ = true;
    JsonTop top;
    size_t start = text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    while (start < text_.size() && (text_[start] == ' ' || text_[start] == '\n' ||
                                    text_[start] == '\r' || text_[start] == '\t')) {
      ++start;
    }
    if (start < text_.size() && text_[start] == '[') {
      // A list is checked as it is read (no scan of the whole text first: a big file
      // would block a frame); what follows its end is checked when it ends.
      top.kind = '[';
      top.whole = ByteRange{start, text_.size()};
      lazy_top_ = true;
    } else if (!scan_json_top(text_, top, problems)) {
      return done_ = true;
    }
    if (!locate(top)) return done_ = true;
  }
  if (single_) {
    Json item;
    if (parse_record(ByteRange{0, text_.size()}, "$", item)) {
      PaperRecord paper;
      if (read(item, "$", paper)) out.push_back(std::move(paper));
    }
    return done_ = true;
  }
  for (size_t n = 0; n < max_papers; ++n) {
    Json item;
    std::string path;
    size_t begin = 0, end = 0;
    const JsonArrayWalker::Next next = walker_.next_start(begin, path, problems);
    if (next == JsonArrayWalker::Next::kEnd && lazy_top_) {
      JsonCursor rest(text_, walker_.end_pos());
      if (!rest.at_end()) {
        problems.error(line_column(text_, rest.pos()), "unexpected data after the end of the JSON");
      }
    }
    if (next != JsonArrayWalker::Next::kItem) return done_ = true;
    if (!parse_element(begin, path, item, end)) return done_ = true;
    walker_.element_end(end);
    if (item.is_null()) continue;  // lists of lookups hold null for what was not found
    PaperRecord paper;
    if (read(item, path, paper)) out.push_back(std::move(paper));
    if (problems.full()) return done_ = true;
  }
  return false;
}

bool JsonRecordsReader::parse_element(size_t begin, const std::string& path, Json& item,
                                      size_t& end) {
  JsonCursor cursor(text_, begin);
  ByteRange range;
  if (!skip_placed(cursor, text_, path, range, problems)) return false;
  end = range.end;
  return parse_record(range, path, item);
}

double JsonRecordsReader::progress() const {
  return done_ ? 1.0 : walker_.progress();
}

bool JsonRecordsReader::parse_member(const JsonTop& top, const char* key, Json& out) {
  const JsonTop::Member* member = top.member(key);
  return member && parse_json_range(text_, member->value, std::string("$.") + key, out, problems);
}

const Json* json_member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string json_text(const Json& object, const char* key) {
  const Json* value = json_member(object, key);
  if (!value) return {};
  if (value->is_string()) return value->get_ref<const std::string&>();
  if (value->is_number_unsigned()) return std::to_string(value->get<uint64_t>());
  if (value->is_number_integer()) return std::to_string(value->get<int64_t>());
  return {};
}

}  // namespace ps
