#!/usr/bin/env python3
"""Order independence of statement grouping on the webnews gold (real multi-outlet pages).

    python benchmarks/order.py               # pairs of articles both ways, 5 full random orders
    python benchmarks/order.py --orders 10   # more full random orders
    python benchmarks/order.py --show        # also list the article pairs that differ
    python benchmarks/order.py --json

The same articles must give the same statements whatever order they arrive in. This feeds
the gold quotes (gold speakers and cues, as ``benchmarks/webnews.py --only grouping`` does)
to the pure grouper with the articles arriving in a chosen order: each article's quotes
take the next quote ids, in their order in the page; dates stay the pages' own.

* ``pairs``: for every pair of articles of a part, the two arrival orders (A then B, B then
  A); counted are the pairs whose two orders give different statement partitions of the two
  articles' quotes.
* ``orders``: the whole part in publication order (the reference, as webnews.py) and in
  ``--orders`` random arrival orders (fixed seeds): how many give the reference partition,
  how many distinct partitions there are, and the spread of the pairwise F1 against the gold.

The data is read from ``$QUOTETRACK_EVAL/webnews`` or ``../shared/eval/webnews`` beside the
repository; the script exits 0 with a note when absent.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import webnews  # noqa: E402

Partition = frozenset[frozenset[int]]


def publication_order(units: list[dict]) -> list[str]:
    """Article ids in the order webnews.py feeds them: by date (undated last), then id."""
    first: dict[str, tuple[dt.date, str]] = {}
    for u in units:
        first.setdefault(u["doc"], (u["date"] or dt.date.max, u["doc"]))
    return sorted(first, key=lambda d: first[d])


def labels_in_order(units: list[dict], doc_order: Sequence[str]) -> dict[int, int]:
    """Statement key of each unit (by index into ``units``) when only the articles of
    ``doc_order`` arrive, in that order. Speakers, outlets and articles get ids by name, so
    that only the quote ids (the arrival order) differ between two runs."""
    rank = {d: n for n, d in enumerate(doc_order)}
    order = sorted(
        (i for i, u in enumerate(units) if u["doc"] in rank),
        key=lambda i: (rank[units[i]["doc"]], units[i]["start"]),
    )
    names = sorted({u["speaker"] for u in units if u["speaker"]})
    speaker_id = {n: k for k, n in enumerate(names, start=1)}
    outlet_id = {n: k for k, n in enumerate(sorted({u["outlet"] for u in units}), start=1)}
    doc_id = {n: k for k, n in enumerate(sorted({u["doc"] for u in units}), start=1)}
    return webnews.group_in_order(units, order, speaker_id, outlet_id, doc_id)


def partition(labels: dict[int, int]) -> Partition:
    """The partition of unit indices that statement labels make."""
    groups: dict[int, set[int]] = collections.defaultdict(set)
    for i, k in labels.items():
        groups[k].add(i)
    return frozenset(frozenset(g) for g in groups.values())


def pair_differences(units: list[dict]) -> tuple[int, list[tuple[str, str]]]:
    """Pairs of articles tried, and those whose two arrival orders group differently."""
    docs = publication_order(units)
    differ = []
    n = 0
    for a, b in itertools.combinations(docs, 2):
        n += 1
        if partition(labels_in_order(units, [a, b])) != partition(labels_in_order(units, [b, a])):
            differ.append((a, b))
    return n, differ


def full_orders(units: list[dict], orders: int) -> dict:
    """The reference (publication order) and ``orders`` random arrival orders of all
    articles: partitions equal to the reference, distinct partitions, F1 per order."""
    docs = publication_order(units)
    runs = [docs]
    for seed in range(orders):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        runs.append(shuffled)
    parts, f1 = [], []
    for doc_order in runs:
        labels = labels_in_order(units, doc_order)
        parts.append(partition(labels))
        f1.append(webnews.score(units, [labels[i] for i in range(len(units))])["f1"])
    return {
        "orders": orders,
        "same_as_reference": sum(1 for p in parts[1:] if p == parts[0]),
        "distinct_partitions": len(set(parts)),
        "f1_reference": f1[0],
        "f1_min": min(f1),
        "f1_max": max(f1),
    }


def run(orders: int) -> dict | None:
    """Figures per webnews part (None when the data is absent)."""
    folder = webnews.eval_dir()
    if folder is None or not (folder / "webnews").is_dir():
        return None
    out: dict = {}
    for part in webnews.PARTS:
        docs, gold = webnews.load_part(folder / "webnews", part)
        units = webnews.gold_units(docs, gold)
        n, differ = pair_differences(units)
        out[f"webnews_{part}"] = {
            "articles": len(docs),
            "pairs": n,
            "pairs_differing": len(differ),
            "differing": differ,
            **full_orders(units, orders),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=5, help="full random orders per part")
    ap.add_argument("--show", action="store_true", help="list the article pairs that differ")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    results = run(args.orders)
    if results is None:
        print("note: webnews evaluation data not found; nothing measured", file=sys.stderr)
        return 0
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"{'set':<12} {'articles':>8} {'pairs':>6} {'differ':>6} {'orders':>6} {'=ref':>5} "
        f"{'distinct':>8} {'F1 ref':>7} {'F1 min':>7} {'F1 max':>7}"
    )
    for part, r in results.items():
        print(
            f"{part:<12} {r['articles']:>8} {r['pairs']:>6} {r['pairs_differing']:>6} "
            f"{r['orders']:>6} {r['same_as_reference']:>5} {r['distinct_partitions']:>8} "
            f"{r['f1_reference']:>7.3f} {r['f1_min']:>7.3f} {r['f1_max']:>7.3f}"
        )
    if args.show:
        for part, r in results.items():
            for a, b in r["differing"]:
                print(f"[{part}] {a} <-> {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
