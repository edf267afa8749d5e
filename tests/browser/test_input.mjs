// Other ways in: the file picker, dropping a file, the browser clipboard, dead keys and
// input methods.
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { openExplorer, settle } from './browser.mjs';

export default function (test) {
  test('the file picker and a dropped file open a collection', async ({ browser, baseUrl, top }) => {
    const page = await openExplorer(browser, baseUrl);
    const two = path.join(top, 'tests/data/two-papers.json');
    await page.setInputFiles('input[type=file]', two);
    await page.waitForFunction(() => window.paperscope.state().total === 2);
    let s = await settle(page);
    assert.equal(s.title, 'Two papers');
    assert.equal(s.error, null);

    // Drop the default collection back on the canvas.
    const bytes = fs.readFileSync(path.join(top, 'assets/papers.json'), 'utf8');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'papers.json', { type: 'application/json' }));
      document.querySelector('canvas').dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, bytes);
    await page.waitForFunction(() => window.paperscope.state().total === 61);
    s = await settle(page);
    assert.equal(s.error, null);
  });

  test('the wheel scrolls the list while the search box has the keyboard', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    const s = await settle(page);
    assert.equal(s.searchFocused, true);
    const row = await page.evaluate(() => window.paperscope.rowRect(1));
    await page.mouse.move(row.x + row.w / 2, row.y + row.h / 2);
    await page.mouse.wheel(0, 600);
    await settle(page);
    assert.equal(await page.evaluate(() => window.paperscope.rowRect(0)), null, 'the first row scrolled away');
    assert.equal((await settle(page)).searchFocused, true);
  });

  test('dead keys and an input method type into the search box', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl);
    assert.equal((await settle(page)).searchFocused, true);
    const cdp = await page.context().newCDPSession(page);
    await page.keyboard.type('caf');
    // A dead key as Chromium delivers it (Windows, macOS, Linux input methods): a keydown
    // named "Dead", the accent shown as a composition, then the composed letter committed.
    const deadKey = { key: 'Dead', code: 'Quote', windowsVirtualKeyCode: 222 };
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...deadKey });
    await cdp.send('Input.imeSetComposition', { text: '´', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...deadKey });
    let s = await settle(page);
    assert.equal(s.query, 'caf');  // the lone accent is not text yet
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'KeyE', windowsVirtualKeyCode: 229 });
    await cdp.send('Input.insertText', { text: 'é' });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'e', code: 'KeyE', windowsVirtualKeyCode: 69 });
    s = await settle(page);
    assert.equal(s.query, 'café');
    // An input method: nothing reaches the query while composing, all of it when committed.
    await page.keyboard.type(' ');
    await cdp.send('Input.imeSetComposition', { text: 'にゅう', selectionStart: 3, selectionEnd: 3 });
    s = await settle(page);
    assert.equal(s.query, 'café ');
    await cdp.send('Input.insertText', { text: '入力' });
    s = await settle(page);
    assert.equal(s.query, 'café 入力');
    assert.equal(s.searchFocused, true);
    await cdp.detach();
  });

  test('paste and copy go through the browser clipboard', async ({ browser, baseUrl }) => {
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    const page = await openExplorer(browser, baseUrl);
    await page.evaluate(() => navigator.clipboard.writeText('neural\nimplicit'));
    await page.keyboard.press('Control+V');
    let s = await settle(page);
    assert.equal(s.query, 'neural implicit');  // one line
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await settle(page);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'neural implicit');
  });
}
