// Helpers shared by scripts/eval.mjs and scripts/bench.mjs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared corpora, next to the repository (not part of it: their licenses forbid redistribution). */
export const corporaDir = join(root, '..', 'shared', 'corpora');

/** The team's annotated fixtures, next to the repository (news development set, seed article). */
export const fixturesDir = join(root, '..', 'shared', 'fixtures');

/** `path` relative to the repository root, for messages. */
export const rel = (path) => relative(root, path) || '.';

/** A UTF-8 file as a string, without a leading byte order mark. */
export function readText(path) {
  const text = readFileSync(path, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * About 1 MB (10^6 bytes of UTF-8) of news for timing: the SIGHAN 2005 test
 * inputs of one script (Simplified: PKU + MSR; Traditional: CityU + AS),
 * lines repeated as needed and cut at a line end. `{ text, lines, sources }`.
 */
export function newsMegabyte(script) {
  const sources = { simplified: ['pku_test.utf8', 'msr_test.utf8'], traditional: ['cityu_test.utf8', 'as_test.utf8'] }[script];
  if (sources === undefined) throw new Error(`newsMegabyte: no text for ${JSON.stringify(script)}`);
  const source = sources.flatMap((f) => lines(readText(join(corporaDir, 'sighan2005', 'testing', f))));
  const out = [];
  for (let i = 0, bytes = 0; bytes < 1_000_000; i++) {
    const line = source[i % source.length];
    out.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  return { text: out.join('\n'), lines: out, sources };
}

/** The text a timing script names: 'simplified' or 'traditional' (`newsMegabyte`), else a file's. */
export function textOf(source) {
  return source === 'simplified' || source === 'traditional' ? newsMegabyte(source).text : readFileSync(source, 'utf8');
}

/** The lines of a text (LF or CRLF), without a final empty line after the last newline. */
export function lines(text) {
  const out = text.split(/\r?\n/);
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Writes `value` as pretty JSON, creating the folder. */
export function writeJson(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Says that a data folder is missing and exits 0 (the data is optional). */
export function requireDir(dir, what) {
  if (existsSync(dir)) return;
  console.log(`${what}: ${dir} not found; nothing to do (the shared corpora are not part of the repository).`);
  process.exit(0);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The machine, for reports. */
export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
  };
}

/** Renders rows (arrays of cells) as an aligned text table; numbers are right-aligned. */
export function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => [...row[i]].length)));
  const numeric = header.map((_, i) => rows.every((row) => typeof row[i] === 'number' || /^[-+\d.,×x%]+$/.test(String(row[i]))));
  const line = (row) => row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
