// Browser input → Dear ImGui, through Emscripten's html5.h. Every listener is on this app's
// canvas (never on window), so the page around it keeps its own keys and scrolling, and
// several explorers on one page each get only their own input.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "platform/web/app.h"

namespace ps {

namespace {

struct KeyName {
  const char* code;  // KeyboardEvent.code
  ImGuiKey key;
};

// Physical keys that ImGui acts on (letters and digits are mapped by their character, so
// shortcuts follow the keyboard layout).
const KeyName kKeys[] = {
    {"Backspace", ImGuiKey_Backspace},
    {"Tab", ImGuiKey_Tab},
    {"Enter", ImGuiKey_Enter},
    {"NumpadEnter", ImGuiKey_KeypadEnter},
    {"Escape", ImGuiKey_Escape},
    {"Space", ImGuiKey_Space},
    {"ArrowLeft", ImGuiKey_LeftArrow},
    {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow},
    {"ArrowDown", ImGuiKey_DownArrow},
    {"Home", ImGuiKey_Home},
    {"End", ImGuiKey_End},
    {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown},
    {"Delete", ImGuiKey_Delete},
    {"Insert", ImGuiKey_Insert},
    {"ShiftLeft", ImGuiKey_LeftShift},
    {"ShiftRight", ImGuiKey_RightShift},
    {"ControlLeft", ImGuiKey_LeftCtrl},
    {"ControlRight", ImGuiKey_RightCtrl},
    {"AltLeft", ImGuiKey_LeftAlt},
    {"AltRight", ImGuiKey_RightAlt},
    {"MetaLeft", ImGuiKey_LeftSuper},
    {"MetaRight", ImGuiKey_RightSuper},
    {"Slash", ImGuiKey_Slash},
    {"F1", ImGuiKey_F1},
};

ImGuiKey key_of(const EmscriptenKeyboardEvent& e) {
  for (const KeyName& k : kKeys) {
    if (std::strcmp(e.code, k.code) == 0) return k.key;
  }
  // Letters and digits by the character they type on this layout.
  if (e.key[0] && !e.key[1]) {
    const char c = e.key[0];
    if (c >= 'a' && c <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
    if (c >= 'A' && c <= 'Z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
    if (c >= '0' && c <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
  }
  return ImGuiKey_None;
}

void update_modifiers(ImGuiIO& io, bool ctrl, bool shift, bool alt, bool meta) {
  io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
  io.AddKeyEvent(ImGuiMod_Shift, shift);
  io.AddKeyEvent(ImGuiMod_Alt, alt);
  io.AddKeyEvent(ImGuiMod_Super, meta);
}

// Keys whose browser default would scroll the page, move focus or go back: ImGui handles
// them while the canvas has focus. (Space is not one: preventing its keydown would also
// prevent the keypress that types it; on_key_press stops its scrolling instead.)
bool is_navigation_key(ImGuiKey key) {
  switch (key) {
    case ImGuiKey_Backspace:
    case ImGuiKey_Tab:
    case ImGuiKey_Enter:
    case ImGuiKey_KeypadEnter:
    case ImGuiKey_Escape:
    case ImGuiKey_LeftArrow:
    case ImGuiKey_RightArrow:
    case ImGuiKey_UpArrow:
    case ImGuiKey_DownArrow:
    case ImGuiKey_Home:
    case ImGuiKey_End:
    case ImGuiKey_PageUp:
    case ImGuiKey_PageDown:
    case ImGuiKey_Delete:
      return true;
    default:
      return false;
  }
}

App& app_of(void* user_data) {
  App& app = *static_cast<App*>(user_data);
  ImGui::SetCurrentContext(app.imgui());
  return app;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* user_data) {
  App& app = app_of(user_data);
  ImGuiIO& io = ImGui::GetIO();
  const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  update_modifiers(io, e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
  const ImGuiKey key = key_of(*e);
  if (key != ImGuiKey_None) {
    // The browser repeats a held key: each repeat becomes a fresh press.
    if (down && e->repeat) io.AddKeyEvent(key, false);
    io.AddKeyEvent(key, down);
  }
  app.request_frames();
  const bool shortcut = e->ctrlKey || e->metaKey;
  if (!down) return EM_FALSE;
  // Copy, cut and paste keep their browser default: it fires the clipboard events.
  if (shortcut && key != ImGuiKey_C && key != ImGuiKey_V && key != ImGuiKey_X &&
      key != ImGuiKey_None) {
    return key == ImGuiKey_A || key == ImGuiKey_Z || key == ImGuiKey_Y;  // text editing
  }
  return is_navigation_key(key) ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_key_press(int, const EmscriptenKeyboardEvent* e, void* user_data) {
  App& app = app_of(user_data);
  if (e->ctrlKey || e->metaKey) return EM_FALSE;
  if (e->charCode >= 32 && e->charCode != 127) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned int>(e->charCode));
    app.request_frames();
    return EM_TRUE;
  }
  return EM_FALSE;
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void* user_data) {
  App& app = app_of(user_data);
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
  const int button = e->button == 0 ? 0 : e->button == 2 ? 1 : e->button == 1 ? 2 : -1;
  if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) io.AddMouseButtonEvent(button, true);
  if (button >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) io.AddMouseButtonEvent(button, false);
  if (type == EMSCRIPTEN_EVENT_MOUSELEAVE && !ImGui::IsAnyMouseDown()) {
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  }
  app.request_frames();
  // A mousedown's default would take focus from the canvas's keyboard handling; we focus
  // it ourselves in JS. Moves keep their defaults.
  return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void* user_data) {
  App& app = app_of(user_data);
  // An explorer without focus never takes the wheel: the page around it scrolls as usual
  // (an embed in a long documentation page must not trap the reader).
  if (!app.has_keyboard()) return EM_FALSE;
  // DOM deltas are in pixels, lines or pages; ImGui wants "lines" (about 5 text lines each
  // at the default scroll speed), positive up.
  double scale = 1.0 / 100.0;
  if (e->deltaMode == DOM_DELTA_LINE) scale = 1.0 / 3.0;
  if (e->deltaMode == DOM_DELTA_PAGE) scale = 5.0;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX * scale),
                                    static_cast<float>(-e->deltaY * scale));
  app.request_frames();
  return EM_TRUE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void* user_data) {
  App& app = app_of(user_data);
  const bool focused = type == EMSCRIPTEN_EVENT_FOCUS;
  // The first time the canvas gets the keyboard, typing goes to the search box.
  if (focused && !app.was_ever_focused()) app.view().focus_search();
  app.set_focused(focused);  // ImGui hears of it at the next frame (App::sync_focus)
  app.request_frames();
  return EM_FALSE;
}

// Touch: a tap is a click; a drag scrolls what is under the finger, and a flick keeps it
// scrolling for a moment (App::TouchScroll). Two fingers are left to the browser (zoom).
EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void* user_data) {
  App& app = app_of(user_data);
  ImGuiIO& io = ImGui::GetIO();
  if (e->numTouches != 1 && type != EMSCRIPTEN_EVENT_TOUCHEND) return EM_FALSE;
  const EmscriptenTouchPoint& t = e->touches[0];
  const float x = static_cast<float>(t.targetX), y = static_cast<float>(t.targetY);
  App::TouchScroll& touch = app.touch();
  const double now = emscripten_get_now();
  // Reported as a mouse: ImGui gives the wheel to the window under the pointer, which a
  // touch-screen source does not have before a press.
  switch (type) {
    case EMSCRIPTEN_EVENT_TOUCHSTART:
      touch = App::TouchScroll{};
      touch.active = true;
      touch.start_y = touch.last_y = y;
      touch.start_x = x;
      touch.last_time = now;
      io.AddMousePosEvent(x, y);
      break;
    case EMSCRIPTEN_EVENT_TOUCHMOVE: {
      if (!touch.active) break;
      const float dy = y - touch.last_y;
      if (!touch.dragging &&
          (std::fabs(y - touch.start_y) > 8 || std::fabs(x - touch.start_x) > 8)) {
        touch.dragging = true;
      }
      if (touch.dragging) {
        io.AddMousePosEvent(touch.start_x, y);
        io.AddMouseWheelEvent(0.0f, dy / App::kPixelsPerWheelStep);
        const double dt = std::max(1.0, now - touch.last_time);
        touch.velocity = 0.8f * touch.velocity + 0.2f * static_cast<float>(dy / dt);  // px/ms
      }
      touch.last_y = y;
      touch.last_time = now;
      break;
    }
    case EMSCRIPTEN_EVENT_TOUCHEND:
    case EMSCRIPTEN_EVENT_TOUCHCANCEL:
      if (touch.active && !touch.dragging && type == EMSCRIPTEN_EVENT_TOUCHEND) {
        io.AddMouseButtonEvent(0, true);   // a tap: ImGui's event queue spreads these over
        io.AddMouseButtonEvent(0, false);  // two frames, so it sees a click
      }
      touch.active = false;
      touch.momentum = touch.dragging && std::fabs(touch.velocity) > 0.05f;
      touch.last_time = now;
      break;
    default:
      break;
  }
  app.request_frames();
  return EM_TRUE;  // no emulated mouse events, no page scroll under the finger
}

// A lost WebGL context (the GPU was reset, the tab was backgrounded on a phone) is kept from
// being discarded, so the browser can restore it; then the renderer starts again.
EM_BOOL on_context_lost(int, const void*, void* user_data) {
  static_cast<App*>(user_data)->on_context_lost();
  return EM_TRUE;  // preventDefault: ask for the context back
}

EM_BOOL on_context_restored(int, const void*, void* user_data) {
  static_cast<App*>(user_data)->on_context_restored();
  return EM_TRUE;
}

}  // namespace

void install_input_callbacks(App& app) {
  const char* canvas = "!canvas";
  void* data = &app;
  emscripten_set_keydown_callback(canvas, data, EM_FALSE, on_key);
  emscripten_set_keyup_callback(canvas, data, EM_FALSE, on_key);
  emscripten_set_keypress_callback(canvas, data, EM_FALSE, on_key_press);
  emscripten_set_mousedown_callback(canvas, data, EM_FALSE, on_mouse);
  emscripten_set_mouseup_callback(canvas, data, EM_FALSE, on_mouse);
  emscripten_set_mousemove_callback(canvas, data, EM_FALSE, on_mouse);
  emscripten_set_mouseleave_callback(canvas, data, EM_FALSE, on_mouse);
  emscripten_set_wheel_callback(canvas, data, EM_FALSE, on_wheel);
  emscripten_set_focus_callback(canvas, data, EM_FALSE, on_focus);
  emscripten_set_blur_callback(canvas, data, EM_FALSE, on_focus);
  emscripten_set_touchstart_callback(canvas, data, EM_FALSE, on_touch);
  emscripten_set_touchmove_callback(canvas, data, EM_FALSE, on_touch);
  emscripten_set_touchend_callback(canvas, data, EM_FALSE, on_touch);
  emscripten_set_touchcancel_callback(canvas, data, EM_FALSE, on_touch);
  emscripten_set_webglcontextlost_callback(canvas, data, EM_FALSE, on_context_lost);
  emscripten_set_webglcontextrestored_callback(canvas, data, EM_FALSE, on_context_restored);
}

}  // namespace ps
