#include "core/search_index.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string>

#include "core/text_fold.h"

namespace ps {

namespace {

// A string → id table for building the dictionary: open addressing over ids, words kept
// once in an arena. Faster and far smaller than std::unordered_map<std::string, …> for the
// millions of lookups a big collection makes.
class WordTable {
 public:
  WordTable() : slots_(1 << 16, kEmpty) {}

  uint32_t intern(std::string_view word) {
    if ((ends_.size() + 1) * 2 > slots_.size()) grow();
    const uint64_t h = hash(word);
    const size_t mask = slots_.size() - 1;
    for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
      const uint32_t id = slots_[slot];
      if (id == kEmpty) {
        const uint32_t new_id = static_cast<uint32_t>(ends_.size());
        arena_.append(word.data(), word.size());
        ends_.push_back(static_cast<uint32_t>(arena_.size()));
        hashes_.push_back(h);
        slots_[slot] = new_id;
        return new_id;
      }
      if (hashes_[id] == h && get(id) == word) return id;
    }
  }

  uint32_t size() const { return static_cast<uint32_t>(ends_.size()); }
  std::string_view get(uint32_t id) const {
    const uint32_t begin = id ? ends_[id - 1] : 0;
    return std::string_view(arena_.data() + begin, ends_[id] - begin);
  }

 private:
  static constexpr uint32_t kEmpty = 0xffffffffu;

  static uint64_t hash(std::string_view s) {
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
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
  }

  void grow() {
    std::vector<uint32_t> bigger(slots_.size() * 2, kEmpty);
    const size_t mask = bigger.size() - 1;
    for (uint32_t id = 0; id < ends_.size(); ++id) {
      size_t slot = hashes_[id] & mask;
      while (bigger[slot] != kEmpty) slot = (slot + 1) & mask;
      bigger[slot] = id;
    }
    slots_.swap(bigger);
  }

  std::vector<uint32_t> slots_;
  std::string arena_;
  std::vector<uint32_t> ends_;
  std::vector<uint64_t> hashes_;
};

}  // namespace

void TermCounts::add(uint8_t field) {
  auto bump = [&](int shift, unsigned max) {
    const unsigned value = (bits >> shift) & max;
    if (value < max) bits = static_cast<uint16_t>(bits + (1u << shift));
  };
  switch (field) {
    case 1: bump(kTitleShift, 7); break;
    case 2: bump(kAuthorsShift, 3); break;
    case 4: bump(kTagsShift, 3); break;
    case 8: bump(kAbstractShift, 63); break;
    case 16: bump(kVenueShift, 3); break;
    default: break;
  }
}

void SearchIndex::build(const PaperStore& store) {
  WordTable table;
  paper_count_ = store.size();
  // Pass 1: every paper's words in order (as temporary ids, renumbered below), and one
  // (word, counts) pair per distinct word of a paper. Pairs of one paper are consecutive,
  // papers in row order.
  std::vector<uint32_t> pair_words;
  std::vector<TermCounts> pair_counts;
  std::vector<uint32_t> paper_pair_ends(store.size());
  std::vector<uint32_t> slot_of_word;   // temp word id → its pair index, in the current paper
  std::vector<uint32_t> paper_of_slot;  // temp word id → the last paper that saw it (+1)
  pair_words.reserve(static_cast<size_t>(store.size()) * 64);
  pair_counts.reserve(static_cast<size_t>(store.size()) * 64);
  paper_words_.clear();
  paper_words_.reserve(static_cast<size_t>(store.size()) * 96);
  field_starts_.assign(static_cast<size_t>(store.size()) * kSlots + 1, 0);
  double length_sums[kSlots] = {};

  for (uint32_t row = 0; row < store.size(); ++row) {
    auto add_text = [&](std::string_view text, uint8_t field) {
      for_each_word(text, [&](const FoldedWord& w) {
        const uint32_t id = table.intern(w.folded);
        paper_words_.push_back(id);
        if (id >= paper_of_slot.size()) {
          paper_of_slot.resize(id + 1 + id / 2, 0);
          slot_of_word.resize(paper_of_slot.size(), 0);
        }
        if (paper_of_slot[id] != row + 1) {
          paper_of_slot[id] = row + 1;
          slot_of_word[id] = static_cast<uint32_t>(pair_words.size());
          pair_words.push_back(id);
          pair_counts.push_back(TermCounts{});
        }
        pair_counts[slot_of_word[id]].add(field);
      });
    };
    auto start_field = [&](FieldSlot field) {
      field_starts_[static_cast<size_t>(row) * kSlots + static_cast<size_t>(field)] =
          static_cast<uint32_t>(paper_words_.size());
    };
    start_field(FieldSlot::kTitle);
    add_text(store.title(row), 1);
    start_field(FieldSlot::kAuthors);
    for (uint32_t a = 0; a < store.named_author_count(row); ++a) {
      if (a) paper_words_.push_back(kSeparator);
      add_text(store.author(row, a), 2);
    }
    start_field(FieldSlot::kTags);
    bool first_tag = true;
    for (const TagRef& tag : store.tags(row)) {
      if (!first_tag) paper_words_.push_back(kSeparator);
      first_tag = false;
      add_text(store.tag_value(tag.value), 4);
    }
    start_field(FieldSlot::kAbstract);
    add_text(store.abstract(row), 8);
    start_field(FieldSlot::kVenue);
    add_text(store.venue(row), 16);
    paper_pair_ends[row] = static_cast<uint32_t>(pair_words.size());
    for (size_t f = 0; f < kSlots; ++f) {
      const size_t slot = static_cast<size_t>(row) * kSlots + f;
      const uint32_t end =
          f + 1 < kSlots ? field_starts_[slot + 1] : static_cast<uint32_t>(paper_words_.size());
      length_sums[f] += end - field_starts_[slot];
    }
  }
  field_starts_.back() = static_cast<uint32_t>(paper_words_.size());
  for (size_t f = 0; f < kSlots; ++f) {
    average_lengths_[f] =
        store.size() ? static_cast<float>(length_sums[f] / store.size()) : 1.0f;
    if (average_lengths_[f] <= 0) average_lengths_[f] = 1.0f;
  }

  // Sort the dictionary; rank[temp id] is the final word id.
  const uint32_t word_total = table.size();
  std::vector<uint32_t> order(word_total);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return table.get(a) < table.get(b); });
  std::vector<uint32_t> rank(word_total);
  words_ = StringColumn();
  for (uint32_t i = 0; i < word_total; ++i) {
    rank[order[i]] = i;
    words_.push_back(table.get(order[i]));
  }
  for (uint32_t& word : paper_words_) {
    if (word != kSeparator) word = rank[word];
  }

  // Pass 2: count, then scatter rows into each word's postings (rows stay ascending).
  posting_ends_.assign(word_total, 0);
  for (uint32_t temp : pair_words) ++posting_ends_[rank[temp]];
  std::partial_sum(posting_ends_.begin(), posting_ends_.end(), posting_ends_.begin());
  std::vector<uint32_t> fill(word_total);
  for (uint32_t w = 0; w < word_total; ++w) fill[w] = posting_begin(w);
  posting_rows_.resize(pair_words.size());
  posting_counts_.resize(pair_words.size());
  uint32_t pair = 0;
  for (uint32_t row = 0; row < store.size(); ++row) {
    for (; pair < paper_pair_ends[row]; ++pair) {
      const uint32_t at = fill[rank[pair_words[pair]]]++;
      posting_rows_[at] = row;
      posting_counts_[at] = pair_counts[pair];
    }
  }
}

std::pair<uint32_t, uint32_t> SearchIndex::prefix_range(std::string_view prefix) const {
  uint32_t lo = 0, hi = words_.size();
  // First word >= prefix.
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (words_[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const uint32_t first = lo;
  hi = words_.size();
  // First word that does not start with prefix.
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (words_[mid].substr(0, prefix.size()) == prefix) lo = mid + 1;
    else hi = mid;
  }
  return {first, lo};
}

int64_t SearchIndex::find_word(std::string_view folded) const {
  const auto range = prefix_range(folded);
  if (range.first < range.second && words_[range.first] == folded) return range.first;
  return -1;
}

size_t SearchIndex::byte_size() const {
  return words_.byte_size() + posting_ends_.size() * 4 + posting_rows_.size() * 4 +
         posting_counts_.size() * sizeof(TermCounts) + paper_words_.size() * 4 +
         field_starts_.size() * 4;
}

}  // namespace ps
