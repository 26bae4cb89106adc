// Type-checked by tests/js/robustness.test.mjs (`tsc --noEmit --strict`):
// the CommonJS entry, `require('zhlens')`, as the README shows it.
import zhlens = require('zhlens');
import type { Token, Figure } from 'zhlens';

async function main(): Promise<void> {
  await zhlens.init();
  await zhlens.default();
  const tokens: Token[] = zhlens.segment('園區完成規模工業總產值');
  const figures: Figure[] = zhlens.analyze('增长5%', { referenceDate: '2025-09-15' }).figures;
  const converted: string = zhlens.convert('头发', 's2t');
  console.log(tokens.length, figures.length, converted, zhlens.maxLength());
  // @ts-expect-error text must be a string
  zhlens.segment(42);
}
void main();
