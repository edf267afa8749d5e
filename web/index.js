// Starts the explorer on this page: the collection from ?bundle=URL (several
// ?bundle=a&bundle=b are merged into one), else the default one.
// window.paperscope is the page's JS API (docs/js-api.md).
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const canvas = document.getElementById('paperscope-canvas');
  const bundles = params.getAll('bundle').filter(Boolean);
  window.paperscope = Paperscope.mount(canvas, {
    bundle: bundles.length > 1 ? bundles : bundles[0] || undefined,
    urlState: true,
  });
  window.paperscope.ready.then(() => document.body.classList.add('paperscope-ready'));
  canvas.focus({ preventScroll: true });
})();
