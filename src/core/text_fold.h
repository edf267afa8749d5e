// Folding text for matching: Unicode NFKD with combining marks removed, case-folded, plus a
// few letters that have no decomposition (ł→l, ø→o, æ→ae, …). A word is a maximal run of
// letters and digits; everything else separates words.
#pragma once
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_search.h"

namespace ps {

// One word of a text: its folded form and where it came from in the original bytes.
struct FoldedWord {
  // Valid until the next word is produced. At least kFoldedReadable bytes from its start can
  // be read (those past the word hold anything), so a short word can be loaded in fixed-size
  // pieces without a copy.
  std::string_view folded;
  size_t source_begin = 0;  // byte range of the word in the original text
  size_t source_end = 0;
};

constexpr size_t kFoldedReadable = 16;

// Calls on_word(const FoldedWord&) for every word of utf8, in order. Invalid UTF-8 bytes
// separate words (they never abort or throw).
template <class OnWord>
void for_each_word(std::string_view utf8, OnWord&& on_word);

// All folded words of a text, in order.
std::vector<std::string> split_words(std::string_view utf8);

// The whole text folded, words joined by single spaces ("Med-VQA: Été" → "med vqa ete").
std::string fold_words_joined(std::string_view utf8);

// [Internal] Appends the folded form of one non-ASCII code point to out and says what it is:
// part of a word, a combining mark (appends nothing, does not split a word), or a separator
// (punctuation, space, symbol; appends nothing).
enum class FoldClass { kWord, kMark, kSeparator };
FoldClass fold_code_point(int32_t code_point, std::string& out);

// Decodes one UTF-8 sequence at text[pos]; returns its length (>=1) and sets code_point,
// or -1 for an invalid sequence (then length 1 is consumed).
size_t decode_utf8(std::string_view text, size_t pos, int32_t& code_point);

// Strict UTF-8 (as JSON requires): no overlong forms, surrogates or code points past
// U+10FFFF.
bool valid_utf8(std::string_view s);

// [Internal] For each byte: the folded ASCII letter or digit, 0 for an ASCII separator,
// 0xFF for a byte of a multi-byte UTF-8 sequence.
extern const unsigned char kAsciiFold[256];

namespace detail {

// Bit i set where byte i of x has its high bit set (x's other bits are ignored).
inline uint64_t high_bit_mask(uint64_t x) {
  return ((x & swar::kHighs) * 0x0002040810204081ull) >> 56;
}

// Writes base + the position of each set bit of bits to out, lowest first, and returns how
// many there are. Four at a time, past the count (out has room for three more): a block's
// positions cost one loop exit, not a branch each.
inline size_t set_bit_positions(uint64_t bits, uint32_t base, uint32_t* out) {
  const size_t count = static_cast<size_t>(__builtin_popcountll(bits));
  constexpr uint64_t kTop = uint64_t{1} << 63;  // keeps ctz defined once bits runs out
  for (size_t i = 0; i < count; i += 4) {
    out[i] = base + static_cast<uint32_t>(__builtin_ctzll(bits | kTop));
    bits &= bits - 1;
    out[i + 1] = base + static_cast<uint32_t>(__builtin_ctzll(bits | kTop));
    bits &= bits - 1;
    out[i + 2] = base + static_cast<uint32_t>(__builtin_ctzll(bits | kTop));
    bits &= bits - 1;
    out[i + 3] = base + static_cast<uint32_t>(__builtin_ctzll(bits | kTop));
    bits &= bits - 1;
  }
  return count;
}

// for_each_word for an all-ASCII text, 64 bytes at a time: the text folded eight bytes at a
// time into a copy, a bit per byte for "letter or digit", and the words' first and last
// bytes from those bits. Scanning word by word costs a mispredicted branch or two at nearly
// every word (words end unpredictably); this costs a few per 64 bytes. Returns false,
// having called nothing, when the text holds a byte of 0x80 or above.
template <class OnWord>
bool for_each_ascii_word(std::string_view text, OnWord& on_word) {
  constexpr size_t kStackBytes = 4096;  // most texts (an abstract is 1-2 KB) need no heap
  const size_t n = text.size();
  const size_t blocks = (n + 63) / 64;
  const size_t max_words = n / 2 + 1;  // words are at least a byte, separated by one
  char folded_stack[kStackBytes + kFoldedReadable];
  uint64_t masks_stack[kStackBytes / 64];
  uint32_t firsts_stack[kStackBytes / 2 + 4], lasts_stack[kStackBytes / 2 + 4];
  std::vector<char> folded_heap;
  std::vector<uint64_t> masks_heap;
  std::vector<uint32_t> firsts_heap, lasts_heap;
  char* folded = folded_stack;
  uint64_t* masks = masks_stack;
  uint32_t* firsts = firsts_stack;
  uint32_t* lasts = lasts_stack;
  if (blocks * 64 > kStackBytes) {
    folded_heap.resize(blocks * 64 + kFoldedReadable);
    masks_heap.resize(blocks);
    firsts_heap.resize(max_words + 4);
    lasts_heap.resize(max_words + 4);
    folded = folded_heap.data();
    masks = masks_heap.data();
    firsts = firsts_heap.data();
    lasts = lasts_heap.data();
  }
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t b = 0; b < blocks; ++b) {
    uint64_t mask = 0, highs = 0;
#ifdef __wasm_simd128__
    if (b * 64 + 64 <= n) {  // a whole block: sixteen bytes at a time (WebAssembly SIMD)
      v128_t any = wasm_i8x16_splat(0);
      for (size_t j = 0; j < 4; ++j) {
        const size_t at = b * 64 + j * 16;
        const v128_t x = wasm_v128_load(s + at);
        const v128_t lower = wasm_v128_or(x, wasm_i8x16_splat(0x20));
        const v128_t letter =
            wasm_u8x16_le(wasm_i8x16_sub(lower, wasm_i8x16_splat('a')), wasm_i8x16_splat(25));
        const v128_t digit =
            wasm_u8x16_le(wasm_i8x16_sub(x, wasm_i8x16_splat('0')), wasm_i8x16_splat(9));
        mask |= uint64_t{wasm_i8x16_bitmask(wasm_v128_or(letter, digit))} << (j * 16);
        wasm_v128_store(folded + at, lower);
        any = wasm_v128_or(any, x);
      }
      if (wasm_i8x16_bitmask(any)) return false;
      masks[b] = mask;
      continue;
    }
#endif
    for (size_t j = 0; j < 8; ++j) {
      const size_t at = b * 64 + j * 8;
      uint64_t x = 0;  // past the end: zero bytes, which are separators
      if (at + 8 <= n) {
        __builtin_memcpy(&x, s + at, 8);
      } else if (at < n) {
        std::memcpy(&x, s + at, n - at);
      }
      uint64_t lower;
      mask |= high_bit_mask(swar::ascii_word_bytes(x, lower)) << (j * 8);
      __builtin_memcpy(folded + at, &lower, 8);
      highs |= x;
    }
    if (highs & swar::kHighs) return false;  // at the first non-ASCII block: no work wasted
    masks[b] = mask;
  }
  std::memset(folded + blocks * 64, 0, kFoldedReadable);
  size_t word_count = 0, last_count = 0;
  uint64_t before = 0;  // 1 when the byte before the block is a word's
  for (size_t b = 0; b < blocks; ++b) {
    const uint64_t m = masks[b];
    const uint64_t after = b + 1 < blocks ? (masks[b + 1] & 1) : 0;
    const uint32_t base = static_cast<uint32_t>(b * 64);
    word_count += set_bit_positions(m & ~(m << 1 | before), base, firsts + word_count);
    last_count += set_bit_positions(m & ~(m >> 1 | after << 63), base, lasts + last_count);
    before = m >> 63;
  }
  for (size_t k = 0; k < word_count; ++k) {
    const size_t first = firsts[k], end = lasts[k] + 1;
    on_word(FoldedWord{std::string_view(folded + first, end - first), first, end});
  }
  return true;
}

}  // namespace detail

template <class OnWord>
void for_each_word(std::string_view utf8, OnWord&& on_word) {
  // (Its word positions are 32-bit: texts of 4 GB or more, never a paper's, take the scan.)
  if (utf8.size() >= 64 && utf8.size() < (uint64_t{1} << 32) &&
      detail::for_each_ascii_word(utf8, on_word)) {
    return;
  }
  const unsigned char* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  constexpr size_t kFast = 128;  // ASCII words up to this long are folded in a buffer
  // + 8: eight bytes are folded at a time. Zeroed so that what a reader of kFoldedReadable
  // bytes sees past a short word is never indeterminate.
  char buffer[kFast + kFoldedReadable] = {};
  std::string folded;  // longer or non-ASCII words
  size_t pos = 0;
  while (pos < n) {
    // Skip ASCII separators: eight bytes at a time (to a letter, digit or non-ASCII byte),
    // then one at a time near the end.
    for (uint64_t x, lower; pos + 8 <= n; pos += 8) {
      __builtin_memcpy(&x, s + pos, 8);
      if (const uint64_t stop = swar::ascii_word_bytes(x, lower) | (x & swar::kHighs)) {
        pos += static_cast<size_t>(__builtin_ctzll(stop) >> 3);
        break;
      }
    }
    while (pos < n && kAsciiFold[s[pos]] == 0) ++pos;
    if (pos >= n) break;
    size_t word_begin = pos;
    // A run of ASCII letters and digits: the common case, folded as it is scanned, eight
    // bytes at a time while they fit (bytes past the run land in the buffer's slack).
    size_t end = pos;
    const size_t limit = std::min(n, pos + kFast);
    bool run_ended = false;
    for (uint64_t x, lower; end + 8 <= limit; end += 8) {
      __builtin_memcpy(&x, s + end, 8);
      const uint64_t others = ~swar::ascii_word_bytes(x, lower) & swar::kHighs;
      __builtin_memcpy(buffer + (end - pos), &lower, 8);
      if (others) {
        end += static_cast<size_t>(__builtin_ctzll(others) >> 3);
        run_ended = true;
        break;
      }
    }
    for (; !run_ended && end < limit; ++end) {
      const unsigned char c = kAsciiFold[s[end]];
      if (static_cast<unsigned char>(c - 1) >= 0xFE) break;  // c is 0 or 0xFF
      buffer[end - pos] = static_cast<char>(c);
    }
    if (end >= n || kAsciiFold[s[end]] == 0) {  // the run is the whole word
      on_word(FoldedWord{std::string_view(buffer, end - pos), word_begin, end});
      pos = end;
      continue;
    }
    while (end < n && static_cast<unsigned char>(kAsciiFold[s[end]] - 1) < 0xFE) ++end;
    // Anything else up to the next separator, one code point at a time.
    folded.clear();
    if (folded.capacity() < 2 * kFoldedReadable) folded.reserve(4 * kFoldedReadable);
    bool in_word = end > pos;
    for (size_t i = pos; i < end; ++i) folded.push_back(static_cast<char>(kAsciiFold[s[i]]));
    pos = end;
    while (pos < n) {
      const unsigned char c = kAsciiFold[s[pos]];
      if (c == 0) break;  // an ASCII separator ends the word
      if (c != 0xFF) {
        if (!in_word) word_begin = pos;
        folded.push_back(static_cast<char>(c));
        in_word = true;
        ++pos;
        continue;
      }
      int32_t cp = -1;
      const size_t len = decode_utf8(utf8, pos, cp);
      if (cp < 0) break;  // invalid UTF-8 separates words
      if (!in_word) word_begin = pos;
      const FoldClass cls = fold_code_point(cp, folded);
      if (cls == FoldClass::kSeparator) break;
      if (cls == FoldClass::kWord) in_word = true;
      pos += len;
    }
    if (in_word && !folded.empty()) on_word(FoldedWord{folded, word_begin, pos});
    // Step over what ended the word (a separator byte or code point, or invalid UTF-8).
    if (pos < n) {
      if (kAsciiFold[s[pos]] == 0) {
        ++pos;
      } else {
        int32_t cp = -1;
        pos += decode_utf8(utf8, pos, cp);
      }
    }
  }
}

}  // namespace ps
