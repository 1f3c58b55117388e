#!/usr/bin/env python3
"""Compares two benchmark result caches (bench --out DIR writes DIR/cache/<method>/<case>.*) file by file.

Used to check that a change keeps every result to the bit: images and kernels (PNG bytes), metrics (.properties,
without the timing, memory and date fields) and per-step diagnostics (-steps.csv, without the seconds column).
Usage: compare-bench-cache.py BEFORE_DIR AFTER_DIR [--only-common]
Exit status 0 when every compared file is identical.
"""
import csv
import io
import os
import sys

IGNORED_KEYS = ("seconds", "peak_memory_mb", "heap", "cpu", "time", "date", "elapsed")


def properties(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            k, v = line.split("=", 1)
            if not any(w in k for w in IGNORED_KEYS):
                out[k] = v
    return out


def steps(path):
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    keep = [i for i, h in enumerate(rows[0]) if h != "seconds"]
    return [[r[i] for i in keep if i < len(r)] for r in rows]


def same(a, b):
    if a.endswith(".properties"):
        pa, pb = properties(a), properties(b)
        return pa == pb, [k for k in sorted(set(pa) | set(pb)) if pa.get(k) != pb.get(k)]
    if a.endswith("-steps.csv"):
        return steps(a) == steps(b), []
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read(), []


def files(root):
    cache = os.path.join(root, "cache")
    out = set()
    for d, _, names in os.walk(cache):
        for n in names:
            out.add(os.path.relpath(os.path.join(d, n), cache))
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only_common = "--only-common" in sys.argv
    before, after = args
    fb, fa = files(before), files(after)
    common = sorted(fb & fa)
    differ = []
    for rel in common:
        ok, keys = same(os.path.join(before, "cache", rel), os.path.join(after, "cache", rel))
        if not ok:
            differ.append((rel, keys))
    for rel, keys in differ:
        print("DIFFERS", rel, ",".join(keys))
    missing = [] if only_common else sorted(fb ^ fa)
    for rel in missing:
        print("ONLY IN", before if rel in fb else after, rel)
    print(f"compared {len(common)} files, {len(differ)} differ; {len(fb - fa)} only before, {len(fa - fb)} only after")
    return 0 if not differ and not missing else 1


if __name__ == "__main__":
    sys.exit(main())
