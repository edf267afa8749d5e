#include <doctest/doctest.h>

#include <cstdio>

#include "core/paper_ids.h"

TEST_CASE("arXiv ids lose their version and their wrapping") {
  CHECK(ps::normalize_arxiv_id("2504.02345") == "2504.02345");
  CHECK(ps::normalize_arxiv_id("2504.02345v3") == "2504.02345");
  CHECK(ps::normalize_arxiv_id("arXiv:2504.02345v1") == "2504.02345");
  CHECK(ps::normalize_arxiv_id("https://arxiv.org/abs/2504.02345v2") == "2504.02345");
  CHECK(ps::normalize_arxiv_id("http://arxiv.org/pdf/2504.02345v2.pdf") == "2504.02345");
  CHECK(ps::normalize_arxiv_id("hep-th/9901001v1") == "hep-th/9901001");
  CHECK(ps::normalize_arxiv_id("math.GT/0309136") == "math.GT/0309136");
  CHECK(ps::normalize_arxiv_id("0704.0001") == "0704.0001");
  CHECK(ps::normalize_arxiv_id("not an id").empty());
  CHECK(ps::normalize_arxiv_id("2504.123").empty());
  CHECK(ps::normalize_arxiv_id("").empty());
}

TEST_CASE("DOIs are lower-cased and unwrapped") {
  CHECK(ps::normalize_doi("10.1145/3592433") == "10.1145/3592433");
  CHECK(ps::normalize_doi("https://doi.org/10.1109/CVPR.2016.90") == "10.1109/cvpr.2016.90");
  CHECK(ps::normalize_doi("doi:10.1000/XYZ") == "10.1000/xyz");
  CHECK(ps::normalize_doi("11.1000/xyz").empty());
  CHECK(ps::normalize_doi("10.1000").empty());
  CHECK(ps::normalize_doi("10.1000/a b").empty());
}

TEST_CASE("stable ids: arXiv, else DOI, else the title's hash") {
  CHECK(ps::make_stable_id("2504.02345v2", "10.1/x", "T") == "2504.02345");
  CHECK(ps::make_stable_id("", "10.1/X", "T") == "10.1/x");
  const std::string id = ps::make_stable_id("", "", "The Consciousness Prior");
  CHECK(id.size() == 14);
  CHECK(id.rfind("t-", 0) == 0);
  // The hash is of the normalised title: case, accents and punctuation do not change it.
  CHECK(ps::title_hash_id("The  consciousness-prior!") == id);
  CHECK(ps::title_hash_id("THE CONSCIOUSNESS PRIOR") == id);
  CHECK(ps::title_hash_id("The Consciousness Priors") != id);
  // Fixed forever: shared links and reading lists depend on it.
  CHECK(ps::fnv1a64("") == 0xcbf29ce484222325ull);
  CHECK(ps::fnv1a64("a") == 0xaf63dc4c8601ec8cull);
  CHECK(id == "t-" + [] {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%012llx",
                  static_cast<unsigned long long>(ps::fnv1a64("the consciousness prior") >> 16));
    return std::string(buf);
  }());
}
