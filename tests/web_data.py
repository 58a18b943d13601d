"""The database the web tests look at: the five samples, plus a statement written here that
one outlet quotes with changed words, from an outlet whose name and quote hold markup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.ingest import open_store  # the store with statement grouping on save
from quotetrack.types import Article, Quote

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

HOSTILE_OUTLET = '"><img src=x onerror=alert(1)>'
HOSTILE_SPEAKER = "Nadia <script>alert('speaker')</script> Haddad"
SCRIPT_QUOTE = "<script>alert('quote')</script> we will rebuild the bridge before the spring"

ROOT_WORDING = "We will not accept a short delay in the aid deliveries to the northern towns"
ALTERED_WORDING = "We will not accept any delay in the aid deliveries to the northern towns"


def _article(said: str, speaker: str, outlet: str, day: dt.date, url: str, mention: str):
    """One article holding one direct quote ``"said," MENTION said.`` with all its spans."""
    text = f'"{said}," {mention} said on Monday. Officials gave no further detail.'
    start = 1
    m_start = len(said) + 4
    cue_start = m_start + len(mention) + 1
    quote = Quote(
        type="direct",
        start=start,
        end=start + len(said),
        cue="said",
        cue_start=cue_start,
        cue_end=cue_start + 4,
        mention_start=m_start,
        mention_end=m_start + len(mention),
        speaker=speaker,
        speaker_kind="person",
    )
    return Article(text=text, outlet=outlet, published=day, url=url, title=f"Report: {mention}"), [
        quote
    ]


def build(db: Path | str) -> Path | str:
    """Ingest the samples into ``db`` (a SQLite path or a database URL) with the real
    pipeline, then add the hand-written articles."""
    result = CliRunner().invoke(
        cli, ["--db", str(db), "ingest", "--quiet", str(SAMPLES)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        store.save_article(
            *_article(
                ALTERED_WORDING,
                "Maria Lopez",
                "Daily Planet",
                dt.date(2024, 2, 1),
                "https://planet.example/1",
                "Maria Lopez",
            )
        )
        store.save_article(
            *_article(
                ROOT_WORDING,
                "Maria Lopez",
                HOSTILE_OUTLET,
                dt.date(2024, 2, 3),
                "https://hostile.example/2",
                "Lopez",
            )
        )
        store.save_article(
            *_article(
                SCRIPT_QUOTE,
                HOSTILE_SPEAKER,
                HOSTILE_OUTLET,
                dt.date(2024, 2, 4),
                "https://hostile.example/3",
                "Haddad",
            )
        )
    return db
