#!/usr/bin/env python3
"""Scaling: ingest throughput with 1 and 2 local processes and on a 2-worker Dask cluster,
into SQLite and into PostgreSQL, with scaling efficiency.

Each configuration ingests the same articles into a fresh database (read → detect → attribute
→ store → group, one transaction per article) and prints articles/s, words/s, the speed-up
over one process and the scaling efficiency (speed-up / processes). Pipelines and clusters are
loaded before the clock starts: the figures are steady-state throughput.

Articles: the PolNeAR dev documents from the evaluation data (../shared/eval, read in place,
never copied) when present, else variants of the sample articles.

    python benchmarks/scaling.py                        # SQLite, and PostgreSQL if configured
    python benchmarks/scaling.py --articles 40 --pg postgresql://user:pw@localhost/postgres
    QUOTETRACK_TEST_PG=postgresql://… python benchmarks/scaling.py --backends postgresql

The PostgreSQL URL (``--pg`` or ``$QUOTETRACK_TEST_PG``) must name a role that may create
databases; the benchmark creates and drops its own.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL_DOCS = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"


def load_articles(limit: int, workdir: Path):
    """(articles, where they came from): PolNeAR dev documents, else sample variants."""
    from quotetrack.ingest import read_all

    if EVAL_DOCS.exists():
        articles = read_all([EVAL_DOCS])[:limit]
        return articles, f"{EVAL_DOCS} (first {len(articles)} documents)"
    samples = [p for p in sorted((ROOT / "samples").glob("*.md"))]
    for i in range(-(-limit // max(1, len(samples)))):
        for src in samples:
            body = src.read_text(encoding="utf-8").rstrip("\n")
            (workdir / f"{src.stem}-{i:03d}.md").write_text(
                f"{body}\n\nVariant {i} of this article for the scaling benchmark.\n",
                encoding="utf-8",
            )
    articles = read_all([workdir])[:limit]
    return articles, f"{len(articles)} variants of the sample articles"


class Backend:
    """Fresh databases of one kind, one per configuration."""

    def __init__(self, kind: str, workdir: Path, pg_url: str | None):
        self.kind, self.workdir, self.pg_url = kind, workdir, pg_url
        self.created: list[str] = []

    def new(self, label: str) -> str:
        if self.kind == "sqlite":
            return str(self.workdir / f"{label}.db")
        from quotetrack.store import postgres

        name = f"qt_bench_{os.getpid()}_{label}"
        postgres.drop_and_create(self.pg_url, [name])
        self.created.append(name)
        return postgres.with_database(self.pg_url, name)

    def size(self, store) -> int:
        """Bytes on disk of the database behind ``store`` (SQLite: after a WAL checkpoint)."""
        if self.kind == "sqlite":
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return Path(store.path).stat().st_size
        with store.session() as s:
            from sqlalchemy import text

            return int(s.scalar(text("SELECT pg_database_size(current_database())")))

    def drop_all(self) -> None:
        if self.created:
            from quotetrack.store import postgres

            postgres.drop_databases(self.pg_url, self.created)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the --jobs pool workers)."""
    gc.collect()  # a finished extract() generator closes its pool, so its workers are reaped
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_local(articles, store, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one local ingest."""
    from quotetrack.ingest import ingest_articles
    from quotetrack.report import ingest_line

    cpu, t = cpu_seconds(), time.perf_counter()
    summary = ingest_articles(articles, store, jobs=jobs)
    elapsed = time.perf_counter() - t
    assert summary.ok and summary.new == len(articles), ingest_line(summary.report())
    return elapsed, cpu_seconds() - cpu


def run_dask(articles, store, client, batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the client and the workers) of one Dask ingest."""
    from quotetrack.distributed import ingest_on_dask
    from quotetrack.report import ingest_line

    workers_cpu = client.run(time.process_time)
    cpu, t = cpu_seconds(), time.perf_counter()
    summary = ingest_on_dask(articles, store, client, batch_size=batch_size)
    elapsed = time.perf_counter() - t
    assert summary.ok and summary.new == len(articles), ingest_line(summary.report())
    used = cpu_seconds() - cpu
    used += sum(v - workers_cpu.get(w, 0.0) for w, v in client.run(time.process_time).items())
    return elapsed, used


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=60, help="articles per run (default 60)")
    ap.add_argument(
        "--backends",
        default="sqlite,postgresql",
        help="comma-separated: sqlite, postgresql (default both)",
    )
    ap.add_argument(
        "--pg",
        default=os.environ.get("QUOTETRACK_TEST_PG"),
        help="PostgreSQL server URL (default $QUOTETRACK_TEST_PG)",
    )
    ap.add_argument("--batch-size", type=int, default=4, help="articles per Dask task")
    args = ap.parse_args()

    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "postgresql" in backends and not args.pg:
        print("PostgreSQL skipped: no --pg URL and no $QUOTETRACK_TEST_PG")
        backends.remove("postgresql")
    try:
        from quotetrack.distributed import connect

        have_dask = True
    except ImportError:  # pragma: no cover
        have_dask = False

    from quotetrack.nlp import load

    with tempfile.TemporaryDirectory(prefix="qt-scaling-") as tmp:
        workdir = Path(tmp)
        (workdir / "variants").mkdir()
        articles, origin = load_articles(args.articles, workdir / "variants")
        words = sum(len(a.text.split()) for a in articles)
        load()(articles[0].text[:2000])  # pipeline loaded and warm before any clock starts
        print(f"articles: {origin}; {len(articles)} articles, {words} words")
        print(
            f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
            "(other processes share them: compare ratios)\n"
        )

        results: list[tuple[str, str, int, float, float, int]] = []
        client_cm = connect("local:2") if have_dask else None
        client = client_cm.__enter__() if client_cm else None
        try:
            for kind in backends:
                backend = Backend(kind, workdir, args.pg)
                try:
                    from quotetrack.ingest import open_store

                    configs = [
                        ("1 process (--jobs 1)", 1, None),
                        ("2 processes (--jobs 2)", 2, None),
                    ]
                    if client is not None:
                        configs.append(("Dask LocalCluster, 2 workers", 2, "dask"))
                    for label, n, how in configs:
                        with open_store(backend.new(f"{kind}_{n}_{how or 'local'}")) as store:
                            empty = backend.size(store)
                            if how == "dask":
                                elapsed, cpu = run_dask(articles, store, client, args.batch_size)
                            else:
                                elapsed, cpu = run_local(articles, store, n)
                            results.append(
                                (kind, label, n, elapsed, cpu, backend.size(store) - empty)
                            )
                finally:
                    backend.drop_all()
        finally:
            if client_cm:
                client_cm.__exit__(None, None, None)

        print(
            f"{'database':<11} {'configuration':<30} {'art/s':>7} {'words/s':>8} "
            f"{'speed-up':>8} {'efficiency':>10} {'CPU s/article':>13} "
            f"{'DB growth/article':>18}"
        )
        base: dict[str, float] = {}
        for kind, label, n, elapsed, cpu, size in results:
            rate = len(articles) / elapsed
            base.setdefault(kind, rate)
            speedup = rate / base[kind]
            print(
                f"{kind:<11} {label:<30} {rate:7.2f} {words / elapsed:8.0f} "
                f"{speedup:8.2f} {speedup / n:10.0%} {cpu / len(articles):13.3f} "
                f"{size / len(articles):16,.0f} B"
            )
        print(
            f"\nload average now {os.getloadavg()[0]:.2f}; efficiency = speed-up / processes. "
            "CPU s/article counts every process involved (client, pool, Dask workers)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
