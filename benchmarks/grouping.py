"""Gold-set evaluation of statement grouping: pairwise precision, recall and F1.

    python benchmarks/grouping.py            # samples + PolNeAR dev (if ../shared/eval exists),
                                             # then the held-out PolNeAR test set apart
    python benchmarks/grouping.py --show     # also list missed and wrong pairs
    python benchmarks/grouping.py --no-cues  # without cues, i.e. without the frame signal
    python benchmarks/grouping.py --ceiling  # also: how much of the gold any wording-based
                                             # grouper could reach, and how the evidence splits

Quotes are fed to the pure grouper in publication order (date, document, offset), as an
ingest would store them. Speakers become ids by name; the gold speaker is used so that the
figures measure grouping, not attribution; likewise the gold cue (labelled for the samples,
PolNeAR's own for its quotes). See benchmarks/gold/README.md for how the gold
groups were labelled.

Lines: ``all`` = samples + PolNeAR dev (the set the thresholds were chosen on, kept as it was so
that earlier figures stay comparable); ``heldout`` = PolNeAR test, labelled the same way before
it was first scored and never used to choose anything.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrack.statements import GroupingParams, QuoteRecord, group  # noqa: E402
from quotetrack.statements.grouping import continuations  # noqa: E402
from quotetrack.statements.text import content_stems, words  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold" / "grouping.json"
from benchmarks import webnews  # noqa: E402

EVAL = webnews.eval_dir() or ROOT.parent / "shared" / "eval"
SAMPLE_META = {  # outlet and date of each sample, as in samples/README.md
    "000-unknown-outlet.md": (None, dt.date(2023, 12, 1)),
    "001-the-new-arab.md": ("The New Arab", dt.date(2023, 12, 7)),
    "002-times-of-israel.md": ("The Times of Israel", dt.date(2023, 11, 30)),
    "003-wire-rewrite.md": (None, None),
    "004-rbc-ukraine.md": ("RBC-Ukraine", dt.date(2024, 1, 26)),
}


def sample_items(gold: dict) -> list[dict]:
    """Gold sample quotes with their text, date, outlet and position."""
    out = []
    for it in gold["samples"]:
        body = (ROOT / "samples" / it["file"]).read_text(encoding="utf-8")
        outlet, date = SAMPLE_META[it["file"]]
        start = body.index(it["text"])
        out.append(
            {
                **it,
                "doc": it["file"],
                "start": start,
                "end": start + len(it["text"]),
                "outlet": outlet or it["file"],
                "date": date,
                "body": body,
            }
        )
    return out


def read_docs(path: Path) -> dict[str, dict]:
    """The documents of one JSON Lines evaluation file, by id."""
    docs = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    return docs


def polnear_items(gold: dict, split: str = "dev") -> list[dict] | None:
    """Gold PolNeAR quotes of ``split`` (gold key ``polnear_<split>``) with texts read from
    ../shared/eval, or None when the file or the gold key is absent."""
    path = EVAL / "polnear" / f"{split}.jsonl"
    key = f"polnear_{split}"
    if key not in gold or not path.exists():
        return None
    docs = read_docs(path)
    out = []
    for it in gold[key]:
        d = docs[it["doc"]]
        meta = d.get("meta") or {}
        cue = next(
            (
                q.get("cue")
                for q in d["quotes"]
                if q["start"] == it["start"] and q["end"] == it["end"]
            ),
            None,
        )
        out.append(
            {
                **it,
                "text": d["text"][it["start"] : it["end"]],
                "body": d["text"],
                "cue": cue,
                "outlet": meta.get("outlet"),
                "date": dt.date.fromisoformat(meta["date"]) if meta.get("date") else None,
            }
        )
    return out


def evaluate(items: list[dict], params: GroupingParams, semantic=None, cues: bool = True) -> dict:
    """Group ``items`` and score the pairs (``cues=False`` leaves the cues out, which turns
    the frame signal off). Out: counts, precision, recall, F1, pair lists."""
    order = sorted(items, key=lambda it: (it["date"] or dt.date.max, it["doc"], it["start"]))
    speakers: dict[str, int] = {}
    outlets: dict[str, int] = {}
    docs: dict[str, int] = {}
    for i, it in enumerate(order, start=1):
        it["_id"] = i
        it["_speaker"] = speakers.setdefault(it["speaker"], len(speakers) + 1)
    # Positions in ``order`` are quote ids less one.
    cont = {a + 1: b + 1 for a, b in split_quotes(order).items()}
    recs = []
    for it in order:
        recs.append(
            QuoteRecord(
                id=it["_id"],
                speaker_id=it["_speaker"],
                speaker_kind="person",
                type=it["type"],
                text=it["text"],
                published=it["date"],
                outlet_id=outlets.setdefault(it["outlet"] or "?", len(outlets) + 1),
                article_id=docs.setdefault(it["doc"], len(docs) + 1),
                continues=cont.get(it["_id"]),
                cue=it.get("cue") if cues else None,
            )
        )
    t0 = time.perf_counter()
    assignments = group(recs, params, semantic)
    seconds = time.perf_counter() - t0
    pred = {a.quote_id: a.statement_key for a in assignments}
    gold = {i: (it["group"] or f"single-{i}") for i, it in enumerate(order, start=1)}
    tp = fp = fn = 0
    wrong, missed = [], []
    # Recall apart for pairs within one article and pairs across articles (outlets).
    found = {"same_article": [0, 0], "cross_article": [0, 0]}
    for a, b in itertools.combinations(range(1, len(order) + 1), 2):
        same_pred, same_gold = pred[a] == pred[b], gold[a] == gold[b]
        if same_gold:
            where = (
                "same_article" if order[a - 1]["doc"] == order[b - 1]["doc"] else "cross_article"
            )
            found[where][0] += same_pred
            found[where][1] += 1
        if same_pred and same_gold:
            tp += 1
        elif same_pred:
            fp += 1
            wrong.append((order[a - 1], order[b - 1]))
        elif same_gold:
            fn += 1
            missed.append((order[a - 1], order[b - 1]))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    kinds: dict[str, int] = {}
    for a in assignments:
        kinds[a.variant_kind] = kinds.get(a.variant_kind, 0) + 1
    bp, br, bf = bcubed(pred, gold)
    return {
        "quotes": len(order),
        "gold_pairs": tp + fn,
        "predicted_pairs": tp + fp,
        "tp": tp,
        "precision": p,
        "recall": r,
        "f1": f,
        "seconds": seconds,
        "kinds": kinds,
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": bf,
        "recall_by_place": {k: (v[0] / v[1] if v[1] else None, v[1]) for k, v in found.items()},
        "wrong": wrong,
        "missed": missed,
    }


def bcubed(pred: dict[int, object], gold: dict[int, object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering: per quote, the share of its predicted
    group that is in its gold group and vice versa, averaged over quotes. Pairwise figures
    weigh a group by the square of its size (one ten-quote group is 45 pairs); B-cubed weighs
    every quote once, so both are printed. In: quote id -> predicted / gold group."""

    def members(assign: dict[int, object]) -> dict[object, set[int]]:
        out: dict[object, set[int]] = {}
        for q, g in assign.items():
            out.setdefault(g, set()).add(q)
        return out

    pm, gm = members(pred), members(gold)
    p = r = 0.0
    for q in pred:
        both = len(pm[pred[q]] & gm[gold[q]])
        p += both / len(pm[pred[q]])
        r += both / len(gm[gold[q]])
    p, r = p / len(pred), r / len(pred)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def split_quotes(items: list[dict]) -> dict[int, int]:
    """Split quotes among ``items``, as ingest finds them with :func:`continuations`: the
    position of each continuing part -> the position of the part it continues."""
    speakers: dict[str, int] = {}
    by_doc: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        by_doc.setdefault(it["doc"], []).append(i)
    out: dict[int, int] = {}
    for idx in by_doc.values():
        out.update(
            continuations(
                items[idx[0]]["body"],
                [
                    (
                        i,
                        speakers.setdefault(items[i]["speaker"], len(speakers)),
                        items[i]["type"],
                        items[i]["start"],
                        items[i]["end"],
                    )
                    for i in idx
                ],
            )
        )
    return out


def ceiling(items: list[dict], min_shared: int) -> tuple[int, int]:
    """How many gold pairs any grouper could reach whose every link between two quotes needs
    ``min_shared`` content stems in common (quotetrack's links all need at least one: a
    verbatim or same-article link a content word, the frame link two, a paraphrase four),
    except between the parts of a split quote. Links may chain without limit, so this bounds
    every such grouper, not only root attachment. In: gold items, the minimum. Out: (reachable
    gold pairs, gold pairs)."""
    stems = [content_stems(words(it["text"])) for it in items]
    split = {(min(a, b), max(a, b)) for a, b in split_quotes(items).items()}
    groups: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        if it["group"]:
            groups.setdefault(it["group"], []).append(i)
    reachable = total = 0
    for members in groups.values():
        total += len(members) * (len(members) - 1) // 2
        parent = {i: i for i in members}

        def find(i: int, parent: dict[int, int] = parent) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a, b in itertools.combinations(members, 2):
            if len(stems[a] & stems[b]) >= min_shared or (a, b) in split:
                parent[find(a)] = find(b)
        sizes = collections.Counter(find(i) for i in members)
        reachable += sum(n * (n - 1) // 2 for n in sizes.values())
    return reachable, total


def evidence_table(items: list[dict], days: int = 7) -> dict[tuple[str, int], list[int]]:
    """Pairs of quotes of one speaker at most ``days`` apart, by place (same article or
    across) and shared content stems (4 means 4 or more): [gold same statement, gold apart].
    Shows how far shared words alone separate the gold pairs from the rest."""
    stems = [content_stems(words(it["text"])) for it in items]
    label = [it["group"] or f"single-{i}" for i, it in enumerate(items)]
    out: dict[tuple[str, int], list[int]] = {}
    for a, b in itertools.combinations(range(len(items)), 2):
        x, y = items[a], items[b]
        if x["speaker"] != y["speaker"]:
            continue
        if x["date"] and y["date"] and abs((x["date"] - y["date"]).days) > days:
            continue
        place = "same article" if x["doc"] == y["doc"] else "across"
        cell = out.setdefault((place, min(len(stems[a] & stems[b]), 4)), [0, 0])
        cell[0 if label[a] == label[b] else 1] += 1
    return out


def print_ceiling(sets: dict[str, list[dict]]) -> None:
    """The ceiling and the evidence table of each set (``all`` is only the union of two)."""
    parts = {name: items for name, items in sets.items() if name != "all"}
    print()
    print(
        "ceiling: gold pairs reachable when every link needs k shared content stems "
        "(split quotes aside); F1 if precision were 1"
    )
    for name, items in parts.items():
        cells = []
        for k in (1, 2, 3):
            reach, total = ceiling(items, k)
            r = reach / total if total else 1.0
            cells.append(f"k>={k}: R {r:.3f} F1 {2 * r / (1 + r):.3f}")
        print(f"{name:<12} " + "; ".join(cells))
    print()
    print(
        "evidence: pairs of one speaker within 7 days by shared content stems, "
        "gold same / gold apart"
    )
    for name, items in parts.items():
        table = evidence_table(items)
        for place in ("same article", "across"):
            row = [
                f"{k}{'+' if k == 4 else ''}: {table.get((place, k), [0, 0])[0]}/"
                f"{table.get((place, k), [0, 0])[1]}"
                for k in range(5)
            ]
            print(f"{name:<12} {place:<13} " + "  ".join(row))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list wrong and missed pairs")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument(
        "--no-cues",
        action="store_true",
        help="leave the quotes' cues out (no frame signal), for comparison",
    )
    ap.add_argument(
        "--semantic",
        action="store_true",
        help="add MiniLM cosine for paraphrases (needs the 'semantic' extra)",
    )
    ap.add_argument(
        "--ceiling",
        action="store_true",
        help="also print the recall any wording-based grouper could reach on each "
        "set, and how shared words split gold pairs from the rest",
    )
    ap.add_argument(
        "--no-end-to-end",
        action="store_true",
        help="webnews: only the grouping-only figure (skip ingesting its pages)",
    )
    args = ap.parse_args(argv)
    web = webnews.run("grouping" if args.no_end_to_end else None)
    if web is None:
        print("note: webnews data not found; webnews lines skipped", file=sys.stderr)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    params = GroupingParams()
    sets = {"samples": sample_items(gold)}
    pol = polnear_items(gold, "dev")
    if pol is None:
        print(f"note: {EVAL} not found; PolNeAR part skipped", file=sys.stderr)
    else:
        sets["polnear_dev"] = pol
        sets["all"] = sets["samples"] + pol
    heldout = polnear_items(gold, "test")
    if heldout is not None:
        sets["heldout"] = heldout
    elif pol is not None:
        print("note: PolNeAR test not found; held-out line skipped", file=sys.stderr)
    semantic = None
    if args.semantic:
        from quotetrack.statements.semantic import MiniLMScorer

        semantic = MiniLMScorer()
        t0 = time.perf_counter()
        semantic.embed_many([it["text"] for items in sets.values() for it in items])
        print(
            f"embedded {len(semantic._cache)} quotes in {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )
    results = {
        name: evaluate(items, params, semantic, cues=not args.no_cues)
        for name, items in sets.items()
    }
    for part, res in (web or {}).items():
        for measure in ("grouping", "end_to_end"):
            if measure in res:
                results[f"{part}:{measure}"] = res[measure]
    if args.json:
        print(
            json.dumps(
                {
                    k: {x: y for x, y in v.items() if x not in ("wrong", "missed")}
                    for k, v in results.items()
                },
                indent=2,
                default=str,
            )
        )
        return 0
    print(
        f"{'set':<12} {'quotes':>6} {'gold pairs':>10} {'pred pairs':>10} {'P':>6} {'R':>6} "
        f"{'F1':>6}  variant kinds"
    )
    for name, r in results.items():
        print(
            f"{name:<12} {r['quotes']:>6} {r['gold_pairs']:>10} {r['predicted_pairs']:>10} "
            f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}  "
            + ", ".join(f"{k} {v}" for k, v in sorted(r.get("kinds", {}).items()))
        )
    for part, res in (web or {}).items():
        if "speakers" in res:
            print(f"{part:<12} speakers: {webnews.speaker_line(res['speakers'])}")
    results = {k: v for k, v in results.items() if "bcubed_f1" in v}
    print()
    for name, r in results.items():
        print(
            f"{name:<12} B-cubed: P {r['bcubed_precision']:.3f} R {r['bcubed_recall']:.3f} "
            f"F1 {r['bcubed_f1']:.3f}"
        )
    print()
    for name, r in results.items():
        parts = [
            f"{k.replace('_', ' ')} {v[0]:.3f} of {v[1]} pairs"
            for k, v in r["recall_by_place"].items()
            if v[1]
        ]
        print(f"{name:<12} recall: " + "; ".join(parts))
    if args.ceiling:
        print_ceiling(sets)
    if args.show:
        for name, r in results.items():
            if name == "all":
                continue
            for label, pairs in (("WRONG", r["wrong"]), ("MISSED", r["missed"])):
                for a, b in pairs:
                    print(
                        f"[{name}] {label} {a['speaker']}\n  {a['date']} {a['type']}: "
                        f"{a['text'][:160]}\n  {b['date']} {b['type']}: {b['text'][:160]}"
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
