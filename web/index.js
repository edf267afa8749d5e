// Starts the explorer on this page: the collection from ?bundle=URL, else the default one.
// window.paperscope is the page's JS API (docs/js-api.md).
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const canvas = document.getElementById('paperscope-canvas');
  window.paperscope = Paperscope.mount(canvas, {
    bundle: params.get('bundle') || undefined,
    urlState: true,
  });
  window.paperscope.ready.then(() => document.body.classList.add('paperscope-ready'));
  canvas.focus({ preventScroll: true });
})();
