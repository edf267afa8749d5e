// tools/bench --million: a million synthetic papers as a chunked collection from a static
// host (issue 10). Generates the bundle (cached in build/bench), converts it with
// `paperscope convert --chunked` (again whenever the converter is newer), then measures:
//   native   bench_chunked: the resident part read, hashed and decoded, keystrokes, papers
//   wasm     the same built for Node (bench_chunked_wasm): the core's own cost in wasm
//   page     headless Chromium opening the manifest URL (million_page.mjs)
// and prints one summary line per measure (the page's where it ran; the others otherwise),
// then writes build/bench/results-million.{md,json}.
//   node million.mjs [--papers N] [--seed S] [--rounds N] [--no-browser] [--out DIR]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { optionReader } from './args.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '../../..');
const args = process.argv.slice(2);
const option = optionReader(args);
const papers = Number(option('--papers', 1000000));
const seed = Number(option('--seed', 1));
const rounds = Number(option('--rounds', 3));
const withBrowser = !args.includes('--no-browser');
const outDir = path.resolve(option('--out', path.join(top, 'build/bench')));
const say = (s) => process.stderr.write(`${s}\n`);
const elapsed = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

// [SECTION] The collection: generated, converted
fs.mkdirSync(outDir, { recursive: true });
const bundle = path.join(outDir, `papers-s${seed}-${papers}.json`);
if (!fs.existsSync(bundle)) {
  const t = performance.now();
  say(`generating ${papers} papers (seed ${seed}) → ${path.relative(top, bundle)}`);
  generate({ papers, seed, out: bundle });
  say(`  done in ${elapsed(t)}`);
}
const chunked = path.join(outDir, `chunked-s${seed}-${papers}`);
const cli = path.join(top, 'build/native/paperscope');
const manifestPath = path.join(chunked, 'manifest.json');
const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);
let convert = null;
if (mtime(manifestPath) < Math.max(mtime(cli), mtime(bundle))) {
  const t = performance.now();
  say(`converting → ${path.relative(top, chunked)}/ (paperscope convert --chunked)`);
  const run = spawnSync('/usr/bin/time', ['-f', 'peak RSS %M KB', cli, 'convert', bundle, '--chunked', chunked],
    { encoding: 'utf8' });
  if (run.status !== 0) {
    say(run.stderr);
    process.exit(1);
  }
  const peak = Number((run.stderr.match(/peak RSS (\d+) KB/) || [])[1] || 0);
  convert = { ms: performance.now() - t, peakRssMB: Math.round(peak / 1024), log: run.stderr.trim() };
  say(`  ${run.stderr.trim().split('\n').slice(1, 3).join('\n  ')}\n  in ${elapsed(t)}, peak RSS ${convert.peakRssMB} MB`);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const chunkBytes = manifest.chunks.reduce((n, c) => n + c[2], 0);
const manifestBytes = fs.statSync(manifestPath).size;

// [SECTION] Native and wasm (Node): the core's own costs
const scriptsPath = path.join(here, 'queries.json');
const scripts = JSON.parse(fs.readFileSync(scriptsPath, 'utf8'));
const scriptsTxt = path.join(outDir, 'queries.txt');
fs.writeFileSync(scriptsTxt, scripts.map((s) => s.query).join('\n') + '\n');

function runLines(command, argv) {
  const run = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const events = (run.stdout || '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const error = events.find((e) => e.event === 'error');
  if (run.status !== 0 || error) return { status: `failed: ${error ? error.message : (run.stderr || '').trim().slice(-300)}`, events };
  return { status: 'ok', events };
}
const benchArgs = [manifestPath, scriptsTxt, '--rounds', String(rounds), '--papers', '20'];
say('native: bench_chunked');
const native = runLines(path.join(top, 'build/native/bench_chunked'), benchArgs);
const wasmJs = path.join(top, 'build/wasm/bench_chunked_wasm.js');
let wasm = { status: 'not built (cmake --build --preset wasm --target bench_chunked_wasm)', events: [] };
if (fs.existsSync(wasmJs)) {
  say('wasm in Node: bench_chunked_wasm');
  wasm = runLines(process.execPath, ['--no-experimental-fetch', wasmJs, ...benchArgs]);
}

// [SECTION] The page
let page = { status: 'skipped (--no-browser)' };
if (withBrowser) {
  const playwright = path.join(top, 'tests/browser/node_modules/playwright-core');
  if (!fs.existsSync(playwright)) page = { status: 'skipped: tests/browser has no node_modules (tools/test installs them)' };
  else if (!fs.existsSync(path.join(top, 'build/site/paperscope.wasm'))) page = { status: 'skipped: no build/site (cmake --build --preset wasm)' };
  else {
    say('page: headless Chromium');
    const run = spawnSync(process.execPath, [path.join(here, 'million_page.mjs'), chunked, scriptsPath,
      '--rounds', String(rounds), '--papers', '10'], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 1800000 });
    const line = (run.stdout || '').split('\n').find((l) => l.startsWith('{'));
    page = run.status === 0 && line ? { status: 'ok', ...JSON.parse(line) }
      : { status: `failed (exit ${run.status ?? run.signal}): ${(run.stderr || '').trim().split('\n').slice(-3).join(' | ').slice(0, 400)}` };
  }
}

// [SECTION] Summary
const pct = (list, q) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : null;
};
const ms = (v) => (v == null ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const mb = (v) => (v == null ? '–' : `${(v / 1e6).toFixed(1)} MB`);
const keyLine = (keys) => {
  const t = keys.map((k) => k.ms);
  return `p50 ${ms(pct(t, 0.5))}, p95 ${ms(pct(t, 0.95))}, p99 ${ms(pct(t, 0.99))}, max ${ms(pct(t, 1))} over ${t.length} keystrokes`;
};
const coreSummary = (run) => {
  const open = run.events.find((e) => e.event === 'open');
  const keys = run.events.filter((e) => e.event === 'key');
  const opened = run.events.filter((e) => e.event === 'paper');
  return { open, keys, opened };
};
const n = coreSummary(native);
const w = coreSummary(wasm);
const lines = [];
const line = (label, text) => lines.push(`${label.padEnd(30)} ${text}`);
line('collection', `${papers.toLocaleString('en-US')} papers (${mb(fs.statSync(bundle).size)} bundle): manifest ` +
  `${(manifestBytes / 1e3).toFixed(0)} KB, resident part ${mb(manifest.resident.bytes)}, ${manifest.chunks.length} chunks of ` +
  `${mb(chunkBytes)} in all (${(chunkBytes / manifest.chunks.length / 1e3).toFixed(0)} KB each)`);
if (convert) line('convert --chunked', `${ms(convert.ms)}, peak RSS ${convert.peakRssMB} MB`);
const missing = [];
if (page.status === 'ok') {
  const f = page.first;
  line('first usable frame (page)', `${ms(f.ms)} from navigation (resident part fetched ${ms(f.resident?.fetchStart)}–` +
    `${ms(f.resident?.responseEnd)}); longest main-thread block before it ${ms(f.longestBlockMs)}`);
  line('bytes before it (page)', `${mb(f.bytes)} in ${f.files} files (collection ${mb(f.collectionBytes)}: manifest + resident part)`);
  line('per keystroke (page)', `${keyLine(page.keys)}; key event to the frame showing its results`);
  const frames = page.keys.map((k) => k.frameMs);
  line('  its frame\'s work (page)', `p50 ${ms(pct(frames, 0.5))}, p99 ${ms(pct(frames, 0.99))}, max ${ms(pct(frames, 1))}`);
  line('wasm memory (page)', `${mb(f.memory?.heapBytes)} after the first frame, ${mb(page.end.memory?.heapBytes)} at the end ` +
    `(malloc'd ${mb(page.end.memory?.usedBytes)})`);
  const opened = page.papers.filter((p) => p.ms != null);
  line('opening a paper (page)', `${mb(pct(opened.map((p) => p.bytes), 0.5))} fetched (its chunk), ${ms(pct(opened.map((p) => p.ms), 0.5))} ` +
    `median, ${ms(pct(opened.map((p) => p.ms), 1))} max until a frame shows its abstract (${opened.length} papers in chunks not yet here)`);
} else {
  missing.push(`page: ${page.status}`);
}
for (const [label, s, run] of [['wasm, Node', w, wasm], ['native', n, native]]) {
  if (run.status !== 'ok' || !s.open) {
    missing.push(`${label}: ${run.status}`);
    continue;
  }
  const o = s.open;
  line(`open (${label})`, `read ${ms(o.readMs)}, XXH64 ${ms(o.hashMs)}, decode ${ms(o.decodeMs)} (longest slice ${ms(o.longestSliceMs)}); ` +
    `hash + decode + first list ${ms(o.firstListMs)}`);
  line(`  decode by section (${label})`, Object.entries(o.sections).filter(([k]) => k && k !== 'HEAD')
    .map(([k, v]) => `${k.trim()} ${v.toFixed(0)}`).join(', ') + ' ms');
  line(`memory (${label})`, `store ${o.memory.storeMB.toFixed(0)} MB + index ${o.memory.indexMB.toFixed(0)} MB; ` +
    `peak RSS ${o.memory.peakRssMB.toFixed(0)} MB`);
  line(`per keystroke (${label})`, keyLine(s.keys) + ' (search and results, no drawing)');
  line(`opening a paper (${label})`, `${mb(pct(s.opened.map((p) => p.chunkBytes), 0.5))} chunk, ` +
    `${ms(pct(s.opened.map((p) => p.ms), 0.5))} median to read, check and attach it (${s.opened.length} papers)`);
}
const text = lines.join('\n') + (missing.length ? `\nnot measured: ${missing.join('; ')}` : '');
console.log(text);
const machine = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), nproc: os.cpus().length, loadAverage: os.loadavg(),
  chromium: spawnSync('chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() || null };
const base = path.join(outDir, `results-million-${papers}`);
fs.writeFileSync(`${base}.md`, `${machine.date}, ${machine.nproc} cores, load average ${machine.loadAverage.map((v) => v.toFixed(1)).join(' ')}\n\n` +
  '```\n' + text + '\n```\n');
fs.writeFileSync(`${base}.json`, JSON.stringify({ machine, papers, seed, rounds, manifest: { resident: manifest.resident, chunks: manifest.chunks.length, chunkBytes, manifestBytes },
  convert, native, wasm, page }, null, 1));
say(`results: ${path.relative(top, base)}.md and .json`);
