// Makes the screenshots in docs/ (README shows them): desktop and phone width, light and
// dark, in headless Chromium.   node tools/screenshots.mjs   (after a build)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.mjs';
import { launchBrowser, closeBrowser, settle } from '../tests/browser/browser.mjs';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = 8791;
const server = await startServer({ root: path.join(top, 'build/site'), port });
const browser = await launchBrowser();
for (const [name, width, height, scale] of [['desktop', 1280, 800, 1], ['phone', 360, 740, 2]]) {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage();
    await page.setViewportSize({ width, height });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride',
      { width, height, deviceScaleFactor: scale, mobile: name === 'phone' });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`http://127.0.0.1:${port}/#q=implicit+neural`);
    await page.waitForFunction((w) => innerWidth === w, width);
    await page.waitForFunction(() => window.paperscope && window.paperscope.state() &&
      window.paperscope.state().total > 0);
    await page.evaluate(() => window.paperscope.ready);
    await settle(page);
    const row = await page.evaluate(() => window.paperscope.rowRect(1));
    await page.mouse.click(row.x + row.w / 3, row.y + row.h / 2);
    await page.mouse.move(2, 2);
    await settle(page);
    const file = path.join(top, 'docs', `screenshot-${name}-${scheme}.png`);
    // Through the DevTools protocol: device pixels (2x for the phone), as a person sees them.
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
    console.log(file);
    await page.close();
  }
}
await closeBrowser(browser);
server.close();
