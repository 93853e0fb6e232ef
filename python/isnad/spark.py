"""isnad on Spark: claims of many documents, written as Parquet.

    python -m isnad.spark --input 'PATH/*.jsonl' --output claims.parquet [--master local[2]] [--ledger DIR]

Every input file is read by the Rust reader ``isnad ingest`` uses (plain text, HTML,
WARC and WARC.gz, JSON Lines with per-document ``published``/``url``/``title``), its
documents extracted by the library the binary calls, inside ``mapInArrow`` over
partitions of files. The output has the columns of ``isnad claims --format parquet``;
Spark writes it as a folder of part files (``pandas.read_parquet`` and
``pyarrow.dataset`` read the folder as one table) and marks every column nullable.

A folder given as input stands for the ``.txt`` files under it, as for
``isnad extract``; name other formats with a glob (``'crawl/*.warc.gz'``).
Documents that cannot be read or extracted are listed on stderr with the reason
(and in ``--errors FILE`` as JSON Lines; they travel from the tasks in an accumulator,
so the claims are computed and written in one pass); the others' claims are written,
and the exit status is then 1, as the binary does.

With ``--ledger DIR`` it also forms events and figures with the binary's code, per block
of time (``isnad.spark_ledger``, ``docs/scale.md``), and writes them under DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Iterator
from urllib.parse import unquote, urlparse

#: Columns of the documents batch handed to the extractor.
DOC_FIELDS = ("doc", "text", "title", "outlet", "url", "published", "fetched")


def local_name(path: str) -> str:
    """A Spark file URI as the binary names the file (``file:/a/b.txt`` -> ``/a/b.txt``)."""
    if path.startswith("file:"):
        return unquote(urlparse(path).path)
    return path


def claims_spark_schema() -> Any:
    """The Spark schema of the claims: isnad's claims columns."""
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    import isnad

    fields = []
    for f in isnad.claims_schema():
        t = {"int64": LongType(), "double": DoubleType(), "bool": BooleanType()}.get(str(f.type), StringType())
        fields.append(StructField(f.name, t, True))
    return StructType(fields)


class _ListParam:
    """Accumulates lists (failed documents, claim counts) from the tasks to the driver."""

    @staticmethod
    def make():
        from pyspark.accumulators import AccumulatorParam

        class P(AccumulatorParam):
            def zero(self, v):
                return []

            def addInPlace(self, a, b):
                a.extend(b)
                return a

        return P()


def claims_of_files(batches: Iterator[Any], threads: int = 1, failures: Any = None) -> Iterator[Any]:
    """mapInArrow body: batches of Spark's ``binaryFile`` rows in, claims rows out.
    Documents that cannot be read or extracted go to ``failures`` (an accumulator, or
    anything with ``add(list)``) as ``(doc, reason)``: a side channel, so the claims
    are written in one pass."""
    import pyarrow as pa

    import isnad

    for b in batches:
        docs: dict[str, list[Any]] = {k: [] for k in DOC_FIELDS}
        failed: list[tuple[str, str]] = []
        paths = b.column(b.schema.get_field_index("path")).to_pylist()
        contents = b.column(b.schema.get_field_index("content"))
        for i, p in enumerate(paths):
            name = local_name(p)
            data = contents[i].as_py()
            ds, errs = isnad.read_documents(name, data if data is not None else b"")
            failed.extend(errs)
            for d in ds:
                for k in DOC_FIELDS:
                    docs[k].append(d[k])
        if docs["doc"]:
            batch = pa.RecordBatch.from_pydict({k: pa.array(v, pa.string()) for k, v in docs.items()})
            try:
                yield isnad.extract_arrow(batch, threads=threads)
            except isnad.ExtractError:
                # isolate the failing documents: a defect must cost one document only
                for i in range(batch.num_rows):
                    try:
                        yield isnad.extract_arrow(batch.slice(i, 1), threads=threads)
                    except isnad.ExtractError as e:
                        doc = docs["doc"][i]
                        failed.append((doc, str(e).removeprefix(doc + ": ")))
        if failed and failures is not None:
            failures.add(failed)


def local_empty_files(inputs: list[str]) -> list[str]:
    """Empty files among the local inputs. Spark drops zero-length files before any
    task sees them, so the driver names them itself, as the binary would ("empty
    document"). Files on remote file systems are not listed here (a known gap)."""
    import glob

    out = []
    for p in inputs:
        if "://" in p or p.startswith("file:"):
            continue
        if os.path.isdir(p):
            for d, _, names in os.walk(p, followlinks=True):
                out += [os.path.join(d, n) for n in names if n.lower().endswith(".txt")]
        else:
            out += glob.glob(p)
    return sorted(os.path.abspath(f) for f in out if os.path.isfile(f) and os.path.getsize(f) == 0)


def _abs(p: str) -> str:
    return p if "://" in p or p.startswith("file:") else os.path.abspath(p)


def read_claims(spark: Any, inputs: list[str], threads: int = 1, files_per_batch: int = 64,
                partition_mb: int = 16, failures: Any = None) -> Any:
    """The claims DataFrame of the files matched by
    ``inputs``: all folders (their ``.txt`` files, recursively, as ``isnad extract``
    reads a folder) or all files and globs (Spark's glob syntax)."""
    df = read_files(spark, inputs, files_per_batch, partition_mb)
    return df.mapInArrow(lambda it: claims_of_files(it, threads, failures), claims_spark_schema())


def read_files(spark: Any, inputs: list[str], files_per_batch: int = 64, partition_mb: int = 16) -> Any:
    """Spark's ``binaryFile`` rows (path, content) of the files matched by ``inputs``."""
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(files_per_batch))
    # Spark prices opening a file at 4 MB by default, which cuts a corpus of small
    # articles into hundreds of tiny tasks (a 110 MB corpus of 12 kB files: 280 tasks,
    # most of the time spent starting them); price it near a real article and let a
    # task take partition_mb of input.
    spark.conf.set("spark.sql.files.openCostInBytes", str(32 * 1024))
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(partition_mb * 1024 * 1024))
    files = spark.read.format("binaryFile")
    dirs = [os.path.isdir(p) for p in inputs]
    if any(dirs) and not all(dirs):
        raise SystemExit("isnad.spark: give either folders or files/globs, not both (Spark filters one way per read)")
    if all(dirs):
        files = files.option("recursiveFileLookup", "true").option("pathGlobFilter", "*.txt")
    return files.load([_abs(p) for p in inputs]).select("path", "content")


def read_ledger_docs(spark: Any, inputs: list[str], threads: int = 1, files_per_batch: int = 64,
                     partition_mb: int = 16, failures: Any = None) -> Any:
    """One row per document with what ``isnad ingest`` stores of it (``isnad.spark_ledger``)."""
    from isnad import spark_ledger

    files = read_files(spark, inputs, files_per_batch, partition_mb)
    return files.mapInArrow(lambda it: spark_ledger.docs_of_files(it, threads, failures),
                            spark_ledger.ledger_docs_spark_schema())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m isnad.spark", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", action="append", required=True,
                    help="file, folder (its .txt files) or glob; repeatable")
    ap.add_argument("--output", required=True, help="Parquet output (a folder of part files)")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--threads", type=int, default=1,
                    help="extraction threads inside each Spark task (default 1: Spark runs one task a core)")
    ap.add_argument("--files-per-batch", type=int, default=64, help="files per Arrow batch handed to a task")
    ap.add_argument("--partition-mb", type=int, default=16, help="input megabytes per Spark task")
    ap.add_argument("--sort", action="store_true", help="order the output by document and offset")
    ap.add_argument("--errors", default=None, help="also write failed documents here as JSON Lines")
    ap.add_argument("--mode", default="errorifexists", choices=["errorifexists", "overwrite"],
                    help="what to do when --output (or a file under --ledger) exists")
    ap.add_argument("--ledger", default=None, metavar="DIR",
                    help="also form events and figures, written under DIR: events.parquet, figures.parquet, "
                         "figure_claims.parquet, doc_events.parquet and report.json (isnad report --json's shape)")
    ap.add_argument("--window-days", type=int, default=90,
                    help="--ledger: documents are clustered into events in blocks of this many days")
    ap.add_argument("--overlap-days", type=int, default=30,
                    help="--ledger: each block also replays the last days of the one before")
    a = ap.parse_args(argv)

    if a.master and a.master.startswith("local"):
        # local workers must run the interpreter that has isnad installed
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    # a caller's session (tests, notebooks) is used and left running; ours is stopped
    ours = SparkSession.getActiveSession() is None
    b = SparkSession.builder.appName("isnad").config("spark.ui.showConsoleProgress", "false")
    if a.master and ours:
        b = b.master(a.master)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    try:
        failures = spark.sparkContext.accumulator([], _ListParam.make())
        docs = None
        if a.ledger:
            from pyspark import StorageLevel

            from isnad import spark_ledger

            # read and extracted once: claims, events and figures are all made from these rows
            docs = read_ledger_docs(spark, a.input, a.threads, a.files_per_batch, a.partition_mb,
                                    failures).persist(StorageLevel.MEMORY_AND_DISK)
            claims = docs.select("payload").mapInArrow(spark_ledger.claims_of_docs, claims_spark_schema())
        else:
            claims = read_claims(spark, a.input, a.threads, a.files_per_batch, a.partition_mb, failures)
        if a.sort:
            claims = claims.orderBy("doc", "start", "end")
        claims.write.mode(a.mode).parquet(a.output)
        # a retried task adds its failures again: one entry per document
        failed = [{"doc": d, "error": w} for d, w in sorted(dict(failures.value).items())]
        failed += [{"doc": f, "error": "empty document"} for f in local_empty_files(a.input)]
        n = spark.read.parquet(a.output).count()
        if docs is not None:
            got = spark_ledger.build_ledger(spark, docs, a.ledger, a.window_days, a.overlap_days, a.mode)
            print(f"isnad.spark: {got['events']} events, {got['figures']} figures of {got['documents']} documents "
                  f"written under {a.ledger}", file=sys.stderr)
        for r in failed:
            print(f"isnad: {r['doc']}: {r['error']}", file=sys.stderr)
        if a.errors:
            with open(a.errors, "w", encoding="utf-8") as f:
                for r in failed:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"isnad.spark: {n} claims written to {a.output}, {len(failed)} documents failed", file=sys.stderr)
        return 1 if failed else 0
    finally:
        if ours:
            spark.stop()


if __name__ == "__main__":
    sys.exit(main())
