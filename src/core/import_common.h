// What the importers share: tidying text from other systems, adding ids, links and tags
// without duplicates, dates in the shapes other systems write them, and walking a JSON array
// one element at a time (so a big file is read a slice per frame).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/importers.h"
#include "core/json_read.h"
#include "core/load_result.h"
#include "core/paper.h"

namespace ps {

// [SECTION] Text
// Valid UTF-8 (invalid bytes become U+FFFD), no control characters (tabs and line breaks
// become spaces unless keep_newlines), trimmed.
std::string clean_text(std::string_view text, bool keep_newlines = false);
// clean_text with every run of white space made one space: titles, names, venues.
std::string one_line(std::string_view text);
// An abstract: hard line wraps joined, paragraphs kept. A line break followed by indentation
// or a blank line starts a paragraph (arXiv's convention); other line breaks are wraps.
std::string tidy_abstract(std::string_view text);
// "C. -P." → "C.-P." (arXiv's authors_parsed splits hyphenated initials).
std::string tidy_name(std::string_view name);

// [SECTION] Building a record
// Each of these ignores empty values and values the record already has.
void add_tag(PaperRecord& paper, TagKind kind, std::string_view value);
// scheme "arxiv", "doi", "s2", … The first value of a scheme wins.
void add_external_id(PaperRecord& paper, std::string_view scheme, std::string_view value);
// An http(s) link; anything else is dropped with a warning at `where`. kind kOther means
// "classify it from the URL".
void add_link(PaperRecord& paper, std::string_view url, LinkKind kind, const std::string& where,
              Problems& problems);
// A URL written without its scheme ("kar.kent.ac.uk/67611/x.pdf", as BibTeX and CSL
// exports sometimes hold) gets https://; anything else is returned as it is.
std::string url_with_scheme(const std::string& url);
// Every http(s) URL written in prose (an abstract, an arXiv comment) as a link, classified
// ("Code: https://github.com/a/b." → a code link to https://github.com/a/b).
void add_links_from_text(PaperRecord& paper, std::string_view text);
// The arXiv id (any spelling: "arXiv:2504.02345v2", an abs URL) as an external id, with its
// abstract page as a paper link (and its PDF when with_pdf). False when text is not an id.
bool set_arxiv_id(PaperRecord& paper, std::string_view text, bool with_pdf = false);
// Looks for an arXiv id written in text ("arXiv:2312.07321 [math.DG]", "arXiv: 2106.14987",
// "https://arxiv.org/abs/2106.14987") and sets it. False when there is none.
bool find_arxiv_id_in_text(PaperRecord& paper, std::string_view text);
// The DOI (any spelling) as an external id, with its doi.org link. False when not a DOI.
bool set_doi(PaperRecord& paper, std::string_view text);
const std::string* find_external_id(const PaperRecord& paper, std::string_view scheme);
// Last step for every imported paper: checks the title (a paper without one is skipped
// with a warning at `where`), adds the http(s) links its abstract mentions, and sets the
// stable id. False: skip it.
bool finish_record(PaperRecord& paper, const std::string& where, Problems& problems);

// [SECTION] Dates
// ISO dates and date-times ("2025-04-03", "2025-04-03T12:00:00.000Z", "2025-04", "2025").
bool parse_iso_date(std::string_view text, PaperDate& date);
// RFC 2822 dates as arXiv writes versions: "Mon, 2 Apr 2007 19:18:42 GMT".
bool parse_rfc2822_date(std::string_view text, PaperDate& date);
// "jan", "January", "1", "01" → 1..12; 0 when not a month.
int parse_month(std::string_view text);
// The month a new-style arXiv id was submitted in ("2504.02345" → 2025-04); false for
// old-style ids (they carry a yymm too: "hep-th/9901001" → 1999-01).
bool arxiv_id_month(std::string_view arxiv_id, PaperDate& date);

// [SECTION] JSON arrays a slice at a time
struct JsonTop {
  char kind = 0;  // '[' or '{' (anything else was refused)
  ByteRange whole;
  struct Member {
    std::string key;
    ByteRange value;
  };
  std::vector<Member> members;  // for an object: its members in order
  const Member* member(std::string_view key) const;
};
// Scans the top level of text without building it: the structure must be sound (brackets,
// strings, no data after the end) or a problem placed by line and column is recorded.
bool scan_json_top(std::string_view text, JsonTop& top, Problems& problems);

class JsonArrayWalker {
 public:
  JsonArrayWalker() = default;
  // array: the range of a '[' … ']' value inside text; base_path names it ("$", "$.data").
  JsonArrayWalker(std::string_view text, ByteRange array, std::string base_path);
  enum class Next { kItem, kEnd, kError };
  // The next element, parsed; path is its JSON path ("$.data[3]").
  Next next(Json& item, std::string& path, Problems& problems);
  // The next element's byte range, not parsed.
  Next next_range(ByteRange& element, std::string& path, Problems& problems);
  // Or, for a caller that reads the element itself (in one pass, finding its end as it
  // goes): where the next element starts, and then, once it is read, where it ended.
  Next next_start(size_t& begin, std::string& path, Problems& problems);
  void element_end(size_t end);
  double progress() const;
  size_t count() const { return index_; }
  // After kEnd: just past the closing ']'.
  size_t end_pos() const { return pos_; }

 private:
  std::string_view text_;
  ByteRange array_;
  std::string base_;
  size_t pos_ = 0;
  size_t index_ = 0;
  bool done_ = false;
};

// Parsing only what a reader uses: big members nobody reads (avatars, submitter objects)
// are skipped by the structural scanner instead of being built. A keep list names the
// members to keep; `members` prunes an object value the same way, `elements` each object
// element of an array value. Members not named are skipped (their brackets and strings are
// still checked). A value that is not an object is parsed whole, so wrong types still
// report what they are. Recursion follows the keep list (a few levels), never the input.
struct JsonKeep {
  std::string_view key;
  const std::vector<JsonKeep>* members = nullptr;
  const std::vector<JsonKeep>* elements = nullptr;
};
// With `end`, the value may be followed by more text in range: *end is set to just past it
// (the caller says what may follow); without, anything but white space after it is an error.
bool parse_pruned(std::string_view text, ByteRange range, const std::string& path,
                  const std::vector<JsonKeep>& keep, Json& out, Problems& problems,
                  size_t* end = nullptr);

// A reader for JSON formats whose records are objects in a list (or one object alone): the
// top level is scanned once, then records are parsed and converted one at a time.
class JsonRecordsReader : public PaperReader {
 public:
  explicit JsonRecordsReader(std::string_view text) : text_(text) {}
  bool step(size_t max_papers, std::vector<PaperRecord>& out) final;
  double progress() const final;

 protected:
  // Called once with the top level: calls walk_array() or read_top_as_one_record(), or
  // records a problem and returns false.
  virtual bool locate(const JsonTop& top) = 0;
  // One record to a paper. False when it is not added (a problem or a skip was recorded;
  // count skips in `skipped`).
  virtual bool read(const Json& item, const std::string& path, PaperRecord& paper) = 0;
  // Parses one record (by default whole; readers may prune with parse_pruned).
  virtual bool parse_record(ByteRange range, const std::string& path, Json& item) {
    return parse_json_range(text_, range, path, item, problems);
  }
  // Parses the element of the list that starts at begin and sets end to just past it. By
  // default finds its end, then calls parse_record; readers that can parse and find the end
  // in one pass (parse_pruned) override it.
  virtual bool parse_element(size_t begin, const std::string& path, Json& item, size_t& end);

  void walk_array(ByteRange array, std::string path) {
    walker_ = JsonArrayWalker(text_, array, std::move(path));
  }
  void read_top_as_one_record() { single_ = true; }
  // Parses one top-level member (for what the input says about itself).
  bool parse_member(const JsonTop& top, const char* key, Json& out);

  std::string_view text_;

 private:
  JsonArrayWalker walker_;
  bool started_ = false, single_ = false, done_ = false;
  bool lazy_top_ = false;  // a top-level list, checked as it is walked
};

// [SECTION] Small JSON helpers for formats with loose typing
// A string member, or a number written as text ("2020" or 2020 → "2020"); "" otherwise.
std::string json_text(const Json& object, const char* key);
const Json* json_member(const Json& object, const char* key);  // nullptr when absent or null

}  // namespace ps
