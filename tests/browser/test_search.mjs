// The query language in the real page: typed with real keys, its help, its errors, and
// clicking an author to search for them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openExplorer, settle } from './browser.mjs';
import { loadBundle, titleYearCount } from './reference.mjs';

async function click(page, rect) {
  assert.ok(rect, 'the control is on screen');
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  return settle(page);
}

export default function (test) {
  test('field queries typed with real keys', async ({ browser, baseUrl, top }) => {
    const bundle = loadBundle(path.join(top, 'assets/papers.json'));
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('title:implicit year:2023..2025', { delay: 10 });
    let s = await settle(page);
    assert.equal(s.queryError, null);
    assert.equal(s.shown, titleYearCount(bundle, ['implicit'], 2023, 2025));
    assert.equal(s.sort, 'relevance');
    // A phrase and an exclusion.
    await page.keyboard.type(' -"neural implicit"', { delay: 10 });
    s = await settle(page);
    const ids = await page.evaluate(() => window.paperscope.visibleIds(-1));
    assert.equal(ids.length, s.shown);
    const titles = new Map(bundle.papers.map((p) => [p.id, p.title.toLowerCase()]));
    for (const id of ids) assert.ok(!titles.get(id).includes('neural implicit'), titles.get(id));
    assert.ok(s.shown > 0);
  });

  test('a query that does not parse says where, inline', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('implicit (reward', { delay: 10 });
    let s = await settle(page);
    assert.equal(s.queryError, "column 10: '(' is never closed");
    const shownWithError = s.shown;
    await page.keyboard.type(')');
    s = await settle(page);
    assert.equal(s.queryError, null);
    assert.ok(s.shown <= shownWithError);
    await page.keyboard.type(' year:20x1');
    s = await settle(page);
    assert.match(s.queryError, /^column 24: year: '20x1' is not a whole number$/);
  });

  test('a typo falls back to the nearest word and says so', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('reinforcment', { delay: 10 });
    const s = await settle(page);
    assert.ok(s.shown > 0);
    assert.deepEqual(s.corrections, [{ typed: 'reinforcment', used: 'reinforcement' }]);
  });

  test('the (?) button shows the query language', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    let s = await settle(page);
    assert.equal(s.helpOpen, false);
    s = await click(page, await page.evaluate(() => window.paperscope.itemRect('help')));
    assert.equal(s.helpOpen, true);
    s = await click(page, await page.evaluate(() => window.paperscope.itemRect('help')));
    assert.equal(s.helpOpen, false);
  });

  test('clicking an author adds them to the query', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/two-papers.json');
    let s = await settle(page);
    assert.equal(s.total, 2);
    const first = await page.evaluate(() => window.paperscope.visibleIds(1)[0]);
    assert.equal(first, '1706.03762');
    await click(page, await page.evaluate(() => window.paperscope.rowRect(0)));
    s = await click(page, await page.evaluate(() => window.paperscope.itemRect('author:1')));
    assert.equal(s.query, 'author:"Noam Shazeer"');
    assert.equal(s.shown, 1);
    s = await click(page, await page.evaluate(() => window.paperscope.itemRect('tag:0')));
    assert.equal(s.query, 'author:"Noam Shazeer" tag:cs.CL');
    assert.equal(s.shown, 1);
  });
}
