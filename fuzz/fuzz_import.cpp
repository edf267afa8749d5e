// Opening anything: format detection and every importer (Hugging Face papers API JSON and
// page list, arXiv JSON lines and Atom XML, Semantic Scholar, CSL-JSON, BibTeX, bundles),
// one input at once and two inputs merged a slice at a time.
//
// An input whose first byte is 1..7 skips detection: the rest goes straight to that
// format's reader (readers must cope with anything past the bytes detection looked at).
#include <memory>
#include <vector>

#include "core/collection_loader.h"
#include "core/importers.h"
#include "fuzz_common.h"

namespace {

constexpr ps::Format kDirect[] = {ps::Format::kHfPageList,      ps::Format::kHfApi,
                                  ps::Format::kArxivJsonLines,  ps::Format::kArxivAtom,
                                  ps::Format::kSemanticScholar, ps::Format::kCslJson,
                                  ps::Format::kBibtex};

void read_directly(ps::Format format, std::string_view text, size_t slice) {
  std::unique_ptr<ps::PaperReader> reader = ps::make_reader(format, text);
  FUZZ_CHECK(reader != nullptr);
  std::vector<ps::PaperRecord> papers;
  size_t steps = 0;
  while (!reader->step(slice, papers)) {
    const double progress = reader->progress();
    FUZZ_CHECK(progress >= 0 && progress <= 1);
    FUZZ_CHECK(++steps <= text.size() + 1);
  }
  fuzz::check_problems(reader->problems);
  for (const ps::PaperRecord& paper : papers) {
    FUZZ_CHECK(!paper.title.empty());
    FUZZ_CHECK(!paper.id.empty());
    FUZZ_CHECK(fuzz::valid_utf8(paper.title));
    FUZZ_CHECK(fuzz::valid_utf8(paper.abstract));
    for (const std::string& name : paper.authors) FUZZ_CHECK(fuzz::valid_utf8(name));
    for (const ps::Link& link : paper.links) FUZZ_CHECK(ps::is_openable_url(link.url));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  const size_t slice = 1 + size % 5;
  if (size > 0 && data[0] >= 1 && data[0] <= 7) {
    read_directly(kDirect[data[0] - 1], text.substr(1), slice);
    return 0;
  }
  (void)ps::detect_format(text);

  ps::ImportResult one = ps::import_collection(text, "fuzz-input.txt");
  fuzz::check_problems(one.problems);
  if (one.ok()) {
    fuzz::check_store(one.store);
    FUZZ_CHECK(one.records >= one.store.size());
    FUZZ_CHECK(!one.format.empty());
  } else {
    FUZZ_CHECK(!one.problems.errors.empty());
  }

  // The same input twice, merged in slices: it reads the same way, and every paper folds
  // into its twin.
  std::vector<ps::LoadInput> inputs;
  inputs.push_back(ps::LoadInput{std::string(text), "a.txt"});
  inputs.push_back(ps::LoadInput{std::string(text), "https://example.org/b.json?x=1"});
  ps::CollectionLoader loader(std::move(inputs));
  double last_progress = 0;
  size_t steps = 0;
  while (!loader.step(slice)) {
    const double progress = loader.progress();
    FUZZ_CHECK(progress >= 0 && progress <= 1);
    last_progress = progress;
    FUZZ_CHECK(++steps <= 2 * size + 4);
  }
  (void)last_progress;
  ps::ImportResult& both = loader.result();
  fuzz::check_problems(both.problems);
  FUZZ_CHECK(both.ok() == one.ok());
  if (both.ok()) {
    fuzz::check_store(both.store);
    FUZZ_CHECK(both.store.size() <= one.store.size());
    FUZZ_CHECK(both.store.size() > 0 || one.store.size() == 0);
  }
  return 0;
}
