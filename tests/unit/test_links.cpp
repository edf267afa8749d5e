#include <doctest/doctest.h>

#include "core/links.h"

using ps::LinkKind;

TEST_CASE("only http and https links can be opened") {
  CHECK(ps::is_openable_url("https://github.com/a/b"));
  CHECK(ps::is_openable_url("HTTP://example.org"));
  CHECK_FALSE(ps::is_openable_url("javascript:alert(1)"));
  CHECK_FALSE(ps::is_openable_url("JavaScript:alert(1)"));
  CHECK_FALSE(ps::is_openable_url("data:text/html,<script>alert(1)</script>"));
  CHECK_FALSE(ps::is_openable_url("file:///etc/passwd"));
  CHECK_FALSE(ps::is_openable_url("//evil.example"));
  CHECK_FALSE(ps::is_openable_url("https://"));
  CHECK_FALSE(ps::is_openable_url("https://exa mple.org"));
  CHECK_FALSE(ps::is_openable_url(" https://example.org"));
  CHECK_FALSE(ps::is_openable_url("https://example.org/\n"));
}

TEST_CASE("link kinds come from the host") {
  CHECK(ps::classify_link("https://github.com/chenchao15/GridPull") == LinkKind::kCode);
  CHECK(ps::classify_link("https://gitlab.com/x/y") == LinkKind::kCode);
  CHECK(ps::classify_link("https://huggingface.co/spaces/x/y") == LinkKind::kCode);
  CHECK(ps::classify_link("https://huggingface.co/papers/2504.01234") == LinkKind::kPaper);
  CHECK(ps::classify_link("https://versasinger.github.io/") == LinkKind::kProject);
  CHECK(ps::classify_link("https://github.com/") == LinkKind::kOther);
  CHECK(ps::classify_link("https://arxiv.org/abs/2504.01234") == LinkKind::kPaper);
  CHECK(ps::classify_link("https://arxiv.org/pdf/2504.01234") == LinkKind::kPdf);
  CHECK(ps::classify_link("https://example.org/paper.PDF") == LinkKind::kPdf);
  CHECK(ps::classify_link("https://youtu.be/gCuUyGETbTU") == LinkKind::kVideo);
  CHECK(ps::classify_link("https://doi.org/10.1/x") == LinkKind::kPaper);
  CHECK(ps::classify_link("https://aka.ms/icl") == LinkKind::kOther);
  CHECK(ps::classify_link("ftp://github.com/x") == LinkKind::kOther);
  CHECK(ps::url_host("https://user:pw@GitHub.com:443/x?y#z") == "github.com");
}
