"""quotetrack end to end, through the command line a user types.

These tests run the real pipeline (spaCy model, detector, SQLite store) on the sample
articles and on small inputs written here; nothing is mocked except where a crash is simulated.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run(db: Path, *args: str, ok: bool | None = True):
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    if ok is True:
        assert result.exit_code == 0, result.output
    return result


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory, nlp) -> Path:
    """A database with the five sample articles ingested once for this module."""
    db = tmp_path_factory.mktemp("samples") / "quotetrack.db"
    run(db, "ingest", "--quiet", str(SAMPLES))
    return db


# --------------------------------------------------------------------------- the quickstart


def test_quickstart_shows_blinken_quoted_by_at_least_four_samples(samples_db):
    out = json.loads(run(samples_db, "speaker", "Blinken", "--json").output)
    assert len(out) == 1
    blinken = out[0]
    assert blinken["name"] == "Antony Blinken"
    assert blinken["role"] == "U.S. Secretary of State"
    # Aliases are kept as written, titles included ("U.S." and "US" count as one).
    aliases = {a.replace(".", "") for a in blinken["aliases"]}
    assert {"Blinken", "Secretary Blinken", "US Secretary of State Antony Blinken"} <= aliases
    articles = {q["article_id"] for q in blinken["quotes"]}
    assert len(articles) >= 4
    # Every quote carries the outlet and date its sample file gives.
    known = [
        q
        for q in blinken["quotes"]
        if q["outlet"] in {"The New Arab", "The Times of Israel", "RBC-Ukraine"}
    ]
    assert known and all(q["date"] for q in known)
    assert {q["type"] for q in blinken["quotes"]} >= {"direct", "indirect"}


def test_speaker_table_names_the_person_and_outlets(samples_db):
    out = run(samples_db, "speaker", "Blinken").output
    assert "Antony Blinken" in out
    assert "The New Arab" in out and "2023-12-07" in out


def test_speaker_and_statement_text_wraps_without_trailing_spaces(samples_db):
    # Researchers paste this output into notes and grep it: wrapped lines end at their last
    # word, and quotes keep their indentation.
    speaker = run(samples_db, "speaker", "Blinken").output.splitlines()
    sid = json.loads(
        run(samples_db, "statements", "--speaker", "Blinken", "--min-outlets", "2", "--json").output
    )[0]["statement_id"]
    statement = run(samples_db, "statement", str(sid)).output.splitlines()
    for line in speaker + statement:
        assert line == line.rstrip(), repr(line)
    assert any(line.startswith("    ") and "civilian" in line for line in statement)


@pytest.mark.parametrize(
    "alias", ["blinken", "Antony Blinken", "Secretary Blinken", "ANTONY BLINKEN"]
)
def test_speaker_found_by_any_alias(samples_db, alias):
    out = json.loads(run(samples_db, "speaker", alias, "--json").output)
    assert out[0]["name"] == "Antony Blinken"


def test_speaker_csv_has_one_row_per_quote(samples_db):
    out = run(samples_db, "speaker", "Blinken", "--csv").output.splitlines()
    n = len(json.loads(run(samples_db, "speaker", "Blinken", "--json").output)[0]["quotes"])
    assert out[0].startswith("speaker,")
    assert len(out) - 1 >= n  # quoted newlines may add physical lines, never remove rows


def test_unknown_speaker_is_a_clear_error(samples_db):
    res = run(samples_db, "speaker", "Nobody Atall", ok=None)
    assert res.exit_code == 1
    assert "Error: No speaker matches 'Nobody Atall'" in res.output


def test_reports_refuse_a_missing_database(tmp_path):
    res = run(tmp_path / "absent.db", "quotes", ok=None)
    assert res.exit_code == 1
    assert "No database at" in res.output and "absent.db" in res.output
    assert not (tmp_path / "absent.db").exists()


def test_quotes_filters(samples_db):
    all_rows = json.loads(run(samples_db, "quotes", "--json").output)
    direct = json.loads(run(samples_db, "quotes", "--type", "direct", "--json").output)
    arab = json.loads(run(samples_db, "quotes", "--outlet", "the new arab", "--json").output)
    late = json.loads(run(samples_db, "quotes", "--since", "2023-12-02", "--json").output)
    assert direct and all(r["type"] == "direct" for r in direct)
    assert arab and all(r["outlet"] == "The New Arab" for r in arab)
    assert late and all(r["date"] >= "2023-12-02" for r in late)
    assert len(direct) < len(all_rows) and len(arab) < len(all_rows)


# --------------------------------------------------------------------------- idempotence


def test_reingest_adds_nothing(samples_db):
    before = count(samples_db, "SELECT count(*) FROM quotes")
    res = json.loads(run(samples_db, "ingest", "--json", str(SAMPLES)).output)
    assert res["new"] == 0 and res["updated"] == 0 and res["unchanged"] == 5
    assert count(samples_db, "SELECT count(*) FROM quotes") == before
    assert count(samples_db, "SELECT count(*) FROM articles") == 5


def test_changed_article_replaces_its_own_quotes_only(tmp_path, nlp):
    db = tmp_path / "q.db"
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text('"We will not stop," the mayor said on Monday.\n')
    b.write_text('"Prices keep rising," the governor said.\n')
    run(db, "ingest", "-q", str(tmp_path))
    b_quotes = count(
        db,
        "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE a.source_path LIKE '%b.txt'",
    )
    a.write_text('"We will not stop," the mayor said on Monday. "Never," she added.\n')
    res = json.loads(run(db, "ingest", "--json", str(tmp_path)).output)
    assert (res["new"], res["updated"], res["unchanged"]) == (0, 1, 1)
    assert count(db, "SELECT count(*) FROM articles") == 2
    texts = {
        r[0]
        for r in sqlite3.connect(db).execute(
            "SELECT q.text FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE a.source_path LIKE '%a.txt'"
        )
    }
    assert "Never," in texts or "Never" in texts
    assert (
        count(
            db,
            "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE a.source_path LIKE '%b.txt'",
        )
        == b_quotes
    )


# --------------------------------------------------------------------------- metadata


def test_flags_override_file_metadata(tmp_path, nlp):
    db = tmp_path / "q.db"
    f = tmp_path / "story.md"
    f.write_text(
        '---\noutlet: Daily Planet\ndate: 2020-01-02\n---\n"It is done," the mayor said.\n'
    )
    run(db, "ingest", "-q", "--outlet", "Metro News", "--date", "2021-05-06", str(f))
    row = (
        sqlite3.connect(db)
        .execute(
            "SELECT o.name, a.published, a.provenance FROM articles a JOIN outlets o "
            "ON o.id = a.outlet_id"
        )
        .fetchone()
    )
    assert row[0] == "Metro News" and row[1].startswith("2021-05-06")
    prov = json.loads(row[2])
    assert prov["outlet"] == "flag" and prov["published"] == "flag"


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def mixed_inputs(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text('"The bridge will reopen in May," the minister said.\n')
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00\xff\xfe" * 20)
    (d / "latin.txt").write_bytes("caf\xe9 \x9c \x81 \x8d".encode("latin-1") * 3 + b"\xff\xfe\xfa")
    (d / "big.txt").write_text("word " * 400_000)
    (d / "feed.jsonl").write_text(
        json.dumps({"id": "ok1", "text": '"Rates stay," the banker said.', "outlet": "Wire"})
        + "\n{not json\n"
        + json.dumps({"id": "ok2", "text": '"Rates fall," the analyst said.', "outlet": "Wire"})
        + "\n"
    )
    (d / "blank.html").write_text("<html><head><title>x</title></head><body></body></html>")
    return d


def test_bad_inputs_are_reported_and_skipped(tmp_path, mixed_inputs, nlp):
    db = tmp_path / "q.db"
    res = run(db, "ingest", "--max-mb", "1", str(mixed_inputs), ok=None)
    assert res.exit_code == 1
    errors = [line for line in res.output.splitlines() if line.startswith("Error: ")]

    def said(name: str) -> str:
        hits = [e for e in errors if name in e]
        assert len(hits) == 1, (name, errors)
        return hits[0]

    assert "empty" in said("empty.txt")
    assert "binary" in said("binary.txt")
    said("latin.txt")
    assert "MB" in said("big.txt")
    assert "feed.jsonl:2" in said("feed.jsonl")
    said("blank.html")
    # The good inputs of the same run are all stored.
    assert count(db, "SELECT count(*) FROM articles") == 3
    assert "3 new" in res.output and "6 failed" in res.output
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_missing_path_is_an_error_naming_it(tmp_path, nlp):
    res = run(tmp_path / "q.db", "ingest", str(tmp_path / "nope.txt"), ok=None)
    assert res.exit_code == 1
    assert "nope.txt" in res.output


# --------------------------------------------------------------------------- crash safety


def test_interrupted_ingest_leaves_only_complete_articles(tmp_path, monkeypatch, nlp):
    db = tmp_path / "q.db"
    src = tmp_path / "src"
    shutil.copytree(SAMPLES, src)
    import quotetrack.statements.db as statements

    real_assign = statements.assign
    calls = {"n": 0}

    def assign_then_crash(session, quote_ids, *params):
        # Statement grouping runs inside the article's transaction, after its quotes are
        # written: Ctrl-C here, on the third article, interrupts a half-done write.
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_assign(session, quote_ids, *params)

    monkeypatch.setattr(statements, "assign", assign_then_crash)
    res = run(db, "ingest", str(src), ok=None)
    assert res.exit_code == 130
    assert calls["n"] == 3
    assert count(db, "SELECT count(*) FROM articles") == 2
    # Every stored article is whole: no quote without its article, none without a statement.
    assert (
        count(db, "SELECT count(*) FROM quotes WHERE article_id NOT IN (SELECT id FROM articles)")
        == 0
    )
    assert count(db, "SELECT count(*) FROM quotes WHERE statement_id IS NULL") == 0
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.setattr(statements, "assign", real_assign)
    res = json.loads(run(db, "ingest", "--json", str(src)).output)
    assert (res["new"], res["unchanged"]) == (3, 2)
    assert count(db, "SELECT count(*) FROM articles") == 5


# --------------------------------------------------------------------------- sql


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO outlets(name) VALUES ('x')",
        "UPDATE quotes SET text = 'x'",
        "DELETE FROM quotes",
        "DROP TABLE quotes",
        "ATTACH DATABASE ':memory:' AS other",
        "PRAGMA journal_mode = DELETE",
    ],
)
def test_sql_refuses_writes(samples_db, statement):
    before = count(samples_db, "SELECT count(*) FROM quotes")
    res = run(samples_db, "sql", statement, ok=None)
    assert res.exit_code == 2  # a usage error: the query, not the database, is at fault
    assert "refused" in res.output.lower()
    assert count(samples_db, "SELECT count(*) FROM quotes") == before


def test_sql_reads(samples_db):
    out = json.loads(run(samples_db, "sql", "SELECT count(*) AS n FROM articles", "--json").output)
    assert out == [{"n": 5}]
    csv_out = run(samples_db, "sql", "SELECT name FROM outlets ORDER BY name", "--csv").output
    assert csv_out.splitlines()[0] == "name" and "The New Arab" in csv_out


# --------------------------------------------------------------------------- extract


def test_extract_writes_the_evaluation_format(tmp_path, nlp):
    docs = tmp_path / "docs.jsonl"
    texts = {
        "d1": 'Officials met on Tuesday. "We are close to a deal," the envoy said.',
        "d2": "The senator said the bill would pass next week.",
    }
    docs.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()))
    out = tmp_path / "pred.jsonl"
    res = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["d1", "d2"]
    for rec in records:
        text = texts[rec["id"]]
        assert rec["quotes"], rec
        for q in rec["quotes"]:
            assert q["type"] in {"direct", "indirect", "mixed"}
            assert 0 <= q["start"] < q["end"] <= len(text)
            assert q["text"] == text[q["start"] : q["end"]]
            assert isinstance(q["speaker_spans"], list)
            for s, e in q["speaker_spans"]:
                assert 0 <= s < e <= len(text)
            assert "cue" in q and "speaker" in q
    assert records[0]["quotes"][0]["text"] == "We are close to a deal,"
    assert records[1]["quotes"][0]["type"] == "indirect"


def test_ingest_raises_collector_thresholds_only_while_it_runs(tmp_path, monkeypatch):
    # A long ingest collects cyclic garbage less often (see ingest.long_run_collector); the
    # process gets its own settings back afterwards, also when the run fails.
    import gc

    from quotetrack import ingest as ingest_module

    seen = []
    real = ingest_module.ingest_articles

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest_module, "ingest_articles", spy)
    before = gc.get_threshold()
    run(tmp_path / "q.db", "ingest", "--quiet", str(SAMPLES / "001-the-new-arab.md"))
    assert seen == [ingest_module.LONG_RUN_GC_THRESHOLDS]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), ingest_module.long_run_collector():
        raise RuntimeError("a failed run")
    assert gc.get_threshold() == before


def test_three_names_and_the_first_of_them_alone_are_one_speaker(tmp_path, nlp):
    # No name here is a given name the lexicon knows: the first of the three is still a
    # name, as the article shows by calling the person by it.
    db = tmp_path / "q.db"
    (tmp_path / "a.txt").write_text(
        '"We are deeply concerned," Agency Director-General Tesfaye Alemu Gebre told '
        "reporters in Geneva on Monday.\nTesfaye said the clinics would reopen next week.\n"
    )
    run(db, "ingest", "-q", str(tmp_path))
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT name, role FROM speakers").fetchall()
    assert rows == [("Tesfaye Alemu Gebre", "Agency Director-General")]
