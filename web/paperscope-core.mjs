// paperscope-core.mjs: Paperscope's search core without the UI, for JavaScript in Node (20+),
// browsers and workers. docs/js-api.md ("paperscope-core.mjs") documents it.
//
//   import createCore from './paperscope-core.mjs';
//   const core = await createCore();
//   core.load(uint8Array);          // → { ok, count, error }
//   core.search('diffusion', 20);   // → { matched, ids }
//
// It wraps paperscope-core-wasm.mjs (Emscripten 3.1.6, MODULARIZE + EXPORT_ES6, built for
// web and worker) and hands it the .wasm bytes itself, read with fs in Node and fetched in a
// browser: the generated loader alone cannot find its .wasm under Node.
import createModule from './paperscope-core-wasm.mjs';

const WASM_URL = new URL('./paperscope-core-wasm.wasm', import.meta.url);
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

function compile(options) {
  if (options.wasmModule) return Promise.resolve(options.wasmModule);
  if (options.wasmBinary) return WebAssembly.compile(options.wasmBinary);
  const url = options.wasmUrl ? new URL(options.wasmUrl, import.meta.url) : WASM_URL;
  if (!compiled.has(url.href)) {
    const promise = readBytes(url).then((bytes) => WebAssembly.compile(bytes));
    promise.catch(() => compiled.delete(url.href));  // a later call may try again
    compiled.set(url.href, promise);
  }
  return compiled.get(url.href);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Makes a core: one collection, one query. Options (all optional):
 *   wasmUrl     where paperscope-core-wasm.wasm is (default: next to this file)
 *   wasmBinary  its bytes (ArrayBuffer or typed array), instead of reading wasmUrl
 *   wasmModule  a compiled WebAssembly.Module, instead of either
 *   print, printErr  where the core's output goes (default: console.log / console.warn)
 */
export default async function createCore(options = {}) {
  const wasmModule = await compile(options);
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
