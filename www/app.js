// zhlens demo page. The worker (worker.js) segments; this module renders the
// words as <span class="w …" data-pos="…" title="…"> elements.
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

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

let nextId = 1;
/** The request whose answer we want; answers to older ones are dropped. */
let latest = null;
/** The render in progress: `{ cancelled }`. */
let rendering = null;

worker.addEventListener('message', ({ data }) => {
  if (data.id === 0) {
    // Loading finished (or failed) before any answer: say so unless a result is showing.
    if (data.error) fail(data.error);
    else if (latest && output.dataset.state === 'busy') setStatus('Analyzing…');
    return;
  }
  if (!latest || data.id !== latest.id) return;
  latest = null;
  if (data.error) {
    fail(data.error);
    return;
  }
  show(data);
});

worker.addEventListener('error', (event) => {
  event.preventDefault();
  latest = null;
  fail(`The analysis worker failed${event.message ? `: ${event.message}` : ' to load (worker.js or /pkg/zhlens.js)'}`);
});

worker.addEventListener('messageerror', () => {
  latest = null;
  fail('The analysis worker sent a message that could not be read.');
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  analyze();
});

view.addEventListener('change', () => analyze());

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
  worker.postMessage({ id, text, view: view.value });
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

async function show({ text, config, tokens, tags, words, ms }) {
  const job = { cancelled: false };
  rendering = job;
  output.dataset.config = config ?? '';
  const started = performance.now();
  const count = tokens.length / 3;
  const summary = `${words.toLocaleString('en-US')} ${words === 1 ? 'word' : 'words'} in ${formatMs(ms)}${config ? ` · shown as ${config}` : ''}`;
  setStatus(`${summary} · rendering…`);
  progress.value = 0;
  progress.hidden = count < BATCH * 2;

  if (!(await clearOutput(job))) return;
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
        if (start > cursor) fragment.append(text.slice(cursor, start));
        const word = text.slice(start, end);
        cursor = end;
        chunkTokens += 1;
        if (tag === 0 || protos[tag] === null) {
          fragment.append(word);
          if (chunkTokens >= CHUNK_SOFT && word.includes('\n')) newChunk();
        } else {
          const span = protos[tag].cloneNode(false);
          if (word.length > LONG_WORD) span.classList.add('long');
          span.textContent = word;
          fragment.append(span);
          spans += 1;
          if (chunkTokens >= CHUNK_HARD) newChunk();
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
  if (cursor < text.length) chunk.append(text.slice(cursor));

  rendering = null;
  progress.hidden = true;
  target.dataset.state = 'done';
  target.setAttribute('aria-busy', 'false');
  const took = performance.now() - started;
  setStatus(took < 100 ? summary : `${summary} · rendered in ${formatMs(took)}`);
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
