// The query language (docs/query-language.md): bare words, "quoted phrases", -exclusions,
// OR (or |) binding tighter than the implicit AND, parentheses, and field terms
// (title:, author:, abstract:/abs:, tag:/cat:, venue:, id:, year:, date:, upvotes:, has:).
// parse_query turns text into a tree, or an error that says where.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ps {

// Which text fields a text term looks in (bits, as in the index's postings).
enum TextField : uint8_t {
  kInTitle = 1,
  kInAuthors = 2,
  kInTags = 4,
  kInAbstract = 8,
  kInVenue = 16,
};
constexpr uint8_t kInAnyText = kInTitle | kInAuthors | kInTags | kInAbstract;

enum class HasWhat : uint8_t { kCode, kProject, kAbstract, kPdf, kVideo, kAuthors, kDate };

struct QueryNode {
  enum class Kind : uint8_t {
    kAnd,     // all children
    kOr,      // any child
    kNot,     // the one child must not match
    kWords,   // text: every word matches the start of a word in `fields` (bare words)
    kPhrase,  // text: the words appear consecutively in one of `fields`; the last may be a prefix
    kId,      // the paper's id is `text`
    kRange,   // a number range over `range_field`
    kHas,     // has:code, has:project, ...
    kIs,      // is:starred, is:read, is:unread, is:hidden (the reading list)
    kMyTag,   // mytag:x (your own tags, from the reading list)
    kValue,   // tag:"cs.CV", venue:"NeurIPS 2024": a whole tag or venue, exactly (folded)
  };
  enum class IsWhat : uint8_t { kStarred, kRead, kUnread, kHidden };
  enum class RangeField : uint8_t { kYear, kDate, kUpvotes };

  Kind kind = Kind::kAnd;
  std::vector<std::unique_ptr<QueryNode>> children;  // kAnd, kOr, kNot
  std::vector<std::string> words;                    // kWords, kPhrase: folded
  uint8_t fields = kInAnyText;                       // kWords, kPhrase
  std::string text;  // kId, kMyTag and kValue (folded); else the term as typed, for messages
  RangeField range_field = RangeField::kYear;  // kRange
  int64_t low = INT64_MIN, high = INT64_MAX;   // kRange, inclusive; dates as yyyymmdd
  HasWhat has = HasWhat::kCode;                // kHas
  IsWhat is = IsWhat::kStarred;                // kIs
  size_t column = 0;                           // where the term starts (1-based)
};

struct ParsedQuery {
  std::unique_ptr<QueryNode> root;  // nullptr when the query has no terms (matches everything)
  std::string error;                // "" when it parsed; else "column 7: unknown field 'foo'"
  size_t error_column = 0;
  bool ok() const { return error.empty(); }
  // Whether the query has any text term (then results are ranked by relevance).
  bool has_text = false;
  // Whether it asks about hidden papers (is:hidden): otherwise they are left out.
  bool mentions_hidden = false;
};

ParsedQuery parse_query(std::string_view text);

// The query as a canonical string (for tests and debugging): (and (words a b) (or …)).
std::string describe(const QueryNode* node);

}  // namespace ps
