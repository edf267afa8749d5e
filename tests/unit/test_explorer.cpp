#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "core/explorer.h"

namespace {

ps::PaperRecord paper(const char* id, const char* title, const char* date, int upvotes,
                      const char* abstract = "", std::vector<std::string> authors = {},
                      bool code = false) {
  ps::PaperRecord p;
  p.id = id;
  p.title = title;
  p.abstract = abstract;
  p.authors = std::move(authors);
  std::string error;
  if (*date) ps::parse_date(date, p.date, error);
  p.upvotes = upvotes;
  if (code) p.links.push_back({ps::LinkKind::kCode, "https://github.com/x/y"});
  return p;
}

ps::Explorer sample() {
  ps::PaperStore store;
  store.add(
      paper("a", "Learning to Learn", "2021-05-01", 10, "Meta-learning with Été", {"Zoë Ng"}));
  store.add(paper("b", "Diffusion Models Beat GANs", "2023", 50, "Image synthesis", {"Alex Nichol"},
                  true));
  store.add(paper("c", "Attention Is All You Need", "2017-06-12", 99, "Transformers", {}, true));
  store.add(paper("d", "Med-VQA: A Benchmark", "", 3, "Medical visual question answering"));
  auto tag_paper = paper("e", "Straße der Modelle", "2023-02", 7, "Łódź dataset");
  tag_paper.tags.push_back({ps::TagKind::kCategory, "cs.CV"});
  store.add(tag_paper);
  ps::Explorer explorer;
  explorer.set_collection(std::move(store));
  return explorer;
}

std::vector<std::string> ids(ps::Explorer& explorer) {
  std::vector<std::string> out;
  for (uint32_t row : explorer.results()) out.emplace_back(explorer.store().id(row));
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("matching: every query word starts some word of the paper") {
  ps::Explorer e = sample();
  e.set_query("");
  CHECK(e.results().size() == 5);
  e.set_query("learn");
  CHECK(ids(e) == Ids{"a"});  // "Learning", "learning"
  e.set_query("lea ete");
  CHECK(ids(e) == Ids{"a"});  // accents folded in the paper
  e.set_query("LÉARN");
  CHECK(ids(e) == Ids{"a"});  // and in the query
  e.set_query("earn");
  CHECK(ids(e).empty());  // starts of words only
  e.set_query("vqa");
  CHECK(ids(e) == Ids{"d"});  // "Med-VQA" is two words
  e.set_query("med vqa");
  CHECK(ids(e) == Ids{"d"});
  e.set_query("strasse lodz");
  CHECK(ids(e) == Ids{"e"});  // ß → ss, Ł → l
  e.set_query("nichol");
  CHECK(ids(e) == Ids{"b"});  // authors
  e.set_query("cs cv");
  CHECK(ids(e) == Ids{"e"});  // tags
  e.set_query("diffusion attention");
  CHECK(ids(e).empty());  // all words required
  e.set_query("!!!");
  CHECK(e.results().size() == 5);  // no words: everything
}

TEST_CASE("sorting: date (undated last), upvotes, title, both ways") {
  ps::Explorer e = sample();
  e.set_sort({ps::SortField::kDate, true});
  CHECK(ids(e) == Ids{"e", "b", "a", "c", "d"});  // 2023-02 > 2023 (year only sorts first)
  e.set_sort({ps::SortField::kDate, false});
  CHECK(ids(e) == Ids{"c", "a", "b", "e", "d"});  // undated still last
  e.set_sort({ps::SortField::kUpvotes, true});
  CHECK(ids(e) == Ids{"c", "b", "a", "e", "d"});
  e.set_sort({ps::SortField::kUpvotes, false});
  CHECK(ids(e) == Ids{"d", "e", "a", "b", "c"});
  e.set_sort({ps::SortField::kTitle, false});
  CHECK(ids(e) == Ids{"c", "b", "a", "d", "e"});
  e.set_sort({ps::SortField::kTitle, true});
  CHECK(ids(e) == Ids{"e", "d", "a", "b", "c"});
  // Sorting applies to a filtered list too.
  e.set_query("model");
  CHECK(ids(e) == Ids{"e", "b"});
}

TEST_CASE("sorting by date orders many ties and undated papers as the rule says") {
  // Dates from a few values (many ties, some at year or month precision) and some undated:
  // newest (or oldest) first, undated last either way, ties in row order.
  std::mt19937 rng(7);
  const char* dates[] = {"2021", "2021-03", "2021-03-04", "1999-12-31", "2024-06", "", ""};
  std::vector<ps::PaperRecord> papers;
  for (int i = 0; i < 400; ++i) {
    ps::PaperRecord p;
    p.id = "p" + std::to_string(i);
    p.title = "Paper " + std::to_string(i);
    std::string error;
    const char* date = dates[rng() % 7];
    if (*date) ps::parse_date(date, p.date, error);
    papers.push_back(p);
  }
  ps::PaperStore store;
  for (const ps::PaperRecord& p : papers) store.add(p);
  for (const bool descending : {true, false}) {
    std::vector<uint32_t> expected(store.size());
    std::iota(expected.begin(), expected.end(), 0u);
    std::stable_sort(expected.begin(), expected.end(), [&](uint32_t a, uint32_t b) {
      const int32_t ka = store.date(a).sort_key(), kb = store.date(b).sort_key();
      if ((ka == 0) != (kb == 0)) return kb == 0;
      return descending ? ka > kb : ka < kb;
    });
    ps::PaperStore copy;
    for (const ps::PaperRecord& p : papers) copy.add(p);
    ps::Explorer e;
    e.set_collection(std::move(copy));
    e.set_sort({ps::SortField::kDate, descending});
    CHECK(e.results() == expected);
  }
}

TEST_CASE("priming searches leaves the explorer as it was") {
  ps::Explorer e = sample();
  const std::vector<uint32_t> all = e.results();
  const uint64_t before = e.generation();
  e.prime_searches();
  CHECK(e.query().empty());
  CHECK(e.query_error().empty());
  CHECK(e.corrections().empty());
  CHECK(e.sort().field == ps::SortField::kDate);
  CHECK(e.results() == all);
  CHECK(e.generation() > before);  // it did search
  // With a query typed, nothing happens.
  e.set_query("model");
  const std::vector<uint32_t> model = e.results();
  const uint64_t typed = e.generation();
  e.prime_searches();
  CHECK(e.query() == "model");
  CHECK(e.results() == model);
  CHECK(e.generation() == typed);
}

TEST_CASE("filters: year range (undated out while set) and has-code") {
  ps::Explorer e = sample();
  ps::Filters f;
  f.year_min = 2020;
  e.set_filters(f);
  CHECK(ids(e) == Ids{"e", "b", "a"});
  f.year_max = 2022;
  e.set_filters(f);
  CHECK(ids(e) == Ids{"a"});
  f = ps::Filters{};
  f.has_code_only = true;
  e.set_filters(f);
  CHECK(ids(e) == Ids{"b", "c"});
  e.set_query("attention");
  CHECK(ids(e) == Ids{"c"});
}

TEST_CASE("sort names round trip") {
  for (const char* name :
       {"date-desc", "date-asc", "upvotes-desc", "upvotes-asc", "title-asc", "title-desc"}) {
    ps::SortOrder sort;
    REQUIRE(ps::SortOrder::parse(name, sort));
    CHECK(sort.name() == name);
  }
  ps::SortOrder sort;
  CHECK_FALSE(ps::SortOrder::parse("relevance-sideways", sort));
}

TEST_CASE("results are recomputed only when something changed") {
  ps::Explorer e = sample();
  e.results();
  const uint64_t g = e.generation();
  e.set_query("");
  e.results();
  CHECK(e.generation() == g);
  e.set_query("x");
  e.results();
  CHECK(e.generation() == g + 1);
}
