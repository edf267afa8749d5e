// Stable paper ids. A reading list and shared links depend on these staying the same across
// bundle versions, so the rule is fixed (docs/bundle-format.md, "Stable ids"):
//   1. the arXiv id without version ("2504.02345", "hep-th/9901001"), else
//   2. the DOI, lower-cased ("10.1145/3592433"), else
//   3. "t-" + 12 hex digits: FNV-1a 64 of the normalised title (folded words joined by one
//      space), top 48 bits.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ps {

// "arXiv:2504.02345v2", "https://arxiv.org/abs/2504.02345v1", "hep-th/9901001" → the bare id
// without version; "" when text is not an arXiv id.
std::string normalize_arxiv_id(std::string_view text);

// "https://doi.org/10.1145/ABC", "doi:10.1145/abc" → "10.1145/abc"; "" when not a DOI.
std::string normalize_doi(std::string_view text);

// The normalised title the hash is computed from.
std::string normalized_title(std::string_view title);

uint64_t fnv1a64(std::string_view bytes);

// "t-" + 12 lower-case hex digits.
std::string title_hash_id(std::string_view title);

// Applies the rule above to what is known of a paper.
std::string make_stable_id(std::string_view arxiv_id, std::string_view doi, std::string_view title);

}  // namespace ps
