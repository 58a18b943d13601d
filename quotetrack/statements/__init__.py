"""Statements: quotes of the same utterance across articles and outlets, and how each
outlet worded it (root, verbatim, trimmed, altered, paraphrase).

Pure core (no database): :class:`Grouper`, :func:`group`, :func:`classify`,
:func:`diff_words`. Database layer: :func:`assign` (called by the store on ingest),
:func:`regroup`, and report queries :func:`list_statements`, :func:`statement_detail`,
:func:`statements_for_speaker`.
"""

from quotetrack.statements.grouping import (
    VARIANT_KINDS,
    Assignment,
    Grouper,
    GroupingParams,
    QuoteRecord,
    classify,
    group,
)
from quotetrack.statements.text import diff_words

__all__ = [
    "VARIANT_KINDS",
    "Assignment",
    "Grouper",
    "GroupingParams",
    "QuoteRecord",
    "classify",
    "group",
    "diff_words",
    "assign",
    "regroup",
    "forget",
    "list_statements",
    "statement_detail",
    "statements_for_speaker",
]


def assign(session, quote_ids: list[int]) -> None:
    """Group newly stored quotes (see :func:`quotetrack.statements.db.assign`)."""
    from quotetrack.statements.db import assign as _assign

    _assign(session, quote_ids)


def regroup(session) -> dict:
    """Rebuild all statements (see :func:`quotetrack.statements.db.regroup`)."""
    from quotetrack.statements.db import regroup as _regroup

    return _regroup(session)


def forget(session, statement_ids: list[int]) -> None:
    """Repair statements that lost quotes when an article was replaced (see
    :func:`quotetrack.statements.db.forget`); called by the store."""
    from quotetrack.statements.db import forget as _forget

    _forget(session, statement_ids)


def list_statements(session, **filters) -> list[dict]:
    """Statements matching filters (see :func:`quotetrack.statements.queries.list_statements`)."""
    from quotetrack.statements.queries import list_statements as _list

    return _list(session, **filters)


def statement_detail(session, statement_id: int) -> dict | None:
    """One statement with its variants (see :mod:`quotetrack.statements.queries`)."""
    from quotetrack.statements.queries import statement_detail as _detail

    return _detail(session, statement_id)


def statements_for_speaker(session, speaker_id: int) -> list[dict]:
    """A speaker's statements in date order (see :mod:`quotetrack.statements.queries`)."""
    from quotetrack.statements.queries import statements_for_speaker as _for

    return _for(session, speaker_id)
