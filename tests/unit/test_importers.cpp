// Format detection: from the bytes, never the name; unknown shapes say what they are and
// name the formats Paperscope reads.
#include <doctest/doctest.h>

#include "import_fixtures.h"

TEST_CASE("every real fixture is detected from its bytes") {
  const std::pair<const char*, ps::Format> cases[] = {
      {"hf-daily-papers-2026-07-01.json", ps::Format::kHfApi},
      {"hf-daily-papers-2024-05-27.json", ps::Format::kHfApi},
      {"arxiv-oai-snapshot-head200.jsonl", ps::Format::kArxivJsonLines},
      {"arxiv-api-atom-2-entries.xml", ps::Format::kArxivAtom},
      {"arxiv-api-atom-2025-dialect.xml", ps::Format::kArxivAtom},
      {"semantic-scholar-author-with-60-papers.json", ps::Format::kSemanticScholar},
      {"semantic-scholar-paper-null-values.json", ps::Format::kSemanticScholar},
      {"csl-json-47.json", ps::Format::kCslJson},
      {"bibtex-47.bib", ps::Format::kBibtex},
  };
  for (const auto& c : cases) {
    const char* file = c.first;
    const ps::Format format = c.second;
    CAPTURE(file);
    CHECK(ps::detect_format(fixtures::real(file)).format == format);
  }
  CHECK(ps::detect_format(fixtures::read(PS_ASSETS "/papers.json")).format == ps::Format::kBundle);
  CHECK(ps::detect_format(fixtures::read(PS_TEST_DATA "/seed-papers.json")).format ==
        ps::Format::kHfPageList);
}

TEST_CASE("detection survives a byte order mark, leading space and truncation") {
  const std::string hf = fixtures::real("hf-daily-papers-2024-05-27.json");
  CHECK(ps::detect_format("\xEF\xBB\xBF  \n" + hf).format == ps::Format::kHfApi);
  CHECK(ps::detect_format(hf.substr(0, 300)).format == ps::Format::kHfApi);
  CHECK(ps::detect_format("% a comment\n@Article{x, title={T}}").format == ps::Format::kBibtex);
  CHECK(ps::detect_format(R"({"id":"0704.0001","authors_parsed":[]})").format ==
        ps::Format::kArxivJsonLines);
}

TEST_CASE("unknown shapes say what they are and name the formats we read") {
  const std::pair<const char*, const char*> cases[] = {
      {"", "the file is empty"},
      {"  \n ", "only white space"},
      {"42", "JSON that holds only a number"},
      {"\"text\"", "JSON that holds only a string"},
      {"[]", "an empty JSON list"},
      {"[1, 2]", "holds no objects"},
      {R"({"hello": "world"})", "an object with the keys \"hello\""},
      {R"([{"name": "x", "size": 3}])", "a list of objects with the keys \"name\", \"size\""},
      {"<!DOCTYPE html><html></html>", "this is an HTML page"},
      {"<rss version=\"2.0\"></rss>", "XML, but not an Atom feed"},
      {"Hello, world", "not JSON, XML or BibTeX"},
  };
  for (const auto& c : cases) {
    const char* text = c.first;
    const char* expected = c.second;
    CAPTURE(text);
    ps::ImportResult result = fixtures::import_text(text);
    const std::string error = fixtures::first_error(result);
    CHECK(error.find(expected) != std::string::npos);
    CHECK(error.find("Paperscope reads: Paperscope bundle v1; Hugging Face papers API JSON") !=
          std::string::npos);
    CHECK(error.find("BibTeX") != std::string::npos);
  }
}

TEST_CASE("binary data is not read as text") {
  const std::string error =
      fixtures::first_error(fixtures::import_text(std::string("\x01\x00\x02"
                                                              "abc",
                                                              6)));
  CHECK(error.find("binary data") != std::string::npos);
}

TEST_CASE("broken JSON of an unknown shape says where it breaks") {
  const std::string error = fixtures::first_error(fixtures::import_text("{\"a\": [1, 2}\n"));
  CHECK(error.find("line 1, column 1") == 0);
}

TEST_CASE("import results report records and folds") {
  ps::ImportResult result = fixtures::import_text(fixtures::real("bibtex-47.bib"));
  REQUIRE(result.ok());
  CHECK(result.records == 47);
  CHECK(result.folded == 1);
}
