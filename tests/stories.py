"""Articles written for the API and CLI tests, with their quotes already annotated, and an
extractor that hands those annotations to the ingest loop (no parsing needed).

Two outlets quote Antony Blinken, one of them also an unnamed "Blinken aide"; a third
quotes John Kirby.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence

from quotetrack.types import Article, Quote

DAY = dt.date(2023, 12, 1)


def quote(text: str, said: str, speaker: str | None, *, kind: str = "person", **kw) -> Quote:
    start = text.index(said)
    return Quote(
        type="direct",
        start=start,
        end=start + len(said),
        cue="said",
        speaker=speaker,
        speaker_kind=kind,
        **kw,
    )


STORIES: list[tuple[str, dt.date, str, list[tuple[str | None, str, dict]]]] = [
    (
        "Reuters",
        DAY,
        '"Civilians must be protected in the south," Antony Blinken said. '
        '"The secretary was blunt in private," a Blinken aide said.',
        [
            ("Antony Blinken", "Civilians must be protected in the south", {}),
            (
                None,
                "The secretary was blunt in private",
                {"kind": "anonymous", "speaker_description": "a Blinken aide"},
            ),
        ],
    ),
    (
        "AP",
        DAY + dt.timedelta(days=1),
        '"Civilians must be protected in the south," Blinken said on Friday.',
        [("Blinken", "Civilians must be protected in the south", {})],
    ),
    (
        "BBC",
        DAY + dt.timedelta(days=3),
        '"The pause has collapsed," John Kirby said.',
        [("John Kirby", "The pause has collapsed", {})],
    ),
]


def articles() -> list[tuple[Article, list[Quote]]]:
    out = []
    for i, (outlet, day, text, quotes) in enumerate(STORIES):
        art = Article(text=text, outlet=outlet, published=day, url=f"https://example.org/{i}")
        out.append((art, [quote(text, said, who, **kw) for who, said, kw in quotes]))
    return out


@dataclasses.dataclass
class Annotated:
    """An extractor for articles whose quotes are already known (hand-annotated input):
    the ingest loop's pluggable extraction step without parsing. ``broken`` names the
    urls whose extraction raises."""

    quotes: dict[str, list[Quote]]
    broken: frozenset[str] = frozenset()
    saves: bool = False

    def extract(self, arts: Sequence[Article]) -> Iterator[tuple[Article, object]]:
        for art in arts:
            if art.url in self.broken:
                yield art, RuntimeError("annotation missing")
            else:
                yield art, self.quotes[art.url or ""]
