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
void ps_js_load_default();
void ps_js_set_cursor(int cursor);
int ps_js_is_mac();
// What changed since the last frame (bits: 1 query text, 2 sort or filters, 4 selection).
void ps_js_state_changed(int what);
}
