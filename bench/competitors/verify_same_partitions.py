#!/usr/bin/python3
"""Check that a competitor's split holds the same partitions and rows as the engine's.

    /usr/bin/python3 bench/competitors/verify_same_partitions.py ENGINE_PARTITIONS_DIR OTHER_OUT_DIR
        [--file orders.csv] [--strict-order]

ENGINE_PARTITIONS_DIR is the engine's `<output>/partitions` (`<date>/<security>/orders.csv`).
OTHER_OUT_DIR is either the same layout (pandas_split.py, awk_split.sh) or DuckDB's hive layout
`date=<date>/security=<security>/*.csv` (duckdb_split.mjs; all files of a partition are merged).

Per partition it compares the header and the multiset of data rows (row count plus an
order-independent sum of 128-bit BLAKE2b row hashes), ignoring the line end of each row
("\\r\\n" vs "\\n"). It also reports how many partitions have their rows in the same order as
the engine's; with --strict-order a difference in order is a failure. Exit status 0 = same,
1 = different (details on stdout), 2 = usage error. Only the standard library is used.
"""
import argparse
import hashlib
import os
import re
import sys

HIVE = re.compile(r"^date=(?P<date>[^/]+)/security=(?P<security>[^/]+)$")
MASK = (1 << 128) - 1


class Digest:
    __slots__ = ("headers", "rows", "multiset", "ordered")

    def __init__(self):
        self.headers = set()
        self.rows = 0
        self.multiset = 0
        self.ordered = hashlib.blake2b(digest_size=16)

    def add_file(self, path):
        with open(path, "rb") as f:
            header = f.readline()
            if header:
                self.headers.add(header.rstrip(b"\r\n"))
            for line in f:
                row = line.rstrip(b"\r\n")
                h = hashlib.blake2b(row, digest_size=16).digest()
                self.multiset = (self.multiset + int.from_bytes(h, "little")) & MASK
                self.ordered.update(h)
                self.rows += 1


def collect(root, file_name):
    """{(date, security): Digest} for either layout under root."""
    parts = {}
    for dirpath, _dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        if rel == ".":
            continue
        m = HIVE.match(rel.replace(os.sep, "/"))
        if m:
            files = sorted(n for n in filenames if n.endswith(".csv"))
            key = (m.group("date"), m.group("security"))
        else:
            segs = rel.split(os.sep)
            if len(segs) != 2 or file_name not in filenames:
                continue
            files = [file_name]
            key = (segs[0], segs[1])
        if not files:
            continue
        d = parts.setdefault(key, Digest())
        for n in files:
            d.add_file(os.path.join(dirpath, n))
    return parts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("engine_partitions")
    ap.add_argument("other")
    ap.add_argument("--file", default="orders.csv",
                    help="per-partition file name in the plain layout (default orders.csv)")
    ap.add_argument("--strict-order", action="store_true",
                    help="also require each partition's rows in the engine's order")
    args = ap.parse_args()
    for d in (args.engine_partitions, args.other):
        if not os.path.isdir(d):
            print(f"verify: {d} is not a directory", file=sys.stderr)
            return 2

    ref = collect(args.engine_partitions, args.file)
    got = collect(args.other, args.file)
    problems = []
    missing = sorted(set(ref) - set(got))
    extra = sorted(set(got) - set(ref))
    for k in missing[:10]:
        problems.append(f"missing partition {k[0]}/{k[1]} ({ref[k].rows} rows)")
    for k in extra[:10]:
        problems.append(f"extra partition {k[0]}/{k[1]} ({got[k].rows} rows)")
    if len(missing) > 10 or len(extra) > 10:
        problems.append(f"... {len(missing)} missing and {len(extra)} extra partitions in all")

    same_order = 0
    common = sorted(set(ref) & set(got))
    for k in common:
        a, b = ref[k], got[k]
        name = f"{k[0]}/{k[1]}"
        if a.headers != b.headers:
            problems.append(f"{name}: header differs")
        if a.rows != b.rows:
            problems.append(f"{name}: {b.rows} rows, engine has {a.rows}")
        elif a.multiset != b.multiset:
            problems.append(f"{name}: same row count ({a.rows}) but different rows")
        elif a.ordered.digest() == b.ordered.digest():
            same_order += 1
        elif args.strict_order:
            problems.append(f"{name}: same rows in a different order")

    ref_rows = sum(d.rows for d in ref.values())
    got_rows = sum(d.rows for d in got.values())
    print(f"engine: {len(ref)} partitions, {ref_rows} rows; "
          f"other: {len(got)} partitions, {got_rows} rows")
    print(f"rows in the engine's order in {same_order} of {len(common)} common partitions")
    if problems:
        print(f"DIFFERENT ({len(problems)} problems):")
        for p in problems[:50]:
            print("  " + p)
        return 1
    print("SAME partitions and rows" + (" (and order)" if args.strict_order else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
