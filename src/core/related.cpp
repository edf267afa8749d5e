#include "core/related.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace ps {

namespace {

constexpr float kTitleBoost = 2.0f;  // a word in the title counts as two in the abstract

float idf(const SearchIndex& index, uint32_t word) {
  const float n = static_cast<float>(std::max<uint32_t>(1, index.paper_count()));
  return std::log(n / static_cast<float>(std::max<uint32_t>(1, index.document_count(word))));
}

float term_weight(float tf, float idf_value) {
  return tf > 0 ? (1.0f + std::log(tf)) * idf_value : 0.0f;
}

float tf_of(const TermCounts& c) {
  return kTitleBoost * static_cast<float>(c.title()) + static_cast<float>(c.abstract());
}

}  // namespace

std::vector<RelatedPapers::Weighted> RelatedPapers::vector_of(const SearchIndex& index,
                                                              uint32_t row) const {
  std::unordered_map<uint32_t, float> tf;
  for (uint32_t w : index.field_words(row, FieldSlot::kTitle)) {
    if (w != SearchIndex::kSeparator) tf[w] += kTitleBoost;
  }
  for (uint32_t w : index.field_words(row, FieldSlot::kAbstract)) {
    if (w != SearchIndex::kSeparator) tf[w] += 1.0f;
  }
  std::vector<Weighted> v;
  v.reserve(tf.size());
  for (const auto& [word, count] : tf)
    v.push_back(Weighted{word, term_weight(count, idf(index, word))});
  std::sort(v.begin(), v.end(), [](const Weighted& a, const Weighted& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.word < b.word;
  });
  return v;
}

void RelatedPapers::compute_norms(const SearchIndex& index) {
  norms_.assign(index.paper_count(), 0.0f);
  for (uint32_t word = 0; word < index.word_count(); ++word) {
    const float word_idf = idf(index, word);
    const Span<uint32_t> rows = index.rows(word);
    const Span<TermCounts> counts = index.counts(word);
    for (size_t i = 0; i < rows.size(); ++i) {
      const float w = term_weight(tf_of(counts[i]), word_idf);
      norms_[rows[i]] += w * w;
    }
  }
  for (float& n : norms_) n = std::sqrt(n);
}

std::vector<std::pair<uint32_t, float>> RelatedPapers::find(const SearchIndex& index, uint32_t row,
                                                            size_t k) {
  std::vector<std::pair<uint32_t, float>> best;
  if (row >= index.paper_count() || k == 0) return best;
  if (norms_.size() != index.paper_count()) compute_norms(index);
  std::vector<Weighted> query = vector_of(index, row);
  float query_norm = 0;
  for (const Weighted& t : query) query_norm += t.weight * t.weight;
  query_norm = std::sqrt(query_norm);
  if (query.size() > kQueryTerms) query.resize(kQueryTerms);
  if (query_norm <= 0) return best;

  std::unordered_map<uint32_t, float> dot;
  for (const Weighted& t : query) {
    if (t.weight <= 0) continue;
    const float word_idf = idf(index, t.word);
    const Span<uint32_t> rows = index.rows(t.word);
    const Span<TermCounts> counts = index.counts(t.word);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i] == row) continue;
      const float w = term_weight(tf_of(counts[i]), word_idf);
      if (w > 0) dot[rows[i]] += t.weight * w;
    }
  }
  best.reserve(dot.size());
  for (const auto& [other, d] : dot) {
    if (norms_[other] > 0) best.emplace_back(other, d / (query_norm * norms_[other]));
  }
  const size_t n = std::min(k, best.size());
  std::partial_sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(n), best.end(),
                    [](const auto& a, const auto& b) {
                      return a.second != b.second ? a.second > b.second : a.first < b.first;
                    });
  best.resize(n);
  return best;
}

std::vector<std::string> RelatedPapers::top_words(const SearchIndex& index, uint32_t row,
                                                  size_t n) {
  std::vector<std::string> words;
  if (row >= index.paper_count()) return words;
  for (const Weighted& t : vector_of(index, row)) {
    const std::string_view w = index.word(t.word);
    // Skip numbers and one- and two-letter words: they make poor queries.
    if (w.size() < 3 || w.find_first_not_of("0123456789") == std::string_view::npos) continue;
    words.emplace_back(w);
    if (words.size() == n) break;
  }
  return words;
}

}  // namespace ps
