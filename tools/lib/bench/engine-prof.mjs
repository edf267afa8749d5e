// One engine of tools/bench, run in a Node process of its own (bench.mjs starts it with a
// time box and a memory cap). Loads the bundle, then replays the query scripts one keystroke
// at a time, printing one JSON line per event (the same protocol as bench_native):
//   {"event":"init","ms":..}                      (paperscope only: compile + instantiate)
//   {"event":"load","ms":..,"count":..,"steps":{..},"memory":{..}}
//   {"event":"key","round":r,"script":s,"query":"tra","ms":..,"matched":..}
//   {"event":"done","memory":{..}}
//
//   node --expose-gc engine.mjs ENGINE BUNDLE QUERIES.json [--limit 20] [--rounds 3]
//        [--budget-ms N] [--site DIR]
//
// Every peer gets the same documents: one text per paper (title, authors, tags, abstract),
// folded the way Paperscope folds (tests/browser/reference.mjs), queries folded alike. So
// diacritics match the same everywhere, and a difference in result counts is a difference in
// what the engine means by a match (prefix or not, AND or OR, fuzzy or not), which is what
// the counts table is for.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { foldedWords } from '../../../tests/browser/reference.mjs';
import { optionReader } from './args.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '../../..');
const [engineName, bundlePath, queriesPath, ...rest] = process.argv.slice(2);
const option = optionReader(rest);
const limit = Number(option('--limit', 20));
const rounds = Number(option('--rounds', 3));
const budgetMs = Number(option('--budget-ms', 0));
const siteDir = '/tmp/profsite';

const emit = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const now = () => performance.now();

function statusMB(field) {
  try {
    const m = fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function memory(extra = {}) {
  global.gc?.();
  global.gc?.();
  const m = process.memoryUsage();
  const mb = (v) => Math.round((v / 1048576) * 10) / 10;
  return {
    rssMB: mb(m.rss), heapMB: mb(m.heapUsed), externalMB: mb(m.external),
    peakRssMB: statusMB('VmHWM'), ...extra,
  };
}

// [SECTION] Shared preparation for the JavaScript peers

// Bytes → documents: decode, JSON.parse, one folded text per paper.
function prepare(bytes, steps) {
  let t = now();
  const text = new TextDecoder().decode(bytes);
  steps.decodeMs = now() - t;
  t = now();
  const bundle = JSON.parse(text);
  steps.parseMs = now() - t;
  t = now();
  const papers = bundle.papers;
  const ids = new Array(papers.length);
  const texts = new Array(papers.length);
  const dateKeys = new Array(papers.length);
  for (let i = 0; i < papers.length; i++) {
    const p = papers[i];
    ids[i] = p.id;
    const tags = (p.tags || []).map((tag) => (typeof tag === 'string' ? tag : tag.value));
    texts[i] = [p.title, ...(p.authors || []), ...tags, p.abstract || ''].map(foldText).join(' ');
    dateKeys[i] = p.date || '';
  }
  steps.foldMs = now() - t;
  return { ids, texts, dateKeys };
}

const queryText = (q) => foldedWords(q).join(' ');

// foldedWords with a fast path for pure ASCII text (most abstracts), where folding is only
// lower-casing: same words, several times faster at 100k papers.
const ASCII = /^[\x00-\x7f]*$/;
function foldText(text) {
  if (!ASCII.test(text)) return foldedWords(text).join(' ');
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(' ');
}

// [SECTION] Engines: load(bytes) → count, search(query, limit) → {matched, ids}

const engines = {
  // Our core through paperscope-core.mjs, exactly as a page or a Node program uses it.
  async paperscope() {
    let t = now();
    const { default: createCore } = await import(pathToFileURL(path.join(siteDir, 'paperscope-core.mjs')).href);
    const core = await createCore();
    emit({ event: 'init', ms: now() - t });
    return {
      load(bytes) {
        const r = core.load(bytes);
        if (!r.ok) throw new Error(r.error);
        return r.count;
      },
      search: (q, n) => core.search(q, n),
      memory: () => {
        const s = core.stats();
        const mb = (v) => Math.round((v / 1048576) * 10) / 10;
        return { wasmMB: mb(s.wasmMemoryBytes), storeMB: mb(s.storeBytes), indexMB: mb(s.indexBytes) };
      },
    };
  },

  // No index: every keystroke folds the query and tests every paper, newest first (the
  // same order as Paperscope's default), with exactly Paperscope's matching rule.
  async scan() {
    let docs = null;
    return {
      load(bytes, steps) {
        const { ids, texts, dateKeys } = prepare(bytes, steps);
        const t = now();
        const order = ids.map((_, i) => i);
        order.sort((a, b) => {
          const ka = dateKeys[a], kb = dateKeys[b];
          if (!ka !== !kb) return ka ? -1 : 1;  // undated last
          return ka < kb ? 1 : ka > kb ? -1 : a - b;
        });
        docs = order.map((i) => ({ id: ids[i], text: ' ' + texts[i] }));
        steps.indexMs = now() - t;
        return docs.length;
      },
      search(q, n) {
        const words = foldedWords(q).map((w) => ' ' + w);
        const out = [];
        let matched = 0;
        for (const d of docs) {
          if (words.every((w) => d.text.includes(w))) {
            if (matched++ < n) out.push(d.id);
          }
        }
        return { matched, ids: out };
      },
    };
  },

  async minisearch() {
    const { default: MiniSearch } = await import('minisearch');
    let index = null;
    let ids = null;
    return {
      load(bytes, steps) {
        const prepared = prepare(bytes, steps);
        ids = prepared.ids;
        const t = now();
        index = new MiniSearch({
          fields: ['text'], idField: 'i',
          searchOptions: { prefix: true, combineWith: 'AND' },
        });
        index.addAll(prepared.texts.map((text, i) => ({ i, text })));
        steps.indexMs = now() - t;
        return ids.length;
      },
      search(q, n) {
        const r = index.search(queryText(q));
        return { matched: r.length, ids: r.slice(0, n).map((x) => ids[x.id]) };
      },
    };
  },

  async orama() {
    const { create, insertMultiple, search } = await import('@orama/orama');
    let db = null;
    let ids = null;
    return {
      async load(bytes, steps) {
        const prepared = prepare(bytes, steps);
        ids = prepared.ids;
        const t = now();
        db = create({ schema: { i: 'number', text: 'string' } });
        await insertMultiple(db, prepared.texts.map((text, i) => ({ i, text })), 1000);
        steps.indexMs = now() - t;
        return ids.length;
      },
      async search(q, n) {
        // threshold 0: only papers holding every word (Orama's default 1 also returns partial
        // matches); prefix matching is Orama's default.
        const r = await search(db, { term: queryText(q), properties: ['text'], threshold: 0, limit: n });
        return { matched: r.count, ids: r.hits.map((h) => ids[h.document.i]) };
      },
    };
  },

  async flexsearch() {
    const { default: FlexSearch } = await import('flexsearch');
    let index = null;
    let ids = null;
    return {
      load(bytes, steps) {
        const prepared = prepare(bytes, steps);
        ids = prepared.ids;
        const t = now();
        // "forward": every prefix of every word is indexed, so prefixes match as you type.
        index = new FlexSearch.Index({ tokenize: 'forward' });
        prepared.texts.forEach((text, i) => index.add(i, text));
        steps.indexMs = now() - t;
        return ids.length;
      },
      search(q, n) {
        // FlexSearch returns at most `limit` ids and no total: ask for all to count them.
        const r = index.search(queryText(q), { limit: ids.length });
        return { matched: r.length, ids: r.slice(0, n).map((i) => ids[i]) };
      },
    };
  },

  async lunr() {
    const { default: lunr } = await import('lunr');
    let index = null;
    let ids = null;
    return {
      load(bytes, steps) {
        const prepared = prepare(bytes, steps);
        ids = prepared.ids;
        const t = now();
        index = lunr(function build() {
          // Without the stemmer and stop-word filter, as prefix search needs whole words
          // ("transformer*" never matches the stem "transform").
          this.pipeline.remove(lunr.stemmer);
          this.pipeline.remove(lunr.stopWordFilter);
          this.searchPipeline.remove(lunr.stemmer);
          this.ref('i');
          this.field('text');
          prepared.texts.forEach((text, i) => this.add({ i, text }));
        });
        steps.indexMs = now() - t;
        return ids.length;
      },
      search(q, n) {
        const words = foldedWords(q);
        const r = index.query((query) => {
          for (const w of words) {
            query.term(w, { wildcard: lunr.Query.wildcard.TRAILING, presence: lunr.Query.presence.REQUIRED });
          }
        });
        return { matched: r.length, ids: r.slice(0, n).map((x) => ids[Number(x.ref)]) };
      },
    };
  },

  async ufuzzy() {
    const { default: UFuzzy } = await import('@leeoniya/ufuzzy');
    let uf = null;
    let haystack = null;
    let ids = null;
    return {
      load(bytes, steps) {
        const prepared = prepare(bytes, steps);
        ids = prepared.ids;
        haystack = prepared.texts;
        const t = now();
        // interLft 2: a term must start at a word boundary (prefix search, as ours).
        uf = new UFuzzy({ interLft: 2 });
        steps.indexMs = now() - t;
        return ids.length;
      },
      search(q, n) {
        const needle = queryText(q);
        if (!needle) return { matched: haystack.length, ids: ids.slice(0, n) };
        // search(): filter, then rank only when there are at most 1,000 matches (uFuzzy's
        // documented default); terms in any order.
        const [idxs, info, order] = uf.search(haystack, needle, 1, 1000);
        if (!idxs) return { matched: 0, ids: [] };
        const top = order ? order.slice(0, n).map((o) => ids[info.idx[o]]) : idxs.slice(0, n).map((i) => ids[i]);
        return { matched: idxs.length, ids: top };
      },
    };
  },
};

// [SECTION] Main

if (!engines[engineName]) {
  console.error(`unknown engine ${engineName}; one of ${Object.keys(engines).join(', ')}`);
  process.exit(2);
}
const scripts = JSON.parse(fs.readFileSync(queriesPath, 'utf8'));
let bytes = new Uint8Array(fs.readFileSync(bundlePath));
const started = now();
const engine = await engines[engineName]();
const steps = {};
const t0 = now();
const count = await engine.load(bytes, steps);
const loadMs = now() - t0;
bytes = null;  // what stays is the engine's own
emit({ event: 'load', ms: loadMs, count, steps, memory: memory(engine.memory ? engine.memory() : {}) });

for (let round = 0; round < rounds; round++) {
  const roundStart = now();
  for (let s = 0; s < scripts.length; s++) {
    const chars = Array.from(scripts[s].query);  // one code point per keystroke
    for (let k = 1; k <= chars.length; k++) {
      const query = chars.slice(0, k).join('');
      const t = now();
      const r = await engine.search(query, limit);
      const ms = now() - t;
      emit({ event: 'key', round, script: s, query, ms, matched: r.matched, top: round === 0 && k === chars.length ? r.ids.slice(0, 3) : undefined });
    }
  }
  // Another round only when it fits in the time box with room to spare.
  const roundMs = now() - roundStart;
  if (budgetMs && now() - started + roundMs * 1.5 > budgetMs * 0.8) break;
}
emit({ event: 'done', memory: memory() });
