// Everyone can use it: the keyboard alone, a screen reader (the accessibility tree), no
// JavaScript, no WebGL.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openExplorer, settle, state } from './browser.mjs';
import { loadBundle } from './reference.mjs';

async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes;
}
const prop = (node, name) => (node.properties || []).find((p) => p.name === name)?.value?.value;

export default function (test) {
  test('the keyboard alone: / focus, arrows, j/k, Enter, Esc, ?', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/two-papers.json');
    await page.evaluate(() => {
      window.opened = [];
      window.paperscope.onLinkOpened((url) => window.opened.push(url));
    });
    let s = await settle(page);
    assert.equal(s.searchFocused, true);  // focused on load
    await page.keyboard.type('a');
    await page.keyboard.press('ArrowDown');  // while typing
    s = await settle(page);
    const ids = await page.evaluate(() => window.paperscope.visibleIds(2));
    assert.equal(s.selectedId, ids[0]);
    assert.equal(s.searchFocused, true);
    await page.keyboard.press('Escape');  // clears
    s = await settle(page);
    assert.equal(s.query, '');
    assert.equal(s.searchFocused, true);
    await page.keyboard.press('Escape');  // leaves
    s = await settle(page);
    assert.equal(s.searchFocused, false);
    await page.keyboard.press('j');
    s = await settle(page);
    assert.equal(s.selectedId, 't-000000000001');
    await page.keyboard.press('o');  // this one has no link: the page says so
    s = await settle(page);
    assert.equal(s.notice, 'This paper has no link to open.');
    await page.keyboard.press('k');
    s = await settle(page);
    assert.equal(s.selectedId, '1706.03762');
    await page.keyboard.press('s');  // star
    await settle(page);
    assert.equal((await page.evaluate(() => window.paperscope.marks('1706.03762'))).starred, true);
    await page.keyboard.press('?');
    assert.equal((await settle(page)).shortcutsOpen, true);
    await page.keyboard.press('/');
    s = await settle(page);
    assert.equal(s.searchFocused, true);
    await page.keyboard.type('attention');
    await page.keyboard.press('Enter');  // opens the selected paper's page, typing goes on
    s = await settle(page);
    assert.equal(s.query, 'attention');
    assert.deepEqual(await page.evaluate(() => window.opened), ['https://arxiv.org/abs/1706.03762']);
  });

  test('the keyboard selects several papers: Shift+arrows, Shift+j/k, x, Space, Esc', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    const ids = await page.evaluate(() => window.paperscope.visibleIds(6));
    assert.equal(ids.length, 6);
    const selected = async () => (await settle(page)).selectedIds;
    await page.keyboard.press('ArrowDown');  // in the search box
    assert.deepEqual(await selected(), [ids[0]]);
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    assert.deepEqual(await selected(), ids.slice(0, 3));
    await page.keyboard.press('Shift+ArrowUp');  // back toward where it started: shrinks
    let s = await settle(page);
    assert.deepEqual(s.selectedIds, ids.slice(0, 2));
    assert.equal(s.selectedId, ids[1]);
    await page.keyboard.press('Escape');  // leaves the (empty) search box; the selection stays
    s = await settle(page);
    assert.equal(s.searchFocused, false);
    assert.deepEqual(s.selectedIds, ids.slice(0, 2));
    // j moves on and leaves a selection of several in place; x adds the current paper.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    s = await settle(page);
    assert.equal(s.selectedId, ids[3]);
    assert.deepEqual(s.selectedIds, ids.slice(0, 2));
    await page.keyboard.press('x');
    assert.deepEqual(await selected(), [ids[0], ids[1], ids[3]]);
    await page.keyboard.press('Shift+J');
    assert.deepEqual(await selected(), [ids[0], ids[1], ids[3], ids[4]]);
    const exported = JSON.parse(await page.evaluate(() => window.paperscope.exportText('json', 'selection')));
    assert.deepEqual(exported.papers.map((p) => p.id), [ids[0], ids[1], ids[3], ids[4]]);
    await page.keyboard.press('x');  // takes the current paper out; it stays current
    s = await settle(page);
    assert.deepEqual(s.selectedIds, [ids[0], ids[1], ids[3]]);
    assert.equal(s.selectedId, ids[4]);
    // s, r and h mark the whole selection: ids 0, 1 and 3 (4 is current, not selected).
    const marked = (mark) => page.evaluate(([list, m]) => list.map((id) => window.paperscope.marks(id)[m]),
      [[ids[0], ids[1], ids[3], ids[4]], mark]);
    await page.evaluate((id) => window.paperscope.setMark(id, 'starred', true), ids[1]);
    await page.keyboard.press('s');  // a mixed selection: every one gets the star
    await settle(page);
    assert.deepEqual(await marked('starred'), [true, true, true, false]);
    await page.keyboard.press('s');  // all starred: the stars come off
    await settle(page);
    assert.deepEqual(await marked('starred'), [false, false, false, false]);
    await page.keyboard.press('r');
    await settle(page);
    assert.deepEqual(await marked('read'), [true, true, true, false]);
    await page.keyboard.press('Escape');  // keep only the current paper
    s = await settle(page);
    assert.deepEqual(s.selectedIds, [ids[4]]);
    assert.equal(s.searchFocused, false);
    await page.keyboard.press('r');  // now only the current paper
    await settle(page);
    assert.deepEqual(await marked('read'), [true, true, true, true]);

    // Arrows move ImGui's keyboard focus over the rows; Shift extends there too and Space
    // on a focused row takes it out of the selection or puts it back.
    const row = await page.evaluate(() => window.paperscope.rowRect(0));
    await page.mouse.click(row.x + 40, row.y + row.h / 2);
    assert.deepEqual(await selected(), [ids[0]]);
    await page.keyboard.press('ArrowDown');
    s = await settle(page);
    assert.equal(s.selectedId, ids[1]);
    assert.deepEqual(s.selectedIds, [ids[1]]);
    await page.keyboard.press('Shift+ArrowDown');
    s = await settle(page);
    assert.equal(s.selectedId, ids[2]);
    assert.deepEqual(s.selectedIds, [ids[1], ids[2]]);
    await page.keyboard.press('Space');
    assert.deepEqual(await selected(), [ids[1]]);
    await page.keyboard.press('Space');
    assert.deepEqual(await selected(), [ids[1], ids[2]]);
    assert.equal((await settle(page)).query, '');  // nothing was typed
  });

  test('the keyboard includes and excludes facet values', async ({ browser, baseUrl, top }) => {
    const bundle = loadBundle(path.join(top, 'tests/data/tagged.json'));
    const withCV = bundle.papers.filter((p) => p.tags.some((t) => t.value === 'cs.CV')).length;
    assert.ok(withCV > 0 && withCV < bundle.papers.length);
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/tagged.json');
    await settle(page);
    // A click gives cs.CV the keyboard focus (and includes it, moving it to the top); the
    // mouse goes away (ImGui starts keyboard moves from a hovered item), and Down and Up
    // bring the focus frame back to it, as a keyboard user would have arrived.
    const rect = await page.evaluate(() => window.paperscope.itemRect('facet:tag:cs.CV'));
    await page.mouse.click(rect.x + 20, rect.y + rect.h / 2);
    let s = await settle(page);
    assert.equal(s.query, 'tag:"cs.CV"');
    const details = await page.evaluate(() => window.paperscope.itemRect('details'));
    await page.mouse.move(details.x + details.w / 2, details.y + details.h - 20);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await settle(page);
    const steps = [
      ['Shift+Enter', '-tag:"cs.CV"', bundle.papers.length - withCV],
      ['Enter', 'tag:"cs.CV"', withCV],
      ['-', '-tag:"cs.CV"', bundle.papers.length - withCV],
      ['Delete', '', bundle.papers.length],
      ['Space', 'tag:"cs.CV"', withCV],
    ];
    for (const [key, query, shown] of steps) {
      await page.keyboard.press(key);
      s = await settle(page);
      assert.equal(s.query, query, key);
      assert.equal(s.shown, shown, key);
    }
  });

  test('screen readers get a listbox of the results and a live count', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    await page.keyboard.type('implicit');
    await settle(page);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const s = await settle(page);
    await page.waitForTimeout(600);  // the live region speaks once typing pauses
    const nodes = await axTree(page);
    const listbox = nodes.find((n) => n.role?.value === 'listbox' && n.name?.value === 'Results');
    assert.ok(listbox, 'a listbox named Results');
    const options = nodes.filter((n) => n.role?.value === 'option');
    assert.ok(options.length >= 5, `${options.length} options`);
    const titles = await page.evaluate(() => window.paperscope.visibleIds(3));
    const bundle = await (await fetch(baseUrl + 'papers.json')).json();
    const titleOf = (id) => bundle.papers.find((p) => p.id === id).title;
    for (const id of titles) {
      assert.ok(options.some((o) => o.name.value.startsWith(titleOf(id).slice(0, 30))), titleOf(id));
    }
    const selected = options.filter((o) => prop(o, 'selected') === true);
    assert.equal(selected.length, 1);
    assert.ok(selected[0].name.value.startsWith(titleOf(s.selectedId).slice(0, 30)));
    const status = nodes.find((n) => n.role?.value === 'status');
    const statusText = await page.evaluate(() => document.querySelector('[role=status]').textContent);
    assert.ok(status, 'a live region');
    assert.equal(statusText, `${s.shown} of ${s.total} papers match “implicit”`);
  });

  test('without JavaScript or WebGL the collection is a plain list', async ({ browser, baseUrl }) => {
    // No WebGL 2: the page shows the list it was built with instead of the canvas.
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return /webgl/.test(type) ? null : original.call(this, type, ...rest);
      };
    });
    await page.goto(baseUrl);
    await page.waitForFunction(() => document.body.classList.contains('paperscope-nowebgl'));
    assert.equal(await page.locator('.paperscope-static li').count(), 61);
    assert.equal(await page.locator('.paperscope-static li').first().isVisible(), true);
    await page.close();
    // No JavaScript: the <noscript> list.
    const plain = await browser.newPage();
    const cdp = await plain.context().newCDPSession(plain);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await plain.goto(baseUrl);
    const items = plain.locator('noscript .paperscope-static li, .paperscope-static li');
    assert.equal(await items.count(), 61);
    assert.equal(await items.first().isVisible(), true);
    const text = await plain.locator('.paperscope-static').first().innerText();
    assert.match(text, /Hierarchical Modeling for Medical Visual Question Answering/);
  });
}
