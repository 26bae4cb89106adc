// Tests the npm package the way users get it: `npm pack` of pkg/, installed
// into a temporary project (tests/js/lib/consumer.mjs), imported as 'zhlens'. Runs the shared TOML
// fixtures, the bad-input contract, and `tsc` over the declarations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { installPackedPackage, root } from './lib/consumer.mjs';

let consumer;
let project;
let zhlens;

before(() => {
  consumer = installPackedPackage();
  project = consumer.project;
});

after(() => consumer?.remove());

test('the tarball holds the package and its manifest', () => {
  const installed = join(project, 'node_modules', 'zhlens');
  const files = readdirSync(installed).sort();
  assert.deepEqual(files, ['LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'converted.js', 'package.json', 'tokens.js', 'worker.d.ts', 'worker.js',
    'zhlens.cjs', 'zhlens.d.cts', 'zhlens.d.ts', 'zhlens.js', 'zhlens_wasm.js', 'zhlens_wasm_bg.wasm', 'zhlens_worker.js']);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'zhlens');
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.equal(manifest.types, './zhlens.d.ts');
  assert.equal(manifest.exports['.'].import.default, './zhlens.js');
  assert.equal(manifest.exports['.'].require.default, './zhlens.cjs');
  assert.equal(manifest.exports['./worker'].default, './worker.js');
  assert.ok(manifest.repository.url);
  assert.equal(manifest.version, /^version = "(.+)"$/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1]);
});

test('calling segment before init throws a clear Error', async () => {
  zhlens = await consumer.importZhlens();
  assert.throws(() => zhlens.segment('中文'), { name: 'Error', message: /call `await init\(\)` first/ });
});

test('init is idempotent and loads from the package', async () => {
  const first = zhlens.default();
  assert.equal(zhlens.default(), first, 'the same promise');
  await first;
  await zhlens.default();
  assert.equal(zhlens.segment('中文').length, 1);
});

test('init rejects unknown options', async () => {
  await assert.doesNotReject(zhlens.default({ colour: 'red' }), 'already initialized: options are not read again');
});

// Each fixture file holds [[test]] segmentation cases, [[convert]] conversion
// cases, [[figures]] figure cases, or several; each kind runs its own check.
for (const fixture of readdirSync(join(root, 'tests', 'fixtures')).filter((f) => f.endsWith('.toml'))) {
  const { test: segmentCases = [], convert: convertCases = [], figures: figureCases = [], metrics: metricCases = [], entities: entityCases = [], ...rest } = parse(readFileSync(join(root, 'tests', 'fixtures', fixture), 'utf8'));
  assert.deepEqual(Object.keys(rest), [], `${fixture}: unknown tables`);
  for (const c of segmentCases) {
    test(`${fixture}: ${c.name}`, () => {
      const tokens = zhlens.segment(c.text, c.hmm === undefined ? undefined : { hmm: c.hmm });
      let at = 0;
      for (const t of tokens) {
        assert.equal(t.start, at, 'contiguous');
        assert.ok(t.end > t.start, 'not empty');
        assert.equal(c.text.slice(t.start, t.end), t.text);
        assert.equal(typeof t.pos, 'string');
        at = t.end;
      }
      assert.equal(at, c.text.length, 'covers the text');
      if (c.words) assert.deepEqual(tokens.map((t) => t.text), c.words);
      const tagged = tokens.map((t) => `${t.text}/${t.pos}`);
      for (const want of c.tagged ?? []) assert.ok(tagged.includes(want), `no token ${want} in ${tagged.join(' ')}`);
    });
  }
  for (const c of convertCases) {
    test(`${fixture}: ${c.name}`, () => {
      assert.equal(zhlens.convert(c.text, c.config), c.expected);
      const { text, map } = zhlens.convertWithMap(c.text, c.config);
      assert.equal(text, c.expected);
      assertMapped(c.text, text, map);
    });
  }
  for (const c of figureCases) {
    test(`${fixture}: ${c.name}`, () => {
      const { tokens, figures } = zhlens.analyze(c.text, { referenceDate: c.reference_date ?? '2025-09-15', region: c.region ?? 'auto' });
      assertCovers(c.text, tokens);
      for (const f of figures) assert.equal(c.text.slice(f.start, f.end), f.text);
      const found = figures.map(({ text, kind, value, unit, approx, range }) => ({
        text, kind, value, ...(unit === null ? {} : { unit }), ...(approx ? { approx } : {}), ...(range ? { range } : {}),
      }));
      // smol-toml's tables have no prototype; compare plain data.
      assert.deepEqual(found, JSON.parse(JSON.stringify(c.expect)));
    });
  }
  for (const c of entityCases) {
    test(`${fixture}: ${c.name}`, () => {
      const { entities } = zhlens.analyze(c.text, { referenceDate: '2025-09-15' });
      for (const e of entities) assert.equal(c.text.slice(e.start, e.end), e.text);
      const found = entities.map((e) => `${e.kind}:${e.text}`);
      for (const want of c.expect) assert.ok(found.includes(want), `no ${want} in ${found.join(' ')}`);
      // `kind:text` rules out that kind only; a bare text, every kind.
      const isFound = (span) => (f) => (span.includes(':') ? f === span : f.endsWith(`:${span}`));
      for (const span of c.absent ?? []) assert.ok(!found.some(isFound(span)), `${span} in ${found.join(' ')}`);
    });
  }
  for (const c of metricCases) {
    test(`${fixture}: ${c.text}`, () => {
      const { figures, metrics } = zhlens.analyze(c.text, { referenceDate: '2025-09-15', region: c.region ?? 'auto' });
      // A metric's figures are whole figure objects, the same as in `figures`.
      const figure = (f) => {
        assert.deepEqual(figures.find((g) => g.start === f.start), f);
        return f.text;
      };
      const found = metrics.map((m, i) => {
        assert.equal(c.text.slice(m.indicator.start, m.indicator.end), m.indicator.text);
        const metric = { indicator: m.indicator.text, value: figure(m.value) };
        if (m.period !== undefined) metric.period = figure(m.period);
        if (m.change) {
          assert.equal(c.text.slice(m.change.start, m.change.end), m.change.text);
          metric.change = { direction: m.change.direction };
          if (m.change.amount !== undefined) {
            metric.change.amount = figure(m.change.amount);
            assert.equal(m.change.value, m.change.amount.value);
          }
          if (m.change.basis) metric.change.basis = m.change.basis;
          if (m.change.from !== undefined) metric.change.from = figure(m.change.from);
          if (m.change.contradicted !== undefined) {
            assert.equal(m.change.contradicted, true, 'contradicted is true or absent');
            metric.change.contradicted = true;
          }
        }
        // The earlier level is an estimate: checked to within 0.1% where the case states it.
        const earlier = c.expect[i]?.earlier;
        if (earlier !== undefined) {
          assert.ok(Math.abs(m.earlier - earlier) <= Math.abs(earlier) * 1e-3, `earlier ${m.earlier}, expected about ${earlier}`);
          metric.earlier = earlier;
        }
        return metric;
      });
      assert.deepEqual(found, JSON.parse(JSON.stringify(c.expect)));
    });
  }
}

/** The map's pieces are ascending, contiguous, non-empty and cover both strings. */
function assertMapped(input, output, map) {
  assert.ok(map instanceof Uint32Array);
  assert.equal(map.length % 4, 0);
  let [inAt, outAt] = [0, 0];
  for (let i = 0; i < map.length; i += 4) {
    const [inStart, inEnd, outStart, outEnd] = map.subarray(i, i + 4);
    if (inStart !== inAt || outStart !== outAt || inEnd <= inStart || outEnd <= outStart) {
      assert.fail(`bad piece ${[inStart, inEnd, outStart, outEnd]} at ${[inAt, outAt]}`);
    }
    [inAt, outAt] = [inEnd, outEnd];
  }
  assert.deepEqual([inAt, outAt], [input.length, output.length]);
}

function assertCovers(text, tokens) {
  let at = 0;
  for (const t of tokens) {
    if (t.start !== at || text.slice(t.start, t.end) !== t.text) assert.fail(`bad token ${JSON.stringify(t)} at ${at}`);
    at = t.end;
  }
  assert.equal(at, text.length);
}

test('bad arguments give an Error naming the bad value', () => {
  for (const [value, name] of [[42, 'a number'], [null, 'null'], [undefined, 'undefined'], [{}, 'an object'], [['中'], 'an array'], [Symbol('s'), 'a symbol']]) {
    assert.throws(() => zhlens.segment(value), { name: 'Error', message: `zhlens.segment: text must be a string, got ${name}` });
  }
  assert.throws(() => zhlens.segment('中', { colour: 'red' }), { message: 'zhlens.segment: unknown option "colour"; the options are: hmm' });
  assert.throws(() => zhlens.segment('中', { hmm: 'yes' }), { message: 'zhlens.segment: option hmm must be a boolean, got a string' });
  assert.throws(() => zhlens.segment('中', 'hmm'), { message: 'zhlens.segment: options must be an object, got a string' });
  assert.deepEqual(zhlens.segment('', {}), []);
  assert.equal(zhlens.segment('中国', { hmm: undefined }).length, 1);
});

test('the module keeps working after errors', () => {
  assert.throws(() => zhlens.segment(1));
  assert.deepEqual(zhlens.segment('北京').map((t) => t.text), ['北京']);
});

test('lone surrogates keep offsets exact', () => {
  const text = '\ud800中国\udc00人\ud83d';
  const tokens = zhlens.segment(text);
  assertCovers(text, tokens);
  assert.deepEqual(tokens.map((t) => t.text), ['\ud800', '中国', '\udc00', '人', '\ud83d']);
});

test('emoji and Extension B characters count as two UTF-16 units', () => {
  const text = '👍🏽中国𠀀𪚥人民😀'.repeat(1000);
  const tokens = zhlens.segment(text);
  assertCovers(text, tokens);
  assert.ok(tokens.some((t) => t.text === '中国'));
  assert.ok(tokens.some((t) => t.text === '𠀀'));
});

test('10 MB of text is segmented whole', () => {
  const paragraph = '今年1至7月，园区完成规模工业总产值218.8亿元，同比增长5.25%，朝着年度目标任务稳步迈进。\n';
  const text = paragraph.repeat(Math.ceil(10e6 / Buffer.byteLength(paragraph)));
  const tokens = zhlens.segment(text);
  assertCovers(text, tokens);
  assert.equal(tokens.filter((t) => t.text === '总产值').length, text.split('总产值').length - 1);
});

test('text over the documented maximum is refused with an Error, not a crash', () => {
  const max = zhlens.maxLength();
  assert.equal(max, 16 * 1024 * 1024);
  assert.throws(() => zhlens.segment('a'.repeat(max + 1)), { message: `zhlens.segment: text is ${max + 1} UTF-16 code units long; the maximum is ${max}` });
  assert.equal(zhlens.segment('中国').length, 1);
});

test('convert and convertWithMap convert as OpenCC does, by config name', () => {
  assert.equal(zhlens.convert('鼠标和软件', 's2twp'), '滑鼠和軟體');
  assert.equal(zhlens.convert('園區完成規模工業總產值', 't2s'), '园区完成规模工业总产值');
  assert.equal(zhlens.convert('', 's2t'), '');
  const { text, map } = zhlens.convertWithMap('头发很干净', 's2t');
  assert.equal(text, '頭髮很乾淨');
  assert.deepEqual([...map.subarray(4, 8)], [1, 2, 1, 2]);
  const empty = zhlens.convertWithMap('', 's2t');
  assert.deepEqual([empty.text, empty.map], ['', new Uint32Array(0)]);
});

test('convertWithMap moves spans between the texts, as Converted::to_output does', () => {
  // 头发 → 頭髮 piece by piece; 𠀀 is two UTF-16 units; 齾 → 𫜰 grows from one unit to two.
  const input = '𠀀头发很干净齾';
  const converted = zhlens.convertWithMap(input, 's2t');
  assert.equal(converted.text, '𠀀頭髮很乾淨齾');
  assert.deepEqual(converted.toOutput(2, 4), { start: 2, end: 4 });
  assert.deepEqual(converted.toInput(5, 7), { start: 5, end: 7 });
  assert.deepEqual(converted.toOutput(0, input.length), { start: 0, end: converted.text.length });
  assert.deepEqual(converted.toOutput(3, 3), { start: 3, end: 3 }, 'an empty span stays empty');
  assert.deepEqual(converted.toOutput(input.length, input.length), { start: converted.text.length, end: converted.text.length });
  const grown = zhlens.convertWithMap('齾齾口', 't2s');
  assert.equal(grown.text, '𫜰𫜰口');
  assert.deepEqual(grown.toOutput(1, 3), { start: 2, end: 5 });
  assert.deepEqual(grown.toInput(2, 4), { start: 1, end: 2 });
  assert.deepEqual(grown.toInput(3, 5), { start: 1, end: 3 }, 'a span cutting a piece widens to all of it');
  // A phrase converted whole (U盘 → 隨身碟, two units to three): a span inside it widens to the phrase.
  const phrase = zhlens.convertWithMap('拿U盘来', 's2twp');
  assert.equal(phrase.text, '拿隨身碟來');
  assert.deepEqual(phrase.toOutput(1, 2), { start: 1, end: 4 });
  assert.deepEqual(phrase.toOutput(2, 4), { start: 1, end: 5 });
  assert.deepEqual(phrase.toInput(2, 3), { start: 1, end: 3 });
  assert.deepEqual(phrase.toInput(4, 5), { start: 3, end: 4 });
  assert.deepEqual(zhlens.convertWithMap('', 's2t').toOutput(0, 0), { start: 0, end: 0 });
});

test('convert errors name the bad value and list the configs', () => {
  const configs = 's2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, s2hkp, hk2sp, t2tw, tw2t, t2hk, hk2t, t2jp, jp2t';
  assert.throws(() => zhlens.convert('中', 'x2y'), { name: 'Error', message: `zhlens.convert: unknown config "x2y"; the configs are: ${configs}` });
  assert.throws(() => zhlens.convertWithMap('中', 'S2T'), { message: `zhlens.convertWithMap: unknown config "S2T"; the configs are: ${configs}` });
  assert.throws(() => zhlens.convert('中', 1), { message: 'zhlens.convert: config must be a string, got a number' });
  assert.throws(() => zhlens.convert('中'), { message: 'zhlens.convert: config must be a string, got undefined' });
  // Simplified input crosses as UTF-8, Traditional as UTF-16 code units: both check the text alike.
  for (const config of ['s2t', 't2s']) {
    assert.throws(() => zhlens.convert(42, config), { message: 'zhlens.convert: text must be a string, got a number' });
    assert.throws(() => zhlens.convert(undefined, config), { message: 'zhlens.convert: text must be a string, got undefined' });
  }
  assert.throws(() => zhlens.convertWithMap(null, 's2t'), { message: 'zhlens.convertWithMap: text must be a string, got null' });
  assert.throws(() => zhlens.detectScript(['中']), { message: 'zhlens.detectScript: text must be a string, got an array' });
  const max = zhlens.maxLength();
  for (const [name, call] of [['convert', (t) => zhlens.convert(t, 's2t')], ['convert', (t) => zhlens.convert(t, 't2s')], ['convertWithMap', (t) => zhlens.convertWithMap(t, 's2t')], ['detectScript', (t) => zhlens.detectScript(t)]]) {
    assert.throws(() => call('a'.repeat(max + 1)), { message: `zhlens.${name}: text is ${max + 1} UTF-16 code units long; the maximum is ${max}` });
  }
  assert.equal(zhlens.convert('发', 's2t'), '發', 'still works after errors');
});

test('maps stay exact around emoji and Extension B characters, in every config', () => {
  // 齾 → 𫜰 in t2s: one UTF-16 unit becomes two.
  const texts = ['齾齾一口', '👍🏽头发𠀀很干净😀', '𪚥龍頭髮乾淨👍', '\ud800发\udc00'.repeat(3) + '齾'];
  const configs = ['s2t', 't2s', 's2tw', 'tw2s', 's2twp', 'tw2sp', 's2hk', 'hk2s', 's2hkp', 'hk2sp', 't2tw', 'tw2t', 't2hk', 'hk2t', 't2jp', 'jp2t'];
  for (const config of configs) {
    for (const input of texts) {
      const { text, map } = zhlens.convertWithMap(input, config);
      assert.equal(text, zhlens.convert(input, config));
      assertMapped(input, text, map);
    }
  }
  // A lone surrogate becomes U+FFFD whichever way the text crosses (s2t: UTF-8, t2s: UTF-16).
  assert.equal(zhlens.convert('\udc00头发\ud800', 's2t'), '\ufffd頭髮\ufffd');
  assert.equal(zhlens.convert('\udc00頭髮\ud800😀\ud83d', 't2s'), '\ufffd头发\ufffd😀\ufffd');
  const { text, map } = zhlens.convertWithMap('齾齾', 't2s');
  assert.equal(text, '𫜰𫜰');
  assert.deepEqual([...map], [0, 1, 0, 2, 1, 2, 2, 4]);
});

test('detectScript counts the characters only one script uses', () => {
  assert.deepEqual(zhlens.detectScript('園區完成規模工業總產值'), { script: 'traditional', traditional: 6, simplified: 0 });
  assert.deepEqual(zhlens.detectScript('园区完成规模工业总产值'), { script: 'simplified', traditional: 0, simplified: 6 });
  assert.deepEqual(zhlens.detectScript('hello 123'), { script: 'none', traditional: 0, simplified: 0 });
  assert.equal(zhlens.detectScript('园区園區').script, 'mixed');
});

test('the declarations type-check against real use', () => {
  copyFileSync(join(root, 'tests', 'js', 'types', 'usage.ts'), join(project, 'usage.ts'));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', 'usage.ts'], { cwd: project, encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc found errors:\n${error.stdout}${error.stderr}`);
  }
});

test('analyze returns tokens and figures in one call, with UTF-16 offsets', () => {
  const text = '😀今年1至7月，𠀀总产值218.8亿元。';
  const { tokens, figures } = zhlens.analyze(text, { referenceDate: '2025-09-15' });
  assertCovers(text, tokens);
  assert.deepEqual(figures.map((f) => [f.text, text.slice(f.start, f.end), f.kind, f.value, f.unit]), [
    ['今年1至7月', '今年1至7月', 'period', '2025-01/2025-07', null],
    ['218.8亿元', '218.8亿元', 'money', 21880000000, 'CNY'],
  ]);
});

test('analyze resolves relative dates against referenceDate, a string or a Date, default today', () => {
  const year = (options) => zhlens.analyze('去年12月', options).figures[0].value;
  assert.equal(year({ referenceDate: '2025-09-15' }), '2024-12');
  assert.equal(year({ referenceDate: new Date(2031, 0, 5) }), '2030-12');
  assert.equal(year(), `${new Date().getFullYear() - 1}-12`);
  assert.equal(year({ hmm: true }), `${new Date().getFullYear() - 1}-12`);
});

test('analyze skips entities or metrics when asked, and finds the same figures', () => {
  const text = '湖南群創智能科技有限公司今年1至7月完成產值218.8億元，同比增長5.25%。';
  const options = { referenceDate: '2025-09-15' };
  const whole = zhlens.analyze(text, options);
  assert.ok(whole.entities.length > 0 && whole.metrics.length > 0);
  const bare = zhlens.analyze(text, { ...options, entities: false, metrics: false });
  assert.deepEqual([bare.entities, bare.metrics], [[], []]);
  assert.deepEqual(bare.figures, whole.figures);
  assert.deepEqual(bare.tokens, whole.tokens);
  assert.deepEqual(zhlens.analyze(text, { ...options, metrics: false }).entities, whole.entities);
  assert.deepEqual(zhlens.analyze(text, { ...options, entities: false }).metrics, whole.metrics);
});

test('analyze refuses a wrong referenceDate or an unknown option with an Error', () => {
  for (const [date, message] of [
    ['2025-02-30', 'zhlens.analyze: option referenceDate: invalid date "2025-02-30"; expected a calendar date as YYYY-MM-DD'],
    ['15/09/2025', 'zhlens.analyze: option referenceDate: invalid date "15/09/2025"; expected a calendar date as YYYY-MM-DD'],
    [new Date('nonsense'), 'zhlens.analyze: option referenceDate: invalid date "Invalid Date"; expected a calendar date as YYYY-MM-DD'],
    [20250915, 'zhlens.analyze: option referenceDate must be a string YYYY-MM-DD or a Date, got a number'],
  ]) {
    assert.throws(() => zhlens.analyze('今年', { referenceDate: date }), { name: 'Error', message });
  }
  assert.throws(() => zhlens.analyze('今年', { referencedate: '2025-09-15' }), {
    message: 'zhlens.analyze: unknown option "referencedate"; the options are: hmm, referenceDate, region, entities, metrics',
  });
  assert.throws(() => zhlens.analyze('今年', { entities: 'no' }), { message: 'zhlens.analyze: option entities must be a boolean, got a string' });
  assert.throws(() => zhlens.analyze('今年', 'today'), { message: 'zhlens.analyze: options must be an object, got a string' });
  assert.throws(() => zhlens.analyze(null), { message: 'zhlens.analyze: text must be a string, got null' });
  assert.equal(zhlens.analyze('今年增长5%').figures.length, 2, 'the module keeps working');
});

// wasm.rs writes whole numbers by hand and the rest with Rust's float
// formatter: both must cross as the numbers they are.
test('figure values cross exactly: whole, negative, fractional, past 1e15', () => {
  const values = ['零下5度', '-3.5%', '3000兆元', '9007199254740993元', '0元', '0.1%', '1.5亿元', '负0.5%', '12億3456萬元']
    .map((t) => zhlens.analyze(t, { referenceDate: '2025-09-15' }).figures.map((f) => f.value));
  assert.deepEqual(values, [[-5], [-3.5], [3e15], [9007199254740992], [0], [0.1], [150000000], [-0.5], [1234560000]]);
});

test('numbers past f64 and megabyte runs of digits neither panic nor hang', () => {
  const huge = zhlens.analyze(`${'9'.repeat(400)}元`, { referenceDate: '2025-09-15' }).figures;
  assert.deepEqual(huge.map((f) => [f.kind, f.value, f.unit]), [['money', Infinity, 'CNY']]);
  const digits = '1'.repeat(1_000_000);
  const started = performance.now();
  const { tokens, figures } = zhlens.analyze(`${digits}人，${'九'.repeat(100_000)}`, { referenceDate: '2025-09-15' });
  assert.ok(performance.now() - started < 20_000, 'linear, not quadratic');
  assert.equal(figures[0].kind, 'quantity');
  assert.equal(figures[0].text.length, 1_000_001);
  assert.ok(tokens.length > 0);
});

// '30日' alone, over and over: each day looked back through every figure
// before it for a date with its month, and read its whole sentence (the
// text has no sentence end) for a word of the future; 60,000 of them took
// 38 s natively.
test('pathological numerals stay linear: long runs of units, long range chains, bare days', () => {
  for (const text of ['十'.repeat(200_000), '一十'.repeat(100_000), Array.from({ length: 50_000 }, (_, i) => i).join('-'), `${'1至'.repeat(50_000)}1月`, '30日'.repeat(60_000)]) {
    const started = performance.now();
    const { figures } = zhlens.analyze(text, { referenceDate: '2025-09-15' });
    assert.ok(performance.now() - started < 20_000, `${text.slice(0, 10)}… took too long`);
    for (const f of figures) assert.equal(text.slice(f.start, f.end), f.text);
  }
});

// A stock code's label was looked for up to the next colon, wherever it
// was: 100,000 brackets in a text with no colon took 20 s natively.
test('the entity rules stay linear: brackets with no colon after them', () => {
  const text = '（甲乙'.repeat(100_000);
  const started = performance.now();
  zhlens.analyze(text, { referenceDate: '2025-09-15' });
  assert.ok(performance.now() - started < 10_000, 'linear, not quadratic');
});

test('numbers finds every number expression as written, with UTF-16 offsets and values', () => {
  const text = '😀十斤，𠀀一百 五 十 二，三分之一，2e5，一切';
  const found = zhlens.numbers(text);
  for (const n of found) assert.equal(text.slice(n.start, n.end), n.text);
  assert.deepEqual(found.map((n) => [n.text, n.value]), [
    ['十', 10], ['一百 五 十 二', 152], ['三分之一', 1 / 3], ['2e5', 200000],
  ]);
  assert.deepEqual(zhlens.numbers(''), []);
  assert.throws(() => zhlens.numbers(42), { name: 'Error', message: 'zhlens.numbers: text must be a string, got a number' });
  assert.equal(zhlens.numbers('四百多').length, 1, 'the module keeps working');
});

test('numbers stays linear on pathological input', () => {
  for (const text of ['十'.repeat(200_000), '一十'.repeat(100_000), '1'.repeat(1_000_000), '一又'.repeat(100_000), '1/'.repeat(100_000), '五分之'.repeat(50_000)]) {
    const started = performance.now();
    const found = zhlens.numbers(text);
    assert.ok(performance.now() - started < 20_000, `${text.slice(0, 10)}… took too long`);
    for (const n of found) assert.equal(text.slice(n.start, n.end), n.text);
  }
});

// Last: addWords changes the module's one analyzer for every later call.
test('addWords: a word segments whole and, with a kind, is an entity; bad entries are named', () => {
  const text = '翔鷺微電第二季營收成長兩成。';
  assert.equal(zhlens.addWords([{ text: '翔鹭微电', kind: 'org' }, { text: '蓝晶石板', pos: 'nz', freq: 2000 }]), undefined);
  const analysis = zhlens.analyze(text, { referenceDate: '2025-09-15' });
  assert.equal(analysis.tokens[0].text, '翔鷺微電');
  assert.deepEqual(analysis.entities.filter((e) => e.kind === 'org').map((e) => e.text), ['翔鷺微電']);
  assert.deepEqual(zhlens.segment('蓝晶石板热销').map((t) => [t.text, t.pos])[0], ['蓝晶石板', 'nz']);
  for (const [words, message] of [
    ['翔鹭', 'zhlens.addWords: words must be an array of { text, pos?, freq?, kind? }, got a string'],
    [[{ text: '华芯 微电子' }], 'zhlens.addWords: cannot add the word "华芯 微电子": the text contains whitespace'],
    [[{ text: '' }], 'zhlens.addWords: cannot add the word "": the text is empty'],
    [[{ text: '华芯微电子', pos: 'zz' }], 'zhlens.addWords: cannot add the word "华芯微电子": the part-of-speech tag is not one of jieba\'s'],
    [[{ text: '华芯微电子', freq: 0 }], 'zhlens.addWords: cannot add the word "华芯微电子": the frequency is 0'],
    [[{ text: '华芯微电子', freq: 1.5 }], 'zhlens.addWords: entry 0: "华芯微电子": freq must be a whole number, got a number'],
    [[{ text: '华芯微电子', kind: 'company' }], 'zhlens.addWords: entry 0: "华芯微电子": kind must be \'person\', \'place\' or \'org\', got "company"'],
    [[{ text: '华芯微电子' }, 7], 'zhlens.addWords: entry 1: must be an object, got a number'],
    [[{ text: '华芯微电子', colour: 'red' }], 'zhlens.addWords: entry 0: unknown field "colour"; the fields are: text, pos, freq, kind'],
  ]) {
    assert.throws(() => zhlens.addWords(words), { name: 'Error', message });
  }
  assert.deepEqual(zhlens.analyze('华芯微电子公布财报', {}).entities.filter((e) => e.text === '华芯微电子'), []);
});
