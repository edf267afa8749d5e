// Facet choices in the query text: split_facet_choices / compose_query (the canonical form
// is stable: composing what a composed query splits into gives it back), toggling values,
// stepping date ranges; every composed query is fed to the parser.
#include <algorithm>
#include <functional>

#include "core/facet_query.h"
#include "core/facets.h"
#include "core/query.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  ps::FacetChoices choices = ps::split_facet_choices(text);
  const std::string composed = ps::compose_query(choices);
  (void)ps::parse_query(composed);
  const std::string again = ps::compose_query(ps::split_facet_choices(composed));
  if (again != composed) {
    std::fprintf(stderr, "not stable:\n  %s\n  %s\n", composed.c_str(), again.c_str());
    FUZZ_CHECK(false);
  }

  // Toggle a value taken from the input, then the same again: back where it was, when it
  // was not chosen the other way (include, exclude and remove cycle).
  const size_t h = std::hash<std::string_view>()(text);
  const std::string_view value = text.substr(0, std::min<size_t>(size, 1 + h % 24));
  const ps::FacetField field = static_cast<ps::FacetField>(h % 4);
  const bool exclude = (h >> 2) % 2;
  const int before = choices.state_of(field, value);
  choices.toggle(field, value, exclude);
  const std::string toggled = ps::compose_query(choices);
  (void)ps::parse_query(toggled);
  (void)ps::split_facet_choices(toggled);
  choices.toggle(field, value, exclude);
  if (before == 0 || before == (exclude ? -1 : 1)) {
    FUZZ_CHECK(choices.state_of(field, value) == before);
  }

  // The facet term a click adds, and stepping the date range a day, week or month.
  const std::string term = ps::facet_term(field, value, exclude);
  (void)ps::parse_query(term);
  (void)ps::split_facet_choices(term);
  ps::PaperDate reference;
  std::string error;
  ps::make_date(2025, 1 + static_cast<int>(h % 12), 1 + static_cast<int>((h >> 4) % 28), reference,
                error);
  for (ps::DateStep unit : {ps::DateStep::kDay, ps::DateStep::kWeek, ps::DateStep::kMonth}) {
    for (int direction : {-1, 1}) {
      const std::string stepped =
          ps::step_date_range(choices.date_range, unit, direction, reference);
      if (!stepped.empty()) {
        const ps::ParsedQuery parsed = ps::parse_query("date:" + stepped);
        if (!parsed.ok()) {
          std::fprintf(stderr, "step of \"%s\" gave \"%s\": %s\n", choices.date_range.c_str(),
                       stepped.c_str(), parsed.error.c_str());
          FUZZ_CHECK(false);
        }
      }
    }
  }
  return 0;
}
