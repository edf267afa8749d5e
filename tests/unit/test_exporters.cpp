#include <doctest/doctest.h>

#include "core/bundle_reader.h"
#include "core/exporters.h"
#include "core/paper_ids.h"

namespace {

ps::PaperStore tricky() {
  ps::PaperStore store;
  store.info.title = "Export [test]";
  ps::PaperRecord a;
  a.id = "2504.02345";
  a.title = "50% of {Braces} & $\\alpha$_1 ~ ^ # cost";
  a.abstract = "Line one\nline two, \"quoted\"";
  a.authors = {"Zoë Müller", "Ada Lovelace"};
  a.author_count = 3;
  std::string error;
  ps::parse_date("2025-04-03", a.date, error);
  a.venue = "NeurIPS 2025";
  a.tags = {{ps::TagKind::kCategory, "cs.LG"}};
  a.links = {{ps::LinkKind::kCode, "https://github.com/a/b_(c)"}};
  store.add(a);
  ps::PaperRecord b;
  b.title = "=HYPERLINK(\"http://evil\")";
  b.id = ps::title_hash_id(b.title);
  b.abstract = "@SUM(A1) and -2+3";
  b.author_count = 4;
  store.add(b);
  ps::PaperRecord c;
  c.id = "10.1145/3592433";
  c.title = "Müller et al. Again";
  c.authors = {"Zoë Müller"};
  ps::parse_date("2025", c.date, error);
  store.add(c);
  return store;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("BibTeX escapes specials and keeps braces balanced") {
  CHECK(
      ps::bibtex_escape("50% {x} & $a$_1 ~ ^ # \\") ==
      "50\\% \\{x\\} \\& \\$a\\$\\_1 \\textasciitilde{} \\textasciicircum{} \\# \\textbackslash{}");
  const ps::PaperStore store = tricky();
  const std::string bib = ps::export_papers(store, {0, 1, 2}, ps::ExportFormat::kBibtex);
  CHECK(count(bib, "\n@") + (bib.rfind("@", 0) == 0) == 3);
  CHECK(bib.find("@inproceedings{muller2025braces,") != std::string::npos);
  CHECK(bib.find("title = {{50\\% of \\{Braces\\} \\& \\$\\textbackslash{}alpha\\$\\_1") !=
        std::string::npos);
  CHECK(bib.find("author = {Zoë Müller and Ada Lovelace and others}") != std::string::npos);
  CHECK(bib.find("eprint = {2504.02345}") != std::string::npos);
  CHECK(bib.find("month = {apr}") != std::string::npos);
  CHECK(bib.find("note = {4 authors}") != std::string::npos);
  CHECK(bib.find("doi = {10.1145/3592433}") != std::string::npos);
  CHECK(bib.find("@misc{muller2025muller,") != std::string::npos);  // keys differ
  int depth = 0;
  for (size_t i = 0; i < bib.size(); ++i) {
    if (bib[i] == '\\') {
      ++i;  // an escaped character
      continue;
    }
    if (bib[i] == '{') ++depth;
    if (bib[i] == '}') --depth;
    CHECK(depth >= 0);
  }
  CHECK(depth == 0);
}

TEST_CASE("CSV quotes and neutralises formulas") {
  CHECK(ps::csv_cell("plain") == "plain");
  CHECK(ps::csv_cell("a,b") == "\"a,b\"");
  CHECK(ps::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(ps::csv_cell("=1+1") == "'=1+1");
  CHECK(ps::csv_cell("+1") == "'+1");
  CHECK(ps::csv_cell("-1") == "'-1");
  CHECK(ps::csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(ps::csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  const std::string csv = ps::export_papers(tricky(), {0, 1, 2}, ps::ExportFormat::kCsv);
  CHECK(count(csv, "\r\n") == 4);  // header + 3 rows (the abstract's line break is quoted)
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://evil\"\")\"") != std::string::npos);
  CHECK(csv.find("'@SUM(A1) and -2+3") != std::string::npos);
}

TEST_CASE("JSON export is a bundle that loads back") {
  const ps::PaperStore store = tricky();
  const std::string json = ps::export_papers(store, {2, 0}, ps::ExportFormat::kJson);
  ps::BundleLoad load = ps::read_bundle(json);
  REQUIRE_MESSAGE(load.ok(), load.problems.summary());
  REQUIRE(load.store.size() == 2);
  CHECK(load.store.id(0) == "10.1145/3592433");
  CHECK(load.store.title(1) == store.title(0));
  CHECK(load.store.abstract(1) == store.abstract(0));
}

TEST_CASE("CSL-JSON export") {
  const std::string csl = ps::export_papers(tricky(), {0, 2}, ps::ExportFormat::kCslJson);
  CHECK(csl.find("\"type\": \"paper-conference\"") != std::string::npos);
  CHECK(csl.find("\"family\": \"Müller\"") != std::string::npos);
  CHECK(csl.find("\"given\": \"Zoë\"") != std::string::npos);
  CHECK(csl.find("\"date-parts\": [\n") != std::string::npos);
  CHECK(csl.find("\"DOI\": \"10.1145/3592433\"") != std::string::npos);
  CHECK(csl.find("\"number\": \"arXiv:2504.02345\"") != std::string::npos);
}

TEST_CASE("Markdown escapes and links only http(s)") {
  CHECK(ps::markdown_escape("a [b](c) *d*") == "a \\[b\\]\\(c\\) \\*d\\*");
  const std::string md = ps::export_papers(tricky(), {0, 1}, ps::ExportFormat::kMarkdown);
  CHECK(md.rfind("# Export \\[test\\]", 0) == 0);
  CHECK(md.find("](https://arxiv.org/abs/2504.02345)") != std::string::npos);
  CHECK(md.find("[code](https://github.com/a/b_%28c%29)") != std::string::npos);
  CHECK(md.find("4 authors") != std::string::npos);
  CHECK(count(md, "\n- ") == 2);
}

TEST_CASE("the main URL of a paper") {
  const ps::PaperStore store = tricky();
  CHECK(ps::paper_main_url(store, 0) == "https://arxiv.org/abs/2504.02345");
  CHECK(ps::paper_main_url(store, 1).empty());  // no arXiv id, DOI or link
  CHECK(ps::paper_main_url(store, 2) == "https://doi.org/10.1145/3592433");
}

#include "core/importers.h"

TEST_CASE("exported BibTeX and CSL-JSON load back with the same papers") {
  const ps::PaperStore store = tricky();
  for (ps::ExportFormat format : {ps::ExportFormat::kBibtex, ps::ExportFormat::kCslJson}) {
    CAPTURE(ps::export_format_name(format));
    const std::string text = ps::export_papers(store, {0, 1, 2}, format);
    ps::ImportResult back = ps::import_collection(text, "export");
    REQUIRE_MESSAGE(back.ok(), back.problems.summary());
    REQUIRE(back.store.size() == 3);
    for (uint32_t row = 0; row < 3; ++row) {
      const int64_t found = back.store.find(store.id(row));
      REQUIRE_MESSAGE(found >= 0, store.id(row));
      const auto r = static_cast<uint32_t>(found);
      CHECK(back.store.title(r) == store.title(row));
      CHECK(back.store.date(r) == store.date(row));
      CHECK(back.store.named_author_count(r) == store.named_author_count(row));
      for (uint32_t a = 0; a < store.named_author_count(row); ++a) {
        CHECK(back.store.author(r, a) == store.author(row, a));
      }
      // Importers collapse line breaks in abstracts into spaces.
      std::string abstract(store.abstract(row));
      for (char& c : abstract) c = c == '\n' ? ' ' : c;
      CHECK(back.store.abstract(r) == abstract);
      CHECK(back.store.venue(r) == store.venue(row));
    }
  }
}
