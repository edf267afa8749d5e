// paperscope-core.mjs, the core without the UI (docs/js-api.md): in plain Node, reading its
// .wasm with fs, and in Chromium, fetching it. Expected counts come from reference.mjs (the
// matching rule written again in JavaScript), never from the core itself.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { foldedWords, loadBundle, matchCount } from './reference.mjs';

// Queries with an expected count of their own: word prefixes, several words, accents and
// case in the query (folded as the text is), one that matches nothing, and the empty query.
const QUERIES = ['learn', 'implicit learn rein', 'REINFÖRCEMENT', 'neural net', 'zzqx', ''];

// Newest first, undated last, ties in bundle order: the default display order.
function dateOrder(bundle) {
  const key = (p) => {
    if (!p.date) return 0;
    const [y, m = 0, d = 0] = String(p.date).slice(0, 10).split('-').map(Number);
    return y * 10000 + m * 100 + d;
  };
  return bundle.papers.map((p, i) => [key(p), i]).sort((a, b) => {
    if (!a[0] !== !b[0]) return a[0] ? -1 : 1;
    return b[0] - a[0] || a[1] - b[1];
  }).map(([, i]) => bundle.papers[i].id);
}

function matches(paper, query) {
  return matchCount({ papers: [paper] }, query) === 1;
}

// What facetCounts should say for these papers, counted here from the file: most frequent
// first, ties by value (years newest first).
function expectedFacet(papers, field) {
  const counts = new Map();
  const add = (value) => counts.set(value, (counts.get(value) || 0) + 1);
  for (const p of papers) {
    if (field === 'tag') new Set((p.tags || []).map((t) => t.value)).forEach(add);
    if (field === 'venue' && p.venue) add(p.venue);
    if (field === 'year' && p.date) add(p.date.slice(0, 4));
    if (field === 'has-code' && (p.links || []).some((l) => l.kind === 'code')) add('code');
  }
  const byValue = (a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) =>
    (field === 'year' ? Number(b.value) - Number(a.value) : b.count - a.count || byValue(a, b)));
}

// A collection made to catch where the SIMD build's 16-byte steps could differ from the plain
// build's 8-byte ones: texts of every length up to a few hundred bytes, words running across
// 16- and 64-byte boundaries, long words, digits, punctuation, quotes, backslashes, control
// characters (escaped in the JSON), accents and other scripts.
function trickyBundle(seed, papers) {
  let state = seed;
  const random = (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const pieces = ['a', 'b', 'Zeta', 'x', 'Neural', 'networks', 'GRAPH', 'diffusion', 'ab12',
    '2024', 'transformer', 'Ünïcode', 'Łódź', 'straße', '中文', '🙂', 'É', 'verylongwordthatgoesonandon',
    'q', 'Élan', 'naïve', 'x9y8z7'];
  const separators = [' ', ' ', ' ', ', ', '. ', '-', '_', '/', '"', '\\', '\n', '\t', '\u0001',
    '(', ')', ':', ' — ', "'", '  '];
  // Half the papers are all ASCII: only such texts take the block-at-a-time word splitting.
  const ascii = pieces.filter((piece) => /^[\x00-\x7f]*$/.test(piece));
  const text = (length, asciiOnly) => {
    const from = asciiOnly ? ascii : pieces;
    let out = '';
    while (out.length < length) {
      out += from[random(from.length)];
      out += separators[random(separators.length)];
    }
    return out.slice(0, length);
  };
  return { format: 'paperscope-bundle', version: 1, papers: Array.from({ length: papers }, (_, i) => ({
    id: `t${i}`, title: text(1 + random(120), i % 2 === 0), abstract: text(random(400), i % 2 === 0),
    authors: [text(3 + random(20)), text(3 + random(20))] })) };
}

export default function (test) {
  test('the SIMD and plain builds are the same core, and the SIMD one is picked where it can be', async ({ top }) => {
    const site = path.join(top, 'build/site');
    // One JavaScript glue serves both .wasm files.
    const simdGlue = fs.readFileSync(path.join(site, 'paperscope-core-wasm-simd.mjs'), 'utf8');
    const plainGlue = fs.readFileSync(path.join(site, 'paperscope-core-wasm.mjs'), 'utf8');
    assert.equal(simdGlue.replaceAll('paperscope-core-wasm-simd.wasm', 'paperscope-core-wasm.wasm'), plainGlue);

    const { default: createCore } = await import(pathToFileURL(path.join(site, 'paperscope-core.mjs')).href);
    const simd = await createCore();
    const plain = await createCore({ simd: false });
    assert.equal(simd.build, 'simd');  // Node 20 has WebAssembly SIMD
    assert.equal(plain.build, 'plain');
    const bundle = trickyBundle(7, 400);
    const bytes = new TextEncoder().encode(JSON.stringify(bundle));
    assert.equal(simd.load(bytes).count, 400);
    assert.equal(plain.load(bytes).count, 400);
    for (const p of bundle.papers) {
      assert.deepEqual(simd.paper(p.id), plain.paper(p.id), p.id);
      assert.equal(simd.paper(p.id).abstract ?? '', p.abstract, p.id);
    }
    // Every word of the collection and a prefix of each: the same papers in the same order,
    // and as many as the matching rule written again here counts.
    const words = new Set(bundle.papers.flatMap((p) => foldedWords(`${p.title} ${p.abstract}`)));
    let checked = 0;
    for (const word of words) {
      for (const query of [word, word.slice(0, 3)]) {
        const a = simd.search(query, -1), b = plain.search(query, -1);
        assert.deepEqual(a, b, `"${query}"`);
        if (checked++ % 7 === 0) assert.equal(a.matched, matchCount(bundle, query), `"${query}"`);
      }
    }
    assert.ok(words.size > 20, `${words.size} words`);
    // A raw control character inside a string is not JSON, wherever it falls in a 16-byte
    // step: both builds refuse it alike, and keep the collection they had.
    for (let at = 0; at < 40; at += 3) {
      const broken = JSON.stringify({ format: 'paperscope-bundle', version: 1, papers: [
        { id: 'x', title: 'T', abstract: 'a'.repeat(at) + '@@' + 'b'.repeat(40) }] }).replace('@@', '\n\t');
      const a = simd.load(new TextEncoder().encode(broken));
      assert.equal(a.ok, false, `control character at ${at}`);
      assert.deepEqual(a, plain.load(new TextEncoder().encode(broken)));
    }
    assert.equal(simd.search('', 0).matched, 400);
    simd.dispose();
    plain.dispose();

    // A site without the SIMD file falls back to the plain build.
    const bare = fs.mkdtempSync(path.join(top, 'build/test-generated/core-'));
    for (const file of ['paperscope-core.mjs', 'paperscope-core-wasm.mjs', 'paperscope-core-wasm.wasm'])
      fs.copyFileSync(path.join(site, file), path.join(bare, file));
    const { default: createBare } = await import(pathToFileURL(path.join(bare, 'paperscope-core.mjs')).href);
    const fallback = await createBare();
    assert.equal(fallback.build, 'plain');
    assert.equal(fallback.load(bytes).count, 400);
    fallback.dispose();
    fs.rmSync(bare, { recursive: true });
  });

  test('in plain Node it loads a bundle and answers searches', async ({ top }) => {
    const file = path.join(top, 'assets/papers.json');
    const bundle = loadBundle(file);
    const { default: createCore } = await import(pathToFileURL(path.join(top, 'build/site/paperscope-core.mjs')).href);
    const core = await createCore();
    assert.deepEqual(core.load(new Uint8Array(fs.readFileSync(file))),
      { ok: true, count: bundle.papers.length, error: null });

    // Automatic order: relevance while there is text, else newest first.
    core.search('learn');
    assert.equal(core.sort(), 'relevance');
    core.search('');
    assert.equal(core.sort(), 'date-desc');
    core.setSort('date-desc');  // then every query's ids can be checked against the dates

    const order = dateOrder(bundle);
    const byId = new Map(bundle.papers.map((p) => [p.id, p]));
    let nonEmpty = 0;
    for (const query of QUERIES) {
      const expected = matchCount(bundle, query);
      const { matched, ids, queryError, corrections } = core.search(query, 5);
      assert.equal(matched, expected, `matched for "${query}"`);
      assert.equal(queryError, null);
      assert.deepEqual(corrections, []);
      assert.equal(ids.length, Math.min(5, expected), `ids for "${query}"`);
      // The first five matches, in the display order worked out here.
      const want = order.filter((id) => matches(byId.get(id), query)).slice(0, 5);
      assert.deepEqual(ids, want, `ids for "${query}"`);
      if (expected > 0 && expected < bundle.papers.length) nonEmpty++;
    }
    assert.ok(nonEmpty >= 3, 'most queries narrow the collection without emptying it');
    assert.equal(core.search('learn', -1).ids.length, matchCount(bundle, 'learn'));

    // A typo falls back to the words one edit away, and says so; a query that does not
    // parse says where and keeps the last results.
    const typo = core.search('transfromer');
    assert.deepEqual(typo.corrections.map((c) => c.typed), ['transfromer']);
    assert.equal(typo.matched, matchCount(bundle, 'transformer'));
    assert.ok(typo.matched > 0);
    const broken = core.search('(learn');
    assert.match(broken.queryError, /column 1/);
    assert.equal(broken.matched, typo.matched);

    const first = core.search('', 1).ids[0];
    assert.equal(core.paper(first).title, byId.get(first).title);
    assert.equal(core.paper('no such id'), null);
    core.setSort('date-asc');
    assert.equal(core.search('', 1).ids[0], order.filter((id) => byId.get(id).date).at(-1));
    assert.throws(() => core.setSort('sideways'), /unknown sort order/);
    core.setSort('auto');
    assert.equal(core.sort(), 'date-desc');

    // A broken bundle is refused with its place, and the collection stays.
    const bad = new TextEncoder().encode('{"format":"paperscope-bundle","version":1,"papers":[{"title":5}]}');
    const refused = core.load(bad);
    assert.equal(refused.ok, false);
    assert.match(refused.error, /\$\.papers\[0\]\.title: expected a string/);
    assert.equal(core.search('', 0).matched, bundle.papers.length);

    // Accents in the text: a collection written here, counted by the reference rule.
    const names = { format: 'paperscope-bundle', version: 1, papers: [
      { id: 'a', title: 'Über Łukasz', authors: ['Zoë Müller'] },
      { id: 'b', title: 'Muller and Lukasz', authors: ['Søren Weiß'] },
      { id: 'c', title: 'Mueller', authors: ['José'] } ] };
    assert.equal(core.load(new TextEncoder().encode(JSON.stringify(names))).count, 3);
    for (const query of ['müller', 'muller', 'łukasz', 'weiss', 'soren', 'uber', 'jose']) {
      assert.equal(core.search(query).matched, matchCount(names, query), `"${query}"`);
    }
    assert.deepEqual(foldedWords('Weiß'), ['weiss']);
    core.dispose();
    assert.throws(() => core.search('x'), /disposed/);
  });

  test('facetCounts follow the last search and related finds similar papers', async ({ top }) => {
    const file = path.join(top, 'tests/data/tagged.json');
    const bundle = loadBundle(file);
    const { default: createCore } = await import(pathToFileURL(path.join(top, 'build/site/paperscope-core.mjs')).href);
    const core = await createCore();
    assert.equal(core.load(fs.readFileSync(file)).count, bundle.papers.length);
    const fields = ['tag', 'venue', 'year', 'has-code'];

    // Before any search: the whole collection.
    for (const field of fields) {
      const want = expectedFacet(bundle.papers, field);
      assert.ok(want.length > 0, `the fixture has ${field} values`);
      assert.deepEqual(core.facetCounts(field), want, field);
    }
    // Under a word query and under a field query: the matching papers only.
    const attention = bundle.papers.filter((p) => matches(p, 'attention'));
    assert.ok(attention.length > 0 && attention.length < bundle.papers.length);
    core.search('attention', 0);
    for (const field of fields) {
      assert.deepEqual(core.facetCounts(field), expectedFacet(attention, field), `${field} under "attention"`);
    }
    const neurips = bundle.papers.filter((p) => p.venue === 'NeurIPS 2023');
    assert.ok(neurips.length > 0);
    assert.equal(core.search('venue:"NeurIPS 2023"', 0).matched, neurips.length);
    assert.deepEqual(core.facetCounts('tag'), expectedFacet(neurips, 'tag'));
    assert.deepEqual(core.facetCounts('venue'), [{ value: 'NeurIPS 2023', count: neurips.length }]);
    core.search('zzqx', 0);
    assert.deepEqual(core.facetCounts('tag'), []);
    assert.equal(core.facetCounts('colour'), null);

    // Related: k distinct other papers of the collection, best first (a shorter list is the
    // start of a longer one); nothing for an unknown id.
    const ids = new Set(bundle.papers.map((p) => p.id));
    const id = bundle.papers[3].id;
    const related = core.related(id, 10);
    assert.equal(related.length, 10);
    assert.ok(!related.includes(id));
    assert.equal(new Set(related).size, 10);
    assert.ok(related.every((r) => ids.has(r)));
    assert.deepEqual(core.related(id, 3), related.slice(0, 3));
    assert.equal(core.related(id).length, 10);  // k defaults to 10
    assert.deepEqual(core.related('no such id', 5), []);
    assert.deepEqual(core.related(id, 0), []);
    core.dispose();
  });

  test('in a page it fetches its .wasm and answers the same', async ({ browser, baseUrl, top }) => {
    const bundle = loadBundle(path.join(top, 'assets/papers.json'));
    const page = await browser.newPage();
    await page.goto(baseUrl + 'style.css');  // any page of the site: same origin as the module
    const answers = await page.evaluate(async (queries) => {
      const { default: createCore } = await import('/paperscope-core.mjs');
      const core = await createCore();
      const bytes = new Uint8Array(await (await fetch('/papers.json')).arrayBuffer());
      const loaded = core.load(bytes);
      return { loaded, build: core.build, counts: queries.map((q) => core.search(q, 3).matched) };
    }, QUERIES);
    assert.deepEqual(answers.loaded, { ok: true, count: bundle.papers.length, error: null });
    assert.equal(answers.build, 'simd');  // Chromium has WebAssembly SIMD
    assert.deepEqual(answers.counts, QUERIES.map((q) => matchCount(bundle, q)));
  });
}
