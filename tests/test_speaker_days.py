"""A speaker's timeline (the web view's chart, ``Quotetrack.speaker_activity``) is read from
per-speaker daily counts (``speaker_days``, revision 0016) that triggers keep. These tests
hold the counts against a recount from the quotes themselves after every kind of write the
project makes: ingest, an article replaced by a new version with another date and outlet,
regroup, speaker merges, quote reassignments, removed quotes and their undo. They run on
SQLite, and on PostgreSQL when ``$QUOTETRACK_TEST_PG`` names a server.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import Counter

import pytest
from sqlalchemy import text

import quotetrack
from quotetrack.ingest import open_store
from quotetrack.store import postgres
from quotetrack.types import Article, Quote

PG = os.environ.get("QUOTETRACK_TEST_PG")
_names = itertools.count()


def article(url: str, outlet: str | None, day: dt.date | None, *said: tuple[str, str]) -> tuple:
    """An article of direct quotes ``"WORDS," NAME said.``, one sentence each."""
    parts, quotes, offset = [], [], 0
    for name, words in said:
        sentence = f'"{words}," {name} said. '
        mention = offset + len(words) + 4
        quotes.append(
            Quote(
                type="direct",
                start=offset + 1,
                end=offset + 1 + len(words),
                cue="said",
                cue_start=mention + len(name) + 1,
                cue_end=mention + len(name) + 5,
                mention_start=mention,
                mention_end=mention + len(name),
                speaker=name,
                speaker_kind="person",
            )
        )
        parts.append(sentence)
        offset += len(sentence)
    body = "".join(parts) + "Nothing more was said."
    return Article(text=body, outlet=outlet, published=day, url=url, title=url), quotes


D1, D2, D3 = dt.date(2024, 3, 4), dt.date(2024, 3, 5), dt.date(2024, 4, 20)
ARTICLES = [
    article(
        "https://one.example/a",
        "North Herald",
        D1,
        ("Ines Varga", "The bridge will reopen before the summer holidays"),
        ("Tomas Reyes", "We have asked for an independent inspection of the bridge"),
        ("Ines Varga", "Nobody will pay a toll on the new crossing"),
    ),
    article(
        "https://two.example/b",
        "South Courier",
        D1,
        ("Ines Varga", "The bridge will reopen before the summer holidays"),
    ),
    article(
        "https://two.example/c",
        "South Courier",
        D2,
        ("Tomas Reyes", "We have asked for an independent inspection of the bridge"),
    ),
    article(
        "https://undated.example/d",
        None,
        None,
        ("Ines Varga", "The ferry keeps running until the bridge is open"),
    ),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """A database holding ARTICLES, grouped on ingest, on each backend."""
    name = None
    if request.param == "sqlite":
        url = str(tmp_path / "days.db")
    else:
        template = request.getfixturevalue("pg_template")
        name = f"qt_test_days_{os.getpid()}_{next(_names)}"
        postgres.drop_and_create(PG, [name], template=template)
        url = postgres.with_database(PG, name)
    with open_store(url) as store:
        store.save_articles(ARTICLES)
    yield url
    if name:
        postgres.drop_databases(PG, [name])


def stored_counts(qt) -> Counter:
    """``speaker_days`` as it is: (speaker, day or None, outlet or None) -> quotes."""
    with qt.store.session() as s:
        rows = s.execute(text("SELECT speaker_id, day, outlet_id, n_quotes FROM speaker_days"))
        out: Counter = Counter()
        for sid, day, outlet, n in rows:
            day = dt.date.fromisoformat(day) if isinstance(day, str) else day
            out[(sid, None if day == dt.date(1, 1, 1) else day, outlet or None)] += n
        return out


def recount(qt) -> Counter:
    """The same counts, counted afresh from every stored quote and its article."""
    with qt.store.session() as s:
        rows = s.execute(
            text(
                "SELECT q.speaker_id, a.published, a.outlet_id FROM quotes q "
                "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id IS NOT NULL"
            )
        )
        out: Counter = Counter()
        for sid, day, outlet in rows:
            day = dt.date.fromisoformat(day) if isinstance(day, str) else day
            out[(sid, day, outlet)] += 1
        return out


def assert_counts_hold(qt) -> None:
    assert stored_counts(qt) == recount(qt)
    # No row is left behind at zero (nor below).
    assert all(n > 0 for n in stored_counts(qt).values())


def speaker(qt, name: str) -> int:
    (found,) = [s for s in qt.speakers(name) if s.match == "exact"]
    return found.id


def quote_id(qt, words: str) -> int:
    return next(q.id for q in qt.quotes() if q.text == words)


def test_the_timeline_counts_every_quote_its_day_and_its_outlets(db):
    with quotetrack.open(db) as qt:
        assert_counts_hold(qt)
        seen = qt.speaker_activity(speaker(qt, "Ines Varga"))
        assert seen.speaker.n_quotes == 4 and seen.n_undated == 1 and seen.n_outlets == 2
        assert seen.period_unit == "day"
        (day,) = [p for p in seen.timeline if p.n_quotes]
        assert (day.start, day.n_quotes, day.n_outlets) == (D1, 3, 2)


def test_counts_follow_an_article_replaced_with_another_date_and_outlet(db):
    art, quotes = ARTICLES[1]
    moved = Article(
        text=art.text + " The council confirmed it.",
        outlet="East Gazette",
        published=D3,
        url=art.url,
        title=art.title,
    )
    with open_store(db) as store:
        assert store.save_article(moved, quotes).status == "updated"
    with quotetrack.open(db) as qt:
        assert_counts_hold(qt)
        seen = qt.speaker_activity(speaker(qt, "Ines Varga"))
        # March 4 to April 20 is more than a month: weeks, every one of them shown.
        assert seen.period_unit == "week"
        assert [p.n_quotes for p in seen.timeline if p.n_quotes] == [2, 1]
        assert len(seen.timeline) == (D3 - D1).days // 7 + 1
        assert seen.n_outlets == 2  # North Herald, East Gazette
        qt.regroup()
        assert_counts_hold(qt)


def test_counts_follow_corrections_and_their_undo(db):
    with quotetrack.open(db) as qt:
        ines, tomas = speaker(qt, "Ines Varga"), speaker(qt, "Tomas Reyes")
        merge = qt.fix.merge_speakers(ines, [tomas], note="one source in these tests")
        assert_counts_hold(qt)
        assert qt.speaker_activity(ines).speaker.n_quotes == 6
        qt.fix.undo(merge.id)
        assert_counts_hold(qt)
        assert qt.speaker_activity(tomas).speaker.n_quotes == 2

        toll = quote_id(qt, "Nobody will pay a toll on the new crossing")
        qt.fix.reassign_quote(toll, tomas)
        assert_counts_hold(qt)
        assert qt.speaker_activity(tomas).speaker.n_quotes == 3

        ferry = quote_id(qt, "The ferry keeps running until the bridge is open")
        removed = qt.fix.not_a_quote(ferry)
        assert_counts_hold(qt)
        assert qt.speaker_activity(ines).n_undated == 0
        qt.fix.undo(removed.id)
        assert_counts_hold(qt)
        assert qt.speaker_activity(ines).n_undated == 1


def test_unknown_ids_are_not_found_and_an_article_lists_its_quotes_in_order(db):
    with quotetrack.open(db, readonly=True) as qt:
        for method in (
            qt.speaker_activity,
            qt.quote,
            qt.article,
            qt.outlet,
            qt.statement_summary,
        ):
            with pytest.raises(quotetrack.NotFound):
                method(987654)
        assert qt.live_statement_id(987654) is None
        url = ARTICLES[0][0].url
        (aid,) = {q.article_id for q in qt.quotes() if q.url == url}
        full = qt.article(aid)
        assert full.n_quotes == 3 and [q.start for q in full.quotes] == sorted(
            q.start for q in full.quotes
        )
        assert all(full.text[q.start : q.end] == q.text for q in full.quotes)
        assert len(qt.article(aid, quotes=2).quotes) == 2 and qt.article(aid, quotes=0).quotes == ()


def test_counts_follow_writes_made_directly_in_sql(db):
    # The triggers keep the counts whoever writes: an article's date and outlet changed in
    # place, a quote moved to another article, an article deleted with its quotes.
    with quotetrack.open(db) as qt:
        with qt.store.session(write=True) as s:
            north = s.execute(text("SELECT id FROM outlets WHERE name = 'North Herald'")).scalar()
            s.execute(
                text("UPDATE articles SET published = :d, outlet_id = :o WHERE url = :u"),
                {"d": D3, "o": north, "u": "https://undated.example/d"},
            )
        assert_counts_hold(qt)
        assert qt.speaker_activity(speaker(qt, "Ines Varga")).n_undated == 0
        with qt.store.session(write=True) as s:
            s.execute(
                text("UPDATE articles SET outlet_id = NULL WHERE url = :u"),
                {"u": ARTICLES[0][0].url},
            )
            target = s.execute(
                text("SELECT id FROM articles WHERE url = :u"), {"u": ARTICLES[2][0].url}
            ).scalar()
            s.execute(
                text("UPDATE quotes SET article_id = :a WHERE id = :q"),
                {"a": target, "q": quote_id(qt, "Nobody will pay a toll on the new crossing")},
            )
        assert_counts_hold(qt)
        with qt.store.session(write=True) as s:
            s.execute(text("DELETE FROM articles WHERE url = :u"), {"u": ARTICLES[0][0].url})
        assert_counts_hold(qt)
        assert qt.speaker_activity(speaker(qt, "Tomas Reyes")).speaker.n_quotes == 1


def test_periods_are_the_calendar_weeks_and_months_holding_each_quote(db):
    later = [
        article(
            f"https://late.example/{i}", "North Herald", day, ("Ines Varga", f"Point {i} stands")
        )
        for i, day in enumerate([dt.date(2024, 3, 31), dt.date(2024, 4, 1), dt.date(2024, 4, 7)])
    ]
    with open_store(db) as store:
        store.save_articles(later)
    with quotetrack.open(db, readonly=True) as qt:
        ines = speaker(qt, "Ines Varga")
        seen = qt.speaker_activity(ines)
        # March 4 to April 7: five weeks, each starting on a Monday (Sunday the 31st belongs
        # to the week of March 25, Sunday April 7 to that of April 1).
        assert seen.period_unit == "week"
        assert [p.start for p in seen.timeline] == [
            dt.date(2024, 3, 4) + dt.timedelta(weeks=i) for i in range(5)
        ]
        assert [p.n_quotes for p in seen.timeline] == [3, 0, 0, 1, 2]
        with open_store(db) as store:
            store.save_article(
                *article(
                    "https://late.example/x",
                    "South Courier",
                    dt.date(2024, 12, 25),
                    ("Ines Varga", "A last word"),
                )
            )
        seen = qt.speaker_activity(ines)
        assert seen.period_unit == "month"
        assert [(p.start, p.n_quotes, p.n_outlets) for p in seen.timeline] == [
            (dt.date(2024, 3, 1), 4, 2),
            (dt.date(2024, 4, 1), 2, 1),
            *[(dt.date(2024, m, 1), 0, 0) for m in range(5, 12)],
            (dt.date(2024, 12, 1), 1, 1),
        ]
