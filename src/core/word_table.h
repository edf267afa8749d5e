// WordTable: folded words → ids (in the order the words were first seen), for building a
// search index's dictionary: tens of millions of lookups at 100,000 papers, in a table of
// hundreds of thousands of words that does not fit in the processor's caches.
//
// Words are looked up a batch at a time (a paper's worth). One word's lookup is a chain of
// dependent memory reads, each likely a cache miss; a batch's lookups are independent, so
// walking the batch one step at a time lets the processor wait for many misses at once.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ps {

class WordTable {
 public:
  static constexpr uint32_t kNoId = 0xffffffffu;
  static constexpr size_t kShortWord = 16;  // words shorter than this are kept as their key

  // A word waiting for its id. A short word (nearly all) is its key: its bytes and length in
  // 16 bytes; a longer one is a range of the batch's text.
  struct Word {
    uint64_t key[2] = {0, 0};
    uint64_t hash = 0;
    uint32_t id = kNoId;  // what intern_batch fills in
    uint32_t long_begin = 0, long_length = 0;
  };
  // A batch word for folded (appended to long_text when it is long), from which 16 bytes can
  // be read (as for_each_word's words: text_fold.h). Inline: it runs for every word of every
  // paper.
  static Word make_word(std::string_view folded, std::string& long_text) {
    Word word;
    if (folded.size() < kShortWord) {
      short_word_key(folded.data(), folded.size(), word.key);
    } else {
      word.long_begin = static_cast<uint32_t>(long_text.size());
      word.long_length = static_cast<uint32_t>(folded.size());
      long_text.append(folded.data(), folded.size());
    }
    return word;
  }

  explicit WordTable(size_t expected_words);

  // Gives every word of the batch without an id its id, adding the words not seen before.
  void intern_batch(Word* words, size_t count, std::string_view long_text);

  uint32_t size() const { return static_cast<uint32_t>(spans_.size()); }
  std::string_view get(uint32_t id) const {
    const Span& s = spans_[id];
    return std::string_view(arena_.data() + s.begin, s.length);
  }

  // A word of 1 to 15 bytes as its key: bytes 0-7, then 8-14 with the length in the top
  // byte, zero past the word (words hold no zero bytes). From two fixed-size loads of the 16
  // bytes at p and masks, without branches: a branch on the word's length would be
  // mispredicted about once a word, and a copy of a variable length is a call in wasm. The
  // key is never all zero, and a long word's key has 0 where a short one's length is.
  static void short_word_key(const char* p, size_t n, uint64_t key[2]) {
    uint64_t head, tail;
    std::memcpy(&head, p, 8);
    std::memcpy(&tail, p + 8, 8);
    const size_t head_bytes = n < 8 ? n : 8;   // 1..8
    const size_t tail_bytes = n - head_bytes;  // 0..7
    key[0] = head & (~uint64_t{0} >> (64 - 8 * head_bytes));
    key[1] = (tail & ((uint64_t{1} << (8 * tail_bytes)) - 1)) | static_cast<uint64_t>(n) << 56;
  }
  // The word a short key holds; returns its length.
  static size_t short_word_text(const uint64_t key[2], char out[kShortWord]);

 private:
  struct Span {
    uint32_t begin, length;
  };
  struct Key {
    uint64_t k[2];
  };
  // Keys from short_word_key are never all zero, so an all-zero key marks an empty entry.
  struct CacheEntry {
    uint64_t key[2] = {0, 0};
    uint32_t id = 0;
  };

  size_t cache_slot(uint64_t hash) const { return static_cast<size_t>(hash >> (64 - cache_bits_)); }
  uint32_t find_or_add(const Word& word, std::string_view long_text);
  uint32_t add(const Word& word, std::string_view text, size_t slot);
  void grow();

  int cache_bits_ = 10;
  // Open addressing: per slot, the high half of a word's hash and its id + 1 (0: empty).
  std::vector<uint64_t> slots_;
  // Per id: the key (a long word's: its hash, and 0 where a short key keeps its length), and
  // the word's bytes in the arena.
  std::vector<Key> keys_;
  std::vector<Span> spans_;
  std::string arena_;
  // Recently seen short words, direct-mapped: most lookups end here.
  std::vector<CacheEntry> cache_;
  std::vector<uint32_t> misses_;  // intern_batch's words not in the cache
  uint64_t touched_ = 0;  // keeps the reads that warm a batch's slots from being optimised out
};

}  // namespace ps
