"""Walking the paths a user names and turning every file into articles or read failures."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from quotetrack.read.decode import decode_html, decode_text
from quotetrack.read.errors import ReadError
from quotetrack.read.htmlfile import read_html_article
from quotetrack.read.jsonfile import read_json_articles, read_jsonl_articles
from quotetrack.read.meta import plausible_date
from quotetrack.read.sizes import describe_size
from quotetrack.read.tabular import read_table_articles
from quotetrack.read.textfile import read_text_article
from quotetrack.read.warc import read_warc_articles
from quotetrack.types import Article, ReadFailure, SkippedRecords

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000

Reader = Callable[[str, str], Iterable[Article | ReadFailure]]
# Formats read straight from the file a record at a time: archives and exports can be far
# larger than max_bytes, which then applies to each record.
StreamReader = Callable[[Path, int], Iterable[Article | ReadFailure | SkippedRecords]]


def _one(read: Callable[[str, str], Article]) -> Reader:
    return lambda path, text: [read(path, text)]


# Suffix -> (decoder, reader). Suffixes are matched case-insensitively.
_FORMATS: dict[str, tuple[Callable[[bytes], str], Reader]] = {
    ".txt": (decode_text, _one(read_text_article)),
    ".md": (decode_text, _one(read_text_article)),
    ".html": (decode_html, _one(read_html_article)),
    ".htm": (decode_html, _one(read_html_article)),
    ".json": (decode_text, read_json_articles),
    ".jsonl": (decode_text, read_jsonl_articles),
}
_STREAMED: dict[str, StreamReader] = {
    ".warc": read_warc_articles,
    ".warc.gz": read_warc_articles,
    ".csv": read_table_articles,
    ".tsv": read_table_articles,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = (*_FORMATS, *_STREAMED)
_SUFFIX_LIST = ", ".join(SUPPORTED_SUFFIXES[:-1]) + " or " + SUPPORTED_SUFFIXES[-1]


# Files that describe a folder rather than hold an article (samples/README.md), skipped when
# walking a directory; named explicitly they are read like any other file.
_FOLDER_DOCS = frozenset({"readme", "license", "licence", "changelog", "contributing"})


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _suffix(path: Path) -> str:
    """The format suffix: the last one, or ``.warc.gz`` for a compressed archive."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _is_candidate(name: str) -> bool:
    path = Path(name)
    return (
        not _is_hidden(name)
        and _suffix(path) in SUPPORTED_SUFFIXES
        and path.stem.lower() not in _FOLDER_DOCS
    )


def _walk(directory: Path) -> tuple[list[Path], list[ReadFailure]]:
    """Supported files under ``directory``, sorted by their path components (so ``a/x.md``
    comes before ``b.txt``), and a failure for each sub-folder that could not be listed.
    Hidden files and folders and README/LICENSE-style files are left out."""
    found: list[Path] = []
    unlisted: list[ReadFailure] = []

    def note(error: OSError) -> None:
        unlisted.append(ReadFailure(str(error.filename), f"cannot list folder: {error.strerror}"))

    for root, dirnames, filenames in os.walk(directory, onerror=note):
        dirnames[:] = [d for d in dirnames if not _is_hidden(d)]
        for name in filenames:
            if not _is_candidate(name):
                continue
            path = Path(root, name)
            problem = not_a_regular_file(path)
            if problem is None:
                found.append(path)
            else:
                unlisted.append(ReadFailure(display_path(path), problem))
    return sorted(found, key=lambda path: path.relative_to(directory).parts), unlisted


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as an article file (a FIFO, device, socket, broken link or
    symbolic link loop), or ``None`` for a regular file (or a link to one)."""
    try:
        mode = path.stat().st_mode  # follows links: a loop raises ELOOP here
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return "broken symbolic link"
        return f"cannot read: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    kinds = {stat.S_ISFIFO: "a named pipe (FIFO)", stat.S_ISSOCK: "a socket"}
    for test, kind in kinds.items():
        if test(mode):
            return f"not a regular file: {kind}"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file: a device"
    return "not a regular file"


def display_path(path: Path | str) -> str:
    """``path`` as text that can be printed and stored: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates, which no database accepts) are shown as
    ``\\xe9`` escapes; the file itself is still opened by its real name."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _read_file(path: Path, max_bytes: int) -> Iterator[Article | ReadFailure | SkippedRecords]:
    """Everything one file yields; raises :class:`ReadError` for a whole-file failure."""
    name = display_path(path)
    streamed = _STREAMED.get(_suffix(path))
    if streamed is not None:
        try:
            yield from streamed(path, max_bytes)
        except PermissionError:
            raise ReadError("cannot read: permission denied") from None
        except OSError as error:
            raise ReadError(f"cannot read: {error.strerror or error}") from None
        return
    formats = _FORMATS.get(path.suffix.lower())
    if formats is None:
        suffix = path.suffix or "no extension"
        raise ReadError(f"unsupported file type ({suffix}; expected {_SUFFIX_LIST})")
    decode, read = formats
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"larger than {describe_size(max_bytes)} ({describe_size(size)})")
        # O_NONBLOCK: a FIFO swapped in after the walk's check cannot block the open, and
        # fstat on the open file is the check that counts.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ReadError("not a regular file")
            # Read one byte past the limit: a file that grew since stat() is still caught.
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise ReadError("cannot read: permission denied") from None
    except OSError as error:
        raise ReadError(f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise ReadError(f"larger than {describe_size(max_bytes)}")
    yield from read(name, decode(data))


def _guarded(path: Path, max_bytes: int) -> Iterator[Article | ReadFailure | SkippedRecords]:
    # Nothing may escape a run: a ReadError becomes its failure, and any other exception
    # (a bug, or a library choking on strange input) becomes a failure naming the file.
    try:
        yield from _read_file(path, max_bytes)
    except ReadError as error:
        yield ReadFailure(display_path(path), error.reason, error.line)
    except Exception as error:  # noqa: BLE001 - see above
        log.debug("unexpected error reading %s", display_path(path), exc_info=True)
        reason = f"unexpected error: {type(error).__name__}: {error}"[:500]
        yield ReadFailure(display_path(path), reason)


def iter_articles(
    paths: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadFailure | SkippedRecords]:
    """Read every article in ``paths`` (files and directories), in order.

    Directories are searched recursively in sorted order, skipping hidden files and folders,
    README/LICENSE/CHANGELOG files, and files whose extension is not one of
    :data:`SUPPORTED_SUFFIXES`; a file named explicitly is read whatever its name (an
    unsupported extension is a failure). A file reached twice is read once. Yields an
    :class:`Article` for each article (a .json/.jsonl file may hold many) and a
    :class:`ReadFailure` for each missing path, empty folder, unreadable file or bad record,
    and a :class:`SkippedRecords` for the records of a web archive that hold no article; it
    never raises for bad input.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files, unlisted = _walk(path)
            yield from unlisted
            if not files and not unlisted:
                yield ReadFailure(
                    str(path), f"no readable articles in this folder (no {_SUFFIX_LIST} files)"
                )
        elif path.is_file():
            files = [path]
        elif path.exists() or path.is_symlink():
            # A FIFO or device would block or never end; only regular files are read.
            yield ReadFailure(display_path(path), not_a_regular_file(path) or "not a regular file")
            continue
        else:
            yield ReadFailure(display_path(path), "no such file or directory")
            continue
        for file in files:
            try:
                key = file.resolve()
            except (OSError, RuntimeError):  # a link loop appearing after the walk
                yield ReadFailure(display_path(file), "symbolic link loop")
                continue
            if key in seen:
                continue
            seen.add(key)
            yield from _guarded(file, max_bytes)


def apply_overrides(
    article: Article, *, outlet: str | None = None, published: dt.date | None = None
) -> Article:
    """A copy of ``article`` with the command line's ``--outlet``/``--date`` values, which win
    over the file and inference (provenance ``flag``). ``None`` or a blank outlet leaves the
    field as it is; a datetime counts by its date."""
    provenance = dict(article.provenance)
    new_outlet = article.outlet
    new_published = article.published
    if outlet is not None and outlet.strip():
        new_outlet = " ".join(outlet.split())
        provenance["outlet"] = "flag"
    if published is not None:
        day = published.date() if isinstance(published, dt.datetime) else published
        if plausible_date(day, where="--date") is not None:
            new_published = day
            provenance["published"] = "flag"
    return dataclasses.replace(
        article, outlet=new_outlet, published=new_published, provenance=provenance
    )
