// tools/bench --import: opening the same synthetic collection in each format Paperscope
// imports against opening it as a bundle (issue 4: a 100k-paper Hugging Face or arXiv file
// in at most twice the bundle's time). Writes the seeded collection (generate.mjs) as a
// bundle and in the shapes of shapes.mjs, converts each import with `paperscope convert`
// (the same collection as a bundle: what its import keeps), then times, alternating the
// files so the machine's load falls on all of them alike:
//   native read  bench_native --read-only: bytes → collection (ps::import_collection)
//   native open  bench_native: bytes → searchable (ps_core_load: read, index, first list)
//   wasm open    engine.mjs paperscope: core.load(bytes) in paperscope-core.mjs under Node
// All three detect the format from the bytes, through the loader the page and the CLI use.
// Prints one line per file (median of the runs, and the ratio to its bundle), then a
// Markdown table; writes build/bench/results-import-N.{md,json}.
//   node import.mjs [--papers N] [--seed S] [--runs N] [--shapes hf,arxiv,s2,csl]
//                   [--no-wasm] [--out DIR] [--from results-import-N.json]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { SHAPES } from './shapes.mjs';
import { optionReader } from './args.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '../../..');
const args = process.argv.slice(2);
const option = optionReader(args);
const papers = Number(option('--papers', 100000));
const seed = Number(option('--seed', 1));
const runs = Number(option('--runs', 3));  // with --from, what the file says
const shapes = option('--shapes', 'hf,arxiv,s2,csl').split(',').filter(Boolean);
const withWasm = !args.includes('--no-wasm');
const outDir = path.resolve(option('--out', path.join(top, 'build/bench')));
const say = (s) => process.stderr.write(`${s}\n`);
for (const s of shapes) {
  if (!SHAPES[s] || s === 'bundle') {
    say(`unknown shape ${s}; one of ${Object.keys(SHAPES).filter((k) => k !== 'bundle').join(', ')}`);
    process.exit(2);
  }
}
const cli = path.join(top, 'build/native/paperscope');
const benchNative = path.join(top, 'build/native/bench_native');
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);

// [SECTION] The files: generated, converted, timed

function measureAll() {
  fs.mkdirSync(outDir, { recursive: true });
  function generated(shape) {
    const suffix = shape === 'bundle' ? '' : `-${shape}`;
    const file = path.join(outDir, `papers-s${seed}-${papers}${suffix}.${SHAPES[shape].extension}`);
    // Regenerated when the shape's writer changed since.
    if (mtime(file) < (shape === 'bundle' ? 1 : mtime(path.join(here, 'shapes.mjs')))) {
      const t = performance.now();
      say(`generating ${papers} papers (seed ${seed}) as ${SHAPES[shape].label} → ${path.relative(top, file)}`);
      generate({ papers, seed, out: file, shape });
      say(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    return file;
  }
  function converted(file) {
    const out = file.replace(/\.jsonl?$/, '.bundle.json');
    if (mtime(out) < Math.max(mtime(cli), mtime(file))) {
      say(`converting ${path.basename(file)} → ${path.basename(out)} (paperscope convert)`);
      const run = spawnSync(cli, ['convert', file, '-o', out], { encoding: 'utf8' });
      if (run.status !== 0) {
        say(run.stderr);
        process.exit(1);
      }
    }
    return out;
  }

  const rows = [{ key: 'bundle', label: 'the generator\'s bundle', file: generated('bundle') }];
  for (const shape of shapes) {
    const file = generated(shape);
    rows.push({ key: shape, label: SHAPES[shape].label, file, bundleOf: null });
    rows.push({ key: `${shape}-bundle`, label: 'the same as a bundle', file: converted(file), bundleOf: shape });
  }

  const queriesJson = path.join(here, 'queries.json');
  const queriesTxt = path.join(outDir, 'queries.txt');
  fs.writeFileSync(queriesTxt, JSON.parse(fs.readFileSync(queriesJson, 'utf8')).map((s) => s.query).join('\n') + '\n');

  // One process, its first event of `kind` ({ms, count}).
  function measure(command, argv, kind) {
    const run = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 24 });
    const events = run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const event = events.find((e) => e.event === kind);
    if (run.status !== 0 || !event) {
      const why = events.find((e) => e.event === 'error')?.message || run.stderr.trim().split('\n').slice(-2).join(' | ');
      throw new Error(`${path.basename(command)} ${argv.join(' ')}: ${why}`);
    }
    return event;
  }
  const MEASURES = {
    nativeRead: (file) => measure(benchNative, ['--read-only', file], 'read'),
    nativeOpen: (file) => measure(benchNative, [file, queriesTxt, '--rounds', '0'], 'load'),
    wasmOpen: (file) => measure(process.execPath, ['--expose-gc', path.join(here, 'engine.mjs'), 'paperscope', file,
      queriesJson, '--rounds', '0'], 'load'),
  };
  const measures = Object.keys(MEASURES).filter((m) => withWasm || m !== 'wasmOpen');
  for (const row of rows) {
    row.bytes = fs.statSync(row.file).size;
    for (const m of measures) row[m] = [];
  }
  const loadAverages = [];
  for (let run = 0; run < runs; run++) {
    for (const row of rows) {
      for (const m of measures) {
        const event = MEASURES[m](row.file);
        row[m].push(event.ms);
        row.count = event.count;
      }
      say(`run ${run + 1}/${runs} ${row.label.padEnd(24)} ${measures.map((m) => `${m} ${Math.round(row[m][run])} ms`).join(', ')}`);
    }
    loadAverages.push(os.loadavg()[0]);
  }
  return { rows, measures, loadAverages, date: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
}

// [SECTION] Report

const HEADS = { nativeRead: 'native read', nativeOpen: 'native open', wasmOpen: 'wasm open' };
const best = (list) => Math.min(...list);
const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;

// The best of the runs is the headline (other work on a shared machine only ever adds time);
// the median is shown beside it.
function report({ rows, measures, runs, loadAverages, date }) {
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  const ratio = (row, m, of = best) => {
    const bundle = byKey[`${row.key}-bundle`];
    return bundle ? of(row[m]) / of(bundle[m]) : null;
  };
  const lines = rows.map((row) => {
    const times = measures.map((m) => `${HEADS[m]} ${seconds(best(row[m]))} (${seconds(median(row[m]))})`).join(', ');
    const ratios = ratio(row, measures[0]) === null ? ''
      : `; against its bundle ${measures.map((m) => `${ratio(row, m).toFixed(2)}× (${ratio(row, m, median).toFixed(2)}×)`).join(', ')}`;
    return `${row.label.padEnd(24)} ${String(row.count).padStart(7)} papers ${mb(row.bytes).padStart(7)}: ${times}${ratios}`;
  });
  const table = [
    `| input | papers | size | ${measures.map((m) => HEADS[m]).join(' | ')} | × its bundle (${measures.map((m) => HEADS[m]).join(' / ')}) |`,
    `|---|---:|---:|${measures.map(() => '---:').join('|')}|---:|`,
    ...rows.map((row) => `| ${row.label} | ${row.count.toLocaleString('en-US')} | ${mb(row.bytes)} | ${
      measures.map((m) => seconds(best(row[m]))).join(' | ')} | ${
      ratio(row, measures[0]) === null ? '' : measures.map((m) => `${ratio(row, m).toFixed(2)}×`).join(' / ')} |`),
  ];
  // Issue 4's target: opening a Hugging Face or arXiv file (native and wasm) in at most twice
  // its bundle's time. Reading alone, and the other formats, are reported beside it.
  const worstOf = (keys, ms) => rows.filter((row) => keys.includes(row.key) && byKey[`${row.key}-bundle`])
    .flatMap((row) => ms.filter((m) => measures.includes(m)).map((m) => ({ row, m, r: ratio(row, m) })))
    .reduce((a, b) => (b.r > a.r ? b : a), { r: 0 });
  const worstLine = (label, w) => (w.row ? `${label}: the slowest is ${w.row.label}, ${HEADS[w.m]}, ${w.r.toFixed(2)}× its bundle` : null);
  const target = worstOf(['hf', 'arxiv'], ['nativeOpen', 'wasmOpen']);
  const verdict = [
    target.row ? `${worstLine('issue 4 (HF or arXiv opened in at most 2× the bundle\'s time)', target)}: ${target.r <= 2 ? 'met' : 'not met'}` : null,
    worstLine('reading alone (native, no index)', worstOf(['hf', 'arxiv'], ['nativeRead'])),
    worstLine('the other formats (every measure)', worstOf(['s2', 'csl'], measures)),
  ].filter(Boolean).join('\n');
  const context = `${date}, ${os.cpus().length} cores, Node ${process.version}; best of ${runs} runs (median in parentheses); ` +
    `1-minute load average after each run ${loadAverages.map((l) => l.toFixed(1)).join(', ')}`;
  return [context, '', ...lines, '', verdict, '', ...table, ''].join('\n');
}

// --from: the report again from a results JSON, without measuring.
const from = option('--from', null);
const result = from ? JSON.parse(fs.readFileSync(from, 'utf8')) : { ...measureAll(), runs };
const { rows, loadAverages } = result;
const measures = result.measures || Object.keys(HEADS).filter((m) => Array.isArray(rows[0][m]));
const date = result.date || result.context.split(',')[0];
const text = report({ rows, measures, runs: result.runs, loadAverages, date });
process.stdout.write(text);
if (!from) {
  fs.writeFileSync(path.join(outDir, `results-import-${papers}.md`), text);
  fs.writeFileSync(path.join(outDir, `results-import-${papers}.json`), JSON.stringify({
    papers, seed, runs, date, measures, loadAverages,
    rows: rows.map(({ file, ...row }) => ({ file: path.relative(top, file), ...row })),
  }, null, 1));
}
