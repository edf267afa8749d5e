#include <doctest/doctest.h>

#include "core/explorer.h"
#include "core/reading_list.h"

namespace {

ps::Explorer collection(const std::vector<std::string>& ids) {
  ps::PaperStore store;
  for (const std::string& id : ids) {
    ps::PaperRecord p;
    p.id = id;
    p.title = "Paper " + id;
    store.add(p);
  }
  ps::Explorer e;
  e.set_collection(std::move(store));
  e.set_sort({ps::SortField::kTitle, false});
  return e;
}

std::vector<std::string> ids(ps::Explorer& e) {
  std::vector<std::string> out;
  for (uint32_t row : e.results()) out.emplace_back(e.store().id(row));
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("marks, notes and tags by stable id") {
  ps::ReadingList list;
  list.set_mark("a", ps::Mark::kStarred, true);
  list.set_mark("a", ps::Mark::kRead, true);
  list.set_note("b", "line one\nline two");
  list.add_tag("b", "  to read ");
  list.add_tag("b", "to read");
  list.add_tag("b", "GAN");
  CHECK(list.marks("a").starred);
  CHECK(list.marks("a").read);
  CHECK_FALSE(list.marks("a").hidden);
  CHECK(list.marks("b").note == "line one line two");
  CHECK(list.marks("b").tags == std::vector<std::string>{"GAN", "to read"});
  list.set_mark("a", ps::Mark::kStarred, false);
  list.set_mark("a", ps::Mark::kRead, false);
  CHECK(list.find("a") == nullptr);  // nothing left: no entry
  list.set_note("c", std::string(5000, 'x'));
  CHECK(list.marks("c").note.size() == ps::ReadingList::kMaxNoteBytes);
}

TEST_CASE("the reading list round-trips through JSON and refuses bad JSON whole") {
  ps::ReadingList list;
  list.set_mark("2504.02345", ps::Mark::kStarred, true);
  list.set_mark("t-abc", ps::Mark::kHidden, true);
  list.add_tag("2504.02345", "Łódź");
  list.set_note("2504.02345", "\"quoted\" & <b>bold</b>");
  ps::ReadingList back;
  ps::Problems problems;
  REQUIRE(back.from_json(list.to_json(), false, problems));
  CHECK(back.entries().size() == 2);
  CHECK(back.marks("2504.02345").tags == std::vector<std::string>{"Łódź"});
  CHECK(back.marks("2504.02345").note == "\"quoted\" & <b>bold</b>");
  CHECK(back.marks("t-abc").hidden);

  ps::Problems bad;
  CHECK_FALSE(back.from_json(
      R"({"format":"paperscope-reading-list","version":1,"papers":{"x":{"starred":"yes"}}})", true,
      bad));
  CHECK(bad.summary() == "$.papers[\"x\"].starred: expected true or false, found a string");
  CHECK(back.entries().size() == 2);  // unchanged
  ps::Problems wrong;
  CHECK_FALSE(back.from_json(R"({"format":"paperscope-bundle"})", true, wrong));
  CHECK(wrong.summary() == "$.format: \"paperscope-bundle\" is not \"paperscope-reading-list\"");
  ps::Problems broken;
  CHECK_FALSE(back.from_json("{", true, broken));

  // Merging adds; replacing does not keep the old entries.
  ps::Problems ok;
  REQUIRE(back.from_json(
      R"({"format":"paperscope-reading-list","version":1,"papers":{"new":{"read":true}}})", true,
      ok));
  CHECK(back.entries().size() == 3);
  REQUIRE(back.from_json(
      R"({"format":"paperscope-reading-list","version":1,"papers":{"new":{"read":true}}})", false,
      ok));
  CHECK(back.entries().size() == 1);
}

TEST_CASE("is: and mytag: filters, and hidden papers left out unless asked for") {
  ps::Explorer e = collection({"a", "b", "c", "d"});
  ps::ReadingList& list = e.reading_list();
  list.set_mark("a", ps::Mark::kStarred, true);
  list.set_mark("b", ps::Mark::kRead, true);
  list.set_mark("c", ps::Mark::kHidden, true);
  list.add_tag("d", "To Read");
  list.add_tag("zz-not-in-this-collection", "To Read");
  CHECK(ids(e) == Ids{"a", "b", "d"});
  CHECK(e.hidden_matches() == 1);
  e.set_query("is:starred");
  CHECK(ids(e) == Ids{"a"});
  e.set_query("is:read");
  CHECK(ids(e) == Ids{"b"});
  e.set_query("is:unread");
  CHECK(ids(e) == Ids{"a", "d"});
  e.set_query("is:hidden");
  CHECK(ids(e) == Ids{"c"});
  e.set_query("mytag:to-read");
  CHECK(ids(e) == Ids{"d"});
  e.set_query("mytag:\"to read\"");
  CHECK(ids(e) == Ids{"d"});
  e.set_query("");
  e.set_show_hidden(true);
  CHECK(ids(e) == Ids{"a", "b", "c", "d"});
  e.set_show_hidden(false);
  // Marking changes the results at once.
  e.set_query("is:starred");
  list.set_mark("d", ps::Mark::kStarred, true);
  CHECK(ids(e) == Ids{"a", "d"});
}

TEST_CASE("marks follow stable ids into a new version of the collection") {
  ps::Explorer e = collection({"a", "b"});
  e.reading_list().set_mark("b", ps::Mark::kStarred, true);
  ps::PaperStore v2;
  for (const char* id : {"new", "b", "a"}) {
    ps::PaperRecord p;
    p.id = id;
    p.title = std::string("v2 ") + id;
    v2.add(p);
  }
  e.set_collection(std::move(v2));
  e.set_query("is:starred");
  CHECK(ids(e) == Ids{"b"});
}
