// Sharing and embedding: the URL holds the view; explorers live inside documentation pages,
// independently, without trapping keys or scrolling, and under a strict CSP.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openExplorer, settle, state } from './browser.mjs';
import { loadBundle, matchCount } from './reference.mjs';

async function click(page, rect) {
  assert.ok(rect, 'the control is on screen');
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
}

// Waits until an embedded explorer's state stops changing.
async function settleEmbed(page, id) {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const s = await page.evaluate((el) => document.getElementById(el).state(), id);
    if (s && s.frame === last && !s.loading) return s;
    last = s ? s.frame : -1;
    await page.waitForTimeout(100);
  }
  throw new Error(`#${id} did not settle`);
}

async function openExample(browser, url) {
  const page = await browser.newPage();
  const violations = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text()); });
  page.on('pageerror', (e) => violations.push(String(e)));
  page.violations = violations;
  await page.goto(url);
  await page.waitForFunction(() => ['implicit', 'rl'].every((id) => document.getElementById(id).api));
  await page.evaluate(() => Promise.all(['implicit', 'rl'].map((id) => document.getElementById(id).ready)));
  await settleEmbed(page, 'implicit');
  await settleEmbed(page, 'rl');
  return page;
}

export default function (test) {
  test('the URL holds the view: reload and Back restore it', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('implicit', { delay: 10 });
    await settle(page);
    await page.waitForFunction(() => location.hash === '#q=implicit');
    await click(page, await page.evaluate(() => window.paperscope.itemRect('has-code')));
    await settle(page);
    await click(page, await page.evaluate(() => window.paperscope.rowRect(1)));
    const sent = await settle(page);
    assert.ok(sent.selectedId && sent.filters.hasCode);
    const link = page.url();
    assert.match(link, /#q=implicit&code=1&paper=/);

    // Someone opens the link: the same query, filter, selection and results.
    const other = await openExplorer(browser, link);
    const seen = await settle(other);
    for (const key of ['query', 'selectedId', 'shown', 'sort']) assert.equal(seen[key], sent[key], key);
    assert.deepEqual(seen.filters, sent.filters);
    assert.deepEqual(await other.evaluate(() => window.paperscope.visibleIds(20)),
      await page.evaluate(() => window.paperscope.visibleIds(20)));
    await other.reload();
    await other.evaluate(() => window.paperscope.ready);
    assert.equal((await settle(other)).selectedId, sent.selectedId);

    // Back: the paper closes; Back again: the filter goes; Forward brings it back.
    await page.goBack();
    let s = await settle(page);
    assert.equal(s.selectedId, null);
    assert.equal(s.filters.hasCode, true);
    await page.goBack();
    s = await settle(page);
    assert.equal(s.filters.hasCode, false);
    assert.equal(s.query, 'implicit');
    await page.goForward();
    s = await settle(page);
    assert.equal(s.filters.hasCode, true);
  });

  test('two embeds on one page filter independently', async ({ browser, baseUrl }) => {
    const page = await openExample(browser, baseUrl + 'embed-example.html');
    const a0 = await settleEmbed(page, 'implicit');
    const b0 = await settleEmbed(page, 'rl');
    assert.equal(a0.query, 'implicit neural');
    assert.equal(b0.query, 'reinforcement');
    // Click into the first one's search box and type: only it changes.
    await click(page, await page.evaluate(() => document.getElementById('implicit').itemRect('search')));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('gaussian', { delay: 10 });
    const a1 = await settleEmbed(page, 'implicit');
    const b1 = await settleEmbed(page, 'rl');
    assert.equal(a1.query, 'gaussian');
    assert.ok(a1.shown < a0.total);
    assert.equal(b1.query, b0.query);
    assert.equal(b1.shown, b0.shown);
    // The page's own URL is untouched by embeds.
    assert.equal(await page.evaluate(() => location.hash), '');
    // A select event reaches the page.
    await page.evaluate(() => {
      window.selected = [];
      document.getElementById('rl').addEventListener('select', (e) => window.selected.push(e.detail.id));
    });
    const id = (await page.evaluate(() => document.getElementById('rl').visibleIds(1)))[0];
    await page.evaluate((x) => document.getElementById('rl').select(x), id);
    await settleEmbed(page, 'rl');
    assert.deepEqual(await page.evaluate(() => window.selected), [id]);
  });

  test('the element has every method of the page API, and they work', async ({ browser, baseUrl, top }) => {
    // Every function on the page's window.paperscope is a method of <paper-scope>.
    const main = await openExplorer(browser, baseUrl);
    const pageMethods = await main.evaluate(() =>
      Object.keys(window.paperscope).filter((k) => typeof window.paperscope[k] === 'function'));
    assert.ok(pageMethods.length >= 30, 'the page API is there');
    const page = await openExample(browser, baseUrl + 'embed-example.html');
    const missing = await page.evaluate((names) =>
      names.filter((n) => typeof document.getElementById('rl')[n] !== 'function'), pageMethods);
    assert.deepEqual(missing, []);

    // facetCounts: years of the papers matching the query, counted here from the file.
    const bundle = loadBundle(path.join(top, 'assets/papers.json'));
    const rl = bundle.papers.filter((p) => matchCount({ papers: [p] }, 'reinforcement') === 1);
    const s = await settleEmbed(page, 'rl');
    assert.equal(s.shown, rl.length);
    assert.ok(rl.length > 1 && rl.length < bundle.papers.length);
    const years = new Map();
    for (const p of rl) if (p.date) years.set(p.date.slice(0, 4), (years.get(p.date.slice(0, 4)) || 0) + 1);
    assert.ok(years.size > 0);
    const want = [...years].sort((a, b) => Number(b[0]) - Number(a[0])).map(([value, count]) => ({ value, count }));
    assert.deepEqual(await page.evaluate(() => document.getElementById('rl').facetCounts('year')), want);
    assert.equal(await page.evaluate(() => document.getElementById('rl').facetCounts('colour')), null);

    // timeline: the matching papers, dated in its bins or undated.
    const timeline = await page.evaluate(() => document.getElementById('rl').timeline());
    assert.ok(timeline.labels.length > 0);
    assert.equal(timeline.counts.length, timeline.labels.length);
    assert.equal(timeline.counts.reduce((a, b) => a + b, 0) + timeline.undated, rl.length);

    // related: the same answer as paperscope-core.mjs gives for this collection.
    const id = rl[0].id;
    const related = await page.evaluate((x) => document.getElementById('rl').related(x, 5), id);
    assert.equal(related.length, 5);
    assert.ok(!related.includes(id));
    const fromCore = await page.evaluate(async (x) => {
      const { default: createCore } = await import('/paperscope-core.mjs');
      const core = await createCore();
      core.load(new Uint8Array(await (await fetch('/papers.json')).arrayBuffer()));
      return core.related(x, 5);
    }, id);
    assert.deepEqual(related, fromCore);

    // exportText: one BibTeX entry per result, with their titles.
    const bibtex = await page.evaluate(() => document.getElementById('rl').exportText('bibtex', 'results'));
    assert.equal((bibtex.match(/^@\w+\{/gm) || []).length, rl.length);
    assert.ok(bibtex.includes(rl[0].title.split(' ')[0]));
    assert.equal(await page.evaluate(() => document.getElementById('rl').exportText('docx', 'results')), null);

    // marks and setMark: a star set through the element is its paper's mark.
    const marks = (x) => page.evaluate((i) => document.getElementById('rl').marks(i), x);
    assert.equal((await marks(id)).starred, false);
    assert.equal(await page.evaluate((x) => document.getElementById('rl').setMark(x, 'starred'), id), true);
    assert.equal((await marks(id)).starred, true);
    assert.equal(await page.evaluate((x) => document.getElementById('rl').setMark(x, 'shiny'), id), false);
    await page.evaluate((x) => document.getElementById('rl').setMark(x, 'starred', false), id);
    assert.equal((await marks(id)).starred, false);
  });

  test('attribute changes apply live', async ({ browser, baseUrl }) => {
    const page = await openExample(browser, baseUrl + 'embed-example.html');
    await page.click('#show-continual');
    let s = await settleEmbed(page, 'rl');
    assert.equal(s.query, 'continual');
    await page.evaluate(() => document.getElementById('rl').setAttribute('bundle', '/fixtures/two-papers.json'));
    await page.waitForFunction(() => document.getElementById('rl').state().total === 2);
    s = await settleEmbed(page, 'rl');
    assert.equal(s.title, 'Two papers');
    assert.equal((await settleEmbed(page, 'implicit')).total, 61);
  });

  test('the page scrolls over an embed that does not have focus', async ({ browser, baseUrl }) => {
    const page = await openExample(browser, baseUrl + 'embed-example.html');
    const box = await page.locator('#implicit').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 150);
    assert.equal(await page.evaluate(() => scrollY), 0);
    await page.mouse.wheel(0, 400);
    await page.waitForFunction(() => scrollY > 0);
    assert.ok(await page.evaluate(() => scrollY) >= 300);
    // Keys pressed while the page (not the embed) has focus stay with the page.
    await page.keyboard.press('End');
    await page.waitForFunction(() => scrollY > 600);
    assert.equal((await settleEmbed(page, 'implicit')).query, 'implicit neural');
  });

  test('the page and the embeds work under a strict Content-Security-Policy', async ({ browser, cspBaseUrl }) => {
    const page = await openExplorer(browser, cspBaseUrl);
    const s = await settle(page);
    assert.equal(s.total, 61);
    const example = await openExample(browser, cspBaseUrl + 'embed-example.html');
    assert.equal((await settleEmbed(example, 'rl')).total, 61);
    assert.deepEqual(example.violations, []);
    const iframe = await openExplorer(browser, cspBaseUrl + 'embed.html?bundle=/fixtures/two-papers.json&query=attention&theme=dark');
    const t = await settle(iframe);
    assert.equal(t.total, 2);
    assert.equal(t.query, 'attention');
    assert.equal(t.shown, 1);
  });
}
