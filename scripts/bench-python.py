#!/usr/bin/env python3
"""The Python package's costs against the library it wraps, on the same documents:

  * isnad.extract per document vs isnad_extract::extract called from Rust
    (python/examples/lib_per_doc.rs, same allocator), as a ratio (must be < 2);
  * isnad.extract_many with threads=1 vs threads=2 (documents/s, and the speed-up).

usage: scripts/bench-python.py [--corpus bench-corpus] [--docs 2000]
Needs the package installed (pip install ./python) and cargo; builds the corpus with
scripts/make-bench-corpus.py when it is missing.
"""
import argparse
import os
import re
import subprocess
import sys
import time

import isnad


def best_of(n, f):
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(root, "bench-corpus"))
    ap.add_argument("--docs", type=int, default=2000)
    a = ap.parse_args()
    if not os.path.isdir(a.corpus):
        subprocess.run([sys.executable, os.path.join(root, "scripts", "make-bench-corpus.py"), "--out", a.corpus], check=True)
    paths = []
    for d, _, names in sorted(os.walk(a.corpus)):
        paths += [os.path.join(d, n) for n in sorted(names) if n.endswith(".txt")]
    paths = paths[: a.docs]
    texts = [open(p, encoding="utf-8").read() for p in paths]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} documents, {mb:.1f} MB, {sum(len(t.encode()) for t in texts) / len(texts) / 1e3:.1f} kB each; load {os.getloadavg()[0]:.1f}")

    lib = subprocess.run(
        ["cargo", "run", "-q", "--release", "--manifest-path", os.path.join(root, "python", "Cargo.toml"),
         "--example", "lib_per_doc", "--", *paths],
        check=True, capture_output=True, text=True).stdout
    lib_us = float(re.match(r"([\d.]+) us/doc", lib).group(1))
    print(f"library (Rust) isnad_extract::extract   {lib}".rstrip())

    for t in texts[:50]:
        isnad.extract(t)  # warm-up
    py = best_of(3, lambda: [isnad.extract(t) for t in texts])
    py_us = py * 1e6 / len(texts)
    print(f"python isnad.extract                     {py_us:.1f} us/doc  {mb / py:.2f} MB/s")
    print(f"ratio python/library per document        {py_us / lib_us:.2f}x")

    many = texts * 2
    t1 = best_of(2, lambda: isnad.extract_many(many, threads=1))
    t2 = best_of(2, lambda: isnad.extract_many(many, threads=2))
    print(f"extract_many threads=1                   {len(many) / t1:.0f} docs/s  {2 * mb / t1:.2f} MB/s")
    print(f"extract_many threads=2                   {len(many) / t2:.0f} docs/s  {2 * mb / t2:.2f} MB/s")
    print(f"speed-up 2 threads / 1                   {t1 / t2:.2f}x")


if __name__ == "__main__":
    main()
