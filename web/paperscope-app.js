// Paperscope page glue: starts one explorer on a canvas and gives it a JS API.
//   const api = Paperscope.mount(canvas, { bundle, defaultBundle, base });
// bundle is a URL or a list of URLs (merged into one collection).
// The wasm module (paperscope.js, createPaperscopeModule) is one instance per mount, so
// several explorers on a page never share state. docs/js-api.md describes the API.
(function () {
  'use strict';

  // Regular, semibold, then fallbacks for what Inter lacks (src/ui/fonts.cpp, same order).
  const FONT_FILES = ['Inter-Regular.otf', 'Inter-SemiBold.otf', 'fallback-text.ttf',
    'fallback-math.ttf', 'fallback-symbols.ttf', 'fallback-coptic.ttf'].map((f) => 'fonts/' + f);

  // A response body read a piece at a time. Pieces read ahead (to tell the format from the
  // first bytes) are handed out again first.
  function bodySource(response) {
    const reader = response.body ? response.body.getReader() : null;
    const queued = [];
    let whole = false;
    return {
      async read() {
        if (queued.length) return { done: false, value: queued.shift() };
        if (reader) return reader.read();
        if (whole) return { done: true };
        whole = true;  // no stream: the whole body at once
        return { done: false, value: new Uint8Array(await response.arrayBuffer()) };
      },
      // The first `length` bytes (or all there are), without consuming them.
      async peek(length) {
        const pieces = [];
        let have = 0;
        while (have < length) {
          const { done, value } = await this.read();
          if (done) break;
          pieces.push(value);
          have += value.length;
        }
        queued.unshift(...pieces);
        return pieces.length === 1 ? pieces[0] : concat(pieces, have);
      },
    };
  }

  function concat(pieces, length) {
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const piece of pieces) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
    return bytes;
  }

  // Reads a response body with progress reports (when the size is known).
  async function readWithProgress(source, total, onProgress) {
    const pieces = [];
    let received = 0;
    for (;;) {
      const { done, value } = await source.read();
      if (done) break;
      pieces.push(value);
      received += value.length;
      if (total) onProgress(Math.min(1, received / total));
    }
    return concat(pieces, received);
  }

  // A chunked collection's manifest names its files relative to itself.
  function resolveBeside(file, manifestUrl) {
    return new URL(file, new URL(manifestUrl, location.href)).href;
  }

  function fileNameOf(url) {
    try {
      const path = new URL(url, location.href).pathname;
      return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
    } catch (e) {
      return String(url);
    }
  }

  // Why a fetch failed, in words a person can act on.
  function describeFetchFailure(url, error, response) {
    const name = fileNameOf(url);
    if (response) {
      return `Could not load ${name}: the server answered ${response.status}` +
        (response.statusText ? ` ${response.statusText}` : '') +
        (response.status === 404 ? ' (no such file)' : '');
    }
    return `Could not load ${name}: ${error && error.message ? error.message : 'network error'}` +
      ' (the server is unreachable, or it does not allow this page to read it)';
  }

  // URL state: the location hash holds the query, the sort, the filters and the selected
  // paper, e.g. #q=diffusion+model&sort=upvotes-desc&years=2020-2023&code=1&paper=2504.02345
  function stateToHash(s) {
    const params = new URLSearchParams();
    if (s.query) params.set('q', s.query);
    if (!s.sortAuto) params.set('sort', s.sort);
    const { yearMin, yearMax, hasCode } = s.filters;
    if (yearMin || yearMax) params.set('years', `${yearMin || ''}-${yearMax || ''}`);
    if (hasCode) params.set('code', '1');
    if (s.selectedId) params.set('paper', s.selectedId);
    const text = params.toString();
    return text ? '#' + text : '';
  }

  function hashToState(hash) {
    const params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
    const [yearMin, yearMax] = (params.get('years') || '-').split('-').map((y) => Number(y) || 0);
    return {
      query: params.get('q') || '',
      sort: params.get('sort') || 'auto',
      filters: { yearMin, yearMax, hasCode: params.get('code') === '1' },
      paper: params.get('paper') || '',
    };
  }

  // The reading list lives in localStorage, by stable paper id (docs/js-api.md).
  const READING_LIST_KEY = 'paperscope.readingList.v1';
  function storedReadingList() {
    try { return localStorage.getItem(READING_LIST_KEY); } catch (e) { return null; }
  }
  function storeReadingList(json) {
    try { localStorage.setItem(READING_LIST_KEY, json); } catch (e) { /* storage full or off */ }
  }

  // Remembered collections live in IndexedDB: {id, name, saved, bytes, papers, data}.
  function openDb() {
    return new Promise((resolve, reject) => {
      if (!window.indexedDB) return reject(new Error('IndexedDB is not available'));
      const request = indexedDB.open('paperscope', 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('collections', { keyPath: 'id', autoIncrement: true });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  async function withStore(mode, fn) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('collections', mode);
      const result = fn(tx.objectStore('collections'));
      tx.oncomplete = () => { db.close(); resolve(result && result.result); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    });
  }
  const remembered = {
    list: () => withStore('readonly', (store) => store.getAll()).then((items) =>
      (items || []).map(({ id, name, saved, bytes, papers }) => ({ id, name, saved, bytes, papers }))),
    get: (id) => withStore('readonly', (store) => store.get(id)),
    add: (entry) => withStore('readwrite', (store) => store.add(entry)),
    remove: (id) => withStore('readwrite', (store) => store.delete(id)),
  };

  function downloadText(name, mime, text) {
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // One compile of the wasm for every explorer on the page: each instance instantiates the
  // same WebAssembly.Module (and the bytes are fetched once).
  const compiledModules = new Map();
  function compileOnce(url) {
    if (!compiledModules.has(url)) {
      const bytes = () => fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
        return r;
      });
      compiledModules.set(url, WebAssembly.compileStreaming
        ? WebAssembly.compileStreaming(bytes()).catch(() => bytes().then((r) => r.arrayBuffer()).then(WebAssembly.compile))
        : bytes().then((r) => r.arrayBuffer()).then(WebAssembly.compile));
    }
    return compiledModules.get(url);
  }

  function mount(canvas, options = {}) {
    const base = options.base || '';
    const defaultBundle = options.defaultBundle || base + 'papers.json';
    let module = null;
    let webgl = true;
    let app = 0;
    let nextRequest = 1;
    const pendingLoads = new Map();  // request id → resolve
    let resolveReady;
    const ready = new Promise((resolve) => { resolveReady = resolve; });
    let resolveAppCreated;
    const appCreated = new Promise((resolve) => { resolveAppCreated = resolve; });
    const listeners = { linkOpened: [], clipboard: [] };

    function call(name, ...args) {
      return module['_' + name](app, ...args);
    }
    function callJson(name, ...args) {
      return JSON.parse(module.UTF8ToString(call(name, ...args)));
    }
    function withString(text, fn) {
      const length = module.lengthBytesUTF8(text) + 1;
      const ptr = module._malloc(length);
      module.stringToUTF8(text, ptr, length);
      try { return fn(ptr); } finally { module._free(ptr); }
    }
    function copyIn(bytes) {
      const ptr = module._malloc(bytes.length || 1);
      if (!ptr) return 0;
      module.HEAPU8.set(bytes, ptr);
      return ptr;
    }

    // Hands bytes to the app; resolves with {ok, count, error} when it has read them.
    const loadedBytes = new Map();  // request id → what was loaded, for "keep this collection"
    let current = null;             // the collection shown: {name, bytes, isDefault}
    function loadBytes(bytes, name, { isDefault = false, keepError = false } = {}) {
      const id = nextRequest++;
      loadedBytes.set(id, { name, bytes, isDefault });
      return new Promise((resolve) => {
        pendingLoads.set(id, resolve);
        const ptr = copyIn(bytes);
        if (!ptr) {
          withString(`Could not open ${name}: it is too large for this browser tab's memory`,
            (msg) => call('ps_api_load_failed', id, msg, 0));
          return;
        }
        withString(name, (namePtr) =>
          call('ps_api_begin_load', ptr, bytes.length, namePtr, id, isDefault ? 1 : 0,
               keepError ? 1 : 0));
      });
    }

    // Hands several inputs ([{bytes, name}]) to the app as one load: one collection, the
    // same paper in several inputs folded into one (docs/formats.md, "Merging").
    function loadInputs(inputs, { isDefault = false, keepError = false } = {}) {
      if (inputs.length === 1) {
        return loadBytes(inputs[0].bytes, inputs[0].name, { isDefault, keepError });
      }
      const id = nextRequest++;
      return new Promise((resolve) => {
        pendingLoads.set(id, resolve);
        for (const { bytes, name } of inputs) {
          const ptr = copyIn(bytes);
          if (!ptr) {
            call('ps_api_clear_staged');
            withString(`Could not open ${name}: it is too large for this browser tab's memory`,
              (msg) => call('ps_api_load_failed', id, msg, 0));
            return;
          }
          withString(name, (namePtr) => call('ps_api_stage_input', ptr, bytes.length, namePtr));
        }
        call('ps_api_begin_staged_load', id, isDefault ? 1 : 0, keepError ? 1 : 0);
      });
    }

    // Writes a response body into a buffer the app staged for it; false when the app has no
    // room (the caller then reads it the ordinary way, which reports the limit).
    async function streamIntoApp(source, total, name, progress, stage = 'ps_api_stage_buffer') {
      const ptr = withString(name, (p) => call(stage, total, p));
      if (!ptr) return false;
      let received = 0;
      for (;;) {
        const { done, value } = await source.read();
        if (done) break;
        if (received + value.length > total) throw new Error(`more bytes than the ${total} announced`);
        module.HEAPU8.set(value, ptr + received);  // HEAPU8 afresh: memory may have grown
        received += value.length;
        progress(received / total);
      }
      if (received !== total) throw new Error(`${received} bytes of the ${total} announced`);
      return true;
    }
    function beginStaged({ isDefault = false, keepError = false } = {}) {
      const id = nextRequest++;
      return new Promise((resolve) => {
        pendingLoads.set(id, resolve);
        call('ps_api_begin_staged_load', id, isDefault ? 1 : 0, keepError ? 1 : 0);
      });
    }

    // Reports a failure that happened before the app saw any bytes (a fetch, a file read).
    // A fetch can be tried again: the view then offers a Retry button.
    let retryLast = null;
    function failLoad(message, retry = null) {
      retryLast = retry;
      const id = nextRequest++;
      return new Promise((resolve) => {
        pendingLoads.set(id, resolve);
        withString(message, (msg) => call('ps_api_load_failed', id, msg, retry ? 1 : 0));
      });
    }

    // Several URLs into one collection: fetched side by side (progress is their average);
    // if any cannot be fetched, nothing is opened and the message names it.
    async function loadUrls(urls, flags = {}) {
      if (urls.length === 1) return loadUrl(urls[0], flags);
      const names = urls.map(fileNameOf);
      const label = names.join(', ');
      const fractions = urls.map(() => 0);
      const report = () => withString(label, (p) => call('ps_api_fetch_progress', p,
        fractions.reduce((a, b) => a + b, 0) / fractions.length));
      report();
      const results = await Promise.all(urls.map(async (url, i) => {
        let response = null;
        try {
          response = await fetch(url);
          if (!response.ok) throw new Error('HTTP ' + response.status);
          const total = Number(response.headers.get('content-length')) || 0;
          const bytes = await readWithProgress(bodySource(response), total,
            (f) => { fractions[i] = f; report(); });
          if (looksLikeManifest(bytes)) {
            return { error: `${names[i]} is the manifest of a chunked collection, which opens ` +
              'on its own, not merged with other sources' };
          }
          return { bytes, name: names[i] };
        } catch (error) {
          return { error: describeFetchFailure(url, error, response && !response.ok ? response : null) };
        }
      }));
      const failed = results.filter((r) => r.error);
      if (failed.length) {
        return failLoad(failed.map((r) => r.error).join('; ') +
          ` (${failed.length} of ${urls.length} sources; nothing was opened)`,
          () => loadUrls(urls, flags));
      }
      return loadInputs(results, flags);
    }

    async function loadUrl(url, flags = {}) {
      const name = fileNameOf(url);
      let response = null;
      try {
        withString(name, (p) => call('ps_api_fetch_progress', p, 0));
        response = await fetch(url);
        if (!response.ok) throw new Error('HTTP ' + response.status);
        const type = response.headers.get('content-type') || '';
        const total = Number(response.headers.get('content-length')) || 0;
        const encoding = response.headers.get('content-encoding');
        if (/^(text\/html|image\/|video\/|audio\/)/i.test(type)) {
          return failLoad(`Could not load ${name}: the server sent ${type.split(';')[0]}, not a ` +
            'collection of papers (is the address right?)', () => loadUrl(url, flags));
        }
        const progress = (f) => withString(name, (p) => call('ps_api_fetch_progress', p, f));
        const source = bodySource(response);
        // A chunked collection's manifest: its resident part and chunks come next.
        if (looksLikeManifest(await source.peek(4096))) {
          const text = new TextDecoder().decode(await readWithProgress(source, 0, () => {}));
          return await loadChunked(url, name, text, flags);
        }
        // A big file of known size goes straight into the app's memory as it arrives.
        if (response.body && total > (1 << 20) && (!encoding || encoding === 'identity')) {
          const staged = await streamIntoApp(source, total, name, progress);
          if (staged) return await beginStaged(flags);
        }
        const bytes = await readWithProgress(source, total, progress);
        return await loadBytes(bytes, name, flags);
      } catch (error) {
        call('ps_api_clear_staged');
        return failLoad(describeFetchFailure(url, error, response && !response.ok ? response : null),
          () => loadUrl(url, flags));
      }
    }

    // Whether bytes (the first few KB are enough) are a chunked collection's manifest.
    function looksLikeManifest(bytes) {
      const prefix = bytes.subarray(0, 65536);
      const ptr = copyIn(prefix);
      if (!ptr) return false;
      try { return !!call('ps_api_looks_like_manifest', ptr, prefix.length); } finally { module._free(ptr); }
    }

    // A chunked collection (docs/bundle-format.md): the manifest's text is here; the app
    // reads it and names the resident part, which is fetched straight into the app's memory
    // and decoded there a slice at a time. Chunks come later (fetchChunk).
    async function loadChunked(manifestUrl, name, text, flags = {}) {
      const id = nextRequest++;
      const finished = new Promise((resolve) => pendingLoads.set(id, resolve));
      const info = withString(text, (t) => withString(name, (n) =>
        callJson('ps_api_read_manifest', t, n, id)));
      if (!info.ok) return finished;  // the app answered the request with why
      const residentUrl = resolveBeside(info.file, manifestUrl);
      const what = `${name} (the index of ${info.papers} papers, ${(info.bytes / 1e6).toFixed(1)} MB)`;
      const progress = (f) => withString(what, (p) => call('ps_api_fetch_progress', p, 0.5 * f));
      let response = null;
      try {
        progress(0);
        response = await fetch(residentUrl);
        if (!response.ok) throw new Error('HTTP ' + response.status);
        const total = Number(response.headers.get('content-length')) || 0;
        const encoding = response.headers.get('content-encoding');
        const source = bodySource(response);
        let staged = false;
        if (response.body && total === info.bytes && (!encoding || encoding === 'identity')) {
          staged = await streamIntoApp(source, total, name, progress, 'ps_api_stage_resident');
        } else {
          const bytes = await readWithProgress(source, total, progress);
          const ptr = withString(name, (p) => call('ps_api_stage_resident', bytes.length, p));
          if (ptr) module.HEAPU8.set(bytes, ptr);
          staged = !!ptr;
        }
        if (!staged) throw new Error('it is too large for this browser tab\'s memory');
        loadedBytes.set(id, { name, url: manifestUrl, chunked: true, size: text.length + info.bytes,
          isDefault: !!flags.isDefault });
        call('ps_api_begin_chunked_load', id, flags.isDefault ? 1 : 0, flags.keepError ? 1 : 0);
      } catch (error) {
        call('ps_api_clear_staged');
        retryLast = () => loadUrl(manifestUrl, flags);
        const why = describeFetchFailure(residentUrl, error, response && !response.ok ? response : null);
        withString(`Could not open ${name}: ${why.replace(/^Could not load /, '')}`,
          (msg) => call('ps_api_load_failed', id, msg, 1));
      }
      return finished;
    }

    // Chunks on their way: fetched when the app asks (a paper shown, an export), handed to
    // the app as they arrive (it checks their hash and attaches them, or keeps why not).
    let chunkBase = null;  // the manifest URL of the chunked collection shown
    const inflight = new Set();
    function chunkFailure(file, error, response) {
      if (response) {
        return `${file}: the server answered ${response.status}` +
          (response.statusText ? ` ${response.statusText}` : '') +
          (response.status === 404 ? ' (no such file)' : '');
      }
      return `${file}: could not be fetched (${error && error.message ? error.message : 'network error'})`;
    }
    function fetchChunk(collection, chunk, file) {
      const url = resolveBeside(file, chunkBase || location.href);
      const done = (async () => {
        let response = null;
        try {
          response = await fetch(url);
          if (!response.ok) throw new Error('HTTP ' + response.status);
          const bytes = new Uint8Array(await response.arrayBuffer());
          const ptr = copyIn(bytes);
          if (!ptr) throw new Error('no memory left for it in this browser tab');
          call('ps_api_chunk_arrived', collection, chunk, ptr, bytes.length);
        } catch (error) {
          withString(chunkFailure(file, error, response && !response.ok ? response : null),
            (m) => call('ps_api_chunk_failed', collection, chunk, m));
        }
      })();
      inflight.add(done);
      done.finally(() => inflight.delete(done));
    }

    // What fetchDetails and exportText are about: 'results', 'selection', or ids.
    function detailsTarget(target) {
      if (target === 'results' || target === 'selection') return [target, '[]'];
      return ['ids', JSON.stringify([].concat(target).map(String))];
    }
    function detailsNeed(target, request) {
      const [scope, ids] = detailsTarget(target);
      return withString(scope, (s) => withString(ids, (i) =>
        callJson('ps_api_details_need', s, i, request ? 1 : 0, MAX_FETCHED_CHUNKS)));
    }
    const MAX_FETCHED_CHUNKS = 256;
    // Fetches the details (abstracts, links, all authors) of papers of a chunked collection;
    // resolves to {ok, papers, error} once they are here or cannot be.
    async function fetchDetails(target = 'selection') {
      if (!app) return { ok: false, papers: 0, error: 'not ready' };
      for (;;) {
        const need = detailsNeed(target, true);
        if (need.papers === 0) return { ok: true, papers: need.rows, error: null };
        if (need.failed) {
          return { ok: false, papers: need.rows, error: `the details of ${need.failed} papers could not be loaded: ${need.error}` };
        }
        if (!need.requested) {
          return { ok: false, papers: need.rows, error: `the details of ${need.papers} papers are in ` +
            `${need.chunks} chunks (${(need.bytes / 1e6).toFixed(1)} MB): more than ${MAX_FETCHED_CHUNKS} at once` };
        }
        if (!inflight.size) return { ok: false, papers: need.rows, error: 'no chunk is on its way' };
        await Promise.race(inflight);
      }
    }
    async function chunksIdle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    }

    // Files (picked or dropped): several become one collection.
    async function loadFiles(files) {
      const list = Array.from(files || []);
      if (!list.length) return { ok: false, count: 0, error: 'no files' };
      let inputs;
      try {
        inputs = await Promise.all(list.map(async (file) =>
          ({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name })));
      } catch (error) {
        return failLoad(`Could not read ${list.map((f) => f.name).join(', ')}: ${error.message}`);
      }
      // A chunked collection's manifest names files beside it, which a page cannot read
      // from a picked or dropped file: say how to open it.
      const manifest = inputs.find((input) => looksLikeManifest(input.bytes));
      if (manifest) {
        return failLoad(`Could not open ${manifest.name}: it is the manifest of a chunked ` +
          'collection, whose resident part and chunks are separate files that a picked or ' +
          'dropped file cannot reach. Open it by its URL instead: put the whole folder on a web ' +
          'server, then Collections → Open a URL (or ?bundle=https://…/manifest.json)');
      }
      return loadInputs(inputs);
    }

    // The file picker and drag-and-drop.
    const readingListPicker = document.createElement('input');
    readingListPicker.type = 'file';
    readingListPicker.accept = '.json,application/json';
    readingListPicker.style.display = 'none';
    readingListPicker.addEventListener('change', async () => {
      const file = readingListPicker.files && readingListPicker.files[0];
      readingListPicker.value = '';
      if (file) api.importReadingList(await file.text());
    });
    const picker = document.createElement('input');
    picker.type = 'file';
    picker.accept = '.json,.jsonl,.ndjson,.bib,.bibtex,.xml,.atom,application/json';
    picker.multiple = true;
    picker.style.display = 'none';
    picker.addEventListener('change', () => {
      if (picker.files && picker.files.length) loadFiles(picker.files);
      picker.value = '';
    });
    (canvas.parentNode || document.body).appendChild(picker);
    (canvas.parentNode || document.body).appendChild(readingListPicker);

    async function refreshRemembered() {
      if (!app) return;
      let list = [];
      try { list = await remembered.list(); } catch (e) { /* no IndexedDB: nothing kept */ }
      withString(JSON.stringify(list), (p) =>
        call('ps_api_set_remembered', p, current && !current.isDefault ? 1 : 0));
    }
    canvas.addEventListener('dragover', (e) => { e.preventDefault(); });
    canvas.addEventListener('drop', (e) => {
      e.preventDefault();
      const files = e.dataTransfer && e.dataTransfer.files;
      if (files && files.length) loadFiles(files);
    });

    // Clicking the canvas gives it keyboard focus (it has a tabindex).
    canvas.addEventListener('mousedown', () => canvas.focus({ preventScroll: true }));
    canvas.addEventListener('paste', (e) => {
      const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      if (text && app) {
        e.preventDefault();
        withString(text, (p) => call('ps_api_paste', p));
      }
    });

    // Size, pixel density and colour scheme changes all need a new frame.
    const requestFrame = () => { if (app) call('ps_api_request_frame'); };
    // device-pixel-content-box also reports pixel-ratio changes that keep the CSS size.
    const resizeObserver = new ResizeObserver(requestFrame);
    try {
      resizeObserver.observe(canvas, { box: 'device-pixel-content-box' });
    } catch (e) {
      resizeObserver.observe(canvas);
    }
    let dprQuery = null;
    function watchPixelRatio() {
      if (dprQuery) dprQuery.removeEventListener('change', onPixelRatio);
      dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      dprQuery.addEventListener('change', onPixelRatio);
    }
    function onPixelRatio() { watchPixelRatio(); requestFrame(); }
    watchPixelRatio();
    // Light or dark: 'auto' follows prefers-color-scheme.
    let theme = options.theme || 'auto';
    const darkQuery = matchMedia('(prefers-color-scheme: dark)');
    const isDark = () => (theme === 'auto' ? darkQuery.matches : theme === 'dark');
    const applyTheme = () => { if (app) call('ps_api_set_dark', isDark() ? 1 : 0); };
    darkQuery.addEventListener('change', applyTheme);

    // The accessible mirror: screen readers cannot read a canvas, so a visually hidden list
    // holds the results on screen (an ARIA listbox whose selected option follows the
    // selection) and a live region says how many papers match as the query changes, or why
    // a collection could not be opened. Text only: nothing from a bundle is ever parsed as
    // HTML.
    const mirror = document.createElement('div');
    Object.assign(mirror.style, {
      position: 'absolute', width: '1px', height: '1px', padding: '0', margin: '-1px',
      overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: '0',
    });
    const liveRegion = document.createElement('div');
    liveRegion.setAttribute('role', 'status');
    liveRegion.setAttribute('aria-live', 'polite');
    const listbox = document.createElement('ul');
    listbox.setAttribute('role', 'listbox');
    listbox.setAttribute('aria-label', 'Results');
    listbox.tabIndex = -1;
    mirror.append(liveRegion, listbox);
    (canvas.parentNode || document.body).appendChild(mirror);
    const mirrorId = `ps-${Math.random().toString(36).slice(2, 8)}`;
    let announced = '';
    let announceTimer = 0;
    let lastLoadError = '';
    function updateMirror(json) {
      const m = JSON.parse(json);
      listbox.replaceChildren(...m.rows.map((row) => {
        const option = document.createElement('li');
        option.setAttribute('role', 'option');
        option.id = `${mirrorId}-${row.index}`;
        option.setAttribute('aria-selected', row.id === m.selectedId ? 'true' : 'false');
        option.textContent = [row.title, row.authors, row.date].filter(Boolean).join('. ');
        return option;
      }));
      const selected = m.rows.find((row) => row.id === m.selectedId);
      if (selected) listbox.setAttribute('aria-activedescendant', `${mirrorId}-${selected.index}`);
      else listbox.removeAttribute('aria-activedescendant');
      canvas.setAttribute('aria-label', `Paperscope: ${m.title || 'papers'}. ${m.shown} of ${m.total} papers shown.`);
      // A collection that could not be opened is said once, when it happens; the counts
      // of the collection still shown follow as the query changes.
      const newLoadError = m.loadError && m.loadError !== lastLoadError;
      lastLoadError = m.loadError;
      const message = newLoadError ? m.loadError
        : m.queryError ? `Query not understood: ${m.queryError}`
          : `${m.shown} of ${m.total} papers` + (m.query ? ` match “${m.query}”` : '');
      if (message !== announced) {
        clearTimeout(announceTimer);  // announce once the typing pauses
        announceTimer = setTimeout(() => { liveRegion.textContent = message; announced = message; }, 400);
      }
    }

    // The search box's text input. A canvas cannot take text from phones' keyboards, input
    // methods (composition) or dead keys, so while ImGui's search box has the keyboard an
    // invisible <input> lies over it and takes the typing; its text and caret are mirrored
    // into the box. Up, Down, Enter, Esc, Tab and Page Up/Down go on to the explorer.
    const textInput = document.createElement('input');
    textInput.type = 'text';
    textInput.setAttribute('aria-label', 'Search papers');
    textInput.setAttribute('autocomplete', 'off');
    textInput.setAttribute('autocapitalize', 'off');
    textInput.setAttribute('enterkeyhint', 'search');
    textInput.spellcheck = false;
    Object.assign(textInput.style, {
      position: 'absolute', left: '0', top: '0', width: '1px', height: '1px', margin: '0',
      padding: '0', border: '0', opacity: '0', fontSize: '16px', background: 'transparent',
      color: 'transparent', caretColor: 'transparent', outline: 'none',
    });
    (canvas.parentNode || document.body).appendChild(textInput);
    const encoder = new TextEncoder();
    const utf8Offset = (text, index) => encoder.encode(text.slice(0, index)).length;
    function sendInput() {
      if (!app) return;
      const v = textInput.value;
      withString(v, (p) => call('ps_api_search_input', p, utf8Offset(v, textInput.selectionStart || 0),
        utf8Offset(v, textInput.selectionEnd || 0)));
    }
    function activeElement() {
      const root = canvas.getRootNode ? canvas.getRootNode() : document;
      return root.activeElement || document.activeElement;
    }
    function placeTextInput() {
      const rect = api.itemRect('search');
      if (!rect) return;
      const parent = textInput.offsetParent || canvas.parentNode;
      const box = parent && parent.getBoundingClientRect ? parent.getBoundingClientRect() : { left: 0, top: 0 };
      Object.assign(textInput.style, {
        left: `${rect.x - box.left}px`, top: `${rect.y - box.top}px`,
        width: `${rect.w}px`, height: `${rect.h}px`,
      });
    }
    function followSearchFocus() {
      const s = api.state();
      if (!s) return;
      if (s.searchFocused && activeElement() === canvas) {
        placeTextInput();
        textInput.value = s.query;
        textInput.setSelectionRange(textInput.value.length, textInput.value.length);
        textInput.focus({ preventScroll: true });
      } else if (!s.searchFocused && activeElement() === textInput) {
        canvas.focus({ preventScroll: true });
      } else if (s.searchFocused && activeElement() === textInput) {
        placeTextInput();  // the search box moved: the input follows it
      }
    }
    textInput.addEventListener('focus', () => { if (app) call('ps_api_text_input_focus', 1); });
    textInput.addEventListener('blur', () => { if (app) call('ps_api_text_input_focus', 0); });
    textInput.addEventListener('input', (e) => { if (!e.isComposing) sendInput(); });
    textInput.addEventListener('compositionend', sendInput);
    textInput.addEventListener('select', sendInput);
    textInput.addEventListener('keyup', (e) => {
      if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) sendInput();
      if (FORWARDED_KEYS.includes(e.key) && app) withString(e.key, (p) => call('ps_api_key', p, 0, e.shiftKey ? 1 : 0));
    });
    const FORWARDED_KEYS = ['ArrowUp', 'ArrowDown', 'Enter', 'Escape', 'Tab', 'PageUp', 'PageDown'];
    textInput.addEventListener('keydown', (e) => {
      if (e.isComposing || e.keyCode === 229 || !app) return;
      if (e.key === 'Escape' && textInput.value) {  // the first Esc clears the box
        e.preventDefault();
        textInput.value = '';
        sendInput();
        return;
      }
      if (!FORWARDED_KEYS.includes(e.key)) return;
      e.preventDefault();
      withString(e.key, (p) => call('ps_api_key', p, 1, e.shiftKey ? 1 : 0));
    });
    textInput.addEventListener('paste', (e) => {  // one line: breaks become spaces
      const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      if (!text) return;
      e.preventDefault();
      textInput.setRangeText(text.replace(/[\r\n\t]+/g, ' '), textInput.selectionStart,
        textInput.selectionEnd, 'end');
      sendInput();
    });
    // A tap on the search box focuses the input at once: phones open their keyboard only
    // for a focus made while handling the tap.
    canvas.addEventListener('touchend', (e) => {
      const touch = e.changedTouches && e.changedTouches[0];
      const rect = touch && app ? api.itemRect('search') : null;
      if (rect && touch.clientX >= rect.x && touch.clientX <= rect.x + rect.w &&
          touch.clientY >= rect.y && touch.clientY <= rect.y + rect.h) {
        placeTextInput();
        textInput.focus({ preventScroll: true });
      }
    });

    // Canvas CSS pixels → viewport CSS pixels.
    function toViewport(rect) {
      if (!rect) return null;
      const box = canvas.getBoundingClientRect();
      return { x: box.left + rect.x, y: box.top + rect.y, w: rect.w, h: rect.h };
    }

    // Keeps location.hash in step with what the user does (only for the page's own
    // explorer: an embed must not touch its host page's URL).
    let urlRestored = false;
    let pendingHash = null;
    let replaceTimer = 0;
    function writeHash(hash, push) {
      const url = location.pathname + location.search + hash;
      if (push) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    function flushPendingHash() {
      if (pendingHash === null) return;
      clearTimeout(replaceTimer);
      if (pendingHash !== location.hash) writeHash(pendingHash, false);
      pendingHash = null;
    }
    function applyState(wanted) {
      api.setQuery(wanted.query);
      api.setSort(wanted.sort);
      api.setFilters(wanted.filters);
      api.select(wanted.paper);
    }
    function applyHash() {
      applyState(hashToState(location.hash));
      pendingHash = null;
      clearTimeout(replaceTimer);
    }
    function onStateChanged(what) {
      if (what & 8) followSearchFocus();
      if (!(what & 7)) return;
      const s = api.state();
      if (options.onStateChange) options.onStateChange(s, what);
      if (!options.urlState || !urlRestored) return;
      const hash = stateToHash(s);
      if (what & (2 | 4)) {  // a new filter, sort or paper: a step Back can return to
        flushPendingHash();
        if (hash !== location.hash) writeHash(hash, true);
      } else {  // typing: replace, once the typing pauses
        pendingHash = hash;
        clearTimeout(replaceTimer);
        replaceTimer = setTimeout(flushPendingHash, 300);
      }
    }
    if (options.urlState) {
      window.addEventListener('popstate', () => { if (app) applyHash(); });
    }

    const host = {
      appCreated(ptr) { app = ptr; resolveAppCreated(); },
      stateChanged(what) { onStateChanged(what); },
      updateMirror(json) { updateMirror(json); },
      webglMissing() {
        webgl = false;
        const template = document.getElementById('paperscope-static-list');
        if (options.urlState && template) {  // the page: show the collection as a list
          document.body.classList.add('paperscope-nowebgl');
          document.body.appendChild(template.content.cloneNode(true));
        } else {  // an embed: say why it is empty
          const note = document.createElement('p');
          note.textContent = 'This browser cannot show the paper explorer (it needs WebGL 2).';
          (canvas.parentNode || document.body).appendChild(note);
          canvas.style.display = 'none';
        }
        resolveReady();
      },
      firstCollectionShown() { resolveReady(); },
      loadFinished(id, ok, count, error) {
        if (ok) {  // chunks of the collection now shown are fetched beside its manifest
          const loading = loadedBytes.get(id);
          chunkBase = loading && loading.chunked ? loading.url : null;
        }
        if (ok && !urlRestored) {
          // The first collection is in: show what the link (or the embed's attributes)
          // describes before the first frame is drawn.
          urlRestored = true;
          if (options.urlState && location.hash.length > 1) applyHash();
          else if (options.query) api.setQuery(options.query);
        }
        const resolve = pendingLoads.get(id);
        pendingLoads.delete(id);
        const loaded = loadedBytes.get(id);
        loadedBytes.delete(id);
        if (ok && loaded) {
          current = { ...loaded, count };
          refreshRemembered();
        }
        if (resolve) resolve({ ok, count, error: ok ? null : error });
      },
      fatal(message) {
        console.error('[paperscope]', message);
        if (options.onFatal) options.onFatal(message);
      },
      linkOpened(url, opened) { listeners.linkOpened.forEach((f) => f(url, opened)); },
      clipboardWritten(text) { listeners.clipboard.forEach((f) => f(text)); },
      openFilePicker() { picker.click(); },
      download(name, mime, text) { downloadText(name, mime, text); },
      saveReadingList(json) { if (options.storage !== false) storeReadingList(json); },
      importReadingList() { readingListPicker.click(); },
      async rememberCollection() {
        if (!current || current.isDefault) return;
        const saved = new Date().toISOString().slice(0, 10);
        try {
          // A chunked collection is remembered by its manifest's URL (its chunks stay on the
          // server); anything else by its bytes.
          await remembered.add(current.chunked
            ? { name: current.url, saved, bytes: current.size, papers: current.count, url: current.url }
            : { name: current.name, saved, bytes: current.bytes.length, papers: current.count,
              data: current.bytes });
        } catch (e) {
          withString(`Could not keep ${current.name}: ${e.message}`, (m) => call('ps_api_load_failed', 0, m, 0));
        }
        refreshRemembered();
      },
      async openRemembered(id) {
        const entry = await remembered.get(id).catch(() => null);
        if (entry && entry.url) loadUrl(entry.url);
        else if (entry && entry.data) loadBytes(new Uint8Array(entry.data), entry.name);
      },
      retryLoad() {
        const retry = retryLast;
        retryLast = null;
        if (retry) retry();
      },
      async forgetRemembered(id) {
        await remembered.remove(id).catch(() => {});
        refreshRemembered();
      },
      loadDefault() { loadUrl(defaultBundle, { isDefault: true }); },
      openCollectionUrl(url) { api.load(new URL(url, location.href).href); },
      fetchChunk(collection, chunk, file) { fetchChunk(collection, chunk, file); },
    };

    const fontBytes = FONT_FILES.map((f) =>
      fetch(base + f).then((r) => r.ok ? r.arrayBuffer() : Promise.reject(new Error(f))));

    createPaperscopeModule({
      canvas,
      paperscopeHost: host,
      locateFile: (path) => base + path,
      instantiateWasm(imports, receiveInstance) {
        compileOnce(base + 'paperscope.wasm')
          .then((compiled) => WebAssembly.instantiate(compiled, imports)
            .then((instance) => receiveInstance(instance, compiled)))
          .catch((error) => host.fatal(`Could not start: ${error.message}`));
        return {};
      },
      printErr: (text) => console.warn('[paperscope]', text),
    }).then(async (instance) => {
      module = instance;
      module.paperscopeHost = host;
      await appCreated;
      applyTheme();
      const stored = options.storage === false ? null : storedReadingList();
      if (stored) withString(stored, (p) => call('ps_api_load_reading_list', p, 0));
      // A missing fallback costs some glyphs, not the page: draw with what arrived.
      const fonts = await Promise.allSettled(fontBytes);
      fonts.forEach((result, i) => {
        if (result.status !== 'fulfilled') {
          console.warn('[paperscope] font missing:', FONT_FILES[i]);
          return;
        }
        const bytes = new Uint8Array(result.value);
        call('ps_api_set_font', i, copyIn(bytes), bytes.length);
      });
      call('ps_api_fonts_done');
      // One bundle or several (options.bundle may be a list: ?bundle=a&bundle=b).
      const bundles = [].concat(options.bundle || []).filter(Boolean).map(String);
      if (bundles.length && !(bundles.length === 1 && bundles[0] === defaultBundle)) {
        const result = await loadUrls(bundles);
        if (!result.ok) await loadUrl(defaultBundle, { isDefault: true, keepError: true });
      } else {
        await loadUrl(defaultBundle, { isDefault: true });
      }
    });

    const api = {
      ready,
      get webgl() { return webgl; },
      state: () => (app ? callJson('ps_api_state') : null),
      visibleIds: (limit = 50) => (app ? callJson('ps_api_visible_ids', limit) : []),
      rowRect(index) {
        return app ? toViewport(callJson('ps_api_row_rect', index)) : null;
      },
      itemRect(name) {
        return app ? toViewport(withString(String(name), (p) => callJson('ps_api_item_rect', p))) : null;
      },
      setQuery(text) { if (app) withString(String(text), (p) => call('ps_api_set_query', p)); },
      setSort(name) { return app ? !!withString(String(name), (p) => call('ps_api_set_sort', p)) : false; },
      setFilters({ yearMin = 0, yearMax = 0, hasCode = false } = {}) {
        if (app) call('ps_api_set_filters', yearMin || 0, yearMax || 0, hasCode ? 1 : 0);
      },
      select(id) { return app ? !!withString(String(id), (p) => call('ps_api_select', p)) : false; },
      // load(url), or load([url1, url2, …]): several sources merged into one collection.
      load: (urls) => (Array.isArray(urls) ? loadUrls(urls.map(String)) : loadUrl(String(urls))),
      loadFiles: (files) => loadFiles(files),
      setTheme(value) {
        theme = ['light', 'dark'].includes(value) ? value : 'auto';
        applyTheme();
      },
      loadDefault: () => loadUrl(defaultBundle, { isDefault: true }),
      // What a download would contain (docs/js-api.md); null for an unknown format or scope.
      // For a chunked collection whose papers' details are not all here it throws (say why):
      // await fetchDetails(scope) first.
      exportText(format = 'bibtex', scope = 'results') {
        if (!app) return null;
        if (scope === 'results' || scope === 'selection') {
          const need = detailsNeed(scope, false);
          if (need.papers) {
            throw new Error(need.failed
              ? `the details of ${need.failed} papers could not be loaded: ${need.error}`
              : `the details of ${need.papers} papers are not loaded yet: await fetchDetails('${scope}') first`);
          }
        }
        const ptr = withString(String(format), (f) => withString(String(scope), (sc) =>
          call('ps_api_export_text', f, sc)));
        return ptr ? module.UTF8ToString(ptr) : null;
      },
      marks: (id) => (app ? withString(String(id), (p) => callJson('ps_api_marks', p)) : null),
      setMark(id, mark, on = true) {
        return app ? !!withString(String(id), (i) => withString(String(mark), (m) =>
          call('ps_api_set_mark', i, m, on ? 1 : 0))) : false;
      },
      readingList: () => (app ? JSON.parse(storedReadingList() || '{"papers":{}}') : null),
      // Merges a reading list (JSON text); resolves to an error message or null.
      importReadingList(json) {
        if (!app) return 'not ready';
        const error = withString(String(json), (p) => module.UTF8ToString(call('ps_api_load_reading_list', p, 1)));
        if (error) withString(`Could not import the reading list: ${error}`, (m) => call('ps_api_load_failed', 0, m, 0));
        return error || null;
      },
      facetCounts: (field) => (app ? withString(String(field), (p) => callJson('ps_api_facet_counts', p)) : null),
      related: (id, k = 10) => (app ? withString(String(id), (p) => callJson('ps_api_related', p, k)) : []),
      timeline: () => (app ? callJson('ps_api_timeline') : null),
      // One paper (its bundle object and, for chunked collections, details: 'loaded',
      // 'loading' or 'failed' with detailsError); null for an unknown id.
      paper: (id) => (app ? withString(String(id), (p) => callJson('ps_api_paper', p)) : null),
      // Chunked collections: fetch papers' details ('results', 'selection', an id or ids).
      fetchDetails: (target) => fetchDetails(target),
      // The paper once its details are here (or could not be: see details).
      async loadPaper(id) {
        await fetchDetails(String(id));
        return api.paper(id);
      },
      // Asks again for the details of papers whose chunk failed.
      retryDetails(target = 'selection') {
        if (!app) return;
        const [scope, ids] = detailsTarget(target);
        withString(scope, (s) => withString(ids, (i) => call('ps_api_retry_details', s, i)));
      },
      // Resolves when no chunk is on its way.
      chunksIdle: () => chunksIdle(),
      memory: () => (app ? callJson('ps_api_memory') : null),
      // For tests: pretend the page may use only this many bytes (0: the real limit).
      setMemoryBudget(bytes) { if (app) call('ps_api_set_memory_budget', Number(bytes) || 0); },
      remembered: () => remembered.list(),
      keepCollection: () => host.rememberCollection(),
      openRemembered: (id) => host.openRemembered(id),
      forgetRemembered: (id) => host.forgetRemembered(id),
      onLinkOpened(fn) { listeners.linkOpened.push(fn); },
      onClipboard(fn) { listeners.clipboard.push(fn); },
    };
    return api;
  }

  window.Paperscope = { mount };
})();
