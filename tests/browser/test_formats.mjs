// Every format the page opens, detected from the bytes, through ?bundle= (one test per
// format), several sources at once (?bundle=a&bundle=b, load([…]), several dropped files),
// and the messages when a source cannot be used.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openExplorer, settle } from './browser.mjs';

// file in tests/data/real → papers after duplicates fold (tests/data/real/README.md), and
// one paper id the collection must hold.
const FORMATS = [
  ['hf-daily-papers-2026-07-01.json', 23, '2606.30534', 'Hugging Face papers API JSON (2026)'],
  ['hf-daily-papers-2024-05-27.json', 13, '2405.15738', 'Hugging Face papers API JSON (2024)'],
  ['arxiv-oai-snapshot-head200.jsonl', 200, '0704.0001', 'arXiv metadata JSON lines'],
  ['arxiv-api-atom-2-entries.xml', 2, '2510.14968', 'arXiv API Atom XML (classic)'],
  ['arxiv-api-atom-2025-dialect.xml', 2, 'math/0211159', 'arXiv API Atom XML (late 2025)'],
  ['semantic-scholar-author-with-60-papers.json', 60, '10.1093/mind/lix.236.433', 'Semantic Scholar Graph API JSON'],
  ['csl-json-47.json', 46, '2106.14987', 'CSL-JSON'],
  ['bibtex-47.bib', 46, '10.1017/prm.2022.42', 'BibTeX'],
];

const real = (file) => '/fixtures/real/' + file;

export default function (test) {
  for (const [file, count, id, label] of FORMATS) {
    test(`${label} opens through ?bundle=`, async ({ browser, baseUrl }) => {
      const page = await openExplorer(browser, `${baseUrl}?bundle=${encodeURIComponent(real(file))}`);
      const s = await settle(page);
      assert.equal(s.error, null);
      assert.equal(s.total, count, `${file}: total`);
      assert.equal(s.shown, count);
      assert.equal(await page.evaluate((paperId) => window.paperscope.select(paperId), id), true,
        `${file} holds ${id}`);
      assert.deepEqual(page.errors, []);
    });
  }

  test('Hugging Face papers API JSON (search results shape) opens through ?bundle=', async ({ browser, baseUrl }) => {
    // /api/papers/search's list of {paper, …} items (tests/data/real/README.md). The page's
    // API does not name the detected format; the collection title shows which importer
    // read it: the Hugging Face one, and its items carry Daily Papers dates.
    const file = 'hf-papers-search-shape-from-daily-2026-07-01.json';
    const page = await openExplorer(browser, `${baseUrl}?bundle=${encodeURIComponent(real(file))}`);
    const s = await settle(page);
    assert.equal(s.error, null);
    assert.equal(s.total, 7);
    assert.equal(s.shown, 7);
    assert.equal(s.title, 'Hugging Face Daily Papers');
    const id = '2606.28436';
    assert.equal(await page.evaluate((paperId) => window.paperscope.select(paperId), id), true);
    assert.equal((await settle(page)).selectedId, id);
    const paper = await page.evaluate((paperId) => window.paperscope.paper(paperId), id);
    assert.equal(paper.id, id);
    assert.equal(paper.title, 'Dockerless: Environment-Free Program Verifier for Coding Agents');
    assert.equal(paper.date, '2026-06-26');      // paper.publishedAt, not the item's (06-25)
    assert.equal(paper.featured, '2026-07-01');  // paper.submittedOnDailyAt
    assert.equal(paper.upvotes, 77);
    assert.equal(paper.authors.length, 13);
    assert.deepEqual(paper.authors.slice(0, 2), ['Wenhao Zeng', 'Yuling Shi']);
    assert.deepEqual(paper.external_ids, { arxiv: id });
    assert.ok(paper.links.some((l) => l.url === `https://huggingface.co/papers/${id}`));
    assert.deepEqual(paper.sources, [file]);
    assert.deepEqual(page.errors, []);
  });

  test('?bundle=a&bundle=b merges two sources into one collection', async ({ browser, baseUrl }) => {
    // The CSL-JSON and BibTeX exports list the same 46 papers.
    const page = await openExplorer(browser,
      `${baseUrl}?bundle=${real('csl-json-47.json')}&bundle=${real('bibtex-47.bib')}`);
    let s = await settle(page);
    assert.equal(s.error, null);
    assert.equal(s.total, 46);
    assert.equal(s.title, 'csl-json-47.json + bibtex-47.bib');
    // Different papers add up.
    const result = await page.evaluate((urls) => window.paperscope.load(urls),
      [real('hf-daily-papers-2026-07-01.json'), real('hf-daily-papers-2024-05-27.json'),
       real('arxiv-api-atom-2-entries.xml')]);
    assert.deepEqual(result, { ok: true, count: 38, error: null });
    s = await settle(page);
    assert.equal(s.total, 38);
    // load(url) with one URL works as before.
    const one = await page.evaluate((url) => window.paperscope.load(url), real('bibtex-47.bib'));
    assert.deepEqual(one, { ok: true, count: 46, error: null });
  });

  test('several dropped files become one collection', async ({ browser, baseUrl, top }) => {
    const page = await openExplorer(browser, baseUrl);
    const files = ['bibtex-47.bib', 'hf-daily-papers-2024-05-27.json']
      .map((f) => [f, fs.readFileSync(path.join(top, 'tests/data/real', f), 'utf8')]);
    await page.evaluate((list) => {
      const data = new DataTransfer();
      for (const [name, text] of list) data.items.add(new File([text], name));
      document.querySelector('canvas').dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, files);
    await page.waitForFunction(() => window.paperscope.state().total === 46 + 13);
    const s = await settle(page);
    assert.equal(s.error, null);
    assert.equal(s.title, 'bibtex-47.bib + hf-daily-papers-2024-05-27.json');
    // The picker takes several files too.
    await page.setInputFiles('input[type=file]', [
      path.join(top, 'tests/data/real/arxiv-api-atom-2-entries.xml'),
      path.join(top, 'tests/data/real/arxiv-api-atom-2025-dialect.xml')]);
    await page.waitForFunction(() => window.paperscope.state().total === 4);
  });

  test('a source that cannot be used is named, and the collection stays', async ({ browser, baseUrl }) => {
    // A file whose only record has no title: the default collection opens with the reason.
    let page = await openExplorer(browser, `${baseUrl}?bundle=${real('semantic-scholar-paper-null-values.json')}`);
    let s = await settle(page);
    assert.equal(s.total, 61);
    assert.match(s.error, /semantic-scholar-paper-null-values\.json: none of its 1 records has a title/);

    // One of two sources missing: nothing of either is opened, and the message says which.
    page = await openExplorer(browser,
      `${baseUrl}?bundle=${real('bibtex-47.bib')}&bundle=/fixtures/real/no-such-file.json`);
    s = await settle(page);
    assert.equal(s.total, 61);
    assert.match(s.error, /no-such-file\.json: the server answered 404/);
    assert.match(s.error, /1 of 2 sources; nothing was opened/);

    // A broken BibTeX file among good ones: its line and column, and the collection stays.
    await page.keyboard.type('neural');
    const before = await settle(page);
    const result = await page.evaluate((urls) => window.paperscope.load(urls),
      [real('csl-json-47.json'), '/fixtures/bad/broken.bib']);
    assert.equal(result.ok, false);
    assert.match(result.error, /^broken\.bib: line 2, column 21: this value never closes/);
    s = await settle(page);
    assert.equal(s.total, before.total);
    assert.equal(s.shown, before.shown);
    assert.match(s.error, /Could not open these 2 files together: broken\.bib: line 2/);
    assert.deepEqual(page.errors, []);
  });
}
