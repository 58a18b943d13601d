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


def is_postgres(url: str) -> bool:
    """True when the SQLAlchemy URL ``url`` names a PostgreSQL database."""
    return make_url(url).get_backend_name() == "postgresql"


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
        # In a folder nobody may write to, a WAL database cannot be opened mode=ro (SQLite
        # would create its -shm file there); nobody can be writing it then, so immutable is
        # safe and lets it be read.
        mode = "ro" if os.access(Path(path).parent, os.W_OK) else "ro&immutable=1"
        engine = create_engine(
            f"sqlite:///file:{path}?mode={mode}&uri=true",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        )
    else:
        if path is not None:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine, readonly=readonly)
    return engine


class SchemaMismatch(RuntimeError):
    """A database opened read-only is not at this quotetrack's schema (older, newer, empty
    or not a quotetrack database); it is left as it is and the message says what to do."""


class CorruptDatabase(RuntimeError):
    """SQLite's integrity check found the database file damaged (message names the file)."""


def check_schema(engine: Engine) -> None:
    """Raise :class:`SchemaMismatch` unless the database is at the head revision.

    For read-only opening: reading commands never migrate, so an older database must be
    upgraded by a writing command first, and a foreign file is named as such.
    """
    from sqlalchemy import inspect

    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        revision = MigrationContext.configure(conn).get_current_revision()
    where = engine.url.render_as_string(hide_password=True)
    head = head_revision()
    if revision == head:
        return
    if "alembic_version" not in tables:
        if not tables:
            raise SchemaMismatch(f"{where} is empty: run `quotetrack ingest PATH…` first")
        raise SchemaMismatch(
            f"{where} is not a quotetrack database (it has tables but no alembic_version); "
            "it was left as it is"
        )
    try:
        script = ScriptDirectory.from_config(alembic_config())
        older = revision is None or script.get_revision(revision) is not None
    except Exception:  # an unknown revision id: written by a newer quotetrack
        older = False
    if older:
        raise SchemaMismatch(
            f"{where} has schema revision {revision}, this quotetrack needs {head}; reading "
            "commands never migrate: run a writing command (e.g. `quotetrack ingest` of any "
            "file, or `quotetrack regroup`) once to upgrade it"
        )
    raise SchemaMismatch(
        f"{where} has schema revision {revision}, newer than this quotetrack's {head}: "
        "upgrade quotetrack"
    )


def _integrity_cache() -> Path:
    base = os.environ.get("QUOTETRACK_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "quotetrack" / "integrity.json"


def _stamp(path: Path) -> list[int]:
    """(size, mtime in ns) of a database and its WAL: what changes when it is written."""
    stamp: list[int] = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = p.stat()
            stamp += [st.st_size, st.st_mtime_ns]
        except FileNotFoundError:
            stamp += [0, 0]
    return stamp


def check_integrity(engine: Engine, path: str | None) -> None:
    """Raise :class:`CorruptDatabase` when ``PRAGMA quick_check`` finds the SQLite file at
    ``path`` damaged.

    Cheap on open: the check runs only when the file changed since it last passed (its
    size and mtime, and its WAL's, are remembered in ``$QUOTETRACK_CACHE_DIR`` or the
    user's cache folder; a cache that cannot be written just means checking next time).
    """
    import json

    if path is None or not Path(path).exists():
        return
    file = Path(path).resolve()
    cache = _integrity_cache()
    try:
        known = json.loads(cache.read_text())
    except (OSError, ValueError):
        known = {}
    stamp = _stamp(file)
    if known.get(str(file)) == stamp:
        return
    problem: str | None = None
    try:
        with engine.connect() as conn:
            rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check(5)")]
        if rows != ["ok"]:
            problem = "; ".join(str(r) for r in rows)
    except Exception as exc:  # noqa: BLE001 - SQLite may fail to read a damaged file at all
        problem = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    if problem is not None:
        problem = " ".join(problem.split())[:300]  # SQLite's report may span lines
        raise CorruptDatabase(
            f"{file} is damaged ({problem}); nothing was read or written. Restore it from a "
            "backup, or recover what is left with `sqlite3 FILE .recover`"
        )
    known[str(file)] = _stamp(file)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}")
        tmp.write_text(json.dumps(known))
        tmp.replace(cache)
    except OSError:
        pass


def describe_error(exc: BaseException, limit: int = 300) -> str:
    """A database error in a line: the driver's own message ("database is locked"), not
    SQLAlchemy's rendering, which appends the whole statement and its parameters (an
    article's full text); other errors by their message, cut at ``limit`` characters."""
    orig = getattr(exc, "orig", None)
    message = str(orig if orig is not None else exc).strip()
    first = message.splitlines()[0] if message else type(exc).__name__
    if len(first) > limit:
        first = first[: limit - 1] + "…"
    return first


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
