// Merging: duplicates fold by arXiv id, then DOI, then normalised title; fields combine;
// several inputs load into one collection that remembers where each paper came from.
#include <doctest/doctest.h>

#include <map>
#include <random>

#include "core/bundle_reader.h"
#include "core/bundle_writer.h"
#include "core/merge.h"
#include "core/paper_ids.h"
#include "import_fixtures.h"

using fixtures::paper;

namespace {

ps::PaperRecord make(const std::string& title, const std::string& arxiv = "",
                     const std::string& doi = "") {
  ps::PaperRecord p;
  p.title = title;
  if (!arxiv.empty()) p.external_ids.push_back({"arxiv", arxiv});
  if (!doi.empty()) p.external_ids.push_back({"doi", doi});
  p.id = ps::make_stable_id(arxiv, doi, title);
  return p;
}

}  // namespace

TEST_CASE("duplicates fold by arXiv id, then DOI, then title") {
  ps::Merger merger;
  CHECK_FALSE(merger.add(make("Attention Is All You Need", "1706.03762")));
  CHECK(merger.add(make("Attention is all you need!", "1706.03762v5")));  // arXiv id
  CHECK_FALSE(merger.add(make("A journal paper", "", "10.1/ABC")));
  CHECK(merger.add(make("A Journal Paper (published version)", "", "10.1/abc")));  // DOI
  CHECK(merger.add(make("a journal  paper")));                                     // title
  // Same title, but the DOIs say they are different papers.
  CHECK_FALSE(merger.add(make("A journal paper", "", "10.1/other")));
  // Same title, different arXiv ids: different papers too.
  CHECK_FALSE(merger.add(make("Attention Is All You Need", "2401.00001")));
  CHECK(merger.size() == 4);
  CHECK(merger.folded() == 3);
  ps::Problems problems;
  ps::PaperStore store = merger.take_store(problems);
  CHECK(problems.ok());
  CHECK(store.size() == 4);
  CHECK(store.find("1706.03762") >= 0);
  CHECK(store.find("10.1/abc") >= 0);
  CHECK(store.find("10.1/other") >= 0);
  CHECK(store.find("2401.00001") >= 0);
}

TEST_CASE("combining keeps the richer value of each field") {
  ps::PaperRecord a = make("Paper", "", "10.1/x");
  a.abstract = "Short.";
  a.author_count = 3;
  a.date = ps::PaperDate{2023, 0, 0, ps::DatePrecision::kYear};
  a.venue = "Journal";
  a.tags = {{ps::TagKind::kKeyword, "k1"}};
  a.links = {{ps::LinkKind::kPaper, "https://doi.org/10.1/x"}};
  a.sources = {"a.bib"};
  ps::PaperRecord b = make("paper", "2301.00001");
  b.external_ids.push_back({"doi", "10.1/x"});
  b.abstract = "A much longer abstract.";
  b.authors = {"Ada", "Bo"};
  b.date = ps::PaperDate{2023, 1, 5, ps::DatePrecision::kDay};
  b.featured = ps::PaperDate{2023, 1, 9, ps::DatePrecision::kDay};
  b.upvotes = 12;
  b.venue = "arXiv";
  b.tags = {{ps::TagKind::kKeyword, "k1"}, {ps::TagKind::kCategory, "cs.LG"}};
  b.links = {{ps::LinkKind::kCode, "https://github.com/a/b"},
             {ps::LinkKind::kPaper, "https://doi.org/10.1/x"}};
  b.sources = {"b.json", "a.bib"};

  ps::Merger merger;
  merger.add(a);
  merger.add(b);
  ps::Problems problems;
  ps::PaperStore store = merger.take_store(problems);
  REQUIRE(store.size() == 1);
  const ps::PaperRecord m = store.record(0);
  CHECK(m.id == "2301.00001");  // it gained an arXiv id: the rule's first step
  CHECK(m.title == "Paper");    // the first source's
  CHECK(m.abstract == "A much longer abstract.");
  CHECK(m.authors == std::vector<std::string>{"Ada", "Bo"});
  CHECK(m.effective_author_count() == 3);
  CHECK(m.date.to_string() == "2023-01-05");  // the more precise
  CHECK(m.featured.to_string() == "2023-01-09");
  CHECK(m.upvotes == 12);
  CHECK(m.venue == "Journal");
  CHECK(m.tags.size() == 2);
  CHECK(m.links.size() == 2);
  CHECK(m.has_code());
  CHECK(m.external_ids.size() == 2);
  CHECK(m.sources == std::vector<std::string>{"a.bib", "b.json"});
}

TEST_CASE("several inputs of different formats load into one collection") {
  // The CSL-JSON and BibTeX exports list the same 46 papers; the HF file others.
  std::vector<ps::LoadInput> inputs;
  inputs.push_back({fixtures::real("csl-json-47.json"), "refs.json"});
  inputs.push_back({fixtures::real("bibtex-47.bib"), "refs.bib"});
  inputs.push_back({fixtures::real("hf-daily-papers-2024-05-27.json"), "hf.json"});
  ps::CollectionLoader loader(std::move(inputs));
  int steps = 0;
  double progress = 0;
  while (!loader.step(10)) {
    ++steps;
    CHECK(loader.progress() >= progress);
    progress = loader.progress();
  }
  CHECK(steps > 10);  // a slice at a time
  ps::ImportResult& result = loader.result();
  REQUIRE(result.ok());
  CHECK(result.store.size() == 46 + 13);
  CHECK(result.records == 47 + 47 + 13);
  CHECK(result.folded == 47 + 47 + 13 - 59);
  CHECK(result.format == "CSL-JSON, BibTeX, Hugging Face papers API JSON");
  CHECK(result.store.info.title == "refs.json + refs.bib + hf.json");
  REQUIRE(loader.inputs().size() == 3);
  CHECK(loader.inputs()[1].format == "BibTeX");
  CHECK(loader.inputs()[1].papers == 47);
  const ps::PaperRecord derived = paper(result.store, "2106.14987");
  CHECK(derived.sources == std::vector<std::string>{"refs.json", "refs.bib"});
  // BibTeX added its key; CSL its abstract.
  CHECK(fixtures::external(derived, "bibtex") == "zbMATH07719245");
  CHECK_FALSE(derived.abstract.empty());
}

TEST_CASE("bundles merge too, and keep the sources they record") {
  ps::PaperRecord p = make("From a bundle", "2401.00009");
  p.sources = {"original.bib"};
  ps::PaperStore store;
  store.info.title = "B";
  store.add(p);
  store.add(make("No sources recorded"));
  const std::string bundle = ps::write_bundle(store);
  // sources round-trip through the bundle format.
  ps::BundleLoad load = ps::read_bundle(bundle);
  REQUIRE(load.ok());
  CHECK(load.store.record(0).sources == std::vector<std::string>{"original.bib"});

  std::vector<ps::LoadInput> inputs;
  inputs.push_back({bundle, "first.json"});
  inputs.push_back(
      {R"([{"paper": {"id": "2401.00009", "title": "From a bundle", "upvotes": 4}}])", "hf.json"});
  ps::CollectionLoader loader(std::move(inputs));
  while (!loader.step(1)) {
  }
  REQUIRE(loader.result().ok());
  const ps::PaperStore& merged = loader.result().store;
  CHECK(merged.size() == 2);
  CHECK(paper(merged, "2401.00009").sources == std::vector<std::string>{"original.bib", "hf.json"});
  CHECK(paper(merged, "2401.00009").upvotes == 4);
  CHECK(paper(merged, ps::title_hash_id("No sources recorded")).sources ==
        std::vector<std::string>{"first.json"});
}

TEST_CASE("one bad input fails the load, and every problem names its input") {
  std::vector<ps::LoadInput> inputs;
  inputs.push_back({fixtures::real("bibtex-47.bib"), "good.bib"});
  inputs.push_back({"@article{x, title = {Unclosed}", "bad.bib"});
  inputs.push_back({"<html><body>404</body></html>", "page.html"});
  ps::CollectionLoader loader(std::move(inputs));
  while (!loader.step(100)) {
  }
  const ps::ImportResult& result = loader.result();
  REQUIRE_FALSE(result.ok());
  CHECK(result.store.size() == 0);
  REQUIRE(result.problems.errors.size() == 2);
  CHECK(result.problems.errors[0].to_string() ==
        "bad.bib: line 1, column 1: @article{x never closes (missing '}')");
  CHECK(result.problems.errors[1].source == "page.html");
  CHECK(result.problems.errors[1].message.find("this is an HTML page") != std::string::npos);
}

TEST_CASE("ids chosen by bundles that two papers would share get a suffix") {
  ps::PaperRecord a = make("One");
  a.id = "custom";
  ps::PaperRecord b = make("Two");
  b.id = "custom";
  ps::Merger merger;
  merger.add(a);
  merger.add(b);
  ps::Problems problems;
  ps::PaperStore store = merger.take_store(problems);
  CHECK(store.id(0) == "custom");
  CHECK(store.id(1) == "custom-2");
  REQUIRE(problems.warnings.size() == 1);
}

namespace {

// A paper with a few of everything, some lists empty, from a seeded generator.
ps::PaperRecord random_paper(std::mt19937& rng, uint32_t n) {
  auto pick = [&](uint32_t k) { return static_cast<uint32_t>(rng() % k); };
  ps::PaperRecord p;
  p.id = "p" + std::to_string(n);
  p.title = "Title " + std::to_string(n) + std::string(pick(40), 'x');
  if (pick(4)) p.abstract = std::string(pick(300), 'a' + static_cast<char>(pick(26)));
  if (pick(3) == 0) p.venue = "Venue " + std::to_string(pick(5));
  p.date = ps::PaperDate{static_cast<int16_t>(2000 + pick(25)), static_cast<uint8_t>(1 + pick(12)),
                         0, ps::DatePrecision::kMonth};
  p.upvotes = static_cast<int32_t>(pick(100));
  for (uint32_t i = pick(5); i > 0; --i) p.authors.push_back("Author " + std::to_string(pick(50)));
  if (pick(5) == 0) p.author_count = static_cast<uint32_t>(p.authors.size() + 3);
  for (uint32_t i = pick(4); i > 0; --i) {
    p.tags.push_back({ps::TagKind::kCategory, "cat" + std::to_string(pick(30))});
  }
  for (uint32_t i = pick(3); i > 0; --i) {
    p.links.push_back({ps::LinkKind::kCode, "https://github.com/x/" + std::to_string(pick(1000))});
  }
  if (pick(2)) p.external_ids.push_back({"arxiv", "2401." + std::to_string(10000 + n)});
  if (pick(4) == 0) p.external_ids.push_back({"doi", "10.1/" + std::to_string(n)});
  if (pick(3)) p.sources.push_back("source" + std::to_string(pick(3)) + ".json");
  return p;
}

bool same_paper(const ps::PaperRecord& a, const ps::PaperRecord& b) {
  return a.id == b.id && a.title == b.title && a.abstract == b.abstract && a.venue == b.venue &&
         a.date.sort_key() == b.date.sort_key() && a.featured.sort_key() == b.featured.sort_key() &&
         a.upvotes == b.upvotes && a.authors == b.authors && a.author_count == b.author_count &&
         a.tags == b.tags && a.links == b.links && a.external_ids == b.external_ids &&
         a.sources == b.sources;
}

}  // namespace

TEST_CASE("a store rebuilt from runs of copied rows equals one rebuilt paper by paper") {
  for (uint32_t seed = 1; seed <= 30; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    ps::PaperStore original;
    const uint32_t papers = 1 + rng() % 120;
    for (uint32_t n = 0; n < papers; ++n) original.add(random_paper(rng, n));
    // Some rows replaced by other papers (new tags, sources and schemes among them).
    std::map<uint32_t, ps::PaperRecord> changed;
    for (uint32_t n = 0; n < papers; ++n) {
      if (rng() % 5) continue;
      ps::PaperRecord p = random_paper(rng, 1000 + n);
      p.tags.push_back({ps::TagKind::kKeyword, "new tag " + std::to_string(n)});
      p.sources.push_back("later.bib");
      p.external_ids.push_back({"s2", std::to_string(n)});
      changed[n] = p;
    }
    ps::PaperStore expected;
    ps::PaperStore rebuilt = original.empty_like();
    uint32_t next = 0;
    for (const auto& [row, paper] : changed) {
      rebuilt.append_rows(original, next, row);
      rebuilt.add(paper);
      next = row + 1;
    }
    rebuilt.append_rows(original, next, papers);
    for (uint32_t row = 0; row < papers; ++row) {
      expected.add(changed.count(row) ? changed[row] : original.record(row));
    }
    REQUIRE(rebuilt.size() == expected.size());
    for (uint32_t row = 0; row < papers; ++row) {
      CAPTURE(row);
      CHECK(same_paper(rebuilt.record(row), expected.record(row)));
      CHECK(rebuilt.find(std::string(expected.id(row))) == row);
      CHECK(rebuilt.flags(row) == expected.flags(row));
    }
  }
}

TEST_CASE("folded papers take their new ids in place; the others keep theirs") {
  ps::Merger merger;
  for (int i = 0; i < 50; ++i) {
    merger.add(make("Paper number " + std::to_string(i), "", "10.1/" + std::to_string(i)));
  }
  // Rows 3 and 40 gain arXiv ids from later records with the same DOIs.
  merger.add(make("Paper number 3", "2401.00003", "10.1/3"));
  merger.add(make("Paper number 40", "2401.00040", "10.1/40"));
  ps::Problems problems;
  ps::PaperStore store = merger.take_store(problems);
  REQUIRE(store.size() == 50);
  CHECK(store.id(3) == "2401.00003");
  CHECK(store.id(40) == "2401.00040");
  CHECK(store.id(4) == "10.1/4");
  CHECK(store.title(41) == "Paper number 41");
  CHECK(store.find("10.1/3") < 0);
  CHECK(store.find("2401.00040") == 40);
  CHECK(store.record(40).external_ids.size() == 2);
}
