// The reading list as the browser stores it (localStorage JSON, or a file someone imports):
// ReadingList::from_json refuses bad JSON whole, and a list it accepts writes back and
// reads again to the same entries.
#include <algorithm>

#include "core/reading_list.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  ps::ReadingList list;
  list.set_mark("kept", ps::Mark::kStarred, true);
  const uint64_t version = list.version();
  ps::Problems problems;
  const bool ok = list.from_json(text, /*merge=*/size % 2 == 1, problems);
  fuzz::check_problems(problems);
  if (!ok) {
    FUZZ_CHECK(!problems.ok());
    FUZZ_CHECK(list.version() == version);  // nothing changed
    FUZZ_CHECK(list.size() == 1 && list.marks("kept").starred);
    return 0;
  }
  FUZZ_CHECK(problems.ok());
  for (const auto& [id, marks] : list.entries()) {
    FUZZ_CHECK(marks.note.size() <= ps::ReadingList::kMaxNoteBytes);
    FUZZ_CHECK(fuzz::valid_utf8(marks.note));
    FUZZ_CHECK(std::is_sorted(marks.tags.begin(), marks.tags.end()));
    for (const std::string& tag : marks.tags) {
      FUZZ_CHECK(!tag.empty() && tag.size() <= ps::ReadingList::kMaxTagBytes);
      FUZZ_CHECK(fuzz::valid_utf8(tag));
    }
    (void)id;
  }
  const std::string json = list.to_json();
  ps::ReadingList back;
  ps::Problems again;
  if (!back.from_json(json, false, again)) {
    std::fprintf(stderr, "the list's own JSON does not read back: %s\n", again.summary().c_str());
    FUZZ_CHECK(false);
  }
  FUZZ_CHECK(back.to_json() == json);
  return 0;
}
