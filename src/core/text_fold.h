// Folding text for matching: Unicode NFKD with combining marks removed, case-folded, plus a
// few letters that have no decomposition (ł→l, ø→o, æ→ae, …). A word is a maximal run of
// letters and digits; everything else separates words.
#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/byte_search.h"

namespace ps {

// One word of a text: its folded form and where it came from in the original bytes.
struct FoldedWord {
  std::string_view folded;  // valid until the next word is produced
  size_t source_begin = 0;  // byte range of the word in the original text
  size_t source_end = 0;
};

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

template <class OnWord>
void for_each_word(std::string_view utf8, OnWord&& on_word) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  constexpr size_t kFast = 128;  // ASCII words up to this long are folded in a buffer
  char buffer[kFast + 8];        // + 8: eight bytes are folded at a time
  std::string folded;            // longer or non-ASCII words
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
