""".txt and .md articles, with optional YAML front matter.

The front matter is recognised and parsed with python-frontmatter's YAML handler, but the body is
cut out here rather than taken from ``frontmatter.parse``, which strips surrounding whitespace:
quote offsets point into the body, so it must stay exactly as written. Only the blank lines
between the closing ``---`` and the first line of text are dropped (they separate the front
matter from the body and are not part of it).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from quotetrack.read.errors import ReadError
from quotetrack.read.meta import fields_from_record, id_from_record, make_article
from quotetrack.types import Article

_HANDLER = YAMLHandler()
_OPEN = re.compile(r"-{3,}[ \t]*\n")
_CLOSE = re.compile(r"^(?:-{3,}|\.{3})[ \t]*$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``text`` into its YAML front matter (``{}`` when there is none) and the body.

    A leading ``---`` line without a closing one, or a block that is not a YAML mapping, is not
    front matter: the whole text is the body. Raises :class:`ReadError` for a closed block that
    is not valid YAML (its line is the line of the error in the file).
    """
    opening = _OPEN.match(text) if _HANDLER.detect(text) else None
    closing = _CLOSE.search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        return {}, text
    block = text[opening.end() : closing.start()]
    try:
        data = _HANDLER.load(block)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ReadError(f"invalid YAML front matter: {problem}", line) from None
    if data is not None and not isinstance(data, dict):
        return {}, text
    return dict(data or {}), text[closing.end() :].lstrip("\n")


def read_text_article(path: str, text: str) -> Article:
    """The article in a decoded .txt/.md file: front-matter fields with provenance
    ``front_matter``, the body as ``Article.text``, missing metadata inferred.

    Raises :class:`ReadError` when there is no text besides whitespace and front matter.
    """
    meta, body = split_front_matter(text)
    if not body.strip():
        if meta:
            raise ReadError("no article text after the front matter")
        raise ReadError("no text (only whitespace)")
    given = fields_from_record(meta, where=path)
    return make_article(
        body, source_path=path, origin="front_matter", given=given, ext_id=id_from_record(meta)
    )
