// The packed package in every runtime it supports, each from the tarball
// installed into a temporary project (tests/js/lib/consumer.mjs):
//   - Node CommonJS: require('zhlens') in a .cjs script (Node ESM: package.test.mjs);
//   - Vite 7: tests/consumers/vite built with `vite build`, served, opened in Chromium;
//   - plain browser ESM: tests/consumers/esm/index.html imports the installed files
//     through an import map, no bundler, opened in Chromium;
//   - Web Worker: both pages also run analyze through zhlens/worker (the demo
//     page uses it too: page.test.mjs).
// The results in the DOM must equal what the package computes in Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NO_CHROMIUM, haveChromium, installPackedPackage, launchChromium, openPage, root, serveStatic } from './lib/consumer.mjs';

const TIMEOUT = 180_000;
const consumers = join(root, 'tests', 'consumers');
let consumer;
let zhlens;
let expected;
let browser;

before(async () => {
  consumer = installPackedPackage({ prefix: 'zhlens-runtimes-' });
  zhlens = await consumer.importZhlens();
  await zhlens.default();
  const { TEXT, OPTIONS } = await import(pathToFileURL(join(consumers, 'shared.js')));
  const analysis = zhlens.analyze(TEXT, OPTIONS);
  expected = { analysis, words: analysis.tokens.map((t) => [t.text, t.pos]) };
  if (haveChromium) browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  consumer?.remove();
});

test('Node CommonJS: require("zhlens"), init, then the same results as ESM', () => {
  const script = join(consumer.project, 'consumer.cjs');
  writeFileSync(script, `
const zhlens = require('zhlens');
const { segment, analyze } = require('zhlens');
const out = { names: Object.keys(zhlens).sort() };
try { segment('中文'); } catch (error) { out.before = error.message; }
zhlens.init().then(async () => {
  await zhlens.default();
  out.words = segment('園區完成規模工業總產值').map((t) => t.text);
  out.analysis = analyze(${JSON.stringify('今年1至7月，總產值218.8億元。')}, { referenceDate: '2025-09-15' });
  try { segment(42); } catch (error) { out.error = error.message; }
  console.log(JSON.stringify(out));
});
`);
  const out = JSON.parse(execFileSync(process.execPath, [script], { cwd: consumer.project, encoding: 'utf8' }));
  assert.equal(out.before, 'zhlens.segment: call `await init()` first');
  assert.deepEqual(out.words, zhlens.segment('園區完成規模工業總產值').map((t) => t.text));
  assert.deepEqual(out.analysis, zhlens.analyze('今年1至7月，總產值218.8億元。', { referenceDate: '2025-09-15' }));
  assert.equal(out.error, 'zhlens.segment: text must be a string, got a number');
  // The CommonJS entry exports what the ESM entry does, plus init by name.
  const esmNames = Object.keys(zhlens).filter((name) => name !== '__internals');
  assert.deepEqual(out.names, [...esmNames.filter((n) => n !== 'default'), 'default', 'init'].sort());
});

test('Vite 7: an app importing zhlens and zhlens/worker builds, and runs in Chromium', { timeout: TIMEOUT }, async (t) => {
  const app = join(consumer.project, 'vite-app');
  cpSync(join(consumers, 'vite'), app, { recursive: true });
  copyFileSync(join(consumers, 'shared.js'), join(app, 'shared.js'));
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', 'dist'], { cwd: app, stdio: 'pipe' });
  const assets = readdirSync(join(app, 'dist', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the wasm is an asset of the build: ${assets}`);
  assert.ok(assets.filter((f) => f.endsWith('.js')).length >= 2, `the worker is bundled as its own chunk: ${assets}`);
  if (!haveChromium) {
    t.skip(NO_CHROMIUM);
    return;
  }
  await checkInBrowser(join(app, 'dist'), '');
});

test('plain browser ESM: the installed files imported through an import map, no bundler', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(NO_CHROMIUM);
    return;
  }
  cpSync(join(consumers, 'esm'), join(consumer.project, 'esm'), { recursive: true });
  copyFileSync(join(consumers, 'shared.js'), join(consumer.project, 'esm', 'shared.js'));
  const requests = await checkInBrowser(consumer.project, 'esm/');
  for (const file of ['zhlens.js', 'tokens.js', 'converted.js', 'zhlens_wasm.js', 'zhlens_wasm_bg.wasm', 'worker.js', 'zhlens_worker.js']) {
    assert.ok(requests.includes(`/node_modules/zhlens/${file}`), `${file} loaded from the installed package`);
  }
});

/** The members of the ZhlensWorker interface in the installed worker.d.ts. */
function workerMembers() {
  const source = readFileSync(join(consumer.installed, 'worker.d.ts'), 'utf8');
  const body = /export interface ZhlensWorker \{([^}]*)\}/.exec(source)[1];
  return [...body.matchAll(/^ {2}(?:readonly )?(\w+)[(:]/gm)].map((m) => m[1]).sort();
}

/** Serves `dir`, opens `path` in Chromium, and checks what the app put in the DOM. Returns the paths requested. */
async function checkInBrowser(dir, path) {
  const served = await serveStatic(dir);
  const { page, context, problems } = await openPage(browser, served.url + path);
  try {
    await page.waitForFunction(() => document.getElementById('state').textContent !== 'loading');
    assert.equal(await page.textContent('#state'), 'done');
    const words = await page.$$eval('#words li', (items) => items.map((li) => [li.textContent, li.dataset.pos]));
    assert.deepEqual(words, expected.words);
    const result = JSON.parse(await page.textContent('#result'));
    assert.deepEqual(result.main, expected.analysis, 'main thread');
    // zhlens/worker offers every function zhlens exports, with the same results.
    const functions = result.exports.filter((name) => name !== 'default' && name !== '__internals');
    assert.deepEqual(Object.keys(result.calls).filter((name) => name !== 'spans').sort(), functions, 'every export is called');
    for (const [name, { main, worker }] of Object.entries(result.calls)) assert.deepEqual(worker, main, `zhlens/worker: ${name}`);
    assert.deepEqual(result.calls.spans.main, [{ start: 6, end: 13 }, { start: 0, end: 6 }]);
    assert.deepEqual(result.workerMembers, workerMembers(), 'createWorker() returns what worker.d.ts declares');
    for (const name of functions) assert.ok(result.workerMembers.includes(name), `the worker has ${name}`);
    assert.deepEqual(problems, []);
    return served.requests;
  } finally {
    await context.close();
    await served.close();
  }
}

test('the consumer apps are in the repository', () => {
  for (const file of ['vite/index.html', 'vite/main.js', 'esm/index.html', 'shared.js']) assert.ok(existsSync(join(consumers, file)), file);
});
