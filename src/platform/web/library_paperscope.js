// JavaScript side of the platform layer: what the C++ app asks of the browser. Each
// function runs inside one module instance (MODULARIZE), so several explorers on one page
// never share state. The page glue (web/paperscope-app.js) installs Module.paperscopeHost
// before main() runs; these functions call into it.
mergeInto(LibraryManager.library, {
  // Makes "!canvas" name this instance's canvas for html5.h calls (no document lookups, so
  // canvases inside shadow DOM or with any id work), and lets a drag that leaves the canvas
  // still end on it.
  ps_js_bind_canvas__deps: ['$specialHTMLTargets'],
  ps_js_bind_canvas: function () {
    var canvas = Module['canvas'];
    specialHTMLTargets['!canvas'] = canvas;
    canvas.addEventListener('pointerdown', function (e) {
      if (e.pointerType === 'mouse' && canvas.setPointerCapture) {
        try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* not capturable */ }
      }
    });
  },

  // Whether the canvas already has the keyboard (the page may focus it before the app runs).
  ps_js_canvas_has_focus: function () {
    var canvas = Module['canvas'];
    var root = canvas.getRootNode ? canvas.getRootNode() : document;
    return (root.activeElement || document.activeElement) === canvas ? 1 : 0;
  },

  ps_js_app_created: function (app) {
    Module['paperscopeHost'].appCreated(app);
  },

  ps_js_ready: function () {
    Module['paperscopeHost'].firstCollectionShown();
  },

  ps_js_load_finished: function (requestId, ok, count, errorPtr) {
    Module['paperscopeHost'].loadFinished(requestId, !!ok, count, UTF8ToString(errorPtr));
  },

  // Opens an http(s) URL in a new tab, without giving the new page a handle on this one.
  // The C++ side checked the scheme; this checks again with the browser's URL parser.
  ps_js_open_url: function (urlPtr) {
    var text = UTF8ToString(urlPtr);
    var url;
    try { url = new URL(text); } catch (e) { return 0; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 0;
    var opened = window.open(url.href, '_blank', 'noopener,noreferrer');
    Module['paperscopeHost'].linkOpened(url.href, !!opened);
    return 1;
  },

  ps_js_set_clipboard: function (textPtr) {
    var text = UTF8ToString(textPtr);
    Module['paperscopeHost'].clipboardWritten(text);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function () { /* no permission: ignore */ });
    }
  },

  ps_js_open_file_picker: function () {
    Module['paperscopeHost'].openFilePicker();
  },

  ps_js_download: function (namePtr, mimePtr, textPtr) {
    Module['paperscopeHost'].download(UTF8ToString(namePtr), UTF8ToString(mimePtr),
                                      UTF8ToString(textPtr));
  },

  ps_js_save_reading_list: function (jsonPtr) {
    Module['paperscopeHost'].saveReadingList(UTF8ToString(jsonPtr));
  },

  ps_js_import_reading_list: function () {
    Module['paperscopeHost'].importReadingList();
  },

  ps_js_remember_collection: function () {
    Module['paperscopeHost'].rememberCollection();
  },

  ps_js_open_remembered: function (id) {
    Module['paperscopeHost'].openRemembered(id);
  },

  ps_js_update_mirror: function (jsonPtr) {
    Module['paperscopeHost'].updateMirror(UTF8ToString(jsonPtr));
  },

  ps_js_webgl_missing: function () {
    Module['paperscopeHost'].webglMissing();
  },

  ps_js_retry_load: function () {
    Module['paperscopeHost'].retryLoad();
  },

  ps_js_forget_remembered: function (id) {
    Module['paperscopeHost'].forgetRemembered(id);
  },

  ps_js_open_collection_url: function (urlPtr) {
    Module['paperscopeHost'].openCollectionUrl(UTF8ToString(urlPtr));
  },

  ps_js_load_default: function () {
    Module['paperscopeHost'].loadDefault();
  },

  // CSS cursor names indexed by ImGuiMouseCursor.
  ps_js_set_cursor: function (cursor) {
    var names = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize',
                 'nwse-resize', 'pointer', 'not-allowed'];
    Module['canvas'].style.cursor = cursor < 0 ? 'none' : (names[cursor] || 'default');
  },

  ps_js_state_changed: function (what) {
    Module['paperscopeHost'].stateChanged(what);
  },

  ps_js_fetch_chunk: function (collection, chunk, filePtr, bytes) {
    Module['paperscopeHost'].fetchChunk(collection, chunk, UTF8ToString(filePtr), bytes);
  },

  ps_js_is_mac: function () {
    return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? 1 : 0;
  },
});
