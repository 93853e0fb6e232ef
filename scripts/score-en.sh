#!/usr/bin/env bash
# Scores `isnad extract --jsonl` on the English development set: every file listed in
# ../shared/corpus-en/index.tsv is extracted with its own --published (an empty cell:
# none), and the records are scored against ../shared/gold/dev-en.jsonl.
# Usage: scripts/score-en.sh [BIN] [score.py options...]   (BIN: target/release/isnad)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/isnad}
shift || true
shared=${SHARED:-../shared}
corpus=$shared/corpus-en
[ -f "$corpus/index.tsv" ] || { echo "score-en: $corpus/index.tsv is missing" >&2; exit 2; }
out=${OUT:-}
if [ -z "$out" ]; then out=$(mktemp); trap 'rm -f "$out"' EXIT; fi
: >"$out"
tail -n +2 "$corpus/index.tsv" | cut -f1,3 | tr '\t' ' ' | while read -r file published; do
  if [ -n "$published" ]; then
    "$bin" extract --jsonl --quiet --published "$published" "$corpus/$file" >>"$out"
  else
    "$bin" extract --jsonl --quiet "$corpus/$file" >>"$out"
  fi
done
python3 "$shared/eval/score.py" --gold "$shared/gold/dev-en.jsonl" --docs "$corpus" --pred "$out" "$@"
