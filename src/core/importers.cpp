#include "core/importers.h"

#include "core/bundle_reader.h"
#include "core/json_cursor.h"

namespace ps {

std::string supported_formats() {
  return "Paperscope bundle v1, Hugging Face papers page list";
}

ImportResult import_collection(std::string_view bytes, std::string_view source_name) {
  ImportResult result;
  if (looks_like_bundle(bytes)) {
    BundleLoad load = read_bundle(bytes);
    result.store = std::move(load.store);
    result.problems = std::move(load.problems);
    result.format = "Paperscope bundle v1";
    return result;
  }
  if (looks_like_hf_page_list(bytes)) return import_hf_page_list(bytes);
  // Not a shape we know: let the bundle reader say what is wrong with it, which is the
  // most specific message for JSON that is broken or not JSON at all.
  BundleLoad load = read_bundle(bytes);
  if (!load.ok()) {
    result.problems = std::move(load.problems);
    const bool is_object = JsonCursor(bytes).peek() == '{';
    if (is_object && result.problems.errors.size() && result.problems.errors[0].where == "$.format") {
      result.problems.errors.clear();
      result.problems.error("", "unknown format: this JSON is not one of the formats Paperscope reads (" +
                                    supported_formats() + ")");
    }
    (void)source_name;
    return result;
  }
  result.store = std::move(load.store);
  result.format = "Paperscope bundle v1";
  return result;
}

}  // namespace ps
