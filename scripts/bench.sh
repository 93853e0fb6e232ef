#!/usr/bin/env bash
# Throughput and peak memory of `isnad extract --jsonl --threads 1` on >=100 MB of Arabic
# news made by shuffling paragraphs (scripts/make-bench-corpus.py), next to a ripgrep scan
# of the same bytes for scale. Needs /usr/bin/time; ripgrep if installed.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-bench-corpus}
[ -d "$corpus" ] || python3 scripts/make-bench-corpus.py --out "$corpus"
cargo build --release -q -p isnad
bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}')
cat "$corpus"/*/*.txt >/dev/null 2>&1 || true   # warm the page cache
run() { # label, command...
  local label=$1; shift
  local tf; tf=$(mktemp)
  /usr/bin/time -o "$tf" -f '%e %M' "$@" >/dev/null 2>&1 || true
  local t; t=$(tail -1 "$tf"); rm -f "$tf"
  local secs=${t% *} rss=${t#* }
  awk -v l="$label" -v s="$secs" -v r="$rss" -v mb="$mb" 'BEGIN {printf "%-34s %6.2f s  %7.1f MB/s  peak RSS %6.1f MB\n", l, s, mb/s, r/1024}'
}
echo "corpus: $corpus, $mb MB in $(find "$corpus" -name '*.txt' | wc -l) files"
run "isnad extract --jsonl --threads 1" target/release/isnad extract -q --jsonl --threads 1 "$corpus"
run "isnad extract --jsonl (all cores)" target/release/isnad extract -q --jsonl "$corpus"
if command -v rg >/dev/null; then
  run "rg -c '[0-9]' (for scale)" rg -c '[0-9٠-٩]' "$corpus"
fi
