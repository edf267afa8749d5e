// Chunked collections (docs/bundle-format.md) in the page: opened by their manifest's URL,
// an abstract fetched only when its paper is shown, equal to the bundle's; a missing chunk
// and a damaged one say which file and why, Retry works, nothing else breaks; exports fetch
// what they need; a manifest picked as a file says to open it by URL; remembered by URL.
// The collections are written by the CLI (`paperscope convert --chunked`) from the seed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openExplorer, settle, state } from './browser.mjs';

// The CLI, built when a browser-only run finds none.
export function cli(top) {
  const bin = path.join(top, 'build/native/paperscope');
  if (!fs.existsSync(bin)) {
    if (!fs.existsSync(path.join(top, 'build/native/CMakeCache.txt'))) {
      execFileSync('cmake', ['--preset', 'native'], { cwd: top, stdio: 'ignore' });
    }
    execFileSync('cmake', ['--build', 'build/native', '--target', 'paperscope'], { cwd: top, stdio: 'ignore' });
  }
  return bin;
}

// The seed collection (assets/papers.json, 61 papers) in 8 KB chunks (11 of them), in a
// folder of its own under /generated.
export function writeChunked(top, generatedDir, name) {
  const dir = path.join(generatedDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  execFileSync(cli(top), ['convert', path.join(top, 'assets/papers.json'), '--chunked', dir,
    '--chunk-kb', '8'], { stdio: 'ignore' });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const size = (file) => fs.statSync(path.join(dir, file)).size;
  return { dir, url: `/generated/${name}/manifest.json`, manifest, size };
}

// Requests for a collection's files, by kind.
function countRequests(page, name) {
  const seen = { manifest: 0, resident: 0, chunks: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.includes(`/generated/${name}/`)) return;
    if (url.endsWith('/manifest.json')) seen.manifest++;
    else if (url.includes('/resident-')) seen.resident++;
    else if (url.includes('/chunks/')) seen.chunks.push(url.slice(url.indexOf('chunks/')));
  });
  return seen;
}

const itemRect = (page, name) => page.evaluate((n) => window.paperscope.itemRect(n), name);
async function click(page, rect) {
  assert.ok(rect, 'the control is on screen');
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
}
const paper = (page, id) => page.evaluate((i) => window.paperscope.paper(i), id);
const waitDetails = (page, want) => page.waitForFunction((w) =>
  window.paperscope.state().selectedDetails === w, want);

// The seed bundle's papers as the page reads them (abstracts as the explorer holds them).
async function bundlePapers(browser, baseUrl, ids) {
  const page = await openExplorer(browser, baseUrl);
  const papers = await page.evaluate((list) => list.map((id) => window.paperscope.paper(id)), ids);
  await page.close();
  return papers;
}

export default function (test) {
  test('opened by URL, an abstract arrives only when its paper is shown, equal to the bundle\'s', async ({ browser, baseUrl, top, generatedDir }) => {
    const c = writeChunked(top, generatedDir, 'chunked-open');
    const page = await browser.newPage();
    const seen = countRequests(page, 'chunked-open');
    // Hold the chunks back until the test lets them go: "Loading abstract..." is seen.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/chunks/*.bin', async (route) => { await held; await route.continue(); });
    await page.goto(`${baseUrl}?bundle=${encodeURIComponent(c.url)}`);
    await page.waitForFunction(() => window.paperscope && window.paperscope.state() &&
      window.paperscope.state().total > 0);
    let s = await settle(page);
    assert.equal(s.error, null);
    assert.equal(s.total, 61);
    assert.equal(s.chunked, true);
    assert.equal(s.title, c.manifest.title);
    assert.deepEqual(s.chunks, { total: c.manifest.chunks.length, loaded: 0, fetching: 0, failed: [] });
    assert.ok(c.manifest.chunks.length >= 5);
    // Only the manifest and the resident part were fetched to open it.
    assert.equal(seen.manifest, 1);
    assert.equal(seen.resident, 1);
    assert.deepEqual(seen.chunks, []);
    const opened = c.size('manifest.json') + c.manifest.resident.bytes;
    assert.equal(s.bytesFetched, opened);

    // Search with real keys: still no chunk.
    await page.keyboard.type('multiplication', { delay: 10 });
    s = await settle(page);
    assert.ok(s.shown >= 1 && s.shown < 61, `shown ${s.shown}`);
    assert.deepEqual(seen.chunks, []);
    assert.equal(s.queryNotice, null);
    // Abstracts are not in the resident index: a query for them says so.
    await page.evaluate(() => window.paperscope.setQuery('abstract:multiplication'));
    assert.match((await settle(page)).queryNotice, /^abstract: finds nothing in this collection/);
    await page.evaluate(() => window.paperscope.setQuery('multiplication'));
    await settle(page);
    const [id] = await page.evaluate(() => window.paperscope.visibleIds(1));
    const before = await paper(page, id);
    assert.equal(before.details, 'loading');
    assert.equal(before.abstract, undefined);

    // Click the paper: its chunk is asked for, once, and the pane says it is loading.
    await click(page, await page.evaluate(() => window.paperscope.rowRect(0)));
    await waitDetails(page, 'loading');
    s = await settle(page);
    assert.equal(s.selectedId, id);
    assert.equal(s.chunks.fetching, 1);
    assert.equal(seen.chunks.length, 1);
    const frames = s.frame;
    await page.waitForTimeout(300);
    assert.equal((await state(page)).frame, frames, 'an idle page draws nothing while it waits');
    release();
    await waitDetails(page, 'loaded');
    s = await settle(page);
    assert.ok(s.frame > frames, 'the chunk\'s arrival is drawn');
    assert.equal(s.chunks.loaded, 1);
    assert.equal(s.chunks.fetching, 0);
    assert.equal(seen.chunks.length, 1);
    const file = seen.chunks[0];
    assert.equal(s.bytesFetched, opened + c.size(file));
    await page.waitForTimeout(300);
    assert.equal((await state(page)).frame, s.frame, 'and then nothing more');

    // The abstract, links and title are the bundle's.
    const after = await paper(page, id);
    const [original] = await bundlePapers(browser, baseUrl, [id]);
    assert.equal(after.details, 'loaded');
    assert.ok(after.abstract.length > 100);
    assert.equal(after.abstract, original.abstract);
    assert.deepEqual(after.links, original.links);
    assert.equal(after.title, original.title);

    // Another paper of the same chunk costs nothing; one of another chunk one request.
    const all = await page.evaluate(() => { window.paperscope.setQuery(''); return window.paperscope.visibleIds(-1); });
    const loaded = await page.evaluate((ids) => ids.filter((i) => window.paperscope.paper(i).details === 'loaded'), all);
    assert.ok(loaded.length >= 4, 'the chunk holds several papers');
    const other = all.find((i) => !loaded.includes(i));
    const got = await page.evaluate((i) => window.paperscope.loadPaper(i), other);
    assert.equal(got.details, 'loaded');
    assert.equal(seen.chunks.length, 2);
    assert.deepEqual(page.errors || [], []);
  });

  test('a missing chunk names the file and why; the rest works; Retry works once it is back', async ({ browser, baseUrl, top, generatedDir }) => {
    const c = writeChunked(top, generatedDir, 'chunked-missing');
    const page = await openExplorer(browser, `${baseUrl}?bundle=${encodeURIComponent(c.url)}`);
    const ids = await page.evaluate(() => window.paperscope.visibleIds(-1));
    // The first paper's chunk: which file it is, found by the request its details make.
    const target = ids[0];
    const hits = [];
    page.on('request', (r) => { if (r.url().includes('/chunks/')) hits.push(r.url()); });
    await page.evaluate((i) => window.paperscope.select(i), target);
    assert.equal((await page.evaluate(() => window.paperscope.fetchDetails('selection'))).ok, true);
    assert.equal(hits.length, 1);
    const file = hits[0].slice(hits[0].indexOf('chunks/'));
    // (Found by the request: then taken away and asked for again, as a person would see it.)
    const onDisk = path.join(c.dir, file);
    const kept = onDisk + '.away';
    fs.renameSync(onDisk, kept);
    try {
      // A fresh page: the chunk is missing from the start.
      const fresh = await openExplorer(browser, `${baseUrl}?bundle=${encodeURIComponent(c.url)}#paper=${encodeURIComponent(target)}`);
      await fresh.waitForFunction(() => window.paperscope.state().selectedDetails === 'failed');
      let s = await settle(fresh);
      assert.equal(s.chunks.failed.length, 1);
      assert.equal(s.chunks.failed[0].file, file);
      assert.match(s.chunks.failed[0].error, new RegExp(`^${file.replace('.', '\\.')}: the server answered 404`));
      const p = await paper(fresh, target);
      assert.equal(p.details, 'failed');
      assert.match(p.detailsError, /chunks\/[0-9a-f]{16}\.bin: the server answered 404 Not Found \(no such file\)/);
      assert.ok(await itemRect(fresh, 'retry-details'), 'a Retry button');
      assert.equal(s.error, null, 'the collection itself is fine');
      assert.equal(s.total, 61);

      // Search still works, and a paper of another chunk loads.
      await fresh.evaluate(() => window.paperscope.setQuery('learning'));
      s = await settle(fresh);
      assert.ok(s.shown > 0 && s.shown < 61);
      const rows = await fresh.evaluate(() => window.paperscope.visibleIds(-1));
      const all = await fresh.evaluate(() => { window.paperscope.setQuery(''); return window.paperscope.visibleIds(-1); });
      assert.ok(rows.length > 0);
      // Papers of the missing chunk have failed; the others are still to be had.
      const elsewhere = await fresh.evaluate((list) =>
        list.find((i) => window.paperscope.paper(i).details === 'loading'), all);
      const got = await fresh.evaluate((i) => window.paperscope.loadPaper(i), elsewhere);
      assert.equal(got.details, 'loaded');
      assert.ok(got.abstract.length > 50);
      // An export that needs the missing chunk says so, and leaves nothing half-done.
      const exported = await fresh.evaluate(() => window.paperscope.fetchDetails('results'));
      assert.equal(exported.ok, false);
      assert.match(exported.error, /could not be loaded: chunks\/[0-9a-f]{16}\.bin: the server answered 404/);
      await assert.rejects(fresh.evaluate(() => window.paperscope.exportText('bibtex', 'results')),
        /could not be loaded/);

      // The file is back: Retry in the pane loads it.
      fs.renameSync(kept, onDisk);
      await fresh.evaluate((i) => window.paperscope.select(i), target);
      await settle(fresh);
      await click(fresh, await itemRect(fresh, 'retry-details'));
      await fresh.waitForFunction(() => window.paperscope.state().selectedDetails === 'loaded');
      s = await settle(fresh);
      assert.deepEqual(s.chunks.failed, []);
      assert.ok((await paper(fresh, target)).abstract.length > 50);
      // And now every paper's details can be had, and exported.
      assert.equal((await fresh.evaluate(() => window.paperscope.fetchDetails('results'))).ok, true);
      const json = JSON.parse(await fresh.evaluate(() => window.paperscope.exportText('json', 'results')));
      assert.equal(json.papers.length, 61);
      assert.deepEqual(fresh.errors, []);
    } finally {
      if (fs.existsSync(kept)) fs.renameSync(kept, onDisk);
    }
  });

  test('a damaged chunk or resident part says its hash does not match; the collection stays', async ({ browser, baseUrl, top, generatedDir }) => {
    const c = writeChunked(top, generatedDir, 'chunked-damaged');
    const page = await openExplorer(browser, `${baseUrl}?bundle=${encodeURIComponent(c.url)}`);
    // Every chunk arrives with one byte changed (the same size: only the hash tells).
    await page.route('**/chunks/*.bin', async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length >> 1] ^= 0x40;
      await route.fulfill({ response, body });
    });
    const [id] = await page.evaluate(() => window.paperscope.visibleIds(1));
    await page.evaluate((i) => window.paperscope.select(i), id);
    await page.waitForFunction(() => window.paperscope.state().selectedDetails === 'failed');
    let s = await settle(page);
    const p = await paper(page, id);
    assert.match(p.detailsError, /^chunks\/[0-9a-f]{16}\.bin: damaged or not the file the manifest names \(its hash is [0-9a-f]{16}\)$/);
    assert.equal(s.chunks.failed.length, 1);
    assert.ok(s.bytesFetched > c.size('manifest.json') + c.manifest.resident.bytes, 'its bytes were fetched');
    // Fixed on the server: Retry.
    await page.unroute('**/chunks/*.bin');
    await page.evaluate(() => window.paperscope.retryDetails('selection'));
    await page.waitForFunction(() => window.paperscope.state().selectedDetails === 'loaded');
    s = await settle(page);
    assert.deepEqual(s.chunks.failed, []);

    // A damaged resident part: the collection is not opened and the one shown stays.
    await page.route('**/resident-*.bin', async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length >> 2] ^= 1;
      await route.fulfill({ response, body });
    });
    await page.evaluate(() => window.paperscope.loadDefault());
    await page.waitForFunction(() => window.paperscope.state().chunked === false && !window.paperscope.state().loading);
    const result = await page.evaluate((u) => window.paperscope.load(u), c.url);
    assert.equal(result.ok, false);
    assert.match(result.error, /^resident-[0-9a-f]{16}\.bin: damaged or not the file the manifest names/);
    s = await settle(page);
    assert.match(s.error, /^Could not open manifest\.json: resident-[0-9a-f]{16}\.bin: damaged/);
    assert.equal(s.chunked, false);
    assert.equal(s.total, 61);
    // A manifest that does not parse names the place.
    fs.writeFileSync(path.join(c.dir, 'broken-manifest.json'),
      fs.readFileSync(path.join(c.dir, 'manifest.json'), 'utf8').replace('"papers": 61', '"papers": "many"'));
    const broken = await page.evaluate((u) => window.paperscope.load(u), c.url.replace('manifest.json', 'broken-manifest.json'));
    assert.equal(broken.ok, false);
    assert.match(broken.error, /Could not open broken-manifest\.json: \$\.papers/);
    assert.deepEqual(page.errors, []);
  });

  test('exports fetch the chunks they need first', async ({ browser, baseUrl, top, generatedDir }) => {
    const c = writeChunked(top, generatedDir, 'chunked-export');
    const page = await openExplorer(browser, `${baseUrl}?bundle=${encodeURIComponent(c.url)}`);
    await assert.rejects(page.evaluate(() => window.paperscope.exportText('json', 'results')),
      /not loaded yet: await fetchDetails\('results'\) first/);
    // The export menu: the download comes once every chunk is here, with every abstract.
    await click(page, await itemRect(page, 'export'));
    await settle(page);
    const download = page.waitForEvent('download');
    await click(page, await itemRect(page, 'export:json:results'));
    const file = await (await download).path();
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    const s = await settle(page);
    assert.equal(s.chunks.loaded, c.manifest.chunks.length);
    assert.equal(exported.papers.length, 61);
    const ids = exported.papers.map((p) => p.id);
    const originals = await bundlePapers(browser, baseUrl, ids);
    for (let i = 0; i < ids.length; i++) {
      assert.equal(exported.papers[i].abstract, originals[i].abstract, ids[i]);
    }
  });

  test('a manifest picked as a file says to open it by URL; Open a URL opens it; kept by URL', async ({ browser, baseUrl, top, generatedDir }) => {
    const c = writeChunked(top, generatedDir, 'chunked-url');
    const page = await openExplorer(browser, baseUrl);
    await page.setInputFiles('input[type=file][multiple]', path.join(c.dir, 'manifest.json'));
    await page.waitForFunction(() => window.paperscope.state().error);
    let s = await settle(page);
    assert.match(s.error, /manifest\.json: it is the manifest of a chunked collection.*Open it by its URL instead/);
    assert.equal(s.total, 61);
    assert.equal(s.chunked, false);

    // Collections → Open a URL.
    await click(page, await itemRect(page, 'collections'));
    await settle(page);
    await click(page, await itemRect(page, 'open-url-input'));
    await page.keyboard.type(c.url, { delay: 5 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.paperscope.state().chunked === true);
    s = await settle(page);
    assert.equal(s.total, 61);

    // Kept in the browser by its URL (its chunks stay on the server), and opened again.
    await page.evaluate(() => window.paperscope.keepCollection());
    const kept = await page.evaluate(() => window.paperscope.remembered());
    const entry = kept.find((k) => k.name.endsWith(c.url));
    assert.ok(entry, JSON.stringify(kept));
    await page.evaluate(() => window.paperscope.loadDefault());
    await page.waitForFunction(() => window.paperscope.state().chunked === false && !window.paperscope.state().loading);
    await page.evaluate((i) => window.paperscope.openRemembered(i), entry.id);
    await page.waitForFunction(() => window.paperscope.state().chunked === true && !window.paperscope.state().loading);
    await page.evaluate((i) => window.paperscope.forgetRemembered(i), entry.id);
    assert.deepEqual(page.errors, []);
  });

  test('20,000 papers open from their manifest in slices, drawing progress as they go', async ({ browser, baseUrl, top, generatedDir }) => {
    const file = path.join(generatedDir, 'papers-20000.json');
    if (!fs.existsSync(file)) {
      execFileSync('node', [path.join(top, 'tools/lib/bench/generate.mjs'), '--papers', '20000', '--seed', '3', '--out', file]);
    }
    const dir = path.join(generatedDir, 'chunked-20000');
    fs.rmSync(dir, { recursive: true, force: true });
    execFileSync(cli(top), ['convert', file, '--chunked', dir], { stdio: 'ignore' });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    assert.ok(manifest.resident.bytes > (1 << 20), 'a resident part big enough to stream');
    const page = await openExplorer(browser, baseUrl);
    await page.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longTasks.push(e.duration);
      }).observe({ entryTypes: ['longtask'] });
    });
    const result = await page.evaluate(async () => {
      const progress = [];
      const timer = setInterval(() => {
        const s = window.paperscope.state();
        if (s.loading) progress.push(s.frame);
      }, 20);
      const started = performance.now();
      const r = await window.paperscope.load('/generated/chunked-20000/manifest.json');
      const ms = performance.now() - started;
      clearInterval(timer);
      return { ...r, progress, ms };
    });
    assert.equal(result.ok, true);
    assert.equal(result.count, 20000);
    const s = await settle(page);
    assert.equal(s.bytesFetched, fs.statSync(path.join(dir, 'manifest.json')).size + manifest.resident.bytes);
    assert.equal(s.chunks.loaded, 0);
    const framesWhileLoading = new Set(result.progress).size;
    // The progress is drawn while loading (five to ten times a second: drawing every frame
    // slowed a big fetch fivefold). How often depends on the machine's load, so the rate is
    // printed, not asserted (a timed assertion failed on a busy machine).
    assert.ok(framesWhileLoading >= 1,
      `no frame drawn in ${result.ms.toFixed(0)} ms of loading`);
    const longest = Math.max(0, ...await page.evaluate(() => window.longTasks));
    console.log(`        opened in ${result.ms.toFixed(0)} ms, ${(s.bytesFetched / 1e6).toFixed(1)} MB fetched; ` +
      `${framesWhileLoading} frames while loading; longest main-thread block ${longest.toFixed(0)} ms`);
    // Typing stays quick, and a paper's abstract is one request away.
    await page.keyboard.type('graph', { delay: 10 });
    assert.ok((await settle(page)).shown > 0);
    const [id] = await page.evaluate(() => window.paperscope.visibleIds(1));
    assert.ok((await page.evaluate((i) => window.paperscope.loadPaper(i), id)).abstract.length > 0);
  }, { timeout: 120000 });

  test('the embed and the iframe open a manifest URL', async ({ browser, baseUrl, top, generatedDir }) => {
    const c = writeChunked(top, generatedDir, 'chunked-embed');
    const page = await browser.newPage();
    await page.goto(baseUrl + 'embed-example.html');
    await page.evaluate((src) => {
      document.body.innerHTML = '';
      const el = document.createElement('paper-scope');
      el.id = 'chunked';
      el.setAttribute('src', src);
      el.style.height = '500px';
      document.body.appendChild(el);
    }, c.url);
    await page.waitForFunction(() => {
      const el = document.getElementById('chunked');
      const s = el && el.api && el.state();
      return s && s.chunked && s.total === 61 && !s.loading;
    });
    const [id] = await page.evaluate(() => document.getElementById('chunked').visibleIds(1));
    const got = await page.evaluate((i) => document.getElementById('chunked').loadPaper(i), id);
    assert.equal(got.details, 'loaded');
    assert.ok(got.abstract.length > 50);

    const frame = await browser.newPage();
    await frame.goto(`${baseUrl}embed.html?bundle=${encodeURIComponent(c.url)}`);
    await frame.waitForFunction(() => window.paperscope && window.paperscope.state() &&
      window.paperscope.state().chunked && window.paperscope.state().total === 61);
  });

  test('paperscope-core.mjs opens a manifest in Node (path) and in a page (URL)', async ({ browser, baseUrl, top, generatedDir }) => {
    const c = writeChunked(top, generatedDir, 'chunked-core');
    const { default: createCore } = await import(new URL(`file://${path.join(top, 'build/site/paperscope-core.mjs')}`).href);
    const core = await createCore();
    const opened = await core.open(path.join(c.dir, 'manifest.json'));
    assert.deepEqual(opened, { ok: true, count: 61, error: null, chunked: true });
    assert.deepEqual(core.chunks(), { total: c.manifest.chunks.length, loaded: 0 });
    const { ids } = core.search('multiplication', 1);
    assert.equal(core.paper(ids[0]).abstract, undefined);
    const p = await core.loadPaper(ids[0]);
    assert.ok(p.abstract.length > 100);
    assert.equal(core.chunks().loaded, 1);
    // A reader of one's own (here: counting what is read).
    const read = [];
    const other = await createCore();
    assert.equal((await other.open(path.join(c.dir, 'manifest.json'), {
      read: (file) => { read.push(path.basename(file)); return fs.readFileSync(file); },
    })).ok, true);
    assert.deepEqual(read, ['manifest.json', c.manifest.resident.file]);
    // A missing chunk: the promise says which file.
    const chunkFile = path.join(c.dir, 'chunks', `${c.manifest.chunks.at(-1)[3]}.bin`);
    fs.renameSync(chunkFile, chunkFile + '.away');
    try {
      const all = other.search('', -1).ids;
      const result = await other.fetchDetails(all);
      assert.equal(result.ok, false);
      assert.match(result.error, /chunks\/[0-9a-f]{16}\.bin: ENOENT/);
    } finally {
      fs.renameSync(chunkFile + '.away', chunkFile);
    }
    core.dispose();
    other.dispose();

    const page = await browser.newPage();
    await page.goto(baseUrl + 'style.css');
    const answer = await page.evaluate(async (url) => {
      const { default: create } = await import('/paperscope-core.mjs');
      const inPage = await create();
      const result = await inPage.open(url);
      const [first] = inPage.search('multiplication', 1).ids;
      const paper = await inPage.loadPaper(first);
      return { result, abstract: paper.abstract, chunks: inPage.chunks() };
    }, c.url);
    assert.deepEqual(answer.result, { ok: true, count: 61, error: null, chunked: true });
    assert.equal(answer.abstract, p.abstract);
    assert.equal(answer.chunks.loaded, 1);
  });
}
