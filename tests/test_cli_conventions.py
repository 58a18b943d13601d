"""One convention for every command: --json/--csv wherever rows are printed (export's
--format kept as an alias), exit 0 for results (empty included), 1 for a name that matches
nothing, 2 for usage; messages capitalised and counts pluralised."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from click.testing import CliRunner
from stories import Annotated, articles

import quotetrack
from quotetrack.cli import cli
from quotetrack.ingest import ingest_articles


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("conventions") / "c.db"
    pairs = articles()
    with quotetrack.open(path) as qt:
        ingest_articles(
            [a for a, _ in pairs], qt.store, extractor=Annotated({a.url: q for a, q in pairs})
        )
        # One article without an outlet or a date.
        text = '"We will not comment," a spokesperson said.'
        art = quotetrack.types.Article(text=text, url="https://example.org/nowhere")
        qt.store.save_article(
            art,
            [
                quotetrack.types.Quote(
                    type="direct",
                    start=1,
                    end=21,
                    speaker=None,
                    speaker_kind="anonymous",
                    speaker_description="a spokesperson",
                )
            ],
        )
    return path


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


LISTINGS = [
    ["quotes"],
    ["search", "civilians"],
    ["statements"],
    ["speakers"],
    ["speaker", "Blinken"],
    ["sql", "SELECT name FROM outlets"],
    ["regroup", "--show"],
]


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: a[0])
def test_every_listing_prints_json_and_csv(db, args):
    as_json = run(db, *args, "--json")
    assert as_json.exit_code == 0, as_json.output
    assert isinstance(json.loads(as_json.output), list)
    as_csv = run(db, *args, "--csv")
    assert as_csv.exit_code == 0, as_csv.output
    assert list(csv.reader(io.StringIO(as_csv.output)))[0]
    both = run(db, *args, "--json", "--csv")
    assert both.exit_code == 2


def test_export_takes_json_and_csv_as_well_as_format(db):
    by_flag = run(db, "export", "quotes", "--json")
    by_format = run(db, "export", "quotes", "--format", "json")
    assert by_flag.exit_code == by_format.exit_code == 0
    assert json.loads(by_flag.output) == json.loads(by_format.output)
    assert len(json.loads(by_flag.output)) == 5
    lines = run(db, "export", "quotes", "--format", "jsonl").output.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(by_flag.output)
    assert run(db, "export", "quotes", "--csv").output.startswith("quote_id,")
    assert run(db, "export", "quotes", "--json", "--format", "csv").exit_code == 2


def test_exit_statuses(db):
    assert run(db, "quotes", "--outlet", "Nowhere Times").exit_code == 0  # empty is a result
    nobody = run(db, "quotes", "--speaker", "Nobody")
    assert nobody.exit_code == 1 and "Error: No speaker matches 'Nobody'" in nobody.output
    assert run(db, "speaker", "Nobody").exit_code == 1
    assert run(db, "statement", "999").exit_code == 1
    assert run(db, "quotes", "--since", "yesterday").exit_code == 2
    bad = run(db, "search", '"unterminated')
    assert bad.exit_code == 2 and bad.output.startswith("Error: ")
    assert run(db, "regroup", "--set", "window_dayz=3").exit_code == 2


def test_an_ambiguous_name_lists_the_candidates_and_is_a_usage_error(tmp_path):
    path = tmp_path / "biden.db"
    text = '"Talks go on," Jill Biden said. "Talks stop," Hunter Biden said.'
    with quotetrack.open(path) as qt:
        qt.store.save_article(
            quotetrack.types.Article(text=text),
            [
                quotetrack.types.Quote(type="direct", start=1, end=12, speaker="Jill Biden"),
                quotetrack.types.Quote(type="direct", start=33, end=43, speaker="Hunter Biden"),
            ],
        )
    res = run(path, "speaker", "Biden")
    assert res.exit_code == 2
    assert "Error: 2 speakers match 'Biden'" in res.output
    assert "Jill Biden" in res.output and "Hunter Biden" in res.output


def test_counts_are_pluralised(db):
    kirby = run(db, "statements", "--speaker", "Kirby").output
    assert "1 statement" in kirby and "1 statements" not in kirby
    blinken = run(db, "speaker", "Blinken").output
    assert "2 quotes in 1 statement from 2 named outlets" in blinken
    assert "2 outlets · 2 quotes" in blinken
    assert "1 quote matches pause" in run(db, "search", "pause").output


def test_an_unknown_outlet_reads_the_same_everywhere(db):
    for args in (["quotes"], ["search", "comment"], ["speaker", "a spokesperson"]):
        out = run(db, *args).output
        assert "unknown outlet" in out, args
        assert "?" not in out, args


def test_speaker_csv_names_each_quote(db):
    rows = list(csv.DictReader(io.StringIO(run(db, "speaker", "Blinken", "--csv").output)))
    as_json = json.loads(run(db, "speaker", "Blinken", "--json").output)[0]
    assert [int(r["quote_id"]) for r in rows] == [q["id"] for q in as_json["quotes"]]
    assert {r["speaker"] for r in rows} == {"Antony Blinken"}


def test_the_speaker_filter_is_the_same_in_every_command(db):
    def n(*args):
        return len(json.loads(run(db, *args, "--json").output))

    assert n("quotes", "--speaker", "Blinken") == 2
    assert n("quotes", "--speaker", "Blinken", "--anonymous") == 3
    assert n("statements", "--speaker", "Blinken") == n(
        "export", "statements", "--speaker", "Blinken"
    )
    assert n("export", "quotes", "--speaker", "Blinken") == 2
    assert n("search", "civilians OR secretary", "--speaker", "Blinken") == 2
    assert n("search", "civilians OR secretary", "--speaker", "Blinken", "--anonymous") == 3


def test_the_quotes_listing_carries_every_field_of_a_stored_quote(db):
    # When and where it was said and whether a researcher corrected it are in the rows too.
    header = next(csv.reader(io.StringIO(run(db, "quotes", "--csv").output)))
    fields = [f.name for f in dataclasses.fields(quotetrack.records.StoredQuote)]
    assert header == fields
    assert {"said_on", "occasion", "corrected"} <= set(header)
