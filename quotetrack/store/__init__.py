"""quotetrack's database: SQLite through SQLAlchemy, schema managed by Alembic.

    from quotetrack.store import open_store
    store = open_store("news.db")           # created and migrated to head on open
    result = store.save_article(article, quotes)
    store.find_speakers("Blinken"); store.quotes(outlet="Reuters", since="2023-11-01")
    columns, rows = store.run_sql("SELECT count(*) FROM quote_view")

Models (for the statements grouper and ad-hoc queries) are in ``quotetrack.store.models``.
"""

from quotetrack.store.sql import QueryTimeout, ReadOnlyViolation, SQLError
from quotetrack.store.store import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    SaveResult,
    SearchSyntaxError,
    Store,
    content_hash,
    open_store,
)

__all__ = [
    "open_store",
    "Store",
    "SaveResult",
    "content_hash",
    "ReadOnlyViolation",
    "QueryTimeout",
    "SQLError",
    "SearchSyntaxError",
    "SNIPPET_OPEN",
    "SNIPPET_CLOSE",
]
