#include <doctest/doctest.h>

#include <cstring>
#include <random>

#include "core/text_fold.h"

using ps::split_words;
using Words = std::vector<std::string>;

TEST_CASE("folding removes case and diacritics") {
  CHECK(split_words("Été") == Words{"ete"});
  CHECK(split_words("Straße") == Words{"strasse"});
  CHECK(split_words("Łódź") == Words{"lodz"});
  CHECK(split_words("Ørsted") == Words{"orsted"});
  CHECK(split_words("Ærø") == Words{"aero"});
  CHECK(split_words("ÇAĞRI") == Words{"cagri"});
  CHECK(split_words("ﬁnal") == Words{"final"});     // compatibility ligature
  CHECK(split_words("Ｆｕｌｌ") == Words{"full"});  // full-width letters
  // Decomposed input (e + combining acute) folds like the composed form.
  CHECK(split_words("e\xCC\x81t\xC3\xA9") == Words{"ete"});
}

TEST_CASE("a word is a maximal run of letters and digits") {
  CHECK(split_words("Med-VQA") == Words{"med", "vqa"});
  CHECK(split_words("GPT-4o, 3D! x_y") == Words{"gpt", "4o", "3d", "x", "y"});
  CHECK(split_words("  ") == Words{});
  CHECK(split_words("αβγ Δ") == Words{"αβγ", "δ"});
  CHECK(split_words("emoji🙂inside") == Words{"emoji", "inside"});
  CHECK(split_words("zero\xE2\x80\x8Bwidth") == Words{"zero", "width"});
}

TEST_CASE("invalid UTF-8 separates words and never stops folding") {
  CHECK(split_words("ab\xFF"
                    "cd") == Words{"ab", "cd"});
  CHECK(split_words("\xC0\xAF"
                    "x") == Words{"x"});  // overlong '/'
  CHECK(split_words("a\xED\xA0\x80"
                    "b") == Words{"a", "b"});                     // lone surrogate
  CHECK(split_words(std::string("a\0b", 3)) == Words{"a", "b"});  // NUL
  CHECK(split_words("tail\xE2\x82") == Words{"tail"});            // truncated sequence
}

TEST_CASE("words remember where they came from") {
  std::vector<std::pair<size_t, size_t>> spans;
  ps::for_each_word("Hé, wörld", [&](const ps::FoldedWord& w) {
    spans.emplace_back(w.source_begin, w.source_end);
  });
  REQUIRE(spans.size() == 2);
  CHECK(spans[0] == std::make_pair(size_t{0}, size_t{3}));
  CHECK(spans[1] == std::make_pair(size_t{5}, size_t{11}));
}

TEST_CASE("fold_words_joined normalises a title") {
  CHECK(ps::fold_words_joined("  The  Consciousness-Prior! ") == "the consciousness prior");
}

namespace {

struct Found {
  std::string folded;
  size_t begin, end;
  bool operator==(const Found& o) const {
    return folded == o.folded && begin == o.begin && end == o.end;
  }
};

// The words of a text found one byte at a time, the simplest way: what for_each_word finds
// eight bytes at a time must be the same.
std::vector<Found> reference_words(std::string_view utf8) {
  std::vector<Found> out;
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  size_t pos = 0;
  while (pos < n) {
    std::string folded;
    size_t begin = pos;
    bool in_word = false;
    while (pos < n) {
      const unsigned char c = ps::kAsciiFold[s[pos]];
      if (c == 0) break;
      if (c != 0xFF) {
        if (!in_word) begin = pos;
        folded.push_back(static_cast<char>(c));
        in_word = true;
        ++pos;
        continue;
      }
      int32_t cp = -1;
      const size_t len = ps::decode_utf8(utf8, pos, cp);
      if (cp < 0) break;
      if (!in_word) begin = pos;
      const ps::FoldClass cls = ps::fold_code_point(cp, folded);
      if (cls == ps::FoldClass::kSeparator) break;
      if (cls == ps::FoldClass::kWord) in_word = true;
      pos += len;
    }
    if (in_word && !folded.empty()) out.push_back(Found{folded, begin, pos});
    if (pos < n) {
      int32_t cp = -1;
      pos += ps::kAsciiFold[s[pos]] == 0 ? 1 : ps::decode_utf8(utf8, pos, cp);
    }
  }
  return out;
}

// for_each_word's words of text must be reference_words' (and every word must have
// kFoldedReadable bytes readable from its start: read here, so AddressSanitizer catches a
// short buffer).
void require_reference_words(const std::string& text) {
  std::vector<Found> got;
  ps::for_each_word(text, [&](const ps::FoldedWord& w) {
    char probe[ps::kFoldedReadable];
    std::memcpy(probe, w.folded.data(), sizeof probe);
    got.push_back(Found{std::string(w.folded), w.source_begin, w.source_end});
  });
  const std::vector<Found> want = reference_words(text);
  REQUIRE_MESSAGE(got.size() == want.size(), text);
  for (size_t i = 0; i < got.size(); ++i) {
    REQUIRE_MESSAGE(got[i] == want[i], text);
  }
}

}  // namespace

TEST_CASE("words found eight bytes at a time are the words found one at a time") {
  // Pieces that meet every case of the eight-byte scan: letters of both cases and digits next
  // to the ASCII bytes just outside their ranges ('/' ':' '@' '[' '`' '{'), accents (composed
  // and combining), a separator code point, invalid bytes, and runs longer than the 128-byte
  // buffer.
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "m",
                                           "0",
                                           "9",
                                           "/",
                                           ":",
                                           "@",
                                           "[",
                                           "`",
                                           "{",
                                           " ",
                                           "-",
                                           ".",
                                           "\t",
                                           "\x7f",
                                           "é",
                                           "É",
                                           "e\xCC\x81",
                                           "ß",
                                           "Ł",
                                           "🙂",
                                           "\xE2\x80\x8B",
                                           "\xFF",
                                           "\xC3",
                                           "\x80",
                                           "Transformer",
                                           "GRAPH",
                                           "2024",
                                           std::string(130, 'q'),
                                           std::string(127, 'R'),
                                           std::string(9, 'x') + "é" + std::string(140, 'y')};
  std::mt19937 rng(17);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t count = rng() % 24;
    for (size_t i = 0; i < count; ++i) text += pieces[rng() % pieces.size()];
    require_reference_words(text);
  }
}

TEST_CASE("long ASCII texts, found 64 bytes at a time, give the words found one at a time") {
  // All-ASCII texts of 64 bytes or more take the bit-mask scan; these reach past its 4 KB
  // stack buffers, put words across 64-byte blocks and at both ends, and end in a word or in
  // a separator.
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "0",
                                           "9",
                                           "/",
                                           ":",
                                           "@",
                                           "[",
                                           "`",
                                           "{",
                                           " ",
                                           "  ",
                                           "-",
                                           "\t",
                                           "\x7f",
                                           "Diffusion",
                                           "x1",
                                           "GRAPH",
                                           std::string(70, 'k'),
                                           std::string(64, 'W')};
  std::mt19937 rng(29);
  size_t long_texts = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t count = 20 + rng() % (round % 10 == 0 ? 2000 : 200);
    for (size_t i = 0; i < count; ++i) text += pieces[rng() % pieces.size()];
    if (text.size() > 4096) ++long_texts;
    require_reference_words(text);
  }
  CHECK(long_texts > 50);
}
