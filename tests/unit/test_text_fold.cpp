#include <doctest/doctest.h>

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
