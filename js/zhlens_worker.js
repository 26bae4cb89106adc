// The module worker behind `zhlens/worker` (worker.js starts it): loads
// zhlens off the main thread and answers worker.js's requests.
//
//   caller → worker  { id, method, args }      method: one of METHODS below
//   worker → caller  { id, result }  or  { id, error: { name, message } }
//                    { id: 0, ready: true, tags }   once init() resolved (tags: every POS tag, by index)
//                    { id: 0, error }               once, if init() failed
//
// analyze's and segment's tokens are packed: a Uint32Array [start, end, tag,
// …] (analyze: { region, tokens, figures, entities, metrics }), and its
// buffer (and convertWithMap's map) is transferred, not copied: cloning one
// object per token costs the caller's thread far more than unpacking them
// where they are used. convertWithMap's result crosses as { text, map }, its
// methods are worker.js's to add back.
import init, { addWords, convert, convertWithMap, detectScript, numbers, maxLength, __internals } from './zhlens.js';

const ready = init();
ready.then(
  () => self.postMessage({ id: 0, ready: true, tags: __internals.vocabulary().posTags }),
  (error) => self.postMessage({ id: 0, error: describe(error) }),
);

/** Each method: its result and the buffers to transfer with it. */
const METHODS = {
  analyze(text, options) {
    const analysis = __internals.analyzePacked(text, options);
    return [analysis, [analysis.tokens.buffer]];
  },
  segment(text, options) {
    const tokens = __internals.segmentPacked(text, options);
    return [tokens, [tokens.buffer]];
  },
  numbers: (text) => [numbers(text), []],
  convert: (text, config) => [convert(text, config), []],
  convertWithMap(text, config) {
    const { text: converted, map } = convertWithMap(text, config);
    return [{ text: converted, map }, [map.buffer]];
  },
  detectScript: (text) => [detectScript(text), []],
  maxLength: () => [maxLength(), []],
  addWords: (words) => [addWords(words), []],
};

self.addEventListener('message', async (event) => {
  const { id, method, args = [] } = event.data ?? {};
  try {
    await ready;
  } catch (error) {
    self.postMessage({ id, error: describe(error) });
    return;
  }
  try {
    if (!Object.hasOwn(METHODS, method)) throw new Error(`zhlens/worker: unknown method ${JSON.stringify(method)}`);
    const [result, transfer] = METHODS[method](...args);
    self.postMessage({ id, result }, transfer);
  } catch (error) {
    self.postMessage({ id, error: describe(error) });
  }
});

function describe(error) {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
