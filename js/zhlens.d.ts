/** Where `init()` finds the WebAssembly module, when not next to `zhlens.js`. */
export interface InitOptions {
  /** A URL to fetch, a Response, the module's bytes, or a compiled module. */
  wasm?: URL | string | Response | BufferSource | WebAssembly.Module;
}

/**
 * Loads the WebAssembly module. Idempotent: every call returns the same
 * promise, and the other functions throw until it has resolved.
 */
export default function init(options?: InitOptions): Promise<void>;

/** Options of `segment`. Unknown keys are an error. */
export interface SegmentOptions {
  /** Let jieba's character HMM join characters outside the dictionary into words. Default: on for Traditional text, off for Simplified. */
  hmm?: boolean;
}

/**
 * jieba's part-of-speech tags (ICTCLAS): `n` noun, `nr` person, `ns` place, `nt` organization, `nz` other proper
 * noun, `v` verb, `vn` verbal noun, `a` adjective, `d` adverb, `m` numeral, `q` measure word, `t` time, `eng`
 * Latin-script word, `x` punctuation, whitespace and other symbols …
 */
export type PosTag =
  | 'a' | 'ad' | 'ag' | 'an' | 'b' | 'bg' | 'c' | 'd' | 'df' | 'dg' | 'e' | 'en' | 'eng' | 'f' | 'g' | 'h' | 'i'
  | 'in' | 'j' | 'jn' | 'k' | 'l' | 'ln' | 'm' | 'mg' | 'mq' | 'n' | 'ng' | 'nr' | 'nrfg' | 'nrt' | 'ns' | 'nt'
  | 'nz' | 'o' | 'p' | 'q' | 'qe' | 'qg' | 'r' | 'rg' | 'rr' | 'rz' | 's' | 't' | 'tg' | 'u' | 'ud' | 'ug' | 'uj'
  | 'ul' | 'uv' | 'uz' | 'v' | 'vd' | 'vg' | 'vi' | 'vn' | 'vq' | 'w' | 'x' | 'y' | 'yg' | 'z' | 'zg';

/** A word of the input. Offsets are UTF-16 code units: `input.slice(start, end) === text`. */
export interface Token {
  /** The word, as it stands in the input. */
  text: string;
  /** Offset of the word's first code unit. */
  start: number;
  /** Offset just past the word. */
  end: number;
  /** jieba's part-of-speech tag: `n`, `v`, `nr` (person), `ns` (place), `nt` (organization), `m` (numeral), `x` (punctuation) … */
  pos: PosTag;
}

/**
 * Splits `text` (Simplified or Traditional Chinese, any other text passes
 * through) into words covering all of it, in order.
 * @throws Error when `text` is not a string, is longer than `maxLength()`, or an option is unknown or mistyped.
 */
export function segment(text: string, options?: SegmentOptions): Token[];

/** The longest text `segment` accepts, in UTF-16 code units. */
export function maxLength(): number;

/** One of the reader's own words for `addWords`. */
export interface UserWord {
  /** The word, without whitespace; in either script. */
  text: string;
  /** Its part-of-speech tag, one of jieba's (`'nt'`, `'ns'`, `'nr'`, `'n'` …); by default that of its kind, else `'n'`. */
  pos?: string;
  /** How strongly the segmenter prefers it, a whole number ≥ 1; by default just enough to keep it whole. */
  freq?: number;
  /** With a kind, the word is an entity of that kind wherever it stands as a word. */
  kind?: EntityKind;
}

/**
 * Adds the reader's own words: each segments as one token from then on.
 * Throws an Error naming a bad entry (empty text, whitespace, an unknown
 * tag, a frequency of 0, an unknown kind), and then adds none.
 */
export function addWords(words: UserWord[]): void;

/** OpenCC's configurations: s = Simplified, t = Traditional (OpenCC standard), tw = Taiwan, hk = Hong Kong, jp = Japanese Shinjitai; a final p adds regional phrases (软件 → 軟體). */
export type Config =
  | 's2t' | 't2s' | 's2tw' | 'tw2s' | 's2twp' | 'tw2sp' | 's2hk' | 'hk2s' | 's2hkp' | 'hk2sp'
  | 't2tw' | 'tw2t' | 't2hk' | 'hk2t' | 't2jp' | 'jp2t';

/**
 * Converts `text` between Chinese scripts as OpenCC does with `config`,
 * except that for Simplified input a phrase match may not cross a word the
 * segmenter is sure of (被发明 → 被發明, not OpenCC's 被髮明).
 * @throws Error when `text` is not a string or is longer than `maxLength()`, or `config` is not one of the configs (the message lists them).
 */
export function convert(text: string, config: Config): string;

/** Offsets in UTF-16 code units: `text.slice(start, end)`. */
export interface TextRange {
  start: number;
  end: number;
}

/** A conversion and where each piece of it came from. */
export interface ConvertedWithMap {
  /** The converted text. */
  text: string;
  /**
   * Four numbers per piece, `[inStart, inEnd, outStart, outEnd, …]`, in
   * UTF-16 code units: `text.slice(outStart, outEnd)` was converted from
   * `input.slice(inStart, inEnd)`. Pieces are ascending, contiguous and
   * non-empty on both sides, and cover both strings; a piece is one
   * character unless a phrase changed the number of characters.
   */
  map: Uint32Array;
  /**
   * Where `input.slice(start, end)` is in `text` (a figure's span, to highlight it in the converted text): from the
   * piece that holds `start` to the one that holds `end - 1`, so widened to whole pieces where it cuts through one
   * (a phrase converted as a whole). An empty span stays empty.
   */
  toOutput(start: number, end: number): TextRange;
  /** Where `text.slice(start, end)` came from in the input; the inverse of `toOutput`, widened likewise. */
  toInput(start: number, end: number): TextRange;
}

/**
 * `convert`, with the map between the input and the output, and the span mapping over it.
 * @throws Error as `convert` does.
 */
export function convertWithMap(text: string, config: Config): ConvertedWithMap;

/** The scripts `detectScript` tells apart. */
export type Script = 'simplified' | 'traditional' | 'mixed' | 'none';

/** What `detectScript` found. */
export interface ScriptReport {
  /** `none` without distinctive characters; `mixed` when the minority script has 20% or more of them; otherwise the majority. */
  script: Script;
  /** Characters only Traditional writing uses. */
  traditional: number;
  /** Characters only Simplified writing uses. */
  simplified: number;
}

/**
 * Which script `text` is written in, from the characters only one script uses.
 * @throws Error when `text` is not a string or is longer than `maxLength()`.
 */
export function detectScript(text: string): ScriptReport;

/** Options of `analyze`. Unknown keys are an error. */
export interface AnalyzeOptions extends SegmentOptions {
  /** The date relative dates (今年, 去年12月, 上半年) resolve against: 'YYYY-MM-DD' or a Date. Default: today. */
  referenceDate?: string | Date;
  /**
   * The press that wrote the text: it decides what a bare 元 is (CNY, TWD, HKD), whether 114年 is an ROC year and
   * which fiscal year 年度 names. Default: 'auto', detected from the script and regional words (新台幣, 港交所, 立法院).
   */
  region?: Region | 'auto';
  /** Whether to find people, places and organizations. Default: true; false leaves `entities` empty and saves their time. */
  entities?: boolean;
  /** Whether to link figures into metrics. Default: true; false leaves `metrics` empty. */
  metrics?: boolean;
}

/** How a qualifier bounds a figure's value. */
export type Approx = 'over' | 'under' | 'about';

/** What a figure measures. */
export type FigureKind = 'money' | 'percent' | 'quantity' | 'number' | 'ordinal' | 'date' | 'period';

/** A figure of the input. Offsets are UTF-16 code units: `input.slice(start, end) === text`. */
export interface Figure {
  kind: FigureKind;
  /** The whole expression, qualifiers included (超200人, 300萬元以上). */
  text: string;
  start: number;
  end: number;
  /**
   * money: currency units (218.8億元 → 21880000000); percent: the number before % (5.25), or percentage points;
   * quantity and number: the number (1.36万人 → 13600; 1.1倍 → 1.1); ordinal: the rank;
   * date: ISO 8601 at the precision written ('2024', '2024-11', '2025-09-02'); period: 'start/end' ('2025-01/2025-07').
   * For a range (3至5億元), its low end.
   */
  value: number | string;
  /** money: ISO 4217 code (CNY, USD, HKD, TWD, EUR, JPY, GBP …; BTC, ETH for cryptocurrencies); percent: '%' or 'pp'; quantity: the unit as written (個, 畝, 公里); number: '倍' for multiples; otherwise null. */
  unit: string | null;
  /** The qualifier's bound: 以上/超/逾/余/多/至少/大于 'over', 近/不到/以下/最多/不超过/小于 'under', 約/左右 'about'. */
  approx?: Approx;
  /** [low, high] of a range: 3至5億元, 10%～20%, 3万元以上25万元以下, 20和30之间. */
  range?: [number, number];
}

/** A span of the input: `input.slice(start, end) === text`. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Which way a metric changed. */
export type Direction = 'up' | 'down' | 'flat';

/** What a change is measured against: 'yoy' year on year (同比, 比上年, 年增, 按年), 'mom' month on month or period on period (環比, 月增, 按月), 'qoq' quarter on quarter (季增, 按季). */
export type Basis = 'yoy' | 'mom' | 'qoq';

/** How a metric changed: 同比增長5.25% (an amount), 由6個精簡至5個 (from). The span is the whole change phrase. */
export interface Change extends Span {
  direction: Direction;
  basis?: Basis;
  /** The amount of change: the figure 5.25% of 同比增長5.25%, 0.8個百分點, 30億元. */
  amount?: Figure;
  /** The amount's number (5.25), when it is one: `amount.value`. */
  value?: number;
  /** The figure changed from: 6個 in 由6個精簡至5個. */
  from?: Figure;
  /** Present, and true, when the verb contradicts the figures: 由1.4%上升至1.3% says up where they went down. */
  contradicted?: true;
}

/** An indicator and the figures it links: 規模工業總產值 = 218.8億元 for 今年1至7月, 同比增長5.25%. */
export interface Metric {
  /** The noun phrase the value measures. */
  indicator: Span;
  /** The value, a figure as in `Analysis.figures`. */
  value: Figure;
  /** The period (or date) that governs the value, a figure as in `Analysis.figures`. */
  period?: Figure;
  change?: Change;
  /**
   * The level before the change, in the value's unit, where the text gives a level and a change with its basis but
   * not the earlier level: 218.8億元 up 5.25% year on year → about 20788598575 (CNY) a year earlier; 5.2% down
   * 0.1 percentage points → 5.3. An estimate from rounded figures.
   */
  earlier?: number;
}

/** What a named entity is. */
export type EntityKind = 'person' | 'place' | 'org';

/** A person, place or organization of the input: `input.slice(start, end) === text`. */
export interface Entity extends Span {
  kind: EntityKind;
}

/** Mainland China, Taiwan or Hong Kong. */
export type Region = 'CN' | 'TW' | 'HK';

/** The result of `analyze`. */
export interface Analysis {
  /** The press the text was read as: `options.region`, or the one detected. */
  region: Region;
  tokens: Token[];
  figures: Figure[];
  /**
   * People, places and organizations, in order of `start` (an outer span
   * before the one inside it). Spans overlap in one way only: a place that
   * begins an organization's name (湘潭 in 湘潭天易經開區) is listed inside it.
   */
  entities: Entity[];
  metrics: Metric[];
}

/**
 * Segments `text` and finds its figures in one call.
 * @throws Error when `text` is not a string or too long, an option is unknown or mistyped, or `referenceDate` is not a calendar date.
 */
export function analyze(text: string, options?: AnalyzeOptions): Analysis;

/** A number expression of the input. Offsets are UTF-16 code units: `input.slice(start, end) === text`. */
export interface NumberSpan {
  /** The expression as written (一百 五 十 二, 1,234.5, 三分之一, 十余万). */
  text: string;
  start: number;
  end: number;
  /** Its value: 152, 1234.5, 0.333…, 100000; Infinity past the range of a double. */
  value: number;
}

/**
 * Every number expression of `text` as written, whatever it measures (十斤 → 十 = 10), in order;
 * numerals that are part of words (一切, 四川, 队伍) are not numbers.
 * @throws Error when `text` is not a string or is longer than `maxLength()`.
 */
export function numbers(text: string): NumberSpan[];
