// Tests the npm package the way users get it: `npm pack` of pkg/, installed
// into a temporary project, imported as 'zhlens'. Runs the shared TOML
// fixtures, the bad-input contract, and `tsc` over the declarations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'smol-toml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let project;
let zhlens;

before(() => {
  project = mkdtempSync(join(tmpdir(), 'zhlens-consumer-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', join(root, 'pkg'), '--json', '--pack-destination', project], { encoding: 'utf8' }));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(project, packed[0].filename)], { cwd: project, stdio: 'pipe' });
  // Re-exported from inside the project so that 'zhlens' resolves as it does for a user.
  writeFileSync(join(project, 'entry.mjs'), "export * from 'zhlens';\nexport { default } from 'zhlens';\n");
});

after(() => rmSync(project, { recursive: true, force: true }));

test('the tarball holds the package and its manifest', () => {
  const installed = join(project, 'node_modules', 'zhlens');
  const files = readdirSync(installed).sort();
  assert.deepEqual(files, ['LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'package.json', 'zhlens.d.ts', 'zhlens.js', 'zhlens_wasm.js', 'zhlens_wasm_bg.wasm']);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'zhlens');
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.equal(manifest.types, './zhlens.d.ts');
  assert.equal(manifest.exports['.'].default, './zhlens.js');
  assert.ok(manifest.repository.url);
  assert.equal(manifest.version, /^version = "(.+)"$/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1]);
});

test('calling segment before init throws a clear Error', async () => {
  zhlens = await import(pathToFileURL(join(project, 'entry.mjs')));
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

for (const fixture of readdirSync(join(root, 'tests', 'fixtures')).filter((f) => f.endsWith('.toml'))) {
  const { test: cases } = parse(readFileSync(join(root, 'tests', 'fixtures', fixture), 'utf8'));
  for (const c of cases) {
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
