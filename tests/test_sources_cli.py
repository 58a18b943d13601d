"""`quotetrack ingest URL…/--urls/--feed`, web archives and tables, and `quotetrack watch`,
end to end against a local web site (the real pipeline and an SQLite database)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_web import LocalSite, Response, article_html

from quotetrack.cli import cli
from quotetrack.ingest import open_store
from quotetrack.read.fetch import FetchPolicy
from quotetrack.sources import watch_feeds

# Fast politeness for a local site: no pause between requests, short waits.
QUICK = ["--delay", "0", "--timeout", "2", "--retries", "1"]

STORIES = {
    "/news/bridge.html": (
        "Bridge to reopen",
        [
            '"We will reopen the bridge before the winter," the mayor, Jane Doe, said on Monday.',
            "Engineers said the repairs to the old steel span would take at least six more weeks.",
        ],
    ),
    "/news/harbour.html": (
        "Harbour stays open",
        [
            '"The harbour will stay open through the storm," the port director, Tom Reyes, said.',
            "Ferries were cancelled for the afternoon, and boats were asked to stay moored.",
        ],
    ),
    "/news/school.html": (
        "School term starts late",
        [
            '"Every classroom needs a working heater first," the head teacher, Ann Park, said.',
            "The council said new boilers had been ordered for all four of the town's schools.",
        ],
    ),
}


def rss(site: LocalSite, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{STORIES.get(p, ('Gone',))[0]}</title><link>{site.url(p)}</link><guid>{p}</guid>"
        "<pubDate>Tue, 06 Feb 2024 10:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Town News</title>{items}'
        "</channel></rss>"
    ).encode()


@pytest.fixture
def site():
    with LocalSite() as local:
        local.routes["/robots.txt"] = Response(
            body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        for path, (title, paragraphs) in STORIES.items():
            local.routes[path] = Response(body=article_html(title, paragraphs, date="2024-02-05"))
        yield local


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchall()


def test_ingest_urls_stores_each_page_with_its_url_and_fetch_time(tmp_path, site, nlp):
    db = tmp_path / "q.db"
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# from a search\n{site.url('/news/harbour.html')}\n\n{site.url('/private/x.html')}\n"
        "not a url\n",
        encoding="utf-8",
    )
    result = run(
        db,
        "ingest",
        *QUICK,
        site.url("/news/bridge.html"),
        site.url("/gone.html"),
        "--urls",
        str(listing),
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert sorted(errors) == sorted(
        [
            f"Error: {site.url('/gone.html')}: HTTP 404 Not Found",
            f"Error: {site.url('/private/x.html')}: disallowed by robots.txt",
            f"Error: {listing}:5: not an http(s) URL: not a url",
        ]
    )
    stored = rows(db, "SELECT url, fetched_at, title FROM articles ORDER BY url")
    assert [(u, t) for u, _, t in stored] == [
        (site.url("/news/bridge.html"), "Bridge to reopen"),
        (site.url("/news/harbour.html"), "Harbour stays open"),
    ]
    assert all(fetched for _, fetched, _ in stored)
    quoted = rows(db, "SELECT url FROM quote_view WHERE type = 'direct' GROUP BY url ORDER BY url")
    assert quoted == [(u,) for u, _, _ in stored]
    assert "2 pages fetched, 2 failed, 0 already stored" in result.output

    # A second run fetches nothing already stored; --refresh fetches it again.
    again = run(db, "ingest", *QUICK, site.url("/news/bridge.html"))
    assert again.exit_code == 0 and site.hits("/news/bridge.html") == 1
    assert "1 already stored (not fetched again)" in again.output
    refreshed = run(db, "ingest", *QUICK, "--refresh", site.url("/news/bridge.html"))
    assert refreshed.exit_code == 0 and site.hits("/news/bridge.html") == 2
    assert "1 unchanged" in refreshed.output


def test_a_csv_list_of_urls_is_fetched_from_its_url_column(tmp_path, site, nlp):
    db = tmp_path / "q.db"
    listing = tmp_path / "search.csv"
    listing.write_text(
        f"title,url\nBridge,{site.url('/news/bridge.html')}\nSchool,{site.url('/news/school.html')}\n",
        encoding="utf-8",
    )
    result = run(db, "ingest", *QUICK, "--json", "--urls", str(listing))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["new"], summary["fetched"], summary["failed"]) == (2, 2, 0)


def test_ingest_feed_fetches_the_pages_its_entries_link(tmp_path, site, nlp):
    db = tmp_path / "q.db"
    site.routes["/rss.xml"] = Response(
        body=rss(site, ["/news/bridge.html", "/news/school.html"]),
        content_type="application/rss+xml",
    )
    # A page that gives no date of its own takes its feed entry's.
    title, paragraphs = STORIES["/news/school.html"]
    site.routes["/news/school.html"] = Response(body=article_html(title, paragraphs))
    result = run(db, "ingest", *QUICK, "--feed", site.url("/rss.xml"))
    assert result.exit_code == 0, result.output
    assert rows(
        db,
        "SELECT url, published, json_extract(provenance, '$.published') FROM articles ORDER BY url",
    ) == [
        (site.url("/news/bridge.html"), "2024-02-05", "html_meta"),
        (site.url("/news/school.html"), "2024-02-06", "feed"),
    ]
    down = run(db, "ingest", *QUICK, "--feed", site.url("/missing.xml"))
    assert down.exit_code == 1
    assert f"{site.url('/missing.xml')}: feed unavailable: HTTP 404 Not Found" in down.output


def test_max_mb_limits_fetched_pages(tmp_path, site, nlp):
    site.routes["/long.html"] = Response(body=article_html("Long", ["word " * 400_000]))
    result = run(db := tmp_path / "q.db", "ingest", *QUICK, "--max-mb", "1", site.url("/long.html"))
    assert result.exit_code == 1
    assert f"Error: {site.url('/long.html')}: larger than 1 MB (2 MB)" in result.output
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]


def test_web_archives_and_tables_ingest_with_a_count_of_skipped_records(tmp_path, nlp):
    from test_sources_files import ARCHIVE, MEDIA_CLOUD, write_table, write_warc

    db = tmp_path / "q.db"
    write_warc(tmp_path / "crawl.warc.gz", ARCHIVE, gzip=True)
    write_table(tmp_path / "export.csv", MEDIA_CLOUD[:2])
    result = run(db, "ingest", str(tmp_path / "crawl.warc.gz"), str(tmp_path / "export.csv"))
    assert result.exit_code == 1  # the archive's page without text
    assert (
        "2 new" in result.output and "5 archive records without an article skipped" in result.output
    )
    assert rows(db, "SELECT url, fetched_at FROM articles ORDER BY url") == [
        ("https://a.example/1", None),
        ("https://news.example.com/harbour", "2024-05-06 07:08:09.000000"),
    ]


def test_table_columns_are_named_on_the_command_line(tmp_path, nlp):
    from test_sources_files import STORY, write_table

    db = tmp_path / "q.db"
    write_table(tmp_path / "mine.tsv", [["story", "day"], [" ".join(STORY), "2024-01-09"]], "\t")
    result = run(
        db, "ingest", "--text-field", "story", "--date-field", "day", str(tmp_path / "mine.tsv")
    )
    assert result.exit_code == 0, result.output
    assert rows(db, "SELECT published FROM articles") == [("2024-01-09",)]


def test_watch_stores_only_new_entries_and_survives_a_feed_that_is_down(tmp_path, site, nlp):
    db = tmp_path / "q.db"
    feed = {"paths": ["/news/bridge.html"]}

    def serve_feed(headers):
        body = rss(site, feed["paths"])
        etag = f'"{len(feed["paths"])}"'
        if headers.get("if-none-match") == etag:
            return Response(304, b"", None, headers={"ETag": etag})
        return Response(body=body, content_type="application/rss+xml", headers={"ETag": etag})

    site.routes["/rss.xml"] = serve_feed
    site.routes["/down.xml"] = Response(503, b"", "text/plain")
    args = ["watch", "--once", *QUICK, site.url("/rss.xml"), site.url("/down.xml")]

    first = run(db, *args)
    assert first.exit_code == 1  # one feed was down
    assert (
        f"{site.url('/down.xml')}: feed unavailable (HTTP 503 Service Unavailable)" in first.output
    )
    assert f"{site.url('/rss.xml')}: 1 new entries, 1 stored, 0 failed" in first.output

    feed["paths"] = ["/news/bridge.html", "/news/harbour.html", "/gone.html"]
    site.routes["/down.xml"] = Response(
        body=rss(site, ["/news/school.html"]), content_type="text/xml"
    )
    second = run(db, *args)
    assert f"{site.url('/rss.xml')}: 2 new entries, 1 stored, 1 failed" in second.output
    assert f"{site.url('/down.xml')}: 1 new entries, 1 stored, 0 failed" in second.output
    assert site.hits("/news/bridge.html") == 1 and site.hits("/gone.html") == 1

    third = run(db, *args)
    assert third.exit_code == 0, third.output
    assert f"{site.url('/rss.xml')}: not modified" in third.output
    assert site.hits("/gone.html") == 1  # failed for good: not fetched again
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]
    assert rows(db, "SELECT count(*), sum(etag IS NOT NULL) FROM feeds") == [(2, 1)]
    assert sorted(rows(db, "SELECT outcome, count(*) FROM feed_entries GROUP BY outcome")) == [
        ("failed", 1),
        ("stored", 3),
    ]


def test_a_page_that_fails_for_now_is_tried_again_next_poll(tmp_path, site, nlp):
    store = open_store(tmp_path / "q.db")
    site.routes["/rss.xml"] = Response(
        body=rss(site, ["/news/bridge.html"]),
        content_type="application/rss+xml",
        headers={"ETag": '"1"'},
    )
    site.routes["/news/bridge.html"] = Response(503, b"", "text/plain")
    policy = FetchPolicy(timeout=2, retries=0, host_delay=0)
    rounds = []
    watch_feeds(
        [site.url("/rss.xml")],
        store,
        policy=policy,
        stop=threading.Event(),
        rounds=1,
        on_round=rounds.append,
    )
    assert (rounds[0].retry_later, rounds[0].stored) == (1, 0)
    # The feed's ETag was not kept: the next poll lists the entry again, and it is stored.
    site.routes["/news/bridge.html"] = Response(
        body=article_html(STORIES["/news/bridge.html"][0], STORIES["/news/bridge.html"][1])
    )
    watch_feeds(
        [site.url("/rss.xml")],
        store,
        policy=policy,
        stop=threading.Event(),
        rounds=1,
        on_round=rounds.append,
    )
    assert (rounds[1].new_entries, rounds[1].stored) == (1, 1)


def test_watch_stops_promptly_when_told_to(tmp_path, site, nlp):
    store = open_store(tmp_path / "q.db")
    site.routes["/rss.xml"] = Response(body=rss(site, []), content_type="application/rss+xml")
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    watch_feeds(
        [site.url("/rss.xml")], store, every=3600, policy=FetchPolicy(host_delay=0), stop=stop
    )
    assert time.monotonic() - started < 5


# Rounds in which a timer's signal handler requests a stop while the main thread goes in
# and out of waits; the signal lands at every point of a wait somewhere in them.
_STOP_FROM_A_HANDLER = """
import random, signal, sys
from quotetrack.sources import SignalStop

for round in range(int(sys.argv[1])):
    stop = SignalStop()
    signal.signal(signal.SIGALRM, lambda signum, frame: stop.set())
    signal.setitimer(signal.ITIMER_REAL, 0.0001 + random.random() * 0.002)
    while not stop.wait(0.00001):
        pass
    stop.close()
print("all stopped")
"""


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX interval timers")
def test_a_stop_requested_by_a_signal_handler_always_ends_the_wait():
    # A threading.Event set from the handler deadlocks when the signal lands while the
    # main thread holds the event's lock inside wait(); the same rounds with one never ended.
    done = subprocess.run(
        [sys.executable, "-c", _STOP_FROM_A_HANDLER, "400"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "all stopped"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_the_watch_command_stops_cleanly_on_a_signal(tmp_path, site, signum):
    site.routes["/rss.xml"] = Response(body=rss(site, []), content_type="application/rss+xml")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quotetrack",
            "--db",
            str(tmp_path / "q.db"),
            "watch",
            "--every",
            "1h",
            *QUICK,
            site.url("/rss.xml"),
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    lines = []
    assert process.stderr is not None
    for line in process.stderr:
        lines.append(line)
        if "0 new entries" in line:
            break
    process.send_signal(signum)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, "".join(lines) + err
    assert "stopped; 0 pages fetched" in out
