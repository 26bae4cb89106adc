// convertWithMap's result, with the span mapping Rust's `Converted::to_output`
// does. Shared by zhlens.js and zhlens/worker (worker.js): a result that
// crossed from the worker is a plain object again, and worker.js rebuilds it
// here so that both give the same object.

/** A conversion and its map: `{ text, map }` plus `toOutput` and `toInput`. */
export class ConvertedWithMap {
  /** `text`, the converted text; `map`, [inStart, inEnd, outStart, outEnd, …] per piece, in UTF-16 code units. */
  constructor(text, map) {
    this.text = text;
    this.map = map;
  }

  /** Where `input.slice(start, end)` went: `{ start, end }` in `text`, widened to whole pieces where it cuts one. */
  toOutput(start, end) {
    return mapSpan(this.map, 0, start, end);
  }

  /** Where `text.slice(start, end)` came from: `{ start, end }` in the input, widened to whole pieces likewise. */
  toInput(start, end) {
    return mapSpan(this.map, 2, start, end);
  }
}

/**
 * Maps a span through `map`'s pieces from the side whose offsets begin at
 * column `from` (0: input, 2: output) to the other side: from the first piece
 * that ends after `start` to the last that begins before `end`. An empty span
 * stays empty, at the start of the piece it is in (at the end of the text
 * past it).
 */
function mapSpan(map, from, start, end) {
  const to = 2 - from;
  const pieces = map.length / 4;
  const first = partitionPoint(pieces, (i) => map[4 * i + from + 1] <= start);
  const last = partitionPoint(pieces, (i) => map[4 * i + from] < end);
  const outStart = first < pieces ? map[4 * first + to] : pieces > 0 ? map[4 * pieces - 4 + to + 1] : 0;
  return { start: outStart, end: last > first ? map[4 * last - 4 + to + 1] : outStart };
}

/** The number of leading pieces `0 … count - 1` for which `before(i)` holds (it holds for a prefix). */
function partitionPoint(count, before) {
  let [low, high] = [0, count];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
