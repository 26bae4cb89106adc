// zhlens demo page. zhlens runs in a Web Worker through the package's own
// helper, zhlens/worker (/pkg/worker.js): analysis, script detection and
// conversion off the main thread, tokens transferred packed (analyzePacked).
// This module renders the words as <span class="w …" data-pos="…" title="…">
// elements, inside <mark> elements for figures and entities and <span
// class="metric-part"> elements for metrics' indicators and changes.
//
// The DOM is built with createElement/cloneNode + textContent only: the text
// is the user's and is never parsed as HTML. Rendering is one cursor pass over
// the sorted token and annotation offsets (as spaCy's displaCy does for entity
// spans): any gap between tokens is emitted as plain text, so the output's
// textContent is always exactly the input.
//
// Long articles: the main thread only ever works for SLICE_MS at a time, then
// yields so that the page keeps painting and answering input. Words go into
// block "chunks" of a few thousand tokens, cut after a newline; chunks use
// `content-visibility: auto`, so the browser lays out only what is on screen.
// Analyzing again cancels the render in progress. Showing the article in
// another script only converts it again: the analysis is kept, and its spans
// move to the converted text through convertWithMap's `toOutput`.

import { createWorker } from '/pkg/worker.js';
import { csvFile } from './csv.js';

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
const regionChoice = document.getElementById('region');
const autoRegion = regionChoice.querySelector('option[value="auto"]');
const figureTable = document.getElementById('figures');
const figureNote = document.getElementById('figures-note');
const kindToggles = document.getElementById('kind-toggles');
const metricTable = document.getElementById('metrics');
const metricNote = document.getElementById('metrics-note');
const exportButtons = document.getElementById('exports');

const zhlens = createWorker();

let nextId = 1;
/** The request whose answer we want; answers to older ones are dropped. */
let latest = null;
/** The render in progress: `{ cancelled }`. */
let rendering = null;
/** What the export buttons save: the shown article's analysis (`analysis` of `request`'s result), or null. */
let exportable = null;
/** The article shown: `request`'s result, kept to show it in another script without analyzing it again. */
let shown = null;
/** The metric row under the pointer or focus, and the output's elements outlined for it. */
let outlined = { row: null, elements: [] };

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

// Another script converts the article shown again, and analyzes nothing.
// (While an analysis is under way, display picks the script up when it ends.)
view.addEventListener('change', () => {
  if (shown) display(shown);
  else if (!latest) analyze();
});
referenceDate.value ||= todayIso();
referenceDate.addEventListener('change', () => analyze());
regionChoice.addEventListener('change', () => analyze());

// Figure and entity kinds have distinct names, so one class per kind does for both.
kindToggles.addEventListener('change', (event) => {
  const box = event.target;
  if (box instanceof HTMLInputElement) output.classList.toggle(`hide-${box.value}`, !box.checked);
});

// A row of either table finds its figure: a figure row its own, a metric row its value.
for (const table of [figureTable, metricTable]) {
  table.addEventListener('click', (event) => {
    const row = closestRow(event.target, 'fig');
    if (row) flashFigure(row.dataset.fig);
  });
  table.addEventListener('keydown', (event) => {
    const row = closestRow(event.target, 'fig');
    if (row && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      flashFigure(row.dataset.fig);
    }
  });
}

// The metric row under the pointer is outlined, or else the focused one.
metricTable.addEventListener('mouseover', (event) => outlineMetric(closestRow(event.target, 'metric')));
metricTable.addEventListener('mouseleave', () => outlineMetric(closestRow(document.activeElement, 'metric')));
metricTable.addEventListener('focusin', (event) => outlineMetric(closestRow(event.target, 'metric')));
metricTable.addEventListener('focusout', (event) => outlineMetric(closestRow(event.relatedTarget, 'metric')));

/** The table row around `node` that carries `data-<key>`, or null. */
function closestRow(node, key) {
  return node instanceof Element ? node.closest(`tr[data-${key}]`) : null;
}

exportButtons.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-export]') : null;
  if (button && exportable) download(EXPORTS[button.dataset.export](exportable));
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
  setExportable(null);
  shown = null;
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
  request(text, referenceDate.value || undefined, regionChoice.value).then(
    (result) => {
      if (!latest || id !== latest.id) return; // an older request: dropped
      shown = { ...result, id };
      display(shown);
    },
    (error) => {
      if (!latest || id !== latest.id) return;
      latest = null;
      fail(describeError(error));
    },
  );
}

/**
 * Shows the analyzed article `article` (`request`'s result) in the script the
 * view asks for: converted in the worker when another script is asked for,
 * the analysis's spans moved to the converted text.
 */
function display(article) {
  cancelRender();
  const id = nextId++;
  latest = { id };
  output.dataset.state = 'busy';
  output.setAttribute('aria-busy', 'true');
  const config = configFor(article.report, view.value);
  const started = performance.now();
  (config ? zhlens.convertWithMap(article.text, config) : Promise.resolve(null)).then(
    (converted) => {
      if (!latest || id !== latest.id) return;
      latest = null;
      show(inScript(article, config, converted, performance.now() - started));
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
 * Analyzes `text` in the worker, as written in `region` ('auto' to detect
 * it), and detects its script. Returns `{ text, report, tokens, tags,
 * words, analysis, ms }`: `report` is detectScript's, `tokens`
 * a packed Uint32Array [start, end, tag, …] of UTF-16 offsets into `text`
 * with `tag` indexing `tags`, and `tags[0]` '' for whitespace tokens, which
 * are rendered as plain text; `words` counts the tokens that are not
 * whitespace or punctuation (pos 'x'); `analysis` is `{ text, referenceDate,
 * region, figures, entities, metrics }` as zhlens returned them, for the
 * tables and the exports; and `ms` is the time the worker's answers took.
 */
async function request(text, referenceDate, region) {
  const started = performance.now();
  const [analysis, report] = await Promise.all([
    zhlens.analyzePacked(text, { region, ...(referenceDate && { referenceDate }) }),
    zhlens.detectScript(text),
  ]);
  const ms = performance.now() - started;
  const { tags, words } = retag(text, analysis.tokens, analysis.tags);
  const { figures, entities, metrics } = analysis;
  return {
    text,
    report,
    tokens: analysis.tokens,
    tags,
    words,
    analysis: { text, referenceDate, region: analysis.region, figures, entities, metrics },
    ms,
  };
}

/**
 * What `show` renders of `article` in the script of `config` (null: as
 * written), `converted` being convertWithMap's result for it: `{ text,
 * config, region, tokens, tags, words, figures, entities, metrics, analysis,
 * ms, convertMs, id }`, where `text` is the text shown and the spans of
 * `tokens` (a copy), `figures` and `entities` are offsets into it; a metric
 * is `{ indicator, change, value, period, metric }` with its indicator's and
 * change's spans in the text shown, `value` and `period` indexes into
 * `figures`, and `metric` the metric as zhlens gave it; `ms` is the
 * analysis's time, `convertMs` the conversion's, `id` the analysis's.
 */
function inScript(article, config, converted, convertMs) {
  const { figures, entities, metrics, region } = article.analysis;
  // A span that starts or ends inside a piece (one phrase converted as a
  // whole across two words) widens to the piece; the renderer skips a token
  // that then overlaps the one before it, so the text is still shown once,
  // and splits an annotation that then crosses another's edge.
  const place = converted ? (span) => converted.toOutput(span.start, span.end) : ({ start, end }) => ({ start, end });
  const tokens = article.tokens.slice();
  if (converted) {
    for (let j = 0; j < tokens.length; j += 3) {
      const { start, end } = converted.toOutput(tokens[j], tokens[j + 1]);
      tokens[j] = start;
      tokens[j + 1] = end;
    }
  }
  // Figures do not overlap: one starts where no other does.
  const figureAt = new Map(figures.map((figure, index) => [figure.start, index]));
  return {
    text: converted ? converted.text : article.text,
    config,
    region,
    tokens,
    tags: article.tags,
    words: article.words,
    figures: figures.map((figure) => ({ ...figure, ...place(figure) })),
    entities: entities.map((entity) => ({ ...entity, ...place(entity) })),
    metrics: metrics.map((metric) => ({
      indicator: place(metric.indicator),
      change: metric.change && place(metric.change),
      value: figureAt.get(metric.value.start),
      period: metric.period && figureAt.get(metric.period.start),
      metric,
    })),
    analysis: article.analysis,
    ms: article.ms,
    convertMs,
    id: article.id,
  };
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

/**
 * Renders `inScript`'s result. `#output`'s `data-analysis` names the
 * analysis shown (a new one per Analyze, the same when only the script
 * changes), `data-config` the conversion and `data-region` the region.
 */
async function show({ text, config, region, tokens, tags, words, figures, entities, metrics, analysis, ms, convertMs, id }) {
  const job = { cancelled: false };
  rendering = job;
  Object.assign(output.dataset, { config: config ?? '', region, analysis: String(id) });
  autoRegion.textContent = regionChoice.value === 'auto' ? `auto: ${region}` : 'auto';
  const started = performance.now();
  const count = tokens.length / 3;
  const found = [[words, 'word'], [figures.length, 'figure'], [entities.length, 'entity'], [metrics.length, 'metric']]
    .map(([n, noun]) => counted(n, noun))
    .join(', ');
  const summary = `${found} in ${formatMs(ms)} · read as ${region}${config ? ` · shown as ${config} in ${formatMs(convertMs)}` : ''}`;
  setStatus(`${summary} · rendering…`);
  progress.value = 0;
  progress.hidden = count < BATCH * 2;

  if (!(await clearOutput(job))) return;
  outlined = { row: null, elements: [] };
  showFigureTable(figures, text);
  showMetricTable(metrics, text);
  setExportable(analysis);
  const marks = annotations(figures, entities, metrics, text.length);
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

  // One cursor pass over the tokens and the sorted annotations, as displaCy
  // does: annotations become elements nested outermost first, and the words
  // go into the innermost one (a word that crosses an annotation's edge is
  // cut there). An annotation still open when one around it ends is cut
  // there too and continued by a copy of its element.
  let nextMark = 0;
  const open = []; // { element, end } of the annotations being filled, outermost first
  const container = () => (open.length > 0 ? open[open.length - 1].element : fragment);
  const closeEnded = (at) => {
    const first = open.findIndex(({ end }) => end <= at);
    if (first < 0) return;
    for (const { element, end } of open.splice(first)) {
      if (end <= at) continue;
      const rest = element.cloneNode(false);
      element.classList.add('cut');
      container().append(rest);
      open.push({ element: rest, end });
    }
  };
  const place = (from, to, make) => {
    let at = from;
    while (at < to) {
      closeEnded(at);
      for (; nextMark < marks.length && marks[nextMark].start <= at; nextMark += 1) {
        const { end, element } = marks[nextMark];
        if (end <= at) continue;
        const opened = element();
        container().append(opened);
        open.push({ element: opened, end });
      }
      let stop = Math.min(to, nextMark < marks.length ? marks[nextMark].start : Infinity);
      for (const { end } of open) stop = Math.min(stop, end);
      container().append(make(text.slice(at, stop)));
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
          if (chunkTokens >= CHUNK_SOFT && open.length === 0 && text.slice(start, end).includes('\n')) newChunk();
        } else {
          place(start, end, (piece) => {
            const span = protos[tag].cloneNode(false);
            if (piece.length > LONG_WORD) span.classList.add('long');
            span.textContent = piece;
            return span;
          });
          spans += 1;
          if (chunkTokens >= CHUNK_HARD && open.length === 0) newChunk();
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

/** "1 word", "3 entities". */
function counted(n, noun) {
  const plural = noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

/**
 * The spans drawn around the words, as `{ start, end, element }` sorted by
 * start, longest first, then outermost first (a metric's change holds its
 * amount figure; an indicator may hold an entity or a figure), `element()`
 * making the element that holds the span's text. An indicator or change
 * shared by several metrics is one span; every span of a metric, figures
 * included, lists it in `data-metrics` for the outline.
 */
function annotations(figures, entities, metrics, length) {
  const metricsOf = new Map(); // figure index → the metrics it is the value or period of
  const parts = new Map(); // "part start end" → { part, start, end, metrics }
  metrics.forEach((metric, m) => {
    for (const figure of new Set([metric.value, metric.period])) {
      if (figure === undefined) continue;
      if (!metricsOf.has(figure)) metricsOf.set(figure, []);
      metricsOf.get(figure).push(m);
    }
    for (const [part, span] of [['change', metric.change], ['indicator', metric.indicator]]) {
      if (!span) continue;
      const key = `${part} ${span.start} ${span.end}`;
      if (!parts.has(key)) parts.set(key, { part, start: span.start, end: span.end, metrics: [] });
      parts.get(key).metrics.push(m);
    }
  });
  const layered = [
    ...Array.from(parts.values(), (part) => ({ ...part, layer: part.part === 'change' ? 0 : 1, element: () => metricPart(part) })),
    ...entities.map((entity) => ({ start: entity.start, end: entity.end, layer: 2, element: () => entityMark(entity) })),
    ...figures.map((figure, index) => ({
      start: figure.start,
      end: figure.end,
      layer: 3,
      element: () => figureMark(figure, index, metricsOf.get(index)),
    })),
  ];
  return layered
    .filter(({ start, end }) => start < end && end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.layer - b.layer);
}

/** A <mark> for an entity or a figure: its kind for CSS, the label and the toggles. */
function kindMark(className, kind) {
  const mark = document.createElement('mark');
  mark.className = className;
  mark.dataset.kind = kind;
  return mark;
}

/** A figure's mark; its index for the table, the metrics it belongs to for their outline. */
function figureMark(figure, index, metrics) {
  const mark = kindMark('fig', figure.kind);
  mark.dataset.fig = String(index);
  if (metrics) mark.dataset.metrics = metrics.join(' ');
  mark.title = `${figure.kind}: ${formatValue(figure)}`;
  return mark;
}

function entityMark(entity) {
  const mark = kindMark('ent', entity.kind);
  mark.title = entity.kind;
  return mark;
}

/** A metric's indicator or change: unmarked until its row is outlined. */
function metricPart({ part, metrics }) {
  const span = document.createElement('span');
  span.className = 'metric-part';
  span.dataset.part = part;
  span.dataset.metrics = metrics.join(' ');
  return span;
}

/**
 * Outlines the spans of the metric of `row` (a metric table row, or null for
 * none). The pointer moving between a row's cells changes nothing: no query
 * of a long article's output then.
 */
function outlineMetric(row) {
  if (row === outlined.row) return;
  for (const element of outlined.elements) element.classList.remove('outlined');
  const elements = row ? Array.from(output.querySelectorAll(`[data-metrics~="${row.dataset.metric}"]`)) : [];
  for (const element of elements) element.classList.add('outlined');
  outlined = { row, elements };
}

/** Rows past this many are summarized: a table of 10⁴ rows helps nobody. */
const TABLE_ROWS = 1000;

/**
 * Fills `table` with a focusable row per item (the first TABLE_ROWS; `note`
 * says how many there are of `nouns` when not all, or none). The row's
 * dataset is `data(item, index)`; its cells are `cells(item)`: text, an
 * element to hold, or the cell's properties (`{ textContent, lang, title,
 * className }`).
 */
function fillTable(table, note, nouns, items, data, cells) {
  const body = document.createElement('tbody');
  items.slice(0, TABLE_ROWS).forEach((item, index) => {
    const row = document.createElement('tr');
    Object.assign(row.dataset, data(item, index));
    row.tabIndex = 0;
    for (const content of cells(item)) {
      const cell = document.createElement('td');
      if (content instanceof Node) cell.append(content);
      else Object.assign(cell, typeof content === 'string' ? { textContent: content } : content);
      row.append(cell);
    }
    body.append(row);
  });
  table.tBodies[0].replaceWith(body);
  note.textContent = items.length > TABLE_ROWS
    ? `The first ${TABLE_ROWS.toLocaleString('en-US')} of ${items.length.toLocaleString('en-US')} ${nouns}.`
    : items.length === 0 ? `No ${nouns} in this text.` : '';
}

/** One row per figure of `text`; a click scrolls to its span and flashes it. */
function showFigureTable(figures, text) {
  fillTable(figureTable, figureNote, 'figures', figures, (figure, index) => ({ fig: String(index) }), (figure) => {
    const badge = document.createElement('span');
    badge.className = 'kind';
    badge.dataset.kind = figure.kind;
    badge.textContent = figure.kind;
    return [
      badge,
      { textContent: text.slice(figure.start, figure.end), lang: 'zh' },
      formatValue(figure),
      { textContent: typeof figure.value === 'number' ? exactNumber(figure.value) : '', className: 'exact' },
    ];
  });
}

/**
 * One row per metric (`inScript`'s): indicator, value (readable and exact),
 * period, change (its direction, amount and starting value; a change that
 * contradicts its own figures is flagged), basis, and the level implied
 * before the change. The figures' cells are titled as written; a click
 * finds the value, as a figure row does.
 */
function showMetricTable(metrics, text) {
  const written = (span) => text.slice(span.start, span.end);
  const data = ({ value }, index) => ({ metric: String(index), fig: String(value) });
  fillTable(metricTable, metricNote, 'metrics', metrics, data, ({ indicator, change, metric }) => [
    { textContent: written(indicator), lang: 'zh' },
    valueCell(metric.value),
    metric.period ? { textContent: formatValue(metric.period), title: metric.period.text, className: 'nowrap' } : '',
    metric.change ? changeCell(metric.change, written(change)) : '',
    metric.change?.basis ? { textContent: metric.change.basis, title: BASES[metric.change.basis] } : '',
    metric.earlier === undefined ? '' : earlierCell(metric),
  ]);
}

const ARROWS = { up: '↑', down: '↓', flat: '→' };
const BASES = { yoy: 'year on year', mom: 'month on month, or on the period before', qoq: 'quarter on quarter' };

/**
 * ↑ 5.25%, ↓ 0.8 pp, ↓ from 6 個, → (持平), titled as written; a change
 * whose verb contradicts its figures (由1.4%上升至1.3%) gets a flag.
 */
function changeCell(change, written) {
  const cell = document.createElement('span');
  cell.className = 'change';
  cell.dataset.direction = change.direction;
  cell.title = written;
  cell.textContent = [
    ARROWS[change.direction],
    change.amount && readable(change.amount),
    change.from && `from ${readable(change.from)}`,
  ].filter(Boolean).join(' ');
  if (change.contradicted) {
    const flag = document.createElement('span');
    flag.className = 'contradicted';
    flag.textContent = 'contradicted';
    flag.title = `The text says ${change.direction}, but its figures went the other way`;
    cell.append(' ', flag);
  }
  return cell;
}

/**
 * The level before the change, an estimate: ≈207.9億元 (four significant
 * digits), titled with the whole number and its unit.
 */
function earlierCell({ value, earlier }) {
  const estimate = { ...value, value: Number(earlier.toPrecision(4)), approx: 'about', range: undefined };
  const whole = value.kind === 'money' ? `${exactNumber(Math.round(earlier))} ${value.unit}` : exactNumber(earlier);
  return { textContent: readable(estimate), title: `about ${whole} before the change` };
}

/** Enables the export buttons for `analysis` (`request`'s), or disables them for null. */
function setExportable(analysis) {
  exportable = analysis;
  for (const button of exportButtons.querySelectorAll('button')) button.disabled = !analysis;
}

const FIGURE_COLUMNS = [
  ['kind', (f) => f.kind],
  ['text', (f) => f.text],
  ['start', (f) => f.start],
  ['end', (f) => f.end],
  ['value', (f) => f.value],
  ['unit', (f) => f.unit],
  ['approx', (f) => f.approx],
  ['range_low', (f) => f.range?.[0]],
  ['range_high', (f) => f.range?.[1]],
];

const ENTITY_COLUMNS = [
  ['kind', (e) => e.kind],
  ['text', (e) => e.text],
  ['start', (e) => e.start],
  ['end', (e) => e.end],
];

/** A metric per line, its figures written out: value and unit as in the figures' columns. */
const METRIC_COLUMNS = [
  ['indicator', (m) => m.indicator.text],
  ['indicator_start', (m) => m.indicator.start],
  ['indicator_end', (m) => m.indicator.end],
  ['value_text', (m) => m.value.text],
  ['value', (m) => m.value.value],
  ['unit', (m) => m.value.unit],
  ['approx', (m) => m.value.approx],
  ['period_text', (m) => m.period?.text],
  ['period', (m) => m.period?.value],
  ['change_direction', (m) => m.change?.direction],
  ['change_text', (m) => m.change?.text],
  ['change_value', (m) => m.change?.value],
  ['change_unit', (m) => m.change?.amount?.unit],
  ['change_basis', (m) => m.change?.basis],
  ['change_from_text', (m) => m.change?.from?.text],
  ['change_from', (m) => m.change?.from?.value],
  ['change_contradicted', (m) => m.change?.contradicted],
  ['earlier', (m) => m.earlier],
];

/** The export buttons' files, by `data-export`, from `request`'s `analysis`. */
const EXPORTS = {
  figures: ({ figures }) => csvFile('zhlens-figures.csv', FIGURE_COLUMNS, figures),
  entities: ({ entities }) => csvFile('zhlens-entities.csv', ENTITY_COLUMNS, entities),
  metrics: ({ metrics }) => csvFile('zhlens-metrics.csv', METRIC_COLUMNS, metrics),
  json: (analysis) => ({ name: 'zhlens.json', type: 'application/json', content: `${JSON.stringify(analysis, null, 2)}\n` }),
};

/** Saves `content` as the file `name` through a blob: URL, which the page's CSP allows for downloads. */
function download({ name, type, content }) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link); // older Firefox ignores a click on a link outside the document
  link.click();
  link.remove();
  // The browser reads the blob after click() returns; revoking it at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
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

/** What a currency's amounts are written with after 億 or 萬: 218.8億元, 2,000萬美元. */
const CURRENCY_WORDS = { CNY: '元', TWD: '元', HKD: '元', MOP: '元', USD: '美元', EUR: '歐元', JPY: '日圓', GBP: '英鎊' };

/** A metric's figure as a reader writes it: money as 218.8億元, ≈207.9億元, 3億–5億美元; the rest as `formatValue`. */
function readable(figure) {
  if (figure.kind !== 'money' || !Object.hasOwn(CURRENCY_WORDS, figure.unit)) return formatValue(figure);
  const bound = { over: '≥', under: '≤', about: '≈' }[figure.approx] ?? '';
  const amount = figure.range ? `${chineseScale(figure.range[0])}–${chineseScale(figure.range[1])}` : chineseScale(figure.value);
  return `${bound}${amount}${CURRENCY_WORDS[figure.unit]}`;
}

/**
 * A metric's value, titled as written: money readable and exact in its
 * currency (218.8億元 = 21,880,000,000 CNY, wrapping only at the =); the
 * rest as `formatValue`.
 */
function valueCell(figure) {
  const cell = document.createElement('span');
  cell.title = figure.text;
  const part = (text) => {
    const piece = document.createElement('span');
    piece.className = 'nowrap';
    piece.textContent = text;
    return piece;
  };
  if (figure.kind !== 'money' || typeof figure.value !== 'number') {
    cell.append(part(formatValue(figure)));
    return cell;
  }
  const exact = figure.range ? figure.range.map(exactNumber).join('–') : exactNumber(figure.value);
  cell.append(part(readable(figure)), ' = ', part(`${exact} ${figure.unit}`));
  return cell;
}

/** 21880000000 → 218.8億; 310200000000 → 3,102億; 13600 → 1.36萬; 4800 → 4,800 (grouped, as papers write them). */
function chineseScale(n) {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const grouped = (m) => trimNumber(m).replace(/^(-?\d+)/, (digits) => Number(digits).toLocaleString('en-US'));
  if (abs >= 1e8) return `${grouped(n / 1e8)}億`;
  if (abs >= 1e4) return `${grouped(n / 1e4)}萬`;
  return grouped(n);
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
