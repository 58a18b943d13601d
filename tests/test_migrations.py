"""Alembic migrations: empty → head, models agree with the migrated schema, upgrades keep data."""

from __future__ import annotations

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
            conn, opts={"compare_type": True, "include_name": include_name})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_every_revision_downgrades_cleanly(tmp_path):
    store = open_store(tmp_path / "db.db")
    engine_mod.downgrade(store.engine, "base")
    tables = {r[0] for r in store.run_sql("SELECT name FROM sqlite_master WHERE type = 'table'")[1]}
    assert tables <= {"alembic_version", "sqlite_sequence"}
    engine_mod.migrate(create_engine(f"sqlite:///{store.path}"))
