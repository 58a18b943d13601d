"""The correction commands on the sample articles: `speakers`, `fix …`, `fix log`, `fix undo`,
`fix export` / `fix import`, and that a fix made on the command line survives `ingest` and
`regroup`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def run(db: Path, *args: str, ok: bool = True):
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output
    return result


def rows(db: Path, *args: str) -> list[dict]:
    return json.loads(run(db, *args, "--json").output)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("fixcli") / "samples.db"
    run(db, "ingest", "-q", str(SAMPLES))
    return db


def blinken_quote(db: Path, qtype: str) -> dict:
    return next(r for r in rows(db, "quotes", "--speaker", "Antony Blinken") if r["type"] == qtype)


def test_speakers_lists_ids_counts_and_filters(sample_db):
    listed = rows(sample_db, "speakers")
    assert listed[0]["name"] == "Antony Blinken" and listed[0]["n_quotes"] >= 10
    assert listed == sorted(listed, key=lambda r: -r["n_quotes"])
    assert {r["kind"] for r in rows(sample_db, "speakers", "--kind", "anonymous")} == {"anonymous"}
    assert all(r["n_quotes"] >= 3 for r in rows(sample_db, "speakers", "--min-quotes", "3"))
    csv = run(sample_db, "speakers", "--csv", "--limit", "2").output.splitlines()
    assert csv[0].startswith("id,name,kind,role,n_quotes") and len(csv) == 3


def test_a_correction_session(tmp_path):
    db = tmp_path / "session.db"
    run(db, "ingest", "-q", str(SAMPLES))
    q = blinken_quote(db, "indirect")
    out = run(db, "fix", "quote", str(q["id"]), "--type", "mixed", "--note", "it has marks")
    assert out.output.startswith("correction 1: quote")
    log = rows(db, "fix", "log")
    assert [(e["id"], e["action"], e["note"]) for e in log] == [(1, "quote.type", "it has marks")]
    assert log[0]["by"]  # the user name when --by is not given

    run(db, "ingest", "-q", str(SAMPLES))
    run(db, "regroup")
    view = rows(db, "sql", f"SELECT type, corrected FROM quote_view WHERE quote_id = {q['id']}")
    assert view == [{"type": "mixed", "corrected": 1}]
    listed = rows(db, "quotes", "--speaker", "Antony Blinken")
    assert {r["id"] for r in listed if r["corrected"]} == {q["id"]}
    assert run(db, "speaker", "Antony Blinken").output.count("  corrected") == 1

    run(db, "fix", "undo", "1", "--by", "ana")
    view = rows(db, "sql", f"SELECT type, corrected FROM quote_view WHERE quote_id = {q['id']}")
    assert view == [{"type": "indirect", "corrected": 0}]
    assert "  corrected" not in run(db, "speaker", "Antony Blinken").output
    assert rows(db, "fix", "log") == []
    assert [e["action"] for e in rows(db, "fix", "log", "--all")] == ["quote.type", "undo"]


def test_a_refused_fix_says_why_and_changes_nothing(sample_db):
    before = run(sample_db, "sql", "SELECT * FROM quote_view", "--csv").output
    bad = [
        ("fix", "speaker", "merge", "1", "1"),
        ("fix", "quote", "999999", "--type", "direct"),
        ("fix", "quote", "1", "--span", "5:99999999"),
        ("fix", "quote", "1", "--span", "five"),
        ("fix", "undo", "42"),
    ]
    for args in bad:
        result = run(sample_db, *args, ok=False)
        assert "into itself" in result.output or "no " in result.output or "span" in result.output
    assert run(sample_db, "sql", "SELECT * FROM quote_view", "--csv").output == before
    assert rows(sample_db, "sql", "SELECT count(*) AS n FROM corrections") == [{"n": 0}]


def test_a_curation_travels_to_a_database_built_in_another_order(sample_db, tmp_path):
    mine = tmp_path / "mine.db"
    run(mine, "ingest", "-q", str(SAMPLES))
    anonymous = rows(mine, "speakers", "--kind", "anonymous")[0]
    blinken = rows(mine, "speakers")[0]
    run(mine, "fix", "speaker", "merge", str(blinken["id"]), str(anonymous["id"]), "--by", "ana")
    run(mine, "fix", "quote", str(blinken_quote(mine, "direct")["id"]), "--type", "mixed")
    curation = tmp_path / "curation.json"
    assert "2 corrections written" in run(mine, "fix", "export", str(curation)).output

    theirs = tmp_path / "theirs.db"
    for path in sorted(SAMPLES.glob("[0-9]*.md"), reverse=True):
        run(theirs, "ingest", "-q", str(path))
    report = rows(theirs, "fix", "import", str(curation))
    assert report == [{"imported": 2, "duplicates": 0, "applied": 2, "held": 0, "unresolved": 0}]
    # (An anonymous source's canonical name is the description first read, so the machine's
    # names may differ with the order; the corrected rows and every quote's type may not.)
    corrected = (
        "SELECT url, text, speaker, type, corrected_fields FROM quote_view "
        "WHERE corrected = 1 ORDER BY url, text, start"
    )
    assert len(rows(mine, "sql", corrected)) > 1
    assert rows(theirs, "sql", corrected) == rows(mine, "sql", corrected)
    types = "SELECT url, text, type FROM quote_view ORDER BY url, text, start"
    assert rows(theirs, "sql", types) == rows(mine, "sql", types)
    assert [e["by"] for e in rows(theirs, "fix", "log")] == ["ana", log_user(mine)]


def log_user(db: Path) -> str:
    return rows(db, "fix", "log")[1]["by"]
