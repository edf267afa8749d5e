// Titles and abstracts as a reader should see them: common LaTeX made readable ($\alpha$ → α,
// \textit{x} → x, \% → %, \'a → á, -- → –, ``quotes'' → “quotes”), plain text untouched.
#pragma once
#include <string>
#include <string_view>

namespace ps {

// True when text has something LaTeX-like worth converting (a backslash, $, `` or --).
bool looks_like_latex(std::string_view text);

// The text to show for text; the same text when it has no LaTeX.
std::string display_text(std::string_view text);

// A size for people: "221 KB" below a megabyte (so nothing small reads "0 MB"), "7.4 MB",
// "154 MB" (decimal units).
std::string size_text(double bytes);

}  // namespace ps
