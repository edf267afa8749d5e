// Which parts of a text the query matched, for highlighting, and a short snippet of a long
// text centred on its first match.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/query_eval.h"

namespace ps {

struct TextRange {
  size_t begin = 0;  // bytes
  size_t end = 0;
};

// The words of text (in `field`, a TextField bit) that match one of the query's words.
std::vector<TextRange> highlight_ranges(std::string_view text, const SearchIndex& index,
                                        const std::vector<SearchedWord>& words, uint8_t field);

struct Snippet {
  size_t begin = 0, end = 0;                   // the part of the text shown (bytes)
  bool cut_before = false, cut_after = false;  // show an ellipsis there
  std::vector<TextRange> ranges;               // highlights, relative to begin
};

// At most about max_bytes of text around the first highlight (or the start when none),
// cut at word boundaries.
Snippet make_snippet(std::string_view text, const std::vector<TextRange>& ranges, size_t max_bytes);

}  // namespace ps
