// The catalogue of bad input (docs/reliability.md): each kind of broken, hostile or odd input
// is opened the way the page and the CLI open files (import_collection: format detection,
// then the reader), and must give a message that says what is wrong and where, or load.
// test_bundle.cpp has more of the bundle reader's own messages (read_bundle); the CLI half
// of the catalogue is tests/cli/cli_test.sh, case "catalogue", on the files of
// tests/data/bad/.
//
// Index of this file
// [SECTION] Helpers
// [SECTION] Broken JSON: truncated, trailing garbage, non-JSON literals, invalid UTF-8, depth
// [SECTION] Wrong values: types, missing and null fields, ranges, dates, ids, links
// [SECTION] Not a collection: empty, a bare value, no papers, HTML, unknown shapes
// [SECTION] Odd but valid: huge abstracts, many authors, any script
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/bundle_reader.h"
#include "core/collection_loader.h"
#include "core/explorer.h"
#include "core/importers.h"
#include "core/reading_list.h"

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

using namespace std::string_literals;

std::string bundle_with(const std::string& papers) {
  return R"({"format":"paperscope-bundle","version":1,"title":"T","papers":[)" + papers + "]}";
}

std::string paper_with(const std::string& members) {
  return bundle_with(R"({"title":"a",)" + members + "}");
}

// The first error of opening text, as "where: message".
std::string error_of(const std::string& text) {
  const ps::ImportResult result = ps::import_collection(text, "input");
  REQUIRE_MESSAGE(!result.ok(), "loaded, but should not have: " << text.substr(0, 200));
  REQUIRE_FALSE(result.problems.errors.empty());
  return result.problems.errors.front().to_string();
}

// Opens text that must load; returns the result.
ps::ImportResult loads(const std::string& text) {
  ps::ImportResult result = ps::import_collection(text, "input");
  REQUIRE_MESSAGE(result.ok(), result.problems.summary());
  return result;
}

std::string first_warning(const ps::ImportResult& result) {
  REQUIRE_FALSE(result.problems.warnings.empty());
  return result.problems.warnings.front().to_string();
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

const char* const kCsl =
    R"([{"type":"article-journal","title":"a","author":[{"family":"F","given":"G"}],"issued":{"date-parts":[[2023,1,2]]}}])";

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Broken JSON: truncated, trailing garbage, non-JSON literals, invalid UTF-8, depth
//-----------------------------------------------------------------------------

TEST_CASE("bad input: truncated files say where they stop") {
  SUBCASE("every prefix of a bundle fails with a place, or is an empty bundle") {
    const std::string full = paper_with(
        R"("authors":["A B"],"tags":[{"kind":"category","value":"cs.LG"}],"links":[{"url":"https://x.org"}])");
    for (size_t n = 0; n < full.size(); ++n) {
      const ps::ImportResult result = ps::import_collection(full.substr(0, n), "input");
      REQUIRE_MESSAGE(!result.ok(), "prefix of " << n << " bytes loaded");
      const std::string error = result.problems.errors.front().to_string();
      CHECK_MESSAGE(!error.empty(), n);
    }
    CHECK(error_of(full.substr(0, 70)) ==
          "line 1, column 66 (in $.papers[0]): unterminated string");
    CHECK(error_of(full.substr(0, full.size() - 1)) ==
          "line 1, column 176: expected ',' or '}' after \"papers\"");
  }
  SUBCASE("in the other JSON formats") {
    CHECK(error_of(std::string(kCsl).substr(0, 40)) ==
          "line 1, column 40 (in $[0]): unterminated string");
    // The innermost value that never closes: the paper object of the second item.
    CHECK(error_of(R"([{"paper":{"id":"2401.00001","title":"x","summary":"s"}}, {"paper":{"id")") ==
          "line 1, column 68 (in $[1]): unterminated object");
    CHECK(error_of(R"({"data":[{"paperId":"a","title":"x"}])") ==
          "line 1, column 1: unterminated object");
    CHECK(error_of(
              "{\"id\":\"0704.0001\",\"title\":\"T\",\"categories\":\"cs.LG\",\"abstract\":\"a\"}\n"
              "{\"id\":\"0704.0002\",\"title\":\"T2\",\"categ") ==
          "line 2, column 32 (in $): unterminated string");
  }
  SUBCASE("XML and BibTeX") {
    CHECK(error_of(
              "<feed "
              "xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title></entry><entry><tit") ==
          "line 1, column 84: not well-formed XML: Error parsing start element tag");
    CHECK(error_of("@article{k, title = {a}}\n@article{j, title = {b") ==
          "line 2, column 21: this value never closes (a '{' without its '}')");
  }
}

TEST_CASE("bad input: trailing garbage after the end") {
  CHECK(error_of(paper_with(R"("id":"x")") + " x") ==
        "line 1, column 90: unexpected data after the end of the bundle");
  CHECK(error_of(std::string(kCsl) + " garbage") ==
        "line 1, column 117: unexpected data after the end of the JSON");
  CHECK(error_of(R"({"data":[{"paperId":"a","title":"x"}]} x)") ==
        "line 1, column 40: unexpected data after the end of the JSON");
  CHECK(
      error_of("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title></entry></feed> "
               "garbage <x>") == "line 1, column 92: not well-formed XML: Start-end tags mismatch");
  // A NUL byte after the end is data too.
  CHECK(error_of(paper_with(R"("id":"x")") + "\0"s) ==
        "line 1, column 89: unexpected data after the end of the bundle");
}

TEST_CASE("bad input: NaN, Infinity and other literals JSON does not have") {
  struct Case {
    const char* literal;
    const char* reason;
  };
  const Case cases[] = {
      {"NaN", "invalid literal; last read: '\"upvotes\":N'"},
      {"Infinity", "invalid literal; last read: '\"upvotes\":I'"},
      {"-Infinity", "invalid number; expected digit after '-'; last read: '-I'"},
      {"undefined", "invalid literal; last read: '\"upvotes\":u'"},
      {"True", "invalid literal; last read: '\"upvotes\":T'"},
      {"'7'", "invalid literal; last read: '\"upvotes\":''"},
      {"0x10", "invalid literal; last read: '0x'; expected '}'"},
      {"+1", "invalid literal; last read: '\"upvotes\":+'"},
      {".5", "invalid literal; last read: '\"upvotes\":.'"},
      {"01", "unexpected number literal; expected '}'"},
      {"1.", "invalid number; expected digit after '.'; last read: '1.}'"},
  };
  for (const Case& c : cases) {
    const std::string error = error_of(paper_with(std::string(R"("upvotes":)") + c.literal));
    CAPTURE(c.literal);
    CHECK(starts_with(error, "line 1, column "));
    CHECK(error.find("(in $.papers[0]): syntax error while parsing") != std::string::npos);
    CHECK(error.find(c.reason) != std::string::npos);
  }
  CHECK(error_of(paper_with(R"("upvotes":1e999)")) ==
        "line 1, column 92 (in $.papers[0]): number overflow parsing '1e999'");
  CHECK(error_of(paper_with(R"("x":1 /* comment */)")).find("invalid literal; last read: '1 /'") !=
        std::string::npos);
  CHECK(error_of(paper_with(R"("x":1,)"))
            .find("syntax error while parsing object key - unexpected '}'") != std::string::npos);
  CHECK(error_of(R"([{"type":"article","title":"a","x":NaN}])") ==
        "line 1, column 36 (in $[0]): syntax error while parsing value - invalid literal; last "
        "read: '\"x\":N'");
}

TEST_CASE("bad input: invalid UTF-8 is refused in JSON and repaired in BibTeX") {
  const std::string ill_formed = "invalid string: ill-formed UTF-8 byte";
  SUBCASE("overlong forms") {
    for (const char* bytes : {"\xC0\xAF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF", "\xC1\xBF"}) {
      const std::string error =
          error_of(bundle_with("{\"title\":\"a" + std::string(bytes) + "\"}"));
      CHECK(starts_with(error, "line 1, column 7"));
      CHECK(error.find("(in $.papers[0])") != std::string::npos);
      CHECK(error.find(ill_formed) != std::string::npos);
      // The bytes quoted from the input are made well-formed for the page and the terminal.
      CHECK(error.find("last read: '\"a\xEF\xBF\xBD") != std::string::npos);
    }
  }
  SUBCASE("lone surrogates, raw and escaped") {
    CHECK(error_of(bundle_with("{\"title\":\"a\xED\xA0\x80\"}")).find(ill_formed) !=
          std::string::npos);
    CHECK(error_of(bundle_with(R"({"title":"a\ud800"})"))
              .find("surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF") !=
          std::string::npos);
    CHECK(error_of(bundle_with(R"({"title":"a\udc00"})"))
              .find("surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF") != std::string::npos);
    CHECK(error_of(bundle_with(R"({"title":"a\ud800\u0041"})")).find("must be followed by") !=
          std::string::npos);
    CHECK(error_of(bundle_with("{\"title\":\"\xF4\x90\x80\x80\"}")).find(ill_formed) !=
          std::string::npos);
  }
  SUBCASE("raw NUL bytes") {
    CHECK(error_of(bundle_with("{\"title\":\"a\0b\"}"s)) ==
          "line 1, column 76 (in $.papers[0]): a NUL byte (0x00) is not allowed in JSON");
    CHECK(error_of(bundle_with("{\"title\":\"a\"\0}"s)) ==
          "line 1, column 77 (in $.papers[0]): a NUL byte (0x00) is not allowed in JSON");
    CHECK(error_of("\0{}"s).find("unknown format: binary data, not text") == 0);
    // Escaped, it is a character like any other.
    CHECK(loads(bundle_with(R"({"title":"a\u0000b"})")).store.title(0) == "a\0b"s);
  }
  SUBCASE("BibTeX is text from anywhere: bad bytes become U+FFFD, NUL is dropped") {
    CHECK(loads("@article{k, title = {a\xC0\xAF b}}\n").store.title(0) ==
          "a\xEF\xBF\xBD\xEF\xBF\xBD b");
    CHECK(loads("@article{k, title = {a\0b}}\n"s).store.title(0) == "ab");
  }
}

TEST_CASE("bad input: 100,000-deep nesting is refused before any parser sees it") {
  const std::string open(100000, '['), close(100000, ']');
  CHECK(error_of(open + close) == "line 1, column 201: nesting deeper than 200 levels");
  CHECK(error_of("{\"a\":" + open + close + "}") ==
        "line 1, column 205: nesting deeper than 200 levels");
  CHECK(error_of(R"({"format":"paperscope-bundle","version":1,"papers":)" + open + close + "}") ==
        "line 1, column 253 (in $.papers[0]): nesting deeper than 200 levels");
  CHECK(error_of(R"([{"type":"article","title":"a","x":)" + std::string(100000, '{') + "}") ==
        "line 1, column 235 (in $[0]): nesting deeper than 200 levels");
  ps::ReadingList list;
  ps::Problems problems;
  CHECK_FALSE(list.from_json(open, false, problems));
  CHECK(problems.summary() == "line 1, column 201: nesting deeper than 200 levels");
  // XML and BibTeX nest without recursion: deep but well-formed input loads.
  std::string xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>t</title>";
  for (int i = 0; i < 100000; ++i) xml += "<a>";
  for (int i = 0; i < 100000; ++i) xml += "</a>";
  CHECK(loads(xml + "</entry></feed>").store.size() == 1);
  CHECK(loads("@article{k, title = {" + std::string(100000, '{') + "x" + std::string(100000, '}') +
              "}}\n")
            .store.title(0) == "x");
}

//-----------------------------------------------------------------------------
// [SECTION] Wrong values: types, missing and null fields, ranges, dates, ids, links
//-----------------------------------------------------------------------------

TEST_CASE("bad input: the wrong type at each field of a paper") {
  struct Case {
    const char* members;
    const char* error;
  };
  const Case cases[] = {
      {R"("title":{})", "$.papers[0].title: expected a string, found an object"},
      {R"("id":7)", "$.papers[0].id: expected a string, found a whole number"},
      {R"("abstract":[])", "$.papers[0].abstract: expected a string, found an array"},
      {R"("venue":true)", "$.papers[0].venue: expected a string, found a boolean"},
      {R"("authors":"A, B")", "$.papers[0].authors: expected an array of strings, found a string"},
      {R"("authors":["A",{}])", "$.papers[0].authors[1]: expected a string, found an object"},
      {R"("sources":{})", "$.papers[0].sources: expected an array of strings, found an object"},
      {R"("author_count":"5")",
       "$.papers[0].author_count: expected a whole number, found a string"},
      {R"("upvotes":1.5)",
       "$.papers[0].upvotes: expected a whole number, found a number with a fraction"},
      {R"("date":20230101)", "$.papers[0].date: expected a string, found a whole number"},
      {R"("featured":[])", "$.papers[0].featured: expected a string, found an array"},
      {R"("tags":"cs.LG")", "$.papers[0].tags: expected an array, found a string"},
      {R"("tags":[5])",
       "$.papers[0].tags[0]: expected an object or a string, found a whole number"},
      {R"("tags":[{"value":5}])",
       "$.papers[0].tags[0].value: expected a string, found a whole number"},
      {R"("tags":[{"value":"x","kind":5}])",
       "$.papers[0].tags[0].kind: expected a string, found a whole number"},
      {R"("tags":[{"value":"x","kind":"colour"}])",
       "$.papers[0].tags[0].kind: unknown tag kind \"colour\" (expected category, keyword, field "
       "or user)"},
      {R"("links":{})", "$.papers[0].links: expected an array, found an object"},
      {R"("links":["https://x.org"])", "$.papers[0].links[0]: expected an object, found a string"},
      {R"("links":[{"url":5}])",
       "$.papers[0].links[0].url: expected a string, found a whole number"},
      {R"("links":[{"url":"https://x.org","kind":[]}])",
       "$.papers[0].links[0].kind: expected a string, found an array"},
      {R"("external_ids":[])", "$.papers[0].external_ids: expected an object, found an array"},
      {R"("external_ids":{"arxiv":2401.00001})",
       "$.papers[0].external_ids.arxiv: expected a string, found a number with a fraction"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.members);
    CHECK(error_of(paper_with(c.members)) == c.error);
  }
  SUBCASE("the top level") {
    const std::string tail = R"(,"papers":[{"title":"a"}]})";
    CHECK(error_of(R"({"format":5,"version":1)" + tail) ==
          "$.format: expected a string, found a whole number");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":"1")" + tail) ==
          "$.version: expected a whole number, found a string");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":1,"title":[])" + tail) ==
          "$.title: expected a string, found an array");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":1,"description":{})" + tail) ==
          "$.description: expected a string, found an object");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":1,"created":1)" + tail) ==
          "$.created: expected a string, found a whole number");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":1,"source":1)" + tail) ==
          "$.source: expected a string or an object, found a whole number");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":1,"source":{"name":1})" + tail) ==
          "$.source.name: expected a string, found a whole number");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":1,"papers":"x"})") ==
          "$.papers: expected an array, found a string");
  }
  SUBCASE("other formats name the field the same way") {
    CHECK(error_of(R"([{"type":"article","title":5}])") ==
          "$[0].title: expected a string, found a whole number");
    CHECK(error_of(R"([{"type":"article","title":"a","author":"X"}])") ==
          "$[0].author: expected an array, found a string");
    CHECK(error_of(R"([{"paper":5,"title":"x"}])") ==
          "$[0].paper: expected an object, found a whole number");
    CHECK(
        error_of(R"([{"paper":{"id":"2401.00001","title":"x","summary":"s","upvotes":"many"}}])") ==
        "$[0].paper.upvotes: expected a whole number, found a string");
    CHECK(error_of(R"({"data":[{"paperId":"a","title":"x","year":"then"}]})") ==
          "$.data[0].year: expected a whole number, found a string");
  }
}

TEST_CASE("bad input: required fields missing") {
  CHECK(error_of(bundle_with(R"({"id":"x"})")) == "$.papers[0].title: required field is missing");
  CHECK(error_of(paper_with(R"("tags":[{"kind":"user"}])")) ==
        "$.papers[0].tags[0].value: required field is missing");
  CHECK(error_of(paper_with(R"("links":[{"kind":"code"}])")) ==
        "$.papers[0].links[0].url: required field is missing");
  CHECK(error_of(R"({"format":"paperscope-bundle","papers":[{"title":"a"}]})") ==
        "$.version: required field is missing");
  CHECK(error_of(R"({"version":1,"papers":[{"title":"a"}]})") ==
        "$.format: required field is missing");
  CHECK(error_of(R"({"format":"paperscope-bundle","version":1})") ==
        "$.papers: required field is missing");
  // Records of other formats without a title are skipped with a warning; with none left,
  // that is the error.
  CHECK(error_of(R"([{"type":"article","DOI":"10.1/x"}])") ==
        "none of its 1 records has a title, so there is nothing to show");
}

TEST_CASE("bad input: null everywhere") {
  SUBCASE("null is a missing value: optional fields load") {
    const ps::ImportResult result = loads(paper_with(
        R"("id":null,"abstract":null,"venue":null,"authors":null,"sources":null,"author_count":null,)"
        R"("upvotes":null,"date":null,"featured":null,"tags":null,"links":null,"external_ids":{"doi":null})"));
    CHECK(result.store.size() == 1);
    CHECK(result.store.upvotes(0) == 0);
    CHECK_FALSE(result.store.date(0).known());
    CHECK(
        loads(
            R"({"format":"paperscope-bundle","version":1,"title":null,"description":null,"created":null,"source":null,"papers":[{"title":"a"}]})")
            .store.size() == 1);
    CHECK(
        loads(
            R"([{"type":"article","title":"a","author":null,"issued":null,"DOI":null,"URL":null,"abstract":null}])")
            .store.size() == 1);
    CHECK(
        loads(
            R"([{"paper":{"id":"2401.00001","title":"x","summary":null,"authors":null,"upvotes":null,"publishedAt":null,"githubRepo":null}}])")
            .store.size() == 1);
  }
  SUBCASE("and an error where a value is required") {
    CHECK(error_of(bundle_with(R"({"title":null})")) ==
          "$.papers[0].title: required field is missing");
    CHECK(error_of(R"({"format":null,"version":1,"papers":[{"title":"a"}]})") ==
          "$.format: required field is missing");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":null,"papers":[{"title":"a"}]})") ==
          "$.version: required field is missing");
    CHECK(error_of(R"({"format":"paperscope-bundle","version":1,"papers":null})") ==
          "$.papers: expected an array, found null");
    CHECK(error_of(bundle_with("null")) == "$.papers[0]: expected a paper object, found null");
    CHECK(error_of(paper_with(R"("authors":[null])")) ==
          "$.papers[0].authors[0]: expected a string, found null");
    CHECK(error_of(paper_with(R"("tags":[null])")) ==
          "$.papers[0].tags[0]: expected an object or a string, found null");
    CHECK(error_of(paper_with(R"("links":[null])")) ==
          "$.papers[0].links[0]: expected an object, found null");
    CHECK(error_of("null").find("unknown format: JSON that holds only null, not papers") == 0);
  }
}

TEST_CASE("bad input: numbers out of range") {
  CHECK(error_of(paper_with(R"("upvotes":-1)")) ==
        "$.papers[0].upvotes: number -1 is out of range (0 to 2147483647)");
  CHECK(error_of(paper_with(R"("upvotes":2147483648)")) ==
        "$.papers[0].upvotes: number 2147483648 is out of range (0 to 2147483647)");
  CHECK(error_of(paper_with(R"("upvotes":99999999999999999999)")) ==
        "$.papers[0].upvotes: number 1e+20 is out of range (0 to 2147483647)");
  CHECK(error_of(paper_with(R"("author_count":4294967296)")) ==
        "$.papers[0].author_count: number 4294967296 is out of range (0 to 100000000)");
  CHECK(error_of(R"({"format":"paperscope-bundle","version":0,"papers":[]})") ==
        "$.version: number 0 is out of range (1 to 1000000)");
  CHECK(error_of(R"({"format":"paperscope-bundle","version":18446744073709551616,"papers":[]})") ==
        "$.version: number 1.8446744073709552e+19 is out of range (1 to 1000000)");
  CHECK(error_of(
            R"([{"paper":{"id":"2401.00001","title":"x","summary":"s","upvotes":99999999999}}])") ==
        "$[0].paper.upvotes: number 99999999999 is out of range (-2147483648 to 2147483647)");
  // A whole number written with a fraction of zero is that number; -0 is 0.
  CHECK(loads(paper_with(R"("upvotes":5.0)")).store.upvotes(0) == 5);
  CHECK(loads(paper_with(R"("upvotes":-0)")).store.upvotes(0) == 0);
}

TEST_CASE("bad input: dates that do not exist") {
  struct Case {
    const char* date;
    const char* error;
  };
  const Case cases[] = {
      {"2023-13-45", "\"2023-13-45\": month 13 is out of range"},
      {"2023-02-30", "\"2023-02-30\": day 30 is out of range for 2023-02"},
      {"2023-02-29", "\"2023-02-29\": day 29 is out of range for 2023-02"},
      {"2023-00", "\"2023-00\": month 00 is out of range"},
      {"0000", "\"0000\": year 0 is out of range (1000-9999)"},
      {"2023-1-5", "\"2023-1-5\": expected a date like 2024, 2024-06 or 2024-06-30"},
      {"yesterday", "\"yesterday\": expected a date like 2024, 2024-06 or 2024-06-30"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.date);
    CHECK(error_of(paper_with(std::string(R"("date":")") + c.date + "\"")) ==
          std::string("$.papers[0].date: ") + c.error);
  }
  CHECK(loads(paper_with(R"("date":"2024-02-29")")).store.date(0).to_string() == "2024-02-29");
  CHECK(
      error_of(
          R"([{"paper":{"id":"2401.00001","title":"x","summary":"s","publishedAt":"2023-13-45T00:00:00Z"}}])") ==
      "$[0].paper.publishedAt: \"2023-13-45T00:00:00Z\": month 13 is out of range");
  // Looser formats keep the paper, without the date, and say why.
  const ps::ImportResult csl =
      loads(R"([{"type":"article","title":"a","issued":{"date-parts":[[2023,13,45]]}}])");
  CHECK(first_warning(csl) == "$[0].issued.date-parts: month 13 is out of range");
  const ps::ImportResult bib = loads("@article{k, title = {a}, date = {2023-13-45}}\n");
  CHECK(first_warning(bib) ==
        "line 1, column 1 (@article{k): the date \"2023-13-45\" is not a date: month 13 is out of "
        "range");
  const ps::ImportResult month = loads("@article{k, title = {a}, year = {2023}, month = {13}}\n");
  CHECK(first_warning(month) == "line 1, column 1 (@article{k): the month \"13\" is not a month");
  CHECK(month.store.date(0).to_string() == "2023");
}

TEST_CASE("bad input: duplicate ids") {
  CHECK(error_of(bundle_with(
            R"({"id":"x","title":"a"},{"id":"y","title":"b"},{"id":"x","title":"c"})")) ==
        "$.papers[2].id: duplicate id \"x\" (first at $.papers[0])");
  // Imported formats have no ids of their own: the same paper twice folds into one.
  const ps::ImportResult csl = loads(
      R"J([{"type":"article","title":"A paper","DOI":"10.1/x"},{"type":"article","title":"A paper (preprint)","DOI":"10.1/X"}])J");
  CHECK(csl.store.size() == 1);
  CHECK(csl.folded == 1);
}

TEST_CASE("bad input: javascript:, data: and file: links") {
  SUBCASE("a bundle is refused") {
    for (const char* url :
         {"javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:x", "data:text/html,x",
          "file:///etc/passwd", "vbscript:x", "//evil.org/x", "https:evil", "http://"}) {
      CAPTURE(url);
      CHECK(
          error_of(paper_with(std::string(R"("links":[{"url":")") + url + "\"}]")) ==
          std::string("$.papers[0].links[0].url: only http and https links are allowed (found \"") +
              url + "\")");
    }
    CHECK(
        error_of(
            R"({"format":"paperscope-bundle","version":1,"source":{"url":"javascript:x"},"papers":[{"title":"a"}]})") ==
        "$.source.url: only http and https links are allowed");
    CHECK(loads(paper_with(R"("links":[{"url":"HTTPS://X.ORG/a"}])")).store.links(0).size() == 1);
  }
  SUBCASE("other formats drop the link, keep the paper and warn") {
    const ps::ImportResult bib = loads("@misc{k, title = {a}, url = {javascript:alert(1)}}\n");
    CHECK(first_warning(bib) ==
          "line 1, column 1 (@misc{k) url: dropped a link that is not http(s): "
          "\"javascript:alert(1)\"");
    CHECK(bib.store.links(0).size() == 0);
    CHECK(
        first_warning(loads(R"J([{"type":"article","title":"a","URL":"javascript:alert(1)"}])J")) ==
        "$[0].URL: dropped a link that is not http(s): \"javascript:alert(1)\"");
    CHECK(
        first_warning(loads(
            R"J([{"paper":{"id":"2401.00001","title":"x","summary":"s","githubRepo":"data:text/html,x"}}])J")) ==
        "$[0].paper.githubRepo: dropped a link that is not http(s): \"data:text/html,x\"");
    CHECK(
        first_warning(loads(
            R"({"data":[{"paperId":"a","title":"x","openAccessPdf":{"url":"file:///etc/passwd"}}]})")) ==
        "$.data[0].openAccessPdf.url: dropped a link that is not http(s): \"file:///etc/passwd\"");
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Not a collection: empty, a bare value, no papers, HTML, unknown shapes
//-----------------------------------------------------------------------------

TEST_CASE("bad input: an empty file, a bare value") {
  CHECK(starts_with(error_of(""), "unknown format: the file is empty. Paperscope reads: "));
  CHECK(starts_with(error_of(" \n\t"), "unknown format: the file holds only white space."));
  CHECK(starts_with(error_of("42"), "unknown format: JSON that holds only a number, not papers."));
  CHECK(starts_with(error_of("-1.5e3"),
                    "unknown format: JSON that holds only a number, not papers."));
  CHECK(starts_with(error_of("\"papers\""),
                    "unknown format: JSON that holds only a string, not papers."));
  CHECK(
      starts_with(error_of("true"), "unknown format: JSON that holds only a boolean, not papers."));
}

TEST_CASE("bad input: zero papers") {
  const std::string empty = R"({"format":"paperscope-bundle","version":1,"papers":[]})";
  // Loading it would replace what the page shows with nothing: an error of the loader.
  CHECK(error_of(empty) == "the collection holds no papers");
  // The bundle itself is well-formed (exporting nothing writes one): read_bundle and
  // `paperscope validate` (allow_empty) accept it.
  CHECK(ps::read_bundle(empty).ok());
  ps::ImportOptions options;
  options.allow_empty = true;
  const ps::ImportResult allowed = ps::import_collection(empty, "input", options);
  CHECK(allowed.ok());
  CHECK(allowed.store.size() == 0);
  // Two empty bundles together hold no papers either.
  ps::CollectionLoader loader({ps::LoadInput{empty, "a.json"}, ps::LoadInput{empty, "b.json"}});
  while (!loader.step(100)) {
  }
  CHECK(loader.result().problems.summary() == "the collection holds no papers");
  // Other formats say it of the input.
  CHECK(starts_with(error_of("[]"),
                    "unknown format: an empty JSON list: there are no papers in it."));
  CHECK(error_of(R"({"data":[]})") == "it holds no papers");
  CHECK(error_of("@comment{nothing here}\n") == "it holds no papers");
  CHECK(error_of("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>") ==
        "it holds no papers");
}

TEST_CASE("bad input: an HTML page instead of JSON") {
  for (const char* page :
       {"<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>",
        "\n<html><body>x</body></html>", "\xEF\xBB\xBF<!doctype html><p>x</p>",
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"/>"}) {
    CAPTURE(page);
    CHECK(starts_with(
        error_of(page),
        "unknown format: this is an HTML page, not a collection of papers. Paperscope reads: "));
  }
  CHECK(ps::read_bundle("<!doctype html>").problems.summary() ==
        "this is HTML (a web page), not a JSON bundle");
}

TEST_CASE("bad input: JSON of an unknown shape") {
  CHECK(starts_with(
      error_of(R"({"hello":"world","n":[1,2]})"),
      "unknown format: JSON of an unknown shape (an object with the keys \"hello\", \"n\")."));
  CHECK(starts_with(
      error_of(R"([{"a":1},{"b":2}])"),
      "unknown format: JSON of an unknown shape (a list of objects with the keys \"a\")."));
  CHECK(starts_with(error_of("[1,2,3]"),
                    "unknown format: a JSON list that holds no objects (papers are objects)."));
  CHECK(starts_with(error_of("{}"),
                    "unknown format: a JSON object with no members Paperscope knows."));
  // The message lists what Paperscope reads.
  CHECK(error_of("{}").find("Paperscope bundle v1; Hugging Face papers API JSON") !=
        std::string::npos);
}

//-----------------------------------------------------------------------------
// [SECTION] Odd but valid: huge abstracts, many authors, any script
//-----------------------------------------------------------------------------

TEST_CASE("odd input: a 10 MB abstract loads") {
  std::string abstract(10 << 20, 'a');
  for (size_t i = 0; i < abstract.size(); i += 9) abstract[i] = ' ';
  ps::ImportResult bundle = loads(bundle_with(R"({"title":"a","abstract":")" + abstract + "\"}"));
  CHECK(bundle.store.abstract(0).size() == abstract.size());
  const ps::ImportResult bib = loads("@article{k, title = {a}, abstract = {" + abstract + "}}\n");
  CHECK(bib.store.abstract(0).size() > (9u << 20));
  ps::Explorer explorer;
  explorer.set_collection(std::move(bundle.store));
  explorer.set_query("aaaaaaaa");
  CHECK(explorer.results().size() == 1);
}

TEST_CASE("odd input: a million authors load, 10,000 names kept") {
  std::string authors = "[";
  std::string bib_authors;
  for (int i = 0; i < 1000000; ++i) {
    authors += (i ? ",\"Author " : "\"Author ") + std::to_string(i) + "\"";
    bib_authors += (i ? " and Author " : "Author ") + std::to_string(i);
  }
  authors += "]";
  ps::ImportResult bundle = loads(bundle_with(R"({"title":"a","authors":)" + authors + "}"));
  CHECK(bundle.store.author_count(0) == 1000000);
  CHECK(bundle.store.named_author_count(0) == ps::kMaxAuthorNames);
  CHECK(bundle.store.author(0, 9999) == "Author 9999");
  CHECK(first_warning(bundle) ==
        "$.papers[0].authors: kept the first 10000 of 1000000 author names (the count stays "
        "1000000)");
  const ps::ImportResult bib = loads("@article{k, title = {a}, author = {" + bib_authors + "}}\n");
  CHECK(bib.store.author_count(0) == 1000000);
  CHECK(first_warning(bib) ==
        "line 1, column 1 (@article{k): kept the first 10000 of 1000000 author names (the count "
        "stays 1000000)");
  ps::Explorer explorer;
  explorer.set_collection(std::move(bundle.store));
  explorer.set_query("author:\"author 9999\"");
  CHECK(explorer.results().size() == 1);
}

TEST_CASE("odd input: right-to-left, zero-width and emoji text loads as it is") {
  const std::string title =
      "שלום עולם \u200b\u200d\u200e\u202e 🙂👩‍👩‍👧 مرحبا";
  ps::ImportResult bundle =
      loads(bundle_with("{\"title\":\"" + title + "\",\"authors\":[\"\u202eZoë\"]}"));
  CHECK(bundle.store.title(0) == title);
  CHECK(bundle.store.author(0, 0) == "\u202eZoë");
  const ps::ImportResult bib = loads("@article{k, title = {" + title + "}}\n");
  CHECK(bib.store.title(0) ==
        "שלום עולם \u200b\u200d\u200e\u202e 🙂👩‍👩‍👧 مرحبا");
  ps::Explorer explorer;
  explorer.set_collection(std::move(bundle.store));
  explorer.set_query("עולם");
  CHECK(explorer.results().size() == 1);
  explorer.set_query("مرحبا");
  CHECK(explorer.results().size() == 1);
}
