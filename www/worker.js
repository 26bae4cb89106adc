// Runs zhlens off the main thread, so that segmenting a long article never
// blocks the page.
//
// Protocol
//   page → worker  { id, text, view, referenceDate }
//                  view: 'original' | 'simplified' | 'traditional' | 'taiwan' | 'hongkong'
//   worker → page  { id, text, config, tokens, tags, words, figures, ms }   or   { id, error }
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
// `figures` are analyze()'s figures, their offsets moved into `text` like the
// tokens'. `ms` is the time analysis (and conversion) took.
import init, { analyze, detectScript, convertWithMap } from '/pkg/zhlens.js';

const WHITESPACE = /^\s+$/u;

const started = performance.now();
const ready = init();
ready.then(
  () => self.postMessage({ id: 0, ready: true, ms: performance.now() - started }),
  (error) => self.postMessage({ id: 0, error: `Could not load the segmenter: ${message(error)}` }),
);

self.addEventListener('message', async (event) => {
  const { id, text, view = 'original', referenceDate } = event.data ?? {};
  try {
    await ready;
  } catch (error) {
    self.postMessage({ id, error: `Could not load the segmenter: ${message(error)}` });
    return;
  }
  try {
    const t0 = performance.now();
    const analysis = analyze(text, referenceDate ? { referenceDate } : undefined);
    const config = configFor(detectScript(text), view);
    const converted = config ? convertWithMap(text, config) : null;
    const ms = performance.now() - t0;
    const { tokens, tags, words } = pack(analysis.tokens);
    const figures = analysis.figures.map(({ text: _, ...figure }) => figure);
    if (converted) {
      remap(tokens, 3, converted.map);
      const spans = new Uint32Array(figures.flatMap((f) => [f.start, f.end]));
      remap(spans, 2, converted.map);
      figures.forEach((f, i) => Object.assign(f, { start: spans[2 * i], end: spans[2 * i + 1] }));
    }
    const shown = converted ? converted.text : text;
    self.postMessage({ id, text: shown, config, tokens, tags, words, figures, ms }, [tokens.buffer]);
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
 * Moves packed, ascending spans ([start, end, …] every `stride` numbers) from
 * the original text to the converted one, in place, through the map's pieces
 * ([inStart, inEnd, outStart, outEnd] …, ascending). A span that starts or
 * ends inside a piece (one phrase converted as a whole across two words) is
 * widened to the piece; the renderer skips a span that then overlaps the one
 * before it, so the text is still shown once.
 */
function remap(spans, stride, map) {
  let piece = 0;
  const pieces = map.length / 4;
  for (let j = 0; j < spans.length; j += stride) {
    const start = spans[j];
    const end = spans[j + 1];
    while (piece < pieces - 1 && map[4 * piece + 1] <= start) piece += 1;
    let last = piece;
    while (last < pieces - 1 && map[4 * last + 1] < end) last += 1;
    spans[j] = map[4 * piece + 2];
    spans[j + 1] = map[4 * last + 3];
  }
}

function message(error) {
  return error instanceof Error ? error.message : String(error);
}
