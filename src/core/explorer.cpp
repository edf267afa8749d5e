#include "core/explorer.h"

#include <algorithm>
#include <numeric>

#include "core/text_fold.h"

namespace ps {

std::string SortOrder::name() const {
  const char* field_name = field == SortField::kDate      ? "date"
                           : field == SortField::kUpvotes ? "upvotes"
                                                          : "title";
  return std::string(field_name) + (descending ? "-desc" : "-asc");
}

bool SortOrder::parse(std::string_view name, SortOrder& out) {
  for (SortField field : {SortField::kDate, SortField::kUpvotes, SortField::kTitle}) {
    for (bool descending : {true, false}) {
      const SortOrder candidate{field, descending};
      if (candidate.name() == name) {
        out = candidate;
        return true;
      }
    }
  }
  return false;
}

void Explorer::set_collection(PaperStore store) {
  store_ = std::move(store);
  index_ = SearchIndex();
  index_.build(store_);
  for (auto& order : orders_) order.clear();
  first_year_ = last_year_ = 0;
  for (uint32_t row = 0; row < store_.size(); ++row) {
    const PaperDate d = store_.date(row);
    if (!d.known()) continue;
    if (!first_year_ || d.year < first_year_) first_year_ = d.year;
    if (d.year > last_year_) last_year_ = d.year;
  }
  dirty_ = true;
}

void Explorer::set_query(std::string_view text) {
  if (text == query_) return;
  query_ = std::string(text);
  dirty_ = true;
}

void Explorer::set_sort(SortOrder sort) {
  if (sort == sort_) return;
  sort_ = sort;
  dirty_ = true;
}

void Explorer::set_filters(const Filters& filters) {
  if (filters == filters_) return;
  filters_ = filters;
  dirty_ = true;
}

const std::vector<uint32_t>& Explorer::results() {
  if (dirty_) recompute();
  return results_;
}

void Explorer::match_query(RowSet& rows) const {
  const std::vector<std::string> words = split_words(query_);
  RowSet word_rows(store_.size());
  for (const std::string& word : words) {
    // Every query word must start some word of the paper: the union of the postings of
    // all dictionary words with that prefix.
    word_rows.reset(store_.size(), false);
    const auto range = index_.prefix_range(word);
    for (uint32_t w = range.first; w < range.second; ++w) {
      const Span<uint32_t> posting_rows = index_.rows(w);
      const Span<uint8_t> fields = index_.fields(w);
      for (size_t i = 0; i < posting_rows.size(); ++i) {
        if (fields[i] & kTextFields) word_rows.set(posting_rows[i]);
      }
    }
    rows.intersect(word_rows);
  }
}

void Explorer::apply_filters(RowSet& rows) const {
  if (!filters_.any()) return;
  const bool by_year = filters_.year_min || filters_.year_max;
  const int lo = filters_.year_min ? filters_.year_min : -1;
  const int hi = filters_.year_max ? filters_.year_max : 1 << 30;
  RowSet kept(store_.size());
  rows.for_each([&](uint32_t row) {
    if (filters_.has_code_only && !store_.has_code(row)) return;
    if (by_year) {
      const PaperDate d = store_.date(row);
      if (!d.known() || d.year < lo || d.year > hi) return;
    }
    kept.set(row);
  });
  rows = std::move(kept);
}

const std::vector<uint32_t>& Explorer::order_for(SortOrder sort) {
  std::vector<uint32_t>& order =
      orders_[static_cast<int>(sort.field) * 2 + (sort.descending ? 1 : 0)];
  if (!order.empty() || store_.empty()) return order;
  order.resize(store_.size());
  std::iota(order.begin(), order.end(), 0u);
  const PaperStore& s = store_;
  const bool desc = sort.descending;
  // Ties: newest first, then row order, so every order is total and stable.
  auto newer = [&](uint32_t a, uint32_t b) {
    const int32_t ka = s.date(a).sort_key(), kb = s.date(b).sort_key();
    return ka != kb ? ka > kb : a < b;
  };
  switch (sort.field) {
    case SortField::kDate:
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const int32_t ka = s.date(a).sort_key(), kb = s.date(b).sort_key();
        if ((ka == 0) != (kb == 0)) return kb == 0;  // undated last, either direction
        if (ka != kb) return desc ? ka > kb : ka < kb;
        return a < b;
      });
      break;
    case SortField::kUpvotes:
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const int32_t ua = s.upvotes(a), ub = s.upvotes(b);
        if (ua != ub) return desc ? ua > ub : ua < ub;
        return newer(a, b);
      });
      break;
    case SortField::kTitle: {
      std::vector<std::string> keys(store_.size());
      for (uint32_t row = 0; row < store_.size(); ++row) keys[row] = fold_words_joined(s.title(row));
      std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const int c = keys[a].compare(keys[b]);
        if (c != 0) return desc ? c > 0 : c < 0;
        return newer(a, b);
      });
      break;
    }
  }
  return order;
}

void Explorer::recompute() {
  dirty_ = false;
  ++generation_;
  RowSet rows(store_.size(), /*full=*/true);
  match_query(rows);
  apply_filters(rows);
  results_.clear();
  const uint32_t matched = rows.count();
  results_.reserve(matched);
  if (matched == 0) return;
  for (uint32_t row : order_for(sort_)) {
    if (rows.test(row)) results_.push_back(row);
  }
}

}  // namespace ps
