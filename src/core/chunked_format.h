// The chunked form's shared encodings (internal to chunked*.cpp): the resident part's
// sections, packed dates, zigzag numbers. docs/bundle-format.md ("Chunked collections")
// describes every byte.
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/paper_date.h"
#include "core/search_index.h"

namespace ps {
namespace chunked_format {

constexpr size_t kFieldSlots = static_cast<size_t>(FieldSlot::kCount);

// The resident part's sections, in the order they are written and read.
enum Section : int {
  kHead,
  kIds,
  kTitles,
  kDates,
  kUpvotes,
  kFlags,
  kVenues,
  kAuthors,
  kTags,
  kSources,
  kDict,
  kPostings,
  kForward,
  kSectionCount
};
inline constexpr const char* kSectionTags[kSectionCount] = {"HEAD", "IDS ", "TITL", "DATE", "UPVT",
                                                            "FLAG", "VENU", "AUTH", "TAGS", "SRCS",
                                                            "DICT", "POST", "FWRD"};
constexpr size_t kHeaderBytes = 16;        // magic, version, section count
constexpr size_t kSectionEntryBytes = 24;  // tag, flags, offset, length

// A date in one number: year << 9 | month << 5 | day (month and day 0 when not known); 0 for
// an unknown date. The precision follows from which parts are there.
inline uint32_t pack_date(const PaperDate& d) {
  if (!d.known()) return 0;
  return static_cast<uint32_t>(d.year) << 9 | static_cast<uint32_t>(d.month) << 5 | d.day;
}

inline bool unpack_date(uint64_t v, PaperDate& d, std::string& error) {
  d = PaperDate();
  if (v == 0) return true;
  if (v >> 23) {
    error = "date " + std::to_string(v) + " is out of range";
    return false;
  }
  return make_date(static_cast<int>(v >> 9), static_cast<int>((v >> 5) & 15),
                   static_cast<int>(v & 31), d, error);
}

inline uint32_t zigzag(int32_t v) {
  return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}
inline int32_t unzigzag(uint32_t v) {
  return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1));
}

// Word ids by how many papers hold each word, most first (ties by id): FWRD writes a word
// as its place in this order, computed again by the reader from the postings it has read.
template <class PapersOf>
std::vector<uint32_t> words_by_papers(uint32_t words, PapersOf&& papers_of) {
  std::vector<uint64_t> keys(words);
  // Papers high, id low, in one number: a plain sort of integers (fast in wasm too).
  for (uint32_t id = 0; id < words; ++id)
    keys[id] = (static_cast<uint64_t>(0xffffffffu - papers_of(id)) << 32) | id;
  std::sort(keys.begin(), keys.end());
  std::vector<uint32_t> order(words);
  for (uint32_t i = 0; i < words; ++i) order[i] = static_cast<uint32_t>(keys[i]);
  return order;
}

}  // namespace chunked_format
}  // namespace ps
