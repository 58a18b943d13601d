"""The Store: saving articles with their quotes, and the queries over them.

Persistence only: the store imports nothing above it. Statement grouping, which must run in
the same transaction as an article's quotes, is handed in by the layer above as a
:class:`Grouping` (``quotetrack.ingest.open_store`` wires in ``quotetrack.statements``); a
store opened without one saves quotes ungrouped. Queries return plain dicts with readable
keys (dates as ``datetime.date``); ``quotetrack.api`` turns them into typed records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar, cast
from urllib.parse import urlsplit

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    Table,
    column,
    delete,
    exists,
    func,
    insert,
    literal_column,
    select,
    table,
    text,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from quotetrack import writers
from quotetrack.errors import InputError
from quotetrack.filters import Filters
from quotetrack.records import SNIPPET_CLOSE, SNIPPET_OPEN
from quotetrack.store import engine as engine_mod
from quotetrack.store import export as export_mod
from quotetrack.store import lookup
from quotetrack.store import sql as sql_mod
from quotetrack.store.dialect import dialect_insert
from quotetrack.store.models import Article as ArticleRow
from quotetrack.store.models import MachineValue, Outlet, Setting, Speaker, Statement, utcnow
from quotetrack.store.models import Quote as QuoteRow
from quotetrack.store.speakers import (
    SpeakerMemo,
    SpeakerRef,
    SpeakerResolver,
    article_refs,
    speaker_ref,
)
from quotetrack.types import Article, Quote

DateLike = dt.date | str | None
T = TypeVar("T")

SNIPPET_TOKENS = 24
_FTS = table("quotes_fts", column("rowid"))


class SearchSyntaxError(InputError):
    """A full-text query the database cannot parse (message says where)."""


class Grouping(Protocol):
    """What the store calls inside an article's transaction so that statements stay in step
    with its quotes. Supplied by the layer above (see the module docs), never imported here."""

    def assign(self, session: Session, quote_ids: list[int]) -> None:
        """Group newly stored quotes into statements."""

    def forget(self, session: Session, statement_ids: list[int]) -> None:
        """Repair statements that lost quotes when an article was replaced."""


@dataclass
class SaveResult:
    """Outcome of saving one article.

    ``status`` is ``new``, ``updated`` (same url or source, new text: its quotes replaced) or
    ``unchanged`` (same text already stored; nothing written). ``n_quotes`` and
    ``quote_ids`` count the quotes written by this call; ``new_speakers`` the speakers created.
    """

    status: str
    article_id: int
    n_quotes: int = 0
    new_speakers: int = 0
    quote_ids: list[int] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """Text as hashed for identity: NFC, whitespace runs collapsed, ends stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text: equal for re-saved copies of the same article."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _when_where(q: Quote, published: dt.date | None) -> dict:
    """The quote's utterance date (its dating phrase resolved against the publication date)
    and occasion, as the columns of revision 0014."""
    from quotetrack.attribute.occasion import resolve_when

    said = resolve_when(q.said_when, published)
    return {
        "said_on": said.date if said else None,
        "said_on_precision": said.precision if said else None,
        "said_on_basis": said.basis if said else None,
        "said_when": q.said_when,
        "said_when_start": q.said_when_start,
        "said_when_end": q.said_when_end,
        "occasion": q.occasion,
        "occasion_kind": q.occasion_kind,
        "occasion_start": q.occasion_start,
        "occasion_end": q.occasion_end,
    }


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


_ARTICLES = cast(Table, ArticleRow.__table__)
_QUOTES = cast(Table, QuoteRow.__table__)


# Readable column labels shared by quotes(), speaker_quotes() and search().
QUOTE_COLUMNS = (
    "id",
    "date",
    "outlet",
    "speaker",
    "speaker_id",
    "type",
    "text",
    "cue",
    "mention",
    "article_title",
    "url",
    "article_id",
    "statement_id",
    "variant_kind",
    "similarity",
    "said_on",
    "said_when",
    "occasion",
    "corrected",
)


def quote_select() -> Select:
    """The select of QUOTE_COLUMNS over quotes joined to their article, outlet and speaker."""
    return (
        select(
            QuoteRow.id.label("id"),
            ArticleRow.published.label("date"),
            Outlet.name.label("outlet"),
            Speaker.name.label("speaker"),
            QuoteRow.speaker_id,
            QuoteRow.type,
            QuoteRow.text,
            QuoteRow.cue,
            QuoteRow.mention,
            ArticleRow.title.label("article_title"),
            ArticleRow.url,
            QuoteRow.article_id,
            QuoteRow.statement_id,
            QuoteRow.variant_kind,
            QuoteRow.similarity,
            QuoteRow.said_on,
            QuoteRow.said_when,
            QuoteRow.occasion,
            # A researcher's fix set one of its fields (quotetrack.corrections).
            exists()
            .where(MachineValue.entity == "quote", MachineValue.entity_id == QuoteRow.id)
            .label("corrected"),
        )
        .select_from(QuoteRow)
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
        .outerjoin(Outlet, Outlet.id == ArticleRow.outlet_id)
        .outerjoin(Speaker, Speaker.id == QuoteRow.speaker_id)
    )


def ungroup_quotes(session: Session, quote_ids: Sequence[int]) -> list[int]:
    """Take quotes out of their statements, to be grouped again: their statement, variant
    kind and detail and similarity are cleared. Out: the ids of the statements they were in,
    which the caller repairs (``forget``) before assigning the quotes again."""
    old = sorted(
        {
            sid
            for sid in session.scalars(
                select(QuoteRow.statement_id).where(QuoteRow.id.in_(quote_ids))
            )
            if sid is not None
        }
    )
    session.execute(
        update(QuoteRow)
        .where(QuoteRow.id.in_(quote_ids))
        .values(statement_id=None, variant_kind=None, variant_detail=None, similarity=None)
    )
    session.flush()
    return old


class Store:
    """quotetrack's database: open with :func:`open_store`."""

    def __init__(
        self,
        engine: Engine,
        *,
        readonly: bool = False,
        path: str | None = None,
        grouping: Grouping | None = None,
    ):
        self.engine = engine
        self.readonly = readonly
        self.path = path  # the SQLite file, None for other databases
        self.grouping = grouping  # statement grouping run in each save's transaction
        self._speakers = SpeakerMemo()
        self.url = engine.url.render_as_string(hide_password=True)

    # -- sessions -------------------------------------------------------------------------

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any exception.

        ``write=True`` takes SQLite's write lock at BEGIN (``BEGIN IMMEDIATE``) so concurrent
        writers wait for each other (busy timeout) instead of failing halfway.
        """
        if write and self.readonly:
            raise sql_mod.ReadOnlyViolation("this store was opened read-only")
        with (
            self.engine.connect().execution_options(immediate=write) as conn,
            Session(bind=conn, expire_on_commit=False) as session,
        ):
            try:
                yield session
                session.commit()
            except BaseException:
                # BaseException: a KeyboardInterrupt mid-article must leave no trace either.
                session.rollback()
                raise

    def close(self) -> None:
        """Release all connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- settings -------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        """The stored value of setting ``key`` (table ``settings``), or None."""
        with self.session() as s:
            return s.scalar(select(Setting.value).where(Setting.key == key))

    def set_setting(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``, replacing any earlier value."""
        with self.session(write=True) as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value, updated_at=utcnow()))
            else:
                row.value, row.updated_at = value, utcnow()

    # -- saving ---------------------------------------------------------------------------

    def save_article(self, article: Article, quotes: Sequence[Quote]) -> SaveResult:
        """Store one article with its quotes in one transaction (see :class:`SaveResult`)."""
        return self.save_articles([(article, quotes)])[0]

    def save_articles(self, items: Iterable[tuple[Article, Sequence[Quote]]]) -> list[SaveResult]:
        """Store many articles in ONE transaction (bulk loading); same rules as save_article.

        All or nothing: an exception leaves none of the batch stored.
        """
        items = list(items)

        def attempt() -> tuple[list[SaveResult], SpeakerResolver]:
            with self.session(write=True) as session:
                resolver = SpeakerResolver(session, self._speakers)
                return [self._save(session, resolver, a, q) for a, q in items], resolver

        results, resolver = self._retrying(attempt)
        # Only now committed: later transactions may reuse what this one resolved.
        self._speakers.update(resolver.pending)
        return results

    def _retrying(self, attempt: Callable[[], T]) -> T:
        """Run one transaction; on PostgreSQL again after losing a race with another writer
        (unique violation, deadlock: see :mod:`quotetrack.store.postgres`)."""
        if self.engine.dialect.name == "postgresql":
            from quotetrack.store import postgres

            return postgres.retrying(attempt)
        return attempt()

    def is_unchanged(self, article: Article) -> bool:
        """True when an article with exactly this (normalised) text is already stored."""
        digest = content_hash(article.text)
        with self.session() as s:
            return (
                s.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == digest)) is not None
            )

    def _save(
        self, session: Session, resolver: SpeakerResolver, article: Article, quotes: Sequence[Quote]
    ) -> SaveResult:
        digest = content_hash(article.text)
        if session.get_bind().dialect.name == "postgresql":
            from quotetrack.store import postgres

            # Concurrent writers: one transaction at a time per speaker identity group.
            refs = [r for r in (speaker_ref(q, article.text) for q in quotes) if r is not None]
            postgres.lock_speakers(session, refs, resolver.identity)
        same = session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == digest))
        if same is not None:
            return SaveResult("unchanged", same)

        previous = self._previous_version(session, article)
        if previous is not None and session.get_bind().dialect.name == "postgresql":
            from quotetrack.store import postgres

            # The replaced quotes' statements change too: their speakers take a turn as well.
            postgres.lock_stored_speakers(session, previous, resolver.identity)
        outlet_id = self._outlet_id(session, article.outlet, article.url)
        now = utcnow()
        values = {
            "outlet_id": outlet_id,
            "url": article.url,
            "title": article.title,
            "published": article.published,
            "author": article.author,
            "source_path": article.source_path,
            "source_line": article.source_line,
            "content_hash": digest,
            "text": article.text,
            "word_count": len(article.text.split()),
            "provenance": json.dumps(article.provenance, sort_keys=True)
            if article.provenance
            else None,
            "updated_at": now,
            "fetched_at": article.fetched_at,
        }
        if previous is not None:
            orphaned = set(
                session.scalars(
                    select(QuoteRow.statement_id).where(
                        QuoteRow.article_id == previous, QuoteRow.statement_id.is_not(None)
                    )
                )
            )
            session.execute(delete(QuoteRow).where(QuoteRow.article_id == previous))
            if self.grouping is not None and orphaned:
                # Statements that lost quotes recount (or drop) themselves.
                self.grouping.forget(session, sorted(s for s in orphaned if s is not None))
            session.execute(update(ArticleRow).where(ArticleRow.id == previous).values(**values))
            article_id, status = previous, "updated"
        else:
            article_id = (
                session.connection()
                .execute(
                    insert(_ARTICLES).values(ingested_at=now, **values).returning(_ARTICLES.c.id)
                )
                .scalar_one()
            )
            status = "new"

        created_before = resolver.created
        # Unnamed sources are scoped to the article by what identifies it across versions
        # (its url or source, else its text): the same in every database, whatever order
        # articles arrive in, and kept when a new version replaces the article.
        identity = article.url or article.source_path
        scope = content_hash(identity)[:16] if identity else digest[:16]
        article_speakers = article_refs(
            list(quotes), article.text, scope, lambda: resolver.known_in(article.text)
        )
        rows = [
            self._quote_row(resolver, article_id, article.text, q, article.published, ref)
            for q, ref in zip(quotes, article_speakers)
        ]
        quote_ids: list[int] = []
        if rows:
            # Core table insert (executemany with RETURNING): the ORM's bulk path costs more
            # than SQLite does here.
            quote_ids = list(
                session.connection()
                .execute(
                    insert(_QUOTES).returning(_QUOTES.c.id, sort_by_parameter_order=True), rows
                )
                .scalars()
            )
        if self.grouping is not None and quote_ids:
            self.grouping.assign(session, quote_ids)
        # A role this article states ("Prime Minister Rishi Sunak") may resolve descriptions
        # stored before it ("the prime minister" of an article that names him): as if that
        # article had come second.
        moved = resolver.revisit_descriptions()
        if moved and self.grouping is not None:
            self._regroup(session, sorted(moved))
        return SaveResult(
            status, article_id, len(quote_ids), resolver.created - created_before, quote_ids
        )

    def _regroup(self, session: Session, quote_ids: list[int]) -> None:
        """Group quotes again whose speaker changed: out of their statements (which are
        repaired), then assigned like new quotes."""
        assert self.grouping is not None
        old = ungroup_quotes(session, quote_ids)
        if old:
            self.grouping.forget(session, old)
        self.grouping.assign(session, quote_ids)

    @staticmethod
    def _previous_version(session: Session, article: Article) -> int | None:
        """The stored article this one replaces: same url, or same source file and line."""
        if article.url:
            return session.scalar(select(ArticleRow.id).where(ArticleRow.url == article.url))
        if article.source_path:
            line = (
                ArticleRow.source_line.is_(None)
                if article.source_line is None
                else ArticleRow.source_line == article.source_line
            )
            return session.scalar(
                select(ArticleRow.id)
                .where(ArticleRow.source_path == article.source_path, line)
                .order_by(ArticleRow.id)
                .limit(1)
            )
        return None

    @staticmethod
    def _outlet_id(session: Session, name: str | None, url: str | None) -> int | None:
        """Id of the outlet called ``name`` (created if new; its domain filled from the url)."""
        if not name or not name.strip():
            return None
        name = name.strip()
        domain = _domain(url)
        row = session.execute(select(Outlet.id, Outlet.domain).where(Outlet.name == name)).first()
        if row is not None:
            if domain and not row.domain:
                session.execute(update(Outlet).where(Outlet.id == row.id).values(domain=domain))
            return row.id
        # Upsert: a concurrent writer may have created the same outlet since the select.
        new_id = session.execute(
            dialect_insert(session, Outlet)
            .values(name=name, domain=domain)
            .on_conflict_do_nothing(index_elements=["name"])
            .returning(Outlet.id)
        ).scalar()
        if new_id is not None:
            return new_id
        return session.execute(select(Outlet.id).where(Outlet.name == name)).scalar_one()

    @staticmethod
    def _quote_row(
        resolver: SpeakerResolver,
        article_id: int,
        text: str,
        q: Quote,
        published: dt.date | None = None,
        ref: SpeakerRef | None = None,
    ) -> dict:
        sentence = None
        if q.sentence_start is not None and q.sentence_end is not None:
            sentence = text[q.sentence_start : q.sentence_end]
        return {
            "article_id": article_id,
            "speaker_id": resolver.resolve(ref) if ref else None,
            "type": q.type,
            "start": q.start,
            "end": q.end,
            "text": q.text(text),
            "cue": q.cue,
            "cue_start": q.cue_start,
            "cue_end": q.cue_end,
            "mention": q.mention(text),
            "mention_start": q.mention_start,
            "mention_end": q.mention_end,
            "sentence": sentence,
            "speaker_description": q.speaker_description,
            "via": q.via(text),
            "via_start": q.via_start,
            "via_end": q.via_end,
            **_when_where(q, published),
        }

    # -- queries --------------------------------------------------------------------------

    def stats(self) -> dict:
        """Row counts: articles, quotes, speakers, outlets, statements."""
        with self.session() as s:
            return {
                name: s.scalar(select(func.count()).select_from(model))
                for name, model in (
                    ("articles", ArticleRow),
                    ("quotes", QuoteRow),
                    ("speakers", Speaker),
                    ("outlets", Outlet),
                    ("statements", Statement),
                )
            }

    def find_speakers(self, name: str) -> list[dict]:
        """Speakers matching ``name``, best first (see
        :func:`quotetrack.store.lookup.find_speakers`)."""
        with self.session() as s:
            return lookup.find_speakers(s, name)

    def _quote_select(self) -> Select:
        return quote_select()

    def speaker_ids(self, speaker: int | str, *, anonymous: bool = False) -> list[int]:
        """Ids a ``speaker=`` filter stands for (see :func:`quotetrack.store.lookup.speaker_ids`;
        raises :class:`~quotetrack.errors.NotFound` for a name that matches nobody)."""
        with self.session() as s:
            return lookup.speaker_ids(s, speaker, anonymous=anonymous)

    def _filters(self, stmt: Select, f: Filters) -> Select:
        """``stmt`` (over quotes, articles, outlets) narrowed by the filters of ``f``."""
        if f.speaker is not None:
            ids = self.speaker_ids(f.speaker, anonymous=f.anonymous)
            stmt = stmt.where(QuoteRow.speaker_id.in_(ids))
        if f.outlet is not None:
            outlet_ids = select(Outlet.id).where(func.lower(Outlet.name) == f.outlet.lower())
            stmt = stmt.where(ArticleRow.outlet_id.in_(outlet_ids))
        if f.since is not None:
            stmt = stmt.where(ArticleRow.published >= f.since)
        if f.until is not None:
            stmt = stmt.where(ArticleRow.published <= f.until)
        if f.type is not None:
            stmt = stmt.where(QuoteRow.type == f.type)
        if f.limit:
            stmt = stmt.limit(f.limit)
        return stmt

    def speaker_quotes(self, speaker_id: int, *, limit: int | None = None) -> list[dict]:
        """All quotes of one speaker in date order (undated last): see QUOTE_COLUMNS."""
        stmt = self._quote_select().where(QuoteRow.speaker_id == speaker_id)
        stmt = stmt.order_by(ArticleRow.published.is_(None), ArticleRow.published, QuoteRow.id)
        if limit:
            stmt = stmt.limit(limit)
        with self.session() as s:
            return _dicts(s, stmt)

    def quotes(
        self,
        speaker: int | str | None = None,
        outlet: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        type: str | None = None,
        limit: int | None = None,
        *,
        anonymous: bool = False,
    ) -> list[dict]:
        """Quotes matching all given filters, newest first (see QUOTE_COLUMNS).

        The filters are those of :class:`quotetrack.filters.Filters`: ``speaker`` an id or a
        name, ``outlet`` an outlet name (case-insensitive), ``since``/``until`` inclusive
        dates, ``type`` direct/indirect/mixed; ``anonymous`` lets a name match unnamed sources.
        """
        f = Filters.of(
            speaker=speaker,
            outlet=outlet,
            since=since,
            until=until,
            type=type,
            limit=limit,
            anonymous=anonymous,
        )
        stmt = self._quote_select().order_by(ArticleRow.published.desc(), QuoteRow.id.desc())
        stmt = self._filters(stmt, f)
        with self.session() as s:
            return _dicts(s, stmt)

    def article(self, article_id: int) -> dict | None:
        """One article's stored fields (including text and provenance), or None."""
        with self.session() as s:
            row = s.execute(
                select(ArticleRow, Outlet.name.label("outlet"))
                .outerjoin(Outlet, Outlet.id == ArticleRow.outlet_id)
                .where(ArticleRow.id == article_id)
            ).first()
            if row is None:
                return None
            a = row[0]
            return {
                "id": a.id,
                "outlet": row.outlet,
                "url": a.url,
                "title": a.title,
                "published": a.published,
                "author": a.author,
                "source_path": a.source_path,
                "source_line": a.source_line,
                "content_hash": a.content_hash,
                "text": a.text,
                "word_count": a.word_count,
                "provenance": json.loads(a.provenance) if a.provenance else {},
                "ingested_at": a.ingested_at,
                "updated_at": a.updated_at,
            }

    # -- full-text search ------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        speaker: int | str | None = None,
        outlet: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        type: str | None = None,
        limit: int | None = 50,
        anonymous: bool = False,
    ) -> list[dict]:
        """Quotes whose text matches an FTS5 ``query``, best match first.

        Syntax: words (all must occur, stemmed: "protect" finds "protecting"), "exact
        phrases", OR / NOT / AND, prefix* and NEAR(a b, 5). Rows are QUOTE_COLUMNS plus
        ``snippet`` (the matching part, hits wrapped in SNIPPET_OPEN/SNIPPET_CLOSE) and
        ``score`` (bm25; lower is better). Raises :class:`SearchSyntaxError` for a query
        SQLite cannot parse.
        """
        if not query or not query.strip():
            raise SearchSyntaxError("empty search query")
        f = Filters.of(
            speaker=speaker,
            outlet=outlet,
            since=since,
            until=until,
            type=type,
            limit=limit,
            anonymous=anonymous,
        )
        if self.engine.dialect.name == "postgresql":
            return self._search_postgres(query, f)
        self._check_fts_query(query)
        snippet: ColumnElement[Any] = literal_column(
            f"snippet(quotes_fts, 0, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', {SNIPPET_TOKENS})"
        ).label("snippet")
        score: ColumnElement[Any] = literal_column("bm25(quotes_fts)").label("score")
        stmt = (
            self._quote_select()
            .add_columns(snippet, score)
            .join(_FTS, _FTS.c.rowid == QuoteRow.id)
            .where(text("quotes_fts MATCH :fts_query").bindparams(fts_query=query))
        )
        stmt = self._filters(stmt.order_by(score, QuoteRow.id), f)
        with self.session() as s:
            return _dicts(s, stmt)

    def _check_fts_query(self, query: str) -> None:
        """Raise :class:`SearchSyntaxError` unless FTS5 can parse ``query``.

        The query is tried alone against the full-text table, which always exists: whatever
        fails there is the query's fault, so no error message needs reading to tell.
        """
        probe = text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q LIMIT 1")
        try:
            with self.session() as s:
                s.execute(probe, {"q": query}).all()
        except OperationalError as exc:
            raise SearchSyntaxError(f"bad search query {query!r}: {exc.orig}") from None

    def _search_postgres(self, query: str, f: Filters) -> list[dict]:
        """:meth:`search` on PostgreSQL: tsvector/GIN, websearch_to_tsquery, ts_rank,
        ts_headline (see :func:`quotetrack.store.postgres.search_parts`)."""
        from quotetrack.store import postgres

        try:
            where, snippet, score = postgres.search_parts(
                query,
                snippet_open=SNIPPET_OPEN,
                snippet_close=SNIPPET_CLOSE,
                snippet_words=SNIPPET_TOKENS,
            )
            with self.session() as s:
                postgres.check_query(s, query)
        except postgres.SearchQueryError as exc:
            raise SearchSyntaxError(f"bad search query {query!r}: {exc}") from None
        stmt = self._quote_select().add_columns(snippet, score).where(where)
        stmt = self._filters(stmt.order_by(score, QuoteRow.id), f)
        with self.session() as s:
            return _dicts(s, stmt)

    # -- export ---------------------------------------------------------------------------

    def export_rows(
        self, kind: str, filters: Filters | None = None
    ) -> tuple[list[str], Iterator[dict[str, Any]]]:
        """(columns, lazily read rows) of the readable view for ``kind`` ('quotes' |
        'statements' | 'speakers'), see :mod:`quotetrack.store.export`."""
        return export_mod.iter_rows(self.session, kind, filters or Filters())

    def export(self, kind: str, fmt: str, out: str | Path | IO[str], **filters: Any) -> int:
        """Write all ``kind`` rows ('quotes' | 'statements' | 'speakers') as ``fmt`` ('csv' |
        'json' | 'jsonl' | 'parquet') to ``out`` (a path or a text stream; parquet needs a
        path). ``filters`` are those of :class:`~quotetrack.filters.Filters`. Returns the
        number of rows written.
        """
        if fmt not in writers.FORMATS:
            raise InputError(
                f"unknown export format {fmt!r}: choose one of {', '.join(writers.FORMATS)}"
            )
        columns, rows = self.export_rows(kind, Filters.of(**filters))
        return writers.write(rows, columns, fmt, out)

    # -- read-only SQL --------------------------------------------------------------------

    def run_sql(self, sql: str, *, timeout: float = 10.0) -> tuple[list[str], list[tuple]]:
        """Run one read-only SQL statement: (column names, rows).

        Raises ``ReadOnlyViolation`` for anything that writes or changes settings,
        ``QueryTimeout`` after ``timeout`` seconds, ``SQLError`` for bad SQL. The statement
        runs on a read-only connection of its own (see :func:`sql.run_readonly_sql`).
        """
        if self.engine.dialect.name == "postgresql":
            from quotetrack.store import postgres

            return postgres.run_sql(self.engine, sql, timeout=timeout)
        if self.path is None:
            raise sql_mod.SQLError("read-only SQL needs a SQLite database file")
        return sql_mod.run_sql(self.path, sql, timeout=timeout)


def _dicts(session: Session, stmt: Select) -> list[dict]:
    """Rows of a Core select as plain dicts (through the Connection: no ORM row overhead,
    which is most of the time for a speaker's 10k quotes)."""
    result = session.connection().execute(stmt)
    keys = list(result.keys())
    return [dict(zip(keys, row)) for row in result]


def open_store(
    db: str | Path | None = None, *, readonly: bool = False, grouping: Grouping | None = None
) -> Store:
    """Open quotetrack's database, creating it and migrating it to head unless ``readonly``.

    A read-only store is never created, migrated or switched to WAL: a database at another
    schema revision, or not a quotetrack database, raises ``SchemaMismatch``. A SQLite file
    that changed since it was last checked gets ``PRAGMA quick_check`` first
    (``CorruptDatabase`` when damaged).

    ``db`` is a SQLite file path or an SQLAlchemy URL; default ``$QUOTETRACK_DB`` or
    ``./quotetrack.db``. A read-only store refuses writes and needs an existing file.
    ``grouping`` is run in each save's transaction (see :class:`Grouping`); without it quotes
    are stored ungrouped. ``quotetrack.ingest.open_store`` opens one with statements.
    """
    url = engine_mod.resolve_url(db)
    engine = engine_mod.make_engine(url, readonly=readonly)
    path = engine_mod.sqlite_path(url)
    try:
        engine_mod.check_integrity(engine, path)
        if readonly:
            # Reading never migrates: an older or foreign database is named, not changed.
            engine_mod.check_schema(engine)
        elif engine_mod.current_revision(engine) != engine_mod.head_revision():
            engine_mod.migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, readonly=readonly, path=path, grouping=grouping)
