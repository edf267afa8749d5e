// Index of this file
// [SECTION] Characters and names
// [SECTION] Entries: @type{key, …}, @string, @comment, @preamble, recovery
// [SECTION] Values: {braced}, "quoted", numbers, macros, # concatenation
#include "core/bibtex.h"

namespace ps {

//-----------------------------------------------------------------------------
// [SECTION] Characters and names
//-----------------------------------------------------------------------------

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Characters of entry types, field names, keys of @string and macro names: BibTeX allows
// almost anything printable except these.
bool is_name_char(char c) {
  if (is_space(c) || static_cast<unsigned char>(c) < 0x20) return false;
  switch (c) {
    case '=':
    case ',':
    case '{':
    case '}':
    case '(':
    case ')':
    case '"':
    case '#':
    case '%':
    case '\'':
    case '@':
      return false;
    default:
      return true;
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  return out;
}

const char* month_macro(std::string_view name) {
  static const char* const kMonths[][2] = {
      {"jan", "January"},   {"feb", "February"}, {"mar", "March"},    {"apr", "April"},
      {"may", "May"},       {"jun", "June"},     {"jul", "July"},     {"aug", "August"},
      {"sep", "September"}, {"oct", "October"},  {"nov", "November"}, {"dec", "December"}};
  for (const auto& m : kMonths) {
    if (name == m[0]) return m[1];
  }
  return nullptr;
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entries: @type{key, …}, @string, @comment, @preamble, recovery
//-----------------------------------------------------------------------------

const std::string* BibEntry::field(std::string_view name) const {
  for (const BibField& f : fields) {
    if (f.name == name) return &f.value;
  }
  return nullptr;
}

BibParser::BibParser(std::string_view text)
    : macro_budget_(kMacroBudgetBase + text.size()), text_(text), lines_(text) {}

void BibParser::error(size_t at, std::string message, Problems& problems) {
  problems.error(lines_.at(at), std::move(message));
}

void BibParser::warning(size_t at, std::string message, Problems& problems) {
  problems.warning(lines_.at(at), std::move(message));
}

void BibParser::skip_space() {
  while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
}

// After an error: the next '@' that begins a line (after optional white space).
void BibParser::resync() {
  while (pos_ < text_.size()) {
    const size_t newline = text_.find('\n', pos_);
    if (newline == std::string_view::npos) {
      pos_ = text_.size();
      return;
    }
    size_t i = newline + 1;
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    pos_ = i;
    if (i < text_.size() && text_[i] == '@') return;
  }
}

bool BibParser::skip_balanced(char open, char close) {
  // pos_ is just after the opening delimiter.
  size_t depth = 1;
  for (; pos_ < text_.size(); ++pos_) {
    const char c = text_[pos_];
    if (c == open) ++depth;
    if (c == close && --depth == 0) {
      ++pos_;
      return true;
    }
  }
  return false;
}

bool BibParser::next(BibEntry& entry, Problems& problems) {
  while (pos_ < text_.size()) {
    const size_t at = text_.find('@', pos_);
    if (at == std::string_view::npos) {
      pos_ = text_.size();
      return false;
    }
    pos_ = at + 1;
    skip_space();
    const size_t type_begin = pos_;
    while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    if (pos_ == type_begin) continue;  // an '@' in a comment, an e-mail address …
    const std::string type = lower(text_.substr(type_begin, pos_ - type_begin));
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '{' && text_[pos_] != '(')) {
      if (type == "comment") continue;  // "@comment" alone comments out nothing more
      continue;                         // text like "contact@example.org"
    }
    const char open = text_[pos_];
    const char close = open == '{' ? '}' : ')';
    ++pos_;
    if (type == "comment" || type == "preamble") {
      if (!skip_balanced(open, close)) {
        error(at, "@" + type + " never closes (missing '" + close + "')", problems);
        return false;
      }
      continue;
    }
    entry = BibEntry();
    entry.type = type;
    entry.offset = at;
    if (parse_body(close, entry, type == "string", problems) == Result::kError) {
      resync();
      if (problems.full()) pos_ = text_.size();
      continue;
    }
    if (type == "string") {
      for (const BibField& f : entry.fields) macros_[f.name] = f.value;
      continue;
    }
    return true;
  }
  return false;
}

BibParser::Result BibParser::parse_body(char close, BibEntry& entry, bool is_string,
                                        Problems& problems) {
  skip_space();
  if (!is_string) {
    // The key: up to the first ',' (or the closing delimiter). "@misc{title = …" has none.
    const size_t key_begin = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != close &&
           !is_space(text_[pos_]) && text_[pos_] != '=') {
      if (close == '}' && text_[pos_] == '{') break;
      ++pos_;
    }
    const size_t key_end = pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '=') {
      pos_ = key_begin;  // it was a field name
    } else {
      entry.key = std::string(text_.substr(key_begin, key_end - key_begin));
      if (pos_ < text_.size() && text_[pos_] == close) {
        ++pos_;
        return Result::kOk;
      }
      if (pos_ >= text_.size() || text_[pos_] != ',') {
        error(pos_, "expected ',' after the key of @" + entry.type + "{" + entry.key.substr(0, 40),
              problems);
        return Result::kError;
      }
      ++pos_;
    }
  }
  while (true) {
    skip_space();
    if (pos_ >= text_.size()) {
      error(entry.offset,
            "@" + entry.type + (entry.key.empty() ? "" : "{" + entry.key.substr(0, 40)) +
                " never closes (missing '" + close + "')",
            problems);
      return Result::kError;
    }
    if (text_[pos_] == close) {
      ++pos_;
      return Result::kOk;
    }
    const size_t name_begin = pos_;
    while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
    if (pos_ == name_begin) {
      error(pos_, std::string("expected a field name, found '") + text_[pos_] + "'", problems);
      return Result::kError;
    }
    BibField field;
    field.name = lower(text_.substr(name_begin, pos_ - name_begin));
    field.offset = name_begin;
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '=') {
      error(pos_, "expected '=' after the field name \"" + field.name.substr(0, 40) + "\"",
            problems);
      return Result::kError;
    }
    ++pos_;
    if (!parse_value(field.value, problems)) return Result::kError;
    const std::string name = field.name;
    bool duplicate = false;
    for (const BibField& f : entry.fields) duplicate = duplicate || f.name == field.name;
    if (duplicate) {
      warning(field.offset, "the field \"" + field.name + "\" appears twice: the first is kept",
              problems);
    } else {
      entry.fields.push_back(std::move(field));
    }
    skip_space();
    if (pos_ >= text_.size()) continue;  // reported as an entry that never closes
    if (text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < text_.size() && text_[pos_] == close) {
      ++pos_;
      return Result::kOk;
    }
    error(pos_,
          std::string("expected ',' or '") + close + "' after the value of \"" +
              name.substr(0, 40) + "\"",
          problems);
    return Result::kError;
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Values: {braced}, "quoted", numbers, macros, # concatenation
//-----------------------------------------------------------------------------

bool BibParser::parse_value(std::string& value, Problems& problems) {
  while (true) {
    skip_space();
    if (pos_ >= text_.size()) {
      error(pos_, "expected a value, found the end of the file", problems);
      return false;
    }
    const char c = text_[pos_];
    if (c == '{') {
      if (!read_braced(value, problems)) return false;
    } else if (c == '"') {
      if (!read_quoted(value, problems)) return false;
    } else if (c >= '0' && c <= '9') {
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
        value += text_[pos_++];
    } else if (is_name_char(c)) {
      const size_t begin = pos_;
      while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
      const std::string name = lower(text_.substr(begin, pos_ - begin));
      auto it = macros_.find(name);
      if (it != macros_.end()) {
        macro_bytes_ += it->second.size();
        if (macro_bytes_ > macro_budget_) {
          error(begin,
                "the @string macros expand to more than " + std::to_string(macro_budget_ >> 20) +
                    " MB in all (\"" + name.substr(0, 40) + "\" is " +
                    std::to_string(it->second.size()) + " bytes long)",
                problems);
          return false;
        }
        value += it->second;
      } else if (const char* month = month_macro(name)) {
        value += month;
      } else {
        warning(begin, "unknown @string macro \"" + name.substr(0, 40) + "\" (read as empty)",
                problems);
      }
    } else {
      error(pos_,
            std::string("expected a value ({…}, \"…\", a number or a macro), found '") + c + "'",
            problems);
      return false;
    }
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '#') {
      ++pos_;
      continue;
    }
    return true;
  }
}

bool BibParser::read_braced(std::string& out, Problems& problems) {
  const size_t begin = pos_;
  size_t depth = 0;
  for (; pos_ < text_.size(); ++pos_) {
    const char c = text_[pos_];
    if (c == '\\' && pos_ + 1 < text_.size() &&
        (text_[pos_ + 1] == '{' || text_[pos_ + 1] == '}')) {
      // \{ and \} are characters, not grouping (biber agrees; BibTeX counts them).
      if (depth > 0) out.append(text_.data() + pos_, 2);
      ++pos_;
      continue;
    }
    if (c == '{') {
      if (depth++ == 0) continue;
    } else if (c == '}') {
      if (--depth == 0) {
        ++pos_;
        return true;
      }
    }
    out += c;
  }
  error(begin, "this value never closes (a '{' without its '}')", problems);
  return false;
}

bool BibParser::read_quoted(std::string& out, Problems& problems) {
  const size_t begin = pos_++;
  size_t depth = 0;
  for (; pos_ < text_.size(); ++pos_) {
    const char c = text_[pos_];
    if (c == '\\' && pos_ + 1 < text_.size()) {
      out.append(text_.data() + pos_, 2);
      ++pos_;
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}') {
      if (depth == 0) {
        error(pos_, "a '}' without its '{' inside a quoted value", problems);
        return false;
      }
      --depth;
    }
    if (c == '"' && depth == 0) {
      ++pos_;
      return true;
    }
    out += c;
  }
  error(begin, "this quoted value never closes (a '\"' without its partner)", problems);
  return false;
}

}  // namespace ps
