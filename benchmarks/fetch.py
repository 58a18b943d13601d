#!/usr/bin/env python3
"""Fetching is not the bottleneck: pages/s ingested from a local web server at 1, 4 and 16
concurrent fetches, beside file ingest of the same pages, in the same run.

The pages are HTML versions of the sample articles (N copies of each, every copy different
so none dedupes), written to a folder and served from it by a threaded HTTP server on
127.0.0.1. Each measurement ingests all pages into a fresh database, timing the whole path
(fetch or read -> extract -> detect -> attribute -> store -> group); "fetch only" times the
fetching and HTML extraction alone. Politeness is set for a local server (no delay between
requests; the per-host cap equals the concurrency), since the point is the machinery's cost,
not a site's rate limit. The target: URL ingest at 16 >= 0.9x file ingest.

    python benchmarks/fetch.py --copies 12
"""

from __future__ import annotations

import argparse
import contextlib
import html
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_pages(dest: Path, copies: int) -> list[str]:
    """HTML pages of the sample articles; returns their file names."""
    from quotetrack.ingest import read_all

    names: list[str] = []
    for article in read_all([ROOT / "samples"]):
        paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
        for i in range(copies):
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            body += f"<p>Copy {i} of this article, written for the fetching benchmark.</p>"
            title = html.escape(article.title or "Untitled")
            date = f'<meta property="article:published_time" content="{article.published}">'
            page = (
                f"<html><head><title>{title}</title>{date if article.published else ''}</head>"
                f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}"
                "</article></body></html>"
            )
            name = f"{Path(article.source).stem}-{i:04d}.html"
            (dest / name).write_text(page, encoding="utf-8")
            names.append(name)
    return names


class QuietHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    # The headers and the body go out in separate writes: with Nagle's algorithm the body
    # waits for the client's delayed ACK (40 ms on Linux), a cost of this server, not of
    # fetching.
    disable_nagle_algorithm = True

    def log_message(self, *args) -> None:
        pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=12, help="copies of each sample (default 12)")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement (default 3)")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()

    from quotetrack.ingest import (
        IngestSummary,
        ingest_articles,
        long_run_collector,
        open_store,
        read_all,
    )
    from quotetrack.nlp import load
    from quotetrack.read.fetch import Fetcher, FetchError, FetchPolicy, fetch_pages
    from quotetrack.sources import Sources, ingest_sources

    load(args.model)  # model loading is a one-off cost, outside every timed region
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        names = write_pages(pages, args.copies)
        n = len(names)
        # A listen backlog of 5 (the default) drops connections opened at once by 16
        # threads, which then wait a second for the SYN to be resent.
        ThreadingHTTPServer.request_queue_size = 128
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=pages))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        urls = [base + name for name in names]
        print(f"{n} pages, model loaded; server {base}")

        def fresh_store(label: str):
            return open_store(str(Path(tmp) / f"{label}.db"))

        def file_ingest(label: str) -> float:
            """Read the saved pages, then parse and store them."""
            store = fresh_store(label)
            summary = IngestSummary()
            t0 = time.perf_counter()
            with long_run_collector():
                ingest_articles(read_all([pages]), store, model=args.model, summary=summary)
            seconds = time.perf_counter() - t0
            assert summary.new == n, summary.line()
            return seconds

        # Warm up (lazy lexicons and caches fill on first use) outside the timed runs.
        ingest_articles(read_all([pages / names[0]]), fresh_store("warm"), model=args.model)
        # The machine's speed drifts (other work shares it): every measurement is repeated,
        # interleaved with the others, and the median kept.
        times: dict[tuple[str, int], list[float]] = {}
        for rep in range(args.repeat):
            times.setdefault(("file ingest", 0), []).append(file_ingest(f"files-{rep}"))
            for concurrency in args.concurrency:
                policy = FetchPolicy(
                    host_delay=0.0,
                    host_concurrency=concurrency,
                    concurrency=concurrency,
                    timeout=30,
                )
                with Fetcher(policy) as fetcher:
                    t0 = time.perf_counter()
                    results = list(fetch_pages(urls, fetcher))
                    t_fetch = time.perf_counter() - t0
                failed = [u for u, r in results if isinstance(r, FetchError)]
                assert not failed, failed[:3]
                times.setdefault(("fetch only (no parsing)", concurrency), []).append(t_fetch)

                store = fresh_store(f"urls-{concurrency}-{rep}")
                t0 = time.perf_counter()
                with long_run_collector():
                    summary, stats = ingest_sources(
                        Sources(urls=urls, policy=policy), store, model=args.model
                    )
                t_urls = time.perf_counter() - t0
                assert summary.new == n and stats.fetched == n, (summary.line(), stats.line())
                times.setdefault(("URL ingest", concurrency), []).append(t_urls)
        with contextlib.suppress(Exception):
            server.shutdown()

    rows = [(label, c, statistics.median(ts)) for (label, c), ts in times.items()]
    t_files = statistics.median(times[("file ingest", 0)])
    print(f"{'':28}{'concurrency':>12}{'pages/s':>10}{'seconds':>10}{'vs files':>10}")
    print(f"(medians of {args.repeat} interleaved runs; vs files: file ingest time / this time)")
    for label, concurrency, seconds in rows:
        ratio = t_files / seconds
        print(f"{label:28}{concurrency or '-':>12}{n / seconds:10.1f}{seconds:10.2f}{ratio:9.2f}x")
    best = [s for label, c, s in rows if label == "URL ingest" and c == max(args.concurrency)]
    if best:
        ratio = t_files / best[0]
        verdict = "met" if ratio >= 0.9 else "NOT met"
        print(
            f"URL ingest at {max(args.concurrency)} / file ingest: {ratio:.2f}x (target 0.9x: {verdict})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
