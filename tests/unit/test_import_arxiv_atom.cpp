// arXiv API Atom XML: the classic and the late-2025 dialect, error entries, broken XML.
#include <doctest/doctest.h>

#include "import_fixtures.h"

using fixtures::external;
using fixtures::has_link;
using fixtures::has_tag;
using fixtures::paper;

TEST_CASE("arXiv Atom, classic dialect: counts and key fields") {
  ps::ImportResult result = fixtures::import_text(fixtures::real("arxiv-api-atom-2-entries.xml"));
  REQUIRE(result.ok());
  CHECK(result.format == "arXiv API Atom XML");
  CHECK(result.store.size() == 2);
  CHECK(result.store.info.title.rfind("ArXiv Query: search_query=cat:cs.RO AND (neural)", 0) == 0);

  const ps::PaperRecord rdd = paper(result.store, "2510.14968");
  CHECK(
      rdd.title ==
      "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks");
  CHECK(rdd.authors ==
        std::vector<std::string>{"Mingxuan Yan", "Yuping Wang", "Zechun Liu", "Jiachen Li"});
  CHECK(rdd.date.to_string() == "2025-10-16");
  REQUIRE(rdd.tags.size() == 6);
  CHECK(rdd.tags[0].value == "cs.RO");  // the primary category first
  CHECK(has_tag(rdd, ps::TagKind::kCategory, "eess.SY"));
  CHECK(has_link(rdd, ps::LinkKind::kPaper, "https://arxiv.org/abs/2510.14968"));
  CHECK(has_link(rdd, ps::LinkKind::kPdf, "https://arxiv.org/pdf/2510.14968"));
  CHECK(rdd.abstract.rfind("To tackle long-horizon tasks, recent hierarchical", 0) == 0);

  const ps::PaperRecord flow = paper(result.store, "2510.14827");
  CHECK(flow.authors.size() == 6);
  CHECK(flow.tags.size() == 1);
}

TEST_CASE("arXiv Atom, late-2025 dialect: namespaces on the feed, DOI and journal ref") {
  ps::ImportResult result =
      fixtures::import_text(fixtures::real("arxiv-api-atom-2025-dialect.xml"));
  REQUIRE(result.ok());
  CHECK(result.store.size() == 2);
  const ps::PaperRecord p = paper(result.store, "0704.0001");
  CHECK(external(p, "doi") == "10.1103/physrevd.76.013009");
  CHECK(p.venue == "Phys.Rev.D76:013009,2007");
  CHECK(p.date.to_string() == "2007-04-02");
  CHECK(p.authors.back() == "C.-P. Yuan");
  CHECK(has_link(p, ps::LinkKind::kPaper, "https://doi.org/10.1103/physrevd.76.013009"));
  const ps::PaperRecord perelman = paper(result.store, "math/0211159");
  CHECK(perelman.authors == std::vector<std::string>{"Grisha Perelman"});
  CHECK(has_tag(perelman, ps::TagKind::kCategory, "math.DG"));
  CHECK(perelman.date.to_string() == "2002-11-11");
}

TEST_CASE("arXiv Atom: both dialects of one paper merge into one") {
  // The same record, as JSON lines and as Atom: one paper, both sources.
  ps::CollectionLoader loader(
      std::vector<ps::LoadInput>{{fixtures::real("arxiv-api-atom-2025-dialect.xml"), "a.xml"},
                                 {fixtures::real("arxiv-oai-snapshot-head200.jsonl"), "b.jsonl"}});
  while (!loader.step(64)) {
  }
  REQUIRE(loader.result().ok());
  CHECK(loader.result().store.size() == 201);
  CHECK(paper(loader.result().store, "0704.0001").sources ==
        std::vector<std::string>{"a.xml", "b.jsonl"});
}

TEST_CASE("arXiv Atom: errors and broken XML name their place") {
  SUBCASE("an error entry") {
    const std::string error = fixtures::first_error(
        fixtures::import_text(fixtures::read(PS_TEST_DATA "/bad/arxiv-api-error.xml")));
    CHECK(error ==
          "line 6, column 3 (entry 1): the arXiv API answered with an error: incorrect id format "
          "for foo");
  }
  SUBCASE("not well-formed") {
    const std::string error = fixtures::first_error(fixtures::import_text(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry><title>A</title>\n</feed>"));
    CHECK(error.find("line 3, column") == 0);
    CHECK(error.find("not well-formed XML") != std::string::npos);
  }
  SUBCASE("an empty result") {
    const std::string error = fixtures::first_error(fixtures::import_text(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>"));
    CHECK(error == "it holds no papers");
  }
  SUBCASE("a feed without the Atom namespace") {
    const std::string error = fixtures::first_error(fixtures::import_text("<feed><entry/></feed>"));
    CHECK(error.find("expected an Atom <feed>") != std::string::npos);
  }
  SUBCASE("an HTML page") {
    const std::string error = fixtures::first_error(
        fixtures::import_text("<!DOCTYPE html><html><body>Not found</body></html>"));
    CHECK(error.find("this is an HTML page") != std::string::npos);
  }
}
