"""What differs between SQLite and PostgreSQL in the statements the store writes."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session


def dialect_insert(session: Session, model: Any) -> Any:
    """An INSERT for ``model`` in the session's dialect (SQLite or PostgreSQL), which both
    offer ``on_conflict_do_nothing`` for upserts."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgres_insert

        return postgres_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)
