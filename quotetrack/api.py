"""quotetrack as a library: ``quotetrack.open(db)`` and the :class:`Quotetrack` it returns.

    import quotetrack

    with quotetrack.open("news.db") as qt:
        qt.ingest("samples/")
        for q in qt.quotes(speaker="Blinken", type="direct", limit=5):
            print(q.date, q.outlet, q.text)

Every listing takes the same keyword filters, named as the command line's flags (see
:class:`quotetrack.filters.Filters`): ``speaker=``, ``outlet=``, ``since=``, ``until=``,
``type=``, ``min_outlets=``, ``kind=``, ``limit=``, ``anonymous=``. Results are frozen
records from :mod:`quotetrack.records`. Failures raise :mod:`quotetrack.errors` exceptions:
:class:`~quotetrack.errors.NotFound` for a name or id that matches nothing,
:class:`~quotetrack.errors.AmbiguousName` when one speaker was needed and several match,
:class:`~quotetrack.errors.InputError` for a bad filter, query or format. The command line is
a thin layer over this module; docs/api.md has the guide.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy.exc import OperationalError

from . import corrections, writers
from . import ingest as ingest_service
from .errors import AmbiguousName, DatabaseError, DatabaseMissing, InputError, NotFound
from .filters import DateLike, Filters, coerce_date
from .records import (
    ActivityPeriod,
    ArticleDetail,
    IngestReport,
    Outlet,
    OutletProfile,
    Overview,
    PlacedQuote,
    RegroupReport,
    SearchHit,
    Speaker,
    SpeakerActivity,
    SpeakerProfile,
    SQLResult,
    StatementDetail,
    StatementSummary,
    StoredQuote,
)
from .statements import queries as statement_queries
from .store import Store, browse, engine, lookup
from .types import Article

if TYPE_CHECKING:
    from .sources import FetchStats, Sources

DEFAULT_DB = "quotetrack.db"
# SQLite's primary result codes for a database another process is opening or closing:
# SQLITE_BUSY, SQLITE_CANTOPEN, SQLITE_PROTOCOL (a WAL lock race).
_TRANSIENT_SQLITE = frozenset({5, 14, 15})
_OPEN_ATTEMPTS = 3


def open(
    db: str | Path | None = None, *, readonly: bool = False, create: bool = True
) -> Quotetrack:
    """Open the quotetrack database ``db`` (a SQLite path or an SQLAlchemy URL; default
    ``$QUOTETRACK_DB`` or ``./quotetrack.db``).

    A new SQLite file is created and migrated unless ``create=False`` (then a missing file is
    :class:`~quotetrack.errors.DatabaseMissing`) or ``readonly=True`` (which also refuses
    writes). Use the result as a context manager, or call :meth:`Quotetrack.close`.
    """
    where = engine.resolve_url(db)
    path = engine.sqlite_path(where)
    if path is not None and not Path(path).exists() and (readonly or not create):
        raise DatabaseMissing(str(db or DEFAULT_DB))
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            return Quotetrack(ingest_service.open_store(db, readonly=readonly))
        except DatabaseError:
            raise
        except OperationalError as exc:
            # Another process creating the file, or closing the last connection (SQLite
            # then removes the -wal and -shm files), can make an open fail for a moment;
            # the error code, not its message, says so.
            code = getattr(exc.orig, "sqlite_errorcode", None)
            if (
                code is not None
                and code & 0xFF in _TRANSIENT_SQLITE
                and attempt + 1 < _OPEN_ATTEMPTS
            ):
                time.sleep(0.2 * (attempt + 1))
                continue
            raise DatabaseError(f"Cannot open database {db or DEFAULT_DB}: {exc.orig}") from exc
        except Exception as exc:  # a bad URL, an unreadable file, a failed migration
            raise DatabaseError(f"Cannot open database {db or DEFAULT_DB}: {exc}") from exc
    raise AssertionError("unreachable")  # pragma: no cover


class Fixes:
    """Researchers' corrections on one database (``qt.fix``): each method logs one fix and
    applies it at once, in one transaction, and returns the logged
    :class:`~quotetrack.corrections.Correction`. Fixes are replayed after every re-ingest and
    regroup. ``note`` says why and ``by`` who (default: the user name). A refused fix raises
    :class:`~quotetrack.corrections.FixRefused`, an unknown id
    :class:`~quotetrack.corrections.UnknownTarget`; either way nothing is written.

        with quotetrack.open("news.db") as qt:
            qt.fix.merge_speakers(3, [17], note="same person")
            qt.fix.set_quote_type(42, "indirect")
            for entry in qt.fix.log():
                print(entry.id, entry.summary())
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def _apply(self, fix: Callable[..., corrections.Correction], *args: Any, **kw: Any):
        # Fixes that regroup quotes use the database's own grouping settings, as ingest does.
        params = ingest_service.grouping_params(self.store)
        with self.store.session(write=True) as s:
            return fix(s, *args, params=params, **kw)

    def merge_speakers(self, keep: int, others: Iterable[int], **who: Any):
        """Speakers ``others`` are ``keep``: their quotes, now and later, become ``keep``'s."""
        return self._apply(corrections.merge_speakers, keep, list(others), **who)

    def split_speaker(self, speaker_id: int, alias: str, *, name: str | None = None, **who: Any):
        """The quotes written next to ``alias`` belong to another speaker (``name``)."""
        return self._apply(corrections.split_speaker, speaker_id, alias, name=name, **who)

    def rename_speaker(self, speaker_id: int, name: str, **who: Any):
        """Speaker ``speaker_id`` is called ``name``."""
        return self._apply(corrections.rename_speaker, speaker_id, name, **who)

    def set_speaker(
        self, speaker_id: int, *, role: str | None = None, kind: str | None = None, **who: Any
    ):
        """Set a speaker's ``role`` and/or ``kind``."""
        return self._apply(corrections.set_speaker, speaker_id, role=role, kind=kind, **who)

    def reassign_quote(self, quote_id: int, speaker: int | str, *, kind: str = "person", **who):
        """Quote ``quote_id`` is by ``speaker`` (an id, or a name for a new speaker)."""
        return self._apply(corrections.reassign_quote, quote_id, speaker, kind=kind, **who)

    def set_quote_type(self, quote_id: int, type: str, **who: Any):
        """Quote ``quote_id`` is ``direct``, ``indirect`` or ``mixed``."""
        return self._apply(corrections.set_quote_type, quote_id, type, **who)

    def not_a_quote(self, quote_id: int, **who: Any):
        """Quote ``quote_id`` is not a quote: it leaves every listing and statement."""
        return self._apply(corrections.not_a_quote, quote_id, **who)

    def set_quote_span(self, quote_id: int, start: int, end: int, **who: Any):
        """Quote ``quote_id`` is ``text[start:end]`` of its article."""
        return self._apply(corrections.set_quote_span, quote_id, start, end, **who)

    def merge_statements(self, keep: int, others: Iterable[int], *, force: bool = False, **who):
        """Statements ``others`` are ``keep`` (a must-link); other speakers' need ``force``."""
        return self._apply(corrections.merge_statements, keep, list(others), force=force, **who)

    def detach_quote(self, quote_id: int, *, to: int | None = None, **who: Any):
        """Quote ``quote_id`` leaves its statement (a cannot-link): alone, or into ``to``."""
        return self._apply(corrections.detach_quote, quote_id, to=to, **who)

    def undo(self, correction_id: int, **who: Any):
        """Revert fix ``correction_id``: the machine's values come back."""
        return self._apply(corrections.undo, correction_id, **who)

    def log(self) -> list[corrections.Correction]:
        """Every fix, oldest first (undone ones marked ``undone_by``)."""
        with self.store.session() as s:
            return corrections.log(s)

    def export(self, path: str | Path) -> int:
        """Write the fixes that hold to ``path`` (JSON) for another database. Out: how many."""
        with self.store.session() as s:
            return corrections.export_corrections(s, path)

    def import_(self, path: str | Path) -> corrections.ImportReport:
        """Add an export file's fixes (matched by quote text and article where ids differ)."""
        params = ingest_service.grouping_params(self.store)
        with self.store.session(write=True) as s:
            return corrections.import_corrections(s, path, params)


class Quotetrack:
    """One open quotetrack database; see :func:`open`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.fix = Fixes(store)

    # -- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        """Release the database's connections."""
        self.store.close()

    def __enter__(self) -> Quotetrack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest -----------------------------------------------------------------------------

    def ingest(
        self,
        *paths: str | Path,
        outlet: str | None = None,
        date: DateLike = None,
        model: str | None = None,
        jobs: int = 1,
        dask: str | None = None,
        max_mb: float = 20.0,
        on_failure: Callable[[str], None] | None = None,
        on_done: Callable[[Article, str], None] | None = None,
        on_start: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Read the articles under ``paths`` (files or directories), find their quotes and
        speakers, and store them; unchanged articles are skipped, changed ones replaced.

        ``outlet`` and ``date`` override every article's metadata; ``model`` names the spaCy
        pipeline; ``jobs`` processes parse in parallel, or ``dask`` names a cluster
        (``local:N`` or a scheduler address). Unreadable inputs are counted in the report's
        ``failed`` and ``failures`` (also passed to ``on_failure``), not raised.
        ``on_start(n)`` is told how many articles were read, ``on_done(article, status)``
        when each is stored or found unchanged.
        """
        if not paths:
            raise InputError("ingest needs at least one path")
        summary = ingest_service.IngestSummary()
        articles = ingest_service.read_all(
            paths,
            outlet=outlet,
            published=coerce_date(date, name="date"),
            on_failure=on_failure,
            summary=summary,
            max_bytes=int(max_mb * 1_000_000),
        )
        if on_start is not None:
            on_start(len(articles))
        return self.ingest_articles(
            articles,
            model=model,
            jobs=jobs,
            dask=dask,
            summary=summary,
            on_failure=on_failure,
            on_done=on_done,
        )

    def ingest_sources(
        self,
        sources: Sources,
        *,
        outlet: str | None = None,
        date: DateLike = None,
        model: str | None = None,
        jobs: int = 1,
        max_mb: float | None = None,
        stats: FetchStats | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_done: Callable[[Article, str], None] | None = None,
    ) -> IngestReport:
        """Fetch and store what ``sources`` names (files, URLs, URL lists, feeds; see
        :class:`quotetrack.sources.Sources`), parsing pages as they arrive. A URL already
        stored is not fetched again unless ``sources.refresh``. Fetch counts go to ``stats``
        (a :class:`~quotetrack.sources.FetchStats`); failures are in the report, as for
        :meth:`ingest`."""
        from .sources import ingest_sources

        summary = ingest_service.IngestSummary()
        with ingest_service.long_run_collector():
            ingest_sources(
                sources,
                self.store,
                summary=summary,
                stats=stats,
                outlet=outlet,
                published=coerce_date(date, name="date"),
                model=model,
                jobs=jobs,
                max_bytes=None if max_mb is None else int(max_mb * 1_000_000),
                on_failure=on_failure,
                on_done=on_done,
            )
        return summary.report()

    def ingest_articles(
        self,
        articles: Iterable[Article],
        *,
        model: str | None = None,
        jobs: int = 1,
        dask: str | None = None,
        summary: ingest_service.IngestSummary | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_done: Callable[[Article, str], None] | None = None,
    ) -> IngestReport:
        """Ingest articles already read (:class:`quotetrack.types.Article`); see :meth:`ingest`."""
        summary = summary if summary is not None else ingest_service.IngestSummary()
        with ingest_service.long_run_collector():
            if dask:
                from .distributed import ingest_with_dask

                ingest_with_dask(
                    dask,
                    list(articles),
                    self.store,
                    model=model,
                    summary=summary,
                    on_failure=on_failure,
                    on_done=on_done,
                )
            else:
                ingest_service.ingest_articles(
                    list(articles),
                    self.store,
                    model=model,
                    jobs=jobs,
                    summary=summary,
                    on_failure=on_failure,
                    on_done=on_done,
                )
        return summary.report()

    # -- quotes and speakers ------------------------------------------------------------------

    def quotes(
        self,
        *,
        speaker: int | str | None = None,
        outlet: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        type: str | None = None,
        limit: int | None = None,
        anonymous: bool = False,
    ) -> list[StoredQuote]:
        """Quotes matching every filter, newest first. A ``speaker`` name that matches
        nobody raises :class:`~quotetrack.errors.NotFound`."""
        f = Filters.of(
            speaker=speaker,
            outlet=outlet,
            since=since,
            until=until,
            type=type,
            limit=limit,
            anonymous=anonymous,
        )
        rows = self.store.quotes(
            f.speaker, f.outlet, f.since, f.until, f.type, f.limit, anonymous=f.anonymous
        )
        return [StoredQuote.from_row(r) for r in rows]

    def speakers(
        self,
        name: str | None = None,
        *,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[Speaker]:
        """Speakers a ``name`` could mean, best match first (exact name or alias, then shared
        surname, then part of a name), or with no name every speaker, most quoted first.
        ``kind`` keeps persons, organisations or anonymous sources only."""
        if name is not None:
            found = [Speaker.from_row(d) for d in self.store.find_speakers(name)]
        else:
            _, rows = self.store.export_rows("speakers", Filters.of(kind=kind))
            found = [
                Speaker(r["speaker_id"], r["name"], r["kind"], r["role"], r["n_quotes"], match=None)
                for r in rows
            ]
        if kind is not None:
            found = [s for s in found if s.kind == kind]
        return found[:limit] if limit else found

    def speaker(self, name: str | int) -> SpeakerProfile:
        """One speaker and all their quotes in date order.

        ``name`` is an id or any alias, case-insensitively ("Blinken", "Secretary Blinken").
        When exactly one speaker matches the name exactly, it is chosen; otherwise several
        candidates raise :class:`~quotetrack.errors.AmbiguousName` (its ``matches`` lists
        them) and none :class:`~quotetrack.errors.NotFound`.
        """
        if isinstance(name, int) or str(name).strip().isdigit():
            sid = int(name)
            with self.store.session() as s:
                matches = [Speaker.from_row(d) for d in lookup.speaker_rows(s, {sid: "exact"})]
            if not matches:
                raise NotFound(f"No speaker has id {sid}")
        else:
            matches = self.speakers(str(name))
            if not matches:
                raise NotFound(
                    f"No speaker matches {name!r}; `quotetrack quotes` shows who is in the database"
                )
            exact = [m for m in matches if m.match == "exact"]
            if len(exact) == 1:
                matches = exact
            if len(matches) > 1:
                raise AmbiguousName(str(name), matches)
        sp = matches[0]
        quotes = tuple(StoredQuote.from_row(q) for q in self.store.speaker_quotes(sp.id))
        return SpeakerProfile(sp, quotes)

    # -- statements -------------------------------------------------------------------------

    def statements(
        self,
        *,
        speaker: int | str | None = None,
        outlet: str | None = None,
        since: DateLike = None,
        until: DateLike = None,
        min_outlets: int | None = None,
        kind: str | None = None,
        sort: str = "reach",
        limit: int | None = None,
        anonymous: bool = False,
    ) -> list[StatementSummary]:
        """Statements (one utterance each, across outlets) matching every filter: ``outlet``
        keeps those that outlet quoted, ``since``/``until`` bound the first publication,
        ``kind`` keeps those with a variant of that kind (``altered`` …). ``sort`` is
        ``reach`` (most outlets first) or ``date`` (newest first)."""
        f = Filters.of(
            speaker=speaker,
            outlet=outlet,
            since=since,
            until=until,
            min_outlets=min_outlets,
            kind=kind,
            limit=limit,
            anonymous=anonymous,
        )
        if sort not in statement_queries.SORTS:
            raise InputError(f"sort must be one of {', '.join(statement_queries.SORTS)}")
        with self.store.session() as s:
            rows = statement_queries.list_statements(
                s,
                speaker=f.speaker,
                outlet=f.outlet,
                since=f.since,
                until=f.until,
                min_outlets=f.min_outlets,
                kind=f.kind,
                sort=sort,
                limit=f.limit,
                anonymous=f.anonymous,
            )
        return [StatementSummary.from_row(r) for r in rows]

    def statement(self, statement_id: int) -> StatementDetail:
        """One statement with every outlet's wording and a word-level diff against the
        fullest one; :class:`~quotetrack.errors.NotFound` if there is no such statement."""
        with self.store.session() as s:
            detail = statement_queries.statement_detail(s, int(statement_id))
        if detail is None:
            raise NotFound(f"No statement {statement_id}; `quotetrack statements` lists them")
        return StatementDetail.from_row(detail)

    def regroup(self, **settings: Any) -> RegroupReport:
        """Rebuild every statement from the stored quotes. Keyword ``settings`` change
        grouping parameters (names of :class:`quotetrack.statements.GroupingParams`); they
        are stored in the database, so later ingests group the same way."""
        params = None
        if settings:
            current = ingest_service.grouping_params(self.store)
            params = ingest_service.params_with(current, settings)
        return RegroupReport(**ingest_service.regroup(self.store, params))

    def grouping_settings(self) -> dict[str, Any]:
        """The statement grouping parameters this database uses (all of them)."""
        import dataclasses

        return dataclasses.asdict(ingest_service.grouping_params(self.store))

    # -- search, export, SQL ------------------------------------------------------------------

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
    ) -> list[SearchHit]:
        """Quotes whose text matches the full-text ``query``, best first: words (all must
        occur; stemmed), "exact phrases", OR, NOT, prefix* and NEAR(a b, 5). A query the
        database cannot parse raises :class:`~quotetrack.errors.InputError`."""
        f = Filters.of(
            speaker=speaker,
            outlet=outlet,
            since=since,
            until=until,
            type=type,
            limit=limit,
            anonymous=anonymous,
        )
        rows = self.store.search(
            query,
            speaker=f.speaker,
            outlet=f.outlet,
            since=f.since,
            until=f.until,
            type=f.type,
            limit=f.limit,
            anonymous=f.anonymous,
        )
        return [SearchHit.from_row(r) for r in rows]

    def export(
        self,
        kind: str,
        out: str | Path | IO[str],
        *,
        format: str = "csv",
        **filters: Any,
    ) -> int:
        """Write every ``kind`` row ('quotes', 'statements' or 'speakers': the readable views
        of docs/schema.md) matching ``filters`` to ``out`` (a path or a text stream) as
        ``format`` ('csv', 'json', 'jsonl' or 'parquet', which needs a path). Returns the
        number of rows written."""
        columns, rows = self.store.export_rows(kind, Filters.of(**filters))
        return writers.write(rows, columns, format, out)

    def sql(self, query: str, *, timeout: float = 10.0) -> SQLResult:
        """Run one read-only SQL statement (see docs/schema.md for tables and views).
        Statements that would write are refused (:class:`~quotetrack.errors.InputError`)."""
        columns, rows = self.store.run_sql(query, timeout=timeout)
        return SQLResult(tuple(columns), tuple(tuple(r) for r in rows))

    # -- browsing: what the read-only web view shows ----------------------------------------

    def tune_for_browsing(self) -> None:
        """Prepare the connections for many small reads (a SQLite file is memory-mapped and
        given a larger page cache); call it once, before browsing."""
        browse.tune_for_reading(self.store.engine)

    def overview(self, *, recent: int = 2000, statements: int = 15, speakers: int = 12) -> Overview:
        """The database's row counts, and over its ``recent`` newest dated articles (the last
        stored when none is dated) the ``statements`` with the widest reach quoted in them
        and the ``speakers`` quoted most in them. A window of articles rather than of days
        costs the same on any size of database and still shows an archive of old news."""
        with self.store.session() as s:
            found = browse.overview(s, recent, statements, speakers)
            rows = {
                r["statement_id"]: r
                for r in statement_queries.statement_summaries(s, found["statement_ids"])
            }
        return Overview(
            stats=self.store.stats(),
            n_recent_articles=found["n_recent_articles"],
            since=found["since"],
            until=found["until"],
            statements=tuple(
                StatementSummary.from_row(rows[i]) for i in found["statement_ids"] if i in rows
            ),
            speakers=tuple(Speaker.from_row(r) for r in found["speakers"]),
        )

    def speaker_activity(self, speaker_id: int, *, statements: int = 40) -> SpeakerActivity:
        """How speaker ``speaker_id`` was quoted: their ``statements`` with the widest reach
        and a timeline of their quotes and outlets (see
        :class:`~quotetrack.records.SpeakerActivity`); :class:`~quotetrack.errors.NotFound`
        for an unknown id."""
        with self.store.session() as s:
            sp = browse.speaker(s, int(speaker_id))
            if sp is None:
                raise NotFound(f"No speaker has id {speaker_id}")
            n_statements, top = browse.speaker_statements(s, sp["id"], statements)
            rows = {r["statement_id"]: r for r in statement_queries.statement_summaries(s, top)}
            seen = browse.speaker_timeline(s, sp["id"])
        return SpeakerActivity(
            speaker=Speaker(
                sp["id"],
                sp["name"],
                sp["kind"],
                sp["role"],
                seen["n_quotes"],
                aliases=tuple(sp["aliases"]),
            ),
            n_outlets=seen["n_outlets"],
            n_undated=seen["n_undated"],
            n_statements=n_statements,
            statements=tuple(StatementSummary.from_row(rows[i]) for i in top if i in rows),
            period_unit=seen["unit"],
            timeline=tuple(ActivityPeriod(*p) for p in seen["periods"]),
        )

    def statement_summary(self, statement_id: int) -> StatementSummary:
        """One statement's summary (without its variants); an id merged into another
        statement gives that statement. :class:`~quotetrack.errors.NotFound` if none."""
        with self.store.session() as s:
            live = browse.live_statement_id(s, int(statement_id))
            rows = statement_queries.statement_summaries(s, [live]) if live is not None else []
        if not rows:
            raise NotFound(f"No statement {statement_id}; `quotetrack statements` lists them")
        return StatementSummary.from_row(rows[0])

    def live_statement_id(self, statement_id: int) -> int | None:
        """The statement id ``statement_id`` names now: itself, the statement it was merged
        into (following merges to their end), or ``None`` when it names nothing."""
        with self.store.session() as s:
            return browse.live_statement_id(s, int(statement_id))

    def quote(self, quote_id: int) -> PlacedQuote:
        """One stored quote with its offsets in its article;
        :class:`~quotetrack.errors.NotFound` for an unknown id."""
        from .store.models import Quote as QuoteRow

        with self.store.session() as s:
            rows = browse.placed_quotes(s, QuoteRow.id == int(quote_id), 1)
        if not rows:
            raise NotFound(f"No quote has id {quote_id}")
        return PlacedQuote.from_row(rows[0])

    def article(self, article_id: int, *, quotes: int | None = 200) -> ArticleDetail:
        """One stored article with its text and its first ``quotes`` quotes in reading order
        (``0``: none, ``None``: all); :class:`~quotetrack.errors.NotFound` for an unknown id."""
        from .store.models import Quote as QuoteRow

        with self.store.session() as s:
            row = browse.article(s, int(article_id))
            if row is None:
                raise NotFound(f"No article has id {article_id}")
            placed = (
                browse.placed_quotes(s, QuoteRow.article_id == row["id"], quotes)
                if quotes != 0
                else []
            )
        return ArticleDetail(**row, quotes=tuple(PlacedQuote.from_row(q) for q in placed))

    def outlets(self) -> list[Outlet]:
        """Every outlet, by name (their ``n_articles`` are left out: see :meth:`outlet`)."""
        with self.store.session() as s:
            return [Outlet(**r) for r in browse.outlets(s)]

    def outlet(self, outlet_id: int, *, speakers: int = 15, altered: int = 20) -> OutletProfile:
        """Whom outlet ``outlet_id`` quotes most (``speakers`` of them) and how often its
        quotes change the wording, with its latest ``altered`` quotes (see
        :class:`~quotetrack.records.OutletProfile`); :class:`~quotetrack.errors.NotFound`
        for an unknown id."""
        with self.store.session() as s:
            row = browse.outlet(s, int(outlet_id), speakers, altered)
        if row is None:
            raise NotFound(f"No outlet has id {outlet_id}")
        kinds, shared = row["kinds"], row["shared"]
        ordered = sorted(kinds.items(), key=lambda kv: _kind_rank(kv[0]))
        n_altered = shared.get("altered", 0)
        return OutletProfile(
            outlet=Outlet(row["id"], row["name"], row["domain"], row["n_articles"]),
            n_quotes=sum(kinds.values()),
            kinds={str(k or "ungrouped"): n for k, n in ordered},
            n_shared=sum(shared.values()),
            n_differ=n_altered + shared.get("paraphrase", 0),
            n_altered=n_altered,
            speakers=tuple(Speaker.from_row(r) for r in row["speakers"]),
            altered=tuple(StoredQuote.from_row(r) for r in row["altered"]),
        )


_VARIANT_KINDS = ("root", "verbatim", "trimmed", "altered", "paraphrase")


def _kind_rank(kind: str | None) -> int:
    """Variant kinds from faithful to free, unknown kinds and ungrouped quotes last."""
    return _VARIANT_KINDS.index(kind) if kind in _VARIANT_KINDS else len(_VARIANT_KINDS)


def extract_records(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    jobs: int = 1,
    on_failure: Callable[[str], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Detect quotes in the articles under ``paths`` without a database: one record per
    article in the evaluation format (``id``, ``text``, ``meta``, ``quotes``), in input
    order. Unreadable inputs go to ``on_failure`` and are skipped."""
    from .extract import DetectionFailed, extract_results, to_eval_record

    articles = ingest_service.read_all(list(paths), on_failure=on_failure)
    results = extract_results((a.text for a in articles), model=model, jobs=jobs)
    for art, found in zip(articles, results):
        if isinstance(found, DetectionFailed):  # reported; the other articles go on
            if on_failure:
                on_failure(f"{art.source}: {found}")
            continue
        rec = to_eval_record(art.ext_id if art.ext_id is not None else art.source, art.text, found)
        rec["meta"] = {
            "outlet": art.outlet,
            "date": art.published.isoformat() if art.published else None,
            "title": art.title,
            "url": art.url,
        }
        yield rec


__all__ = ["open", "Quotetrack", "DEFAULT_DB", "extract_records"]
