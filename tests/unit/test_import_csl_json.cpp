// CSL-JSON (Zotero, Better BibTeX, Manubot).
#include <doctest/doctest.h>

#include "core/paper_ids.h"
#include "import_fixtures.h"

using fixtures::external;
using fixtures::has_link;
using fixtures::has_tag;
using fixtures::paper;

TEST_CASE("CSL-JSON: counts and key fields of the real export") {
  ps::ImportResult result = fixtures::import_text(fixtures::real("csl-json-47.json"), "csl.json");
  REQUIRE(result.ok());
  CHECK(result.format == "CSL-JSON");
  CHECK(result.store.info.title == "csl.json");
  // 47 items, one paper listed twice (the article and its preprint share a DOI).
  CHECK(result.records == 47);
  CHECK(result.folded == 1);
  CHECK(result.store.size() == 46);

  const ps::PaperRecord derived = paper(result.store, "2106.14987");  // the "arxiv" member
  CHECK(derived.title == "Derived homotopy algebras");
  CHECK(derived.authors == std::vector<std::string>{"Jeroen Maes", "Fernando Muro"});
  CHECK(derived.date.to_string() == "2023");
  CHECK(derived.venue == "Proc. R. Soc. Edinb., Sect. A, Math.");
  CHECK(external(derived, "doi") == "10.1017/prm.2022.42");
  CHECK(derived.tags.size() == 5);  // "18M70,14A30,…" split at commas
  CHECK(has_tag(derived, ps::TagKind::kKeyword, "14A30"));
  CHECK(derived.abstract.rfind("We develop a theory of minimal models", 0) == 0);

  // The folded pair keeps the journal article's venue and both ids.
  const ps::PaperRecord enhanced = paper(result.store, "1510.00312");
  CHECK(external(enhanced, "doi") == "10.1007/s40062-019-00245-0");
  // A URL without its scheme gets https://.
  const ps::PaperRecord bicomplexes = paper(result.store, "1802.07610");
  CHECK(has_link(bicomplexes, ps::LinkKind::kPdf,
                 "https://kar.kent.ac.uk/67611/1/bi_and_twisted_complexes_revision.pdf"));
}

TEST_CASE("CSL-JSON: names, dates and ids in the shapes tools write") {
  ps::ImportResult result = fixtures::import_text(R"([
    {"id": "a", "type": "article-journal", "title": "On <i>Things</i> and <span class=\"nocase\">iOS</span>",
     "author": [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
                {"literal": "The Collective"}, {"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
     "issued": {"date-parts": [["2021", "3", "9"]]}, "note": "arXiv: 2103.01234", "keyword": "a; b, c"},
    {"id": "b", "type": "report", "title": "Raw date", "issued": {"raw": "2019-11"},
     "URL": "https://arxiv.org/abs/1911.00001v3", "container-title": "arXiv"},
    {"id": "c", "type": "book", "title": "Literal date", "issued": {"literal": "Spring 2018"},
     "keyword": ["x", "y"]}])");
  REQUIRE(result.ok());
  const ps::PaperRecord a = paper(result.store, "2103.01234");
  CHECK(a.title == "On Things and iOS");
  CHECK(a.authors == std::vector<std::string>{"Ludwig van Beethoven", "The Collective",
                                              "Martin Luther King Jr."});
  CHECK(a.date.to_string() == "2021-03-09");
  CHECK(a.tags.size() == 3);
  const ps::PaperRecord b = paper(result.store, "1911.00001");
  CHECK(b.date.to_string() == "2019-11");
  CHECK(b.venue == "arXiv");
  CHECK(paper(result.store, ps::title_hash_id("Literal date")).date.to_string() == "2018");
}

TEST_CASE("CSL-JSON: broken input names its place") {
  SUBCASE("author is not a list") {
    CHECK(fixtures::first_error(
              fixtures::import_text(R"([{"type": "book", "title": "T", "author": "Someone"}])")) ==
          "$[0].author: expected an array, found a string");
  }
  SUBCASE("issued is a number") {
    CHECK(fixtures::first_error(
              fixtures::import_text(R"([{"type": "book", "title": "T", "issued": 2020}])")) ==
          "$[0].issued: expected an object, found a whole number");
  }
  SUBCASE("bad date parts are a warning, not a failure") {
    ps::ImportResult result = fixtures::import_text(
        R"([{"type": "book", "title": "T", "issued": {"date-parts": [[2020, 13]]}}])");
    REQUIRE(result.ok());
    REQUIRE(result.problems.warnings.size() == 1);
    CHECK(result.problems.warnings[0].to_string() ==
          "$[0].issued.date-parts: month 13 is out of range");
  }
  SUBCASE("data after the list") {
    CHECK(fixtures::first_error(
              fixtures::import_text("[{\"type\": \"book\", \"title\": \"T\"}]\n x")) ==
          "line 2, column 2: unexpected data after the end of the JSON");
  }
  SUBCASE("an unterminated list") {
    CHECK(fixtures::first_error(fixtures::import_text("[{\"type\": \"book\", \"title\": \"T\"}")) ==
          "line 1, column 32: expected ',' or ']' after an element of $");
  }
  SUBCASE("broken JSON") {
    const std::string error = fixtures::first_error(
        fixtures::import_text("[{\"type\": \"book\", \"title\": \"T\", \"author\": [}]"));
    CHECK(error.find("line 1, column") == 0);
  }
}
