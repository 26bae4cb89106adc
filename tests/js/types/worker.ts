// Type-checked by tests/js/robustness.test.mjs (`tsc --noEmit --strict`)
// against the installed package: zhlens/worker as the README shows it.
import { createWorker, type ZhlensWorker, type PackedAnalysis } from 'zhlens/worker';
import type { Analysis, Token, PosTag, ScriptReport, ConvertedWithMap, NumberSpan, Region, TextRange } from 'zhlens';

const worker: ZhlensWorker = createWorker();
await worker.ready;
const analysis: Analysis = await worker.analyze('今年1至7月', { referenceDate: '2025-09-15' });
const token: Token | undefined = analysis.tokens[0];
const pos: PosTag | undefined = token?.pos;
const packed: PackedAnalysis = await worker.analyzePacked('今年', { hmm: true });
const numbers: Uint32Array = packed.tokens;
const tags: readonly PosTag[] = packed.tags;
const report: ScriptReport = await worker.detectScript('園區');
const converted: string = await worker.convert('头发', 's2t');
const mapped: ConvertedWithMap = await worker.convertWithMap('头发', 's2t');
const moved: TextRange = mapped.toOutput(0, 1);
const region: Region = analysis.region;
const words: Token[] = await worker.segment('头发', { hmm: false });
const spans: NumberSpan[] = await worker.numbers('十斤');
const longest: number = await worker.maxLength();
await worker.addWords([{ text: '台積電', kind: 'org' }, { text: '新詞', pos: 'n', freq: 10 }]);
console.log(pos, numbers.length, tags[0], report.script, converted, mapped.map.length, moved.end, region, words.length, spans.length, longest);
// @ts-expect-error configs are OpenCC's names
await worker.convert('x', 'x2y');
createWorker({ url: new URL('./zhlens_worker.js', import.meta.url) });
worker.terminate();
