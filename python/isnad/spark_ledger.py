"""The ledger on Spark: events and figures formed across partitions.

Every rule is the binary's, run per block by the Rust library through ``isnad._isnad``;
this module only cuts the dossier into blocks and joins the pieces back
(``docs/scale.md``, "Events and figures across partitions"):

1. per file (``mapInArrow``): read, extract, profile as ``isnad ingest`` does
   (``ledger_docs_arrow``): one row per document with its day and a payload;
2. blocks of ``window`` days by the document's day; a block also replays the last
   ``overlap`` days of the block before it, so an event alive across the cut is seen from
   both sides; undated documents (the binary assigns them last, with no time gate) form
   a block of their own and are offered to every dated block naming one of their places;
3. term statistics: the clusterer weighs terms by how many earlier documents have them;
   each block starts from the counts over every document before its first day (a
   cumulative count per term and window), so a block's weights are the binary's;
4. per block (``groupBy.cogroup.applyInArrow``): ``cluster_events`` in ingest's order;
5. reconcile on the driver: an event holding replayed documents continues the event the
   earliest of them belongs to in its own block (the owner's assignment wins); an undated
   document joins the best event it was offered, else keeps its undated block's;
6. per group of blocks of whole events (the block of the event's first document, with
   the blocks the events starting there reach: ``figure_groups``;
   ``groupBy.applyInArrow``): ``ledger_of_events`` rebuilds each event's state from its
   documents and runs the report's own path: claims to events, figures inside events.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterator

#: Block of the undated documents: after every dated one, as the binary assigns them.
UNDATED = 1 << 40


def docs_of_files(batches: Iterator[Any], threads: int = 1, failures: Any = None) -> Iterator[Any]:
    """mapInArrow body: Spark ``binaryFile`` rows in, one ledger document row out per
    document (``isnad.ledger_docs_schema()``). Failures go to ``failures``."""
    import pyarrow as pa

    from isnad import _isnad
    from isnad.spark import local_name

    for b in batches:
        names = [local_name(p) for p in b.column(b.schema.get_field_index("path")).to_pylist()]
        files = pa.RecordBatch.from_arrays([pa.array(names, pa.string()), b.column(b.schema.get_field_index("content"))],
                                           names=["name", "content"])
        caps, failed = _isnad.ledger_docs_arrow(files, threads=threads)
        yield pa.record_batch(_Capsules(caps))
        if failed and failures is not None:
            failures.add(list(failed))


class _Capsules:
    """An object with ``__arrow_c_array__`` over capsules returned by the extension."""

    def __init__(self, caps: Any) -> None:
        self.caps = caps

    def __arrow_c_array__(self, requested_schema: Any = None) -> Any:
        return self.caps


def ledger_docs_spark_schema() -> Any:
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    return StructType([
        StructField("doc", StringType(), True),
        StructField("file", StringType(), True),
        StructField("pos", LongType(), True),
        StructField("day", LongType(), True),
        StructField("lang", StringType(), True),
        StructField("claims", LongType(), True),
        StructField("terms", ArrayType(StringType(), True), True),
        StructField("places", ArrayType(StringType(), True), True),
        StructField("payload", StringType(), True),
    ])


def claims_of_docs(batches: Iterator[Any]) -> Iterator[Any]:
    """mapInArrow body: ledger document rows in, their claims rows out."""
    import pyarrow as pa

    from isnad import _isnad

    for b in batches:
        payloads = b.column(b.schema.get_field_index("payload")).to_pylist()
        if payloads:
            yield pa.record_batch(_Capsules(_isnad.claims_of_payloads(payloads)))


def _blocks(docs: Any, window: int, overlap: int) -> Any:
    """(block, doc, role) for every document: ``own`` in its own block; ``replay`` in the
    next one too when it falls in its own block's last ``overlap`` days; an undated
    document ``own`` in the undated block and ``offer`` in every dated block whose
    documents name a place it names (the binary offers it every event, after all dated
    documents: each block shows it the events it could join there)."""
    from pyspark.sql import functions as F

    cols = ["doc", "file", "pos", "day", "terms", "payload"]
    k = F.floor(F.col("day") / window)
    own = F.when(F.col("day").isNull(), F.lit(UNDATED)).otherwise(k)
    base = docs.select(*cols, own.alias("block"), F.lit("own").alias("role"))
    nxt = (docs.where(F.col("day").isNotNull() & (F.col("day") >= (k + 1) * window - overlap))
           .select(*cols, (k + 1).alias("block"), F.lit("replay").alias("role")))
    block_places = (docs.where(F.col("day").isNotNull())
                    .select(k.alias("b"), F.explode(F.array_distinct("places")).alias("place")).distinct())
    undated = docs.where(F.col("day").isNull())
    offers = (undated.select("doc", F.explode(F.array_distinct("places")).alias("place"))
              .join(block_places, "place").select("doc", "b").distinct()
              .join(undated.select(*cols), "doc")
              .select(*cols, F.col("b").alias("block"), F.lit("offer").alias("role")))
    return base.unionByName(nxt).unionByName(offers)


def _term_counts(docs: Any, members: Any, window: int, overlap: int) -> Any:
    """Per block and term of its documents: how many documents before the block's first
    day have the term (``df``), with one row (term null) carrying how many documents come
    before it at all (``n``)."""
    from pyspark.sql import functions as F

    # A document is before block k's first day (k*window - overlap) exactly when
    # floor((day + overlap) / window) < k; undated documents come after every block but their own.
    grain = F.floor((F.col("day") + overlap) / window)
    dated = docs.where(F.col("day").isNotNull()).select(grain.alias("g"), F.explode(F.array_distinct("terms")).alias("term"))
    per_grain = dated.groupBy("term", "g").count()
    # new column names: Spark refuses to cogroup `members` with a frame derived from it
    # while they share attributes
    block_terms = members.select(F.col("block").alias("b"), F.explode(F.array_distinct("terms")).alias("term")).distinct()
    df = (block_terms.join(per_grain, "term")
          .where(F.col("g") < F.col("b"))
          .groupBy("b", "term").agg(F.sum("count").alias("n"))
          .select(F.col("b").alias("block"), "term", "n"))
    # documents before each block: a count per grain (one row per window), summed here
    grains = {r["g"]: r["count"] for r in docs.where(F.col("day").isNotNull()).groupBy(grain.alias("g")).count().collect()}
    blocks = [r["block"] for r in members.select("block").distinct().collect()]
    before = [(int(b), None, int(sum(n for g, n in grains.items() if g < b))) for b in blocks]
    n_docs = docs.sparkSession.createDataFrame(before, "block long, term string, n long")
    return df.unionByName(n_docs)


def _cluster_block(members: Any, stats: Any) -> Any:
    """cogroup applyInArrow body: one block's documents and term counts in, each
    document's event in the block out."""
    import pyarrow as pa

    from isnad import _isnad

    if members.num_rows == 0:
        return pa.table({"block": pa.array([], pa.int64()), "doc": pa.array([], pa.string()),
                         "role": pa.array([], pa.string()), "event": pa.array([], pa.int64()),
                         "opened": pa.array([], pa.bool_()), "score": pa.array([], pa.float64()),
                         "reasons": pa.array([], pa.string())})
    block = members.column("block")[0].as_py()
    df: dict[str, int] = {}
    n_docs = 0
    for t, n in zip(stats.column("term").to_pylist(), stats.column("n").to_pylist()):
        if t is None:
            n_docs = int(n)
        else:
            df[t] = int(n)
    got = _isnad.cluster_events(members.column("payload").to_pylist(), df, n_docs)
    return pa.table({
        "block": pa.array([block] * members.num_rows, pa.int64()),
        "doc": members.column("doc"),
        "role": members.column("role"),
        "event": pa.array([g[0] for g in got], pa.int64()),
        "opened": pa.array([g[2] == ["opened"] for g in got], pa.bool_()),
        "score": pa.array([float(g[1]) for g in got], pa.float64()),
        "reasons": pa.array([json.dumps(g[2], ensure_ascii=False) for g in got], pa.string()),
    })


def _reconcile(assigned: Any, docs: Any) -> dict[str, str]:
    """Block events that continue an event of the block before: event id -> the id of the
    event it continues (resolved to the first block's). Only events holding replayed
    documents are looked at, so the driver holds one row per event crossing a cut."""
    from pyspark.sql import functions as F

    ev = F.concat(F.lit("b"), F.col("block").cast("string"), F.lit("e"), F.col("event").cast("string"))
    replayed = (assigned.where(F.col("role") == "replay")
                .join(docs.select("doc", "day", "file", "pos"), "doc")
                .select("doc", "day", "file", "pos", ev.alias("here")))
    owner = assigned.where(F.col("role") == "own").select("doc", ev.alias("there"))
    links = replayed.join(owner, "doc").select("here", "there", "day", "file", "pos").collect()
    first: dict[str, tuple] = {}
    for r in links:
        k = (r["day"], r["file"], r["pos"])
        if r["here"] not in first or k < first[r["here"]][0]:
            first[r["here"]] = (k, r["there"])
    to = {h: t for h, (_, t) in first.items()}

    def root(e: str) -> str:
        seen = []
        while e in to and e not in seen:
            seen.append(e)
            e = to[e]
        return e

    return {h: root(h) for h in to}


def _ledger_block(tbl: Any) -> Any:
    """applyInArrow body: the documents of whole events in, rows of their ledger out
    (one per event, figure, and figure member claim, and one summary)."""
    import pyarrow as pa

    from isnad import _isnad

    out: dict[str, list[Any]] = {k: [] for k in ("kind", "id", "event", "doc", "start", "end", "json")}

    def row(kind, id_, event, doc, start, end, js):
        for k, v in zip(out, (kind, id_, event, doc, start, end, js)):
            out[k].append(v)

    if tbl.num_rows:
        reasons = [json.loads(r) for r in tbl.column("reasons").to_pylist()]
        led = json.loads(_isnad.ledger_of_events(tbl.column("payload").to_pylist(),
                                                 tbl.column("final").to_pylist(), reasons))
        for e in led["events"]:
            row("event", e["id"], e["id"], None, None, None, json.dumps(e, ensure_ascii=False))
        for f in led["figures"]:
            row("figure", f["id"], f.get("event"), None, None, None, json.dumps(f, ensure_ascii=False))
            for denied, es in ((False, f.get("entries", [])), (True, f.get("denials", []))):
                for e in es:
                    for p in e.get("parts", []):
                        row("denial" if denied else "claim", f["id"], f.get("event"), p["doc"], p["start"], p["end"],
                            None)
        summary = {k: led[k] for k in ("documents", "claims", "ungrouped", "unresolved_decisions", "rule")}
        row("summary", None, None, None, None, None, json.dumps(summary, ensure_ascii=False))
    return pa.table({
        "kind": pa.array(out["kind"], pa.string()), "id": pa.array(out["id"], pa.string()),
        "event": pa.array(out["event"], pa.string()), "doc": pa.array(out["doc"], pa.string()),
        "start": pa.array(out["start"], pa.int64()), "end": pa.array(out["end"], pa.int64()),
        "json": pa.array(out["json"], pa.string()),
    })


#: Blocks joined at most into one group of figures (what bounds a task's size when every
#: cut is spanned by some event).
MAX_GROUP_BLOCKS = 3


def figure_groups(reach: list[tuple[int, int]]) -> dict[int, int]:
    """Block -> the first block of its figure group, from (first block, last block) of
    each event: a block joins the group before it when an event of that group reaches
    it, up to ``MAX_GROUP_BLOCKS`` blocks per group (a move further than that is the one
    place the Spark ledger can differ from the binary's; docs/scale.md)."""
    last_of: dict[int, int] = {}
    for first, last in reach:
        last_of[first] = max(last_of.get(first, first), last)
    out: dict[int, int] = {}
    start, until = None, None
    for b in sorted(last_of):
        if start is not None and b <= until and b - start < MAX_GROUP_BLOCKS:
            until = max(until, last_of[b])
        else:
            start, until = b, last_of[b]
        out[b] = start
    return out


def build_ledger(spark: Any, docs: Any, out_dir: str, window: int = 90, overlap: int = 30, mode: str = "errorifexists",
                 report_name: str = "report.json") -> dict[str, Any]:
    """Events and figures of the ledger documents ``docs`` (rows of
    ``docs_of_files``), written under ``out_dir``: ``events.parquet``, ``figures.parquet``,
    ``figure_claims.parquet``, ``doc_events.parquet`` and ``report.json`` (the shape of
    ``isnad report --json``). Returns counts for the caller's summary line."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    from isnad import _isnad

    if window <= 0 or overlap < 0 or overlap >= window:
        raise ValueError(f"need 0 <= overlap < window (got window {window}, overlap {overlap})")
    if spark.conf.get("spark.sql.shuffle.partitions") == "200":
        # Spark's default cuts every shuffle into 200 tasks whatever the data; blocks are
        # few next to documents, a few tasks per core are enough
        spark.conf.set("spark.sql.shuffle.partitions", str(max(2, 2 * spark.sparkContext.defaultParallelism)))
    members = _blocks(docs, window, overlap)
    stats = _term_counts(docs, members, window, overlap)
    assigned_schema = StructType([
        StructField("block", LongType()), StructField("doc", StringType()), StructField("role", StringType()),
        StructField("event", LongType()), StructField("opened", BooleanType()), StructField("score", DoubleType()),
        StructField("reasons", StringType()),
    ])
    assigned = (members.select("block", "doc", "role", "payload").groupBy("block")
                .cogroup(stats.groupBy("block"))
                .applyInArrow(_cluster_block, assigned_schema)).persist()
    to = _reconcile(assigned, docs)
    ev = F.concat(F.lit("b"), F.col("block").cast("string"), F.lit("e"), F.col("event").cast("string"))
    owned = assigned.where(F.col("role") == "own").select("doc", ev.alias("own_local"), F.col("reasons").alias("own_r"))
    # An undated document joins the best event it was offered that holds dated documents
    # of its block (the binary's best candidate at or above the threshold); else it stays
    # in the event the undated documents formed among themselves.
    real = assigned.where(F.col("role") != "offer").select(ev.alias("local")).distinct()
    from pyspark.sql.window import Window

    best = Window.partitionBy("doc").orderBy(F.col("score").desc(), F.col("block"))
    offered = (assigned.where((F.col("role") == "offer") & ~F.col("opened"))
               .select("doc", "block", "score", ev.alias("local"), "reasons")
               .join(real, "local")
               .withColumn("rank", F.row_number().over(best)).where(F.col("rank") == 1)
               .select("doc", F.col("local").alias("offer_local"), F.col("reasons").alias("offer_r")))
    chosen = (owned.join(offered, "doc", "left")
              .select("doc", F.coalesce("offer_local", "own_local").alias("local"),
                      F.coalesce("offer_r", "own_r").alias("reasons")))
    if to:
        mapping = spark.createDataFrame(list(to.items()), "local string, root string")
        chosen = chosen.join(F.broadcast(mapping), "local", "left")
    else:
        chosen = chosen.withColumn("root", F.lit(None).cast("string"))
    final = chosen.select("doc", F.coalesce("root", "local").alias("final"), "reasons")
    # the block of an event's first document: where all of it is made into figures,
    # together with the blocks its documents reach (a claim may move to another event of
    # its days, `move_recalled`: an event that spans a cut must meet the events after it)
    fblock = F.regexp_extract("final", r"^b(\d+)e", 1).cast("long")
    reach = (final.join(docs.select("doc", "day"), "doc").where(F.col("day").isNotNull())
             .groupBy("final").agg(F.max("day").alias("hi"))
             .select(fblock.alias("first"), F.floor(F.col("hi") / window).cast("long").alias("last"))
             .distinct().collect())
    group_of = figure_groups([(r["first"], r["last"]) for r in reach])
    per_doc = final.join(docs.select("doc", "payload"), "doc").withColumn("fblock", fblock)
    if group_of:
        gmap = spark.createDataFrame(list(group_of.items()), "fblock long, fgroup long")
        per_doc = (per_doc.join(F.broadcast(gmap), "fblock", "left")
                   .withColumn("fblock", F.coalesce("fgroup", "fblock")).drop("fgroup"))
    ledger_schema = StructType([
        StructField("kind", StringType()), StructField("id", StringType()), StructField("event", StringType()),
        StructField("doc", StringType()), StructField("start", LongType()), StructField("end", LongType()),
        StructField("json", StringType()),
    ])
    rows = per_doc.groupBy("fblock").applyInArrow(_ledger_block, ledger_schema).persist()

    os.makedirs(out_dir, exist_ok=True)
    final.select("doc", F.col("final").alias("event"), "reasons").write.mode(mode).parquet(
        os.path.join(out_dir, "doc_events.parquet"))
    (rows.where(F.col("kind").isin("claim", "denial"))
     .select(F.col("id").alias("figure"), "event", "doc", "start", "end", (F.col("kind") == "denial").alias("denial"))
     .write.mode(mode).parquet(os.path.join(out_dir, "figure_claims.parquet")))
    fig = F.col("json")
    (rows.where(F.col("kind") == "figure")
     .select("id", "event", F.get_json_object(fig, "$.kind").alias("kind"),
             F.get_json_object(fig, "$.unit").alias("unit"), F.get_json_object(fig, "$.class").alias("class"),
             F.get_json_object(fig, "$.action").alias("action"),
             F.get_json_object(fig, "$.low").cast("double").alias("low"),
             F.get_json_object(fig, "$.best").cast("double").alias("best"),
             F.get_json_object(fig, "$.high").cast("double").alias("high"),
             F.get_json_object(fig, "$.sources").cast("long").alias("sources"), "json")
     .write.mode(mode).parquet(os.path.join(out_dir, "figures.parquet")))
    ej = F.col("json")
    (rows.where(F.col("kind") == "event")
     .select("id", F.get_json_object(ej, "$.title").alias("title"), F.get_json_object(ej, "$.from").alias("from"),
             F.get_json_object(ej, "$.to").alias("to"),
             F.size(F.from_json(F.get_json_object(ej, "$.documents"), "array<string>")).alias("documents"),
             F.get_json_object(ej, "$.claims").cast("long").alias("claims"), "json")
     .write.mode(mode).parquet(os.path.join(out_dir, "events.parquet")))

    langs = [r["lang"] for r in docs.select("lang").collect()]
    return write_report(rows.where(F.col("kind").isin("event", "figure", "summary")).select("kind", "json"),
                        os.path.join(out_dir, report_name), _isnad.ledger_lang(langs))


def write_report(rows: Any, path: str, lang: str) -> dict[str, Any]:
    """The ledger's JSON (``isnad report --json``'s shape) from the blocks' rows, read
    one partition at a time. Figures are ordered as the ledger orders them (most
    independent sources, then most claims, then id)."""
    events, figures = [], []
    total = {"documents": 0, "claims": 0, "ungrouped": 0, "unresolved_decisions": 0}
    rule = ""
    for r in rows.toLocalIterator():
        o = json.loads(r["json"])
        if r["kind"] == "event":
            events.append(o)
        elif r["kind"] == "figure":
            figures.append(o)
        else:
            for k in total:
                total[k] += o[k]
            rule = o["rule"]
    figures.sort(key=lambda f: (-f["sources"], -(len(f["entries"]) + len(f["denials"])), f["id"]))
    events.sort(key=lambda e: (e.get("from") or "9999", e["id"]))
    model = {"rule": rule, "lang": lang, **{k: total[k] for k in ("documents", "claims")}, "figures": figures,
             "events": events, "ungrouped": total["ungrouped"], "unresolved_decisions": total["unresolved_decisions"]}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f, ensure_ascii=False, indent=1)
    return {"events": len(events), "figures": len(figures), "documents": total["documents"]}
