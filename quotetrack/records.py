"""The records ``quotetrack.open()`` returns: frozen, typed dataclasses.

Each record's fields are the columns of the matching ``--json`` / ``--csv`` output, with the
same names; :func:`as_row` turns any record into the plain mapping the writers print.
Dates are :class:`datetime.date` (``None`` when the article gave none); lists are tuples, so
records can be hashed and shared between threads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

R = TypeVar("R")

# Search hits in a SearchHit's snippet are wrapped in these markers.
SNIPPET_OPEN = "[["
SNIPPET_CLOSE = "]]"


def _build(cls: type[R], row: Mapping[str, Any], **extra: Any) -> R:
    """A ``cls`` from the matching keys of ``row`` (lists become tuples)."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in row.items() if k in names}
    values.update(extra)
    return cls(**values)


def as_row(record: Any) -> dict[str, Any]:
    """A record (or a mapping) as a plain dict, nested records included."""
    if isinstance(record, Mapping):
        return dict(record)
    return dataclasses.asdict(record)


@dataclasses.dataclass(frozen=True)
class StoredQuote:
    """One stored quote with its article's date and outlet and its speaker's name.

    ``statement_id`` and ``variant_kind`` (root, verbatim, trimmed, altered, paraphrase)
    say which statement it belongs to and how it words it; ``similarity`` is its score
    against the statement's fullest wording. ``corrected`` is true only where a researcher's
    fix set one of its fields (``quotetrack fix``); otherwise it is the machine's output.
    """

    id: int
    date: dt.date | None
    outlet: str | None
    speaker: str | None
    speaker_id: int | None
    type: str
    text: str
    cue: str | None = None
    mention: str | None = None
    article_title: str | None = None
    url: str | None = None
    article_id: int | None = None
    statement_id: int | None = None
    variant_kind: str | None = None
    similarity: float | None = None
    # When and where it was said, as the article's words tell (see docs/schema.md).
    said_on: dt.date | None = None
    said_when: str | None = None
    occasion: str | None = None
    corrected: bool = False

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> StoredQuote:
        return _build(cls, row)


@dataclasses.dataclass(frozen=True)
class SearchHit(StoredQuote):
    """A quote matching a full-text query: ``snippet`` marks the matching words as
    ``[[word]]``; ``score`` orders hits (lower is better)."""

    snippet: str = ""
    score: float = 0.0

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SearchHit:
        return _build(cls, row)


@dataclasses.dataclass(frozen=True)
class Speaker:
    """A speaker: a person, an organisation, or an unnamed source (``kind`` anonymous).

    ``n_quotes`` counts their stored quotes; ``match`` says how a name lookup found them
    (exact, surname, substring).
    """

    id: int
    name: str
    kind: str
    role: str | None
    n_quotes: int
    aliases: tuple[str, ...] = ()
    match: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Speaker:
        return _build(cls, row, n_quotes=row.get("quotes", row.get("n_quotes", 0)))


@dataclasses.dataclass(frozen=True)
class StatementGroup:
    """One statement's quotes within a speaker's profile, earliest first."""

    statement_id: int | None
    quotes: tuple[StoredQuote, ...]

    @property
    def first(self) -> StoredQuote:
        return self.quotes[0]

    @property
    def outlets(self) -> frozenset[str | None]:
        return frozenset(q.outlet for q in self.quotes)


@dataclasses.dataclass(frozen=True)
class SpeakerProfile:
    """Everything one speaker said: the speaker and their quotes in date order (undated
    last). :meth:`statements` groups the quotes by statement."""

    speaker: Speaker
    quotes: tuple[StoredQuote, ...]

    def statements(self) -> list[StatementGroup]:
        """The quotes grouped by statement (a quote in none stands alone), first seen first;
        within a group, by date with the statement's fullest wording first on a tie."""

        def when(q: StoredQuote) -> str:
            return q.date.isoformat() if q.date else "9999"

        groups: dict[object, list[StoredQuote]] = {}
        for q in self.quotes:
            key: object = q.statement_id if q.statement_id is not None else ("quote", q.id)
            groups.setdefault(key, []).append(q)
        out = []
        for members in groups.values():
            members.sort(key=lambda q: (when(q), q.variant_kind != "root"))
            out.append(StatementGroup(members[0].statement_id, tuple(members)))
        out.sort(key=lambda g: (when(g.first), g.first.id))
        return out

    def to_row(self) -> dict[str, Any]:
        """The ``speaker --json`` object: the speaker's fields and ``quotes``."""
        return {**as_row(self.speaker), "quotes": [as_row(q) for q in self.quotes]}


@dataclasses.dataclass(frozen=True)
class StatementSummary:
    """A statement: one utterance, with how many outlets and quotes carried it."""

    statement_id: int
    speaker_id: int | None
    speaker: str | None
    speaker_kind: str | None
    first_published: dt.date | None
    first_outlet: str | None
    n_quotes: int
    n_outlets: int
    root_quote_id: int | None
    root_type: str | None
    text: str | None
    n_altered: int
    # When and where it was said, from its earliest quote that says so.
    said_on: dt.date | None = None
    occasion: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> StatementSummary:
        return _build(cls, row)


@dataclasses.dataclass(frozen=True)
class Variant:
    """One outlet's wording of a statement. ``diff`` holds word-level operations against
    the root (``{"op", "root", "variant"}`` dicts); ``changes`` the altered words."""

    quote_id: int
    published: dt.date | None
    outlet: str | None
    type: str
    variant_kind: str | None
    similarity: float | None
    altered: bool
    text: str | None
    cue: str | None = None
    mention: str | None = None
    article_id: int | None = None
    title: str | None = None
    url: str | None = None
    changes: tuple[Any, ...] = ()
    detail: Mapping[str, Any] | None = None
    diff: tuple[Mapping[str, Any], ...] = ()

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Variant:
        return _build(cls, row)


@dataclasses.dataclass(frozen=True)
class StatementDetail(StatementSummary):
    """A statement with every variant in date order; ``root`` is its fullest wording.
    ``merged_from`` is the id asked for when that id was merged into this statement."""

    root: Variant | None = None
    variants: tuple[Variant, ...] = ()
    merged_from: int | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> StatementDetail:
        variants = tuple(Variant.from_row(v) for v in row.get("variants") or [])
        root = next((v for v in variants if v.quote_id == row.get("root_quote_id")), None)
        return _build(cls, row, root=root, variants=variants)


# --------------------------------------------------------------------------- browsing
# What the read-only views (``quotetrack serve``) show: each record answers one page's
# question with counts done by the database, so a speaker with 100k quotes costs the same to
# show as one with ten.


@dataclasses.dataclass(frozen=True)
class PlacedQuote(StoredQuote):
    """A stored quote with where it sits in its article's text: the quote ``start``/``end``,
    the speaker mention and the cue (offsets into the article text, ``None`` when not
    found), and the description the article gave its speaker."""

    start: int | None = None
    end: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_description: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> PlacedQuote:
        return _build(cls, row)


@dataclasses.dataclass(frozen=True)
class ArticleDetail:
    """One stored article with its text and, in reading order, its quotes (at most the
    number asked for; ``n_quotes`` counts them all)."""

    id: int
    title: str | None
    published: dt.date | None
    url: str | None
    author: str | None
    outlet: str | None
    outlet_id: int | None
    text: str
    n_quotes: int = 0
    quotes: tuple[PlacedQuote, ...] = ()


@dataclasses.dataclass(frozen=True)
class Outlet:
    """A news outlet: its name and web domain, and (in an :class:`OutletProfile`) how many
    articles of it are stored."""

    id: int
    name: str
    domain: str | None
    n_articles: int | None = None


@dataclasses.dataclass(frozen=True)
class ActivityPeriod:
    """One period of a speaker's timeline (``start`` is its first day): the quotes
    published in it and the distinct outlets that published them."""

    start: dt.date
    n_quotes: int
    n_outlets: int


@dataclasses.dataclass(frozen=True)
class SpeakerActivity:
    """How a speaker was quoted: their statements with the widest reach, and per period
    (``period_unit``: day, week or month, chosen for the span of their dates) how often and
    by how many outlets. ``timeline`` holds every period from the first to the last, empty
    ones included; ``n_undated`` quotes have no publication date and are in no period.
    ``speaker.n_quotes`` counts all their quotes."""

    speaker: Speaker
    n_outlets: int
    n_undated: int
    n_statements: int
    statements: tuple[StatementSummary, ...]
    period_unit: str
    timeline: tuple[ActivityPeriod, ...]


@dataclasses.dataclass(frozen=True)
class OutletProfile:
    """Whom an outlet quotes and how faithfully. ``kinds`` counts its quotes by variant
    kind (``ungrouped`` for quotes in no statement). ``n_shared`` counts its quotes of
    statements other outlets carried too; ``n_differ`` those of them that change the
    wording (altered or paraphrase), ``n_altered`` the altered ones alone. ``speakers`` are
    the speakers it quotes most (``n_quotes``: in this outlet), ``altered`` its latest
    altered quotes."""

    outlet: Outlet
    n_quotes: int
    kinds: Mapping[str, int]
    n_shared: int
    n_differ: int
    n_altered: int
    speakers: tuple[Speaker, ...]
    altered: tuple[StoredQuote, ...]

    @property
    def differ(self) -> float | None:
        """The share of its shared quotes that change the wording (``None``: none shared)."""
        return round(self.n_differ / self.n_shared, 3) if self.n_shared else None


@dataclasses.dataclass(frozen=True)
class Overview:
    """What is new in a database: its row counts (``stats``) and, over its latest
    ``n_recent_articles`` articles (published ``since``..``until``), the statements with the
    widest reach and the speakers quoted most (``n_quotes``: in those articles)."""

    stats: Mapping[str, int]
    n_recent_articles: int
    since: dt.date | None
    until: dt.date | None
    statements: tuple[StatementSummary, ...]
    speakers: tuple[Speaker, ...]


@dataclasses.dataclass(frozen=True)
class SQLResult:
    """The result of a read-only SQL query: column names and rows of values."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def dicts(self) -> list[dict[str, Any]]:
        """Each row as a dict keyed by column name."""
        return [dict(zip(self.columns, r)) for r in self.rows]


@dataclasses.dataclass(frozen=True)
class IngestReport:
    """What one ingest did: articles new, unchanged, updated and failed (``failures`` says
    why, one message per failed input), quotes stored and speakers created."""

    new: int
    unchanged: int
    updated: int
    failed: int
    quotes: int
    new_speakers: int
    failures: tuple[str, ...] = ()
    # Records of web archives that hold no article (requests, metadata, images): not failures.
    skipped_records: int = 0

    @property
    def ok(self) -> bool:
        return self.failed == 0


@dataclasses.dataclass(frozen=True)
class RegroupReport:
    """What a regroup did: quotes replayed, statements now, kept, created, removed."""

    quotes: int
    statements: int
    kept: int
    created: int
    removed: int
    seconds: float
