// SearchIndex: a sorted dictionary of folded words (so every prefix is a contiguous range of
// word ids) and, per word, the sorted rows of the papers that contain it, with the fields it
// occurs in. Built once per collection.
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/paper_store.h"
#include "core/span.h"

namespace ps {

// Where a word occurs in a paper (bits of PostingFields).
enum FieldBit : uint8_t {
  kFieldTitle = 1,
  kFieldAuthors = 2,
  kFieldTags = 4,
  kFieldAbstract = 8,
  kFieldVenue = 16,
};
constexpr uint8_t kTextFields = kFieldTitle | kFieldAuthors | kFieldTags | kFieldAbstract;

class SearchIndex {
 public:
  void build(const PaperStore& store);

  uint32_t word_count() const { return words_.size(); }
  std::string_view word(uint32_t id) const { return words_[id]; }
  // The word ids whose words start with prefix: [first, second).
  std::pair<uint32_t, uint32_t> prefix_range(std::string_view folded_prefix) const;
  // The id of exactly this word, or -1.
  int64_t find_word(std::string_view folded) const;

  Span<uint32_t> rows(uint32_t word) const {
    return Span<uint32_t>(posting_rows_.data() + posting_begin(word),
                          posting_rows_.data() + posting_ends_[word]);
  }
  Span<uint8_t> fields(uint32_t word) const {
    return Span<uint8_t>(posting_fields_.data() + posting_begin(word),
                         posting_fields_.data() + posting_ends_[word]);
  }
  size_t posting_count() const { return posting_rows_.size(); }
  size_t byte_size() const;

 private:
  uint32_t posting_begin(uint32_t word) const { return word ? posting_ends_[word - 1] : 0; }

  StringColumn words_;                   // sorted, unique
  std::vector<uint32_t> posting_ends_;   // per word
  std::vector<uint32_t> posting_rows_;   // rows, ascending within a word
  std::vector<uint8_t> posting_fields_;  // FieldBit mask, parallel to posting_rows_
};

}  // namespace ps
