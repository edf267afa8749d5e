// LaTeX text to Unicode (latex_text.h).
#include <doctest/doctest.h>

#include "core/latex_text.h"

using ps::latex_to_unicode;

TEST_CASE("accents in every spelling become letters") {
  CHECK(latex_to_unicode("Bal\\'azs") == "Balázs");
  CHECK(latex_to_unicode("Ram{\\'o}n") == "Ramón");
  CHECK(latex_to_unicode("Ram\\'{o}n") == "Ramón");
  CHECK(latex_to_unicode("Tom\\`as") == "Tomàs");
  CHECK(latex_to_unicode("M\\\"{u}ller and M{\\\"u}ller") == "Müller and Müller");
  CHECK(latex_to_unicode("\\v{S}koda \\v Skoda") == "Škoda Škoda");
  CHECK(latex_to_unicode("Erd\\H{o}s") == "Erdős");
  CHECK(latex_to_unicode("Fran\\c{c}ois, Fran\\c cois") == "François, François");
  CHECK(latex_to_unicode("Pe\\~na, \\^ile, \\=a, \\.Z, \\u{g}, \\k{a}, \\r{u}, \\d{s}") ==
        "Peña, île, ā, Ż, ğ, ą, ů, ṣ");
  CHECK(latex_to_unicode("\\'{\\i}ndice, na\\\"{\\i}ve") == "índice, naïve");
  // An accent Unicode has no single letter for stays combining.
  CHECK(latex_to_unicode("\\\"{q}") == "q\xCC\x88");
  CHECK(latex_to_unicode("\\'{}") == "\xCC\x81");
}

TEST_CASE("special letters, escapes, dashes, quotes") {
  CHECK(latex_to_unicode("{\\O}bro, \\o, \\l{}ukasz, \\L, \\ss, \\ae, \\AA, \\oe") ==
        "Øbro, ø, łukasz, Ł, ß, æ, Å, œ");
  CHECK(latex_to_unicode("R\\&D, 50\\%, \\$5, \\#1, a\\_b, \\{x\\}") ==
        "R&D, 50%, $5, #1, a_b, {x}");
  CHECK(latex_to_unicode("pages 1--10 --- done") == "pages 1–10 — done");
  CHECK(latex_to_unicode("``quoted'' text") == "“quoted” text");
  CHECK(latex_to_unicode("non~breaking") == "non breaking");
  CHECK(latex_to_unicode("\\emph{really} \\textbf{bold} {\\em old style}") ==
        "really bold old style");
  CHECK(latex_to_unicode("The \\LaTeX\\ Companion") == "The LaTeX Companion");
  CHECK(latex_to_unicode("see \\url{https://x.org/a~b_c}") == "see https://x.org/a~b_c");
  CHECK(latex_to_unicode("\\href{https://x.org}{the site}") == "the site");
  CHECK(latex_to_unicode("{Barnes and Noble}") == "Barnes and Noble");
  CHECK(latex_to_unicode("\\unknowncommand{kept}") == "kept");
}

TEST_CASE("math: converted for BibTeX, kept for prose") {
  CHECK(latex_to_unicode("$\\alpha$-stable $A_{\\infty}$ in $\\mathbb{R}^n$") ==
        "α-stable A_∞ in ℝ^n");
  CHECK(latex_to_unicode("{{\\(K\\)}}-theory") == "K-theory");
  CHECK(latex_to_unicode("\\[x \\le y\\]") == "x ≤ y");
  CHECK(latex_to_unicode("$\\sqrt{5}$") == "√5");
  const ps::LatexOptions prose = ps::latex_prose_options();
  CHECK(latex_to_unicode("the $(k,\\ell)$-pebble game, Djokovi\\'{c}'s relation", prose) ==
        "the $(k,\\ell)$-pebble game, Djoković's relation");
  CHECK(latex_to_unicode("costs \\$5 and $x$", prose) == "costs $5 and $x$");
  CHECK(latex_to_unicode("a \\(x_1\\) b -- c ~d {e}", prose) == "a \\(x_1\\) b -- c ~d {e}");
  CHECK(latex_to_unicode("\\emph{word}", prose) == "word");
}

TEST_CASE("anything goes in, nothing breaks") {
  CHECK(latex_to_unicode("") == "");
  CHECK(latex_to_unicode("\\") == "\\");
  CHECK(latex_to_unicode("\\'") == "\xCC\x81");
  CHECK(latex_to_unicode("}}}{{{") == "");
  CHECK(latex_to_unicode("$unclosed math") == "unclosed math");
  CHECK(latex_to_unicode("$unclosed", ps::latex_prose_options()) == "$unclosed");
  CHECK(latex_to_unicode("plain text stays") == "plain text stays");
  CHECK(latex_to_unicode("\xFF\\'e\xFE") ==
        "\xFF"
        "é"
        "\xFE");                                                 // bad bytes pass through
  CHECK(latex_to_unicode("\\'\xC3\xA9") == "\xC3\xA9\xCC\x81");  // é + acute: no single letter
  const std::string deep = std::string(200000, '{') + "x" + std::string(200000, '}');
  CHECK(latex_to_unicode(deep) == "x");
  CHECK(latex_to_unicode(std::string(100000, '\\')).size() > 0);
}
