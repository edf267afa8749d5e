// Loading a collection from one or several inputs, whatever their formats, a slice at a time
// so the page stays responsive: the platform calls step() once or more per frame until it
// returns true. Several inputs (or any input that is not a bundle) are merged (merge.h):
// duplicates fold, and every paper records which inputs it came from.
//
// A load succeeds only when every input reads without errors; otherwise result() holds the
// problems of all of them, each naming its input.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/bundle_reader.h"
#include "core/importers.h"
#include "core/merge.h"

namespace ps {

struct LoadInput {
  std::string bytes;
  std::string name;  // a file name or URL: shown in messages, recorded as the papers' source
};

class CollectionLoader {
 public:
  CollectionLoader(std::string bytes, std::string source_name, ImportOptions options = {});
  explicit CollectionLoader(std::vector<LoadInput> inputs, ImportOptions options = {});
  ~CollectionLoader();
  CollectionLoader(const CollectionLoader&) = delete;
  CollectionLoader& operator=(const CollectionLoader&) = delete;

  // Reads up to max_papers more. True when finished (see result()).
  bool step(size_t max_papers);
  double progress() const;  // 0..1 over all inputs, by size
  size_t papers_read() const;

  // What each input was, once it has been read.
  struct InputSummary {
    std::string name;
    std::string format;  // "" when it was not recognised
    size_t papers = 0;   // papers read from it (before folding duplicates)
    Problems problems;   // its own problems (sources not set)
  };
  const std::vector<InputSummary>& inputs() const { return summaries_; }
  // The input being read now (for progress text).
  const std::string& current_name() const;

  // Valid once step() returned true. For several inputs, format names each input's format
  // and every problem names its input (Problem::source).
  ImportResult& result() { return result_; }

 private:
  class Input;
  void finish();

  std::vector<std::unique_ptr<Input>> inputs_;
  std::vector<InputSummary> summaries_;
  size_t current_ = 0;
  size_t total_bytes_ = 0, done_bytes_ = 0;
  ImportOptions options_;
  Merger merger_;
  bool done_ = false;
  ImportResult result_;
};

}  // namespace ps
