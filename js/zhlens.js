// zhlens: Chinese news text analysis in WebAssembly.
// The one JavaScript module users import; it loads the wasm module and turns
// its packed results into plain objects. Types: zhlens.d.ts.
import initWasm, {
  prepare, posTags, maxTextLength, segmentPacked,
  analyzePacked, numbersPacked, addWords as addWordsWasm,
  convert as convertWasm, convertWithMap as convertWithMapWasm, detectScript as detectScriptWasm,
  takePanic, panicForTests, vocabulary,
} from './zhlens_wasm.js';
import { unpackTokens } from './tokens.js';
import { ConvertedWithMap } from './converted.js';

let loading = null;
let tags = null;
let wasmExports = null;

/**
 * Loads the WebAssembly module and the dictionary inside it. Idempotent:
 * every call returns the same promise. In Node it reads the .wasm file next
 * to this module; in browsers it fetches it (bundlers see the `new URL`).
 */
export default function init(options = {}) {
  if (loading === null) {
    loading = load(options).catch((error) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

async function load(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`zhlens.init: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'wasm') throw new TypeError(`zhlens.init: unknown option ${JSON.stringify(key)}; the options are: wasm`);
  }
  let source = options.wasm ?? new URL('./zhlens_wasm_bg.wasm', import.meta.url);
  if (source instanceof URL && source.protocol === 'file:') {
    const { readFile } = await import(/* @vite-ignore */ 'node:fs/promises');
    source = await readFile(source);
  }
  wasmExports = await initWasm({ module_or_path: source });
  prepare();
  tags = posTags();
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

function ready(fn) {
  if (tags === null) throw new Error(`zhlens.${fn}: call \`await init()\` first`);
}

/**
 * Runs `call` (a wasm call) for export `fn`. A Rust panic, were one left,
 * traps as a `WebAssembly.RuntimeError` ("unreachable"): it becomes an
 * `Error` with the panic's message, and the module keeps working.
 */
function guard(fn, call) {
  ready(fn);
  try {
    return call();
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    const message = takePanic() ?? error.message;
    throw new Error(`zhlens.${fn}: internal error, please report it: ${message}`, { cause: error });
  }
}

/**
 * Not API (not in zhlens.d.ts): for the package's own tests. `panic` makes
 * Rust panic (no export is known to), `vocabulary` lists the names the
 * declarations spell out (figure kinds, configs, POS tags …) from the Rust
 * types, `memoryBytes` is the size of the wasm memory; `analyzePacked` and
 * `segmentPacked` leave the tokens packed, for zhlens/worker to transfer.
 */
export const __internals = Object.freeze({
  panic: (message) => guard('__internals.panic', () => panicForTests(message)),
  vocabulary: () => guard('__internals.vocabulary', () => vocabulary()),
  memoryBytes: () => guard('__internals.memoryBytes', () => wasmExports.memory.buffer.byteLength),
  analyzePacked: (text, options) => analyzeWithPackedTokens(text, options),
  segmentPacked: (text, options) => guard('segment', () => segmentPacked(text, options)),
});

/**
 * Adds the reader's own words, `[{ text, pos?, freq?, kind? }]`: each
 * segments as one token from then on, and one with a `kind` ('person',
 * 'place' or 'org') is an entity wherever it stands as a word. A bad entry
 * throws an Error naming it, and then none is added.
 */
export function addWords(words) {
  guard('addWords', () => addWordsWasm(words));
}

/** The longest text `segment` accepts, in UTF-16 code units. */
export function maxLength() {
  return guard('maxLength', () => maxTextLength());
}

/**
 * Splits `text` into words: `[{ text, start, end, pos }]`, with `start` and
 * `end` in UTF-16 code units so that `text.slice(start, end)` is the word.
 */
export function segment(text, options) {
  return unpackTokens(text, guard('segment', () => segmentPacked(text, options)), tags);
}

/**
 * Segments `text` and finds its figures, entities and metrics in one call:
 * `{ region, tokens, figures, entities, metrics }`. `options.region` ('CN',
 * 'TW', 'HK' or 'auto', the default) says which press wrote it; `region` in
 * the result is the one asked for or detected.
 * A figure is `{ kind, text, start, end, value, unit, approx?, range? }`
 * with UTF-16 offsets; a metric holds its figures whole. `options.referenceDate`
 * ('YYYY-MM-DD' or a Date; default: today) resolves relative dates such as
 * 今年 and 去年12月.
 */
export function analyze(text, options) {
  const analysis = analyzeWithPackedTokens(text, options);
  return { ...analysis, tokens: unpackTokens(text, analysis.tokens, tags) };
}

/**
 * `analyze`, with the tokens left as wasm packs them: a Uint32Array of
 * [start, end, tag, …] (tag indexes `vocabulary().posTags`). zhlens/worker
 * transfers it to the page as it is. The rest comes from Rust in its final
 * shape (src/wasm.rs, `analysis_json`); all this adds is the `text` of each
 * span, which is any object with `start` and `end`.
 */
function analyzeWithPackedTokens(text, options) {
  ready('analyze');
  const [tokens, json] = guard('analyze', () => analyzePacked(text, withReferenceDate(options)));
  const { region, figures, entities, metrics } = JSON.parse(json);
  const analysis = { region, tokens, figures, entities, metrics };
  addTexts(text, analysis);
  return analysis;
}

/**
 * Gives every span in `value` (any object with `start` and `end`, however
 * deep) its `text`, in place. A walk after JSON.parse: a reviver doing the
 * same took four times as long on a megabyte of news. Arrays are walked by
 * index and only objects are visited: `for…in` over an array's string keys
 * and a call per number made the walk twice as slow.
 */
function addTexts(text, value) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const item = value[i];
      if (typeof item === 'object' && item !== null) addTexts(text, item);
    }
    return;
  }
  if (typeof value.end === 'number') value.text = text.slice(value.start, value.end);
  for (const key in value) {
    const item = value[key];
    if (typeof item === 'object' && item !== null && !ArrayBuffer.isView(item)) addTexts(text, item);
  }
}

/**
 * Every number expression of `text` as written, whatever it measures:
 * `[{ text, start, end, value }]` with UTF-16 offsets (十斤 → 十 = 10,
 * 三分之一 → 1/3, 2e5 → 200000). One wasm call.
 */
export function numbers(text) {
  const [offsets, values] = guard('numbers', () => numbersPacked(text));
  const found = new Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const start = offsets[2 * i];
    const end = offsets[2 * i + 1];
    found[i] = { text: text.slice(start, end), start, end, value: values[i] };
  }
  return found;
}

/** The options with `referenceDate` as 'YYYY-MM-DD': today when absent. */
function withReferenceDate(options) {
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
    return options; // analyzePacked names the bad value
  }
  const date = options?.referenceDate ?? new Date();
  const iso = date instanceof Date ? isoDate(date) : date;
  return { ...options, referenceDate: iso };
}

function isoDate(date) {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const pad = (n, width) => String(n).padStart(width, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/**
 * Converts `text` between Chinese scripts with an OpenCC configuration
 * ('s2t', 't2s', 's2twp', …), keeping OpenCC's phrases from crossing words.
 */
export function convert(text, config) {
  return guard('convert', () => convertWasm(text, codeUnits(text), config));
}

/**
 * A string's UTF-16 code units (none for anything else, which wasm rejects
 * by name): Node's Buffer copies them in one go, a tenth of the time
 * TextEncoder takes to encode UTF-8; elsewhere, a loop as fast as encoding.
 */
function codeUnits(text) {
  if (typeof text !== 'string') return new Uint16Array(0);
  const units = new Uint16Array(text.length);
  if (typeof Buffer === 'function') Buffer.from(units.buffer).write(text, 'utf16le');
  else for (let i = 0; i < units.length; i += 1) units[i] = text.charCodeAt(i);
  return units;
}

/**
 * `convert`, plus `map`: a Uint32Array of [inStart, inEnd, outStart, outEnd]
 * per piece, in UTF-16 code units, ascending and covering both strings; and
 * `toOutput(start, end)` / `toInput(start, end)`, which move a span across.
 */
export function convertWithMap(text, config) {
  const { text: converted, map } = guard('convertWithMap', () => convertWithMapWasm(text, config));
  return new ConvertedWithMap(converted, map);
}

/** Which script `text` is in: `{ script, traditional, simplified }`. */
export function detectScript(text) {
  return guard('detectScript', () => detectScriptWasm(text));
}
