"""When and where a quote was said, as the article's own words around it tell.

News text often says when the words were spoken ("said on Thursday", "told CNN on Sunday",
"in Friday's interview") and on what occasion ("at a news conference in Tel Aviv", "in an
interview with CNN", "told reporters", "in a post on X"), while the only date the article
carries is its publication date. This module reads both from the writer's text of the
quote's sentence(s): the quote's own words are never read (a "yesterday" inside the quote is
the speaker's, not the writer's).

At NLP time (:func:`annotate`, called by the pipeline after attribution) each quote gets the
phrase that dates it (``said_when`` with its offsets) and the phrase that names the occasion
(``occasion``, ``occasion_kind`` with offsets). The publication date is known only when the
article is stored, so :func:`resolve_when` turns the phrase into a date there: absolute dates
("on May 22", "22 May 2024") with dateparser, relative ones ("Thursday", "yesterday", "last
week") by counting back from the publication date.

Occasion kinds: ``event`` (news conference, rally, summit, speech … with its place), ``medium``
(an interview with an outlet, a post on a platform, a statement or letter), ``audience``
("told reporters", "told CNN"), ``place`` ("outside Downing Street").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..types import doc_text

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
# "on May 22", "May 22nd, 2024", "on 22 May", "Sept. 3" (an optional weekday before it).
_EXPLICIT = re.compile(
    rf"\b(?:on\s+)?(?:{_WEEKDAY},?\s+)?"
    rf"(?P<date>(?:\d{{1,2}}{_ORD}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}{_ORD}\b)(?:,?\s+(?P<year>\d{{4}}))?)"
)
# "on Thursday", "late on Sunday night", "last Friday", "Friday's interview".
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<last>last|this past)\s+|(?:late|early)\s+)?(?:on\s+)?"
    rf"(?P<day>{_WEEKDAY})(?:'s|’s)?(?:\s+(?:morning|afternoon|evening|night))?\b"
)
_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|last night|this morning|this afternoon|this evening|"
    r"earlier today|earlier this week|this week|last week|earlier this month|last month)\b",
    re.IGNORECASE,
)

# What stands before a capitalised "Today" that is a name: a possessive or "the".
_NAMED_BEFORE = re.compile(r"(?:['’]s|\bthe|\bon)\s+$", re.IGNORECASE)

_NAME = r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w'’.&-]*)*"
_EVENT = (
    r"(?:news conference|press conference|press briefing|media briefing|briefing|rally|"
    r"summit|meeting|town hall|hearing|forum|ceremony|debate|speech|address|event|"
    r"conference|congress|gathering|vigil|mass|homily|service|session|roundtable|panel|"
    r"dinner|reception|visit|appearance)"
)
_MEDIUM = (
    r"(?:interview|op-ed|article|letter|statement|post|video|podcast|press release|"
    r"message|essay|column|tweet|memo|email|note|broadcast|appearance)"
)
_PLATFORM = (
    r"(?:X|Twitter|Facebook|Instagram|Truth Social|TikTok|LinkedIn|Threads|YouTube|"
    r"Telegram|Bluesky|Weibo)"
)
_DET = rf"(?:(?i:a|an|the|his|her|their|its|one|this)|{_WEEKDAY}(?:'s|’s))"
_OCCASIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "event",
        re.compile(
            rf"\b(?i:at|during|in)\s+{_DET}\s+(?P<head>(?:[\w-]+\s+){{0,3}}?{_EVENT})\b"
            rf"(?P<name>(?:\s+(?:in|at|outside|on|with|of|for|near|to|before)\s+"
            rf"(?:the\s+)?{_NAME})?)"
        ),
    ),
    (
        "medium",
        re.compile(
            rf"\b(?i:in|on|via|through)\s+{_DET}\s+(?P<head>(?:[\w-]+\s+){{0,2}}?{_MEDIUM})\b"
            rf"(?P<name>(?:\s+(?:with|to|on|for|in|published by)\s+(?:the\s+)?{_NAME})?)"
        ),
    ),
    (
        "medium",
        re.compile(
            rf"\b(?:posted|wrote|writing|said|posting|tweeted|shared)\s+(?:\w+\s+)?"
            rf"(?P<head>on)\s+(?P<name>{_PLATFORM})\b"
        ),
    ),
    (
        "audience",
        re.compile(
            r"\b(?i:told|telling|speaking to|speaking with|addressing|said to)\s+"
            rf"(?P<head>)(?P<name>reporters|journalists|the (?:media|press)|lawmakers|"
            rf"supporters|staff|employees|students|the crowd|crowds|parliament|congress|"
            rf"the (?:nation|country|committee|council|cabinet|assembly|parliament)|{_NAME})"
        ),
    ),
    (
        "place",
        re.compile(
            r"\b(?P<head>outside|in front of|on the steps of)\s+"
            rf"(?P<name>(?:the\s+)?(?:No\.?\s?\d+|{_NAME}))"
        ),
    ),
)
# Capitalised words that open a sentence part but name nothing.
_NOT_NAMES = frozenset(
    "The A An He She They It We I His Her Their On In At Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday".split()
)


@dataclass(frozen=True, slots=True)
class Found:
    """A phrase of the writer's text: its text, offsets in the article and (for occasions)
    its kind and comparison key."""

    text: str
    start: int
    end: int
    kind: str | None = None
    key: str | None = None


def writer_regions(
    text: str, lo: int, hi: int, quote_spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts of ``text[lo:hi]`` outside every quote span (and its marks): the writer's
    own words around a quote. In: article text, a region, the article's quote spans. Out:
    (start, end) pieces in order."""
    cuts = sorted((max(lo, s - 1), min(hi, e + 1)) for s, e in quote_spans if s < hi and e > lo)
    out: list[tuple[int, int]] = []
    pos = lo
    for s, e in cuts:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < hi:
        out.append((pos, hi))
    return out


def _nearest(found: list[Found], anchor: int) -> Found | None:
    return min(found, key=lambda f: (abs(f.start - anchor), f.start)) if found else None


def find_when(text: str, regions: Sequence[tuple[int, int]], anchor: int) -> Found | None:
    """The dating phrase in the writer's ``regions`` nearest ``anchor`` (the cue), or None.
    Kinds: ``explicit`` (a month and day), ``weekday``, ``relative`` (yesterday, last week …)."""
    found: list[Found] = []
    for lo, hi in regions:
        piece = text[lo:hi]
        taken: list[tuple[int, int]] = []
        for m in _EXPLICIT.finditer(piece):
            found.append(Found(m.group(0).strip(), lo + m.start(), lo + m.end(), "explicit"))
            taken.append((m.start(), m.end()))
        for m in _WEEKDAY_RE.finditer(piece):
            if any(s <= m.start() < e for s, e in taken):
                continue
            found.append(Found(m.group(0).strip(), lo + m.start(), lo + m.end(), "weekday"))
        for m in _RELATIVE.finditer(piece):
            if m.group(0)[:1].isupper() and _NAMED_BEFORE.search(text, 0, lo + m.start()):
                continue  # "the BBC's Today programme": a name, no date
            found.append(Found(m.group(0).strip(), lo + m.start(), lo + m.end(), "relative"))
    return _nearest(found, anchor)


def _clean_name(name: str) -> str:
    words = name.rstrip(".,;:").split()
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    return " ".join(words)


def occasion_key(kind: str, head: str, name: str) -> str:
    """What two occasions are compared by: kind, the head noun and the named part, folded
    ("medium:interview|cnn"). An occasion without a named part keys as its head alone."""
    # The head noun alone: a "news conference" and a "press conference" are one kind.
    head = " ".join(head.lower().split()[-1:])
    return f"{kind}:{head}|{' '.join(name.lower().replace('the ', '').split())}"


def find_occasion(text: str, regions: Sequence[tuple[int, int]], anchor: int) -> Found | None:
    """The occasion phrase in the writer's ``regions`` nearest ``anchor``, or None."""
    found: list[Found] = []
    for lo, hi in regions:
        piece = text[lo:hi]
        for kind, pattern in _OCCASIONS:
            for m in pattern.finditer(piece):
                name = _clean_name(m.group("name").strip())
                # Drop the joining preposition from the key's name ("in Tel Aviv").
                bare = re.sub(
                    r"^(?:in|at|outside|on|with|of|for|near|to|before|published by)\s+", "", name
                )
                if kind in ("audience", "place") and (not bare or bare in _NOT_NAMES):
                    continue
                end = m.start("name") + len(m.group("name").rstrip()) if name else m.end("head")
                if name and name != m.group("name").strip():
                    end = m.start("name") + len(name)
                phrase = piece[m.start() : end].strip()
                found.append(
                    Found(
                        phrase,
                        lo + m.start(),
                        lo + m.start() + len(phrase),
                        kind,
                        occasion_key(kind, m.group("head"), bare),
                    )
                )
    if not found:
        return None
    # The most telling phrase: one with a named part, then events and media over places and
    # audiences, then the nearest to the cue.
    rank = {"event": 0, "medium": 1, "place": 2, "audience": 3}
    return min(
        found,
        key=lambda f: (
            not (f.key or "").partition("|")[2],
            rank.get(f.kind or "", 4),
            abs(f.start - anchor),
        ),
    )


def annotate(doc: Any, quotes: Sequence[Any]) -> None:
    """Set each quote's ``said_when`` / ``occasion`` fields (text, offsets, kind, key) from
    the writer's text of the sentences its span and cue lie in. In: a parsed spaCy Doc and
    its :class:`~quotetrack.types.Quote` records (changed in place)."""
    if not quotes:
        return
    text = doc_text(doc)
    spans = [(q.start, q.end) for q in quotes]
    sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else []
    for q in quotes:
        lo = min(x for x in (q.start, q.cue_start, q.sentence_start) if x is not None)
        hi = max(x for x in (q.end, q.cue_end, q.sentence_end) if x is not None)
        lo, hi = _sentence_bounds(len(text), sent_starts, lo, hi)
        regions = writer_regions(text, lo, hi, spans)
        anchor = q.cue_start if q.cue_start is not None else q.start
        when = find_when(text, regions, anchor)
        if when is not None:
            q.said_when, q.said_when_start, q.said_when_end = when.text, when.start, when.end
        occ = find_occasion(text, regions, anchor)
        if occ is not None:
            q.occasion, q.occasion_start, q.occasion_end = occ.text, occ.start, occ.end
            q.occasion_kind = occ.kind


def _sentence_bounds(length: int, sent_starts: list[int], lo: int, hi: int) -> tuple[int, int]:
    """Widen ``[lo, hi)`` to whole sentences of a Doc of ``length`` characters (unchanged
    without sentences)."""
    if not sent_starts:
        return lo, hi
    import bisect

    i = bisect.bisect_right(sent_starts, lo) - 1
    j = bisect.bisect_left(sent_starts, hi)
    start = sent_starts[i] if i >= 0 else 0
    end = sent_starts[j] if j < len(sent_starts) else length
    return start, end


@dataclass(frozen=True, slots=True)
class SaidOn:
    """A resolved utterance date: the first day it may be, its precision (``day``, ``week``
    or ``month``) and how it was found (``explicit``: a date in the text; ``relative``: a
    weekday or "yesterday" counted back from the publication date)."""

    date: dt.date
    precision: str
    basis: str

    def last_day(self) -> dt.date:
        """The last day the utterance may have been on."""
        if self.precision == "week":
            return self.date + dt.timedelta(days=6)
        if self.precision == "month":
            nxt = (self.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return nxt - dt.timedelta(days=1)
        return self.date


def resolve_when(phrase: str | None, published: dt.date | None) -> SaidOn | None:
    """The date a dating phrase points to, or None. Relative phrases need the publication
    date; an explicit date without a year is the latest such date before publication, if
    that lies within half a year. In: the phrase as :func:`find_when` found it, the article's
    publication date. Out: a :class:`SaidOn`."""
    if not phrase:
        return None
    low = phrase.lower()
    m = _EXPLICIT.search(phrase)
    if m:
        when = _parse_explicit(m.group("date"), published)
        # A date after publication is not when the words were said ("the term ends on
        # January 20"), nor a date the article only mentions.
        if when is None or (published is not None and when > published):
            return None
        return SaidOn(when, "day", "explicit")
    if published is None:
        return None
    for i, day in enumerate(WEEKDAYS):
        if day in low:
            back = (published.weekday() - i) % 7
            if back == 0 and re.search(r"\b(last|this past)\b", low):
                back = 7
            return SaidOn(published - dt.timedelta(days=back), "day", "relative")
    if "yesterday" in low or "last night" in low:
        return SaidOn(published - dt.timedelta(days=1), "day", "relative")
    if "week" in low:
        monday = published - dt.timedelta(days=published.weekday())
        start = monday - dt.timedelta(days=7) if "last" in low else monday
        return SaidOn(start, "week", "relative")
    if "month" in low:
        first = published.replace(day=1)
        if "last" in low:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return SaidOn(first, "month", "relative")
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening)|earlier today)\b", low):
        return SaidOn(published, "day", "relative")
    return None


@functools.lru_cache(maxsize=4096)
def _parse_explicit(phrase: str, published: dt.date | None) -> dt.date | None:
    import dateparser

    has_year = re.search(r"\d{4}", phrase) is not None
    if not has_year and published is None:
        return None
    base = dt.datetime.combine(published or dt.date.today(), dt.time(12))
    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False},
    )
    if parsed is None:
        return None
    when = parsed.date()
    # Without a year, dateparser takes the latest such date before publication; one further
    # back than half a year is more likely a date ahead ("the vote on March 30" in a paper
    # of 16 March), which is no utterance date.
    if not has_year and published is not None and not 0 <= (published - when).days <= 183:
        return None
    return when


def occasion_key_of(kind: str | None, phrase: str | None) -> str | None:
    """The comparison key of a stored occasion (kind and phrase), or None."""
    if not kind or not phrase:
        return None
    for k, pattern in _OCCASIONS:
        if k != kind:
            continue
        m = pattern.search(phrase)
        if m:
            name = _clean_name(m.group("name").strip())
            bare = re.sub(
                r"^(?:in|at|outside|on|with|of|for|near|to|before|published by)\s+", "", name
            )
            return occasion_key(kind, m.group("head"), bare)
    return f"{kind}:{phrase.lower()}|"
