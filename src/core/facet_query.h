// Facet choices live in the query text, as field terms at its top level, so they show in
// the search box and round-trip through the URL:
//   tag:"cs.CV"  -tag:"survey"  (venue:"ICML 2024" OR venue:"NeurIPS 2024")  has:code
//   date:2024-01..2024-06  mytag:"to read"
// This splits a query into those choices and the rest, and writes it back in a canonical
// form after a change.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/facets.h"

namespace ps {

struct FacetChoices {
  struct Field {
    std::vector<std::string> included;  // values as written (unquoted)
    std::vector<std::string> excluded;
    bool any_of = false;  // OR within the facet (else every included value is required)
  };
  std::string rest;            // everything else in the query, as typed
  Field tags, venues, mytags;  // mytags: your own tags (the reading list's)
  int has_code = 0;            // 1: has:code, -1: -has:code, 0: neither
  std::string date_range;      // the value of a top-level date: term ("2024-01..2024-06"), or ""

  // The tags, venues or your tags (any other field: tags).
  Field& field(FacetField f) {
    return f == FacetField::kVenue ? venues : f == FacetField::kMyTag ? mytags : tags;
  }
  const Field& field(FacetField f) const {
    return f == FacetField::kVenue ? venues : f == FacetField::kMyTag ? mytags : tags;
  }
  // 1 included, -1 excluded, 0 neither (values compared folded).
  int state_of(FacetField f, std::string_view value) const;
  // Cycles a value: click includes (or removes an inclusion), exclude=true excludes (or
  // removes an exclusion).
  void toggle(FacetField f, std::string_view value, bool exclude);
};

FacetChoices split_facet_choices(std::string_view query);
std::string compose_query(const FacetChoices& choices);

}  // namespace ps
