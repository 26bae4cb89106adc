// Segmentation and script-conversion throughput of the built package (pkg/)
// and its peers, all in one Node process; load times in fresh child
// processes; download sizes.
//
//   node scripts/bench.mjs [--budget SECONDS] [--runs N] [--only segmentation|conversion|figures|scale]
//
// Texts: ~1 MB (UTF-8) of Simplified news (the SIGHAN 2005 PKU + MSR test
// inputs) and ~1 MB of Traditional news (CityU + AS test inputs), from
// ../shared/corpora. Each variant is warmed up once, then the variants are run
// round-robin (so machine noise hits them alike) until each has `--runs` runs
// or has used `--budget` seconds; the median run gives MB/s (10^6 bytes of
// UTF-8 input per second). Compare ratios from one run, not absolute numbers
// across machines or runs. Conversion: zhlens `convert(text, config)` against
// opencc-js 1.4.2 (`Converter({ from, to })`) and simplecc-wasm 1.1.1
// (`simplecc(text, config)`) for s2t and s2twp on the Simplified text and t2s
// on the Traditional text, the same way. The closing "Issue targets" section
// prints every ratio issue 15's targets name, with PASS or FAIL.
// Figures: (a) the cost of figure extraction, zhlens analyze(text) against
// segment(text) on the seed article (../shared/fixtures/seed/article.txt,
// SEED_REPEAT calls per run) and on the Simplified text; (b) zhlens against
// Recognizers-Text JS 1.3.1 on the inputs of the Recognizers-Text cases that
// `npm run eval` scores (scripts/lib/figures.mjs): zhlens analyze (and
// numbers, once exported) on each input, against the peer's number,
// percentage, ordinal, currency, dimension, temperature and age recognizers
// on each input. Both with FIGURES_BUDGET seconds per variant. (c) metrics'
// share of analyze on each megabyte, in rounds of four calls (metricsShare).
// Writes target/bench/bench.json.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { corporaDir, machine, median, newsMegabyte, readText, rel, requireDir, root, table, writeJson } from './lib/common.mjs';
import { loadJiebaWasm, loadNodeRsJieba, loadZhlens, wordSegmenter } from './lib/systems.mjs';

const args = process.argv.slice(2);
const numberArg = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const BUDGET_SECONDS = numberArg('--budget', 6);
const MAX_RUNS = numberArg('--runs', 9);
const MIN_RUNS = 3;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const runs = (section) => ONLY === null || ONLY === section;
const CHILD_RUNS = 5;

const SEED_REPEAT = 100;
const FIGURES_BUDGET = Math.min(BUDGET_SECONDS, 2);
// The overhead ratios compare runs of a tenth of a second: more of them,
// round-robin, keep one disturbed run from moving a median.
const OVERHEAD_RUNS = Math.max(MAX_RUNS, 25);
const OVERHEAD_BUDGET = 5;
const ANALYZE_TARGET = 1.5; // analyze with figures only ≤ 1.5 × segment time
const ENTITIES_METRICS_TARGET = 0.3; // entities and metrics ≤ 30% of the whole analyze time (seed)
const METRICS_TARGET = 0.1; // metrics ≤ 10% of analyze time on 1 MB of news (issue 13)
const METRICS_ROUNDS = 61;
const RECOGNIZERS_TARGET = 50; // zhlens ≥ 50 × faster than Recognizers-Text JS
const REFERENCE_DATE = '2025-09-15';
const sighan = join(corporaDir, 'sighan2005');
requireDir(sighan, 'bench');
if (!existsSync(join(root, 'pkg', 'zhlens.js'))) {
  console.error('bench: pkg/ is not built; run `npm run build` first.');
  process.exit(2);
}

/** `newsMegabyte` with the sizes the report prints. */
function newsText(script) {
  const { text, lines: out, sources } = newsMegabyte(script);
  return { text, lines: out, bytes: Buffer.byteLength(text), chars: text.length, sources };
}

const texts = {
  simplified: newsText('simplified'),
  traditional: newsText('traditional'),
};

const zhlens = await loadZhlens();
const jieba = await loadJiebaWasm();
const nodeRs = await loadNodeRsJieba();
const intl = wordSegmenter();

const eachLine = (f) => (t) => {
  let n = 0;
  for (const line of t.lines) n += f(line).length;
  return n;
};

// `fn(textObject)` returns a token count (a checksum, and it keeps the work observable).
const VARIANTS = [
  { id: 'zhlens', label: 'zhlens segment(text)', feed: 'whole', fn: (t) => zhlens.segment(t.text).length },
  { id: 'zhlens-lines', label: 'zhlens segment(line)', feed: 'lines', fn: eachLine((l) => zhlens.segment(l)) },
  { id: 'zhlens-hmm', label: 'zhlens segment(text, {hmm:true})', feed: 'whole', fn: (t) => zhlens.segment(t.text, { hmm: true }).length },
  { id: 'jieba-wasm-tokenize', label: "jieba-wasm tokenize(text, 'default') (hmm default: true)", feed: 'whole', fn: (t) => jieba.tokenize(t.text, 'default').length },
  { id: 'jieba-wasm-tokenize-nohmm', label: "jieba-wasm tokenize(text, 'default', false)", feed: 'whole', fn: (t) => jieba.tokenize(t.text, 'default', false).length },
  { id: 'jieba-wasm-tokenize-lines', label: "jieba-wasm tokenize(line, 'default')", feed: 'lines', fn: eachLine((l) => jieba.tokenize(l, 'default')) },
  { id: 'jieba-wasm-cut', label: 'jieba-wasm cut(text) (hmm default: true)', feed: 'whole', fn: (t) => jieba.cut(t.text).length },
  { id: 'jieba-wasm-cut-nohmm', label: 'jieba-wasm cut(text, false)', feed: 'whole', fn: (t) => jieba.cut(t.text, false).length },
  { id: 'node-rs-jieba', label: '@node-rs/jieba cut(text) (native; hmm default: false)', feed: 'whole', fn: (t) => nodeRs.cut(t.text).length },
  { id: 'node-rs-jieba-hmm', label: '@node-rs/jieba cut(text, true)', feed: 'whole', fn: (t) => nodeRs.cut(t.text, true).length },
  { id: 'intl-lines', label: "Intl.Segmenter('zh', word), line by line", feed: 'lines', fn: eachLine((l) => Array.from(intl.segment(l))) },
];

/** Ratios printed and recorded: [numerator, denominator]. */
const RATIOS = [
  ['zhlens', 'jieba-wasm-tokenize'],
  ['zhlens', 'jieba-wasm-tokenize-nohmm'],
  ['zhlens-lines', 'jieba-wasm-tokenize-lines'],
  ['zhlens', 'jieba-wasm-cut'],
  ['zhlens', 'jieba-wasm-cut-nohmm'],
  ['zhlens', 'node-rs-jieba'],
  ['zhlens-hmm', 'node-rs-jieba-hmm'],
  ['zhlens-lines', 'intl-lines'],
];
/** Segmentation targets, in both scripts: zhlens MB/s ÷ the peer's MB/s ≥ minimum. */
const SEGMENTATION_TARGETS = [
  { numerator: 'zhlens', denominator: 'jieba-wasm-tokenize', minimum: 10 },
  { numerator: 'zhlens', denominator: 'node-rs-jieba', minimum: 1.5 },
];

// Script conversion: each config on the text in its input script; `fn` returns the output's length.
const require = createRequire(join(root, 'package.json'));
const OpenCC = require('opencc-js');
const { simplecc } = require('simplecc-wasm');
const CONVERSIONS = [
  { config: 's2t', text: 'simplified', openccJs: { from: 'cn', to: 't' } },
  { config: 't2s', text: 'traditional', openccJs: { from: 't', to: 'cn' } },
  { config: 's2twp', text: 'simplified', openccJs: { from: 'cn', to: 'twp' } },
];
/** Conversion targets, for each config: zhlens MB/s ÷ the peer's MB/s ≥ minimum. */
const CONVERSION_TARGETS = [
  { peer: 'opencc-js', minimum: 5 },
  { peer: 'simplecc-wasm', minimum: 1.5 },
];
const INIT_TARGET_MS = 150;

function conversionThroughput() {
  const out = {};
  for (const { config, text, openccJs } of CONVERSIONS) {
    const converter = OpenCC.Converter(openccJs);
    const variants = [
      { id: 'zhlens', label: `zhlens convert(text, '${config}')`, feed: 'whole', fn: (t) => zhlens.convert(t.text, config).length },
      { id: 'opencc-js', label: `opencc-js Converter(${JSON.stringify(openccJs)})(text)`, feed: 'whole', fn: (t) => converter(t.text).length },
      { id: 'simplecc-wasm', label: `simplecc-wasm simplecc(text, '${config}')`, feed: 'whole', fn: (t) => simplecc(t.text, config).length },
    ];
    out[config] = { text, ...throughput(text, variants, CONVERSION_TARGETS.map(({ peer }) => ['zhlens', peer])) };
  }
  return out;
}

function throughput(textName, variants = VARIANTS, ratios = RATIOS, budget = BUDGET_SECONDS, maxRuns = MAX_RUNS) {
  const t = typeof textName === 'string' ? texts[textName] : textName;
  const state = variants.map((v) => ({ v, times: [], spent: 0, tokens: 0 }));
  for (const s of state) s.tokens = s.v.fn(t); // warm-up (and jieba's lazy dictionary load)
  for (let round = 0; round < maxRuns; round++) {
    for (const s of state) {
      if (s.times.length >= MIN_RUNS && s.spent >= budget) continue;
      const t0 = performance.now();
      s.v.fn(t);
      const seconds = (performance.now() - t0) / 1000;
      s.times.push(seconds);
      s.spent += seconds;
    }
  }
  const results = {};
  for (const s of state) {
    const seconds = median(s.times);
    results[s.v.id] = {
      label: s.v.label, feed: s.v.feed, tokens: s.tokens, runs: s.times.length,
      medianSeconds: round(seconds, 4), minSeconds: round(Math.min(...s.times), 4),
      MBps: round(t.bytes / 1e6 / seconds, 2),
    };
  }
  const ratioValues = Object.fromEntries(ratios.map(([a, b]) => [`${a} / ${b}`, round(results[a].MBps / results[b].MBps, 2)]));
  return { bytes: t.bytes, chars: t.chars, lines: t.lines.length, sources: t.sources, results, ratios: ratioValues };
}

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Runs `code` (an ES module printing one JSON line) in fresh Node processes; medians of each field. */
function childTimes(code) {
  const samples = [];
  for (let i = 0; i < CHILD_RUNS; i++) {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
    samples.push({ ...JSON.parse(out.trim().split('\n').pop()), process: performance.now() - t0 });
  }
  return Object.fromEntries(Object.keys(samples[0]).map((k) => [k, round(median(samples.map((s) => s[k])), 1)]));
}

function loadTimes() {
  const url = (path) => JSON.stringify(pathToFileURL(path).href);
  const sample = JSON.stringify('今年1至7月，园区完成规模工业总产值218.8亿元。');
  return {
    zhlens: childTimes(`
      const t0 = performance.now();
      const m = await import(${url(join(root, 'pkg', 'zhlens.js'))});
      const t1 = performance.now();
      await m.default();
      const t2 = performance.now();
      m.segment(${sample});
      const t3 = performance.now();
      m.convert(${sample}, 's2t');
      const t4 = performance.now();
      console.log(JSON.stringify({ import: t1 - t0, init: t2 - t1, firstCall: t3 - t2, total: t3 - t0, firstConvert: t4 - t3 }));`),
    'jieba-wasm': childTimes(`
      const t0 = performance.now();
      const m = await import(${url(require.resolve('jieba-wasm'))});
      const t1 = performance.now();
      m.cut(${sample});
      const t2 = performance.now();
      console.log(JSON.stringify({ import: t1 - t0, firstCall: t2 - t1, total: t2 - t0 }));`),
    'node-rs-jieba': childTimes(`
      const t0 = performance.now();
      const { Jieba } = await import(${url(require.resolve('@node-rs/jieba'))});
      const { dict } = await import(${url(require.resolve('@node-rs/jieba/dict.js'))});
      const t1 = performance.now();
      const jieba = Jieba.withDict(dict);
      const t2 = performance.now();
      jieba.cut(${sample});
      const t3 = performance.now();
      console.log(JSON.stringify({ import: t1 - t0, withDict: t2 - t1, firstCall: t3 - t2, total: t3 - t0 }));`),
  };
}

function sizes() {
  const measure = (path) => {
    const bytes = readFileSync(path);
    return {
      file: rel(path),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const sum = (files) => ({
    raw: files.reduce((n, f) => n + f.raw, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
    brotli: files.reduce((n, f) => n + f.brotli, 0),
  });
  const zh = ['zhlens.js', 'zhlens_wasm.js', 'zhlens_wasm_bg.wasm'].map((f) => measure(join(root, 'pkg', f)));
  const jw = ['jieba_rs_wasm.js', 'jieba_rs_wasm_bg.wasm'].map((f) => measure(join(root, 'node_modules', 'jieba-wasm', 'pkg', 'web', f)));
  return {
    zhlens: { wasm: zh[2], files: zh, browserDownload: sum(zh) },
    'jieba-wasm (web build, for comparison)': { wasm: jw[1], files: jw, browserDownload: sum(jw) },
  };
}

const started = performance.now();
console.log(`machine: ${JSON.stringify(machine())}`);
console.log(`budget per variant: ${BUDGET_SECONDS} s, up to ${MAX_RUNS} runs (at least ${MIN_RUNS}), after one warm-up run`);

const report = { machine: machine(), budgetSeconds: BUDGET_SECONDS, maxRuns: MAX_RUNS, throughput: {} };
for (const name of runs('segmentation') ? Object.keys(texts) : []) {
  const r = throughput(name);
  report.throughput[name] = r;
  console.log(`\n== ${name}: ${(r.bytes / 1e6).toFixed(2)} MB UTF-8, ${r.chars} UTF-16 units, ${r.lines} lines (${r.sources.join(' + ')}) ==`);
  console.log(table(['variant', 'feed', 'MB/s', 'median s', 'runs', 'tokens'],
    Object.entries(r.results).map(([id, x]) => [id, x.feed, x.MBps.toFixed(2), x.medianSeconds.toFixed(3), x.runs, x.tokens])));
  console.log('\nratios (MB/s ÷ MB/s):');
  for (const [k, v] of Object.entries(r.ratios)) console.log(`  ${k.padEnd(52)} ${v.toFixed(2)}×`);
}

report.conversion = runs('conversion') ? conversionThroughput() : {};
if (runs('conversion')) console.log('\n== script conversion: zhlens convert vs opencc-js 1.4.2 and simplecc-wasm 1.1.1 (MB/s of UTF-8 input) ==');
if (runs('conversion')) console.log(table(['config', 'text', 'MB', 'zhlens MB/s', 'opencc-js MB/s', 'simplecc-wasm MB/s', '÷ opencc-js', '÷ simplecc-wasm'],
  Object.entries(report.conversion).map(([config, r]) => [config, r.text, (r.bytes / 1e6).toFixed(2),
    ...['zhlens', 'opencc-js', 'simplecc-wasm'].map((id) => r.results[id].MBps.toFixed(2)),
    ...CONVERSION_TARGETS.map(({ peer }) => `${r.ratios[`zhlens / ${peer}`].toFixed(2)}×`)])));

/**
 * What metrics add to analyze on a megabyte, as a user pays it (the rules and
 * the JSON that carries them): analyze against analyze(text, { metrics:
 * false }) in rounds of four calls, with, without, without, with (ABBA), so
 * that a slow stretch of the machine, or the garbage one call leaves to the
 * next, falls on both sides alike; a round's share is 1 − its two times
 * without ÷ its two with, and the result the median of the rounds.
 * Medians of separate round-robin runs moved by ±4 points from run to run,
 * and single pairs by as much within a run.
 */
function metricsShare(t) {
  const call = (metrics) => {
    const t0 = performance.now();
    zhlens.analyze(t.text, { referenceDate: REFERENCE_DATE, metrics });
    return performance.now() - t0;
  };
  call(true);
  call(false);
  const shares = [];
  const times = { on: [], off: [] };
  for (let round = 0; round < METRICS_ROUNDS; round++) {
    const first = call(true);
    const second = call(false);
    const third = call(false);
    const fourth = call(true);
    times.on.push(first, fourth);
    times.off.push(second, third);
    shares.push(1 - (second + third) / (first + fourth));
  }
  const sorted = [...shares].sort((a, b) => a - b);
  const share = round(median(shares), 3);
  return {
    bytes: t.bytes, sources: t.sources, rounds: METRICS_ROUNDS,
    analyzeMs: round(median(times.on), 1), withoutMetricsMs: round(median(times.off), 1),
    share, quartiles: [round(sorted[Math.floor(sorted.length / 4)], 3), round(sorted[Math.floor((3 * sorted.length) / 4)], 3)],
    target: METRICS_TARGET, pass: share <= METRICS_TARGET,
  };
}

/** Figure extraction: analyze vs segment, and zhlens vs Recognizers-Text JS on the Recognizers cases. */
async function figuresBench() {
  const started = performance.now();
  const out = { overhead: {}, recognizers: null };
  const seedPath = join(corporaDir, '..', 'fixtures', 'seed', 'article.txt');
  const overheadTexts = {};
  if (existsSync(seedPath)) {
    const article = readText(seedPath);
    overheadTexts.seed = {
      text: article, lines: Array(SEED_REPEAT).fill(article), bytes: Buffer.byteLength(article) * SEED_REPEAT,
      chars: article.length * SEED_REPEAT, sources: [`seed/article.txt × ${SEED_REPEAT} calls`], repeat: SEED_REPEAT,
    };
  }
  overheadTexts.simplified = { ...texts.simplified, repeat: 1 };
  for (const [name, t] of Object.entries(overheadTexts)) {
    const repeat = (f) => (x) => {
      let n = 0;
      for (let i = 0; i < x.repeat; i++) n += f(x.text);
      return n;
    };
    const figuresOnly = { referenceDate: REFERENCE_DATE, entities: false, metrics: false };
    const variants = [
      { id: 'segment', label: 'zhlens segment(text)', feed: 'whole', fn: repeat((x) => zhlens.segment(x).length) },
      { id: 'figures', label: 'zhlens analyze(text, { entities: false, metrics: false })', feed: 'whole', fn: repeat((x) => zhlens.analyze(x, figuresOnly).figures.length) },
      { id: 'analyze', label: `zhlens analyze(text, { referenceDate: '${REFERENCE_DATE}' })`, feed: 'whole', fn: repeat((x) => zhlens.analyze(x, { referenceDate: REFERENCE_DATE }).figures.length) },
    ];
    const r = throughput(t, variants, [['segment', 'figures'], ['figures', 'analyze']], OVERHEAD_BUDGET, OVERHEAD_RUNS);
    const seconds = (id) => r.results[id].medianSeconds;
    const figuresOverSegment = round(seconds('figures') / seconds('segment'), 2);
    const entitiesMetricsShare = round(1 - seconds('figures') / seconds('analyze'), 3);
    out.overhead[name] = {
      ...r,
      figuresOverSegment,
      analyzeOverSegment: round(seconds('analyze') / seconds('segment'), 2),
      entitiesMetricsShare,
      target: { figuresOverSegment: ANALYZE_TARGET, entitiesMetricsShare: ENTITIES_METRICS_TARGET },
      pass: figuresOverSegment <= ANALYZE_TARGET && entitiesMetricsShare <= ENTITIES_METRICS_TARGET,
    };
  }
  out.metrics = Object.fromEntries(['simplified', 'traditional'].map((name) => [name, metricsShare(texts[name])]));

  const { loadFigureInputs } = await import('./lib/figures.mjs');
  const inputs = loadFigureInputs();
  if (inputs.length) {
    const number = await import('@microsoft/recognizers-text-number');
    const unit = await import('@microsoft/recognizers-text-number-with-unit');
    const c = number.Culture.Chinese;
    const peers = [number.recognizeNumber, number.recognizePercentage, number.recognizeOrdinal,
      unit.recognizeCurrency, unit.recognizeDimension, unit.recognizeTemperature, unit.recognizeAge];
    const hasNumbers = typeof zhlens.numbers === 'function';
    const t = { text: '', lines: inputs, bytes: inputs.reduce((n, x) => n + Buffer.byteLength(x), 0), chars: inputs.reduce((n, x) => n + x.length, 0), sources: ['Recognizers-Text case inputs'] };
    const variants = [
      { id: 'zhlens', label: `zhlens analyze(input)${hasNumbers ? ' + numbers(input)' : ''}`, feed: 'lines', fn: eachLine((x) => {
        const a = zhlens.analyze(x, { referenceDate: REFERENCE_DATE }).figures;
        return hasNumbers ? [...a, ...zhlens.numbers(x)] : a;
      }) },
      { id: 'recognizers', label: 'Recognizers-Text JS: number, percentage, ordinal, currency, dimension, temperature, age', feed: 'lines',
        fn: eachLine((x) => peers.flatMap((recognize) => recognize(x, c))) },
    ];
    const r = throughput(t, variants, [['zhlens', 'recognizers']], FIGURES_BUDGET);
    // From the median times: the inputs are too short for MB/s rounded to 2 decimals.
    const ratio = round(r.results.recognizers.medianSeconds / r.results.zhlens.medianSeconds, 1);
    r.ratios = { 'zhlens / recognizers': ratio };
    out.recognizers = { inputs: inputs.length, ...r, speedup: ratio, target: RECOGNIZERS_TARGET, pass: ratio >= RECOGNIZERS_TARGET };
  }
  out.seconds = round((performance.now() - started) / 1000, 1);
  return out;
}

if (runs('figures')) {
  report.figures = await figuresBench();
  console.log('\n== analyze overhead (median run): figures over segment; entities and metrics share of analyze ==');
  console.log(`  figures only = analyze(text, { entities: false, metrics: false }); targets: figures / segment ≤ ${ANALYZE_TARGET}×, entities + metrics ≤ ${100 * ENTITIES_METRICS_TARGET}% of analyze`);
  const pass = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(table(['text', 'MB per run', 'segment s', 'figures only s', 'analyze s', 'figures / segment', 'entities+metrics share'],
    Object.entries(report.figures.overhead).map(([name, r]) => [
      `${name} (${r.sources.join(' + ')})`, (r.bytes / 1e6).toFixed(2), r.results.segment.medianSeconds.toFixed(3),
      r.results.figures.medianSeconds.toFixed(3), r.results.analyze.medianSeconds.toFixed(3),
      `${r.figuresOverSegment.toFixed(2)}× ${pass(r.figuresOverSegment <= ANALYZE_TARGET)}`,
      `${(100 * r.entitiesMetricsShare).toFixed(1)}% ${pass(r.entitiesMetricsShare <= ENTITIES_METRICS_TARGET)}`])));
  console.log(`\n== metrics share: analyze against analyze(text, { metrics: false }), ${METRICS_ROUNDS} rounds of calls with, without, without, with; target ≤ ${100 * METRICS_TARGET}% (issue 13) ==`);
  console.log(table(['text', 'MB', 'analyze ms', 'metrics: false ms', 'share (median of rounds)', 'quartiles'],
    Object.entries(report.figures.metrics).map(([name, m]) => [
      `${name} (${m.sources.join(' + ')})`, (m.bytes / 1e6).toFixed(2), m.analyzeMs.toFixed(1), m.withoutMetricsMs.toFixed(1),
      `${(100 * m.share).toFixed(1)}% ${pass(m.pass)}`, m.quartiles.map((q) => `${(100 * q).toFixed(1)}%`).join(' – ')])));
  const rr = report.figures.recognizers;
  if (rr) {
    console.log(`\n== figures: zhlens vs Recognizers-Text JS 1.3.1 on the ${rr.inputs} Recognizers-Text case inputs, one input per call (median run) ==`);
    console.log(table(['variant', 'total s', 'ms per input', 'runs'], Object.entries(rr.results).map(([, x]) => [x.label, x.medianSeconds.toFixed(4), (1000 * x.medianSeconds / rr.inputs).toFixed(4), x.runs])));
    console.log(`  zhlens is ${rr.speedup.toFixed(1)}× faster (target ≥ ${rr.target}×: ${rr.pass ? 'PASS' : 'FAIL'})`);
  } else {
    console.log('\nfigures: ../shared/corpora/recognizers-text not found; zhlens vs Recognizers-Text skipped.');
  }
  console.log(`(figures section: ${report.figures.seconds} s)`);
}

/**
 * Scale: analyze() on 1 MB and on 10 MB (the same news, ten times) should take
 * time linear in the size. One warm-up on 10 MB (the wasm memory grows once),
 * then SCALE_RUNS runs of each size, interleaved so that machine noise hits
 * both alike; the fastest run of each (the least disturbed) gives the ratio.
 * Also for the wasm call alone (tokens still packed), which shows how much of
 * the time is building the JS token objects.
 */
async function scaleBench() {
  const SCALE_RUNS = 5;
  const TARGET_RATIO = 11;
  const { analyzePacked } = await import(pathToFileURL(join(root, 'pkg', 'zhlens_wasm.js')));
  const one = texts.simplified.text;
  const ten = Array(10).fill(one).join('\n');
  const options = { referenceDate: '2025-09-15' };
  const variants = {
    'analyze(text)': (text) => zhlens.analyze(text, options).tokens.length,
    'wasm analyzePacked(text) alone': (text) => analyzePacked(text, options)[0].length,
  };
  const out = {};
  for (const [name, fn] of Object.entries(variants)) {
    fn(ten);
    const seconds = { one: [], ten: [] };
    for (let i = 0; i < SCALE_RUNS; i++) {
      for (const [size, text] of [['one', one], ['ten', ten]]) {
        const t0 = performance.now();
        fn(text);
        seconds[size].push((performance.now() - t0) / 1000);
      }
    }
    const oneSeconds = Math.min(...seconds.one);
    const tenSeconds = Math.min(...seconds.ten);
    out[name] = { oneSeconds, tenSeconds, ratio: tenSeconds / oneSeconds, seconds };
  }
  const ratio = out['analyze(text)'].ratio;
  return { oneMB: Buffer.byteLength(one), tenMB: Buffer.byteLength(ten), variants: out, ratio, target: TARGET_RATIO, pass: ratio <= TARGET_RATIO, runs: SCALE_RUNS };
}

if (runs('scale')) {
  report.scale = await scaleBench();
  const r = report.scale;
  console.log(`\n== scale: zhlens on ${(r.oneMB / 1e6).toFixed(2)} MB vs ${(r.tenMB / 1e6).toFixed(2)} MB of Simplified news (fastest of ${r.runs} interleaved runs) ==`);
  console.log(table(['call', '1 MB s', '10 MB s', '10 MB / 1 MB'], Object.entries(r.variants).map(([name, v]) =>
    [name, v.oneSeconds.toFixed(3), v.tenSeconds.toFixed(3), v.ratio.toFixed(2)])));
  console.log(`  analyze 10 MB / 1 MB time ratio ${r.ratio.toFixed(2)} (target ≤ ${r.target}: ${r.pass ? 'PASS' : 'FAIL'})`);
}

console.log(`\n== load time in a fresh Node process (median of ${CHILD_RUNS}, ms) ==`);
report.load = loadTimes();
for (const [id, t] of Object.entries(report.load)) {
  console.log(`  ${id.padEnd(14)} ${Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
}

/** Every target of issue 15 that this run measured: [what, value, target, pass]. */
function issueTargets() {
  const rows = [];
  for (const [name, r] of Object.entries(report.throughput)) {
    for (const { numerator, denominator, minimum } of SEGMENTATION_TARGETS) {
      const ratio = r.ratios[`${numerator} / ${denominator}`];
      rows.push({ what: `segment ${name}: ${numerator} ÷ ${denominator}`, value: ratio, target: `≥ ${minimum}×`, pass: ratio >= minimum });
    }
  }
  for (const [config, r] of Object.entries(report.conversion)) {
    for (const { peer, minimum } of CONVERSION_TARGETS) {
      const ratio = r.ratios[`zhlens / ${peer}`];
      rows.push({ what: `convert ${config}: zhlens ÷ ${peer}`, value: ratio, target: `≥ ${minimum}×`, pass: ratio >= minimum });
    }
  }
  const init = report.load.zhlens.init;
  rows.push({ what: 'zhlens init() in Node, ms (median)', value: init, target: `≤ ${INIT_TARGET_MS} ms`, pass: init <= INIT_TARGET_MS });
  return rows;
}
report.targets = issueTargets();
console.log('\n== Issue targets (information only; ratios are MB/s ÷ MB/s from this run) ==');
console.log(table(['measure', 'value', 'target', ''], report.targets.map((t) => [t.what, t.value.toFixed(2), t.target, t.pass ? 'PASS' : 'FAIL'])));

report.sizes = sizes();
console.log('\n== download size (bytes; gzip -9, brotli 11) ==');
const rows = [];
for (const [id, s] of Object.entries(report.sizes)) {
  for (const f of s.files) rows.push([id, f.file, f.raw, f.gzip, f.brotli]);
  rows.push([id, 'total (what a browser downloads)', s.browserDownload.raw, s.browserDownload.gzip, s.browserDownload.brotli]);
}
console.log(table(['package', 'file', 'raw', 'gzip', 'brotli'], rows));

report.seconds = round((performance.now() - started) / 1000, 1);
const out = join(root, 'target', 'bench', 'bench.json');
writeJson(out, report);
console.log(`\nreport: ${rel(out)}; bench took ${report.seconds} s.`);
