// A structural scanner for JSON text: finds where values begin and end without building
// them, so big inputs can be split into element ranges and parsed a slice at a time (and so
// every problem can be placed by byte offset). It checks nesting depth, which keeps hostile
// inputs (100,000 nested brackets) away from any recursive code.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace ps {

struct ByteRange {
  size_t begin = 0;
  size_t end = 0;
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
};

class JsonCursor {
 public:
  static constexpr int kMaxDepth = 200;

  explicit JsonCursor(std::string_view text, size_t pos = 0) : text_(text), pos_(pos) {}

  size_t pos() const { return pos_; }
  void set_pos(size_t pos) { pos_ = pos; }
  bool at_end() {
    skip_ws();
    return pos_ >= text_.size();
  }
  // Skips whitespace; then consumes c if it is next.
  bool consume(char c);
  char peek();  // next non-space byte, or 0 at the end
  // A string value (cursor on its opening quote): its range including the quotes.
  bool scan_string(ByteRange& range);
  // Any value: its range. Containers are matched bracket for bracket, strings skipped.
  bool skip_value(ByteRange& range);

  // Why the last scan failed, and where (byte offset).
  const std::string& error() const { return error_; }
  size_t error_pos() const { return error_pos_; }

 private:
  void skip_ws();
  bool fail(std::string message, size_t at);

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
  size_t error_pos_ = 0;
};

// "line 3, column 14" for a byte offset (columns count bytes, 1-based).
std::string line_column(std::string_view text, size_t offset);

// line_column for offsets asked for in increasing order (the entries of a file, as they are
// read): lines are counted on from the last offset, not from the start each time, which
// would cost time quadratic in the size of the file.
class LineColumns {
 public:
  explicit LineColumns(std::string_view text) : text_(text) {}
  std::string at(size_t offset);

 private:
  std::string_view text_;
  size_t offset_ = 0, line_ = 1, line_start_ = 0;
};

// Decodes a JSON string literal (with quotes) that holds no escapes or only simple ones;
// used for object keys. Returns false when it is not a valid string literal.
bool decode_json_key(std::string_view literal, std::string& out);

// "a string", "a number", … for messages, from the first byte of a value.
const char* json_kind_at(std::string_view value);

}  // namespace ps
