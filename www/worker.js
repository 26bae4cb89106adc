// Runs zhlens off the main thread, so that segmenting a long article never
// blocks the page.
//
// Protocol
//   page → worker  { id, text, view }   view: 'original' | 'simplified' | 'traditional' | 'taiwan' | 'hongkong'
//   worker → page  { id, text, config, tokens, tags, words, ms }   or   { id, error }
//   worker → page  { id: 0, ready: true, ms }         once, when init() resolved
//                  { id: 0, error }                   once, if it failed
//
// `text` is the article in the script asked for (the one sent, for 'original'
// or when it is already in that script), `config` the OpenCC configuration
// that converted it (null when none did).
// `tokens` is a packed Uint32Array [start, end, tag, start, end, tag, …]
// (UTF-16 offsets into `text`, carried over from the words of the original
// through the conversion's map; `tag` indexes `tags`, and
// `tags[0]` is '' for whitespace tokens, which the page renders as plain text).
// Its buffer is transferred: structured-cloning one object per token would
// cost the main thread hundreds of milliseconds on a 1 MB article.
// `words` counts the tokens that are not whitespace or punctuation (pos 'x').
// `ms` is the time segment() took.
import init, { segment, detectScript, convertWithMap } from '/pkg/zhlens.js';

const WHITESPACE = /^\s+$/u;

const started = performance.now();
const ready = init();
ready.then(
  () => self.postMessage({ id: 0, ready: true, ms: performance.now() - started }),
  (error) => self.postMessage({ id: 0, error: `Could not load the segmenter: ${message(error)}` }),
);

self.addEventListener('message', async (event) => {
  const { id, text, view = 'original' } = event.data ?? {};
  try {
    await ready;
  } catch (error) {
    self.postMessage({ id, error: `Could not load the segmenter: ${message(error)}` });
    return;
  }
  try {
    const t0 = performance.now();
    const list = segment(text);
    const config = configFor(detectScript(text), view);
    const converted = config ? convertWithMap(text, config) : null;
    const ms = performance.now() - t0;
    const { tokens, tags, words } = pack(list);
    const shown = converted ? remap(tokens, converted.map) : tokens;
    self.postMessage({ id, text: converted ? converted.text : text, config, tokens: shown, tags, words, ms }, [shown.buffer]);
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

/**
 * The OpenCC configuration that shows a text in `view`, or null when the text
 * is already in that script. A mixed text counts as the script most of its
 * distinctive characters are in.
 */
function configFor(report, view) {
  const traditional = report.traditional > report.simplified;
  switch (view) {
    case 'simplified': return traditional ? 't2s' : null;
    case 'traditional': return traditional ? null : 's2t';
    case 'taiwan': return traditional ? 't2tw' : 's2twp';
    case 'hongkong': return traditional ? 't2hk' : 's2hk';
    default: return null;
  }
}

/**
 * Moves packed token offsets from the original text to the converted one,
 * through the map's pieces ([inStart, inEnd, outStart, outEnd] …, ascending).
 * A token that starts or ends inside a piece (one phrase converted as a whole
 * across two words) is widened to the piece; the renderer skips a token that
 * then overlaps the one before it, so the text is still shown once.
 */
function remap(tokens, map) {
  const out = new Uint32Array(tokens.length);
  let piece = 0;
  const pieces = map.length / 4;
  for (let j = 0; j < tokens.length; j += 3) {
    const start = tokens[j];
    const end = tokens[j + 1];
    while (piece < pieces - 1 && map[4 * piece + 1] <= start) piece += 1;
    let last = piece;
    while (last < pieces - 1 && map[4 * last + 1] < end) last += 1;
    out[j] = map[4 * piece + 2];
    out[j + 1] = map[4 * last + 3];
    out[j + 2] = tokens[j + 2];
  }
  return out;
}

function message(error) {
  return error instanceof Error ? error.message : String(error);
}
