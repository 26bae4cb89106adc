import type {
  Analysis, AnalyzeOptions, Config, ConvertedWithMap, Entity, Figure, Metric, NumberSpan, PosTag, Region, ScriptReport, SegmentOptions, Token, UserWord,
} from './zhlens.js';

/** Options of `createWorker`. */
export interface WorkerOptions {
  /** The worker script, when a bundler did not keep `zhlens_worker.js` next to `worker.js`. */
  url?: string | URL;
}

/** `analyzePacked`'s result: the tokens as numbers, ready to transfer or render without one object per word. */
export interface PackedAnalysis {
  region: Region;
  /** Three numbers per token, `[start, end, tag, …]`: UTF-16 offsets, and an index into `tags`. */
  tokens: Uint32Array;
  /** Every POS tag, by index. */
  tags: readonly PosTag[];
  figures: Figure[];
  entities: Entity[];
  metrics: Metric[];
}

/**
 * zhlens in a module Web Worker, with every function zhlens exports (but
 * `init`, which the worker calls itself). Every method returns a promise; calls are
 * answered in order. If the worker fails to load, `ready` and every call
 * reject with an Error named `ZhlensLoadError` (loading the wasm failed) or
 * `ZhlensWorkerError` (the worker script failed, or `terminate()` was
 * called); a bad argument rejects with the Error zhlens's function throws.
 */
export interface ZhlensWorker {
  /** Resolves once the worker has loaded zhlens. Calls made earlier wait for it. */
  readonly ready: Promise<void>;
  /** zhlens's `analyze`, in the worker. */
  analyze(text: string, options?: AnalyzeOptions): Promise<Analysis>;
  /** `analyze` with the tokens packed, transferred from the worker without a copy. */
  analyzePacked(text: string, options?: AnalyzeOptions): Promise<PackedAnalysis>;
  /** zhlens's `segment`, in the worker; the tokens cross packed and are unpacked here. */
  segment(text: string, options?: SegmentOptions): Promise<Token[]>;
  /** zhlens's `numbers`, in the worker. */
  numbers(text: string): Promise<NumberSpan[]>;
  /** zhlens's `maxLength`, from the worker. */
  maxLength(): Promise<number>;
  /** zhlens's `addWords`, in the worker (its analyzer is the one the words change). */
  addWords(words: UserWord[]): Promise<void>;
  /** zhlens's `convert`, in the worker. */
  convert(text: string, config: Config): Promise<string>;
  /** zhlens's `convertWithMap`, in the worker; the map is transferred, and `toOutput`/`toInput` work as in zhlens. */
  convertWithMap(text: string, config: Config): Promise<ConvertedWithMap>;
  /** zhlens's `detectScript`, in the worker. */
  detectScript(text: string): Promise<ScriptReport>;
  /** Stops the worker; pending and later calls reject. */
  terminate(): void;
}

/** Starts a module worker that loads zhlens (its own copy of the wasm module). */
export function createWorker(options?: WorkerOptions): ZhlensWorker;
