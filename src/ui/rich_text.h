// Drawing text with highlighted parts (query matches): one line cut with an ellipsis, or
// wrapped to a width. ImGui has no rich text, so these lay out the glyphs themselves.
#pragma once
#include <imgui.h>

#include <string_view>
#include <vector>

#include "core/highlight.h"

namespace ps {

// One line at pos, at most max_width wide (cut with "…"), with ranges highlighted.
// font may be null (the current font).
void draw_line(ImDrawList* draw, ImFont* font, ImVec2 pos, float max_width, ImU32 color,
               std::string_view text, const std::vector<TextRange>& ranges = {});

// Wrapped text at the cursor, as ImGui::TextWrapped would lay it out, with ranges
// highlighted; advances the cursor. prefix/suffix ellipses for snippets.
void wrapped_text(std::string_view text, const std::vector<TextRange>& ranges, ImU32 color,
                  bool ellipsis_before = false, bool ellipsis_after = false);

// A text that acts as a link: underlined when hovered, returns true when clicked.
bool text_link(const char* id, std::string_view label, ImU32 color);

}  // namespace ps
