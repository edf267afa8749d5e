// ExplorerView
// [SECTION] Helpers
// [SECTION] Header: collection title, loading, errors
// [SECTION] Controls: search box, sort, filters
// [SECTION] Results list
// [SECTION] Detail pane
// [SECTION] Frame
#include "ui/explorer_view.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>

#include "core/links.h"
#include "ui/theme.h"

namespace ps {

//-----------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------

namespace {

constexpr size_t kMaxAbstractShown = 20000;  // bytes; longer abstracts are cut for display

void text_colored(ImU32 color, std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopStyleColor();
}

void text_wrapped(std::string_view text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
}

// "Ada Lovelace, Alan Turing +3", or "5 authors" when only the count is known.
std::string author_line(const PaperStore& store, uint32_t row, size_t max_names) {
  const uint32_t named = store.named_author_count(row);
  const uint32_t total = store.author_count(row);
  if (named == 0) {
    if (total == 0) return {};
    return std::to_string(total) + (total == 1 ? " author" : " authors");
  }
  std::string line;
  const uint32_t shown = static_cast<uint32_t>(std::min<size_t>(named, max_names));
  for (uint32_t i = 0; i < shown; ++i) {
    if (i) line += ", ";
    line += store.author(row, i);
  }
  if (total > shown) line += " +" + std::to_string(total - shown);
  return line;
}

// Text cut with an ellipsis to fit max_width.
void text_ellipsis(ImDrawList* draw, ImFont* font, ImVec2 pos, float max_width, ImU32 color,
                   std::string_view text) {
  if (!font) font = ImGui::GetFont();
  const float size = font->FontSize * ImGui::GetIO().FontGlobalScale;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const float full = font->CalcTextSizeA(size, FLT_MAX, 0.0f, begin, end).x;
  if (full <= max_width) {
    draw->AddText(font, size, pos, color, begin, end);
    return;
  }
  const char* ellipsis = "\xE2\x80\xA6";  // …
  const float ellipsis_w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, ellipsis).x;
  const char* cut = font->CalcWordWrapPositionA(1.0f, begin, end, max_width - ellipsis_w);
  // CalcWordWrapPositionA wants whole words; fall back to characters for one long word.
  if (cut == begin) {
    float w = 0;
    cut = begin;
    while (cut < end) {
      unsigned int c = 0;
      const int len = ImTextCharFromUtf8(&c, cut, end);
      const float cw = font->CalcTextSizeA(size, FLT_MAX, 0.0f, cut, cut + len).x;
      if (w + cw > max_width - ellipsis_w) break;
      w += cw;
      cut += len;
    }
  }
  while (cut > begin && cut[-1] == ' ') --cut;
  std::string shown(begin, cut);
  shown += ellipsis;
  draw->AddText(font, size, pos, color, shown.c_str(), shown.c_str() + shown.size());
}

// A small rounded label ("code").
void badge(ImDrawList* draw, ImVec2 pos, const char* label) {
  const ThemeColors& colors = theme_colors();
  const ImVec2 size = ImGui::CalcTextSize(label);
  const ImVec2 pad(5, 1);
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x + 2 * pad.x, pos.y + size.y + 2 * pad.y),
                      colors.badge_fill, 4.0f);
  draw->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), colors.badge_text, label);
}

const char* sort_field_label(SortField field) {
  switch (field) {
    case SortField::kDate: return "Date";
    case SortField::kUpvotes: return "Upvotes";
    case SortField::kTitle: return "Title";
  }
  return "Date";
}


}  // namespace

// ImGui owns the search box's text while it is being edited; edits from outside (the JS
// API, a paste event) wait here and are applied in the box's callback.
int ExplorerView::search_callback(ImGuiInputTextCallbackData* data) {
  PendingEdit& pending = static_cast<ExplorerView*>(data->UserData)->pending_;
  if (pending.replace_all) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, pending.text.c_str());
  } else if (pending.insert) {
    if (data->HasSelection()) {
      const int from = std::min(data->SelectionStart, data->SelectionEnd);
      data->DeleteChars(from, std::abs(data->SelectionEnd - data->SelectionStart));
      data->CursorPos = from;
    }
    data->InsertChars(data->CursorPos, pending.text.c_str());
  }
  pending = PendingEdit{};
  return 0;
}

void ExplorerView::set_query(Explorer& explorer, std::string_view text) {
  query_input_ = std::string(text);
  if (search_active_) pending_ = PendingEdit{true, false, query_input_};
  explorer.set_query(query_input_);
}

void ExplorerView::paste_text(const std::string& text) {
  // One line: a search box has no use for line breaks or tabs.
  std::string line;
  for (char c : text) line.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  if (!search_active_) focus_search_ = true;
  pending_ = PendingEdit{false, true, line};
}

bool ExplorerView::row_rect(size_t index, ViewRect& rect) const {
  for (const DrawnRow& row : drawn_rows_) {
    if (row.index == index) {
      rect = row.rect;
      return true;
    }
  }
  return false;
}

//-----------------------------------------------------------------------------
// [SECTION] Header: collection title, loading, errors
//-----------------------------------------------------------------------------

void ExplorerView::draw_header(Explorer& explorer, const LoadStatus& status, const UiFonts& fonts,
                               ViewHost& host) {
  const PaperStore& store = explorer.store();
  const std::string& title = store.info.title.empty() ? std::string("Papers") : store.info.title;
  const float buttons_width = ImGui::CalcTextSize("Open file...Default collection").x +
                              ImGui::GetStyle().FramePadding.x * 4 +
                              ImGui::GetStyle().ItemSpacing.x * 2;
  const float title_width = ImGui::GetContentRegionAvail().x - buttons_width;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  text_ellipsis(ImGui::GetWindowDrawList(), fonts.heading, ImVec2(pos.x, pos.y + 2),
                std::max(50.0f, title_width), ImGui::GetColorU32(ImGuiCol_Text), title);
  ImGui::Dummy(ImVec2(std::max(50.0f, title_width), ImGui::GetFrameHeight()));
  if (ImGui::IsItemHovered() && !store.info.description.empty()) {
    ImGui::SetNextWindowSize(ImVec2(420, 0));
    ImGui::BeginTooltip();
    text_wrapped(store.info.description);
    ImGui::EndTooltip();
  }
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - buttons_width +
                  ImGui::GetStyle().ItemSpacing.x);
  if (ImGui::Button("Open file...")) host.open_file_picker();
  ImGui::SameLine();
  ImGui::BeginDisabled(status.showing_default && !status.loading);
  if (ImGui::Button("Default collection")) host.load_default_collection();
  ImGui::EndDisabled();

  if (status.loading) {
    const std::string label = "Loading " + status.loading_what + "...";
    if (status.progress >= 0) {
      ImGui::ProgressBar(status.progress, ImVec2(-1, 0), label.c_str());
    } else {
      ImGui::ProgressBar(-1.0f * static_cast<float>(ImGui::GetTime()), ImVec2(-1, 0),
                         label.c_str());
    }
  }
  if (!status.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme_colors().error_text);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(status.error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Controls: search box, sort, filters
//-----------------------------------------------------------------------------

void ExplorerView::draw_controls(Explorer& explorer) {
  const float count_width = ImGui::CalcTextSize("000000 / 000000 papers").x;
  const float controls_width = 470.0f;
  const float search_width =
      std::max(160.0f, ImGui::GetContentRegionAvail().x - controls_width - count_width);
  if (focus_search_) {
    ImGui::SetKeyboardFocusHere();
    focus_search_ = false;
  }
  ImGui::SetNextItemWidth(search_width);
  if (ImGui::InputTextWithHint("##search", "Search titles, authors, abstracts, tags",
                               &query_input_, ImGuiInputTextFlags_CallbackAlways,
                               &ExplorerView::search_callback, this)) {
    explorer.set_query(query_input_);
  }
  search_active_ = ImGui::IsItemActive();

  // Sort field and direction.
  ImGui::SameLine();
  SortOrder sort = explorer.sort();
  ImGui::SetNextItemWidth(110);
  if (ImGui::BeginCombo("##sort", sort_field_label(sort.field))) {
    for (SortField field : {SortField::kDate, SortField::kUpvotes, SortField::kTitle}) {
      if (ImGui::Selectable(sort_field_label(field), field == sort.field)) {
        // Each field starts in its natural direction: newest, most upvoted, A to Z.
        explorer.set_sort(SortOrder{field, field != SortField::kTitle});
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Sort by");
  ImGui::SameLine();
  if (ImGui::Button(sort.descending ? "\xE2\x86\x93 Desc" : "\xE2\x86\x91 Asc")) {
    explorer.set_sort(SortOrder{sort.field, !sort.descending});
  }

  // Year range and has-code.
  Filters filters = explorer.filters();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Years");
  ImGui::SameLine();
  int years[2] = {filters.year_min ? filters.year_min : explorer.first_year(),
                  filters.year_max ? filters.year_max : explorer.last_year()};
  ImGui::SetNextItemWidth(120);
  const int lo = explorer.first_year() ? explorer.first_year() : 1990;
  const int hi = explorer.last_year() ? explorer.last_year() : 2030;
  if (ImGui::DragInt2("##years", years, 0.1f, lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp)) {
    filters.year_min = std::min(years[0], years[1]);
    filters.year_max = std::max(years[0], years[1]);
    if (filters.year_min <= lo && filters.year_max >= hi) filters.year_min = filters.year_max = 0;
    explorer.set_filters(filters);
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Drag or double-click to type; undated papers are hidden while set");
  }
  if (filters.year_min || filters.year_max) {
    ImGui::SameLine();
    if (ImGui::SmallButton("x##years")) {
      filters.year_min = filters.year_max = 0;
      explorer.set_filters(filters);
    }
  }
  ImGui::SameLine();
  if (ImGui::Checkbox("Has code", &filters.has_code_only)) explorer.set_filters(filters);

  ImGui::SameLine();
  char count[64];
  std::snprintf(count, sizeof count, "%zu / %u papers", explorer.results().size(),
                explorer.store().size());
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x -
                                                            ImGui::CalcTextSize(count).x));
  ImGui::AlignTextToFramePadding();
  text_colored(theme_colors().muted_text, count);
}

//-----------------------------------------------------------------------------
// [SECTION] Results list
//-----------------------------------------------------------------------------

void ExplorerView::draw_results(Explorer& explorer, const UiFonts& fonts) {
  const std::vector<uint32_t>& results = explorer.results();
  const PaperStore& store = explorer.store();
  drawn_rows_.clear();

  // Up/Down move the selection, also while typing in the search box.
  if (!results.empty() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
    const bool down = ImGui::IsKeyPressed(ImGuiKey_DownArrow);
    const bool up = ImGui::IsKeyPressed(ImGuiKey_UpArrow);
    if (down || up) {
      auto it = std::find(results.begin(), results.end(), static_cast<uint32_t>(selected_row_));
      size_t index = it == results.end() ? 0 : static_cast<size_t>(it - results.begin());
      if (it != results.end()) {
        if (down && index + 1 < results.size()) ++index;
        if (up && index > 0) --index;
      }
      selected_row_ = results[index];
      scroll_to_selection_ = true;
    }
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("results", 4, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("0000-00-00").x + 4);
  ImGui::TableSetupColumn("Upvotes", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("Upvotes").x + 4);
  ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("code").x + 14);
  ImGui::TableHeadersRow();

  const float line = ImGui::GetTextLineHeight();
  const float row_height = line * 2 + 4;
  const ImVec2 window_pos = ImGui::GetWindowPos();
  const float visible_top = window_pos.y + line + ImGui::GetStyle().CellPadding.y * 2;
  const float visible_bottom = window_pos.y + ImGui::GetWindowHeight();
  const ThemeColors& colors = theme_colors();

  if (scroll_to_selection_) {
    // Scroll so the selected row is in view, before the clipper decides what to draw.
    auto it = std::find(results.begin(), results.end(), static_cast<uint32_t>(selected_row_));
    if (it != results.end()) {
      const float row_pitch = row_height + ImGui::GetStyle().CellPadding.y * 2;
      const float y = static_cast<float>(it - results.begin()) * row_pitch;
      const float view_h = visible_bottom - visible_top;
      const float scroll = ImGui::GetScrollY();
      if (y < scroll) ImGui::SetScrollY(y);
      else if (y + row_pitch > scroll + view_h) ImGui::SetScrollY(y + row_pitch - view_h);
    }
    scroll_to_selection_ = false;
  }

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(results.size()), row_height + ImGui::GetStyle().CellPadding.y * 2);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const uint32_t row = results[static_cast<size_t>(i)];
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(static_cast<int>(row));
      const ImVec2 cell = ImGui::GetCursorScreenPos();
      const float title_width = ImGui::GetContentRegionAvail().x;
      if (ImGui::Selectable("##row", selected_row_ == static_cast<int64_t>(row),
                            ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_height))) {
        selected_row_ = row;
      }
      const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
      const float center = (min.y + max.y) * 0.5f;
      if (center >= visible_top && center <= visible_bottom) {
        drawn_rows_.push_back(
            DrawnRow{static_cast<size_t>(i), ViewRect{min.x, min.y, max.x - min.x, max.y - min.y}});
      }
      ImDrawList* draw = ImGui::GetWindowDrawList();
      text_ellipsis(draw, fonts.title, cell, title_width, ImGui::GetColorU32(ImGuiCol_Text),
                    store.title(row));
      text_ellipsis(draw, nullptr, ImVec2(cell.x, cell.y + line + 2), title_width,
                    colors.muted_text, author_line(store, row, 4));

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
  if (results.empty()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    text_colored(colors.muted_text, store.empty() ? "No papers in this collection."
                                                  : "No papers match. Try fewer or shorter words.");
  }
  ImGui::EndTable();
}

//-----------------------------------------------------------------------------
// [SECTION] Detail pane
//-----------------------------------------------------------------------------

void ExplorerView::draw_details(Explorer& explorer, const UiFonts& fonts, ViewHost& host) {
  const PaperStore& store = explorer.store();
  const ThemeColors& colors = theme_colors();
  if (selected_row_ < 0 || selected_row_ >= static_cast<int64_t>(store.size())) {
    text_colored(colors.muted_text, "Select a paper to see its abstract and links.");
    return;
  }
  const uint32_t row = static_cast<uint32_t>(selected_row_);
  ImGui::PushFont(fonts.heading ? fonts.heading : ImGui::GetFont());
  text_wrapped(store.title(row));
  ImGui::PopFont();

  std::string meta;
  const std::string date = store.date(row).to_string();
  meta += date.empty() ? "undated" : date;
  meta += "  \xC2\xB7  \xE2\x96\xB2 " + std::to_string(store.upvotes(row)) + " upvotes";
  if (!store.venue(row).empty()) meta += "  \xC2\xB7  " + std::string(store.venue(row));
  text_colored(colors.muted_text, meta);
  const std::string authors = author_line(store, row, 200);
  if (!authors.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colors.muted_text);
    text_wrapped(authors);
    ImGui::PopStyleColor();
  }

  // Tags.
  const Span<TagRef> tags = store.tags(row);
  if (!tags.empty()) {
    for (size_t i = 0; i < tags.size(); ++i) {
      if (i) ImGui::SameLine();
      const std::string_view value = store.tag_value(tags[i].value);
      ImGui::PushID(static_cast<int>(i));
      ImGui::SmallButton(std::string(value).c_str());
      ImGui::PopID();
    }
  }

  // Links: opened by the host, http(s) only.
  const Span<LinkRef> links = store.links(row);
  if (!links.empty()) {
    ImGui::Spacing();
    for (size_t i = 0; i < links.size(); ++i) {
      const std::string_view url = store.link_url(links[i]);
      const std::string host_name = url_host(url);
      const std::string label = std::string(link_kind_name(links[i].kind)) + ": " +
                                (host_name.empty() ? std::string(url) : host_name);
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Button(label.c_str())) host.open_url(url);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(url.size()), url.data());
      ImGui::PopID();
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }

  ImGui::Separator();
  const std::string_view abstract = store.abstract(row);
  if (abstract.empty()) {
    text_colored(colors.muted_text, "No abstract.");
  } else if (abstract.size() > kMaxAbstractShown) {
    // Cut on a character boundary.
    size_t cut = kMaxAbstractShown;
    while (cut > 0 && (static_cast<unsigned char>(abstract[cut]) & 0xC0) == 0x80) --cut;
    text_wrapped(abstract.substr(0, cut));
    text_colored(colors.muted_text, "... (abstract cut for display: " +
                                        std::to_string(abstract.size() / 1024) + " KB in all)");
  } else {
    text_wrapped(abstract);
  }
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

void ExplorerView::draw(Explorer& explorer, const LoadStatus& status, const UiFonts& fonts,
                        ViewHost& host) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags window_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Paperscope", nullptr, window_flags);
  draw_header(explorer, status, fonts, host);
  draw_controls(explorer);
  ImGui::Spacing();

  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float list_w = std::floor(avail_w * 0.56f);
  ImGui::BeginChild("list", ImVec2(list_w, 0), false, ImGuiWindowFlags_NoScrollbar);
  draw_results(explorer, fonts);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("details", ImVec2(0, 0), true);
  draw_details(explorer, fonts, host);
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace ps
