"""docs/schema.md describes every table, view and column, and its example queries run."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from quotetrack.ingest import open_store
from quotetrack.types import Article, Quote

DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"
# FTS5's internal tables belong to quotes_fts (documented there as "not for direct use").
INTERNAL = re.compile(r"^(sqlite_|quotes_fts_)")


def documented_columns() -> dict[str, set[str]]:
    """{table or view name: documented column names} from the doc's ### sections."""
    out: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^### `(\w+)`", line):
            current = out.setdefault(m.group(1), set())
        elif line.startswith("## "):
            current = None
        elif current is not None and (m := re.match(r"^\| `(\w+)` \|", line)):
            current.add(m.group(1))
    return out


def example_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def say(
    text: str,
    said: str,
    speaker: str | None,
    *,
    qtype: str = "direct",
    cue: str = "said",
    description: str | None = None,
    kind: str = "person",
) -> Quote:
    start = text.index(said)
    q = Quote(
        type=qtype,
        start=start,
        end=start + len(said),
        cue=cue,
        speaker=speaker,
        speaker_kind=kind,
        speaker_description=description,
    )
    return q


OUTLETS = ["Reuters", "AP", "BBC", "Al Jazeera", "The Guardian", "CNN"]
STATEMENT = "We must protect civilians before any operation in southern Gaza"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Six outlets quote one Blinken statement over three days (one alters it); plus an
    anonymous source, an indirect quote, and an article without quotes."""
    s = open_store(tmp_path_factory.mktemp("doc") / "doc.db")
    for i, outlet in enumerate(OUTLETS):
        said = STATEMENT if i != 3 else STATEMENT.replace("protect", "shield")
        text = f'"{said}," Secretary of State Antony Blinken said on Thursday. ({outlet})'
        s.save_article(
            Article(
                text=text,
                outlet=outlet,
                url=f"https://news.example/{i}",
                published=dt.date(2023, 11, 30) + dt.timedelta(days=i // 2),
                title="Blinken in Tel Aviv",
                provenance={"outlet": "flag", "published": "json"},
            ),
            [say(text, said, "Antony Blinken")],
        )
    text = (
        '"The talks have stalled," a senior US official said. Blinken said the humanitarian '
        "pause should be extended to free more hostages."
    )
    s.save_article(
        Article(
            text=text,
            outlet="Reuters",
            published=dt.date(2023, 12, 3),
            provenance={"title": "text"},
        ),
        [
            say(
                text,
                "The talks have stalled",
                None,
                kind="anonymous",
                description="a senior US official",
            ),
            say(
                text,
                "the humanitarian pause should be extended to free more hostages",
                "Blinken",
                qtype="indirect",
            ),
        ],
    )
    s.save_article(
        Article(text="Markets were calm on Monday.", outlet="CNN", published=dt.date(2023, 12, 4)),
        [],
    )
    yield s
    s.close()


def test_every_table_view_and_column_is_documented(store):
    docs = documented_columns()
    names = [
        r
        for r in store.run_sql(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"
        )[1]
        if not INTERNAL.match(r[0])
    ]
    assert {"quote_view", "statement_view", "speaker_view", "quotes"} <= {n for n, _ in names}
    for name, _type in names:
        assert name in docs, f"docs/schema.md has no section for {name}"
        columns = {r[1] for r in store.run_sql(f'PRAGMA table_info("{name}")')[1]}
        assert columns - docs[name] == set(), f"{name}: undocumented columns"
        assert docs[name] - columns == set(), f"{name}: documented columns that do not exist"


def test_the_document_has_a_dozen_example_queries():
    assert len(example_queries()) >= 12


@pytest.mark.parametrize("index", range(len(example_queries())))
def test_each_example_query_runs(store, index):
    columns, rows = store.run_sql(example_queries()[index])
    assert columns


def test_examples_answer_their_questions_on_the_sample_database(store):
    queries = example_queries()
    _, top = store.run_sql(queries[0])
    assert ("Reuters", "Antony Blinken", 2) in top
    _, five = store.run_sql(queries[2])
    assert len(five) == 1 and five[0][1] == "Antony Blinken" and five[0][4] == 2.0
    _, anonymous = store.run_sql(queries[3])
    assert anonymous == [("Reuters", "2023-12", 1)]
    _, no_quotes = store.run_sql(queries[12])
    assert [r[1] for r in no_quotes] == ["CNN"]
    _, altered = store.run_sql(queries[1])
    assert [(r[1], r[6], r[7]) for r in altered] == [("Al Jazeera", "protect", "shield")]
