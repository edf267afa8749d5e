// A fixed-size set of rows, 64 to a word: the currency of matching and filtering.
#pragma once
#include <cstdint>
#include <vector>

namespace ps {

class RowSet {
 public:
  RowSet() = default;
  explicit RowSet(uint32_t size, bool full = false) { reset(size, full); }

  void reset(uint32_t size, bool full) {
    size_ = size;
    words_.assign((size + 63) / 64, full ? ~0ull : 0ull);
    if (full) clear_tail();
  }
  uint32_t size() const { return size_; }
  void set(uint32_t row) { words_[row >> 6] |= 1ull << (row & 63); }
  bool test(uint32_t row) const { return (words_[row >> 6] >> (row & 63)) & 1; }
  void intersect(const RowSet& other) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] &= other.words_[i];
  }
  void unite(const RowSet& other) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
  }
  void subtract(const RowSet& other) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] &= ~other.words_[i];
  }
  uint32_t count() const {
    uint32_t n = 0;
    for (uint64_t w : words_) n += static_cast<uint32_t>(__builtin_popcountll(w));
    return n;
  }
  template <class F>
  void for_each(F&& f) const {
    for (size_t i = 0; i < words_.size(); ++i) {
      uint64_t w = words_[i];
      while (w) {
        f(static_cast<uint32_t>(i * 64 + static_cast<size_t>(__builtin_ctzll(w))));
        w &= w - 1;
      }
    }
  }

 private:
  void clear_tail() {
    if (size_ % 64) words_.back() &= (1ull << (size_ % 64)) - 1;
  }
  uint32_t size_ = 0;
  std::vector<uint64_t> words_;
};

}  // namespace ps
