// Keeping and taking away: exports (real downloads), the reading list across reloads and
// bundle versions, is: filters, and collections remembered in the browser.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openExplorer, settle } from './browser.mjs';

async function click(page, rect) {
  assert.ok(rect, 'the control is on screen');
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  return settle(page);
}
const itemRect = (page, name) => page.evaluate((n) => window.paperscope.itemRect(n), name);

export default function (test) {
  test('exports download what exportText says, escaped, and load back', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('learning', { delay: 5 });
    const s = await settle(page);
    // A real download from the Export menu.
    await click(page, await itemRect(page, 'export'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      click(page, await itemRect(page, 'export:bibtex:results')),
    ]);
    const bib = fs.readFileSync(await download.path(), 'utf8');
    assert.equal(bib, await page.evaluate(() => window.paperscope.exportText('bibtex', 'results')));
    assert.equal(download.suggestedFilename(), 'Hugging-Face-Daily-Papers-implicit-learn.bib');
    assert.equal((bib.match(/^@\w+\{/gm) || []).length, s.shown);
    // The seed's abstracts hold %, $ and _: escaped, never raw.
    const abstracts = bib.match(/abstract = \{.*\},$/gm).join('\n');
    assert.ok(abstracts.includes('\\%') || abstracts.includes('\\$') || abstracts.includes('\\_'));
    assert.ok(!/[^\\][%$_]/.test(abstracts.replace(/\\textbackslash\{\}/g, '')), 'an unescaped special');
    // CSV: a header and one line per paper (abstracts with line breaks are quoted).
    const csv = await page.evaluate(() => window.paperscope.exportText('csv', 'results'));
    assert.ok(csv.startsWith('id,title,authors,'));
    // The JSON export is a bundle that opens with the same papers.
    const json = await page.evaluate(() => window.paperscope.exportText('json', 'results'));
    const ids = await page.evaluate(() => window.paperscope.visibleIds(-1));
    assert.deepEqual(JSON.parse(json).papers.map((p) => p.id), ids);
    const result = await page.evaluate(async (text) => window.paperscope.load(
      URL.createObjectURL(new Blob([text], { type: 'application/json' }))), json);
    assert.equal(result.ok, true);
    assert.equal(result.count, s.shown);
    assert.equal(await page.evaluate(() => window.paperscope.exportText('nonsense', 'results')), null);
  });

  test('BibTeX and CSL-JSON exports open again with the same papers; CSV cells are defused', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('learning', { delay: 5 });
    const s = await settle(page);
    assert.ok(s.shown > 3, 'a few papers to export');
    const titlesShown = () => page.evaluate(() => window.paperscope.visibleIds(-1)
      .map((id) => window.paperscope.paper(id).title).sort());
    const titles = await titlesShown();
    assert.equal(titles.length, s.shown);
    const openText = (text, type) => page.evaluate(async ([t, ty]) => window.paperscope.load(
      URL.createObjectURL(new Blob([t], { type: ty }))), [text, type]);
    const exports = {};
    for (const format of ['bibtex', 'csl-json']) {
      exports[format] = await page.evaluate((f) => window.paperscope.exportText(f, 'results'), format);
    }
    for (const [format, type] of [['bibtex', 'text/plain'], ['csl-json', 'application/json']]) {
      const result = await openText(exports[format], type);
      assert.equal(result.ok, true, `${format}: ${result.error}`);
      assert.equal(result.count, s.shown, format);
      await page.evaluate(() => window.paperscope.setQuery(''));
      assert.equal((await settle(page)).shown, s.shown, format);
      assert.deepEqual(await titlesShown(), titles, `${format}: the same titles`);
    }
    // Cells a spreadsheet would run as formulas, quotes, commas and line breaks.
    const hostile = {
      format: 'paperscope-bundle', version: 1, title: 'Hostile cells',
      papers: [
        { id: 'p1', title: '=HYPERLINK("http://evil.example","x")', authors: ['+Ann', '@Bob'], date: '2024-01-01' },
        { id: 'p2', title: '-2+3, "quoted"', abstract: 'line one\nline two', date: '2024-01-02' },
      ],
    };
    const loaded = await openText(JSON.stringify(hostile), 'application/json');
    assert.equal(loaded.ok, true, loaded.error);
    await page.evaluate(() => window.paperscope.setQuery(''));
    await settle(page);
    const csv = await page.evaluate(() => window.paperscope.exportText('csv', 'results'));
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""x"")"`), csv);
    assert.ok(csv.includes(`"'-2+3, ""quoted"""`), csv);
    assert.ok(csv.includes('"line one\nline two"'), csv);
    const cells = csv.split('\r\n').slice(1).join('\n');
    assert.ok(!/(^|,)[=+@-]/m.test(cells), `a cell that starts a formula: ${csv}`);
  });

  test('a selection exports on its own', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await settle(page);
    await click(page, await page.evaluate(() => window.paperscope.rowRect(0)));
    await page.keyboard.down('Control');
    await click(page, await page.evaluate(() => window.paperscope.rowRect(3)));
    await page.keyboard.up('Control');
    const s = await settle(page);
    const ids = await page.evaluate(() => window.paperscope.visibleIds(4));
    assert.deepEqual(s.selectedIds, [ids[0], ids[3]]);
    const md = await page.evaluate(() => window.paperscope.exportText('markdown', 'selection'));
    assert.equal((md.match(/^- /gm) || []).length, 2);
    const csl = JSON.parse(await page.evaluate(() => window.paperscope.exportText('csl-json', 'selection')));
    assert.deepEqual(csl.map((item) => item.id), [ids[0], ids[3]]);
  });

  test('the reading list survives a reload and a new version of the bundle', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.evaluate(() => window.paperscope.ready);
    await settle(page);
    const ids = await page.evaluate(() => window.paperscope.visibleIds(5));
    // Star one with the keyboard, one with the button; mark one read; hide one.
    await click(page, await page.evaluate(() => window.paperscope.rowRect(0)));
    await page.keyboard.press('s');
    await click(page, await page.evaluate(() => window.paperscope.rowRect(1)));
    await click(page, await itemRect(page, 'star'));
    await page.evaluate((id) => window.paperscope.setMark(id, 'read', true), ids[0]);
    await page.evaluate((id) => window.paperscope.setMark(id, 'hidden', true), ids[4]);
    let s = await settle(page);
    assert.equal(s.shown, s.total - 1);  // the hidden one is left out
    assert.equal(s.hiddenMatches, 1);

    await page.reload();
    await page.evaluate(() => window.paperscope.ready);
    await settle(page);
    assert.deepEqual(await page.evaluate((id) => window.paperscope.marks(id), ids[0]),
      { starred: true, read: true, hidden: false, note: '', tags: [] });
    const count = async (q) => {
      await page.evaluate((x) => window.paperscope.setQuery(x), q);
      return (await settle(page)).shown;
    };
    assert.equal(await count('is:starred'), 2);
    assert.equal(await count('is:read'), 1);
    assert.equal(await count('is:hidden'), 1);
    assert.equal(await count('is:unread'), 61 - 1 - 1);  // hidden ones stay out
    assert.equal(await count('is:starred -is:read'), 1);

    // A new version of the bundle: papers in another order, one more.
    await page.evaluate(() => window.paperscope.load('/fixtures/papers-v2.json'));
    s = await settle(page);
    assert.equal(s.total, 62);
    assert.equal(await count('is:starred'), 2);
    const starred = await page.evaluate(() => window.paperscope.visibleIds(-1));
    assert.deepEqual(starred.sort(), [ids[0], ids[1]].sort());
  });

  test('a collection kept in the browser reopens after a reload', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    for (const c of await page.evaluate(() => window.paperscope.remembered())) {
      await page.evaluate((id) => window.paperscope.forgetRemembered(id), c.id);
    }
    const result = await page.evaluate(() => window.paperscope.load('/fixtures/two-papers.json'));
    assert.equal(result.ok, true);
    await settle(page);
    await click(page, await itemRect(page, 'collections'));
    await click(page, await itemRect(page, 'keep-collection'));
    await page.waitForFunction(async () => (await window.paperscope.remembered()).length === 1);
    const [kept] = await page.evaluate(() => window.paperscope.remembered());
    assert.equal(kept.name, 'two-papers.json');
    assert.equal(kept.papers, 2);

    await page.reload();
    await page.evaluate(() => window.paperscope.ready);
    assert.equal((await settle(page)).total, 61);
    await click(page, await itemRect(page, 'collections'));
    await click(page, await itemRect(page, `remembered:${kept.id}`));
    await page.waitForFunction(() => window.paperscope.state().total === 2);
    assert.equal((await settle(page)).title, 'Two papers');
    await page.evaluate((id) => window.paperscope.forgetRemembered(id), kept.id);
    await page.waitForFunction(async () => (await window.paperscope.remembered()).length === 0);
  });
}
