// Explorer: one collection with its index and the current query, filters and sort; the
// results are recomputed only when one of those changed. Everything the views show and the
// JS API reports comes from here; it knows nothing of ImGui or the browser.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/bitset.h"
#include "core/chunked.h"
#include "core/facets.h"
#include "core/paper_store.h"
#include "core/query.h"
#include "core/query_eval.h"
#include "core/reading_list.h"
#include "core/related.h"
#include "core/search_index.h"

namespace ps {

enum class SortField : uint8_t { kRelevance, kDate, kUpvotes, kTitle, kTrending };

struct SortOrder {
  SortField field = SortField::kDate;
  bool descending = true;  // newest, most upvoted, Z→A first; relevance and trending: always
  bool operator==(const SortOrder& o) const {
    return field == o.field && (descending == o.descending || !has_direction());
  }
  bool has_direction() const {
    return field != SortField::kRelevance && field != SortField::kTrending;
  }
  // "relevance", "trending", "date-desc", "title-asc", ...
  std::string name() const;
  static bool parse(std::string_view name, SortOrder& out);
};

struct Filters {
  int year_min = 0;            // 0: no lower bound. While either bound is set, undated
  int year_max = 0;            // papers are left out.
  bool has_code_only = false;  // only papers with a code link
  bool any() const { return year_min || year_max || has_code_only; }
  bool operator==(const Filters& o) const {
    return year_min == o.year_min && year_max == o.year_max && has_code_only == o.has_code_only;
  }
};

// A collection being indexed a slice at a time, while the explorer keeps showing the one it
// has: step() until it returns true, then Explorer::set_collection(std::move(job)).
//
// A chunked collection (chunked.h) comes with its index: its job checks the resident part's
// hash and decodes it, a slice at a time, and can fail (a damaged file): see error().
class IndexingJob {
 public:
  explicit IndexingJob(PaperStore store);
  IndexingJob(ChunkedManifest manifest, std::string resident);
  ~IndexingJob();
  bool step(size_t budget);  // about `budget` papers' worth of work
  double progress() const;
  // Why a chunked collection could not be read ("" when it could, or is not chunked).
  const std::string& error() const { return error_; }

 private:
  friend class Explorer;
  std::unique_ptr<PaperStore> store_;  // on the heap: the index refers to it while building
  std::unique_ptr<SearchIndex> index_;
  // Chunked: the manifest and resident bytes (on the heap: the decoder refers to them).
  std::unique_ptr<ChunkedManifest> manifest_;
  std::unique_ptr<std::string> resident_;
  std::unique_ptr<Xxh64> hasher_;
  size_t hashed_ = 0;
  std::unique_ptr<ResidentDecoder> decoder_;
  std::string error_;
};

class Explorer {
 public:
  // Takes a new collection; the query, sort and filters stay.
  void set_collection(PaperStore store);
  void set_collection(IndexingJob&& indexed);
  const PaperStore& store() const { return store_; }
  const SearchIndex& index() const { return index_; }

  // A query that does not parse keeps the last good results and sets query_error().
  void set_query(std::string_view text);
  const std::string& query() const { return query_; }
  const std::string& query_error() const { return query_error_; }
  // Column (1-based) of the error, 0 when none.
  size_t query_error_column() const { return query_error_column_; }

  // An explicit sort; set_automatic_sort() goes back to "relevance with text in the query,
  // else newest first".
  void set_sort(SortOrder sort);
  void set_automatic_sort();
  bool automatic_sort() const { return automatic_sort_; }
  // The order results are in (what automatic sorting chose, when it is on).
  SortOrder sort();

  void set_filters(const Filters& filters);
  const Filters& filters() const { return filters_; }

  // Runs a few searches of the kinds typing makes (a first letter, a prefix typed on, several
  // words, an accented word, a typo's fallback), then goes back to the empty query; only
  // while the query is empty. In a wasm engine that compiles functions when first called,
  // this moves that cost (3 ms, Node 20) from the first keystrokes to the load.
  void prime_searches();

  // Matching rows in display order.
  const std::vector<uint32_t>& results();
  // The query's words as searched (for highlighting), and the typos worked around.
  const std::vector<SearchedWord>& searched_words();
  const std::vector<Correction>& corrections();
  // Changes whenever results() may have changed (views use it to keep their caches).
  uint64_t generation() const { return generation_; }

  // The year range of the dated papers (0, 0 when none is dated).
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  // The date "trending" measures ages from: the collection's date, else its newest paper's.
  PaperDate reference_date() const { return reference_date_; }
  // The trending score of a paper: upvotes / (age in days + 2)^1.5 (docs/query-language.md).
  double trending_score(uint32_t row) const;
  // Stars, read marks, hidden papers, notes and your tags. Hidden papers are left out of the
  // results unless the query asks for them (is:hidden) or show_hidden is set.
  ReadingList& reading_list() { return reading_list_; }
  const ReadingList& reading_list() const { return reading_list_; }
  void set_show_hidden(bool show);
  bool show_hidden() const { return show_hidden_; }
  // How many matching papers are hidden (for "3 hidden" in the view).
  uint32_t hidden_matches();

  // Facets under the current query: counts per tag, venue, year, has-code or your own tag
  // (the reading list's). A facet with
  // values chosen in OR mode is counted without its own choices (so the other values show
  // what choosing them would add).
  std::vector<FacetValue> facet_counts(FacetField field);
  // Papers per month (or year) under the current query without its date: range (the range
  // is drawn over it).
  Timeline timeline();
  // The k most similar papers (tf-idf cosine over title and abstract), best first.
  std::vector<std::pair<uint32_t, float>> related(uint32_t row, size_t k);
  // A query that finds papers like this one (its most distinctive words, any of them).
  std::string more_like_this(uint32_t row);
  // The rows matching another query text under the current filters (for counts); false
  // when it does not parse.
  bool rows_for(std::string_view query, std::vector<uint32_t>& rows);

  // A note on the query that is not an error: "abstract: searches nothing here" when the
  // index leaves abstracts out (a chunked collection's resident index). "" when none.
  std::string query_notice() const;

  //---------------------------------------------------------------------------
  // Chunked collections: a paper's abstract, links, external ids and full author list
  // arrive with its chunk (core/chunked.h). Bundles have every detail from the start.

  // The chunks' state, or nullptr for a collection that is not chunked.
  const ChunkedCollection* chunks() const { return chunks_.get(); }
  enum class Details : uint8_t { kLoaded, kLoading, kFailed };
  Details details(uint32_t row) const;
  // Why a paper's details could not be loaded ("" unless kFailed).
  const std::string& details_error(uint32_t row) const;
  // Asks for a paper's details: nothing happens when they are here, coming or failed.
  void want_details(uint32_t row);
  // Asks again for details that failed.
  void retry_details(uint32_t row);
  // For an export of rows: how many papers lack their details and in how many chunks
  // (not failed ones); asks for those chunks when there are at most max_chunks of them.
  struct DetailsNeed {
    uint32_t papers = 0;     // papers whose details are not here (yet)
    uint32_t chunks = 0;     // the chunks holding them, not yet here and not failed
    uint64_t bytes = 0;      // their size
    uint32_t failed = 0;     // papers whose chunk failed
    bool requested = false;  // the chunks were asked for
  };
  DetailsNeed need_details(const std::vector<uint32_t>& rows, uint32_t max_chunks);
  // The chunks asked for since the last call: the platform fetches them, then hands each to
  // attach_chunk or chunk_failed.
  std::vector<uint32_t> take_chunk_requests();
  bool attach_chunk(uint32_t chunk, std::string_view bytes, std::string& error);
  void chunk_failed(uint32_t chunk, std::string message);

  // [Internal] for tests of the narrowing path.
  QueryEvaluator& evaluator() { return evaluator_; }

 private:
  void adopt_collection();  // after store_ and index_ changed
  void recompute();
  void apply_filters(RowSet& rows) const;
  const std::vector<uint32_t>& order_for(SortOrder sort);
  void order_by_relevance(const RowSet& rows);

  PaperStore store_;
  SearchIndex index_;
  std::unique_ptr<ChunkedCollection> chunks_;  // chunked collections only
  QueryEvaluator evaluator_;
  std::string query_;
  std::string query_error_;
  size_t query_error_column_ = 0;
  ParsedQuery parsed_;           // the last query that parsed
  std::string evaluated_query_;  // the query match_ was computed for
  bool match_valid_ = false;
  SortOrder sort_;
  bool automatic_sort_ = true;
  Filters filters_;
  ReadingList reading_list_;
  bool show_hidden_ = false;
  uint64_t evaluated_list_version_ = 0;
  uint32_t hidden_matches_ = 0;
  int first_year_ = 0, last_year_ = 0;
  PaperDate reference_date_;
  FacetIndex facet_index_;
  RelatedPapers related_;
  // timeline() for the results it was made for: views ask every frame, and at a million
  // papers making it costs milliseconds.
  Timeline timeline_;
  uint64_t timeline_generation_ = 0, timeline_list_version_ = 0;
  std::string timeline_query_;

  bool dirty_ = true;
  uint64_t generation_ = 1;
  QueryMatch match_;
  std::vector<uint32_t> results_;
  std::vector<float> scores_;  // [Internal] relevance scores by row, reused
  // All rows in each sort order, computed on first use; results are these filtered.
  static constexpr int kOrders = 5 * 2;
  std::vector<uint32_t> orders_[kOrders];
};

}  // namespace ps
