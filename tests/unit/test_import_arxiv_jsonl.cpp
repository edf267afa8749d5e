// arXiv metadata JSON lines (OAI / Kaggle snapshot shape).
#include <doctest/doctest.h>

#include "import_fixtures.h"

using fixtures::external;
using fixtures::has_link;
using fixtures::has_tag;
using fixtures::paper;

TEST_CASE("arXiv JSON lines: counts and key fields of the real snapshot") {
  ps::ImportResult result =
      fixtures::import_text(fixtures::real("arxiv-oai-snapshot-head200.jsonl"));
  REQUIRE(result.ok());
  CHECK(result.format == "arXiv metadata JSON lines");
  const ps::PaperStore& store = result.store;
  CHECK(store.size() == 200);

  const ps::PaperRecord first = paper(store, "0704.0001");
  // "…at Tevatron and\n  LHC energies": the wrap is collapsed.
  CHECK(first.title ==
        "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies");
  // authors_parsed, with "C. -P." mended; "Bal\'azs" is already "Balázs" there.
  CHECK(first.authors ==
        std::vector<std::string>{"C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"});
  CHECK(first.venue == "Phys.Rev.D76:013009,2007");
  CHECK(external(first, "doi") == "10.1103/physrevd.76.013009");
  CHECK(first.date.to_string() == "2007-04-02");  // versions[0].created
  CHECK(has_tag(first, ps::TagKind::kCategory, "hep-ph"));
  CHECK(has_link(first, ps::LinkKind::kPdf, "https://arxiv.org/pdf/0704.0001"));
  CHECK(first.abstract.rfind(
            "A fully differential calculation in perturbative quantum chromodynamics is presented",
            0) == 0);
  CHECK(first.abstract.find('\n') == std::string::npos);

  const ps::PaperRecord second = paper(store, "0704.0002");
  CHECK(second.tags.size() == 2);
  CHECK(has_tag(second, ps::TagKind::kCategory, "cs.CG"));
  CHECK(second.venue.empty());
  // TeX in abstracts is kept for readers: formulas stay as written.
  CHECK(second.abstract.find("$(k,\\ell)$-pebble game") != std::string::npos);

  CHECK(paper(store, "0704.0049").authors == std::vector<std::string>{"Mikkel Øbro"});
  // An accent in an abstract ("Djokovi\'{c}'s") becomes the letter.
  CHECK(paper(store, "0704.0010").abstract.find("Djoković's") != std::string::npos);
  // Two paragraphs (the second line starts indented) stay two.
  CHECK(paper(store, "0704.0047").abstract.find(".\nThe location of acoustic emission") !=
        std::string::npos);
}

TEST_CASE("arXiv JSON lines: the authors string when authors_parsed is missing") {
  ps::ImportResult result = fixtures::import_text(
      R"x({"id":"0704.0003","authors":"C. Bal\\'azs, R. Tom\\`as and Mikkel {\\O}bro (1) ((1) Some University)","title":"T","categories":"hep-ph","abstract":"A"})x"
      "\n"
      R"({"id":"hep-th/9901001","authors":"A. B","title":"Old style","categories":"hep-th","abstract":"B"})");
  REQUIRE(result.ok());
  CHECK(paper(result.store, "0704.0003").authors ==
        std::vector<std::string>{"C. Balázs", "R. Tomàs", "Mikkel Øbro"});
  // No versions and no update_date: the id's yymm gives the month.
  CHECK(paper(result.store, "0704.0003").date.to_string() == "2007-04");
  CHECK(paper(result.store, "hep-th/9901001").date.to_string() == "1999-01");
}

TEST_CASE("arXiv JSON lines: broken lines name line and column") {
  SUBCASE("a line cut short") {
    const std::string error = fixtures::first_error(fixtures::import_text(
        "{\"id\":\"0704.0001\",\"title\":\"A\",\"categories\":\"x\",\"abstract\":\"a\"}\n"
        "{\"id\":\"0704.0002\",\"title\":\"B\",\"categories\":\"x\",\"abs"));
    CHECK(error == "line 2, column 48 (in $): unterminated string");
  }
  SUBCASE("two records on one line") {
    const std::string error = fixtures::first_error(fixtures::import_text(
        "{\"id\":\"0704.0001\",\"title\":\"A\",\"categories\":\"x\",\"abstract\":\"a\"}\n"
        "{\"id\":\"0704.0002\",\"title\":\"B\",\"categories\":\"x\",\"abstract\":\"b\"} "
        "{\"id\":\"1\"}\n"));
    CHECK(error.find("line 2, column") == 0);
    CHECK(error.find("one record a line") != std::string::npos);
  }
  SUBCASE("a wrong type") {
    const std::string error = fixtures::first_error(fixtures::import_text(
        "{\"id\":\"0704.0001\",\"title\":\"A\",\"categories\":\"x\",\"abstract\":\"a\"}\n"
        "{\"id\":\"0704.0002\",\"title\":[\"B\"],\"categories\":\"x\",\"abstract\":\"b\"}\n"));
    CHECK(error == "line 2 $.title: expected a string, found an array");
  }
}
