#!/usr/bin/env python3
"""Speaker resolution accuracy of quotetrack.attribute on PolNeAR (gold mentions in, names out).

For every gold quote the gold source span (``speaker_spans[0]``) is handed to
:func:`quotetrack.attribute.resolve_speakers` as the quote's mention; the resolved speaker name
is then compared with the gold speaker by the shared scorer's name rule (``last_name_token``;
a null gold speaker wants a null or unnamed prediction). The span-overlap half of the scorer's
``speaker_right`` is left out on purpose: the mention we pass in *is* the gold span, so it
would always fire. Figures are split by the gold ``speaker_resolution`` (span, coref,
nearest-named-source, unnamed, ...); see the caveats in polnear/README.md about gold names that
were resolved automatically.

Usage (from the repository root):
    python benchmarks/speakers.py                  # dev split
    python benchmarks/speakers.py --split test     # final numbers only
    python benchmarks/speakers.py --errors 30      # also print 30 wrong resolutions
    python benchmarks/speakers.py --dataset german_wikinews   # English resolver on German text
    python benchmarks/speakers.py --long 30        # also time one 30-article document
    python benchmarks/speakers.py --webnews        # webnews speaker identity, case by case

The evaluation data is read from ``$QUOTETRACK_EVAL`` or ../shared/eval next to the repository; when it is absent the
script says so and exits 0. Parsed documents are cached as a spaCy DocBin (``--cache``), so
repeated runs only pay for resolution.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("QUOTETRACK_EVAL") or ROOT.parent / "shared" / "eval")
sys.path.insert(0, str(ROOT))


def load_scorer(eval_dir: Path):
    """Import the shared scorer module (score.py) from the evaluation folder."""
    spec = importlib.util.spec_from_file_location("quotetrack_eval_score", eval_dir / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parsed_docs(nlp, texts: list[str], cache_dir: Path, tag: str):
    """Parse ``texts`` once and cache them as a DocBin keyed by model, texts and spaCy version."""
    import spacy
    from spacy.tokens import DocBin

    fingerprint = (
        "\0".join(texts)
        + nlp.meta["name"]
        + nlp.meta["version"]
        + spacy.__version__
        + ",".join(nlp.pipe_names)
    )
    digest = hashlib.sha1(fingerprint.encode()).hexdigest()[:16]
    path = cache_dir / f"speakers-{tag}-{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab)), 0.0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=8))
    elapsed = time.perf_counter() - t0
    cache_dir.mkdir(parents=True, exist_ok=True)
    DocBin(
        attrs=["ORTH", "TAG", "POS", "HEAD", "DEP", "LEMMA", "SENT_START", "MORPH"], docs=docs
    ).to_disk(path)
    return docs, elapsed


def name_right(scorer, gold_name: str | None, pred_name: str | None) -> bool:
    """The scorer's name rule: same last-name token, or both unnamed."""
    if gold_name is None or not str(gold_name).strip():
        return scorer.is_unnamed(pred_name)
    if pred_name is None:
        return False
    gl = scorer.last_name_token(str(gold_name))
    return gl is not None and gl == scorer.last_name_token(str(pred_name))


def run_split(split: str, args, nlp, scorer, eval_dir: Path) -> None:
    """Resolve the gold mentions of one split and print the name accuracy table."""
    from quotetrack.attribute.resolve import resolve_speakers
    from quotetrack.types import Quote

    path = eval_dir / args.dataset / f"{split}.jsonl"
    gold_docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if args.limit:
        gold_docs = gold_docs[: args.limit]
    docs, parse_s = parsed_docs(
        nlp, [d["text"] for d in gold_docs], Path(args.cache), f"{args.dataset}-{split}"
    )
    totals: dict[str, Counter] = defaultdict(Counter)
    errors: list[str] = []
    resolve_s = 0.0
    n_quotes = 0
    for gd, doc in zip(gold_docs, docs):
        quotes = []
        for g in gd["quotes"]:
            spans = g.get("speaker_spans") or []
            ms, me = (spans[0][0], spans[0][1]) if spans else (None, None)
            quotes.append(
                Quote(
                    type=g["type"],
                    start=g["start"],
                    end=g["end"],
                    cue=g.get("cue"),
                    mention_start=ms,
                    mention_end=me,
                )
            )
        t0 = time.perf_counter()
        resolve_speakers(doc, quotes)
        resolve_s += time.perf_counter() - t0
        n_quotes += len(quotes)
        for g, q in zip(gd["quotes"], quotes):
            pred_name = q.speaker if q.speaker_kind != "anonymous" else None
            ok = name_right(scorer, g.get("speaker"), pred_name)
            kept_first = (
                not q.speaker_spans
                or not g.get("speaker_spans")
                or list(q.speaker_spans[0]) == list(g["speaker_spans"][0])
            )
            for bucket in (
                g.get("speaker_resolution") or "?",
                "all",
                "named gold" if g.get("speaker") else "null gold",
            ):
                totals[bucket]["n"] += 1
                totals[bucket]["right"] += ok
                totals[bucket]["mention_first"] += kept_first
            if not ok:
                errors.append(
                    f"{gd['id']} [{g.get('speaker_resolution')}] source={g.get('source_text')!r} "
                    f"gold={g.get('speaker')!r} pred={pred_name!r} kind={q.speaker_kind} desc={q.speaker_description!r}"
                )
    print(
        f"\n{args.dataset} {split}: {len(gold_docs)} documents, {n_quotes} gold quotes (gold source span as mention)"
    )
    if parse_s:
        print(f"parse (not cached yet): {parse_s:.1f} s")
    print(
        f"resolve_speakers: {resolve_s:.2f} s total, {1000 * resolve_s / max(1, len(gold_docs)):.1f} ms/document"
    )
    print(f"{'gold speaker_resolution':26}{'quotes':>8}{'name right':>12}{'share':>9}")
    order = [
        "span",
        "coref",
        "relative-clause",
        "nearest-named-source",
        "span-text",
        "unnamed",
        "no-source",
    ]
    order += [
        "nearest-speaker",
        "unresolved-pronoun",
        "no-speaker",
        "named gold",
        "null gold",
        "all",
    ]
    for bucket in order + sorted(set(totals) - set(order)):
        c = totals.get(bucket)
        if not c:
            continue
        print(f"{bucket:26}{c['n']:>8}{c['right']:>12}{100 * c['right'] / c['n']:>8.1f}%")
    all_c = totals["all"]
    print(f"own mention kept first in speaker_spans: {all_c['mention_first']}/{all_c['n']}")
    if args.errors and errors:
        random.Random(0).shuffle(errors)
        print(f"\n{args.errors} of {len(errors)} wrong names:")
        for line in errors[: args.errors]:
            print("  " + line)


def run_long(split: str, args, nlp, eval_dir: Path) -> None:
    """Time resolution on one long document: the first ``args.long`` articles joined."""
    from spacy.tokens import Doc

    from quotetrack.attribute.resolve import resolve_speakers
    from quotetrack.types import Quote

    path = eval_dir / args.dataset / f"{split}.jsonl"
    gold_docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()][
        : args.long
    ]
    docs, _ = parsed_docs(
        nlp,
        [d["text"] for d in gold_docs],
        Path(args.cache),
        f"{args.dataset}-{split}-long{args.long}",
    )
    joined = Doc.from_docs(docs)
    quotes: list[Quote] = []
    offset = 0
    for gd, doc in zip(gold_docs, docs):
        for g in gd["quotes"]:
            spans = g.get("speaker_spans") or []
            if spans:
                quotes.append(
                    Quote(
                        type=g["type"],
                        start=g["start"] + offset,
                        end=g["end"] + offset,
                        mention_start=spans[0][0] + offset,
                        mention_end=spans[0][1] + offset,
                    )
                )
        offset += len(doc.text) + (0 if doc[-1].whitespace_ else 1)  # Doc.from_docs adds a space
    resolve_speakers(Doc.from_docs(docs[:1]), [])  # load the name tables before timing
    t0 = time.perf_counter()
    resolve_speakers(joined, quotes)
    elapsed = time.perf_counter() - t0
    print(
        f"\none document of {len(joined)} tokens ({len(docs)} articles joined), {len(quotes)} quotes: "
        f"resolve_speakers {elapsed:.2f} s"
    )


def run_webnews(eval_dir: Path) -> None:
    """Speaker identity on the webnews pages, person by person: for every gold speaker
    quoted on two or more pages whose quotes went to several stored speakers, and for every
    stored speaker holding two gold speakers, the stored speakers (id, kind, name) with the
    page and the detected mention of each quote that went astray (the speaker the most of a
    person's quotes reached is taken as theirs). For finding causes; the figures are those
    of benchmarks/webnews.py."""
    import collections
    import tempfile

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import webnews as wn
    from sqlalchemy import select

    from quotetrack.store import open_store
    from quotetrack.store.models import Quote as QuoteRow
    from quotetrack.store.models import Speaker

    folder = eval_dir / "webnews"
    if not folder.is_dir():
        print(f"webnews data not found at {folder}: nothing to measure (skipped)")
        return
    for part in wn.PARTS:
        docs, gold = wn.load_part(folder, part)
        units = wn.gold_units(docs, gold)
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "webnews.db")
            article_of = wn.ingest_pages(docs, db)
            stored: dict[int, list[tuple]] = collections.defaultdict(list)
            with open_store(db) as store, store.session() as session:
                names = {
                    r[0]: (r[1], r[2])
                    for r in session.execute(select(Speaker.id, Speaker.kind, Speaker.name))
                }
                for r in session.execute(
                    select(
                        QuoteRow.article_id,
                        QuoteRow.start,
                        QuoteRow.end,
                        QuoteRow.statement_id,
                        QuoteRow.speaker_id,
                        QuoteRow.mention,
                    )
                ):
                    stored[r[0]].append(tuple(r)[1:])
        mapped = wn.map_units(units, article_of, stored)
        ident = wn.speaker_identity(units, mapped)
        print(f"\nwebnews {part}: {wn.speaker_line(ident)}")
        people_of: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
        speakers_of: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for u, m in zip(units, mapped):
            if u["speaker"] and m is not None and m[3] is not None:
                people_of[m[3]][u["speaker"]] += 1
                speakers_of[u["speaker"]][m[3]] += 1
        involved = set(ident["split"]) | {
            p for c in ident["speakers_holding_two_people"].values() for p in c
        }
        for person in sorted(involved):
            own = speakers_of[person].most_common(1)[0][0]
            print(f"  {person}: mostly speaker {own} {names.get(own)}")
            for u, m in zip(units, mapped):
                if u["speaker"] != person or m is None or m[3] is None:
                    continue
                theirs = people_of[m[3]].most_common(1)[0][0]
                if m[3] != own or theirs != person:
                    print(
                        f"    {u['doc']} {u['type']:<8} -> speaker {m[3]} {names.get(m[3])}"
                        f" (mention {m[4]!r})"
                    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["dev", "test", "both"], default="dev")
    ap.add_argument(
        "--dataset",
        choices=["polnear", "german_wikinews"],
        default="polnear",
        help="german_wikinews only shows that the English resolver degrades gracefully",
    )
    ap.add_argument("--limit", type=int, default=0, help="first N documents only")
    ap.add_argument("--errors", type=int, default=0, help="print N wrong resolutions (dev work)")
    ap.add_argument("--cache", default="/tmp/quotetrack-bench-cache", help="DocBin cache folder")
    ap.add_argument("--eval", default=str(EVAL), help="evaluation folder (default ../shared/eval)")
    ap.add_argument(
        "--long", type=int, default=0, help="also time one document made of the first N articles"
    )
    ap.add_argument(
        "--webnews",
        action="store_true",
        help="instead: speaker identity on the webnews pages, with every quote gone astray",
    )
    args = ap.parse_args(argv)
    eval_dir = Path(args.eval)
    if args.webnews:
        run_webnews(eval_dir)
        return 0
    if not (eval_dir / args.dataset / "dev.jsonl").exists() or not (eval_dir / "score.py").exists():
        print(
            f"evaluation data not found at {eval_dir}/{args.dataset}: nothing to measure (skipped)"
        )
        return 0
    from quotetrack.nlp import load_base

    scorer = load_scorer(eval_dir)
    nlp = load_base()
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    for split in splits:
        run_split(split, args, nlp, scorer, eval_dir)
        if args.long:
            run_long(split, args, nlp, eval_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
