"""Running the detector over many texts, in one process or several.

:func:`extract` is what the ``extract`` and ``ingest`` commands call: it yields one list of
:class:`~quotetrack.types.Quote` per input text, in input order. With ``jobs > 1`` it starts a
pool of worker processes that each load the pipeline once and send back plain ``Quote``
records (spaCy's own ``n_process`` cannot carry the custom ``doc._.quotes`` across processes).
"""

from __future__ import annotations

import ctypes
import dataclasses
import importlib
import multiprocessing as mp
import platform
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from .types import Quote

DEFAULT_BATCH_SIZE = 16
# Texts longer than this are parsed in pieces cut at paragraph breaks. spaCy refuses texts
# over its max_length (1,000,000 characters, error E088) because its parser needs about 1 GB
# of memory per 100,000 characters; real articles are far shorter, so only such outliers
# (a whole book or a concatenated feed dump) are split, and a quote crossing a cut is lost.
LONG_TEXT_CHARS = 100_000
# A tiny article that exercises detection and speaker resolution end to end.
_WARM_UP = (
    '"We will keep working," Jane Doe, the mayor, said on Monday. She added that talks went on.'
)

_worker_nlp = None  # the pipeline of a worker process, loaded once by _init_worker

# glibc's mallopt parameters (malloc.h) and the values tune_memory sets.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD = 32 << 20  # glibc's largest allowed value on 64-bit systems
_TRIM_THRESHOLD = 1 << 30


class DetectionFailed(Exception):
    """Detection failed for one text (the message says why); the other texts go on."""


def tune_memory() -> bool:
    """Let this process reuse its memory from one batch to the next; ``False`` where it cannot.

    Each batch allocates a few hundred megabytes of short-lived arrays (tok2vec and parser
    activations). Two defaults make the process fetch that memory from the system again and
    again, page by page, and every first touch of a page is a page fault:

    * glibc hands most of the freed memory back when a batch ends (about 200,000 page
      faults and a sixth of the CPU time of extracting the PolNeAR test set on the
      reference machine). Keeping arrays up to 32 MB on the heap and trimming the heap only
      beyond 1 GB of free memory makes the steady state fault-free; the process keeps its
      peak memory instead of returning it between batches.
    * numpy asks for transparent huge pages on arrays of 4 MB and more; there a first touch
      costs the kernel a 2 MB page to find and clear, which made a fresh worker's first
      batches a quarter slower in tok2vec (and the steady state no faster).

    Called in quotetrack's own processes only (the command line and extraction workers),
    never by the library on a caller's process.
    """
    # numpy 2 keeps the switch in numpy._core, numpy 1.26 in numpy.core.
    for module in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            importlib.import_module(module)._set_madvise_hugepage(False)
            break
        except (ImportError, AttributeError):
            continue
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except AttributeError:  # pragma: no cover - a glibc without mallopt
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(
        mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD) and mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
    )


def _init_worker(model: str | None) -> None:
    """Pool initializer: load the pipeline once per worker process.

    Workers ignore Ctrl-C: the terminal sends SIGINT to the whole process group, and only
    the parent should handle it (it stops the pool); otherwise every worker prints its own
    traceback on top of the parent's message.
    """
    global _worker_nlp
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tune_memory()
    from .nlp import load

    _worker_nlp = load(model)


def split_long_text(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """``text`` cut into pieces of at most ``limit`` (default :data:`LONG_TEXT_CHARS`)
    characters, each with its offset.

    Cuts fall after the last paragraph break (blank line) before the limit, else the last
    line break, sentence end or space, else at the limit itself.
    """
    limit = limit or LONG_TEXT_CHARS
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            found = window.rfind(sep, limit // 2)
            if found != -1:
                cut = found + len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append((start, window[:cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _shifted(quote: Quote, offset: int) -> Quote:
    """``quote`` with every offset moved by ``offset`` (from a piece to the whole text)."""

    def move(value: int | None) -> int | None:
        return None if value is None else value + offset

    return dataclasses.replace(
        quote,
        start=quote.start + offset,
        end=quote.end + offset,
        cue_start=move(quote.cue_start),
        cue_end=move(quote.cue_end),
        mention_start=move(quote.mention_start),
        mention_end=move(quote.mention_end),
        sentence_start=move(quote.sentence_start),
        sentence_end=move(quote.sentence_end),
        speaker_spans=[(s + offset, e + offset) for s, e in quote.speaker_spans],
    )


def detect_one(nlp, text: str) -> list[Quote] | DetectionFailed:
    """The quotes of one text (long texts in pieces), or the failure instead of raising."""
    try:
        if len(text) <= LONG_TEXT_CHARS:
            return nlp(text)._.quotes or []
        quotes: list[Quote] = []
        for offset, piece in split_long_text(text):
            quotes.extend(_shifted(q, offset) for q in nlp(piece)._.quotes or [])
        return quotes
    except Exception as exc:  # noqa: BLE001 - one text's failure must not end the others
        return DetectionFailed(f"detection failed: {type(exc).__name__}: {exc}"[:500])


def detect_batch(nlp, texts: Sequence[str]) -> list[list[Quote] | DetectionFailed]:
    """The quotes of each text, parsed together; when the batch fails, each text is parsed
    on its own so that only the texts that fail are lost (as :class:`DetectionFailed`)."""
    results: list[list[Quote] | DetectionFailed | None] = [None] * len(texts)
    short = [i for i, t in enumerate(texts) if len(t) <= LONG_TEXT_CHARS]
    try:
        docs = nlp.pipe([texts[i] for i in short], batch_size=max(1, len(short)))
        for i, doc in zip(short, docs):
            results[i] = doc._.quotes or []
    except Exception:  # noqa: BLE001 - retried one by one below
        for i in short:
            results[i] = detect_one(nlp, texts[i])
    for i, text in enumerate(texts):
        if results[i] is None:
            results[i] = detect_one(nlp, text)
    return [r if r is not None else [] for r in results]


def _run_batch(texts: list[str]) -> list[list[Quote] | DetectionFailed]:
    """Worker task: the quotes of each text in ``texts``."""
    assert _worker_nlp is not None, "worker started without _init_worker"
    return detect_batch(_worker_nlp, texts)


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while batch := list(islice(it, size)):
        yield batch


def _tasks(texts: Iterable[str], size: int, jobs: int) -> Iterator[list[str]]:
    """Worker tasks: ``size`` texts each, but the last texts in smaller tasks that end together.

    The parser costs less per word in larger batches (its per-step matrix product is shared
    by every document of the batch: PolNeAR test, 4 texts a batch 1.1 CPU-s of parsing,
    16 texts 0.8), so tasks are whole batches. To keep every worker busy to the end, the
    texts left when the input runs out (up to ``(jobs + 1) * size`` of them, read ahead)
    are cut into ``2 * jobs`` equal tasks.
    """
    ahead = (jobs + 1) * size
    buffer: list[str] = []
    for text in texts:
        buffer.append(text)
        if len(buffer) >= ahead:
            yield buffer[:size]
            del buffer[:size]
    step = max(1, -(-len(buffer) // (2 * jobs)))
    for start in range(0, len(buffer), step):
        yield buffer[start : start + step]


def _context() -> mp.context.BaseContext:
    # fork starts workers in milliseconds and shares the loaded code; elsewhere use spawn.
    if sys.platform.startswith("linux"):
        return mp.get_context("fork")
    return mp.get_context("spawn")


def extract_results(
    texts: Iterable[str],
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[list[Quote] | DetectionFailed]:
    """Detect quotes in each text; yield, in input order, one list of quotes per text or a
    :class:`DetectionFailed` for a text whose detection failed (the others are unaffected).

    ``model`` names the spaCy pipeline (see :func:`quotetrack.nlp.choose_model`); ``jobs``
    is the number of processes; ``batch_size`` the number of texts parsed together (and,
    with several processes, sent to a worker at once). Texts are consumed lazily.
    """
    from .nlp import load

    # Load in the parent first: a missing model fails here with a clear error instead of
    # killing pool workers over and over, and forked workers inherit the loaded pipeline.
    nlp = load(model)
    if jobs <= 1:
        for batch in _batches(texts, batch_size):
            yield from detect_batch(nlp, batch)
        return
    nlp(_WARM_UP)  # fill lazy caches (name lists, lexicons) once, before the workers fork
    tasks = _tasks(texts, max(1, batch_size), jobs)
    with _context().Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        for result in pool.imap(_run_batch, tasks, chunksize=1):
            yield from result


def extract(
    texts: Iterable[str],
    *,
    model: str | None = None,
    jobs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[list[Quote]]:
    """Detect quotes in each text; yield one list of quotes per text, in input order.

    As :func:`extract_results`, but a text whose detection fails raises its
    :class:`DetectionFailed` (callers that go on past it use :func:`extract_results`).
    """
    for result in extract_results(texts, model=model, jobs=jobs, batch_size=batch_size):
        if isinstance(result, DetectionFailed):
            raise result
        yield result


def to_eval_record(doc_id: str, text: str, quotes: list[Quote]) -> dict:
    """One line of the evaluation format (FORMAT.md): ``id``, ``text`` and ``quotes``."""
    return {"id": doc_id, "text": text, "quotes": [q.to_eval(text) for q in quotes]}
