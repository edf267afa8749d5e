// Measures the explorer page as a visitor meets it, in headless Chromium:
//   node tools/measure-page.mjs [--screenshot FILE.png]
// Prints: the size of paperscope.js + .wasm (raw and gzip), the time from navigation to the
// first drawn frame with the default collection (median of 5 loads), and the frames drawn
// during 5 idle seconds. Build first (tools/serve or tools/test build the site).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.mjs';
import { launchBrowser, closeBrowser, settle, state } from '../tests/browser/browser.mjs';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = path.join(top, 'build/site');
const args = process.argv.slice(2);
const shotIndex = args.indexOf('--screenshot');
const screenshot = shotIndex >= 0 ? args[shotIndex + 1] : null;

function sizes(files) {
  let raw = 0, gz = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(site, f));
    raw += bytes.length;
    gz += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gz };
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

const app = sizes(['paperscope.js', 'paperscope.wasm']);
const glue = sizes(['paperscope-app.js', 'index.js', 'index.html', 'style.css']);
const fonts = sizes(fs.readdirSync(path.join(site, 'fonts')).map((f) => 'fonts/' + f));
console.log(`paperscope.js + paperscope.wasm: ${kb(app.raw)} raw, ${kb(app.gz)} gzip`);
console.log(`page glue (html, css, js):       ${kb(glue.raw)} raw, ${kb(glue.gz)} gzip`);
console.log(`fonts:                           ${kb(fonts.raw)} raw, ${kb(fonts.gz)} gzip`);
const embed = sizes(['paperscope-embed.js', 'paperscope-app.js', 'paperscope.js', 'paperscope.wasm']);
console.log(`one <paper-scope> embed (scripts + wasm): ${kb(embed.raw)} raw, ${kb(embed.gz)} gzip ` +
  `(+ fonts ${kb(fonts.gz)} gzip + the bundle)`);

const port = 8790;
const server = await startServer({ root: site, port });
const browser = await launchBrowser();
const times = [];
for (let i = 0; i < 5; i++) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const ms = await page.evaluate(async () => {
    await new Promise((r) => { const t = setInterval(() => { if (window.paperscope) { clearInterval(t); r(); } }, 5); });
    await window.paperscope.ready;
    return performance.now();
  });
  times.push(ms);
  if (i === 4) {
    const before = await settle(page);
    await page.waitForTimeout(5000);
    const after = await state(page);
    console.log(`frames drawn during 5 idle seconds: ${after.frame - before.frame}`);
    if (screenshot) {
      await page.keyboard.type('implicit neural');
      await settle(page);
      const rect = await page.evaluate(() => window.paperscope.rowRect(1));
      await page.mouse.click(rect.x + rect.w / 3, rect.y + rect.h / 2);
      await settle(page);
      await page.mouse.move(5, 5);
      await settle(page);
      await page.screenshot({ path: screenshot });
      console.log(`screenshot: ${screenshot}`);
    }
  }
  await page.close();
}
times.sort((a, b) => a - b);
console.log(`navigation to first drawn frame: median ${times[2].toFixed(0)} ms ` +
  `(min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}; headless Chromium, SwiftShader WebGL)`);
await closeBrowser(browser);
server.close();
