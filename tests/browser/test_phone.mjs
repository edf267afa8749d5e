// Small screens and touch: at phone width the panes stack with nothing wider than the screen;
// a tap selects, a drag scrolls the list and a flick keeps it going; the keyboard comes
// through the hidden input.
import assert from 'node:assert/strict';
import { settle, state } from './browser.mjs';

async function openPhone(browser, url) {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 2 });
  await page.goto(url);
  await page.waitForFunction(() => window.paperscope && window.paperscope.state() &&
    window.paperscope.state().total > 0);
  await page.evaluate(() => window.paperscope.ready);
  await settle(page);
  page.cdp = cdp;
  return page;
}

const touch = (page, type, x, y) => page.cdp.send('Input.dispatchTouchEvent', {
  type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
});

export default function (test) {
  test('at phone width the panes stack and nothing is wider than the screen', async ({ browser, baseUrl }) => {
    const page = await openPhone(browser, baseUrl);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]), [360, 360]);
    const list = await page.evaluate(() => window.paperscope.itemRect('list-area'));
    const details = await page.evaluate(() => window.paperscope.itemRect('details'));
    assert.ok(details.y >= list.y + list.h - 1, 'the detail pane is under the list');
    for (const rect of [list, details]) assert.ok(rect.x >= 0 && rect.x + rect.w <= 360, JSON.stringify(rect));
    for (const name of ['search', 'sort', 'has-code', 'default-collection', 'export']) {
      const r = await page.evaluate((n) => window.paperscope.itemRect(n), name);
      assert.ok(r && r.x + r.w <= 360, `${name} fits: ${JSON.stringify(r)}`);
    }
  });

  test('a tap selects, a drag scrolls, a flick keeps scrolling', async ({ browser, baseUrl }) => {
    const page = await openPhone(browser, baseUrl);
    const row = await page.evaluate(() => window.paperscope.rowRect(1));
    await touch(page, 'touchStart', row.x + 60, row.y + row.h / 2);
    await touch(page, 'touchEnd');
    let s = await settle(page);
    assert.equal(s.selectedId, (await page.evaluate(() => window.paperscope.visibleIds(2)))[1]);
    // Drag the list up by 200 px, then let go fast.
    const list = await page.evaluate(() => window.paperscope.rowRect(2));
    const x = list.x + 60;
    let y = list.y + 100;
    await touch(page, 'touchStart', x, y);
    for (let i = 0; i < 10; i++) {
      y -= 20;
      await touch(page, 'touchMove', x, y);
      await page.waitForTimeout(8);
    }
    const firstShown = async () => {
      for (let i = 0; i < 61; i++) {
        if (await page.evaluate((n) => window.paperscope.rowRect(n), i)) return i;
      }
      return -1;
    };
    const duringDrag = await firstShown();
    assert.ok(duringDrag >= 1, `the list scrolled (first row shown: ${duringDrag})`);
    await touch(page, 'touchEnd');
    const framesAtRelease = (await state(page)).frame;
    s = await settle(page);
    assert.ok(s.frame - framesAtRelease > 5, 'the flick animates');
    assert.ok(await firstShown() > duringDrag, 'and scrolls further');
    assert.equal(s.selectedId, (await page.evaluate(() => window.paperscope.visibleIds(2)))[1]);  // a drag is no tap
  });

  test('typing comes through the hidden input, with an input method too', async ({ browser, baseUrl }) => {
    const page = await openPhone(browser, baseUrl);
    await page.evaluate(() => document.activeElement.blur());
    const search = await page.evaluate(() => window.paperscope.itemRect('search'));
    await touch(page, 'touchStart', search.x + 40, search.y + search.h / 2);
    await touch(page, 'touchEnd');
    await settle(page);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Search papers');
    await page.keyboard.insertText('Łódź');  // no key events, as a phone keyboard sends it
    let s = await settle(page);
    assert.equal(s.query, 'Łódź');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.cdp.send('Input.imeSetComposition', { text: 'にゅ', selectionStart: 2, selectionEnd: 2 });
    s = await settle(page);
    assert.equal(s.query, '');  // not while composing
    await page.cdp.send('Input.insertText', { text: '入力 neural' });
    s = await settle(page);
    assert.equal(s.query, '入力 neural');
  });
}
