// zhlens demo page. zhlens runs in a Web Worker through the package's own
// helper, zhlens/worker (/pkg/worker.js): analysis, script detection and
// conversion off the main thread, tokens transferred packed (analyzePacked).
// This module renders the words as <span class="w …" data-pos="…" title="…">
// elements.
//
// The DOM is built with createElement/cloneNode + textContent only: the text
// is the user's and is never parsed as HTML. Rendering is one cursor pass over
// the sorted token offsets (as spaCy's displaCy does for entity spans): any
// gap between tokens is emitted as plain text, so the output's textContent is
// always exactly the input.
//
// Long articles: the main thread only ever works for SLICE_MS at a time, then
// yields so that the page keeps painting and answering input. Words go into
// block "chunks" of a few thousand tokens, cut after a newline; chunks use
// `content-visibility: auto`, so the browser lays out only what is on screen.
// Analyzing again cancels the render in progress.

import { createWorker } from '/pkg/worker.js';

const SLICE_MS = 8; // main-thread budget per slice
const BATCH = 3000; // spans per DocumentFragment
const CHUNK_SOFT = 500; // tokens in a chunk before we cut it at the next newline
const CHUNK_HARD = 5000; // …or cut it anyway, when a paragraph is this long
const LONG_WORD = 16; // words up to this many code units never wrap inside (CSS nowrap)

const form = document.getElementById('form');
const textarea = document.getElementById('text');
const statusLine = document.getElementById('status');
const progress = document.getElementById('progress');
const output = document.getElementById('output');
const view = document.getElementById('view');
const referenceDate = document.getElementById('refdate');
const figureTable = document.getElementById('figures');
const figureNote = document.getElementById('figures-note');
const figureToggles = document.getElementById('figure-kinds');

const zhlens = createWorker();

let nextId = 1;
/** The request whose answer we want; answers to older ones are dropped. */
let latest = null;
/** The render in progress: `{ cancelled }`. */
let rendering = null;

zhlens.ready.then(
  // Loading finished before any answer: say so unless a result is showing.
  () => {
    if (latest && output.dataset.state === 'busy') setStatus('Analyzing…');
  },
  (error) => {
    latest = null;
    fail(describeError(error));
  },
);

/** The status line's words for a failed request or a worker that failed to load. */
function describeError(error) {
  if (error.name === 'ZhlensLoadError') return `Could not load the segmenter: ${error.message}`;
  if (error.name === 'ZhlensWorkerError') return `The analysis worker ${error.message.replace(/^the zhlens worker /, '')}`;
  return error.message;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  analyze();
});

view.addEventListener('change', () => analyze());
referenceDate.value ||= todayIso();
referenceDate.addEventListener('change', () => analyze());

figureToggles.addEventListener('change', (event) => {
  const box = event.target;
  if (box instanceof HTMLInputElement) output.classList.toggle(`hide-${box.value}`, !box.checked);
});

figureTable.addEventListener('click', (event) => {
  const row = event.target instanceof Element ? event.target.closest('tr[data-fig]') : null;
  if (row) flashFigure(row.dataset.fig);
});
figureTable.addEventListener('keydown', (event) => {
  const row = event.target instanceof Element ? event.target.closest('tr[data-fig]') : null;
  if (row && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    flashFigure(row.dataset.fig);
  }
});

function todayIso() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

textarea.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    analyze();
  }
});

analyze();

function analyze() {
  cancelRender();
  const text = textarea.value;
  if (text.trim() === '') {
    latest = null;
    rendering = { cancelled: false };
    clearOutput(rendering);
    output.dataset.state = 'empty';
    output.setAttribute('aria-busy', 'false');
    setStatus('Paste an article first.');
    return;
  }
  const id = nextId++;
  latest = { id };
  output.dataset.state = 'busy';
  output.setAttribute('aria-busy', 'true');
  setStatus(nextId === 2 ? 'Loading the segmenter…' : 'Analyzing…');
  request(text, view.value, referenceDate.value || undefined).then(
    (result) => {
      if (!latest || id !== latest.id) return; // an older request: dropped
      latest = null;
      show(result);
    },
    (error) => {
      if (!latest || id !== latest.id) return;
      latest = null;
      fail(describeError(error));
    },
  );
}

const WHITESPACE = /^\s+$/u;

/**
 * Analyzes `text` in the worker and, when `view` asks for another script,
 * converts it there too. Returns what `show` renders: `{ text, config,
 * tokens, tags, words, figures, ms }`, where `text` is the text in the script
 * asked for, `config` the OpenCC configuration that converted it (null when
 * none did), `tokens` a packed Uint32Array [start, end, tag, …] of UTF-16
 * offsets into `text` (carried over from the original's words through the
 * conversion's map) with `tag` indexing `tags`, and `tags[0]` '' for
 * whitespace tokens, which are rendered as plain text; `words` counts the
 * tokens that are not whitespace or punctuation (pos 'x'), and `ms` is the
 * time the worker's answers took.
 */
async function request(text, view, referenceDate) {
  const started = performance.now();
  const [analysis, report] = await Promise.all([
    zhlens.analyzePacked(text, referenceDate ? { referenceDate } : undefined),
    zhlens.detectScript(text),
  ]);
  const config = configFor(report, view);
  const converted = config ? await zhlens.convertWithMap(text, config) : null;
  const ms = performance.now() - started;
  const { tokens } = analysis;
  const { tags, words } = retag(text, tokens, analysis.tags);
  const figures = analysis.figures.map(({ text: _, ...figure }) => figure);
  if (converted) {
    remap(tokens, 3, converted.map);
    const spans = new Uint32Array(figures.flatMap((f) => [f.start, f.end]));
    remap(spans, 2, converted.map);
    figures.forEach((f, i) => Object.assign(f, { start: spans[2 * i], end: spans[2 * i + 1] }));
  }
  return { text: converted ? converted.text : text, config, tokens, tags, words, figures, ms };
}

/**
 * Rewrites the packed tokens' tag column, in place, to index the tags this
 * text uses, with tag 0 ('') for whitespace; counts the words.
 */
function retag(text, tokens, all) {
  const tags = [''];
  const index = new Map();
  const x = all.indexOf('x');
  let words = 0;
  for (let j = 0; j < tokens.length; j += 3) {
    const pos = tokens[j + 2];
    if (pos === x && WHITESPACE.test(text.slice(tokens[j], tokens[j + 1]))) {
      tokens[j + 2] = 0;
      continue;
    }
    let tag = index.get(pos);
    if (tag === undefined) {
      tag = tags.push(all[pos]) - 1;
      index.set(pos, tag);
    }
    if (pos !== x) words += 1;
    tokens[j + 2] = tag;
  }
  return { tags, words };
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

function cancelRender() {
  if (rendering) rendering.cancelled = true;
  rendering = null;
  progress.hidden = true;
}

function fail(message) {
  cancelRender();
  output.dataset.state = 'error';
  output.setAttribute('aria-busy', 'false');
  setStatus(`Error: ${message}`, true);
}

function setStatus(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

/**
 * Empties the output a chunk at a time, last first: removing 10⁵ words at once
 * would block the main thread for tens of milliseconds. Resolves false if
 * `job` was cancelled meanwhile (the next clear takes the rest).
 */
async function clearOutput(job) {
  const old = Array.from(output.childNodes).reverse();
  let deadline = performance.now() + SLICE_MS;
  for (const node of old) {
    node.remove();
    if (performance.now() > deadline) {
      await yieldToBrowser();
      if (job.cancelled) return false;
      deadline = performance.now() + SLICE_MS;
    }
  }
  return true;
}

async function show({ text, config, tokens, tags, words, figures, ms }) {
  const job = { cancelled: false };
  rendering = job;
  output.dataset.config = config ?? '';
  const started = performance.now();
  const count = tokens.length / 3;
  const summary = `${words.toLocaleString('en-US')} ${words === 1 ? 'word' : 'words'}, ${figures.length.toLocaleString('en-US')} ${figures.length === 1 ? 'figure' : 'figures'} in ${formatMs(ms)}${config ? ` · shown as ${config}` : ''}`;
  setStatus(`${summary} · rendering…`);
  progress.value = 0;
  progress.hidden = count < BATCH * 2;

  if (!(await clearOutput(job))) return;
  showFigureTable(figures, text);
  const target = output;
  const protos = tags.map(prototype);

  let chunk = null;
  let chunkTokens = 0;
  let fragment = document.createDocumentFragment();
  const newChunk = () => {
    if (chunk) chunk.append(fragment);
    fragment = document.createDocumentFragment();
    chunk = document.createElement('div');
    chunk.className = 'chunk';
    target.append(chunk);
    chunkTokens = 0;
  };
  newChunk();

  // One cursor pass over two sorted span lists, as displaCy does: figures
  // become <mark> elements, and the words inside them (a word that crosses
  // a figure's edge is cut there) go into the mark.
  let nextFigure = 0;
  let open = null; // { mark, end } of the figure being filled
  const place = (from, to, make) => {
    let at = from;
    while (at < to) {
      if (open && at >= open.end) open = null;
      while (!open && nextFigure < figures.length && figures[nextFigure].end <= at) nextFigure += 1;
      if (!open && nextFigure < figures.length && figures[nextFigure].start <= at) {
        const mark = figureMark(figures[nextFigure], nextFigure);
        fragment.append(mark);
        open = { mark, end: figures[nextFigure].end };
        nextFigure += 1;
      }
      const limit = open ? open.end : nextFigure < figures.length ? figures[nextFigure].start : Infinity;
      const stop = Math.min(to, limit);
      (open ? open.mark : fragment).append(make(text.slice(at, stop)));
      at = stop;
    }
  };
  const plain = (piece) => piece;

  let cursor = 0;
  let i = 0;
  while (i < count) {
    const deadline = performance.now() + SLICE_MS;
    do {
      let spans = 0;
      for (; i < count && spans < BATCH; i += 1) {
        const start = tokens[3 * i];
        const end = tokens[3 * i + 1];
        const tag = tokens[3 * i + 2];
        if (start < cursor || end <= start || end > text.length) continue; // never overlap or overrun
        if (start > cursor) place(cursor, start, plain);
        cursor = end;
        chunkTokens += 1;
        if (tag === 0 || protos[tag] === null) {
          place(start, end, plain);
          if (chunkTokens >= CHUNK_SOFT && !open && text.slice(start, end).includes('\n')) newChunk();
        } else {
          place(start, end, (piece) => {
            const span = protos[tag].cloneNode(false);
            if (piece.length > LONG_WORD) span.classList.add('long');
            span.textContent = piece;
            return span;
          });
          spans += 1;
          if (chunkTokens >= CHUNK_HARD && !open) newChunk();
        }
      }
      chunk.append(fragment);
      fragment = document.createDocumentFragment();
    } while (i < count && performance.now() < deadline);
    if (i < count) {
      progress.value = i / count;
      await yieldToBrowser();
      if (job.cancelled) return;
    }
  }
  if (cursor < text.length) {
    place(cursor, text.length, plain);
    chunk.append(fragment);
  }

  rendering = null;
  progress.hidden = true;
  target.dataset.state = 'done';
  target.setAttribute('aria-busy', 'false');
  const took = performance.now() - started;
  setStatus(took < 100 ? summary : `${summary} · rendered in ${formatMs(took)}`);
}

const FIGURE_LABELS = {
  money: 'money', percent: 'percent', quantity: 'quantity', number: 'number', ordinal: 'ordinal', date: 'date', period: 'period',
};

/** A <mark> for a figure: its kind for CSS and the legend's toggles, its index for the table. */
function figureMark(figure, index) {
  const mark = document.createElement('mark');
  mark.className = 'fig';
  mark.dataset.kind = figure.kind;
  mark.dataset.fig = String(index);
  mark.dataset.label = FIGURE_LABELS[figure.kind] ?? figure.kind;
  mark.title = `${figure.kind}: ${formatValue(figure)}`;
  return mark;
}

/** Rows past this many are summarized: a table of 10⁴ rows helps nobody. */
const TABLE_ROWS = 1000;

/** The side table: one row per figure of `text`; a click scrolls to its span and flashes it. */
function showFigureTable(figures, text) {
  const body = document.createElement('tbody');
  figures.slice(0, TABLE_ROWS).forEach((figure, index) => {
    const row = document.createElement('tr');
    row.dataset.fig = String(index);
    row.tabIndex = 0;
    const kind = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = 'kind';
    badge.dataset.kind = figure.kind;
    badge.textContent = figure.kind;
    kind.append(badge);
    const written = document.createElement('td');
    written.lang = 'zh';
    written.textContent = text.slice(figure.start, figure.end);
    const value = document.createElement('td');
    value.textContent = formatValue(figure);
    const exact = document.createElement('td');
    exact.className = 'exact';
    exact.textContent = typeof figure.value === 'number' ? exactNumber(figure.value) : '';
    row.append(kind, written, value, exact);
    body.append(row);
  });
  figureTable.tBodies[0].replaceWith(body);
  figureNote.textContent = figures.length > TABLE_ROWS
    ? `The first ${TABLE_ROWS.toLocaleString('en-US')} of ${figures.length.toLocaleString('en-US')} figures.`
    : figures.length === 0 ? 'No figures in this text.' : '';
}

function flashFigure(index) {
  const mark = output.querySelector(`mark.fig[data-fig="${index}"]`);
  if (!mark) return;
  mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
  mark.classList.remove('flash');
  void mark.offsetWidth; // restart the animation
  mark.classList.add('flash');
}

/** 218.8億 CNY, 5.25%, 0.3 pp, ≥300萬 CNY, 2025-01 → 2025-07. */
function formatValue(figure) {
  const bound = { over: '≥', under: '≤', about: '≈' }[figure.approx] ?? '';
  const number = (n) => (figure.kind === 'money' || figure.kind === 'quantity' ? chineseScale(n) : trimNumber(n));
  if (figure.kind === 'period') return figure.value.replace('/', ' → ');
  if (figure.kind === 'date') return figure.value;
  const amount = figure.range ? `${number(figure.range[0])}–${number(figure.range[1])}` : number(figure.value);
  if (figure.kind === 'percent') return `${bound}${amount}${figure.unit === 'pp' ? ' pp' : '%'}`;
  if (figure.kind === 'ordinal') return `#${amount}`;
  return `${bound}${amount}${figure.unit ? ` ${figure.unit}` : ''}`;
}

/** 21880000000 → 218.8億; 13600 → 1.36萬. */
function chineseScale(n) {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e8) return `${trimNumber(n / 1e8)}億`;
  if (abs >= 1e4) return `${trimNumber(n / 1e4)}萬`;
  return trimNumber(n);
}

function trimNumber(n) {
  return Number.isFinite(n) ? String(Number(n.toPrecision(12))) : String(n);
}

/** 21,880,000,000 */
function exactNumber(n) {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(n);
}

/** A span to clone for each tag: class "w <family>", data-pos and title set once. */
function prototype(pos, index) {
  if (index === 0) return null; // whitespace
  const span = document.createElement('span');
  span.className = `w ${family(pos)}`;
  span.dataset.pos = pos;
  span.title = pos;
  return span;
}

/** jieba tag → colour family (see the legend and style.css). */
function family(pos) {
  if (pos.startsWith('nr')) return 'person'; // nr, nrfg, nrt
  if (pos === 'ns') return 'place';
  if (pos === 'nt') return 'org';
  if (pos.startsWith('n')) return 'noun'; // n, ng, nz
  if (pos.startsWith('v')) return 'verb'; // v, vd, vg, vi, vn, vq
  if (pos.startsWith('m') || pos.startsWith('t') || pos === 'q') return 'num'; // numerals, measure words, time
  if (pos === 'x' || pos === 'w') return 'punct';
  return 'other';
}

function formatMs(ms) {
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;
}

/**
 * Resolves just after the next frame has been painted, so each slice of work
 * gets a frame of its own and input is handled in between. (scheduler.yield()
 * is no good here: its continuations outrank rendering, and Chromium then
 * paints only every ~130 ms.) Hidden tabs run no frames: fall back to a timer.
 */
function yieldToBrowser() {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    requestAnimationFrame(() => setTimeout(go, 0));
    setTimeout(go, 100);
  });
}
