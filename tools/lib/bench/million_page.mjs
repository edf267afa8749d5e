// tools/bench --million in headless Chromium: the explorer page opens a chunked collection
// by its manifest URL, served from 127.0.0.1 by tools/static-server.mjs, and this measures
// what a person waits for. Run by million.mjs; prints one JSON line.
//   node million_page.mjs CHUNKED_DIR QUERIES.json [--port N] [--rounds N] [--papers N]
//
// - first usable frame: from navigation start (performance.now() in the page) to the end of
//   the first frame drawn with every paper listed and searchable (state(): not loading, all
//   papers counted), and the bytes fetched before it (Resource Timing: the site, the
//   manifest, the resident part)
// - per keystroke: each query script typed with real key events; a keystroke's time runs
//   from its event (event.timeStamp) to the end of the first frame that shows its query
// - wasm memory: paperscope.memory() (the heap's size; it never shrinks)
// - opening a paper: select(id) on papers spread over the collection, each in a chunk not
//   yet fetched: bytes fetched and ms until a frame is drawn with its abstract
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../static-server.mjs';
import { launchBrowser, closeBrowser, settle } from '../../../tests/browser/browser.mjs';
import { optionReader } from './args.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '../../..');
const args = process.argv.slice(2);
const dir = path.resolve(args[0]);
const scripts = JSON.parse(fs.readFileSync(args[1], 'utf8'));
const readOption = optionReader(args);
const option = (name, fallback) => {
  const value = readOption(name, undefined);
  return value === undefined ? fallback : Number(value);
};
const port = option('--port', 8798);
const rounds = option('--rounds', 3);
const papersOpened = option('--papers', 10);
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));

const server = await startServer({ root: path.join(top, 'build/site'), port, mounts: { '/million': dir } });
const browser = await launchBrowser();
const page = await browser.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));
await page.addInitScript(() => {
  performance.setResourceTimingBufferSize(100000);
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // Every animation-frame callback (the app draws only from them), and a watch: the end of
  // the first frame after which a condition holds (checked after the frame is timed).
  window.__frames = [];
  window.__watch = null;
  window.__answered = null;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => raf((time) => {
    const start = performance.now();
    callback(time);
    const end = performance.now();
    window.__frames.push([start, end - start]);
    if (window.__watch && window.paperscope) {
      let held = false;
      try { held = window.__watch(); } catch { held = false; }
      if (held) {
        window.__answered = { end, work: end - start };
        window.__watch = null;
      }
    }
  });
  // When the last keystroke happened: its key event, or the text it put in (characters
  // off the US layout arrive as input without a keydown).
  window.__keyAt = null;
  const mark = (e) => { if (window.__keyAt == null) window.__keyAt = e.timeStamp; };
  window.addEventListener('keydown', mark, true);
  window.addEventListener('beforeinput', mark, true);
});

// [SECTION] The first usable frame
// Watched from the very first frame (set before any script of the page runs).
const total = manifest.papers;
await page.addInitScript((n) => {
  window.__watch = () => {
    const s = window.paperscope.state();
    return s && !s.loading && s.chunked && s.total === n && s.shown === n;
  };
}, total);
await page.goto(`http://127.0.0.1:${port}/?bundle=/million/manifest.json`);
await page.waitForFunction(() => {
  if (window.__answered) return true;
  const s = window.paperscope && window.paperscope.state();
  if (s && s.error) throw new Error(s.error);
  return false;
}, null, { polling: 20, timeout: 600000 });
const first = await page.evaluate(() => {
  const at = window.__answered.end;
  const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
    .filter((e) => e && e.responseEnd <= at);
  const sum = (list) => list.reduce((n, e) => n + (e.encodedBodySize || e.transferSize || 0), 0);
  const collection = entries.filter((e) => e.name.includes('/million/'));
  const resident = collection.find((e) => /resident-/.test(e.name));
  const longest = window.__longTasks.filter(([start]) => start < at).reduce((m, [, d]) => Math.max(m, d), 0);
  return {
    ms: at, bytes: sum(entries), collectionBytes: sum(collection), files: entries.length,
    resident: resident ? { bytes: resident.encodedBodySize, fetchStart: resident.fetchStart, responseEnd: resident.responseEnd } : null,
    longestBlockMs: longest, memory: window.paperscope.memory(), state: window.paperscope.state(),
    // The app's frames before it: how many, and their main-thread time, while the resident
    // part was on its way and after.
    frames: (() => {
      const r = resident || { fetchStart: 0, responseEnd: 0 };
      const sum = (f) => window.__frames.filter(f).reduce((a, [, d]) => [a[0] + 1, a[1] + d], [0, 0]);
      const [during, duringMs] = sum(([t]) => t >= r.fetchStart && t < r.responseEnd);
      const [after, afterMs] = sum(([t]) => t >= r.responseEnd && t <= at);
      return { during, duringMs, after, afterMs };
    })(),
  };
});
await settle(page, { timeout: 60000 });

// [SECTION] Keystrokes
const keys = [];
for (let round = 0; round < rounds; round++) {
  for (const [s, script] of scripts.entries()) {
    // Cleared as a person would (the box keeps its own text while focused): select all,
    // delete.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => window.paperscope.state().query === '', null, { polling: 20, timeout: 60000 });
    await settle(page, { timeout: 60000 });
    let typed = '';
    for (const ch of Array.from(script.query)) {
      typed += ch;
      await page.evaluate((q) => {
        window.__keyAt = null;
        window.__answered = null;
        window.__watch = () => window.paperscope.state().query === q;
      }, typed);
      await page.keyboard.type(ch);
      const answer = await (await page.waitForFunction(() => window.__answered &&
        { ...window.__answered, keyAt: window.__keyAt }, null, { polling: 5, timeout: 60000 }).catch(async (e) => {
        const why = await page.evaluate(() => JSON.stringify({ frames: window.__frames.length, watch: String(window.__watch),
          answered: window.__answered, state: window.paperscope.state() }));
        throw new Error(`keystroke ${JSON.stringify(typed)} never shown: ${why.slice(0, 600)} (${e.message})`);
      })).jsonValue();
      const shown = await page.evaluate(() => window.paperscope.state().shown);
      keys.push({ round, script: s, query: typed, ms: answer.end - answer.keyAt, frameMs: answer.work, shown });
      await page.waitForTimeout(30);  // a quick typist's pace
    }
  }
}

// [SECTION] Opening papers
await page.evaluate(() => window.paperscope.setQuery(''));
await settle(page, { timeout: 60000 });
const ids = await page.evaluate(() => window.paperscope.visibleIds(-1));
const papers = [];
for (let i = 0; i < papersOpened; i++) {
  const id = ids[Math.floor(((2 * i + 1) * ids.length) / (2 * papersOpened))];
  const result = await page.evaluate(async (paperId) => {
    const before = window.paperscope.state().bytesFetched;
    if (window.paperscope.paper(paperId)?.details === 'loaded') return { skipped: 'already loaded' };
    window.__answered = null;
    const start = performance.now();
    window.__watch = () => window.paperscope.paper(paperId)?.details === 'loaded';
    window.paperscope.select(paperId);
    for (let waited = 0; !window.__answered && waited < 30000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    const p = window.paperscope.paper(paperId);
    // Where the time went: the chunk's request and response (Resource Timing).
    const chunk = performance.getEntriesByType('resource').filter((e) => e.name.includes('/chunks/') && e.startTime >= start)[0];
    return {
      id: paperId, ms: window.__answered ? window.__answered.end - start : null, frameMs: window.__answered?.work,
      chunkRequestedMs: chunk ? chunk.startTime - start : null, chunkArrivedMs: chunk ? chunk.responseEnd - start : null,
      frames: window.__frames.filter(([t]) => t >= start).map(([t, d]) => [Math.round(t - start), Math.round(d)]),
      bytes: window.paperscope.state().bytesFetched - before, abstractBytes: (p?.abstract || '').length,
      details: p?.details,
    };
  }, id);
  papers.push(result);
  await settle(page, { timeout: 60000 });
}

const end = await page.evaluate(() => ({ memory: window.paperscope.memory(), state: window.paperscope.state() }));
console.log(JSON.stringify({ event: 'page', total, first, keys, papers, end, pageErrors }));
await closeBrowser(browser);
server.close();
