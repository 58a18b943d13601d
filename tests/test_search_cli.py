"""`quotetrack search` and `quotetrack export` on a database built through the store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.ingest import open_store
from quotetrack.types import Article, Quote


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    store = open_store(path)
    for i, (outlet, said) in enumerate(
        [("Reuters", "The humanitarian pause must hold"), ("AP", "Aid convoys need safe routes")]
    ):
        text = f'"{said}," Antony Blinken said.'
        store.save_article(
            Article(text=text, outlet=outlet, published=dt.date(2023, 12, 1 + i)),
            [
                Quote(
                    type="direct",
                    start=1,
                    end=1 + len(said),
                    speaker="Antony Blinken",
                    speaker_kind="person",
                )
            ],
        )
    store.close()
    return str(path)


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", db, *args])


def test_search_prints_hits_and_json_marks_the_match(db):
    res = run(db, "search", "pause")
    assert res.exit_code == 0, res.output
    assert "humanitarian pause" in res.output and "Reuters" in res.output
    hits = json.loads(run(db, "search", '"pause must"', "--json").output)
    assert [h["snippet"] for h in hits] == ["The humanitarian [[pause must]] hold"]


def test_search_filters_and_bad_syntax(db):
    assert json.loads(run(db, "search", "pause", "--outlet", "AP", "--json").output) == []
    res = run(db, "search", '"unterminated')
    assert res.exit_code == 2 and "bad search query" in res.output  # a usage error


def test_export_writes_csv_to_stdout_and_files(db, tmp_path):
    res = run(db, "export", "quotes", "--since", "2023-12-02")
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert [r["outlet"] for r in rows] == ["AP"]
    out = tmp_path / "speakers.jsonl"
    res = run(db, "export", "speakers", "--format", "jsonl", "-o", str(out))
    assert res.exit_code == 0
    assert json.loads(out.read_text())["n_quotes"] == 2


def test_export_rejects_filters_that_do_not_apply(db):
    res = run(db, "export", "speakers", "--min-outlets", "2")
    assert res.exit_code == 2 and "no filter min_outlets" in res.output  # a usage error
    res = run(db, "export", "quotes", "--format", "parquet")
    assert res.exit_code == 2 and "--output" in res.output
