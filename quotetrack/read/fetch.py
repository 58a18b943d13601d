"""Fetching web pages politely: robots.txt, per-host pacing, retries, size and time limits.

:class:`Fetcher` performs one request at a time for a caller (one thread may call it per
page) and shares its state between threads: the robots.txt of each host (parsed with
protego, fetched once), and each host's pacing, so that however many threads fetch, one host
sees at most ``host_concurrency`` requests at once and none sooner than ``host_delay`` seconds
after the previous one. :func:`fetch_pages` runs many fetches on a thread pool and yields
them as they finish, handing out URLs so that a slow or busy host never holds up the others.

Every failure is a :class:`FetchError` whose ``reason`` is the short line a user sees
("HTTP 404 Not Found", "disallowed by robots.txt", "timed out after 20 s"); ``transient``
says whether trying again later may succeed (timeouts, 429 and 5xx answers).
"""

from __future__ import annotations

import collections
import datetime as dt
import email.utils
import importlib.metadata
import socket
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from quotetrack.read.sizes import describe_size
from quotetrack.types import Article


def _version() -> str:
    # Read from the installed metadata: the package's __init__ is the top layer, which the
    # read layer must not import.
    try:
        return importlib.metadata.version("quotetrack")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


DEFAULT_USER_AGENT = (
    f"quotetrack/{_version()} (news quote research; +https://pypi.org/project/quotetrack/)"
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# 501 (not implemented) and 505 (version not supported) will not change on a second try.
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 523, 524})
_MAX_REDIRECTS = 10
_CHUNK = 65_536
# How long a host's robots.txt is trusted (RFC 9309 allows a day), and how long an unreachable
# one keeps the host closed before it is asked again (a long `watch` must not give up on a
# host for good after one bad minute).
ROBOTS_TTL = 24 * 3600.0
ROBOTS_RETRY = 300.0


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` names why, ``transient`` whether a later
    attempt may succeed."""

    def __init__(self, reason: str, *, transient: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and patiently to fetch. Times are in seconds.

    ``host_delay`` is the least time between the starts of two requests to one host (a
    robots.txt ``Crawl-delay`` that asks for more wins); ``host_concurrency`` the most
    requests in flight to one host; ``concurrency`` the most in flight overall. ``retries``
    more attempts follow a 429, a 5xx or a timeout, waiting ``backoff`` seconds and twice as
    long each time, or what ``Retry-After`` asks if that is longer; a wait past ``max_wait``
    gives up instead. A 4xx other than 429 is never retried.
    """

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    host_delay: float = 1.0
    host_concurrency: int = 2
    concurrency: int = 8
    max_bytes: int = 20_000_000
    robots: bool = True


@dataclass
class Page:
    """A successful response: ``url`` as asked for, ``final_url`` after redirects."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    content: bytes
    fetched_at: dt.datetime  # UTC, naive (as the database stores it)
    headers: Mapping[str, str] = field(default_factory=dict)


def is_web_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` URL with a host."""
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def host_key(url: str) -> str:
    """The scheme, host and port a URL's politeness state is kept under."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or ''}"


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """The wait a ``Retry-After`` header asks for: delta seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class _Host:
    """One host's pacing and robots.txt, shared by all threads fetching from it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.robots_lock = threading.Lock()
        self.next_start = 0.0  # time.monotonic() before which no request may start
        self.robots: Protego | None = None
        self.robots_error: str | None = None
        self.robots_expires = 0.0  # time.monotonic() after which robots.txt is fetched again


class Fetcher:
    """Polite HTTP GETs with one shared httpx client; safe to call from many threads."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        limits = httpx.Limits(
            max_connections=max(self.policy.concurrency, 1) + 2,
            max_keepalive_connections=max(self.policy.concurrency, 1),
        )
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent},
            timeout=httpx.Timeout(self.policy.timeout),
            limits=limits,
            follow_redirects=False,
        )
        self._hosts: dict[str, _Host] = collections.defaultdict(_Host)
        self._hosts_lock = threading.Lock()
        self._closed = threading.Event()

    def close(self) -> None:
        """Close the connections; fetches waiting to start give up."""
        self._closed.set()
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness -----------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        with self._hosts_lock:
            return self._hosts[host_key(url)]

    def _wait_turn(self, host: _Host, delay: float) -> None:
        """Block until this host may be sent another request, and book the next slot."""
        with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + delay
        pause = start - now
        if pause > 0 and self._closed.wait(pause):
            raise FetchError("stopped before the request was sent")

    def _push_back(self, host: _Host, seconds: float) -> None:
        """A 429 or 503 asked the whole host to slow down: no request before ``seconds``."""
        with host.lock:
            host.next_start = max(host.next_start, time.monotonic() + seconds)

    def _delay_for(self, host: _Host) -> float:
        crawl_delay = host.robots.crawl_delay(self.policy.user_agent) if host.robots else None
        return max(self.policy.host_delay, float(crawl_delay or 0))

    def _robots(self, url: str, host: _Host) -> None:
        """Fetch and parse the host's robots.txt once. RFC 9309: a 4xx means no rules; a
        5xx or an unreachable file means the whole host is off limits for now."""
        with host.robots_lock:
            if time.monotonic() < host.robots_expires:
                return
            host.robots, host.robots_error = None, None
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            try:
                self._wait_turn(host, self.policy.host_delay)
                response = self._client.get(robots_url, follow_redirects=True)
            except httpx.HTTPError as error:
                host.robots_error = (
                    f"robots.txt unreachable ({_network_reason(error, self.policy)})"
                )
            else:
                if response.status_code >= 500:
                    host.robots_error = f"robots.txt unreachable (HTTP {response.status_code})"
                elif response.status_code < 400:
                    host.robots = Protego.parse(response.content.decode("utf-8", "replace"))
            ttl = ROBOTS_RETRY if host.robots_error else ROBOTS_TTL
            host.robots_expires = time.monotonic() + ttl

    def allowed(self, url: str) -> None:
        """Raise :class:`FetchError` unless robots.txt lets this user agent fetch ``url``."""
        if not self.policy.robots:
            return
        host = self._host(url)
        self._robots(url, host)
        if host.robots_error:
            raise FetchError(host.robots_error, transient=True)
        if host.robots is not None and not host.robots.can_fetch(url, self.policy.user_agent):
            raise FetchError("disallowed by robots.txt")

    # -- fetching -------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        accept: frozenset[str] | None = HTML_TYPES,
    ) -> Page:
        """GET ``url`` (following redirects, each hop checked against its robots.txt).

        ``accept`` lists the media types wanted (``None`` takes any); a 304 answer to
        conditional ``headers`` is returned as a page with status 304 and no content.
        Raises :class:`FetchError`.
        """
        if not is_web_url(url):
            raise FetchError("not an http(s) URL")
        current = url
        for _ in range(_MAX_REDIRECTS + 1):
            response_page, location = self._get_with_retries(current, headers, accept)
            if location is None:
                assert response_page is not None
                response_page.url = url
                return response_page
            current = location
        raise FetchError(f"more than {_MAX_REDIRECTS} redirects")

    def _get_with_retries(
        self, url: str, headers: Mapping[str, str] | None, accept: frozenset[str] | None
    ) -> tuple[Page | None, str | None]:
        self.allowed(url)
        host = self._host(url)
        policy = self.policy
        attempt = 0
        while True:
            self._wait_turn(host, self._delay_for(host))
            try:
                return self._get_once(url, headers, accept)
            except FetchError as error:
                retry_after = getattr(error, "retry_after", None)
                if not error.transient or attempt >= policy.retries:
                    raise
                wait_for = max(policy.backoff * 2**attempt, retry_after or 0.0)
                if wait_for > policy.max_wait:
                    raise FetchError(
                        f"{error.reason}; asked to wait {wait_for:.0f} s, more than the "
                        f"{policy.max_wait:.0f} s allowed",
                        transient=True,
                    ) from None
                if retry_after:
                    self._push_back(host, wait_for)
                if self._closed.wait(wait_for):
                    raise
                attempt += 1

    def _get_once(
        self, url: str, headers: Mapping[str, str] | None, accept: frozenset[str] | None
    ) -> tuple[Page | None, str | None]:
        policy = self.policy
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=dict(headers or {})) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                    return None, urljoin(url, response.headers["location"])
                if status == 304:
                    return self._page(url, response, b""), None
                if status >= 400:
                    error = FetchError(
                        f"HTTP {status} {response.reason_phrase}".rstrip(),
                        transient=status in _RETRY_STATUSES,
                    )
                    error.retry_after = retry_after_seconds(  # type: ignore[attr-defined]
                        response.headers.get("retry-after")
                    )
                    raise error
                media_type = _media_type(response.headers.get("content-type"))
                if accept is not None and media_type and media_type not in accept:
                    raise FetchError(f"not HTML ({media_type})")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > policy.max_bytes:
                    raise FetchError(
                        f"larger than {describe_size(policy.max_bytes)} "
                        f"({describe_size(int(declared))})"
                    )
                body = bytearray()
                for chunk in response.iter_bytes(_CHUNK):
                    body += chunk
                    if len(body) > policy.max_bytes:
                        raise FetchError(f"larger than {describe_size(policy.max_bytes)}")
                    if time.monotonic() - started > policy.timeout:
                        # A server trickling bytes never trips the read timeout.
                        raise FetchError(f"timed out after {policy.timeout:g} s", transient=True)
                if not body:
                    raise FetchError("empty response")
                return self._page(url, response, bytes(body)), None
        except httpx.HTTPError as error:
            raise FetchError(
                _network_reason(error, policy), transient=_is_transient(error)
            ) from None

    @staticmethod
    def _page(url: str, response: httpx.Response, content: bytes) -> Page:
        return Page(
            url=url,
            final_url=url,
            status=response.status_code,
            content_type=_media_type(response.headers.get("content-type")),
            charset=response.charset_encoding,
            content=content,
            fetched_at=_utcnow(),
            headers=dict(response.headers),
        )


def _media_type(header: str | None) -> str:
    return (header or "").split(";")[0].strip().lower()


def _is_dns_failure(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return True
        seen = seen.__cause__ or seen.__context__
    return "name or service not known" in str(error).lower() or "nodename nor servname" in str(
        error
    )


def _network_reason(error: httpx.HTTPError, policy: FetchPolicy) -> str:
    if isinstance(error, httpx.TimeoutException):
        return f"timed out after {policy.timeout:g} s"
    if isinstance(error, httpx.ConnectError):
        if _is_dns_failure(error):
            host = urlsplit(str(error.request.url)).hostname if error.request else None
            return f"cannot resolve host {host}" if host else "cannot resolve host"
        return f"cannot connect: {error}"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"bad response: {error}"
    return f"{type(error).__name__}: {error}"


def _is_transient(error: httpx.HTTPError) -> bool:
    if isinstance(error, httpx.ConnectError):
        return not _is_dns_failure(error)
    return isinstance(error, (httpx.TimeoutException, httpx.RemoteProtocolError))


def fetch_pages(
    urls: Iterable[str],
    fetcher: Fetcher,
    *,
    accept: frozenset[str] | None = HTML_TYPES,
    lookahead: int = 1000,
) -> Iterator[tuple[str, Page | FetchError]]:
    """Fetch every URL on ``fetcher.policy.concurrency`` threads; yield ``(url, page or
    error)`` as each finishes (not in input order).

    URLs are handed out so that no host has more than ``host_concurrency`` requests in
    flight; the others' URLs go ahead meanwhile. At most ``lookahead`` URLs are read ahead
    of the fetches, so a list of millions is never held in memory at once.
    """
    policy = fetcher.policy
    source = iter(urls)
    exhausted = False
    waiting: dict[str, collections.deque[str]] = collections.defaultdict(collections.deque)
    n_waiting = 0
    busy: collections.Counter[str] = collections.Counter()
    running: dict[Future, tuple[str, str]] = {}

    def fetch(url: str) -> Page | FetchError:
        try:
            return fetcher.get(url, accept=accept)
        except FetchError as error:
            return error

    with ThreadPoolExecutor(max_workers=max(policy.concurrency, 1)) as pool:
        try:
            while True:
                while not exhausted and n_waiting < lookahead:
                    try:
                        url = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    waiting[host_key(url) if is_web_url(url) else ""].append(url)
                    n_waiting += 1
                for host in list(waiting):
                    queue = waiting[host]
                    while (
                        queue
                        and len(running) < policy.concurrency
                        and busy[host] < policy.host_concurrency
                    ):
                        url = queue.popleft()
                        n_waiting -= 1
                        busy[host] += 1
                        running[pool.submit(fetch, url)] = (host, url)
                    if not queue:
                        del waiting[host]
                if not running:
                    if exhausted and not n_waiting:
                        return
                    continue
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    host, url = running.pop(future)
                    busy[host] -= 1
                    yield url, future.result()
        finally:
            # A consumer that stops early (Ctrl-C) must not wait for every queued fetch.
            for future in running:
                future.cancel()


def decode_with_charset(data: bytes, charset: str | None) -> str:
    """HTML bytes as :func:`~quotetrack.read.decode.decode_html` reads a saved page, then in
    ``charset`` (what an HTTP header declared), if given. Raises :class:`ReadError`."""
    from quotetrack.read.decode import decode_html, normalise_newlines
    from quotetrack.read.errors import ReadError

    try:
        return decode_html(data)
    except ReadError:
        if not charset:
            raise
        try:
            return normalise_newlines(data.decode(charset))
        except (LookupError, UnicodeDecodeError):
            raise ReadError(f"not valid {charset} as the server declares") from None


def decode_page(page: Page) -> str:
    """The page's text (see :func:`decode_with_charset`). Raises :class:`ReadError`."""
    return decode_with_charset(page.content, page.charset)


def article_from_page(page: Page) -> Article:
    """The article in a fetched HTML page, read as an HTML file is; its url is the one asked
    for (provenance ``fetch``), so that the same URL is recognised as stored next time, and
    ``fetched_at`` is when the response arrived. Raises :class:`ReadError`."""
    from quotetrack.read.htmlfile import read_html_article

    article = read_html_article(page.url, decode_page(page))
    article.url = page.url
    article.provenance["url"] = "fetch"
    if article.outlet is None or article.provenance.get("outlet") == "url":
        # Inferred from the url only now known (or from a canonical url the page gave,
        # which may name another site than the one asked for).
        from quotetrack.read.outlets import outlet_from_url

        outlet = outlet_from_url(page.url)
        if outlet:
            article.outlet = outlet
            article.provenance["outlet"] = "url"
    article.fetched_at = page.fetched_at
    return article
