#include "platform/web/app.h"

#include <emscripten.h>
#include <emscripten/heap.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>
#include "core/display_text.h"
#include "core/links.h"
#include "platform/web/gl_renderer.h"
#include "platform/web/js_host.h"
#include "ui/theme.h"

namespace ps {

namespace {

// Loading and indexing work per frame: long enough that a big collection loads at close to
// full speed, short enough that a frame (this plus drawing) stays well under 200 ms.
constexpr double kLoadBudgetMs = 40.0;
constexpr double kLoadingDrawIntervalMs = 200.0;

EM_BOOL animation_frame(double /*time*/, void* user_data) {
  return static_cast<App*>(user_data)->frame() ? EM_TRUE : EM_FALSE;
}

void set_clipboard(void* /*user_data*/, const char* text) {
  ps_js_set_clipboard(text);
}

// Pasting arrives as a DOM paste event (App::paste_text), never by reading the clipboard.
const char* get_clipboard(void* /*user_data*/) {
  return "";
}

}  // namespace

App::App() : view_() {}

App::~App() {
  if (imgui_) {
    ImGui::SetCurrentContext(imgui_);
    renderer_.destroy();
    ImGui::DestroyContext(imgui_);
  }
  if (gl_ > 0) emscripten_webgl_destroy_context(gl_);
}

bool App::init() {
  ps_js_bind_canvas();
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = EM_FALSE;
  attrs.depth = EM_FALSE;
  attrs.stencil = EM_FALSE;
  attrs.antialias = EM_FALSE;
  gl_ = emscripten_webgl_create_context("!canvas", &attrs);
  if (gl_ <= 0) return false;
  emscripten_webgl_make_context_current(gl_);

  imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigInputTextCursorBlink = false;     // a blinking caret would cost a frame per blink
  io.ConfigInputTextEnterKeepActive = true;  // Enter opens the selection, typing goes on
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab and arrows reach every control
  io.ConfigMacOSXBehaviors = ps_js_is_mac() != 0;
  io.BackendPlatformName = "paperscope_web";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  io.SetClipboardTextFn = set_clipboard;
  io.GetClipboardTextFn = get_clipboard;
  // The browser repeats held keys itself (input.cpp turns each repeat into a press).
  io.KeyRepeatDelay = 1e6f;
  if (!renderer_.create()) return false;
  apply_theme(dark_);
  install_input_callbacks(*this);
  if (ps_js_canvas_has_focus()) {  // focused before the callbacks were there
    set_focused(true);
    view_.focus_search();
  }
  ps_js_app_created(this);
  return true;
}

void App::request_frames(int frames) {
  if (frames_pending_ < frames) frames_pending_ = frames;
  if (!loop_running_) {
    loop_running_ = true;
    emscripten_request_animation_frame_loop(animation_frame, this);
  }
}

void App::update_canvas_size() {
  double w = 0, h = 0;
  emscripten_get_element_css_size("!canvas", &w, &h);
  const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  css_width_ = static_cast<float>(w);
  css_height_ = static_cast<float>(h);
  pixel_ratio_ = ratio > 0 ? ratio : 1.0f;
  const int pw = std::max(1, static_cast<int>(std::lround(w * pixel_ratio_)));
  const int ph = std::max(1, static_cast<int>(std::lround(h * pixel_ratio_)));
  if (pw != canvas_w_ || ph != canvas_h_) {
    emscripten_set_canvas_element_size("!canvas", pw, ph);
    canvas_w_ = pw;
    canvas_h_ = ph;
  }
  if (pixel_ratio_ != fonts_ratio_ && fonts_ready()) {
    // A new density (zoom, another screen) or a new GL context: rasterise the glyphs again.
    build_fonts(font_files_, pixel_ratio_, fonts_);
    renderer_.upload_fonts();
    fonts_ratio_ = pixel_ratio_;
  }
}

// Focus moving between the canvas and its own search input is not a loss of focus: ImGui
// hears only when the explorer as a whole gains or loses the keyboard, once per frame.
void App::sync_focus() {
  const bool focused = has_keyboard();
  if (focused == imgui_focused_) return;
  imgui_focused_ = focused;
  ImGui::GetIO().AddFocusEvent(focused);
}

void App::on_context_lost() {
  context_lost_ = true;
}

void App::on_context_restored() {
  // Every GL object died with the old context: make the renderer's again.
  ImGui::SetCurrentContext(imgui_);
  emscripten_webgl_make_context_current(gl_);
  renderer_.destroy();
  renderer_.create();
  fonts_ratio_ = 0;  // the font texture too, at the next frame
  canvas_w_ = canvas_h_ = 0;
  context_lost_ = false;
  request_frames();
}

bool App::frame() {
  if (!fonts_ready() || context_lost_) {  // nothing to draw with; set_font or restore asks again
    loop_running_ = false;
    return false;
  }
  ImGui::SetCurrentContext(imgui_);
  emscripten_webgl_make_context_current(gl_);
  update_canvas_size();
  if (loader_ || indexing_ || status_.loading) {
    if (loader_ || indexing_) step_loading();
    // While a collection loads, most frames only load: the progress bar is drawn a few
    // times a second, so the work gets nearly all of the time (and input waits in ImGui's
    // queue until the next drawn frame). While it is fetched too: drawing every frame kept
    // SwiftShader busy enough to slow a 154 MB fetch from 127.0.0.1 from ~1 s to ~5 s.
    const double now_ms = emscripten_get_now();
    if ((loader_ || indexing_ || status_.loading) &&
        now_ms - last_draw_ms_ < kLoadingDrawIntervalMs) {
      loop_running_ = true;
      return true;
    }
    last_draw_ms_ = now_ms;
  }

  sync_focus();
  ImGuiIO& io = ImGui::GetIO();
  if (touch_.momentum) {  // a flick scrolls on, slowing down (time constant 325 ms)
    const double t = emscripten_get_now();
    const double dt = std::min(100.0, t - touch_.last_time);
    touch_.last_time = t;
    io.AddMouseWheelEvent(0.0f, static_cast<float>(touch_.velocity * dt / kPixelsPerWheelStep));
    touch_.velocity *= static_cast<float>(std::exp(-dt / 325.0));
    if (std::fabs(touch_.velocity) < 0.02f) touch_.momentum = false;
    request_frames(2);
  }
  const double now = emscripten_get_now() / 1000.0;
  io.DeltaTime = last_frame_time_ > 0 ? static_cast<float>(std::max(now - last_frame_time_, 1e-4))
                                      : 1.0f / 60.0f;
  last_frame_time_ = now;
  io.DisplaySize = ImVec2(css_width_, css_height_);
  io.DisplayFramebufferScale = ImVec2(pixel_ratio_, pixel_ratio_);

  ImGui::NewFrame();
  view_.draw(explorer_, status_, fonts_, *this);
  ImGui::Render();
  // Details the view asked for this frame (a paper shown, an export): fetched by the page.
  dispatch_chunk_requests();

  renderer_.render(*ImGui::GetDrawData(), ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
  ++frame_count_;

  const int cursor = io.MouseDrawCursor ? -1 : ImGui::GetMouseCursor();
  if (cursor != last_cursor_) {
    ps_js_set_cursor(cursor);
    last_cursor_ = cursor;
  }
  if (has_collection_ && !ready_notified_) {
    ready_notified_ = true;
    ps_js_ready();
  }
  notify_state_changes();
  update_mirror();
  // The reading list lives in the browser: hand every change to the page to store.
  const ReadingList& list = explorer_.reading_list();
  if (list.version() != saved_reading_list_) {
    saved_reading_list_ = list.version();
    ps_js_save_reading_list(list.to_json().c_str());
  }
  if (frames_pending_ > 0) --frames_pending_;
  // ImGui spreads queued input over frames (a key down and up in one frame would be lost):
  // keep drawing until the queue is empty, then a couple more so the result settles.
  if (imgui_->InputEventsQueue.Size > 0) frames_pending_ = std::max(frames_pending_, 2);
  loop_running_ =
      frames_pending_ > 0 || loader_ != nullptr || indexing_ != nullptr || status_.loading;
  return loop_running_;
}

// Screen readers cannot read a canvas: the page keeps a hidden list of the results on screen
// (an ARIA listbox whose selected option follows the selection) and a live region with the
// count, or why a collection could not be opened. This hands it what to show when that
// changed.
void App::update_mirror() {
  if (!has_collection_) return;
  const PaperStore& store = explorer_.store();
  const std::vector<uint32_t>& results = explorer_.results();
  nlohmann::json rows = nlohmann::json::array();
  for (size_t index : view_.visible_indices()) {
    if (index >= results.size()) continue;
    const uint32_t row = results[index];
    std::string authors;
    const uint32_t named = store.named_author_count(row);
    for (uint32_t i = 0; i < named && i < 6; ++i)
      authors += (i ? ", " : "") + std::string(store.author(row, i));
    if (store.author_count(row) > std::min<uint32_t>(named, 6)) {
      authors += named ? " and others" : std::to_string(store.author_count(row)) + " authors";
    }
    const std::string date = store.date(row).to_string();
    rows.push_back({{"id", std::string(store.id(row))},
                    {"index", index},
                    {"title", display_text(store.title(row))},
                    {"authors", authors},
                    {"date", date.empty() ? "undated" : date}});
  }
  const int64_t selected = view_.selected_row();
  const nlohmann::json mirror = {
      {"rows", rows},
      {"selectedId", selected >= 0
                         ? nlohmann::json(std::string(store.id(static_cast<uint32_t>(selected))))
                         : nlohmann::json(nullptr)},
      {"shown", results.size()},
      {"total", store.size()},
      {"query", explorer_.query()},
      {"queryError", explorer_.query_error()},
      {"loadError", status_.error},
      {"title", store.info.title},
  };
  std::string text = mirror.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text == mirror_) return;
  mirror_ = std::move(text);
  ps_js_update_mirror(mirror_.c_str());
}

// Tells the page what the user changed this frame, so it can keep the URL and listeners
// up to date (typing replaces the URL's state; a new filter or paper adds a history entry).
void App::notify_state_changes() {
  Reported now;
  now.query = explorer_.query();
  now.sort = explorer_.automatic_sort() ? "" : explorer_.sort().name();
  now.filters = explorer_.filters();
  const int64_t row = view_.selected_row();
  if (row >= 0 && row < static_cast<int64_t>(explorer_.store().size())) {
    now.selected = std::string(explorer_.store().id(static_cast<uint32_t>(row)));
  }
  int what = 0;
  if (now.query != reported_.query) what |= 1;
  if (now.sort != reported_.sort || !(now.filters == reported_.filters)) what |= 2;
  if (now.selected != reported_.selected) what |= 4;
  now.search_focused = view_.search_active();
  if (now.search_focused != reported_.search_focused) what |= 8;
  // The search box moved (the header grew: an error with Retry): the page's text input,
  // focused over it, must follow, or it takes clicks meant for what is drawn there now.
  view_.item_rect("search", now.search);
  if (now.search_focused &&
      (now.search.x != reported_.search.x || now.search.y != reported_.search.y ||
       now.search.w != reported_.search.w)) {
    what |= 8;
  }
  reported_ = std::move(now);
  // The search box's focus matters before any collection is in (the page's text input
  // follows it); the rest only once there is one.
  if (what && (has_collection_ || (what & 8))) ps_js_state_changed(has_collection_ ? what : 8);
}

//-----------------------------------------------------------------------------
// Loading
//-----------------------------------------------------------------------------

void App::begin_load(std::string bytes, std::string name, int request_id, bool is_default,
                     bool keep_error) {
  staged_.clear();
  stage_input(std::move(bytes), std::move(name));
  begin_staged_load(request_id, is_default, keep_error);
}

void App::stage_input(std::string bytes, std::string name) {
  staged_.push_back(LoadInput{std::move(bytes), std::move(name)});
}

void App::cancel_running_load() {
  if (loader_ || indexing_) {  // a newer request replaces one still being read
    ps_js_load_finished(load_request_, 0, 0, "replaced by a newer load");
    loader_.reset();
    indexing_.reset();
  }
  chunked_load_name_.clear();
}

void App::begin_staged_load(int request_id, bool is_default, bool keep_error) {
  cancel_running_load();
  std::string names;
  double bytes = 0;
  for (const LoadInput& input : staged_) {
    names += (names.empty() ? "" : ", ") + input.name;
    bytes += static_cast<double>(input.bytes.size());
  }
  // Refuse what cannot fit, rather than run out of memory halfway (which would abort). Staged
  // inputs are already in memory: only what reading them adds counts.
  const std::string refusal = memory_refusal(names, bytes * (kLoadMemoryPerInputByte - 1));
  if (!refusal.empty()) {
    staged_.clear();
    status_.loading = false;
    status_.error = refusal;
    status_.retryable = false;
    ps_js_load_finished(request_id, 0, 0, refusal.c_str());
    request_frames();
    return;
  }
  status_.loading = true;
  status_.progress = 0;
  status_.loading_what = names;
  load_input_count_ = staged_.size();
  loader_ = std::make_unique<CollectionLoader>(std::move(staged_));
  staged_.clear();
  load_request_ = request_id;
  load_is_default_ = is_default;
  load_keeps_error_ = keep_error;
  request_frames();
}

void App::step_loading() {
  const double start = emscripten_get_now();
  if (loader_) {
    bool done = false;
    while (!done && emscripten_get_now() - start < kLoadBudgetMs) done = loader_->step(256);
    status_.progress = static_cast<float>(loader_->progress() * 0.6);
    if (!done) return;
    finish_loading();
  }
  if (indexing_) {
    // The collection shown stays usable while the new one is indexed.
    bool done = false;
    while (!done && emscripten_get_now() - start < kLoadBudgetMs) done = indexing_->step(200);
    // A chunked collection's fetch was the first half of its progress; a bundle's reading
    // was the first 60%.
    status_.progress = chunked_load_name_.empty()
                           ? static_cast<float>(0.6 + 0.4 * indexing_->progress())
                           : static_cast<float>(0.5 + 0.5 * indexing_->progress());
    if (done) finish_indexing();
  }
}

double App::memory_limit() const {
  const double max = static_cast<double>(emscripten_get_heap_max());
  return memory_budget_ > 0 ? std::min(memory_budget_, max) : max;
}

std::string App::memory_refusal(const std::string& names, double needed) const {
  const double available = memory_limit() - used_memory();
  if (needed <= available) return {};
  return names + " is too large for this page: opening it needs about " + size_text(needed) +
         " more, and " + size_text(std::max(0.0, available)) + " of the " +
         size_text(memory_limit()) + " this page may use are free";
}

char* App::stage_buffer(size_t length, std::string name, double needed_per_byte) {
  const double needed = static_cast<double>(length) * needed_per_byte;
  if (!memory_refusal(name, needed).empty()) return nullptr;
  grow_memory_for(needed);
  staged_.push_back(LoadInput{std::string(length, '\0'), std::move(name)});
  return staged_.back().bytes.data();
}

double App::used_memory() const {
  return allocated_bytes();
}

void App::finish_loading() {
  ImportResult& result = loader_->result();
  const std::string name = status_.loading_what;
  if (result.ok()) {
    status_.loading_what = "the index of " + std::to_string(result.store.size()) + " papers";
    indexing_ = std::make_unique<IndexingJob>(std::move(result.store));
    loader_.reset();
    return;
  } else {
    const std::string message = result.problems.summary();
    // With several inputs the message names the one at fault ("b.bib: line 3, …").
    status_.error = load_input_count_ > 1
                        ? "Could not open these " + std::to_string(load_input_count_) +
                              " files together: " + message
                        : "Could not open " + name + ": " + message;
    ps_js_load_finished(load_request_, 0, 0, message.c_str());
  }
  loader_.reset();
  status_.loading = false;
  request_frames();
}

void App::finish_indexing() {
  if (!indexing_->error().empty()) {  // a chunked collection's resident part did not check out
    const std::string message = indexing_->error();
    status_.error = "Could not open " + chunked_load_name_ + ": " + message;
    status_.retryable = false;
    status_.loading = false;
    indexing_.reset();
    chunked_load_name_.clear();
    ps_js_load_finished(load_request_, 0, 0, message.c_str());
    request_frames();
    return;
  }
  view_.on_collection_changed();
  explorer_.set_collection(std::move(*indexing_));
  explorer_.prime_searches();
  indexing_.reset();
  // Chunks still on their way belong to the collection before: they are dropped.
  ++collection_number_;
  chunks_in_flight_ = 0;
  bytes_fetched_ = chunked_load_name_.empty() ? 0 : pending_fetched_;
  chunked_load_name_.clear();
  has_collection_ = true;
  if (!load_keeps_error_) status_.error.clear();
  status_.retryable = false;
  status_.showing_default = load_is_default_;
  status_.loading = false;
  ps_js_load_finished(load_request_, 1, static_cast<int>(explorer_.store().size()), "");
  request_frames();
}

void App::load_failed(int request_id, const std::string& message, bool retryable) {
  status_.loading = loader_ != nullptr || indexing_ != nullptr;
  status_.error = message;
  status_.retryable = retryable;
  ps_js_load_finished(request_id, 0, 0, message.c_str());
  request_frames();
}

void App::set_fetch_progress(const std::string& what, double progress) {
  if (loader_) return;                      // reading has started; its own progress is shown
  if (!status_.loading) last_draw_ms_ = 0;  // a fetch begins: show it at once
  status_.loading = true;
  status_.loading_what = what;
  status_.progress = static_cast<float>(progress);
  request_frames();
}

void App::set_font(int which, std::string bytes) {
  if (which == 0) {
    font_files_.regular = std::move(bytes);
  } else if (which == 1) {
    font_files_.semibold = std::move(bytes);
  } else if (which >= 2 && which < kFontFileCount) {
    const size_t slot = static_cast<size_t>(which - 2);
    if (font_files_.fallbacks.size() <= slot) font_files_.fallbacks.resize(slot + 1);
    font_files_.fallbacks[slot] = std::move(bytes);
  }
  fonts_ratio_ = 0;  // rebuild at the next frame
}

void App::fonts_done() {
  // Fallbacks that did not arrive are left out (an empty one would not load).
  auto& f = font_files_.fallbacks;
  f.erase(std::remove_if(f.begin(), f.end(), [](const std::string& b) { return b.empty(); }),
          f.end());
  fonts_complete_ = true;
  fonts_ratio_ = 0;
  request_frames();
}

void App::set_dark_theme(bool dark) {
  dark_ = dark;
  ImGui::SetCurrentContext(imgui_);
  apply_theme(dark);
  request_frames();
}

void App::paste_text(const std::string& text) {
  view_.paste_text(text);
  request_frames();
}

//-----------------------------------------------------------------------------
// ViewHost
//-----------------------------------------------------------------------------

void App::open_url(std::string_view url) {
  if (!is_openable_url(url)) return;
  ps_js_open_url(std::string(url).c_str());
}

void App::open_file_picker() {
  ps_js_open_file_picker();
}

void App::download(const std::string& file_name, const char* mime_type, const std::string& text) {
  ps_js_download(file_name.c_str(), mime_type, text.c_str());
}

void App::copy_text(const std::string& text) {
  ps_js_set_clipboard(text.c_str());
}

void App::import_reading_list() {
  ps_js_import_reading_list();
}

void App::remember_collection() {
  ps_js_remember_collection();
}

void App::open_remembered(int id) {
  ps_js_open_remembered(id);
}

void App::forget_remembered(int id) {
  ps_js_forget_remembered(id);
}

void App::retry_load() {
  status_.error.clear();
  status_.retryable = false;
  ps_js_retry_load();
}

void App::open_collection_url(const std::string& url) {
  ps_js_open_collection_url(url.c_str());
}

void App::load_default_collection() {
  ps_js_load_default();
}

}  // namespace ps
