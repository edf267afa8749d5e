// ExplorerView: the facet sidebar (tags by kind, your own tags, venues, has-code, with live
// counts) and the timeline (papers per month under the query; drag to choose a range,
// double-click to clear, step by day, week or month). Every choice is a term in the query text.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>

#include "core/facet_query.h"
#include "core/text_fold.h"
#include "ui/explorer_view.h"
#include "ui/theme.h"
#include "ui/view_helpers.h"

namespace ps {

namespace {

constexpr size_t kValuesShown = 8;  // per facet, until "more" is clicked

const char* kind_heading(TagKind kind) {
  switch (kind) {
    case TagKind::kCategory:
      return "Categories";
    case TagKind::kKeyword:
      return "Keywords";
    case TagKind::kFieldOfStudy:
      return "Fields of study";
    case TagKind::kUser:
      return "Tags";
  }
  return "Tags";
}

}  // namespace

const std::vector<FacetValue>& ExplorerView::cached_facet(Explorer& explorer, FacetField field) {
  FacetCache& cache = facet_cache_[static_cast<size_t>(field)];
  const uint64_t generation = explorer.generation() * 31 + explorer.reading_list().version();
  if (cache.generation != generation || cache.query != explorer.query()) {
    cache.values = explorer.facet_counts(field);
    cache.generation = generation;
    cache.query = explorer.query();
  }
  return cache.values;
}

// One value: a marker (✓ included, ✗ excluded), the value and its count. Click includes,
// Alt-click or right-click excludes; clicking again removes the choice. By keyboard, on a
// focused value: Enter or Space includes, Shift+Enter, - or Delete excludes.
bool ExplorerView::facet_row(FacetChoices& choices, FacetField field, const FacetValue& value,
                             const std::string& id) {
  const int state = choices.state_of(field, value.value);
  const ThemeColors& colors = theme_colors();
  const char* marker = state > 0 ? "\xE2\x9C\x93" : state < 0 ? "\xE2\x9C\x97" : " ";
  ImGui::PushID(id.c_str());
  // "###": the ID leaves out the marker, so keyboard focus stays on the value it changes.
  const std::string label = std::string(marker) + "  " + value.value + "###value";
  const bool clicked = ImGui::Selectable(label.c_str(), state != 0);
  record_item(id);
  const ImGuiIO& io = ImGui::GetIO();
  const bool by_key = ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
                      ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false) ||
                      ImGui::IsKeyPressed(ImGuiKey_Space, false);
  const bool focused = io.NavVisible && ImGui::IsItemFocused();
  const bool minus_typed = std::find(io.InputQueueCharacters.begin(), io.InputQueueCharacters.end(),
                                     ImWchar('-')) != io.InputQueueCharacters.end();
  bool changed = false;
  if (clicked) {
    choices.toggle(field, value.value, io.KeyAlt || (by_key && io.KeyShift));
    changed = true;
  } else if (ImGui::IsItemClicked(ImGuiMouseButton_Right) ||
             (focused && (minus_typed || ImGui::IsKeyPressed(ImGuiKey_Delete, false)))) {
    choices.toggle(field, value.value, true);
    changed = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Click to include, Alt-click or right-click to exclude");
  else if (focused)
    ImGui::SetTooltip("Enter to include, Shift+Enter, - or Delete to exclude");
  const std::string count = std::to_string(value.count);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(count.c_str()).x);
  text_colored(state < 0 ? colors.error_text : colors.muted_text, count);
  ImGui::PopID();
  return changed;
}

// One facet: its heading with AND/OR and sort toggles, a filter box for long lists, values.
bool ExplorerView::facet_section(FacetChoices& choices, FacetField field, const char* heading,
                                 std::vector<FacetValue> values, const std::string& key) {
  FacetUi& ui = facet_ui_[key];
  bool changed = false;
  ImGui::PushID(key.c_str());
  // Chosen values that no longer match still show, so they can be undone.
  for (const auto* list : {&choices.field(field).included, &choices.field(field).excluded}) {
    for (const std::string& v : *list) {
      const bool present = std::any_of(values.begin(), values.end(), [&](const FacetValue& f) {
        return fold_words_joined(f.value) == fold_words_joined(v);
      });
      if (!present && (field != FacetField::kTag || key == "tag"))
        values.push_back(FacetValue{v, 0});
    }
  }
  if (ui.by_name) {
    std::sort(values.begin(), values.end(),
              [](const FacetValue& a, const FacetValue& b) { return a.value < b.value; });
  }
  ImGui::SeparatorText(heading);
  FacetChoices::Field& chosen = choices.field(field);
  if (ImGui::SmallButton(chosen.any_of ? "any" : "all")) {
    chosen.any_of = !chosen.any_of;
    changed = !chosen.included.empty();
  }
  record_item("facet-mode:" + key);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(chosen.any_of ? "Papers with any of the chosen values (OR)"
                                    : "Papers with all of the chosen values (AND)");
  }
  ImGui::SameLine();
  if (ImGui::SmallButton(ui.by_name ? "A-Z" : "count")) ui.by_name = !ui.by_name;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Sort by count or by name");
  if (values.size() > kValuesShown) {
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##filter", "filter", &ui.filter);
  }
  const std::string filter = fold_words_joined(ui.filter);
  size_t shown = 0, hidden = 0;
  for (const FacetValue& value : values) {
    if (!filter.empty() && fold_words_joined(value.value).find(filter) == std::string::npos)
      continue;
    const bool chosen_value = choices.state_of(field, value.value) != 0;
    if (!ui.expanded && shown >= kValuesShown && !chosen_value) {
      ++hidden;
      continue;
    }
    ++shown;
    changed |= facet_row(choices, field, value, "facet:" + key + ":" + value.value);
  }
  if (hidden > 0 && ImGui::SmallButton(("more (" + std::to_string(hidden) + ")").c_str()))
    ui.expanded = true;
  if (ui.expanded && values.size() > kValuesShown && ImGui::SmallButton("fewer"))
    ui.expanded = false;
  if (values.empty()) text_colored(theme_colors().muted_text, "none");
  ImGui::PopID();
  return changed;
}

void ExplorerView::draw_facets(Explorer& explorer) {
  FacetChoices choices = split_facet_choices(explorer.query());
  bool changed = false;

  // Has code.
  const std::vector<FacetValue>& code = cached_facet(explorer, FacetField::kHasCode);
  ImGui::SeparatorText("Code");
  changed |=
      facet_row(choices, FacetField::kHasCode,
                FacetValue{"has code", code.empty() ? 0 : code.front().count}, "facet:has-code");

  // Your own tags (the reading list's, mytag:"x"): shown once you have tagged a paper here,
  // above the collection's tags: a short list, and the reader's own way of sorting papers.
  const std::vector<FacetValue>& my_tags = cached_facet(explorer, FacetField::kMyTag);
  if (!my_tags.empty() || !choices.mytags.included.empty() || !choices.mytags.excluded.empty()) {
    changed |= facet_section(choices, FacetField::kMyTag, "Your tags", my_tags, "mytag");
  }
  // Tags, grouped by kind.
  const std::vector<FacetValue>& tags = cached_facet(explorer, FacetField::kTag);
  for (TagKind kind :
       {TagKind::kCategory, TagKind::kKeyword, TagKind::kFieldOfStudy, TagKind::kUser}) {
    std::vector<FacetValue> of_kind;
    for (const FacetValue& v : tags) {
      if (v.kind == kind) of_kind.push_back(v);
    }
    if (of_kind.empty()) continue;
    changed |= facet_section(
        choices, FacetField::kTag, kind_heading(kind), std::move(of_kind),
        kind == TagKind::kCategory ? "tag" : std::string("tag-") + tag_kind_name(kind));
  }
  // Venues.
  const std::vector<FacetValue>& venues = cached_facet(explorer, FacetField::kVenue);
  if (!venues.empty() || !choices.venues.included.empty() || !choices.venues.excluded.empty()) {
    changed |= facet_section(choices, FacetField::kVenue, "Venues", venues, "venue");
  }
  if (tags.empty() && venues.empty()) {
    text_colored(theme_colors().muted_text, "This collection has no tags or venues.");
  }
  if (changed) set_query(explorer, compose_query(choices));
}

//-----------------------------------------------------------------------------
// Timeline
//-----------------------------------------------------------------------------

void ExplorerView::draw_timeline(Explorer& explorer) {
  const Timeline timeline = explorer.timeline();
  const ThemeColors& colors = theme_colors();
  FacetChoices choices = split_facet_choices(explorer.query());
  bool changed = false;

  // Step buttons: previous/next day, week or month, as daily paper pages do.
  static const char* kUnits[] = {"day", "week", "month"};
  ImGui::SetNextItemWidth(80);
  ImGui::Combo("##step", &step_unit_, kUnits, 3);
  record_item("timeline-unit");
  ImGui::SameLine(0, 4);
  const DateStep unit = static_cast<DateStep>(step_unit_);
  if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) {
    choices.date_range = step_date_range(choices.date_range, unit, -1, explorer.reference_date());
    changed = true;
  }
  record_item("timeline-prev");
  ImGui::SameLine(0, 4);
  if (ImGui::ArrowButton("##next", ImGuiDir_Right)) {
    choices.date_range = step_date_range(choices.date_range, unit, 1, explorer.reference_date());
    changed = true;
  }
  record_item("timeline-next");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  if (!choices.date_range.empty()) {
    text_colored(colors.accent, "date:" + choices.date_range);
    ImGui::SameLine();
    if (ImGui::SmallButton("clear##date")) {
      choices.date_range.clear();
      changed = true;
    }
  } else if (!compact_) {
    text_colored(colors.muted_text,
                 timeline.bins.empty() ? "No dated papers" : "Drag across the bars to pick dates");
  } else {
    ImGui::NewLine();  // nothing more on this line: the bars go below
  }

  const float height = 56.0f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(100.0f, ImGui::GetContentRegionAvail().x);
  ImGui::InvisibleButton("##timeline", ImVec2(width, height));
  record_item("timeline");
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height),
                      ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f);
  if (timeline.bins.empty()) {
    if (changed) set_query(explorer, compose_query(choices));
    return;
  }
  const size_t n = timeline.bins.size();
  const float bar_w = width / static_cast<float>(n);
  const uint32_t peak =
      std::max<uint32_t>(1, *std::max_element(timeline.bins.begin(), timeline.bins.end()));
  auto bin_at = [&](float x) {
    const float f = (x - origin.x) / bar_w;
    return static_cast<size_t>(std::clamp(f, 0.0f, static_cast<float>(n - 1)));
  };

  // The chosen range, shaded behind the bars.
  int64_t range_lo = 0, range_hi = -1;
  if (!choices.date_range.empty()) {
    const ParsedQuery parsed = parse_query("date:" + choices.date_range);
    if (parsed.ok() && parsed.root && parsed.root->kind == QueryNode::Kind::kRange) {
      range_lo = parsed.root->low;
      range_hi = parsed.root->high;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const float x0 = origin.x + static_cast<float>(i) * bar_w;
    const bool in_range =
        timeline.bin_last_day(i) >= range_lo && timeline.bin_first_day(i) <= range_hi;
    if (in_range) {
      draw->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x0 + bar_w, origin.y + height),
                          colors.highlight_fill);
    }
    if (!timeline.bins[i]) continue;
    const float h =
        std::max(2.0f, (height - 6) * std::sqrt(static_cast<float>(timeline.bins[i]) / peak));
    draw->AddRectFilled(ImVec2(x0 + (bar_w > 3 ? 0.5f : 0), origin.y + height - h),
                        ImVec2(x0 + bar_w - (bar_w > 3 ? 0.5f : 0), origin.y + height),
                        colors.accent);
  }
  // Labels at the two ends.
  text_colored(colors.muted_text, timeline.bin_label(0));
  const std::string last = timeline.bin_label(n - 1);
  ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(last.c_str()).x);
  text_colored(colors.muted_text, last);

  // Dragging chooses bins; a click picks one; a double-click clears.
  if (ImGui::IsItemActivated() || (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left))) {
    brush_start_ = bin_at(ImGui::GetIO().MousePos.x);
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    choices.date_range.clear();
    changed = true;
    brush_start_ = SIZE_MAX;
  } else if (brush_start_ != SIZE_MAX && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    const size_t end = bin_at(ImGui::GetIO().MousePos.x);
    const size_t lo = std::min(brush_start_, end), hi = std::max(brush_start_, end);
    choices.date_range =
        lo == hi ? timeline.bin_label(lo) : timeline.bin_label(lo) + ".." + timeline.bin_label(hi);
    changed = true;
    brush_start_ = SIZE_MAX;
  }
  if (brush_start_ != SIZE_MAX && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    const size_t end = bin_at(ImGui::GetIO().MousePos.x);
    const float x0 = origin.x + static_cast<float>(std::min(brush_start_, end)) * bar_w;
    const float x1 = origin.x + static_cast<float>(std::max(brush_start_, end) + 1) * bar_w;
    draw->AddRect(ImVec2(x0, origin.y), ImVec2(x1, origin.y + height), colors.accent, 2.0f, 0,
                  2.0f);
  }
  if (hovered && brush_start_ == SIZE_MAX) {
    const size_t bin = bin_at(ImGui::GetIO().MousePos.x);
    ImGui::SetTooltip("%s: %u papers", timeline.bin_label(bin).c_str(), timeline.bins[bin]);
  }
  if (changed) set_query(explorer, compose_query(choices));
}

}  // namespace ps
