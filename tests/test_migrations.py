"""Alembic migrations: empty → head, models agree with the migrated schema, upgrades keep data."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from quotetrack.store import engine as engine_mod
from quotetrack.store import open_store
from quotetrack.store.models import Base


def include_name(name, type_, parent_names) -> bool:
    # The FTS index is raw DDL (revision 0003), not a model.
    return not (type_ == "table" and name.startswith("quotes_fts"))


def test_an_empty_database_is_migrated_to_head_on_open(tmp_path):
    store = open_store(tmp_path / "empty.db")
    assert engine_mod.current_revision(store.engine) == engine_mod.head_revision()
    tables = {r[0] for r in store.run_sql("SELECT name FROM sqlite_master WHERE type = 'table'")[1]}
    assert {"outlets", "articles", "speakers", "speaker_aliases", "statements", "quotes"} <= tables


def test_reopening_a_migrated_database_changes_nothing(tmp_path):
    open_store(tmp_path / "db.db").close()
    before = (tmp_path / "db.db").stat().st_size
    store = open_store(tmp_path / "db.db")
    assert engine_mod.current_revision(store.engine) == engine_mod.head_revision()
    assert (tmp_path / "db.db").stat().st_size == before


def test_models_match_the_schema_the_migrations_build(tmp_path):
    store = open_store(tmp_path / "db.db")
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_every_revision_downgrades_cleanly(tmp_path):
    store = open_store(tmp_path / "db.db")
    engine_mod.downgrade(store.engine, "base")
    tables = {r[0] for r in store.run_sql("SELECT name FROM sqlite_master WHERE type = 'table'")[1]}
    assert tables <= {"alembic_version", "sqlite_sequence"}
    engine_mod.migrate(create_engine(f"sqlite:///{store.path}"))


# Rows for every table at head; at an earlier revision only the columns that exist there
# are written. Values are chosen so that any column copied wrongly would show.
SAMPLE_ROWS = {
    "outlets": [
        {"id": 1, "name": "Reuters", "domain": "reuters.com"},
        {"id": 2, "name": "Al Jazeera", "domain": None},
    ],
    "articles": [
        {
            "id": 1,
            "outlet_id": 1,
            "url": "https://reuters.com/a",
            "title": "Talks in Doha",
            "published": "2023-11-30",
            "author": "A. Writer",
            "source_path": "a.html",
            "source_line": None,
            "content_hash": "h1",
            "text": '"The pause must hold," Blinken said. Officials said talks continue.',
            "word_count": 10,
            "provenance": '{"title": "html_meta"}',
            "ingested_at": "2023-12-01 10:00:00.000000",
            "updated_at": "2023-12-01 10:00:00.000000",
        },
        {
            "id": 2,
            "outlet_id": 2,
            "url": None,
            "title": "Ceasefire",
            "published": None,
            "author": None,
            "source_path": "feed.jsonl",
            "source_line": 7,
            "content_hash": "h2",
            "text": "A senior official said the talks stalled.",
            "word_count": 7,
            "provenance": None,
            "ingested_at": "2023-12-02 11:30:00.000000",
            "updated_at": "2023-12-03 09:15:00.000000",
        },
    ],
    "speakers": [
        {
            "id": 1,
            "name": "Antony Blinken",
            "name_key": "antony blinken",
            "surname_key": "blinken",
            "kind": "person",
            "role": "Secretary of State",
        },
        {
            "id": 2,
            "name": "a senior official",
            "name_key": "senior official",
            "surname_key": None,
            "kind": "anonymous",
            "role": None,
        },
    ],
    "speaker_aliases": [
        {"id": 1, "speaker_id": 1, "alias": "Blinken", "alias_key": "blinken"},
        {"id": 2, "speaker_id": 1, "alias": "Antony Blinken", "alias_key": "antony blinken"},
    ],
    "statements": [
        {
            "id": 7,
            "speaker_id": 1,
            "root_quote_id": 1,
            "first_published": "2023-11-30",
            "first_outlet_id": 1,
            "n_quotes": 1,
            "n_outlets": 1,
            "created_at": "2023-12-01 10:00:01.000000",
        },
    ],
    "quotes": [
        {
            "id": 1,
            "article_id": 1,
            "speaker_id": 1,
            "statement_id": 7,
            "type": "direct",
            "start": 1,
            "end": 20,
            "text": "The pause must hold",
            "cue": "said",
            "cue_start": 31,
            "cue_end": 35,
            "mention": "Blinken",
            "mention_start": 23,
            "mention_end": 30,
            "sentence": '"The pause must hold," Blinken said.',
            "speaker_description": None,
            "variant_kind": "root",
            "variant_detail": None,
            "similarity": 1.0,
            "signature": bytes(range(64)),
        },
        {
            "id": 2,
            "article_id": 2,
            "speaker_id": 2,
            "statement_id": None,
            "type": "indirect",
            "start": 24,
            "end": 40,
            "text": "the talks stalled",
            "cue": "said",
            "cue_start": 19,
            "cue_end": 23,
            "mention": None,
            "mention_start": None,
            "mention_end": None,
            "sentence": "A senior official said the talks stalled.",
            "speaker_description": "a senior official",
            "variant_kind": None,
            "variant_detail": '{"changed": []}',
            "similarity": 0.5,
            "signature": None,
        },
    ],
}
TABLE_ORDER = ["outlets", "articles", "speakers", "speaker_aliases", "statements", "quotes"]


def _columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')]


def _populate(engine) -> dict[str, list[tuple]]:
    """Insert SAMPLE_ROWS (the columns this revision has); returns each table's rows."""
    with engine.begin() as conn:
        # statements and quotes reference each other: check references at commit.
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for table in TABLE_ORDER:
            cols = _columns(conn, table)
            if not cols:
                continue
            for row in SAMPLE_ROWS[table]:
                present = [c for c in row if c in cols]
                conn.exec_driver_sql(
                    f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in present)}) '
                    f"VALUES ({', '.join('?' for _ in present)})",
                    tuple(row[c] for c in present),
                )
    return _snapshot(engine)


def _snapshot(engine, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    out = {}
    with engine.connect() as conn:
        for table in TABLE_ORDER:
            cols = columns[table] if columns else _columns(conn, table)
            if cols:
                quoted = ", ".join(f'"{c}"' for c in cols)
                out[table] = conn.exec_driver_sql(
                    f'SELECT {quoted} FROM "{table}" ORDER BY id'
                ).fetchall()
    return out


@pytest.mark.parametrize("revision", ["0001", "0002", "0003", "0004", "0007", "0008", "0009"])
def test_upgrading_a_populated_database_to_head_keeps_every_row_and_value(tmp_path, revision):
    engine = engine_mod.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    engine_mod.migrate(engine, revision)
    before = _populate(engine)
    with engine.connect() as conn:
        columns = {t: _columns(conn, t) for t in TABLE_ORDER}

    store = open_store(tmp_path / "old.db")  # migrates to head on open
    assert engine_mod.current_revision(store.engine) == engine_mod.head_revision()
    assert _snapshot(store.engine, columns) == before
    # Quotes stored before the search index existed are searchable after the upgrade.
    assert [r["id"] for r in store.search("pause")] == [1]
    assert store.run_sql("SELECT count(*) FROM quote_view")[1] == [(2,)]
