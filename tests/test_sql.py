"""Read-only SQL access: reads work, anything that changes the database is refused by name."""

from __future__ import annotations

import pytest

from quotetrack.store import QueryTimeout, ReadOnlyViolation, SQLError, open_store
from quotetrack.types import Article, Quote


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "sql.db")
    text = '"Aid must reach Gaza," Antony Blinken said.'
    s.save_article(
        Article(text=text, outlet="Reuters"),
        [Quote(type="direct", start=1, end=20, speaker="Antony Blinken", speaker_kind="person")],
    )
    yield s
    s.close()


def test_a_select_returns_column_names_and_rows(store):
    columns, rows = store.run_sql("SELECT name, kind FROM speakers")
    assert columns == ["name", "kind"] and rows == [("Antony Blinken", "person")]


def test_reading_pragmas_are_allowed(store):
    columns, rows = store.run_sql("PRAGMA table_info(quotes)")
    assert "name" in columns and any(r[1] == "speaker_id" for r in rows)


@pytest.mark.parametrize(
    "sql, refused",
    [
        ("INSERT INTO outlets(name) VALUES ('Fake News')", "INSERT"),
        ("UPDATE speakers SET name = 'Someone'", "UPDATE"),
        ("DELETE FROM quotes", "DELETE"),
        ("DROP TABLE quotes", "DROP"),
        ("CREATE TABLE notes(x)", "CREATE"),
        ("ALTER TABLE quotes ADD COLUMN x", "ALTER"),
        ("ATTACH DATABASE '/tmp/other.db' AS other", "ATTACH"),
        ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys"),
        ("PRAGMA journal_mode = DELETE", "PRAGMA journal_mode"),
        ("PRAGMA writable_schema", "PRAGMA writable_schema"),
        ("VACUUM", "VACUUM"),
        ("REINDEX", "REINDEX"),
        ("UPDATE sqlite_master SET sql = ''", "sqlite_master"),
        ("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')", "INSERT"),
    ],
)
def test_statements_that_change_anything_are_refused_by_name(store, sql, refused):
    with pytest.raises(ReadOnlyViolation, match=refused):
        store.run_sql(sql)
    assert store.run_sql("SELECT count(*) FROM quotes")[1] == [(1,)]
    assert store.run_sql("SELECT name FROM outlets")[1] == [("Reuters",)]


def test_a_long_query_stops_at_the_time_limit(store):
    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )
    with pytest.raises(QueryTimeout, match="0.2 s"):
        store.run_sql(endless, timeout=0.2)


def test_bad_sql_is_reported_with_sqlites_message(store):
    with pytest.raises(SQLError, match="no such table"):
        store.run_sql("SELECT * FROM nowhere")
