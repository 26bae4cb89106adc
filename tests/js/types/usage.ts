// Type-checked by tests/js/package.test.mjs (`tsc --noEmit --strict`) against
// the installed package, so the published declarations cannot drift from use.
import init, { segment, maxLength, type Token, type SegmentOptions, type InitOptions } from 'zhlens';

const options: InitOptions = {};
await init(options);
const segmentOptions: SegmentOptions = { hmm: true };
const tokens: Token[] = segment('今年1至7月', segmentOptions);
const first: Token | undefined = tokens[0];
if (first) {
  const text: string = first.text;
  const range: [number, number] = [first.start, first.end];
  const pos: string = first.pos;
  console.log(text, range, pos, maxLength());
}
// @ts-expect-error unknown options are a type error too
segment('x', { hmm: true, colour: 'red' });
// @ts-expect-error text must be a string
segment(42);
