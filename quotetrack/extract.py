"""Running the detector over many texts, in one process or several.

:func:`extract` is what the ``extract`` and ``ingest`` commands call: it yields one list of
:class:`~quotetrack.types.Quote` per input text, in input order. With ``jobs > 1`` it starts a
pool of worker processes that each load the pipeline once and send back plain ``Quote``
records (spaCy's own ``n_process`` cannot carry the custom ``doc._.quotes`` across processes).
"""

from __future__ import annotations

import multiprocessing as mp
import sys
from collections.abc import Iterable, Iterator
from itertools import islice

from .types import Quote

DEFAULT_BATCH_SIZE = 16
# A tiny article that exercises detection and speaker resolution end to end.
_WARM_UP = (
    '"We will keep working," Jane Doe, the mayor, said on Monday. She added that talks went on.'
)

_worker_nlp = None  # the pipeline of a worker process, loaded once by _init_worker


def _init_worker(model: str | None) -> None:
    """Pool initializer: load the pipeline once per worker process."""
    global _worker_nlp
    from .nlp import load

    _worker_nlp = load(model)


def _run_batch(texts: list[str]) -> list[list[Quote]]:
    """Worker task: the quotes of each text in ``texts``."""
    assert _worker_nlp is not None, "worker started without _init_worker"
    return [doc._.quotes or [] for doc in _worker_nlp.pipe(texts, batch_size=len(texts) or 1)]


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while batch := list(islice(it, size)):
        yield batch


def _context() -> mp.context.BaseContext:
    # fork starts workers in milliseconds and shares the loaded code; elsewhere use spawn.
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


def extract(
    texts: Iterable[str],
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[list[Quote]]:
    """Detect quotes in each text; yield one list of quotes per text, in input order.

    ``model`` names the spaCy pipeline (see :func:`quotetrack.nlp.choose_model`); ``jobs``
    is the number of processes; ``batch_size`` the number of texts parsed together (and,
    with several processes, sent to a worker at once). Texts are consumed lazily.
    """
    if jobs <= 1:
        from .nlp import load

        nlp = load(model)
        for doc in nlp.pipe(texts, batch_size=batch_size):
            yield doc._.quotes or []
        return
    from .nlp import load

    # Load in the parent first: a missing model fails here with a clear error instead of
    # killing pool workers over and over, and forked workers inherit the loaded pipeline.
    nlp = load(model)
    nlp(_WARM_UP)  # fill lazy caches (name lists, lexicons) once, before the workers fork
    # Smaller tasks keep both workers busy to the end of a short run.
    task_size = max(1, min(batch_size, 4))
    with _context().Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        for result in pool.imap(_run_batch, _batches(texts, task_size), chunksize=1):
            yield from result


def to_eval_record(doc_id: str, text: str, quotes: list[Quote]) -> dict:
    """One line of the evaluation format (FORMAT.md): ``id``, ``text`` and ``quotes``."""
    return {"id": doc_id, "text": text, "quotes": [q.to_eval(text) for q in quotes]}
