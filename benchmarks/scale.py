"""How quotetrack's database behaves at scale: size, insert rate and report-query latency.

Fills a fresh database through the real save path (``Store.save_articles``: the same code
as ``save_article``, many articles per transaction; speaker resolution and the statements
hook run as on ingest) with synthetic news: outlets, speakers whose quote counts follow a
Zipf law, statements that several outlets quote verbatim, trimmed, altered or reworded over a
few days, and a common phrase to search for. Then it prints the database size (and bytes per
quote without the article texts), the insert rate and the latency of the report queries.

    python benchmarks/scale.py                       # 100k articles, 1M quotes, 20k speakers
    python benchmarks/scale.py --articles 10000      # 10k articles, 100k quotes
    python benchmarks/scale.py --db /tmp/scale.db --keep
    python benchmarks/scale.py --defer-grouping      # group statements once at the end

With --defer-grouping the store saves without its statements hook and all quotes are
grouped afterwards by ``quotetrack.ingest.regroup`` (timed on its own): per-article
grouping cost is the statements package's, measured in benchmarks/statements.py.

Targets: every query under 300 ms; under 2 KB per quote plus the article text.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotetrack import ingest as ingest_service  # noqa: E402
from quotetrack.ingest import open_store  # noqa: E402
from quotetrack.statements.queries import list_statements as _list_statements  # noqa: E402
from quotetrack.types import Article, Quote  # noqa: E402

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ten",
    "vo",
    "sul",
    "bar",
    "ne",
    "dri",
    "on",
    "hel",
    "mar",
    "zu",
    "pe",
    "tor",
    "lin",
    "ash",
    "qui",
    "ber",
    "den",
    "sa",
    "fo",
    "gri",
]
GIVEN = [
    "Anna",
    "Omar",
    "Lena",
    "Jonas",
    "Maria",
    "Ahmed",
    "Sofia",
    "Daniel",
    "Yara",
    "Peter",
    "Nadia",
    "Tomas",
    "Elif",
    "Hugo",
    "Mei",
    "Ivan",
    "Sara",
    "Karim",
    "Julia",
    "Marco",
]
WORDS = (
    "government minister talks aid civilians security border ceasefire hostages economy "
    "prices energy sanctions election vote reform court police health schools water food "
    "troops region agreement partners support pressure crisis plan future people country "
    "must will should cannot need protect continue ensure reach allow stop build defend "
    "important serious clear strong new urgent difficult necessary fair open"
).split()
PHRASE = "humanitarian pause"
FILLER = (
    "Officials met again on the same day as the discussions continued across the region "
    "while reporters waited outside the building for further comment. "
)


def list_statements(store, **filters):
    """Statement summaries through the statements package's query, as the API runs it."""
    with store.session() as s:
        return _list_statements(s, **filters)


def speaker_names(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct synthetic full names (a few share a surname with another given name)."""
    names, seen = [], set()
    while len(names) < n:
        surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{rng.choice(GIVEN)} {surname}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def zipf_sampler(n: int, rng: random.Random, s: float = 1.0):
    """A function drawing indexes 0..n-1 with P(i) ∝ 1/(i+1)^s."""
    cum = list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))
    total = cum[-1]
    return lambda: bisect.bisect_left(cum, rng.random() * total)


def variant(text: str, rng: random.Random) -> tuple[str, str]:
    """A re-quote of ``text``: verbatim, trimmed, altered (one word swapped) or reworded."""
    words = text.split()
    kind = rng.choices(["verbatim", "trimmed", "altered", "paraphrase"], [4, 3, 1, 2])[0]
    if kind == "trimmed" and len(words) > 6:
        words = words[: rng.randint(4, len(words) - 1)]
    elif kind == "altered":
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    elif kind == "paraphrase":
        rng.shuffle(words)
    return " ".join(words), "indirect" if kind == "paraphrase" else "direct"


def generate(
    n_articles: int, quotes_per_article: int, n_speakers: int, n_outlets: int, seed: int = 7
):
    """Yield (Article, [Quote]) pairs of the synthetic corpus, in publication order."""
    rng = random.Random(seed)
    names = speaker_names(n_speakers, rng)
    pick = zipf_sampler(n_speakers, rng)
    outlets = [f"Outlet {i:02d}" for i in range(n_outlets)]
    start = dt.date(2023, 1, 1)
    recent: dict[int, list[tuple[str, int]]] = {}  # speaker -> [(statement text, day)]
    for a in range(n_articles):
        day = a * 365 // n_articles
        published = start + dt.timedelta(days=day)
        outlet = rng.choice(outlets)
        parts, quotes = [], []
        offset = 0
        for _ in range(quotes_per_article):
            sp = pick()
            pool = [t for t, d in recent.get(sp, []) if day - d <= 5]
            qtype = "direct"
            if pool and rng.random() < 0.5:
                said, qtype = variant(rng.choice(pool), rng)
            else:
                said = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22)))
                if rng.random() < 0.01:
                    said = f"the {PHRASE} {said}"
                recent.setdefault(sp, []).append((said, day))
                recent[sp] = recent[sp][-8:]
            name = names[sp]
            mention = name if rng.random() < 0.5 else name.split()[-1]
            if qtype == "direct":
                sentence = f'"{said}," {mention} said. '
                q_start = offset + 1
                m_start = offset + len(said) + 4
            else:
                sentence = f"{mention} said {said}. "
                q_start = offset + len(mention) + 6
                m_start = offset
            quotes.append(
                Quote(
                    type=qtype,
                    start=q_start,
                    end=q_start + len(said),
                    cue="said",
                    mention_start=m_start,
                    mention_end=m_start + len(mention),
                    speaker=name,
                    speaker_kind="person",
                    sentence_start=offset,
                    sentence_end=offset + len(sentence) - 1,
                )
            )
            parts.append(sentence)
            offset += len(sentence)
        parts.append(FILLER * 8)
        text = "".join(parts)
        art = Article(
            text=text,
            outlet=outlet,
            published=published,
            url=f"https://outlet{outlet[-2:]}.example/{a}",
            title=f"Report {a}",
            provenance={"outlet": "json", "published": "json"},
        )
        yield art, quotes


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median wall time in ms of ``fn()`` over ``repeat`` runs (after one warm-up), and its result."""
    result = fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--quotes-per-article", type=int, default=10)
    ap.add_argument("--speakers", type=int, default=20_000)
    ap.add_argument("--outlets", type=int, default=50)
    ap.add_argument("--batch", type=int, default=500, help="articles per transaction")
    ap.add_argument("--db", help="database path (default: a temporary file)")
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    ap.add_argument(
        "--measure-only",
        action="store_true",
        help="skip filling: print size and latencies of the existing --db",
    )
    ap.add_argument(
        "--defer-grouping",
        action="store_true",
        help="no statements hook while filling; regroup once at the end",
    )
    ap.add_argument(
        "--repeat", type=int, default=5, help="timed requests per web page (after a warm-up)"
    )
    ap.add_argument(
        "--pages-only",
        action="store_true",
        help="with --measure-only: time the web pages alone, not the store's queries",
    )
    args = ap.parse_args()

    db = Path(args.db or Path(tempfile.mkdtemp(prefix="qt-scale-")) / "scale.db")
    if args.measure_only:
        if not args.db:
            ap.error("--measure-only needs --db")
        store = open_store(db)
        measure(store, db, elapsed=None, note="", repeat=args.repeat, pages_only=args.pages_only)
        store.close()
        return 0
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = open_store(db)
    n_quotes_target = args.articles * args.quotes_per_article
    print(
        f"filling {db}: {args.articles} articles, {n_quotes_target} quotes, "
        f"{args.speakers} speakers, {args.outlets} outlets (batches of {args.batch})"
    )

    # The store groups each article's quotes in its own transaction through the grouping
    # object it was handed (ingest.open_store wires it); --defer-grouping saves without it
    # and rebuilds every statement once at the end, through the same regroup the
    # ``regroup`` command runs.
    grouping = store.grouping
    if args.defer_grouping:
        store.grouping = None
    t0 = time.perf_counter()
    corpus = generate(args.articles, args.quotes_per_article, args.speakers, args.outlets)
    done = 0
    while True:
        batch = list(itertools.islice(corpus, args.batch))
        if not batch:
            break
        store.save_articles(batch)
        done += len(batch)
        if done % (args.batch * 4) == 0:
            rate = done * args.quotes_per_article / (time.perf_counter() - t0)
            print(f"  {done} articles, {rate:,.0f} quotes/s", flush=True)
    elapsed = time.perf_counter() - t0
    store.grouping = grouping
    if args.defer_grouping:
        t = time.perf_counter()
        counts = ingest_service.regroup(store)
        print(f"regroup: {time.perf_counter() - t:.1f} s, {counts}", flush=True)
    grouping = "without grouping" if args.defer_grouping else "with per-article grouping"
    measure(store, db, elapsed=elapsed, note=grouping, repeat=args.repeat)
    store.close()
    if not args.keep and not args.db:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return 0


def measure(
    store, db: Path, *, elapsed: float | None, note: str, repeat: int = 5, pages_only: bool = False
) -> None:
    """Print size, insert rate (when ``elapsed`` is known) and report-query latencies."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("ANALYZE")
        conn.commit()

    stats = store.stats()
    size = os.path.getsize(db)
    text_bytes = store.run_sql("SELECT sum(length(CAST(text AS BLOB))) FROM articles")[1][0][0]
    print(f"\nstored: {stats}")
    if elapsed:
        print(
            f"insert ({note}): {elapsed:.1f} s, {stats['articles'] / elapsed:,.0f} articles/s, "
            f"{stats['quotes'] / elapsed:,.0f} quotes/s"
        )
    print(
        f"size: {size / 1e6:.1f} MB; article text {text_bytes / 1e6:.1f} MB; "
        f"{(size - text_bytes) / stats['quotes']:.0f} bytes per quote without article text "
        f"(target < 2048)"
    )

    # The speaker whose quote count is closest to 10k (the most quoted one at small sizes).
    _, rows = store.run_sql(
        "SELECT speaker_id, count(*) AS n FROM quotes GROUP BY speaker_id "
        "ORDER BY abs(count(*) - 10000) LIMIT 1"
    )
    speaker_id, n_speaker = rows[0]
    if pages_only:
        measure_web(db, speaker_id, repeat)
        return
    since = dt.date(2023, 12, 1)
    checks = [
        (
            f"speaker_quotes(speaker with {n_speaker} quotes)",
            lambda: store.speaker_quotes(speaker_id),
        ),
        (f"search('\"{PHRASE}\"', limit 50)", lambda: store.search(f'"{PHRASE}"')),
        (
            "quotes(outlet='Outlet 07', since=2023-12-01)",
            lambda: store.quotes(outlet="Outlet 07", since=since),
        ),
        (
            "quotes(outlet='Outlet 07', since=2023-12-01, limit 100)",
            lambda: store.quotes(outlet="Outlet 07", since=since, limit=100),
        ),
        ("list_statements(min_outlets=5)", lambda: list_statements(store, min_outlets=5)),
        (
            "find_speakers(surname)",
            lambda: store.find_speakers(
                store.run_sql(f"SELECT name FROM speakers WHERE id = {speaker_id}")[1][0][
                    0
                ].split()[-1]
            ),
        ),
        ("stats()", store.stats),
    ]
    print("\nlatency (median of 5, warm cache; target < 300 ms):")
    for label, fn in checks:
        ms, result = timed(fn)
        n = len(result) if isinstance(result, list) else "-"
        flag = "ok" if ms < 300 else "SLOW"
        print(f"  {label:<58} {ms:8.1f} ms  rows={n}  {flag}")
    measure_web(db, speaker_id, repeat)


def web_app(db: Path):
    """The app ``quotetrack serve`` runs, over ``db`` opened read-only as the command opens
    it (through the library), and a function that closes it."""
    import quotetrack
    from quotetrack.web.app import create_app

    qt = quotetrack.open(db, readonly=True)
    return create_app(qt), qt.close


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank ``p``-th percentile of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))]


def measure_web(db: Path, speaker_id: int, repeat: int = 5) -> None:
    """Time every page of ``quotetrack serve``, as HTML and as ``?format=json`` (data,
    template and chart; no network), on a read-only database: median and p95 of ``repeat``
    requests after one warm-up."""
    from starlette.testclient import TestClient

    store = open_store(db, readonly=True)
    one = lambda q: store.run_sql(q)[1][0][0]  # noqa: E731
    busiest = one(
        "SELECT speaker_id FROM quotes GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1"
    )
    widest = one("SELECT id FROM statements ORDER BY n_outlets DESC, n_quotes DESC LIMIT 1")
    biggest = one(
        f"SELECT id FROM statements WHERE speaker_id = {busiest} ORDER BY n_quotes DESC LIMIT 1"
    )
    quote = one(f"SELECT max(id) FROM quotes WHERE speaker_id = {speaker_id}")
    article = one(f"SELECT article_id FROM quotes WHERE id = {quote}")
    outlet = one("SELECT id FROM outlets WHERE name = 'Outlet 07'")
    n_busiest = one(f"SELECT count(*) FROM quotes WHERE speaker_id = {busiest}")
    n_speaker = one(f"SELECT count(*) FROM quotes WHERE speaker_id = {speaker_id}")
    n_widest = one(f"SELECT n_quotes FROM statements WHERE id = {widest}")
    n_biggest = one(f"SELECT n_quotes FROM statements WHERE id = {biggest}")
    store.close()
    pages = [
        ("/", "front page"),
        (f"/speakers/{speaker_id}", f"speaker with {n_speaker} quotes"),
        (f"/speakers/{busiest}", f"busiest speaker, {n_busiest} quotes"),
        (f"/statements/{widest}", f"widest statement, {n_widest} quotes"),
        (f"/statements/{biggest}", f"busiest speaker's biggest, {n_biggest} q"),
        (f"/quotes/{quote}", "a quote in its article"),
        (f"/articles/{article}", "an article"),
        (f"/outlets/{outlet}", "Outlet 07"),
        (f'/search?q="{PHRASE}"', "search, 50 hits"),
        (f'/search?q="{PHRASE}"&outlet=Outlet+07', "search with an outlet filter"),
    ]
    print(
        f"\nweb pages (quotetrack serve, read-only; {repeat} requests after a warm-up; "
        f"target < 300 ms; load average {os.getloadavg()[0]:.1f}):"
    )
    print(f"  {'page':<44} {'':<36} {'median':>8} {'p95':>8} {'bytes':>8}")
    app, close = web_app(db)
    slow = 0
    with TestClient(app) as client:
        for path, label in pages:
            for url, what in ((path, label), (_as_json(path), "  as JSON")):

                def get(url=url):
                    r = client.get(url)
                    assert r.status_code == 200, (url, r.status_code)
                    return r

                r = get()
                times = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    r = get()
                    times.append((time.perf_counter() - t) * 1000)
                med, p95 = statistics.median(times), percentile(times, 95)
                flag = "ok" if p95 < 300 else "SLOW"
                slow += flag == "SLOW"
                print(
                    f"  {url[:44]:<44} {what:<36} {med:6.1f}ms {p95:6.1f}ms "
                    f"{len(r.content):>8} {flag}",
                    flush=True,
                )
    close()
    print(f"  {2 * len(pages) - slow} of {2 * len(pages)} pages under 300 ms at p95")


def _as_json(path: str) -> str:
    return path + ("&" if "?" in path else "?") + "format=json"


if __name__ == "__main__":
    sys.exit(main())
