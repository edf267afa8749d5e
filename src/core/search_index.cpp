#include "core/search_index.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>
#include <string>

#include "core/query.h"
#include "core/text_fold.h"
#include "core/word_table.h"

namespace ps {

// [Internal] The state of an index being built, in slices so a big collection never blocks a
// frame for long: a pass over the papers writing each one's words as temporary ids (in the
// order first seen); the dictionary sorted, which gives the table from temporary to final
// ids; a pass over those words counting the papers of each word; and one more filling the
// postings, each paper's words counted per field as they come.
//
// The words are written packed as they will stay (3 bytes each, temporary ids read through
// the table: WordSpan), and the postings are filled from them, with no list of each paper's
// distinct words in between: a page touched for the first time costs more than the work
// done in it, and in a browser wasm memory never shrinks.
struct SearchIndex::Builder {
  enum class Phase { kWords, kSort, kCount, kScatter, kInitials, kDone };

  Builder(SearchIndex& target, const PaperStore& papers) : index(target), store(papers) {
    size_t text_bytes = 0;
    const bool abstracts = index.indexes_abstracts();
    for (uint32_t row = 0; row < store.size(); ++row) {
      text_bytes += store.title(row).size() + (abstracts ? store.abstract(row).size() : 0);
    }
    // Vocabularies grow roughly with the square root of the text (Heaps' law).
    const size_t expected_words =
        static_cast<size_t>(std::sqrt(static_cast<double>(text_bytes)) * 4) + 1024;
    table = std::make_unique<WordTable>(expected_words);
    index.paper_count_ = store.size();
    index.word_width_ = 3;
    // About one word per 6 bytes of English text (growing by doubling instead would copy
    // tens of megabytes); pages are only touched as words arrive (size_at_least).
    index.packed_words_.clear();
    index.final_ids_.clear();
    index.packed_words_.reserve((text_bytes / 6 + static_cast<size_t>(store.size()) * 16) * 3);
    index.field_starts_.assign(static_cast<size_t>(store.size()) * kSlots + 1, 0);
  }

  SearchIndex& index;
  const PaperStore& store;
  Phase phase = Phase::kWords;
  uint32_t next_row = 0;  // the row the current phase continues from
  size_t next_item = 0;   // or the initial letter (kInitials)
  size_t word_total = 0;  // words written to packed_words_ so far
  std::unique_ptr<WordTable> table;
  double length_sums[kSlots] = {};
  // Per temporary word id, while the postings are counted and filled: the last paper that had
  // it (+1); its papers counted, then where its next posting goes; and where it is among the
  // last paper's distinct words. Side by side, so that one memory access finds all three.
  struct WordState {
    uint32_t last_paper = 0;
    uint32_t fill = 0;
    uint32_t distinct = 0;
  };
  std::vector<WordState> word_states;
  // The distinct words of the paper whose postings are being filled, with their counts.
  std::vector<uint32_t> paper_words;
  std::vector<TermCounts> paper_counts;

  // A vector's size raised to at least `needed`, within what it reserved a megabyte at a
  // time: its memory is only touched as it is used.
  template <class T>
  static void size_at_least(std::vector<T>& v, size_t needed) {
    if (needed <= v.size()) return;
    const size_t step = std::max<size_t>(needed - v.size(), (size_t{1} << 20) / sizeof(T));
    v.resize(std::max(needed, std::min(v.capacity(), v.size() + step)));
  }

  uint32_t separator() const { return index.word_width_ == 3 ? 0xffffffu : kSeparator; }

  // From 3 bytes a word to 4, when the temporary ids outgrow 3 bytes (16.7 million words).
  void widen() {
    std::vector<uint8_t> wide;
    wide.reserve(index.packed_words_.capacity() / 3 * 4);
    wide.resize(word_total * 4);
    const WordSpan narrow(index.packed_words_.data(), word_total, 3);
    for (size_t i = 0; i < word_total; ++i) {
      const uint32_t id = narrow[i];
      std::memcpy(wide.data() + i * 4, &id, 4);  // little-endian, as WordSpan reads it
    }
    index.packed_words_.swap(wide);
    index.word_width_ = 4;
  }

  // Words wait in a batch until it is full (papers run on from one to the next; the last
  // batch goes when the pass ends), so that their lookups overlap (word_table.h).
  static constexpr size_t kBatchWords = 4096;
  WordTable::Word batch[kBatchWords];
  bool batch_separators[kBatchWords];  // per batch word: whether it separates two names
  size_t batch_size = 0;
  std::string batch_long_text;

  void flush_batch() {
    table->intern_batch(batch, batch_size, batch_long_text);
    if (index.word_width_ == 3 && table->size() > index.narrow_word_limit_) widen();
    // + 1: a word is written as 4 bytes, then the next overwrites the last when 3 are kept.
    const unsigned width = index.word_width_;
    size_at_least(index.packed_words_, (word_total + batch_size) * width + 1);
    uint8_t* out = index.packed_words_.data() + word_total * width;
    const uint32_t separator_id = separator();
    for (size_t i = 0; i < batch_size; ++i, out += width) {
      const uint32_t id = batch_separators[i] ? separator_id : batch[i].id;
      std::memcpy(out, &id, 4);  // little-endian, as WordSpan reads it
    }
    word_total += batch_size;
    batch_size = 0;
    batch_long_text.clear();
  }

  void add_paper(uint32_t row) {
    auto add_text = [&](std::string_view text) {
      for_each_word(text, [&](const FoldedWord& w) {
        batch[batch_size] = WordTable::make_word(w.folded, batch_long_text);
        batch_separators[batch_size] = false;
        if (++batch_size == kBatchWords) flush_batch();
      });
    };
    auto add_separator = [&] {
      batch[batch_size] = WordTable::Word{};
      batch[batch_size].id = 0;  // nothing to look up
      batch_separators[batch_size] = true;
      if (++batch_size == kBatchWords) flush_batch();
    };
    auto start_field = [&](FieldSlot field) {
      index.field_starts_[static_cast<size_t>(row) * kSlots + static_cast<size_t>(field)] =
          static_cast<uint32_t>(word_total + batch_size);
    };
    start_field(FieldSlot::kTitle);
    add_text(store.title(row));
    start_field(FieldSlot::kAuthors);
    for (uint32_t a = 0; a < store.named_author_count(row); ++a) {
      if (a) add_separator();
      add_text(store.author(row, a));
    }
    start_field(FieldSlot::kTags);
    bool first_tag = true;
    for (const TagRef& tag : store.tags(row)) {
      if (!first_tag) add_separator();
      first_tag = false;
      add_text(store.tag_value(tag.value));
    }
    start_field(FieldSlot::kAbstract);
    if (index.fields_ & 8) add_text(store.abstract(row));
    start_field(FieldSlot::kVenue);
    add_text(store.venue(row));
    for (size_t f = 0; f < kSlots; ++f) {
      const size_t slot = static_cast<size_t>(row) * kSlots + f;
      const size_t end = f + 1 < kSlots ? index.field_starts_[slot + 1] : word_total + batch_size;
      length_sums[f] += static_cast<double>(end - index.field_starts_[slot]);
    }
  }

  // One slice of the current phase: about `budget` papers' worth of work (the dictionary
  // sort is a slice per chunk or merge pass).
  bool step(size_t budget) {
    if (budget > 0 && phase != Phase::kDone) {
      switch (phase) {
        case Phase::kWords: {
          const uint32_t end =
              static_cast<uint32_t>(std::min<size_t>(store.size(), next_row + budget));
          for (; next_row < end; ++next_row) add_paper(next_row);
          if (next_row >= store.size()) finish_words();
          break;
        }
        case Phase::kSort:
          if (sort_step()) finish_sort();
          break;
        case Phase::kCount: {
          const uint32_t end =
              static_cast<uint32_t>(std::min<size_t>(store.size(), next_row + budget * 2));
          count_papers(next_row, end);
          next_row = end;
          if (next_row >= store.size()) finish_count();
          break;
        }
        case Phase::kScatter: {
          const uint32_t end =
              static_cast<uint32_t>(std::min<size_t>(store.size(), next_row + budget * 2));
          fill_postings(next_row, end);
          next_row = end;
          if (next_row >= store.size()) {
            std::vector<WordState>().swap(word_states);
            std::vector<uint32_t>().swap(paper_words);
            std::vector<TermCounts>().swap(paper_counts);
            next_item = 0;
            phase = Phase::kInitials;
          }
          break;
        }
        case Phase::kInitials:
          if (index.initial_rows_step(next_item)) phase = Phase::kDone;
          break;
        case Phase::kDone:
          break;
      }
    }
    return phase == Phase::kDone;
  }

  void finish_words() {
    flush_batch();
    index.packed_words_.resize(word_total * index.word_width_);
    index.field_starts_.back() = static_cast<uint32_t>(word_total);
    for (size_t f = 0; f < kSlots; ++f) {
      index.average_lengths_[f] =
          store.size() ? static_cast<float>(length_sums[f] / store.size()) : 1.0f;
      if (index.average_lengths_[f] <= 0) index.average_lengths_[f] = 1.0f;
    }
    phase = Phase::kSort;
  }

  // The dictionary is sorted in slices: chunks of words sorted one per slice, then merged
  // pairwise a pass per slice, so no slice takes long however big the vocabulary.
  static constexpr size_t kSortChunk = 16384;
  // A word to sort: its first 8 bytes as a big-endian number (zero-padded; words hold no zero
  // bytes, so a shorter word still sorts first), compared before its bytes are: most
  // comparisons end there, without a memcmp call.
  struct SortItem {
    uint64_t head;
    uint32_t id;
  };
  std::vector<SortItem> order;
  size_t sorted_chunks = 0;
  size_t merge_width = 0;

  bool sort_step() {
    auto less = [&](const SortItem& a, const SortItem& b) {
      if (a.head != b.head) return a.head < b.head;
      std::string_view x = table->get(a.id), y = table->get(b.id);
      x.remove_prefix(std::min<size_t>(8, x.size()));
      y.remove_prefix(std::min<size_t>(8, y.size()));
      return x < y;
    };
    if (order.empty() && table->size() > 0 && sorted_chunks == 0 && merge_width == 0) {
      order.resize(table->size());
      for (uint32_t id = 0; id < order.size(); ++id) {
        const std::string_view word = table->get(id);
        uint64_t head = 0;
        for (size_t i = 0; i < 8; ++i) {
          head = head << 8 | (i < word.size() ? static_cast<unsigned char>(word[i]) : 0u);
        }
        order[id] = SortItem{head, id};
      }
    }
    const size_t n = order.size();
    if (sorted_chunks * kSortChunk < n) {
      const size_t from = sorted_chunks * kSortChunk, to = std::min(n, from + kSortChunk);
      std::sort(order.begin() + static_cast<std::ptrdiff_t>(from),
                order.begin() + static_cast<std::ptrdiff_t>(to), less);
      ++sorted_chunks;
      return false;
    }
    if (merge_width == 0) merge_width = kSortChunk;
    if (merge_width >= n) return true;
    for (size_t from = 0; from + merge_width < n; from += 2 * merge_width) {
      const auto begin = order.begin() + static_cast<std::ptrdiff_t>(from);
      std::inplace_merge(
          begin, begin + static_cast<std::ptrdiff_t>(merge_width),
          order.begin() + static_cast<std::ptrdiff_t>(std::min(n, from + 2 * merge_width)), less);
    }
    merge_width *= 2;
    return merge_width >= n;
  }

  void finish_sort() {
    const uint32_t word_ids = table->size();
    std::vector<uint32_t>& rank = index.final_ids_;  // temporary word id → final word id
    rank.assign(word_ids, 0);
    index.words_ = StringColumn();
    for (uint32_t i = 0; i < word_ids; ++i) {
      rank[order[i].id] = i;
      index.words_.push_back(table->get(order[i].id));
    }
    std::vector<SortItem>().swap(order);
    table.reset();
    word_states.assign(word_ids, WordState{});
    next_row = 0;
    phase = Phase::kCount;
  }

  // The temporary word ids of papers [begin, end), field by field: f(row, field index in
  // TextField bit order, temporary id), separators left out. Read straight from the packed
  // bytes: this runs for every word of every paper, twice, and the same loop through
  // WordSpan (its width and table checks per word) made the whole build 1.12x slower natively.
  template <class F>
  void for_each_paper_word(uint32_t begin, uint32_t end, F&& f) const {
    const unsigned width = index.word_width_;
    const uint8_t* bytes = index.packed_words_.data();
    const uint32_t* starts = index.field_starts_.data();
    const uint32_t separator_id = separator();
    for (uint32_t row = begin; row < end; ++row) {
      for (int field = 0; field < static_cast<int>(kSlots); ++field) {
        const size_t slot = static_cast<size_t>(row) * kSlots + static_cast<size_t>(field);
        const uint8_t* p = bytes + static_cast<size_t>(starts[slot]) * width;
        const uint8_t* field_end = bytes + static_cast<size_t>(starts[slot + 1]) * width;
        for (; p < field_end; p += width) {
          uint32_t id = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16;
          if (width == 4) id |= uint32_t(p[3]) << 24;
          if (id != separator_id) f(row, field, id);
        }
      }
    }
  }

  // How many papers have each word, for papers [begin, end).
  void count_papers(uint32_t begin, uint32_t end) {
    WordState* states = word_states.data();
    for_each_paper_word(begin, end, [states](uint32_t row, int, uint32_t id) {
      WordState& s = states[id];
      s.fill += s.last_paper != row + 1;  // without a branch: which way it goes is random
      s.last_paper = row + 1;
    });
  }

  // Each word's postings in place, for papers [begin, end): a paper's distinct words and
  // their counts per field are gathered first (in a list that stays in the processor's
  // caches), then each takes its word's next posting, which is only written, never read.
  void fill_postings(uint32_t begin, uint32_t end) {
    WordState* states = word_states.data();
    uint32_t* rows = index.posting_rows_.data();
    TermCounts* counts = index.posting_counts_.data();
    for (uint32_t row = begin; row < end; ++row) {
      const size_t words = index.field_starts_[(static_cast<size_t>(row) + 1) * kSlots] -
                           index.field_starts_[static_cast<size_t>(row) * kSlots];
      if (paper_words.size() < words) {
        paper_words.resize(words);
        paper_counts.resize(words);
      }
      uint32_t* distinct_words = paper_words.data();
      TermCounts* distinct_counts = paper_counts.data();
      uint32_t distinct = 0;
      for_each_paper_word(row, row + 1, [&](uint32_t, int field, uint32_t id) {
        WordState& s = states[id];
        const bool first = s.last_paper != row + 1;
        const uint32_t d = first ? distinct : s.distinct;
        s.last_paper = row + 1;
        s.distinct = d;
        distinct_words[distinct] = id;  // kept only when first, as is the next
        distinct_counts[distinct] = TermCounts{};
        distinct += first;
        distinct_counts[d].add(field);
      });
      for (uint32_t d = 0; d < distinct; ++d) {
        const uint32_t at = states[distinct_words[d]].fill++;
        rows[at] = row;
        counts[at] = distinct_counts[d];
      }
    }
  }

  void finish_count() {
    const std::vector<uint32_t>& rank = index.final_ids_;
    const uint32_t word_ids = static_cast<uint32_t>(rank.size());
    index.posting_ends_.assign(word_ids, 0);
    for (uint32_t id = 0; id < word_ids; ++id) index.posting_ends_[rank[id]] = word_states[id].fill;
    std::partial_sum(index.posting_ends_.begin(), index.posting_ends_.end(),
                     index.posting_ends_.begin());
    for (uint32_t id = 0; id < word_ids; ++id) {
      word_states[id].fill = index.posting_begin(rank[id]);
      word_states[id].last_paper = 0;
    }
    const size_t postings = word_ids ? index.posting_ends_.back() : 0;
    index.posting_rows_.resize(postings);
    index.posting_counts_.resize(postings);
    next_row = 0;
    phase = Phase::kScatter;
  }
};

SearchIndex::SearchIndex() = default;
SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

void SearchIndex::begin_build(const PaperStore& store, uint8_t fields) {
  fields_ = fields;
  builder_ = std::make_unique<Builder>(*this, store);
}

bool SearchIndex::build_step(size_t budget) {
  if (!builder_) return true;
  if (!builder_->step(budget)) return false;
  builder_.reset();
  return true;
}

double SearchIndex::build_progress() const {
  if (!builder_) return 1.0;
  const Builder& b = *builder_;
  const double rows = std::max<double>(1, b.store.size());
  switch (b.phase) {
    case Builder::Phase::kWords:
      return 0.7 * b.next_row / rows;
    case Builder::Phase::kSort:
      return 0.7;
    case Builder::Phase::kCount:
      return 0.7 + 0.12 * b.next_row / rows;
    case Builder::Phase::kScatter:
      return 0.82 + 0.16 * b.next_row / rows;
    case Builder::Phase::kInitials:
      return 0.98;
    case Builder::Phase::kDone:
      return 1.0;
  }
  return 1.0;
}

void SearchIndex::build(const PaperStore& store, uint8_t fields) {
  begin_build(store, fields);
  while (!build_step(1 << 20)) {
  }
}

std::pair<uint32_t, uint32_t> SearchIndex::prefix_range(std::string_view prefix) const {
  uint32_t lo = 0, hi = words_.size();
  // First word >= prefix.
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (words_[mid] < prefix)
      lo = mid + 1;
    else
      hi = mid;
  }
  const uint32_t first = lo;
  hi = words_.size();
  // First word that does not start with prefix.
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (words_[mid].substr(0, prefix.size()) == prefix)
      lo = mid + 1;
    else
      hi = mid;
  }
  return {first, lo};
}

bool SearchIndex::initial_rows_step(size_t& next) {
  static constexpr char kInitials[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (next == 0) initial_rows_.assign(128, RowSet());
  if (next + 1 < sizeof kInitials)
    compute_initial_rows(static_cast<unsigned char>(kInitials[next++]));
  return next + 1 >= sizeof kInitials;
}

void SearchIndex::compute_initial_rows(unsigned char c) {
  const char letter = static_cast<char>(c);
  const auto range = prefix_range(std::string_view(&letter, 1));
  RowSet& rows = initial_rows_[c];
  rows.reset(paper_count_, false);
  if (range.first == range.second) return;
  // The postings of words with one first letter are contiguous: one pass.
  for (uint32_t at = posting_begin(range.first); at < posting_ends_[range.second - 1]; ++at) {
    if (posting_counts_[at].in_any_text()) rows.set(posting_rows_[at]);
  }
}

int64_t SearchIndex::find_word(std::string_view folded) const {
  const auto range = prefix_range(folded);
  if (range.first < range.second && words_[range.first] == folded) return range.first;
  return -1;
}

size_t SearchIndex::byte_size() const {
  return words_.byte_size() + posting_ends_.size() * 4 + posting_rows_.size() * 4 +
         posting_counts_.size() * sizeof(TermCounts) + packed_words_.size() +
         final_ids_.size() * 4 + field_starts_.size() * 4 + initial_rows_bytes();
}

size_t SearchIndex::initial_rows_bytes() const {
  size_t bytes = initial_rows_.size() * sizeof(RowSet);
  for (const RowSet& rows : initial_rows_) bytes += (rows.size() + 63) / 64 * 8;
  return bytes;
}

}  // namespace ps
