#!/usr/bin/env bash
# Spark local[2] throughput against `isnad extract --jsonl --threads 2` on the same
# >=100 MB corpus (scripts/make-bench-corpus.py), as a ratio. Needs the package
# installed (pip install ./python) with pyspark, and Java.
#
# usage: scripts/bench-spark.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-bench-corpus}
py=${PYTHON:-python3}
[ -d "$corpus" ] || "$py" scripts/make-bench-corpus.py --out "$corpus"
cargo build --release -q -p isnad
bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$corpus" -name '*.txt' | wc -l)
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1e6}')
cat "$corpus"/*/*.txt >/dev/null 2>&1 || true   # warm the page cache
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>"$out/stderr" || { cat "$out/stderr" >&2; return 1; }; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b-a}'; }
echo "corpus: $corpus, $mb MB in $files files; load $(cut -d' ' -f1 /proc/loadavg)"
b=$(secs target/release/isnad extract -q --jsonl --threads 2 "$corpus")
printf '%-44s %7.2f s  %6.2f MB/s\n' "isnad extract --jsonl --threads 2" "$b" "$(awk -v m="$mb" -v s="$b" 'BEGIN {print m/s}')"
s=$(secs "$py" -m isnad.spark --master 'local[2]' --input "$corpus" --output "$out/claims.parquet" --mode overwrite)
printf '%-44s %7.2f s  %6.2f MB/s  (JVM start included)\n' "python -m isnad.spark --master local[2]" "$s" "$(awk -v m="$mb" -v s="$s" 'BEGIN {print m/s}')"
awk -v b="$b" -v s="$s" 'BEGIN {printf "ratio Spark/binary throughput: %.2f (binary is %.2fx faster)\n", b/s, s/b}'
# The same job twice in one session: the second run has a warm JVM (JIT-compiled
# readers and Arrow converters), which is what a long job over many files sees.
"$py" - "$corpus" "$out/warm.parquet" "$mb" "$b" <<'PY' 2>/dev/null | grep '^spark'
import os, sys, time
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
from pyspark.sql import SparkSession
from isnad.spark import read_claims
corpus, out, mb, b = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
for run in ("cold", "warm"):
    t0 = time.time()
    read_claims(spark, [corpus]).write.mode("overwrite").parquet(out)
    s = time.time() - t0
    print(f"spark local[2], session up, {run} JVM:{'':14} {s:7.2f} s  {mb / s:6.2f} MB/s  ratio to binary {b / s:.2f}")
spark.stop()
PY
# The ledger stage (--ledger): scripts/bench-spark-ledger.py (events on the whole
# corpus; events and figures on a slice, against isnad ingest + report).
"$py" scripts/bench-spark-ledger.py --corpus "$corpus" --bin target/release/isnad
