// LaTeX text to Unicode, for the fields people type in TeX: BibTeX values and arXiv author
// names ("Bal\'azs" → "Balázs", "{\O}bro" → "Øbro", "Ram{\'o}n" → "Ramón").
//
// It understands accent commands (\' \` \^ \" \~ \= \. \u \v \H \c \k \r \d \b \t, with or
// without braces: \'e, \'{e}, {\'e}, \'{\i}), special letters (\o \l \ss \ae \aa \i …), escaped
// characters (\& \% \$ \# \_ \{ \}), spacing commands, dashes and quotes (-- --- `` ''),
// text-formatting commands (\emph{x}, \textbf{x}, … keep x) and a few logos. Unknown commands
// are dropped in text and kept by name in math. It never fails: input that is not LaTeX
// passes through, and invalid UTF-8 bytes are kept as they are (callers clean text later).
#pragma once
#include <string>
#include <string_view>

namespace ps {

enum class LatexMath {
  kConvert,  // $x_{\alpha}$ → "x_α": delimiters dropped, symbols to Unicode (BibTeX)
  kKeep,     // math is copied verbatim, delimiters included (arXiv titles and abstracts,
             // where readers expect the TeX source of formulas)
};

struct LatexOptions {
  LatexMath math = LatexMath::kConvert;
  bool drop_braces = true;  // grouping braces are removed (BibTeX); false keeps them
  bool typographic = true;  // -- → –, --- → —, `` → “, '' → ”, ~ → space
};

std::string latex_to_unicode(std::string_view text, const LatexOptions& options = {});

// Options for prose that is mostly plain text with some TeX (arXiv titles and abstracts):
// accents and escapes outside math are converted, math and everything else are kept.
LatexOptions latex_prose_options();

}  // namespace ps
