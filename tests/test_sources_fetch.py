"""Fetching pages politely from a local web site: robots.txt, pacing, retries, limits, and
one clear reason for every page that cannot be had."""

from __future__ import annotations

import datetime as dt
import socket
import time

import httpx
import pytest
from local_web import LocalSite, Response, article_html

from quotetrack.read.fetch import (
    Fetcher,
    FetchError,
    FetchPolicy,
    _network_reason,
    article_from_page,
    fetch_pages,
    retry_after_seconds,
)

STORY = [
    '"We will reopen the bridge before the winter," the mayor, Jane Doe, said on Monday.',
    "Engineers said the repairs to the old steel span would take at least six more weeks.",
]
# Quick enough for tests: no pause between requests, short waits.
QUICK = FetchPolicy(timeout=2.0, retries=2, backoff=0.01, host_delay=0.0, host_concurrency=4)


@pytest.fixture
def site():
    with LocalSite() as local:
        local.routes["/robots.txt"] = Response(
            body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        local.routes["/story.html"] = Response(
            body=article_html("Bridge to reopen", STORY, date="2024-03-04")
        )
        yield local


def fetch(site: LocalSite, path: str, policy: FetchPolicy = QUICK):
    with Fetcher(policy) as fetcher:
        return fetcher.get(site.url(path))


def failure(site: LocalSite, path: str, policy: FetchPolicy = QUICK) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(site, path, policy)
    return caught.value.reason


def test_a_page_becomes_an_article_with_its_url_and_fetch_time(site):
    page = fetch(site, "/story.html")
    article = article_from_page(page)
    assert article.url == site.url("/story.html")
    assert article.provenance["url"] == "fetch"
    assert article.title == "Bridge to reopen"
    assert str(article.published) == "2024-03-04"
    assert "reopen the bridge" in article.text and "Home" not in article.text
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert article.fetched_at is not None and now - article.fetched_at < dt.timedelta(minutes=1)


def test_requests_name_quotetrack_in_the_user_agent(site):
    fetch(site, "/story.html")
    agents = {headers["user-agent"] for _, headers in site.log}
    assert len(agents) == 1 and agents.pop().startswith("quotetrack/")


def test_robots_txt_is_honoured_and_the_page_is_never_requested(site):
    site.routes["/private/memo.html"] = Response(body=article_html("Memo", STORY))
    assert failure(site, "/private/memo.html") == "disallowed by robots.txt"
    assert site.hits("/private/memo.html") == 0
    assert site.hits("/robots.txt") == 1


def test_a_missing_robots_txt_allows_everything(site):
    del site.routes["/robots.txt"]
    assert fetch(site, "/story.html").status == 200


def test_a_failing_robots_txt_keeps_the_host_off_limits(site):
    site.routes["/robots.txt"] = Response(503, b"down", "text/plain")
    assert failure(site, "/story.html").startswith("robots.txt unreachable (HTTP 503)")
    assert site.hits("/story.html") == 0


def test_an_unreachable_robots_txt_is_asked_again_later(site, monkeypatch):
    import quotetrack.read.fetch as fetch_module

    monkeypatch.setattr(fetch_module, "ROBOTS_RETRY", 0.0)
    robots = site.routes["/robots.txt"]
    site.routes["/robots.txt"] = Response(503, b"down", "text/plain")
    with Fetcher(QUICK) as fetcher:
        with pytest.raises(FetchError):
            fetcher.get(site.url("/story.html"))
        site.routes["/robots.txt"] = robots
        assert fetcher.get(site.url("/story.html")).status == 200


def test_429_is_retried_after_the_wait_it_asks_for(site):
    answers = iter([Response(429, b"slow down", "text/plain", headers={"Retry-After": "1"})])
    story = site.routes["/story.html"]
    site.routes["/busy.html"] = lambda headers: next(answers, story)
    started = time.monotonic()
    page = fetch(site, "/busy.html")
    assert page.status == 200 and site.hits("/busy.html") == 2
    assert time.monotonic() - started >= 0.9


def test_a_wait_longer_than_allowed_gives_up(site):
    site.routes["/busy.html"] = Response(429, b"", "text/plain", headers={"Retry-After": "3600"})
    reason = failure(site, "/busy.html")
    assert reason.startswith("HTTP 429") and "3600 s" in reason
    assert site.hits("/busy.html") == 1


def test_5xx_is_retried_with_backoff_then_reported(site):
    site.routes["/broken.html"] = Response(503, b"", "text/plain")
    assert failure(site, "/broken.html") == "HTTP 503 Service Unavailable"
    assert site.hits("/broken.html") == QUICK.retries + 1


def test_4xx_is_not_retried(site):
    assert failure(site, "/gone.html") == "HTTP 404 Not Found"
    assert site.hits("/gone.html") == 1


def test_a_slow_page_times_out(site):
    site.routes["/slow.html"] = Response(body=article_html("Slow", STORY), delay=1.0)
    policy = FetchPolicy(timeout=0.2, retries=0, host_delay=0.0)
    assert failure(site, "/slow.html", policy) == "timed out after 0.2 s"


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "streamed"])
def test_a_10_mb_page_is_too_big(site, chunked):
    big = b"<html><body>" + b"<p>word word word</p>" * 500_000 + b"</body></html>"
    assert len(big) > 10_000_000
    site.routes["/big.html"] = Response(body=big, chunked=chunked)
    policy = FetchPolicy(retries=0, host_delay=0.0, max_bytes=5_000_000)
    assert failure(site, "/big.html", policy).startswith("larger than 5 MB")


def test_a_response_that_is_not_html_is_refused(site):
    site.routes["/report.pdf"] = Response(body=b"%PDF-1.7 ...", content_type="application/pdf")
    assert failure(site, "/report.pdf") == "not HTML (application/pdf)"


def test_an_empty_response_is_refused(site):
    site.routes["/empty.html"] = Response(body=b"")
    assert failure(site, "/empty.html") == "empty response"


def test_a_page_without_an_article_says_so(site):
    site.routes["/menu.html"] = Response(body=b"<html><body><nav>Home World</nav></body></html>")
    from quotetrack.read.errors import ReadError

    with pytest.raises(ReadError, match="no article text"):
        article_from_page(fetch(site, "/menu.html"))


def test_redirects_are_followed_and_the_asked_url_kept(site):
    site.routes["/old.html"] = Response(301, b"", None, headers={"Location": "/story.html"})
    page = fetch(site, "/old.html")
    assert page.url == site.url("/old.html") and page.final_url == site.url("/story.html")


def test_a_dns_failure_names_the_host():
    request = httpx.Request("GET", "http://no-such-host.invalid/")
    error = httpx.ConnectError("[Errno -2] Name or service not known", request=request)
    error.__cause__ = socket.gaierror(-2, "Name or service not known")
    assert _network_reason(error, QUICK) == "cannot resolve host no-such-host.invalid"


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 30) == 30
    assert retry_after_seconds("soon") is None


def test_one_host_gets_at_most_its_share_of_requests_at_once(site):
    for n in range(8):
        site.routes[f"/p{n}.html"] = Response(body=article_html(f"P{n}", STORY), delay=0.15)
    policy = FetchPolicy(timeout=2, host_delay=0.0, host_concurrency=2, concurrency=8)
    with Fetcher(policy) as fetcher:
        results = list(fetch_pages([site.url(f"/p{n}.html") for n in range(8)], fetcher))
    assert len(results) == 8 and all(not isinstance(r, FetchError) for _, r in results)
    assert site.most_in_flight == 2


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    for n in range(4):
        site.routes[f"/p{n}.html"] = Response(body=article_html(f"P{n}", STORY))
    policy = FetchPolicy(timeout=2, host_delay=0.2, host_concurrency=4, concurrency=4)
    started = time.monotonic()
    with Fetcher(policy) as fetcher:
        list(fetch_pages([site.url(f"/p{n}.html") for n in range(4)], fetcher))
    # robots.txt, then four pages: four gaps of 0.2 s at least.
    assert time.monotonic() - started >= 0.8


def test_every_url_gets_an_answer_whatever_fails(site):
    site.routes["/report.pdf"] = Response(body=b"%PDF-1.7", content_type="application/pdf")
    urls = [site.url("/story.html"), site.url("/gone.html"), site.url("/report.pdf"), "ftp://x/y"]
    with Fetcher(QUICK) as fetcher:
        results = dict(fetch_pages(urls, fetcher))
    assert set(results) == set(urls)
    reasons = {u: r.reason for u, r in results.items() if isinstance(r, FetchError)}
    assert reasons == {
        site.url("/gone.html"): "HTTP 404 Not Found",
        site.url("/report.pdf"): "not HTML (application/pdf)",
        "ftp://x/y": "not an http(s) URL",
    }
