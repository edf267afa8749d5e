// A BibTeX parser of our own (no well-kept C++ BibTeX library is packaged). It reads what
// BibTeX and biber read: entries of any type (@article{key, …} or @article(key, …)), field
// names in any case, values in braces, in quotes, numbers and @string macros, joined with
// '#'; @string, @preamble and @comment; text outside entries is a comment.
//
// Values are returned as written between their delimiters (inner braces and TeX kept):
// latex_text.h turns them into Unicode. It never throws and never recurses: nesting is
// counted, so hostile input costs time proportional to its size only. A broken entry is
// reported (line and column) and reading resumes at the next '@' that starts a line.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/json_cursor.h"
#include "core/load_result.h"

namespace ps {

struct BibField {
  std::string name;   // lower-case
  std::string value;  // pieces joined, macros expanded, outer delimiters removed
  size_t offset = 0;  // where the field name starts
};

struct BibEntry {
  std::string type;  // lower-case: "article", "misc", …
  std::string key;   // may be empty
  std::vector<BibField> fields;
  size_t offset = 0;  // of the '@'
  // The field's value, or nullptr.
  const std::string* field(std::string_view name) const;
};

class BibParser {
 public:
  explicit BibParser(std::string_view text);

  // Reads the next entry (skipping comments, @string and @preamble). False at the end.
  // Problems are placed by line and column.
  bool next(BibEntry& entry, Problems& problems);
  double progress() const { return text_.empty() ? 1.0 : static_cast<double>(pos_) / text_.size(); }

 private:
  enum class Result { kOk, kError };
  Result parse_body(char close, BibEntry& entry, bool is_string, Problems& problems);
  bool parse_value(std::string& value, Problems& problems);
  bool read_braced(std::string& out, Problems& problems);
  bool read_quoted(std::string& out, Problems& problems);
  bool skip_balanced(char open, char close);
  void skip_space();
  void resync();
  void error(size_t at, std::string message, Problems& problems);
  void warning(size_t at, std::string message, Problems& problems);

  // @string macros built of macros double with each level ("billion laughs": 40 lines of
  // @string make a value of terabytes), so the bytes they expand to are counted, and past
  // this budget (generous for abbreviations used in every entry) a use is an error.
  static constexpr size_t kMacroBudgetBase = 16u << 20;
  size_t macro_budget_ = 0;  // kMacroBudgetBase + the size of the text
  size_t macro_bytes_ = 0;   // expanded so far

  std::string_view text_;
  LineColumns lines_;  // places problems (counting lines from the start for each would cost
                       // time quadratic in the size of a file with many warnings)
  size_t pos_ = 0;
  std::unordered_map<std::string, std::string> macros_;
};

}  // namespace ps
