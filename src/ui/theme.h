// Light and dark themes (the platform follows prefers-color-scheme).
#pragma once
#include <imgui.h>

namespace ps {

struct ThemeColors {
  ImU32 accent;      // links, the code badge
  ImU32 muted_text;  // authors, dates
  ImU32 error_text;
  ImU32 badge_text;
  ImU32 badge_fill;
  ImU32 highlight_fill;  // behind query matches
  ImU32 notice_text;     // typo corrections
  ImU32 star;            // the reading list's star
};

void apply_theme(bool dark);
const ThemeColors& theme_colors();

}  // namespace ps
