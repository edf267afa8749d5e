// ExplorerView: the result list, virtualised with ImGuiListClipper. Rows show the title
// (matches highlighted), the authors and, while searching, a snippet of the abstract
// centred on its first match.
#include <imgui.h>

#include <algorithm>

#include "core/display_text.h"
#include "core/highlight.h"
#include "ui/explorer_view.h"
#include "ui/rich_text.h"
#include "ui/theme.h"
#include "ui/view_helpers.h"

namespace ps {

namespace {

constexpr size_t kSnippetBytes = 220;

// A small rounded label ("code").
void badge(ImDrawList* draw, ImVec2 pos, const char* label) {
  const ThemeColors& colors = theme_colors();
  const ImVec2 size = ImGui::CalcTextSize(label);
  const ImVec2 pad(5, 1);
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x + 2 * pad.x, pos.y + size.y + 2 * pad.y),
                      colors.badge_fill, 4.0f);
  draw->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), colors.badge_text, label);
}

}  // namespace

void ExplorerView::draw_results(Explorer& explorer, const UiFonts& fonts) {
  const std::vector<uint32_t>& results = explorer.results();
  const PaperStore& store = explorer.store();
  const std::vector<SearchedWord>& searched = explorer.searched_words();
  drawn_rows_.clear();

  // Up/Down move the selection while typing in the search box; j/k when not typing; with
  // Shift they extend it. Elsewhere arrows move keyboard focus (ImGui's navigation): a
  // focused row becomes the current paper, and Space on it adds it to the selection.
  const ImGuiIO& io = ImGui::GetIO();
  const bool typing = io.WantTextInput;
  const bool arrows_free = search_active_;
  if (!results.empty() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
    const bool down = (arrows_free && ImGui::IsKeyPressed(ImGuiKey_DownArrow)) ||
                      (!typing && ImGui::IsKeyPressed(ImGuiKey_J));
    const bool up = (arrows_free && ImGui::IsKeyPressed(ImGuiKey_UpArrow)) ||
                    (!typing && ImGui::IsKeyPressed(ImGuiKey_K));
    if (down || up) {
      auto it = std::find(results.begin(), results.end(), static_cast<uint32_t>(selected_row_));
      size_t index = it == results.end() ? 0 : static_cast<size_t>(it - results.begin());
      if (it != results.end()) {
        if (down && index + 1 < results.size()) ++index;
        if (up && index > 0) --index;
      }
      move_current(results, index, io.KeyShift);
    }
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("results", 4, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("0000-00-00").x + 4);
  ImGui::TableSetupColumn("\xE2\x96\xB2", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("\xE2\x96\xB2 0000").x + 4);  // upvotes
  ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("code").x + 14);
  ImGui::TableHeadersRow();

  const float line = ImGui::GetTextLineHeight();
  const bool show_snippets = !searched.empty();
  const float row_height = line * (show_snippets ? 3 : 2) + 4;
  const float row_pitch = row_height + ImGui::GetStyle().CellPadding.y * 2;
  const ImVec2 window_pos = ImGui::GetWindowPos();
  const float visible_top = window_pos.y + line + ImGui::GetStyle().CellPadding.y * 2;
  const float visible_bottom = window_pos.y + ImGui::GetWindowHeight();
  const ThemeColors& colors = theme_colors();

  if (scroll_to_selection_) {
    // Scroll so the selected row is in view, before the clipper decides what to draw.
    auto it = std::find(results.begin(), results.end(), static_cast<uint32_t>(selected_row_));
    if (it != results.end()) {
      const float y = static_cast<float>(it - results.begin()) * row_pitch;
      const float view_h = visible_bottom - visible_top;
      const float scroll = ImGui::GetScrollY();
      if (y < scroll)
        ImGui::SetScrollY(y);
      else if (y + row_pitch > scroll + view_h)
        ImGui::SetScrollY(y + row_pitch - view_h);
    }
    scroll_to_selection_ = false;
  }

  // ImGui moves the focus a frame or two after the key: Shift is read as it was pressed.
  for (ImGuiKey key : {ImGuiKey_UpArrow, ImGuiKey_DownArrow, ImGuiKey_PageUp, ImGuiKey_PageDown,
                       ImGuiKey_Home, ImGuiKey_End, ImGuiKey_Tab}) {
    if (ImGui::IsKeyPressed(key)) focus_extends_ = io.KeyShift && key != ImGuiKey_Tab;
  }
  int64_t focused_row_now = -1;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(results.size()), row_pitch);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const uint32_t row = results[static_cast<size_t>(i)];
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(static_cast<int>(row));
      const ImVec2 cell = ImGui::GetCursorScreenPos();
      const float text_width = ImGui::GetContentRegionAvail().x;
      const bool selected =
          std::find(selection_.begin(), selection_.end(), row) != selection_.end();
      if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_SpanAllColumns,
                            ImVec2(0, row_height))) {
        if (ImGui::IsKeyPressed(ImGuiKey_Space, false) && selected_row_ == row)
          toggle_current();
        else
          click_row(results, static_cast<size_t>(i));
      }
      // Only when the focus arrives: j/k may move the current paper off the focused row.
      if (io.NavVisible && !search_active_ && ImGui::IsItemFocused()) {
        focused_row_now = row;
        if (focused_row_ != static_cast<int64_t>(row))
          move_current(results, static_cast<size_t>(i), focus_extends_);
      }
      const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
      // The current paper among several selected (or outside the selection) gets a frame,
      // so the keyboard's place stays visible.
      if (selected_row_ == row && (selection_.size() > 1 || !selected)) {
        ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x + 1, min.y + 1),
                                            ImVec2(max.x - 1, max.y - 1), colors.accent, 3.0f, 0,
                                            2.0f);
      }
      const float center = (min.y + max.y) * 0.5f;
      if (center >= visible_top && center <= visible_bottom) {
        drawn_rows_.push_back(
            DrawnRow{static_cast<size_t>(i), ViewRect{min.x, min.y, max.x - min.x, max.y - min.y}});
      }
      ImDrawList* draw = ImGui::GetWindowDrawList();
      const std::string title = display_text(store.title(row));
      // Reading-list marks before the title: ★ starred; read papers are dimmed.
      const PaperMarks* marks = explorer.reading_list().find(store.id(row));
      float title_x = cell.x;
      if (marks && marks->starred) {
        draw->AddText(ImVec2(title_x, cell.y), colors.star, "\xE2\x98\x85");  // ★
        title_x += ImGui::CalcTextSize("\xE2\x98\x85 ").x;
      }
      const ImU32 title_color =
          marks && marks->read ? colors.muted_text : ImGui::GetColorU32(ImGuiCol_Text);
      draw_line(draw, fonts.title, ImVec2(title_x, cell.y), text_width - (title_x - cell.x),
                title_color, title, highlight_ranges(title, explorer.index(), searched, kInTitle));
      draw_line(draw, nullptr, ImVec2(cell.x, cell.y + line + 2), text_width, colors.muted_text,
                author_line(store, row, 4));
      if (show_snippets) {
        const std::string abstract_text = display_text(store.abstract(row));
        const std::string_view abstract = abstract_text;
        const Snippet snippet = make_snippet(
            abstract, highlight_ranges(abstract, explorer.index(), searched, kInAbstract),
            kSnippetBytes);
        draw_line(draw, nullptr, ImVec2(cell.x, cell.y + 2 * line + 2), text_width,
                  colors.muted_text, abstract.substr(snippet.begin, snippet.end - snippet.begin),
                  snippet.ranges);
      }

      ImGui::TableSetColumnIndex(1);
      const std::string date = store.date(row).to_string();
      text_colored(colors.muted_text, date.empty() ? "undated" : date);
      ImGui::TableSetColumnIndex(2);
      ImGui::Text("\xE2\x96\xB2 %d", store.upvotes(row));  // ▲
      ImGui::TableSetColumnIndex(3);
      if (store.has_code(row)) badge(draw, ImGui::GetCursorScreenPos(), "code");
      ImGui::PopID();
    }
  }
  // A focused row scrolled out of view keeps its place: focus arriving is what moves.
  if (focused_row_now >= 0)
    focused_row_ = focused_row_now;
  else if (!io.NavVisible || search_active_)
    focused_row_ = -1;
  if (results.empty()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    text_colored(colors.muted_text, store.empty() ? "No papers in this collection."
                                                  : "No papers match. Try fewer or shorter words.");
  }
  if (const uint32_t hidden = explorer.hidden_matches()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    text_colored(colors.muted_text, std::to_string(hidden) + (hidden == 1 ? " paper" : " papers") +
                                        " you hid also match (search is:hidden to see them)");
  }
  ImGui::EndTable();
}

}  // namespace ps
