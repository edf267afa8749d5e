// The foundation: the page loads the default collection, draws it, filters as you type,
// selects on click, keeps its collection on bad input, idles, and follows size changes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openExplorer, state, settle } from './browser.mjs';
import { decodePng, imageStats } from './png.mjs';
import { loadBundle, matchCount } from './reference.mjs';

export default function (test) {
  test('the canvas is drawn, not blank', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await settle(page);
    const png = await page.locator('canvas').screenshot();
    const stats = imageStats(decodePng(png));
    // Text, rows and badges: many colours and a good share of non-background pixels.
    assert.ok(stats.colors > 50, `only ${stats.colors} colours on the canvas`);
    assert.ok(stats.foregroundShare > 0.05, `only ${stats.foregroundShare} of pixels drawn`);
    assert.deepEqual(page.errors, []);
  });

  test('typing narrows the results to what the rules say', async ({ browser, baseUrl, top }) => {
    const bundle = loadBundle(path.join(top, 'assets/papers.json'));
    const page = await openExplorer(browser, baseUrl);
    assert.equal((await state(page)).total, bundle.papers.length);
    for (const query of ['implicit', ' learn', ' rein']) {
      await page.keyboard.type(query, { delay: 20 });
      const s = await settle(page);
      const expected = matchCount(bundle, s.query);
      assert.equal(s.shown, expected, `query "${s.query}"`);
    }
    const s = await state(page);
    assert.equal(s.query, 'implicit learn rein');
    assert.ok(s.shown > 0 && s.shown < s.total, `shown ${s.shown} of ${s.total}`);
  });

  test('clicking a row selects that paper', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await settle(page);
    const ids = await page.evaluate(() => window.paperscope.visibleIds(5));
    const rect = await page.evaluate(() => window.paperscope.rowRect(2));
    assert.ok(rect, 'row 2 is on screen');
    await page.mouse.click(rect.x + rect.w / 3, rect.y + rect.h / 2);
    const s = await settle(page);
    assert.equal(s.selectedId, ids[2]);
  });

  test('clearing the search box restores every paper', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('hierarchical');
    let s = await settle(page);
    assert.ok(s.shown < s.total);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    s = await settle(page);
    assert.equal(s.query, '');
    assert.equal(s.shown, s.total);
  });

  test('a bad ?bundle= shows the error and opens the default collection', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/no-such-file.json');
    const s = await settle(page);
    assert.equal(s.total, 61);
    assert.match(s.error, /no-such-file\.json/);
    assert.match(s.error, /404/);
  });

  test('a broken bundle is refused and the collection stays', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('neural');
    const before = await settle(page);
    for (const [file, pattern] of [['truncated.json', /line \d+, column \d+/],
                                   ['wrong-type.json', /\$\.papers\[0\]\.title: expected a string/]]) {
      const result = await page.evaluate((url) => window.paperscope.load(url), '/fixtures/bad/' + file);
      assert.equal(result.ok, false);
      assert.match(result.error, pattern);
      const after = await settle(page);
      assert.equal(after.total, before.total);
      assert.equal(after.shown, before.shown);
      assert.equal(after.query, 'neural');
      assert.match(after.error, new RegExp(file.replace('.', '\\.')));
    }
  });

  test('an idle page renders no frames', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    const before = await settle(page);
    await page.waitForTimeout(3000);
    const after = await state(page);
    assert.equal(after.frame, before.frame, 'frames were drawn while idle');
  }, { timeout: 20000 });

  test('a resize and a pixel-ratio change lay the view out again', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await settle(page);
    const wide = await page.evaluate(() => window.paperscope.rowRect(0));
    await page.setViewportSize({ width: 900, height: 700 });
    await settle(page);
    const narrow = await page.evaluate(() => window.paperscope.rowRect(0));
    assert.ok(narrow.w < wide.w - 100, `row width ${wide.w} → ${narrow.w}`);
    let size = await page.evaluate(() => [document.querySelector('canvas').width, innerWidth]);
    assert.equal(size[0], size[1]);
    // Device pixel ratio 2: the drawing buffer doubles, the layout (CSS px) stays. Headless
    // Chromium's emulated ratio change fires no matchMedia or device-pixel ResizeObserver
    // event on its own (a real zoom or a move to another screen does), so the emulated
    // change comes with a small size change, which it does report.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride',
      { width: 880, height: 700, deviceScaleFactor: 2, mobile: false });
    await page.waitForFunction(() => devicePixelRatio === 2);
    await settle(page);
    size = await page.evaluate(() => [document.querySelector('canvas').width, innerWidth]);
    assert.deepEqual(size, [1760, 880]);
    const hidpi = await page.evaluate(() => window.paperscope.rowRect(0));
    assert.ok(Math.abs(hidpi.w - (narrow.w - 20 * 0.56)) < 2, `row width ${narrow.w} → ${hidpi.w}`);
  });
}
