// Writes papers as a Paperscope bundle v1 (docs/bundle-format.md): one paper per line, so
// bundles diff well and stream well.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/paper_store.h"

namespace ps {

// rows: which papers, in that order; nullptr for all.
std::string write_bundle(const PaperStore& store, const std::vector<uint32_t>* rows = nullptr);

// One paper as the JSON object a bundle holds (compact, valid UTF-8).
std::string paper_json(const PaperRecord& paper);

}  // namespace ps
