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
  // A batch word for folded (appended to long_text when it is long). Inline: it runs for
  // every word of every paper.
  static Word make_word(std::string_view folded, std::string& long_text) {
    Word word;
    if (folded.size() < kShortWord) {
      short_word_key(folded, word.key);
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

  // A word of up to 15 bytes as 16, with fixed-size loads only (a copy of a variable length
  // is a call in wasm). Loads from both ends overlap to cover every byte; the length goes
  // where they overlap (or beside), so the key is the word, its low byte is the length (never
  // 0: a long word's key has 0 there), and it is never all zero.
  static void short_word_key(std::string_view word, uint64_t key[2]) {
    const char* p = word.data();
    const size_t n = word.size();
    if (n >= 8) {  // bytes 0-7, and n-7 to n-1 (byte n-8, also in the first load, gives way)
      std::memcpy(&key[0], p, 8);
      std::memcpy(&key[1], p + n - 8, 8);
      key[1] = (key[1] & ~uint64_t{0xff}) | n;
    } else if (n >= 4) {  // bytes 0-3 and n-4 to n-1
      uint32_t head, tail;
      std::memcpy(&head, p, 4);
      std::memcpy(&tail, p + n - 4, 4);
      key[0] = head | static_cast<uint64_t>(tail) << 32;
      key[1] = n;
    } else {  // bytes 0, n/2 and n-1: all of them
      const auto byte = [p](size_t i) {
        return static_cast<uint64_t>(static_cast<unsigned char>(p[i]));
      };
      key[0] = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
      key[1] = n;
    }
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
