#include <doctest/doctest.h>

#include "import_fixtures.h"

#include <fstream>
#include <sstream>

#include "core/bundle_reader.h"
#include "core/bundle_writer.h"
#include "core/importers.h"
#include "core/paper_ids.h"

namespace {

std::string bundle_with(const std::string& papers) {
  return R"({"format":"paperscope-bundle","version":1,"title":"T","papers":[)" + papers + "]}";
}

// The first error of reading text, as "where: message".
std::string first_error(const std::string& text) {
  ps::BundleLoad load = ps::read_bundle(text);
  REQUIRE_FALSE(load.ok());
  return load.problems.errors.front().to_string();
}

}  // namespace

TEST_CASE("the default collection loads with every field") {
  ps::BundleLoad load = ps::read_bundle(fixtures::read(PS_ASSETS "/papers.json"));
  REQUIRE(load.ok());
  const ps::PaperStore& store = load.store;
  CHECK(store.size() == 61);
  CHECK(store.info.title.find("Hugging Face") != std::string::npos);
  CHECK(store.info.created.to_string() == "2025-10-01");
  const int64_t row =
      store.find(ps::title_hash_id("GridPull: Towards Scalability in Learning "
                                   "Implicit Representations from 3D Point Clouds"));
  REQUIRE(row >= 0);
  const auto r = static_cast<uint32_t>(row);
  CHECK(store.has_code(r));
  CHECK(store.date(r).to_string() == "2023-08-25");
  CHECK(store.author_count(r) == 3);
  CHECK(store.named_author_count(r) == 0);
  // One paper has no date.
  int undated = 0;
  for (uint32_t i = 0; i < store.size(); ++i) undated += !store.date(i).known();
  CHECK(undated == 1);
}

// A paper with every member set.
static ps::PaperRecord full_paper() {
  ps::PaperRecord paper;
  paper.id = "2504.02345";
  paper.title = "Ünïcode \"quotes\" and \\ backslashes";
  paper.abstract = "Line one.\nLine two with emoji 🙂 and RTL שלום.";
  paper.authors = {"Zoë Müller", "Łukasz Kaiser"};
  paper.author_count = 5;
  std::string error;
  ps::parse_date("2025-04", paper.date, error);
  ps::parse_date("2025-04-07", paper.featured, error);
  paper.upvotes = 42;
  paper.venue = "ICML 2025";
  paper.tags = {{ps::TagKind::kCategory, "cs.LG"}, {ps::TagKind::kKeyword, "diffusion"}};
  paper.external_ids = {{"arxiv", "2504.02345"}, {"doi", "10.1/x"}};
  paper.links = {{ps::LinkKind::kCode, "https://github.com/a/b"},
                 {ps::LinkKind::kProject, "https://a.github.io/b"}};
  paper.sources = {"a.json"};
  return paper;
}

TEST_CASE("a record cleared for reuse is a new record") {
  ps::PaperRecord paper = full_paper();
  const std::string before = ps::paper_json(paper);
  paper.clear();
  const ps::PaperRecord fresh;
  CHECK(ps::paper_json(paper) == ps::paper_json(fresh));
  CHECK(ps::paper_json(paper) != before);
  CHECK(paper.id.empty());
  CHECK(paper.title.empty());
  CHECK(paper.abstract.empty());
  CHECK(paper.authors.empty());
  CHECK(paper.author_count == 0);
  CHECK(paper.date == fresh.date);
  CHECK(paper.featured == fresh.featured);
  CHECK(paper.upvotes == 0);
  CHECK(paper.tags.empty());
  CHECK(paper.venue.empty());
  CHECK(paper.external_ids.empty());
  CHECK(paper.links.empty());
  CHECK(paper.sources.empty());
}

TEST_CASE("a bundle survives writing and reading again") {
  const ps::PaperRecord paper = full_paper();
  ps::PaperStore store;
  store.info.title = "Round trip";
  store.add(paper);
  const std::string text = ps::write_bundle(store);
  ps::BundleLoad load = ps::read_bundle(text);
  REQUIRE_MESSAGE(load.ok(), load.problems.summary());
  REQUIRE(load.store.size() == 1);
  const ps::PaperRecord back = load.store.record(0);
  CHECK(back.id == paper.id);
  CHECK(back.title == paper.title);
  CHECK(back.abstract == paper.abstract);
  CHECK(back.authors == paper.authors);
  CHECK(back.author_count == 5);
  CHECK(back.date == paper.date);
  CHECK(back.featured == paper.featured);
  CHECK(back.upvotes == 42);
  CHECK(back.venue == paper.venue);
  CHECK(back.tags == paper.tags);
  CHECK(back.external_ids == paper.external_ids);
  CHECK(back.links == paper.links);
  CHECK(load.store.info.title == "Round trip");
}

TEST_CASE("every error names its place") {
  SUBCASE("wrong types") {
    CHECK(first_error(bundle_with(R"({"title":42})")) ==
          "$.papers[0].title: expected a string, found a whole number");
    CHECK(first_error(bundle_with(R"({"title":"a"},{"title":"b","authors":"X"})")) ==
          "$.papers[1].authors: expected an array of strings, found a string");
    CHECK(first_error(bundle_with(R"({"title":"a","authors":["x",7]})")) ==
          "$.papers[0].authors[1]: expected a string, found a whole number");
    CHECK(first_error(bundle_with(R"({"title":"a","upvotes":1.5})")) ==
          "$.papers[0].upvotes: expected a whole number, found a number with a fraction");
    CHECK(first_error(bundle_with(R"({"title":"a","links":[{"url":5}]})")) ==
          "$.papers[0].links[0].url: expected a string, found a whole number");
    CHECK(first_error(bundle_with(R"(7)")) ==
          "$.papers[0]: expected a paper object, found a whole number");
    CHECK(first_error(R"({"format":"paperscope-bundle","version":1,"papers":{}})") ==
          "$.papers: expected an array, found an object");
  }
  SUBCASE("missing and empty fields") {
    CHECK(first_error(bundle_with(R"({"id":"x"})")) ==
          "$.papers[0].title: required field is missing");
    CHECK(first_error(bundle_with(R"({"title":null})")) ==
          "$.papers[0].title: required field is missing");
    CHECK(first_error(bundle_with(R"({"title":"  "})")) == "$.papers[0].title: title is empty");
    CHECK(first_error(R"({"format":"paperscope-bundle","version":1})") ==
          "$.papers: required field is missing");
    CHECK(first_error(R"({"version":1,"papers":[]})") == "$.format: required field is missing");
  }
  SUBCASE("values out of range") {
    CHECK(first_error(bundle_with(R"({"title":"a","upvotes":-1})")) ==
          "$.papers[0].upvotes: number -1 is out of range (0 to 2147483647)");
    CHECK(first_error(bundle_with(R"({"title":"a","upvotes":99999999999999999999})"))
              .find("$.papers[0].upvotes: ") == 0);
    CHECK(first_error(bundle_with(R"({"title":"a","date":"2023-13-45"})")) ==
          "$.papers[0].date: \"2023-13-45\": month 13 is out of range");
    CHECK(first_error(R"({"format":"paperscope-bundle","version":2,"papers":[]})") ==
          "$.version: version 2 is newer than this Paperscope reads (1)");
    CHECK(first_error(R"({"format":"zotero","version":1,"papers":[]})") ==
          "$.format: \"zotero\" is not \"paperscope-bundle\"");
  }
  SUBCASE("links other than http(s)") {
    for (const char* url : {"javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"}) {
      CHECK(first_error(
                bundle_with(std::string(R"({"title":"a","links":[{"url":")") + url + R"("}]})"))
                .find("$.papers[0].links[0].url: only http and https links are allowed") == 0);
    }
  }
  SUBCASE("duplicate ids") {
    CHECK(first_error(bundle_with(
              R"({"id":"x","title":"a"},{"id":"y","title":"b"},{"id":"x","title":"c"})")) ==
          "$.papers[2].id: duplicate id \"x\" (first at $.papers[0])");
  }
  SUBCASE("broken JSON is placed by line and column") {
    const std::string text =
        "{\"format\":\"paperscope-bundle\",\"version\":1,\n\"papers\":[\n{\"title\":tru}]}";
    const std::string error = first_error(text);
    CHECK(error.find("line 3, column ") == 0);
    CHECK(error.find("$.papers[0]") != std::string::npos);
    CHECK(first_error("").find("the file is empty") != std::string::npos);
    CHECK(first_error("   \n").find("only whitespace") != std::string::npos);
    CHECK(first_error("42") == "expected a JSON object at the top level, found a number");
    CHECK(first_error("<!doctype html><html></html>") ==
          "this is HTML (a web page), not a JSON bundle");
    CHECK(first_error(bundle_with(R"({"title":"a"})") + " trailing")
              .find("unexpected data after the end") != std::string::npos);
    CHECK(first_error(bundle_with(R"({"title":"a"})").substr(0, 60)).find("unterminated") !=
          std::string::npos);
  }
  SUBCASE("invalid UTF-8 and deep nesting") {
    CHECK(first_error(bundle_with("{\"title\":\"a\xFF\"}")).find("(in $.papers[0])") !=
          std::string::npos);
    CHECK(first_error(bundle_with("{\"title\":\"a\\ud800\"}")).find("surrogate") !=
          std::string::npos);
    const std::string deep = bundle_with("{\"title\":\"a\",\"x\":" + std::string(100000, '[') +
                                         std::string(100000, ']') + "}");
    CHECK(first_error(deep).find("nesting deeper than") != std::string::npos);
  }
}

TEST_CASE("ids are derived when a bundle leaves them out") {
  ps::BundleLoad load = ps::read_bundle(bundle_with(
      R"({"title":"A"},{"title":"B","external_ids":{"arxiv":"2401.00001v2"}},{"title":"C","external_ids":{"doi":"10.5/ABC"}})"));
  REQUIRE(load.ok());
  CHECK(load.store.id(0) == ps::title_hash_id("A"));
  CHECK(load.store.id(1) == "2401.00001");
  CHECK(load.store.id(2) == "10.5/abc");
}

TEST_CASE("unknown shapes name the formats we read") {
  ps::ImportResult result = ps::import_collection(R"({"hello":"world"})", "x.json");
  REQUIRE_FALSE(result.ok());
  CHECK(result.problems.summary().find("unknown format") == 0);
  CHECK(result.problems.summary().find("Paperscope bundle") != std::string::npos);
}

TEST_CASE("a bundle is read a slice at a time") {
  std::string papers;
  for (int i = 0; i < 1000; ++i) {
    if (i) papers += ",";
    papers += "{\"title\":\"Paper " + std::to_string(i) + "\"}";
  }
  const std::string text = bundle_with(papers);
  ps::BundleReader reader(text);
  int steps = 0;
  double last_progress = 0;
  while (!reader.step(100)) {
    ++steps;
    CHECK(reader.progress() >= last_progress);
    last_progress = reader.progress();
  }
  CHECK(steps >= 9);
  REQUIRE(reader.ok());
  CHECK(reader.take_store().size() == 1000);
}

TEST_CASE("reading papers from SAX events gives what reading them through a tree gives") {
  std::string odd = bundle_with(
      R"({"title":"A","unknown":{"deep":[1,2,{"x":null}]},"flag":true,"ratio":0.5,"tags":["kw",{"kind":"category","value":"cs.LG","extra":1}],"links":[{"url":"https://github.com/a/b"}],"external_ids":{"arxiv":"2401.00001v2","s2":null},"authors":["Zoë"],"upvotes":3},)"
      R"({"title":"B","tags":[{"value":""}]},)"  // an empty tag: the careful way skips it
      R"({"id":"x","title":"C","date":"2024-02","featured":null,"sources":["a.json"]})");
  for (const std::string& text :
       {fixtures::read(PS_ASSETS "/papers.json"), fixtures::read(PS_TEST_DATA "/tagged.json"),
        fixtures::read(PS_TEST_DATA "/papers-v2.json"), odd}) {
    ps::BundleLoad sax = ps::read_bundle(text, ps::BundleParse::kSax);
    ps::BundleLoad tree = ps::read_bundle(text, ps::BundleParse::kTree);
    REQUIRE_MESSAGE(sax.ok(), sax.problems.summary());
    REQUIRE(tree.ok());
    REQUIRE(sax.store.size() == tree.store.size());
    for (uint32_t row = 0; row < sax.store.size(); ++row) {
      const ps::PaperRecord a = sax.store.record(row), b = tree.store.record(row);
      CHECK(a.id == b.id);
      CHECK(a.title == b.title);
      CHECK(a.abstract == b.abstract);
      CHECK(a.authors == b.authors);
      CHECK(a.author_count == b.author_count);
      CHECK(a.date == b.date);
      CHECK(a.featured == b.featured);
      CHECK(a.upvotes == b.upvotes);
      CHECK(a.tags == b.tags);
      CHECK(a.links == b.links);
      CHECK(a.external_ids == b.external_ids);
      CHECK(a.sources == b.sources);
    }
  }
  // And the same messages for what is wrong.
  const std::string bad = bundle_with(R"({"title":"a","upvotes":1.5})");
  CHECK(ps::read_bundle(bad, ps::BundleParse::kSax).problems.summary() ==
        ps::read_bundle(bad, ps::BundleParse::kTree).problems.summary());
}
