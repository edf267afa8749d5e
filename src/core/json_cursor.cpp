#include "core/json_cursor.h"

#include <cstring>

namespace ps {

void JsonCursor::skip_ws() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
    ++pos_;
  }
}

bool JsonCursor::consume(char c) {
  skip_ws();
  if (pos_ < text_.size() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  return false;
}

char JsonCursor::peek() {
  skip_ws();
  return pos_ < text_.size() ? text_[pos_] : '\0';
}

bool JsonCursor::fail(std::string message, size_t at) {
  error_ = std::move(message);
  error_pos_ = at;
  return false;
}

bool JsonCursor::scan_string(ByteRange& range) {
  skip_ws();
  if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a string", pos_);
  const size_t begin = pos_;
  size_t i = pos_ + 1;
  const char* data = text_.data();
  const size_t n = text_.size();
  while (true) {
    const void* hit = std::memchr(data + i, '"', n - i);
    if (!hit) return fail("unterminated string", begin);
    size_t quote = static_cast<size_t>(static_cast<const char*>(hit) - data);
    // An odd number of backslashes before the quote escapes it.
    size_t backslashes = 0;
    while (quote - backslashes > begin + 1 && data[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) {
      pos_ = quote + 1;
      range = ByteRange{begin, pos_};
      return true;
    }
    i = quote + 1;
  }
}

bool JsonCursor::skip_value(ByteRange& range) {
  skip_ws();
  const size_t begin = pos_;
  if (pos_ >= text_.size()) return fail("expected a value, found the end of the input", pos_);
  const char first = text_[pos_];
  if (first == '"') return scan_string(range);
  if (first == '{' || first == '[') {
    // Brackets are only counted here; the parser that reads the range checks that each
    // closes what it should.
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        ByteRange ignored;
        if (!scan_string(ignored)) return false;
        continue;
      }
      if (c == '{' || c == '[') {
        if (++depth > kMaxDepth) {
          return fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels", pos_);
        }
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          pos_++;
          range = ByteRange{begin, pos_};
          return true;
        }
      }
      ++pos_;
    }
    return fail(first == '{' ? "unterminated object" : "unterminated array", begin);
  }
  if (first == '}' || first == ']' || first == ',' || first == ':') {
    return fail(std::string("expected a value, found '") + first + "'", pos_);
  }
  // A number or a literal: up to the next structural byte or space.
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == ',' || c == '}' || c == ']' || c == ':' || c == ' ' || c == '\n' || c == '\r' ||
        c == '\t' || c == '"' || c == '{' || c == '[') {
      break;
    }
    ++pos_;
  }
  range = ByteRange{begin, pos_};
  return true;
}

std::string line_column(std::string_view text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

std::string LineColumns::at(size_t offset) {
  if (offset > text_.size()) offset = text_.size();
  if (offset < offset_) offset_ = 0, line_ = 1, line_start_ = 0;  // back: count again
  for (size_t i = offset_; i < offset; ++i) {
    const void* newline = std::memchr(text_.data() + i, '\n', offset - i);
    if (!newline) break;
    i = static_cast<size_t>(static_cast<const char*>(newline) - text_.data());
    ++line_;
    line_start_ = i + 1;
  }
  offset_ = offset;
  return "line " + std::to_string(line_) + ", column " + std::to_string(offset - line_start_ + 1);
}

bool decode_json_key(std::string_view literal, std::string& out) {
  if (literal.size() < 2 || literal.front() != '"' || literal.back() != '"') return false;
  out.clear();
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    const char c = literal[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i + 1 >= literal.size()) return false;
    switch (literal[i]) {
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '/':
        out.push_back('/');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      default:
        out.push_back('?');
        i += 4;
        break;  // \uXXXX: no key we read uses one
    }
  }
  return true;
}

const char* json_kind_at(std::string_view value) {
  if (value.empty()) return "nothing";
  switch (value.front()) {
    case '"':
      return "a string";
    case '{':
      return "an object";
    case '[':
      return "an array";
    case 't':
    case 'f':
      return "a boolean";
    case 'n':
      return "null";
    default:
      return "a number";
  }
}

}  // namespace ps
