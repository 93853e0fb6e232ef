#!/usr/bin/env python3
"""The Spark job's ledger stage (`--ledger`), timed on the bench corpus
(scripts/make-bench-corpus.py), with the machine's load:

  * the whole corpus: reading, extraction and event profiles (mapInArrow), then events
    (blocks, term counts, clustering per block, reconciliation) apart;
  * a slice of --docs documents: events and figures, against `isnad ingest` +
    `isnad report --json` on the same files, and whether they are the binary's.

The bench corpus is one story told thousands of times (shuffled paragraphs of the same
reports): the binary finds 3 events for 8,748 documents, and a report of the whole
corpus is a 2 GB model taking 7.7 GB of memory, so figures are timed on a slice.

usage: scripts/bench-spark-ledger.py [--corpus bench-corpus] [--docs 1000] [--bin target/release/isnad]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def members(model):
    evs = {frozenset(e["documents"]) for e in model["events"]}
    figs = {frozenset((p["doc"], p["start"], p["end"]) for es in (f["entries"], f["denials"]) for e in es
                      for p in e["parts"]) for f in model["figures"]}
    return evs, figs


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(root, "bench-corpus"))
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "isnad"))
    a = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from isnad import spark_ledger
    from isnad.spark import read_ledger_docs

    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "4g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    spark.conf.set("spark.sql.shuffle.partitions", "4")
    with tempfile.TemporaryDirectory(prefix="bench-ledger-") as tmp:
        l0 = load()
        t0 = time.time()
        docs = read_ledger_docs(spark, [a.corpus]).persist(StorageLevel.MEMORY_AND_DISK)
        n = docs.count()
        t1 = time.time()
        m = spark_ledger._blocks(docs, 90, 30)
        stats = spark_ledger._term_counts(docs, m, 90, 30)
        assigned = (m.select("block", "doc", "role", "payload").groupBy("block").cogroup(stats.groupBy("block"))
                    .applyInArrow(spark_ledger._cluster_block, "block long, doc string, role string, event long, "
                                  "opened boolean, score double, reasons string")).persist()
        blocks = assigned.select("block").distinct().count()
        links = spark_ledger._reconcile(assigned, docs)
        ev = F.concat(F.lit("b"), F.col("block").cast("string"), F.lit("e"), F.col("event").cast("string"))
        local = [r[0] for r in assigned.where(F.col("role") == "own").select(ev).distinct().collect()]
        events = len({links.get(e, e) for e in local})
        t2 = time.time()
        print(f"spark local[2], whole corpus, {n} documents: read+extract+profile {t1 - t0:.1f} s; "
              f"events ({blocks} blocks, {events} events) {t2 - t1:.1f} s  [load {l0} -> {load()}]")
        docs.unpersist()
        assigned.unpersist()

        # a slice: the first --docs files, events and figures, against the binary
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(a.corpus) for f in fs if f.endswith(".txt"))[:a.docs]
        sl = os.path.join(tmp, "slice")
        os.makedirs(sl)
        for f in files:
            os.symlink(f, os.path.join(sl, os.path.basename(f)))
        mb = sum(os.path.getsize(f) for f in files) / 1e6
        l0 = load()
        t0 = time.time()
        docs = read_ledger_docs(spark, [sl]).persist(StorageLevel.MEMORY_AND_DISK)
        docs.count()
        t1 = time.time()
        got = spark_ledger.build_ledger(spark, docs, os.path.join(tmp, "ledger"), mode="overwrite")
        t2 = time.time()
        print(f"spark local[2], slice of {len(files)} documents ({mb:.1f} MB): read+extract+profile {t1 - t0:.1f} s; "
              f"events and figures {t2 - t1:.1f} s ({got['events']} events, {got['figures']} figures)  "
              f"[load {l0} -> {load()}]")
        db = os.path.join(tmp, "b.db")
        l0 = load()
        t0 = time.time()
        subprocess.run([a.bin, "ingest", "--db", db, sl], check=True, capture_output=True)
        t1 = time.time()
        subprocess.run([a.bin, "report", "-q", "--db", db, "--json", os.path.join(tmp, "b.json")], check=True)
        t2 = time.time()
        print(f"isnad ingest (extract, profile, store, index, events) {t1 - t0:.1f} s; isnad report --json "
              f"{t2 - t1:.1f} s  [load {l0} -> {load()}]")
        with open(os.path.join(tmp, "b.json")) as f:
            want = members(json.load(f))
        with open(os.path.join(tmp, "ledger", "report.json")) as f:
            have = members(json.load(f))
        print(f"same events as the binary: {have[0] == want[0]}; same figures: {have[1] == want[1]}")
    spark.stop()


if __name__ == "__main__":
    main()
