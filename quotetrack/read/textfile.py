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

# Front matter is a few lines of metadata. Past these limits it is refused rather than
# loaded: a "billion laughs" block of nested aliases is a few hundred bytes that expand to
# gigabytes wherever the value is walked or printed.
MAX_FRONT_MATTER_CHARS = 64_000
MAX_EXPANDED_NODES = 10_000

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_BaseLoader):
    """PyYAML's safe loader, except that a timestamp Python cannot represent (year 0,
    month 13) stays a string, so that it is reported as an unreadable date, not a crash."""


def _timestamp_or_text(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def expanded_size(node, memo: dict[int, int] | None = None) -> int:
    """How many nodes the YAML node graph ``node`` becomes once its aliases are expanded
    (each alias counts as a copy of what it names), computed without expanding it."""
    memo = {} if memo is None else memo
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a node that contains itself counts once more, not forever
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(expanded_size(k, memo) + expanded_size(v, memo) for k, v in node.value)
    memo[key] = size
    return size


def load_front_matter(block: str):
    """The YAML value of a front-matter block.

    Raises :class:`ReadError` for a block over :data:`MAX_FRONT_MATTER_CHARS`, or whose
    aliases would expand it past :data:`MAX_EXPANDED_NODES` values (measured on the node
    graph before any Python value is built), and ``yaml.YAMLError`` for bad YAML.
    """
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise ReadError(
            f"front matter longer than {MAX_FRONT_MATTER_CHARS:,} characters; "
            "it should hold a few metadata fields"
        )
    node = yaml.compose(block, Loader=_FrontMatterLoader)
    try:
        size = expanded_size(node) if node is not None else 0
    except RecursionError:
        raise ReadError("front matter nested too deeply") from None
    if size > MAX_EXPANDED_NODES:
        raise ReadError(
            f"front matter refused: its YAML aliases expand to more than "
            f"{MAX_EXPANDED_NODES:,} values"
        )
    return yaml.load(block, Loader=_FrontMatterLoader)


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
        data = load_front_matter(block)
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
