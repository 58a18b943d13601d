"""Plain data records that flow between quotetrack's stages.

read -> :class:`Article`; detect/attribute -> :class:`Quote` (offsets into the article text);
store keeps both. Records carry offsets, never copies of the text, so they are cheap to pass
between processes and always agree with the article they came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteType = Literal["direct", "indirect", "mixed"]

#: Where quotetrack's spaCy component keeps the doc's text while it runs (see doc_text).
DOC_TEXT_KEY = "quotetrack_text"
#: Where quotetrack's tokenizer keeps the text as given when it parsed another view of it
#: (HTML entities decoded; see quotetrack.pipeline.UnwrappingTokenizer). Same length.
SOURCE_TEXT_KEY = "quotetrack_source_text"


def doc_text(doc: Any) -> str:
    """The text of a spaCy ``Doc``. ``Doc.text`` joins every token anew on each access (about
    a millisecond for an article), and the detector, the resolver and the occasion finder
    each need it: quotetrack's component reads it once and keeps it in ``doc.user_data``
    under :data:`DOC_TEXT_KEY` while it runs. In: a Doc. Out: its text."""
    text = doc.user_data.get(DOC_TEXT_KEY)
    return text if text is not None else doc.text


SpeakerKind = Literal["person", "organisation", "anonymous"]
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")
SPEAKER_KINDS: tuple[str, ...] = ("person", "organisation", "anonymous")


@dataclass
class Article:
    """One news article as read from a file, before any NLP.

    ``provenance`` maps each metadata field (``title``, ``published``, ``outlet``, ``url``,
    ``author``) to where its value came from: ``flag``, ``front_matter``, ``manifest``,
    ``html_meta``, ``json``, ``text`` (inferred from the article body) or ``url`` (inferred
    from the url's domain).
    """

    text: str
    source_path: str | None = None
    source_line: int | None = None  # 1-based line in a .jsonl file
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    ext_id: str | None = None  # an id field from JSON input, kept for `extract`
    # When the page was fetched (UTC, naive): the HTTP fetch, or a web archive record's date.
    fetched_at: dt.datetime | None = None

    @property
    def source(self) -> str:
        """Human-readable origin such as ``articles.jsonl:12``, used in messages."""
        base = self.source_path or "<input>"
        return f"{base}:{self.source_line}" if self.source_line else base


@dataclass
class ReadFailure:
    """An input that could not be read; the run goes on without it."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass
class SkippedRecords:
    """Records of one input that hold no article by design (a web archive's requests, its
    metadata, images): counted, and neither an article nor a failure."""

    path: str
    kinds: dict[str, int] = field(default_factory=dict)  # e.g. {"request": 3, "image/png": 1}

    @property
    def count(self) -> int:
        return sum(self.kinds.values())

    def __str__(self) -> str:
        parts = ", ".join(f"{n} {kind}" for kind, n in sorted(self.kinds.items()))
        return f"{self.path}: {self.count} records without an article skipped ({parts})"


@dataclass
class Quote:
    """One quote found in one article: character offsets into the article text.

    ``start``/``end`` delimit the quoted or reported content (for a direct quote the text
    inside the marks; for indirect and mixed quotes the reported clause). ``speaker`` is the
    canonical name resolved within the article (``None`` for an unnamed source, whose
    description is in ``speaker_description``).
    """

    type: str
    start: int
    end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    mention_start: int | None = None  # the speaker as written next to this quote
    mention_end: int | None = None
    speaker: str | None = None
    speaker_kind: str | None = None
    speaker_role: str | None = None
    speaker_description: str | None = None
    speaker_spans: list[tuple[int, int]] = field(default_factory=list)
    sentence_start: int | None = None
    sentence_end: int | None = None
    # The outlet or document that passed the words on ("The Journal reported that Calhoun
    # said …", "… according to audio reviewed by the Journal"): its mention in the text.
    via_start: int | None = None
    via_end: int | None = None
    # The quote this one goes on from: its index in the article's list of quotes (in text
    # order), for the later part of a split quote ("X," he said, "Y.") and for a reported
    # sentence split by an interjected attribution. ``None`` for a quote of its own.
    continues: int | None = None
    # When and where it was said, as the writer's text around the quote says (see
    # quotetrack.attribute.occasion): the phrases and their offsets in the article.
    said_when: str | None = None
    said_when_start: int | None = None
    said_when_end: int | None = None
    occasion: str | None = None
    occasion_kind: str | None = None
    occasion_start: int | None = None
    occasion_end: int | None = None

    def text(self, article_text: str) -> str:
        return article_text[self.start : self.end]

    def mention(self, article_text: str) -> str | None:
        if self.mention_start is None or self.mention_end is None:
            return None
        return article_text[self.mention_start : self.mention_end]

    def via(self, article_text: str) -> str | None:
        """The outlet or document the words came through, as written, or ``None``."""
        if self.via_start is None or self.via_end is None:
            return None
        return article_text[self.via_start : self.via_end]

    def to_eval(self, article_text: str) -> dict:
        """The quote in the shared evaluation format (FORMAT.md)."""
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text(article_text),
            "speaker": self.speaker if self.speaker_kind != "anonymous" else None,
            "speaker_spans": [list(s) for s in self.speaker_spans],
            "cue": self.cue,
        }

    def to_dict(self) -> dict:
        d = asdict(self)
        d["speaker_spans"] = [list(s) for s in self.speaker_spans]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Quote:
        d = dict(d)
        d["speaker_spans"] = [tuple(s) for s in d.get("speaker_spans") or []]
        return cls(**d)
