"""The store: saving articles with their quotes, speaker identity across articles, queries."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from quotetrack.store import open_store
from quotetrack.store import speakers as speakers_mod
from quotetrack.types import Article, Quote


def quoted(
    text: str,
    quote: str,
    speaker: str | None,
    mention: str | None = None,
    *,
    kind: str = "person",
    qtype: str = "direct",
    role: str | None = None,
    description: str | None = None,
) -> Quote:
    """A Quote over ``quote`` (and ``mention``) as they first occur in ``text``."""
    start = text.index(quote)
    q = Quote(
        type=qtype,
        start=start,
        end=start + len(quote),
        cue="said",
        speaker=speaker,
        speaker_kind=kind,
        speaker_role=role,
        speaker_description=description,
    )
    if mention:
        m = text.index(mention)
        q.mention_start, q.mention_end = m, m + len(mention)
    q.sentence_start, q.sentence_end = 0, len(text)
    return q


BLINKEN_TEXT = (
    '"We must protect civilians before any operation in the south," Secretary of '
    "State Antony Blinken said on Thursday."
)


def blinken_article(**kw) -> tuple[Article, list[Quote]]:
    art = Article(
        text=BLINKEN_TEXT,
        outlet="Reuters",
        url="https://www.reuters.com/gaza-1",
        published=dt.date(2023, 11, 30),
        title="Blinken in Tel Aviv",
        provenance={"outlet": "flag"},
        **kw,
    )
    q = quoted(
        BLINKEN_TEXT,
        "We must protect civilians before any operation in the south",
        "Antony Blinken",
        "Secretary of State Antony Blinken",
        role="Secretary of State",
    )
    return art, [q]


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "news.db")
    yield s
    s.close()


def count(store, table: str) -> int:
    return store.run_sql(f"SELECT count(*) FROM {table}")[1][0][0]


def test_opening_creates_a_migrated_database_with_sqlite_safety_settings(tmp_path):
    store = open_store(str(tmp_path / "new.db"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    assert store.stats() == {
        "articles": 0,
        "quotes": 0,
        "speakers": 0,
        "outlets": 0,
        "statements": 0,
    }


def test_default_database_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTETRACK_DB", str(tmp_path / "env.db"))
    open_store().close()
    assert (tmp_path / "env.db").exists()


def test_a_new_article_is_stored_with_its_quotes_outlet_and_speaker(store):
    art, quotes = blinken_article()
    res = store.save_article(art, quotes)
    assert res.status == "new" and res.n_quotes == 1 and res.new_speakers == 1
    assert len(res.quote_ids) == 1
    stored = store.article(res.article_id)
    assert stored["outlet"] == "Reuters" and stored["published"] == dt.date(2023, 11, 30)
    assert stored["provenance"] == {"outlet": "flag"} and stored["word_count"] == 18
    (row,) = store.quotes()
    assert row["text"] == "We must protect civilians before any operation in the south"
    assert row["speaker"] == "Antony Blinken" and row["outlet"] == "Reuters"
    assert row["mention"] == "Secretary of State Antony Blinken"
    assert store.run_sql("SELECT domain FROM outlets")[1] == [("reuters.com",)]
    assert store.run_sql("SELECT sentence FROM quotes")[1] == [(BLINKEN_TEXT,)]


def test_saving_the_same_text_again_writes_nothing(store):
    art, quotes = blinken_article()
    first = store.save_article(art, quotes)
    assert store.is_unchanged(art)
    # Whitespace-only differences are the same article (the hash is over normalised text).
    again = store.save_article(Article(text=art.text + "\n\n", url=art.url), quotes)
    assert again.status == "unchanged" and again.article_id == first.article_id
    assert again.quote_ids == [] and count(store, "quotes") == 1 and count(store, "articles") == 1


def test_a_changed_article_at_the_same_url_replaces_only_its_own_quotes(store):
    art, quotes = blinken_article()
    first = store.save_article(art, quotes)
    other_text = 'Blinken said "the pause must continue," according to officials.'
    other = store.save_article(
        Article(text=other_text, outlet="AP", published=dt.date(2023, 12, 1)),
        [quoted(other_text, "the pause must continue", "Blinken", "Blinken", qtype="mixed")],
    )

    new_text = (
        BLINKEN_TEXT.replace("Thursday", "Thursday in Tel Aviv")
        + ' "Hamas must free the hostages," he added.'
    )
    res = store.save_article(
        Article(text=new_text, outlet="Reuters", url=art.url, published=art.published),
        [quoted(new_text, "Hamas must free the hostages", "Antony Blinken", "he")],
    )

    assert res.status == "updated" and res.article_id == first.article_id
    assert store.article(first.article_id)["text"] == new_text
    texts = {r["text"] for r in store.quotes()}
    assert texts == {"Hamas must free the hostages", "the pause must continue"}
    assert store.quotes(outlet="AP")[0]["id"] == other.quote_ids[0]  # untouched


def test_without_url_the_source_file_and_line_identify_the_article(store):
    a1 = Article(text="Version one.", source_path="feed.jsonl", source_line=3)
    a2 = Article(text="Version two.", source_path="feed.jsonl", source_line=3)
    a3 = Article(text="Another line.", source_path="feed.jsonl", source_line=4)
    assert store.save_article(a1, []).status == "new"
    assert store.save_article(a2, []).status == "updated"
    assert store.save_article(a3, []).status == "new"
    assert count(store, "articles") == 2


def test_blinken_variants_are_one_speaker_found_by_any_alias(store):
    art, quotes = blinken_article()
    store.save_article(art, quotes)
    t2 = 'Blinken said "we need more aid" on Friday.'
    res = store.save_article(
        Article(text=t2, outlet="AP"), [quoted(t2, "we need more aid", "Blinken", "Blinken")]
    )
    t3 = '"Humanitarian pauses matter," Secretary Blinken told reporters.'
    store.save_article(
        Article(text=t3, outlet="BBC"),
        [quoted(t3, "Humanitarian pauses matter", "Secretary Blinken", "Secretary Blinken")],
    )
    assert res.new_speakers == 0
    assert count(store, "speakers") == 1
    for name in ("Blinken", "antony blinken", "Secretary Blinken", "BLINKEN"):
        found = store.find_speakers(name)
        assert [d["name"] for d in found] == ["Antony Blinken"], name
        assert found[0]["exact"] and found[0]["quotes"] == 3
    assert found[0]["role"] == "Secretary of State"
    assert len(store.quotes(speaker="Blinken")) == 3


def test_a_bare_surname_first_is_upgraded_to_the_fuller_name_later(store):
    t1 = '"We are ready," Blinken said.'
    store.save_article(Article(text=t1), [quoted(t1, "We are ready", "Blinken", "Blinken")])
    t2 = '"We are still ready," Antony Blinken said.'
    store.save_article(
        Article(text=t2), [quoted(t2, "We are still ready", "Antony Blinken", "Antony Blinken")]
    )
    (sp,) = store.find_speakers("Blinken")
    assert sp["name"] == "Antony Blinken" and sp["quotes"] == 2


def test_a_hyphenated_name_finds_the_speaker_written_without_it_and_back(store):
    t1 = '"We have a window," Idris Amara Welde said.'
    store.save_article(
        Article(text=t1), [quoted(t1, "We have a window", "Idris Amara Welde", "Idris Amara Welde")]
    )
    # a search with the hyphen finds the name stored without it
    assert [d["name"] for d in store.find_speakers("Idris Amara-Welde")] == ["Idris Amara Welde"]
    t2 = '"Act now," Idris Amara-Welde said.'
    store.save_article(
        Article(text=t2), [quoted(t2, "Act now", "Idris Amara-Welde", "Idris Amara-Welde")]
    )
    assert count(store, "speakers") == 1
    for name in ("Idris Amara-Welde", "Idris Amara Welde", "Idris Amara"):
        assert [d["name"] for d in store.find_speakers(name)][:1] == ["Idris Amara Welde"], name


def test_joe_and_hunter_biden_are_never_merged(store):
    t1 = '"The economy is strong," President Joe Biden said.'
    t2 = '"I made mistakes," Hunter Biden said.'
    store.save_article(
        Article(text=t1), [quoted(t1, "The economy is strong", "Joe Biden", "President Joe Biden")]
    )
    store.save_article(
        Article(text=t2), [quoted(t2, "I made mistakes", "Hunter Biden", "Hunter Biden")]
    )
    names = sorted(d["name"] for d in store.find_speakers("Biden"))
    assert names == ["Hunter Biden", "Joe Biden"]
    assert [d["name"] for d in store.find_speakers("Hunter Biden") if d["exact"]] == [
        "Hunter Biden"
    ]
    assert [q["text"] for q in store.quotes(speaker="Joe Biden")] == ["The economy is strong"]


def test_two_given_names_in_the_one_office_of_one_body_are_one_person(store):
    # "Jay" is no nickname the table knows for "Jerome"; the office says it is one man
    t1 = '"We are not there yet," Federal Reserve Chair Jerome Pell said.'
    t2 = '"We need more data," Fed Chair Jay Pell said.'
    t3 = '"Rates are fine," Senator Ann Pell said.'
    t4 = '"Rates are too high," Senator Tom Pell said.'
    for t, said, name, mention, role in (
        (
            t1,
            "We are not there yet",
            "Jerome Pell",
            "Federal Reserve Chair Jerome Pell",
            "Federal Reserve Chair",
        ),
        (t2, "We need more data", "Jay Pell", "Fed Chair Jay Pell", "Fed Chair"),
        (t3, "Rates are fine", "Ann Pell", "Senator Ann Pell", "Senator"),
        (t4, "Rates are too high", "Tom Pell", "Senator Tom Pell", "Senator"),
    ):
        store.save_article(Article(text=t), [quoted(t, said, name, mention, role=role)])
    rows = store.run_sql(
        "SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id"
    )[1]
    # two senators of one surname are two people: a senator is one of many
    assert rows == [("Jerome Pell",), ("Jerome Pell",), ("Ann Pell",), ("Tom Pell",)]


def test_anonymous_sources_stay_apart_from_named_speakers(store):
    t1 = '"The talks stalled," a senior US official said.'
    t2 = '"The talks stalled again," another senior US official said.'
    t3 = '"The talks are fine," US official John Kirby said.'
    store.save_article(
        Article(text=t1),
        [
            quoted(
                t1, "The talks stalled", None, kind="anonymous", description="a senior US official"
            )
        ],
    )
    store.save_article(
        Article(text=t2),
        [
            quoted(
                t2,
                "The talks stalled again",
                None,
                kind="anonymous",
                description="another senior US official",
            )
        ],
    )
    store.save_article(
        Article(text=t3), [quoted(t3, "The talks are fine", "John Kirby", "John Kirby")]
    )
    kinds = store.run_sql("SELECT kind, count(*) FROM speakers GROUP BY kind ORDER BY kind")[1]
    # Unnamed sources of two articles are two sources: nothing says they are the same people.
    assert kinds == [("anonymous", 2), ("person", 1)]
    anon = store.run_sql(
        "SELECT q.speaker_description, q.speaker_id FROM quotes q JOIN speakers s "
        "ON s.id = q.speaker_id WHERE s.kind = 'anonymous' ORDER BY q.id"
    )[1]
    assert [a[0] for a in anon] == ["a senior US official", "another senior US official"]
    assert anon[0][1] != anon[1][1]


def test_a_bare_title_as_speaker_name_stays_within_its_article(store):
    # Nobody in either article fits "Prime Minister": two descriptions, not one person.
    t1 = '"We will hold the line," the Prime Minister said.'
    t2 = '"Turnout will be high," the Prime Minister said.'
    for text, quote in ((t1, "We will hold the line"), (t2, "Turnout will be high")):
        store.save_article(
            Article(text=text), [quoted(text, quote, "Prime Minister", kind="organisation")]
        )
    rows = store.run_sql(
        "SELECT s.kind, q.speaker_id FROM quotes q JOIN speakers s ON s.id = q.speaker_id"
    )[1]
    assert [r[0] for r in rows] == ["anonymous", "anonymous"]
    assert rows[0][1] != rows[1][1]


def test_an_organisation_and_title_written_as_the_name_is_the_person_it_fits(store):
    t = (
        '"Quality comes first," Harbour Freight President and CEO Lena Marsh said. '
        '"We will rebuild trust," Marsh added.'
    )
    store.save_article(
        Article(text=t),
        [
            quoted(t, "Quality comes first", "Harbour Freight President", kind="person"),
            quoted(t, "We will rebuild trust", "Lena Marsh", "Marsh"),
        ],
    )
    names = store.run_sql(
        "SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id"
    )[1]
    assert names == [("Lena Marsh",), ("Lena Marsh",)]


def test_a_description_resolves_to_a_named_person_by_a_role_stored_from_another_article(store):
    t1 = '"Rates will fall," Prime Minister Ada Okafor said.'
    store.save_article(
        Article(text=t1),
        [quoted(t1, "Rates will fall", "Ada Okafor", "Ada Okafor", role="Prime Minister")],
    )
    # The second article names Okafor but calls her only "the prime minister" when quoting.
    t2 = 'Ada Okafor flew to Lagos. "Trade is up," the prime minister told reporters.'
    t3 = 'Talks opened in Accra. "Trade is down," the prime minister told reporters.'
    for text, quote in ((t2, "Trade is up"), (t3, "Trade is down")):
        store.save_article(
            Article(text=text),
            [quoted(text, quote, None, kind="anonymous", description="the prime minister")],
        )
    rows = store.run_sql(
        "SELECT s.kind, s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id"
    )[1]
    # The third article names nobody with that role: its prime minister stays unnamed.
    assert rows == [
        ("person", "Ada Okafor"),
        ("person", "Ada Okafor"),
        ("anonymous", "the prime minister"),
    ]


def test_a_stored_role_decides_nothing_when_two_named_people_fit_it(store):
    for name in ("Ada Okafor", "Ben Mensah"):
        t = f'"Rates will fall," Finance Minister {name} said.'
        store.save_article(
            Article(text=t), [quoted(t, "Rates will fall", name, name, role="Finance Minister")]
        )
    t = 'Ada Okafor met Ben Mensah. "We agree," the finance minister said.'
    store.save_article(
        Article(text=t),
        [quoted(t, "We agree", None, kind="anonymous", description="the finance minister")],
    )
    kind = store.run_sql(
        "SELECT s.kind FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id DESC"
    )[1][0]
    assert kind == ("anonymous",)


def test_an_acronym_document_joins_the_organisation_stored_under_its_full_name(store):
    t1 = '"Inspections will resume," the Federal Harbour Administration said.'
    store.save_article(
        Article(text=t1),
        [
            quoted(
                t1, "Inspections will resume", "Federal Harbour Administration", kind="organisation"
            )
        ],
    )
    t2 = '"Inspections resumed," an FHA update said.'
    store.save_article(
        Article(text=t2),
        [quoted(t2, "Inspections resumed", None, kind="anonymous", description="an FHA update")],
    )
    rows = store.run_sql("SELECT DISTINCT speaker_id FROM quotes")[1]
    assert len(rows) == 1


def test_pronoun_mentions_are_not_recorded_as_aliases(store):
    t = '"We will act," he said, referring to Antony Blinken.'
    store.save_article(Article(text=t), [quoted(t, "We will act", "Antony Blinken", "he")])
    aliases = {a for (a,) in store.run_sql("SELECT alias FROM speaker_aliases")[1]}
    assert "he" not in aliases and "Antony Blinken" in aliases


def test_quote_filters_combine(store):
    art, quotes = blinken_article()
    store.save_article(art, quotes)
    t = "Blinken said the talks would continue."
    store.save_article(
        Article(text=t, outlet="AP", published=dt.date(2023, 12, 5)),
        [quoted(t, "the talks would continue", "Blinken", "Blinken", qtype="indirect")],
    )
    assert [q["outlet"] for q in store.quotes()] == ["AP", "Reuters"]  # newest first
    assert [q["outlet"] for q in store.quotes(since="2023-12-01")] == ["AP"]
    assert [q["outlet"] for q in store.quotes(until=dt.date(2023, 11, 30))] == ["Reuters"]
    assert [q["outlet"] for q in store.quotes(outlet="reuters")] == ["Reuters"]
    assert [q["type"] for q in store.quotes(type="indirect")] == ["indirect"]
    assert len(store.quotes(limit=1)) == 1
    sid = store.find_speakers("Blinken")[0]["id"]
    assert [q["date"] for q in store.speaker_quotes(sid)] == [
        dt.date(2023, 11, 30),
        dt.date(2023, 12, 5),
    ]


def test_a_crash_midway_through_an_article_leaves_no_trace(store, monkeypatch):
    art, quotes = blinken_article()
    t2 = '"First," Joe Biden said. "Second," Hunter Biden said.'
    art2 = Article(text=t2, outlet="CNN", url="https://cnn.com/a")
    quotes2 = [
        quoted(t2, "First", "Joe Biden", "Joe Biden"),
        quoted(t2, "Second", "Hunter Biden", "Hunter Biden"),
    ]
    store.save_article(art, quotes)
    before = {
        t: count(store, t) for t in ("articles", "quotes", "speakers", "speaker_aliases", "outlets")
    }

    real = speakers_mod.SpeakerResolver.resolve
    calls = {"n": 0}

    def interrupted(self, ref):
        calls["n"] += 1
        if calls["n"] == 2:  # the article row, outlet and first speaker are already written
            raise KeyboardInterrupt
        return real(self, ref)

    monkeypatch.setattr(speakers_mod.SpeakerResolver, "resolve", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.save_article(art2, quotes2)
    assert {t: count(store, t) for t in before} == before
    assert not store.is_unchanged(art2)

    monkeypatch.setattr(speakers_mod.SpeakerResolver, "resolve", real)
    res = store.save_article(art2, quotes2)
    assert res.status == "new" and res.n_quotes == 2 and res.new_speakers == 2
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


class RecordingGrouping:
    """A Grouping (the store's contract with the statements layer) that notes what it sees."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.seen: list = []

    def assign(self, session, quote_ids):
        if self.fail:
            raise RuntimeError("grouping failed")
        # Inside the transaction the new quotes are visible to the grouper.
        self.seen.append(
            session.execute(__import__("sqlalchemy").text("SELECT count(*) FROM quotes")).scalar()
        )
        self.seen.append(list(quote_ids))

    def forget(self, session, statement_ids):
        self.seen.append(("forget", list(statement_ids)))


def test_the_grouping_runs_inside_the_article_transaction(store):
    store.grouping = RecordingGrouping()
    art, quotes = blinken_article()
    res = store.save_article(art, quotes)
    assert store.grouping.seen == [1, res.quote_ids]


def test_a_failing_grouping_rolls_the_article_back(store):
    store.grouping = RecordingGrouping(fail=True)
    art, quotes = blinken_article()
    with pytest.raises(RuntimeError):
        store.save_article(art, quotes)
    assert count(store, "articles") == 0 and count(store, "quotes") == 0


def test_a_store_without_grouping_stores_quotes_ungrouped(store):
    art, quotes = blinken_article()
    store.save_article(art, quotes)
    assert count(store, "statements") == 0


def test_a_readonly_store_reads_but_refuses_to_write(store, tmp_path):
    art, quotes = blinken_article()
    store.save_article(art, quotes)
    ro = open_store(store.path, readonly=True)
    assert ro.stats()["quotes"] == 1
    with pytest.raises(PermissionError):
        ro.save_article(Article(text="Something else."), [])
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "missing.db", readonly=True)


def test_replacing_an_article_tells_the_grouping_which_statements_lost_quotes(store):
    from quotetrack.ingest import StatementGrouping

    told = []

    class Told(StatementGrouping):
        def forget(self, session, statement_ids):
            told.append(list(statement_ids))
            super().forget(session, statement_ids)

    store.grouping = Told()
    art, quotes = blinken_article()
    store.save_article(art, quotes)
    (old_statement,) = {q["statement_id"] for q in store.quotes()}
    text = '"Aid must flow," Antony Blinken said.'
    store.save_article(
        Article(text=text, url=art.url), [quoted(text, "Aid must flow", "Antony Blinken")]
    )
    assert told == [[old_statement]] and old_statement is not None


def test_an_unresolved_pronoun_is_no_speaker(tmp_path):
    from quotetrack.store import open_store
    from quotetrack.types import Article, Quote

    store = open_store(str(tmp_path / "p.db"))
    text = "They said the road would stay closed."
    quote = Quote(
        type="indirect",
        start=10,
        end=37,
        cue="said",
        cue_start=5,
        cue_end=9,
        mention_start=0,
        mention_end=4,
        speaker=None,
        speaker_kind="anonymous",
        speaker_description="They",
        speaker_spans=[(0, 4)],
    )
    res = store.save_article(Article(text=text, source_path="p.txt"), [quote])
    assert res.n_quotes == 1
    assert store.stats()["speakers"] == 0
    assert store.quotes()[0]["speaker"] is None


def test_an_acronym_and_the_full_name_are_one_organisation(store):
    t1 = '"The port stays shut," the Northern Harbour Authority said.'
    t2 = '"The port reopens Monday," the NHA said.'
    t3 = '"Ships may dock again," the Northern Harbor Authority said.'
    for t, said in (
        (t1, "The port stays shut"),
        (t2, "The port reopens Monday"),
        (t3, "Ships may dock again"),
    ):
        name = t.split("the ", 1)[1].split(" said")[0]
        store.save_article(Article(text=t), [quoted(t, said, name, name, kind="organisation")])
    rows = store.run_sql("SELECT kind, name FROM speakers ORDER BY id")[1]
    assert rows == [("organisation", "Northern Harbour Authority")]


def test_a_description_in_an_article_is_its_named_speaker(store):
    t = (
        '"We will rebuild," Mayor Ines Duarte said. "It will take a year," the 51-year-old '
        "added. Duarte, 51, has led the city since 2019."
    )
    store.save_article(
        Article(text=t),
        [
            quoted(t, "We will rebuild", "Ines Duarte", "Mayor Ines Duarte"),
            quoted(t, "It will take a year", None, kind="anonymous", description="the 51-year-old"),
        ],
    )
    rows = store.run_sql("SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id")[1]
    assert rows == [("Ines Duarte",), ("Ines Duarte",)]


def test_the_board_of_one_organisation_is_one_speaker_across_articles(store):
    # Two pages write the same body's board differently; both are "Nordvik Shipping board",
    # apart from Nordvik Shipping itself. Another company's board stays another speaker.
    t1 = (
        '"We will appeal," Nordvik Shipping said. The company\'s board said the chief '
        "executive would stay."
    )
    t2 = (
        '"The ruling is wrong," Nordvik Shipping said. The former board said it had lost '
        "confidence in him."
    )
    t3 = '"We are pleased," Baltic Freight said. The board said profits had doubled.'
    for t, said, board, about in (
        (t1, "We will appeal", "The company's board", "the chief executive would stay"),
        (t2, "The ruling is wrong", "The former board", "it had lost confidence in him"),
        (t3, "We are pleased", "The board", "profits had doubled"),
    ):
        company = t.split('," ')[1].split(" said")[0]
        store.save_article(
            Article(text=t),
            [
                quoted(t, said, company, company, kind="organisation"),
                quoted(
                    t, about, None, board, kind="organisation", qtype="indirect", description=board
                ),
            ],
        )
    rows = store.run_sql(
        "SELECT s.kind, s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY q.id"
    )[1]
    assert rows == [
        ("organisation", "Nordvik Shipping"),
        ("organisation", "Nordvik Shipping board"),
        ("organisation", "Nordvik Shipping"),
        ("organisation", "Nordvik Shipping board"),
        ("organisation", "Baltic Freight"),
        ("organisation", "Baltic Freight board"),
    ]
