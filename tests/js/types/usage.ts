// Type-checked by tests/js/package.test.mjs (`tsc --noEmit --strict`) against
// the installed package, so the published declarations cannot drift from use.
import init, {
  segment, maxLength, addWords, convert, convertWithMap, detectScript, analyze, numbers,
  type NumberSpan,
  type Analysis, type Figure, type FigureKind, type Metric, type Entity, type EntityKind, type Region, type Basis,
  type Token, type SegmentOptions, type InitOptions, type Config, type ConvertedWithMap, type ScriptReport, type TextRange,
} from 'zhlens';

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
  addWords([{ text: '台積電', kind: 'org' }]);
}
// @ts-expect-error unknown options are a type error too
segment('x', { hmm: true, colour: 'red' });
// @ts-expect-error text must be a string
segment(42);

const config: Config = 's2twp';
const converted: string = convert('鼠标', config);
const withMap: ConvertedWithMap = convertWithMap('头发', 's2t');
const map: Uint32Array = withMap.map;
const moved: TextRange = withMap.toOutput(0, 2);
const back: TextRange = withMap.toInput(moved.start, moved.end);
console.log(converted, withMap.text, map[0], back.end);
const report: ScriptReport = detectScript('園區');
const script: 'simplified' | 'traditional' | 'mixed' | 'none' = report.script;
console.log(script, report.traditional + report.simplified);
// @ts-expect-error configs are OpenCC's names
convert('x', 'x2y');

const analysis: Analysis = analyze('今年1至7月，总产值218.8亿元', { referenceDate: '2025-09-15', hmm: false });
const figure: Figure | undefined = analysis.figures[0];
if (figure) {
  const kind: FigureKind = figure.kind;
  const value: number | string = figure.value;
  const unit: string | null = figure.unit;
  console.log(kind, value, unit, figure.approx, figure.range, figure.text.length);
}
analyze('今年', { referenceDate: new Date() });
const figuresOnly: Analysis = analyze('今年增长5%', { entities: false, metrics: false });
console.log(figuresOnly.figures.length);
// @ts-expect-error entities is a boolean
analyze('今年', { entities: 'no' });
// @ts-expect-error referenceDate is a string or a Date
analyze('今年', { referenceDate: 20250915 });

const spans: NumberSpan[] = numbers('十斤，三分之一');
const firstSpan: NumberSpan | undefined = spans[0];
if (firstSpan) {
  const n: number = firstSpan.value;
  console.log(firstSpan.text, firstSpan.start, firstSpan.end, n);
}
// @ts-expect-error text must be a string
numbers(42);

const region: Region = analyze('歲出新台幣3,102億元', { region: 'auto' }).region;
// @ts-expect-error regions are CN, TW, HK or auto
analyze('今年', { region: 'MO' });
const metric: Metric | undefined = analysis.metrics[0];
if (metric) {
  const indicator: string = metric.indicator.text;
  const value: Figure = metric.value;
  const period: Figure | undefined = metric.period;
  const direction: 'up' | 'down' | 'flat' | undefined = metric.change?.direction;
  const basis: Basis | undefined = metric.change?.basis;
  const amount: number | undefined = metric.change?.value;
  const amountUnit: string | null | undefined = metric.change?.amount?.unit;
  const contradicted: boolean = metric.change?.contradicted ?? false;
  const earlier: number | undefined = metric.earlier;
  console.log(region, indicator, value.value, period?.text, direction, basis, amount, amountUnit, metric.change?.from?.text, contradicted, earlier);
}

const entity: Entity | undefined = analysis.entities[0];
if (entity) {
  const kind: EntityKind = entity.kind;
  console.log(kind, entity.text, entity.start, entity.end);
}
