"""Records the corrections package hands out: frozen, plain, and safe to keep after the
session that read them is closed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from quotetrack.errors import InputError, NotFound, QuotetrackError
from quotetrack.store.models import Correction as CorrectionRow

# Every action the log knows, as stored in ``corrections.action``.
ACTIONS: tuple[str, ...] = (
    "speaker.merge",
    "speaker.split",
    "speaker.rename",
    "speaker.set",
    "quote.speaker",
    "quote.type",
    "quote.not_a_quote",
    "quote.span",
    "statement.merge",
    "statement.detach",
    "undo",
)
# Applied in the first phase of a replay (they change quote and speaker rows); the statement
# actions follow, once every quote has its corrected speaker, type and span.
ENTITY_ACTIONS = frozenset(a for a in ACTIONS if a.startswith(("speaker.", "quote.")))
STATEMENT_ACTIONS = frozenset(a for a in ACTIONS if a.startswith("statement."))


class CorrectionError(QuotetrackError, ValueError):
    """A fix that cannot be made. Raised before anything is written: the database is
    unchanged. :class:`FixRefused` and :class:`UnknownTarget` say which kind."""


class FixRefused(CorrectionError, InputError):
    """A fix the data refuses: a speaker merged into itself, a span outside its article,
    statements of different speakers merged without ``force``, a bad export file, ..."""


class UnknownTarget(CorrectionError, NotFound):
    """A fix naming a speaker, quote, statement or correction id that does not exist."""


@dataclass(frozen=True)
class Correction:
    """One entry of the correction log.

    ``action`` is one of :data:`ACTIONS`; ``target_id`` the speaker, quote or statement id
    it was made on (in the database it was made in); ``args`` its parameters and the stable
    references replay matches by; ``undone_by`` the id of the ``undo`` entry that reverted
    it, if any.
    """

    id: int
    action: str
    target_id: int | None
    args: dict[str, Any]
    note: str | None
    author: str
    forced: bool
    undoes: int | None
    created_at: dt.datetime
    undone_by: int | None = None

    @property
    def active(self) -> bool:
        """True for a fix that holds: not reverted and not itself an undo."""
        return self.action != "undo" and self.undone_by is None

    def summary(self) -> str:
        """One line saying what the fix does, for ``fix log``."""
        a = self.args
        t = self.target_id
        match self.action:
            case "speaker.merge":
                return f"speaker {a['keep']['id']} absorbs {', '.join(str(o['id']) for o in a['others'])}"
            case "speaker.split":
                return f"speaker {t}: quotes written {a['alias']!r} become {a['new']['name']!r}"
            case "speaker.rename":
                return f"speaker {t} is named {a['name']!r}"
            case "speaker.set":
                sets = ", ".join(f"{k}={v!r}" for k, v in a["values"].items())
                return f"speaker {t}: {sets}"
            case "quote.speaker":
                return f"quote {t} is by {a['to']['name']!r}"
            case "quote.type":
                return f"quote {t} is {a['type']}"
            case "quote.not_a_quote":
                return f"quote {t} is not a quote"
            case "quote.span":
                return f"quote {t} spans {a['start']}:{a['end']}"
            case "statement.merge":
                others = ", ".join(str(i) for i in a["other_ids"])
                return f"statement {t} absorbs {others}"
            case "statement.detach":
                where = f"statement {a['to_id']}" if a.get("to") else "a statement of its own"
                return f"quote {t} leaves statement {a.get('from_id')} for {where}"
            case "undo":
                return f"undoes correction {self.undoes}"
        return self.action

    @classmethod
    def from_row(cls, row: CorrectionRow | Any, undone_by: int | None = None) -> Correction:
        """The record of one ``corrections`` row (an ORM object or a Core row)."""
        return cls(
            id=row.id,
            action=row.action,
            target_id=row.target_id,
            args=json.loads(row.args),
            note=row.note,
            author=row.author,
            forced=bool(row.forced),
            undoes=row.undoes,
            created_at=row.created_at,
            undone_by=undone_by,
        )

    def as_dict(self) -> dict[str, Any]:
        """The entry as plain data (``fix log --json``)."""
        return {
            "id": self.id,
            "action": self.action,
            "target_id": self.target_id,
            "summary": self.summary(),
            "note": self.note,
            "by": self.author,
            "at": self.created_at,
            "forced": self.forced,
            "undoes": self.undoes,
            "undone_by": self.undone_by,
            "active": self.active,
        }


@dataclass(frozen=True)
class ReplayReport:
    """What a replay did: how many active fixes it applied, how many already held, and the
    fixes whose targets are not in the database (``unresolved``: correction id -> reason)."""

    applied: int = 0
    held: int = 0
    unresolved: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportReport:
    """What ``fix import`` did: entries added, entries already in the log, and the replay."""

    imported: int
    duplicates: int
    replay: ReplayReport


@dataclass(frozen=True)
class SpeakerSummary:
    """One row of the speakers listing."""

    id: int
    name: str
    kind: str
    role: str | None
    n_quotes: int
    n_articles: int
    n_outlets: int
    n_statements: int
    first_quoted: dt.date | None
    last_quoted: dt.date | None
    corrected: bool
    merged_into: int | None

    def as_dict(self) -> dict[str, Any]:
        """The row as plain data (``speakers --json``)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "n_quotes": self.n_quotes,
            "n_articles": self.n_articles,
            "n_outlets": self.n_outlets,
            "n_statements": self.n_statements,
            "first_quoted": self.first_quoted,
            "last_quoted": self.last_quoted,
            "corrected": self.corrected,
            "merged_into": self.merged_into,
        }
