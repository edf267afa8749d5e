// The exporters on whatever loads: every format is written for the collection (in an order
// the input picks), and the BibTeX, CSL-JSON and bundle JSON exports import again, as the
// formats they are, with every paper.
#include <algorithm>
#include <functional>
#include <vector>

#include "core/exporters.h"
#include "core/importers.h"
#include "fuzz_common.h"

namespace {

void reimport(const std::string& exported, ps::ExportFormat format, const char* expected_format,
              size_t papers) {
  const ps::ImportResult back = ps::import_collection(exported, "export");
  if (!back.ok() || back.format != expected_format) {
    std::fprintf(stderr, "%s export does not import again (%s): %s\n--- export:\n%s\n",
                 ps::export_format_name(format), back.format.c_str(),
                 back.problems.summary().c_str(), exported.substr(0, 4000).c_str());
    FUZZ_CHECK(false);
  }
  fuzz::check_store(back.store);
  FUZZ_CHECK(back.store.size() >= 1 && back.store.size() <= papers);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ps::ImportResult loaded = ps::import_collection(fuzz::as_text(data, size), "fuzz.txt");
  if (!loaded.ok() || loaded.store.empty()) return 0;
  const ps::PaperStore& store = loaded.store;

  std::vector<uint32_t> rows(store.size());
  for (uint32_t row = 0; row < store.size(); ++row) rows[row] = row;
  const size_t h = std::hash<std::string_view>()(fuzz::as_text(data, size));
  if (h % 3 == 1) std::reverse(rows.begin(), rows.end());
  if (h % 3 == 2 && rows.size() > 1) rows.resize(rows.size() / 2);

  for (uint32_t row : rows) {
    const std::string url = ps::paper_main_url(store, row);
    FUZZ_CHECK(url.empty() || ps::is_openable_url(url));
  }
  for (ps::ExportFormat format :
       {ps::ExportFormat::kBibtex, ps::ExportFormat::kCslJson, ps::ExportFormat::kCsv,
        ps::ExportFormat::kJson, ps::ExportFormat::kMarkdown}) {
    const std::string exported = ps::export_papers(store, rows, format);
    FUZZ_CHECK(fuzz::valid_utf8(exported));
    switch (format) {
      case ps::ExportFormat::kBibtex:
        reimport(exported, format, "BibTeX", rows.size());
        break;
      case ps::ExportFormat::kCslJson:
        reimport(exported, format, "CSL-JSON", rows.size());
        break;
      case ps::ExportFormat::kJson:
        reimport(exported, format, "Paperscope bundle v1", rows.size());
        break;
      default:
        break;
    }
  }
  return 0;
}
