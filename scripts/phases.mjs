// CPU milliseconds of one call on 1 MB of SIGHAN text, for comparing two
// builds of the package (issue 12's "no more than 10% slower"): `segment`,
// `analyze` with figures only, with entities or metrics added, and in full,
// each the minimum of RUNS calls after one warm-up, for the Simplified (PKU + MSR test) and the
// Traditional (CityU + AS test) text. Run it alternately on the two package
// folders and compare within one round:
//   node scripts/phases.mjs pkg [RUNS]
//   node scripts/phases.mjs /path/to/older/pkg [RUNS]
// (builds older than the `region` option take `referenceDate` alike.)
import { join, resolve } from 'node:path';
import { newsMegabyte } from './lib/common.mjs';

const [dir = 'pkg', runsArg = '5'] = process.argv.slice(2);
const zhlens = await import(join(resolve(dir), 'zhlens.js'));
await zhlens.default();

const texts = {
  simplified: newsMegabyte('simplified').text,
  traditional: newsMegabyte('traditional').text,
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
