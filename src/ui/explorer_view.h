// ExplorerView: the whole explorer window drawn with Dear ImGui. It borrows the Explorer
// (core) for data, keeps only view state (the search box's text, the selection, the rows
// it drew last frame) and asks its ViewHost (the platform) to do anything outside ImGui:
// open a link, show a file picker, load a collection.
//   explorer_view.cpp          the frame, header, search box and controls, query help
//   explorer_view_list.cpp     the result list
//   explorer_view_details.cpp  the detail pane
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/explorer.h"
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
};

// What the platform knows about loading, for the view to show.
struct LoadStatus {
  bool loading = false;
  float progress = -1.0f;       // 0..1, or < 0 when unknown
  std::string loading_what;     // "papers.json"
  std::string error;            // the last load's error, "" when none
  bool showing_default = true;  // the default collection is the one shown
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
  // Selection by store row; -1 for none.
  int64_t selected_row() const { return selected_row_; }
  void select_row(int64_t row) {
    selected_row_ = row;
    scroll_to_selection_ = row >= 0;
  }
  void on_collection_changed() { selected_row_ = -1; }
  void focus_search() { focus_search_ = true; }
  bool help_open() const { return help_open_; }
  void set_help_open(bool open) { help_open_ = open; }
  // The rectangle of result `index` if it was drawn on screen in the last frame.
  bool row_rect(size_t index, ViewRect& rect) const;
  // The rectangle of a named control drawn in the last frame: "search", "help", "sort",
  // "has-code", "open-file", "default-collection", "author:N", "tag:N", "link:N".
  bool item_rect(const std::string& name, ViewRect& rect) const;

 private:
  void draw_header(Explorer& explorer, const LoadStatus& status, const UiFonts& fonts,
                   ViewHost& host);
  void draw_controls(Explorer& explorer);
  void draw_query_messages(Explorer& explorer);
  void draw_help();
  void draw_results(Explorer& explorer, const UiFonts& fonts);
  void draw_details(Explorer& explorer, const UiFonts& fonts, ViewHost& host);
  static int search_callback(ImGuiInputTextCallbackData* data);
  void record_item(std::string name);  // the last ImGui item's rectangle, under that name

  // [Internal]
  std::string query_input_;
  // Edits to hand to the search box while ImGui owns its text (it is being edited).
  struct PendingEdit {
    bool replace_all = false;  // replace the whole text with `text`
    bool insert = false;       // insert `text` at the caret, over the selection
    std::string text;
  };
  PendingEdit pending_;
  bool search_active_ = false;
  bool focus_search_ = false;  // give the search box keyboard focus next frame
  bool help_open_ = false;
  int64_t selected_row_ = -1;
  bool scroll_to_selection_ = false;
  struct DrawnRow {
    size_t index;
    ViewRect rect;
  };
  std::vector<DrawnRow> drawn_rows_;  // rows drawn and visible in the last frame
  std::vector<std::pair<std::string, ViewRect>> items_;  // named controls, last frame
};

}  // namespace ps
