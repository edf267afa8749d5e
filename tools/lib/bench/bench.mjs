// tools/bench's driver (tools/bench builds and installs what is missing, then runs this).
// Generates the synthetic collection if it is not cached, runs each engine in its own
// time-boxed, memory-capped Node process (engine.mjs) and the native build (bench_native),
// and prints tables: load and memory, per-keystroke latency, p99 per script, result counts,
// and ratio lines (ours against the best peer).
//
//   node bench.mjs [--quick] [--papers N] [--seed S] [--engines a,b,...] [--timeout SEC]
//                  [--mem-cap MB] [--rounds N] [--limit N] [--out DIR]
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { optionReader } from './args.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const top = path.resolve(here, '../../..');

// [SECTION] Options

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = optionReader(args);
if (flag('-h') || flag('--help')) {
  console.log(`usage: tools/bench [--quick] [options]
  --quick          10,000 papers, at most 30 s per engine and 160 s in all, so the whole
                   run takes under 3 minutes (default: 100,000 papers, 300 s per engine)
  --papers N       another collection size
  --seed S         generator seed (default 1)
  --engines LIST   comma-separated, from: ${ALL_ENGINES().join(', ')}
  --timeout SEC    time box per engine process
  --budget SEC     time box for all engines and the page together (--quick: 160)
  --mem-cap MB     memory cap per engine process (RSS; also V8's heap limit)
  --rounds N       replays of the query scripts (default 3; fewer when the time box is short)
  --limit N        ids asked for per keystroke (default 20)
  --out DIR        where data and results go (default build/bench)
  --no-browser     skip the explorer page's frame times in headless Chromium
tools/bench --million [--papers N] [--seed S] [--rounds N] [--no-browser]
                   a chunked collection from a static host (million.mjs)
tools/bench --import [--papers N] [--seed S] [--runs N] [--shapes hf,arxiv,s2,csl] [--no-wasm]
                   the same collection imported from other formats against as bundles,
                   native and wasm, with the ratio to the bundle (import.mjs)`);
  process.exit(0);
}
function ALL_ENGINES() {  // the quick ones first, so a total budget is spent on the slow ones
  return ['native', 'paperscope', 'scan', 'ufuzzy', 'minisearch', 'orama', 'flexsearch', 'lunr'];
}
const quick = flag('--quick');
const papers = Number(option('--papers', quick ? 10000 : 100000));
const seed = Number(option('--seed', 1));
const timeoutSec = Number(option('--timeout', quick ? 30 : 300));
const budgetSec = Number(option('--budget', quick ? 160 : 0));  // 0: none
const runStarted = performance.now();
const memCapMB = Number(option('--mem-cap', quick ? 3072 : 6144));
const rounds = Number(option('--rounds', 3));
const limit = Number(option('--limit', 20));
const outDir = path.resolve(option('--out', path.join(top, 'build/bench')));
const engines = option('--engines', ALL_ENGINES().join(',')).split(',').filter(Boolean);
const withBrowser = !flag('--no-browser');
for (const e of engines) {
  if (!ALL_ENGINES().includes(e)) {
    console.error(`unknown engine ${e}`);
    process.exit(2);
  }
}

const LABELS = {
  native: 'Paperscope native', paperscope: 'Paperscope wasm', scan: 'plain JS scan',
  minisearch: 'MiniSearch', orama: 'Orama', flexsearch: 'FlexSearch', lunr: 'Lunr', ufuzzy: 'uFuzzy',
};
const PEERS = ['scan', 'minisearch', 'orama', 'flexsearch', 'lunr', 'ufuzzy'];

// [SECTION] Machine and versions

function firstLine(cmd, argv) {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10000 })
      .split('\n')[0].trim();
  } catch {
    return null;
  }
}
function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}
const cpu = (readText('/proc/cpuinfo').match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model;
const memTotalGB = Number((readText('/proc/meminfo').match(/^MemTotal:\s+(\d+)/m) || [])[1] || 0) / 1048576;
const machine = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  nproc: Number(firstLine('nproc', [])) || os.cpus().length,
  cpu,
  memoryGB: Math.round(memTotalGB * 10) / 10,
  loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
  node: process.version,
  emscripten: readText('/usr/share/emscripten/emscripten-version.txt').trim().replace(/"/g, '') || null,
  chromium: firstLine('chromium', ['--version']),
  packages: Object.fromEntries(['minisearch', '@orama/orama', 'flexsearch', 'lunr', '@leeoniya/ufuzzy']
    .map((p) => [p, packageVersion(p)])),
};

// [SECTION] Data and query scripts

fs.mkdirSync(outDir, { recursive: true });
const bundlePath = path.join(outDir, `papers-s${seed}-${papers}.json`);
if (!fs.existsSync(bundlePath)) {
  const started = performance.now();
  process.stderr.write(`generating ${papers} papers (seed ${seed}) → ${path.relative(top, bundlePath)}\n`);
  generate({ papers, seed, out: bundlePath });
  process.stderr.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
const bundleBytes = fs.statSync(bundlePath).size;
const scriptsPath = path.join(here, 'queries.json');
const scripts = JSON.parse(fs.readFileSync(scriptsPath, 'utf8'));
const scriptsTxt = path.join(outDir, 'queries.txt');  // bench_native reads one script per line
fs.writeFileSync(scriptsTxt, scripts.map((s) => s.query).join('\n') + '\n');

// [SECTION] Running one engine in its own process

function rssMB(pid) {
  const m = readText(`/proc/${pid}/status`).match(/^VmRSS:\s+(\d+) kB/m);
  return m ? Number(m[1]) / 1024 : 0;
}

// Seconds this engine may take: its time box, or less when a total budget is running out
// (keeping a few seconds for each engine after it and a minute for the page).
function timeBoxFor(index) {
  if (!budgetSec) return timeoutSec;
  const left = budgetSec - (performance.now() - runStarted) / 1000;
  const reserve = (engines.length - index - 1) * 5 + (withBrowser ? 60 : 0);
  return Math.max(5, Math.min(timeoutSec, Math.floor(left - reserve)));
}

function runEngine(name, boxSec) {
  const native = name === 'native';
  const command = native ? path.join(top, 'build/native/bench_native') : process.execPath;
  const argv = native
    ? [bundlePath, scriptsTxt, '--limit', String(limit), '--rounds', String(rounds)]
    : [`--max-old-space-size=${memCapMB}`, '--expose-gc', path.join(here, 'engine.mjs'), name, bundlePath,
      scriptsPath, '--limit', String(limit), '--rounds', String(rounds), '--budget-ms', String(boxSec * 1000)];
  if (native && !fs.existsSync(command)) {
    return Promise.resolve({ name, status: 'not built (cmake --build --preset native --target bench_native)', events: [] });
  }
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const events = [];
    let stdoutRest = '';
    let stderr = '';
    let killedFor = null;
    let peakRss = 0;
    child.stdout.on('data', (chunk) => {
      const lines = (stdoutRest + chunk).split('\n');
      stdoutRest = lines.pop();
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          events.push(JSON.parse(line));
        } catch {
          stderr += `unparsed: ${line}\n`;
        }
      }
    });
    child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
    const watchdog = setInterval(() => {
      const rss = rssMB(child.pid);
      peakRss = Math.max(peakRss, rss);
      if (rss > memCapMB && !killedFor) {
        killedFor = `out of memory: RSS passed the ${(memCapMB / 1024).toFixed(1)} GB cap`;
        child.kill('SIGKILL');
      }
    }, 100);
    const timer = setTimeout(() => {
      if (!killedFor) {
        killedFor = `timed out after ${boxSec} s`;
        child.kill('SIGKILL');
      }
    }, boxSec * 1000);
    child.on('close', (code, signal) => {
      clearInterval(watchdog);
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      let status = 'ok';
      const loaded = events.some((e) => e.event === 'load');
      const keys = events.filter((e) => e.event === 'key').length;
      const where = loaded ? `after ${keys} keystrokes` : 'while loading';
      if (killedFor) status = `${killedFor} (${where})`;
      else if (/heap out of memory|Allocation failed/i.test(stderr)) status = `out of memory: V8 heap limit ${memCapMB} MB (${where})`;
      else if (events.some((e) => e.event === 'error')) status = `failed: ${events.find((e) => e.event === 'error').message}`;
      else if (code !== 0 || !events.some((e) => e.event === 'done')) {
        status = `failed (exit ${code ?? signal}): ${stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`;
      }
      // Other work on the machine skews every number: keep the 1-minute load average (this
      // engine counts as about 1 of it).
      resolve({ name, status, events, wallMs, peakRssMB: Math.round(peakRss), loadAverage: os.loadavg()[0] });
    });
  });
}

// The explorer page's frame times in headless Chromium (browser_frames.mjs), time-boxed.
function runBrowserFrames() {
  const playwright = path.join(top, 'tests/browser/node_modules/playwright-core');
  if (!fs.existsSync(playwright)) return Promise.resolve({ status: 'skipped: tests/browser has no node_modules (tools/test installs them)' });
  if (!fs.existsSync(path.join(top, 'build/site/paperscope.wasm'))) {
    return Promise.resolve({ status: 'skipped: build/site has no explorer app (cmake --build --preset wasm)' });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(here, 'browser_frames.mjs'), bundlePath],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err = (err + c).slice(-2000); });
    const budget = budgetSec ? Math.max(30, Math.floor(budgetSec - (performance.now() - runStarted) / 1000))
      : Math.max(120, timeoutSec * 2);
    const timer = setTimeout(() => child.kill('SIGKILL'), budget * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code === 0 && line) resolve({ status: 'ok', ...JSON.parse(line) });
      else resolve({ status: `failed (exit ${code}, time box ${budget} s): ${err.trim().split('\n').slice(-2).join(' | ').slice(0, 300)}` });
    });
  });
}

// [SECTION] Statistics

function percentile(sorted, q) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function summarize(run) {
  const load = run.events.find((e) => e.event === 'load');
  const init = run.events.find((e) => e.event === 'init');
  const done = run.events.find((e) => e.event === 'done');
  const keys = run.events.filter((e) => e.event === 'key');
  const sorted = keys.map((k) => k.ms).sort((a, b) => a - b);
  const perScript = scripts.map((_, s) => {
    const ms = keys.filter((k) => k.script === s).map((k) => k.ms).sort((a, b) => a - b);
    return { p99: percentile(ms, 0.99), max: ms.length ? ms[ms.length - 1] : null, n: ms.length };
  });
  // Result counts from the first round: every prefix, and the whole query of each script.
  const counts = scripts.map((script, s) => {
    const chars = Array.from(script.query);
    const typed = keys.filter((k) => k.round === 0 && k.script === s);
    return {
      full: typed.length === chars.length ? typed[typed.length - 1].matched : null,
      prefixes: typed.map((k) => [k.query, k.matched]),
      top: typed.length === chars.length ? typed[typed.length - 1].top : undefined,
    };
  });
  const slowest = keys.reduce((a, k) => (!a || k.ms > a.ms ? k : a), null);
  const m = load?.memory || {};
  return {
    name: run.name,
    label: LABELS[run.name],
    status: run.status,
    wallSec: run.wallMs ? Math.round(run.wallMs / 100) / 10 : null,
    loadAverage: run.loadAverage != null ? Math.round(run.loadAverage * 10) / 10 : null,
    initMs: init?.ms ?? null,
    loadMs: load?.ms ?? null,
    steps: load?.steps || {},
    count: load?.count ?? null,
    memory: m,
    // One comparable number: RSS after load (after a forced GC for the JS engines).
    rssMB: m.rssMB ?? null,
    peakRssMB: Math.max(m.peakRssMB || 0, done?.memory?.peakRssMB || 0, run.peakRssMB || 0) || null,
    keystrokes: keys.length,
    rounds: keys.length ? Math.max(...keys.map((k) => k.round)) + 1 : 0,
    p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
    slowest: slowest ? { query: slowest.query, ms: slowest.ms } : null,
    perScript,
    counts,
    // Every keystroke, for finding the slow ones: [round, script, query, ms, matched].
    keys: keys.map((k) => [k.round, k.script, k.query, Math.round(k.ms * 1000) / 1000, k.matched]),
  };
}

// [SECTION] Tables

const fmtMs = (v) => (v == null ? '–' : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : v >= 100 ? `${Math.round(v)} ms`
  : v >= 10 ? `${v.toFixed(1)} ms` : v >= 1 ? `${v.toFixed(2)} ms` : `${v.toFixed(3)} ms`);
const fmtMB = (v) => (v == null ? '–' : v >= 1024 ? `${(v / 1024).toFixed(2)} GB` : `${Math.round(v)} MB`);
const fmtInt = (v) => (v == null ? '–' : v.toLocaleString('en-US'));

function table(header, rows) {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => [...r[i]].length)));
  const line = (r) => `| ${r.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

function report(results, frames) {
  const out = [];
  const say = (s = '') => out.push(s);
  const keysPerRound = scripts.reduce((n, s) => n + Array.from(s.query).length, 0);
  say(`## ${fmtInt(papers)} papers (${(bundleBytes / 1e6).toFixed(1)} MB bundle, seed ${seed}), ${machine.date}`);
  say();
  say(`Machine: ${machine.nproc} cores (nproc), ${machine.cpu}, ${machine.memoryGB} GB RAM; load average at start ` +
    `${machine.loadAverageAtStart.join(' ')}. Node ${machine.node}, Emscripten ${machine.emscripten}` +
    `${machine.chromium ? `, ${machine.chromium}` : ''}.`);
  say(`Peers: ${Object.entries(machine.packages).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  say(`Each engine in its own process: time box ${timeoutSec} s${budgetSec ? ` (${budgetSec} s for all together)` : ''}, ` +
    `memory cap ${(memCapMB / 1024).toFixed(1)} GB; ` +
    `${scripts.length} query scripts, ${keysPerRound} keystrokes a round, up to ${rounds} rounds, ${limit} ids per keystroke.`);
  say();
  say('### Load (bytes in memory → searchable) and memory');
  say();
  say(table(['engine', 'result', 'load', 'JSON.parse', 'fold', 'index', 'RSS after load', 'JS heap', 'store + index',
    'peak RSS', 'machine load'],
  results.map((r) => [
    r.label, r.status, fmtMs(r.loadMs), fmtMs(r.steps.parseMs), fmtMs(r.steps.foldMs), fmtMs(r.steps.indexMs),
    fmtMB(r.rssMB), fmtMB(r.memory.heapMB),
    r.memory.storeMB != null ? `${fmtMB(r.memory.storeMB)} + ${fmtMB(r.memory.indexMB)}` +
      (r.memory.wasmMB != null ? ` (wasm memory ${fmtMB(r.memory.wasmMB)})` : '') : '–',
    fmtMB(r.peakRssMB), r.loadAverage ?? '–',
  ])));
  say();
  say('load: from bytes in memory to the first query answerable (JS peers: UTF-8 decode, JSON.parse, folding the text of ' +
    'each paper, building the index). Paperscope wasm also spent ' +
    `${fmtMs(results.find((r) => r.name === 'paperscope')?.initMs)} compiling and instantiating its module before that. ` +
    'RSS after a forced GC; peak RSS is the high-water mark of the process. store + index: what the core ' +
    'reports holding (column store and search index); a wasm memory never shrinks, so it stays at the size ' +
    'loading needed (the bytes, the parse, the index build). machine load: the 1-minute load average when the ' +
    'engine finished (the engine itself is about 1 of it; more means other work shared the 2 cores).');
  say();
  say('### Per keystroke');
  say();
  say(table(['engine', 'keystrokes', 'p50', 'p95', 'p99', 'max', 'slowest keystroke'],
    results.map((r) => [r.label, r.keystrokes ? `${r.keystrokes} (${r.rounds} round${r.rounds === 1 ? '' : 's'})` : '–',
      fmtMs(r.p50), fmtMs(r.p95), fmtMs(r.p99), fmtMs(r.max),
      r.slowest ? `"${r.slowest.query}" ${fmtMs(r.slowest.ms)}` : '–'])));
  say();
  say('### p99 per query script (max when fewer than 100 keystrokes)');
  say();
  say(table(['script', 'query', ...results.map((r) => r.label)],
    scripts.map((s, i) => [s.name, `"${s.query}"`, ...results.map((r) => fmtMs(r.perScript[i].p99))])));
  say();
  say('### Result counts (the whole query of each script)');
  say();
  const reference = results.find((r) => r.name === 'scan');
  say(table(['query', ...results.map((r) => r.label)],
    scripts.map((s, i) => [`"${s.query}"`, ...results.map((r) => {
      const v = r.counts[i].full;
      const ref = reference?.counts[i].full;
      return v == null ? '–' : `${fmtInt(v)}${ref != null && v !== ref ? ' ≠' : ''}`;
    })])));
  say();
  say('≠: differs from the plain scan, which applies Paperscope\'s documented matching rule by brute force (every query ' +
    'word starts a word of the title, authors, tags or abstract, folded). The scan has no typo fallback: for a word ' +
    'of five or more letters that matches nothing Paperscope uses the words one edit away (docs/query-language.md, ' +
    '"Typos"), so its counts for a typo differ by design. Counts for every prefix are in the results JSON.');
  say();
  say('### Ours against the best peer');
  say();
  const ours = results.find((r) => r.name === 'paperscope');
  const native = results.find((r) => r.name === 'native');
  const peers = results.filter((r) => PEERS.includes(r.name));
  const measures = [
    ['load', (r) => r.loadMs, fmtMs], ['RSS after load', (r) => r.rssMB, fmtMB],
    ['p50', (r) => r.p50, fmtMs], ['p95', (r) => r.p95, fmtMs], ['p99', (r) => r.p99, fmtMs], ['max', (r) => r.max, fmtMs],
  ];
  for (const [name, get, fmt] of measures) {
    // A peer counts for latency only when it finished its keystrokes.
    const eligible = peers.filter((p) => get(p) != null && (name.startsWith('load') || name.startsWith('RSS') || p.status === 'ok'));
    const best = eligible.reduce((a, p) => (!a || get(p) < get(a) ? p : a), null);
    const line = (who) => {
      if (!who || get(who) == null || !best) return `${who ? who.label : '?'}: –`;
      const ratio = get(best) / get(who);
      const words = ratio >= 1 ? `${ratio.toFixed(ratio >= 10 ? 0 : 1)}× better` : `${(1 / ratio).toFixed(1)}× worse`;
      return `${who.label} ${fmt(get(who))}: ${words}`;
    };
    say(`- ${name}: best peer ${best ? `${best.label} ${fmt(get(best))}` : '–'}; ${line(ours)}${native ? `; ${line(native)}` : ''}`);
  }
  const unfinished = peers.filter((p) => p.status !== 'ok');
  if (unfinished.length) say(`- did not finish: ${unfinished.map((p) => `${p.label} (${p.status})`).join('; ')}`);
  if (frames) {
    say();
    say('### The explorer page in headless Chromium (SwiftShader WebGL)');
    say();
    if (frames.status !== 'ok') {
      say(`Not measured: ${frames.status}`);
    } else {
      say(`${fmtInt(frames.total)} papers opened with ?bundle= in ${fmtMs(frames.pageLoadMs)} (navigation to all papers ` +
        'shown: fetch, incremental load, index). Longest main-thread block while loading: ' +
        `${fmtMs(frames.loadLongestBlockMs)} (${frames.loadLongTasks} tasks over 50 ms; goal: under 200 ms). ` +
        'Main-thread time of each requestAnimationFrame callback:');
      say();
      say(table(['what', 'results shown', 'frames', 'p50', 'p95', 'max'], [
        ['scrolling the list (60 wheel steps)', fmtInt(frames.scroll.shown), frames.scroll.frames,
          fmtMs(frames.scroll.p50), fmtMs(frames.scroll.p95), fmtMs(frames.scroll.max)],
        ['typing "transformer", then deleting it', `${fmtInt(frames.typing.shown)} at the end`, frames.typing.frames,
          fmtMs(frames.typing.p50), fmtMs(frames.typing.p95), fmtMs(frames.typing.max)],
      ]));
      if (frames.facets) {
        say();
        say(`Facet counts (tag, venue, year under 5 queries, ${frames.facets.counts.frames} calls): p50 ` +
          `${fmtMs(frames.facets.counts.p50)}, p95 ${fmtMs(frames.facets.counts.p95)}, max ${fmtMs(frames.facets.counts.max)} (goal 16 ms). ` +
          `Related papers (10 most similar, ${frames.facets.related.frames} selections): p50 ${fmtMs(frames.facets.related.p50)}, ` +
          `p95 ${fmtMs(frames.facets.related.p95)}, max ${fmtMs(frames.facets.related.max)} (goal 50 ms).`);
      }
    }
  }
  return out.join('\n');
}

// [SECTION] Main

process.stderr.write(`tools/bench: ${fmtInt(papers)} papers, engines: ${engines.join(', ')}\n`);
const results = [];
for (const [index, name] of engines.entries()) {
  process.stderr.write(`  ${LABELS[name].padEnd(18)} `);
  const run = await runEngine(name, timeBoxFor(index));
  const s = summarize(run);
  results.push(s);
  process.stderr.write(`${s.status}; load ${fmtMs(s.loadMs)}, p99 ${fmtMs(s.p99)}, ${s.wallSec} s\n`);
}
let frames = null;
if (withBrowser) {
  process.stderr.write(`  ${'explorer page'.padEnd(18)} `);
  frames = await runBrowserFrames();
  process.stderr.write(`${frames.status}${frames.scroll ? `; scroll frame p95 ${fmtMs(frames.scroll.p95)}` : ''}\n`);
}
const text = report(results, frames);
console.log('\n' + text);
const base = path.join(outDir, `results-${papers}`);
fs.writeFileSync(`${base}.md`, text + '\n');
fs.writeFileSync(`${base}.json`, JSON.stringify({ machine, papers, seed, bundleBytes, timeoutSec, budgetSec, memCapMB, rounds, limit, scripts, results, frames }, null, 1));
process.stderr.write(`\nresults: ${path.relative(top, base)}.md and .json\n`);
