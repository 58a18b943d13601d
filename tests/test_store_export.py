"""Exporting quotes, statements and speakers as CSV, JSON lines and Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from quotetrack.ingest import open_store
from quotetrack.types import Article, Quote


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "export.db")
    for i, (outlet, date, speaker, said) in enumerate(
        [
            ("Reuters", dt.date(2023, 11, 30), "Antony Blinken", "Civilians must be protected"),
            ("AP", dt.date(2023, 12, 1), "Antony Blinken", "Civilians must be protected"),
            ("BBC", dt.date(2023, 12, 4), "John Kirby", "The pause collapsed"),
        ]
    ):
        text = f'"{said}," {speaker} said.'
        s.save_article(
            Article(text=text + f" ({i})", outlet=outlet, published=date),
            [
                Quote(
                    type="direct",
                    start=1,
                    end=1 + len(said),
                    speaker=speaker,
                    speaker_kind="person",
                )
            ],
        )
    yield s
    s.close()


def test_quotes_export_as_csv_with_every_quote_view_column(store):
    out = io.StringIO()
    assert store.export("quotes", "csv", out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["outlet"] for r in rows] == ["Reuters", "AP", "BBC"]
    assert rows[0]["speaker"] == "Antony Blinken" and rows[0]["date"] == "2023-11-30"
    header = store.run_sql("SELECT * FROM quote_view LIMIT 0")[0]
    assert list(rows[0]) == header


def test_filters_apply_to_exports(store, tmp_path):
    path = tmp_path / "kirby.jsonl"
    assert store.export("quotes", "jsonl", path, speaker="Kirby") == 1
    (row,) = [json.loads(line) for line in path.read_text().splitlines()]
    assert row["text"] == "The pause collapsed"
    out = io.StringIO()
    assert store.export("quotes", "jsonl", out, outlet="ap", since="2023-12-01") == 1


def test_speakers_and_statements_export(store):
    out = io.StringIO()
    assert store.export("speakers", "jsonl", out) == 2
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["name"] == "Antony Blinken" and first["n_quotes"] == 2 and first["n_outlets"] == 2
    out = io.StringIO()
    n = store.export("statements", "csv", out, speaker="Blinken")
    assert (
        n
        == store.run_sql(
            "SELECT count(*) FROM statements s JOIN speakers p ON p.id = s.speaker_id "
            "WHERE p.name = 'Antony Blinken'"
        )[1][0][0]
    )


def test_unknown_kinds_formats_and_filters_are_errors(store):
    with pytest.raises(ValueError, match="export kind"):
        store.export("articles", "csv", io.StringIO())
    with pytest.raises(ValueError, match="format"):
        store.export("quotes", "xlsx", io.StringIO())
    with pytest.raises(ValueError, match="no filter min_outlets"):
        store.export("quotes", "csv", io.StringIO(), min_outlets=3)


def test_parquet_export_round_trips(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "quotes.parquet"
    assert store.export("quotes", "parquet", path) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3 and table.column("outlet").to_pylist() == ["Reuters", "AP", "BBC"]


def test_parquet_without_pyarrow_says_how_to_install_it(store, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(RuntimeError, match=r"quotetrack\[parquet\]"):
        store.export("quotes", "parquet", tmp_path / "q.parquet")
