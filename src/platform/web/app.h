// The web app: one App per explorer instance (no globals), owning the core Explorer, the
// ImGui view and context, the WebGL context and the loading state. Frames are rendered only
// when something asks for one (input, loading, an API call): an idle page costs nothing.
#pragma once
#include <emscripten/html5.h>

#include <memory>
#include <string>
#include <vector>

#include "core/collection_loader.h"
#include "core/explorer.h"
#include "platform/wasm_memory.h"
#include "platform/web/gl_renderer.h"
#include "ui/explorer_view.h"
#include "ui/fonts.h"

struct ImGuiContext;

namespace ps {

class App final : public ViewHost {
 public:
  App();
  ~App() override;
  bool init();  // WebGL and ImGui; false when WebGL 2 is unavailable

  // Scheduling: at least `frames` more frames will be rendered.
  void request_frames(int frames = 3);

  // Loading (bytes are owned by the loader from here on). Several inputs are read into one
  // collection (duplicates fold; core/collection_loader.h): the page stages each, then
  // begins the load.
  void begin_load(std::string bytes, std::string name, int request_id, bool is_default,
                  bool keep_error);
  void stage_input(std::string bytes, std::string name);
  void clear_staged_inputs() { staged_.clear(); }
  // Room for an input of `length` bytes, for the page to fill as it downloads (no copies of
  // big files); nullptr when it would not fit in memory.
  char* stage_buffer(size_t length, std::string name,
                     double needed_per_byte = kLoadMemoryPerInputByte);
  // The same for a chunked collection's resident part (it needs less memory per byte).
  char* stage_resident_buffer(size_t length, std::string name);
  void begin_staged_load(int request_id, bool is_default, bool keep_error);
  // A fetch failed in JS; retryable when trying again may help (network, server errors).
  void load_failed(int request_id, const std::string& message, bool retryable = false);
  void set_fetch_progress(const std::string& what, double progress);

  // Chunked collections (core/chunked.h; app_chunked.cpp). The page fetched a manifest and
  // hands its text here: read_manifest checks it and answers (JSON) which resident file to
  // fetch and its size, or why not; the page stages the resident bytes (stage_buffer), then
  // begin_chunked_load decodes them a slice at a time like any load.
  std::string read_manifest(const std::string& text, const std::string& name, int request_id);
  void begin_chunked_load(int request_id, bool is_default, bool keep_error);
  // Chunks the explorer asks for go to the page to fetch (ps_js_fetch_chunk), tagged with
  // the collection's number so that a chunk of a collection since replaced is dropped.
  void dispatch_chunk_requests();
  void chunk_arrived(int collection, uint32_t chunk, std::string_view bytes);
  void chunk_fetch_failed(int collection, uint32_t chunk, const std::string& message);
  int collection_number() const { return collection_number_; }
  // Bytes fetched for the chunked collection shown: manifest, resident part and chunks
  // (damaged ones too); 0 for other collections.
  double bytes_fetched() const { return bytes_fetched_; }
  uint32_t chunks_in_flight() const { return chunks_in_flight_; }
  void set_font(int which, std::string bytes);  // 0 regular, 1 semibold, 2.. fallbacks
  void fonts_done();                            // every font that will come has come
  void set_dark_theme(bool dark);
  void paste_text(const std::string& text);

  Explorer& explorer() { return explorer_; }
  ExplorerView& view() { return view_; }
  const LoadStatus& status() const { return status_; }
  uint64_t frame_count() const { return frame_count_; }
  float css_width() const { return css_width_; }
  float css_height() const { return css_height_; }
  float pixel_ratio() const { return pixel_ratio_; }
  // Whether the canvas has keyboard focus (it then also takes the mouse wheel).
  bool focused() const { return focused_; }
  void set_focused(bool focused) {
    focused_ = focused;
    ever_focused_ = ever_focused_ || focused;
  }
  bool was_ever_focused() const { return ever_focused_; }
  // The page's hidden search input has the keyboard (it is part of the explorer too).
  void set_text_input_focused(bool focused) {
    text_input_focused_ = focused;
    request_frames();
  }
  // The canvas or its search input has the keyboard.
  bool has_keyboard() const { return focused_ || text_input_focused_; }

  // ViewHost
  void open_url(std::string_view url) override;
  void open_file_picker() override;
  void load_default_collection() override;
  void download(const std::string& file_name, const char* mime_type,
                const std::string& text) override;
  void copy_text(const std::string& text) override;
  void import_reading_list() override;
  void remember_collection() override;
  void open_remembered(int id) override;
  void forget_remembered(int id) override;
  void retry_load() override;
  void open_collection_url(const std::string& url) override;

  // What the platform keeps for the view: remembered collections, whether the current
  // collection can be remembered.
  LoadStatus& mutable_status() { return status_; }

  // A lower memory limit than the wasm maximum (tests use it to check the limit's message
  // without gigabytes of data); 0 for none.
  void set_memory_budget(double bytes) { memory_budget_ = bytes; }

  // Touch scrolling with momentum (input.cpp feeds it, frame() lets a flick run out).
  struct TouchScroll {
    bool active = false, dragging = false, momentum = false;
    float start_x = 0, start_y = 0, last_y = 0;
    float velocity = 0;  // px per ms, smoothed
    double last_time = 0;
  };
  static constexpr float kPixelsPerWheelStep = 75.0f;  // ImGui scrolls 5 lines per wheel step
  TouchScroll& touch() { return touch_; }

  // WebGL context loss and restore (input.cpp registers the callbacks).
  void on_context_lost();
  void on_context_restored();
  bool context_lost() const { return context_lost_; }

  // [Internal] called from the rAF loop; returns whether to keep the loop running.
  bool frame();
  ImGuiContext* imgui() const { return imgui_; }

 private:
  void update_canvas_size();
  void notify_state_changes();
  void update_mirror();
  void step_loading();
  void finish_loading();
  void finish_indexing();
  // A load still being read or indexed is dropped (its request answered "replaced").
  void cancel_running_load();
  double used_memory() const;   // bytes allocated in the wasm heap
  double memory_limit() const;  // what the page may use in all
  // The message for a load that needs more memory than is free, or "" when it fits.
  std::string memory_refusal(const std::string& names, double input_bytes) const;
  bool fonts_ready() const {
    return fonts_complete_ && !font_files_.regular.empty() && !font_files_.semibold.empty();
  }
  bool fonts_complete_ = false;

  Explorer explorer_;
  ExplorerView view_;
  LoadStatus status_;
  ImGuiContext* imgui_ = nullptr;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl_ = 0;
  GlRenderer renderer_;

  FontFiles font_files_;
  UiFonts fonts_;
  float fonts_ratio_ = 0;  // the pixel ratio the atlas was built for
  bool dark_ = false;

  // Chunked loads: the manifest read, until its resident part has been fetched.
  std::unique_ptr<ChunkedManifest> pending_manifest_;
  std::string pending_manifest_name_;
  int pending_request_ = 0;
  double pending_fetched_ = 0;     // the manifest's and the resident part's bytes
  std::string chunked_load_name_;  // the manifest being decoded ("" for other loads)
  int collection_number_ = 0;      // counts collections shown
  double bytes_fetched_ = 0;
  uint32_t chunks_in_flight_ = 0;

  std::unique_ptr<CollectionLoader> loader_;
  std::unique_ptr<IndexingJob> indexing_;  // a loaded collection being indexed
  std::vector<LoadInput> staged_;          // inputs of the next load of several
  size_t load_input_count_ = 0;            // inputs of the load being read
  int load_request_ = 0;
  bool load_is_default_ = false;
  bool load_keeps_error_ = false;
  bool has_collection_ = false;
  bool ready_notified_ = false;
  uint64_t saved_reading_list_ = 0;
  std::string mirror_;  // the accessible mirror last handed to the page  // the reading list
                        // version last handed to the page

  int frames_pending_ = 0;
  bool loop_running_ = false;
  uint64_t frame_count_ = 0;
  double last_frame_time_ = 0;  // seconds
  double last_draw_ms_ = 0;     // while loading: when the progress was last drawn
  int last_cursor_ = -2;
  // What the page was told last (see notify_state_changes).
  struct Reported {
    std::string query, sort, selected;
    Filters filters;
    bool search_focused = false;
    ViewRect search;  // where the search box is (the page's text input sits on it)
  } reported_;
  float css_width_ = 0, css_height_ = 0, pixel_ratio_ = 1;
  bool focused_ = false;
  bool text_input_focused_ = false;
  bool imgui_focused_ = false;  // what ImGui was last told (sync_focus)
  void sync_focus();
  bool context_lost_ = false;
  TouchScroll touch_;
  double memory_budget_ = 0;
  bool ever_focused_ = false;
  int canvas_w_ = 0, canvas_h_ = 0;
};

// Registers the html5.h input callbacks on this app's canvas (input.cpp).
void install_input_callbacks(App& app);

}  // namespace ps
