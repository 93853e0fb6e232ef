"""Shared helpers: the isnad binary the package is compared against, and the way its
JSON Lines records become rows of the claims table."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"


def isnad_bin() -> str:
    """$ISNAD_BIN, else target/{release,debug}/isnad (CI sets ISNAD_BIN)."""
    env = os.environ.get("ISNAD_BIN")
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for c in [env] if env else [target / "release" / "isnad", target / "debug" / "isnad"]:
        if c and os.access(c, os.X_OK):
            return str(c)
    pytest.fail("no isnad binary: build it (cargo build -p isnad) or set ISNAD_BIN")


def run_bin(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run([isnad_bin(), *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"isnad {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p


def binary_records(*paths: str, published: str | None = None) -> list[dict]:
    """`isnad extract --jsonl` over paths, parsed line by line."""
    args = ["extract", "--jsonl", "-q"] + (["--published", published] if published else []) + list(paths)
    return [json.loads(line) for line in run_bin(*args).stdout.splitlines()]


#: Columns of a claims row that `isnad extract --jsonl` also gives (title, outlet, url
#: and published come from document metadata, which plain text files do not have).
def claim_row(r: dict) -> tuple:
    sp, src = r.get("speaker"), r.get("source")
    return (
        r["doc"], r["start"], r["end"], r["min"], r["max"], r["text"], r["qualifier"], r["kind"],
        r["counted"], r["unit"], sp and sp["text"], sp and sp["id"], r["cue"], r["stance"], src and src["text"],
    )


def claim_row_of_table(r: dict) -> tuple:
    return (
        r["doc"], r["start"], r["end"], r["min"], r["max"], r["text"], r["qualifier"], r["kind"],
        r["counted"], r["unit"], r["speaker"], r["speaker_id"], r["cue"], r["stance"], r["source"],
    )


def demo_paths() -> list[str]:
    return sorted(str(p) for p in DEMO.glob("*.txt"))


def same_rows(what: str, got: list, want: list) -> None:
    """Asserts two lists of rows are equal without pytest's diff of long lists (which can
    take minutes on 40,000 rows): counts, then the first few differences."""
    if got == want:
        return
    diffs = [(i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w][:5]
    raise AssertionError(f"{what}: {len(got)} rows vs {len(want)} expected; first differences "
                         f"(index, got, expected): {diffs}")
