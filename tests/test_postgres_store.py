"""The store on both backends: the same behaviour on SQLite and on a real PostgreSQL server.

The PostgreSQL runs need a server: ``QUOTETRACK_TEST_PG=postgresql://user:pw@host/db`` (a role
that may create databases; ``.ci/run`` starts one). Without it they are reported as skipped.
Every PostgreSQL test gets a fresh database copied from a template migrated once per module.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from quotetrack.ingest import open_store
from quotetrack.statements import queries as statement_queries
from quotetrack.store import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    QueryTimeout,
    ReadOnlyViolation,
    SearchSyntaxError,
    SQLError,
    postgres,
)
from quotetrack.store import engine as engine_mod
from quotetrack.types import Article, Quote

PG = os.environ.get("QUOTETRACK_TEST_PG")


def list_statements(store, **filters):
    with store.session() as s:
        return statement_queries.list_statements(s, **filters)


SAMPLES = Path(__file__).resolve().parent.parent / "samples"
_names = itertools.count()


@pytest.fixture
def pg_url(pg_template):
    """A fresh, migrated PostgreSQL database for one test."""
    name = f"qt_test_store_{os.getpid()}_{next(_names)}"
    postgres.drop_and_create(PG, [name], template=pg_template)
    yield postgres.with_database(PG, name)
    postgres.drop_databases(PG, [name])


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty store on each backend."""
    url = (
        str(tmp_path / "news.db")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    s = open_store(url)
    yield s
    s.close()


def quote(
    text: str, words: str, speaker: str | None, *, qtype: str = "direct", role: str | None = None
) -> Quote:
    start = text.index(words)
    return Quote(
        type=qtype,
        start=start,
        end=start + len(words),
        cue="said",
        speaker=speaker,
        speaker_kind="person",
        speaker_role=role,
    )


def article(said: str, speaker: str, *, outlet: str, day: int, url: str, role=None):
    text = f'"{said}," {speaker} said on Thursday, {outlet} reported.'
    art = Article(text=text, outlet=outlet, url=url, published=dt.date(2023, 12, day))
    return art, [quote(text, said, speaker, role=role)]


# --------------------------------------------------------------------------- opening


def test_postgresql_urls_use_the_psycopg_3_driver():
    assert postgres.driver_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert postgres.driver_url("postgres://h/db") == "postgresql+psycopg://h/db"
    assert postgres.driver_url("postgresql+psycopg://h/db") == "postgresql+psycopg://h/db"
    assert engine_mod.resolve_url("postgresql://h/db") == "postgresql+psycopg://h/db"
    assert engine_mod.resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_long_name_locks_the_surnames_of_its_short_forms_too():
    # "Idris Amara Welde" may take over "Idris Amara", stored under the surname "amara":
    # a writer resolving it holds that group as well as its own.
    from quotetrack.attribute import identity
    from quotetrack.store.speakers import SpeakerRef

    groups = postgres.identity_groups([SpeakerRef("person", "Idris Amara Welde")], identity)
    assert groups == {("person", "welde"), ("person", "amara")}
    assert postgres.identity_groups([SpeakerRef("person", "Ana Ortiz")], identity) == {
        ("person", "ortiz")
    }
    # a business may take over a one-word name stored under its first word
    assert postgres.identity_groups(
        [SpeakerRef("organisation", "Veridia Platforms Inc.")], identity
    ) == {("organisation", "veridia platforms"), ("person", "veridia")}


def test_a_new_postgresql_database_is_migrated_by_the_same_revisions(pg_template):
    url = postgres.with_database(PG, pg_template).replace("postgresql+psycopg://", "postgresql://")
    s = open_store(url)
    try:
        assert s.engine.dialect.name == "postgresql" and s.engine.driver == "psycopg"
        assert engine_mod.current_revision(s.engine) == engine_mod.head_revision()
        with s.session() as db:
            views = set(
                db.scalars(text("SELECT viewname FROM pg_views WHERE schemaname = 'public'"))
            )
            index = db.scalar(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_quotes_text_search'")
            )
        assert {"quote_view", "statement_view", "speaker_view"} <= views
        assert "USING gin" in index and "to_tsvector" in index
    finally:
        s.close()


def test_postgresql_migrations_downgrade_and_upgrade_again(pg_url):
    s = open_store(pg_url)
    try:
        engine_mod.downgrade(s.engine, "base")
        assert engine_mod.current_revision(s.engine) is None
        engine_mod.migrate(s.engine)
        assert engine_mod.current_revision(s.engine) == engine_mod.head_revision()
        assert s.stats()["articles"] == 0
    finally:
        s.close()


# --------------------------------------------------------------------------- saving


def test_saving_is_idempotent_and_a_changed_article_replaces_its_quotes(store):
    art, qs = article(
        "We must protect civilians",
        "Antony Blinken",
        outlet="Reuters",
        day=1,
        url="https://example.org/a",
    )
    assert store.save_article(art, qs).status == "new"
    assert store.save_article(art, qs).status == "unchanged"
    art2, qs2 = article(
        "Hostages must come home",
        "Antony Blinken",
        outlet="Reuters",
        day=2,
        url="https://example.org/a",
    )
    assert store.save_article(art2, qs2).status == "updated"
    assert [q["text"] for q in store.quotes()] == ["Hostages must come home"]
    assert store.stats() | {"statements": 0} == {
        "articles": 1,
        "quotes": 1,
        "speakers": 1,
        "outlets": 1,
        "statements": 0,
    }


def test_a_surname_first_becomes_the_full_name_later_with_both_as_aliases(store):
    store.save_article(
        *article("The pause must hold", "Blinken", outlet="AP", day=1, url="https://example.org/1")
    )
    store.save_article(
        *article(
            "Aid must flow",
            "Antony Blinken",
            outlet="BBC",
            day=2,
            url="https://example.org/2",
            role="Secretary of State",
        )
    )
    (sp,) = store.find_speakers("Blinken")
    assert sp["name"] == "Antony Blinken" and sp["quotes"] == 2
    assert sp["role"] == "Secretary of State"
    assert {"Blinken", "Antony Blinken"} <= set(sp["aliases"])


def test_the_same_words_in_two_outlets_are_one_statement(store):
    store.save_article(
        *article(
            "We must protect civilians in Gaza",
            "Antony Blinken",
            outlet="Reuters",
            day=1,
            url="https://example.org/r",
        )
    )
    store.save_article(
        *article(
            "We must protect civilians in Gaza",
            "Antony Blinken",
            outlet="AP",
            day=2,
            url="https://example.org/ap",
        )
    )
    (st,) = list_statements(store)
    assert st["n_quotes"] == 2 and st["n_outlets"] == 2 and st["first_outlet"] == "Reuters"


def test_an_article_whose_statements_step_fails_leaves_no_trace(store, monkeypatch):
    import quotetrack.statements.db as statements

    def broken(session, quote_ids, *params):
        raise RuntimeError("grouping crashed")

    monkeypatch.setattr(statements, "assign", broken)
    with pytest.raises(RuntimeError):
        store.save_article(
            *article("Talks go on", "John Kirby", outlet="AP", day=3, url="https://example.org/k")
        )
    assert store.stats() == {
        "articles": 0,
        "quotes": 0,
        "speakers": 0,
        "outlets": 0,
        "statements": 0,
    }


# --------------------------------------------------------------------------- search

SEARCHED = [
    (
        "Reuters",
        1,
        "Antony Blinken",
        "Civilians must be protected before any operation in southern Gaza",
    ),
    ("AP", 2, "Antony Blinken", "Protecting civilians is a priority, and the pause must hold"),
    ("BBC", 4, "John Kirby", "The pause collapsed because rockets were fired"),
    (
        "BBC",
        6,
        "Josep Borrell",
        "Humanitarian aid is not enough; civilians in Gaza need water and protection",
    ),
]


@pytest.fixture
def searchable(store):
    for i, (outlet, day, speaker, said) in enumerate(SEARCHED):
        store.save_article(
            *article(said, speaker, outlet=outlet, day=day, url=f"https://example.org/s{i}")
        )
    return store


def said(rows) -> list[str]:
    return [r["text"] for r in rows]


def test_search_stems_words_and_needs_all_of_them(searchable):
    found = said(searchable.search("protect civilians"))
    assert len(found) == 3 and all("ivilians" in t for t in found)
    assert said(searchable.search("rockets pause")) == [SEARCHED[2][3]]


def test_search_phrases_or_not_and_prefixes(searchable):
    assert said(searchable.search('"the pause must hold"')) == [SEARCHED[1][3]]
    assert searchable.search('"hold must pause"') == []
    assert len(searchable.search("pause OR water")) == 3
    assert said(searchable.search("civilians NOT Gaza")) == [SEARCHED[1][3]]
    assert len(searchable.search("gaz*")) == 2


def test_search_ranks_the_closest_match_first_and_highlights_it(searchable):
    rows = searchable.search("pause")
    assert rows[0]["text"] == SEARCHED[2][3] and rows[0]["score"] <= rows[1]["score"]
    assert f"{SNIPPET_OPEN}pause{SNIPPET_CLOSE}" in rows[0]["snippet"]
    assert rows[0]["speaker"] == "John Kirby" and rows[0]["outlet"] == "BBC"


def test_search_filters_and_syntax_errors(searchable):
    assert said(searchable.search("civilians", outlet="bbc")) == [SEARCHED[3][3]]
    assert len(searchable.search("civilians", speaker="Blinken")) == 2
    with pytest.raises(SearchSyntaxError, match="bad search query"):
        searchable.search('"unterminated phrase')
    with pytest.raises(SearchSyntaxError):
        searchable.search("AND OR")


def test_search_follows_replaced_and_deleted_quotes(searchable):
    searchable.save_article(
        *article(
            "Hostages must come home",
            "Antony Blinken",
            outlet="AP",
            day=3,
            url="https://example.org/s1",
        )
    )
    assert searchable.search('"the pause must hold"') == []
    assert said(searchable.search("hostages")) == ["Hostages must come home"]
    with searchable.session(write=True) as s:
        s.execute(text("DELETE FROM articles WHERE url = 'https://example.org/s2'"))
    assert searchable.search("rockets") == []


# --------------------------------------------------------------------------- read-only SQL


def test_sql_reads_views(searchable):
    columns, rows = searchable.run_sql(
        "SELECT speaker, count(*) AS n FROM quote_view GROUP BY speaker ORDER BY n DESC, speaker"
    )
    assert columns == ["speaker", "n"] and rows[0] == ("Antony Blinken", 2)


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM quotes",
        "UPDATE speakers SET name = 'x'",
        "DROP TABLE quotes",
        "INSERT INTO outlets (name) VALUES ('x')",
        "CREATE TABLE t (x int)",
    ],
)
def test_sql_refuses_anything_that_writes(searchable, statement):
    with pytest.raises(ReadOnlyViolation):
        searchable.run_sql(statement)
    assert searchable.stats()["quotes"] == 4 and searchable.stats()["speakers"] == 3


def test_postgresql_sql_runs_one_statement_in_a_read_only_transaction(pg_url):
    s = open_store(pg_url)
    try:
        s.save_article(
            *article("Talks go on", "John Kirby", outlet="AP", day=3, url="https://example.org/k")
        )
        with pytest.raises(SQLError, match="one statement"):
            s.run_sql("SELECT 1; DELETE FROM quotes")
        with pytest.raises(ReadOnlyViolation):
            s.run_sql("WITH gone AS (DELETE FROM quotes RETURNING id) SELECT count(*) FROM gone")
        with pytest.raises(ReadOnlyViolation, match="COPY"):
            s.run_sql("COPY quotes TO STDOUT")
        assert s.run_sql("SELECT current_setting('transaction_read_only')")[1] == [("on",)]
        assert s.run_sql("SELECT '100%' AS pct")[1] == [("100%",)]
        assert s.stats()["quotes"] == 1
    finally:
        s.close()


def test_sql_stops_at_the_time_limit(store):
    slow = (
        "SELECT pg_sleep(5)"
        if store.engine.dialect.name == "postgresql"
        else "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    )
    with pytest.raises(QueryTimeout):
        store.run_sql(slow, timeout=0.3)


def test_bad_sql_is_an_sql_error(store):
    with pytest.raises(SQLError):
        store.run_sql("SELECT nothing FROM nowhere")


# --------------------------------------------------------------------------- every command


@pytest.fixture(scope="module")
def pg_samples(pg_template, request):
    """The sample articles ingested into one PostgreSQL database through the CLI."""
    request.getfixturevalue("nlp")  # the pipeline, loaded once per session (after the skip)
    name = f"qt_test_cli_{os.getpid()}"
    postgres.drop_and_create(PG, [name], template=pg_template)
    url = postgres.with_database(PG, name).replace("postgresql+psycopg://", "postgresql://")
    result = CliRunner().invoke(
        _cli(), ["--db", url, "ingest", "--quiet", str(SAMPLES)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    yield url
    postgres.drop_databases(PG, [name])


def _cli():
    from quotetrack.cli import cli

    return cli


def pg_run(url: str, *args: str) -> str:
    result = CliRunner().invoke(_cli(), ["--db", url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_works_on_postgresql(pg_samples, tmp_path):
    blinken = json.loads(pg_run(pg_samples, "speaker", "Antony Blinken", "--json"))
    assert blinken[0]["name"] == "Antony Blinken"
    assert len({q["article_id"] for q in blinken[0]["quotes"]}) >= 4
    assert json.loads(
        pg_run(pg_samples, "quotes", "--speaker", "Blinken", "--type", "direct", "--json")
    )
    assert json.loads(pg_run(pg_samples, "search", "civilians", "--json"))
    rows = json.loads(pg_run(pg_samples, "sql", "SELECT count(*) AS n FROM quote_view", "--json"))
    assert rows[0]["n"] > 20
    out = tmp_path / "quotes.csv"
    pg_run(pg_samples, "export", "quotes", "--output", str(out))
    assert out.read_text(encoding="utf-8").count("\n") > 20
    again = json.loads(pg_run(pg_samples, "ingest", "--json", str(SAMPLES)))
    assert again["new"] == 0 and again["unchanged"] == 5
    from quotetrack.cli import cli

    for name in ("statements", "regroup"):
        if name in cli.commands:
            pg_run(pg_samples, name)


def test_statements_regroup_to_the_same_result_on_postgresql(pg_samples):
    import quotetrack.statements as statements

    with open_store(pg_samples) as store:
        before = list_statements(store)
        with store.session(write=True) as s:
            counts = statements.regroup(s)
        assert counts["statements"] == len(before) and counts["kept"] == len(before)
        assert list_statements(store) == before
        with store.session() as s:
            detail = statements.statement_detail(s, before[0]["statement_id"])
        assert detail is not None


class _ServerError(Exception):
    """Stands in for a psycopg error: only its SQLSTATE matters to the drop."""

    def __init__(self, state: str):
        super().__init__(state)
        self.sqlstate = state


class _ScriptedConnection:
    """A connection that fails the first statements with the SQLSTATEs it is given."""

    def __init__(self, *states: str):
        self.states = list(states)
        self.sent: list[str] = []

    def exec_driver_sql(self, sql: str) -> None:
        from sqlalchemy.exc import DBAPIError

        self.sent.append(sql)
        if self.states:
            state = self.states.pop(0)
            raise DBAPIError(sql, None, _ServerError(state))


def test_a_database_an_autovacuum_worker_is_in_is_still_dropped():
    # FORCE is refused (42501) when a process the role may not signal, such as an
    # autovacuum worker, is in the database; a plain drop ends the worker and succeeds.
    conn = _ScriptedConnection("42501")
    postgres._drop_database(conn, "qt_x", pause=0)
    assert conn.sent == [
        'DROP DATABASE IF EXISTS "qt_x" WITH (FORCE)',
        'DROP DATABASE IF EXISTS "qt_x"',
    ]


def test_a_drop_that_meets_a_session_again_forces_once_more():
    conn = _ScriptedConnection("42501", "55006")
    postgres._drop_database(conn, "qt_x", pause=0)
    assert conn.sent[-1] == 'DROP DATABASE IF EXISTS "qt_x" WITH (FORCE)'
    assert len(conn.sent) == 3


def test_a_drop_that_stays_refused_or_fails_otherwise_raises():
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError):
        postgres._drop_database(_ScriptedConnection(*["42501"] * 10), "qt_x", attempts=3, pause=0)
    with pytest.raises(DBAPIError):
        postgres._drop_database(_ScriptedConnection("3D000"), "qt_x", pause=0)
