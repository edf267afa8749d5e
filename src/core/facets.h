// Facets: how many of a set of papers have each tag, venue, year or month, or each of the
// reader's own tags (reading list), counted live as the query changes; and the query terms a facet
// choice stands for, so choices live in the query text (and so in the URL).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bitset.h"
#include "core/paper_store.h"

namespace ps {

// kMyTag: the reader's own tags from the reading list (queried as mytag:x).
enum class FacetField : uint8_t { kTag, kVenue, kYear, kHasCode, kMyTag };
constexpr size_t kFacetFieldCount = 5;

// A field by its JS API name: "tag", "venue", "year", "has-code" or "mytag". False for
// anything else.
bool parse_facet_field(std::string_view name, FacetField& field);

struct FacetValue {
  std::string value;   // the tag, venue or year as shown ("cs.CV", "NeurIPS 2024", "2023")
  uint32_t count = 0;  // papers among the counted ones
  TagKind kind = TagKind::kKeyword;  // for tags
};

class ReadingList;

// How many of `rows` carry each of the reader's own tags, most frequent first (ties by
// value). Tags that fold alike (mytag: matches folded) count as one, shown as first written.
std::vector<FacetValue> count_my_tags(const PaperStore& store, const ReadingList& list,
                                      const std::vector<uint32_t>& rows);

// Per-collection lookups that make counting a linear pass over the rows.
class FacetIndex {
 public:
  void build(const PaperStore& store);
  // Counts over `rows`, most frequent first (ties by value), values with a count only.
  // Not kMyTag (the store does not hold the reading list): count_my_tags.
  std::vector<FacetValue> count(const PaperStore& store, const std::vector<uint32_t>& rows,
                                FacetField field) const;
  // Papers per month over `rows`: month index m counts papers dated in that month (and
  // year-only dates count in their year's own bin, see Timeline).
  uint32_t venue_count() const { return static_cast<uint32_t>(venue_names_.size()); }

 private:
  std::vector<int32_t> venue_of_row_;  // -1 when no venue
  std::vector<std::string> venue_names_;
};

// The histogram under the timeline: papers per month (or per year, zoomed out), from the
// first to the last dated paper of the collection. A paper dated only to the year goes in
// the year's first month when binned by month and is counted apart as year_only.
struct Timeline {
  bool by_year = false;
  int first_year = 0, first_month = 1;  // the first bin
  std::vector<uint32_t> bins;           // papers per bin
  uint32_t undated = 0;
  uint32_t year_only = 0;  // (by month) papers known only to the year
  // The first and last day (yyyymmdd) of a bin.
  int32_t bin_first_day(size_t bin) const;
  int32_t bin_last_day(size_t bin) const;
  std::string bin_label(size_t bin) const;  // "2024-06" or "2024"
};

// Bins the dated papers among rows between the collection's first and last dated paper.
// by_year when the span is longer than max_months.
Timeline make_timeline(const PaperStore& store, const std::vector<uint32_t>& rows, int first_year,
                       int last_year, size_t max_months = 120);

// Stepping a date range the way daily paper pages do: by a day, a week (Monday to Sunday) or
// a month. From no range, the step lands on the unit holding `reference` (the newest date).
// Returns the new value for a date: term ("2025-09-29", "2025-09-22..2025-09-28",
// "2025-09"). A step past the years dates can have (1000-9999) stays where it is.
enum class DateStep : uint8_t { kDay, kWeek, kMonth };
std::string step_date_range(std::string_view range, DateStep unit, int direction,
                            const PaperDate& reference);

// The query term a facet choice adds: tag:"cs.CV", venue:"NeurIPS 2024", year:2023,
// has:code, mytag:"to read"; with exclude, the same with a leading '-'.
std::string facet_term(FacetField field, std::string_view value, bool exclude = false);

}  // namespace ps
