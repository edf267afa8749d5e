#include <doctest/doctest.h>

#include "core/paper_date.h"

using ps::DatePrecision;
using ps::PaperDate;

static PaperDate date_of(const char* text) {
  PaperDate d;
  std::string error;
  REQUIRE_MESSAGE(ps::parse_date(text, d, error), error);
  return d;
}

static std::string error_of(const char* text) {
  PaperDate d;
  std::string error;
  CHECK_FALSE(ps::parse_date(text, d, error));
  return error;
}

TEST_CASE("dates keep their precision") {
  CHECK(date_of("2025").precision == DatePrecision::kYear);
  CHECK(date_of("2025-04").precision == DatePrecision::kMonth);
  CHECK(date_of("2025-04-03").precision == DatePrecision::kDay);
  CHECK(date_of("2025-04-03T17:59:59.000Z").to_string() == "2025-04-03");
  CHECK(date_of("2024-02-29").to_string() == "2024-02-29");
  CHECK(date_of("2025-04").first_day() == 20250401);
  CHECK(date_of("2025-04").last_day() == 20250430);
  CHECK(date_of("2024").last_day() == 20241231);
  CHECK(date_of("2025-04-03").sort_key() > date_of("2025-04").sort_key());
}

TEST_CASE("impossible dates are refused with a reason") {
  CHECK(error_of("2023-13-45") == "month 13 is out of range");
  CHECK(error_of("2023-02-29") == "day 29 is out of range for 2023-02");
  CHECK(error_of("2023-00") == "month 00 is out of range");
  CHECK(error_of("0099") == "year 99 is out of range (1000-9999)");
  CHECK(error_of("yesterday").find("expected a date") == 0);
  CHECK(error_of("2023/01/02").find("expected a date") == 0);
  CHECK(error_of("").find("expected a date") == 0);
}
