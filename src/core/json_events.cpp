#include "core/json_events.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

#include "core/byte_search.h"
#include "core/text_fold.h"

namespace ps {

namespace {

constexpr std::size_t kUnknownSize = static_cast<std::size_t>(-1);  // as nlohmann's parser

class EventReader {
 public:
  EventReader(std::string_view text, nlohmann::json_sax<Json>& sax)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), sax_(sax) {}

  // Values are read in a loop, containers kept on a stack (no recursion, whatever the depth).
  // With `consumed`, the value may be followed by anything, and its length is set there;
  // without, nothing but white space may follow it.
  bool run(size_t* consumed) {
    for (;;) {
      skip_ws();
      if (p_ == end_) return false;
      const char c = *p_;
      if (c == '{' || c == '[') {
        ++p_;
        if (open_.size() >= static_cast<size_t>(JsonCursor::kMaxDepth)) return false;
        if (!(c == '{' ? sax_.start_object(kUnknownSize) : sax_.start_array(kUnknownSize)))
          return false;
        open_.push_back(c);
        skip_ws();
        const bool empty = p_ < end_ && *p_ == (c == '{' ? '}' : ']');
        if (!empty) {
          if (c == '{' && !key()) return false;
          continue;  // its first value
        }
      } else if (!scalar()) {
        return false;
      }
      if (!after_value()) return false;
      if (open_.empty()) {
        if (consumed) {
          *consumed = static_cast<size_t>(p_ - begin_);
          return true;
        }
        skip_ws();
        return p_ == end_;
      }
    }
  }

 private:
  void skip_ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  // After a value: closes the containers that end here; a comma then leads to the next value
  // (in an object, past its key). True with open_ empty when the whole value is read.
  bool after_value() {
    for (;;) {
      if (open_.empty()) return true;  // (white space after it is the caller's)
      skip_ws();
      if (p_ == end_) return false;
      const char open = open_.back();
      if (*p_ == (open == '{' ? '}' : ']')) {
        ++p_;
        open_.pop_back();
        if (!(open == '{' ? sax_.end_object() : sax_.end_array())) return false;
        continue;
      }
      if (*p_ != ',') return false;
      ++p_;
      if (open == '{') {
        skip_ws();
        return key();
      }
      return true;
    }
  }

  bool key() {
    if (p_ == end_ || *p_ != '"' || !string(text_) || !sax_.key(text_)) return false;
    skip_ws();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    return true;
  }

  bool literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      return false;
    p_ += word.size();
    return true;
  }

  bool scalar() {
    switch (*p_) {
      case '"':
        return string(text_) && sax_.string(text_);
      case 't':
        return literal("true") && sax_.boolean(true);
      case 'f':
        return literal("false") && sax_.boolean(false);
      case 'n':
        return literal("null") && sax_.null();
      default:
        return number();
    }
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? : integers as nlohmann sends them
  // (unsigned when not negative, a float when out of range), anything else a float.
  bool number() {
    const char* begin = p_;
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ == end_ || !is_digit(*p_)) return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    bool integral = true;
    if (p_ < end_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ < end_ && is_digit(*p_)) ++p_;
    }
    text_.assign(begin, p_);
    errno = 0;
    char* parsed_end = nullptr;
    if (integral && *begin == '-') {
      const long long v = std::strtoll(text_.c_str(), &parsed_end, 10);
      if (errno == 0 && parsed_end == text_.c_str() + text_.size())
        return sax_.number_integer(static_cast<int64_t>(v));
    } else if (integral) {
      const unsigned long long v = std::strtoull(text_.c_str(), &parsed_end, 10);
      if (errno == 0 && parsed_end == text_.c_str() + text_.size())
        return sax_.number_unsigned(static_cast<uint64_t>(v));
    }
    errno = 0;
    const double v = std::strtod(text_.c_str(), &parsed_end);
    // nlohmann rejects what overflows a double; give up there and let it say so.
    if (errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL)) return false;
    return sax_.number_float(v, text_);
  }

  bool hex4(uint32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      out <<= 4;
      if (c >= '0' && c <= '9')
        out |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        out |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        out |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // A string literal (p_ on its opening quote), unescaped into out. Runs without escapes are
  // copied whole. Escapes always make whole, valid UTF-8 sequences, so checking the result
  // checks every raw run between them; when no raw byte was non-ASCII (most strings), there
  // is nothing to check.
  bool string(std::string& out) {
    ++p_;
    out.clear();
    uint64_t raw_bytes = 0;  // every raw byte scanned, ORed
    for (;;) {
      const char* run = p_;
      p_ = skip_plain_json_words(p_, end_, raw_bytes);
      while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20)
        raw_bytes |= static_cast<unsigned char>(*p_++);
      out.append(run, p_);
      if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x20) return false;
      if (*p_++ == '"') break;
      if (p_ == end_) return false;
      const char escape = *p_++;
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out += escape;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {              // must pair with a low one
            uint32_t low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
    return (raw_bytes & swar::kHighs) == 0 || valid_utf8(out);
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  nlohmann::json_sax<Json>& sax_;
  std::vector<char> open_;  // '{' or '[' per open container
  std::string text_;        // the current string, key or number
};

}  // namespace

bool send_json_events(std::string_view text, nlohmann::json_sax<Json>& sax) {
  return EventReader(text, sax).run(nullptr);
}

bool send_json_events_prefix(std::string_view text, nlohmann::json_sax<Json>& sax,
                             size_t& consumed) {
  return EventReader(text, sax).run(&consumed);
}

}  // namespace ps
