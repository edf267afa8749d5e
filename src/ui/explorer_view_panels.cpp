// ExplorerView: taking papers away and keeping them: selection, the export menu, the
// reading-list actions and panel, remembered collections, and the keyboard shortcuts for
// them (b copies BibTeX, l the link, s stars, r marks read, h hides, x selects).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/display_text.h"
#include "core/exporters.h"
#include "ui/explorer_view.h"
#include "ui/theme.h"
#include "ui/view_helpers.h"

namespace ps {

std::string file_stem(const std::string& title) {
  std::string stem;
  for (char c : title) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep)
      stem += c;
    else if (!stem.empty() && stem.back() != '-')
      stem += '-';
    if (stem.size() >= 40) break;
  }
  while (!stem.empty() && stem.back() == '-') stem.pop_back();
  return stem.empty() ? "papers" : stem;
}

//-----------------------------------------------------------------------------
// Selection
//-----------------------------------------------------------------------------

void ExplorerView::click_row(const std::vector<uint32_t>& results, size_t index) {
  const ImGuiIO& io = ImGui::GetIO();
  const uint32_t row = results[index];
  notice_.clear();
  const bool toggle = io.ConfigMacOSXBehaviors ? io.KeySuper : io.KeyCtrl;
  if (io.KeyShift && selected_row_ >= 0) {
    // Extend from the last clicked paper to this one, in result order.
    auto anchor = std::find(results.begin(), results.end(), static_cast<uint32_t>(selected_row_));
    if (anchor != results.end()) {
      const size_t from = std::min(index, static_cast<size_t>(anchor - results.begin()));
      const size_t to = std::max(index, static_cast<size_t>(anchor - results.begin()));
      for (size_t i = from; i <= to; ++i) {
        if (std::find(selection_.begin(), selection_.end(), results[i]) == selection_.end()) {
          selection_.push_back(results[i]);
        }
      }
      selected_row_ = row;
      return;
    }
  }
  if (toggle) {
    auto it = std::find(selection_.begin(), selection_.end(), row);
    if (it != selection_.end()) {
      selection_.erase(it);
      selected_row_ = selection_.empty() ? -1 : static_cast<int64_t>(selection_.back());
    } else {
      selection_.push_back(row);
      selected_row_ = row;
    }
    anchor_row_ = selected_row_;
    return;
  }
  selection_.assign(1, row);
  selected_row_ = anchor_row_ = row;
}

// The keyboard works like a mail reader's: the current paper (the one shown) moves, and a
// selection of just that paper moves with it, while one of several (made with x, Shift or
// Ctrl-click) stays put, so papers apart can be gathered: x, j, j, x. Shift extends the
// selection from the anchor to the new current paper; moving back toward the anchor
// shrinks it, as in file managers.
void ExplorerView::move_current(const std::vector<uint32_t>& results, size_t index, bool extend) {
  const uint32_t row = results[index];
  notice_.clear();
  scroll_to_selection_ = true;
  const auto index_of = [&](int64_t r) {
    auto it = std::find(results.begin(), results.end(), static_cast<uint32_t>(r));
    return it == results.end() ? index : static_cast<size_t>(it - results.begin());
  };
  const auto is_selected = [&](uint32_t r) {
    return std::find(selection_.begin(), selection_.end(), r) != selection_.end();
  };
  if (extend && selected_row_ >= 0) {
    const size_t from = index_of(selected_row_);
    const size_t anchor = anchor_row_ >= 0 && is_selected(static_cast<uint32_t>(anchor_row_))
                              ? index_of(anchor_row_)
                              : from;
    const auto between = [](size_t i, size_t a, size_t b) {
      return i >= std::min(a, b) && i <= std::max(a, b);
    };
    for (size_t i = std::min(anchor, from); i <= std::max(anchor, from); ++i) {
      if (!between(i, anchor, index)) {
        selection_.erase(std::remove(selection_.begin(), selection_.end(), results[i]),
                         selection_.end());
      }
    }
    for (size_t i = std::min(anchor, index); i <= std::max(anchor, index); ++i) {
      if (!is_selected(results[i])) selection_.push_back(results[i]);
    }
    anchor_row_ = results[anchor];
    selected_row_ = row;
    return;
  }
  const bool just_current =
      selection_.empty() || (selection_.size() == 1 && selection_[0] == selected_row_);
  if (just_current) selection_.assign(1, row);
  selected_row_ = anchor_row_ = row;
}

void ExplorerView::toggle_current() {
  if (selected_row_ < 0) return;
  notice_.clear();
  const uint32_t row = static_cast<uint32_t>(selected_row_);
  auto it = std::find(selection_.begin(), selection_.end(), row);
  if (it != selection_.end())
    selection_.erase(it);
  else
    selection_.push_back(row);
  anchor_row_ = row;  // the current paper stays current: the next move starts from it
}

void ExplorerView::keep_only_current() {
  notice_.clear();
  selection_.clear();
  if (selected_row_ >= 0) selection_.push_back(static_cast<uint32_t>(selected_row_));
  anchor_row_ = selected_row_;
}

std::vector<uint32_t> ExplorerView::selection(Explorer& explorer) const {
  // In the order the results show them; selected papers that no longer match come last.
  std::vector<uint32_t> ordered;
  for (uint32_t row : explorer.results()) {
    if (std::find(selection_.begin(), selection_.end(), row) != selection_.end()) {
      ordered.push_back(row);
    }
  }
  for (uint32_t row : selection_) {
    if (row < explorer.store().size() &&
        std::find(ordered.begin(), ordered.end(), row) == ordered.end()) {
      ordered.push_back(row);
    }
  }
  return ordered;
}

std::string ExplorerView::export_text(Explorer& explorer, const std::vector<uint32_t>& rows,
                                      ExportFormat format) {
  return export_papers(explorer.store(), rows, format);
}

//-----------------------------------------------------------------------------
// Export menu
//-----------------------------------------------------------------------------

void ExplorerView::draw_export_menu(Explorer& explorer, ViewHost& host) {
  if (ImGui::Button("Export")) ImGui::OpenPopup("export");
  record_item("export");
  if (!ImGui::BeginPopup("export")) return;
  const std::vector<uint32_t> chosen = selection(explorer);
  static const struct {
    ExportFormat format;
    const char* label;
  } kFormats[] = {{ExportFormat::kBibtex, "BibTeX (.bib)"},
                  {ExportFormat::kCslJson, "CSL-JSON (Zotero)"},
                  {ExportFormat::kCsv, "CSV (spreadsheet)"},
                  {ExportFormat::kJson, "Paperscope bundle (.json)"},
                  {ExportFormat::kMarkdown, "Markdown list"}};
  for (int scope = 0; scope < 2; ++scope) {
    const std::vector<uint32_t>& rows = scope == 0 ? explorer.results() : chosen;
    const std::string heading = scope == 0 ? "The " + std::to_string(rows.size()) + " results"
                                           : "The " + std::to_string(rows.size()) + " selected";
    ImGui::SeparatorText(heading.c_str());
    ImGui::BeginDisabled(rows.empty());
    for (const auto& f : kFormats) {
      ImGui::PushID(scope * 10 + static_cast<int>(f.format));
      if (ImGui::MenuItem(f.label)) {
        start_export(explorer, rows, f.format, ExportTarget::kDownload, host);
      }
      record_item(std::string("export:") + export_format_name(f.format) +
                  (scope == 0 ? ":results" : ":selection"));
      ImGui::PopID();
    }
    ImGui::EndDisabled();
  }
  text_colored(theme_colors().muted_text,
               "Ctrl/Cmd-click, Shift-click, x and Shift+Up/Down select several.");
  ImGui::EndPopup();
}

//-----------------------------------------------------------------------------
// Remembered collections
//-----------------------------------------------------------------------------

void ExplorerView::draw_collections_menu(const LoadStatus& status, ViewHost& host) {
  if (ImGui::Button("Collections")) ImGui::OpenPopup("collections");
  record_item("collections");
  if (!ImGui::BeginPopup("collections")) return;
  ImGui::BeginDisabled(!status.can_remember);
  if (ImGui::MenuItem("Keep this collection in the browser")) host.remember_collection();
  record_item("keep-collection");
  ImGui::EndDisabled();
  if (!status.can_remember && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Open a file or a URL first; the default collection is always here");
  }
  // Open by URL: also the way to open a chunked collection (its manifest's URL), whose
  // files a picked file cannot reach.
  ImGui::SeparatorText("Open a URL");
  ImGui::SetNextItemWidth(320);
  const bool entered =
      ImGui::InputTextWithHint("##url", "https://.../papers.json or .../manifest.json", &url_input_,
                               ImGuiInputTextFlags_EnterReturnsTrue);
  record_item("open-url-input");
  ImGui::SameLine();
  ImGui::BeginDisabled(url_input_.empty());
  if ((ImGui::Button("Open") || entered) && !url_input_.empty()) {
    host.open_collection_url(url_input_);
    ImGui::CloseCurrentPopup();
  }
  record_item("open-url");
  ImGui::EndDisabled();
  ImGui::SeparatorText("Kept in this browser");
  if (status.remembered.empty()) text_colored(theme_colors().muted_text, "None yet.");
  for (const RememberedCollection& c : status.remembered) {
    ImGui::PushID(c.id);
    const std::string label = c.name + "  (" + std::to_string(c.papers) + " papers, " +
                              size_text(c.bytes) + ", kept " + c.saved + ")";
    if (ImGui::MenuItem(label.c_str())) host.open_remembered(c.id);
    record_item("remembered:" + std::to_string(c.id));
    ImGui::SameLine();
    if (ImGui::SmallButton("Forget")) host.forget_remembered(c.id);
    ImGui::PopID();
  }
  ImGui::EndPopup();
}

//-----------------------------------------------------------------------------
// Reading list: actions on one paper, and the panel
//-----------------------------------------------------------------------------

void ExplorerView::draw_paper_actions(Explorer& explorer, uint32_t row, ViewHost& host) {
  ReadingList& list = explorer.reading_list();
  const std::string id(explorer.store().id(row));
  const PaperMarks marks = list.marks(id);
  const ThemeColors& colors = theme_colors();
  // Buttons wrap onto the next line on a narrow screen.
  auto flow = [](const char* next_label) {
    ImGui::SameLine();
    const float w = ImGui::CalcTextSize(next_label).x + ImGui::GetStyle().FramePadding.x * 2;
    if (ImGui::GetCursorPosX() + w > ImGui::GetContentRegionMax().x) ImGui::NewLine();
  };
  auto toggle = [&](const char* on_label, const char* off_label, Mark mark, const char* name) {
    const bool on = marks.get(mark);
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::SmallButton(on ? on_label : off_label)) list.set_mark(id, mark, !on);
    if (on) ImGui::PopStyleColor();
    record_item(name);
  };
  toggle("\xE2\x98\x85 Starred", "\xE2\x98\x86 Star", Mark::kStarred, "star");
  flow("Mark read");
  toggle("\xE2\x9C\x93 Read", "Mark read", Mark::kRead, "read");
  flow("Hidden");
  toggle("Hidden", "Hide", Mark::kHidden, "hide");
  flow("Copy BibTeX");
  if (ImGui::SmallButton("Copy BibTeX")) {
    start_export(explorer, {row}, ExportFormat::kBibtex, ExportTarget::kClipboard, host);
  }
  record_item("copy-bibtex");
  flow("Copy link");
  const std::string url = paper_main_url(explorer.store(), row);
  ImGui::BeginDisabled(url.empty());
  if (ImGui::SmallButton("Copy link")) host.copy_text(url);
  record_item("copy-link");
  ImGui::EndDisabled();

  // Your own tags: chips with a remove button, and a box to add one.
  for (size_t i = 0; i < marks.tags.size(); ++i) {
    if (i) ImGui::SameLine();
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Button, colors.badge_fill);
    if (ImGui::SmallButton((marks.tags[i] + "  \xC3\x97").c_str()))
      list.remove_tag(id, marks.tags[i]);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove your tag");
    ImGui::PopID();
  }
  if (!marks.tags.empty()) ImGui::SameLine();
  ImGui::SetNextItemWidth(160);
  if (ImGui::InputTextWithHint("##mytag", "add your tag", &tag_input_,
                               ImGuiInputTextFlags_EnterReturnsTrue)) {
    list.add_tag(id, tag_input_);
    tag_input_.clear();
  }
  record_item("add-tag");

  // A note, saved as you type.
  if (note_row_ != static_cast<int64_t>(row)) {
    note_row_ = row;
    note_input_ = marks.note;
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##note", "a note (kept in this browser)", &note_input_)) {
    list.set_note(id, note_input_);
  }
  record_item("note");
}

void ExplorerView::draw_reading_list(Explorer& explorer, ViewHost& host) {
  if (!reading_list_open_) return;
  ImGui::SetNextWindowSize(ImVec2(560, 420), ImGuiCond_Appearing);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - 580, viewport->WorkPos.y + 80),
      ImGuiCond_Appearing);
  if (!ImGui::Begin("Reading list", &reading_list_open_,
                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  ReadingList& list = explorer.reading_list();
  const PaperStore& store = explorer.store();
  if (ImGui::Button("Export list"))
    host.download("reading-list.json", "application/json", list.to_json());
  ImGui::SameLine();
  if (ImGui::Button("Import list...")) host.import_reading_list();
  ImGui::SameLine();
  bool show_hidden = explorer.show_hidden();
  if (ImGui::Checkbox("Show hidden papers", &show_hidden)) explorer.set_show_hidden(show_hidden);
  text_colored(theme_colors().muted_text, std::to_string(list.size()) +
                                              " papers marked in this browser; search is:starred, "
                                              "is:unread, mytag:name");
  ImGui::Separator();
  ImGui::BeginChild("entries");
  int shown = 0;
  for (const auto& [id, marks] : list.entries()) {
    const int64_t row = store.find(id);
    if (row < 0) continue;  // marked in another collection
    ++shown;
    ImGui::PushID(id.c_str());
    std::string flags;
    if (marks.starred) flags += "\xE2\x98\x85 ";
    if (marks.read) flags += "\xE2\x9C\x93 ";
    if (marks.hidden) flags += "(hidden) ";
    const std::string label = flags + std::string(store.title(static_cast<uint32_t>(row)));
    if (ImGui::Selectable(label.c_str(), selected_row_ == row)) select_row(row);
    if (!marks.note.empty() || !marks.tags.empty()) {
      std::string extra;
      for (const std::string& t : marks.tags) extra += "#" + t + " ";
      extra += marks.note;
      ImGui::Indent();
      text_colored(theme_colors().muted_text, extra);
      ImGui::Unindent();
    }
    ImGui::PopID();
  }
  if (shown == 0) {
    text_colored(theme_colors().muted_text,
                 "Nothing here yet: star, mark, tag or note a paper in its detail pane.");
  }
  ImGui::EndChild();
  ImGui::End();
}

//-----------------------------------------------------------------------------
// Shortcuts (when the search box does not have the keyboard)
//-----------------------------------------------------------------------------

void ExplorerView::handle_shortcuts(Explorer& explorer, ViewHost& host) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool has_selection =
      selected_row_ >= 0 && selected_row_ < static_cast<int64_t>(explorer.store().size());
  // Enter opens the selected paper, also while typing in the search box.
  const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
                     ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
  const bool open = search_enter_ || (enter && !search_active_ && !io.NavVisible) ||
                    (!io.WantTextInput && ImGui::IsKeyPressed(ImGuiKey_O, false));
  if (open) {
    if (!has_selection) {
      notice_ = "Select a paper first (Up and Down move the selection).";
    } else {
      const std::string url =
          paper_main_url(explorer.store(), static_cast<uint32_t>(selected_row_));
      const Explorer::Details details = explorer.details(static_cast<uint32_t>(selected_row_));
      if (url.empty() && details == Explorer::Details::kLoading)
        notice_ = "This paper's links are still loading.";
      else if (url.empty() && details == Explorer::Details::kFailed)
        notice_ = "This paper's links could not be loaded (see the paper's pane).";
      else if (url.empty())
        notice_ = "This paper has no link to open.";
      else
        host.open_url(url);
    }
  }
  if (io.WantTextInput) return;
  // / and ? by the character typed, whatever the keyboard layout.
  for (const ImWchar c : io.InputQueueCharacters) {
    if (c == '?') shortcuts_open_ = !shortcuts_open_;
    if (c == '/') focus_search_ = true;
  }
  if (!has_selection) return;
  // x (not Ctrl+X, which is cut) adds the current paper to the selection or takes it out;
  // Esc outside the search box keeps only the current paper.
  if (ImGui::IsKeyPressed(ImGuiKey_X, false) && !io.KeyCtrl && !io.KeySuper) toggle_current();
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && selection_.size() > 1 &&
      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
    keep_only_current();
  }
  const uint32_t row = static_cast<uint32_t>(selected_row_);
  const std::string id(explorer.store().id(row));
  ReadingList& list = explorer.reading_list();
  if (ImGui::IsKeyPressed(ImGuiKey_B, false)) {
    start_export(explorer, selection(explorer), ExportFormat::kBibtex, ExportTarget::kClipboard,
                 host);
  }
  if (ImGui::IsKeyPressed(ImGuiKey_L, false)) {
    const std::string url = paper_main_url(explorer.store(), row);
    if (!url.empty()) host.copy_text(url);
  }
  // s, r and h mark every selected paper (the current one when none is selected): when all
  // of them have the mark it comes off, otherwise every one gets it, so a mixed selection
  // ends up marked alike.
  auto mark_selected = [&](Mark mark) {
    std::vector<std::string> ids;
    for (const uint32_t r : selection_) {
      if (r < explorer.store().size()) ids.emplace_back(explorer.store().id(r));
    }
    if (ids.empty()) ids.push_back(id);
    bool all = true;
    for (const std::string& paper : ids) all = all && list.marks(paper).get(mark);
    for (const std::string& paper : ids) list.set_mark(paper, mark, !all);
  };
  if (ImGui::IsKeyPressed(ImGuiKey_S, false)) mark_selected(Mark::kStarred);
  if (ImGui::IsKeyPressed(ImGuiKey_R, false)) mark_selected(Mark::kRead);
  if (ImGui::IsKeyPressed(ImGuiKey_H, false)) mark_selected(Mark::kHidden);
}

}  // namespace ps
