"""The Python package against the binary: same records, same claims columns, errors
that name the document, the GIL released while extracting."""

import datetime
import json
import random
import threading
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import isnad
from conftest import DEMO, binary_records, claim_row, claim_row_of_table, demo_paths, run_bin


def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()


def shuffled_docs(n, seed=3):
    paras = [p.strip() for path in demo_paths() for p in read(path).split("\n") if len(p.strip()) > 40]
    rng = random.Random(seed)
    return [(f"gen/{i}.txt", "\n\n".join(rng.choice(paras) for _ in range(rng.randint(3, 10)))) for i in range(n)]


def test_extract_is_the_binary_record_for_record():
    expected = binary_records(*demo_paths())
    got = []
    for p in demo_paths():
        got += isnad.extract(read(p), doc=p)
    assert len(got) > 50
    assert got == expected
    # same fields in the same order, so json.dumps of a record is the binary's line
    assert [list(r) for r in got] == [list(r) for r in expected]
    assert {r["type"] for r in got} == {"quantity", "date"}


def test_without_doc_the_records_lack_only_doc():
    p = demo_paths()[0]
    expected = [{k: v for k, v in r.items() if k != "doc"} for r in binary_records(p)]
    assert isnad.extract(read(p)) == expected


IMPLICIT_YEAR = "قال المتحدث إن 300 شخص غادروا المدينة في 12 أكتوبر الماضي.\n"


def test_published_resolves_implicit_years_as_the_binary_does(tmp_path):
    f = tmp_path / "implicit.txt"
    f.write_text(IMPLICIT_YEAR, encoding="utf-8")
    with_date = binary_records(str(f), published="2017-10-15")
    without = binary_records(str(f))
    assert with_date != without, "the sentence should need a publication date"
    assert isnad.extract(IMPLICIT_YEAR, published="2017-10-15", doc=str(f)) == with_date
    assert isnad.extract(IMPLICIT_YEAR, published=datetime.date(2017, 10, 15), doc=str(f)) == with_date
    assert isnad.extract(IMPLICIT_YEAR, doc=str(f)) == without


def test_errors_name_the_document():
    with pytest.raises(isnad.ExtractError) as e:
        isnad.extract("نحو 300 شخص", published="last week", doc="reports/a.txt")
    assert e.value.doc == "reports/a.txt"
    assert "reports/a.txt" in str(e.value) and "last week" in str(e.value)
    with pytest.raises(ValueError, match="b.txt.*language tag"):
        isnad.extract("نحو 300 شخص", lang=" ", doc="b.txt")
    assert isnad.extract("نحو 300 شخص", lang="ar") == isnad.extract("نحو 300 شخص")


def test_extract_many_keeps_order_whatever_the_threads():
    docs = shuffled_docs(400)
    one = isnad.extract_many(docs, threads=1)
    two = isnad.extract_many(docs, threads=2)
    default = isnad.extract_many(iter(docs))
    assert one == two == default == [isnad.extract(t, doc=n) for n, t in docs]
    assert sum(map(len, one)) > 1000


def test_extract_many_input_forms_and_errors():
    text = IMPLICIT_YEAR
    out = isnad.extract_many([text, ("a.txt", text), {"doc": "b", "text": text, "published": "2017-10-15"}],
                             published="2016-01-01")
    assert out[0] == isnad.extract(text, published="2016-01-01")
    assert out[1] == isnad.extract(text, published="2016-01-01", doc="a.txt")
    assert out[2] == isnad.extract(text, published="2017-10-15", doc="b")
    with pytest.raises(TypeError, match="document #1"):
        isnad.extract_many(["x", 5])
    with pytest.raises(isnad.ExtractError) as e:
        isnad.extract_many([("ok.txt", text), {"doc": "bad.txt", "text": text, "published": "2017-13-40"}])
    assert e.value.doc == "bad.txt"
    with pytest.raises(ValueError, match="threads"):
        isnad.extract_many([text], threads=0)


def test_extract_many_releases_the_gil():
    docs = shuffled_docs(1500) * 2
    gaps, done = [], threading.Event()

    def work():
        isnad.extract_many(docs, threads=1)
        done.set()

    t0 = time.perf_counter()
    th = threading.Thread(target=work)
    th.start()
    last = time.perf_counter()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    th.join()
    total = time.perf_counter() - t0
    # holding the GIL through extraction would stall this loop for the whole call
    assert total > 0.2, "too little work to tell"
    assert max(gaps) < total * 0.8, (max(gaps), total)


def demo_batch(paths):
    return pa.RecordBatch.from_pydict({"doc": paths, "text": [read(p) for p in paths]})


def test_arrow_claims_are_the_parquet_export(tmp_path):
    paths = demo_paths()
    db, out = tmp_path / "demo.db", tmp_path / "claims.parquet"
    run_bin("ingest", *paths, "--db", str(db))
    run_bin("claims", "--db", str(db), "--format", "parquet", "--out", str(out))
    exported = pq.read_table(out)
    claims = isnad.extract_arrow(demo_batch(paths), threads=2)
    assert isinstance(claims, pa.RecordBatch)
    assert claims.schema.names == list(isnad.CLAIM_COLUMNS) == exported.schema.names
    assert claims.schema == exported.schema
    key = lambda r: (r["doc"], r["start"], r["end"])
    assert sorted(claims.to_pylist(), key=key) == sorted(exported.to_pylist(), key=key)
    # and documents in input order, claims in document order, as the binary prints them
    quantities = [r for r in binary_records(*paths) if r["type"] == "quantity"]
    assert [claim_row_of_table(r) for r in claims.to_pylist()] == [claim_row(r) for r in quantities]


def test_arrow_carries_metadata_and_uses_published():
    batch = pa.RecordBatch.from_pydict({
        "doc": ["x", "y"], "text": [IMPLICIT_YEAR, IMPLICIT_YEAR],
        "outlet": ["Outlet", None], "published": ["2017-10-15", None], "url": ["http://e/x", None],
    })
    claims = isnad.extract_arrow(batch).to_pylist()
    assert [c["doc"] for c in claims] == ["x", "y"]
    assert claims[0]["outlet"] == "Outlet" and claims[0]["published"] == "2017-10-15"
    assert claims[1]["outlet"] is None
    assert isnad.extract_arrow(pa.Table.from_batches([batch])).num_rows == 2
    empty = isnad.extract_arrow(pa.RecordBatch.from_pydict({"text": pa.array([], pa.string())}))
    assert empty.num_rows == 0 and empty.schema == isnad.claims_schema()


def test_arrow_errors_name_the_document():
    with pytest.raises(ValueError, match="text"):
        isnad.extract_arrow(pa.RecordBatch.from_pydict({"body": ["x"]}))
    with pytest.raises(TypeError, match="text"):
        isnad.extract_arrow(pa.RecordBatch.from_pydict({"text": [1]}))
    with pytest.raises(isnad.ExtractError) as e:
        isnad.extract_arrow(pa.RecordBatch.from_pydict({"doc": ["a", "b"], "text": ["نحو 3 آلاف", None]}))
    assert e.value.doc == "b"


def test_read_documents_is_the_ingest_reader():
    data = "\n".join([
        json.dumps({"url": "http://e/1", "text": IMPLICIT_YEAR, "published": "2017-10-15T09:00:00Z", "outlet": "E"}),
        "{not json",
        json.dumps({"text": "  "}),
    ]).encode()
    docs, errors = isnad.read_documents("feed.jsonl", data)
    assert [d["doc"] for d in docs] == ["http://e/1"]
    assert docs[0]["published"] == "2017-10-15" and docs[0]["outlet"] == "E" and docs[0]["format"] == "jsonl"
    assert [n for n, _ in errors] == ["feed.jsonl line 2", "feed.jsonl line 3"]
    docs, errors = isnad.read_documents("a.txt", b"")
    assert docs == [] and "empty" in errors[0][1]
    text_docs, _ = isnad.read_documents("a.txt", read(DEMO / "01_sawsan_first_convoy.txt").encode())
    assert text_docs[0]["text"] == read(DEMO / "01_sawsan_first_convoy.txt")


def test_pandas_example_runs():
    import subprocess
    import sys

    from conftest import ROOT

    p = subprocess.run([sys.executable, str(ROOT / "examples" / "pandas_claims.py")], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    n = isnad.extract_arrow(demo_batch(demo_paths())).num_rows
    assert p.stdout.startswith(f"{n} claims in 8 documents")
