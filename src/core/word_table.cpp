#include "core/word_table.h"

#include <cstring>

namespace ps {

namespace {

// MurmurHash3's finaliser: every input bit reaches every output bit, so the table can use the
// low bits, the cache the high ones.
uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

uint64_t hash_key(const uint64_t key[2]) {
  return mix(key[0] ^ (key[1] * 0x9e3779b97f4a7c15ull));
}

uint64_t hash_bytes(std::string_view s) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, s.data() + i, 8);
    h = (h ^ chunk) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  return mix(h ^ tail);
}

}  // namespace

WordTable::WordTable(size_t expected_words) {
  size_t slots = 1 << 16;
  while (slots < expected_words * 2) slots <<= 1;
  slots_.assign(slots, 0);
  keys_.reserve(expected_words);
  spans_.reserve(expected_words);
  // About one cache entry per expected word, at most 64 Ki (1.5 MB): at 100,000 papers that
  // answers 95 % of the 25 million lookups.
  while (cache_bits_ < 16 && (size_t{1} << cache_bits_) < expected_words) ++cache_bits_;
  cache_.resize(size_t{1} << cache_bits_);
}

size_t WordTable::short_word_text(const uint64_t key[2], char out[kShortWord]) {
  std::memcpy(out, &key[0], 8);
  std::memcpy(out + 8, &key[1], 7);  // bytes 8-14; the eighth is the length
  return static_cast<size_t>(key[1] >> 56);
}

void WordTable::intern_batch(Word* words, size_t count, std::string_view long_text) {
  // 1. Hashes, and the cache for the short words. Branch-free where the outcome depends on a
  // read that may miss: a mispredicted branch would throw away the reads started after it.
  // The words left without an id are listed in misses_.
  misses_.resize(count);
  uint32_t* misses = misses_.data();
  size_t miss_count = 0;
  for (size_t i = 0; i < count; ++i) {
    Word& w = words[i];
    if (w.id != kNoId) continue;  // given beforehand
    if (w.long_length) {
      w.hash = hash_bytes(long_text.substr(w.long_begin, w.long_length));
      misses[miss_count++] = static_cast<uint32_t>(i);
      continue;
    }
    w.hash = hash_key(w.key);
    const CacheEntry& entry = cache_[cache_slot(w.hash)];
    // Arithmetic, not && or ?:, which compilers turn into branches.
    const bool hit = ((entry.key[0] ^ w.key[0]) | (entry.key[1] ^ w.key[1])) == 0;
    w.id = entry.id | (0u - static_cast<uint32_t>(!hit));  // kNoId (all ones) on a miss
    misses[miss_count] = static_cast<uint32_t>(i);
    miss_count += !hit;
  }
  // 2. For the rest: the first slot each would look at, then the key of the word there, read
  // ahead for the whole batch so that the misses overlap.
  const size_t mask = slots_.size() - 1;
  uint64_t touched = 0;
  for (size_t m = 0; m < miss_count; ++m) touched += slots_[words[misses[m]].hash & mask];
  for (size_t m = 0; m < miss_count && !keys_.empty(); ++m) {
    const uint64_t slot = slots_[words[misses[m]].hash & mask];
    touched += keys_[static_cast<uint32_t>(slot - (slot != 0))].k[0];  // id + 1, or 0
  }
  touched_ += touched;
  // 3. Then each looked up (or added) for real, and cached.
  for (size_t m = 0; m < miss_count; ++m) {
    Word& w = words[misses[m]];
    w.id = find_or_add(w, long_text);
    if (w.long_length == 0) {
      CacheEntry& entry = cache_[cache_slot(w.hash)];
      entry.key[0] = w.key[0];
      entry.key[1] = w.key[1];
      entry.id = w.id;
    }
  }
}

uint32_t WordTable::find_or_add(const Word& w, std::string_view long_text) {
  if ((size() + 1) * 2 > slots_.size()) grow();
  const std::string_view text =
      w.long_length ? long_text.substr(w.long_begin, w.long_length) : std::string_view();
  const uint64_t tag = w.hash >> 32;
  const size_t mask = slots_.size() - 1;
  for (size_t slot = w.hash & mask;; slot = (slot + 1) & mask) {
    const uint64_t s = slots_[slot];
    if (s == 0) return add(w, text, slot);
    if ((s >> 32) != tag) continue;
    const uint32_t id = static_cast<uint32_t>(s) - 1u;
    const Key& key = keys_[id];
    if (w.long_length == 0) {
      if (key.k[0] == w.key[0] && key.k[1] == w.key[1]) return id;
    } else if (key.k[1] == 0 && key.k[0] == w.hash && get(id) == text) {
      return id;
    }
  }
}

uint32_t WordTable::add(const Word& w, std::string_view text, size_t slot) {
  const uint32_t id = size();
  const uint32_t begin = static_cast<uint32_t>(arena_.size());
  if (w.long_length) {
    arena_.append(text.data(), text.size());
    keys_.push_back(Key{{w.hash, 0}});
  } else {
    char bytes[kShortWord];
    arena_.append(bytes, short_word_text(w.key, bytes));
    keys_.push_back(Key{{w.key[0], w.key[1]}});
  }
  spans_.push_back(Span{begin, static_cast<uint32_t>(arena_.size() - begin)});
  slots_[slot] = (w.hash >> 32 << 32) | (id + 1u);
  return id;
}

void WordTable::grow() {
  std::vector<uint64_t> bigger(slots_.size() * 2, 0);
  const size_t mask = bigger.size() - 1;
  for (uint32_t id = 0; id < size(); ++id) {
    const Key& key = keys_[id];
    const uint64_t h = key.k[1] == 0 ? key.k[0] : hash_key(key.k);
    size_t slot = h & mask;
    while (bigger[slot] != 0) slot = (slot + 1) & mask;
    bigger[slot] = (h >> 32 << 32) | (id + 1u);
  }
  slots_.swap(bigger);
}

}  // namespace ps
