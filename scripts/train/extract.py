"""Writes the sentences of the training texts, one a line.

    python scripts/train/extract.py OUT.txt SOURCE…

A SOURCE is a JSON Lines file of reports with a `content` field (the State
Council's government work reports as Wikisource holds them), or a CSV file
with a `full_text` field (a province's government work report as its
newspaper printed it: only the report itself is kept, from its first
「各位代表」 to the paragraph that opens with the last one, leaving out the
page's menus, captions and links). Sentences end at 。！？； or a line's end;
those shorter than 6 characters or without a Chinese character are left out.
"""

import csv
import json
import re
import sys

SENTENCE_END = re.compile(r"(?<=[。！？；])|\n")
HAN = re.compile(r"[\u4e00-\u9fff]")


def report_body(text):
    start = text.find("各位代表")
    last = text.rfind("\n各位代表")
    if start < 0 or last < start:
        return ""
    end = text.find("\n", last + 1)
    return text[start : end if end > 0 else len(text)]


def texts(path):
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)["content"]
    elif path.endswith(".csv"):
        csv.field_size_limit(1 << 30)
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                yield report_body(row["full_text"])
    else:
        raise SystemExit(f"extract: unknown kind of source {path}")


def main():
    out, sources = sys.argv[1], sys.argv[2:]
    seen = set()
    with open(out, "w", encoding="utf-8") as f:
        for path in sources:
            for text in texts(path):
                for sentence in SENTENCE_END.split(text):
                    sentence = sentence.strip()
                    if len(sentence) >= 6 and HAN.search(sentence) and sentence not in seen:
                        seen.add(sentence)
                        f.write(sentence + "\n")
    print(f"extract: {len(seen)} sentences to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
