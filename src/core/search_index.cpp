#include "core/search_index.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>
#include <string>

#include "core/query.h"
#include "core/text_fold.h"

namespace ps {

namespace {

// A string → id table for building the dictionary: open addressing, each slot holding the
// word's id and the high half of its hash (so a probe rarely touches anything else), words
// kept once in an arena. Made for the tens of millions of lookups a big collection makes.
class WordTable {
 public:
  explicit WordTable(size_t expected_words) {
    size_t slots = 1 << 16;
    while (slots < expected_words * 2) slots <<= 1;
    slots_.assign(slots, 0);
    entries_.reserve(expected_words);
    // About one cache entry per expected word, at most 64 Ki (1.5 MB): at 100,000 papers
    // that answers 95 % of the 26 million lookups.
    while (cache_bits_ < 16 && (size_t{1} << cache_bits_) < expected_words) ++cache_bits_;
    cache_.resize(size_t{1} << cache_bits_);
  }

  uint32_t intern(std::string_view word) {
    // Most words of a text are short and frequent: a direct-mapped cache keyed by the word's
    // bytes (up to 15, plus its length) answers them without touching the table, whose slots
    // and entries are each a cache miss in a big collection.
    if (word.size() >= 16) return intern_slow(word);
    uint64_t key[2];
    short_word_key(word, key);
    const size_t slot =
        static_cast<size_t>(((key[0] ^ (key[1] * 0x9e3779b97f4a7c15ull)) * 0xff51afd7ed558ccdull) >>
                            (64 - cache_bits_));
    CacheEntry& entry = cache_[slot];
    if (entry.key[0] == key[0] && entry.key[1] == key[1]) return entry.id;
    entry.key[0] = key[0];
    entry.key[1] = key[1];
    entry.id = intern_slow(word);
    return entry.id;
  }

  // A word of up to 15 bytes as 16, with fixed-size loads only (a copy of a variable length
  // is a call in wasm, and this runs 26 million times at 100,000 papers). Loads from both
  // ends overlap to cover every byte; the length goes where they overlap (or beside), so the
  // key is the word, and never all zero.
  static void short_word_key(std::string_view word, uint64_t key[2]) {
    const char* p = word.data();
    const size_t n = word.size();
    if (n >= 8) {  // bytes 0-7, and n-7 to n-1 (byte n-8, also in the first load, gives way)
      std::memcpy(&key[0], p, 8);
      std::memcpy(&key[1], p + n - 8, 8);
      key[1] = (key[1] & ~uint64_t{0xff}) | n;
    } else if (n >= 4) {  // bytes 0-3 and n-4 to n-1
      uint32_t head, tail;
      std::memcpy(&head, p, 4);
      std::memcpy(&tail, p + n - 4, 4);
      key[0] = head | static_cast<uint64_t>(tail) << 32;
      key[1] = n;
    } else {  // bytes 0, n/2 and n-1: all of them
      const auto byte = [p](size_t i) {
        return static_cast<uint64_t>(static_cast<unsigned char>(p[i]));
      };
      key[0] = byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
      key[1] = n;
    }
  }

  uint32_t intern_slow(std::string_view word) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    const uint64_t h = hash(word);
    const uint64_t tag = h >> 32;
    const size_t mask = slots_.size() - 1;
    for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
      const uint64_t s = slots_[slot];
      if (s == 0) {
        const uint32_t id = static_cast<uint32_t>(entries_.size());
        entries_.push_back(
            Entry{h, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(word.size())});
        arena_.append(word.data(), word.size());
        slots_[slot] = (tag << 32) | (id + 1u);
        return id;
      }
      if ((s >> 32) == tag) {
        const uint32_t id = static_cast<uint32_t>(s & 0xffffffffu) - 1u;
        if (get(id) == word) return id;
      }
    }
  }

  uint32_t size() const { return static_cast<uint32_t>(entries_.size()); }
  std::string_view get(uint32_t id) const {
    const Entry& e = entries_[id];
    return std::string_view(arena_.data() + e.begin, e.length);
  }

 private:
  struct Entry {
    uint64_t hash;
    uint32_t begin, length;
  };

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
    // MurmurHash3's finaliser: every input bit reaches the low bits the table uses.
    h ^= tail;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
  }

  void grow() {
    std::vector<uint64_t> bigger(slots_.size() * 2, 0);
    const size_t mask = bigger.size() - 1;
    for (uint32_t id = 0; id < entries_.size(); ++id) {
      const uint64_t h = entries_[id].hash;
      size_t slot = h & mask;
      while (bigger[slot] != 0) slot = (slot + 1) & mask;
      bigger[slot] = ((h >> 32) << 32) | (id + 1u);
    }
    slots_.swap(bigger);
  }

  // Keys from short_word_key: never all zero, so an all-zero key marks an empty entry.
  struct CacheEntry {
    uint64_t key[2] = {0, 0};
    uint32_t id = 0;
  };
  int cache_bits_ = 10;
  std::vector<uint64_t> slots_;
  std::vector<Entry> entries_;
  std::string arena_;
  std::vector<CacheEntry> cache_;
};

}  // namespace

// [Internal] The state of an index being built: a pass over the papers collecting their
// words, then the dictionary sorted, the papers' words renumbered, and the postings filled.
// Each phase works in slices so a big collection never blocks a frame for long.
struct SearchIndex::Builder {
  enum class Phase { kWords, kSort, kRenumber, kCount, kScatter, kInitials, kDone };

  Builder(SearchIndex& target, const PaperStore& papers) : index(target), store(papers) {
    size_t text_bytes = 0;
    const bool abstracts = index.indexes_abstracts();
    for (uint32_t row = 0; row < store.size(); ++row) {
      text_bytes += store.title(row).size() + (abstracts ? store.abstract(row).size() : 0);
    }
    // Vocabularies grow roughly with the square root of the text (Heaps' law).
    table = std::make_unique<WordTable>(
        static_cast<size_t>(std::sqrt(static_cast<double>(text_bytes)) * 4) + 1024);
    index.paper_count_ = store.size();
    index.paper_words_.clear();
    index.paper_words_.reserve(text_bytes / 6 + static_cast<size_t>(store.size()) * 16);
    index.field_starts_.assign(static_cast<size_t>(store.size()) * kSlots + 1, 0);
    // A paper's distinct words: about one per 9 bytes of text in English abstracts (growing
    // by doubling instead would copy tens of megabytes, twice).
    const size_t pairs = text_bytes / 8 + static_cast<size_t>(store.size()) * 16;
    pair_words.reserve(pairs);
    pair_counts.reserve(pairs);
    paper_pair_ends.resize(store.size());
  }

  SearchIndex& index;
  const PaperStore& store;
  Phase phase = Phase::kWords;
  uint32_t next_row = 0;  // the row (or word, or token) the current phase continues from
  size_t next_item = 0;
  std::unique_ptr<WordTable> table;
  // One (word, counts) pair per distinct word of a paper; a paper's pairs are consecutive.
  std::vector<uint32_t> pair_words;
  std::vector<TermCounts> pair_counts;
  std::vector<uint32_t> paper_pair_ends;
  // Per temp word id: the last paper that saw it (+1) and its pair index in that paper,
  // side by side so one memory access finds both.
  struct LastSeen {
    uint32_t paper = 0;
    uint32_t pair = 0;
  };
  std::vector<LastSeen> last_seen;
  double length_sums[kSlots] = {};
  std::vector<uint32_t> rank;  // temp word id → final word id
  std::vector<uint32_t> fill;  // per word: where its next posting goes

  void add_paper(uint32_t row) {
    std::vector<uint32_t>& words = index.paper_words_;
    auto add_text = [&](std::string_view text, uint8_t field) {
      for_each_word(text, [&](const FoldedWord& w) {
        const uint32_t id = table->intern(w.folded);
        words.push_back(id);
        if (id >= last_seen.size()) last_seen.resize(id + 1 + id / 2);
        LastSeen& seen = last_seen[id];
        if (seen.paper != row + 1) {
          seen.paper = row + 1;
          seen.pair = static_cast<uint32_t>(pair_words.size());
          pair_words.push_back(id);
          pair_counts.push_back(TermCounts{});
        }
        pair_counts[seen.pair].add(field);
      });
    };
    auto start_field = [&](FieldSlot field) {
      index.field_starts_[static_cast<size_t>(row) * kSlots + static_cast<size_t>(field)] =
          static_cast<uint32_t>(words.size());
    };
    start_field(FieldSlot::kTitle);
    add_text(store.title(row), 1);
    start_field(FieldSlot::kAuthors);
    for (uint32_t a = 0; a < store.named_author_count(row); ++a) {
      if (a) words.push_back(kSeparator);
      add_text(store.author(row, a), 2);
    }
    start_field(FieldSlot::kTags);
    bool first_tag = true;
    for (const TagRef& tag : store.tags(row)) {
      if (!first_tag) words.push_back(kSeparator);
      first_tag = false;
      add_text(store.tag_value(tag.value), 4);
    }
    start_field(FieldSlot::kAbstract);
    if (index.fields_ & 8) add_text(store.abstract(row), 8);
    start_field(FieldSlot::kVenue);
    add_text(store.venue(row), 16);
    paper_pair_ends[row] = static_cast<uint32_t>(pair_words.size());
    for (size_t f = 0; f < kSlots; ++f) {
      const size_t slot = static_cast<size_t>(row) * kSlots + f;
      const uint32_t end =
          f + 1 < kSlots ? index.field_starts_[slot + 1] : static_cast<uint32_t>(words.size());
      length_sums[f] += end - index.field_starts_[slot];
    }
  }

  // One slice of the current phase: about `budget` papers' worth of work (the dictionary
  // sort and the posting counts are a slice each).
  bool step(size_t budget) {
    if (budget > 0 && phase != Phase::kDone) {
      switch (phase) {
        case Phase::kWords: {
          const uint32_t end =
              static_cast<uint32_t>(std::min<size_t>(store.size(), next_row + budget));
          for (; next_row < end; ++next_row) add_paper(next_row);
          if (next_row >= store.size()) finish_words();
          budget = 0;
          break;
        }
        case Phase::kSort:
          if (sort_step()) finish_sort();
          budget = 0;
          break;
        case Phase::kRenumber: {
          // Final word ids, packed: 3 bytes each (0xffffff is the separator).
          std::vector<uint32_t>& words = index.paper_words_;
          const unsigned width = index.word_width_;
          if (next_item == 0) index.packed_words_.assign(words.size() * width, 0);
          uint8_t* out = index.packed_words_.data();
          const size_t end = std::min(words.size(), next_item + budget * 512);
          for (; next_item < end; ++next_item) {
            uint32_t id = words[next_item] == kSeparator ? kSeparator : rank[words[next_item]];
            if (width == 3 && id == kSeparator) id = 0xffffffu;
            uint8_t* p = out + next_item * width;
            p[0] = static_cast<uint8_t>(id);
            p[1] = static_cast<uint8_t>(id >> 8);
            p[2] = static_cast<uint8_t>(id >> 16);
            if (width == 4) p[3] = static_cast<uint8_t>(id >> 24);
          }
          budget = 0;
          if (next_item >= words.size()) {
            std::vector<uint32_t>().swap(words);
            next_item = 0;
            phase = Phase::kCount;
          }
          break;
        }
        case Phase::kCount:
          count_postings();
          budget = 0;
          break;
        case Phase::kScatter: {
          const uint32_t end =
              static_cast<uint32_t>(std::min<size_t>(store.size(), next_row + budget * 2));
          for (; next_row < end; ++next_row) {
            for (size_t pair = next_row ? paper_pair_ends[next_row - 1] : 0;
                 pair < paper_pair_ends[next_row]; ++pair) {
              const uint32_t at = fill[rank[pair_words[pair]]]++;
              index.posting_rows_[at] = next_row;
              index.posting_counts_[at] = pair_counts[pair];
            }
          }
          budget = 0;
          if (next_row >= store.size()) {
            next_item = 0;
            phase = Phase::kInitials;
          }
          break;
        }
        case Phase::kInitials:
          if (index.initial_rows_step(next_item)) phase = Phase::kDone;
          budget = 0;
          break;
        case Phase::kDone:
          break;
      }
    }
    return phase == Phase::kDone;
  }

  void finish_words() {
    index.field_starts_.back() = static_cast<uint32_t>(index.paper_words_.size());
    for (size_t f = 0; f < kSlots; ++f) {
      index.average_lengths_[f] =
          store.size() ? static_cast<float>(length_sums[f] / store.size()) : 1.0f;
      if (index.average_lengths_[f] <= 0) index.average_lengths_[f] = 1.0f;
    }
    std::vector<LastSeen>().swap(last_seen);
    phase = Phase::kSort;
  }

  // The dictionary is sorted in slices: chunks of words sorted one per slice, then merged
  // pairwise a pass per slice, so no slice takes long however big the vocabulary.
  static constexpr size_t kSortChunk = 16384;
  std::vector<uint32_t> order;
  size_t sorted_chunks = 0;
  size_t merge_width = 0;

  bool sort_step() {
    auto less = [&](uint32_t a, uint32_t b) { return table->get(a) < table->get(b); };
    if (order.empty() && table->size() > 0 && sorted_chunks == 0 && merge_width == 0) {
      order.resize(table->size());
      std::iota(order.begin(), order.end(), 0u);
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
    const uint32_t word_total = table->size();
    rank.assign(word_total, 0);
    index.words_ = StringColumn();
    for (uint32_t i = 0; i < word_total; ++i) {
      rank[order[i]] = i;
      index.words_.push_back(table->get(order[i]));
    }
    std::vector<uint32_t>().swap(order);
    table.reset();
    index.word_width_ = word_total < 0xffffffu ? 3 : 4;
    next_item = 0;
    phase = Phase::kRenumber;
  }

  void count_postings() {
    const uint32_t word_total = static_cast<uint32_t>(rank.size());
    index.posting_ends_.assign(word_total, 0);
    for (uint32_t temp : pair_words) ++index.posting_ends_[rank[temp]];
    std::partial_sum(index.posting_ends_.begin(), index.posting_ends_.end(),
                     index.posting_ends_.begin());
    fill.resize(word_total);
    for (uint32_t w = 0; w < word_total; ++w) fill[w] = index.posting_begin(w);
    index.posting_rows_.resize(pair_words.size());
    index.posting_counts_.resize(pair_words.size());
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
      return 0.8 * b.next_row / rows;
    case Builder::Phase::kSort:
      return 0.8;
    case Builder::Phase::kRenumber:
      return 0.85;
    case Builder::Phase::kCount:
      return 0.9;
    case Builder::Phase::kScatter:
      return 0.9 + 0.08 * b.next_row / rows;
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
         field_starts_.size() * 4 + initial_rows_bytes();
}

size_t SearchIndex::initial_rows_bytes() const {
  size_t bytes = initial_rows_.size() * sizeof(RowSet);
  for (const RowSet& rows : initial_rows_) bytes += (rows.size() + 63) / 64 * 8;
  return bytes;
}

}  // namespace ps
