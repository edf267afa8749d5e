// Entry point of the explorer in the browser: makes the App and hands it to the page glue.
// The App lives for as long as the page (or the embed element) does.
#include <cstdio>

#include "platform/web/app.h"
#include "platform/web/js_host.h"

int main() {
  auto* app = new ps::App();
  if (!app->init()) {
    std::fprintf(stderr, "paperscope: WebGL 2 is not available\n");
    ps_js_webgl_missing();  // the page shows the collection as a plain list instead
    delete app;
    return 1;
  }
  return 0;
}
