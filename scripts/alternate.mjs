// Times one call of two builds of the package alternating call by call in
// one Node process, so that the machine's load falls on both alike: the
// ratio of their medians (B ÷ A) is what a change did, where two runs of
// `npm run bench` differ by more. Run it in both orders.
//
//   node scripts/alternate.mjs PKG_A PKG_B CALL [TEXT] [ROUNDS]
//
// PKG_A, PKG_B: built packages (copies of pkg/). CALL: segment, analyze or
// convert:CONFIG. TEXT: simplified (default) or traditional, the bench's
// megabytes from ../shared/corpora, or a file. ROUNDS: 41 by default.
import { resolve } from 'node:path';
import { median, textOf } from './lib/common.mjs';
import { loadZhlens } from './lib/systems.mjs';

const [a, b, call, textArg = 'simplified', roundsArg = '41'] = process.argv.slice(2);
if (b === undefined || call === undefined) {
  console.error('usage: node scripts/alternate.mjs PKG_A PKG_B CALL [TEXT] [ROUNDS]');
  process.exit(2);
}
const text = textOf(textArg);
const rounds = Number(roundsArg);

function caller(zhlens) {
  if (call.startsWith('convert:')) return () => zhlens.convert(text, call.slice('convert:'.length));
  if (call === 'segment') return () => zhlens.segment(text);
  if (call === 'analyze') return () => JSON.stringify(zhlens.analyze(text));
  throw new Error(`unknown call ${JSON.stringify(call)}: segment, analyze or convert:CONFIG`);
}

const [runA, runB] = [caller(await loadZhlens(resolve(a))), caller(await loadZhlens(resolve(b)))];
// The first calls build what each needs once (conversion tables); their
// results must agree.
if (JSON.stringify(runA()) !== JSON.stringify(runB())) console.warn('alternate: the two builds give different results');
const times = { a: [], b: [] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
  for (const which of order) {
    const started = process.hrtime.bigint();
    (which === 'a' ? runA : runB)();
    times[which].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const [ma, mb] = [median(times.a), median(times.b)];
console.log(`${call} on ${textArg}: A ${ma.toFixed(2)} ms, B ${mb.toFixed(2)} ms, B ÷ A ${(mb / ma).toFixed(3)} (medians of ${rounds})`);
