// The demo page in a real browser: node --test tests/js/page.test.mjs
//
// Starts scripts/serve.mjs in-process on a free port, opens www/ in headless
// Chromium (playwright-core, the system /usr/bin/chromium), pastes articles,
// and checks what the page renders. Needs pkg/ built (node scripts/build.mjs).
// Any console error or warning, uncaught page error, failed request or HTTP
// error status (page or worker) fails the test. Writes a screenshot to
// target/screenshots/page.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import init, { segment, convert, convertWithMap, analyze as analyzeText } from '../../pkg/zhlens.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const SKIP = `${CHROMIUM} is missing; install chromium (scripts/setup.sh does) to run the page test`;
const TIMEOUT = 60_000;
const SCREENSHOT = path.join(repo, 'target/screenshots/page.png');

// Written for this test. Traditional, then Simplified; an emoji and a CJK
// Extension B character (both outside the BMP: surrogate pairs in UTF-16).
const ARTICLE = [
  '今年1至7月，園區完成規模工業總產值218.8億元，同比增長5.25%；實現固定資產投資46.3億元，其中工業投資佔比超過六成。管委會主任陳志明表示，下半年將加快推進新能源汽車零部件項目建設，力爭全年產值突破400億元。',
  '',
  '国家统计局15日发布数据显示，上半年全国居民人均可支配收入20733元，比上年同期名义增长5.3%。北京市、上海市的服务消费增长较快。国务院发展研究中心研究员王建国表示：“市场信心正在恢复。”🚀 另有𠀀字测试。',
  '  Indented line\twith a tab, and trailing spaces  ',
].join('\n');

// Verified against segment() in Node: [word, pos].
const EXPECTED_WORDS = [
  ['規模', 'n'],
  ['工業', 'n'],
  ['總產值', 'n'],
  ['218.8', 'm'],
  ['億元', 'm'],
  ['陳志明', 'nr'],
  ['新能源', 'n'],
  ['国家统计局', 'nt'],
  ['国务院发展研究中心', 'nt'],
  ['北京市', 'ns'],
  ['上海市', 'ns'],
  ['王建国', 'nr'],
  ['上半年', 't'],
  ['，', 'x'],
  ['🚀', 'x'],
  ['𠀀', 'x'],
];

const HOSTILE = '新華社報道：<img src=x onerror=alert(1)> 以及 <script>alert(2)</script> 都應顯示為文字。&lt;b&gt; & "quotes" \'too\'';

let served;
let browser;

before(async () => {
  if (!haveChromium) return;
  await init();
  served = await startServer({ port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    timeout: TIMEOUT,
  });
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** A fresh page with every console error/warning, page error, failed request and dialog recorded. */
async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  const dialogs = [];
  const requests = [];
  const onConsole = (where) => (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${where} console.${message.type()}: ${message.text()}`);
    }
  };
  page.on('console', onConsole('page'));
  page.on('worker', (worker) => worker.on('console', onConsole('worker')));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('request', (request) => requests.push(request.url()));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await page.goto(served.url);
  // The page analyzes its sample article on load; wait for that first.
  await page.waitForSelector('#output[data-state="done"] .w');
  return { page, context, problems, dialogs, requests };
}

/**
 * Chooses the script to show the article in and waits for the new rendering
 * (the change handler marks the output busy before selectOption returns).
 */
async function showIn(page, view) {
  await page.selectOption('#view', view);
  await page.waitForSelector('#output[data-state="done"]');
}

/** Pastes `text`, clicks Analyze and waits until the page has rendered all of it. */
async function analyze(page, text) {
  await page.fill('#text', text);
  await page.click('#analyze');
  await page.waitForSelector('#output[data-state="done"]');
}

/**
 * Re-analyzes the page's sample article (the textarea's text as the page
 * loads) against a fixed reference date, as written in `region` ('auto':
 * detected); returns the text, the date and what zhlens finds in it in Node.
 */
async function showSample(page, region = 'auto') {
  const referenceDate = '2025-09-15';
  const text = await page.inputValue('#text');
  await page.fill('#refdate', referenceDate);
  await page.selectOption('#region', region);
  await analyze(page, text);
  return { text, referenceDate, analysis: analyzeText(text, { referenceDate, region }) };
}

/** The metrics table's rows, as the text of their cells. */
function metricRows(page) {
  return page.$$eval('#metrics tbody tr', (trs) => trs.map((tr) => Array.from(tr.cells, (td) => td.textContent)));
}

/** The text of the output's elements outlined for a metric, sorted. */
function outlinedTexts(page) {
  return page.$$eval('#output .outlined', (els) => els.map((el) => el.textContent).sort());
}

/** The texts a metric's row should outline: indicator, value, period, change. */
function metricSpans(metric) {
  const spans = [metric.indicator, metric.value, metric.period, metric.change];
  return spans.filter(Boolean);
}

/**
 * Where `input.slice(start, end)` is in a conversion, from convertWithMap's
 * map: from the piece that holds its first code unit to the one that holds
 * its last.
 */
function mapSpan({ start, end }, map) {
  const out = {};
  for (let i = 0; i < map.length; i += 4) {
    if (map[i] <= start && start < map[i + 1]) out.start = map[i + 2];
    if (map[i] < end && end <= map[i + 1]) out.end = map[i + 3];
  }
  return out;
}

/** Clicks an export button; returns the download's file name and text. */
async function exported(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#exports button[data-export="${button}"]`)]);
  return { name: download.suggestedFilename(), content: await readFile(await download.path(), 'utf8') };
}

/** RFC 4180 CSV after a byte order mark, every line ended by CRLF, as rows of fields. */
function parseCsv(content) {
  assert.ok(content.startsWith('\uFEFF'), 'a byte order mark, for Excel');
  assert.ok(content.endsWith('\r\n'), 'every line ends with CRLF');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 1; i < content.length; i += 1) {
    const c = content[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (content[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && content[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

/** CSV fields as the page writes them: absent values empty, the rest as strings. */
const fields = (...values) => values.map((value) => (value === undefined || value === null ? '' : String(value)));

function outputWords(page) {
  return page.$$eval('#output .w', (spans) =>
    spans.map((span) => ({
      text: span.textContent,
      pos: span.dataset.pos,
      title: span.title,
      children: span.childElementCount,
    })),
  );
}

test('the page segments a pasted article into tagged word elements', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    assert.equal(await page.title(), 'zhlens');
    assert.match(await page.textContent('label[for="text"]'), /Article/);
    assert.equal(await page.getAttribute('#analyze', 'type'), 'submit');
    assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');

    await analyze(page, ARTICLE);

    const rendered = await page.textContent('#output');
    assert.equal(rendered, ARTICLE, 'the output text is the pasted text, exactly');

    // Every word the segmenter returns (all but whitespace) is one element, in order.
    const expected = segment(ARTICLE)
      .filter((token) => !(token.pos === 'x' && /^\s+$/u.test(token.text)))
      .map((token) => ({ text: token.text, pos: token.pos, title: token.pos, children: 0 }));
    const words = await outputWords(page);
    assert.ok(words.length >= 100, `expected at least 100 word elements, got ${words.length}`);
    assert.deepEqual(words, expected);

    for (const [word, pos] of EXPECTED_WORDS) {
      assert.ok(
        words.some((w) => w.text === word && w.pos === pos && w.title === pos),
        `expected a word element ${word} with data-pos and title ${pos}`,
      );
    }

    // Colour families, by class; the legend names them.
    const families = await page.$$eval('#output .w', (spans) =>
      Object.fromEntries(spans.map((span) => [span.textContent, span.className])),
    );
    assert.equal(families['總產值'], 'w noun');
    assert.equal(families['增長'], 'w verb');
    assert.equal(families['陳志明'], 'w person');
    assert.equal(families['北京市'], 'w place');
    assert.equal(families['国家统计局'], 'w org');
    assert.equal(families['218.8'], 'w num');
    assert.equal(families['，'], 'w punct');
    assert.equal(await page.locator('.legend li').count(), 8);

    // Whitespace and newlines are kept as they are, and shown as such.
    assert.equal(await page.$eval('#output', (el) => getComputedStyle(el).whiteSpace), 'pre-wrap');

    const status = await page.textContent('#status');
    const wordCount = expected.filter((w) => w.pos !== 'x').length;
    assert.match(status, new RegExp(`^${wordCount.toLocaleString('en-US')} words, \\d+ figures, \\d+ entities, \\d+ metrics in [\\d.,]+ m?s`));

    // The CSS tooltip shows the tag on hover.
    const person = page.locator('#output .w', { hasText: '陳志明' });
    await person.hover();
    const tooltip = await person.evaluate((el) => getComputedStyle(el, '::after').content);
    assert.equal(tooltip, '"nr"');
    await page.mouse.move(0, 0);

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('pasted HTML is shown as text, never run', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems, dialogs, requests } = await openPage();
  try {
    const before = await page.evaluate(() => document.querySelectorAll('img, script').length);
    await analyze(page, HOSTILE);
    // Give an injected <img onerror> time to fire, were there one.
    await page.waitForTimeout(300);

    assert.equal(await page.textContent('#output'), HOSTILE);
    assert.equal(await page.locator('#output img, #output script, #output b').count(), 0);
    // Nothing but the page's own chunk, word, figure, entity and metric elements.
    assert.equal(await page.locator('#output :not(div.chunk, span.w, mark.fig, mark.ent, span.metric-part)').count(), 0);
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, script').length), before);
    assert.deepEqual(dialogs, []);
    assert.ok(!requests.some((url) => new URL(url).pathname === '/x'), 'no request for the injected <img src=x>');

    const words = (await outputWords(page)).map((w) => w.text);
    for (const piece of ['<', 'img', 'onerror', 'script', '>', '&', 'lt']) {
      assert.ok(words.includes(piece), `${JSON.stringify(piece)} is a word element holding text`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an empty paste asks for text; a new Analyze replaces the result', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    await page.fill('#text', '   \n');
    await page.click('#analyze');
    assert.equal(await page.getAttribute('#output', 'data-state'), 'empty');
    assert.match(await page.textContent('#status'), /Paste an article/);
    assert.equal(await page.locator('#output .w').count(), 0);

    // Two clicks in a row: only the second text is shown.
    await page.fill('#text', '第一篇文章。');
    await page.click('#analyze');
    await analyze(page, '中国人民银行决定下调存款准备金率。');
    assert.equal(await page.textContent('#output'), '中国人民银行决定下调存款准备金率。');
    assert.deepEqual((await outputWords(page)).slice(0, 2).map((w) => [w.text, w.pos]), [
      ['中国人民银行', 'nt'],
      ['决定', 'v'],
    ]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('worker failures show in the status line', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const cases = [
    ['**/pkg/zhlens_wasm_bg.wasm', /^Error: Could not load the segmenter: failed to fetch Wasm: 404/],
    ['**/pkg/zhlens.js', /^Error: The analysis worker failed to load/],
  ];
  for (const [pattern, expected] of cases) {
    const context = await browser.newContext();
    try {
      await context.route(pattern, (route) => route.fulfill({ status: 404, body: 'not found' }));
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      await page.goto(served.url);
      await page.waitForSelector('#output[data-state="error"]');
      assert.match(await page.textContent('#status'), expected);
      assert.equal(await page.getAttribute('#status', 'class'), 'status error');
    } finally {
      await context.close();
    }
  }
});

test('the script switch re-renders the article in another script with its words in place', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    const traditional = '今年1至7月，園區完成規模工業總產值218.8億元，同比增長5.25%。管委會表示，將加快項目建設。🚀𠀀';
    await analyze(page, traditional);
    await showIn(page, 'simplified');
    assert.equal(await page.textContent('#output'), convert(traditional, 't2s'));
    assert.match(await page.textContent('#status'), /shown as t2s/);
    let words = await outputWords(page);
    for (const [word, pos] of [['规模', 'n'], ['总产值', 'n'], ['亿元', 'm'], ['增长', 'v'], ['管委会', 'j'], ['项目', 'n']]) {
      assert.ok(words.some((w) => w.text === word && w.pos === pos), `expected ${word}/${pos} after t2s in ${words.map((w) => w.text).join(' ')}`);
    }
    // Every word element of the converted text is the conversion of one word of the original.
    const original = segment(traditional).filter((token) => !/^\s+$/u.test(token.text));
    assert.equal(words.length, original.length);

    await showIn(page, 'original');
    assert.equal(await page.textContent('#output'), traditional);

    const simplified = '国家统计局发布数据，软件和信息技术服务业收入增长。';
    await analyze(page, simplified);
    await showIn(page, 'taiwan');
    assert.equal(await page.textContent('#output'), convert(simplified, 's2twp'));
    words = await outputWords(page);
    assert.ok(words.some((w) => w.text === '軟體'), `expected 軟體 in ${words.map((w) => w.text).join(' ')}`);
    await showIn(page, 'hongkong');
    assert.equal(await page.textContent('#output'), convert(simplified, 's2hk'));
    await showIn(page, 'traditional');
    assert.equal(await page.textContent('#output'), convert(simplified, 's2t'));
    await showIn(page, 'simplified');
    assert.equal(await page.textContent('#output'), simplified, 'already Simplified: shown as it is');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('figures are marked by kind, listed in a table with readable values, toggled per kind and found from the table', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    const article = '今年1至7月，園區完成規模工業總產值218.8億元，同比增長5.25%；引進項目11個，外資到位2000萬美元。去年12月簽約。';
    await page.fill('#refdate', '2025-09-15');
    await analyze(page, article);
    assert.equal(await page.textContent('#output'), article, 'labels are drawn by CSS, not text');
    const expected = analyzeText(article, { referenceDate: '2025-09-15' }).figures;
    const marks = await page.$$eval('#output mark.fig', (els) => els.map((el) => [el.dataset.kind, el.textContent]));
    assert.deepEqual(marks, expected.map((f) => [f.kind, f.text]));
    assert.deepEqual(marks.slice(0, 3), [['period', '今年1至7月'], ['money', '218.8億元'], ['percent', '5.25%']]);
    // Words stay word elements inside the figure.
    assert.ok(await page.locator('#output mark.fig[data-kind="money"] span.w', { hasText: '218.8' }).count());

    const rows = await page.$$eval('#figures tbody tr', (trs) => trs.map((tr) => Array.from(tr.cells, (td) => td.textContent)));
    assert.equal(rows.length, expected.length);
    assert.deepEqual(rows[1], ['money', '218.8億元', '218.8億 CNY', '21,880,000,000']);
    assert.deepEqual(rows[0], ['period', '今年1至7月', '2025-01 → 2025-07', '']);
    assert.ok(rows.some((r) => r[2] === '2,000萬 USD'));
    assert.ok(rows.some((r) => r[1] === '去年12月' && r[2] === '2024-12'));

    // A kind's toggle hides its marks' highlight.
    const money = page.locator('#output mark.fig[data-kind="money"]').first();
    const tinted = await money.evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.uncheck('#figure-kinds input[value="money"]');
    assert.equal(await money.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgba(0, 0, 0, 0)');
    await page.check('#figure-kinds input[value="money"]');
    assert.equal(await money.evaluate((el) => getComputedStyle(el).backgroundColor), tinted);

    // A row click scrolls to its figure and flashes it.
    await page.click('#figures tbody tr[data-fig="2"]');
    assert.equal(await page.locator('#output mark.fig[data-fig="2"].flash').count(), 1);

    // In another script, the figures follow the text.
    await showIn(page, 'simplified');
    const converted = await page.$$eval('#output mark.fig', (els) => els.map((el) => el.textContent));
    assert.ok(converted.includes('218.8亿元') && converted.includes('今年1至7月'), converted.join(' '));
    await page.screenshot({ path: SCREENSHOT.replace('page.png', 'figures.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('entities are marked by kind, with a toggle per kind', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    const { text, analysis } = await showSample(page);
    assert.equal(await page.textContent('#output'), text, 'labels are drawn by CSS, not text');
    const marks = await page.$$eval('#output mark.ent', (els) => els.map((el) => [el.dataset.kind, el.textContent]));
    assert.deepEqual(marks, analysis.entities.map((e) => [e.kind, e.text]));
    for (const entity of [['person', '陳志明'], ['place', '台北市'], ['org', '湘潭天易經開區管委會']]) {
      assert.ok(marks.some(([kind, written]) => kind === entity[0] && written === entity[1]), `expected ${entity.join(':')} in ${marks.join(' ')}`);
    }
    // Words stay word elements inside the entity.
    assert.ok(await page.locator('#output mark.ent[data-kind="person"] span.w.person', { hasText: '陳志明' }).count());

    // The toggles are the legend: a labelled checkbox per kind.
    assert.equal(await page.textContent('#entity-kinds legend'), 'Entities');
    assert.deepEqual(
      await page.$$eval('#entity-kinds label', (labels) => labels.map((label) => [label.querySelector('input').value, label.textContent])),
      [['person', 'person'], ['place', 'place'], ['org', 'org']],
    );

    // A kind's toggle hides its marks' frame and label, and only theirs.
    const looks = () => page.$$eval('#output mark.ent', (els) => els.map((el) => [
      el.dataset.kind,
      getComputedStyle(el).borderTopColor,
      getComputedStyle(el, '::after').content,
    ]));
    const shown = await looks();
    for (const [kind, border, label] of shown) {
      assert.notEqual(border, 'rgba(0, 0, 0, 0)', `${kind} is framed`);
      assert.equal(label, `"${kind}"`);
    }
    await page.uncheck('#entity-kinds input[value="person"]');
    for (const [kind, border, label] of await looks()) {
      const hidden = kind === 'person';
      assert.equal(border === 'rgba(0, 0, 0, 0)', hidden, `${kind} frame`);
      assert.equal(label === 'none', hidden, `${kind} label`);
    }
    assert.equal(await page.locator('#output mark.fig[data-kind="money"]').first().evaluate((el) => getComputedStyle(el, '::after').content), '"money"');
    await page.check('#entity-kinds input[value="person"]');
    assert.deepEqual(await looks(), shown);

    // Spans that nest: the place 湘潭 begins the organization 湘潭天易經開區;
    // the organization's mark holds the place's, each labelled once.
    const nested = '走進湘潭天易經開區。';
    assert.deepEqual(
      analyzeText(nested).entities.map((e) => [e.kind, e.text]),
      [['org', '湘潭天易經開區'], ['place', '湘潭']],
    );
    await analyze(page, nested);
    assert.equal(await page.textContent('#output'), nested);
    const nestedMarks = await page.$$eval('#output mark.ent', (els) => els.map((el) => ({
      text: el.textContent,
      kind: el.dataset.kind,
      inOrg: el.parentElement.matches('mark.ent[data-kind="org"]'),
      label: getComputedStyle(el, '::after').content,
    })));
    assert.deepEqual(nestedMarks, [
      { text: '湘潭天易經開區', kind: 'org', inOrg: false, label: '"org"' },
      { text: '湘潭', kind: 'place', inOrg: true, label: '"place"' },
    ]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('metrics are listed; hovering or focusing a row outlines exactly its spans, a click finds its value', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    // The sample is a mainland report in Traditional characters: read as CN.
    const { analysis: { figures, metrics } } = await showSample(page, 'CN');
    assert.ok(metrics.length >= 3, `the sample has metrics: ${metrics.length}`);
    const rows = await metricRows(page);
    assert.deepEqual(rows.map((row) => row[0]), metrics.map((m) => m.indicator.text));
    assert.ok(rows.every((row) => row[1] !== ''), 'every metric has a value');
    assert.deepEqual(rows[0], ['規模工業總產值', '218.8億元 = 21,880,000,000 CNY', '2025-01 → 2025-07', '↑ 5.25%', 'yoy', '≈207.9億元']);
    assert.deepEqual(rows[1], ['固定資產投資', '46.3億元 = 4,630,000,000 CNY', '2025-01 → 2025-07', '', '', '']);
    assert.equal(await page.getAttribute('#metrics tbody tr[data-metric="0"] td:nth-child(5)', 'title'), 'year on year');
    assert.equal(await page.getAttribute('#metrics tbody tr[data-metric="0"] td:nth-child(6)', 'title'), 'about 20,788,598,575 CNY before the change');
    assert.ok(rows.some((row) => row[0] === '新增就業崗位' && row[1] === '4,800 個'), rows.join(' | '));
    // The cells' titles are the figures as written.
    assert.equal(await page.getAttribute('#metrics tbody tr[data-metric="0"] td:nth-child(4) .change', 'title'), '同比增長5.25%');
    // A change holds its amount's figure mark, which holds its words.
    assert.equal(await page.textContent('#output span.metric-part[data-part="change"] mark.fig[data-kind="percent"]'), '5.25%');

    assert.deepEqual(await outlinedTexts(page), []);
    for (const [index, metric] of metrics.entries()) {
      await page.hover(`#metrics tbody tr[data-metric="${index}"]`);
      assert.deepEqual(await outlinedTexts(page), metricSpans(metric).map((span) => span.text).sort(), `metric ${index}`);
    }
    assert.equal(await page.locator('#output .outlined').first().evaluate((el) => getComputedStyle(el).outlineStyle), 'solid');
    await page.mouse.move(0, 0);
    assert.deepEqual(await outlinedTexts(page), []);

    // Keyboard: focus outlines too, Enter finds the value.
    await page.focus('#metrics tbody tr[data-metric="1"]');
    assert.deepEqual(await outlinedTexts(page), metricSpans(metrics[1]).map((span) => span.text).sort());
    await page.keyboard.press('Enter');
    const figureIndex = (figure) => figures.findIndex((f) => f.start === figure.start);
    assert.equal(await page.locator(`#output mark.fig[data-fig="${figureIndex(metrics[1].value)}"].flash`).count(), 1);
    await page.click('#metrics tbody tr[data-metric="0"]');
    assert.equal(await page.locator(`#output mark.fig[data-fig="${figureIndex(metrics[0].value)}"].flash`).count(), 1);

    await page.hover('#metrics tbody tr[data-metric="0"]');
    await page.locator('#output').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT.replace('page.png', 'metrics.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('figures, entities and metrics export as CSV and JSON that match analyze()', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    const { text, referenceDate, analysis: { figures, entities, metrics } } = await showSample(page, 'CN');

    const figureCsv = await exported(page, 'figures');
    assert.equal(figureCsv.name, 'zhlens-figures.csv');
    assert.ok(figureCsv.content.includes(',"1,362家",'), 'a field with a comma is quoted');
    assert.deepEqual(parseCsv(figureCsv.content), [
      ['kind', 'text', 'start', 'end', 'value', 'unit', 'approx', 'range_low', 'range_high'],
      ...figures.map((f) => fields(f.kind, f.text, f.start, f.end, f.value, f.unit, f.approx, f.range?.[0], f.range?.[1])),
    ]);

    const entityCsv = await exported(page, 'entities');
    assert.equal(entityCsv.name, 'zhlens-entities.csv');
    assert.deepEqual(parseCsv(entityCsv.content), [
      ['kind', 'text', 'start', 'end'],
      ...entities.map((e) => fields(e.kind, e.text, e.start, e.end)),
    ]);

    const metricCsv = await exported(page, 'metrics');
    assert.equal(metricCsv.name, 'zhlens-metrics.csv');
    const [header, ...lines] = parseCsv(metricCsv.content);
    const records = lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i]])));
    assert.equal(records.length, metrics.length);
    assert.ok(lines.every((line) => line.length === header.length));
    for (const [i, m] of metrics.entries()) {
      const value = m.value;
      const period = m.period;
      assert.deepEqual(records[i], Object.fromEntries(Object.entries({
        indicator: m.indicator.text,
        indicator_start: m.indicator.start,
        indicator_end: m.indicator.end,
        value_text: value.text,
        value: value.value,
        unit: value.unit,
        approx: value.approx,
        period_text: period?.text,
        period: period?.value,
        change_direction: m.change?.direction,
        change_text: m.change?.text,
        change_value: m.change?.value,
        change_unit: m.change?.amount?.unit,
        change_basis: m.change?.basis,
        change_from_text: m.change?.from?.text,
        change_from: m.change?.from?.value,
        change_contradicted: m.change?.contradicted,
        earlier: m.earlier,
      }).map(([name, v]) => [name, ...fields(v)])));
    }
    assert.deepEqual(records[0], {
      ...records[0],
      indicator: '規模工業總產值', value: '21880000000', unit: 'CNY', period: '2025-01/2025-07',
      change_direction: 'up', change_value: '5.25', change_unit: '%', change_basis: 'yoy',
    });

    // JSON: the analysis of the text as pasted, whichever script it is shown in.
    await showIn(page, 'simplified');
    const json = await exported(page, 'json');
    assert.equal(json.name, 'zhlens.json');
    assert.deepEqual(JSON.parse(json.content), { text, referenceDate, region: 'CN', figures, entities, metrics });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('in every script, entity marks and metric outlines stay on the converted characters', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    const { text, analysis: { figures, entities, metrics } } = await showSample(page);
    for (const [view, config] of [['simplified', 't2s'], ['taiwan', 't2tw'], ['hongkong', 't2hk']]) {
      await showIn(page, view);
      assert.match(await page.textContent('#status'), new RegExp(`shown as ${config}`));
      const { text: converted, map } = convertWithMap(text, config);
      assert.equal(await page.textContent('#output'), converted);
      const slice = (span) => {
        const { start, end } = mapSpan(span, map);
        return converted.slice(start, end);
      };
      const marks = await page.$$eval('#output mark.ent', (els) => els.map((el) => [el.dataset.kind, el.textContent]));
      assert.deepEqual(marks, entities.map((e) => [e.kind, slice(e)]), view);
      for (const [index, metric] of metrics.entries()) {
        await page.hover(`#metrics tbody tr[data-metric="${index}"]`);
        assert.deepEqual(await outlinedTexts(page), metricSpans(metric).map(slice).sort(), `${view}: metric ${index}`);
      }
      await page.mouse.move(0, 0);
    }
    assert.ok((await page.$$eval('#output mark.ent', (els) => els.map((el) => el.textContent))).includes('陳志明'));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// Written for these tests, in the style of a Taiwan and a Hong Kong paper.
const TW_ARTICLE = '財政部今（9）日公布，今年前8月出口總值達新台幣3,102億元，比去年同期增加6.4%。主計總處表示，上半年經濟成長率為3.1%，行政院將持續推動產業升級。';
const HK_ARTICLE = '港交所公布，上半年平均每日成交額為1,250億元，比去年同期上升12%。財政司司長表示，本港首季本地生產總值按年上升3.1%，失業率維持在3.5%。';

test('a Taiwan and a Hong Kong article: the region is detected and shown, money is in TWD or HKD, the change is listed', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    await page.fill('#refdate', '2025-09-15');
    for (const [article, region, row] of [
      [TW_ARTICLE, 'TW', ['3,102億元 = 310,200,000,000 TWD', '↑ 6.4%', 'yoy', '≈2,915億元']],
      [HK_ARTICLE, 'HK', ['1,250億元 = 125,000,000,000 HKD', '↑ 12%', 'yoy', '≈1,116億元']],
    ]) {
      await analyze(page, article);
      assert.equal(await page.getAttribute('#output', 'data-region'), region);
      assert.equal(await page.textContent('#region option[value="auto"]'), `auto: ${region}`, 'auto shows the region detected');
      assert.match(await page.textContent('#status'), new RegExp(` · read as ${region}`));
      const { metrics } = analyzeText(article, { referenceDate: '2025-09-15' });
      const rows = await metricRows(page);
      assert.deepEqual(rows.map((cells) => cells[0]), metrics.map((m) => m.indicator.text));
      const money = rows.find((cells) => cells[1].endsWith(` ${region}D`));
      assert.ok(money, `a metric in ${region}D: ${rows.join(' | ')}`);
      assert.deepEqual([money[1], ...money.slice(3)], row);
      await page.locator('#output').scrollIntoViewIfNeeded();
      await page.screenshot({ path: SCREENSHOT.replace('page.png', `page-${region.toLowerCase()}.png`), fullPage: true });
    }

    // Asking for another region reads the bare 元 in its currency, and the label of auto is plain again.
    await page.selectOption('#region', 'CN');
    await page.waitForSelector('#output[data-state="done"][data-region="CN"]');
    assert.equal(await page.textContent('#region option[value="auto"]'), 'auto');
    assert.ok((await metricRows(page)).some((cells) => cells[1] === '1,250億元 = 125,000,000,000 CNY'));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a change that contradicts its own figures is flagged in the metrics table', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    const article = '統計處表示，失業率由1.4%上升至1.3%。';
    const [metric] = analyzeText(article).metrics;
    assert.equal(metric.change.contradicted, true);
    await analyze(page, article);
    const flag = page.locator('#metrics tbody tr[data-metric="0"] .contradicted');
    assert.equal(await flag.textContent(), 'contradicted');
    assert.ok(await flag.isVisible());
    assert.equal(await page.textContent('#metrics tbody tr[data-metric="0"] td:nth-child(4)'), '↑ from 1.4% contradicted');
    assert.equal(await flag.evaluate((el) => getComputedStyle(el).backgroundColor), await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--error)';
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    }));
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the script switch converts the article again without analyzing it again', { timeout: TIMEOUT }, async (t) => {
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems, requests } = await openPage();
  try {
    await page.fill('#refdate', '2025-09-15');
    await analyze(page, TW_ARTICLE);
    const analysis = await page.getAttribute('#output', 'data-analysis');
    const { metrics } = analyzeText(TW_ARTICLE, { referenceDate: '2025-09-15' });
    for (const [view, config] of [['simplified', 'tw2s'], ['hongkong', 't2hk'], ['original', null]]) {
      const before = requests.length;
      await showIn(page, view);
      assert.equal(await page.getAttribute('#output', 'data-analysis'), analysis, `${view}: the same analysis`);
      assert.equal(requests.length, before, 'nothing fetched');
      const converted = config ? convertWithMap(TW_ARTICLE, config) : null;
      const shownText = converted ? converted.text : TW_ARTICLE;
      assert.equal(await page.textContent('#output'), shownText);
      // The indicators are the converted text's, at the spans toOutput gives.
      const moved = (span) => (converted ? converted.toOutput(span.start, span.end) : span);
      const indicators = (await metricRows(page)).map((cells) => cells[0]);
      assert.deepEqual(indicators, metrics.map((m) => {
        const { start, end } = moved(m.indicator);
        return shownText.slice(start, end);
      }), view);
      const money = await page.$$eval('#output mark.fig[data-kind="money"]', (els) => els.map((el) => el.textContent));
      assert.deepEqual(money, analyzeText(TW_ARTICLE).figures.filter((f) => f.kind === 'money').map((f) => {
        const { start, end } = moved(f);
        return shownText.slice(start, end);
      }));
    }
    await page.click('#analyze');
    await page.waitForSelector(`#output[data-state="done"]:not([data-analysis="${analysis}"])`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('CSV cells that begin like a formula are written as text', { timeout: TIMEOUT }, async (t) => {
  // In Node, the module the page uses.
  const { csvCell, csvFile } = await import('../../www/csv.js');
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    assert.equal(csvCell(`${start}SUM(A1:A9)`), `'${start}SUM(A1:A9)`, JSON.stringify(start));
  }
  assert.equal(csvCell('營收=5億元'), '營收=5億元', 'only a cell that begins with one');
  assert.equal(csvCell(-3.5), '-3.5', 'a negative number stays a number');
  assert.equal(csvCell(undefined), '');
  assert.equal(
    csvFile('x.csv', [['text', (item) => item]], ['=HYPERLINK("http://example.com","看這裡")', '\r=1+1']).content,
    '\uFEFFtext\r\n"\'=HYPERLINK(""http://example.com"",""看這裡"")"\r\n"\'\r=1+1"\r\n',
  );
  if (!haveChromium) {
    t.skip(SKIP);
    return;
  }
  const { page, context, problems } = await openPage();
  try {
    // In the page: the module it loads, and a figure of the article that begins with a minus.
    const cell = await page.evaluate(async () => (await import('/csv.js')).csvFile('x.csv', [['text', (item) => item]], ['=1+1']).content);
    assert.equal(cell, "\uFEFFtext\r\n'=1+1\r\n");
    const article = '公司營收為-5億元，毛利率-3.5%。';
    await analyze(page, article);
    const rows = parseCsv((await exported(page, 'figures')).content);
    const figures = analyzeText(article).figures;
    assert.deepEqual(figures.map((f) => f.text), ['-5億元', '-3.5%']);
    assert.deepEqual(rows.slice(1).map((row) => [row[1], row[4]]), [["'-5億元", '-500000000'], ["'-3.5%", '-3.5']]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
