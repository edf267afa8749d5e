// Reads a Paperscope bundle (format "paperscope-bundle", version 1; docs/bundle-format.md)
// into a PaperStore, a slice of papers at a time so a big bundle never blocks a frame for
// long. The top level is scanned without building it; each paper is parsed on its own.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "core/json_cursor.h"
#include "core/load_result.h"
#include "core/paper_store.h"

namespace ps {

constexpr const char* kBundleFormatName = "paperscope-bundle";
constexpr int kBundleVersion = 1;

// How papers are parsed: from nlohmann's SAX events straight into records (the default, the
// faster), or through a JSON tree per paper (kept for measuring; malformed papers always
// take that way, for its precise messages).
enum class BundleParse { kSax, kTree };

class BundleReader {
 public:
  // text must outlive the reader.
  explicit BundleReader(std::string_view text, BundleParse parse = BundleParse::kSax);
  ~BundleReader();

  // Reads up to max_papers more papers. Returns true when reading has finished, with or
  // without errors (see problems()).
  bool step(size_t max_papers);
  // Share of the input read so far, 0..1.
  double progress() const;
  size_t papers_read() const;

  const Problems& problems() const;
  bool ok() const { return problems().ok(); }
  // The collection, once step() returned true and ok().
  PaperStore take_store();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Reads a whole bundle at once.
struct BundleLoad {
  PaperStore store;
  Problems problems;
  bool ok() const { return problems.ok(); }
};
BundleLoad read_bundle(std::string_view text, BundleParse parse = BundleParse::kSax);

// True when text looks like a Paperscope bundle (for format detection): an object whose
// "format" member is "paperscope-bundle".
bool looks_like_bundle(std::string_view text);

}  // namespace ps
