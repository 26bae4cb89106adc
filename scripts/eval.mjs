// Quality evaluations of the built package (pkg/) against public corpora in
// ../shared/corpora, with peers run in the same process for comparison, and
// against the team's annotated fixtures in ../shared/fixtures.
//
//   node scripts/eval.mjs [name…] [--examples N] [--write-baseline]
//
// Each evaluation writes target/eval/<name>.json. Its gated metrics (zhlens in
// its default configuration) must not fall below eval/baseline.json, or the
// script exits 1. --write-baseline resets those minimums to the measured
// values rounded down to 3 decimals, minus 0.002. --examples N adds the first
// N lines zhlens gets wrong per corpus to the JSON report (news: the first N
// missed gold figures and N false positives per region).
//
// Evaluations: sighan2005 (word segmentation F1), opencc (conversion pass rate
// per OpenCC config on OpenCC's test cases; its gate holds only the configs
// zhlens runs, and eval/baseline.json only the keys it lists), figures (pass
// rate per file on Recognizers-Text's Chinese number and number-with-unit
// specs, JioNLP money and cn2an, zhlens vs Recognizers-Text JS; its gate
// holds the files where zhlens ran), ner (entity P/R/F1 per kind on MSRA and
// People's Daily, zhlens vs jieba's POS tags alone), news (figure, entity and
// metric P/R/F1 per region, CN, TW and HK, on the news development set
// fixtures/news/dev.jsonl as its README scores them; every miss and false
// positive goes to target/eval/news-details.json).
//
// To add an evaluation (Recognizers-Text numbers and dates…), write a module
// like scripts/lib/sighan.mjs that exports `name`, `dataDir`, `available()`,
// `run(options)` returning a report with a `gate` object of metric → value, and
// `print(report)`; then list it in EVALUATIONS. Export `requiresPkg = false`
// if it copes with a missing pkg/ itself.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, rel, root, writeJson } from './lib/common.mjs';
import * as figures from './lib/figures.mjs';
import * as ner from './lib/ner.mjs';
import * as news from './lib/news.mjs';
import * as opencc from './lib/opencc.mjs';
import * as sighan from './lib/sighan.mjs';

const EVALUATIONS = [sighan, opencc, figures, ner, news];
const BASELINE = join(root, 'eval', 'baseline.json');
const SLACK = 0.002;

const args = process.argv.slice(2);
const option = (flag) => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const writeBaseline = args.includes('--write-baseline');
if (writeBaseline) args.splice(args.indexOf('--write-baseline'), 1);
const examples = Number(option('--examples') ?? 0);
const unknown = args.filter((a) => a.startsWith('-') || !EVALUATIONS.some((e) => e.name === a));
if (unknown.length) {
  console.error(`eval: unknown argument(s) ${unknown.join(' ')}; evaluations: ${EVALUATIONS.map((e) => e.name).join(', ')}`);
  process.exit(2);
}
const selected = args.length ? EVALUATIONS.filter((e) => args.includes(e.name)) : EVALUATIONS;

if (selected.some((e) => e.requiresPkg !== false) && !existsSync(join(root, 'pkg', 'zhlens.js'))) {
  console.error('eval: pkg/ is not built; run `npm run build` first.');
  process.exit(2);
}

const baseline = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : {};
const started = performance.now();
const failures = [];
let ran = 0;
console.log(`machine: ${JSON.stringify(machine())}`);

for (const evaluation of EVALUATIONS.filter((e) => selected.includes(e))) {
  if (!evaluation.available()) {
    console.log(`${evaluation.name}: skipped, ${evaluation.dataDir} not found (the shared corpora are not part of the repository).`);
    continue;
  }
  ran++;
  const report = await evaluation.run({ examples });
  report.machine = machine();
  const out = join(root, 'target', 'eval', `${evaluation.name}.json`);
  writeJson(out, report);
  evaluation.print(report);
  console.log(`report: ${rel(out)}`);

  if (writeBaseline) {
    if (Object.keys(report.gate).length === 0) {
      console.log(`baseline: ${evaluation.name} has no gated metric (${report.gated ?? 'zhlens'} did not run); its baseline is left as it was.`);
      continue;
    }
    baseline[evaluation.name] = Object.fromEntries(Object.entries(report.gate).map(([key, value]) =>
      [key, Math.max(0, Math.round((Math.floor(value * 1000 + 1e-9) / 1000 - SLACK) * 1000) / 1000)]));
    continue;
  }
  const minimums = baseline[evaluation.name];
  if (!minimums) {
    console.log(`baseline: none for ${evaluation.name} in ${rel(BASELINE)}; run with --write-baseline to record one.`);
    continue;
  }
  console.log(`\nBaseline gate (${rel(BASELINE)}, ${report.gated ?? 'zhlens'} default configuration):`);
  for (const [key, minimum] of Object.entries(minimums)) {
    const value = report.gate[key];
    const ok = typeof value === 'number' && value >= minimum;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${evaluation.name}/${key}: ${value?.toFixed(4) ?? 'missing'} (minimum ${minimum.toFixed(3)})`);
    if (!ok) failures.push(`${evaluation.name}/${key} = ${value?.toFixed(4) ?? 'missing'} is below the baseline ${minimum.toFixed(3)}`);
  }
}

if (writeBaseline && ran > 0) {
  writeJson(BASELINE, baseline);
  console.log(`\nwrote ${rel(BASELINE)}: ${JSON.stringify(baseline)}`);
}
console.log(`\neval finished in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
if (ran === 0) console.log('No evaluation data found; nothing was checked.');
if (failures.length) {
  console.error(`\neval FAILED: zhlens quality regressed below eval/baseline.json:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
