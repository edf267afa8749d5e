// Opening a collection in whatever format it comes in: the format is detected from the
// bytes, never from the file name alone.
#pragma once
#include <string>
#include <string_view>

#include "core/load_result.h"
#include "core/paper_store.h"

namespace ps {

struct ImportResult {
  PaperStore store;
  Problems problems;
  std::string format;  // human name of the detected format, "" when unknown
  bool ok() const { return problems.ok(); }
};

// The formats this build reads, for messages ("Paperscope bundle, Hugging Face papers page").
std::string supported_formats();

ImportResult import_collection(std::string_view bytes, std::string_view source_name);

// [Internal] the importers behind import_collection.
bool looks_like_hf_page_list(std::string_view text);
ImportResult import_hf_page_list(std::string_view text);

}  // namespace ps
