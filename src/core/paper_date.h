// Publication dates with their precision: a paper may be known to the day, the month, the
// year, or not at all. Sorting and range filters respect the precision.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ps {

enum class DatePrecision : uint8_t { kUnknown = 0, kYear = 1, kMonth = 2, kDay = 3 };

struct PaperDate {
  int16_t year = 0;
  uint8_t month = 0;  // 1-12 when precision >= kMonth
  uint8_t day = 0;    // 1-31 when precision == kDay
  DatePrecision precision = DatePrecision::kUnknown;

  bool known() const { return precision != DatePrecision::kUnknown; }
  // yyyymmdd with missing parts as 0; 0 when unknown. Orders dates of mixed precision.
  int32_t sort_key() const { return known() ? year * 10000 + month * 100 + day : 0; }
  // The first and last day (yyyymmdd) the date may mean, at its precision.
  int32_t first_day() const;
  int32_t last_day() const;
  // "2025-04-03", "2025-04", "2025" or "" (unknown).
  std::string to_string() const;
  bool operator==(const PaperDate& o) const {
    return precision == o.precision && year == o.year && month == o.month && day == o.day;
  }
};

// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD", and ISO date-times ("2025-04-03T12:00:00.000Z",
// the time is ignored). On failure returns false and sets error to a short reason
// ("month 13 is out of range").
bool parse_date(std::string_view text, PaperDate& date, std::string& error);

// A date from parts, checking ranges (month 0 / day 0 mean "not known").
bool make_date(int year, int month, int day, PaperDate& date, std::string& error);

int days_in_month(int year, int month);

// The day after / before a day given as yyyymmdd.
int32_t next_day(int32_t yyyymmdd);
int32_t previous_day(int32_t yyyymmdd);

}  // namespace ps
