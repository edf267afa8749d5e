// The iframe embed: embed.html?bundle=URL&query=TEXT&theme=auto|light|dark
// Like the main page, without touching the URL (the host page owns its own history).
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const canvas = document.getElementById('paperscope-canvas');
  window.paperscope = Paperscope.mount(canvas, {
    bundle: params.get('bundle') || undefined,
    query: params.get('query') || '',
    theme: params.get('theme') || 'auto',
  });
  window.paperscope.ready.then(() => document.body.classList.add('paperscope-ready'));
})();
