#!/usr/bin/env python3
"""Writes N documents made by shuffling the paragraphs of the repository's demo reports
(examples/demo, examples/demo-en), as .txt files and as one JSON Lines file holding the
same texts, for the Spark and Python tests. Deterministic for a seed.

usage: scripts/make-shuffled-docs.py --out DIR [--docs 3000] [--seed 7]
  DIR/txt/NNN/docNNNNNN.txt   one document a file
  DIR/docs.jsonl              {"id": "<the .txt path>", "text": ...} a line, same texts
"""
import argparse
import json
import os
import random


def paragraphs(root):
    paras = []
    for sub in ("examples/demo", "examples/demo-en"):
        d = os.path.join(root, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt"):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    paras += [p.strip() for p in f.read().split("\n") if len(p.strip()) > 40]
    return paras


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    paras = paragraphs(root)
    rng = random.Random(a.seed)
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as jl:
        for n in range(a.docs):
            text = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(3, 12))) + "\n"
            path = os.path.join(out, "txt", f"{n // 1000:03d}", f"doc{n:06d}.txt")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            jl.write(json.dumps({"id": path, "text": text}, ensure_ascii=False) + "\n")
    print(f"wrote {a.docs} documents from {len(paras)} paragraphs into {out}")


if __name__ == "__main__":
    main()
