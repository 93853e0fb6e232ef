#!/usr/bin/env bash
# Scores `isnad extract --jsonl` on the events development set: every file listed in
# ../shared/corpus/index.tsv outside raqqa/ is extracted with its own --published (an
# empty cell: none), and the records are scored against ../shared/gold/dev-events.jsonl.
# Usage: scripts/score-events.sh [BIN] [score.py options...]   (BIN: target/release/isnad)
# The predictions are left in $OUT (default: a temporary file, removed on exit).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/isnad}
shift || true
shared=${SHARED:-../shared}
corpus=$shared/corpus
[ -f "$corpus/index.tsv" ] || { echo "score-events: $corpus/index.tsv is missing" >&2; exit 2; }
out=${OUT:-}
if [ -z "$out" ]; then out=$(mktemp); trap 'rm -f "$out"' EXIT; fi
: >"$out"
# Skip the header; raqqa has its own gold (dev.jsonl).
# (cut, not read: read folds the two tabs around an empty cell into one.)
tail -n +2 "$corpus/index.tsv" | cut -f1,3 | tr '\t' ' ' | while read -r file published; do
  case $file in raqqa/*) continue ;; esac
  if [ -n "$published" ]; then
    "$bin" extract --jsonl --published "$published" "$corpus/$file" >>"$out"
  else
    "$bin" extract --jsonl "$corpus/$file" >>"$out"
  fi
done
python3 "$shared/eval/score.py" --gold "$shared/gold/dev-events.jsonl" --docs "$corpus" --pred "$out" "$@"
