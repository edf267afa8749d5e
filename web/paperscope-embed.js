// Paperscope for documentation pages: one script tag, then a custom element.
//   <script src="https://example.org/paperscope/paperscope-embed.js"></script>
//   <paper-scope bundle="papers.json" query="diffusion" theme="auto" style="height:600px">
//   </paper-scope>
// src is another name for bundle; a chunked collection opens from its manifest's URL:
//   <paper-scope src="https://example.org/arxiv-cs/manifest.json"></paper-scope>
// Each element has its own canvas, wasm instance and state; the .wasm is fetched and
// compiled once per page. docs/embedding.md describes attributes, methods and events.
(function () {
  'use strict';
  if (window.customElements && customElements.get('paper-scope')) return;

  // Where this script came from: the wasm, fonts and default collection are beside it.
  const script = document.currentScript;
  const base = script && script.src ? script.src.replace(/[^/]*$/, '') : '';

  let scriptsLoaded = null;
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const el = document.createElement('script');
      el.src = src;
      el.onload = resolve;
      el.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.appendChild(el);
    });
  }
  function loadScripts() {
    if (!scriptsLoaded) {
      scriptsLoaded = Promise.all([
        window.createPaperscopeModule ? null : loadScript(base + 'paperscope.js'),
        window.Paperscope ? null : loadScript(base + 'paperscope-app.js'),
      ]);
    }
    return scriptsLoaded;
  }

  // The page's API (window.paperscope, docs/js-api.md), every method of it, forwarded to this
  // element's explorer; test_embed.mjs checks that none is missing.
  const METHODS = ['state', 'visibleIds', 'rowRect', 'itemRect', 'setQuery', 'setSort',
    'setFilters', 'select', 'load', 'loadFiles', 'loadDefault', 'setTheme', 'exportText',
    'marks', 'setMark', 'readingList', 'importReadingList', 'facetCounts', 'related', 'timeline',
    'paper', 'fetchDetails', 'loadPaper', 'retryDetails', 'chunksIdle', 'memory',
    'setMemoryBudget', 'remembered', 'keepCollection', 'openRemembered', 'forgetRemembered',
    'onLinkOpened', 'onClipboard'];
  // What a method answers before the explorer is there: what it would for an empty one.
  const NOT_READY = {
    load: () => Promise.resolve({ ok: false, count: 0, error: 'not ready yet' }),
    loadFiles: () => Promise.resolve({ ok: false, count: 0, error: 'not ready yet' }),
    related: () => [],
    importReadingList: () => 'not ready',
  };

  class PaperScopeElement extends HTMLElement {
    static get observedAttributes() { return ['bundle', 'src', 'query', 'theme']; }

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      this.canvas = document.createElement('canvas');
      this.canvas.tabIndex = 0;
      this.canvas.setAttribute('aria-label', 'Paperscope paper explorer');
      Object.assign(this.canvas.style, {
        display: 'block', width: '100%', height: '100%', outline: 'none',
      });
      root.appendChild(this.canvas);
      this.api = null;
      this.ready = new Promise((resolve) => { this.resolveReady = resolve; });
    }

    connectedCallback() {
      if (this.api || this.starting) return;
      this.starting = true;
      // A block that fills its width; its height comes from the page (style or CSS).
      if (!this.style.display) this.style.display = 'block';
      // The hidden search input is placed relative to the element.
      if (getComputedStyle(this).position === 'static') this.style.position = 'relative';
      if (!this.style.height && !this.getAttribute('height')) this.style.minHeight = '420px';
      loadScripts().then(() => {
        this.api = Paperscope.mount(this.canvas, {
          base,
          bundle: this.resolve(this.source()),
          query: this.getAttribute('query') || '',
          theme: this.getAttribute('theme') || 'auto',
          onStateChange: (state, what) => {
            if (what & 4) {
              this.dispatchEvent(new CustomEvent('select', {
                detail: { id: state.selectedId }, bubbles: true, composed: true,
              }));
            }
          },
        });
        this.api.ready.then(() => this.resolveReady());
      }, (error) => console.error('[paperscope]', error.message));
    }

    attributeChangedCallback(name, oldValue, value) {
      if (!this.api || oldValue === value) return;
      if (name === 'bundle' || name === 'src') {
        const source = this.source();
        if (source) this.api.load(this.resolve(source));
        else this.api.loadDefault();
      } else if (name === 'query') {
        this.api.setQuery(value || '');
      } else if (name === 'theme') {
        this.api.setTheme(value || 'auto');
      }
    }

    // The collection's URL: src, else bundle (the same thing under its older name).
    source() {
      return this.getAttribute('src') || this.getAttribute('bundle');
    }

    // Bundle URLs are relative to the page the element is on.
    resolve(url) {
      return url ? new URL(url, document.baseURI).href : undefined;
    }
  }

  for (const name of METHODS) {
    PaperScopeElement.prototype[name] = function (...args) {
      if (!this.api) return NOT_READY[name] ? NOT_READY[name]() : null;
      return this.api[name](...args);
    };
  }

  customElements.define('paper-scope', PaperScopeElement);
})();
