// Chunked collections, reading the resident part: ResidentDecoder, a section at a time and
// a slice at a time, every count and reference checked. docs/bundle-format.md ("Chunked
// collections") describes every byte.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/chunked.h"
#include "core/chunked_format.h"

namespace ps {

using namespace chunked_format;

//-----------------------------------------------------------------------------
// [SECTION] Reading the resident part
//-----------------------------------------------------------------------------

// The decoder's progress: which section, how far into it, and what earlier sections gave
// that later ones need.
struct ResidentDecoder::State {
  struct Range {
    uint64_t offset = 0, length = 0;
  };
  Range ranges[kSectionCount];
  int section = -1;   // -1: the header; kSectionCount: finishing
  ByteReader in;      // the current section
  uint64_t item = 0;  // papers, words or postings done in it
  int sub = 0;        // a step within the section (e.g. names, then papers)

  // HEAD
  uint32_t words = 0, chunks = 0, resident_authors = 0;
  unsigned width = 3;
  uint8_t fields = 0;
  uint64_t postings = 0, occurrences = 0;

  // A string block being read: its lengths become ends, then its bytes are copied.
  uint64_t block_count = 0, block_total = 0;
  std::vector<uint32_t> block_ends;

  // Tables read before the papers that refer to them.
  StringColumn table;
  std::vector<uint32_t> venue_refs;
  std::string dict_bytes;
  uint32_t id_slot_row = 0;
  size_t initials_done = 0;          // SearchIndex::initial_rows_step
  std::vector<uint32_t> word_order;  // FWRD: word ids by papers, most first
};

ResidentDecoder::ResidentDecoder(const ChunkedManifest& manifest, std::string_view bytes)
    : manifest_(manifest), bytes_(bytes), state_(std::make_unique<State>()) {}

ResidentDecoder::~ResidentDecoder() = default;

bool ResidentDecoder::fail(const std::string& message) {
  if (error_.empty()) error_ = message;
  return true;
}

double ResidentDecoder::progress() const {
  if (!state_) return 1.0;
  const State& s = *state_;
  if (s.section < 0) return 0.0;
  // By bytes read: the sections' sizes are a fair measure of their work.
  uint64_t done = 0;
  for (int i = 0; i < std::min(s.section, static_cast<int>(kSectionCount)); ++i)
    done += s.ranges[i].length;
  if (s.section < kSectionCount) done += s.in.offset();
  return bytes_.empty()
             ? 1.0
             : std::min(1.0, static_cast<double>(done) / static_cast<double>(bytes_.size()));
}

const char* ResidentDecoder::section() const {
  if (!state_) return "END";
  if (state_->section < 0) return "";
  return state_->section < kSectionCount ? kSectionTags[state_->section] : "END";
}

bool ResidentDecoder::step(size_t budget) {
  if (!state_ || !error_.empty()) return true;
  State& s = *state_;
  if (s.section >= 0 && s.section < kSectionCount && !s.in.ok()) return fail(s.in.error());
  budget = std::max<size_t>(budget, 1);
  const uint32_t n = manifest_.papers;
  PaperStore& st = store_;
  SearchIndex& ix = index_;

  // Starts reading section `which`, or finishes the one being read (which must be used up).
  auto open = [&](int which) {
    s.section = which;
    s.item = 0;
    s.sub = 0;
    if (which >= kSectionCount) return;
    const State::Range& r = s.ranges[which];
    s.in = ByteReader(bytes_.data() + r.offset, static_cast<size_t>(r.length), kSectionTags[which],
                      static_cast<size_t>(r.offset));
  };
  auto close = [&]() {
    if (!s.in.ok()) return fail(s.in.error());
    if (!s.in.at_end()) {
      return fail(std::string(kSectionTags[s.section]) + ": " + std::to_string(s.in.remaining()) +
                  " bytes left over after its last entry");
    }
    open(s.section + 1);
    return false;
  };
  // A string block, into `out`: lengths a slice at a time, then the bytes in one copy.
  // Returns true once `out` is complete. expected: the count it must have (or any).
  auto read_block = [&](StringColumn& out, int64_t expected) -> bool {
    if (s.sub == 0) {
      if (!s.in.varint(s.block_count) || !s.in.varint(s.block_total)) return false;
      if (expected >= 0 && s.block_count != static_cast<uint64_t>(expected)) {
        s.in.fail(std::to_string(s.block_count) + " strings, expected " + std::to_string(expected));
        return false;
      }
      // Each length takes a byte at least: a count beyond the bytes left is a lie.
      if (s.block_count > s.in.remaining() || s.block_total > s.in.remaining() ||
          s.block_total > 0xffffffffull) {
        s.in.fail("a block of " + std::to_string(s.block_count) + " strings and " +
                  std::to_string(s.block_total) + " bytes does not fit in the section");
        return false;
      }
      s.block_ends.clear();
      s.block_ends.reserve(static_cast<size_t>(s.block_count));
      s.item = 0;
      s.sub = 1;
    }
    if (s.sub == 1) {
      const uint64_t end = std::min(s.block_count, s.item + budget * 64);
      uint64_t at = s.block_ends.empty() ? 0 : s.block_ends.back();
      for (; s.item < end; ++s.item) {
        uint64_t length;
        if (!s.in.varint(length)) return false;
        at += length;
        if (at > s.block_total) {
          s.in.fail("string lengths add up to more than the block's " +
                    std::to_string(s.block_total) + " bytes");
          return false;
        }
        s.block_ends.push_back(static_cast<uint32_t>(at));
      }
      if (s.item < s.block_count) return false;
      if (at != s.block_total) {
        s.in.fail("string lengths add up to " + std::to_string(at) + " bytes, the block says " +
                  std::to_string(s.block_total));
        return false;
      }
      s.sub = 2;
      return false;  // the copy is a slice of its own
    }
    const char* data;
    if (!s.in.bytes(static_cast<size_t>(s.block_total), data)) return false;
    out.assign(std::string(data, static_cast<size_t>(s.block_total)), std::move(s.block_ends));
    s.block_ends = std::vector<uint32_t>();
    s.item = 0;
    s.sub = 10;  // the section's own part, after its block
    return true;
  };
  auto ref = [&](uint32_t& v, uint64_t limit, const char* what) {
    return s.in.varint_max(v, limit, what);
  };
  const uint64_t rows_per_step = budget * 64;

  switch (s.section) {
    case -1: {  // the header and the section table
      ByteReader h(bytes_.data(), bytes_.size(), "the resident part's header");
      const char* magic;
      uint32_t version = 0, count = 0;
      if (!h.bytes(8, magic) || std::memcmp(magic, kResidentMagic, 8) != 0) {
        return fail("not a Paperscope resident part (its first bytes are not \"PSRESID\")");
      }
      if (!h.u32(version) || !h.u32(count)) return fail(h.error());
      if (version != kResidentVersion) {
        return fail("resident part version " + std::to_string(version) +
                    " is not one this Paperscope reads (" + std::to_string(kResidentVersion) + ")");
      }
      if (count > 1024)
        return fail("the resident part lists " + std::to_string(count) + " sections");
      bool seen[kSectionCount] = {};
      for (uint32_t i = 0; i < count; ++i) {
        const char* tag;
        uint32_t flags;
        uint64_t offset, length;
        if (!h.bytes(4, tag) || !h.u32(flags) || !h.u64(offset) || !h.u64(length))
          return fail(h.error());
        if (offset > bytes_.size() || length > bytes_.size() - offset ||
            offset < kHeaderBytes + kSectionEntryBytes * count) {
          return fail("section " + std::string(tag, 4) + " (offset " + std::to_string(offset) +
                      ", " + std::to_string(length) + " bytes) lies outside the file's " +
                      std::to_string(bytes_.size()) + " bytes");
        }
        for (int k = 0; k < kSectionCount; ++k) {
          if (std::memcmp(tag, kSectionTags[k], 4) == 0) {
            s.ranges[k] = {offset, length};
            seen[k] = true;
          }
        }
        // Sections this Paperscope does not know are for newer readers: skipped.
      }
      for (int k = 0; k < kSectionCount; ++k) {
        if (!seen[k])
          return fail(std::string("the resident part has no ") + kSectionTags[k] + " section");
      }
      open(kHead);
      return false;
    }
    case kHead: {
      uint64_t papers = 0, words = 0, chunks = 0;
      uint8_t width = 0, fields = 0, authors = 0, reserved = 0;
      float averages[kFieldSlots];
      s.in.varint(papers);
      s.in.varint(words);
      s.in.varint(chunks);
      s.in.u8(width);
      s.in.u8(fields);
      s.in.u8(authors);
      s.in.u8(reserved);
      for (float& a : averages) s.in.f32(a);
      s.in.varint(s.postings);
      s.in.varint(s.occurrences);
      if (!s.in.ok()) return fail(s.in.error());
      if (papers != n) {
        return fail("the resident part holds " + std::to_string(papers) +
                    " papers, the manifest says " + std::to_string(n));
      }
      if (chunks != manifest_.chunks.size()) {
        return fail("the resident part was written for " + std::to_string(chunks) +
                    " chunks, the manifest lists " + std::to_string(manifest_.chunks.size()));
      }
      if (width != 3 && width != 4)
        return fail("HEAD: word width " + std::to_string(width) + " is not 3 or 4");
      if (width == 3 && words >= 0xffffffu) return fail("HEAD: too many words for 3-byte word ids");
      // Every word, posting and word occurrence takes bytes of its own section.
      if (words > s.ranges[kDict].length || s.postings > s.ranges[kPostings].length ||
          s.occurrences > s.ranges[kForward].length) {
        return fail("HEAD: its counts (" + std::to_string(words) + " words, " +
                    std::to_string(s.postings) + " postings, " + std::to_string(s.occurrences) +
                    " word occurrences) do not fit the sections");
      }
      for (float a : averages) {
        if (!std::isfinite(a) || a < 0 || a > 1e9f)
          return fail("HEAD: an average field length is not a number");
      }
      s.words = static_cast<uint32_t>(words);
      s.width = width;
      s.fields = fields & SearchIndex::kAllFields;
      s.resident_authors = authors;
      ix.word_width_ = width;
      ix.fields_ = s.fields;
      ix.paper_count_ = n;
      for (size_t f = 0; f < kFieldSlots; ++f)
        ix.average_lengths_[f] = averages[f] > 0 ? averages[f] : 1.0f;
      st.info = manifest_.info;
      close();
      return false;
    }
    case kIds:
      if (read_block(st.ids_, n)) close();
      return false;
    case kTitles:
      if (read_block(st.titles_, n)) close();
      return false;
    case kDates: {
      if (s.item == 0) {
        st.dates_.reserve(n);
        st.featured_.reserve(n);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      std::string problem;
      for (; s.item < end; ++s.item) {
        uint64_t date, featured;
        PaperDate d, f;
        if (!s.in.varint(date) || !s.in.varint(featured)) return fail(s.in.error());
        if (!unpack_date(date, d, problem) || !unpack_date(featured, f, problem)) {
          s.in.fail("paper " + std::to_string(s.item) + ": " + problem);
          return fail(s.in.error());
        }
        st.dates_.push_back(d);
        st.featured_.push_back(f);
      }
      if (s.item == n) close();
      return false;
    }
    case kUpvotes: {
      if (s.item == 0) st.upvotes_.reserve(n);
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      for (; s.item < end; ++s.item) {
        uint32_t v;
        if (!ref(v, 0xffffffffull, "upvotes")) return fail(s.in.error());
        st.upvotes_.push_back(unzigzag(v));
      }
      if (s.item == n) close();
      return false;
    }
    case kFlags: {
      const char* flags;
      if (!s.in.bytes(n, flags)) return fail(s.in.error());
      st.flags_.assign(flags, flags + n);
      for (uint8_t f : st.flags_) {
        if (f & 0x80) return fail("FLAG: a paper's flags have the unused high bit set");
      }
      close();
      return false;
    }
    case kVenues: {
      if (s.sub < 10) {
        if (!read_block(s.table, -1)) return s.in.ok() ? false : fail(s.in.error());
        if (s.table.size() == 0 || !s.table[0].empty())
          return fail("VENU: the first venue must be \"\"");
        s.venue_refs.reserve(n);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      for (; s.item < end; ++s.item) {
        uint32_t v;
        if (!ref(v, s.table.size() - 1, "venue")) return fail(s.in.error());
        s.venue_refs.push_back(v);
      }
      if (s.item < n) return false;
      // Venues are kept per paper (most are empty): one copy each.
      std::string venue_bytes;
      std::vector<uint32_t> ends;
      ends.reserve(n);
      for (uint32_t v : s.venue_refs) {
        venue_bytes += s.table[v];
        ends.push_back(static_cast<uint32_t>(venue_bytes.size()));
      }
      st.venues_.assign(std::move(venue_bytes), std::move(ends));
      s.venue_refs = std::vector<uint32_t>();
      s.table = StringColumn();
      close();
      return false;
    }
    case kAuthors: {
      if (s.sub < 10) {
        if (!read_block(st.author_names_, -1)) return s.in.ok() ? false : fail(s.in.error());
        st.author_counts_.reserve(n);
        st.author_ranges_.reserve(n);
        st.author_refs_.reserve(n * 3ull);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      const uint64_t names = st.author_names_.size();
      for (; s.item < end; ++s.item) {
        uint32_t count, k;
        if (!ref(count, 0xffffffffull, "author count") ||
            !ref(k, std::min<uint64_t>(count, s.resident_authors), "names")) {
          return fail(s.in.error());
        }
        st.author_counts_.push_back(count);
        for (uint32_t i = 0; i < k; ++i) {
          uint32_t name;
          if (names == 0 || !ref(name, names - 1, "author"))
            return fail(s.in.error().empty() ? "AUTH: no names" : s.in.error());
          st.author_refs_.push_back(name);
        }
        st.author_ranges_.push_back(static_cast<uint32_t>(st.author_refs_.size()));
      }
      if (s.item == n) close();
      return false;
    }
    case kTags: {
      if (s.sub < 10) {
        if (!read_block(st.tag_values_, -1)) return s.in.ok() ? false : fail(s.in.error());
        st.tag_ranges_.reserve(n);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      const uint64_t values = st.tag_values_.size();
      for (; s.item < end; ++s.item) {
        uint32_t count;
        if (!ref(count, s.in.remaining(), "tag count")) return fail(s.in.error());
        for (uint32_t i = 0; i < count; ++i) {
          uint8_t kind;
          uint32_t value;
          if (!s.in.u8(kind)) return fail(s.in.error());
          if (kind > static_cast<uint8_t>(TagKind::kUser)) {
            s.in.fail("tag kind " + std::to_string(kind) + " is not one of 0-3");
            return fail(s.in.error());
          }
          if (values == 0 || !ref(value, values - 1, "tag"))
            return fail(s.in.error().empty() ? "TAGS: no values" : s.in.error());
          st.tag_refs_.push_back(TagRef{static_cast<TagKind>(kind), value});
        }
        st.tag_ranges_.push_back(static_cast<uint32_t>(st.tag_refs_.size()));
      }
      if (s.item < n) return false;
      for (uint32_t v = 0; v < st.tag_values_.size(); ++v)
        st.tag_lookup_.emplace(std::string(st.tag_values_[v]), v);
      close();
      return false;
    }
    case kSources: {
      if (s.sub < 10) {
        if (!read_block(st.source_names_, -1)) return s.in.ok() ? false : fail(s.in.error());
        st.source_ranges_.reserve(n);
      }
      const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
      const uint64_t names = st.source_names_.size();
      for (; s.item < end; ++s.item) {
        uint32_t count;
        if (!ref(count, s.in.remaining(), "source count")) return fail(s.in.error());
        for (uint32_t i = 0; i < count; ++i) {
          uint32_t source;
          if (names == 0 || !ref(source, names - 1, "source"))
            return fail(s.in.error().empty() ? "SRCS: no names" : s.in.error());
          st.source_refs_.push_back(source);
        }
        st.source_ranges_.push_back(static_cast<uint32_t>(st.source_refs_.size()));
      }
      if (s.item < n) return false;
      for (uint32_t v = 0; v < st.source_names_.size(); ++v)
        st.source_lookup_.emplace(std::string(st.source_names_[v]), v);
      close();
      return false;
    }
    case kDict: {
      if (s.item == 0 && s.sub == 0) {
        uint64_t count;
        if (!s.in.varint(count)) return fail(s.in.error());
        if (count != s.words)
          return fail("DICT: " + std::to_string(count) + " words, HEAD says " +
                      std::to_string(s.words));
        s.block_ends.clear();
        s.block_ends.reserve(s.words);
        s.sub = 1;
      }
      // Front coding: each word shares a prefix with the one before; words strictly ascend.
      std::string& bytes = s.dict_bytes;
      const uint64_t end = std::min<uint64_t>(s.words, s.item + budget * 64);
      for (; s.item < end; ++s.item) {
        uint64_t shared;
        std::string_view suffix;
        if (!s.in.varint(shared) || !s.in.str(suffix)) return fail(s.in.error());
        const size_t prev_begin =
            s.block_ends.size() > 1 ? s.block_ends[s.block_ends.size() - 2] : 0;
        const size_t prev_len = s.block_ends.empty() ? 0 : s.block_ends.back() - prev_begin;
        if (shared > prev_len || (shared == 0 && suffix.empty())) {
          s.in.fail("word " + std::to_string(s.item) +
                    " is empty or shares more than the word before");
          return fail(s.in.error());
        }
        const std::string_view prev_suffix(bytes.data() + prev_begin + shared, prev_len - shared);
        if (!s.block_ends.empty() && suffix <= prev_suffix) {
          s.in.fail("word " + std::to_string(s.item) +
                    " does not come after the word before (the dictionary must be sorted)");
          return fail(s.in.error());
        }
        if (bytes.size() + shared + suffix.size() > 0xffffffffull) return fail("DICT: too large");
        bytes.append(bytes, prev_begin, static_cast<size_t>(shared));
        bytes.append(suffix.data(), suffix.size());
        s.block_ends.push_back(static_cast<uint32_t>(bytes.size()));
      }
      if (s.item < s.words) return false;
      ix.words_.assign(std::move(bytes), std::move(s.block_ends));
      bytes = std::string();
      s.block_ends = std::vector<uint32_t>();
      close();
      return false;
    }
    case kPostings: {
      if (s.item == 0 && s.sub == 0) {
        // HEAD's count was checked against POST's bytes (a posting takes one at least).
        ix.posting_ends_.reserve(s.words);
        ix.posting_rows_.assign(static_cast<size_t>(s.postings), 0);
        ix.posting_counts_.assign(static_cast<size_t>(s.postings), TermCounts{});
        s.sub = 1;
      }
      // s.item counts words; a slice ends after about budget * 512 postings. The hot loop
      // (tens of millions of postings) reads one-byte numbers in place and writes straight
      // into the columns; anything longer goes through the checked reader.
      const size_t posting_budget = budget * 512;
      size_t at = ix.posting_ends_.empty() ? 0 : ix.posting_ends_.back();
      const size_t start = at;
      uint32_t* rows_out = ix.posting_rows_.data();
      TermCounts* counts_out = ix.posting_counts_.data();
      while (s.item < s.words && at - start < posting_budget) {
        uint32_t df;
        if (!ref(df, n, "papers of a word")) return fail(s.in.error());
        if (df > s.postings - at) {
          return fail("POST: word " + std::to_string(s.item) +
                      " has more postings than HEAD says there are");
        }
        uint32_t common;
        if (!ref(common, 0xffff, "term counts")) return fail(s.in.error());
        const unsigned char* p = s.in.here();
        const unsigned char* limit = p + s.in.remaining();
        auto sync = [&]() { s.in.advance(static_cast<size_t>(p - s.in.here())); };
        uint64_t row = 0;
        for (uint32_t i = 0; i < df; ++i) {
          uint64_t coded;
          uint32_t bits = common;
          if (p < limit && *p < 0x80) {
            coded = *p++;
          } else {
            sync();
            if (!s.in.varint(coded)) return fail(s.in.error());
            p = s.in.here();
            limit = p + s.in.remaining();
          }
          if (coded & 1) {
            sync();
            if (!ref(bits, 0xffff, "term counts")) return fail(s.in.error());
            p = s.in.here();
            limit = p + s.in.remaining();
          }
          row = i ? row + (coded >> 1) + 1 : coded >> 1;
          if (row >= n) {
            sync();
            s.in.fail("word " + std::to_string(s.item) + ": paper " + std::to_string(row) +
                      " is out of range");
            return fail(s.in.error());
          }
          rows_out[at] = static_cast<uint32_t>(row);
          counts_out[at] = TermCounts{static_cast<uint16_t>(bits)};
          ++at;
        }
        sync();
        ix.posting_ends_.push_back(static_cast<uint32_t>(at));
        ++s.item;
      }
      if (s.item < s.words) return false;
      if (at != s.postings) {
        return fail("POST: " + std::to_string(at) + " postings, HEAD says " +
                    std::to_string(s.postings));
      }
      close();
      return false;
    }
    case kForward: {
      if (s.sub == 0) {
        ix.field_starts_.reserve(static_cast<size_t>(n) * kFieldSlots + 1);
        s.sub = 1;
      }
      if (s.sub == 1) {  // the field lengths
        const uint64_t end = std::min<uint64_t>(n, s.item + rows_per_step);
        uint64_t at = ix.field_starts_.empty() ? 0 : s.block_total;
        for (; s.item < end; ++s.item) {
          for (size_t f = 0; f < kFieldSlots; ++f) {
            uint32_t length;
            if (!ref(length, s.occurrences, "field length")) return fail(s.in.error());
            ix.field_starts_.push_back(static_cast<uint32_t>(at));
            at += length;
            if (at > s.occurrences) {
              s.in.fail("field lengths add up to more than HEAD's " +
                        std::to_string(s.occurrences) + " words");
              return fail(s.in.error());
            }
          }
        }
        s.block_total = at;
        if (s.item < n) return false;
        if (at != s.occurrences) {
          return fail("FWRD: field lengths add up to " + std::to_string(at) + " words, HEAD says " +
                      std::to_string(s.occurrences));
        }
        ix.field_starts_.push_back(static_cast<uint32_t>(at));
        ix.packed_words_.assign(static_cast<size_t>(s.occurrences) * s.width, 0);
        // Words come as their rank by papers (chunked_format.h), from the postings read.
        s.word_order = words_by_papers(s.words, [&](uint32_t w) { return ix.document_count(w); });
        s.item = 0;
        s.sub = 2;
        return false;
      }
      const uint64_t end = std::min<uint64_t>(s.occurrences, s.item + budget * 1024);
      uint8_t* out = ix.packed_words_.data() + s.item * s.width;
      const uint32_t* order = s.word_order.data();
      const uint32_t separator = s.width == 3 ? 0xffffffu : 0xffffffffu;
      // The hot loop of decoding (tens of millions of words): ranks of one or two bytes are
      // read in place, longer ones through the checked reader.
      const unsigned char* p = s.in.here();
      const unsigned char* limit = p + s.in.remaining();
      for (; s.item < end; ++s.item, out += s.width) {
        uint32_t rank;
        if (limit - p >= 2 && p[0] < 0x80) {
          rank = *p++;
        } else if (limit - p >= 2 && p[1] < 0x80) {
          rank = (p[0] & 0x7fu) | uint32_t(p[1]) << 7;
          p += 2;
        } else {
          s.in.advance(static_cast<size_t>(p - s.in.here()));
          if (!ref(rank, s.words, "word")) return fail(s.in.error());
          p = s.in.here();
          limit = p + s.in.remaining();
        }
        if (rank > s.words) {
          s.in.advance(static_cast<size_t>(p - s.in.here()));
          s.in.fail("word " + std::to_string(rank) + " is out of range (at most " +
                    std::to_string(s.words) + ")");
          return fail(s.in.error());
        }
        const uint32_t id = rank ? order[rank - 1] : separator;
        out[0] = static_cast<uint8_t>(id);
        out[1] = static_cast<uint8_t>(id >> 8);
        out[2] = static_cast<uint8_t>(id >> 16);
        if (s.width == 4) out[3] = static_cast<uint8_t>(id >> 24);
      }
      s.in.advance(static_cast<size_t>(p - s.in.here()));
      if (s.item < s.occurrences) return false;
      s.word_order = std::vector<uint32_t>();
      if (s.item < s.occurrences) return false;
      close();
      return false;
    }
    case kSectionCount: {  // the id table and the chunk layout
      if (s.id_slot_row == 0) {
        size_t slots = 64;
        while (slots < 2 * static_cast<size_t>(n)) slots *= 2;
        st.id_slots_.assign(slots, 0);
      }
      const uint32_t end =
          static_cast<uint32_t>(std::min<uint64_t>(n, s.id_slot_row + rows_per_step));
      for (; s.id_slot_row < end; ++s.id_slot_row) st.insert_id_slot(s.id_slot_row);
      if (s.id_slot_row < n) return false;
      if (!ix.initial_rows_step(s.initials_done)) return false;  // one letter a step
      st.chunk_first_rows_.clear();
      for (const ChunkEntry& c : manifest_.chunks) st.chunk_first_rows_.push_back(c.first_row);
      st.chunk_details_.clear();
      st.chunk_details_.resize(manifest_.chunks.size());
      if (n > 0 && st.chunk_first_rows_.empty())
        return fail("the collection has papers but no chunks");
      state_.reset();
      return true;
    }
    default:
      return fail("the resident decoder lost its place");
  }
}

bool read_resident(const ChunkedManifest& manifest, std::string_view bytes, PaperStore& store,
                   SearchIndex& index, std::string& error) {
  if (bytes.size() != manifest.resident_bytes) {
    error = manifest.resident_file + ": " + std::to_string(bytes.size()) +
            " bytes, the manifest says " + std::to_string(manifest.resident_bytes);
    return false;
  }
  const uint64_t hash = xxh64(bytes);
  if (hash != manifest.resident_hash) {
    error = manifest.resident_file + ": damaged or not the file the manifest names (its hash is " +
            hash_hex(hash) + ", the manifest says " + hash_hex(manifest.resident_hash) + ")";
    return false;
  }
  ResidentDecoder decoder(manifest, bytes);
  while (!decoder.step(1 << 16)) {
  }
  if (!decoder.ok()) {
    error = manifest.resident_file + ": " + decoder.error();
    return false;
  }
  store = std::move(decoder.store());
  index = std::move(decoder.index());
  return true;
}

}  // namespace ps
