#include <doctest/doctest.h>

#include "core/explorer.h"
#include "core/facet_query.h"

namespace {

ps::PaperRecord paper(std::string id, std::string title, std::string date,
                      std::vector<std::string> tags, std::string venue = "", bool code = false,
                      std::string abstract = "") {
  ps::PaperRecord p;
  p.id = std::move(id);
  p.title = std::move(title);
  p.abstract = std::move(abstract);
  std::string error;
  if (!date.empty()) ps::parse_date(date, p.date, error);
  for (auto& t : tags) p.tags.push_back({ps::TagKind::kCategory, t});
  p.venue = std::move(venue);
  if (code) p.links.push_back({ps::LinkKind::kCode, "https://github.com/x/y"});
  return p;
}

ps::Explorer sample() {
  ps::PaperStore store;
  store.add(paper("a", "Vision transformers", "2023-01-10", {"cs.CV", "cs.LG"}, "ICML 2023", true,
                  "transformer attention image patches"));
  store.add(paper("b", "Diffusion for images", "2023-02", {"cs.CV"}, "NeurIPS 2023", false,
                  "diffusion denoising image generation"));
  store.add(paper("c", "Language transformers", "2022", {"cs.CL", "cs.LG"}, "ICML 2023", true,
                  "transformer attention language tokens"));
  store.add(paper("d", "Graph networks", "2021-12-31", {"cs.LG"}, "", false,
                  "graph message passing networks"));
  store.add(paper("e", "Undated notes", "", {"cs.CV"}, "", false, "image notes"));
  ps::Explorer e;
  e.set_collection(std::move(store));
  return e;
}

std::string counts(const std::vector<ps::FacetValue>& values) {
  std::string out;
  for (const auto& v : values) out += v.value + "=" + std::to_string(v.count) + " ";
  return out;
}

}  // namespace

TEST_CASE("facet counts under the current query") {
  ps::Explorer e = sample();
  CHECK(counts(e.facet_counts(ps::FacetField::kTag)) == "cs.CV=3 cs.LG=3 cs.CL=1 ");
  CHECK(counts(e.facet_counts(ps::FacetField::kVenue)) == "ICML 2023=2 NeurIPS 2023=1 ");
  CHECK(counts(e.facet_counts(ps::FacetField::kYear)) == "2023=2 2022=1 2021=1 ");
  CHECK(counts(e.facet_counts(ps::FacetField::kHasCode)) == "code=2 ");
  e.set_query("transformer");
  CHECK(counts(e.facet_counts(ps::FacetField::kTag)) == "cs.LG=2 cs.CL=1 cs.CV=1 ");
  // Choosing values: AND narrows; OR counts the facet without its own choices.
  e.set_query("tag:\"cs.LG\" tag:\"cs.CV\"");
  CHECK(e.results().size() == 1);
  e.set_query("(tag:\"cs.CL\" OR tag:\"cs.CV\")");
  CHECK(e.results().size() == 4);
  CHECK(counts(e.facet_counts(ps::FacetField::kTag)) == "cs.CV=3 cs.LG=3 cs.CL=1 ");
  e.set_query("-tag:\"cs.CV\"");
  CHECK(counts(e.facet_counts(ps::FacetField::kTag)) == "cs.LG=2 cs.CL=1 ");
}

TEST_CASE("your own tags (the reading list's) are counted under the current query") {
  ps::Explorer e = sample();
  CHECK(e.facet_counts(ps::FacetField::kMyTag).empty());  // nothing tagged yet
  ps::ReadingList& list = e.reading_list();
  list.add_tag("a", "to cite");
  list.add_tag("c", "To Cite");  // folds like "to cite": the same value, as first written
  list.add_tag("c", "reread");
  list.add_tag("d", "reread");
  list.add_tag("no-such-paper", "reread");  // not in this collection: not counted
  CHECK(counts(e.facet_counts(ps::FacetField::kMyTag)) == "reread=2 to cite=2 ");
  e.set_query("transformer");  // a and c
  CHECK(counts(e.facet_counts(ps::FacetField::kMyTag)) == "to cite=2 reread=1 ");
  // Choosing one is a mytag: term, which the counts follow.
  e.set_query("mytag:\"reread\"");
  CHECK(e.results().size() == 2);
  CHECK(counts(e.facet_counts(ps::FacetField::kMyTag)) == "reread=2 to cite=1 ");
  // In "any" mode the facet is counted without its own choices.
  e.set_query("(mytag:\"reread\" OR mytag:\"to cite\")");
  CHECK(e.results().size() == 3);
  CHECK(counts(e.facet_counts(ps::FacetField::kMyTag)) == "reread=2 to cite=2 ");
  // Hidden papers are not among the results, so not counted.
  e.set_query("");
  list.set_mark("d", ps::Mark::kHidden, true);
  CHECK(counts(e.facet_counts(ps::FacetField::kMyTag)) == "to cite=2 reread=1 ");
}

TEST_CASE("your tags as facet choices round-trip through the query text") {
  ps::FacetChoices c =
      ps::split_facet_choices("graph mytag:\"to cite\" -mytag:\"done\" tag:\"cs.LG\"");
  CHECK(c.rest == "graph");
  CHECK(c.mytags.included == std::vector<std::string>{"to cite"});
  CHECK(c.mytags.excluded == std::vector<std::string>{"done"});
  CHECK(c.tags.included == std::vector<std::string>{"cs.LG"});
  CHECK(c.state_of(ps::FacetField::kMyTag, "To Cite") == 1);
  CHECK(c.state_of(ps::FacetField::kTag, "to cite") == 0);  // a collection tag is another thing
  c.toggle(ps::FacetField::kMyTag, "reread", false);
  CHECK(ps::compose_query(c) ==
        "graph tag:\"cs.LG\" mytag:\"to cite\" mytag:\"reread\" -mytag:\"done\"");
  c.mytags.any_of = true;
  const std::string grouped = ps::compose_query(c);
  CHECK(grouped == "graph tag:\"cs.LG\" (mytag:\"to cite\" OR mytag:\"reread\") -mytag:\"done\"");
  CHECK(ps::split_facet_choices(grouped).mytags.any_of);
  CHECK(ps::facet_term(ps::FacetField::kMyTag, "to cite") == "mytag:\"to cite\"");
}

TEST_CASE("facet choices round-trip through the query text") {
  ps::FacetChoices c = ps::split_facet_choices(
      "diffusion \"neural field\" tag:\"cs.CV\" -tag:\"survey\" (venue:\"ICML 2024\" OR "
      "venue:\"NeurIPS 2024\") has:code date:2024-01..2024-06");
  CHECK(c.rest == "diffusion \"neural field\"");
  CHECK(c.tags.included == std::vector<std::string>{"cs.CV"});
  CHECK(c.tags.excluded == std::vector<std::string>{"survey"});
  CHECK(c.venues.included.size() == 2);
  CHECK(c.venues.any_of);
  CHECK(c.has_code == 1);
  CHECK(c.date_range == "2024-01..2024-06");
  CHECK(ps::compose_query(c) ==
        "diffusion \"neural field\" tag:\"cs.CV\" -tag:\"survey\" (venue:\"ICML 2024\" OR "
        "venue:\"NeurIPS 2024\") has:code date:2024-01..2024-06");
  c.toggle(ps::FacetField::kTag, "CS.cv", false);  // folded: removes the inclusion
  c.toggle(ps::FacetField::kTag, "cs.LG", true);   // excludes
  c.toggle(ps::FacetField::kHasCode, "code", false);
  c.date_range.clear();
  CHECK(ps::compose_query(c) ==
        "diffusion \"neural field\" -tag:\"survey\" -tag:\"cs.LG\" (venue:\"ICML 2024\" OR "
        "venue:\"NeurIPS 2024\")");
  CHECK(c.state_of(ps::FacetField::kTag, "survey") == -1);
  CHECK(c.state_of(ps::FacetField::kVenue, "icml 2024") == 1);
  CHECK(ps::split_facet_choices("title:\"x\" (a OR b) tag:cs.CV").rest ==
        "title:\"x\" (a OR b) tag:cs.CV");
}

TEST_CASE("the timeline bins papers by month, or by year when zoomed out") {
  ps::Explorer e = sample();
  ps::Timeline t = e.timeline();
  CHECK_FALSE(t.by_year);
  REQUIRE(t.bins.size() == 36);  // 2021-01 .. 2023-12
  CHECK(t.bins[11] == 1);        // 2021-12
  CHECK(t.bins[12] == 1);        // 2022 (year only) in its January
  CHECK(t.bins[24] == 1);        // 2023-01
  CHECK(t.bins[25] == 1);        // 2023-02
  CHECK(t.undated == 1);
  CHECK(t.year_only == 1);
  CHECK(t.bin_label(25) == "2023-02");
  CHECK(t.bin_first_day(25) == 20230201);
  CHECK(t.bin_last_day(25) == 20230228);
  // The brushed range is drawn over the histogram of everything else.
  e.set_query("date:2023-01..2023-02");
  CHECK(e.results().size() == 2);
  CHECK(e.timeline().bins[11] == 1);
  ps::Timeline years = ps::make_timeline(e.store(), e.results(), 1990, 2023);
  CHECK(years.by_year);
  CHECK(years.bins.size() == 34);
  CHECK(years.bin_label(33) == "2023");
}

TEST_CASE("related papers by tf-idf cosine, on a hand-checked collection") {
  ps::Explorer e = sample();
  // a (vision transformers) shares "transformer attention" with c and "image" with b and e.
  auto related = e.related(0, 3);
  REQUIRE(related.size() == 3);
  CHECK(e.store().id(related[0].first) == "c");
  CHECK(related[0].second > related[1].second);
  CHECK(related[0].second <= 1.0f);
  for (const auto& r : related) CHECK(r.first != 0);
  // d shares nothing with a.
  for (const auto& r : related) CHECK(e.store().id(r.first) != "d");
  const std::string like = e.more_like_this(0);
  CHECK(like.front() == '(');
  CHECK(like.find("vision") != std::string::npos);
  e.set_query(like);
  CHECK(e.query_error().empty());
  CHECK(e.store().id(e.results().front()) == "a");
}

TEST_CASE("stepping a date range by day, week and month") {
  ps::PaperDate ref;
  std::string error;
  ps::parse_date("2025-09-30", ref, error);
  CHECK(ps::step_date_range("", ps::DateStep::kDay, -1, ref) == "2025-09-30");
  CHECK(ps::step_date_range("2025-09-30", ps::DateStep::kDay, -1, ref) == "2025-09-29");
  CHECK(ps::step_date_range("2025-03-01", ps::DateStep::kDay, -1, ref) == "2025-02-28");
  CHECK(ps::step_date_range("2024-12-31", ps::DateStep::kDay, 1, ref) == "2025-01-01");
  CHECK(ps::step_date_range("", ps::DateStep::kWeek, 1, ref) == "2025-09-29..2025-10-05");
  CHECK(ps::step_date_range("2025-09-29..2025-10-05", ps::DateStep::kWeek, -1, ref) ==
        "2025-09-22..2025-09-28");
  CHECK(ps::step_date_range("", ps::DateStep::kMonth, -1, ref) == "2025-09");
  CHECK(ps::step_date_range("2025-01", ps::DateStep::kMonth, -1, ref) == "2024-12");
  CHECK(ps::step_date_range("2024-12-15", ps::DateStep::kMonth, 1, ref) == "2025-01");
}

TEST_CASE("a date range stepped past the years dates can have stays a date term") {
  // Years run from 1000 to 9999: a step past either end stays, a week is cut at the end.
  ps::PaperDate ref;
  std::string error;
  ps::parse_date("2025-09-30", ref, error);
  using ps::DateStep;
  CHECK(ps::step_date_range("1000", DateStep::kDay, -1, ref) == "1000-01-01");
  CHECK(ps::step_date_range("1000-01", DateStep::kMonth, -1, ref) == "1000-01");
  CHECK(ps::step_date_range("1000-01-02", DateStep::kWeek, -1, ref) == "1000-01-01..1000-01-05");
  CHECK(ps::step_date_range("9999-12-31", DateStep::kDay, 1, ref) == "9999-12-31");
  CHECK(ps::step_date_range("9999-12", DateStep::kMonth, 1, ref) == "9999-12");
  for (const char* range :
       {"1000", "1000-01-01..1000-01-09", "9999-12-31", "9999-12-28..9999-12-31"}) {
    for (DateStep unit : {DateStep::kDay, DateStep::kWeek, DateStep::kMonth}) {
      for (int direction : {-1, 1}) {
        const std::string stepped = ps::step_date_range(range, unit, direction, ref);
        CHECK_MESSAGE(ps::parse_query("date:" + stepped).ok(), range, " -> ", stepped);
      }
    }
  }
}
