#include "core/display_text.h"

#include "core/latex_text.h"

namespace ps {

bool looks_like_latex(std::string_view text) {
  return text.find('\\') != std::string_view::npos || text.find('$') != std::string_view::npos ||
         text.find("``") != std::string_view::npos || text.find("--") != std::string_view::npos;
}

std::string display_text(std::string_view text) {
  if (!looks_like_latex(text)) return std::string(text);
  LatexOptions options;
  options.math = LatexMath::kConvert;  // "$\alpha$-decay" reads "α-decay"
  options.drop_braces = true;
  options.typographic = true;
  return latex_to_unicode(text, options);
}

}  // namespace ps
