// parse_query: a recursive-descent parser over the query text.
//   query  := clause*                      (implicit AND)
//   clause := unary (("OR" | "|") unary)*  (OR binds tighter than AND)
//   unary  := "-" atom | atom
//   atom   := "(" query ")" | "\"" phrase "\"" | field ":" value | word
// Every error names its column (1-based, in characters).
#include <cstdlib>

#include "core/paper_date.h"
#include "core/query.h"
#include "core/text_fold.h"

namespace ps {

namespace {

using Node = QueryNode;
using NodePtr = std::unique_ptr<QueryNode>;

const char* kFieldList =
    "title, author, abstract, tag, venue, id, year, date, upvotes, has, is, mytag";

NodePtr make(Node::Kind kind, size_t column) {
  auto node = std::make_unique<Node>();
  node->kind = kind;
  node->column = column;
  return node;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Stops a bare word or a field value.
bool ends_term(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '"' || c == '|';
}

bool parse_int(std::string_view text, int64_t& out) {
  if (text.empty() || text.size() > 12) return false;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  ParsedQuery run() {
    ParsedQuery result;
    NodePtr root = parse_and(/*inside_parens=*/false, 0);
    if (!error_.empty()) {
      result.error = "column " + std::to_string(error_column_) + ": " + error_;
      result.error_column = error_column_;
      return result;
    }
    result.root = std::move(root);
    result.has_text = has_text(result.root.get(), false);
    result.mentions_hidden = mentions_hidden(result.root.get());
    return result;
  }

 private:
  // Column of a byte offset, counting characters (UTF-8 continuation bytes do not count).
  // Counted from the last offset asked for, forwards or back (terms come in order; a group
  // asks for its start once it is read): from the start each time, a long pasted query of
  // many terms would cost time quadratic in its length.
  size_t column_of(size_t offset) {
    if (offset > text_.size()) offset = text_.size();
    auto starts_character = [&](size_t i) {
      return (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
    };
    for (; column_offset_ < offset; ++column_offset_) column_ += starts_character(column_offset_);
    for (; column_offset_ > offset; --column_offset_)
      column_ -= starts_character(column_offset_ - 1);
    return column_;
  }

  bool fail(size_t offset, std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_column_ = column_of(offset);
    }
    return false;
  }

  bool failed() const { return !error_.empty(); }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void skip_spaces() {
    while (!at_end() && is_space(text_[pos_])) ++pos_;
  }

  // "OR" as a word of its own, or "|".
  bool at_or() const {
    if (peek() == '|') return true;
    if (text_.compare(pos_, 2, "OR") != 0) return false;
    return pos_ + 2 >= text_.size() || ends_term(text_[pos_ + 2]);
  }
  void consume_or() { pos_ += peek() == '|' ? 1 : 2; }

  // An AND of clauses, up to the end or a ')' (which the caller consumes).
  NodePtr parse_and(bool inside_parens, size_t open_offset) {
    NodePtr node = make(Node::Kind::kAnd, column_of(pos_));
    while (!failed()) {
      skip_spaces();
      if (at_end()) {
        if (inside_parens) fail(open_offset, "'(' is never closed");
        break;
      }
      if (peek() == ')') {
        if (!inside_parens) fail(pos_, "')' without a matching '('");
        break;
      }
      NodePtr clause = parse_or();
      if (clause) node->children.push_back(std::move(clause));
    }
    return node;
  }

  NodePtr parse_or() {
    const size_t start = pos_;
    if (at_or()) {
      fail(pos_, "OR needs a term before it");
      return nullptr;
    }
    NodePtr first = parse_unary();
    if (failed()) return nullptr;
    NodePtr any;
    while (true) {
      const size_t before = pos_;
      skip_spaces();
      if (!at_or()) {
        pos_ = before;
        break;
      }
      const size_t or_offset = pos_;
      consume_or();
      skip_spaces();
      if (at_end() || peek() == ')' || at_or()) {
        fail(or_offset, "OR needs a term after it");
        return nullptr;
      }
      NodePtr next = parse_unary();
      if (failed()) return nullptr;
      if (!any) {
        any = make(Node::Kind::kOr, column_of(start));
        if (first) any->children.push_back(std::move(first));
      }
      if (next) any->children.push_back(std::move(next));
    }
    if (!any) return first;
    if (any->children.empty()) return nullptr;
    if (any->children.size() == 1) return std::move(any->children.front());
    return any;
  }

  NodePtr parse_unary() {
    if (peek() == '-') {
      const size_t minus = pos_;
      ++pos_;
      if (at_end() || is_space(peek()) || peek() == ')' || peek() == '|') {
        fail(minus, "'-' needs a term right after it (as in -word)");
        return nullptr;
      }
      NodePtr child = parse_atom();
      if (failed()) return nullptr;
      if (!child) return nullptr;  // "-!!!": nothing to exclude
      NodePtr node = make(Node::Kind::kNot, column_of(minus));
      node->children.push_back(std::move(child));
      return node;
    }
    return parse_atom();
  }

  NodePtr parse_atom() {
    const char c = peek();
    if (c == '(') {
      const size_t open = pos_++;
      // Everything that walks a query recurses into its groups: their depth is bounded.
      if (++depth_ > kMaxDepth) {
        fail(open, "parentheses nested deeper than " + std::to_string(kMaxDepth) + " levels");
        return nullptr;
      }
      NodePtr inner = parse_and(/*inside_parens=*/true, open);
      --depth_;
      if (failed()) return nullptr;
      ++pos_;  // ')'
      if (inner->children.empty()) {
        fail(open, "empty parentheses");
        return nullptr;
      }
      if (inner->children.size() == 1) return std::move(inner->children.front());
      return inner;
    }
    if (c == '"') return parse_phrase(kInAnyText, pos_);
    return parse_word_or_field();
  }

  // A quoted phrase starting at the cursor (on the opening quote).
  NodePtr parse_phrase(uint8_t fields, size_t term_offset) {
    const size_t open = pos_++;
    const size_t close = text_.find('"', pos_);
    if (close == std::string_view::npos) {
      fail(open, "'\"' is never closed");
      return nullptr;
    }
    const std::string_view inside = text_.substr(pos_, close - pos_);
    pos_ = close + 1;
    std::vector<std::string> words = split_words(inside);
    if (words.empty()) {
      fail(open, "empty phrase");
      return nullptr;
    }
    NodePtr node =
        make(words.size() == 1 ? Node::Kind::kWords : Node::Kind::kPhrase, column_of(term_offset));
    node->words = std::move(words);
    node->fields = fields;
    node->text = std::string(text_.substr(term_offset, pos_ - term_offset));
    return node;
  }

  std::string_view read_raw() {
    const size_t start = pos_;
    while (!at_end() && !ends_term(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  NodePtr parse_word_or_field() {
    const size_t start = pos_;
    // A field name: letters, then ':'.
    size_t i = pos_;
    while (i < text_.size() &&
           ((text_[i] >= 'a' && text_[i] <= 'z') || (text_[i] >= 'A' && text_[i] <= 'Z'))) {
      ++i;
    }
    const bool is_url = text_.compare(i, 3, "://") == 0;
    if (i > pos_ && i < text_.size() && text_[i] == ':' && !is_url) {
      std::string name(text_.substr(pos_, i - pos_));
      for (char& ch : name) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      pos_ = i + 1;
      return parse_field(name, start);
    }
    const std::string_view raw = read_raw();
    std::vector<std::string> words = split_words(raw);
    if (words.empty()) return nullptr;  // punctuation only: nothing to search for
    NodePtr node = make(Node::Kind::kWords, column_of(start));
    node->words = std::move(words);
    node->text = std::string(raw);
    return node;
  }

  NodePtr parse_field(const std::string& name, size_t start) {
    uint8_t fields = 0;
    if (name == "title")
      fields = kInTitle;
    else if (name == "author" || name == "authors")
      fields = kInAuthors;
    else if (name == "abstract" || name == "abs")
      fields = kInAbstract;
    else if (name == "tag" || name == "cat" || name == "tags")
      fields = kInTags;
    else if (name == "venue")
      fields = kInVenue;
    if (fields) {
      if (peek() == '"' && (fields == kInTags || fields == kInVenue)) {
        // A quoted tag or venue is that whole value (what a facet choice writes).
        const size_t open = pos_;
        const size_t close = text_.find('"', pos_ + 1);
        if (close == std::string_view::npos) {
          fail(open, "'\"' is never closed");
          return nullptr;
        }
        const std::string folded = fold_words_joined(text_.substr(pos_ + 1, close - pos_ - 1));
        pos_ = close + 1;
        if (folded.empty()) {
          fail(open, "empty phrase");
          return nullptr;
        }
        NodePtr node = make(Node::Kind::kValue, column_of(start));
        node->fields = fields;
        node->text = folded;
        return node;
      }
      if (peek() == '"') return parse_phrase(fields, start);
      const std::string_view raw = read_raw();
      if (raw.empty()) {
        fail(start, name + ": needs a value");
        return nullptr;
      }
      std::vector<std::string> words = split_words(raw);
      if (words.empty()) {
        fail(start + name.size() + 1,
             "'" + std::string(raw) + "' has no letters or digits to search for");
        return nullptr;
      }
      // tag:cs.CV means the words in that order, as a phrase does.
      NodePtr node =
          make(words.size() == 1 ? Node::Kind::kWords : Node::Kind::kPhrase, column_of(start));
      node->words = std::move(words);
      node->fields = fields;
      node->text = std::string(text_.substr(start, pos_ - start));
      return node;
    }
    const size_t value_offset = pos_;
    std::string_view raw;
    if (peek() == '"') {  // id:"…" and the like
      const size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) {
        fail(pos_, "'\"' is never closed");
        return nullptr;
      }
      raw = text_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
    } else {
      raw = read_raw();
    }
    if (raw.empty()) {
      fail(start, name + ": needs a value");
      return nullptr;
    }
    if (name == "id") {
      NodePtr node = make(Node::Kind::kId, column_of(start));
      node->text = std::string(raw);
      return node;
    }
    if (name == "has") return parse_has(raw, start, value_offset);
    if (name == "is") return parse_is(raw, start, value_offset);
    if (name == "mytag") {
      const std::string folded = fold_words_joined(raw);
      if (folded.empty()) {
        fail(value_offset, "'" + std::string(raw) + "' has no letters or digits to search for");
        return nullptr;
      }
      NodePtr node = make(Node::Kind::kMyTag, column_of(start));
      node->text = folded;
      return node;
    }
    if (name == "year") return parse_range(Node::RangeField::kYear, raw, start, value_offset);
    if (name == "date") return parse_range(Node::RangeField::kDate, raw, start, value_offset);
    if (name == "upvotes" || name == "votes") {
      return parse_range(Node::RangeField::kUpvotes, raw, start, value_offset);
    }
    fail(start, "unknown field '" + name + "' (fields: " + kFieldList + ")");
    return nullptr;
  }

  NodePtr parse_has(std::string_view raw, size_t start, size_t value_offset) {
    static const struct {
      const char* name;
      HasWhat what;
    } kHas[] = {{"code", HasWhat::kCode},         {"project", HasWhat::kProject},
                {"abstract", HasWhat::kAbstract}, {"pdf", HasWhat::kPdf},
                {"video", HasWhat::kVideo},       {"authors", HasWhat::kAuthors},
                {"date", HasWhat::kDate}};
    for (const auto& h : kHas) {
      if (raw == h.name) {
        NodePtr node = make(Node::Kind::kHas, column_of(start));
        node->has = h.what;
        node->text = "has:" + std::string(raw);
        return node;
      }
    }
    fail(value_offset, "has: takes code, project, abstract, pdf, video, authors or date (not '" +
                           std::string(raw) + "')");
    return nullptr;
  }

  NodePtr parse_is(std::string_view raw, size_t start, size_t value_offset) {
    static const struct {
      const char* name;
      Node::IsWhat what;
    } kIs[] = {{"starred", Node::IsWhat::kStarred},
               {"read", Node::IsWhat::kRead},
               {"unread", Node::IsWhat::kUnread},
               {"hidden", Node::IsWhat::kHidden}};
    for (const auto& i : kIs) {
      if (raw == i.name) {
        NodePtr node = make(Node::Kind::kIs, column_of(start));
        node->is = i.what;
        node->text = "is:" + std::string(raw);
        return node;
      }
    }
    fail(value_offset,
         "is: takes starred, read, unread or hidden (not '" + std::string(raw) + "')");
    return nullptr;
  }

  // One bound of a range: a year, a date or a count. For dates, `upper` picks the last day the
  // value may mean ("2024-06" → 20240630) rather than the first.
  bool parse_bound(Node::RangeField field, std::string_view text, bool upper, int64_t& out,
                   size_t offset) {
    if (field == Node::RangeField::kDate) {
      PaperDate date;
      std::string error;
      if (!parse_date(text, date, error) || text.size() > 10) {
        return fail(offset, "date: '" + std::string(text) + "': " +
                                (error.empty() ? "expected a date like 2024-06-30" : error));
      }
      out = upper ? date.last_day() : date.first_day();
      return true;
    }
    int64_t value = 0;
    if (!parse_int(text, value)) {
      return fail(offset, std::string(field == Node::RangeField::kYear ? "year" : "upvotes") +
                              ": '" + std::string(text) + "' is not a whole number");
    }
    if (field == Node::RangeField::kYear && (value < 1000 || value > 9999)) {
      return fail(offset, "year: " + std::string(text) + " is not a four-digit year");
    }
    out = value;
    return true;
  }

  NodePtr parse_range(Node::RangeField field, std::string_view raw, size_t start,
                      size_t value_offset) {
    NodePtr node = make(Node::Kind::kRange, column_of(start));
    node->range_field = field;
    node->text = std::string(text_.substr(start, pos_ - start));
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    std::string_view op;
    for (std::string_view candidate : {">=", "<=", ">", "<"}) {
      if (raw.substr(0, candidate.size()) == candidate) {
        op = candidate;
        break;
      }
    }
    if (!op.empty()) {
      const std::string_view value = raw.substr(op.size());
      const size_t offset = value_offset + op.size();
      int64_t bound = 0;
      // For a date, "> 2024-06" means after the whole of June; "< 2024-06" before all of it.
      const bool upper_side = op == ">" || op == "<=";
      if (!parse_bound(field, value, upper_side, bound, offset)) return nullptr;
      const bool dates = field == Node::RangeField::kDate;
      if (op == ">=")
        lo = bound;
      else if (op == ">")
        lo = dates ? next_day(static_cast<int32_t>(bound)) : bound + 1;
      else if (op == "<=")
        hi = bound;
      else
        hi = dates ? previous_day(static_cast<int32_t>(bound)) : bound - 1;
    } else {
      const size_t dots = raw.find("..");
      if (dots == std::string_view::npos) {
        if (!parse_bound(field, raw, false, lo, value_offset) ||
            !parse_bound(field, raw, true, hi, value_offset)) {
          return nullptr;
        }
      } else {
        const std::string_view from = raw.substr(0, dots);
        const std::string_view to = raw.substr(dots + 2);
        if (from.empty() && to.empty()) {
          fail(value_offset, "a range needs at least one end (as in 2019..2023)");
          return nullptr;
        }
        if (!from.empty() && !parse_bound(field, from, false, lo, value_offset)) return nullptr;
        if (!to.empty() && !parse_bound(field, to, true, hi, value_offset + dots + 2)) {
          return nullptr;
        }
        if (lo > hi) {
          fail(value_offset,
               "the range " + std::string(raw) + " is empty (its start is after its end)");
          return nullptr;
        }
      }
    }
    node->low = lo;
    node->high = hi;
    return node;
  }

  static bool mentions_hidden(const Node* node) {
    if (!node) return false;
    if (node->kind == Node::Kind::kIs && node->is == Node::IsWhat::kHidden) return true;
    for (const auto& child : node->children) {
      if (mentions_hidden(child.get())) return true;
    }
    return false;
  }

  static bool has_text(const Node* node, bool negated) {
    if (!node) return false;
    switch (node->kind) {
      case Node::Kind::kWords:
      case Node::Kind::kPhrase:
        return !negated;
      case Node::Kind::kNot:
        return has_text(node->children.front().get(), !negated);
      case Node::Kind::kAnd:
      case Node::Kind::kOr:
        for (const auto& child : node->children) {
          if (has_text(child.get(), negated)) return true;
        }
        return false;
      default:
        return false;
    }
  }

  static constexpr int kMaxDepth = 64;

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;                          // parentheses open around the cursor
  size_t column_offset_ = 0, column_ = 1;  // [Internal] column_of's last answer
  std::string error_;
  size_t error_column_ = 0;
};

const char* field_name(uint8_t fields) {
  switch (fields) {
    case kInTitle:
      return "title";
    case kInAuthors:
      return "author";
    case kInTags:
      return "tag";
    case kInAbstract:
      return "abstract";
    case kInVenue:
      return "venue";
    default:
      return "";
  }
}

}  // namespace

ParsedQuery parse_query(std::string_view text) {
  ParsedQuery parsed = Parser(text).run();
  // An AND of nothing is no query at all; an AND of one is that one.
  if (parsed.root && parsed.root->kind == Node::Kind::kAnd) {
    if (parsed.root->children.empty())
      parsed.root.reset();
    else if (parsed.root->children.size() == 1) {
      NodePtr only = std::move(parsed.root->children.front());
      parsed.root = std::move(only);
    }
  }
  return parsed;
}

std::string describe(const QueryNode* node) {
  if (!node) return "(all)";
  std::string out;
  auto words = [&]() {
    std::string w;
    for (const std::string& word : node->words) w += " " + word;
    return w;
  };
  switch (node->kind) {
    case Node::Kind::kAnd:
    case Node::Kind::kOr:
      out = node->kind == Node::Kind::kAnd ? "(and" : "(or";
      for (const auto& child : node->children) out += " " + describe(child.get());
      return out + ")";
    case Node::Kind::kNot:
      return "(not " + describe(node->children.front().get()) + ")";
    case Node::Kind::kWords:
    case Node::Kind::kPhrase: {
      out = node->kind == Node::Kind::kWords ? "(words" : "(phrase";
      if (node->fields != kInAnyText) out += std::string(" ") + field_name(node->fields) + ":";
      return out + words() + ")";
    }
    case Node::Kind::kId:
      return "(id " + node->text + ")";
    case Node::Kind::kRange: {
      const char* f = node->range_field == Node::RangeField::kYear   ? "year"
                      : node->range_field == Node::RangeField::kDate ? "date"
                                                                     : "upvotes";
      auto bound = [](int64_t v) {
        return v == INT64_MIN || v == INT64_MAX ? std::string("*") : std::to_string(v);
      };
      return std::string("(") + f + " " + bound(node->low) + ".." + bound(node->high) + ")";
    }
    case Node::Kind::kHas:
    case Node::Kind::kIs:
      return "(" + node->text + ")";
    case Node::Kind::kMyTag:
      return "(mytag " + node->text + ")";
    case Node::Kind::kValue:
      return std::string("(") + field_name(node->fields) + "= " + node->text + ")";
  }
  return out;
}

}  // namespace ps
