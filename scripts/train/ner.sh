#!/usr/bin/env bash
# Trains and scores the name tagger of MODEL.md (*Statistical tagger*):
#
#   npm run train:ner -- SOURCES [OUT]
#
# SOURCES is a folder with the training texts MODEL.md lists, laid out as
#   ud/*.conllu                  Universal Dependencies Chinese treebanks
#   gov_work_reports.jsonl       the State Council's government work reports
#   prov/*.csv                   the provinces' 2026 government work reports
# OUT (default target/ner) receives the teacher's environment, the labelled
# sentences and the model. The evaluation sets are read from ../shared.
set -euo pipefail
sources=${1:?usage: npm run train:ner -- SOURCES [OUT]}
out=${2:-target/ner}
mkdir -p "$out"
if [ ! -x "$out/venv/bin/python" ]; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install -q -r scripts/train/requirements.txt
fi
cargo build --release --example train_ner
tagger=target/release/examples/train_ner
"$out/venv/bin/python" scripts/train/extract.py "$out/reports.txt" "$sources"/gov_work_reports.jsonl "$sources"/prov/*.csv
"$tagger" prepare "$out/sentences.txt" "$sources"/ud/*.conllu "$out/reports.txt"
"$out/venv/bin/python" scripts/train/label.py "$out/sentences.txt" "$out/labelled.jsonl"
"$tagger" train "$out/labelled.jsonl" "$out/ner-model.bin"
# The teacher labels what the tagger reads of the evaluation sets, to be
# scored beside it (never trained on).
"$tagger" eval-texts "$out/eval.txt"
"$out/venv/bin/python" scripts/train/label.py "$out/eval.txt" "$out/eval-labelled.jsonl"
"$tagger" eval "$out/ner-model.bin" --teacher "$out/eval-labelled.jsonl"
