// The segmenters compared in eval and bench. Each `words(text)` returns the
// words of `text` as strings, in order (whitespace tokens may be included).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './common.mjs';

/** zhlens from pkg/ (build it first: `npm run build`), or from a copy of a built pkg/. */
export async function loadZhlens(pkg = join(root, 'pkg')) {
  const mod = await import(pathToFileURL(join(pkg, 'zhlens.js')).href);
  await mod.default();
  return mod;
}

/** jieba-wasm's Node build (CommonJS, instantiated on import). */
export async function loadJiebaWasm() {
  return import('jieba-wasm');
}

/** @node-rs/jieba (native N-API addon) with its default dictionary. */
export async function loadNodeRsJieba() {
  const { Jieba } = await import('@node-rs/jieba');
  const { dict } = await import('@node-rs/jieba/dict.js');
  return Jieba.withDict(dict);
}

const wordSegmenter = () => new Intl.Segmenter('zh', { granularity: 'word' });

/** The word segmenters of the evaluation, in report order. */
export async function evalSystems() {
  const zhlens = await loadZhlens();
  const jieba = await loadJiebaWasm();
  const intl = wordSegmenter();
  return [
    { id: 'zhlens', label: 'zhlens (default: hmm on for Traditional only)', words: (t) => zhlens.segment(t).map((w) => w.text) },
    { id: 'zhlens-no-hmm', label: 'zhlens (hmm:false)', words: (t) => zhlens.segment(t, { hmm: false }).map((w) => w.text) },
    { id: 'zhlens-hmm', label: 'zhlens (hmm:true)', words: (t) => zhlens.segment(t, { hmm: true }).map((w) => w.text) },
    { id: 'jieba-wasm-hmm', label: 'jieba-wasm cut(hmm:true, default)', words: (t) => jieba.cut(t, true) },
    { id: 'jieba-wasm', label: 'jieba-wasm cut(hmm:false)', words: (t) => jieba.cut(t, false) },
    { id: 'intl', label: "Intl.Segmenter('zh')", words: (t) => Array.from(intl.segment(t), (s) => s.segment) },
  ];
}

export { wordSegmenter };
