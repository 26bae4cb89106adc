// OpenCC conversion: exact-match pass rate per OpenCC config on OpenCC's own
// test cases, for zhlens's `convert(text, config)` and two peers run in the
// same process: opencc-js (pure JS, bundled data) and the official OpenCC Node
// binding (npm `opencc`, a native addon; the reference).
//
// Two test sets, each check being one (input, config, expected output):
//   head   ../shared/corpora/opencc-tests/testcases.json (OpenCC HEAD, after
//          1.4.1; 543 checks in 16 configs). The file has a trailing comma that
//          strict JSON rejects; it is removed before parsing.
//   1.1.9  ../shared/corpora/opencc-1.1.9/testcases/<config>.in / .ans (tag
//          ver.1.1.9; 51 checks in 13 configs), compared line by line. The
//          files have no final newline; a final empty line after a last newline
//          would not count as a check (see `lines`), nor would a blank line.
// A check passes when the output equals the expectation exactly. A system that
// cannot express a config is n/a for it; a system that throws fails the check
// (the error is recorded as its output).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corporaDir, lines, readText, root, table } from './common.mjs';

export const name = 'opencc';
const headDir = join(corporaDir, 'opencc-tests');
const v119Dir = join(corporaDir, 'opencc-1.1.9');
export const dataDir = headDir;

/** zhlens's conversion needs pkg/, but this evaluation still runs (zhlens n/a) without it. */
export const requiresPkg = false;

/** OpenCC's configs, in report order. */
export const CONFIGS = [
  's2t', 's2tw', 's2twp', 's2hk', 's2hkp',
  't2s', 'tw2s', 'tw2sp', 'hk2s', 'hk2sp',
  't2tw', 'tw2t', 't2hk', 'hk2t', 't2jp', 'jp2t',
];

/** opencc-js locale pairs (its README's table of OpenCC configs). */
const OPENCC_JS = {
  s2t: ['cn', 't'], t2s: ['t', 'cn'],
  s2tw: ['cn', 'tw'], tw2s: ['tw', 'cn'],
  s2twp: ['cn', 'twp'], tw2sp: ['twp', 'cn'],
  s2hk: ['cn', 'hk'], hk2s: ['hk', 'cn'],
  s2hkp: ['cn', 'hkp'], hk2sp: ['hkp', 'cn'],
  t2tw: ['t', 'tw'], tw2t: ['tw', 't'],
  t2hk: ['t', 'hk'], hk2t: ['hk', 't'],
  t2jp: ['t', 'jp'], jp2t: ['jp', 't'],
};

/** The system whose pass rates the baseline gate checks. */
export const GATED = 'zhlens';
const EXAMPLES = 3; // failures kept per system, set and config

const errorText = (e) => String(e?.message ?? e).split('\n')[0];

/**
 * The systems. Each has `id`, `label`, `error` (why it is n/a everywhere, or
 * null) and `converter(config)`: a function text → text, or null when the
 * system cannot express `config`. It may throw (the config then fails).
 */
async function loadSystems() {
  const systems = [];

  let zhlens = null;
  let zhlensError = null;
  try {
    const path = join(root, 'pkg', 'zhlens.js');
    if (!existsSync(path)) throw new Error('pkg/ is not built');
    const mod = await import(pathToFileURL(path).href);
    await mod.default();
    if (typeof mod.convert === 'function') zhlens = mod;
    else zhlensError = 'convert not built yet';
  } catch (e) {
    zhlensError = `cannot load pkg/zhlens.js: ${errorText(e)}`;
  }
  systems.push({
    id: 'zhlens', label: 'zhlens convert(text, config)', error: zhlensError,
    converter: (config) => (text) => {
      const out = zhlens.convert(text, config);
      // A string; an object with the text (and alignment) is accepted too.
      return typeof out === 'string' ? out : typeof out?.text === 'string' ? out.text : String(out);
    },
  });

  let openccJs = null;
  let openccJsError = null;
  try {
    openccJs = (await import('opencc-js')).default;
  } catch (e) {
    openccJsError = `cannot load opencc-js: ${errorText(e)}`;
  }
  systems.push({
    id: 'opencc-js', label: `opencc-js ${packageVersion('opencc-js')} Converter({ from, to })`, error: openccJsError,
    converter: (config) => {
      const pair = OPENCC_JS[config];
      if (!pair) return null;
      return openccJs.Converter({ from: pair[0], to: pair[1] });
    },
  });

  let official = null;
  let officialError = null;
  try {
    // CommonJS entry: it loads the prebuilt addon (@opencc/opencc-<platform>-<arch>)
    // synchronously, so a missing or incompatible binary throws here.
    ({ OpenCC: official } = createRequire(import.meta.url)('opencc'));
  } catch (e) {
    officialError = `cannot load the opencc native addon: ${errorText(e)}`;
    // The 1.4.2 prebuild is linked against GCC 13's libstdc++ (GLIBCXX_3.4.32);
    // Debian 12 ships GCC 12's (3.4.30), so it does not load there.
    if (/GLIBCXX_/.test(officialError)) officialError = `cannot load the opencc native addon (its prebuild needs a newer libstdc++ than this system's: ${errorText(e).match(/GLIBCXX_[\d.]+/)[0]} not found)`;
  }
  systems.push({
    id: 'opencc', label: `opencc ${packageVersion('opencc')} (official binding) new OpenCC('<config>.json').convertSync`, error: officialError,
    converter: (config) => {
      const converter = new official(`${config}.json`);
      return (text) => converter.convertSync(text);
    },
  });
  return systems;
}

function packageVersion(pkg) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** HEAD testcases.json as checks: { config, id, input, expected }. */
export function loadHead() {
  const raw = readText(join(headDir, 'testcases.json'));
  // One trailing comma (case_055_s2t) makes the file invalid JSON. Dropping a
  // comma before a closing bracket is safe here: none occurs inside a string.
  const data = JSON.parse(raw.replace(/,(\s*[}\]])/g, '$1'));
  const checks = [];
  for (const c of data.cases) {
    for (const [config, expected] of Object.entries(c.expected)) checks.push({ config, id: c.id, input: c.input, expected });
  }
  return checks;
}

/** ver.1.1.9 <config>.in / .ans pairs as checks, one per non-blank line. */
export function loadV119() {
  const dir = join(v119Dir, 'testcases');
  const checks = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.in')).sort()) {
    const config = file.slice(0, -3);
    const input = lines(readText(join(dir, file)));
    const answer = lines(readText(join(dir, `${config}.ans`)));
    if (input.length !== answer.length) throw new Error(`opencc-1.1.9 ${config}: ${input.length} .in lines but ${answer.length} .ans lines`);
    input.forEach((line, k) => {
      if (line.trim() === '' && answer[k].trim() === '') return;
      checks.push({ config, id: `${config}.in:${k + 1}`, input: line, expected: answer[k] });
    });
  }
  return checks;
}

const SETS = [
  { id: 'head', label: 'OpenCC HEAD testcases.json', dir: headDir, load: loadHead },
  { id: '1.1.9', label: 'OpenCC ver.1.1.9 testcases/*.in|.ans', dir: v119Dir, load: loadV119 },
];

const orderConfigs = (configs) => [...new Set(configs)].sort((a, b) => {
  const i = CONFIGS.indexOf(a);
  const j = CONFIGS.indexOf(b);
  return (i < 0 ? 99 : i) - (j < 0 ? 99 : j) || a.localeCompare(b);
});

/** Runs one system on the checks of one config. */
function runConfig(system, config, checks) {
  if (system.error) return { status: 'n/a', total: checks.length };
  let convert;
  try {
    convert = system.converter(config);
  } catch (e) {
    // The system has the config but cannot set it up: every check fails.
    convert = () => { throw e; };
  }
  if (!convert) return { status: 'n/a', total: checks.length };
  const out = { status: 'ran', passed: 0, total: checks.length, errors: 0, examples: [] };
  const t0 = performance.now();
  for (const check of checks) {
    let got;
    try {
      got = convert(check.input);
    } catch (e) {
      got = `<error: ${errorText(e)}>`;
      out.errors++;
    }
    if (got === check.expected) out.passed++;
    else if (out.examples.length < EXAMPLES) out.examples.push({ id: check.id, input: check.input, expected: check.expected, got });
  }
  out.rate = out.total ? out.passed / out.total : 0;
  out.seconds = Math.round((performance.now() - t0) * 1000) / 1e6;
  if (!out.errors) delete out.errors;
  return out;
}

export async function run() {
  const started = performance.now();
  const systems = await loadSystems();
  const sets = {};
  for (const set of SETS) {
    if (!existsSync(set.dir)) {
      sets[set.id] = { label: set.label, data: set.dir, missing: true };
      continue;
    }
    const checks = set.load();
    const configs = orderConfigs(checks.map((c) => c.config));
    const result = { label: set.label, data: set.dir, checks: checks.length, configs: {}, totals: {} };
    for (const config of configs) {
      const subset = checks.filter((c) => c.config === config);
      result.configs[config] = { checks: subset.length, systems: {} };
      for (const system of systems) result.configs[config].systems[system.id] = runConfig(system, config, subset);
    }
    for (const system of systems) {
      const ran = Object.values(result.configs).map((c) => c.systems[system.id]).filter((s) => s.status === 'ran');
      const passed = ran.reduce((n, s) => n + s.passed, 0);
      const total = ran.reduce((n, s) => n + s.total, 0);
      result.totals[system.id] = ran.length
        ? { passed, total, rate: total ? passed / total : 0, configs: ran.length, naConfigs: configs.length - ran.length }
        : { status: 'n/a' };
    }
    sets[set.id] = result;
  }
  const gatedSystem = systems.find((s) => s.id === GATED);
  const gate = {};
  if (!gatedSystem.error) {
    for (const [setId, set] of Object.entries(sets)) {
      for (const [config, c] of Object.entries(set.configs ?? {})) {
        const s = c.systems[GATED];
        if (s.status === 'ran') gate[`${setId}/${config}`] = s.rate;
      }
    }
  }
  return {
    name,
    description: 'OpenCC conversion test cases, exact-match pass rate per config (one check = one input converted with one config); every system fed one input at a time.',
    systems: Object.fromEntries(systems.map((s) => [s.id, s.error ? `${s.label} — n/a: ${s.error}` : s.label])),
    unavailable: Object.fromEntries(systems.filter((s) => s.error).map((s) => [s.id, s.error])),
    gated: GATED,
    gate,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    sets,
  };
}

const cell = (s) => {
  if (!s || s.status === 'n/a') return 'n/a';
  return `${s.passed}/${s.total} ${(100 * s.rate).toFixed(1)}%`;
};

export function print(report) {
  const ids = Object.keys(report.systems);
  console.log('\n== OpenCC conversion (exact-match pass rate per config) ==');
  for (const [id, label] of Object.entries(report.systems)) console.log(`  ${id.padEnd(10)} ${label}`);
  if (report.unavailable.zhlens === 'convert not built yet') console.log('zhlens: convert not built yet');
  for (const [setId, set] of Object.entries(report.sets)) {
    if (set.missing) {
      console.log(`\n${setId}: skipped, ${set.data} not found.`);
      continue;
    }
    console.log(`\n${set.label} (${set.checks} checks):`);
    const rows = Object.entries(set.configs).map(([config, c]) => [config, c.checks, ...ids.map((id) => cell(c.systems[id]))]);
    rows.push(['total', set.checks, ...ids.map((id) => {
      const t = set.totals[id];
      return t.status === 'n/a' ? 'n/a' : `${cell(t)}${t.naConfigs ? ` (${t.naConfigs} configs n/a)` : ''}`;
    })]);
    console.log(table(['config', 'checks', ...ids], rows));
    const errors = ids.flatMap((id) => Object.entries(set.configs)
      .filter(([, c]) => c.systems[id].errors)
      .map(([config, c]) => `${id}/${config}: ${c.systems[id].errors} threw (${c.systems[id].examples[0]?.got})`));
    if (errors.length) console.log(`errors: ${errors.join('; ')}`);
  }
  console.log(`\nOpenCC evaluation took ${report.seconds} s (failure examples: first ${EXAMPLES} per system and config, in the JSON report).`);
}

export const available = () => existsSync(headDir) || existsSync(v119Dir);
