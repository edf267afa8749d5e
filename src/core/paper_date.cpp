#include "core/paper_date.h"

#include <cstdio>

namespace ps {

namespace {

bool read_digits(std::string_view text, size_t pos, size_t count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int32_t next_day(int32_t d) {
  int year = d / 10000, month = d / 100 % 100, day = d % 100 + 1;
  if (day > days_in_month(year, month)) {
    day = 1;
    if (++month > 12) month = 1, ++year;
  }
  return year * 10000 + month * 100 + day;
}

int32_t previous_day(int32_t d) {
  int year = d / 10000, month = d / 100 % 100, day = d % 100 - 1;
  if (day < 1) {
    if (--month < 1) month = 12, --year;
    day = days_in_month(year, month);
  }
  return year * 10000 + month * 100 + day;
}

int32_t PaperDate::first_day() const {
  if (!known()) return 0;
  return year * 10000 + (month ? month : 1) * 100 + (day ? day : 1);
}

int32_t PaperDate::last_day() const {
  if (!known()) return 0;
  const int m = month ? month : 12;
  return year * 10000 + m * 100 + (day ? day : days_in_month(year, m));
}

std::string PaperDate::to_string() const {
  char buf[16];
  switch (precision) {
    case DatePrecision::kYear:
      std::snprintf(buf, sizeof buf, "%04d", year);
      break;
    case DatePrecision::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      break;
    case DatePrecision::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      break;
    default:
      return {};
  }
  return buf;
}

bool make_date(int year, int month, int day, PaperDate& date, std::string& error) {
  if (year < 1000 || year > 9999) {
    error = "year " + std::to_string(year) + " is out of range (1000-9999)";
    return false;
  }
  if (month < 0 || month > 12 || (month == 0 && day != 0)) {
    error = "month " + std::to_string(month) + " is out of range";
    return false;
  }
  if (day < 0 || (month && day > days_in_month(year, month))) {
    error = "day " + std::to_string(day) + " is out of range for " + std::to_string(year) + "-" +
            (month < 10 ? "0" : "") + std::to_string(month);
    return false;
  }
  date.year = static_cast<int16_t>(year);
  date.month = static_cast<uint8_t>(month);
  date.day = static_cast<uint8_t>(day);
  date.precision = day ? DatePrecision::kDay : month ? DatePrecision::kMonth : DatePrecision::kYear;
  return true;
}

bool parse_date(std::string_view text, PaperDate& date, std::string& error) {
  int year = 0, month = 0, day = 0;
  if (!read_digits(text, 0, 4, year)) {
    error = "expected a date like 2024, 2024-06 or 2024-06-30";
    return false;
  }
  if (text.size() > 4) {
    if (text[4] != '-' || !read_digits(text, 5, 2, month)) {
      error = "expected a date like 2024, 2024-06 or 2024-06-30";
      return false;
    }
    if (text.size() > 7) {
      if (text[7] != '-' || !read_digits(text, 8, 2, day)) {
        error = "expected a date like 2024, 2024-06 or 2024-06-30";
        return false;
      }
      // A date-time: the date part is what we keep.
      if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') {
        error = "expected a date like 2024, 2024-06 or 2024-06-30";
        return false;
      }
    }
  }
  if (text.size() > 4 && month == 0) {
    error = "month 00 is out of range";
    return false;
  }
  if (text.size() > 7 && day == 0) {
    error = "day 00 is out of range";
    return false;
  }
  return make_date(year, month, day, date, error);
}

}  // namespace ps
