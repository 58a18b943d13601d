#!/usr/bin/env python3
"""Ingest throughput: N copies of the sample articles into a fresh database.

Prints articles/s and words/s for the whole ingest path (read → detect → attribute → store →
group) beside plain spaCy ``nlp.pipe`` with the full stock pipeline over the same texts, measured
in the same run (machines are noisy: compare the ratio, not the absolute figures).

    python benchmarks/ingest.py --copies 20 --jobs 1
    python benchmarks/ingest.py --copies 40 --jobs 2
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_copies(samples: Path, dest: Path, copies: int) -> None:
    """Write ``copies`` variants of every sample; each differs by one line so none dedupes."""
    for src in sorted(samples.glob("*.*")):
        if src.name.lower() == "readme.md":
            continue
        body = src.read_text(encoding="utf-8")
        for i in range(copies):
            (dest / f"{src.stem}-{i:04d}{src.suffix}").write_text(
                body.rstrip("\n") + f"\n\nCopy {i} of this article for the benchmark.\n",
                encoding="utf-8",
            )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of each sample (default 20)")
    ap.add_argument("--jobs", type=int, default=1, help="processes for quotetrack (default 1)")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: quotetrack's choice)")
    ap.add_argument(
        "--default-gc",
        action="store_true",
        help="ingest with CPython's default collector thresholds instead of those "
        "quotetrack ingest sets",
    )
    args = ap.parse_args()

    import spacy

    from quotetrack.ingest import (
        IngestSummary,
        ingest_articles,
        long_run_collector,
        open_store,
        read_all,
    )
    from quotetrack.nlp import choose_model
    from quotetrack.report import ingest_line

    model = choose_model(args.model)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles"
        src.mkdir()
        make_copies(ROOT / "samples", src, args.copies)
        articles = read_all([src])
        for i, a in enumerate(articles):
            if a.url:  # the same url means the same article: give each copy its own
                a.url = f"{a.url}#copy-{i}"
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        print(f"{len(texts)} articles, {words} words; model {model}; jobs {args.jobs}")

        # Warm both pipelines up outside the timed region (model loading is a one-off cost).
        full = spacy.load(model)
        list(full.pipe(texts[:5]))
        t0 = time.perf_counter()
        for _ in full.pipe(texts, batch_size=32):
            pass
        t_spacy = time.perf_counter() - t0

        from quotetrack.nlp import load

        load(args.model)  # the in-process pipeline is cached; workers load their own
        store = open_store(str(Path(tmp) / "bench.db"))
        summary = IngestSummary()
        # The collector runs as in `quotetrack ingest` unless --default-gc.
        collector = contextlib.nullcontext() if args.default_gc else long_run_collector()
        t0 = time.perf_counter()
        with collector:
            ingest_articles(articles, store, model=args.model, jobs=args.jobs, summary=summary)
        t_ingest = time.perf_counter() - t0
        assert summary.new == len(texts), ingest_line(summary.report())

    print(f"{'':34}{'articles/s':>12}{'words/s':>12}{'seconds':>10}")
    print(
        f"{'plain spaCy nlp.pipe (full, 1 proc)':34}{len(texts) / t_spacy:12.1f}"
        f"{words / t_spacy:12.0f}{t_spacy:10.2f}"
    )
    print(
        f"{f'quotetrack ingest (jobs={args.jobs})':34}{len(texts) / t_ingest:12.1f}"
        f"{words / t_ingest:12.0f}{t_ingest:10.2f}"
    )
    print(
        f"ratio ingest / plain spaCy: {t_spacy / t_ingest:.2f}x  ({ingest_line(summary.report())})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
