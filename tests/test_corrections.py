"""Researchers' corrections: every fix holds after a re-ingest of the same articles, an
update of an article and a full regroup; undo restores the machine's value; a curation
exported from one database applies to another built in another order; bad fixes are refused
and change nothing.

Articles are written here by hand (no NLP) and saved through the real store, opened as
ingest opens it (with statement grouping), so the machine's speakers and statements come
from quotetrack's own resolver and grouper.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os

import pytest
from sqlalchemy import select
from sqlalchemy import text as sa_text

from quotetrack import corrections as fix
from quotetrack.corrections import CorrectionError
from quotetrack.ingest import open_store, regroup
from quotetrack.store import postgres
from quotetrack.store.models import Quote
from quotetrack.types import Article
from quotetrack.types import Quote as Found

DAY = dt.date(2023, 12, 7)
PAUSES = "We want the pauses to last as long as possible so that aid can reach every family"
PAUSES_TRIM = "We want the pauses to last as long as possible"
HOSTAGES = "Every hostage must come home, and we are working on it day and night"
STOP = "We will not stop until the job is done"
NOTHING = "I did nothing wrong and I will say so to the committee"
OFFICIAL = "the talks on a longer pause stalled overnight"
HEADLINE = "Talks go on"


def article(url: str, day: dt.date, *quotes: tuple, prefix: str = "") -> tuple[Article, list]:
    """An article quoting ``(speaker, type, words[, kind])``, one paragraph each, after an
    optional ``prefix`` paragraph (which shifts every offset)."""
    parts = [prefix] if prefix else []
    offset = len(prefix) + 2 if prefix else 0
    found = []
    for speaker, qtype, words, *kind in quotes:
        para = f'"{words}," {speaker} said.' if qtype == "direct" else f"{speaker} said {words}."
        start = offset + para.index(words)
        mention = offset + para.index(speaker)
        k = kind[0] if kind else "person"
        found.append(
            Found(
                type=qtype,
                start=start,
                end=start + len(words),
                cue="said",
                speaker=None if k == "anonymous" else speaker,
                speaker_kind=k,
                speaker_description=speaker if k == "anonymous" else None,
                mention_start=mention,
                mention_end=mention + len(speaker),
            )
        )
        parts.append(para)
        offset += len(para) + 2
    outlet = url.split("/")[2]
    return Article(text="\n\n".join(parts), url=url, outlet=outlet, published=day), found


def articles() -> list[tuple[Article, list]]:
    return [
        article(
            "https://wire.example/1",
            DAY,
            ("Antony Blinken", "direct", PAUSES),
            ("Antony Blinken", "direct", HOSTAGES),
            ("a senior US official", "indirect", OFFICIAL, "anonymous"),
        ),
        article(
            "https://daily.example/2",
            DAY + dt.timedelta(days=1),
            ("Blinken", "direct", PAUSES_TRIM),
            ("Biden", "direct", STOP),
            ("Hunter Biden", "direct", NOTHING),
            ("Blinken", "direct", HEADLINE),
        ),
        article(
            "https://herald.example/3",
            DAY + dt.timedelta(days=2),
            ("Antony Blinken", "direct", HOSTAGES),
        ),
    ]


def changed(item: tuple[Article, list]) -> tuple[Article, list]:
    """The same article (same url) with a new first paragraph: new text, shifted offsets."""
    art, _ = item
    quotes = [
        tuple(
            [q.speaker or q.speaker_description, q.type, art.text[q.start : q.end]]
            + (["anonymous"] if q.speaker_kind == "anonymous" else [])
        )
        for q in item[1]
    ]
    return article(art.url, art.published, *quotes, prefix="Updated with new reporting.")


PG = os.environ.get("QUOTETRACK_TEST_PG")
_names = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """The three articles stored, on each backend (PostgreSQL when ``$QUOTETRACK_TEST_PG``
    names a server: a fresh database copied from a migrated template)."""
    name = None
    if request.param == "sqlite":
        url = str(tmp_path / "fix.db")
    else:
        template = request.getfixturevalue("pg_template")
        name = f"qt_test_fix_{os.getpid()}_{next(_names)}"
        postgres.drop_and_create(PG, [name], template=template)
        url = postgres.with_database(PG, name)
    s = open_store(url)
    for art, found in articles():
        s.save_article(art, found)
    yield s
    s.close()
    if name:
        postgres.drop_databases(PG, [name])


def qid(store, text: str, url: str | None = None) -> int:
    """The id of the stored quote with these words (in the article at ``url``)."""
    sql = "SELECT quote_id FROM quote_view WHERE text = :text"
    with store.session() as s:
        rows = s.execute(
            sa_text(sql + (" AND url = :url" if url else "") + " ORDER BY quote_id"),
            {"text": text, "url": url},
        )
        ids = [r[0] for r in rows]
    assert ids, f"no quote {text!r}"
    return ids[0]


def quote(store, text: str, url: str | None = None) -> dict:
    """quote_view's row of a quote."""
    cols, rows = store.run_sql(f"SELECT * FROM quote_view WHERE quote_id = {qid(store, text, url)}")
    return dict(zip(cols, rows[0]))


def speaker_id(store, name: str) -> int:
    cols, rows = store.run_sql(f"SELECT speaker_id FROM speaker_view WHERE name = '{name}'")
    assert rows, f"no speaker {name!r}"
    return rows[0][0]


def together(store, a: str, b: str) -> bool:
    """Whether the first quotes with words ``a`` and ``b`` share a statement."""
    return quote(store, a)["statement_id"] == quote(store, b)["statement_id"]


def survives(store, check) -> None:
    """``check()`` holds now, after re-ingesting the same articles, after every article is
    updated (new text, new quote ids) and after a full regroup."""
    check()
    for art, found in articles():
        assert store.save_article(art, found).status == "unchanged"
    check()
    for item in articles():
        assert store.save_article(*changed(item)).status == "updated"
    check()
    regroup(store)
    check()


def write(store, func, *args, **kwargs):
    with store.session(write=True) as s:
        return func(s, *args, **kwargs)


def read(store, func, *args, **kwargs):
    with store.session() as s:
        return func(s, *args, **kwargs)


# -- each fix holds ----------------------------------------------------------------------


def test_a_speaker_merge_holds_and_takes_the_quotes_of_later_articles(store):
    official = quote(store, OFFICIAL)["speaker_id"]
    blinken = speaker_id(store, "Antony Blinken")
    entry = write(store, fix.merge_speakers, blinken, [official], note="his own words", by="ana")
    assert (entry.action, entry.author, entry.note) == ("speaker.merge", "ana", "his own words")

    def check():
        row = quote(store, OFFICIAL)
        assert (row["speaker"], row["corrected"], row["corrected_fields"]) == (
            "Antony Blinken",
            1,
            "speaker_id",
        )

    survives(store, check)
    merged = {r.id: r for r in read(store, fix.list_speakers)}
    assert merged[official].merged_into == blinken and merged[official].n_quotes == 0
    assert merged[blinken].corrected


def test_a_speaker_split_moves_the_quotes_written_with_the_alias(store):
    hunter = quote(store, NOTHING)["speaker_id"]
    assert quote(store, STOP)["speaker_id"] == hunter  # the machine's mistake
    write(store, fix.split_speaker, hunter, "Biden", name="Joe Biden")

    def check():
        assert quote(store, STOP)["speaker"] == "Joe Biden"
        assert quote(store, NOTHING)["speaker"] == "Hunter Biden"

    survives(store, check)


def test_a_rename_and_a_new_role_and_kind_hold(store):
    official = quote(store, OFFICIAL)["speaker_id"]
    write(store, fix.rename_speaker, official, "a senior State Department official")
    write(store, fix.set_speaker, official, role="diplomat", kind="person")

    def check():
        row = quote(store, OFFICIAL)
        assert (row["speaker"], row["speaker_role"], row["speaker_kind"]) == (
            "a senior State Department official",
            "diplomat",
            "person",
        )

    survives(store, check)


def test_a_reassigned_quote_holds_and_joins_its_new_speakers_statements(store):
    write(store, fix.reassign_quote, qid(store, STOP), "Joe Biden")

    def check():
        row = quote(store, STOP)
        assert (row["speaker"], row["corrected"]) == ("Joe Biden", 1)
        cols, rows = store.run_sql(
            f"SELECT speaker_id FROM statement_view WHERE statement_id = {row['statement_id']}"
        )
        assert rows[0][0] == row["speaker_id"]

    survives(store, check)


def test_a_quote_type_holds(store):
    write(store, fix.set_quote_type, qid(store, HOSTAGES), "indirect", note="paraphrased")

    def check():
        assert [
            r[0]
            for r in store.run_sql(
                f"SELECT type FROM quote_view WHERE text = '{HOSTAGES}' ORDER BY quote_id"
            )[1]
        ] == ["indirect", "direct"]

    survives(store, check)


def test_not_a_quote_stays_removed(store):
    write(store, fix.not_a_quote, qid(store, HEADLINE), note="a headline")

    def check():
        assert store.run_sql(f"SELECT count(*) FROM quotes WHERE text = '{HEADLINE}'")[1] == [(0,)]

    survives(store, check)


def test_a_span_fix_holds_where_the_words_now_stand(store):
    q = quote(store, PAUSES)
    body = store.article(q["article_id"])["text"]
    start = body.index("so that aid")
    end = start + len("so that aid can reach every family")
    write(store, fix.set_quote_span, q["quote_id"], start, end)

    def check():
        row = quote(store, "so that aid can reach every family")
        text = store.article(row["article_id"])["text"]
        assert text[row["start"] : row["end"]] == "so that aid can reach every family"
        assert row["corrected_fields"] == "span"

    survives(store, check)


def test_statement_merge_and_detach_are_kept_as_constraints_on_grouping(store):
    hostages = quote(store, HOSTAGES)["statement_id"]
    pauses = quote(store, PAUSES)["statement_id"]
    assert hostages != pauses
    write(store, fix.merge_statements, pauses, [hostages], note="one answer")
    detached = qid(store, PAUSES_TRIM)
    write(store, fix.detach_quote, detached)
    detached_statement = quote(store, PAUSES_TRIM)["statement_id"]

    def check():
        assert together(store, PAUSES, HOSTAGES)
        assert not together(store, PAUSES, PAUSES_TRIM)
        cols, rows = store.run_sql(
            "SELECT corrected FROM statement_view WHERE statement_id = "
            f"{quote(store, PAUSES)['statement_id']}"
        )
        assert rows == [(1,)]

    survives(store, check)
    assert quote(store, PAUSES_TRIM)["statement_id"] == detached_statement  # a stable id


def test_detach_to_another_statement(store):
    write(
        store, fix.detach_quote, qid(store, PAUSES_TRIM), to=quote(store, HOSTAGES)["statement_id"]
    )
    survives(store, lambda: together(store, PAUSES_TRIM, HOSTAGES) or pytest.fail("apart"))


# -- undo ------------------------------------------------------------------------------


def machine_state(store) -> list[tuple]:
    cols, rows = store.run_sql(
        'SELECT url, text, speaker, speaker_role, speaker_kind, type, start, "end", corrected '
        "FROM quote_view ORDER BY url, start"
    )
    return rows


def test_undo_restores_the_machines_values(store):
    before = machine_state(store)
    official = quote(store, OFFICIAL)["speaker_id"]
    q = quote(store, PAUSES)
    entries = [
        write(store, fix.merge_speakers, speaker_id(store, "Antony Blinken"), [official]),
        write(store, fix.rename_speaker, official, "someone"),
        write(store, fix.set_quote_type, qid(store, STOP), "mixed"),
        write(store, fix.not_a_quote, qid(store, HEADLINE)),
        write(store, fix.set_quote_span, q["quote_id"], q["start"], q["start"] + 10),
        write(store, fix.reassign_quote, qid(store, NOTHING), "Joe Biden"),
    ]
    assert machine_state(store) != before
    for entry in reversed(entries):
        write(store, fix.undo, entry.id, note="changed my mind")
    assert machine_state(store) == before
    assert store.run_sql("SELECT count(*) FROM quotes WHERE statement_id IS NULL")[1] == [(0,)]
    log = read(store, fix.log)
    assert [e.action for e in log[-6:]] == ["undo"] * 6
    assert all(not e.active for e in log)
    with pytest.raises(CorrectionError, match="already undone"):
        write(store, fix.undo, entries[0].id)


def test_undoing_one_fix_keeps_the_others(store):
    first = write(store, fix.set_quote_type, qid(store, STOP), "mixed")
    write(store, fix.set_quote_type, qid(store, NOTHING), "indirect")
    write(store, fix.undo, first.id)
    assert quote(store, STOP)["type"] == "direct" and quote(store, STOP)["corrected"] == 0
    assert quote(store, NOTHING)["type"] == "indirect"


# -- sharing ---------------------------------------------------------------------------


def corrected_result(store) -> tuple:
    """Everything a fix can change, without ids: each quote by article url and text, and
    the statements as sets of quotes."""
    cols, rows = store.run_sql(
        "SELECT url, text, speaker, speaker_kind, speaker_role, type, corrected, statement_id "
        "FROM quote_view ORDER BY url, start"
    )
    quotes = sorted(r[:7] for r in rows)
    groups: dict[int, set] = {}
    for r in rows:
        groups.setdefault(r[7], set()).add((r[0], r[1]))
    return quotes, sorted(sorted(g) for g in groups.values())


def curate(store) -> None:
    official = quote(store, OFFICIAL)["speaker_id"]
    write(store, fix.merge_speakers, speaker_id(store, "Antony Blinken"), [official], by="ana")
    write(store, fix.split_speaker, quote(store, NOTHING)["speaker_id"], "Biden", name="Joe Biden")
    write(store, fix.set_speaker, speaker_id(store, "Joe Biden"), role="President")
    write(store, fix.set_quote_type, qid(store, HOSTAGES, "https://herald.example/3"), "mixed")
    write(store, fix.not_a_quote, qid(store, HEADLINE))
    write(
        store,
        fix.merge_statements,
        quote(store, PAUSES)["statement_id"],
        [quote(store, HOSTAGES)["statement_id"]],
    )
    write(store, fix.detach_quote, qid(store, PAUSES_TRIM))


def test_a_curation_exported_from_one_database_applies_to_another(store, tmp_path):
    curate(store)
    path = tmp_path / "curation.json"
    assert read(store, fix.export_corrections, path) == 7
    other = open_store(str(tmp_path / "other.db"))
    for art, found in reversed(articles()):  # other ids everywhere
        other.save_article(art, found)
    report = write(other, fix.import_corrections, path)
    assert (report.imported, report.duplicates, report.replay.unresolved) == (7, 0, {})
    assert corrected_result(other) == corrected_result(store)
    again = write(other, fix.import_corrections, path)
    assert (again.imported, again.duplicates) == (0, 7)
    assert corrected_result(other) == corrected_result(store)
    other.close()


def test_a_bad_import_file_is_refused_with_its_name(store, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}')
    with pytest.raises(CorrectionError, match="bad.json: not a quotetrack corrections file"):
        write(store, fix.import_corrections, bad)
    bad.write_text("{not json")
    with pytest.raises(CorrectionError, match="bad.json: not a JSON file"):
        write(store, fix.import_corrections, bad)
    assert read(store, fix.log) == []


# -- bad fixes -------------------------------------------------------------------------


def everything(store) -> tuple:
    tables = ("quotes", "speakers", "statements", "corrections", "machine_values")
    return tuple(store.run_sql(f"SELECT * FROM {t} ORDER BY id")[1] for t in tables)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda s, st: fix.merge_speakers(s, 999, [1]), "no speaker with id 999"),
        (lambda s, st: fix.merge_speakers(s, 1, [1]), "cannot merge speaker 1 into itself"),
        (lambda s, st: fix.set_quote_type(s, 999, "direct"), "no quote with id 999"),
        (lambda s, st: fix.set_quote_type(s, 1, "quoted"), "unknown quote type"),
        (lambda s, st: fix.set_quote_span(s, 1, 5, 100_000), "outside article 1"),
        (lambda s, st: fix.set_quote_span(s, 1, 10, 10), "outside article 1"),
        (lambda s, st: fix.merge_statements(s, 999, [1]), "no statement with id 999"),
        (lambda s, st: fix.merge_statements(s, 1, [1]), "into itself"),
        (lambda s, st: fix.undo(s, 999), "no correction 999"),
        (lambda s, st: fix.split_speaker(s, 1, "Nobody Here"), "names its speaker 'Nobody Here'"),
        (lambda s, st: fix.detach_quote(s, 1, to=999), "no statement with id 999"),
    ],
)
def test_a_bad_fix_is_refused_and_changes_nothing(store, make, message):
    before = everything(store)
    with pytest.raises(CorrectionError, match=message):
        write(store, make, store)
    assert everything(store) == before


def test_merging_statements_of_different_speakers_needs_force_which_is_logged(store):
    blinken = quote(store, PAUSES)["statement_id"]
    biden = quote(store, STOP)["statement_id"]
    before = everything(store)
    with pytest.raises(CorrectionError, match="--force"):
        write(store, fix.merge_statements, blinken, [biden])
    assert everything(store) == before
    entry = write(
        store, fix.merge_statements, blinken, [biden], force=True, note="a joint statement"
    )
    assert entry.forced and read(store, fix.log)[-1].forced
    assert together(store, PAUSES, STOP)


def test_an_uncorrected_quote_is_never_marked_corrected(store):
    write(store, fix.set_quote_type, qid(store, STOP), "mixed")
    cols, rows = store.run_sql("SELECT text, corrected, corrected_fields FROM quote_view")
    for text, corrected, fields in rows:
        assert (corrected, fields) == ((1, "type") if text == STOP else (0, None))
    with store.session() as s:
        assert s.scalar(select(Quote.type).where(Quote.text == STOP)) == "mixed"
    # The store's quote rows (quotes, speaker, search, and the reports on them) say so too.
    assert {(r["text"], bool(r["corrected"])) for r in store.quotes()} == {
        (r[0], r[0] == STOP) for r in rows
    }


def test_speakers_listing_filters(store):
    names = [r.name for r in read(store, fix.list_speakers, kind="anonymous")]
    assert names == ["a senior US official"]
    daily = read(store, fix.list_speakers, outlet="daily.example")
    assert {r.name for r in daily} == {"Antony Blinken", "Hunter Biden"}
    assert all(r.n_outlets == 1 for r in daily)
    assert [r.name for r in read(store, fix.list_speakers, min_quotes=3)] == ["Antony Blinken"]
    assert read(store, fix.list_speakers, since=DAY + dt.timedelta(days=2))[0].n_quotes == 1
    assert json.dumps([r.as_dict() for r in daily], default=str)


def test_a_fix_whose_quote_left_the_article_waits_and_holds_again_when_it_returns(store):
    write(store, fix.set_quote_type, qid(store, NOTHING), "indirect")
    url = "https://daily.example/2"
    without = article(url, DAY, ("Blinken", "direct", PAUSES_TRIM), ("Biden", "direct", STOP))
    assert store.save_article(*without).status == "updated"
    report = write(store, fix.replay)
    assert list(report.unresolved.values()) == [
        f"quote {NOTHING[:40]!r} is not in its article any more"
    ]
    assert read(store, fix.log)[0].active  # the log keeps it
    back = article(
        url, DAY, ("Hunter Biden", "direct", NOTHING), ("Biden", "direct", STOP), prefix="Update."
    )
    assert store.save_article(*back).status == "updated"
    assert quote(store, NOTHING)["type"] == "indirect"


def test_a_kind_another_speaker_has_under_the_same_name_is_refused(store):
    art, found = article(
        "https://wire.example/9",
        DAY,
        ("North Star", "indirect", "it would keep fighting", "organisation"),
        ("North Star", "indirect", "it had asked for more time"),
    )
    # a role shows a person: without one, a body and a "person" of one name are one speaker
    found[1].speaker_role = "team captain"
    store.save_article(art, found)
    country = quote(store, "it would keep fighting")["speaker_id"]
    person = quote(store, "it had asked for more time")["speaker_id"]
    assert country != person
    before = everything(store)
    with pytest.raises(CorrectionError, match=f"speaker {country} is already the organisation"):
        write(store, fix.set_speaker, person, kind="organisation")
    assert everything(store) == before
    write(store, fix.merge_speakers, country, [person])
    assert quote(store, "it had asked for more time")["speaker_id"] == country


def test_undoing_statement_fixes_gives_the_machines_grouping_back(store):
    assert together(store, PAUSES, PAUSES_TRIM) and not together(store, PAUSES, HOSTAGES)
    detach = write(store, fix.detach_quote, qid(store, PAUSES_TRIM))
    merge = write(
        store,
        fix.merge_statements,
        quote(store, PAUSES)["statement_id"],
        [quote(store, HOSTAGES)["statement_id"]],
    )
    assert not together(store, PAUSES, PAUSES_TRIM) and together(store, PAUSES, HOSTAGES)
    write(store, fix.undo, detach.id)
    assert together(store, PAUSES, PAUSES_TRIM) and together(store, PAUSES, HOSTAGES)
    write(store, fix.undo, merge.id)
    assert together(store, PAUSES, PAUSES_TRIM) and not together(store, PAUSES, HOSTAGES)
    assert store.run_sql("SELECT count(*) FROM quote_view WHERE corrected = 1")[1] == [(0,)]
    assert store.run_sql("SELECT sum(corrected) FROM statement_view")[1] == [(0,)]
