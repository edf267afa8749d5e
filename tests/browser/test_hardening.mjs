// Hardening in the page: fetch failures with a retry, wrong content, the memory limit,
// WebGL context loss, a big collection loading without freezing the page, hostile text and
// links, and a soak of random input.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openExplorer, settle, state } from './browser.mjs';
import { decodePng, imageStats } from './png.mjs';

const itemRect = (page, name) => page.evaluate((n) => window.paperscope.itemRect(n), name);
async function click(page, rect) {
  assert.ok(rect, 'the control is on screen');
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  return settle(page);
}

export default function (test) {
  test('fetch failures say why, keep the collection, and can be retried', async ({ browser, baseUrl, cspBaseUrl, top }) => {
    const page = await openExplorer(browser, baseUrl);
    const load = (url) => page.evaluate((u) => window.paperscope.load(u), url);
    // 404, then the file appears and Retry opens it.
    const late = path.join(top, 'tests/data/late-arrival.json');
    fs.rmSync(late, { force: true });
    let result = await load('/fixtures/late-arrival.json');
    assert.equal(result.ok, false);
    let s = await settle(page);
    assert.match(s.error, /late-arrival\.json.*404/);
    assert.equal(s.retryable, true);
    assert.equal(s.total, 61);
    fs.copyFileSync(path.join(top, 'tests/data/two-papers.json'), late);
    try {
      await click(page, await itemRect(page, 'retry'));
      await page.waitForFunction(() => window.paperscope.state().total === 2);
      s = await settle(page);
      assert.equal(s.error, null);
    } finally {
      fs.rmSync(late, { force: true });
    }
    // Nobody listening, and another origin that does not allow this page to read it.
    result = await load('http://127.0.0.1:9/papers.json');
    assert.match(result.error, /unreachable|does not allow/);
    result = await load(cspBaseUrl + 'papers.json');
    assert.match(result.error, /unreachable|does not allow/);
    // A web page instead of a collection.
    result = await load('/index.html');
    assert.match(result.error, /text\/html/);
    s = await settle(page);
    assert.equal(s.total, 2);  // still the collection it had
  });

  test('a collection over the memory limit is refused with a message', async ({ browser, baseUrl, top }) => {
    const page = await openExplorer(browser, baseUrl);
    const used = (await page.evaluate(() => window.paperscope.memory())).usedBytes;
    await page.evaluate((b) => window.paperscope.setMemoryBudget(b), used + 200000);
    const result = await page.evaluate(() => window.paperscope.load('/fixtures/papers-v2.json'));
    assert.equal(result.ok, false);
    // The estimate is in KB for a file this small (110 KB): more than the file itself (it is
    // read into papers and an index), at most three times it, and more than is free.
    const match = result.error.match(
      /^papers-v2\.json is too large for this page: opening it needs about (\d+) KB more, and (\d+) KB of the [\d.]+ MB this page may use are free$/);
    assert.ok(match, result.error);
    const fileKb = fs.statSync(path.join(top, 'tests/data/papers-v2.json')).size / 1000;
    const [needed, free] = [Number(match[1]), Number(match[2])];
    assert.ok(needed >= fileKb && needed <= 3 * fileKb + 1, `needs ${needed} KB for a ${fileKb} KB file`);
    assert.ok(free < needed && free <= 200, `${free} KB free`);
    const s = await settle(page);
    assert.equal(s.total, 61);
    await page.evaluate(() => window.paperscope.setMemoryBudget(0));
    assert.equal((await page.evaluate(() => window.paperscope.load('/fixtures/papers-v2.json'))).ok, true);
  });

  test('the view comes back after the WebGL context is lost', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await settle(page);
    await page.evaluate(() => {
      window.loseContext = document.querySelector('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
      window.loseContext.loseContext();
    });
    await page.keyboard.type('neural');  // input while lost is kept
    await page.waitForTimeout(300);
    const lostFrames = (await state(page)).frame;
    await page.evaluate(() => window.loseContext.restoreContext());
    await page.waitForFunction((f) => window.paperscope.state().frame > f, lostFrames);
    const s = await settle(page);
    assert.equal(s.query, 'neural');
    const stats = imageStats(decodePng(await page.locator('canvas').screenshot()));
    assert.ok(stats.colors > 50 && stats.foregroundShare > 0.05, 'the canvas is drawn again');
    assert.deepEqual(page.errors, []);
  });

  // The 200 ms goal itself is measured by tools/bench (timing goals are not tests); this
  // checks that loading is sliced: the page keeps drawing progress while a big file loads.
  test('a 50,000-paper bundle loads in slices, drawing progress as it goes', async ({ browser, baseUrl, top, generatedDir }) => {
    // Big enough to take several 40 ms slices of reading however fast the core gets (20,000
    // papers took 15-26 frames when this test was written, 3-5 once reading got faster; these
    // take 7-8 here). Unsliced, the page would draw at most one frame while loading.
    const file = path.join(generatedDir, 'papers-50000.json');
    if (!fs.existsSync(file)) {
      execFileSync('node', [path.join(top, 'tools/lib/bench/generate.mjs'), '--papers', '50000', '--seed', '3', '--out', file]);
    }
    const page = await openExplorer(browser, baseUrl);
    await page.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longTasks.push(e.duration);
      }).observe({ entryTypes: ['longtask'] });
    });
    const before = (await state(page)).frame;
    const result = await page.evaluate(async () => {
      const progress = [];
      const timer = setInterval(() => {
        const s = window.paperscope.state();
        if (s.loading) progress.push(s.frame);
      }, 20);
      const r = await window.paperscope.load('/generated/papers-50000.json');
      clearInterval(timer);
      return { ...r, progress };
    });
    assert.equal(result.ok, true);
    assert.equal(result.count, 50000);
    const framesWhileLoading = new Set(result.progress).size;
    assert.ok(framesWhileLoading >= 3, `only ${framesWhileLoading} frames drawn while loading`);
    assert.ok((await state(page)).frame > before);
    const longest = Math.max(0, ...await page.evaluate(() => window.longTasks));
    console.log(`        ${framesWhileLoading} frames while loading; longest main-thread block ${longest.toFixed(0)} ms`);
  }, { timeout: 180000 });

  test('hostile text stays text and only http(s) links open, without an opener', async ({ browser, baseUrl, top, generatedDir }) => {
    const bundle = {
      format: 'paperscope-bundle', version: 1, title: '<script>alert(1)</script>',
      papers: [{ id: 'x1', title: '<img src=x onerror="window.pwned=1"> ‮RTL‬ zero​width 🙂 emoji',
        abstract: '<b>bold</b> &amp; <a href="javascript:alert(1)">click</a>',
        authors: ['<svg onload=alert(1)>'], links: [{ url: 'https://example.org/paper?a=<b>' }] }],
    };
    fs.writeFileSync(path.join(generatedDir, 'hostile.json'), JSON.stringify(bundle));
    const page = await openExplorer(browser, baseUrl);
    const result = await page.evaluate(() => window.paperscope.load('/generated/hostile.json'));
    assert.equal(result.ok, true, result.error);
    await settle(page);
    await click(page, await page.evaluate(() => window.paperscope.rowRect(0)));
    await page.evaluate(() => {
      window.opened = [];
      window.paperscope.onLinkOpened((url, ok) => window.opened.push([url, ok]));
    });
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      click(page, await itemRect(page, 'link:0')),
    ]);
    // Opened in a new tab (noopener: the window.open call hands back no handle), escaped.
    assert.deepEqual(await page.evaluate(() => window.opened),
      [['https://example.org/paper?a=%3Cb%3E', false]]);
    assert.equal(await popup.evaluate(() => window.opener).catch(() => null), null);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg, b').length), 0);
    assert.deepEqual(page.errors, []);
    // A javascript: link in a bundle is refused with its place.
    const bad = { ...bundle, papers: [{ ...bundle.papers[0], links: [{ url: 'javascript:alert(1)' }] }] };
    fs.writeFileSync(path.join(generatedDir, 'hostile-link.json'), JSON.stringify(bad));
    const refused = await page.evaluate(() => window.paperscope.load('/generated/hostile-link.json'));
    assert.match(refused.error, /\$\.papers\[0\]\.links\[0\]\.url: only http and https links are allowed/);
  });

  test('soak: 2,000 random keys, clicks and filter changes', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/tagged.json');
    await settle(page);
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = (list) => list[Math.floor(random() * list.length)];
    const keys = ['a', 'e', 'n', 'r', 't', 'o', ' ', '"', '-', '(', ')', ':', 'Backspace', 'Backspace',
      'ArrowDown', 'ArrowUp', 'Escape', 'Enter', 'Tab', 's', 'r', 'h', 'b'];
    const controls = ['has-code', 'sort', 'facets', 'timeline-next', 'timeline-prev', 'facet:tag:cs.LG',
      'facet:tag:cs.CV', 'star', 'read', 'more-like-this', 'help', 'related:0'];
    let heapAfter200 = 0;
    for (let i = 0; i < 2000; i++) {
      const r = random();
      if (r < 0.6) {
        await page.keyboard.press(pick(keys));
      } else if (r < 0.8) {
        const rect = await page.evaluate((n) => window.paperscope.rowRect(n), Math.floor(random() * 8));
        if (rect) await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
      } else if (r < 0.95) {
        const rect = await itemRect(page, pick(controls));
        if (rect) await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
      } else {
        await page.evaluate((f) => window.paperscope.setFilters(f),
          { yearMin: random() < 0.5 ? 2023 : 0, hasCode: random() < 0.5 });
      }
      if (i % 100 === 99) {
        await page.keyboard.press('Escape');
        await page.evaluate(() => window.paperscope.setQuery(''));
      }
      if (i === 199) {
        await settle(page);
        heapAfter200 = (await page.evaluate(() => window.paperscope.memory())).usedBytes;
      }
    }
    await page.evaluate(() => window.paperscope.setQuery(''));
    const s = await settle(page);
    assert.equal(s.total, 48);
    const heapAfter = (await page.evaluate(() => window.paperscope.memory())).usedBytes;
    console.log(`        wasm heap in use after 200 actions: ${heapAfter200} bytes; after 2,000: ${heapAfter} bytes`);
    assert.ok(Math.abs(heapAfter - heapAfter200) <= heapAfter200 * 0.05,
      `heap ${heapAfter200} → ${heapAfter}`);
    assert.deepEqual(page.errors, []);
  }, { timeout: 300000 });
}
