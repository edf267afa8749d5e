// The C side of the page's JS API (docs/js-api.md). web/paperscope-app.js wraps these in
// window.paperscope; results are JSON text in a buffer the App owns until the next call.
#include <emscripten.h>
#include <emscripten/heap.h>

#include <imgui.h>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "core/bundle_writer.h"
#include "core/exporters.h"
#include "platform/web/app.h"

using ps::App;
using Json = nlohmann::json;

namespace {

// One result buffer per app would do; one per process is enough because JS copies the
// text out before making another call.
std::string& result_buffer() {
  static std::string buffer;
  return buffer;
}

const char* reply(const Json& value) {
  result_buffer() = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  return result_buffer().c_str();
}

std::string take_bytes(uint8_t* bytes, int length) {
  std::string data(reinterpret_cast<const char*>(bytes), static_cast<size_t>(length));
  std::free(bytes);
  return data;
}

const char* details_name(ps::Explorer::Details details) {
  switch (details) {
    case ps::Explorer::Details::kLoaded:
      return "loaded";
    case ps::Explorer::Details::kLoading:
      return "loading";
    case ps::Explorer::Details::kFailed:
      return "failed";
  }
  return "loaded";
}

// A chunked collection's chunks: how many, here, on their way, and the failed ones with why.
Json chunks_state(App& app) {
  const ps::ChunkedCollection* chunks = app.explorer().chunks();
  if (!chunks) return nullptr;
  Json failed = Json::array();
  for (uint32_t c = 0; c < chunks->chunk_count(); ++c) {
    if (chunks->state(c) != ps::ChunkedCollection::State::kFailed) continue;
    failed.push_back(
        {{"chunk", c}, {"file", chunks->manifest().chunks[c].file()}, {"error", chunks->error(c)}});
  }
  return {{"total", chunks->chunk_count()},
          {"loaded", chunks->loaded_chunks()},
          {"fetching", app.chunks_in_flight()},
          {"failed", failed}};
}

// The rows a details request is about: "results", "selection", or ids (a JSON array).
std::vector<uint32_t> rows_for(App& app, const std::string& scope, const char* ids_json) {
  ps::Explorer& explorer = app.explorer();
  if (scope == "results") return explorer.results();
  if (scope == "selection") return app.view().selection(explorer);
  std::vector<uint32_t> rows;
  const Json ids = Json::parse(ids_json, nullptr, false);
  if (!ids.is_array()) return rows;
  for (const Json& id : ids) {
    if (!id.is_string()) continue;
    const int64_t row = explorer.store().find(id.get<std::string>());
    if (row >= 0) rows.push_back(static_cast<uint32_t>(row));
  }
  return rows;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* ps_api_state(App* app) {
  ps::Explorer& explorer = app->explorer();
  const size_t shown = explorer.results().size();
  const int64_t selected = app->view().selected_row();
  Json selected_ids = Json::array();
  for (uint32_t row : app->view().selection(explorer)) {
    selected_ids.push_back(std::string(explorer.store().id(row)));
  }
  Json corrections = Json::array();
  for (const ps::Correction& c : explorer.corrections()) {
    corrections.push_back({{"typed", c.typed}, {"used", c.used}});
  }
  Json state = {
      {"chunked", explorer.chunks() != nullptr},
      {"chunks", chunks_state(*app)},
      {"bytesFetched", explorer.chunks() ? Json(app->bytes_fetched()) : Json(nullptr)},
      {"selectedDetails",
       selected >= 0 ? Json(details_name(explorer.details(static_cast<uint32_t>(selected))))
                     : Json(nullptr)},
      {"query", explorer.query()},
      {"total", explorer.store().size()},
      {"shown", shown},
      {"selectedId", selected >= 0
                         ? Json(std::string(explorer.store().id(static_cast<uint32_t>(selected))))
                         : Json(nullptr)},
      {"sort", explorer.sort().name()},
      {"sortAuto", explorer.automatic_sort()},
      {"queryError", explorer.query_error().empty() ? Json(nullptr) : Json(explorer.query_error())},
      {"corrections", corrections},
      {"queryNotice",
       explorer.query_notice().empty() ? Json(nullptr) : Json(explorer.query_notice())},
      {"helpOpen", app->view().help_open()},
      {"shortcutsOpen", app->view().shortcuts_open()},
      {"searchFocused", app->view().search_active()},
      {"notice", app->view().notice().empty() ? Json(nullptr) : Json(app->view().notice())},
      {"readingListOpen", app->view().reading_list_open()},
      {"selectedIds", selected_ids},
      {"hiddenMatches", explorer.hidden_matches()},
      {"error", app->status().error.empty() ? Json(nullptr) : Json(app->status().error)},
      {"loading", app->status().loading},
      {"retryable", app->status().retryable},
      {"title", explorer.store().info.title},
      {"frame", app->frame_count()},
      {"filters",
       {{"yearMin",
         explorer.filters().year_min ? Json(explorer.filters().year_min) : Json(nullptr)},
        {"yearMax",
         explorer.filters().year_max ? Json(explorer.filters().year_max) : Json(nullptr)},
        {"hasCode", explorer.filters().has_code_only}}},
  };
  return reply(state);
}

EMSCRIPTEN_KEEPALIVE const char* ps_api_visible_ids(App* app, int limit) {
  ps::Explorer& explorer = app->explorer();
  const std::vector<uint32_t>& results = explorer.results();
  Json ids = Json::array();
  const size_t n =
      limit < 0 ? results.size() : std::min(results.size(), static_cast<size_t>(limit));
  for (size_t i = 0; i < n; ++i) ids.push_back(std::string(explorer.store().id(results[i])));
  return reply(ids);
}

// In CSS pixels relative to the canvas; the JS side adds the canvas's page position.
EMSCRIPTEN_KEEPALIVE const char* ps_api_row_rect(App* app, int index) {
  ps::ViewRect rect;
  if (index < 0 || !app->view().row_rect(static_cast<size_t>(index), rect)) return reply(nullptr);
  return reply({{"x", rect.x}, {"y", rect.y}, {"w", rect.w}, {"h", rect.h}});
}

EMSCRIPTEN_KEEPALIVE void ps_api_set_query(App* app, const char* text) {
  app->view().set_query(app->explorer(), text);
  app->request_frames();
}

EMSCRIPTEN_KEEPALIVE const char* ps_api_item_rect(App* app, const char* name) {
  ps::ViewRect rect;
  if (!app->view().item_rect(name, rect)) return reply(nullptr);
  return reply({{"x", rect.x}, {"y", rect.y}, {"w", rect.w}, {"h", rect.h}});
}

EMSCRIPTEN_KEEPALIVE int ps_api_set_sort(App* app, const char* name) {
  if (std::string(name) == "auto") {
    app->explorer().set_automatic_sort();
    app->request_frames();
    return 1;
  }
  ps::SortOrder sort;
  if (!ps::SortOrder::parse(name, sort)) return 0;
  app->explorer().set_sort(sort);
  app->request_frames();
  return 1;
}

EMSCRIPTEN_KEEPALIVE void ps_api_set_filters(App* app, int year_min, int year_max, int has_code) {
  ps::Filters filters;
  filters.year_min = year_min;
  filters.year_max = year_max;
  filters.has_code_only = has_code != 0;
  app->explorer().set_filters(filters);
  app->request_frames();
}

EMSCRIPTEN_KEEPALIVE int ps_api_select(App* app, const char* id) {
  const int64_t row = app->explorer().store().find(id);
  app->view().select_row(row);
  app->request_frames();
  return row >= 0;
}

// Takes ownership of bytes (allocated with _malloc by the JS side).
EMSCRIPTEN_KEEPALIVE void ps_api_begin_load(App* app, uint8_t* bytes, int length, const char* name,
                                            int request_id, int is_default, int keep_error) {
  app->begin_load(take_bytes(bytes, length), name, request_id, is_default != 0, keep_error != 0);
}

// Several inputs into one collection: stage each (taking ownership of its bytes), then
// begin; the load's result names each input in its messages.
EMSCRIPTEN_KEEPALIVE void ps_api_stage_input(App* app, uint8_t* bytes, int length,
                                             const char* name) {
  app->stage_input(take_bytes(bytes, length), name);
}

// Room for a download to be written into directly; 0 when it would not fit.
EMSCRIPTEN_KEEPALIVE char* ps_api_stage_buffer(App* app, double length, const char* name) {
  return app->stage_buffer(static_cast<size_t>(length), name);
}

EMSCRIPTEN_KEEPALIVE void ps_api_clear_staged(App* app) {
  app->clear_staged_inputs();
}

EMSCRIPTEN_KEEPALIVE void ps_api_begin_staged_load(App* app, int request_id, int is_default,
                                                   int keep_error) {
  app->begin_staged_load(request_id, is_default != 0, keep_error != 0);
}

EMSCRIPTEN_KEEPALIVE void ps_api_load_failed(App* app, int request_id, const char* message,
                                             int retryable) {
  app->load_failed(request_id, message, retryable != 0);
}

EMSCRIPTEN_KEEPALIVE void ps_api_fetch_progress(App* app, const char* what, double progress) {
  app->set_fetch_progress(what, progress);
}

EMSCRIPTEN_KEEPALIVE void ps_api_set_font(App* app, int which, uint8_t* bytes, int length) {
  app->set_font(which, take_bytes(bytes, length));
}

EMSCRIPTEN_KEEPALIVE void ps_api_fonts_done(App* app) {
  app->fonts_done();
}

EMSCRIPTEN_KEEPALIVE void ps_api_set_dark(App* app, int dark) {
  app->set_dark_theme(dark != 0);
}

EMSCRIPTEN_KEEPALIVE void ps_api_paste(App* app, const char* text) {
  app->paste_text(text);
}

// The page's hidden search input changed: its text and selection (UTF-8 byte offsets).
EMSCRIPTEN_KEEPALIVE void ps_api_search_input(App* app, const char* text, int start, int end) {
  app->view().mirror_search_input(app->explorer(), text, start, end);
  app->request_frames();
}

EMSCRIPTEN_KEEPALIVE void ps_api_text_input_focus(App* app, int focused) {
  app->set_text_input_focused(focused != 0);
}

// A key pressed in the hidden search input that the explorer acts on (Up, Down, Enter, Esc,
// Tab, Page Up/Down): name as in KeyboardEvent.key.
EMSCRIPTEN_KEEPALIVE void ps_api_key(App* app, const char* name, int down, int shift) {
  static const struct {
    const char* name;
    ImGuiKey key;
  } kKeys[] = {{"ArrowUp", ImGuiKey_UpArrow},  {"ArrowDown", ImGuiKey_DownArrow},
               {"Enter", ImGuiKey_Enter},      {"Escape", ImGuiKey_Escape},
               {"Tab", ImGuiKey_Tab},          {"PageUp", ImGuiKey_PageUp},
               {"PageDown", ImGuiKey_PageDown}};
  ImGui::SetCurrentContext(app->imgui());
  ImGuiIO& io = ImGui::GetIO();
  for (const auto& k : kKeys) {
    if (std::strcmp(k.name, name) == 0) {
      io.AddKeyEvent(ImGuiMod_Shift, shift != 0);
      io.AddKeyEvent(k.key, down != 0);
      app->request_frames();
      return;
    }
  }
}

EMSCRIPTEN_KEEPALIVE void ps_api_request_frame(App* app) {
  app->request_frames();
}

// What a download would contain: format bibtex, csl-json, csv, json or markdown; scope
// results or selection. Null for an unknown format or scope.
EMSCRIPTEN_KEEPALIVE const char* ps_api_export_text(App* app, const char* format_name,
                                                    const char* scope) {
  ps::ExportFormat format;
  const std::string which(scope);
  if (!ps::parse_export_format(format_name, format) ||
      (which != "results" && which != "selection")) {
    return nullptr;
  }
  ps::Explorer& explorer = app->explorer();
  const std::vector<uint32_t> rows =
      which == "results" ? explorer.results() : app->view().selection(explorer);
  result_buffer() = ps::ExplorerView::export_text(explorer, rows, format);
  return result_buffer().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* ps_api_marks(App* app, const char* id) {
  const ps::PaperMarks marks = app->explorer().reading_list().marks(id);
  return reply({{"starred", marks.starred},
                {"read", marks.read},
                {"hidden", marks.hidden},
                {"note", marks.note},
                {"tags", marks.tags}});
}

EMSCRIPTEN_KEEPALIVE int ps_api_set_mark(App* app, const char* id, const char* mark_name, int on) {
  ps::Mark mark;
  if (!ps::parse_mark(mark_name, mark) || !*id) return 0;
  app->explorer().reading_list().set_mark(id, mark, on != 0);
  app->request_frames();
  return 1;
}

// The stored reading list (replace) or an imported one (merge); the error, or "" when fine.
EMSCRIPTEN_KEEPALIVE const char* ps_api_load_reading_list(App* app, const char* json, int merge) {
  ps::Problems problems;
  app->explorer().reading_list().from_json(json, merge != 0, problems);
  app->request_frames();
  result_buffer() = problems.summary();
  return result_buffer().c_str();
}

// The remembered collections, as [{id, name, saved, bytes, papers}], and whether the
// collection shown can be remembered.
EMSCRIPTEN_KEEPALIVE void ps_api_set_remembered(App* app, const char* json, int can_remember) {
  ps::LoadStatus& status = app->mutable_status();
  status.remembered.clear();
  status.can_remember = can_remember != 0;
  const Json list = Json::parse(json, nullptr, false);
  auto number = [](const Json& item, const char* key) {
    auto it = item.find(key);
    return it != item.end() && it->is_number() ? it->get<double>() : 0.0;
  };
  auto text = [](const Json& item, const char* key) {
    auto it = item.find(key);
    return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (list.is_array()) {
    for (const Json& item : list) {
      if (!item.is_object()) continue;
      ps::RememberedCollection c;
      c.id = static_cast<int>(number(item, "id"));
      c.name = text(item, "name");
      c.saved = text(item, "saved");
      c.bytes = number(item, "bytes");
      c.papers = static_cast<int>(number(item, "papers"));
      status.remembered.push_back(std::move(c));
    }
  }
  app->request_frames();
}

// [{value, count}] for "tag", "venue", "year", "has-code" or "mytag" (your own tags) under
// the current query; null otherwise.
EMSCRIPTEN_KEEPALIVE const char* ps_api_facet_counts(App* app, const char* field_name) {
  ps::FacetField field;
  if (!field_name || !ps::parse_facet_field(field_name, field)) return reply(nullptr);
  Json values = Json::array();
  for (const ps::FacetValue& v : app->explorer().facet_counts(field)) {
    values.push_back({{"value", v.value}, {"count", v.count}});
  }
  return reply(values);
}

// The ids of the k papers most similar to id, best first.
EMSCRIPTEN_KEEPALIVE const char* ps_api_related(App* app, const char* id, int k) {
  ps::Explorer& explorer = app->explorer();
  const int64_t row = explorer.store().find(id);
  Json ids = Json::array();
  if (row >= 0 && k > 0) {
    for (const auto& r : explorer.related(static_cast<uint32_t>(row), static_cast<size_t>(k))) {
      ids.push_back(std::string(explorer.store().id(r.first)));
    }
  }
  return reply(ids);
}

// The timeline as drawn: {byYear, labels, counts, undated}.
EMSCRIPTEN_KEEPALIVE const char* ps_api_timeline(App* app) {
  const ps::Timeline t = app->explorer().timeline();
  Json labels = Json::array();
  for (size_t i = 0; i < t.bins.size(); ++i) labels.push_back(t.bin_label(i));
  return reply(
      {{"byYear", t.by_year}, {"labels", labels}, {"counts", t.bins}, {"undated", t.undated}});
}

// How much memory the page uses: the wasm memory's size, what is allocated in it, its limit.
EMSCRIPTEN_KEEPALIVE const char* ps_api_memory(App* app) {
  (void)app;
  return reply({{"heapBytes", static_cast<double>(emscripten_get_heap_size())},
                {"usedBytes", ps::allocated_bytes()},
                {"maxBytes", static_cast<double>(emscripten_get_heap_max())}});
}

EMSCRIPTEN_KEEPALIVE void ps_api_set_memory_budget(App* app, double bytes) {
  app->set_memory_budget(bytes);
}

EMSCRIPTEN_KEEPALIVE const char* ps_api_selected_ids(App* app) {
  Json ids = Json::array();
  for (uint32_t row : app->view().selection(app->explorer())) {
    ids.push_back(std::string(app->explorer().store().id(row)));
  }
  return reply(ids);
}

}  // extern "C"

extern "C" {

//-----------------------------------------------------------------------------
// Chunked collections (app_chunked.cpp)

// Whether bytes (the start of a file is enough) are a chunked collection's manifest.
EMSCRIPTEN_KEEPALIVE int ps_api_looks_like_manifest(App* app, const char* bytes, int length) {
  (void)app;
  return ps::looks_like_chunked_manifest(std::string_view(bytes, static_cast<size_t>(length))) ? 1
                                                                                               : 0;
}

// {ok, file, bytes, papers, chunks} (the resident part to fetch next), or {ok: false, error}
// (the load request is then answered with the error).
EMSCRIPTEN_KEEPALIVE const char* ps_api_read_manifest(App* app, const char* text, const char* name,
                                                      int request_id) {
  result_buffer() = app->read_manifest(text, name, request_id);
  return result_buffer().c_str();
}

EMSCRIPTEN_KEEPALIVE char* ps_api_stage_resident(App* app, double length, const char* name) {
  return app->stage_resident_buffer(static_cast<size_t>(length), name);
}

EMSCRIPTEN_KEEPALIVE void ps_api_begin_chunked_load(App* app, int request_id, int is_default,
                                                    int keep_error) {
  app->begin_chunked_load(request_id, is_default != 0, keep_error != 0);
}

// Takes ownership of bytes (allocated with _malloc by the JS side).
EMSCRIPTEN_KEEPALIVE void ps_api_chunk_arrived(App* app, int collection, int chunk, uint8_t* bytes,
                                               int length) {
  app->chunk_arrived(
      collection, static_cast<uint32_t>(chunk),
      std::string_view(reinterpret_cast<const char*>(bytes), static_cast<size_t>(length)));
  std::free(bytes);
}

EMSCRIPTEN_KEEPALIVE void ps_api_chunk_failed(App* app, int collection, int chunk,
                                              const char* message) {
  app->chunk_fetch_failed(collection, static_cast<uint32_t>(chunk), message);
}

// The details of papers ("results", "selection", or ids as a JSON array): how many are not
// here, in how many chunks, how many failed (and the first failure's message); with
// request, the missing chunks are asked for (up to max_chunks) and fetched at once.
EMSCRIPTEN_KEEPALIVE const char* ps_api_details_need(App* app, const char* scope,
                                                     const char* ids_json, int request,
                                                     int max_chunks) {
  ps::Explorer& explorer = app->explorer();
  const std::vector<uint32_t> rows = rows_for(*app, scope, ids_json);
  const ps::Explorer::DetailsNeed need =
      explorer.need_details(rows, request ? static_cast<uint32_t>(std::max(0, max_chunks)) : 0);
  std::string first_error;
  if (need.failed) {
    for (uint32_t row : rows) {
      if (explorer.details(row) == ps::Explorer::Details::kFailed) {
        first_error = explorer.details_error(row);
        break;
      }
    }
  }
  if (need.requested) app->dispatch_chunk_requests();
  return reply({{"papers", need.papers},
                {"chunks", need.chunks},
                {"bytes", static_cast<double>(need.bytes)},
                {"failed", need.failed},
                {"requested", need.requested},
                {"error", first_error.empty() ? Json(nullptr) : Json(first_error)},
                {"rows", rows.size()}});
}

// Asks again for the details of papers whose chunk failed.
EMSCRIPTEN_KEEPALIVE void ps_api_retry_details(App* app, const char* scope, const char* ids_json) {
  for (uint32_t row : rows_for(*app, scope, ids_json)) app->explorer().retry_details(row);
  app->dispatch_chunk_requests();
  app->request_frames();
}

// One paper as its bundle object with what is known of it, plus "details": "loaded",
// "loading" or "failed" and "detailsError"; null for an unknown id.
EMSCRIPTEN_KEEPALIVE const char* ps_api_paper(App* app, const char* id) {
  ps::Explorer& explorer = app->explorer();
  const int64_t found = explorer.store().find(id);
  if (found < 0) return reply(nullptr);
  const uint32_t row = static_cast<uint32_t>(found);
  Json paper = Json::parse(ps::paper_json(explorer.store().record(row)), nullptr, false);
  if (!paper.is_object()) return reply(nullptr);
  const ps::Explorer::Details details = explorer.details(row);
  paper["details"] = details_name(details);
  paper["detailsError"] =
      details == ps::Explorer::Details::kFailed ? Json(explorer.details_error(row)) : Json(nullptr);
  return reply(paper);
}

}  // extern "C"
