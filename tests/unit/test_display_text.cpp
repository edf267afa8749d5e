#include <doctest/doctest.h>

#include "core/display_text.h"

TEST_CASE("common LaTeX in titles and abstracts reads well") {
  CHECK(ps::display_text("plain text, 50 percent") == "plain text, 50 percent");
  CHECK(ps::display_text("\\textit{Attention} is all") == "Attention is all");
  CHECK(ps::display_text("a 50\\% gain") == "a 50% gain");
  CHECK(ps::display_text("Erd\\H{o}s and G\\\"odel, \\'a la carte") ==
        "Erdős and Gödel, á la carte");
  CHECK(ps::display_text("pages 10--20, a---b") == "pages 10–20, a—b");
  CHECK(ps::display_text("``quoted''") == "\xE2\x80\x9Cquoted\xE2\x80\x9D");
  CHECK(ps::display_text("$\\alpha$-decay and $\\beta$") == "α-decay and β");
  const std::string hzw = ps::display_text("HyperZ$\\cdot$Z$\\cdot$W Operator");
  CHECK(hzw == "HyperZ\xC2\xB7Z\xC2\xB7W Operator");  // middle dots
  CHECK(ps::display_text("maps $x \\to y$").find("\xE2\x86\x92") != std::string::npos);
}

TEST_CASE("sizes for people: KB below a megabyte, never \"0 MB\"") {
  CHECK(ps::size_text(1) == "1 KB");
  CHECK(ps::size_text(220'400) == "221 KB");
  CHECK(ps::size_text(7'400'000) == "7.4 MB");
  CHECK(ps::size_text(154'000'000) == "154 MB");
}
