// Shared by the fuzz targets: checks that abort with a message (a libFuzzer finding), and
// properties every loaded collection has.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/load_result.h"
#include "core/paper_store.h"
#include "core/text_fold.h"

// A property that must hold: a failure is reported as a crash, with the input saved.
#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (0)

namespace fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
using ps::valid_utf8;

// Every failed load says what went wrong, in well-formed UTF-8 (the page shows it).
inline void check_problems(const ps::Problems& problems) {
  for (const ps::Problem& p : problems.errors) {
    FUZZ_CHECK(!p.message.empty());
    FUZZ_CHECK(valid_utf8(p.message) && valid_utf8(p.where));
  }
  for (const ps::Problem& p : problems.warnings) {
    FUZZ_CHECK(!p.message.empty());
    FUZZ_CHECK(valid_utf8(p.message) && valid_utf8(p.where));
  }
  if (!problems.ok()) FUZZ_CHECK(!problems.summary().empty());
}

// What every loaded collection holds: unique ids that find their rows, titles, valid UTF-8
// in the text the views and exporters show, http(s) links only.
inline void check_store(const ps::PaperStore& store) {
  for (uint32_t row = 0; row < store.size(); ++row) {
    FUZZ_CHECK(!store.id(row).empty());
    FUZZ_CHECK(store.find(store.id(row)) == static_cast<int64_t>(row));
    FUZZ_CHECK(!store.title(row).empty());
    FUZZ_CHECK(valid_utf8(store.id(row)));
    FUZZ_CHECK(valid_utf8(store.title(row)));
    FUZZ_CHECK(valid_utf8(store.abstract(row)));
    FUZZ_CHECK(valid_utf8(store.venue(row)));
    FUZZ_CHECK(store.author_count(row) >= store.named_author_count(row));
    for (uint32_t i = 0; i < store.named_author_count(row); ++i) {
      FUZZ_CHECK(valid_utf8(store.author(row, i)));
    }
    const ps::PaperRecord record = store.record(row);
    for (const ps::Link& link : record.links) FUZZ_CHECK(ps::is_openable_url(link.url));
    for (const ps::Tag& tag : record.tags) FUZZ_CHECK(valid_utf8(tag.value));
  }
}

}  // namespace fuzz
