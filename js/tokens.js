// Tokens as wasm packs them, [start, end, tag, …] in UTF-16 code units, made
// into the plain objects of segment() and analyze(). Shared by zhlens.js and
// zhlens/worker (worker.js), which never loads the wasm itself.

// One string per UTF-16 code unit, made once and reused: most Chinese words
// are one or two characters, and a fresh one-character string per token was
// most of what the tokens of a long text allocated, all of it copied again
// by the garbage collector (10 MB of text: a third of the unpacking time).
const singleUnits = new Array(0x10000);

export function unpackTokens(text, packed, tags) {
  const tokens = new Array(packed.length / 3);
  for (let i = 0, j = 0; j < tokens.length; i += 3, j += 1) {
    const start = packed[i];
    const end = packed[i + 1];
    const word = end - start === 1 ? (singleUnits[text.charCodeAt(start)] ??= text[start]) : text.slice(start, end);
    tokens[j] = { text: word, start, end, pos: tags[packed[i + 2]] };
  }
  return tokens;
}
