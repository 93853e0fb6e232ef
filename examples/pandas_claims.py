#!/usr/bin/env python3
"""The demo dossier's claims in pandas: who gave which figure for how many people.

    pip install ./python pandas pyarrow
    python examples/pandas_claims.py [FOLDER]      # default: examples/demo

Documents go to isnad as one Arrow batch and the claims come back as one (the columns
of `isnad claims --format parquet`), so pandas gets typed columns without a copy per
record.
"""
import pathlib
import sys

import pandas as pd
import pyarrow as pa

import isnad

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent / "demo")
paths = sorted(folder.glob("*.txt"))
docs = pa.RecordBatch.from_pydict({
    "doc": [p.name for p in paths],
    "text": [p.read_text(encoding="utf-8") for p in paths],
})
claims: pd.DataFrame = isnad.extract_arrow(docs).to_pandas()

people = claims[(claims.kind == "people") & (claims.stance == "assert")]
by_speaker = (
    people.assign(speaker=people.speaker.fillna("(the outlet itself)"))
    .groupby("speaker")
    .agg(claims=("text", "size"), documents=("doc", "nunique"), low=("min", "min"), high=("max", "max"))
    .sort_values(["documents", "claims"], ascending=False)
)
pd.set_option("display.width", 160)
print(f"{len(claims)} claims in {claims.doc.nunique()} documents; {len(people)} asserted counts of people\n")
print(by_speaker.to_string())
denials = claims[claims.stance == "deny"]
print(f"\n{len(denials)} denials:")
print(denials[["doc", "text", "speaker"]].to_string(index=False))
