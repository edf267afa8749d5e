// Inputs the fuzzers (fuzz/, tools/fuzz) found to break something, each kept under
// tests/data/regressions/<target>/ and fed here through the same API the fuzz target used.
// docs/reliability.md lists them with what was wrong.
#include <doctest/doctest.h>

#include "core/bundle_reader.h"
#include "core/bundle_writer.h"
#include "core/explorer.h"
#include "core/facet_query.h"
#include "core/importers.h"
#include "core/reading_list.h"
#include "import_fixtures.h"

namespace {

std::string regression(const std::string& name) {
  return fixtures::read(PS_TEST_DATA "/regressions/" + name);
}

// What fuzz_facet_query checks: the canonical form is stable.
void check_stable(const std::string& query) {
  const std::string composed = ps::compose_query(ps::split_facet_choices(query));
  CHECK(ps::compose_query(ps::split_facet_choices(composed)) == composed);
}

}  // namespace

TEST_CASE("regression: a reading list that is not an object says what it is") {
  ps::ReadingList list;
  ps::Problems problems;
  CHECK_FALSE(list.from_json(regression("reading_list/top-level-string.json"), false, problems));
  CHECK(problems.summary() == "$: expected a reading list (an object), found a string");
}

TEST_CASE("regression: a NUL byte is not the end of the JSON") {
  // nlohmann takes NUL for the end of its input: "0.5\0ioe}" read as 0.5.
  ps::ReadingList list;
  ps::Problems problems;
  CHECK_FALSE(list.from_json(regression("reading_list/number-then-nul.json"), false, problems));
  CHECK(problems.summary() == "line 1, column 4 (in $): a NUL byte (0x00) is not allowed in JSON");

  const std::string bundle =
      std::string(R"({"format":"paperscope-bundle","version":1,"papers":[)") +
      R"({"title":"a","upvotes":5)" + std::string(1, '\0') + R"(garbage}]})";
  ps::BundleLoad load = ps::read_bundle(bundle);
  REQUIRE_FALSE(load.ok());
  CHECK(load.problems.summary() ==
        "line 1, column 77 (in $.papers[0]): a NUL byte (0x00) is not allowed in JSON");
}

TEST_CASE("regression: facet choices split and compose to a stable form") {
  SUBCASE("the last date: term is the range, earlier ones stay in the rest") {
    const std::string query = regression("facet_query/two-date-terms.txt");
    CHECK(query == "date:..2024 date:2023..");
    const ps::FacetChoices c = ps::split_facet_choices(query);
    CHECK(c.date_range == "2023..");
    CHECK(c.rest == "date:..2024");
    check_stable(query);
    CHECK(ps::split_facet_choices("has:code -has:code").has_code == -1);
    check_stable("has:code -has:code");
  }
  SUBCASE("a quote left open keeps everything in the rest") {
    const std::string query = regression("facet_query/open-quote-at-the-end.txt");
    const ps::FacetChoices c = ps::split_facet_choices(query);
    CHECK(c.tags.excluded.empty());
    CHECK(c.rest == query.substr(0, query.find("  ")) + query.substr(query.find("  ") + 1));
    check_stable(query);
    CHECK(ps::split_facet_choices("(a tag:\"x\"").tags.included.empty());
  }
  SUBCASE("an OR group is a choice only when it is its field's only inclusion") {
    // Found reading the code the fuzzer pointed at: `tag:"x" (tag:"a" OR tag:"b")` came back
    // as one group of three values after a second split, which means something else.
    const std::string query = "tag:\"x\" (tag:\"a\" OR tag:\"b\")";
    const ps::FacetChoices c = ps::split_facet_choices(query);
    CHECK(c.tags.included == std::vector<std::string>{"x"});
    CHECK_FALSE(c.tags.any_of);
    CHECK(c.rest == "(tag:\"a\" OR tag:\"b\")");
    const ps::FacetChoices again = ps::split_facet_choices(ps::compose_query(c));
    CHECK(again.tags.included == std::vector<std::string>{"x"});
    CHECK_FALSE(again.tags.any_of);
    check_stable(query);
    check_stable("(tag:\"a\" OR tag:\"b\") (tag:\"c\" OR tag:\"d\")");
  }
}

TEST_CASE("regression: arXiv JSON lines progress stays within 0..1") {
  // A last line without a line break that does not parse: progress went past 1.
  const std::string input = regression("import/jsonl-last-line-broken.bin");
  REQUIRE(input[0] == '\x03');  // fuzz_import: straight to the arXiv JSON lines reader
  std::unique_ptr<ps::PaperReader> reader =
      ps::make_reader(ps::Format::kArxivJsonLines, std::string_view(input).substr(1));
  std::vector<ps::PaperRecord> papers;
  while (!reader->step(1, papers)) {
    CHECK(reader->progress() >= 0.0);
    CHECK(reader->progress() <= 1.0);
  }
  CHECK(papers.size() == 1);
  CHECK_FALSE(reader->problems.ok());
}

TEST_CASE("regression: a long pasted word is not searched for typos") {
  // 300 different characters: every one-edit variant was looked up (length x alphabet,
  // the alphabet growing with the word), two minutes under the sanitizers.
  ps::PaperStore store;
  ps::PaperRecord paper;
  paper.id = "a";
  paper.title = "Diffusion models";
  store.add(paper);
  ps::Explorer explorer;
  explorer.set_collection(std::move(store));
  explorer.set_query(regression("query/long-word-300-characters.txt"));
  CHECK(explorer.results().empty());
  CHECK(explorer.corrections().empty());
  explorer.set_query("difusion");  // a typo of a usual length is still corrected
  CHECK(explorer.results().size() == 1);
  CHECK(explorer.corrections().size() == 1);
}

TEST_CASE("regression: BibTeX macros built of macros cannot grow without end") {
  // Found reading the BibTeX parser next to the fuzzer's findings: 40 @string lines, each
  // macro twice the one before, asked for terabytes (std::bad_alloc: an abort).
  const ps::ImportResult result =
      ps::import_collection(regression("import/bibtex-billion-laughs.bib"), "laughs.bib");
  REQUIRE_FALSE(result.ok());
  CHECK(result.problems.errors.front().to_string() ==
        "line 21, column 15: the @string macros expand to more than 16 MB in all (\"m19\" is "
        "8388608 bytes long)");
  // Abbreviations used in every entry stay well within the budget.
  std::string bib = "@string{jacm = \"Journal of the ACM\"}\n";
  for (int i = 0; i < 5000; ++i) {
    bib += "@article{k" + std::to_string(i) + ", title = {Paper " + std::to_string(i) +
           "}, journal = jacm}\n";
  }
  const ps::ImportResult many = ps::import_collection(bib, "many.bib");
  REQUIRE(many.ok());
  CHECK(many.store.size() == 5000);
  CHECK(many.store.venue(4999) == "Journal of the ACM");
}

TEST_CASE("regression: entries of big BibTeX and Atom files are placed in linear time") {
  // Found reading the importers: each entry's place ("line 9, column 1") was counted from
  // the start of the file, so a 7.5 MB BibTeX file of 50,000 entries took two minutes.
  std::string bib, atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  for (int i = 0; i < 30000; ++i) {
    const std::string n = std::to_string(i);
    bib += "@article{k" + n + ",\n  title = {Paper " + n + "},\n  year = {2020},\n}\n\n";
    atom += "<entry>\n<id>http://arxiv.org/abs/2001." + std::string(5 - n.size(), '0') + n +
            "v1</id>\n<title>Paper " + n + "</title>\n</entry>\n";
  }
  atom += "</feed>\n";
  const ps::ImportResult from_bib = ps::import_collection(bib, "big.bib");
  const ps::ImportResult from_atom = ps::import_collection(atom, "big.xml");
  CHECK(from_bib.store.size() == 30000);
  CHECK(from_atom.store.size() == 30000);
}

TEST_CASE("regression: deep parentheses and long pasted queries") {
  // Found by review next to the fuzzer's findings (its inputs are at most 4 KB): every walk
  // of a query recurses into its groups, and 4,000 nested parentheses overflowed the stack.
  const ps::ParsedQuery deep = ps::parse_query(regression("query/parentheses-4000-deep.txt"));
  CHECK(deep.error == "column 65: parentheses nested deeper than 64 levels");
  CHECK(ps::parse_query(std::string(64, '(') + "a" + std::string(64, ')')).ok());
  // Columns were counted from the start for every term: quadratic in a long query.
  std::string query;
  for (int i = 0; i < 60000; ++i) query += (i % 3 ? " diffusion" : " (a OR b)");
  const ps::ParsedQuery parsed = ps::parse_query(query + " \"never closed");
  CHECK(parsed.error == "column 580002: '\"' is never closed");
  ps::PaperStore store;
  ps::PaperRecord paper;
  paper.id = "a";
  paper.title = "Diffusion a";
  store.add(paper);
  ps::Explorer explorer;
  explorer.set_collection(std::move(store));
  explorer.set_query(query);
  CHECK(explorer.results().size() == 1);
}

TEST_CASE("regression: a JSON lines file broken on every line stops at max_errors") {
  // Found profiling fuzz_import: after max_errors the reader went on placing each broken
  // line ("line 80000, column 68"), a pass over the text before it each time: 4 minutes for
  // 6.9 MB of lines with trailing garbage.
  const std::string lines = regression("import/jsonl-every-line-broken.jsonl");
  std::string text;
  for (int i = 0; i < 100000 / 3; ++i) text += lines;
  const ps::ImportResult result = ps::import_collection(text, "broken.jsonl");
  REQUIRE_FALSE(result.ok());
  CHECK(result.problems.errors.size() == 20);
  CHECK(result.problems.errors.front().to_string() ==
        "line 1, column 68: unexpected data after the record (JSON lines hold one record a line)");
}

TEST_CASE("regression: a member given twice counts once, on the fast path too") {
  // fuzz_bundle: a paper with "authors" twice got both lists from the fast path and the
  // last from the careful one. Both now keep the last, as a JSON tree does.
  const std::string text = regression("bundle/authors-member-twice.json");
  const ps::BundleLoad fast = ps::read_bundle(text, ps::BundleParse::kSax);
  const ps::BundleLoad careful = ps::read_bundle(text, ps::BundleParse::kTree);
  REQUIRE(fast.ok());
  REQUIRE(careful.ok());
  REQUIRE(fast.store.size() == careful.store.size());
  const int64_t row = fast.store.find("2429.10030");
  REQUIRE(row >= 0);
  CHECK(fast.store.record(static_cast<uint32_t>(row)).authors ==
        std::vector<std::string>{"Author U. Person23", "Author N. Person1", "Author I. Person23"});
  for (uint32_t r = 0; r < fast.store.size(); ++r) {
    CHECK(ps::paper_json(fast.store.record(r)) == ps::paper_json(careful.store.record(r)));
  }
}
