#include "ui/rich_text.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cstring>
#include <string>

#include "ui/theme.h"

namespace ps {

namespace {

const char* kEllipsis = "\xE2\x80\xA6";  // …

float font_size(ImFont* font) {
  return font->FontSize * ImGui::GetIO().FontGlobalScale;
}

float text_width(ImFont* font, const char* begin, const char* end) {
  return font->CalcTextSizeA(font_size(font), FLT_MAX, 0.0f, begin, end).x;
}

// Draws [begin, end) of text at pos with the highlight rectangles behind it.
void draw_run(ImDrawList* draw, ImFont* font, ImVec2 pos, ImU32 color, std::string_view text,
              size_t begin, size_t end, const std::vector<TextRange>& ranges) {
  const float size = font_size(font);
  const char* base = text.data();
  for (const TextRange& r : ranges) {
    const size_t from = std::max(r.begin, begin), to = std::min(r.end, end);
    if (from >= to) continue;
    const float x0 = pos.x + text_width(font, base + begin, base + from);
    const float x1 = x0 + text_width(font, base + from, base + to);
    draw->AddRectFilled(ImVec2(x0 - 1, pos.y), ImVec2(x1 + 1, pos.y + size),
                        theme_colors().highlight_fill, 2.0f);
  }
  draw->AddText(font, size, pos, color, base + begin, base + end);
}

}  // namespace

void draw_line(ImDrawList* draw, ImFont* font, ImVec2 pos, float max_width, ImU32 color,
               std::string_view text, const std::vector<TextRange>& ranges) {
  if (!font) font = ImGui::GetFont();
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  // Stop at a line break: a list row shows one line.
  const char* newline = static_cast<const char*>(std::memchr(begin, '\n', text.size()));
  if (newline) end = newline;
  if (!newline && text_width(font, begin, end) <= max_width) {
    draw_run(draw, font, pos, color, text, 0, text.size(), ranges);
    return;
  }
  const float ellipsis_w = text_width(font, kEllipsis, kEllipsis + 3);
  const float room = std::max(0.0f, max_width - ellipsis_w);
  const char* cut = begin;
  float w = 0;
  while (cut < end) {
    unsigned int c = 0;
    const int len = ImTextCharFromUtf8(&c, cut, end);
    const float cw = text_width(font, cut, cut + len);
    if (w + cw > room) break;
    w += cw;
    cut += len;
  }
  // Prefer cutting at a space when one is near.
  const char* space = cut;
  while (space > begin && space[-1] != ' ' && cut - space < 12) --space;
  if (space > begin && space[-1] == ' ') cut = space;
  while (cut > begin && cut[-1] == ' ') --cut;
  const size_t n = static_cast<size_t>(cut - begin);
  draw_run(draw, font, pos, color, text, 0, n, ranges);
  draw->AddText(font, font_size(font), ImVec2(pos.x + text_width(font, begin, cut), pos.y), color,
                kEllipsis, kEllipsis + 3);
}

void wrapped_text(std::string_view text, const std::vector<TextRange>& ranges, ImU32 color,
                  bool ellipsis_before, bool ellipsis_after) {
  std::string owned;
  std::vector<TextRange> shifted;
  const std::vector<TextRange>* use = &ranges;
  if (ellipsis_before || ellipsis_after) {
    owned = std::string(ellipsis_before ? kEllipsis : "") + std::string(text) +
            (ellipsis_after ? kEllipsis : "");
    text = owned;
    if (ellipsis_before) {
      for (const TextRange& r : ranges) shifted.push_back(TextRange{r.begin + 3, r.end + 3});
      use = &shifted;
    }
  }
  ImFont* font = ImGui::GetFont();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float wrap_width = std::max(1.0f, ImGui::GetContentRegionAvail().x);
  const float line_height = ImGui::GetTextLineHeight();
  const float scale = font_size(font) / font->FontSize;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 start = pos;
  const char* base = text.data();
  const char* end = base + text.size();
  const char* line = base;
  const float clip_top = ImGui::GetWindowPos().y - line_height;
  const float clip_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() + line_height;
  while (line < end) {
    const char* line_end = font->CalcWordWrapPositionA(scale, line, end, wrap_width);
    if (line_end == line) ++line_end;  // never stall on a glyph wider than the box
    const char* newline =
        static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(line_end - line)));
    if (newline) line_end = newline;
    // Only lines that can be seen are drawn (abstracts can be long).
    if (pos.y > clip_top && pos.y < clip_bottom) {
      draw_run(draw, font, pos, color, text, static_cast<size_t>(line - base),
               static_cast<size_t>(line_end - base), *use);
    }
    pos.y += line_height;
    if (newline) {
      line = line_end + 1;  // a line break starts the next line
    } else {
      line = line_end;  // a wrap swallows the spaces it broke at
      while (line < end && *line == ' ') ++line;
    }
  }
  ImGui::Dummy(ImVec2(wrap_width, std::max(line_height, pos.y - start.y)));
}

bool text_link(const char* id, std::string_view label, ImU32 color) {
  ImGui::PushID(id);
  const ImVec2 size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton("##link", size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddText(pos, color, label.data(), label.data() + label.size());
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    draw->AddLine(ImVec2(pos.x, pos.y + size.y), ImVec2(pos.x + size.x, pos.y + size.y), color);
  }
  ImGui::PopID();
  return clicked;
}

}  // namespace ps
