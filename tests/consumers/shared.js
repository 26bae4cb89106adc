// The consumer apps' common part (copied next to each app by the tests):
// analyze a text on the main thread and in zhlens/worker, and put the
// results in the DOM with textContent.
export const TEXT = '今年1至7月，園區完成規模工業總產值218.8億元，同比增長5.25%。🚀𠀀';
export const OPTIONS = { referenceDate: '2025-09-15' };

export async function run({ init, analyze, convert, createWorker }) {
  const state = document.getElementById('state');
  try {
    await init();
    const main = analyze(TEXT, OPTIONS);
    const words = document.getElementById('words');
    for (const token of main.tokens) {
      const li = document.createElement('li');
      li.textContent = token.text;
      li.dataset.pos = token.pos;
      words.append(li);
    }
    const worker = createWorker();
    const inWorker = await worker.analyze(TEXT, OPTIONS);
    const converted = await worker.convert(TEXT, 't2s');
    worker.terminate();
    document.getElementById('result').textContent = JSON.stringify({
      main, worker: inWorker, convert: convert(TEXT, 't2s'), workerConvert: converted, workerMembers: Object.keys(worker).sort(),
    });
    state.textContent = 'done';
  } catch (error) {
    state.textContent = `error: ${error.message}`;
  }
}
