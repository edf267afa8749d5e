#include "ui/fonts.h"

#include <imgui.h>

namespace ps {

namespace {

// Latin with its extensions, Greek and Cyrillic, punctuation, letter-like symbols, arrows
// and mathematical operators: what titles and abstracts of papers use.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A/B
    0x0250, 0x02FF,  // IPA, spacing modifiers
    0x0370, 0x03FF,  // Greek
    0x0400, 0x04FF,  // Cyrillic
    0x1E00, 0x1EFF,  // Latin Extended Additional
    0x2000, 0x206F,  // General Punctuation
    0x2070, 0x209F,  // super- and subscripts
    0x20A0, 0x20CF,  // currency
    0x2100, 0x214F,  // letter-like symbols
    0x2190, 0x21FF,  // arrows
    0x2200, 0x22FF,  // mathematical operators
    0x25A0, 0x25FF,  // geometric shapes (▲ ▼ ●)
    0x2600, 0x27BF,  // symbols and dingbats (★ ✓)
    0,
};

ImFont* add_font(const std::string& bytes, float size_px, float pixel_ratio, bool merge = false) {
  if (bytes.empty()) return nullptr;
  ImFontConfig config;
  config.MergeMode = merge;
  config.FontDataOwnedByAtlas = false;  // the platform keeps the bytes for rebuilds
  config.OversampleH = 1;  // rasterised at the device's resolution: no oversampling needed
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<char*>(bytes.data()),
                                                    static_cast<int>(bytes.size()),
                                                    size_px * pixel_ratio, &config, kGlyphRanges);
}

}  // namespace

const char* const kFontFileNames[] = {"Inter-Regular.otf",    "Inter-SemiBold.otf",
                                      "fallback-text.ttf",    "fallback-math.ttf",
                                      "fallback-symbols.ttf", "fallback-coptic.ttf"};
const int kFontFileCount = 6;

bool build_fonts(const FontFiles& files, float pixel_ratio, UiFonts& fonts) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // Each font, then the fallbacks merged into it (glyphs it has are never replaced).
  auto with_fallbacks = [&](const std::string& bytes, float size) {
    ImFont* font = add_font(bytes, size, pixel_ratio);
    if (font) {
      for (const std::string& fallback : files.fallbacks)
        add_font(fallback, size, pixel_ratio, true);
    }
    return font;
  };
  fonts.body = with_fallbacks(files.regular, kBodyFontSize);
  fonts.title = with_fallbacks(files.semibold, kBodyFontSize);
  fonts.heading = with_fallbacks(files.semibold, kBodyFontSize * 1.25f);
  if (!fonts.body || !fonts.title || !fonts.heading || !io.Fonts->Build()) {
    io.Fonts->Clear();
    io.Fonts->AddFontDefault();  // never leave ImGui without a font
    io.Fonts->Build();
    fonts = UiFonts{};
    io.FontGlobalScale = 1.0f;
    return false;
  }
  io.FontDefault = fonts.body;
  io.FontGlobalScale = 1.0f / pixel_ratio;
  return true;
}

}  // namespace ps
