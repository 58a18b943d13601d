"""Metadata inferred from an article's text and url when the file does not give it.

- published: a date printed as the article's date near the top of the text: on its own line
  ("07 December, 2023", "Thursday, November 30, 2023"), after a label ("date 2023-12-01",
  "Published: ..."), or in a dateline ("WASHINGTON, Dec. 7 (Reuters) -"), normalised with
  dateparser; the first one wins. A date inside a sentence is not used: it is almost always the
  date of an event the article reports. (Measured on the evaluation sets, 466 articles with
  known dates: the first in-sentence date near the top matched the publication date in 3 of
  74 articles and came within 3 days in 20; most were weeks to years off.) No date is invented: a
  dateline without a year is used only when the url or the top of the text gives the year.
- outlet: the url's domain (see :mod:`quotetrack.read.outlets`), else a staff byline
  ("Jacob Magid is The Times of Israel's US bureau chief") or a wire tag ("(Reuters) -").
  A wire tag names the agency that wrote the story, which is not always the site that
  published it (a site running agency copy keeps the agency's dateline); it is the last resort,
  and ``--outlet`` corrects it.
- title: the first line, when it looks like a headline (short, no final period).
- author: a "By Jane Doe" line or the name in a staff byline.

Every value set here is recorded in ``Article.provenance`` as ``text`` or ``url``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TypeGuard

from quotetrack.read.outlets import outlet_from_url, outlet_from_wire
from quotetrack.types import Article

# Dates and datelines are looked for in this many leading characters only: a date further
# down is usually an event the article reports, not when it was published.
HEAD_CHARS = 2000

_MONTH_NAMES: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner",
        "february feb februar",
        "march mar märz",
        "april apr",
        "may mai",
        "june jun juni",
        "july jul juli",
        "august aug",
        "september sep sept",
        "october oct oktober okt",
        "november nov",
        "december dec dezember dez",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTH_NAMES[_name] = _number

_MONTH = "(?i:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}}){_ORDINAL}\.?\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b"
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>{_YEAR})\b"
)
_ISO = re.compile(
    rf"(?<![\d/.-])(?P<y>{_YEAR})([-/])(?P<m>\d{{1,2}})\2(?P<d>\d{{1,2}})(?![\d/.-]|-\d)"
)
_DOTTED = re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>{_YEAR})(?![\d.]\d)")
# "WASHINGTON, Dec. 7 (Reuters) -", "KYIV, Ukraine, Jan 26 (AP) —": an upper-case place, then
# month and day without a year.
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z .'’-]{{2,}}(?:,[ \t]*[A-Z][\w .'’-]*)?,"
    rf"[ \t]+(?P<m>{_MONTH})[ \t]+(?P<d>\d{{1,2}})\b(?![,.]?\s*{_YEAR})",
    re.MULTILINE,
)
_LABEL = re.compile(
    r"(?i:\b(?:date[d]?|published|posted|updated|first published|veröffentlicht|stand)\b"
    r"(?:\s+(?:on|at|am))?\s*:?\s*)$"
)
_YEAR_IN_URL = re.compile(rf"/({_YEAR})(?:[/_-]|$)")
_WEEKDAY_OR_SPACE = re.compile(r"(?i:^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*$|^\s*$)")

_NAME = r"[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3}"
_OUTLET = (
    r"(?:The[ \t]+)?[A-Z][\w&.-]*"
    r"(?:[ \t]+(?:of[ \t]+|and[ \t]+|&[ \t]+|the[ \t]+)?[A-Z][\w&.-]*){0,5}"
)
_ROLE = (
    r"(?:bureau[ \t]+chief|correspondent|reporter|editor|writer|columnist|journalist|"
    r"contributor|photographer|anchor|producer)s?"
)
# "Jacob Magid is The Times of Israel's US bureau chief"
_STAFF_POSSESSIVE = re.compile(
    rf"^[ \t]*(?:By[ \t]+)?(?P<name>{_NAME})[ \t]+is[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?"
    rf"(?P<outlet>{_OUTLET})['’]s?[ \t]+(?:[\w-]+[ \t]+){{0,3}}?{_ROLE}\b",
    re.MULTILINE,
)
# "Jane Doe is a staff writer at The Atlantic"
_STAFF_FOR = re.compile(
    rf"^[ \t]*(?:By[ \t]+)?(?P<name>{_NAME})[ \t]+is[ \t]+(?:the|a|an)[ \t]+"
    rf"(?:[\w-]+[ \t]+){{0,3}}?{_ROLE}[ \t]+(?:for|at|with)[ \t]+(?P<outlet>{_OUTLET})",
    re.MULTILINE,
)
_WIRE_TAG = re.compile(r"\((?P<tag>[A-Za-z][A-Za-z .]{0,24})\)[ \t]*[-–—]")
# A byline: "By" opening a line ("By Maria Okafor and Tim Ng, Reuters", "By MARIA OKAFOR").
_BY_LINE = re.compile(r"^[ \t]*(?:By|BY)[ \t]+(?P<rest>\S[^\n]*)$", re.MULTILINE)
# What parts a byline's names from what it says of them ("Jane Doe | Island Post").
_AFFILIATION = re.compile(r"[ \t]*[|·•/][ \t]*|[ \t]+[-–—][ \t]+")
# Between the names of a byline, and between its names and an agency after a comma.
_NAME_SEPARATOR = re.compile(r"[ \t]*[,;][ \t]*(?:(?:and|&)[ \t]+)?|[ \t]+(?:and|&)[ \t]+")
_NAME_WORD = re.compile(r"[A-Z][\w.'’-]*")
# Words that make a byline part the writer's job or desk rather than a name.
_BYLINE_ROLE_WORDS = frozenset(
    "writer writers correspondent correspondents reporter reporters editor editors "
    "columnist contributor staff desk bureau chief producer photographer analyst "
    "journalist".split()
)
# Lower-case particles inside a name ("Ursula von der Leyen", "Luis de la Cruz").
_NAME_PARTICLES = frozenset("de da del der di du la le van von bin al".split())
# What may follow a date on its own line: a time ("10:04 AM EST", "at 10:04 a.m. ET").
_TIME_AFTER = re.compile(r"(?i:^[,|·•–—-]?\s*(?:at|um)?\s*\d{1,2}[:.]\d{2}\b.{0,20}$)")

_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}[ \t]+(?=\S)")

_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 30


@dataclass(frozen=True)
class DateCandidate:
    """A date found in the text: where it starts, whether it stands out as a publication date
    (own line, label or dateline), and the date itself."""

    start: int
    strong: bool
    value: dt.date


def _month_number(token: str) -> int | None:
    return _MONTH_NAMES.get(token.rstrip(".").lower())


def _build(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _normalise_with_dateparser(day: str, month: str, year: str) -> dt.date | None:
    # dateparser normalises the month name (English or German, abbreviated or not); the table
    # above only finds candidates and is the fallback if dateparser declines.
    import dateparser

    parsed = dateparser.parse(
        f"{day} {month.rstrip('.')} {year}",
        languages=["en", "de"],
        settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY"},
    )
    if parsed is not None:
        return parsed.date()
    number = _month_number(month)
    return _build(int(year), number, int(day)) if number else None


def _is_strong(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:start]
    after = text[end:line_end].strip()
    if _LABEL.search(before):
        return True
    # The date alone on its line, perhaps after a weekday ("Thursday, 7 December 2023") or
    # before a time of day.
    alone = len(after) <= 12 or bool(_TIME_AFTER.match(after))
    return bool(_WEEKDAY_OR_SPACE.match(before)) and alone


def _plausible(value: dt.date | None, today: dt.date) -> TypeGuard[dt.date]:
    return value is not None and dt.date(1900, 1, 1) <= value <= today + dt.timedelta(days=1)


def date_candidates(
    text: str, *, url: str | None = None, today: dt.date | None = None
) -> list[DateCandidate]:
    """Every plausible full date in the first :data:`HEAD_CHARS` characters of ``text``, in
    order of position. Yearless datelines take their year from ``url`` (``/2023/12/07/``) or
    from a full date in the same head; without one they are left out."""
    today = today or dt.date.today()
    head = text[:HEAD_CHARS]
    found: list[DateCandidate] = []
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(head):
            value = _normalise_with_dateparser(match["d"], match["m"], match["y"])
            if _plausible(value, today):
                found.append(DateCandidate(match.start(), _is_strong(head, *match.span()), value))
    for pattern in (_ISO, _DOTTED):
        for match in pattern.finditer(head):
            value = _build(int(match["y"]), int(match["m"]), int(match["d"]))
            if _plausible(value, today):
                found.append(DateCandidate(match.start(), _is_strong(head, *match.span()), value))
    found.sort(key=lambda candidate: candidate.start)
    year = _dateline_year(url, found)
    if year is not None:
        for match in _DATELINE.finditer(head):
            value = _normalise_with_dateparser(match["d"], match["m"], str(year))
            if _plausible(value, today):
                found.append(DateCandidate(match.start("m"), True, value))
    found.sort(key=lambda candidate: candidate.start)
    return found


def _dateline_year(url: str | None, found: list[DateCandidate]) -> int | None:
    if url:
        match = _YEAR_IN_URL.search(url)
        if match:
            return int(match.group(1))
    return found[0].value.year if found else None


def infer_published(
    text: str, *, url: str | None = None, today: dt.date | None = None
) -> dt.date | None:
    """The publication date printed near the top of ``text``: the first date standing on its
    own line, after a label or in a dateline; ``None`` when the head has none (dates inside
    sentences are ignored, see the module docstring)."""
    for candidate in date_candidates(text, url=url, today=today):
        if candidate.strong:
            return candidate.value
    return None


def infer_outlet_from_text(text: str) -> str | None:
    """The outlet named by a staff byline anywhere in ``text``, else by a wire-service tag in
    a dateline near the top (``(Reuters) -``); ``None`` when neither is there."""
    for pattern in (_STAFF_POSSESSIVE, _STAFF_FOR):
        match = pattern.search(text)
        if match:
            # The name pattern allows inner periods ("U.S. News"), not a sentence's final one.
            return match["outlet"].strip().rstrip(".")
    for match in _WIRE_TAG.finditer(text[:HEAD_CHARS]):
        outlet = outlet_from_wire(match["tag"])
        if outlet:
            return outlet
    return None


def _title_case(word: str) -> str:
    """An all-capitals word as a name is written: ``RUGABER`` → ``Rugaber``, ``O'NEIL`` →
    ``O'Neil``; other words unchanged."""
    if not word.isupper():
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)


def _as_name(words: list[str]) -> str | None:
    """``words`` as a person's name (two to five words, each capitalised or a particle such as
    "von"), in title case when written in capitals; ``None`` when they are not a name."""
    if not 2 <= len(words) <= 5 or not _NAME_WORD.fullmatch(words[0]) or words[0] == "The":
        return None
    if not all(_NAME_WORD.fullmatch(w) or w in _NAME_PARTICLES for w in words):
        return None
    if any(w.lower().strip(".") in _BYLINE_ROLE_WORDS for w in words):
        return None
    if outlet_from_wire(" ".join(words)) or outlet_from_wire(words[0]):
        return None
    return " ".join(_title_case(w) for w in words)


def byline_names(byline: str) -> list[str]:
    """The writers a byline names, without its affiliation, in order.

    ``byline`` is what follows "By": "Maria Okafor and Tim Ng, Reuters" gives both names;
    "CHRISTOPHER RUGABER" gives ``Christopher Rugaber``; "JANE DOE Associated Press" and
    "JANE DOE AP Economics Writer" give ``Jane Doe`` (the capitals end the name);
    "Jane Doe | Island Post" gives ``Jane Doe``. Reading stops at the first part that is not
    a name (an agency, a desk, a job title); ``[]`` when the first part is none.
    """
    names: list[str] = []
    for part in _NAME_SEPARATOR.split(_AFFILIATION.split(byline.strip(), maxsplit=1)[0]):
        words = part.split()
        capitals = 0
        while (
            capitals < len(words)
            and words[capitals].isupper()
            and len(words[capitals]) > 1
            and not outlet_from_wire(words[capitals])
        ):
            capitals += 1
        if 2 <= capitals < len(words):
            # "JANE DOE Associated Press": the name in capitals, then its affiliation
            name = _as_name(words[:capitals])
            if name:
                names.append(name)
            break
        name = _as_name(words)
        if name is None:
            break
        names.append(name)
    return list(dict.fromkeys(names))


def author_names(value: str) -> str | None:
    """An author field as a page's metadata gives it ("JANE DOE; JOHN ROE Associated Press",
    "Maria Okafor, Reuters") read like a byline: the names joined with ``", "``, agencies and
    job titles dropped. A value that holds no name as a byline would (an outlet alone,
    "Staff") is kept as it is."""
    names = byline_names(value)
    return ", ".join(names) if names else value


def infer_author(text: str) -> str | None:
    """The writers named by a "By Jane Doe" line near the top (several joined with
    ``", "``; see :func:`byline_names`), else the name in a staff byline anywhere."""
    for byline in _BY_LINE.finditer(text[:HEAD_CHARS]):
        names = byline_names(byline["rest"])
        if names:
            return ", ".join(names)
    for pattern in (_STAFF_POSSESSIVE, _STAFF_FOR):
        staff = pattern.search(text)
        if staff:
            return staff["name"]
    return None


def _is_noise_line(line: str) -> bool:
    # Scraping leftovers above a headline: language switchers ("ua en ru"), "Advertisement".
    words = line.split()
    return len(words) < 3 or not any(ch.isupper() for ch in line)


def looks_like_headline(line: str) -> bool:
    """True for a short line (3-30 words, at most 200 characters) that starts with a capital,
    digit or quotation mark and does not end with a period."""
    stripped = line.strip()
    words = stripped.split()
    if not 3 <= len(words) <= _TITLE_MAX_WORDS or len(stripped) > _TITLE_MAX_CHARS:
        return False
    if stripped.endswith((".", ",", ";", ":")):
        return False
    return stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'“‘«"


def infer_title(text: str) -> str | None:
    """The article's first line when it looks like a headline (without the ``#`` marks of a
    Markdown heading), skipping up to two short noise lines above it; ``None`` when the text
    starts with body prose."""
    skipped = 0
    for line in text.split("\n", 8)[:8]:
        line = _HEADING_MARK.sub("", line)  # "# Ferry terminal approved" (Markdown, HTML)
        if not line.strip():
            continue
        if looks_like_headline(line):
            return " ".join(line.split())
        if _is_noise_line(line) and skipped < 2:
            skipped += 1
            continue
        return None
    return None


def complete(article: Article) -> Article:
    """Fill ``article``'s missing title, published date, outlet and author by inference, in
    place, recording each in ``provenance`` (``url`` or ``text``). Returns ``article``."""
    if article.title is None:
        article.title = infer_title(article.text)
        if article.title is not None:
            article.provenance["title"] = "text"
    if article.published is None:
        article.published = infer_published(article.text, url=article.url)
        if article.published is not None:
            article.provenance["published"] = "text"
    if article.outlet is None and article.url:
        article.outlet = outlet_from_url(article.url)
        if article.outlet is not None:
            article.provenance["outlet"] = "url"
    if article.outlet is None:
        article.outlet = infer_outlet_from_text(article.text)
        if article.outlet is not None:
            article.provenance["outlet"] = "text"
    if article.author is None:
        article.author = infer_author(article.text)
        if article.author is not None:
            article.provenance["author"] = "text"
    return article
