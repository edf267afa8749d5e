// Everyone can use it: the keyboard alone, a screen reader (the accessibility tree), no
// JavaScript, no WebGL.
import assert from 'node:assert/strict';
import { openExplorer, settle, state } from './browser.mjs';

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
