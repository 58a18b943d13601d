"""Alembic environment for quotetrack's database.

quotetrack runs Alembic programmatically (``quotetrack.store.engine.migrate``): the caller puts an
open SQLAlchemy connection into ``config.attributes["connection"]``, so no alembic.ini and no
URL handling is needed here. Running ``alembic`` by hand also works with ``-x db=PATH``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from quotetrack.store.models import Base

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, parent_names) -> bool:
    """Autogenerate ignores the FTS index and its shadow tables (made by raw DDL in 0003)."""
    return not (type_ == "table" and name and name.startswith("quotes_fts"))


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    db = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not db:
        raise SystemExit("quotetrack migrations need a database: alembic -x db=PATH upgrade head")
    url = db if "://" in db else f"sqlite:///{db}"
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("quotetrack migrations run online only (SQLite has no useful offline DDL).")
run_migrations_online()
