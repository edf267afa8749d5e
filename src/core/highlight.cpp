#include "core/highlight.h"

#include "core/text_fold.h"

namespace ps {

namespace {

bool matches(std::string_view folded, const SearchIndex& index, const SearchedWord& word) {
  if (word.corrected) {
    for (uint32_t id : word.word_ids) {
      if (index.word(id) == folded) return true;
    }
    return false;
  }
  if (word.whole_word) return folded == word.typed;
  return folded.substr(0, word.typed.size()) == word.typed;
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

std::vector<TextRange> highlight_ranges(std::string_view text, const SearchIndex& index,
                                        const std::vector<SearchedWord>& words, uint8_t field) {
  std::vector<TextRange> ranges;
  bool any = false;
  for (const SearchedWord& w : words) any = any || (w.fields & field);
  if (!any) return ranges;
  for_each_word(text, [&](const FoldedWord& fw) {
    for (const SearchedWord& w : words) {
      if ((w.fields & field) && matches(fw.folded, index, w)) {
        ranges.push_back(TextRange{fw.source_begin, fw.source_end});
        return;
      }
    }
  });
  return ranges;
}

Snippet make_snippet(std::string_view text, const std::vector<TextRange>& ranges,
                     size_t max_bytes) {
  Snippet snippet;
  if (text.size() <= max_bytes) {
    snippet.end = text.size();
    snippet.ranges = ranges;
    return snippet;
  }
  const size_t focus = ranges.empty() ? 0 : ranges.front().begin;
  // Start about a third of the window before the first match, at a word boundary.
  size_t begin = focus > max_bytes / 3 ? focus - max_bytes / 3 : 0;
  if (begin > 0) {
    while (begin < focus && text[begin] != ' ') ++begin;
    while (begin < focus && text[begin] == ' ') ++begin;
  }
  size_t end = std::min(text.size(), begin + max_bytes);
  if (end < text.size()) {
    size_t back = end;
    while (back > begin && text[back] != ' ') --back;
    if (back > begin + max_bytes / 2) end = back;
    while (end > begin && is_continuation(text[end])) --end;
  }
  snippet.begin = begin;
  snippet.end = end;
  snippet.cut_before = begin > 0;
  snippet.cut_after = end < text.size();
  for (const TextRange& r : ranges) {
    if (r.begin >= begin && r.end <= end) {
      snippet.ranges.push_back(TextRange{r.begin - begin, r.end - begin});
    }
  }
  return snippet;
}

}  // namespace ps
