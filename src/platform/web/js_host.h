// Functions of library_paperscope.js that the C++ side calls (see that file).
#pragma once

namespace ps {
class App;
}

extern "C" {
void ps_js_bind_canvas();
void ps_js_app_created(ps::App* app);
int ps_js_canvas_has_focus();
void ps_js_ready();
void ps_js_load_finished(int request_id, int ok, int count, const char* error);
int ps_js_open_url(const char* url);
void ps_js_set_clipboard(const char* text);
void ps_js_open_file_picker();
void ps_js_download(const char* file_name, const char* mime_type, const char* text);
void ps_js_save_reading_list(const char* json);
void ps_js_import_reading_list();
void ps_js_remember_collection();
void ps_js_open_remembered(int id);
void ps_js_forget_remembered(int id);
void ps_js_retry_load();
// The accessible mirror of the results on screen changed (JSON, see App::update_mirror).
void ps_js_update_mirror(const char* json);
void ps_js_webgl_missing();
void ps_js_load_default();
void ps_js_open_collection_url(const char* url);
void ps_js_set_cursor(int cursor);
int ps_js_is_mac();
// What changed since the last frame (bits: 1 query text, 2 sort or filters, 4 selection,
// 8 the search box got or lost the keyboard).
void ps_js_state_changed(int what);
// Fetch a chunk of the chunked collection shown (file relative to its manifest); the page
// answers with ps_api_chunk_arrived or ps_api_chunk_failed, passing `collection` back.
void ps_js_fetch_chunk(int collection, int chunk, const char* file, double bytes);
}
