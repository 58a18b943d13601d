"""Opening quotetrack's database: URL resolution, SQLite settings and Alembic migration.

The store never calls ``create_all``: a new database is brought to the head revision by
running the Alembic revisions in ``migrations/`` (shipped as ``quotetrack.migrations``).
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

DEFAULT_DB = "quotetrack.db"
BUSY_TIMEOUT_MS = 10_000


def resolve_url(db: str | os.PathLike | None) -> str:
    """Turn a path, an SQLAlchemy URL or ``None`` into an SQLAlchemy URL string.

    ``None`` means ``$QUOTETRACK_DB`` or ``./quotetrack.db``; anything without ``://`` is a
    SQLite file path (``~`` expanded, made absolute so read-only URIs work).
    """
    if db is None:
        db = os.environ.get("QUOTETRACK_DB") or DEFAULT_DB
    db = str(db)
    if "://" in db:
        from quotetrack.store import postgres

        # postgresql:// means the psycopg 3 driver (SQLAlchemy's default would be psycopg2).
        return postgres.driver_url(db) if postgres.is_postgres_url(db) else db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def sqlite_path(url: str) -> str | None:
    """The database file of a SQLite URL, or ``None`` for in-memory and non-SQLite URLs."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    if not u.database or u.database == ":memory:":
        return None
    return u.database


def _configure_sqlite(engine: Engine, *, readonly: bool) -> None:
    """Install SQLite settings on every new connection and explicit BEGIN handling.

    pysqlite's own transaction handling defers BEGIN until the first write and commits
    before DDL, which breaks transactional migrations and savepoints; we switch it off and
    emit BEGIN ourselves (``BEGIN IMMEDIATE`` for connections marked ``immediate=True`` so
    a writer takes the write lock up front instead of failing on upgrade).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if readonly:
            cur.execute("PRAGMA query_only = ON")
        else:
            cur.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL is crash-safe (a power loss may drop the last commits, never corrupt).
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate and not readonly else "BEGIN")


def make_engine(url: str, *, readonly: bool = False) -> Engine:
    """Create an engine for ``url``; SQLite files open read-only (``mode=ro``) when asked."""
    u = make_url(url)
    if u.get_backend_name() == "postgresql":
        from quotetrack.store import postgres

        return postgres.make_engine(url, readonly=readonly)
    if u.get_backend_name() != "sqlite":
        return create_engine(url)
    path = sqlite_path(url)
    if readonly:
        if path is None:
            raise ValueError("a read-only store needs a database file, not an in-memory database")
        if not Path(path).exists():
            raise FileNotFoundError(f"no quotetrack database at {path}")
        engine = create_engine(
            f"sqlite:///file:{path}?mode=ro&uri=true",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        )
    else:
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine, readonly=readonly)
    return engine


def migrations_dir() -> Path:
    """The directory holding env.py and versions/ (package ``quotetrack.migrations``)."""
    try:
        import quotetrack.migrations
    except ModuleNotFoundError:
        # Imported from a source checkout (`python -m pytest` in the repository puts it
        # first on sys.path): the top-level migrations/ is what wheels ship under that name.
        return Path(__file__).resolve().parents[2] / "migrations"
    return Path(quotetrack.migrations.__file__).parent


def alembic_config() -> Config:
    """An Alembic config pointing at quotetrack's migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revision() -> str:
    """The newest revision id in ``migrations/versions``."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind ``engine`` to ``revision`` in one transaction."""
    cfg = alembic_config()
    if engine.dialect.name != "sqlite":
        from quotetrack.store import postgres

        def upgrade(conn) -> None:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)

        postgres.migrate(engine, upgrade)
        return
    with engine.connect().execution_options(immediate=True) as conn:
        # SQLite's procedure for schema changes: foreign keys off while batch operations
        # rebuild tables (else dropping the old copy fires ON DELETE actions), checked after.
        raw = conn.connection.dbapi_connection
        assert raw is not None  # an open connection has its DB-API connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
            broken = raw.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"migration left dangling references: {broken[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database behind ``engine`` to ``revision`` (for tests and recovery)."""
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
        conn.commit()
