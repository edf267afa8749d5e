// Facets and the timeline, driven with the mouse on the tagged fixture; the expected counts
// are computed here from the bundle file.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openExplorer, settle } from './browser.mjs';
import { loadBundle } from './reference.mjs';

const itemRect = (page, name) => page.evaluate((n) => window.paperscope.itemRect(n), name);

// The first and last day a paper's date may mean (yyyymmdd), null when undated.
function dayRange(date) {
  if (!date) return null;
  const [y, m, d] = date.split('-').map(Number);
  const last = (yy, mm) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  if (d) return [y * 10000 + m * 100 + d, y * 10000 + m * 100 + d];
  if (m) return [y * 10000 + m * 100 + 1, y * 10000 + m * 100 + last(y, m)];
  return [y * 10000 + 101, y * 10000 + 1231];
}

export default function (test) {
  test('clicking facet values and brushing the timeline', async ({ browser, baseUrl, top }) => {
    const bundle = loadBundle(path.join(top, 'tests/data/tagged.json'));
    const hasTag = (p, t) => p.tags.some((x) => x.value === t);
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/tagged.json');
    let s = await settle(page);
    assert.equal(s.total, bundle.papers.length);

    // Counts shown are the counts in the file: every venue, each with its count.
    const venues = await page.evaluate(() => window.paperscope.facetCounts('venue'));
    const venueNames = [...new Set(bundle.papers.map((p) => p.venue).filter(Boolean))];
    assert.ok(venueNames.length > 1, 'the fixture has venues');
    assert.deepEqual(venues.map((v) => v.value).sort(), venueNames.sort());
    for (const { value, count } of venues) {
      assert.equal(count, bundle.papers.filter((p) => p.venue === value).length, value);
    }

    // Include cs.CV with a click.
    let rect = await itemRect(page, 'facet:tag:cs.CV');
    await page.mouse.click(rect.x + 20, rect.y + rect.h / 2);
    s = await settle(page);
    let expected = bundle.papers.filter((p) => hasTag(p, 'cs.CV'));
    assert.equal(s.query, 'tag:"cs.CV"');
    assert.equal(s.shown, expected.length);

    // Exclude cs.LG with Alt-click.
    rect = await itemRect(page, 'facet:tag:cs.LG');
    await page.keyboard.down('Alt');
    await page.mouse.click(rect.x + 20, rect.y + rect.h / 2);
    await page.keyboard.up('Alt');
    s = await settle(page);
    expected = expected.filter((p) => !hasTag(p, 'cs.LG'));
    assert.equal(s.query, 'tag:"cs.CV" -tag:"cs.LG"');
    assert.equal(s.shown, expected.length);
    assert.ok(s.shown > 0);

    // Brush the timeline from one bin to another.
    const timeline = await page.evaluate(() => window.paperscope.timeline());
    const n = timeline.labels.length;
    rect = await itemRect(page, 'timeline');
    const x = (bin) => rect.x + (bin + 0.5) * rect.w / n;
    const from = Math.floor(n * 0.45), to = Math.floor(n * 0.8);
    await page.mouse.move(x(from), rect.y + rect.h / 2);
    await page.mouse.down();
    await page.mouse.move(x((from + to) / 2), rect.y + rect.h / 2, { steps: 4 });
    await page.mouse.move(x(to), rect.y + rect.h / 2, { steps: 4 });
    await page.mouse.up();
    s = await settle(page);
    const [fromLabel, toLabel] = [timeline.labels[from], timeline.labels[to]];
    assert.equal(s.query, `tag:"cs.CV" -tag:"cs.LG" date:${fromLabel}..${toLabel}`);
    const lo = dayRange(fromLabel)[0], hi = dayRange(toLabel)[1];
    const inRange = expected.filter((p) => {
      const r = dayRange(p.date);
      return r && r[1] >= lo && r[0] <= hi;
    });
    assert.equal(s.shown, inRange.length);

    // A double-click clears the range; the facets stay.
    await page.mouse.dblclick(x(2), rect.y + rect.h / 2);
    s = await settle(page);
    assert.equal(s.query, 'tag:"cs.CV" -tag:"cs.LG"');
    assert.equal(s.shown, expected.length);
  });

  test('facet counts follow the query and related papers are found', async ({ browser, baseUrl, top }) => {
    const bundle = loadBundle(path.join(top, 'tests/data/tagged.json'));
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/tagged.json');
    await page.evaluate(() => window.paperscope.setQuery('venue:"NeurIPS 2023"'));
    await settle(page);
    const tags = await page.evaluate(() => window.paperscope.facetCounts('tag'));
    const neurips = bundle.papers.filter((p) => p.venue === 'NeurIPS 2023');
    assert.ok(neurips.length > 0 && neurips.length < bundle.papers.length);
    // Every tag of those papers is counted, and only theirs.
    const neuripsTags = [...new Set(neurips.flatMap((p) => p.tags.map((t) => t.value)))];
    assert.ok(neuripsTags.length > 1);
    assert.deepEqual(tags.map((t) => t.value).sort(), neuripsTags.sort());
    for (const { value, count } of tags) {
      assert.equal(count, neurips.filter((p) => p.tags.some((t) => t.value === value)).length, value);
    }
    const years = await page.evaluate(() => window.paperscope.facetCounts('year'));
    assert.equal(years.reduce((a, y) => a + y.count, 0), neurips.filter((p) => p.date).length);
    const id = bundle.papers[3].id;
    const related = await page.evaluate((x) => window.paperscope.related(x, 10), id);
    assert.equal(related.length, 10);
    assert.ok(!related.includes(id));
    assert.equal(new Set(related).size, 10);
  });

  test('your own tags: a facet group with live counts that adds mytag: terms', async ({ browser, baseUrl, top }) => {
    const bundle = loadBundle(path.join(top, 'tests/data/tagged.json'));
    const page = await openExplorer(browser, baseUrl + '?bundle=/fixtures/tagged.json');
    await settle(page);
    assert.deepEqual(await page.evaluate(() => window.paperscope.facetCounts('mytag')), []);
    assert.equal(await itemRect(page, 'facet:mytag:to cite'), null, 'no group before any tag');

    // Tag papers through the reading list: three "to cite" (one written "To Cite", the same
    // tag folded), two "reread".
    const ids = bundle.papers.map((p) => p.id);
    const list = { format: 'paperscope-reading-list', version: 1, papers: {
      [ids[0]]: { tags: ['to cite'] },
      [ids[1]]: { tags: ['to cite', 'reread'] },
      [ids[2]]: { tags: ['To Cite'] },
      [ids[5]]: { tags: ['reread'] },
    } };
    assert.equal(await page.evaluate((json) => window.paperscope.importReadingList(json), JSON.stringify(list)), null);
    let s = await settle(page);
    assert.deepEqual(await page.evaluate(() => window.paperscope.facetCounts('mytag')),
      [{ value: 'to cite', count: 3 }, { value: 'reread', count: 2 }]);

    // The counts follow the query: a venue of which only some tagged papers are.
    const venue = bundle.papers[1].venue;
    assert.ok(venue);
    const tagged = (i) => bundle.papers[i].venue === venue;
    await page.evaluate((v) => window.paperscope.setQuery(`venue:"${v}"`), venue);
    await settle(page);
    const underVenue = [
      { value: 'to cite', count: [0, 1, 2].filter(tagged).length },
      { value: 'reread', count: [1, 5].filter(tagged).length },
    ].filter((v) => v.count > 0).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    assert.deepEqual(await page.evaluate(() => window.paperscope.facetCounts('mytag')), underVenue);

    // The group is drawn; clicking its value adds mytag:"to cite" and shows those papers.
    await page.evaluate(() => window.paperscope.setQuery(''));
    await settle(page);
    const rect = await itemRect(page, 'facet:mytag:to cite');
    assert.ok(rect, 'the "Your tags" group shows "to cite"');
    await page.mouse.click(rect.x + 20, rect.y + rect.h / 2);
    s = await settle(page);
    assert.equal(s.query, 'mytag:"to cite"');
    assert.equal(s.shown, 3);
    assert.deepEqual((await page.evaluate(() => window.paperscope.visibleIds(-1))).sort(),
      [ids[0], ids[1], ids[2]].sort());
    // Clicking it again takes it out.
    await page.mouse.click(rect.x + 20, rect.y + rect.h / 2);
    s = await settle(page);
    assert.equal(s.query, '');
    assert.equal(s.shown, bundle.papers.length);
  });
}
