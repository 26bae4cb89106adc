// Runs zhlens off the main thread, so that segmenting a long article never
// blocks the page.
//
// Protocol
//   page → worker  { id, text }
//   worker → page  { id, tokens, tags, words, ms }   or   { id, error }
//   worker → page  { id: 0, ready: true, ms }         once, when init() resolved
//                  { id: 0, error }                   once, if it failed
//
// `tokens` is a packed Uint32Array [start, end, tag, start, end, tag, …]
// (UTF-16 offsets into the text the page sent; `tag` indexes `tags`, and
// `tags[0]` is '' for whitespace tokens, which the page renders as plain text).
// Its buffer is transferred: structured-cloning one object per token would
// cost the main thread hundreds of milliseconds on a 1 MB article.
// `words` counts the tokens that are not whitespace or punctuation (pos 'x').
// `ms` is the time segment() took.
import init, { segment } from '/pkg/zhlens.js';

const WHITESPACE = /^\s+$/u;

const started = performance.now();
const ready = init();
ready.then(
  () => self.postMessage({ id: 0, ready: true, ms: performance.now() - started }),
  (error) => self.postMessage({ id: 0, error: `Could not load the segmenter: ${message(error)}` }),
);

self.addEventListener('message', async (event) => {
  const { id, text } = event.data ?? {};
  try {
    await ready;
  } catch (error) {
    self.postMessage({ id, error: `Could not load the segmenter: ${message(error)}` });
    return;
  }
  try {
    const t0 = performance.now();
    const list = segment(text);
    const ms = performance.now() - t0;
    const { tokens, tags, words } = pack(list);
    self.postMessage({ id, tokens, tags, words, ms }, [tokens.buffer]);
  } catch (error) {
    self.postMessage({ id, error: message(error) });
  }
});

function pack(list) {
  const tokens = new Uint32Array(list.length * 3);
  const tags = [''];
  const index = new Map();
  let words = 0;
  for (let i = 0, j = 0; i < list.length; i += 1, j += 3) {
    const { text, start, end, pos } = list[i];
    let tag;
    if (pos === 'x' && WHITESPACE.test(text)) {
      tag = 0;
    } else {
      tag = index.get(pos);
      if (tag === undefined) {
        tag = tags.push(pos) - 1;
        index.set(pos, tag);
      }
      if (pos !== 'x') words += 1;
    }
    tokens[j] = start;
    tokens[j + 1] = end;
    tokens[j + 2] = tag;
  }
  return { tokens, tags, words };
}

function message(error) {
  return error instanceof Error ? error.message : String(error);
}
