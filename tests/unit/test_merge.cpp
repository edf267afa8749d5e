// Merging: duplicates fold by arXiv id, then DOI, then normalised title; fields combine;
// several inputs load into one collection that remembers where each paper came from.
#include <doctest/doctest.h>

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
