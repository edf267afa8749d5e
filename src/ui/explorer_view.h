// ExplorerView: the whole explorer window drawn with Dear ImGui. It borrows the Explorer
// (core) for data, keeps only view state (the search box's text, the selection, the rows
// it drew last frame) and asks its ViewHost (the platform) to do anything outside ImGui:
// open a link, show a file picker, load a collection.
//   explorer_view.cpp          the frame, header, search box and controls, query help
//   explorer_view_list.cpp     the result list
//   explorer_view_details.cpp  the detail pane
//   explorer_view_panels.cpp   export menu, reading list, remembered collections
//   explorer_view_export.cpp   exports that wait for a chunked collection's details
//   explorer_view_facets.cpp   the facet sidebar and the timeline
#pragma once
#include <array>
#include <climits>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/explorer.h"
#include "core/exporters.h"
#include "core/facet_query.h"
#include "ui/fonts.h"

struct ImGuiInputTextCallbackData;

namespace ps {

class ViewHost {
 public:
  virtual ~ViewHost() = default;
  // Opens an http(s) link in a new tab; anything else is refused by the host.
  virtual void open_url(std::string_view url) = 0;
  virtual void open_file_picker() = 0;
  virtual void load_default_collection() = 0;
  // Offers text as a file to save (a browser download).
  virtual void download(const std::string& file_name, const char* mime_type,
                        const std::string& text) = 0;
  virtual void copy_text(const std::string& text) = 0;
  // The reading list from a JSON file the user picks (merged into the current one).
  virtual void import_reading_list() = 0;
  // Remembered collections (kept in the browser).
  virtual void remember_collection() = 0;
  virtual void open_remembered(int id) = 0;
  virtual void forget_remembered(int id) = 0;
  // Tries the last failed fetch again.
  virtual void retry_load() = 0;
  // Opens a collection by URL (a bundle, another format, or a chunked collection's manifest).
  virtual void open_collection_url(const std::string& url) = 0;
};

// A collection kept in the browser, as the platform lists it.
struct RememberedCollection {
  int id = 0;
  std::string name;   // file name or URL
  std::string saved;  // when it was kept, "2026-11-26"
  double bytes = 0;
  int papers = 0;
};

// What the platform knows about loading, for the view to show.
struct LoadStatus {
  bool loading = false;
  float progress = -1.0f;       // 0..1, or < 0 when unknown
  std::string loading_what;     // "papers.json"
  std::string error;            // the last load's error, "" when none
  bool retryable = false;       // the error was a fetch that may work on a second try
  bool showing_default = true;  // the default collection is the one shown
  bool can_remember = false;    // the collection shown came from a file or URL
  std::vector<RememberedCollection> remembered;
};

// A rectangle in CSS pixels.
struct ViewRect {
  float x = 0, y = 0, w = 0, h = 0;
};

class ExplorerView {
 public:
  void draw(Explorer& explorer, const LoadStatus& status, const UiFonts& fonts, ViewHost& host);

  // Replaces the search text (from the JS API or the URL) and applies it.
  void set_query(Explorer& explorer, std::string_view text);
  // Adds a field term (author:"Ada Lovelace") to the query, unless it is there already.
  void add_query_term(Explorer& explorer, const std::string& term);
  // Inserts pasted text at the search box's caret (focusing the box when it is not).
  void paste_text(const std::string& text);
  // The search box's text and selection as a text input outside the canvas has them (the
  // page's hidden input, which phones, input methods and dead keys type into).
  void mirror_search_input(Explorer& explorer, const std::string& text, int selection_start,
                           int selection_end);
  // The paper shown in the detail pane (store row; -1 for none).
  int64_t selected_row() const { return selected_row_; }
  void select_row(int64_t row) {
    notice_.clear();
    selected_row_ = row;
    selection_.clear();
    if (row >= 0) selection_.push_back(static_cast<uint32_t>(row));
    anchor_row_ = row;
    scroll_to_selection_ = row >= 0;
  }
  // Every selected paper (Ctrl/Cmd-click adds, Shift-click extends; by keyboard x adds or
  // removes the current paper, Shift+Up/Down extends), in result order.
  std::vector<uint32_t> selection(Explorer& explorer) const;
  void on_collection_changed() {
    export_ = PendingExport();
    selected_row_ = anchor_row_ = focused_row_ = -1;
    selection_.clear();
    related_row_ = -1;
    for (auto& cache : facet_cache_) cache.generation = 0;
  }
  // An export waiting for details (a chunked collection's abstracts and links), or why it
  // could not be made; "" when none.
  const std::string& export_message() const { return export_.message; }
  // Exports (a download or the clipboard) as the export menu, Copy BibTeX and the b key
  // make them: a chunked collection's papers need their details first, so the export asks
  // for their chunks and finishes when they are all here, or says why it cannot (a chunk
  // failed, or too many to fetch): never an export with details missing.
  enum class ExportTarget : uint8_t { kDownload, kClipboard };
  void start_export(Explorer& explorer, std::vector<uint32_t> rows, ExportFormat format,
                    ExportTarget target, ViewHost& host);
  // The text an export would hold: scope "results" or "selection".
  static std::string export_text(Explorer& explorer, const std::vector<uint32_t>& rows,
                                 ExportFormat format);
  bool reading_list_open() const { return reading_list_open_; }
  void focus_search() { focus_search_ = true; }
  bool help_open() const { return help_open_; }
  bool shortcuts_open() const { return shortcuts_open_; }
  bool search_active() const { return search_active_; }
  // A one-line message under the search box, until the next action ("no link").
  const std::string& notice() const { return notice_; }
  void set_help_open(bool open) { help_open_ = open; }
  // The rectangle of result `index` if it was drawn on screen in the last frame.
  bool row_rect(size_t index, ViewRect& rect) const;
  // The result indices drawn on screen in the last frame, top to bottom.
  std::vector<size_t> visible_indices() const {
    std::vector<size_t> out;
    for (const DrawnRow& row : drawn_rows_) out.push_back(row.index);
    return out;
  }
  // The rectangle of a named control drawn in the last frame: "search", "help", "sort",
  // "has-code", "open-file", "default-collection", "author:N", "tag:N", "link:N".
  bool item_rect(const std::string& name, ViewRect& rect) const;

 private:
  void draw_header(Explorer& explorer, const LoadStatus& status, const UiFonts& fonts,
                   ViewHost& host);
  void draw_controls(Explorer& explorer);
  void draw_query_messages(Explorer& explorer);
  void draw_help();
  void draw_shortcuts();
  void draw_results(Explorer& explorer, const UiFonts& fonts);
  void draw_details(Explorer& explorer, const UiFonts& fonts, ViewHost& host);
  void draw_paper_actions(Explorer& explorer, uint32_t row, ViewHost& host);
  void draw_export_menu(Explorer& explorer, ViewHost& host);
  void draw_collections_menu(const LoadStatus& status, ViewHost& host);
  // Exports waiting for details, and the detail pane's (explorer_view_export.cpp).
  void step_export(Explorer& explorer, ViewHost& host);
  void draw_export_status(Explorer& explorer, ViewHost& host);
  void draw_details_state(Explorer& explorer, uint32_t row);
  void draw_reading_list(Explorer& explorer, ViewHost& host);
  void handle_shortcuts(Explorer& explorer, ViewHost& host);
  void draw_facets(Explorer& explorer);
  void draw_timeline(Explorer& explorer);
  void draw_related(Explorer& explorer, uint32_t row);
  const std::vector<FacetValue>& cached_facet(Explorer& explorer, FacetField field);
  bool facet_row(FacetChoices& choices, FacetField field, const FacetValue& value,
                 const std::string& id);
  bool facet_section(FacetChoices& choices, FacetField field, const char* heading,
                     std::vector<FacetValue> values, const std::string& key);
  void click_row(const std::vector<uint32_t>& results, size_t index);
  // The keyboard's way to the same: move the current paper to results[index] (extending the
  // selection with Shift), add or remove the current paper, keep only the current paper.
  void move_current(const std::vector<uint32_t>& results, size_t index, bool extend);
  void toggle_current();
  void keep_only_current();
  static int search_callback(ImGuiInputTextCallbackData* data);
  void record_item(std::string name);  // the last ImGui item's rectangle, under that name

  // [Internal]
  struct PendingExport {
    bool waiting = false;  // for chunks to arrive
    bool failed = false;   // a chunk failed: message says which; Retry asks again
    std::vector<uint32_t> rows;
    ExportFormat format = ExportFormat::kBibtex;
    ExportTarget target = ExportTarget::kDownload;
    std::string message;
  };
  PendingExport export_;
  std::string url_input_;  // "Open URL" in the collections menu
  std::string query_input_;
  // Edits to hand to the search box while ImGui owns its text (it is being edited).
  struct PendingEdit {
    bool replace_all = false;  // replace the whole text with `text`
    bool insert = false;       // insert `text` at the caret, over the selection
    std::string text;
    int selection_start = -1, selection_end = -1;  // then put the caret/selection here (bytes)
  };
  PendingEdit pending_;
  bool search_active_ = false;
  bool search_enter_ = false;  // Enter was pressed in the search box this frame
  bool focus_search_ = false;  // give the search box keyboard focus next frame
  bool help_open_ = false;
  bool shortcuts_open_ = false;
  std::string notice_;
  bool reading_list_open_ = false;
  int64_t selected_row_ = -1;
  std::vector<uint32_t> selection_;  // store rows; selected_row_ is the last one clicked
  int64_t anchor_row_ = -1;          // where Shift+Up/Down extends the selection from
  int64_t focused_row_ = -1;         // the result row with ImGui's keyboard focus, last frame
  bool focus_extends_ = false;       // Shift was down with the last key that moved the focus
  std::string note_input_;           // the note being edited, for note_row_
  int64_t note_row_ = -1;
  std::string tag_input_;
  static constexpr float kCompactWidth = 720;  // CSS px; narrower screens stack the panes
  bool compact_ = false;
  bool show_facets_ = true;  // the facet sidebar (hidden by default on narrow screens)
  bool facets_decided_ = false;
  struct FacetCache {
    uint64_t generation = 0;
    std::string query;
    std::vector<FacetValue> values;
  };
  std::array<FacetCache, kFacetFieldCount> facet_cache_;
  struct FacetUi {
    std::string filter;
    bool by_name = false;
    bool expanded = false;
  };
  std::map<std::string, FacetUi> facet_ui_;
  int step_unit_ = 0;              // the timeline's step: day, week, month
  size_t brush_start_ = SIZE_MAX;  // the bin a drag on the timeline started at
  int64_t related_row_ = -1;       // related papers are computed once per selection
  std::vector<std::pair<uint32_t, float>> related_;
  bool scroll_to_selection_ = false;
  struct DrawnRow {
    size_t index;
    ViewRect rect;
  };
  std::vector<DrawnRow> drawn_rows_;                     // rows drawn and visible in the last frame
  std::vector<std::pair<std::string, ViewRect>> items_;  // named controls, last frame
};

}  // namespace ps
