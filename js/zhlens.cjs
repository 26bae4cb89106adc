// zhlens for CommonJS: `const zhlens = require('zhlens')`.
//
// The package is ESM; this wrapper loads it with a dynamic import() inside
// init(), so `await zhlens.init()` (or `zhlens.default()`) is required before
// the other functions, exactly as in ESM. Every function is defined from the
// start (destructuring `const { segment } = require('zhlens')` works) and
// forwards to the ESM module once init() has loaded it. There is one wasm
// module per process, shared with any ESM `import 'zhlens'`.
'use strict';

/** The ESM exports, once init() has loaded them. */
let esm = null;
let loading = null;

function init(options) {
  if (loading === null) {
    loading = import('./zhlens.js')
      .then(async (module) => {
        await module.default(options);
        esm = module;
      })
      .catch((error) => {
        loading = null;
        throw error;
      });
  }
  return loading;
}

function forward(name) {
  return function zhlensFunction(...args) {
    if (esm === null) throw new Error(`zhlens.${name}: call \`await init()\` first`);
    return esm[name](...args);
  };
}

// The ESM module's exported functions (but default, which is init): filled
// in from zhlens.js by scripts/build.mjs; tests/js/runtimes.test.mjs checks.
const NAMES = /* exports of zhlens.js */ [];

module.exports = { init, default: init };
for (const name of NAMES) module.exports[name] = forward(name);
Object.defineProperty(module.exports, '__esModule', { value: true });
Object.defineProperty(module.exports, '__internals', {
  get: () => esm?.__internals,
});
