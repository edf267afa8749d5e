#include "core/facets.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "core/bitset.h"
#include "core/reading_list.h"
#include "core/text_fold.h"

namespace ps {

namespace {

// Calls f(row) for each of rows, in any order. Rows come in display order, scattered over
// the store: many of them are visited faster in row order, the columns read front to back
// instead of a cache miss each (tags of 700,000 of a million papers: 37 ms -> 6 ms natively).
template <class F>
void for_each_row(const PaperStore& store, const std::vector<uint32_t>& rows, F&& f) {
  if (rows.size() > store.size() / 16) {
    RowSet set(store.size());
    for (uint32_t row : rows) {
      if (row < store.size()) set.set(row);
    }
    set.for_each(f);
  } else {
    for (uint32_t row : rows) f(row);
  }
}

// Most frequent first, ties by value.
void sort_by_count(std::vector<FacetValue>& values) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
}

}  // namespace

std::vector<FacetValue> count_my_tags(const PaperStore& store, const ReadingList& list,
                                      const std::vector<uint32_t>& rows) {
  std::vector<FacetValue> values;
  if (list.size() == 0 || rows.empty()) return values;
  // The reading list is small next to the results: mark the results once, then look each
  // tagged paper up.
  RowSet counted(store.size());
  for (uint32_t row : rows) {
    if (row < store.size()) counted.set(row);
  }
  // Every tag of the list gets its slot, so a value is spelled the same whatever the query
  // (as first written, in id order); only papers among rows count.
  std::unordered_map<std::string, size_t> slot_of_folded;
  for (const auto& [id, marks] : list.entries()) {
    if (marks.tags.empty()) continue;
    const int64_t row = store.find(id);
    const bool counts = row >= 0 && counted.test(static_cast<uint32_t>(row));
    std::vector<size_t> counted_here;  // a paper counts once per value
    for (const std::string& tag : marks.tags) {
      std::string folded = fold_words_joined(tag);
      if (folded.empty()) continue;  // mytag: could not ask for it
      auto [it, added] = slot_of_folded.emplace(std::move(folded), values.size());
      if (added) values.push_back(FacetValue{tag, 0, TagKind::kUser});
      if (!counts ||
          std::find(counted_here.begin(), counted_here.end(), it->second) != counted_here.end()) {
        continue;
      }
      counted_here.push_back(it->second);
      ++values[it->second].count;
    }
  }
  values.erase(std::remove_if(values.begin(), values.end(),
                              [](const FacetValue& v) { return v.count == 0; }),
               values.end());
  sort_by_count(values);
  return values;
}

bool parse_facet_field(std::string_view name, FacetField& field) {
  static const struct {
    const char* name;
    FacetField field;
  } kNames[] = {{"tag", FacetField::kTag},
                {"venue", FacetField::kVenue},
                {"year", FacetField::kYear},
                {"has-code", FacetField::kHasCode},
                {"mytag", FacetField::kMyTag}};
  for (const auto& n : kNames) {
    if (name == n.name) {
      field = n.field;
      return true;
    }
  }
  return false;
}

void FacetIndex::build(const PaperStore& store) {
  venue_of_row_.assign(store.size(), -1);
  venue_names_.clear();
  std::unordered_map<std::string_view, int32_t> ids;
  for (uint32_t row = 0; row < store.size(); ++row) {
    const std::string_view venue = store.venue(row);
    if (venue.empty()) continue;
    auto it = ids.find(venue);
    if (it == ids.end()) {
      it = ids.emplace(venue, static_cast<int32_t>(venue_names_.size())).first;
      venue_names_.emplace_back(venue);
    }
    venue_of_row_[row] = it->second;
  }
}

std::vector<FacetValue> FacetIndex::count(const PaperStore& store,
                                          const std::vector<uint32_t>& rows,
                                          FacetField field) const {
  std::vector<FacetValue> values;
  switch (field) {
    case FacetField::kTag: {
      std::vector<uint32_t> counts(store.tag_value_count(), 0);
      std::vector<TagKind> kinds(store.tag_value_count(), TagKind::kKeyword);
      for_each_row(store, rows, [&](uint32_t row) {
        for (const TagRef& tag : store.tags(row)) {
          ++counts[tag.value];
          kinds[tag.value] = tag.kind;
        }
      });
      for (uint32_t v = 0; v < counts.size(); ++v) {
        if (counts[v])
          values.push_back(FacetValue{std::string(store.tag_value(v)), counts[v], kinds[v]});
      }
      break;
    }
    case FacetField::kVenue: {
      std::vector<uint32_t> counts(venue_names_.size(), 0);
      for_each_row(store, rows, [&](uint32_t row) {
        if (row < venue_of_row_.size() && venue_of_row_[row] >= 0)
          ++counts[static_cast<size_t>(venue_of_row_[row])];
      });
      for (size_t v = 0; v < counts.size(); ++v) {
        if (counts[v]) values.push_back(FacetValue{venue_names_[v], counts[v]});
      }
      break;
    }
    case FacetField::kYear: {
      std::vector<uint32_t> counts(10000, 0);
      for_each_row(store, rows, [&](uint32_t row) {
        const PaperDate d = store.date(row);
        if (d.known()) ++counts[static_cast<size_t>(d.year)];
      });
      for (int y = 0; y < 10000; ++y) {
        if (counts[static_cast<size_t>(y)])
          values.push_back(FacetValue{std::to_string(y), counts[static_cast<size_t>(y)]});
      }
      // Years read best in order, newest first.
      std::reverse(values.begin(), values.end());
      return values;
    }
    case FacetField::kHasCode: {
      uint32_t with = 0;
      for_each_row(store, rows, [&](uint32_t row) { with += store.has_code(row); });
      if (with) values.push_back(FacetValue{"code", with});
      return values;
    }
    case FacetField::kMyTag:
      return values;  // count_my_tags: the reading list is not the store's
  }
  sort_by_count(values);
  return values;
}

int32_t Timeline::bin_first_day(size_t bin) const {
  if (by_year) return (first_year + static_cast<int>(bin)) * 10000 + 101;
  const int months = first_month - 1 + static_cast<int>(bin);
  return (first_year + months / 12) * 10000 + (months % 12 + 1) * 100 + 1;
}

int32_t Timeline::bin_last_day(size_t bin) const {
  if (by_year) return (first_year + static_cast<int>(bin)) * 10000 + 1231;
  const int months = first_month - 1 + static_cast<int>(bin);
  const int year = first_year + months / 12, month = months % 12 + 1;
  return year * 10000 + month * 100 + days_in_month(year, month);
}

std::string Timeline::bin_label(size_t bin) const {
  const int32_t day = bin_first_day(bin);
  char buf[32];
  if (by_year)
    std::snprintf(buf, sizeof buf, "%04d", day / 10000);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d", day / 10000, day / 100 % 100);
  return buf;
}

Timeline make_timeline(const PaperStore& store, const std::vector<uint32_t>& rows, int first_year,
                       int last_year, size_t max_months) {
  Timeline t;
  if (!first_year || !last_year) {
    t.undated = static_cast<uint32_t>(rows.size());
    return t;
  }
  const size_t months = static_cast<size_t>(last_year - first_year + 1) * 12;
  t.by_year = months > max_months;
  t.first_year = first_year;
  t.bins.assign(t.by_year ? static_cast<size_t>(last_year - first_year + 1) : months, 0);
  for_each_row(store, rows, [&](uint32_t row) {
    const PaperDate d = store.date(row);
    if (!d.known()) {
      ++t.undated;
      return;
    }
    size_t bin = static_cast<size_t>(d.year - first_year);
    if (!t.by_year) {
      bin = bin * 12 + (d.month ? d.month - 1 : 0);
      if (!d.month) ++t.year_only;
    }
    if (bin < t.bins.size()) ++t.bins[bin];
  });
  return t;
}

namespace {

// Days since 1970-01-01 and back (Howard Hinnant's algorithms).
int64_t days_of(int32_t yyyymmdd) {
  int64_t y = yyyymmdd / 10000;
  const unsigned m = static_cast<unsigned>(yyyymmdd / 100 % 100),
                 d = static_cast<unsigned>(yyyymmdd % 100);
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + static_cast<int64_t>(yoe * 365 + yoe / 4 - yoe / 100 + doy) - 719468;
}

int32_t day_of(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  return static_cast<int32_t>(y * 10000 + m * 100 + d);
}

std::string day_text(int32_t d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  return buf;
}

}  // namespace

std::string step_date_range(std::string_view range, DateStep unit, int direction,
                            const PaperDate& reference) {
  // The day the current range starts on, or the reference day.
  int32_t anchor = reference.known() ? reference.last_day() : 20000101;
  bool from_range = false;
  if (!range.empty()) {
    const std::string_view first = range.substr(0, range.find(".."));
    PaperDate d;
    std::string error;
    if (parse_date(first, d, error)) {
      anchor = d.first_day();
      from_range = true;
    }
  }
  const int step = from_range ? direction : 0;
  // Dates have years 1000-9999 (paper_date.h): a step past either end stays where it is, and
  // a week that runs past one is cut there.
  constexpr int32_t kFirstDay = 10000101, kLastDay = 99991231;
  switch (unit) {
    case DateStep::kDay: {
      const int32_t day = day_of(days_of(anchor) + step);
      return day_text(day < kFirstDay || day > kLastDay ? anchor : day);
    }
    case DateStep::kWeek: {
      const int64_t days = days_of(anchor);
      const int64_t monday = days - ((days + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
      int64_t start = monday + 7 * step;
      if (day_of(start + 6) < kFirstDay || day_of(start) > kLastDay) start = monday;
      return day_text(std::max(day_of(start), kFirstDay)) + ".." +
             day_text(std::min(day_of(start + 6), kLastDay));
    }
    case DateStep::kMonth: {
      int year = anchor / 10000, month = anchor / 100 % 100 + step;
      while (month < 1) month += 12, --year;
      while (month > 12) month -= 12, ++year;
      if (year < 1000 || year > 9999) year = anchor / 10000, month = anchor / 100 % 100;
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      return buf;
    }
  }
  return std::string(range);
}

std::string facet_term(FacetField field, std::string_view value, bool exclude) {
  std::string term = exclude ? "-" : "";
  auto quoted = [](std::string_view v) {
    std::string clean;
    for (char c : v) clean.push_back(c == '"' ? ' ' : c);
    return "\"" + clean + "\"";
  };
  switch (field) {
    case FacetField::kTag:
      return term + "tag:" + quoted(value);
    case FacetField::kVenue:
      return term + "venue:" + quoted(value);
    case FacetField::kYear:
      return term + "year:" + std::string(value);
    case FacetField::kHasCode:
      return term + "has:code";
    case FacetField::kMyTag:
      return term + "mytag:" + quoted(value);
  }
  return term;
}

}  // namespace ps
