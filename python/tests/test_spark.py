"""The Spark job in local mode against the binary: on the demo dossier and a few
thousand generated documents (as text files and as JSON Lines), its claims must be
`isnad extract --jsonl`'s, record for record."""

import json
import os
import subprocess
import sys

import pyarrow.dataset as ds
import pytest

from conftest import DEMO, ROOT, binary_records, claim_row, claim_row_of_table, same_rows

DOCS = int(os.environ.get("ISNAD_SPARK_TEST_DOCS", "3000"))


def spark_job(tmp_path, name, *inputs, check=True):
    out = tmp_path / name
    cmd = [sys.executable, "-m", "isnad.spark", "--master", "local[2]", "--output", str(out),
           "--errors", str(tmp_path / f"{name}.errors.jsonl")]
    for i in inputs:
        cmd += ["--input", str(i)]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    if check and p.returncode != 0:
        raise AssertionError(f"spark job failed ({p.returncode}):\n{p.stderr[-4000:]}")
    return p, out


@pytest.fixture(scope="module")
def spark():
    """One local[2] session for the in-process runs (a JVM start is most of a small job)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    s = SparkSession.builder.master("local[2]").appName("isnad-tests").getOrCreate()
    yield s
    s.stop()


def spark_main(tmp_path, name, *inputs):
    """python -m isnad.spark in this process, on the test session; its exit status and stderr."""
    import contextlib
    import io

    import isnad.spark

    out = tmp_path / name
    argv = ["--output", str(out), "--errors", str(tmp_path / f"{name}.errors.jsonl")]
    for i in inputs:
        argv += ["--input", str(i)]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = isnad.spark.main(argv)
    return status, err.getvalue(), out


def table_rows(out):
    t = ds.dataset(str(out), format="parquet").to_table()
    return t, sorted(claim_row_of_table(r) for r in t.to_pylist())


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    d = tmp_path_factory.mktemp("gen")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make-shuffled-docs.py"), "--out", str(d),
                    "--docs", str(DOCS)], check=True, capture_output=True)
    return d


def test_spark_claims_are_the_binary_claims(tmp_path, generated):
    txt = generated / "txt"
    expected = sorted(claim_row(r) for r in binary_records(str(DEMO), str(txt)) if r["type"] == "quantity")
    assert len(expected) > DOCS, "the generated documents should carry claims"

    # folders: their .txt files, as the binary reads them
    p, out = spark_job(tmp_path, "from_txt.parquet", DEMO, txt)
    table, got = table_rows(out)
    same_rows("claims", got, expected)
    import isnad
    assert table.schema.names == list(isnad.CLAIM_COLUMNS)
    assert [str(f.type) for f in table.schema] == [str(f.type) for f in isnad.claims_schema()]
    assert f"{len(expected)} claims written" in p.stderr


def test_spark_reads_json_lines_as_the_same_documents(tmp_path, generated, spark):
    # docs.jsonl holds the same texts with "id" = the .txt path, which becomes the key
    expected = sorted(claim_row(r) for r in binary_records(str(generated / "txt")) if r["type"] == "quantity")
    status, err, out = spark_main(tmp_path, "from_jsonl.parquet", generated / "docs.jsonl")
    assert status == 0, err
    _, got = table_rows(out)
    same_rows("claims", got, expected)


def test_spark_names_failed_documents_and_keeps_the_others(tmp_path, spark):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text((DEMO / "07_airstrike_ain_difla.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    status, err, out = spark_main(tmp_path, "mixed.parquet", d)
    assert status == 1, err
    assert "empty.txt: empty document" in err and "binary.txt: binary data" in err
    failed = [json.loads(l) for l in (tmp_path / "mixed.parquet.errors.jsonl").read_text().splitlines()]
    assert sorted(os.path.basename(f["doc"]) for f in failed) == ["binary.txt", "empty.txt"]
    _, got = table_rows(out)
    expected = sorted(claim_row(r) for r in binary_records(str(d / "good.txt")) if r["type"] == "quantity")
    assert got
    same_rows("claims", got, expected)
