// The explorer page in headless Chromium with a big collection: how long its frames take on
// the main thread (the requestAnimationFrame callback: ImGui's frame, the clipped result
// table, the GL calls; with a query change also the core's search). Run by bench.mjs;
// prints one JSON line.
//   node browser_frames.mjs BUNDLE [--port N]
// Needs build/site and tests/browser's node_modules (playwright-core) and Chromium.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../static-server.mjs';
import { launchBrowser, closeBrowser, settle, state } from '../../../tests/browser/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '../../..');
const args = process.argv.slice(2);
const bundle = path.resolve(args[0]);
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 8797;

const server = await startServer({
  root: path.join(top, 'build/site'), port, mounts: { '/bench': path.dirname(bundle) },
});
const browser = await launchBrowser();
const page = await browser.newPage();
// Times every animation-frame callback: the app draws only from requestAnimationFrame.
await page.addInitScript(() => {
  // Every main-thread task over 50 ms (the longest one while loading is the responsiveness
  // goal: under 200 ms).
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const raf = window.requestAnimationFrame.bind(window);
  window.__frames = [];
  window.requestAnimationFrame = (callback) => raf((time) => {
    const start = performance.now();
    callback(time);
    window.__frames.push(performance.now() - start);
  });
});
const started = Date.now();
await page.goto(`http://127.0.0.1:${port}/?bundle=/bench/${path.basename(bundle)}`);
await page.waitForFunction(() => window.paperscope && window.paperscope.state() &&
  !window.paperscope.state().loading && window.paperscope.state().total > 1000, null,
{ timeout: 600000, polling: 250 });
const pageLoadMs = Date.now() - started;
const loaded = await settle(page, { timeout: 60000 });
const loadLongTasks = await page.evaluate(() => window.__longTasks.splice(0));
const loadLongestBlockMs = Math.max(0, ...loadLongTasks);

const stats = (frames) => {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { frames: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
};
const take = () => page.evaluate(() => window.__frames.splice(0));

// 1. Scrolling the whole collection: every result shown, the clipper drawing only the rows
//    on screen.
const row = await page.evaluate(() => window.paperscope.rowRect(2));
await page.mouse.move(row.x + row.w / 2, row.y + row.h / 2);
await settle(page);
await take();
for (let i = 0; i < 60; i++) {
  await page.mouse.wheel(0, 300);
  await page.waitForTimeout(16);
}
await settle(page);
const scroll = { ...stats(await take()), shown: (await state(page)).shown };

// 2. Typing a query and deleting it again, key by key (search box focused on load).
await page.evaluate(() => window.paperscope.setQuery(''));
await settle(page);
await take();
await page.keyboard.type('transformer', { delay: 40 });
for (let i = 0; i < 'transformer'.length; i++) await page.keyboard.press('Backspace', { delay: 40 });
await settle(page);
const typing = { ...stats(await take()), shown: (await state(page)).shown };

// 3. Facet counts and related papers (issue 8's goals: counts within 16 ms, related within
//    50 ms at 100k papers), timed in the page through the JS API.
const facets = await page.evaluate(() => {
  const time = (fn) => { const t = performance.now(); fn(); return performance.now() - t; };
  const out = { counts: [], related: [] };
  for (const q of ['', 'transformer', 'diffusion model', 'learning', 'graph -survey']) {
    window.paperscope.setQuery(q);
    window.paperscope.state();  // the results are computed here, not timed below
    for (const field of ['tag', 'venue', 'year']) out.counts.push(time(() => window.paperscope.facetCounts(field)));
  }
  const ids = window.paperscope.visibleIds(20);
  window.paperscope.related(ids[0], 10);  // the first call computes the norms once
  for (const id of ids) out.related.push(time(() => window.paperscope.related(id, 10)));
  return out;
});
const facetStats = { counts: stats(facets.counts), related: stats(facets.related) };

console.log(JSON.stringify({ event: 'frames', facets: facetStats, total: loaded.total, pageLoadMs, loadLongestBlockMs,
  loadLongTasks: loadLongTasks.length, scroll, typing }));
await closeBrowser(browser);
server.close();
