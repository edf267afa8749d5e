// BibTeX: the parser (entries, @string, #, quotes, comments, errors) and the mapping onto
// papers, on the real zbMATH export and on hand-made entries.
#include <doctest/doctest.h>

#include "core/bibtex.h"
#include "core/paper_ids.h"
#include "import_fixtures.h"

using fixtures::external;
using fixtures::has_link;
using fixtures::has_tag;
using fixtures::paper;

namespace {

std::vector<ps::BibEntry> parse_all(const std::string& text, ps::Problems& problems) {
  ps::BibParser parser(text);
  std::vector<ps::BibEntry> entries;
  ps::BibEntry entry;
  while (parser.next(entry, problems)) entries.push_back(entry);
  return entries;
}

}  // namespace

TEST_CASE("BibTeX: counts and key fields of the real zbMATH export") {
  ps::ImportResult result = fixtures::import_text(fixtures::real("bibtex-47.bib"), "refs.bib");
  REQUIRE(result.ok());
  CHECK(result.format == "BibTeX");
  CHECK(result.records == 47);
  CHECK(result.store.size() == 46);  // the article and its preprint share a DOI

  const ps::PaperRecord derived = paper(result.store, "10.1017/prm.2022.42");
  CHECK(derived.title == "Derived homotopy algebras");
  CHECK(derived.authors == std::vector<std::string>{"Jeroen Maes", "Fernando Muro"});
  CHECK(derived.date.to_string() == "2023");
  CHECK(derived.venue == "Proc. R. Soc. Edinb., Sect. A, Math.");  // Journal before FJournal
  CHECK(has_tag(derived, ps::TagKind::kKeyword, "55U35"));
  CHECK(external(derived, "bibtex") == "zbMATH07719245");

  // "Ram{\'o}n" and math in titles: {{\(K\)}}-theory → K-theory.
  const ps::PaperRecord torsion = paper(result.store, "10.2140/agt.2019.19.457");
  CHECK(torsion.authors.front() == "Ramón Flores");
  CHECK(torsion.venue == "Algebr. Geom. Topol.");
  CHECK(paper(result.store, "10.2140/akt.2017.2.303").title == "K-theory of derivators revisited");
  // "arXiv = {arXiv:2312.07321}" on a @Misc preprint.
  CHECK(paper(result.store, "2312.07321").title ==
        "Operations on the de Rham cohomology of Poisson and Jacobi manifolds");
  // A URL without its scheme gets https://.
  CHECK(has_link(paper(result.store, "10.1016/j.jpaa.2018.08.007"), ps::LinkKind::kPdf,
                 "https://kar.kent.ac.uk/67611/1/bi_and_twisted_complexes_revision.pdf"));
  // Both the preprint and the article are remembered in the folded paper.
  const ps::PaperRecord enhanced = paper(result.store, "1510.00312");
  CHECK(external(enhanced, "doi") == "10.1007/s40062-019-00245-0");
  CHECK(enhanced.venue == "J. Homotopy Relat. Struct.");
}

TEST_CASE("BibTeX parser: what BibTeX itself accepts") {
  ps::Problems problems;
  const std::vector<ps::BibEntry> entries = parse_all(R"(
This line is a comment, as is any text outside entries (even me@example.org).
@Comment{ @article{not, title = {an entry}} }
@STRING{ acm = "ACM" }
@string(conf = {Proceedings of the } # acm)
@preamble{ "\newcommand{\noopsort}[1]{}" }
@InProceedings(key1,
  TITLE = "The {\"U}ber {Paper}",
  Author = {Doe, Jane and John {von} Neumann and others},
  booktitle = conf # { Conference},
  YEAR = 2020, month = mar,
)
@misc{key2, title={Braces {inside} braces}, note = "quoted, with {a "quote" in braces}"}
@article{, title = {No key}}
)",
                                                      problems);
  CHECK(problems.ok());
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].type == "inproceedings");
  CHECK(entries[0].key == "key1");
  CHECK(*entries[0].field("title") == "The {\\\"U}ber {Paper}");
  CHECK(*entries[0].field("booktitle") == "Proceedings of the ACM Conference");
  CHECK(*entries[0].field("year") == "2020");
  CHECK(*entries[0].field("month") == "March");
  CHECK(*entries[1].field("note") == "quoted, with {a \"quote\" in braces}");
  CHECK(entries[2].key.empty());
  CHECK(*entries[2].field("title") == "No key");
}

TEST_CASE("BibTeX: entries become papers") {
  ps::ImportResult result = fixtures::import_text(R"(
@string{jgr = "Journal of Great Results"}
@inproceedings{doe2020,
  title = "The {\"U}ber {Paper}: {\LaTeX} --- and $\alpha$-stability",
  author = {Doe, Jane and John {von} Neumann and others},
  booktitle = {Proc. of Things}, year = 2020, month = mar,
  keywords = {graphs; {trees, forests}},
  eprint = {2001.00001}, archivePrefix = {arXiv}, primaryClass = {cs.DS},
  url = {https://github.com/doe/uber},
}
@article{smith, title = {A {DOI} paper}, author = {Smith, Jr., John}, journal = jgr,
  date = {2019-05-02}, doi = {10.1000/ABC\_def}}
@book{nameless, author = {Nobody}}
)");
  REQUIRE(result.ok());
  CHECK(result.store.size() == 2);
  REQUIRE(result.problems.warnings.size() == 1);
  CHECK(result.problems.warnings[0].to_string() ==
        "line 13, column 1 (@book{nameless): skipped a paper without a title");

  const ps::PaperRecord uber = paper(result.store, "2001.00001");
  CHECK(uber.title == "The Über Paper: LaTeX — and α-stability");
  CHECK(uber.authors == std::vector<std::string>{"Jane Doe", "John von Neumann"});
  CHECK(uber.effective_author_count() == 3);  // "and others"
  CHECK(uber.date.to_string() == "2020-03");
  CHECK(uber.venue == "Proc. of Things");
  CHECK(has_tag(uber, ps::TagKind::kKeyword, "graphs"));
  CHECK(has_tag(uber, ps::TagKind::kKeyword, "trees, forests"));
  CHECK(has_tag(uber, ps::TagKind::kCategory, "cs.DS"));
  CHECK(uber.has_code());

  const ps::PaperRecord smith = paper(result.store, "10.1000/abc_def");
  CHECK(smith.authors == std::vector<std::string>{"John Smith Jr."});
  CHECK(smith.venue == "Journal of Great Results");
  CHECK(smith.date.to_string() == "2019-05-02");
}

TEST_CASE("BibTeX: broken entries name line and column, and reading goes on") {
  SUBCASE("an unclosed brace") {
    ps::ImportResult result = fixtures::import_text(
        "@article{a, title = {Fine}}\n@article{b, title = {Never closed\n@article{c, title = {Fine "
        "too}}\n");
    CHECK(fixtures::first_error(result) ==
          "line 2, column 21: this value never closes (a '{' without its '}')");
  }
  SUBCASE("a missing '='") {
    ps::ImportResult result =
        fixtures::import_text("@article{a,\n  title {Oops}\n}\n@misc{b, title={B}}\n");
    CHECK(fixtures::first_error(result) ==
          "line 2, column 9: expected '=' after the field name \"title\"");
    CHECK(result.problems.errors.size() == 1);  // @misc{b} after it reads
  }
  SUBCASE("a missing comma between fields") {
    ps::ImportResult result = fixtures::import_text("@article{a, title = {A}\n  year = 2020}\n");
    CHECK(fixtures::first_error(result) ==
          "line 2, column 3: expected ',' or '}' after the value of \"title\"");
  }
  SUBCASE("an unknown macro is a warning") {
    ps::ImportResult result = fixtures::import_text("@article{a, title = {A}, journal = nosuch}\n");
    REQUIRE(result.ok());
    REQUIRE(result.problems.warnings.size() == 1);
    CHECK(result.problems.warnings[0].to_string() ==
          "line 1, column 36: unknown @string macro \"nosuch\" (read as empty)");
  }
  SUBCASE("deep nesting costs no stack") {
    std::string deep =
        "@article{a, title = {" + std::string(100000, '{') + "x" + std::string(100000, '}') + "}}";
    ps::ImportResult result = fixtures::import_text(deep);
    REQUIRE(result.ok());
    CHECK(paper(result.store, ps::title_hash_id("x")).title == "x");
  }
}
