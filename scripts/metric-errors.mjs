// The metric errors of the last `node scripts/eval.mjs news`, passage by
// passage: its text, each missed gold metric with the nearest predictions
// and what they get wrong, and each false positive, as
// `indicator | value | period | direction basis amount`. Read it to find the
// classes of errors, not single sentences to fit.
//
//   node scripts/metric-errors.mjs [CN|TW|HK|passage-id]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, lines, readText, root } from './lib/common.mjs';

const details = join(root, 'target', 'eval', 'news-details.json');
if (!existsSync(details)) {
  console.error('metric-errors: run `node scripts/eval.mjs news` first.');
  process.exit(2);
}
const { passages } = JSON.parse(readFileSync(details, 'utf8'));
const texts = Object.fromEntries(lines(readText(join(fixturesDir, 'news', 'dev.jsonl'))).map((l) => {
  const passage = JSON.parse(l);
  return [passage.id, passage.text];
}));
const show = (m) => [m.indicator, m.value, m.period ?? '-',
  m.change ? [m.change.direction, m.change.basis, m.change.value].filter((x) => x !== undefined).join(' ') : '-'].join(' | ');
const only = process.argv[2];
for (const { id, region, metrics: { missed, falsePositives } } of passages) {
  if ((only && only !== region && only !== id) || (!missed.length && !falsePositives.length)) continue;
  console.log(`\n### ${id}\n${texts[id]}`);
  for (const { gold, nearest } of missed) {
    console.log(`  missed  ${show(gold)}`);
    for (const n of nearest) console.log(`          nearest: ${show(n)}  [wrong: ${n.wrong.join(', ')}]`);
  }
  for (const m of falsePositives) console.log(`  false   ${show(m)}`);
}
