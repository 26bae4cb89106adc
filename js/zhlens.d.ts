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

/** A word of the input. Offsets are UTF-16 code units: `input.slice(start, end) === text`. */
export interface Token {
  /** The word, as it stands in the input. */
  text: string;
  /** Offset of the word's first code unit. */
  start: number;
  /** Offset just past the word. */
  end: number;
  /** jieba's part-of-speech tag: `n`, `v`, `nr` (person), `ns` (place), `nt` (organization), `m` (numeral), `x` (punctuation) … */
  pos: string;
}

/**
 * Splits `text` (Simplified or Traditional Chinese, any other text passes
 * through) into words covering all of it, in order.
 * @throws Error when `text` is not a string, is longer than `maxLength()`, or an option is unknown or mistyped.
 */
export function segment(text: string, options?: SegmentOptions): Token[];

/** The longest text `segment` accepts, in UTF-16 code units. */
export function maxLength(): number;
