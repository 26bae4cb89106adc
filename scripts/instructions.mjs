// Instructions one call into the package's wasm takes, counted by callgrind
// under Node with the optimizing compiler only (--no-liftoff). The machine's
// load does not move them: two builds compare to about 1%, where timings on
// the shared 2-core machine move by ±20%. Compare builds with this, then
// confirm with `npm run bench`.
//
//   node scripts/instructions.mjs [--pkg DIR] CALL [TEXT]
//
// CALL: segment (the wasm export segmentPacked), analyze (analyzePacked) or
// convert:CONFIG (zhlens.js's convert: how the text crosses into wasm and the
// result back is part of the call). TEXT: simplified (default) or
// traditional, the bench's
// megabytes from ../shared/corpora, or a file. Runs the call once and five
// times, each in a child process under valgrind, and prints (five − one) / 4:
// a call's instructions without the loading. Needs valgrind
// (apt-get install valgrind).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, textOf } from './lib/common.mjs';

const CALLS = 5;
const args = process.argv.slice(2);

/** The package's wasm exports, called `times` times on `source` (the child's work). */
async function child(pkg, call, source, times) {
  const wasm = await import(join(pkg, 'zhlens_wasm.js'));
  const zhlens = await import(join(pkg, 'zhlens.js'));
  await zhlens.default({ wasm: readFileSync(join(pkg, 'zhlens_wasm_bg.wasm')) });
  const text = textOf(source);
  const [name, config] = call.split(':');
  const run = {
    segment: () => wasm.segmentPacked(text, {}),
    analyze: () => wasm.analyzePacked(text, {}),
    convert: () => zhlens.convert(text, config),
  }[name];
  for (let i = 0; i < times; i += 1) run();
}

function count(pkg, call, source, times) {
  const script = fileURLToPath(import.meta.url);
  const result = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--no-liftoff', script, '--child', pkg, call, source, String(times)],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const refs = /I\s+refs:\s+([\d,]+)/.exec(result.stderr ?? '');
  if (result.error || result.status !== 0 || !refs) {
    console.error(`instructions: valgrind failed (${result.error?.message ?? `status ${result.status}`}); install valgrind`);
    console.error((result.stderr ?? '').split('\n').slice(-5).join('\n'));
    process.exit(2);
  }
  return Number(refs[1].replaceAll(',', ''));
}

if (args[0] === '--child') {
  const [, pkg, call, source, times] = args;
  await child(pkg, call, source, Number(times));
} else {
  const pkgAt = args.indexOf('--pkg');
  const pkg = resolve(pkgAt >= 0 ? args.splice(pkgAt, 2)[1] : join(root, 'pkg'));
  const [call, source = 'simplified'] = args;
  if (!/^(segment|analyze|convert:\w+)$/.test(call ?? '')) {
    console.error('usage: node scripts/instructions.mjs [--pkg DIR] segment|analyze|convert:CONFIG [simplified|traditional|FILE]');
    process.exit(2);
  }
  const once = count(pkg, call, source, 1);
  const many = count(pkg, call, source, CALLS);
  const perCall = (many - once) / (CALLS - 1);
  console.log(`${call} on ${source}: ${(perCall / 1e6).toFixed(1)} M instructions per call (${pkg})`);
}
