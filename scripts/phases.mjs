// CPU milliseconds of one call on 1 MB of SIGHAN text, for comparing two
// builds of the package (issue 12's "no more than 10% slower"): `segment`,
// `analyze` with figures only, with entities or metrics added, and in full,
// each the minimum of RUNS calls after one warm-up, for the Simplified (PKU + MSR test) and the
// Traditional (CityU + AS test) text. Run it alternately on the two package
// folders and compare within one round:
//   node scripts/phases.mjs pkg [RUNS]
//   node scripts/phases.mjs /path/to/older/pkg [RUNS]
// (builds older than the `region` option take `referenceDate` alike.)
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [dir = 'pkg', runsArg = '5'] = process.argv.slice(2);
const zhlens = await import(join(resolve(dir), 'zhlens.js'));
await zhlens.default();

const sighan = join(root, '..', 'shared', 'corpora', 'sighan2005', 'testing');
function megabyte(files) {
  const lines = files.flatMap((f) => readFileSync(join(sighan, f), 'utf8').split(/\r?\n/).filter((l) => l.trim()));
  const out = [];
  for (let i = 0, bytes = 0; bytes < 1e6; i++) {
    out.push(lines[i % lines.length]);
    bytes += Buffer.byteLength(lines[i % lines.length]) + 1;
  }
  return out.join('\n');
}
const texts = {
  simplified: megabyte(['pku_test.utf8', 'msr_test.utf8']),
  traditional: megabyte(['cityu_test.utf8', 'as_test.utf8']),
};
const referenceDate = '2025-09-15';
const analyze = (entities, metrics) => (t) => zhlens.analyze(t, { referenceDate, entities, metrics });
const calls = {
  segment: (t) => zhlens.segment(t),
  'figures only': analyze(false, false),
  'figures + entities': analyze(true, false),
  'figures + metrics': analyze(false, true),
  analyze: analyze(true, true),
};
const result = {};
for (const [name, text] of Object.entries(texts)) {
  for (const [call, run] of Object.entries(calls)) {
    run(text);
    let best = Infinity;
    for (let i = 0; i < Number(runsArg); i++) {
      const start = process.cpuUsage();
      run(text);
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    result[`${name} ${call}`] = Math.round(best);
  }
}
console.log(JSON.stringify(result));
