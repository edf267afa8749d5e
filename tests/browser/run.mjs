// Runs the browser tests: serves build/site (and the test fixtures under /fixtures) on a
// port of its own, then drives headless Chromium through each test_*.mjs.
//   node run.mjs [name-filter]
// Prints one line per test and ends with "browser: N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../../tools/static-server.mjs';
import { launchBrowser, closeBrowser } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '../..');
const port = Number(process.env.PAPERSCOPE_TEST_PORT || 8766);
const filter = process.argv[2] || '';

// Data the tests make at run time (big collections are never committed).
const generatedDir = path.join(top, 'build/test-generated');
fs.mkdirSync(generatedDir, { recursive: true });
const server = await startServer({
  root: path.join(top, 'build/site'),
  port,
  mounts: { '/fixtures': path.join(top, 'tests/data'), '/generated': generatedDir },
});
const baseUrl = `http://127.0.0.1:${port}/`;
// The same site under the strict Content-Security-Policy docs/embedding.md documents.
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
  "style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'self'";
const cspServer = await startServer({
  root: path.join(top, 'build/site'),
  port: port + 1,
  mounts: { '/fixtures': path.join(top, 'tests/data') },
  headers: { 'content-security-policy': STRICT_CSP },
});
const cspBaseUrl = `http://127.0.0.1:${port + 1}/`;

const tests = [];
for (const file of fs.readdirSync(here).filter((f) => /^test_.*\.mjs$/.test(f)).sort()) {
  const mod = await import(pathToFileURL(path.join(here, file)).href);
  mod.default((name, fn, options = {}) => tests.push({ file, name, fn, options }));
}

let passed = 0;
let failed = 0;
const browser = await launchBrowser();
for (const t of tests) {
  const full = `${t.file.replace(/\.mjs$/, '')}: ${t.name}`;
  if (filter && !full.includes(filter)) continue;
  const started = Date.now();
  const pagesBefore = new Set(browser.pages());
  try {
    await Promise.race([
      t.fn({ browser, baseUrl, cspBaseUrl, top, generatedDir }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')),
        t.options.timeout || 60000)),
    ]);
    passed++;
    console.log(`  ok    ${full} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    console.log(`  FAIL  ${full}\n        ${String(error && error.stack || error).split('\n').slice(0, 6).join('\n        ')}`);
  }
  for (const page of browser.pages()) if (!pagesBefore.has(page)) await page.close();
}
await closeBrowser(browser);
server.close();
cspServer.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
