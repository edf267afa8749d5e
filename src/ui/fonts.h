// Fonts are data: the platform hands over the font files' bytes; this builds ImGui's atlas
// at the screen's pixel density so text is crisp at devicePixelRatio 1, 2 or anything else.
#pragma once
#include <string>
#include <vector>

struct ImFont;

namespace ps {

struct FontFiles {
  std::string regular;   // Inter Regular (OTF bytes)
  std::string semibold;  // Inter SemiBold (OTF bytes)
  // Fonts merged behind both for the characters Inter lacks (Noto: a few Latin and Greek
  // letters, arrows, mathematical operators), in order.
  std::vector<std::string> fallbacks;
};

// The fonts' files, in the order the platform loads them: regular, semibold, fallbacks.
extern const char* const kFontFileNames[];
extern const int kFontFileCount;

struct UiFonts {
  ImFont* body = nullptr;     // text, 15 CSS px
  ImFont* title = nullptr;    // paper titles, semibold
  ImFont* heading = nullptr;  // the collection title, semibold, larger
};

constexpr float kBodyFontSize = 15.0f;  // CSS pixels

// (Re)builds the atlas for a device pixel ratio. Glyphs are rasterised at size × ratio and
// drawn at 1/ratio, so one texel lands on one device pixel. Returns false when a font file
// is unusable (the atlas then falls back to nothing and the caller should say so).
bool build_fonts(const FontFiles& files, float pixel_ratio, UiFonts& fonts);

}  // namespace ps
