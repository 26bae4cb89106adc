// zhlens/worker: zhlens in a module Web Worker, behind promises.
//
//   import { createWorker } from 'zhlens/worker';
//   const zhlens = createWorker();
//   const { tokens, figures } = await zhlens.analyze(text, { referenceDate: '2025-09-15' });
//   zhlens.terminate();
//
// This module never loads the wasm itself: the worker (zhlens_worker.js) does.
// It offers every function zhlens exports, as a promise of the same result.
// Tokens come back packed and transferred (see zhlens_worker.js); analyze()
// and segment() unpack them into the same objects as zhlens's, and
// analyzePacked() hands over the packed Uint32Array as it is. Declarations:
// worker.d.ts.

import { unpackTokens } from './tokens.js';
import { ConvertedWithMap } from './converted.js';

export function createWorker(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('zhlens/worker: options must be an object');
  }
  // Literal `new Worker(new URL(…, import.meta.url), { type: 'module' })`,
  // the form bundlers (Vite, webpack 5, Parcel) recognize and bundle.
  const worker = options.url
    ? new Worker(options.url, { type: 'module' })
    : new Worker(new URL('./zhlens_worker.js', import.meta.url), { type: 'module' });
  const pending = new Map();
  let nextId = 1;
  let tags = null;
  let failure = null;
  let settle;
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A failure before anyone awaits `ready` is not an unhandled rejection.
  ready.catch(() => {});

  const fail = (error) => {
    if (failure) return;
    failure = error;
    settle.reject(error);
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  worker.addEventListener('message', ({ data }) => {
    if (data.id === 0) {
      if (data.error) fail(named(data.error.message, 'ZhlensLoadError'));
      else {
        tags = data.tags;
        settle.resolve();
      }
      return;
    }
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.error) {
      // A load failure is reported to each waiting call too: keep its name.
      call.reject(named(data.error.message, failure ? failure.name : data.error.name));
    } else call.resolve(data.result);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(named(`the zhlens worker failed${event.message ? `: ${event.message}` : ' to load (zhlens_worker.js or zhlens.js)'}`, 'ZhlensWorkerError'));
  });
  worker.addEventListener('messageerror', () => {
    fail(named('the zhlens worker sent a message that could not be read', 'ZhlensWorkerError'));
  });

  const call = (method, args) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
  };

  return {
    ready,
    analyzePacked: async (text, options) => ({ ...(await call('analyze', [text, options])), tags }),
    async analyze(text, options) {
      const analysis = await call('analyze', [text, options]);
      return { ...analysis, tokens: unpackTokens(text, analysis.tokens, tags) };
    },
    segment: async (text, options) => unpackTokens(text, await call('segment', [text, options]), tags),
    numbers: (text) => call('numbers', [text]),
    convert: (text, config) => call('convert', [text, config]),
    async convertWithMap(text, config) {
      const { text: converted, map } = await call('convertWithMap', [text, config]);
      return new ConvertedWithMap(converted, map);
    },
    detectScript: (text) => call('detectScript', [text]),
    maxLength: () => call('maxLength', []),
    addWords: (words) => call('addWords', [words]).then(() => undefined),
    terminate() {
      worker.terminate();
      fail(named('the zhlens worker was terminated', 'ZhlensWorkerError'));
    },
  };
}

function named(message, name) {
  const error = new Error(message);
  error.name = name;
  return error;
}
