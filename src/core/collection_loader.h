// Loading a collection a slice at a time, whatever its format, so the page stays responsive:
// the platform calls step() once or more per frame until it returns true.
#pragma once
#include <memory>
#include <string>

#include "core/bundle_reader.h"
#include "core/importers.h"

namespace ps {

class CollectionLoader {
 public:
  // Takes the bytes (they must live as long as the loader reads them).
  CollectionLoader(std::string bytes, std::string source_name);

  // Reads up to max_papers more. True when finished (see result()).
  bool step(size_t max_papers);
  double progress() const;
  size_t papers_read() const;

  // Valid once step() returned true.
  ImportResult& result() { return result_; }

 private:
  std::string bytes_;
  std::string source_name_;
  std::unique_ptr<BundleReader> bundle_;  // bundles are read incrementally
  bool done_ = false;
  ImportResult result_;
};

}  // namespace ps
