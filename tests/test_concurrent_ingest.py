"""Several writers at once: parallel `ingest` processes, and `ingest --jobs 2`.

The promise: however many processes ingest overlapping inputs into one database at the same
time, the database ends up as one ingest of the union would leave it (no duplicate articles,
outlets, speakers, aliases or statements), and every article is still written in its own
transaction. Runs on SQLite and, with ``QUOTETRACK_TEST_PG``, on PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrack.distributed import content_snapshot
from quotetrack.ingest import ingest_articles, open_store, read_all
from quotetrack.store import postgres

PG = os.environ.get("QUOTETRACK_TEST_PG")
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
_names = itertools.count()

# Short wire stories written for these tests: the same people quoted by several outlets,
# under full names, surnames and titles, so parallel writers race for the same speakers
# and statements.
STORIES = {
    "reuters-pause.md": (
        "Reuters",
        "2023-12-01",
        '"The pause must hold and aid must reach '
        'civilians," Antony Blinken said in Tel Aviv on Friday. Blinken added '
        "that talks would continue.",
    ),
    "ap-pause.md": (
        "AP",
        "2023-12-01",
        '"The pause must hold," Blinken told reporters on Friday, '
        'adding: "Aid must reach civilians."',
    ),
    "bbc-pause.md": (
        "BBC",
        "2023-12-02",
        "Secretary of State Antony Blinken said the pause must "
        'hold. "We are working hard to extend it," he said.',
    ),
    "bbc-kirby.md": (
        "BBC",
        "2023-12-02",
        '"We are not going to put a timeline on it," John Kirby '
        "said at the White House on Saturday.",
    ),
    "cnn-kirby.md": (
        "CNN",
        "2023-12-03",
        'White House spokesman John Kirby said: "We are not going '
        'to put a timeline on it." Kirby said more aid trucks were expected.',
    ),
    "ap-borrell.md": (
        "AP",
        "2023-12-03",
        '"Humanitarian aid is not enough," Josep Borrell said in '
        "Brussels. Borrell said Europe would send more.",
    ),
    "reuters-borrell.md": (
        "Reuters",
        "2023-12-04",
        "EU foreign policy chief Josep Borrell said "
        '"humanitarian aid is not enough" and called for a lasting ceasefire.',
    ),
    "cnn-officials.md": (
        "CNN",
        "2023-12-04",
        '"The next days are decisive," a senior US official '
        'said. "We will see," another official said.',
    ),
}


def write_stories(folder: Path) -> list[Path]:
    """The test stories as Markdown files with front matter; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (outlet, date, body) in STORIES.items():
        path = folder / name
        path.write_text(
            f"---\noutlet: {outlet}\ndate: {date}\n"
            f"url: https://news.example/{name[:-3]}\n---\n{body}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


@pytest.fixture
def new_db(request, tmp_path):
    """A factory of empty databases on the backend of the test's ``backend`` parameter."""
    created: list[str] = []

    def make() -> str:
        if request.node.callspec.params["backend"] == "sqlite":
            return str(tmp_path / f"db{next(_names)}.sqlite")
        template = request.getfixturevalue("pg_template")
        name = f"qt_test_conc_{os.getpid()}_{next(_names)}"
        postgres.drop_and_create(PG, [name], template=template)
        created.append(name)
        return postgres.with_database(PG, name)

    yield make
    if created:
        postgres.drop_databases(PG, created)


def ingest_process(db: str, paths: list[Path]) -> subprocess.Popen:
    """``quotetrack ingest`` of ``paths`` into ``db`` in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "quotetrack", "--db", db, "ingest", *map(str, paths)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def snapshot(url: str) -> dict:
    with open_store(url) as store:
        return content_snapshot(store)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_parallel_ingests_of_overlapping_inputs_equal_one_ingest(backend, new_db, tmp_path, nlp):
    stories = write_stories(tmp_path / "stories")
    samples = sorted(SAMPLES.glob("*.md"))
    everything = stories + samples
    # Three processes, each with most of the input in its own order: every article and
    # speaker is raced for by at least two writers.
    inputs = [
        stories + samples[:3],
        samples[1:] + stories[::-1],
        stories[2:] + samples[::-1] + stories[:2],
    ]
    parallel, single = new_db(), new_db()
    # The race under test is the writers', not the creation of the file: the database exists
    # and is migrated before the writers start, and a connection stays open until they end.
    # Otherwise, on SQLite, the last writer to close may checkpoint and delete the -wal and
    # -shm files while a slower one is still opening the database, which SQLite reports as
    # "unable to open database file" on a loaded machine.
    with open_store(parallel) as keeper, keeper.engine.connect():
        procs = [ingest_process(parallel, paths) for paths in inputs]
        outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    reference = ingest_process(single, everything)
    assert reference.communicate(timeout=300)[0].startswith(f"{len(everything)} new,")

    got, expected = snapshot(parallel), snapshot(single)
    assert len(got["articles"]) == len(everything)
    for part in ("articles", "outlets", "speakers", "aliases", "quotes"):
        assert got[part] == expected[part], part
    # Statements are grouped incrementally, in the order articles are committed (that is
    # what keeps statement ids stable), and the writers interleave that order. So the
    # parallel result must equal a single ingest of the same articles in the order the
    # parallel run committed them: no statement duplicated, split or merged by the race.
    with open_store(parallel) as store:
        _, rows = store.run_sql("SELECT source_path FROM articles ORDER BY id")
    by_name = {p.name: p for p in everything}
    committed = [by_name[Path(r[0]).name] for r in rows]
    replay = new_db()
    out = ingest_process(replay, committed).communicate(timeout=300)[0]
    assert out.startswith(f"{len(everything)} new,"), out
    assert got["statements"] == snapshot(replay)["statements"]
    # Each statement's counters agree with its quotes however the writers interleaved.
    with open_store(parallel) as store:
        _, bad = store.run_sql(
            "SELECT s.id FROM statements s WHERE s.n_quotes <> "
            "(SELECT count(*) FROM quotes q WHERE q.statement_id = s.id)"
        )
    assert bad == []


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_jobs_2_keeps_one_transaction_per_article(backend, new_db, tmp_path, nlp, monkeypatch):
    """With two worker processes parsing, an article that fails while being stored leaves no
    trace and takes no other article with it."""
    from sqlalchemy import select

    import quotetrack.statements.db as statements
    from quotetrack.store.models import Quote as QuoteRow

    stories = write_stories(tmp_path / "stories")
    doomed = tmp_path / "stories" / "cnn-officials.md"
    real_assign = statements.assign

    def assign_failing_on_officials(session, quote_ids, *params):
        texts = session.scalars(select(QuoteRow.text).where(QuoteRow.id.in_(quote_ids)))
        if any("decisive" in t for t in texts):
            raise RuntimeError("statement grouping crashed")
        real_assign(session, quote_ids, *params)

    monkeypatch.setattr(statements, "assign", assign_failing_on_officials)
    with_jobs = new_db()
    with open_store(with_jobs) as store:
        summary = ingest_articles(read_all(stories), store, jobs=2)
    assert summary.failed == 1 and str(doomed) in summary.failures[0]
    assert summary.new == len(stories) - 1

    monkeypatch.setattr(statements, "assign", real_assign)
    one_by_one = new_db()
    with open_store(one_by_one) as store:
        ingest_articles(read_all([p for p in stories if p != doomed]), store, jobs=1)
    got, expected = snapshot(with_jobs), snapshot(one_by_one)
    assert got == expected
    # Nothing of the failed article: no anonymous officials, no quotes of it.
    assert not any(kind == "anonymous" for kind, _ in got["speakers"])


# --------------------------------------------------------------------------- PostgreSQL mechanics


@pytest.fixture
def pg_store(pg_template):
    name = f"qt_test_conc_{os.getpid()}_{next(_names)}"
    postgres.drop_and_create(PG, [name], template=pg_template)
    store = open_store(postgres.with_database(PG, name))
    yield store
    store.close()
    postgres.drop_databases(PG, [name])


def test_writers_about_the_same_person_take_turns_others_do_not_wait(pg_store):
    from sqlalchemy import text

    from quotetrack.attribute import identity
    from quotetrack.store.speakers import SpeakerRef

    refs = [SpeakerRef("person", "Antony Blinken"), SpeakerRef("anonymous", "a US official")]
    try_lock = text("SELECT pg_try_advisory_xact_lock(:k)")
    with pg_store.session(write=True) as first:
        assert postgres.lock_speakers(first, refs, identity) == 2
        with pg_store.session(write=True) as second:
            # "Secretary Blinken" is the same identity group (surname), Kirby is not.
            blinken = postgres.speaker_lock_key("person", identity.surname_key("Secretary Blinken"))
            kirby = postgres.speaker_lock_key("person", identity.surname_key("John Kirby"))
            assert second.scalar(try_lock, {"k": blinken}) is False
            assert second.scalar(try_lock, {"k": kirby}) is True
    with pg_store.session(write=True) as later:  # released at commit
        assert later.scalar(try_lock, {"k": blinken}) is True


def test_a_transaction_that_lost_a_race_is_run_again(pg_store):
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    from quotetrack.store.models import Outlet

    with pg_store.session(write=True) as s:
        s.execute(insert(Outlet).values(name="Reuters"))
    names = iter(["Reuters", "Reuters", "AP"])
    retries: list[str] = []

    def attempt() -> str:
        name = next(names)
        with pg_store.session(write=True) as s:
            s.execute(insert(Outlet).values(name=name))
        return name

    assert postgres.retrying(attempt, on_retry=lambda n, why: retries.append(why)) == "AP"
    assert retries == ["unique violation", "unique violation"]

    def duplicate() -> None:
        with pg_store.session(write=True) as s:
            s.execute(insert(Outlet).values(name="Reuters"))

    with pytest.raises(IntegrityError):  # the last conflict is raised, not swallowed
        postgres.retrying(duplicate, attempts=2)


def test_replacing_an_article_locks_the_speakers_of_its_old_quotes(pg_store):
    import datetime as dt

    from sqlalchemy import text

    from quotetrack.attribute import identity
    from quotetrack.types import Article, Quote

    body = '"Talks go on," John Kirby said.'
    saved = pg_store.save_article(
        Article(
            text=body, outlet="AP", url="https://news.example/k", published=dt.date(2023, 12, 1)
        ),
        [Quote(type="direct", start=1, end=12, speaker="John Kirby", speaker_kind="person")],
    )
    kirby = postgres.speaker_lock_key("person", identity.surname_key("John Kirby"))
    with pg_store.session(write=True) as first:
        assert postgres.lock_stored_speakers(first, saved.article_id, identity) == 1
        with pg_store.session(write=True) as second:
            assert (
                second.scalar(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": kirby}) is False
            )
