// The catalogue of bad input in the page (docs/reliability.md): each file of tests/data/bad/
// (and 100,000-deep nesting, made here) opened over the default collection, through the JS
// API's load(url) and the file picker, must be refused with a message naming the file and
// the place, drawn on the canvas and said in the live region for screen readers, while the
// collection shown stays. Odd but valid files load.
// The same files in the core: tests/unit/test_bad_input.cpp; in the CLI: tests/cli
// (case "catalogue").
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openExplorer, settle, state } from './browser.mjs';
import { decodePng, imageStats } from './png.mjs';

// File, then what the message must say after "Could not open FILE: " (as the CLI's).
const REFUSED = [
  ['truncated.json', 'line 9, column 133 (in $.papers[0]): unterminated string'],
  ['trailing-garbage.json', 'line 4, column 1: unexpected data after the end of the bundle'],
  ['wrong-type.json', '$.papers[0].title: expected a string, found a whole number'],
  ['missing-title.json', '$.papers[1].title: required field is missing'],
  ['null-everywhere.json', '$.papers[0].title: required field is missing'],
  ['nan.json', 'line 2, column 39 (in $.papers[0]): syntax error while parsing value - invalid literal'],
  ['overlong-utf8.json', 'line 2, column 22 (in $.papers[0]): syntax error while parsing value - invalid string: ill-formed UTF-8 byte'],
  ['lone-surrogate.json', 'line 2, column 28 (in $.papers[0]): syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF'],
  ['nul-byte.json', 'line 2, column 28 (in $.papers[0]): a NUL byte (0x00) is not allowed in JSON'],
  ['empty.json', 'unknown format: the file is empty. Paperscope reads: '],
  ['bare-number.json', 'unknown format: JSON that holds only a number, not papers.'],
  ['zero-papers.json', 'the collection holds no papers'],
  ['duplicate-ids.json', '$.papers[2].id: duplicate id "a" (first at $.papers[0])'],
  ['out-of-range.json', '$.papers[0].upvotes: number 1e+20 is out of range (0 to 2147483647)'],
  ['impossible-date.json', '$.papers[0].date: "2023-13-45": month 13 is out of range'],
  ['javascript-link.json', '$.papers[0].links[0].url: only http and https links are allowed (found "javascript:alert(document.cookie)")'],
  ['data-link.json', '$.papers[0].links[0].url: only http and https links are allowed (found "data:text/html,<script>alert(1)</script>")'],
  ['file-link.json', '$.papers[0].links[0].url: only http and https links are allowed (found "file:///etc/passwd")'],
  ['html-page.json', 'unknown format: this is an HTML page, not a collection of papers.'],
  ['unknown-shape.json', 'unknown format: JSON of an unknown shape (an object with the keys "status", "results").'],
  ['broken.bib', "line 2, column 21: this value never closes (a '{' without its '}')"],
  ['arxiv-api-error.xml', 'line 6, column 3 (entry 1): the arXiv API answered with an error'],
  ['deep.json', 'line 1, column 253 (in $.papers[0]): nesting deeper than 200 levels'],
];

// Pixels in the theme's error colour (theme.cpp: error_text, light or dark).
function errorPixels(image) {
  const { pixels, channels } = image;
  let n = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
    if (r > 150 && r - g > 70 && r - b > 70) n++;
  }
  return n;
}

async function canvasImage(page) {
  return decodePng(await page.locator('canvas').screenshot());
}

export default function (test) {
  test('each bad file is refused with what and where, and the collection stays', async ({ browser, baseUrl, top, generatedDir }) => {
    const bad = path.join(top, 'tests/data/bad');
    // Too big to keep in the repository: 100,000 brackets where a paper should be.
    const deep = path.join(generatedDir, 'deep.json');
    fs.writeFileSync(deep, '{"format":"paperscope-bundle","version":1,"papers":' +
      '['.repeat(100000) + ']'.repeat(100000) + '}');
    const page = await openExplorer(browser, baseUrl);
    const before = await settle(page);
    assert.equal(before.error, null);
    const redBefore = errorPixels(await canvasImage(page));

    for (const [i, [file, message]] of REFUSED.entries()) {
      // Every other file through the file picker, the rest by URL.
      const byPicker = i % 2 === 1;
      if (byPicker) {
        await page.setInputFiles('input[type=file]', file === 'deep.json' ? deep : path.join(bad, file));
        await page.waitForFunction((f) => {
          const s = window.paperscope.state();
          return !s.loading && s.error && s.error.includes(f);
        }, file);
      } else {
        const url = file === 'deep.json' ? '/generated/deep.json' : `/fixtures/bad/${file}`;
        const result = await page.evaluate((u) => window.paperscope.load(u), url);
        assert.equal(result.ok, false, file);
        assert.ok(result.error.startsWith(message), `${file}: ${result.error}`);
      }
      const s = await settle(page);
      const how = byPicker ? 'picked' : 'by URL';
      assert.ok(s.error.startsWith(`Could not open ${file}: ${message}`), `${file} (${how}): ${s.error}`);
      assert.equal(s.retryable, false, `${file}: trying again would not help`);
      assert.equal(s.total, before.total, `${file}: the collection shown stays`);
      assert.equal(s.title, before.title, file);
      const image = await canvasImage(page);
      const stats = imageStats(image);
      assert.ok(stats.colors > 50 && stats.foregroundShare > 0.05, `${file}: the canvas is drawn`);
      assert.ok(errorPixels(image) > redBefore + 100, `${file}: the message is drawn in the error colour`);
      // Said to screen readers too, through the page's live region.
      await page.waitForFunction((e) => document.querySelector('[role=status]').textContent === e, s.error);
    }
    // The collection still answers queries.
    await page.evaluate(() => window.paperscope.setQuery('neural'));
    const searched = await settle(page);
    assert.ok(searched.shown > 0 && searched.shown < before.total);
    assert.deepEqual(page.errors, []);
  }, { timeout: 120000 });

  test('a bad ?bundle= says why and opens the default collection instead', async ({ browser, baseUrl }) => {
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/bad/nul-byte.json');
    const s = await settle(page);
    assert.equal(s.error, 'Could not open nul-byte.json: line 2, column 28 (in $.papers[0]): ' +
      'a NUL byte (0x00) is not allowed in JSON');
    assert.equal(s.total, 61);
    await page.waitForFunction((e) => document.querySelector('[role=status]').textContent === e, s.error);
    const stats = imageStats(await canvasImage(page));
    assert.ok(stats.colors > 50 && stats.foregroundShare > 0.05, 'the canvas is drawn');
    assert.deepEqual(page.errors, []);
  });

  test('odd but valid files load: right-to-left and emoji text, a 10 MB abstract', async ({ browser, baseUrl, generatedDir }) => {
    const page = await openExplorer(browser, baseUrl);
    let result = await page.evaluate(() => window.paperscope.load('/fixtures/bad/right-to-left-emoji.json'));
    assert.equal(result.ok, true, result.error);
    assert.equal(result.count, 1);
    const words = 'lorem ipsum '.repeat(Math.ceil(10e6 / 12));  // 10 MB
    fs.writeFileSync(path.join(generatedDir, '10mb-abstract.json'), JSON.stringify({
      format: 'paperscope-bundle', version: 1, papers: [{ id: 'big', title: 'Big', abstract: words }],
    }));
    result = await page.evaluate(() => window.paperscope.load('/generated/10mb-abstract.json'));
    assert.equal(result.ok, true, result.error);
    const s = await settle(page);
    assert.equal(s.total, 1);
    assert.equal(s.error, null);
    assert.ok(imageStats(await canvasImage(page)).foregroundShare > 0.05, 'the canvas is drawn');
    assert.deepEqual(page.errors, []);
  }, { timeout: 120000 });
}
