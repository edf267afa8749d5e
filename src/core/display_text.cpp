#include "core/display_text.h"

#include <cmath>
#include <cstdio>

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

std::string size_text(double bytes) {
  char text[32];
  if (bytes < 1e6) {
    std::snprintf(text, sizeof text, "%.0f KB", std::ceil(bytes / 1e3));
  } else if (bytes < 1e7) {
    std::snprintf(text, sizeof text, "%.1f MB", bytes / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.0f MB", bytes / 1e6);
  }
  return text;
}

}  // namespace ps
