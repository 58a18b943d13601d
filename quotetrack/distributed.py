"""Distributed extraction: parsing and quote detection on Dask workers.

``quotetrack ingest --dask tcp://scheduler:8786 PATH…`` (an existing ``dask.distributed``
cluster) or ``--dask local:2`` (a local cluster of 2 worker processes, started for the run)
sends articles in batches to the workers, which load the spaCy pipeline once (a worker
plugin, so a restarted worker loads it again) and detect quotes. Results stream back into the
database while later batches are still being parsed.

Two ways of writing, both with one transaction per article:

* ``writer="client"`` (the default for SQLite): the process that runs ``ingest`` saves the
  articles of each finished batch, in input order, so the database ends up exactly as a
  single-process ingest would leave it.
* ``writer="workers"`` (the default for PostgreSQL): each worker saves its own batch straight
  into the database (concurrent writers are safe there, see :mod:`quotetrack.store.postgres`),
  so the client is no bottleneck for large clusters.

Nothing is lost when a worker dies mid-batch: Dask reschedules the batch on another worker
(and quotetrack resubmits a batch that Dask gave up on, up to ``resubmits`` times). Articles
are only ever written by a batch that finished parsing, and writing is idempotent (an article
already stored with the same text is "unchanged"), so a batch that ran twice stores its
articles once.
"""

from __future__ import annotations

import contextlib
import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import StageMissing
from .ingest import Extracted, IngestSummary, Outcome, ingest_articles
from .types import Article, Quote

DEFAULT_BATCH_SIZE = 8
LOCAL_PREFIX = "local:"


class DaskUnavailable(StageMissing):
    """``dask.distributed`` is not installed (``pip install 'quotetrack[dask]'``)."""


def _distributed():
    try:
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise DaskUnavailable(
            "distributed extraction needs Dask: pip install 'quotetrack[dask]'"
        ) from exc
    return distributed


def parse_address(address: str) -> tuple[str, int | str]:
    """What ``--dask`` names: ``("local", n_workers)`` for ``local:N`` (``local`` alone means
    2 workers) or ``("scheduler", address)`` for a scheduler such as
    ``tcp://10.0.0.5:8786``. Raises ``ValueError`` for ``local:0`` or ``local:x``."""
    address = address.strip()
    if address == "local" or address.startswith(LOCAL_PREFIX):
        n = address[len(LOCAL_PREFIX) :] or "2"
        if not n.isdigit() or int(n) < 1:
            raise ValueError(f"--dask {address!r}: expected local:N with N >= 1 workers")
        return "local", int(n)
    if "://" not in address and ":" not in address:
        raise ValueError(f"--dask {address!r}: expected tcp://HOST:PORT or local:N")
    return "scheduler", address


@contextlib.contextmanager
def connect(address: str, *, model: str | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` for ``address`` (see :func:`parse_address`), with quotetrack's
    pipeline plugin registered; a local cluster is started for the block and shut down after.

    Local workers are separate processes with one thread each: spaCy parsing is CPU-bound and
    holds the GIL, so processes are what use the cores.
    """
    distributed = _distributed()
    kind, where = parse_address(address)
    with contextlib.ExitStack() as stack:
        if kind == "local":
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=int(where),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        else:
            client = stack.enter_context(distributed.Client(str(where)))
        register_pipeline(client, model)
        yield client


# -- on the workers -----------------------------------------------------------------------------


class PipelinePlugin:
    """Worker plugin that loads quotetrack's pipeline when a worker starts (or restarts), so
    the first batch does not pay for it and a missing model fails at once."""

    idempotent = True

    def __init__(self, model: str | None = None):
        self.model = model

    def setup(self, worker) -> None:
        from .nlp import load

        load(self.model)

    def teardown(self, worker) -> None:
        pass


def register_pipeline(client, model: str | None = None) -> None:
    """Register :class:`PipelinePlugin` on every current and future worker of ``client``."""
    distributed = _distributed()
    plugin = type("QuotetrackPipeline", (PipelinePlugin, distributed.WorkerPlugin), {})
    client.register_plugin(plugin(model), name=f"quotetrack-pipeline-{model or 'default'}")


def extract_batch(texts: Sequence[str], model: str | None = None) -> list[list[Quote]]:
    """Worker task: the quotes of each text (one list per text, in order).

    The pipeline is loaded once per worker process (``quotetrack.nlp.load`` caches it).
    """
    from .nlp import load

    nlp = load(model)
    return [doc._.quotes or [] for doc in nlp.pipe(list(texts), batch_size=max(1, len(texts)))]


_worker_stores: dict[str, Any] = {}


def store_batch(
    articles: Sequence[Article], db_url: str, model: str | None = None
) -> list[tuple[str, int, int, str | None]]:
    """Worker task for ``writer="workers"``: ingest ``articles`` into ``db_url`` with the one
    ingest loop (:func:`quotetrack.ingest.outcomes`), parsing in this worker process.

    Out: per article, in input order, ``(status, n_quotes, new_speakers, error)``; status is
    new / updated / unchanged, or ``failed`` with the error message.
    """
    from .ingest import LocalExtractor, open_store, outcomes

    store = _worker_stores.get(db_url)
    if store is None:
        store = _worker_stores[db_url] = open_store(db_url)
    found = {
        id(o.article): (o.status, o.n_quotes, o.new_speakers, o.error)
        for o in outcomes(articles, store, LocalExtractor(model, batch_size=len(articles) or 1))
    }
    return [found[id(a)] for a in articles]


# -- on the client ------------------------------------------------------------------------------


@dataclass
class _Batch:
    index: int
    articles: list[Article]
    attempts: int = 0


@dataclass
class DaskRun:
    """Bookkeeping of one distributed ingest, for reports and tests."""

    batches: int = 0
    resubmitted: int = 0


def _batches(articles: Iterable[Article], size: int) -> Iterator[_Batch]:
    it = iter(articles)
    for i in itertools.count():
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield _Batch(i, chunk)


def default_writer(store) -> str:
    """``workers`` when the database is PostgreSQL (workers can reach it and write
    concurrently), else ``client``."""
    return "workers" if store.engine.dialect.name == "postgresql" else "client"


@dataclass
class DaskExtractor:
    """The :class:`quotetrack.ingest.Extractor` of a Dask cluster behind ``client``.

    ``batch_size`` articles go to a worker at once; at most ``in_flight`` batches (default:
    2 per worker) are queued, so memory stays flat however long the input. With
    ``writer="client"`` the workers only parse and results come back in input order for the
    ingest loop to save; with ``writer="workers"`` each worker saves its own batch into
    ``db_url`` (``saves`` is then true). A batch Dask gave up on is resubmitted up to
    ``resubmits`` times, then each of its articles fails with the reason.
    """

    client: Any
    db_url: str
    model: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    in_flight: int | None = None
    writer: str = "client"
    resubmits: int = 3
    run: DaskRun = field(default_factory=DaskRun)

    def __post_init__(self) -> None:
        if self.writer not in ("client", "workers"):
            raise ValueError(f"writer must be 'client' or 'workers', not {self.writer!r}")

    @property
    def saves(self) -> bool:
        return self.writer == "workers"

    def extract(self, articles: Sequence[Article]) -> Iterator[tuple[Article, Extracted]]:
        distributed = _distributed()
        client, run = self.client, self.run
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        in_flight = self.in_flight or 2 * n_workers
        source = _batches(articles, self.batch_size)
        meta: dict[str, _Batch] = {}
        finished: dict[int, Any] = {}  # client writer: results waiting for earlier batches
        next_to_write = 0
        queue = distributed.as_completed([])
        token = uuid.uuid4().hex[:12]  # task keys unique across runs sharing a scheduler

        def submit(batch: _Batch) -> None:
            batch.attempts += 1
            key = f"{token}-{batch.index}-{batch.attempts}"
            if self.writer == "client":
                fut = client.submit(
                    extract_batch,
                    [a.text for a in batch.articles],
                    self.model,
                    pure=False,
                    key=f"quotetrack-extract-{key}",
                )
            else:
                fut = client.submit(
                    store_batch,
                    batch.articles,
                    self.db_url,
                    self.model,
                    pure=False,
                    key=f"quotetrack-store-{key}",
                )
            meta[fut.key] = batch
            queue.add(fut)
            if batch.attempts == 1:
                run.batches += 1

        def refill() -> None:
            # Keep in_flight batches queued; the client writer also stops reading ahead while
            # too many later results wait for an earlier batch (memory stays bounded).
            while len(meta) < in_flight and len(finished) < 4 * in_flight:
                batch = next(source, None)
                if batch is None:
                    return
                submit(batch)

        refill()
        for fut in queue:
            batch = meta.pop(fut.key)
            try:
                result = fut.result()
            except Exception as exc:  # KilledWorker after Dask's own retries, or a task error
                fut.release()
                if batch.attempts <= self.resubmits:
                    run.resubmitted += 1
                    submit(batch)
                    continue
                result = exc
            else:
                fut.release()
            if self.writer == "workers":
                yield from _results(batch, result, stored=True)
            else:
                # Handed on in input order, so ids and statements come out as in a local ingest.
                finished[batch.index] = (batch, result)
                while next_to_write in finished:
                    yield from _results(*finished.pop(next_to_write), stored=False)
                    next_to_write += 1
            refill()


def _results(batch: _Batch, result: Any, *, stored: bool) -> Iterator[tuple[Article, Extracted]]:
    """One finished batch as the ingest loop's ``(article, result)`` pairs: quotes to save,
    outcomes a worker already stored, or a failure for each article of a batch that failed
    for good."""
    if isinstance(result, BaseException):
        for art in batch.articles:
            yield (
                art,
                Outcome(
                    art, "failed", error=f"{art.source}: distributed extraction failed: {result}"
                ),
            )
        return
    for art, item in zip(batch.articles, result):
        if not stored:
            yield art, item
            continue
        status, n_quotes, new_speakers, error = item
        yield art, Outcome(art, status, n_quotes, new_speakers, error)


def ingest_on_dask(
    articles: Iterable[Article],
    store,
    client,
    *,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    in_flight: int | None = None,
    writer: str | None = None,
    resubmits: int = 3,
    summary: IngestSummary | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_done: Callable[[Article, str], None] | None = None,
    run: DaskRun | None = None,
) -> IngestSummary:
    """Ingest ``articles`` with parsing and detection on the Dask cluster behind ``client``:
    :func:`quotetrack.ingest.ingest_articles` with a :class:`DaskExtractor`.

    In: articles (as :func:`quotetrack.ingest.read_all` returns them), an open store, a
    ``distributed.Client`` (see :func:`connect`). ``writer`` is ``client`` or ``workers``
    (see the module docs; default :func:`default_writer`). Out: the summary;
    ``on_done(article, status)`` after each article is stored (client writer) or its batch
    reported (workers writer).
    """
    extractor = DaskExtractor(
        client,
        store.engine.url.render_as_string(hide_password=False),
        model=model,
        batch_size=batch_size,
        in_flight=in_flight,
        writer=writer or default_writer(store),
        resubmits=resubmits,
        run=run if run is not None else DaskRun(),
    )
    return ingest_articles(
        articles,
        store,
        extractor=extractor,
        summary=summary,
        on_failure=on_failure,
        on_done=on_done,
    )


def ingest_with_dask(
    address: str,
    articles: Iterable[Article],
    store,
    *,
    model: str | None = None,
    jobs: int = 1,
    summary: IngestSummary | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_done: Callable[[Article, str], None] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> IngestSummary:
    """:func:`quotetrack.ingest.ingest_articles` with extraction on the Dask cluster at
    ``address`` (``local:N`` starts one for the run); ``jobs`` is ignored: the cluster's
    workers are the parallelism."""
    del jobs
    with connect(address, model=model) as client:
        return ingest_on_dask(
            articles,
            store,
            client,
            model=model,
            batch_size=batch_size,
            summary=summary,
            on_failure=on_failure,
            on_done=on_done,
        )


def content_snapshot(store) -> dict[str, list]:
    """What a database holds, without ids or timestamps, to compare two ingests of the same
    input (one process against several, SQLite against PostgreSQL).

    Out: sorted lists of articles (content hash, url, outlet, title, date), outlets,
    speakers (kind, identity key), aliases (speaker key, alias key), quotes (article hash,
    start, end, type, speaker key) and statements, each as the sorted (article hash, start)
    of its quotes. Speakers appear by identity key, not display name, and roles are left out:
    an unnamed source is shown as first described and the newest stated role wins, and
    "first" and "newest" are arrival order, which parallel writers do not fix.
    """
    from sqlalchemy import select

    from .store.models import Article as A
    from .store.models import Outlet, Speaker, SpeakerAlias
    from .store.models import Quote as Q

    with store.session() as s:
        articles = sorted(
            (h, u or "", o or "", t or "", str(p or ""))
            for h, u, o, t, p in s.execute(
                select(A.content_hash, A.url, Outlet.name, A.title, A.published).outerjoin(
                    Outlet, Outlet.id == A.outlet_id
                )
            )
        )
        outlets = sorted(s.scalars(select(Outlet.name)))
        speakers = sorted((k, n) for k, n in s.execute(select(Speaker.kind, Speaker.name_key)))
        aliases = sorted(
            (n, k)
            for n, k in s.execute(
                select(Speaker.name_key, SpeakerAlias.alias_key).join(
                    Speaker, Speaker.id == SpeakerAlias.speaker_id
                )
            )
        )
        quotes = []
        groups: dict[int, list[tuple[str, int]]] = {}
        for h, start, end, qtype, name, sid in s.execute(
            select(A.content_hash, Q.start, Q.end, Q.type, Speaker.name_key, Q.statement_id)
            .join(A, A.id == Q.article_id)
            .outerjoin(Speaker, Speaker.id == Q.speaker_id)
        ):
            quotes.append((h, start, end, qtype, name or ""))
            if sid is not None:
                groups.setdefault(sid, []).append((h, start))
    return {
        "articles": articles,
        "outlets": outlets,
        "speakers": speakers,
        "aliases": aliases,
        "quotes": sorted(quotes),
        "statements": sorted(sorted(g) for g in groups.values()),
    }
