// The bundle reader: BundleReader stepping in slices (as the page loads a bundle, a few
// papers per frame) and read_bundle at once must agree; so must the fast path (json_events)
// and the careful one (a nlohmann tree per paper), and json_events with nlohmann's own SAX
// parser on the whole input; a bundle that loads writes back and reads again to the same
// papers.
#include "core/bundle_reader.h"
#include "core/bundle_writer.h"
#include "core/json_events.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  (void)ps::looks_like_bundle(text);

  // json_events never accepts what nlohmann rejects, and sends the same events.
  ps::JsonEventLog ours, theirs;
  if (ps::send_json_events(text, ours)) {
    FUZZ_CHECK(ps::Json::sax_parse(text.begin(), text.end(), &theirs,
                                   nlohmann::detail::input_format_t::json, true));
    FUZZ_CHECK(ours.log == theirs.log);
  }

  // Slices of 1 to 8 papers, picked by the input so every size is tried.
  const size_t slice = 1 + size % 8;
  ps::BundleReader reader(text);
  double last_progress = 0;
  size_t steps = 0;
  while (!reader.step(slice)) {
    const double progress = reader.progress();
    FUZZ_CHECK(progress >= 0 && progress <= 1);
    FUZZ_CHECK(progress >= last_progress);
    last_progress = progress;
    FUZZ_CHECK(++steps <= size + 1);  // every step reads something
  }
  FUZZ_CHECK(reader.progress() == 1.0);
  fuzz::check_problems(reader.problems());

  ps::BundleLoad whole = ps::read_bundle(text);
  fuzz::check_problems(whole.problems);
  FUZZ_CHECK(whole.ok() == reader.ok());
  if (!whole.ok()) return 0;
  const ps::PaperStore sliced = reader.take_store();
  FUZZ_CHECK(sliced.size() == whole.store.size());
  fuzz::check_store(whole.store);

  // The careful path reads the same papers the fast path does.
  ps::BundleLoad careful = ps::read_bundle(text, ps::BundleParse::kTree);
  FUZZ_CHECK(careful.ok());
  FUZZ_CHECK(careful.store.size() == whole.store.size());
  for (uint32_t row = 0; row < whole.store.size(); ++row) {
    FUZZ_CHECK(ps::paper_json(careful.store.record(row)) ==
               ps::paper_json(whole.store.record(row)));
  }

  // Written out and read back: the same papers.
  const std::string written = ps::write_bundle(whole.store);
  FUZZ_CHECK(ps::looks_like_bundle(written));
  ps::BundleLoad again = ps::read_bundle(written);
  if (!again.ok()) {
    std::fprintf(stderr, "rewritten bundle does not load: %s\n", again.problems.summary().c_str());
  }
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again.store.size() == whole.store.size());
  for (uint32_t row = 0; row < whole.store.size(); ++row) {
    FUZZ_CHECK(sliced.id(row) == whole.store.id(row));
    FUZZ_CHECK(ps::paper_json(again.store.record(row)) == ps::paper_json(whole.store.record(row)));
  }
  FUZZ_CHECK(again.store.info.title == whole.store.info.title);
  return 0;
}
