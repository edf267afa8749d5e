// Folding text for matching: Unicode NFKD with combining marks removed, case-folded, plus a
// few letters that have no decomposition (ł→l, ø→o, æ→ae, …). A word is a maximal run of
// letters and digits; everything else separates words.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

template <class OnWord>
void for_each_word(std::string_view utf8, OnWord&& on_word) {
  std::string folded;
  size_t word_begin = 0;
  bool in_word = false;
  auto finish = [&](size_t end) {
    if (in_word && !folded.empty()) on_word(FoldedWord{folded, word_begin, end});
    folded.clear();
    in_word = false;
  };
  size_t pos = 0;
  const size_t n = utf8.size();
  while (pos < n) {
    const unsigned char c = static_cast<unsigned char>(utf8[pos]);
    if (c < 0x80) {  // ASCII fast path: most of every collection
      const bool is_alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            (c >= 'A' && c <= 'Z');
      if (is_alnum) {
        if (!in_word) word_begin = pos, in_word = true;
        folded.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      } else {
        finish(pos);
      }
      ++pos;
      continue;
    }
    int32_t cp = -1;
    const size_t len = decode_utf8(utf8, pos, cp);
    FoldClass cls = cp < 0 ? FoldClass::kSeparator : FoldClass::kWord;
    if (cp >= 0) {
      if (!in_word) word_begin = pos;
      cls = fold_code_point(cp, folded);
      if (cls == FoldClass::kWord) in_word = true;
    }
    if (cls == FoldClass::kSeparator) finish(pos);
    pos += len;
  }
  finish(n);
}

}  // namespace ps
