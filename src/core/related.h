// Related papers: cosine similarity of tf-idf vectors over title and abstract. Only the
// selected paper's most distinctive words are looked up (rare words have short postings),
// so a query costs far less than comparing with every paper.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/search_index.h"

namespace ps {

class RelatedPapers {
 public:
  static constexpr size_t kQueryTerms = 32;  // the paper's words used to find others

  // Forget the norms of the previous collection.
  void reset() { norms_.clear(); }
  // The k papers most similar to row, best first: (row, cosine similarity).
  std::vector<std::pair<uint32_t, float>> find(const SearchIndex& index, uint32_t row, size_t k);
  // The paper's n most distinctive words (for "more like this").
  std::vector<std::string> top_words(const SearchIndex& index, uint32_t row, size_t n);

 private:
  struct Weighted {
    uint32_t word;
    float weight;
  };
  std::vector<Weighted> vector_of(const SearchIndex& index, uint32_t row) const;
  void compute_norms(const SearchIndex& index);
  std::vector<float> norms_;  // per row, made on first use
};

}  // namespace ps
