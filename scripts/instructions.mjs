// Instructions of one call of the built package on 1 MB of SIGHAN text,
// counted by callgrind: unlike CPU time, the count does not move when the
// machine is busy, so two builds compare on a shared machine too. Needs
// valgrind (`apt-get install valgrind`).
//
//   node scripts/instructions.mjs PKGDIR [simplified|traditional] [analyze|segment]
//
// V8 runs the wasm under valgrind with its optimizing compiler only
// (--no-liftoff) and on one thread, so the code counted is the same in every
// run. Each count is a process that loads the package and makes one warm-up
// call, then either no more calls or two: half the difference is one call,
// JavaScript's share (arguments, result objects) included. Builds older than
// the `region` option take `referenceDate` alike.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newsMegabyte } from './lib/common.mjs';

const [dir, script = 'simplified', call = 'analyze', child] = process.argv.slice(2);

if (child !== undefined) {
  const zhlens = await import(join(resolve(dir), 'zhlens.js'));
  await zhlens.default();
  const { text } = newsMegabyte(script);
  const run = call === 'segment' ? () => zhlens.segment(text) : () => zhlens.analyze(text, { referenceDate: '2025-09-15' });
  for (let i = 0; i <= Number(child); i += 1) run();
} else {
  if (dir === undefined || !['simplified', 'traditional'].includes(script) || !['analyze', 'segment'].includes(call)) {
    throw new Error('usage: node scripts/instructions.mjs PKGDIR [simplified|traditional] [analyze|segment]');
  }
  const count = (calls) => {
    const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file',
      process.execPath, '--no-liftoff', '--single-threaded', fileURLToPath(import.meta.url), dir, script, call, String(calls)];
    const run = spawnSync('valgrind', args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (run.error !== undefined || run.status !== 0) {
      throw new Error(`valgrind failed (is it installed?): ${run.error?.message ?? run.stderr}`);
    }
    const output = run.stderr;
    const refs = /I\s+refs:\s+([\d,]+)/.exec(output);
    if (refs === null) throw new Error(`no instruction count in valgrind's output:\n${output}`);
    return Number(refs[1].replaceAll(',', ''));
  };
  const perCall = (count(2) - count(0)) / 2;
  console.log(`${dir} ${script} ${call}: ${(perCall / 1e6).toFixed(0)} M instructions per call`);
}
