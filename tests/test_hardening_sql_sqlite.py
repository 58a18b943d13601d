"""`sql` on SQLite cannot write, cannot reach outside the database, and stops within its
limits of time, memory, value size and rows (issue 16, items 3 and 4)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.store import engine as engine_mod
from quotetrack.store import open_store
from quotetrack.store.sql import (
    QueryTimeout,
    ReadOnlyViolation,
    ResultTooLarge,
    run_readonly_sql,
    run_sqlite,
)
from quotetrack.types import Article, Quote

ROWS_100 = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r LIMIT 100) "


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "news.db"
    store = open_store(path)
    text = '"Aid must reach Gaza," Antony Blinken said.'
    store.save_article(
        Article(text=text, outlet="Reuters"),
        [Quote(type="direct", start=1, end=20, speaker="Antony Blinken", speaker_kind="person")],
    )
    store.close()
    return path


def sql_cli(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "sql", *args])


# ------------------------------------------------------------------ item 3: limits


def test_a_huge_blob_fails_at_once_on_the_value_size_limit(db):
    started = time.monotonic()
    with pytest.raises(ResultTooLarge, match="100 MB"):
        run_readonly_sql(db, "SELECT length(randomblob(200000000))", timeout=60)
    assert time.monotonic() - started < 5


def test_rows_of_big_values_stop_at_the_result_size_limit(db):
    # 100 rows of 1 MB each against a 10 MB budget: stopped after about ten rows.
    with pytest.raises(ResultTooLarge, match="10 MB"):
        run_sqlite(db, ROWS_100 + "SELECT zeroblob(1000000) FROM r", max_result_bytes=10 * 2**20)


def test_rows_are_cut_at_the_limit_and_the_result_says_so(db):
    result = run_readonly_sql(db, ROWS_100 + "SELECT i FROM r", limit=7)
    assert [r[0] for r in result.rows] == list(range(1, 8)) and result.truncated
    whole = run_readonly_sql(db, ROWS_100 + "SELECT i FROM r")
    assert len(whole.rows) == 100 and not whole.truncated


def test_the_table_output_prints_at_most_1000_rows_unless_asked(db):
    cross = ROWS_100 + "SELECT a.i, b.i FROM r AS a, r AS b"  # 10,000 rows
    res = sql_cli(db, cross)
    assert res.exit_code == 0, res.output
    assert "only the first 1000 rows" in res.output
    assert res.output.count("\n") < 1100
    assert len(sql_cli(db, cross, "--csv").stdout.splitlines()) == 10_001
    assert len(sql_cli(db, cross, "--limit", "5", "--csv").stdout.splitlines()) == 6


def test_a_query_that_never_ends_stops_at_the_wall_time(db):
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="0.3 s"):
        run_readonly_sql(db, endless, timeout=0.3)
    assert time.monotonic() - started < 3


def test_fts3_tokenizer_cannot_be_called(db):
    with pytest.raises(ReadOnlyViolation, match="fts3_tokenizer"):
        run_readonly_sql(db, "SELECT hex(fts3_tokenizer('simple'))")


def test_vacuum_into_creates_no_file(db, tmp_path):
    copy = tmp_path / "copy.db"
    with pytest.raises(ReadOnlyViolation):
        run_readonly_sql(db, f"; VACUUM INTO '{copy}'")
    assert not copy.exists()


def test_sqlites_memory_is_capped(db):
    # The heap limit is process-wide, so it is tried in a process of its own: a 64 MB string
    # built under a 16 MB cap fails with the limit named instead of taking the memory.
    code = (
        "import sys; from quotetrack.store.sql import run_sqlite\n"
        "try:\n"
        "    run_sqlite(sys.argv[1], \"SELECT length(group_concat(x, '')) FROM (SELECT "
        "zeroblob(1000000) AS x FROM (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
        'FROM r LIMIT 64) SELECT i FROM r))", heap_limit=16 * 2**20)\n'
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=120
    )
    assert out.stdout.startswith("ResultTooLarge"), out.stdout + out.stderr
    assert "memory" in out.stdout


# ------------------------------------------------------------------ item 4: never writes


def _tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_sql_on_a_foreign_file_changes_nothing_and_says_so(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE birds (name TEXT)")
        conn.execute("INSERT INTO birds VALUES ('wren')")
    before = path.read_bytes()
    result = run_readonly_sql(path, "SELECT name FROM birds")
    assert result.rows == [("wren",)]
    assert any("not a quotetrack database" in n for n in result.notes)
    assert path.read_bytes() == before and _tables(path) == {"birds"}
    res = sql_cli(path, "SELECT count(*) AS n FROM birds")
    assert res.exit_code == 0 and "not a quotetrack database" in res.output
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert path.read_bytes() == before


def test_sql_on_an_older_database_does_not_migrate_it(tmp_path):
    path = tmp_path / "old.db"
    engine = engine_mod.make_engine(f"sqlite:///{path}")
    engine_mod.migrate(engine, "0008")
    engine.dispose()
    res = sql_cli(path, "SELECT version_num FROM alembic_version", "--csv")
    assert res.exit_code == 0, res.output
    assert "0008" in res.output and "not migrated" in res.output
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0008",)


def test_reading_commands_refuse_an_older_database_without_changing_it(tmp_path):
    path = tmp_path / "old.db"
    engine = engine_mod.make_engine(f"sqlite:///{path}")
    engine_mod.migrate(engine, "0008")
    engine.dispose()
    before = path.read_bytes()
    for command in (["quotes"], ["speaker", "Blinken"], ["statements"]):
        res = CliRunner().invoke(cli, ["--db", str(path), *command])
        assert res.exit_code == 1, (command, res.output)
        assert "revision 0008" in res.output and "Traceback" not in res.output
    assert path.read_bytes() == before


def test_reading_commands_do_not_touch_a_foreign_file(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE birds (name TEXT)")
    before = path.read_bytes()
    res = CliRunner().invoke(cli, ["--db", str(path), "quotes"])
    assert res.exit_code == 1 and "not a quotetrack database" in res.output
    assert path.read_bytes() == before and _tables(path) == {"birds"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any folder")
def test_sql_and_quotes_work_in_a_read_only_folder(db):
    folder = db.parent
    folder.chmod(0o555)
    try:
        assert run_readonly_sql(db, "SELECT count(*) FROM quotes").rows == [(1,)]
        res = CliRunner().invoke(cli, ["--db", str(db), "quotes", "--json"])
        assert res.exit_code == 0, res.output
    finally:
        folder.chmod(0o755)
