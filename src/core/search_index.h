// SearchIndex: a sorted dictionary of folded words (so every prefix is a contiguous range of
// word ids); per word, the sorted rows of the papers that contain it with how often it occurs
// in each field (for ranking); and per paper, its words in order (for phrases). Built once
// per collection.
#pragma once
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bitset.h"
#include "core/paper_store.h"
#include "core/span.h"

namespace ps {

// How often a word occurs in each field of one paper, packed in 16 bits (counts saturate):
// title 0-7, authors 0-3, tags 0-3, abstract 0-63, venue 0-3.
struct TermCounts {
  uint16_t bits = 0;

  // Per field, in TextField bit order (title, authors, tags, abstract, venue): where its
  // count sits and the count it saturates at.
  static constexpr int kShift[5] = {0, 3, 5, 7, 13};
  static constexpr unsigned kMax[5] = {7, 3, 3, 63, 3};
  static constexpr int kVenueShift = kShift[4];
  unsigned count(int field_index) const {
    return (bits >> kShift[field_index]) & kMax[field_index];
  }
  unsigned title() const { return count(0); }
  unsigned authors() const { return count(1); }
  unsigned tags() const { return count(2); }
  unsigned abstract() const { return count(3); }
  unsigned venue() const { return count(4); }
  // The fields (query.h TextField bits) the word occurs in.
  uint8_t fields() const {
    return static_cast<uint8_t>((title() ? 1 : 0) | (authors() ? 2 : 0) | (tags() ? 4 : 0) |
                                (abstract() ? 8 : 0) | (venue() ? 16 : 0));
  }
  // Whether the word occurs in any field but the venue (query.h kInAnyText): fields() & 15,
  // without taking each field apart (the per-letter row sets test every posting).
  bool in_any_text() const { return (bits & ((1u << kVenueShift) - 1)) != 0; }
  // Adds one occurrence in a field, by index in TextField bit order (0 = title … 4 = venue,
  // as FieldSlot). Inline: it runs for every word of every paper while an index is built.
  void add(int field_index) {
    if (count(field_index) < kMax[field_index])
      bits = static_cast<uint16_t>(bits + (1u << kShift[field_index]));
  }
};

// The fields of a paper in the order its words are kept (PaperWords).
enum class FieldSlot : uint8_t { kTitle, kAuthors, kTags, kAbstract, kVenue, kCount };

// The words of one field of a paper as word ids, stored in 3 bytes each (4 when the
// dictionary is huge): a paper's words are most of an index's memory. A build stores them
// as the ids the words had while the dictionary was unsorted, with a table to the final
// ids: renumbering tens of millions of words in place took longer than the table's lookups
// cost the queries that read words.
class WordSpan {
 public:
  // final_ids: stored id → word id, or nullptr when the stored ids are the word ids.
  WordSpan(const uint8_t* bytes, size_t count, unsigned width, const uint32_t* final_ids = nullptr)
      : bytes_(bytes), count_(count), width_(width), final_ids_(final_ids) {}
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  // The word id at i, or kSeparator (SearchIndex) between two names.
  uint32_t operator[](size_t i) const {
    const uint8_t* p = bytes_ + i * width_;
    uint32_t id = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16;
    if (width_ == 4) {
      id |= uint32_t(p[3]) << 24;
      if (id == 0xffffffffu) return id;
    } else if (id == 0xffffffu) {
      return 0xffffffffu;
    }
    return final_ids_ ? final_ids_[id] : id;
  }
  class iterator {
   public:
    iterator(const WordSpan* span, size_t i) : span_(span), i_(i) {}
    uint32_t operator*() const { return (*span_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const iterator& o) const { return i_ != o.i_; }

   private:
    const WordSpan* span_;
    size_t i_;
  };
  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, count_); }

 private:
  const uint8_t* bytes_;
  size_t count_;
  unsigned width_;
  const uint32_t* final_ids_;
};

class SearchIndex {
 public:
  SearchIndex();
  ~SearchIndex();
  SearchIndex(SearchIndex&&) noexcept;
  SearchIndex& operator=(SearchIndex&&) noexcept;

  // Which text fields (query.h TextField bits) are indexed: all of them, or all but the
  // abstracts (a chunked collection's resident index, docs/bundle-format.md).
  static constexpr uint8_t kAllFields = 31;
  static constexpr uint8_t kAllButAbstracts = 31 & ~8;

  // Builds the index of a store in one go.
  void build(const PaperStore& store, uint8_t fields = kAllFields);
  // Or a slice at a time: begin_build, then build_step until it returns true. Neither the
  // store nor the index may move meanwhile. A budget unit is about one paper's worth of work.
  // progress() says how far it is (0..1).
  void begin_build(const PaperStore& store, uint8_t fields = kAllFields);
  bool build_step(size_t budget);
  double build_progress() const;

  uint8_t indexed_fields() const { return fields_; }
  bool indexes_abstracts() const { return (fields_ & 8) != 0; }

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
  Span<TermCounts> counts(uint32_t word) const {
    return Span<TermCounts>(posting_counts_.data() + posting_begin(word),
                            posting_counts_.data() + posting_ends_[word]);
  }
  // How many papers contain the word.
  uint32_t document_count(uint32_t word) const { return posting_ends_[word] - posting_begin(word); }
  size_t posting_count() const { return posting_rows_.size(); }

  // The words of one field of a paper, in order, as word ids; authors and tags are separated
  // by kSeparator so a phrase never runs from one name into the next.
  static constexpr uint32_t kSeparator = 0xffffffffu;
  WordSpan field_words(uint32_t row, FieldSlot field) const {
    const size_t slot = static_cast<size_t>(row) * kSlots + static_cast<size_t>(field);
    return WordSpan(packed_words_.data() + static_cast<size_t>(field_starts_[slot]) * word_width_,
                    field_starts_[slot + 1] - field_starts_[slot], word_width_,
                    final_ids_.empty() ? nullptr : final_ids_.data());
  }
  // Words in a field of a paper, and on average over the collection (for ranking).
  uint32_t field_length(uint32_t row, FieldSlot field) const {
    return static_cast<uint32_t>(field_words(row, field).size());
  }
  float average_field_length(FieldSlot field) const {
    return average_lengths_[static_cast<size_t>(field)];
  }
  uint32_t paper_count() const { return paper_count_; }
  // Words kept for all papers together (for cost estimates).
  size_t word_occurrences() const { return field_starts_.empty() ? 0 : field_starts_.back(); }
  // How word ids are packed in field_words: 3 bytes each, or 4 for a huge dictionary.
  unsigned word_width() const { return word_width_; }
  // [Internal] For tests: a build packs word ids in 4 bytes once the dictionary reaches
  // this many words (normally 16.7 million, which 3 bytes cannot number).
  void set_narrow_word_limit(uint32_t words) { narrow_word_limit_ = words; }

  // The papers with a word starting with this ASCII letter or digit in the fields a bare
  // word searches (query.h kInAnyText), or nullptr where not computed (a chunked collection's
  // resident index): the answer to a first keystroke, otherwise a union of a tenth of all
  // postings, and the slowest keystroke of all.
  const RowSet* initial_rows(char c) const {
    const auto byte = static_cast<unsigned char>(c);
    return byte < initial_rows_.size() && initial_rows_[byte].size() ? &initial_rows_[byte]
                                                                     : nullptr;
  }

  size_t byte_size() const;

 private:
  // Computes the initial-letter set number `next` (then counts it); true when all are done.
  // A slice of a build each.
  bool initial_rows_step(size_t& next);
  void compute_initial_rows(unsigned char c);
  size_t initial_rows_bytes() const;
  friend class ResidentDecoder;  // fills the index from a chunked collection's resident part
  static constexpr size_t kSlots = static_cast<size_t>(FieldSlot::kCount);
  uint32_t posting_begin(uint32_t word) const { return word ? posting_ends_[word - 1] : 0; }

  StringColumn words_;                      // sorted, unique
  std::vector<uint32_t> posting_ends_;      // per word
  std::vector<uint32_t> posting_rows_;      // rows, ascending within a word
  std::vector<TermCounts> posting_counts_;  // parallel to posting_rows_
  std::vector<uint8_t> packed_words_;       // every paper's words, word_width_ bytes each
  unsigned word_width_ = 3;
  std::vector<uint32_t> final_ids_;         // packed id → word id (WordSpan); empty: the same
  uint32_t narrow_word_limit_ = 0xffffffu;  // word ids from here on need 4 bytes
  std::vector<uint32_t> field_starts_;      // per paper and field, into packed_words_; +1 at end
  float average_lengths_[kSlots] = {};
  uint32_t paper_count_ = 0;
  uint8_t fields_ = kAllFields;
  std::vector<RowSet> initial_rows_;  // by byte; empty where not computed
  struct Builder;
  std::unique_ptr<Builder> builder_;  // while building in slices
};

}  // namespace ps
