// Hugging Face papers API JSON: daily papers in two schema generations, bare papers, search
// results, and broken input.
#include <doctest/doctest.h>

#include "import_fixtures.h"

using fixtures::external;
using fixtures::has_link;
using fixtures::has_tag;
using fixtures::paper;

TEST_CASE("HF daily papers, 2026 schema: counts and key fields") {
  ps::ImportResult result =
      fixtures::import_text(fixtures::real("hf-daily-papers-2026-07-01.json"), "hf-2026.json");
  REQUIRE(result.ok());
  CHECK(result.format == "Hugging Face papers API JSON");
  const ps::PaperStore& store = result.store;
  CHECK(store.size() == 23);
  CHECK(store.info.title == "Hugging Face Daily Papers");

  const ps::PaperRecord orca = paper(store, "2606.30534");
  CHECK(orca.title == "Orca: The World is in Your Mind");
  CHECK(orca.date.to_string() == "2026-06-29");      // paper.publishedAt
  CHECK(orca.featured.to_string() == "2026-07-01");  // paper.submittedOnDailyAt
  CHECK(orca.upvotes == 162);
  CHECK(orca.authors.size() == 57);
  CHECK(orca.authors.front() == "Yihao Wang");
  CHECK(has_link(orca, ps::LinkKind::kProject, "https://orca-wm.github.io/"));
  CHECK(has_link(orca, ps::LinkKind::kPaper, "https://arxiv.org/abs/2606.30534"));
  CHECK(has_link(orca, ps::LinkKind::kPaper, "https://huggingface.co/papers/2606.30534"));
  CHECK_FALSE(orca.has_code());
  CHECK(orca.tags.size() == 10);
  CHECK(has_tag(orca, ps::TagKind::kKeyword, "world foundation model"));
  CHECK(external(orca, "arxiv") == "2606.30534");
  CHECK(orca.sources == std::vector<std::string>{"hf-2026.json"});

  const ps::PaperRecord block = paper(store, "2606.31315");
  CHECK(block.has_code());
  CHECK(has_link(block, ps::LinkKind::kCode, "https://github.com/AMAP-ML/BlockPilot"));

  // 12 papers name a githubRepo; one more links its repository in the abstract.
  uint32_t with_code = 0;
  for (uint32_t row = 0; row < store.size(); ++row) with_code += store.has_code(row);
  CHECK(with_code == 13);
}

TEST_CASE("HF daily papers, 2024 schema: bare paper objects, wrapped titles") {
  ps::ImportResult result =
      fixtures::import_text(fixtures::real("hf-daily-papers-2024-05-27.json"));
  REQUIRE(result.ok());
  CHECK(result.store.size() == 13);
  const ps::PaperRecord conv = paper(result.store, "2405.15738");
  // "…for Large Multimodal\n  Models": the hard wrap is gone.
  CHECK(conv.title ==
        "ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models");
  CHECK(conv.date.to_string() == "2024-05-24");
  CHECK(conv.featured.to_string() == "2024-05-27");  // no submittedOnDailyAt: the outer date
  CHECK(conv.upvotes == 32);
  CHECK(conv.authors.size() == 9);
  CHECK(conv.tags.empty());  // no ai_keywords in 2024
  CHECK(conv.abstract.find('\n') == std::string::npos);
  CHECK(conv.abstract.rfind(
            "High-resolution Large Multimodal Models (LMMs) encounter the challenges of "
            "excessive visual tokens",
            0) == 0);
  // No githubRepo in 2024, but the abstract links the repository ("…available at
  // https://github.com/alibaba/conv-llava."): a code link, without the full stop.
  CHECK(has_link(conv, ps::LinkKind::kCode, "https://github.com/alibaba/conv-llava"));
}

TEST_CASE("HF search results (shape built from real daily records): counts and key fields") {
  // Not a captured /api/papers/search response: the 7 items of the 2026-07-01 daily papers
  // whose title or abstract says "agent", as a list (tests/data/real/README.md).
  const std::string search = fixtures::real("hf-papers-search-shape-from-daily-2026-07-01.json");
  CHECK(ps::detect_format(search).format == ps::Format::kHfApi);
  ps::ImportResult result = fixtures::import_text(search, "search.json");
  REQUIRE(result.ok());
  CHECK(result.problems.warnings.empty());
  const ps::PaperStore& store = result.store;
  CHECK(store.size() == 7);
  CHECK(result.folded == 0);
  CHECK(store.info.title == "Hugging Face Daily Papers");  // they carry a featured date

  const ps::PaperRecord evolution = paper(store, "2606.29082");
  CHECK(evolution.title ==
        "Evolution Fine-Tuning: Learning to Discover Across 371 Optimization Tasks");
  CHECK(evolution.date.to_string() == "2026-06-27");      // paper.publishedAt
  CHECK(evolution.featured.to_string() == "2026-07-01");  // paper.submittedOnDailyAt
  CHECK(evolution.upvotes == 16);
  CHECK(evolution.authors.size() == 8);
  CHECK(evolution.tags.size() == 10);
  CHECK(has_link(evolution, ps::LinkKind::kCode,
                 "https://github.com/Open-Galapagos/evolution-fine-tuning"));
  CHECK(has_link(evolution, ps::LinkKind::kProject,
                 "https://open-galapagos.github.io/evolution_finetuning/"));
  CHECK(external(evolution, "arxiv") == "2606.29082");
  CHECK(evolution.sources == std::vector<std::string>{"search.json"});

  const ps::PaperRecord xiaomi = paper(store, "2606.31410");
  CHECK(xiaomi.authors.size() == 30);
  CHECK_FALSE(xiaomi.has_code());
  CHECK(has_link(xiaomi, ps::LinkKind::kProject, "https://seerray-lab.github.io/Xiaomi-GUI-0/"));

  uint32_t with_code = 0;
  for (uint32_t row = 0; row < store.size(); ++row) with_code += store.has_code(row);
  CHECK(with_code == 4);  // the four with a githubRepo

  // Opened with the daily papers they came from, each folds into its daily record unchanged.
  std::vector<ps::LoadInput> inputs;
  inputs.push_back({fixtures::real("hf-daily-papers-2026-07-01.json"), "daily.json"});
  inputs.push_back({search, "search.json"});
  ps::CollectionLoader loader(std::move(inputs));
  while (!loader.step(64)) {
  }
  ps::ImportResult& both = loader.result();
  REQUIRE(both.ok());
  CHECK(both.store.size() == 23);
  CHECK(both.folded == 7);
  const ps::PaperRecord folded = paper(both.store, "2606.29082");
  CHECK(folded.sources == std::vector<std::string>{"daily.json", "search.json"});
  CHECK(folded.authors == evolution.authors);
  CHECK(folded.abstract == evolution.abstract);
}

TEST_CASE("HF: a bare paper, a search result list, hidden authors, string authors") {
  SUBCASE("one bare paper (/api/papers/{id})") {
    ps::ImportResult result = fixtures::import_text(R"({
      "id": "2502.00001", "title": "A bare paper", "summary": "Text.",
      "authors": [{"name": "Ada", "hidden": false}, {"name": "Ghost", "hidden": true}, "Bo"],
      "publishedAt": "2025-01-31T18:00:00.000Z", "submittedOnDailyAt": "2025-02-03T01:00:00.000Z",
      "upvotes": 7, "githubRepo": "https://github.com/x/y", "ai_keywords": ["a", "b", "a"]})");
    REQUIRE(result.ok());
    const ps::PaperRecord p = paper(result.store, "2502.00001");
    CHECK(p.authors == std::vector<std::string>{"Ada", "Bo"});
    CHECK(p.featured.to_string() == "2025-02-03");
    CHECK(p.date.to_string() == "2025-01-31");
    CHECK(p.has_code());
    CHECK(p.tags.size() == 2);
  }
  SUBCASE("search results: a list of {paper, …} items, fields missing") {
    ps::ImportResult result = fixtures::import_text(R"x([
      {"paper": {"id": "2401.00001", "title": "First", "authors": []}, "title": "First"},
      {"paper": {"id": "2401.00002", "authors": [{"name": "X"}]}, "title": "Second (title outside)",
       "summary": "Outer summary."},
      {"paper": {"id": "2401.00001", "title": "First", "upvotes": 9}}])x");
    REQUIRE(result.ok());
    CHECK(result.store.size() == 2);  // the repeated paper folds
    CHECK(result.folded == 1);
    CHECK(paper(result.store, "2401.00001").upvotes == 9);
    CHECK(paper(result.store, "2401.00002").title == "Second (title outside)");
    CHECK(paper(result.store, "2401.00002").abstract == "Outer summary.");
  }
  SUBCASE("a link that is not http(s) is dropped with a warning") {
    ps::ImportResult result = fixtures::import_text(
        R"x([{"paper": {"id": "2401.00003", "title": "T", "projectPage": "javascript:alert(1)"}}])x");
    REQUIRE(result.ok());
    REQUIRE(result.problems.warnings.size() == 1);
    CHECK(result.problems.warnings[0].where == "$[0].paper.projectPage");
    CHECK(paper(result.store, "2401.00003").links.size() == 2);  // arXiv and HF pages only
  }
}

TEST_CASE("HF: broken input names its place") {
  const std::string real = fixtures::real("hf-daily-papers-2024-05-27.json");
  SUBCASE("truncated") {
    const std::string error =
        fixtures::first_error(fixtures::import_text(real.substr(0, real.size() / 2)));
    CHECK(error == "line 590, column 24 (in $[5]): unterminated string");
  }
  SUBCASE("a wrong type") {
    const std::string error = fixtures::first_error(fixtures::import_text(
        R"([{"paper": {"id": "2401.00001", "title": "T", "upvotes": "many"}}])"));
    CHECK(error == "$[0].paper.upvotes: expected a whole number, found a string");
  }
  SUBCASE("authors of the wrong shape") {
    const std::string error = fixtures::first_error(fixtures::import_text(
        R"([{"paper": {"id": "2401.00001", "title": "T", "authors": [1]}}])"));
    CHECK(error == "$[0].paper.authors[0]: expected an author object, found a whole number");
  }
  SUBCASE("no titles anywhere") {
    const std::string error = fixtures::first_error(
        fixtures::import_text(R"([{"paper": {"id": "2401.00001", "summary": "S"}}])"));
    CHECK(error.find("none of its 1 records has a title") != std::string::npos);
  }
}
