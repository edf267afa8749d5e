// Evaluating a parsed query against a collection's index: which papers match, how well
// (BM25F over title, authors, tags, abstract), and which words to highlight. Sets of papers
// for single terms are cached, so typing one more word, or one more letter of the last word,
// re-evaluates only what changed.
#pragma once
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/bitset.h"
#include "core/paper_store.h"
#include "core/query.h"
#include "core/reading_list.h"
#include "core/search_index.h"

namespace ps {

// A word of the query as it was searched for: a prefix range of dictionary words, or the
// words a typo was corrected to.
struct SearchedWord {
  std::string typed;               // folded, as typed
  std::vector<uint32_t> word_ids;  // the dictionary words it stands for, if corrected
  uint32_t first = 0, last = 0;    // else the prefix range [first, last)
  bool corrected = false;
  uint8_t fields = kInAnyText;
  bool whole_word = false;  // phrase words other than the last match whole words
};

// A typo the engine worked around: "no results for 'transfromer'; showing 'transformer'".
struct Correction {
  std::string typed;
  std::string used;
};

struct QueryMatch {
  RowSet rows;
  std::vector<SearchedWord> positive_words;  // for ranking and highlighting (not under NOT)
  std::vector<Correction> corrections;
};

class QueryEvaluator {
 public:
  // Typos are looked for only in words at least this long (in characters).
  static constexpr size_t kMinTypoLength = 5;
  // ... and at most this long: a word has (length x alphabet) neighbours one edit away, each
  // a lookup, so a long pasted run of text would take seconds, and it is no typo anyway.
  static constexpr size_t kMaxTypoLength = 32;

  void reset(const PaperStore* store, const SearchIndex* index);
  // Where is: and mytag: look (may be null: they then match nothing).
  void set_reading_list(const ReadingList* list) { reading_list_ = list; }
  void evaluate(const QueryNode* root, QueryMatch& out);

  // When `now` is `before` with only its last word typed further ("diffusion mod" →
  // "diffusion mode"), the new matches are among the old ones: this checks just those, paper
  // by paper, when that is cheaper than reading the longer word's postings, and updates
  // `match` (computed for `before`). Returns false, changing nothing, when it does not apply.
  bool narrow(const QueryNode* before, const QueryNode* now, QueryMatch& match) const;
  bool always_narrow = false;       // tests: narrow whenever it applies, cheaper or not
  mutable uint64_t narrowings = 0;  // how many times narrow() applied (tests, benchmarks)

  // BM25F scores of the given rows for the query's positive words (score[row]).
  void score(const QueryMatch& match, const std::vector<uint32_t>& rows,
             std::vector<float>& scores) const;

  // Dictionary words within one edit (insertion, deletion, substitution, or a swap of two
  // neighbouring letters) of word, most frequent first.
  std::vector<uint32_t> words_within_one_edit(const std::string& word) const;

 private:
  struct CachedTerm {
    RowSet rows;
    std::vector<SearchedWord> words;
    std::vector<Correction> corrections;
  };
  // A single term's result, from the cache or computed (and then cached).
  const CachedTerm& cached_term(const QueryNode& node);
  void eval(const QueryNode* node, bool positive, RowSet& out, QueryMatch& match);
  void word_rows(SearchedWord& word, RowSet& out) const;
  void phrase_rows(const QueryNode& node, std::vector<SearchedWord>& words, RowSet& out) const;
  void range_rows(const QueryNode& node, RowSet& out) const;
  void has_rows(const QueryNode& node, RowSet& out) const;

  void reading_list_rows(const QueryNode& node, RowSet& out) const;
  void value_rows(const QueryNode& node, RowSet& out);
  // [Internal] folded tag values and venues, made on first use per collection.
  std::vector<std::string> folded_tags_;
  std::vector<std::string> folded_venues_;  // by row

  const PaperStore* store_ = nullptr;
  const SearchIndex* index_ = nullptr;
  const ReadingList* reading_list_ = nullptr;

  // [Internal] cache of single-term results, keyed by describe(term); least recently used
  // entries go first.
  static constexpr size_t kCacheSize = 64;
  std::list<std::pair<std::string, CachedTerm>> cache_;
  std::unordered_map<std::string, std::list<std::pair<std::string, CachedTerm>>::iterator>
      cache_index_;
};

}  // namespace ps
