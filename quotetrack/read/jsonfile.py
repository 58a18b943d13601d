""".json and .jsonl articles.

A .json file holds one article object or an array of them; a .jsonl file holds one object a
line. Besides the top-level keys (see :data:`~quotetrack.read.meta.FIELD_KEYS`), metadata is
also looked up in a nested ``meta``/``metadata`` object, the layout of quotetrack's evaluation
files. ``Article.source_line`` is the 1-based line for .jsonl and the 1-based position in the
array for a .json array (``None`` for a single object).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from quotetrack.read.decode import normalise_newlines
from quotetrack.read.errors import ReadError
from quotetrack.read.meta import fields_from_record, id_from_record, make_article
from quotetrack.types import Article, ReadFailure

TEXT_KEYS: tuple[str, ...] = ("text", "content", "body", "article", "maintext", "full_text")
_NESTED_META_KEYS: tuple[str, ...] = ("meta", "metadata")


def _text_of(record: Mapping[str, Any]) -> str:
    for key in TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, list) and value and all(isinstance(part, str) for part in value):
            # A body given as a list of paragraphs.
            value = "\n\n".join(value)
        if isinstance(value, str):
            if not value.strip():
                raise ReadError(f"field {key!r} is empty")
            return normalise_newlines(value)
    raise ReadError(f"no text field (expected one of {', '.join(TEXT_KEYS)})")


def article_from_record(record: Any, *, path: str, line: int | None) -> Article:
    """The article in one JSON value: text from the first of :data:`TEXT_KEYS`, metadata with
    provenance ``json``. Raises :class:`ReadError` for a value that is not an object or has no
    usable text."""
    if not isinstance(record, Mapping):
        raise ReadError(f"expected a JSON object, got {type(record).__name__}")
    text = _text_of(record)
    merged: dict[str, Any] = {}
    for key in _NESTED_META_KEYS:
        nested = record.get(key)
        if isinstance(nested, Mapping):
            merged.update(nested)
    merged.update({key: value for key, value in record.items() if value not in (None, "")})
    where = f"{path}:{line}" if line else path
    given = fields_from_record(merged, where=where)
    return make_article(
        text,
        source_path=path,
        source_line=line,
        origin="json",
        given=given,
        ext_id=id_from_record(record),
    )


def _failure(path: str, error: ReadError, line: int | None, label: str) -> ReadFailure:
    return ReadFailure(path, f"{label}: {error.reason}", line)


def _is_json_lines(text: str) -> bool:
    """True when every non-blank line of ``text`` is a JSON object on its own."""
    lines = [line for line in text.split("\n") if line.strip()]
    try:
        return len(lines) > 1 and all(isinstance(json.loads(line), dict) for line in lines)
    except json.JSONDecodeError:
        return False


def read_json_articles(path: str, text: str) -> Iterator[Article | ReadFailure]:
    """Articles from a decoded .json file. An invalid document raises :class:`ReadError`; an
    array item that is not a usable article yields a :class:`ReadFailure` ("item 3: ...",
    ``line`` = 3) and the following items are still read. A file that is really JSON Lines
    (one object a line) is read as .jsonl."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _is_json_lines(text):
            # JSON Lines saved with a .json name, a common slip: read it as what it is.
            yield from read_jsonl_articles(path, text)
            return
        raise ReadError(
            f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})", error.lineno
        ) from None
    if isinstance(data, list):
        if not data:
            raise ReadError("empty JSON array")
        for index, item in enumerate(data, start=1):
            try:
                yield article_from_record(item, path=path, line=index)
            except ReadError as error:
                yield _failure(path, error, index, f"item {index}")
    else:
        yield article_from_record(data, path=path, line=None)


def read_jsonl_articles(path: str, text: str) -> Iterator[Article | ReadFailure]:
    """Articles from a decoded .jsonl file, one per non-blank line. A line that is not valid
    JSON or not a usable article yields a :class:`ReadFailure` ("invalid JSON: ...",
    ``line`` = 7, shown as ``path:7: invalid JSON: ...``) and reading goes on with the next line. Raises :class:`ReadError` when no
    line has any content."""
    seen_content = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen_content = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            # The line number lives in ReadFailure.line, which str() shows as path:line.
            yield ReadFailure(path, f"invalid JSON: {error.msg}", number)
            continue
        try:
            yield article_from_record(record, path=path, line=number)
        except ReadError as error:
            yield ReadFailure(path, error.reason, number)
    if not seen_content:
        raise ReadError("no text (only whitespace)")
