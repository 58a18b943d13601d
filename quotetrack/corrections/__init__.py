"""Researchers' corrections: fixes to what the machine got wrong, kept as data.

Every fix is one entry of an append-only log (table ``corrections``, docs/schema.md) that
names its quotes and speakers by stable references, and is replayed after every re-ingest,
article update and regroup, so that no fix is lost; the machine's value of every field a fix
overrode is kept (table ``machine_values``) for undo and for the ``corrected`` mark in the
views. Functions take an open session (``store.session(write=True)`` to write) and return
frozen records::

    from quotetrack import corrections
    with store.session(write=True) as s:
        corrections.merge_speakers(s, 12, [40], note="same person", by="ana")
        corrections.set_quote_type(s, 301, "indirect")
    with store.session() as s:
        for entry in corrections.log(s):
            print(entry.id, entry.summary())

The ingest service's statement grouping calls :func:`before_grouping` and
:func:`after_grouping` around the grouping of each article's new quotes, and
``quotetrack.ingest.regroup`` calls :func:`after_regroup` after a full regroup.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from .engine import after_grouping, after_regroup, before_grouping, replay
from .fixes import (
    default_author,
    detach_quote,
    merge_speakers,
    merge_statements,
    not_a_quote,
    reassign_quote,
    rename_speaker,
    set_quote_span,
    set_quote_type,
    set_speaker,
    split_speaker,
    undo,
)
from .listing import list_speakers
from .model import (
    ACTIONS,
    Correction,
    CorrectionError,
    FixRefused,
    ImportReport,
    ReplayReport,
    SpeakerSummary,
    UnknownTarget,
)
from .sharing import export_corrections, import_corrections


def log(session: Session) -> list[Correction]:
    """Every entry of the correction log, oldest first (undone ones marked ``undone_by``)."""
    from .engine import log_entries

    return log_entries(session)


__all__ = [
    "ACTIONS",
    "Correction",
    "CorrectionError",
    "FixRefused",
    "ImportReport",
    "ReplayReport",
    "SpeakerSummary",
    "UnknownTarget",
    "after_grouping",
    "after_regroup",
    "before_grouping",
    "default_author",
    "detach_quote",
    "export_corrections",
    "import_corrections",
    "list_speakers",
    "log",
    "merge_speakers",
    "merge_statements",
    "not_a_quote",
    "reassign_quote",
    "rename_speaker",
    "replay",
    "set_quote_span",
    "set_quote_type",
    "set_speaker",
    "split_speaker",
    "undo",
]
