// Draws ImGui's draw data with WebGL 2. The explorer owns its canvas and nothing else draws
// in it, so unlike Dear ImGui's OpenGL3 backend this renderer never reads GL state back to
// restore it afterwards: in a browser every glGetIntegerv or glIsEnabled is a synchronous
// round trip to the GPU process, and the backend's twenty of them took 3.7 ms of each
// scrolling frame in headless Chromium (docs/benchmarks.md).
#pragma once
#include <GLES3/gl3.h>

struct ImDrawData;
struct ImVec4;

namespace ps {

class GlRenderer {
 public:
  // Shaders, buffers and the vertex layout; false (with a message on the console) when the
  // shaders do not compile. Needs the GL context current.
  bool create();
  // Deletes every GL object (after a lost context, only forgets them).
  void destroy();
  // Uploads the current ImGui font atlas (again: after the fonts were rebuilt).
  void upload_fonts();
  // Clears the canvas to background, then draws.
  void render(const ImDrawData& draw_data, const ImVec4& background);

 private:
  void set_render_state(const ImDrawData& draw_data, int fb_width, int fb_height);

  GLuint program_ = 0;
  GLint projection_ = -1;
  GLint texture_unit_ = -1;
  GLuint vertex_array_ = 0;
  GLuint vertices_ = 0;
  GLuint indices_ = 0;
  GLuint font_texture_ = 0;
};

}  // namespace ps
