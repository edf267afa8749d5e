// Semantic Scholar Graph API JSON: an author with papers, {data: […]}, a list with nulls,
// one paper, nulls everywhere, and broken input.
#include <doctest/doctest.h>

#include "core/paper_ids.h"
#include "import_fixtures.h"

using fixtures::external;
using fixtures::has_link;
using fixtures::has_tag;
using fixtures::paper;

TEST_CASE("Semantic Scholar: an author with 60 papers") {
  ps::ImportResult result =
      fixtures::import_text(fixtures::real("semantic-scholar-author-with-60-papers.json"));
  REQUIRE(result.ok());
  CHECK(result.format == "Semantic Scholar Graph API JSON");
  const ps::PaperStore& store = result.store;
  CHECK(store.size() == 60);
  CHECK(store.info.title == "Papers by A. Turing (Semantic Scholar)");

  // A DOI gives the id; the journal name is the venue when "venue" is given too.
  const ps::PaperRecord mind = paper(store, "10.1093/mind/lix.236.433");
  CHECK(mind.title == "Computing Machinery and Intelligence");
  CHECK(mind.date.to_string() == "1950-10-01");
  CHECK(mind.venue == "The Philosophy of Artificial Intelligence");
  CHECK(mind.authors == std::vector<std::string>{"A. Turing"});
  CHECK(has_tag(mind, ps::TagKind::kFieldOfStudy, "Sociology"));
  CHECK(external(mind, "s2") == "2d5673caa9e6af3a7b82a43f19ee920992db07ad");
  CHECK(external(mind, "dblp") == "journals/x/Turing50");
  CHECK(has_link(mind, ps::LinkKind::kPaper,
                 "https://www.semanticscholar.org/paper/2d5673caa9e6af3a7b82a43f19ee920992db07ad"));

  // Only a year: the date has year precision. Nulls (venue "", journal null) are fine.
  const ps::PaperRecord dystopian =
      paper(store, ps::title_hash_id("Dystopian or Utopian? Two Images of Alan Turing"));
  CHECK(dystopian.date.to_string() == "2022");
  CHECK(dystopian.venue.empty());
  CHECK(has_tag(dystopian, ps::TagKind::kFieldOfStudy, "Art"));  // from s2FieldsOfStudy
  // The venue falls back to the journal's name.
  CHECK(paper(store, ps::title_hash_id("The p-Function in λ-K-Conversion")).venue ==
        "J. Symb. Log.");
  // No year at all: undated.
  CHECK_FALSE(
      paper(store, ps::title_hash_id("Computing Machinery and Intelligence 1. the Imitation Game"))
          .date.known());
  // An open-access PDF.
  const ps::PaperRecord ordinals = paper(store, "10.1016/b978-044450423-4/50007-3");
  CHECK(has_link(ordinals, ps::LinkKind::kPdf,
                 "https://pure.mpg.de/pubman/item/item_2403325_2/component/file_2403324/"
                 "Turing_1939_Sysyems.pdf"));
}

TEST_CASE("Semantic Scholar: a paper with null values and no title") {
  ps::ImportResult result =
      fixtures::import_text(fixtures::real("semantic-scholar-paper-null-values.json"));
  CHECK(fixtures::first_error(result) ==
        "none of its 1 records has a title, so there is nothing to show");
  REQUIRE(result.problems.warnings.size() == 1);
  CHECK(result.problems.warnings[0].to_string() == "$: skipped a paper without a title");
}

TEST_CASE("Semantic Scholar: search results, batch lists and single papers") {
  SUBCASE("{total, offset, data}") {
    ps::ImportResult result = fixtures::import_text(R"({"total": 2, "offset": 0, "data": [
      {"paperId": "a1", "title": "Attention Is All You Need", "externalIds": {"ArXiv": "1706.03762",
       "DOI": "10.48550/arXiv.1706.03762"}, "year": 2017, "authors": [{"name": "A. Vaswani"}, {"name": null}],
       "openAccessPdf": null, "fieldsOfStudy": null, "citationCount": 100},
      {"paperId": "b2", "title": "Other", "venue": null, "publicationDate": null, "year": null}]})");
    REQUIRE(result.ok());
    CHECK(result.store.size() == 2);
    const ps::PaperRecord attention = paper(result.store, "1706.03762");
    CHECK(attention.authors == std::vector<std::string>{"A. Vaswani"});
    CHECK(attention.effective_author_count() == 2);  // the unnamed author still counts
    CHECK(attention.date.to_string() == "2017");
  }
  SUBCASE("a batch list with nulls for unknown ids") {
    ps::ImportResult result = fixtures::import_text(
        R"([null, {"paperId": "a1", "title": "One"}, null, {"paperId": "b2", "title": "Two"}])");
    REQUIRE(result.ok());
    CHECK(result.store.size() == 2);
  }
  SUBCASE("one paper") {
    ps::ImportResult result =
        fixtures::import_text(R"({"paperId": "a1", "title": "Alone", "abstract": null})");
    REQUIRE(result.ok());
    CHECK(result.store.size() == 1);
  }
  SUBCASE("a search without results") {
    CHECK(fixtures::first_error(fixtures::import_text(
              R"({"total": 0, "offset": 0, "data": []})")) == "it holds no papers");
  }
}

TEST_CASE("Semantic Scholar: broken input names its place") {
  SUBCASE("a wrong type") {
    CHECK(fixtures::first_error(fixtures::import_text(
              R"({"data": [{"paperId": "a", "title": "T"}, {"paperId": "b", "title": 5}]})")) ==
          "$.data[1].title: expected a string, found a whole number");
  }
  SUBCASE("externalIds of the wrong shape") {
    CHECK(fixtures::first_error(fixtures::import_text(
              R"([{"paperId": "a", "title": "T", "externalIds": ["DOI"]}])")) ==
          "$[0].externalIds: expected an object, found an array");
  }
  SUBCASE("a publication date that is no date") {
    CHECK(fixtures::first_error(fixtures::import_text(
              R"([{"paperId": "a", "title": "T", "publicationDate": "2023-13-45"}])")) ==
          "$[0].publicationDate: \"2023-13-45\": month 13 is out of range");
  }
  SUBCASE("trailing garbage") {
    const std::string error = fixtures::first_error(
        fixtures::import_text("{\"data\": [{\"paperId\": \"a\", \"title\": \"T\"}]}\n}"));
    CHECK(error == "line 2, column 1: unexpected data after the end of the JSON");
  }
}
