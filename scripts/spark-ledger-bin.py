#!/usr/bin/env python3
"""The Spark job behind the three commands of the binary that the ledger scorer runs
(`/work/shared/eval/ledger_score.py --bin ...`), so the scorer reads Spark's events and
figures exactly as it reads the binary's:

    ingest --db DB INPUT      python -m isnad.spark --input INPUT --output DB/claims.parquet --ledger DB/ledger
    report --db DB [--out HTML] --json MODEL   copies DB/ledger/report.json to MODEL
    claims --db DB --format jsonl              prints DB/claims.parquet as JSON Lines

DB is a folder here. The scorer runs `--bin` as a program: give it a wrapper that runs
this file with the Python that has isnad and pyspark, e.g.

    printf '#!/bin/sh\\nexec %s %s "$@"\\n' "$VENV/bin/python" "$PWD/scripts/spark-ledger-bin.py" > /tmp/spark-bin
    chmod +x /tmp/spark-bin
    python3 /work/shared/eval/ledger_score.py --bin /tmp/spark-bin --corpus ... --figures ...

ISNAD_SPARK_MASTER (default local[2]), ISNAD_SPARK_WINDOW and ISNAD_SPARK_OVERLAP (days)
set the job's --master, --window-days and --overlap-days.
"""

import argparse
import json
import os
import shutil
import sys


def main(argv):
    ap = argparse.ArgumentParser(prog="spark-ledger-bin")
    ap.add_argument("command", choices=["ingest", "report", "claims"])
    ap.add_argument("--db", required=True)
    ap.add_argument("--out")
    ap.add_argument("--json")
    ap.add_argument("--format", default="jsonl")
    ap.add_argument("inputs", nargs="*")
    a = ap.parse_intermixed_args(argv)
    if a.command == "ingest":
        from isnad import spark

        os.makedirs(a.db, exist_ok=True)
        args = ["--output", os.path.join(a.db, "claims.parquet"), "--ledger", os.path.join(a.db, "ledger"),
                "--master", os.environ.get("ISNAD_SPARK_MASTER", "local[2]"), "--mode", "overwrite",
                "--window-days", os.environ.get("ISNAD_SPARK_WINDOW", "90"),
                "--overlap-days", os.environ.get("ISNAD_SPARK_OVERLAP", "30")]
        for i in a.inputs:
            args += ["--input", i]
        return spark.main(args)
    if a.command == "report":
        if a.json:
            shutil.copyfile(os.path.join(a.db, "ledger", "report.json"), a.json)
        if a.out:
            with open(a.out, "w", encoding="utf-8") as f:
                f.write("<!doctype html><title>isnad on Spark</title><p>See the JSON model.</p>\n")
        return 0
    import pyarrow.dataset as ds

    t = ds.dataset(os.path.join(a.db, "claims.parquet"), format="parquet").to_table(
        columns=["doc", "start", "end", "text"])
    out = sys.stdout
    for r in t.to_pylist():
        out.write(json.dumps({"type": "quantity", **r}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
