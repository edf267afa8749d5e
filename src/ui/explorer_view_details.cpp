// ExplorerView: the detail pane of the selected paper: title, date, upvotes, venue, authors
// and tags (click one to search for it), links (opened by the host), the whole abstract
// (for a chunked collection, once its chunk is here: explorer_view_export.cpp).
#include <imgui.h>

#include "core/display_text.h"
#include "core/highlight.h"
#include "core/links.h"
#include "ui/explorer_view.h"
#include "ui/rich_text.h"
#include "ui/theme.h"
#include "ui/view_helpers.h"

namespace ps {

namespace {

constexpr size_t kMaxAbstractShown = 20000;  // bytes; longer abstracts are cut for display

}  // namespace

void ExplorerView::draw_details(Explorer& explorer, const UiFonts& fonts, ViewHost& host) {
  const PaperStore& store = explorer.store();
  const ThemeColors& colors = theme_colors();
  if (selected_row_ < 0 || selected_row_ >= static_cast<int64_t>(store.size())) {
    text_colored(colors.muted_text, "Select a paper to see its abstract and links.");
    return;
  }
  const uint32_t row = static_cast<uint32_t>(selected_row_);
  const std::vector<SearchedWord>& searched = explorer.searched_words();
  const SearchIndex& index = explorer.index();

  ImGui::PushFont(fonts.heading ? fonts.heading : ImGui::GetFont());
  const std::string title = display_text(store.title(row));
  wrapped_text(title, highlight_ranges(title, index, searched, kInTitle),
               ImGui::GetColorU32(ImGuiCol_Text));
  ImGui::PopFont();

  std::string meta;
  const std::string date = store.date(row).to_string();
  meta += date.empty() ? "undated" : date;
  meta += "  \xC2\xB7  \xE2\x96\xB2 " + std::to_string(store.upvotes(row)) + " upvotes";
  if (!store.venue(row).empty()) meta += "  \xC2\xB7  " + std::string(store.venue(row));
  text_colored(colors.muted_text, meta);

  // Authors: each a link that adds author:"Name" to the query.
  const uint32_t named = store.named_author_count(row);
  if (named == 0) {
    const std::string count = author_line(store, row, 0);
    if (!count.empty()) text_colored(colors.muted_text, count);
  } else {
    const float right = ImGui::GetContentRegionMax().x;
    for (uint32_t i = 0; i < named; ++i) {
      const std::string_view name = store.author(row, i);
      const std::string label = std::string(name) + (i + 1 < named ? "," : "");
      if (i > 0) {
        ImGui::SameLine(0, ImGui::CalcTextSize(" ").x);
        if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(label.c_str()).x > right) ImGui::NewLine();
      }
      if (text_link(std::to_string(i).c_str(), label, colors.accent)) {
        add_query_term(explorer, field_term("author", name));
      }
      record_item("author:" + std::to_string(i));
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Search for papers by %.*s", static_cast<int>(name.size()), name.data());
    }
    const uint32_t unnamed = store.author_count(row) - named;
    if (unnamed > 0) {
      ImGui::SameLine();
      text_colored(colors.muted_text, "+" + std::to_string(unnamed) + " more");
    }
  }

  // Tags: buttons that add tag:value to the query.
  const Span<TagRef> tags = store.tags(row);
  if (!tags.empty()) {
    const float right = ImGui::GetContentRegionMax().x;
    for (size_t i = 0; i < tags.size(); ++i) {
      const std::string value(store.tag_value(tags[i].value));
      if (i) {
        ImGui::SameLine();
        if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(value.c_str()).x + 16 > right)
          ImGui::NewLine();
      }
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton(value.c_str())) add_query_term(explorer, field_term("tag", value));
      record_item("tag:" + std::to_string(i));
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s: search for this tag", tag_kind_name(tags[i].kind));
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
      ImGui::PushID(static_cast<int>(i + 1000));
      if (i) ImGui::SameLine();
      if (ImGui::Button(label.c_str())) host.open_url(url);
      record_item("link:" + std::to_string(i));
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%.*s", static_cast<int>(url.size()), url.data());
      }
      ImGui::PopID();
    }
  }

  ImGui::Spacing();
  draw_paper_actions(explorer, row, host);
  ImGui::Separator();
  // A chunked collection's paper whose chunk is on its way, or failed.
  if (explorer.details(row) != Explorer::Details::kLoaded) {
    draw_details_state(explorer, row);
    draw_related(explorer, row);
    return;
  }
  const std::string abstract_text = display_text(store.abstract(row));
  std::string_view abstract = abstract_text;
  if (abstract.empty()) {
    text_colored(colors.muted_text, "No abstract.");
    return;
  }
  const bool cut = abstract.size() > kMaxAbstractShown;
  if (cut) {
    size_t end = kMaxAbstractShown;  // on a character boundary
    while (end > 0 && (static_cast<unsigned char>(abstract[end]) & 0xC0) == 0x80) --end;
    abstract = abstract.substr(0, end);
  }
  wrapped_text(abstract, highlight_ranges(abstract, index, searched, kInAbstract),
               ImGui::GetColorU32(ImGuiCol_Text));
  if (cut) {
    text_colored(colors.muted_text, "... (abstract cut for display: " +
                                        std::to_string(store.abstract(row).size() / 1024) +
                                        " KB in all)");
  }
  draw_related(explorer, row);
}

// The ten most similar papers (tf-idf cosine), and "more like this".
void ExplorerView::draw_related(Explorer& explorer, uint32_t row) {
  if (related_row_ != static_cast<int64_t>(row)) {
    related_ = explorer.related(row, 10);
    related_row_ = row;
  }
  ImGui::Spacing();
  ImGui::SeparatorText("Related papers");
  if (ImGui::SmallButton("More like this")) {
    const std::string query = explorer.more_like_this(row);
    if (!query.empty()) set_query(explorer, query);
  }
  record_item("more-like-this");
  if (related_.empty()) {
    text_colored(theme_colors().muted_text, "None found.");
    return;
  }
  const PaperStore& store = explorer.store();
  for (size_t i = 0; i < related_.size(); ++i) {
    const uint32_t other = related_[i].first;
    ImGui::PushID(static_cast<int>(i));
    const std::string label = display_text(store.title(other));
    if (ImGui::Selectable(label.c_str(), false)) select_row(other);
    record_item("related:" + std::to_string(i));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("similarity %.2f", related_[i].second);
    ImGui::PopID();
  }
}

}  // namespace ps
