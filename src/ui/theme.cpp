#include "ui/theme.h"

namespace ps {

namespace {
ThemeColors g_colors;  // view-wide constants for the current theme, set by apply_theme
}

void apply_theme(bool dark) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowPadding = ImVec2(12, 10);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(6, 4);
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.ScrollbarSize = 12;
  style.ScrollbarRounding = 6;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  ImVec4* c = style.Colors;
  const ImVec4 accent = dark ? ImVec4(0.45f, 0.62f, 1.00f, 1) : ImVec4(0.16f, 0.38f, 0.85f, 1);
  c[ImGuiCol_WindowBg] = dark ? ImVec4(0.09f, 0.10f, 0.12f, 1) : ImVec4(0.98f, 0.98f, 0.99f, 1);
  c[ImGuiCol_ChildBg] = c[ImGuiCol_WindowBg];
  // Input boxes stand out from the page: a tinted fill and, in light mode, a border.
  style.FrameBorderSize = dark ? 0.0f : 1.0f;
  c[ImGuiCol_FrameBg] = dark ? ImVec4(0.16f, 0.18f, 0.22f, 1) : ImVec4(1.0f, 1.0f, 1.0f, 1);
  c[ImGuiCol_FrameBgHovered] =
      dark ? ImVec4(0.20f, 0.23f, 0.28f, 1) : ImVec4(0.94f, 0.96f, 1.0f, 1);
  c[ImGuiCol_FrameBgActive] = dark ? ImVec4(0.22f, 0.26f, 0.32f, 1) : ImVec4(0.90f, 0.93f, 1.0f, 1);
  c[ImGuiCol_Border] = dark ? ImVec4(0.28f, 0.30f, 0.36f, 1) : ImVec4(0.78f, 0.80f, 0.85f, 1);
  c[ImGuiCol_Header] = ImVec4(accent.x, accent.y, accent.z, dark ? 0.35f : 0.20f);
  c[ImGuiCol_HeaderHovered] = ImVec4(accent.x, accent.y, accent.z, dark ? 0.22f : 0.12f);
  c[ImGuiCol_HeaderActive] = ImVec4(accent.x, accent.y, accent.z, dark ? 0.45f : 0.28f);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_TextSelectedBg] = ImVec4(accent.x, accent.y, accent.z, 0.35f);
  c[ImGuiCol_NavHighlight] = accent;
  g_colors.accent = ImGui::ColorConvertFloat4ToU32(accent);
  g_colors.muted_text = dark ? IM_COL32(160, 166, 178, 255) : IM_COL32(96, 102, 114, 255);
  g_colors.error_text = dark ? IM_COL32(255, 120, 110, 255) : IM_COL32(190, 30, 30, 255);
  g_colors.badge_text = dark ? IM_COL32(150, 230, 170, 255) : IM_COL32(20, 110, 50, 255);
  g_colors.badge_fill = dark ? IM_COL32(40, 90, 55, 255) : IM_COL32(215, 240, 222, 255);
  g_colors.highlight_fill = dark ? IM_COL32(140, 110, 20, 150) : IM_COL32(255, 220, 90, 170);
  g_colors.star = dark ? IM_COL32(250, 200, 60, 255) : IM_COL32(215, 150, 0, 255);
  g_colors.notice_text = dark ? IM_COL32(240, 200, 110, 255) : IM_COL32(150, 95, 0, 255);
}

const ThemeColors& theme_colors() {
  return g_colors;
}

}  // namespace ps
