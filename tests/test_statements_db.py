"""Statements in the database: grouping on ingest, the full regroup, stable ids, reports.

Articles are built by hand (no NLP) and saved through the real store, which calls
``quotetrack.statements.assign`` inside each article's transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select, text

from quotetrack import statements
from quotetrack.ingest import open_store
from quotetrack.statements.db import window_select
from quotetrack.types import Article, Quote

FULL = (
    "As we stand here almost a week into this campaign, it remains imperative that Israel "
    "put a premium on civilian protection, and there does remain a gap between the intent "
    "to protect civilians and the actual results that we're seeing on the ground"
)
TRIM = "it remains imperative that Israel put a premium on civilian protection"
ALTERED = (
    "it remains imperative that Israel puts a premium on civilian protection, and there "
    "does remain a gap between the intent to protect civilians and the results"
)
REPORTED = (
    "a gap remains between Israel's intent to protect civilians and the actual results "
    "on the ground"
)
OTHER = "Hostages must come home, and aid must reach every family in Gaza this week."


def article(outlet: str, day: dt.date, *quotes: tuple[str, str, str]) -> tuple[Article, list]:
    """An article quoting ``(speaker, type, words)`` triples, each in its own paragraph."""
    parts, qs = [], []
    offset = 0
    for speaker, qtype, words in quotes:
        para = f'"{words}," {speaker} said.' if qtype == "direct" else f"{speaker} said {words}."
        start = offset + para.index(words)
        qs.append(
            Quote(
                type=qtype,
                start=start,
                end=start + len(words),
                cue="said",
                speaker=speaker,
                speaker_kind="person",
            )
        )
        parts.append(para)
        offset += len(para) + 2
    text = "\n\n".join(parts)
    return Article(text=text, outlet=outlet, published=day, source_path=f"{outlet}-{day}.txt"), qs


DAY = dt.date(2023, 12, 7)
ARTICLES = [
    article("Wire", DAY, ("Antony Blinken", "direct", TRIM), ("Antony Blinken", "direct", OTHER)),
    article("Daily", DAY + dt.timedelta(days=1), ("Antony Blinken", "direct", ALTERED)),
    article(
        "Herald",
        DAY + dt.timedelta(days=1),
        ("Antony Blinken", "indirect", REPORTED),
        ("John Kirby", "direct", TRIM),
    ),
    article("Times", DAY + dt.timedelta(days=2), ("Antony Blinken", "direct", FULL)),
]


@pytest.fixture()
def store(tmp_path):
    s = open_store(str(tmp_path / "statements.db"))
    yield s
    s.close()


def snapshot(store) -> dict[int, tuple]:
    """quote id -> (statement id, variant kind, detail, similarity)."""
    with store.session() as s:
        rows = s.execute(statements_sql()).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def statements_sql():
    from sqlalchemy import select

    from quotetrack.store.models import Quote as Q

    return select(Q.id, Q.statement_id, Q.variant_kind, Q.variant_detail, Q.similarity).order_by(
        Q.id
    )


def save_all(store, items=ARTICLES) -> None:
    for art, qs in items:
        assert store.save_article(art, qs).status == "new"


def test_every_stored_quote_gets_a_statement_and_a_variant_kind(store):
    save_all(store)
    snap = snapshot(store)
    assert len(snap) == 6
    assert all(sid is not None and kind is not None for sid, kind, _, _ in snap.values())


def test_variants_of_one_statement_across_outlets(store):
    save_all(store)
    with store.session() as s:
        rows = statements.list_statements(s, min_outlets=2)
        assert len(rows) == 1
        top = rows[0]
        assert top["speaker"] == "Antony Blinken"
        assert (top["n_quotes"], top["n_outlets"]) == (4, 4)
        assert top["first_outlet"] == "Wire" and top["first_published"] == DAY
        detail = statements.statement_detail(s, top["statement_id"])
    assert detail["root"]["text"] == FULL  # the fullest wording, though it came last
    by_outlet = {v["outlet"]: v for v in detail["variants"]}
    assert [v["outlet"] for v in detail["variants"]] == ["Wire", "Daily", "Herald", "Times"]
    assert by_outlet["Times"]["variant_kind"] == "root"
    assert by_outlet["Wire"]["variant_kind"] == "trimmed"
    assert by_outlet["Herald"]["variant_kind"] == "paraphrase"
    daily = by_outlet["Daily"]
    assert daily["variant_kind"] == "altered" and daily["altered"] is True
    assert {"root": "put", "variant": "puts"} in daily["changes"]
    assert {"op": "replace", "root": "put", "variant": "puts"} in daily["diff"]


def test_kirby_saying_the_same_words_is_his_own_statement(store):
    save_all(store)
    with store.session() as s:
        kirby = statements.list_statements(s, speaker="Kirby")
    assert len(kirby) == 1 and kirby[0]["n_quotes"] == 1 and kirby[0]["text"] == TRIM


def test_full_regroup_gives_the_incremental_result(store):
    save_all(store)
    before = snapshot(store)
    with store.session(write=True) as s:
        stats = statements.regroup(s)
    assert stats["created"] == 0 and stats["removed"] == 0
    assert stats["kept"] == stats["statements"] == len({v[0] for v in before.values()})
    assert snapshot(store) == before


def test_regroup_rebuilds_statements_after_they_were_wiped(store):
    save_all(store)
    before = snapshot(store)
    with store.session(write=True) as s:
        from sqlalchemy import text

        s.execute(text("UPDATE quotes SET statement_id = NULL, variant_kind = NULL"))
        s.execute(text("DELETE FROM statements"))
        stats = statements.regroup(s)
    after = snapshot(store)
    assert stats["created"] == len({v[0] for v in before.values()})
    # Same grouping and kinds; the ids are new because the old rows were gone.
    old_groups = sorted(
        sorted(q for q, v in before.items() if v[0] == sid)
        for sid in {v[0] for v in before.values()}
    )
    new_groups = sorted(
        sorted(q for q, v in after.items() if v[0] == sid) for sid in {v[0] for v in after.values()}
    )
    assert old_groups == new_groups
    assert [v[1:] for v in before.values()] == [v[1:] for v in after.values()]


def test_a_new_article_never_renumbers_existing_statements(store):
    save_all(store, ARTICLES[:3])
    before = snapshot(store)
    save_all(store, ARTICLES[3:])  # brings the fuller wording: the statement is re-rooted
    after = snapshot(store)
    assert all(after[q][0] == before[q][0] for q in before)
    with store.session() as s:
        sid = after[1][0]
        detail = statements.statement_detail(s, sid)
    assert detail["root"]["text"] == FULL
    assert after[1][1] == "trimmed"  # reclassified against the new root


def test_saving_the_same_article_twice_changes_nothing(store):
    save_all(store)
    before = snapshot(store)
    art, qs = ARTICLES[0]
    assert store.save_article(art, qs).status == "unchanged"
    assert snapshot(store) == before


def test_list_statements_filters_and_sorts(store):
    save_all(store)
    with store.session() as s:
        all_rows = statements.list_statements(s)
        assert len(all_rows) == 3
        assert all_rows[0]["n_outlets"] == 4  # reach: most outlets first
        assert [r["statement_id"] for r in statements.list_statements(s, kind="altered")] == [
            all_rows[0]["statement_id"]
        ]
        assert len(statements.list_statements(s, outlet="herald")) == 2
        assert statements.list_statements(s, since=DAY + dt.timedelta(days=1)) == [
            r for r in all_rows if r["first_published"] > DAY
        ]
        assert statements.list_statements(s, until=DAY - dt.timedelta(days=1)) == []
        by_date = statements.list_statements(s, sort="date")
        assert by_date[0]["first_published"] >= by_date[-1]["first_published"]
        assert len(statements.list_statements(s, limit=1)) == 1
        with pytest.raises(ValueError):
            statements.list_statements(s, sort="size")


def test_statements_for_speaker_in_date_order(store):
    save_all(store)
    with store.session() as s:
        blinken = s.execute(statements_sql()).first()  # quote 1 is Blinken's
        from quotetrack.store.models import Quote as Q

        speaker_id = s.get(Q, blinken[0]).speaker_id
        rows = statements.statements_for_speaker(s, speaker_id)
        assert statements.statement_detail(s, 10_000) is None
    assert len(rows) == 2
    assert all(r["speaker"] == "Antony Blinken" for r in rows)
    assert rows[0]["first_published"] <= rows[1]["first_published"]


# -- command line ----------------------------------------------------------------------------


def run_cli(db: str, *args: str):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)


def test_cli_lists_shows_and_regroups_statements(tmp_path):
    db = str(tmp_path / "cli.db")
    with open_store(db) as s:
        save_all(s)
    listed = run_cli(db, "statements", "--min-outlets", "2", "--json")
    assert listed.exit_code == 0
    import json

    rows = json.loads(listed.output)
    assert [r["n_outlets"] for r in rows] == [4]
    sid = rows[0]["statement_id"]
    assert (
        run_cli(db, "statements", "--kind", "altered", "--csv")
        .output.splitlines()[0]
        .startswith("statement_id,first_published,first_outlet,speaker")
    )
    shown = run_cli(db, "statement", str(sid))
    assert shown.exit_code == 0
    # Not a terminal: changed words are marked in plain text.
    assert "[-put-] {+puts+}" in shown.output
    assert "possible misquote" in shown.output
    # A paraphrase is shown against the root too: the words it kept, and what it changed.
    assert (
        "between [-the-] {+Israel's+} intent to protect civilians and the actual results"
        in " ".join(shown.output.split())
    )
    as_json = json.loads(run_cli(db, "statement", str(sid), "--json").output)[0]
    assert as_json["root"]["text"] == FULL
    missing = run_cli(db, "statement", "999")
    assert missing.exit_code == 1 and "No statement 999" in missing.output
    regrouped = json.loads(run_cli(db, "regroup", "--json").output)[0]
    assert regrouped["removed"] == 0 and regrouped["kept"] == regrouped["statements"] == 3


def test_a_replaced_article_leaves_no_stale_statement(store):
    save_all(store)
    times, times_quotes = ARTICLES[3]
    # The Times corrects its article: the full quote is gone, a new remark is in.
    corrected, quotes = article(
        "Times",
        DAY + dt.timedelta(days=2),
        ("Antony Blinken", "direct", OTHER.replace("week", "month")),
    )
    corrected.source_path = times.source_path
    assert store.save_article(corrected, quotes).status == "updated"
    with store.session() as s:
        top = statements.list_statements(s, speaker="Blinken")[0]
        detail = statements.statement_detail(s, top["statement_id"])
    # The statement the Times' quote was the root of keeps its id, with a new root.
    assert (top["n_quotes"], top["n_outlets"]) == (3, 3)
    assert detail["root"]["text"] == ALTERED
    assert all(v["outlet"] != "Times" for v in detail["variants"])
    snap = snapshot(store)
    assert all(sid is not None for sid, *_ in snap.values())


def test_the_window_query_is_a_range_scan_of_the_speaker_date_index(store):
    """A busy speaker's statements outside the time window are never read."""
    query = window_select(7, dt.date(2023, 11, 20), dt.date(2023, 12, 14))
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        plan = " ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    assert "ix_statements_speaker_id_first_published (speaker_id=? AND first_published>" in plan


def test_each_article_of_unknown_outlet_counts_as_a_source_of_its_own(store):
    def quoting(outlet: str | None, days: int) -> tuple[Article, list]:
        a, qs = article(outlet, DAY + dt.timedelta(days=days), ("Antony Blinken", "direct", TRIM))
        # Distinct texts: the store would take identical ones for one article.
        return dataclasses.replace(a, text=f"{a.text} (Day {days}.)"), qs

    unknown = [quoting(None, 2), quoting(None, 3)]
    save_all(store, [quoting("Wire", 0), quoting("Wire", 1)])
    ((n_outlets,),) = store.run_sql("SELECT n_outlets FROM statements")[1]
    assert n_outlets == 1  # one outlet, twice
    save_all(store, unknown)
    ((n_quotes, n_outlets),) = store.run_sql("SELECT n_quotes, n_outlets FROM statements")[1]
    assert (n_quotes, n_outlets) == (4, 3)


def test_the_stored_cue_links_a_reworded_readout_across_articles(store):
    """The frame signal on ingest: the store's cue reaches the grouper."""
    reported = "alarm over the shortage of fuel for hospitals in the south"
    quoted = '"voiced alarm at the fuel crisis facing desalination plants across the enclave"'
    for outlet, day, qtype, words, cue in (
        (None, DAY, "indirect", reported, "voiced"),
        ("Herald", DAY + dt.timedelta(days=1), "mixed", quoted, "voiced"),
    ):
        text = f"Blinken {'voiced ' if qtype == 'indirect' else ''}{words}."
        start = text.index(words)
        store.save_article(
            Article(text=text, outlet=outlet, published=day, source_path=f"{outlet}.txt"),
            [
                Quote(
                    type=qtype,
                    start=start,
                    end=start + len(words),
                    cue=cue,
                    speaker="Blinken",
                    speaker_kind="person",
                )
            ],
        )
    rows = store.run_sql("SELECT n_quotes, n_outlets FROM statements")[1]
    assert [tuple(r) for r in rows] == [(2, 2)]


def busy_speaker_articles(n: int = 120) -> list[tuple[Article, list]]:
    """Articles quoting one speaker on many overlapping subjects over a month: statements,
    trimmed and altered copies, reported versions, and a second speaker now and then."""
    import random

    rng = random.Random(11)
    vocab = [
        f"{a}{b}"
        for a in ("ka", "lo", "mi", "ter", "san", "vo", "del", "pra")
        for b in ("bor", "mun", "tis", "gal", "rex", "dov", "pin", "lux")
    ]
    said: list[list[str]] = []
    items = []
    for k in range(n):
        day = DAY + dt.timedelta(days=rng.randrange(30))
        quotes = []
        for _ in range(rng.randint(1, 3)):
            if said and rng.random() < 0.6:
                words = list(rng.choice(said))
                r = rng.random()
                if r < 0.3:
                    a = rng.randrange(len(words) // 2)
                    words = words[a : a + 8]
                elif r < 0.6:
                    words[rng.randrange(len(words))] = rng.choice(vocab)
                elif r < 0.8:
                    rng.shuffle(words)
                    quotes.append(("Antony Blinken", "indirect", "that " + " ".join(words)))
                    continue
            else:
                words = [rng.choice(vocab) for _ in range(rng.randint(10, 18))]
                said.append(words)
            speaker = "John Kirby" if rng.random() < 0.15 else "Antony Blinken"
            quotes.append((speaker, "direct", " ".join(words)))
        art, qs = article(f"Outlet {k % 7}", day, *quotes)
        items.append((dataclasses.replace(art, source_path=f"busy-{k}.txt"), qs))
        if said and k % 5 == 0:
            # A quote split around its attribution: a few new words, then part of a statement.
            srng = random.Random(k)  # its own draws: the other articles stay as they were
            words = srng.choice(said)
            a = srng.randrange(len(words) // 2)
            first = " ".join(srng.choice(vocab) for _ in range(srng.randint(1, 4)))
            second = " ".join(words[a : a + srng.randint(4, 10)])
            text = f'"{first}," Antony Blinken said in talk {k}. "{second}."'
            qs = [
                Quote(
                    type="direct",
                    start=text.index(w),
                    end=text.index(w) + len(w),
                    cue="said",
                    speaker="Antony Blinken",
                    speaker_kind="person",
                )
                for w in (first, second)
            ]
            items.append(
                (
                    Article(
                        text=text,
                        outlet=f"Outlet {k % 7}",
                        published=day,
                        source_path=f"busy-split-{k}.txt",
                    ),
                    qs,
                )
            )
    return items


def test_seeding_only_reachable_statements_groups_as_seeding_the_whole_window(
    tmp_path, monkeypatch
):
    """assign seeds only the window statements a new quote's signatures or frame can reach;
    seeding every statement of the window must give the same statements, and so must a
    full regroup."""
    from quotetrack.statements import db

    items = busy_speaker_articles()
    reached: list[tuple[int, int]] = []
    real = db._worth_seeding

    def counted(session, grouper, recs, window):
        keep = real(session, grouper, recs, window)
        reached.append((len(keep), len(set(window.keys.tolist()))))
        return keep

    monkeypatch.setattr(db, "_worth_seeding", counted)
    part = open_store(str(tmp_path / "part.db"))
    save_all(part, items)
    monkeypatch.setattr(
        db, "_worth_seeding", lambda session, grouper, recs, window: set(window.keys.tolist())
    )
    whole = open_store(str(tmp_path / "whole.db"))
    save_all(whole, items)
    try:
        assert snapshot(part) == snapshot(whole)
        # The test would prove nothing if every statement of the window were reachable.
        assert sum(k for k, _ in reached) < 0.5 * sum(n for _, n in reached)
        before = snapshot(part)
        with part.session(write=True) as s:
            statements.regroup(s)
        assert snapshot(part) == before
    finally:
        part.close()
        whole.close()


def test_quotes_grouped_without_stored_signatures_group_as_with_them(tmp_path):
    """Quotes grouped before revision 0008 have no stored signature: grouping new quotes
    computes them from the texts (and writes them back), with the same statements as a
    database that stored them; a regroup stores them all."""
    from quotetrack.statements.db import _wording
    from quotetrack.statements.index import sig_bytes

    items = busy_speaker_articles()
    half = len(items) // 2
    stored_db = open_store(str(tmp_path / "stored.db"))
    blank = open_store(str(tmp_path / "blank.db"))
    try:
        save_all(stored_db, items)
        save_all(blank, items[:half])
        with blank.session(write=True) as s:
            s.execute(text("UPDATE quotes SET signature = NULL"))
        save_all(blank, items[half:])
        assert snapshot(blank) == snapshot(stored_db)
        with blank.session() as s:
            written = s.execute(
                text(
                    "SELECT count(*) FROM quotes WHERE signature IS NOT NULL "
                    "AND id <= (SELECT max(q.id) FROM quotes q WHERE "
                    "q.article_id <= :n)"
                ),
                {"n": half},
            ).scalar()
        assert written > 0  # the window's signatures were written back
        with blank.session(write=True) as s:
            statements.regroup(s)
        assert snapshot(blank) == snapshot(stored_db)
        with blank.session() as s:
            rows = s.execute(text("SELECT id, type, text, cue, signature FROM quotes")).all()
        assert rows and all(sig == _wording(i, t, x, c)[1] for i, t, x, c, sig in rows)
        assert all(len(r[4]) == len(sig_bytes(0, 0)) for r in rows)
    finally:
        stored_db.close()
        blank.close()


def test_a_split_quote_joins_the_statement_its_later_part_repeats(store):
    """On ingest as in a regroup, a quote split around its attribution is one statement, and
    the words of its later part link it to the statement they repeat."""
    save_all(store, ARTICLES[-1:])  # the Times' full wording
    part1, part2 = (
        "Frankly,",
        ("there does remain a gap between the intent to protect civilians and the actual results"),
    )
    text = f'"{part1}" Antony Blinken said. "{part2}."'
    quotes = [
        Quote(
            type="direct",
            start=text.index(p),
            end=text.index(p) + len(p),
            cue="said",
            speaker="Antony Blinken",
            speaker_kind="person",
        )
        for p in (part1, part2)
    ]
    assert (
        store.save_article(
            Article(text=text, outlet="Gazette", published=DAY, source_path="gazette.txt"), quotes
        ).status
        == "new"
    )
    rows = store.run_sql("SELECT statement_id, variant_kind FROM quotes ORDER BY id")[1]
    assert len({r[0] for r in rows}) == 1  # all three quotes, one statement
    before = snapshot(store)
    with store.session(write=True) as s:
        statements.regroup(s)
    assert snapshot(store) == before


# -- order independence and merges ---------------------------------------------------------------

HARBOUR_FULL = (
    "We will rebuild the harbour wall before winter, and nobody in this town will be left "
    "alone when the storm comes"
)
HARBOUR_A = "We will rebuild the harbour wall before winter"
HARBOUR_B = "nobody in this town will be left alone when the storm comes"
FLEET = "The fishing fleet deserves a safe port and it will get one"
ORDER_ARTICLES = [
    article("Wire", DAY, ("Ines Duarte", "direct", HARBOUR_A), ("Ines Duarte", "direct", FLEET)),
    article("Daily", DAY, ("Ines Duarte", "direct", HARBOUR_B)),
    article("Herald", DAY + dt.timedelta(days=1), ("Ines Duarte", "direct", HARBOUR_FULL)),
    article(
        "Times",
        DAY + dt.timedelta(days=1),
        ("Ines Duarte", "direct", "a safe port and it will get one"),
        ("Tomas Brek", "direct", HARBOUR_A),
    ),
    article(
        "Post", DAY + dt.timedelta(days=2), ("Ines Duarte", "direct", "rebuild the harbour wall")
    ),
]


def partition(store) -> set[frozenset[tuple[str, str]]]:
    """Statements as sets of (outlet, quote text): comparable across databases."""
    rows = store.run_sql(
        "SELECT q.statement_id, o.name, q.text FROM quotes q JOIN articles a ON a.id = "
        "q.article_id JOIN outlets o ON o.id = a.outlet_id"
    )[1]
    out: dict[int, set[tuple[str, str]]] = {}
    for sid, outlet, words in rows:
        out.setdefault(sid, set()).add((outlet, words))
    return {frozenset(v) for v in out.values()}


def test_articles_in_any_order_give_the_same_statements(tmp_path):
    import random

    seen = []
    rng = random.Random(11)
    for n in range(5):
        order = list(ORDER_ARTICLES)
        rng.shuffle(order)
        with open_store(str(tmp_path / f"order{n}.db")) as s:
            save_all(s, order)
            seen.append(partition(s))
            # ... and a full regroup of that database agrees.
            with s.session(write=True) as session:
                statements.regroup(session)
            assert partition(s) == seen[-1]
    assert all(p == seen[0] for p in seen)
    assert len(seen[0]) == 3  # the harbour statement, the fleet statement, Brek's line


def test_a_restatement_joins_through_a_later_fuller_wording_in_the_database(tmp_path):
    # One outlet quotes half a sentence and restates the other half; another quotes it whole.
    full = (
        "We will rebuild the harbour bridge before winter, and every family that lost a home "
        "in the floods will receive a grant from the regional fund"
    )
    trimmed = article(
        "Wire",
        DAY,
        ("Ines Duarte", "direct", "We will rebuild the harbour bridge before winter"),
        ("Ines Duarte", "indirect", "flood victims would get grants from the regional fund"),
    )
    whole = article("Herald", DAY, ("Ines Duarte", "direct", full))
    seen = []
    for n, order in enumerate(([trimmed, whole], [whole, trimmed])):
        with open_store(str(tmp_path / f"bridge{n}.db")) as s:
            save_all(s, order)
            seen.append(partition(s))
    assert seen[0] == seen[1]
    assert len(seen[0]) == 1


def test_a_merged_statement_id_keeps_resolving(store):
    from quotetrack.statements.db import resolve_statement_id

    save_all(store, ORDER_ARTICLES[:2])
    rows = store.run_sql("SELECT DISTINCT statement_id FROM quotes ORDER BY 1")[1]
    assert len(rows) == 3  # two halves apart, and the fleet line
    half_b = store.run_sql(f"SELECT statement_id FROM quotes WHERE text = '{HARBOUR_B}'")[1][0][0]
    save_all(store, ORDER_ARTICLES[2:3])  # the full wording joins both halves
    with store.session() as s:
        live, merged = resolve_statement_id(s, half_b)
    half_a = store.run_sql(f"SELECT statement_id FROM quotes WHERE text = '{HARBOUR_A}'")[1][0][0]
    assert merged and live == half_a < half_b
    assert store.run_sql(f"SELECT count(*) FROM statements WHERE id = {half_b}")[1] == [(0,)]
    assert store.run_sql("SELECT count(*) FROM statements")[1] == [(2,)]
    assert store.run_sql(f"SELECT count(*) FROM quotes WHERE statement_id = {half_a}")[1] == [(3,)]


def test_statement_command_shows_the_merged_statement_for_an_absorbed_id(tmp_path):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    db = tmp_path / "merged.db"
    with open_store(str(db)) as s:
        save_all(s, ORDER_ARTICLES[:2])
        half_b = s.run_sql(f"SELECT statement_id FROM quotes WHERE text = '{HARBOUR_B}'")[1][0][0]
        save_all(s, ORDER_ARTICLES[2:3])
        half_a = s.run_sql(f"SELECT statement_id FROM quotes WHERE text = '{HARBOUR_A}'")[1][0][0]
    result = CliRunner().invoke(cli, ["--db", str(db), "statement", str(half_b)])
    assert result.exit_code == 0, result.output
    assert f"Statement {half_b} was merged into statement {half_a}" in result.output
    assert HARBOUR_B in " ".join(result.output.split())
    as_json = CliRunner().invoke(cli, ["--db", str(db), "statement", str(half_b), "--json"])
    assert f'"merged_from": {half_b}' in as_json.output


def test_speaker_report_leads_with_reach_and_lists_one_quote_statements_after(tmp_path):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    db = tmp_path / "reach.db"
    with open_store(str(db)) as s:
        save_all(s, ORDER_ARTICLES)
    out = CliRunner().invoke(cli, ["--db", str(db), "speaker", "Ines Duarte"]).output
    harbour = out.index("outlets · 4 quotes")
    fleet = out.index("outlets · 2 quotes")
    assert harbour < fleet
    assert "Outlets: Daily, Herald, Post, Wire" in out


def test_when_and_where_it_was_said_is_stored_and_shown(tmp_path):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    text = (
        '"We will rebuild the harbour wall," Ines Duarte told reporters in Port Elena on Thursday.'
    )
    start = text.index("We will")
    q = Quote(
        type="direct",
        start=start,
        end=start + len("We will rebuild the harbour wall"),
        cue="told",
        speaker="Ines Duarte",
        speaker_kind="person",
        said_when="on Thursday",
        said_when_start=text.index("on Thursday"),
        said_when_end=len(text) - 1,
        occasion="told reporters",
        occasion_kind="audience",
    )
    db = tmp_path / "said.db"
    with open_store(str(db)) as s:
        s.save_article(Article(text=text, outlet="Wire", published=dt.date(2024, 3, 16)), [q])
        rows = s.run_sql(
            "SELECT q.said_on, q.said_on_basis, q.occasion, st.said_on, st.occasion "
            "FROM quotes q JOIN statements st ON st.id = q.statement_id"
        )[1]
    assert rows == [("2024-03-14", "relative", "told reporters", "2024-03-14", "told reporters")]
    out = CliRunner().invoke(cli, ["--db", str(db), "statement", "1"]).output
    assert "said 2024-03-14 told reporters" in " ".join(out.split())


def test_a_speakers_window_dates_each_wording_by_its_statements_first_day(store):
    # The window read takes the first date as the driver gives it (ISO text on SQLite, a
    # date on PostgreSQL); each row must still carry its statement's first day.
    from quotetrack.statements.db import _day_number, _window
    from quotetrack.store.models import Statement

    save_all(store)
    with store.session() as s:
        firsts = {
            sid: day.toordinal()
            for sid, spk, day in s.execute(
                select(Statement.id, Statement.speaker_id, Statement.first_published)
            )
            if spk == 1
        }
        win = _window(s, 1, [(DAY - dt.timedelta(days=3), DAY + dt.timedelta(days=3))], 6)
    assert len(win.keys) >= 2
    assert sorted(set(zip(win.keys.tolist(), win.days.tolist()))) == sorted(firsts.items())
    assert _day_number(DAY) == _day_number(DAY.isoformat()) == DAY.toordinal()
