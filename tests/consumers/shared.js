// The consumer apps' common part (copied next to each app by the tests):
// analyze a text on the main thread, call every function zhlens exports on
// the main thread and in zhlens/worker, and put the results in the DOM with
// textContent.
export const TEXT = '今年1至7月，園區完成規模工業總產值218.8億元，同比增長5.25%。🚀𠀀';
export const OPTIONS = { referenceDate: '2025-09-15' };

/** The arguments each function is called with, on both sides. */
const CALLS = {
  analyze: [TEXT, OPTIONS],
  segment: [TEXT, { hmm: true }],
  numbers: [TEXT],
  convert: [TEXT, 't2s'],
  convertWithMap: [TEXT, 't2s'],
  detectScript: [TEXT],
  maxLength: [],
  // Last: a word of the reader's own, absent from TEXT, changes no result above.
  addWords: [[{ text: '天易經開區', kind: 'org' }]],
};

/** `zhlens` is the module's namespace, `createWorker` zhlens/worker's. */
export async function run(zhlens, createWorker) {
  const state = document.getElementById('state');
  try {
    await zhlens.default();
    const main = zhlens.analyze(TEXT, OPTIONS);
    const words = document.getElementById('words');
    for (const token of main.tokens) {
      const li = document.createElement('li');
      li.textContent = token.text;
      li.dataset.pos = token.pos;
      words.append(li);
    }
    const worker = createWorker();
    const calls = {};
    for (const [name, args] of Object.entries(CALLS)) {
      calls[name] = { main: zhlens[name](...args), worker: await worker[name](...args) };
    }
    // convertWithMap's span mapping works on the worker's result as on the main thread's.
    const spans = (converted) => [converted.toOutput(6, 13), converted.toInput(0, 6)];
    calls.spans = { main: spans(calls.convertWithMap.main), worker: spans(calls.convertWithMap.worker) };
    const workerMembers = Object.keys(worker).sort();
    worker.terminate();
    document.getElementById('result').textContent = JSON.stringify({
      main, calls, exports: Object.keys(zhlens).sort(), workerMembers,
    });
    state.textContent = 'done';
  } catch (error) {
    state.textContent = `error: ${error.message}`;
  }
}
