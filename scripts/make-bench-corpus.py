#!/usr/bin/env python3
"""Builds a benchmark corpus of Arabic news by shuffling paragraphs.

The paragraphs come from a folder of .txt reports (by default ../shared/corpus/raqqa,
read here at run time and never committed) and from the repository's own demo corpus.
Documents of 20-60 paragraphs are written until the total reaches --mb megabytes.

usage: scripts/make-bench-corpus.py [--src DIR ...] [--out bench-corpus] [--mb 110] [--seed 1]
"""
import argparse
import os
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap.add_argument("--src", action="append", default=None, help="folder of .txt files (repeatable)")
    ap.add_argument("--out", default=os.path.join(root, "bench-corpus"))
    ap.add_argument("--mb", type=float, default=110.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    srcs = a.src or [os.path.join(root, "..", "shared", "corpus", "raqqa"), os.path.join(root, "examples", "demo")]
    paras = []
    for s in srcs:
        if not os.path.isdir(s):
            print(f"skipping missing {s}")
            continue
        for name in sorted(os.listdir(s)):
            if name.endswith(".txt"):
                with open(os.path.join(s, name), encoding="utf-8") as f:
                    paras += [p.strip() for p in f.read().split("\n") if len(p.strip()) > 40]
    if not paras:
        raise SystemExit("no paragraphs found")
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    target = int(a.mb * 1e6)
    total = n = 0
    while total < target:
        doc = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(20, 60))) + "\n"
        path = os.path.join(a.out, f"{n // 1000:03d}", f"doc{n:06d}.txt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(doc)
        total += len(doc.encode("utf-8"))
        n += 1
    print(f"wrote {n} documents, {total / 1e6:.1f} MB, from {len(paras)} paragraphs, into {a.out}")


if __name__ == "__main__":
    main()
