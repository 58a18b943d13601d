"""quotetrack's database: SQLite (or PostgreSQL) through SQLAlchemy, schema managed by Alembic.

The persistence layer: it imports nothing above it. Most code wants ``quotetrack.open()``
(typed records, statements grouped on ingest); the store itself is

    from quotetrack.store import open_store
    store = open_store("news.db")           # created and migrated to head on open
    result = store.save_article(article, quotes)   # grouped only with store.grouping set
    store.find_speakers("Blinken"); store.quotes(outlet="Reuters", since="2023-11-01")
    columns, rows = store.run_sql("SELECT count(*) FROM quote_view")

``quotetrack.ingest.open_store`` opens it with statement grouping wired in. Models (for the
statements grouper and ad-hoc queries) are in ``quotetrack.store.models``.
"""

from quotetrack.store.sql import QueryTimeout, ReadOnlyViolation, SQLError
from quotetrack.store.store import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    Grouping,
    SaveResult,
    SearchSyntaxError,
    Store,
    content_hash,
    open_store,
)

__all__ = [
    "open_store",
    "Store",
    "Grouping",
    "SaveResult",
    "content_hash",
    "ReadOnlyViolation",
    "QueryTimeout",
    "SQLError",
    "SearchSyntaxError",
    "SNIPPET_OPEN",
    "SNIPPET_CLOSE",
]
