// Figures (numbers, percentages, ordinals, ranges, money, quantities): pass
// rates per test file of zhlens against public test suites, with Microsoft
// Recognizers-Text JS 1.3.1 run on the same cases in the same process.
//
// Data (../shared/corpora):
//   recognizers-text/Number/Chinese/{Number,Percent,Ordinal,NumberRange}Model.json
//   recognizers-text/NumberWithUnit/Chinese/{Currency,Dimension,Temperature,Age}Model.json
//     JSON arrays (some with a BOM); Start/End are inclusive UTF-16 offsets;
//     `Results: []` means nothing may be extracted; NotSupported(ByDesign)
//     lists the platforms where Recognizers itself fails the case.
//   jionlp/money_parser.jsonl, jionlp/money_extractor.jsonl (offsets in code points)
//   cn2an/cn2an.jsonl
//
// Scoring of a Recognizers case: it passes when the multiset of extracted
// items equals the expected one, an item being (start, end exclusive, value):
// values compared numerically with a relative tolerance of 1e-9 ("50%" → 50,
// "2.02107211321364E+23" → 2.02107211321364e23, a null value only equals a
// null value); for currency also the ISO code when the expected item has one;
// with `IgnoreResolution` the span alone. `span only` rates compare spans
// without values (information). What counts as an extracted item per file:
//
//   file          zhlens                                              peer (Recognizers-Text JS)
//   Number        numbers(text) when the package exports it, else n/a recognizeNumber
//   Percent       figures of kind percent (unit '%' or 'pp')          recognizePercentage
//   Ordinal       figures of kind ordinal                             recognizeOrdinal
//   NumberRange   figures with `range` → [low, high], and figures     n/a: 1.3.1 has no number-range
//                 with approx over → (value, ∞) / under → (-∞, value) model in JS
//   Currency      figures of kind money (value, unit = ISO code)      recognizeCurrency
//   Dimension     figures of kind quantity whose unit is not a count  recognizeDimension
//                 word, a duration, a temperature or an age (COUNT_
//                 UNITS …); value only (zhlens folds a metric prefix
//                 into the value: 12千米 → 12000 米; Recognizers keeps
//                 12 Kilometer, so those fail on value, not on span)
//   Temperature   quantities with a temperature unit (TEMPERATURE)    recognizeTemperature
//   Age           quantities with unit 岁/歲/周岁, or whose text ends   recognizeAge
//                 in 大 (十个月大, 90天大)
//
// NumberRange intervals ("[20,30)", "(,100]") are compared by their bounds
// only: zhlens's `range` does not say whether an end is included, so "[20,30)"
// and zhlens [20, 30] agree; an empty side must be open on both.
//
// JioNLP money_parser: zhlens analyze(text) must give exactly one money figure
// covering the whole text (surrounding spaces aside) whose value equals the
// expected amount rounded to cents (a range compares its `range`), and whose
// ISO code is the one of JioNLP's `case` (CURRENCIES). money_extractor: the
// money figures' spans equal the expected spans (code points → UTF-16). The
// peer runs recognizeCurrency the same way (it cannot express ranges).
//
// cn2an: each distinct (text, value) of the non-direct positive rows (strict,
// normal, smart: zhlens has no modes and reads numbers leniently, like cn2an's
// smart mode) passes when numbers(text) returns exactly one number covering
// the text with the value; of the error rows only origin `error_smart_datas`
// is used (the strict and normal error lists hold inputs smart mode accepts),
// and passes when no number covers the whole text. Without numbers() zhlens
// is n/a here; `zhlens analyze` rows (figures of any kind instead) are
// information only, never gated.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corporaDir, lines, readText, root, table } from './common.mjs';
import { loadZhlens } from './systems.mjs';

export const name = 'figures';
const recognizersDir = join(corporaDir, 'recognizers-text');
const jionlpDir = join(corporaDir, 'jionlp');
const cn2anDir = join(corporaDir, 'cn2an');
export const dataDir = recognizersDir;
export const GATED = 'zhlens';
const REFERENCE_DATE = '2025-09-15';
const EXAMPLES = 10;
const TOLERANCE = 1e-9;

/** Units that count things (classifiers), durations, temperatures and ages: not dimensions. */
const COUNT_UNITS = new Set(('人 人次 名 位 个 個 家 户 戶 次 件 只 隻 台 臺 辆 輛 所 座 项 項 套 张 張 本 部 条 條 头 頭 架 艘 批 场 場 '
  + '起 例 篇 份 株 棵 种 種 类 類 间 間 层 層 届 屆 期 支 片 款 根 颗 顆 枚 粒 对 對 双 雙 股 笔 筆 宗 票 单 單 处 處 节 節 集 章 '
  + '年 个月 個月 月 周 週 天 日 小时 小時 分钟 分鐘 秒 秒钟 秒鐘 岁 歲 周岁 週歲').split(' '));
const TEMPERATURE = /℃|℉|°|摄氏|攝氏|华氏|華氏|^度$|开尔文|開爾文/;
const AGE_UNIT = /岁|歲/;

const FILES = [
  { id: 'Number', path: 'Number/Chinese/NumberModel.json', peer: 'number' },
  { id: 'Percent', path: 'Number/Chinese/PercentModel.json', peer: 'percent' },
  { id: 'Ordinal', path: 'Number/Chinese/OrdinalModel.json', peer: 'ordinal' },
  { id: 'NumberRange', path: 'Number/Chinese/NumberRangeModel.json', peer: null },
  { id: 'Currency', path: 'NumberWithUnit/Chinese/CurrencyModel.json', peer: 'currency' },
  { id: 'Dimension', path: 'NumberWithUnit/Chinese/DimensionModel.json', peer: 'dimension' },
  { id: 'Temperature', path: 'NumberWithUnit/Chinese/TemperatureModel.json', peer: 'temperature' },
  { id: 'Age', path: 'NumberWithUnit/Chinese/AgeModel.json', peer: 'age' },
];
/** The issue's targets (information): pass rate ≥ 95% on these files, and ≥ the peer on every file. */
const TARGET_95 = ['Number', 'Percent', 'Currency'];

/** JioNLP `case` → ISO 4217. */
const CURRENCIES = {
  元: 'CNY', 人民币: 'CNY', 港元: 'HKD', 港币: 'HKD', 美元: 'USD', 日元: 'JPY', 新台币: 'TWD', 台币: 'TWD',
  泰铢: 'THB', 卢布: 'RUB', 欧元: 'EUR', 澳元: 'AUD', 韩元: 'KRW', 英镑: 'GBP',
};

const errorText = (e) => String(e?.message ?? e).split('\n')[0];

function packageVersion(pkg) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// ---- values and items -------------------------------------------------------

/** A Recognizers value string ("50%", "1E+20", null) as a number, or null. */
function parseValue(v) {
  if (v === null || v === undefined) return null;
  const n = Number(String(v).trim().replace(/%$/, ''));
  return Number.isNaN(n) ? String(v) : n;
}

/** "[20,30)" → { low: 20, high: 30 } (null for an empty side). */
function parseInterval(s) {
  const m = /^\s*[[(]\s*([^,]*?)\s*,\s*([^\])]*?)\s*[\])]\s*$/.exec(String(s));
  if (!m) return { low: String(s), high: String(s) };
  return { low: m[1] === '' ? null : Number(m[1]), high: m[2] === '' ? null : Number(m[2]) };
}

function sameNumber(a, b) {
  if (a === null || b === null || typeof a !== 'number' || typeof b !== 'number') return a === b;
  return a === b || Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function sameItem(expected, got, { spanOnly = false } = {}) {
  if (expected.start !== got.start || expected.end !== got.end) return false;
  if (spanOnly || expected.ignoreValue) return true;
  if ('low' in expected) return sameNumber(expected.low, got.low ?? null) && sameNumber(expected.high, got.high ?? null);
  if (!sameNumber(expected.value, got.value ?? null)) return false;
  return !expected.iso || expected.iso === got.iso;
}

/** Multiset equality of item lists under `sameItem`. */
function sameItems(expected, got, options) {
  if (expected.length !== got.length) return false;
  const used = new Array(got.length).fill(false);
  return expected.every((e) => {
    const k = got.findIndex((g, i) => !used[i] && sameItem(e, g, options));
    if (k < 0) return false;
    used[k] = true;
    return true;
  });
}

const show = (text, items) => items.map((i) => {
  const span = text.slice(i.start, i.end);
  const value = 'low' in i ? `[${i.low ?? ''},${i.high ?? ''}]` : i.value;
  return `${span}@${i.start}-${i.end}=${value}${i.iso ? ` ${i.iso}` : ''}${i.kind ? ` (${i.kind}${i.unit ? ` ${i.unit}` : ''})` : ''}`;
});

// ---- systems ---------------------------------------------------------------

async function loadSystems() {
  let zhlens = null;
  let zhlensError = null;
  try {
    zhlens = await loadZhlens();
    if (typeof zhlens.analyze !== 'function') zhlensError = 'analyze not built yet';
  } catch (e) {
    zhlensError = `cannot load pkg/zhlens.js: ${errorText(e)}`;
  }
  let peer = null;
  let peerError = null;
  try {
    const number = await import('@microsoft/recognizers-text-number');
    const unit = await import('@microsoft/recognizers-text-number-with-unit');
    const culture = number.Culture.Chinese;
    peer = {
      number: (t) => number.recognizeNumber(t, culture),
      percent: (t) => number.recognizePercentage(t, culture),
      ordinal: (t) => number.recognizeOrdinal(t, culture),
      currency: (t) => unit.recognizeCurrency(t, culture),
      dimension: (t) => unit.recognizeDimension(t, culture),
      temperature: (t) => unit.recognizeTemperature(t, culture),
      age: (t) => unit.recognizeAge(t, culture),
    };
  } catch (e) {
    peerError = `cannot load @microsoft/recognizers-text-number(-with-unit): ${errorText(e)}`;
  }
  const hasNumbers = zhlens !== null && typeof zhlens.numbers === 'function';
  return { zhlens, zhlensError, hasNumbers, peer, peerError };
}

const analyzeFigures = (zhlens, text) => zhlens.analyze(text, { referenceDate: REFERENCE_DATE }).figures;
const figureItem = (f, extra = {}) => ({ start: f.start, end: f.end, value: f.value, kind: f.kind, unit: f.unit, ...extra });

/** zhlens's items for a Recognizers file, or null when it cannot run the file. */
function zhlensItems(sys, fileId, text) {
  const { zhlens } = sys;
  if (fileId === 'Number') {
    if (!sys.hasNumbers) return null;
    return zhlens.numbers(text).map((n) => ({ start: n.start, end: n.end, value: n.value }));
  }
  const figures = analyzeFigures(zhlens, text);
  switch (fileId) {
    case 'Percent': return figures.filter((f) => f.kind === 'percent').map((f) => figureItem(f));
    case 'Ordinal': return figures.filter((f) => f.kind === 'ordinal').map((f) => figureItem(f));
    case 'NumberRange': return figures.flatMap((f) => {
      if (Array.isArray(f.range)) return [{ start: f.start, end: f.end, low: f.range[0], high: f.range[1], kind: f.kind }];
      if (f.approx === 'over') return [{ start: f.start, end: f.end, low: f.value, high: null, kind: f.kind }];
      if (f.approx === 'under') return [{ start: f.start, end: f.end, low: null, high: f.value, kind: f.kind }];
      return [];
    });
    case 'Currency': return figures.filter((f) => f.kind === 'money').map((f) => figureItem(f, { iso: f.unit }));
    case 'Dimension': return figures.filter((f) => f.kind === 'quantity' && !COUNT_UNITS.has(f.unit) && !TEMPERATURE.test(f.unit ?? '')
      && !AGE_UNIT.test(f.unit ?? '') && !f.text.endsWith('大')).map((f) => figureItem(f));
    case 'Temperature': return figures.filter((f) => f.kind === 'quantity' && TEMPERATURE.test(f.unit ?? '')).map((f) => figureItem(f));
    case 'Age': return figures.filter((f) => f.kind === 'quantity' && (AGE_UNIT.test(f.unit ?? '') || f.text.endsWith('大'))).map((f) => figureItem(f));
    default: throw new Error(`unknown file ${fileId}`);
  }
}

/** Recognizers-Text results as items (End inclusive → exclusive). */
function peerItems(sys, fileId, text) {
  const file = FILES.find((f) => f.id === fileId);
  if (!sys.peer || !file.peer) return null;
  return sys.peer[file.peer](text).map((r) => ({
    start: r.start, end: r.end + 1, value: parseValue(r.resolution?.value), iso: r.resolution?.isoCurrency,
  }));
}

// ---- Recognizers-Text ------------------------------------------------------

function loadRecognizers(file) {
  const cases = JSON.parse(readText(join(recognizersDir, file.path)));
  return cases.map((c) => {
    const notSupported = [c.NotSupported, c.NotSupportedByDesign].filter(Boolean).join(',')
      .split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
    const expected = c.Results.map((r) => {
      const item = { start: r.Start, end: r.End + 1 };
      if (c.IgnoreResolution) item.ignoreValue = true;
      if (file.id === 'NumberRange') return { ...item, ...parseInterval(r.Resolution?.value) };
      item.value = parseValue(r.Resolution?.value);
      if (r.Resolution?.isoCurrency) item.iso = r.Resolution.isoCurrency;
      return item;
    });
    return { input: c.Input, expected, jsSupported: !notSupported.includes('javascript'), notSupported };
  });
}

/** Every input of the scored Recognizers-Text files, in file order (for scripts/bench.mjs); [] without the data. */
export function loadFigureInputs() {
  if (!existsSync(recognizersDir)) return [];
  return FILES.flatMap((file) => loadRecognizers(file).map((c) => c.input));
}

function scoreSystem(cases, extract, keep) {
  const out = { status: 'ran', passed: 0, total: cases.length, spanPassed: 0, jsPassed: 0, jsTotal: 0, failures: 0, examples: [] };
  const t0 = performance.now();
  for (const c of cases) {
    let got;
    let error = null;
    try {
      got = extract(c.input);
    } catch (e) {
      got = [];
      error = errorText(e);
    }
    if (got === null) return { status: 'n/a', total: cases.length };
    const ok = !error && sameItems(c.expected, got);
    if (!error && sameItems(c.expected, got, { spanOnly: true })) out.spanPassed++;
    if (c.jsSupported) out.jsTotal++;
    if (ok) {
      out.passed++;
      if (c.jsSupported) out.jsPassed++;
    } else {
      out.failures++;
      if (out.examples.length < keep) {
        out.examples.push({
          input: c.input, expected: show(c.input, c.expected), got: error ? `<error: ${error}>` : show(c.input, got),
          ...(c.notSupported.length ? { notSupported: c.notSupported.join(', ') } : {}),
        });
      }
    }
  }
  out.seconds = Math.round(performance.now() - t0) / 1000;
  out.rate = out.total ? out.passed / out.total : 0;
  out.spanRate = out.total ? out.spanPassed / out.total : 0;
  out.jsRate = out.jsTotal ? out.jsPassed / out.jsTotal : null;
  return out;
}

// ---- JioNLP ----------------------------------------------------------------

const readJsonl = (path) => lines(readText(path)).filter((l) => l.trim()).map((l) => JSON.parse(l));

/** Code point offset → UTF-16 offset in `text`. */
function utf16Offset(text, codePoints) {
  let units = 0;
  let n = 0;
  for (const ch of text) {
    if (n === codePoints) break;
    units += ch.length;
    n++;
  }
  return units;
}

const cents = (x) => Math.round(x * 100) / 100;

function jionlpParser(sys, rows, keep) {
  const zh = { status: 'ran', passed: 0, total: rows.length, examples: [] };
  const peer = sys.peer ? { status: 'ran', passed: 0, total: rows.length, examples: [] } : { status: 'n/a', total: rows.length };
  for (const row of rows) {
    const text = row.text;
    const first = text.length - text.trimStart().length;
    const last = text.trimEnd().length;
    const iso = CURRENCIES[row.expected.case] ?? `?${row.expected.case}`;
    const expectRange = Array.isArray(row.expected.num);
    const [low, high] = expectRange ? row.expected.num.map(Number) : [Number(row.expected.num), null];
    const check = (items) => items.length === 1 && items[0].start === first && items[0].end === last && items[0].iso === iso
      && (expectRange
        ? Array.isArray(items[0].range) && sameNumber(cents(items[0].range[0]), low) && sameNumber(cents(items[0].range[1]), high)
        : !Array.isArray(items[0].range) && typeof items[0].value === 'number' && sameNumber(cents(items[0].value), low));
    const expected = `${text}=${expectRange ? `[${low},${high}]` : low} ${iso}`;
    const tally = (result, items) => {
      if (check(items)) result.passed++;
      else if (result.examples.length < keep) result.examples.push({ input: text, expected, got: items.map((i) => `${text.slice(i.start, i.end)}@${i.start}-${i.end}=${i.range ? `[${i.range}]` : i.value} ${i.iso}`) });
    };
    if (!sys.zhlensError) tally(zh, analyzeFigures(sys.zhlens, text).filter((f) => f.kind === 'money').map((f) => ({ ...f, iso: f.unit })));
    if (sys.peer) tally(peer, sys.peer.currency(text).map((r) => ({ start: r.start, end: r.end + 1, value: parseValue(r.resolution?.value), iso: r.resolution?.isoCurrency })));
  }
  for (const r of [zh, peer]) if (r.status === 'ran') r.rate = r.passed / r.total;
  return { zhlens: sys.zhlensError ? { status: 'n/a', total: rows.length } : zh, peer };
}

function jionlpExtractor(sys, rows, keep) {
  const zh = { status: 'ran', passed: 0, total: rows.length, examples: [] };
  const peer = sys.peer ? { status: 'ran', passed: 0, total: rows.length, examples: [] } : { status: 'n/a', total: rows.length };
  for (const row of rows) {
    const text = row.text;
    const expected = row.expected.map((e) => ({ start: utf16Offset(text, e.offset[0]), end: utf16Offset(text, e.offset[1]) }));
    const tally = (result, got) => {
      if (sameItems(expected, got, { spanOnly: true })) result.passed++;
      else if (result.examples.length < keep) result.examples.push({ input: text, expected: show(text, expected.map((e) => ({ ...e, value: '' }))), got: show(text, got) });
    };
    if (!sys.zhlensError) tally(zh, analyzeFigures(sys.zhlens, text).filter((f) => f.kind === 'money').map((f) => figureItem(f, { iso: f.unit })));
    if (sys.peer) tally(peer, sys.peer.currency(text).map((r) => ({ start: r.start, end: r.end + 1, value: parseValue(r.resolution?.value), iso: r.resolution?.isoCurrency })));
  }
  for (const r of [zh, peer]) if (r.status === 'ran') r.rate = r.passed / r.total;
  return { zhlens: sys.zhlensError ? { status: 'n/a', total: rows.length } : zh, peer };
}

// ---- cn2an -----------------------------------------------------------------

function loadCn2an() {
  const rows = readJsonl(join(cn2anDir, 'cn2an.jsonl'));
  const seen = new Set();
  const positive = [];
  for (const r of rows) {
    if (r.mode === 'direct' || r.origin.startsWith('error') || typeof r.expected !== 'number') continue;
    const key = `${r.text}\u0000${r.expected_literal ?? r.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    positive.push({ text: r.text, value: Number(r.expected_literal ?? r.expected) });
  }
  const errors = [...new Set(rows.filter((r) => r.origin === 'error_smart_datas').map((r) => r.text))];
  return { rows: rows.length, positive, errors };
}

function cn2anScore(data, extract, keep) {
  const positive = { status: 'ran', passed: 0, total: data.positive.length, examples: [] };
  const errors = { status: 'ran', passed: 0, total: data.errors.length, examples: [] };
  for (const { text, value } of data.positive) {
    const got = extract(text);
    if (got.length === 1 && got[0].start === 0 && got[0].end === text.length && sameNumber(got[0].value, value)) positive.passed++;
    else if (positive.examples.length < keep) positive.examples.push({ input: text, expected: value, got: show(text, got) });
  }
  for (const text of data.errors) {
    const got = extract(text);
    if (!got.some((n) => n.start === 0 && n.end === text.length)) errors.passed++;
    else if (errors.examples.length < keep) errors.examples.push({ input: text, expected: 'no number covering the text', got: show(text, got) });
  }
  positive.rate = positive.passed / positive.total;
  errors.rate = errors.total ? errors.passed / errors.total : null;
  return { positive, errors };
}

// ---- run and print ---------------------------------------------------------

export async function run({ examples = 0 } = {}) {
  const started = performance.now();
  const keep = Math.max(EXAMPLES, examples);
  const sys = await loadSystems();
  const report = {
    name,
    description: 'Figures: per-case pass rate (the extracted (start, end, value) items equal the expected set) on Recognizers-Text Chinese specs, JioNLP money cases and cn2an; zhlens vs Recognizers-Text JS in the same process.',
    systems: {
      zhlens: sys.zhlensError ? `zhlens — n/a: ${sys.zhlensError}` : `zhlens analyze(text, { referenceDate: '${REFERENCE_DATE}' })${sys.hasNumbers ? ' and numbers(text)' : ' (numbers(text) not exported yet: Number and cn2an n/a)'}`,
      peer: sys.peerError ? `peer — n/a: ${sys.peerError}` : `@microsoft/recognizers-text-number ${packageVersion('@microsoft/recognizers-text-number')} + -number-with-unit ${packageVersion('@microsoft/recognizers-text-number-with-unit')}, Culture.Chinese`,
    },
    hasNumbers: sys.hasNumbers,
    gated: GATED,
    gate: {},
    recognizers: null,
    jionlp: null,
    cn2an: null,
  };

  if (existsSync(recognizersDir)) {
    report.recognizers = {};
    for (const file of FILES) {
      const cases = loadRecognizers(file);
      const zh = sys.zhlensError ? { status: 'n/a', total: cases.length } : scoreSystem(cases, (t) => zhlensItems(sys, file.id, t), keep);
      if (zh.status === 'n/a' && file.id === 'Number' && !sys.zhlensError) zh.note = 'numbers(text) is not exported by pkg/ yet';
      const peer = sys.peerError ? { status: 'n/a', total: cases.length } : scoreSystem(cases, (t) => peerItems(sys, file.id, t), keep);
      if (peer.status === 'n/a' && !file.peer) peer.note = 'Recognizers-Text JS 1.3.1 has no number-range model';
      const entry = { path: file.path, cases: cases.length, jsSupported: cases.filter((c) => c.jsSupported).length, zhlens: zh, peer };
      // Information: figures of every kind against the Number spec while numbers() is missing.
      if (file.id === 'Number' && !sys.zhlensError && !sys.hasNumbers) {
        entry['zhlens-analyze'] = scoreSystem(cases, (t) => analyzeFigures(sys.zhlens, t)
          .filter((f) => typeof f.value === 'number').map((f) => figureItem(f)), keep);
      }
      report.recognizers[file.id] = entry;
      if (zh.status === 'ran') report.gate[`recognizers/${file.id}`] = zh.rate;
    }
  }

  if (existsSync(jionlpDir)) {
    const parser = readJsonl(join(jionlpDir, 'money_parser.jsonl'));
    const extractor = readJsonl(join(jionlpDir, 'money_extractor.jsonl'));
    report.jionlp = { money_parser: jionlpParser(sys, parser, keep), money_extractor: jionlpExtractor(sys, extractor, keep) };
    for (const [id, r] of Object.entries(report.jionlp)) if (r.zhlens.status === 'ran') report.gate[`jionlp/${id}`] = r.zhlens.rate;
  }

  if (existsSync(cn2anDir)) {
    const data = loadCn2an();
    report.cn2an = { rows: data.rows, positiveCases: data.positive.length, errorCases: data.errors.length };
    if (sys.hasNumbers) {
      report.cn2an.zhlens = cn2anScore(data, (t) => sys.zhlens.numbers(t), keep);
      report.gate['cn2an/positive'] = report.cn2an.zhlens.positive.rate;
      report.gate['cn2an/error'] = report.cn2an.zhlens.errors.rate;
    } else {
      report.cn2an.zhlens = { status: 'n/a', note: sys.zhlensError ?? 'numbers(text) is not exported by pkg/ yet' };
    }
    if (!sys.zhlensError) {
      report.cn2an['zhlens-analyze'] = cn2anScore(data, (t) => analyzeFigures(sys.zhlens, t).filter((f) => typeof f.value === 'number')
        .map((f) => figureItem(f)), keep);
    }
    if (sys.peer) report.cn2an.peer = cn2anScore(data, (t) => sys.peer.number(t).map((r) => ({ start: r.start, end: r.end + 1, value: parseValue(r.resolution?.value) })), keep);
  }

  report.targets = targets(report);
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

function targets(report) {
  const out = [];
  for (const [id, f] of Object.entries(report.recognizers ?? {})) {
    const zh = f.zhlens;
    if (TARGET_95.includes(id)) out.push({ target: `${id} ≥ 95%`, value: zh.rate ?? null, pass: zh.status === 'ran' ? zh.rate >= 0.95 : null });
    if (f.peer.status === 'ran') out.push({ target: `${id} ≥ peer (${pct(f.peer.rate)})`, value: zh.rate ?? null, pass: zh.status === 'ran' ? zh.rate >= f.peer.rate : null });
  }
  return out;
}

const pct = (x) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : 'n/a');
const cell = (r) => (r?.status === 'ran' ? `${r.passed}/${r.total} ${pct(r.rate)}` : 'n/a');
const jsCell = (r) => (r?.status === 'ran' && r.jsTotal ? `${r.jsPassed}/${r.jsTotal} ${pct(r.jsRate)}` : r?.status === 'ran' ? '– (0 cases)' : 'n/a');

export function print(report) {
  console.log('\n== Figures: Recognizers-Text Chinese specs, JioNLP money, cn2an (per-case pass rate) ==');
  for (const [id, label] of Object.entries(report.systems)) console.log(`  ${id.padEnd(7)} ${label}`);
  if (report.recognizers) {
    console.log('\nRecognizers-Text (a case passes when the (start, end, value) items equal the expected set; "JS-supported": cases not marked NotSupported for javascript):');
    const rows = Object.entries(report.recognizers).map(([id, f]) => [
      id, f.cases, cell(f.zhlens), cell(f.peer), f.jsSupported, jsCell(f.zhlens), jsCell(f.peer),
      f.zhlens.status === 'ran' ? pct(f.zhlens.spanRate) : 'n/a', f.peer.status === 'ran' ? pct(f.peer.spanRate) : 'n/a',
    ]);
    console.log(table(['file', 'cases', 'zhlens', 'peer', 'JS-supp.', 'zhlens (JS-supp.)', 'peer (JS-supp.)', 'zhlens span only', 'peer span only'], rows));
    for (const [id, f] of Object.entries(report.recognizers)) {
      for (const who of ['zhlens', 'peer']) if (f[who].note) console.log(`  ${id}: ${who} n/a — ${f[who].note}`);
      if (f['zhlens-analyze']) console.log(`  ${id}: information only, zhlens analyze figures with a numeric value instead of numbers(): ${cell(f['zhlens-analyze'])}`);
    }
  }
  if (report.jionlp) {
    console.log('\nJioNLP money (parser: exactly one money figure covering the text, value to the cent, ISO code; extractor: money spans):');
    console.log(table(['set', 'zhlens', 'peer (recognizeCurrency)'],
      Object.entries(report.jionlp).map(([id, r]) => [id, cell(r.zhlens), cell(r.peer)])));
  }
  if (report.cn2an) {
    const c = report.cn2an;
    console.log(`\ncn2an (${c.positiveCases} distinct positive texts of strict/normal/smart; ${c.errorCases} error_smart_datas texts; numbers(text) must give one number covering the text):`);
    const rows = [];
    for (const [id, label] of [['zhlens', 'zhlens numbers'], ['zhlens-analyze', 'zhlens analyze (information)'], ['peer', 'peer recognizeNumber']]) {
      const r = c[id];
      if (!r) continue;
      rows.push(r.status === 'n/a' ? [label, `n/a (${r.note})`, 'n/a'] : [label, cell(r.positive), cell(r.errors)]);
    }
    console.log(table(['system', 'positive', 'error'], rows));
  }
  if (report.targets.length) {
    console.log('\nIssue targets (information only; zhlens pass rate over all cases):');
    for (const t of report.targets) console.log(`  ${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'}  ${t.target}: zhlens ${pct(t.value)}`);
  }
  const baselinePath = join(root, 'eval', 'baseline.json');
  const gated = existsSync(baselinePath) ? Object.keys(JSON.parse(readFileSync(baselinePath, 'utf8'))[name] ?? {}) : [];
  const ungated = Object.keys(report.gate).filter((k) => !gated.includes(k));
  if (gated.length && ungated.length) {
    console.log(`\nNot gated yet (no minimum in eval/baseline.json): ${ungated.join(', ')}; refresh with \`node scripts/eval.mjs figures --write-baseline\`.`);
  }
  console.log(`\nFigures evaluation took ${report.seconds} s (failures: first ${EXAMPLES} per file and system in the JSON report).`);
}

export const available = () => existsSync(recognizersDir) || existsSync(jionlpDir) || existsSync(cn2anDir);
