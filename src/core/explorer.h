// Explorer: one collection with its index and the current query, filters and sort; the
// results are recomputed only when one of those changed. Everything the views show and the
// JS API reports comes from here; it knows nothing of ImGui or the browser.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bitset.h"
#include "core/paper_store.h"
#include "core/search_index.h"

namespace ps {

enum class SortField : uint8_t { kDate, kUpvotes, kTitle };

struct SortOrder {
  SortField field = SortField::kDate;
  bool descending = true;  // newest, most upvoted, Z→A first
  bool operator==(const SortOrder& o) const {
    return field == o.field && descending == o.descending;
  }
  std::string name() const;  // "date-desc", "title-asc", ...
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

class Explorer {
 public:
  // Takes a new collection; the query, sort and filters stay.
  void set_collection(PaperStore store);
  const PaperStore& store() const { return store_; }
  const SearchIndex& index() const { return index_; }

  void set_query(std::string_view text);
  const std::string& query() const { return query_; }
  void set_sort(SortOrder sort);
  SortOrder sort() const { return sort_; }
  void set_filters(const Filters& filters);
  const Filters& filters() const { return filters_; }

  // Matching rows in display order.
  const std::vector<uint32_t>& results();
  // Changes whenever results() may have changed (views use it to keep their caches).
  uint64_t generation() const { return generation_; }

  // The year range of the dated papers (0, 0 when none is dated).
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

 private:
  void recompute();
  void match_query(RowSet& rows) const;
  void apply_filters(RowSet& rows) const;
  const std::vector<uint32_t>& order_for(SortOrder sort);

  PaperStore store_;
  SearchIndex index_;
  std::string query_;
  SortOrder sort_;
  Filters filters_;
  int first_year_ = 0, last_year_ = 0;

  bool dirty_ = true;
  uint64_t generation_ = 1;
  std::vector<uint32_t> results_;
  // All rows in each sort order, computed on first use; results are these filtered.
  std::vector<uint32_t> orders_[6];
};

}  // namespace ps
