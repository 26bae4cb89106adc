// Robustness of the packed package at the JS↔wasm boundary: random text
// (seeded), the wasm memory over 1,000 calls, Rust panics as Errors, the size
// limit on every function; and the declarations' string unions compared with
// what the Rust side reports, so that they cannot drift.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedPackage, root } from './lib/consumer.mjs';

let consumer;
let zhlens;

before(async () => {
  consumer = installPackedPackage({ prefix: 'zhlens-robustness-' });
  zhlens = await consumer.importZhlens();
  await zhlens.default();
});

after(() => consumer?.remove());

/** mulberry32: a small seeded PRNG, so that a failure can be replayed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces random texts are made of: Simplified and Traditional words and
// numerals, figure vocabulary, emoji (ZWJ sequences, skin tones, flags), CJK
// Extension B, lone surrogates, control and format characters, other scripts,
// combining marks, whitespace.
const PIECES = [
  '中国', '国家统计局', '園區', '總產值', '增长', '億元', '万人', '美元', '亿', '元', '%', '％', '个百分点', '年', '月', '日',
  '今年', '去年', '上半年', '第', '至', '到', '～', '-', '约', '超', '以上', '左右', '多', '余', '倍', '之', '分之', '点',
  '一', '二', '三', '十', '百', '千', '万', '〇', '零', '两', '１', '９', '0', '1', '2', '5', '7', '.', ',', '·',
  '👍🏽', '👨‍👩‍👧', '🇨🇳', '😀', '🚀', '𠀀', '𪚥', '𫜰', '齾', '\ud800', '\udc00', '\ud83d', '\ude00',
  '\u0000', '\u0007', '\t', '\n', '\r\n', '\u000b', '\u0085', '\u00a0', '\u200b', '\u200d', '\u2028', '\ufeff', '\ufffd',
  'e\u0301', '\u0301', 'abc', 'ZHlens', 'カタカナ', 'ひらがな', '한국어', 'العربية', 'русский', '⿰氵青', '　', ' ',
  '<img src=x>', '&amp;', '"', '\\',
];
const CONFIGS = ['s2t', 't2s', 's2tw', 'tw2s', 's2twp', 'tw2sp', 's2hk', 'hk2s', 's2hkp', 'hk2sp', 't2tw', 'tw2t', 't2hk', 'hk2t', 't2jp', 'jp2t'];

function randomText(random) {
  const parts = [];
  const n = Math.floor(random() * 40);
  for (let i = 0; i < n; i += 1) {
    if (random() < 0.15) parts.push(String.fromCharCode(Math.floor(random() * 0x10000))); // any code unit
    else parts.push(PIECES[Math.floor(random() * PIECES.length)]);
  }
  return parts.join('');
}

function assertSpans(text, spans, what) {
  let end = 0;
  for (const span of spans) {
    if (!(span.start >= end && span.end > span.start && span.end <= text.length) || text.slice(span.start, span.end) !== span.text) {
      assert.fail(`${what}: bad span ${JSON.stringify(span)} after ${end} in ${JSON.stringify(text)}`);
    }
    end = span.end;
  }
}

test('random Unicode, lone surrogates included: text.slice(start, end) === span.text for every token, figure and number; spans map through conversions', () => {
  const seed = Number(process.env.ZHLENS_SEED ?? 20261128);
  const random = prng(seed);
  for (let i = 0; i < 3000; i += 1) {
    const text = randomText(random);
    const context = `seed ${seed}, case ${i}: ${JSON.stringify(text)}`;
    const { tokens, figures } = zhlens.analyze(text, { referenceDate: '2025-09-15', hmm: random() < 0.5 });
    assertSpans(text, tokens, context);
    assert.equal(tokens.reduce((n, t) => n + t.text.length, 0), text.length, `tokens cover ${context}`);
    assertSpans(text, figures, context);
    assert.deepEqual(zhlens.segment(text).map((t) => t.text).join(''), text, context);
    if (zhlens.numbers) assertSpans(text, zhlens.numbers(text), context);
    const config = CONFIGS[i % CONFIGS.length];
    const mapped = zhlens.convertWithMap(text, config);
    const { text: converted, map } = mapped;
    // A span moved to the converted text and back covers at least itself.
    for (const span of [...tokens, ...figures]) {
      const out = mapped.toOutput(span.start, span.end);
      const back = mapped.toInput(out.start, out.end);
      if (!(out.start < out.end && out.end <= converted.length && back.start <= span.start && span.end <= back.end)) {
        assert.fail(`${config}: ${JSON.stringify(span)} → ${JSON.stringify(out)} → ${JSON.stringify(back)}: ${context}`);
      }
    }
    assert.equal(converted, zhlens.convert(text, config), context);
    let [inAt, outAt] = [0, 0];
    for (let j = 0; j < map.length; j += 4) {
      if (map[j] !== inAt || map[j + 2] !== outAt || map[j + 1] <= map[j] || map[j + 3] <= map[j + 2]) assert.fail(`${config} map at ${j}: ${context}`);
      [inAt, outAt] = [map[j + 1], map[j + 3]];
    }
    assert.deepEqual([inAt, outAt], [text.length, converted.length], `${config} map covers both: ${context}`);
  }
});

test('1,000 analyze calls on an ~8 KB article do not grow the wasm memory after the first few', (t) => {
  const seed = join(root, '..', 'shared', 'fixtures', 'seed', 'article.txt');
  const article = existsSync(seed)
    ? readFileSync(seed, 'utf8')
    : '今年1至7月，園區完成規模工業總產值218.8億元，同比增長5.25%；實現固定資產投資46.3億元，其中工業投資佔比超過六成。\n'.repeat(50);
  const options = { referenceDate: '2025-09-15' };
  const sizes = [zhlens.__internals.memoryBytes()];
  for (let i = 0; i < 5; i += 1) zhlens.analyze(article, options);
  const warm = zhlens.__internals.memoryBytes();
  const started = performance.now();
  for (let i = 0; i < 1000; i += 1) {
    zhlens.analyze(article, options);
    if (i % 100 === 99) sizes.push(zhlens.__internals.memoryBytes());
  }
  const ms = performance.now() - started;
  t.diagnostic(`${existsSync(seed) ? 'seed article' : 'built-in article'}: ${Buffer.byteLength(article)} bytes; wasm memory ${sizes[0]} bytes before, ${warm} after 5 calls, ${sizes.at(-1)} after 1,000 more (${(ms / 1000).toFixed(1)} ms a call)`);
  assert.ok(Buffer.byteLength(article) > 7000);
  assert.deepEqual(sizes.slice(1), sizes.slice(1).map(() => warm), `memory per 100 calls: ${sizes}`);
});

test('a Rust panic becomes an Error with its message, and the module keeps working', () => {
  const before = zhlens.segment('園區完成規模工業總產值');
  for (const message of ['first panic', '第二次 panic']) {
    assert.throws(() => zhlens.__internals.panic(message), (error) => {
      assert.equal(error.name, 'Error');
      assert.match(error.message, new RegExp(`^zhlens\\.__internals\\.panic: internal error, please report it: ${message} at src/wasm\\.rs:\\d+$`));
      assert.ok(error.cause instanceof WebAssembly.RuntimeError);
      return true;
    });
    assert.deepEqual(zhlens.segment('園區完成規模工業總產值'), before);
    assert.equal(zhlens.analyze('增长5%', { referenceDate: '2025-09-15' }).figures.length, 1);
    assert.equal(zhlens.convert('头发', 's2t'), '頭髮');
    assert.throws(() => zhlens.segment(1), { message: 'zhlens.segment: text must be a string, got a number' });
  }
});

test('every function refuses text over maxLength() with an Error, and keeps working', () => {
  const max = zhlens.maxLength();
  const long = 'a'.repeat(max + 1);
  const calls = {
    segment: (t) => zhlens.segment(t),
    analyze: (t) => zhlens.analyze(t, { referenceDate: '2025-09-15' }),
    convert: (t) => zhlens.convert(t, 's2t'),
    convertWithMap: (t) => zhlens.convertWithMap(t, 't2s'),
    detectScript: (t) => zhlens.detectScript(t),
    numbers: (t) => zhlens.numbers(t),
  };
  for (const [name, call] of Object.entries(calls)) {
    assert.throws(() => call(long), { name: 'Error', message: `zhlens.${name}: text is ${max + 1} UTF-16 code units long; the maximum is ${max}` });
  }
  assert.equal(zhlens.analyze('a'.repeat(max), { referenceDate: '2025-09-15' }).tokens.length, 1, 'exactly maxLength() is accepted');
  assert.equal(zhlens.convert('发', 's2t'), '發');
});

/** The members of `export type Name = 'a' | 'b' …;` in a declaration file. */
function stringUnion(source, name) {
  const match = new RegExp(`export type ${name} =([^;]+);`).exec(source);
  assert.ok(match, `zhlens.d.ts declares ${name}`);
  const members = match[1].split('|').map((m) => m.trim()).filter((m, i) => i > 0 || m !== ''); // a leading |
  for (const m of members) assert.match(m, /^'[^']+'$/, `${name} is a union of string literals`);
  return members.map((m) => m.slice(1, -1));
}

test('the declarations\' string unions are the Rust types\' names', () => {
  const declarations = readFileSync(join(consumer.installed, 'zhlens.d.ts'), 'utf8');
  const rust = zhlens.__internals.vocabulary();
  assert.deepEqual(stringUnion(declarations, 'FigureKind'), rust.figureKinds);
  assert.deepEqual(stringUnion(declarations, 'Config'), rust.configs);
  assert.deepEqual(stringUnion(declarations, 'PosTag'), rust.posTags);
  assert.deepEqual(stringUnion(declarations, 'Approx'), rust.approx);
  assert.deepEqual(stringUnion(declarations, 'Script'), rust.scripts);
  assert.deepEqual(stringUnion(declarations, 'Region'), rust.regions);
  assert.deepEqual(stringUnion(declarations, 'Direction'), rust.directions);
  assert.deepEqual(stringUnion(declarations, 'Basis'), rust.bases);
});

test('the declarations declare every export, and nothing else', () => {
  const declarations = readFileSync(join(consumer.installed, 'zhlens.d.ts'), 'utf8');
  const declared = [...declarations.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  if (/^export default function init/m.test(declarations)) declared.push('default');
  const exported = Object.keys(zhlens).filter((name) => name !== '__internals');
  assert.deepEqual(declared.sort(), exported.sort());
  const worker = readFileSync(join(consumer.installed, 'worker.d.ts'), 'utf8');
  assert.match(worker, /^export function createWorker\(/m);
});

test('tsc --strict accepts the worker helper and the CommonJS entry as documented', () => {
  const files = ['worker.ts', 'commonjs.cts'];
  for (const file of files) copyFileSync(join(root, 'tests', 'js', 'types', file), join(consumer.project, file));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', ...files], { cwd: consumer.project, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc found errors:\n${error.stdout}${error.stderr}`);
  }
});
