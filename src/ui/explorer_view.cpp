// ExplorerView: the frame, the header, the search box and its controls, the query help.
#include "ui/explorer_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "ui/rich_text.h"
#include "ui/theme.h"
#include "ui/view_helpers.h"

namespace ps {

namespace {

const char* sort_label(SortField field) {
  switch (field) {
    case SortField::kRelevance:
      return "Relevance";
    case SortField::kDate:
      return "Date";
    case SortField::kUpvotes:
      return "Upvotes";
    case SortField::kTitle:
      return "Title";
    case SortField::kTrending:
      return "Trending";
  }
  return "Date";
}

// The query language in brief (docs/query-language.md has it all).
const char* const kHelpRows[][2] = {
    {"diffusion model", "both words, each the start of a word (model → models)"},
    {"\"neural field\"", "the words together, in this order (last may be a prefix)"},
    {"-survey   -\"large language\"", "leave out papers with this word or phrase"},
    {"gan OR diffusion   gan | vae", "either; binds tighter than the space: a b OR c = a (b OR c)"},
    {"(gan OR vae) -survey", "parentheses group"},
    {"title:  author:  abstract: (abs:)", "search one field: author:\"Ada Lovelace\""},
    {"tag: (cat:)  venue:  id:", "tag:cs.CV   venue:neurips   id:2504.02345"},
    {"year:2021   year:2019..2023", "a year or a range (also year:>=2020)"},
    {"date:>=2024-06   date:2024-03", "dates at their precision overlap the range"},
    {"upvotes:>10   upvotes:5..20", "upvote counts"},
    {"has:code  has:project  has:abstract", "papers that have one"},
};

// Puts the next control on this line when it fits, else on the next: narrow screens wrap.
void flow(float next_width) {
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + next_width > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
}

// A small window centred near the top (the query help, the shortcuts) with a two-column
// table of rows: what to type, what it does. Returns whether it is open.
template <size_t N>
bool reference_window(const char* title, bool* open, const char* const (&rows)[N][2]) {
  ImGui::SetNextWindowSize(ImVec2(600, 0), ImGuiCond_Appearing);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + 90),
      ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
  const bool shown = ImGui::Begin(title, open,
                                  ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_AlwaysAutoResize);
  if (shown &&
      ImGui::BeginTable("rows", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    for (const auto& row : rows) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(row[0]);
      ImGui::TableSetColumnIndex(1);
      text_colored(theme_colors().muted_text, row[1]);
    }
    ImGui::EndTable();
  }
  return shown;  // the caller adds what else it shows, then calls ImGui::End()
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

}  // namespace

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

std::string field_term(const char* field, std::string_view value) {
  std::string clean;
  for (char c : value) clean.push_back(c == '"' ? ' ' : c);  // a quote would end the phrase
  const bool one_word = clean.find_first_of(" \t") == std::string::npos &&
                        clean.find_first_of("()|") == std::string::npos;
  return std::string(field) + ":" + (one_word ? clean : "\"" + clean + "\"");
}

// ImGui owns the search box's text while it is being edited; edits from outside (the JS
// API, a paste event) wait here and are applied in the box's callback.
int ExplorerView::search_callback(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory) return 0;  // draw_results moves
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
  if (pending.selection_start >= 0) {
    const int length = data->BufTextLen;
    data->SelectionStart = std::clamp(pending.selection_start, 0, length);
    data->SelectionEnd = std::clamp(pending.selection_end, 0, length);
    data->CursorPos = data->SelectionEnd;
  }
  pending = PendingEdit{};
  return 0;
}

void ExplorerView::mirror_search_input(Explorer& explorer, const std::string& text,
                                       int selection_start, int selection_end) {
  notice_.clear();
  query_input_ = text;
  pending_ = PendingEdit{true, false, text, selection_start, selection_end};
  if (!search_active_) focus_search_ = true;
  explorer.set_query(query_input_);
}

void ExplorerView::set_query(Explorer& explorer, std::string_view text) {
  notice_.clear();
  query_input_ = std::string(text);
  if (search_active_) pending_ = PendingEdit{true, false, query_input_, -1, -1};
  explorer.set_query(query_input_);
}

void ExplorerView::add_query_term(Explorer& explorer, const std::string& term) {
  std::string query = query_input_;
  if (query.find(term) != std::string::npos) return;
  while (!query.empty() && query.back() == ' ') query.pop_back();
  set_query(explorer, query.empty() ? term : query + " " + term);
}

void ExplorerView::paste_text(const std::string& text) {
  // One line: a search box has no use for line breaks or tabs.
  std::string line;
  for (char c : text) line.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  if (!search_active_) focus_search_ = true;
  pending_ = PendingEdit{false, true, line, -1, -1};
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

void ExplorerView::record_item(std::string name) {
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  items_.emplace_back(std::move(name), ViewRect{min.x, min.y, max.x - min.x, max.y - min.y});
}

bool ExplorerView::item_rect(const std::string& name, ViewRect& rect) const {
  for (const auto& item : items_) {
    if (item.first == name) {
      rect = item.second;
      return true;
    }
  }
  return false;
}

//-----------------------------------------------------------------------------
// Header: collection title, loading, errors
//-----------------------------------------------------------------------------

void ExplorerView::draw_header(Explorer& explorer, const LoadStatus& status, const UiFonts& fonts,
                               ViewHost& host) {
  const PaperStore& store = explorer.store();
  const std::string& title = store.info.title.empty() ? std::string("Papers") : store.info.title;
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string list_label =
      "Reading list (" + std::to_string(explorer.reading_list().size()) + ")";
  const char* labels[] = {"Open file...", "Collections", "Export", list_label.c_str(),
                          "Default collection"};
  float buttons_width = 0;
  for (const char* label : labels) {
    buttons_width += ImGui::CalcTextSize(label).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  }
  // Narrow screens: the title has the line to itself and the buttons wrap below it.
  const float title_width = compact_
                                ? ImGui::GetContentRegionAvail().x
                                : std::max(50.0f, ImGui::GetContentRegionAvail().x - buttons_width);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  draw_line(ImGui::GetWindowDrawList(), fonts.heading, ImVec2(pos.x, pos.y + 2), title_width,
            ImGui::GetColorU32(ImGuiCol_Text), title);
  ImGui::Dummy(ImVec2(title_width, ImGui::GetFrameHeight()));
  if (ImGui::IsItemHovered() && !store.info.description.empty()) {
    ImGui::SetNextWindowSize(ImVec2(420, 0));
    ImGui::BeginTooltip();
    text_wrapped(store.info.description);
    ImGui::EndTooltip();
  }
  if (!compact_) {
    ImGui::SameLine(std::max(
        title_width, ImGui::GetWindowContentRegionMax().x - buttons_width + style.ItemSpacing.x));
  }
  if (ImGui::Button("Open file...")) host.open_file_picker();
  record_item("open-file");
  flow(button_width("Collections"));
  draw_collections_menu(status, host);
  flow(button_width("Export"));
  draw_export_menu(explorer, host);
  flow(button_width(list_label.c_str()));
  if (ImGui::Button(list_label.c_str())) reading_list_open_ = !reading_list_open_;
  record_item("reading-list");
  flow(button_width("Default collection"));
  ImGui::BeginDisabled(status.showing_default && !status.loading);
  if (ImGui::Button("Default collection")) host.load_default_collection();
  record_item("default-collection");
  ImGui::EndDisabled();

  if (status.loading) {
    const std::string label = "Loading " + status.loading_what + "...";
    const float fraction =
        status.progress >= 0 ? status.progress : -1.0f * static_cast<float>(ImGui::GetTime());
    ImGui::ProgressBar(fraction, ImVec2(-1, 0), label.c_str());
  }
  if (!status.error.empty()) {
    if (status.retryable) {
      if (ImGui::SmallButton("Retry")) host.retry_load();
      record_item("retry");
      ImGui::SameLine();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, theme_colors().error_text);
    text_wrapped(status.error);
    ImGui::PopStyleColor();
  }
}

//-----------------------------------------------------------------------------
// Controls: search box, help, sort, filters, count
//-----------------------------------------------------------------------------

void ExplorerView::draw_controls(Explorer& explorer) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float count_width = ImGui::CalcTextSize("000000 / 000000 papers").x;
  const float controls_width = 650.0f;
  const float search_width =
      compact_
          ? ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - style.ItemInnerSpacing.x
          : std::max(160.0f, ImGui::GetContentRegionAvail().x - controls_width - count_width -
                                 ImGui::GetFrameHeight() - style.ItemSpacing.x);
  if (focus_search_) {
    ImGui::SetWindowFocus();  // from another window too (the shortcuts, the reading list)
    ImGui::SetKeyboardFocusHere();
    focus_search_ = false;
  }
  ImGui::SetNextItemWidth(search_width);
  const bool bad_query = !explorer.query_error().empty();
  if (bad_query) ImGui::PushStyleColor(ImGuiCol_Border, theme_colors().error_text);
  // Esc clears the box, a second Esc leaves it; Enter keeps it (and opens the selection).
  search_enter_ = ImGui::InputTextWithHint(
      "##search", "Search titles, authors, abstracts, tags", &query_input_,
      ImGuiInputTextFlags_CallbackAlways | ImGuiInputTextFlags_EscapeClearsAll |
          ImGuiInputTextFlags_EnterReturnsTrue |
          // Up and Down stay with the box (they move the selection, not keyboard focus).
          ImGuiInputTextFlags_CallbackHistory,
      &ExplorerView::search_callback, this);
  if (query_input_ != explorer.query()) {
    notice_.clear();
    explorer.set_query(query_input_);
  }
  if (bad_query) ImGui::PopStyleColor();
  search_active_ = ImGui::IsItemActive();
  record_item("search");
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  if (ImGui::Button("?", ImVec2(ImGui::GetFrameHeight(), 0))) help_open_ = !help_open_;
  record_item("help");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Query language");

  // Sort: automatic (relevance with text in the query, else newest), or a field.
  flow(150 + ImGui::GetFrameHeight());
  const SortOrder sort = explorer.sort();
  std::string current = sort_label(sort.field);
  if (explorer.automatic_sort()) current = "Auto: " + current;
  ImGui::SetNextItemWidth(150);
  if (ImGui::BeginCombo("##sort", current.c_str())) {
    if (ImGui::Selectable("Auto", explorer.automatic_sort())) explorer.set_automatic_sort();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Relevance when searching, else newest first");
    for (SortField field : {SortField::kRelevance, SortField::kDate, SortField::kUpvotes,
                            SortField::kTitle, SortField::kTrending}) {
      const bool selected = !explorer.automatic_sort() && field == sort.field;
      if (ImGui::Selectable(sort_label(field), selected)) {
        // Each field starts in its natural direction: newest, most upvoted, A to Z.
        explorer.set_sort(SortOrder{field, field != SortField::kTitle});
      }
    }
    ImGui::EndCombo();
  }
  record_item("sort");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Sort by");
  if (sort.has_direction()) {
    ImGui::SameLine(0, style.ItemInnerSpacing.x);
    if (ImGui::Button(sort.descending ? "\xE2\x86\x93" : "\xE2\x86\x91",
                      ImVec2(ImGui::GetFrameHeight(), 0))) {
      explorer.set_sort(SortOrder{sort.field, !sort.descending});
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(sort.descending ? "Descending" : "Ascending");
  }

  // Year range and has-code.
  Filters filters = explorer.filters();
  flow(ImGui::CalcTextSize("Years").x + 130);
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
  flow(ImGui::CalcTextSize("Has code").x + ImGui::GetFrameHeight() + 8);
  if (ImGui::Checkbox("Has code", &filters.has_code_only)) explorer.set_filters(filters);
  record_item("has-code");

  flow(ImGui::CalcTextSize("Facets").x + ImGui::GetFrameHeight() + 8);
  if (ImGui::Checkbox("Facets", &show_facets_)) facets_decided_ = true;
  record_item("facets");

  char count[64];
  std::snprintf(count, sizeof count, "%zu / %u papers", explorer.results().size(),
                explorer.store().size());
  flow(ImGui::CalcTextSize(count).x);
  ImGui::SetCursorPosX(std::max(
      ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(count).x));
  ImGui::AlignTextToFramePadding();
  text_colored(theme_colors().muted_text, count);
}

// Under the search box: where the query does not parse, and typos worked around.
void ExplorerView::draw_query_messages(Explorer& explorer) {
  if (!explorer.query_error().empty()) {
    text_colored(theme_colors().error_text,
                 "Query not understood, " + explorer.query_error() + " (showing the last results)");
    return;
  }
  // "abstract: finds nothing here" for a chunked collection whose index leaves them out.
  const std::string notice = explorer.query_notice();
  if (!notice.empty()) text_colored(theme_colors().notice_text, notice);
  const std::vector<Correction>& corrections = explorer.corrections();
  if (corrections.empty()) return;
  std::string typed, used;
  for (const Correction& c : corrections) {
    typed += (typed.empty() ? "'" : ", '") + c.typed + "'";
    used += (used.empty() ? "'" : ", '") + c.used + "'";
  }
  text_colored(theme_colors().notice_text, "No results for " + typed + "; showing " + used);
}

void ExplorerView::draw_help() {
  if (!help_open_) return;
  if (reference_window("Query language", &help_open_, kHelpRows)) {
    text_colored(theme_colors().muted_text,
                 "Accents and case never matter. Words of 5+ letters that match nothing\n"
                 "fall back to words one typo away. Click an author or a tag to add it.");
  }
  ImGui::End();
}

// Every keyboard shortcut (opened with ?).
void ExplorerView::draw_shortcuts() {
  if (!shortcuts_open_) return;
  static const char* const kRows[][2] = {
      {"/", "focus the search box"},
      {"Up, Down", "move to the next or previous paper (also while typing)"},
      {"j, k", "the same, outside the search box"},
      {"Shift+Up/Down, Shift+j/k", "select several: extend the selection (back shrinks it)"},
      {"x, Space on a row", "add the current paper to the selection, or take it out"},
      {"Enter, o", "open the selected paper's page (arXiv, DOI, else its first link)"},
      {"Esc", "in the search box: clear it; again: leave it"},
      {"Esc, outside the search box", "keep only the current paper selected"},
      {"s, r, h", "star, mark read, hide the selected papers"},
      {"b, l", "copy the selection's BibTeX, the paper's link"},
      {"Tab, Shift+Tab", "move between controls; Space or Enter uses one"},
      {"Enter, Shift+Enter, -", "on a facet value: include it, exclude it (also Delete)"},
      {"Ctrl/Cmd+click, Shift+click", "select several papers"},
      {"?", "this list"},
  };
  reference_window("Keyboard shortcuts", &shortcuts_open_, kRows);
  ImGui::End();
}

//-----------------------------------------------------------------------------
// Frame
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
  items_.clear();
  compact_ = viewport->WorkSize.x < kCompactWidth;
  draw_header(explorer, status, fonts, host);
  draw_controls(explorer);
  draw_query_messages(explorer);
  if (!notice_.empty()) text_colored(theme_colors().notice_text, notice_);
  draw_export_status(explorer, host);
  ImGui::Spacing();

  if (!facets_decided_) {  // the sidebar starts open where there is room for it
    show_facets_ = viewport->WorkSize.x >= 1100;
    facets_decided_ = true;
  }
  if (compact_) {
    // A phone: facets (when asked for), the list, then the paper, stacked; nothing wider
    // than the screen.
    const float avail_h = ImGui::GetContentRegionAvail().y;
    if (show_facets_) {
      ImGui::BeginChild("facets", ImVec2(0, std::floor(avail_h * 0.3f)), true);
      draw_facets(explorer);
      ImGui::EndChild();
    }
    ImGui::BeginChild("list", ImVec2(0, std::floor(ImGui::GetContentRegionAvail().y * 0.55f)),
                      false, ImGuiWindowFlags_NoScrollbar);
    draw_timeline(explorer);
    draw_results(explorer, fonts);
    ImGui::EndChild();
  } else {
    if (show_facets_) {
      ImGui::BeginChild("facets", ImVec2(230, 0), true);
      draw_facets(explorer);
      ImGui::EndChild();
      ImGui::SameLine();
    }
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const float list_w = std::floor(avail_w * 0.56f);
    ImGui::BeginChild("list", ImVec2(list_w, 0), false, ImGuiWindowFlags_NoScrollbar);
    draw_timeline(explorer);
    draw_results(explorer, fonts);
    ImGui::EndChild();
    ImGui::SameLine();
  }
  record_item("list-area");
  ImGui::BeginChild("details", ImVec2(0, 0), true);
  draw_details(explorer, fonts, host);
  ImGui::EndChild();
  record_item("details");
  ImGui::End();
  draw_help();
  draw_shortcuts();
  draw_reading_list(explorer, host);
  handle_shortcuts(explorer, host);
}

}  // namespace ps
