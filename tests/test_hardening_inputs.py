"""No input can crash, hang or exhaust an ingest (issue 16, items 5 to 11 and 13): each bad
input costs at most its own article, says why in one line, and the others are stored."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import threading
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import text as sql_text
from sqlalchemy.exc import IntegrityError

from quotetrack import extract as extract_mod
from quotetrack.cli import cli
from quotetrack.ingest import IngestSummary, ingest_articles, read_all
from quotetrack.read import Article, ReadFailure, iter_articles
from quotetrack.read.meta import date_value
from quotetrack.store import engine as engine_mod
from quotetrack.store import open_store

SAID = '"We will keep the clinics open," Jane Doe, the health minister, said on {day}.\n'
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def good(n: int) -> str:
    return SAID.format(day=DAYS[n % 7]) + f"She spoke in town number {n}.\n"


def ingest(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "ingest", *map(str, args)])


def stored(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT source_path, published, text FROM articles").fetchall()


def failures(items) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


# ------------------------------------------------------------------ 5: lone surrogates


def test_a_lone_surrogate_costs_nothing_but_that_character(tmp_path):
    records = [{"text": good(i), "url": f"https://example.org/{i}"} for i in range(10)]
    records.insert(4, {"text": good(99) + "Broken \ud800 escape.", "title": "T\udfff"})
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(records), encoding="utf-8")  # json.dumps writes \ud800 escapes
    res = ingest(tmp_path / "news.db", path)
    assert res.exit_code == 0, res.output
    rows = stored(tmp_path / "news.db")
    assert len(rows) == 11
    assert any("Broken \ufffd escape." in r[2] for r in rows)
    out = CliRunner().invoke(cli, ["extract", str(path)])
    assert out.exit_code == 0 and len(out.stdout.splitlines()) == 11


# ------------------------------------------------------------------ 6: YAML bomb


def yaml_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [{','.join('*' + prev for _ in range(9))}]")
    last = chr(ord("a") + levels - 1)
    return "---\n" + "\n".join(lines) + f"\ndate: *{last}\ntitle: *{last}\n---\n" + good(1)


def test_a_yaml_alias_bomb_is_refused_quickly_and_quietly(tmp_path, caplog):
    path = tmp_path / "bomb.md"
    path.write_text(yaml_bomb(), encoding="utf-8")
    assert len(path.read_bytes()) < 1000
    started = time.monotonic()
    with caplog.at_level(logging.DEBUG):
        [failure] = failures(iter_articles([path]))
    assert time.monotonic() - started < 2
    assert "aliases" in failure.reason
    assert sum(len(r.getMessage()) for r in caplog.records) < 2000


def test_a_huge_unreadable_date_is_logged_in_a_few_words(caplog):
    with caplog.at_level(logging.WARNING):
        assert date_value([["x" * 10_000] * 100] * 100, where="f.md") is None
    [record] = caplog.records
    assert "f.md" in record.getMessage() and len(record.getMessage()) < 400


# ------------------------------------------------------------------ 7: texts past spaCy's limit


@pytest.fixture
def small_parser_limit(nlp, monkeypatch):
    """spaCy's own max_length lowered to 5,000 characters (a real limit, real error E088),
    so a 6,000-character article plays the 1.3 MB one without parsing a megabyte."""
    from quotetrack.nlp import load

    pipeline = load(None)  # the pipeline extract() uses
    monkeypatch.setattr(pipeline, "max_length", 5_000)
    return pipeline


def long_article(n_chars: int) -> str:
    filler = "The council met again and the report was read out in full. " * (n_chars // 60)
    return filler + "\n\n" + good(5)


def test_one_article_past_the_parser_limit_fails_alone(small_parser_limit, monkeypatch, tmp_path):
    monkeypatch.setattr(extract_mod, "LONG_TEXT_CHARS", 10**9)  # no splitting: E088
    store = open_store(tmp_path / "news.db")
    arts = [Article(text=good(1)), Article(text=long_article(6_000)), Article(text=good(2))]
    arts = [Article(text=a.text, source_path=f"a{i}.txt") for i, a in enumerate(arts)]
    summary = ingest_articles(arts, store)
    store.close()
    assert (summary.new, summary.failed) == (2, 1)
    assert (
        summary.failures[0].startswith("a1.txt: detection failed") and "E088" in summary.failures[0]
    )


def test_a_long_article_is_parsed_in_pieces_with_true_offsets(
    small_parser_limit, monkeypatch, tmp_path
):
    monkeypatch.setattr(extract_mod, "LONG_TEXT_CHARS", 2_000)
    text = long_article(12_000)
    [quotes] = list(extract_mod.extract([text]))
    [quote] = [q for q in quotes if q.speaker]
    assert quote.text(text) == "We will keep the clinics open,"
    assert text[quote.cue_start : quote.cue_end] == "said"
    assert quote.start > 11_000


def test_split_pieces_cover_the_text_and_cut_at_paragraphs():
    text = ("word " * 300 + "\n\n") * 10
    pieces = extract_mod.split_long_text(text, limit=4_000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 4_000 for _, p in pieces)
    assert all(text[o : o + len(p)] == p for o, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
    assert extract_mod.LONG_TEXT_CHARS < 1_000_000  # below spaCy's default max_length


# ------------------------------------------------------------------ 8: FIFOs and link loops


def read_with_deadline(paths, seconds: float = 30.0) -> list:
    out: list = []
    worker = threading.Thread(target=lambda: out.extend(iter_articles(paths)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reading hung"
    return out


def test_a_fifo_and_a_link_loop_in_a_folder_are_named_and_skipped(tmp_path):
    (tmp_path / "a.txt").write_text(good(1), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    items = read_with_deadline([tmp_path])
    assert [a.source_path for a in items if isinstance(a, Article)] == [str(tmp_path / "a.txt")]
    reasons = {os.path.basename(f.path): f.reason for f in failures(items)}
    assert "named pipe" in reasons["pipe.txt"]
    assert reasons["loop1.txt"] == reasons["loop2.txt"] == "symbolic link loop"


def test_a_link_loop_named_on_the_command_line_is_a_failure(tmp_path):
    (tmp_path / "x.txt").symlink_to(tmp_path / "x.txt")
    [failure] = read_with_deadline([tmp_path / "x.txt"])
    assert failure.reason == "symbolic link loop"


# ------------------------------------------------------------------ 9: extreme dates


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "0000-01-01"])
def test_an_extreme_date_is_dropped_and_the_article_kept(tmp_path, date, caplog):
    path = tmp_path / "story.md"
    path.write_text(f"---\ndate: {date}\noutlet: Daily\n---\n{good(3)}", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        res = ingest(tmp_path / "news.db", path)
    assert res.exit_code == 0, res.output
    [(_, published, _)] = stored(tmp_path / "news.db")
    assert published is None
    assert any(date in r.getMessage() for r in caplog.records)


def test_an_extreme_date_on_the_command_line_is_dropped_too(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(good(3), encoding="utf-8")
    res = ingest(tmp_path / "news.db", "--date", "9999-12-31", path)
    assert res.exit_code == 0, res.output
    assert stored(tmp_path / "news.db")[0][1] is None


# ------------------------------------------------------------------ 10: file names


def test_a_file_name_that_is_not_utf8_keeps_its_article(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(good(4), encoding="utf-8")
    res = ingest(tmp_path / "news.db", tmp_path)
    assert res.exit_code == 0, res.output
    [(source, _, _)] = stored(tmp_path / "news.db")
    assert source == str(tmp_path) + "/caf\\xe9.txt"


# ------------------------------------------------------------------ 11: NUL characters


def test_a_nul_past_the_first_8_kb_is_refused_as_not_text(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_text(good(1) + "x" * 9_000 + "\x00 tail\n", encoding="utf-8")
    [failure] = failures(iter_articles([path]))
    assert "NUL character" in failure.reason and "offset" in failure.reason


def test_a_nul_escape_in_json_fails_that_record_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": good(1)}), json.dumps({"text": good(2) + "\u0000"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([path]))
    [failure] = failures(items)
    assert failure.line == 2 and "NUL character" in failure.reason
    assert len([i for i in items if isinstance(i, Article)]) == 1


def test_the_nul_rule_is_the_same_on_postgresql(tmp_path):
    url = os.environ.get("QUOTETRACK_TEST_PG")
    if not url:
        pytest.skip("QUOTETRACK_TEST_PG names no PostgreSQL server")
    from quotetrack.store import postgres

    name = f"qt_harden_nul_{os.getpid()}"
    postgres.drop_and_create(url, [name])
    try:
        path = tmp_path / "feed.jsonl"
        path.write_text(json.dumps({"text": good(1) + "\u0000"}) + "\n", encoding="utf-8")
        res = ingest(postgres.with_database(url, name), path)
        assert res.exit_code == 1 and "NUL character" in res.output
        assert "Traceback" not in res.output
    finally:
        postgres.drop_databases(url, [name])


# ------------------------------------------------------------------ 13: damage, errors, Ctrl-C


def test_a_damaged_database_is_named_and_never_written(tmp_path, samples_dir):
    db = tmp_path / "news.db"
    assert ingest(db, samples_dir).exit_code == 0
    with sqlite3.connect(db) as conn:  # everything into the main file, as after a clean exit
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    # Damage the data, not the schema: the last pages (the latest rows and index entries)
    # are overwritten, so the file still opens and a query may still run.
    pages = len(data) // page
    for n in range(pages - 4, pages - 1):
        data[n * page + 8 : (n + 1) * page] = os.urandom(page - 8)
    db.write_bytes(bytes(data))
    damaged = db.read_bytes()
    for args in (["quotes"], ["ingest", str(samples_dir)], ["search", "aid"]):
        res = CliRunner().invoke(cli, ["--db", str(db), *args])
        assert res.exit_code == 1, (args, res.output)
        assert "damaged" in res.output and "Traceback" not in res.output
        assert len(res.output.splitlines()) <= 2
    assert db.read_bytes() == damaged


def test_a_locked_database_is_reported_without_the_statement(tmp_path, monkeypatch):
    db = tmp_path / "news.db"
    open_store(db).close()
    monkeypatch.setattr(engine_mod, "BUSY_TIMEOUT_MS", 200)
    store = open_store(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for the whole run
    try:
        summary = IngestSummary()
        ingest_articles([Article(text=good(1), source_path="s.txt")], store, summary=summary)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()
    [message] = summary.failures
    assert "database is locked" in message
    assert "[SQL:" not in message and "sqlalche.me" not in message


def test_database_errors_are_described_without_statement_or_parameters(tmp_path):
    store = open_store(tmp_path / "news.db")
    long_name = "Outlet " + "x" * 5_000
    with pytest.raises(IntegrityError) as caught, store.session(write=True) as s:
        for _ in range(2):
            s.execute(sql_text("INSERT INTO outlets (name) VALUES (:n)"), {"n": long_name})
    store.close()
    message = engine_mod.describe_error(caught.value)
    assert "UNIQUE constraint failed" in message
    assert "xxxx" not in message and "INSERT" not in message


def test_pool_workers_leave_ctrl_c_to_the_parent(nlp):
    with extract_mod._context().Pool(
        1, initializer=extract_mod._init_worker, initargs=(None,)
    ) as pool:
        assert pool.apply(signal.getsignal, (signal.SIGINT,)) == signal.SIG_IGN


def test_read_all_counts_every_failure(tmp_path):
    (tmp_path / "ok.txt").write_text(good(1), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    summary = IngestSummary()
    arts = read_all([tmp_path], summary=summary)
    assert len(arts) == 1 and summary.failed == 1
