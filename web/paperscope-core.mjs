// paperscope-core.mjs: Paperscope's search core without the UI, for JavaScript in Node (20+),
// browsers and workers. docs/js-api.md ("paperscope-core.mjs") documents it.
//
//   import createCore from './paperscope-core.mjs';
//   const core = await createCore();
//   core.load(uint8Array);          // → { ok, count, error }
//   core.search('diffusion', 20);   // → { matched, ids }
//   await core.open('https://example.org/arxiv/manifest.json');  // a chunked collection
//   await core.loadPaper('2101.00001');  // its abstract fetched with its chunk
//
// It wraps paperscope-core-wasm.mjs (Emscripten 3.1.6, MODULARIZE + EXPORT_ES6, built for
// web and worker) and hands it the .wasm bytes itself, read with fs in Node and fetched in a
// browser: the generated loader alone cannot find its .wasm under Node.
//
// There are two builds of the same core: paperscope-core-wasm-simd.wasm, whose hottest loops
// (splitting text into words, scanning JSON strings) use WebAssembly SIMD, 16 bytes a step,
// and paperscope-core-wasm.wasm without it. The SIMD one is used where the engine has SIMD
// (Node 16.4, Chrome 91, Firefox 89, Safari 16.4 and later) and can be fetched; the other
// everywhere else. Emscripten writes the same JavaScript glue for both (a test checks it).
import createModule from './paperscope-core-wasm.mjs';

const WASM_URL = new URL('./paperscope-core-wasm.wasm', import.meta.url);
const WASM_SIMD_URL = new URL('./paperscope-core-wasm-simd.wasm', import.meta.url);
// (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt): valid where SIMD is supported.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1,
  0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
const engineHasSimd = (() => {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
})();
const isNode = typeof process === 'object' && process.versions != null &&
  typeof process.versions.node === 'string';

// One compiled module per URL, shared by every core made from it (each core still gets its
// own instance and memory).
const compiled = new Map();

async function readBytes(url) {
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`paperscope-core: could not load ${url.href}: ${response.status} ${response.statusText}`);
  }
  return response.arrayBuffer();
}

function compileUrl(url) {
  if (!compiled.has(url.href)) {
    const promise = readBytes(url).then((bytes) => WebAssembly.compile(bytes));
    promise.catch(() => compiled.delete(url.href));  // a later call may try again
    compiled.set(url.href, promise);
  }
  return compiled.get(url.href);
}

let simdUnavailable = false;

// The compiled module, and which build it is: 'simd', 'plain', or 'given' (the caller's).
async function compile(options) {
  if (options.wasmModule) return { module: options.wasmModule, build: 'given' };
  if (options.wasmBinary) return { module: await WebAssembly.compile(options.wasmBinary), build: 'given' };
  if (options.wasmUrl) {
    return { module: await compileUrl(new URL(options.wasmUrl, import.meta.url)), build: 'given' };
  }
  if (engineHasSimd && options.simd !== false && !simdUnavailable) {
    // A site that left the SIMD file out (or a server that refuses it) still works.
    try {
      return { module: await compileUrl(WASM_SIMD_URL), build: 'simd' };
    } catch {
      simdUnavailable = true;  // not asked for again
    }
  }
  return { module: await compileUrl(WASM_URL), build: 'plain' };
}

// Where a chunked collection's files are: URLs (resolved against the manifest's) or, in
// Node, file paths (joined to the manifest's folder).
function isUrl(location) {
  return location instanceof URL || /^[a-z][a-z0-9+.-]*:\/\//i.test(String(location)) ||
    (!isNode && typeof location === 'string');
}
// The page's (or worker's) address, for relative URLs.
const pageBase = () => (typeof document === 'object' ? document.baseURI
  : globalThis.location ? globalThis.location.href : undefined);
function besides(location, file) {
  if (isUrl(location)) return new URL(file, new URL(location, pageBase())).href;
  const text = String(location);
  const slash = text.lastIndexOf('/');
  return (slash >= 0 ? text.slice(0, slash + 1) : '') + file;
}
// The default reader: fs for paths and file: URLs in Node, fetch for everything else.
async function readLocation(location) {
  const text = location instanceof URL ? location.href : String(location);
  if (isNode && (!isUrl(text) || text.startsWith('file:'))) {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    return new Uint8Array(await readFile(text.startsWith('file:') ? fileURLToPath(text) : text));
  }
  const response = await fetch(new URL(text, pageBase()));
  if (!response.ok) {
    throw new Error(`the server answered ${response.status}` +
      (response.status === 404 ? ' (no such file)' : ''));
  }
  return new Uint8Array(await response.arrayBuffer());
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Makes a core: one collection, one query. Options (all optional):
 *   simd        false: the build without WebAssembly SIMD even where the engine has it
 *               (default: the SIMD build where the engine has SIMD, next to this file)
 *   wasmUrl     a .wasm of either build to use instead (resolved against this file's URL)
 *   wasmBinary  its bytes (ArrayBuffer or typed array), instead of reading wasmUrl
 *   wasmModule  a compiled WebAssembly.Module, instead of either
 *   print, printErr  where the core's output goes (default: console.log / console.warn)
 */
export default async function createCore(options = {}) {
  const { module: wasmModule, build } = await compile(options);
  let aborted = null;  // why the instance stopped working, once it has
  let failInstantiation;
  const instantiationFailed = new Promise((_, reject) => { failInstantiation = reject; });
  const mod = await Promise.race([instantiationFailed, createModule({
    print: options.print || ((text) => console.log(text)),
    printErr: options.printErr || ((text) => console.warn(text)),
    onAbort: (what) => { aborted = String(what); },
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(wasmModule, imports)
        .then((instance) => receiveInstance(instance, wasmModule), failInstantiation);
      return {};  // the exports come later, through receiveInstance
    },
  })]);

  let handle = mod._ps_core_new() >>> 0;
  if (!handle) throw new Error('paperscope-core: out of memory');
  let queryPtr = 0;
  let queryCap = 0;
  let chunked = null;  // the chunked collection open: where its files are, chunks on their way

  // Calls into the core. A wasm trap (out of memory while
  // building the index, say) leaves the instance unusable, so it becomes an error that says so
  // and every later call says it again.
  function guarded(fn) {
    if (!handle) throw new Error(aborted ? `paperscope-core stopped: ${aborted}` : 'paperscope-core: disposed');
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError) && !aborted) throw error;  // ours, not a trap
      handle = 0;
      aborted = aborted || String(error && error.message || error);
      throw new Error(`paperscope-core stopped: ${aborted}`);
    }
  }

  // Writes text as NUL-terminated UTF-8 into a buffer kept between calls; returns its address.
  function cString(text) {
    const need = text.length * 3 + 1;
    if (need > queryCap) {
      if (queryPtr) mod._free(queryPtr);
      queryCap = Math.max(256, need * 2);
      queryPtr = mod._malloc(queryCap) >>> 0;
      if (!queryPtr) {
        queryCap = 0;
        throw new Error('paperscope-core: out of memory');
      }
    }
    const { written } = encoder.encodeInto(text, mod.HEAPU8.subarray(queryPtr, queryPtr + queryCap - 1));
    mod.HEAPU8[queryPtr + written] = 0;
    return queryPtr;
  }

  function cStringAt(ptr) {
    if (!ptr) return null;
    const heap = mod.HEAPU8;
    let end = ptr;
    while (heap[end]) end++;
    return decoder.decode(heap.subarray(ptr, end));
  }

  const core = {
    /** Which build runs: 'simd', 'plain' (no WebAssembly SIMD), or 'given' (options chose). */
    build,

    /**
     * Reads a collection (a Paperscope bundle, or another format the core detects) from
     * bytes: a Uint8Array, an ArrayBuffer or a Node Buffer. Returns { ok, count, error }:
     * count papers when ok, otherwise error says what and where; the previous collection
     * stays. Synchronous: large collections take a while, so use a worker in a page.
     */
    load(bytes) {
      const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      return guarded(() => {
        const ptr = mod._ps_core_load_buffer(handle, view.length) >>> 0;
        if (!ptr) {
          return { ok: false, count: 0, error: `out of memory: ${view.length} bytes do not fit` };
        }
        mod.HEAPU8.set(view, ptr);
        const count = mod._ps_core_load(handle);
        if (count < 0) return { ok: false, count: 0, error: cStringAt(mod._ps_core_error(handle) >>> 0) };
        chunked = null;
        return { ok: true, count, error: null };
      });
    },

    /**
     * Sets the query (docs/query-language.md) and returns { matched, ids, queryError,
     * corrections }: how many papers match, the ids of the first `limit` (default 20; -1 for
     * all) in display order, why the query does not parse (null when it does; the last good
     * results stay), and the typos worked around ([{ typed, used }]).
     */
    search(query, limit = 20) {
      return guarded(() => {
        const matched = mod._ps_core_search(handle, cString(String(query ?? '')), limit | 0);
        const queryError = cStringAt(mod._ps_core_query_error(handle) >>> 0) || null;
        const corrections = cStringAt(mod._ps_core_corrections(handle) >>> 0).split('\n')
          .filter(Boolean).map((line) => {
            const [typed, used] = line.split('\t');
            return { typed, used };
          });
        const count = mod._ps_core_result_count(handle) >>> 0;
        const ids = new Array(count);
        if (count) {
          const heap = mod.HEAPU8;
          const ends = new Uint32Array(heap.buffer, mod._ps_core_result_ends(handle) >>> 0, count);
          const base = mod._ps_core_result_bytes(handle) >>> 0;
          let begin = 0;
          for (let i = 0; i < count; i++) {
            ids[i] = decoder.decode(heap.subarray(base + begin, base + ends[i]));
            begin = ends[i];
          }
        }
        return { matched, ids, queryError, corrections };
      });
    },

    /**
     * Display order: 'auto' (the default: relevance while the query has text, else newest
     * first), 'relevance', 'trending', 'date-desc', 'date-asc', 'upvotes-desc',
     * 'upvotes-asc', 'title-asc', 'title-desc'. Throws for other names.
     */
    setSort(name) {
      const known = guarded(() => mod._ps_core_set_sort(handle, cString(String(name))));
      if (!known) throw new Error(`paperscope-core: unknown sort order "${name}"`);
    },

    /** The order results are in now: what setSort chose, or what 'auto' picked. */
    sort() {
      return guarded(() => cStringAt(mod._ps_core_sort_name(handle) >>> 0));
    },

    /** One paper as its bundle object (title, authors, abstract, links, ...), or null. */
    paper(id) {
      return guarded(() => {
        const text = cStringAt(mod._ps_core_paper_json(handle, cString(String(id))) >>> 0);
        return text === null ? null : JSON.parse(text);
      });
    },

    /**
     * Counts per value of a facet among the papers matching the last search's query (before
     * any search: the whole collection): [{ value, count }], most frequent first (years newest
     * first). field: 'tag', 'venue', 'year' or 'has-code' (one value, 'code'); null for
     * another.
     */
    facetCounts(field) {
      return guarded(() => {
        const text = cStringAt(mod._ps_core_facet_counts(handle, cString(String(field))) >>> 0);
        return text === null ? null : JSON.parse(text);
      });
    },

    /**
     * The ids of the k papers most similar to id (tf-idf cosine over title and abstract),
     * best first; [] for an unknown id.
     */
    related(id, k = 10) {
      return guarded(() =>
        JSON.parse(cStringAt(mod._ps_core_related(handle, cString(String(id)), k | 0) >>> 0)));
    },

    /**
     * Opens a collection by URL or (in Node) file path: a chunked collection's manifest, or
     * anything load() reads. A manifest's resident part is read next (beside it); the papers'
     * abstracts, links and full author lists come with their chunks, when loadPaper or
     * fetchDetails asks for them. options.read(location) → bytes (a Uint8Array or
     * ArrayBuffer, or a promise of one) replaces the default: fetch, or fs for paths and
     * file: URLs in Node. Resolves to { ok, count, error, chunked }; the previous collection
     * stays when it fails.
     */
    async open(location, options = {}) {
      const read = options.read || readLocation;
      const name = String(location instanceof URL ? location.href : location);
      const fetchBytes = async (where) => {
        try {
          const bytes = await read(where);
          return { bytes: bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes) };
        } catch (error) {
          return { error: `${where}: ${error && error.message ? error.message : error}` };
        }
      };
      const first = await fetchBytes(location);
      if (first.error) return { ok: false, count: 0, error: first.error, chunked: false };
      const head = decoder.decode(first.bytes.subarray(0, 65536));
      if (!guarded(() => mod._ps_core_is_manifest(handle, cString(head)))) {
        return { ...core.load(first.bytes), chunked: false };
      }
      const failed = (error) => ({ ok: false, count: 0, error, chunked: true });
      const text = decoder.decode(first.bytes);
      if (guarded(() => mod._ps_core_open_manifest(handle, cString(text))) < 0) {
        return failed(cStringAt(mod._ps_core_error(handle) >>> 0));
      }
      const residentFile = cStringAt(mod._ps_core_resident_file(handle) >>> 0);
      const resident = await fetchBytes(besides(location, residentFile));
      if (resident.error) return failed(resident.error);
      const count = guarded(() => {
        const ptr = mod._ps_core_load_buffer(handle, resident.bytes.length) >>> 0;
        if (!ptr) return -2;
        mod.HEAPU8.set(resident.bytes, ptr);
        return mod._ps_core_load_resident(handle);
      });
      if (count === -2) return failed(`out of memory: ${residentFile} does not fit`);
      if (count < 0) return failed(cStringAt(mod._ps_core_error(handle) >>> 0));
      chunked = { location, fetchBytes, pending: new Map() };
      return { ok: true, count, error: null, chunked: true };
    },

    /**
     * Fetches the chunks holding these papers' details (ids: one or a list) in a chunked
     * collection. Resolves to { ok, fetched, error }: how many chunks were fetched, and why
     * one could not be (its file and the reason; the others are kept).
     */
    async fetchDetails(ids) {
      const wanted = new Set();
      for (const id of [].concat(ids)) {
        const chunk = guarded(() => mod._ps_core_chunk_of(handle, cString(String(id))));
        if (chunk >= 0) wanted.add(chunk);
      }
      if (!chunked || !wanted.size) return { ok: true, fetched: 0, error: null };
      const source = chunked;
      const results = await Promise.all([...wanted].map((chunk) => {
        if (!source.pending.has(chunk)) {
          const file = guarded(() => cStringAt(mod._ps_core_chunk_file(handle, chunk) >>> 0));
          const promise = source.fetchBytes(besides(source.location, file)).then(({ bytes, error }) => {
            if (error) return error;
            if (chunked !== source) return 'another collection was opened meanwhile';
            return guarded(() => {
              const ptr = mod._ps_core_load_buffer(handle, bytes.length) >>> 0;
              if (!ptr) return `out of memory: ${file} does not fit`;
              mod.HEAPU8.set(bytes, ptr);
              return mod._ps_core_attach_chunk(handle, chunk) < 0
                ? cStringAt(mod._ps_core_error(handle) >>> 0) : null;
            });
          });
          source.pending.set(chunk, promise);
          promise.finally(() => source.pending.delete(chunk));
        }
        return source.pending.get(chunk);
      }));
      const errors = results.filter(Boolean);
      return { ok: !errors.length, fetched: wanted.size - errors.length, error: errors[0] || null };
    },

    /**
     * One paper with its details (abstract, links, all authors): for a chunked collection its
     * chunk is fetched first. Resolves to the paper (as paper(id)), or null for an unknown
     * id; rejects when its chunk cannot be had (the message names the file and why).
     */
    async loadPaper(id) {
      const { ok, error } = await core.fetchDetails(id);
      if (!ok) throw new Error(`paperscope-core: ${error}`);
      return core.paper(id);
    },

    /** A chunked collection's chunks: { total, loaded } (null for other collections). */
    chunks() {
      return guarded(() => {
        const total = mod._ps_core_chunk_count(handle) >>> 0;
        return total ? { total, loaded: mod._ps_core_chunks_loaded(handle) >>> 0 } : null;
      });
    },

    /** Papers in the collection, bytes held by the store, the index and the whole instance. */
    stats() {
      return guarded(() => ({
        papers: mod._ps_core_paper_count(handle) >>> 0,
        storeBytes: mod._ps_core_store_bytes(handle),
        indexBytes: mod._ps_core_index_bytes(handle),
        wasmMemoryBytes: mod.HEAPU8.buffer.byteLength,
      }));
    },

    /** Frees the collection; the core cannot be used afterwards. */
    dispose() {
      if (!handle) return;
      mod._ps_core_delete(handle);
      if (queryPtr) mod._free(queryPtr);
      handle = queryPtr = queryCap = 0;
    },
  };
  return core;
}
