"""Web archives (.warc, .warc.gz) built here with warcio, and tabular exports (.csv, .tsv)
written here, read as articles; and feeds parsed with feedparser."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from local_web import article_html
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotetrack.read import Article, ReadFailure, SkippedRecords, iter_articles
from quotetrack.read.feeds import parse_feed
from quotetrack.read.tabular import column_names

STORY = [
    '"The harbour will stay open through the storm," the port director said on Tuesday.',
    "Ferries were cancelled for the afternoon, and the coast guard asked boats to stay moored.",
]


def write_warc(path: Path, records: list[tuple[str, str, str, bytes, str]], *, gzip: bool) -> None:
    """records: (type, uri, http status line, payload, content type)."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for rec_type, uri, status, payload, content_type in records:
            if rec_type == "response":
                http = StatusAndHeaders(
                    status, [("Content-Type", content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(payload),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"},
                )
            elif rec_type == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
                record = writer.create_warc_record(
                    uri, "request", payload=io.BytesIO(b""), http_headers=http
                )
            else:
                record = writer.create_warc_record(
                    uri, rec_type, payload=io.BytesIO(payload), warc_content_type=content_type
                )
            writer.write_record(record)


ARCHIVE = [
    ("warcinfo", "", "", b"software: test", "application/warc-fields"),
    ("request", "https://news.example.com/harbour", "", b"", ""),
    (
        "response",
        "https://news.example.com/harbour",
        "200 OK",
        article_html("Harbour stays open", STORY, date="2024-05-05"),
        "text/html; charset=utf-8",
    ),
    ("response", "https://news.example.com/logo.png", "200 OK", b"\x89PNG\r\n", "image/png"),
    ("response", "https://news.example.com/old", "301 Moved", b"", "text/html"),
    (
        "response",
        "https://news.example.com/menu",
        "200 OK",
        b"<html><body><nav>Home</nav></body></html>",
        "text/html",
    ),
    (
        "metadata",
        "https://news.example.com/harbour",
        "",
        b"fetchTimeMs: 12",
        "application/warc-fields",
    ),
]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_every_html_response_in_a_web_archive_is_an_article(tmp_path, name):
    path = tmp_path / name
    write_warc(path, ARCHIVE, gzip=name.endswith(".gz"))
    items = list(iter_articles([path]))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    [skipped] = [i for i in items if isinstance(i, SkippedRecords)]
    [article] = articles
    assert article.url == "https://news.example.com/harbour"
    assert article.provenance["url"] == "warc"
    assert article.fetched_at == dt.datetime(2024, 5, 6, 7, 8, 9)
    assert article.published == dt.date(2024, 5, 5)  # the page's own date, not the capture's
    assert article.title == "Harbour stays open" and "storm" in article.text
    [failure] = failures
    assert "https://news.example.com/menu: no article text" in str(failure)
    assert skipped.kinds == {
        "warcinfo record": 1,
        "request record": 1,
        "metadata record": 1,
        "image/png response": 1,
        "HTTP 301 response": 1,
    }
    assert "5 records without an article skipped" in str(skipped)


def test_a_folder_of_archives_is_walked(tmp_path):
    write_warc(tmp_path / "a.warc.gz", ARCHIVE[:3], gzip=True)
    assert [type(i).__name__ for i in iter_articles([tmp_path])] == ["Article", "SkippedRecords"]


def test_a_damaged_archive_is_one_failure(tmp_path):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00not really gzip at all")
    [failure] = iter_articles([path])
    assert isinstance(failure, ReadFailure) and "not a readable web archive" in failure.reason


def write_table(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows(rows)


MEDIA_CLOUD = [
    ["id", "publish_date", "title", "url", "media_name", "text"],
    [
        "1",
        "2024-02-01 10:00:00",
        "Harbour stays open",
        "https://a.example/1",
        "Coast Times",
        f"{STORY[0]}\n\n{STORY[1]}",
    ],
    ["2", "2024-02-02 11:00:00", "Nothing here", "https://a.example/2", "Coast Times", ""],
]


def test_a_csv_export_with_a_text_column_is_one_article_a_row(tmp_path):
    path = tmp_path / "export.csv"
    write_table(path, MEDIA_CLOUD)
    first, second = iter_articles([path])
    assert isinstance(first, Article)
    assert first.text == f"{STORY[0]}\n\n{STORY[1]}"
    assert (first.title, first.url, first.outlet) == (
        "Harbour stays open",
        "https://a.example/1",
        "Coast Times",
    )
    assert first.published == dt.date(2024, 2, 1)
    assert first.provenance["outlet"] == "table" and first.source_line == 2
    assert isinstance(second, ReadFailure)
    # The first row's text spans lines 2-4: the second row starts on line 5.
    assert str(second) == f"{path}:5: column 'text' is empty"


def test_a_news_please_tsv_export_is_read(tmp_path):
    path = tmp_path / "news.tsv"
    write_table(
        path,
        [
            ["title", "maintext", "date_publish", "source_domain", "url"],
            [
                "Harbour",
                STORY[0],
                "2024-02-03 08:00:00",
                "coast.example",
                "https://coast.example/h",
            ],
        ],
        delimiter="\t",
    )
    [article] = iter_articles([path])
    assert article.published == dt.date(2024, 2, 3) and article.outlet == "coast.example"


def test_gdelt_style_compact_dates_are_read(tmp_path):
    path = tmp_path / "gdelt.csv"
    write_table(
        path,
        [
            ["DATEADDED", "SOURCEURL", "content"],
            ["20240207153000", "https://b.example/x", STORY[1]],
        ],
    )
    [article] = iter_articles([path])
    assert article.published == dt.date(2024, 2, 7) and article.url == "https://b.example/x"


def test_columns_can_be_named(tmp_path):
    path = tmp_path / "mine.csv"
    write_table(
        path,
        [
            ["story", "address", "day", "text"],
            [STORY[0], "https://c.example/s", "2024-01-09", "not the story"],
        ],
    )
    with column_names(text="story", url="address", date="day"):
        [article] = iter_articles([path])
    assert article.text == STORY[0]
    assert (article.url, article.published) == ("https://c.example/s", dt.date(2024, 1, 9))
    with column_names(text="body"):
        [failure] = iter_articles([path])
    assert failure.reason == "no column 'body' for the text (columns: story, address, day, text)"


def test_a_list_of_urls_without_text_points_to_urls(tmp_path):
    path = tmp_path / "urls.csv"
    path.write_text("url,title\nhttps://a.example/1,One\n", encoding="utf-8")
    [failure] = iter_articles([path])
    assert "no text column" in failure.reason and "--urls FILE" in failure.reason


RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Coast Times</title>
<item><title>Harbour stays open</title><link>https://a.example/1</link><guid>a-1</guid>
<pubDate>Tue, 06 Feb 2024 10:00:00 GMT</pubDate></item>
<item><title>No link</title></item>
<item><title>Relative</title><link>/2</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Bay News</title>
<entry><title>Ferries cancelled</title><id>urn:bay:7</id>
<link rel="alternate" href="https://bay.example/7"/><updated>2024-02-08T09:00:00Z</updated></entry>
</feed>"""


def test_rss_and_atom_entries_with_links_are_listed():
    title, entries = parse_feed(RSS, "https://a.example/rss.xml")
    assert title == "Coast Times"
    assert [(e.key, e.url, e.title) for e in entries] == [
        # feedparser resolves a guid against the feed url, as it does links.
        ("https://a.example/a-1", "https://a.example/1", "Harbour stays open"),
        ("https://a.example/2", "https://a.example/2", "Relative"),
    ]
    assert entries[0].published == dt.date(2024, 2, 6)
    title, [entry] = parse_feed(ATOM, "https://bay.example/atom")
    assert (title, entry.key, entry.url, entry.published) == (
        "Bay News",
        "urn:bay:7",
        "https://bay.example/7",
        dt.date(2024, 2, 8),
    )


def test_an_html_page_is_not_a_feed():
    from quotetrack.read.fetch import FetchError

    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        parse_feed(article_html("Page", STORY), "https://a.example/")
