#!/usr/bin/env python3
"""Statement grouping and speaker identity on the webnews gold (real multi-outlet web pages).

    python benchmarks/webnews.py                # both parts: grouping-only and end-to-end
    python benchmarks/webnews.py --only grouping  # gold quotes and speakers fed to the grouper
    python benchmarks/webnews.py --show         # also list missed and wrong pairs (grouping)
    python benchmarks/webnews.py --only grouping --kinds  # pairs by member kind, errors by cause
    python benchmarks/webnews.py --json

Two measures, so that grouping errors and extraction errors stay apart:

* ``grouping``: the gold quotes, with their gold speakers (one speaker id per gold name,
  ``null`` = no speaker), gold cues, the page's outlet and date, fed to the pure grouper in
  publication order, as :mod:`benchmarks.grouping` does for PolNeAR.
* ``end-to-end``: every page goes through quotetrack as an ingest would (detector,
  attribution, speaker identity, store, grouping) into a throw-away SQLite database. Each
  gold quote is then mapped to the stored quote of its page that overlaps it most (by
  characters); its predicted statement is that quote's statement, and a gold quote no
  stored quote overlaps is a statement of its own.

Units are the gold quote records. A gold quote's labels are the gold statements whose
members lie inside it (one quote may render two statements, e.g. two sentences of one
quote record); two quotes belong together when their labels share a statement. Quotes
outside every statement (and the distractors) are singletons, so precision is meaningful.

Speaker identity (end-to-end only): for every gold speaker quoted on two or more pages, the
stored speakers their mapped quotes ended up with (one = right), and every stored speaker
whose mapped quotes carry two or more gold speakers (a stored speaker holding two people).

The data is read from ``$QUOTETRACK_EVAL/webnews`` or ``../shared/eval/webnews`` beside the
repository; the script exits 0 with a note when absent.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARTS = ("a", "b")


def eval_dir() -> Path | None:
    """The shared evaluation folder: ``$QUOTETRACK_EVAL`` or ``../shared/eval`` beside the
    repository, whichever exists first; None when neither does."""
    for cand in (os.environ.get("QUOTETRACK_EVAL"), ROOT.parent / "shared" / "eval"):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def load_part(folder: Path, part: str) -> tuple[dict[str, dict], dict]:
    """Pages (by id, in file order) and gold statements of one webnews part."""
    docs: dict[str, dict] = {}
    with (folder / f"dev_{part}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    gold = json.loads((folder / f"statements_{part}.json").read_text(encoding="utf-8"))
    return docs, gold


def _date(meta: dict) -> dt.date | None:
    raw = (meta or {}).get("date")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


def gold_units(docs: dict[str, dict], gold: dict) -> list[dict]:
    """One unit per gold quote, with text, offsets, type, speaker, cue, page date and outlet,
    the page body, ``labels``: the gold statements with a member inside it, ``kinds``: the
    member kind (verbatim, trimmed, altered, paraphrase) per label, and ``distractor``:
    whether a distractor lies inside it."""
    units: dict[tuple[str, int], dict] = {}
    for doc_id, d in docs.items():
        meta = d.get("meta") or {}
        for i, q in enumerate(d["quotes"]):
            units[(doc_id, i)] = {
                "doc": doc_id,
                "start": q["start"],
                "end": q["end"],
                "text": q["text"],
                "type": q["type"],
                "speaker": q.get("speaker"),
                "cue": q.get("cue"),
                "outlet": meta.get("outlet") or doc_id,
                "date": _date(meta),
                "body": d["text"],
                "labels": set(),
                "kinds": {},
                "distractor": False,
            }

    def inside(m: dict) -> list[dict]:
        body = docs[m["doc"]]["text"]
        start = m.get("start")
        if start is None:
            start = body.find(m["text"])
        end = start + len(m["text"])
        return [
            units[(m["doc"], i)]
            for i, q in enumerate(docs[m["doc"]]["quotes"])
            if q["start"] < end and start < q["end"]
        ]

    for s in gold["statements"]:
        for m in s["members"]:
            for u in inside(m):
                u["labels"].add(s["statement"])
                u["kinds"][s["statement"]] = m["kind"]
    for m in gold.get("distractors", []):
        for u in inside(m):
            u["distractor"] = True
    return list(units.values())


def score(units: list[dict], pred: list[object]) -> dict:
    """Pairwise precision, recall and F1 of predicted statement labels ``pred`` (one per
    unit) against the units' gold labels; also the pair lists for ``--show``."""
    tp = fp = fn = 0
    wrong, missed = [], []
    for a, b in itertools.combinations(range(len(units)), 2):
        same_gold = bool(units[a]["labels"] & units[b]["labels"])
        same_pred = pred[a] == pred[b]
        if same_gold and same_pred:
            tp += 1
        elif same_pred:
            fp += 1
            wrong.append((units[a], units[b]))
        elif same_gold:
            fn += 1
            missed.append((units[a], units[b]))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "quotes": len(units),
        "gold_pairs": tp + fn,
        "predicted_pairs": tp + fp,
        "precision": p,
        "recall": r,
        "f1": f,
        "wrong": wrong,
        "missed": missed,
    }


def breakdown(units: list[dict], pred: list[object]) -> dict[str, dict[str, list[int]]]:
    """Where the pairs went: for gold pairs, found and missed by the kinds of the two members
    (``altered+verbatim``; ``paraphrase`` whenever one side is one) and whether the two lie
    in one article; for wrong pairs, what the two quotes are: ``multi`` when one holds
    members of two or more statements, ``distractor`` when one holds a distractor,
    ``labelled`` when both hold members (of different statements), ``one unlabelled`` or
    ``unlabelled``. Out: {"gold": {key: [found, missed]}, "wrong": {key: [count]}}."""
    gold: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    wrong: dict[str, list[int]] = collections.defaultdict(lambda: [0])
    for a, b in itertools.combinations(range(len(units)), 2):
        ua, ub = units[a], units[b]
        shared = ua["labels"] & ub["labels"]
        where = "same article" if ua["doc"] == ub["doc"] else "across articles"
        if shared:
            label = min(shared)
            pair = sorted((ua["kinds"][label], ub["kinds"][label]))
            kind = "paraphrase" if "paraphrase" in pair else "+".join(pair)
            gold[f"{kind}, {where}"][0 if pred[a] == pred[b] else 1] += 1
        elif pred[a] == pred[b]:
            if len(ua["labels"]) > 1 or len(ub["labels"]) > 1:
                cause = "multi"
            elif ua["distractor"] or ub["distractor"]:
                cause = "distractor"
            elif ua["labels"] and ub["labels"]:
                cause = "labelled"
            elif ua["labels"] or ub["labels"]:
                cause = "one unlabelled"
            else:
                cause = "unlabelled"
            wrong[f"{cause}, {where}"][0] += 1
    return {"gold": dict(sorted(gold.items())), "wrong": dict(sorted(wrong.items()))}


def group_in_order(
    units: list[dict],
    order: list[int],
    speaker_id: dict[str, int],
    outlet_id: dict[str, int],
    doc_id: dict[str, int],
) -> dict[int, object]:
    """Statement key of each unit in ``order`` (indices into ``units``) when the pure grouper
    gets them in that order, with the gold speakers and cues; the quote ids follow the order,
    speakers, outlets and articles take the given ids."""
    from quotetrack.statements import GroupingParams, QuoteRecord, group
    from quotetrack.statements.grouping import continuations

    qid = {i: n for n, i in enumerate(order, start=1)}
    sid = {i: speaker_id[units[i]["speaker"]] if units[i]["speaker"] else None for i in order}
    cont: dict[int, int] = {}
    by_doc: dict[str, list[int]] = collections.defaultdict(list)
    for i in order:
        by_doc[units[i]["doc"]].append(i)
    for idx in by_doc.values():
        cont.update(
            continuations(
                units[idx[0]]["body"],
                [
                    (qid[i], sid[i], units[i]["type"], units[i]["start"], units[i]["end"])
                    for i in idx
                ],
            )
        )
    recs = [
        QuoteRecord(
            id=qid[i],
            speaker_id=sid[i],
            speaker_kind="person" if sid[i] is not None else None,
            type=units[i]["type"],
            text=units[i]["text"],
            published=units[i]["date"],
            outlet_id=outlet_id[units[i]["outlet"]],
            article_id=doc_id[units[i]["doc"]],
            continues=cont.get(qid[i]),
            cue=units[i]["cue"],
        )
        for i in order
    ]
    key = {a.quote_id: a.statement_key for a in group(recs, GroupingParams())}
    return {i: key[qid[i]] for i in order}


def grouping_only(units: list[dict]) -> list[object]:
    """Statement labels the pure grouper gives the gold quotes (gold speakers and cues), the
    articles arriving by date (undated last); ids are given in order of first appearance."""
    order = sorted(
        range(len(units)),
        key=lambda i: (units[i]["date"] or dt.date.max, units[i]["doc"], units[i]["start"]),
    )
    speakers: dict[str, int] = {}
    outlets: dict[str, int] = {}
    docs: dict[str, int] = {}
    for i in order:
        if units[i]["speaker"]:
            speakers.setdefault(units[i]["speaker"], len(speakers) + 1)
    for i in order:
        outlets.setdefault(units[i]["outlet"], len(outlets) + 1)
        docs.setdefault(units[i]["doc"], len(docs) + 1)
    labels = group_in_order(units, order, speakers, outlets, docs)
    return [labels[i] for i in range(len(units))]


def ingest_pages(docs: dict[str, dict], db_path: str) -> dict[str, int]:
    """Store every page through quotetrack's ingest path; page id -> stored article id."""
    from quotetrack.extract import extract
    from quotetrack.ingest import open_store  # the store with statement grouping wired in
    from quotetrack.types import Article

    ids = list(docs)
    articles = [
        Article(
            text=docs[i]["text"],
            source_path=f"webnews/{i}",
            title=(docs[i].get("meta") or {}).get("title"),
            published=_date(docs[i].get("meta") or {}),
            outlet=(docs[i].get("meta") or {}).get("outlet"),
            url=(docs[i].get("meta") or {}).get("url"),
        )
        for i in ids
    ]
    out: dict[str, int] = {}
    with open_store(db_path) as store:
        for doc_id, art, quotes in zip(ids, articles, extract(a.text for a in articles)):
            res = store.save_article(art, quotes)
            out[doc_id] = res.article_id
    return out


def stored_quotes(db_path: str) -> dict[int, list[tuple[int, int, int | None, int | None]]]:
    """Stored quotes by article: (start, end, statement id, speaker id)."""
    from sqlalchemy import select

    from quotetrack.store import open_store
    from quotetrack.store.models import Quote

    out: dict[int, list[tuple[int, int, int | None, int | None]]] = collections.defaultdict(list)
    with open_store(db_path) as store, store.session() as s:
        for row in s.execute(
            select(Quote.article_id, Quote.start, Quote.end, Quote.statement_id, Quote.speaker_id)
        ):
            out[row[0]].append((row[1], row[2], row[3], row[4]))
    return out


def map_units(
    units: list[dict], article_of: dict[str, int], stored: dict[int, list[tuple]]
) -> list[tuple | None]:
    """For each unit, the stored quote of its page overlapping it most, or None."""
    out: list[tuple | None] = []
    for u in units:
        best, best_ov = None, 0
        for q in stored.get(article_of[u["doc"]], []):
            ov = min(u["end"], q[1]) - max(u["start"], q[0])
            if ov > best_ov:
                best, best_ov = q, ov
        out.append(best)
    return out


def speaker_identity(units: list[dict], mapped: list[tuple | None]) -> dict:
    """People quoted on two or more pages and how many stored speakers each became; stored
    speakers whose quotes carry two or more gold speakers."""
    pages: dict[str, set[str]] = collections.defaultdict(set)
    stored_of: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    people_of: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    for u, m in zip(units, mapped):
        if not u["speaker"]:
            continue
        pages[u["speaker"]].add(u["doc"])
        if m is not None and m[3] is not None:
            stored_of[u["speaker"]][m[3]] += 1
            people_of[m[3]][u["speaker"]] += 1
    multi = sorted(n for n, p in pages.items() if len(p) >= 2)
    split = {n: dict(stored_of[n]) for n in multi if len(stored_of[n]) > 1}
    unfound = [n for n in multi if not stored_of[n]]
    mixed = {sid: dict(c) for sid, c in people_of.items() if len(c) > 1}
    return {
        "people_on_2_pages": len(multi),
        "one_speaker": sum(1 for n in multi if len(stored_of[n]) == 1),
        "split": split,
        "never_attributed": unfound,
        "speakers_holding_two_people": mixed,
    }


def speaker_line(s: dict) -> str:
    """One line of the speaker identity figures."""
    return (
        f"{s['one_speaker']} of {s['people_on_2_pages']} people quoted on >= 2 pages are one "
        f"speaker; split {s['split']}; never attributed {s['never_attributed']}; stored "
        f"speakers holding two people {len(s['speakers_holding_two_people'])} "
        f"{s['speakers_holding_two_people']}"
    )


def end_to_end(docs: dict[str, dict], units: list[dict]) -> tuple[list[object], dict, float]:
    """Ingest the pages into a throw-away database; predicted labels, speaker identity and
    the seconds the ingest took."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "webnews.db")
        t0 = time.perf_counter()
        article_of = ingest_pages(docs, db)
        seconds = time.perf_counter() - t0
        mapped = map_units(units, article_of, stored_quotes(db))
    pred: list[object] = [
        (m[2] if m is not None and m[2] is not None else ("alone", i)) for i, m in enumerate(mapped)
    ]
    return pred, speaker_identity(units, mapped), seconds


def run(only: str | None = None) -> dict | None:
    """All figures for both parts and their union (None when the data is absent)."""
    folder = eval_dir()
    if folder is None or not (folder / "webnews").is_dir():
        return None
    folder = folder / "webnews"
    results: dict = {}
    for part in PARTS:
        docs, gold = load_part(folder, part)
        units = gold_units(docs, gold)
        res: dict = {}
        if only in (None, "grouping"):
            pred = grouping_only(units)
            res["grouping"] = score(units, pred)
            res["grouping"]["breakdown"] = breakdown(units, pred)
        if only in (None, "end-to-end"):
            pred, ident, seconds = end_to_end(docs, units)
            res["end_to_end"] = score(units, pred)
            res["end_to_end"]["ingest_seconds"] = seconds
            res["speakers"] = ident
        results[f"webnews_{part}"] = res
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("grouping", "end-to-end"))
    ap.add_argument("--show", action="store_true", help="list wrong and missed pairs")
    ap.add_argument(
        "--kinds",
        action="store_true",
        help="grouping only: found/missed gold pairs by member kinds, wrong pairs by cause",
    )
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    results = run(args.only)
    if results is None:
        print("note: webnews evaluation data not found; nothing measured", file=sys.stderr)
        return 0
    if args.json:
        strip = {"wrong", "missed"}
        print(
            json.dumps(
                {
                    part: {k: {x: y for x, y in v.items() if x not in strip} for k, v in r.items()}
                    for part, r in results.items()
                },
                indent=2,
                default=str,
            )
        )
        return 0
    print(
        f"{'set':<12} {'measure':<11} {'quotes':>6} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6}"
    )
    for part, r in results.items():
        for measure in ("grouping", "end_to_end"):
            if measure not in r:
                continue
            m = r[measure]
            print(
                f"{part:<12} {measure:<11} {m['quotes']:>6} {m['gold_pairs']:>6} "
                f"{m['predicted_pairs']:>6} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}"
            )
    if args.kinds:
        for part, r in results.items():
            if "grouping" not in r:
                continue
            bd = r["grouping"]["breakdown"]
            for key, (found, missed) in bd["gold"].items():
                print(f"{part:<12} gold  {key:<45} found {found:>4} missed {missed:>4}")
            for key, (n,) in bd["wrong"].items():
                print(f"{part:<12} wrong {key:<45} {n:>4}")
    for part, r in results.items():
        if "speakers" in r:
            print(f"{part:<12} speakers: {speaker_line(r['speakers'])}")
    if args.show:
        for part, r in results.items():
            for measure in ("grouping", "end_to_end"):
                if measure not in r:
                    continue
                for label, pairs in (
                    ("WRONG", r[measure]["wrong"]),
                    ("MISSED", r[measure]["missed"]),
                ):
                    for a, b in pairs:
                        print(
                            f"[{part} {measure}] {label} {a['speaker']} / {b['speaker']} "
                            f"{sorted(a['labels'])} {sorted(b['labels'])}\n"
                            f"  {a['doc']} {a['date']} {a['type']}: {a['text'][:150]}\n"
                            f"  {b['doc']} {b['date']} {b['type']}: {b['text'][:150]}"
                        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
