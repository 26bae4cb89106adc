// News passages: zhlens analyze() figures, entities and metrics against the
// development set ../shared/fixtures/news/dev.jsonl (16 passages each in the
// style of the mainland, Taiwan and Hong Kong press), scored as its README,
// the annotation guide, says. Each passage is analyzed with its own `date` as
// the reference date, and with `region: 'auto'` when the build takes that
// option (the passage's region is not given away: telling it is part of the
// task, since it sets the currency of a bare 元).
//
// Figures: each gold figure is placed at the first occurrence of its text at
// or after the end of the one before it. A predicted figure is right when it
// overlaps a gold figure not yet matched and agrees with it in kind and value
// (numbers within a relative 1e-9, dates and periods as equal ISO strings)
// and, except for quantities, in unit; `exact` counts the right ones whose
// span is the gold span, `approx` those whose qualifier bound agrees too.
// Any other prediction is a false positive, except one that overlaps only
// occurrences of optional spans, which counts neither way; one that overlaps
// an occurrence of a negative is a negative hit (and a false positive).
//
// Entities: each distinct (text, kind) of a passage is one item, predicted
// ones reduced the same way; P / R / F1 per region and per kind.
//
// Metrics: a gold metric is found when some predicted metric has the same
// indicator text, a value figure whose text contains the gold value with its
// leading qualifier stripped, the gold period's text (any period when the
// gold has none) and the gold change's direction (when it has a change).
// Recall is found / gold; precision is the share of predicted metrics that
// agree with some gold metric.
//
// The gate holds F1 per region for figures, entities and metrics, and
// figures/negatives_clean, 1 − (negatives hit / negatives), so that like every
// gated value it must not fall. Every miss, false positive and negative hit
// is written to target/eval/news-details.json.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, lines, readText, rel, root, table, writeJson } from './common.mjs';
import { loadZhlens } from './systems.mjs';

export const name = 'news';
export const dataDir = join(fixturesDir, 'news');
const DEV = join(dataDir, 'dev.jsonl');
export const available = () => existsSync(DEV);

const REGIONS = ['CN', 'TW', 'HK'];
const ENTITY_KINDS = ['person', 'place', 'org'];
const TOLERANCE = 1e-9;
const DETAILS = join(root, 'target', 'eval', 'news-details.json');
/** The issue's target: metric F1 of at least this in each region. */
const TARGET_F1 = 0.85;

/** Leading qualifiers the metric rule strips from a gold value, longest first so that 約為 goes before 約. */
const QUALIFIER = new RegExp(`^(?:${['約為', '约为', '約合', '约合', '超過', '超过', '突破', '不足', '不超过', '不少於', '不到', '約', '约', '逾', '超', '近']
  .join('|')})`);

const overlaps = (a, b) => a.start < b.end && b.start < a.end;

/** Every occurrence of `needle` in `text`, overlapping ones included, as { text, start, end }. */
function occurrences(text, needle) {
  const found = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    found.push({ text: needle, start: i, end: i + needle.length });
  }
  return found;
}

/** The gold figures with their spans: each at the first occurrence of its text from the end of the one before. */
function placeGold(passage) {
  let from = 0;
  return passage.figures.map((figure) => {
    const start = passage.text.indexOf(figure.text, from);
    if (start < 0) throw new Error(`news: ${passage.id}: gold figure ${JSON.stringify(figure.text)} not found after offset ${from}`);
    from = start + figure.text.length;
    return { ...figure, start, end: from };
  });
}

function sameValue(predicted, gold) {
  if (typeof predicted === 'number' && typeof gold === 'number') {
    return Math.abs(predicted - gold) <= TOLERANCE * Math.max(1, Math.abs(gold));
  }
  return predicted === gold;
}

function agrees(predicted, gold) {
  return predicted.kind === gold.kind
    && sameValue(predicted.value, gold.value)
    && (gold.kind === 'quantity' || (predicted.unit ?? null) === (gold.unit ?? null));
}

/** A figure as the details show it. */
function figureView({ text, start, kind, value, unit, approx, range }) {
  return { text, start, kind, value, ...(unit != null && { unit }), ...(approx && { approx }), ...(range && { range }) };
}

function scoreFigures(passage, predicted) {
  const gold = placeGold(passage);
  const negatives = passage.negatives.flatMap((text) => occurrences(passage.text, text));
  const optional = passage.optional.flatMap((text) => occurrences(passage.text, text));
  const matched = new Array(gold.length).fill(false);
  const result = { tp: 0, fp: 0, fn: 0, exact: 0, approxAgree: 0, neutral: 0, missed: [], falsePositives: [], approxMismatches: [], negativesHit: new Set() };

  for (const figure of predicted) {
    const candidates = gold.map((g, i) => i).filter((i) => !matched[i] && overlaps(figure, gold[i]) && agrees(figure, gold[i]));
    // Prefer the gold figure with the same span, so that `exact` does not depend on order.
    const i = candidates.find((c) => gold[c].start === figure.start && gold[c].end === figure.end) ?? candidates[0];
    if (i !== undefined) {
      matched[i] = true;
      result.tp += 1;
      if (gold[i].start === figure.start && gold[i].end === figure.end) result.exact += 1;
      if ((figure.approx ?? null) === (gold[i].approx ?? null)) result.approxAgree += 1;
      else result.approxMismatches.push({ gold: figureView(gold[i]), predicted: figureView(figure) });
      continue;
    }
    const negative = negatives.find((n) => overlaps(figure, n));
    const overlapped = gold.filter((g) => overlaps(figure, g));
    if (!negative && overlapped.length === 0 && optional.some((o) => overlaps(figure, o))) {
      result.neutral += 1;
      continue;
    }
    result.fp += 1;
    if (negative) result.negativesHit.add(negative.text);
    result.falsePositives.push({
      reason: negative ? 'negative' : overlapped.length ? 'mismatch' : 'spurious',
      predicted: figureView(figure),
      ...(negative && { negative: negative.text }),
      ...(overlapped.length && { gold: overlapped.map(figureView) }),
    });
  }
  gold.forEach((g, i) => {
    if (matched[i]) return;
    result.fn += 1;
    result.missed.push({ gold: figureView(g), predicted: predicted.filter((p) => overlaps(p, g)).map(figureView) });
  });
  return result;
}

function scoreEntities(passage, predicted) {
  const key = (e) => `${e.kind}\t${e.text}`;
  const gold = new Set(passage.entities.map(key));
  const found = new Set(predicted.map(key));
  const item = (k) => {
    const [kind, text] = k.split('\t');
    return { text, kind };
  };
  return {
    correct: [...found].filter((k) => gold.has(k)).map(item),
    missed: [...gold].filter((k) => !found.has(k)).map(item),
    falsePositives: [...found].filter((k) => !gold.has(k)).map(item),
  };
}

/**
 * A predicted metric with its figures as texts, in the shape of the gold
 * metrics: `change.value` is the amount's number (5.25), `change.from` the
 * text of the figure changed from.
 */
function metricView(metric) {
  const { change } = metric;
  return {
    indicator: metric.indicator.text,
    value: metric.value.text,
    period: metric.period?.text,
    ...(change && {
      change: {
        direction: change.direction,
        ...(change.basis && { basis: change.basis }),
        ...(change.value !== undefined && { value: change.value }),
        ...(change.from && { from: change.from.text }),
      },
    }),
  };
}

/** The parts of gold metric `gold` that predicted metric `predicted` gets wrong (none: it is found). */
function metricDisagreements(predicted, gold) {
  const wrong = [];
  if (predicted.indicator !== gold.indicator) wrong.push('indicator');
  if (gold.value !== undefined && !(predicted.value ?? '').includes(gold.value.replace(QUALIFIER, ''))) wrong.push('value');
  if (gold.period !== undefined && predicted.period !== gold.period) wrong.push('period');
  if (gold.change !== undefined && predicted.change?.direction !== gold.change.direction) wrong.push('direction');
  return wrong;
}

function scoreMetrics(passage, predicted) {
  const missed = [];
  let found = 0;
  for (const gold of passage.metrics) {
    const verdicts = predicted.map((p) => ({ predicted: p, wrong: metricDisagreements(p, gold) }));
    if (verdicts.some((v) => v.wrong.length === 0)) {
      found += 1;
      continue;
    }
    // The nearest predictions, with what they get wrong, say why it was
    // missed: those with the gold indicator, else those with the gold value.
    const sameIndicator = verdicts.filter((v) => !v.wrong.includes('indicator'));
    const nearest = sameIndicator.length ? sameIndicator : verdicts.filter((v) => gold.value !== undefined && !v.wrong.includes('value'));
    missed.push({ gold, nearest: nearest.map((v) => ({ ...v.predicted, wrong: v.wrong })) });
  }
  const falsePositives = predicted.filter((p) => !passage.metrics.some((g) => metricDisagreements(p, g).length === 0));
  return { gold: passage.metrics.length, found, predicted: predicted.length, correct: predicted.length - falsePositives.length, missed, falsePositives };
}

function withF1(precision, recall) {
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const prf = (tp, fp, fn) => ({ ...withF1(tp / (tp + fp || 1), tp / (tp + fn || 1)), tp, fp, fn });

/** `analyze` options for a passage: `region: 'auto'` only if this build knows the option (it rejects unknown ones). */
function analyzeOptions(zhlens) {
  try {
    zhlens.analyze('今年', { region: 'auto' });
    return { region: 'auto' };
  } catch (error) {
    // Only an unknown option falls back: a rejected value would be a bug to see.
    if (/unknown option "region"/.test(error.message)) return {};
    throw error;
  }
}

export async function run(options = {}) {
  const zhlens = await loadZhlens();
  const regionOption = analyzeOptions(zhlens);
  const passages = lines(readText(DEV)).filter((line) => line.trim()).map((line) => JSON.parse(line));

  const details = passages.map((passage) => {
    const analysis = zhlens.analyze(passage.text, { referenceDate: passage.date, ...regionOption });
    return {
      id: passage.id,
      region: passage.region,
      figures: scoreFigures(passage, analysis.figures),
      entities: scoreEntities(passage, analysis.entities),
      metrics: scoreMetrics(passage, analysis.metrics.map(metricView)),
    };
  });

  const summarize = (group) => {
    const sum = (f) => group.reduce((total, d) => total + f(d), 0);
    const entities = (kind) => {
      const count = (list) => list.filter((e) => kind === undefined || e.kind === kind).length;
      return prf(sum((d) => count(d.entities.correct)), sum((d) => count(d.entities.falsePositives)), sum((d) => count(d.entities.missed)));
    };
    const metrics = { gold: sum((d) => d.metrics.gold), found: sum((d) => d.metrics.found), predicted: sum((d) => d.metrics.predicted), correct: sum((d) => d.metrics.correct) };
    return {
      passages: group.length,
      figures: {
        ...prf(sum((d) => d.figures.tp), sum((d) => d.figures.fp), sum((d) => d.figures.fn)),
        exact: sum((d) => d.figures.exact),
        approxAgree: sum((d) => d.figures.approxAgree),
        neutral: sum((d) => d.figures.neutral),
      },
      entities: { all: entities(), ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, entities(kind)])) },
      metrics: { ...withF1(metrics.correct / (metrics.predicted || 1), metrics.found / (metrics.gold || 1)), ...metrics },
    };
  };
  const regions = Object.fromEntries([...REGIONS.map((r) => [r, summarize(details.filter((d) => d.region === r))]), ['all', summarize(details)]]);

  const negativeTotal = passages.reduce((total, p) => total + p.negatives.length, 0);
  const negativesHit = details.flatMap((d) => [...d.figures.negativesHit].map((text) => ({ id: d.id, text })));

  const report = {
    name,
    data: rel(DEV),
    analyzeOptions: regionOption,
    regions,
    negatives: { total: negativeTotal, hit: negativesHit },
    gate: {
      ...Object.fromEntries(REGIONS.flatMap((r) => ['figures', 'entities', 'metrics'].map((part) =>
        [`${part}/${r}/f1`, part === 'entities' ? regions[r].entities.all.f1 : regions[r][part].f1]))),
      'figures/negatives_clean': 1 - negativesHit.length / (negativeTotal || 1),
    },
    gated: 'zhlens',
    target: `metric F1 ≥ ${TARGET_F1} in each of CN, TW and HK`,
    details: rel(DETAILS),
  };
  if (options.examples > 0) {
    const withId = (d) => (entry) => ({ id: d.id, ...entry });
    report.examples = Object.fromEntries(REGIONS.map((r) => {
      const inRegion = details.filter((d) => d.region === r);
      return [r, {
        missed: inRegion.flatMap((d) => d.figures.missed.map(withId(d))).slice(0, options.examples),
        falsePositives: inRegion.flatMap((d) => d.figures.falsePositives.map(withId(d))).slice(0, options.examples),
      }];
    }));
  }

  writeJson(DETAILS, {
    data: rel(DEV),
    analyzeOptions: regionOption,
    passages: details.map(({ figures, metrics, ...d }) => ({
      ...d,
      figures: { missed: figures.missed, falsePositives: figures.falsePositives, approxMismatches: figures.approxMismatches },
      entities: { missed: d.entities.missed, falsePositives: d.entities.falsePositives },
      metrics: { missed: metrics.missed, falsePositives: metrics.falsePositives },
    })),
  });
  return report;
}

export function print(report) {
  const options = Object.keys(report.analyzeOptions).length ? JSON.stringify(report.analyzeOptions) : 'no region option (this build rejects it)';
  console.log(`\n== News development set (${report.data}; analyze with the passage's date, ${options}) ==`);
  const prf3 = (s) => `${s.precision.toFixed(3)} / ${s.recall.toFixed(3)} / ${s.f1.toFixed(3)}`;
  const regions = Object.entries(report.regions);

  console.log('Figures (exact: right ones with the gold span; approx: right ones whose approx agrees; neutral: on optional spans only):');
  console.log(table(['region', 'P / R / F1', 'right', 'false pos.', 'missed', 'exact', 'approx', 'neutral'], regions.map(([region, { figures: f }]) =>
    [region, prf3(f), f.tp, f.fp, f.fn, f.exact, f.approxAgree, f.neutral])));
  const { hit, total } = report.negatives;
  console.log(`Negatives hit: ${hit.length} of ${total}${hit.length ? `: ${hit.map((n) => `${n.id} ${n.text}`).join(', ')}` : ''}`);

  console.log('\nEntities (distinct text and kind per passage) and metrics (found: gold metrics some prediction agrees with):');
  console.log(table(['region', 'entities P / R / F1', ...ENTITY_KINDS, 'metrics P / R / F1', 'found'], regions.map(([region, s]) =>
    [region, prf3(s.entities.all), ...ENTITY_KINDS.map((kind) => s.entities[kind].f1.toFixed(3)), prf3(s.metrics), `${s.metrics.found}/${s.metrics.gold}`])));
  console.log(`(${ENTITY_KINDS.join(', ')}: F1 per kind)`);

  console.log(`Every miss and false positive: ${report.details}`);
  for (const region of REGIONS) {
    const { f1, recall } = report.regions[region].metrics;
    console.log(`  ${f1 >= TARGET_F1 ? 'PASS' : 'FAIL'}  issue target (information only): ${region} metric F1 ≥ ${TARGET_F1}: ${f1.toFixed(3)} (recall ${recall.toFixed(3)})`);
  }
}
