"""Distributed extraction on a real ``dask.distributed`` cluster (2 local worker processes).

The cluster is started once for this module. What must hold: a distributed ingest stores
exactly what a local ingest stores, and a worker killed in the middle of a run loses nothing.
"""

from __future__ import annotations

import itertools
import os
import signal
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from quotetrack.distributed import (  # noqa: E402  (after the skip)
    DaskRun,
    connect,
    content_snapshot,
    ingest_on_dask,
    parse_address,
)
from quotetrack.ingest import (  # noqa: E402
    ingest_articles,
    open_store,  # noqa: E402
    read_all,
)
from quotetrack.store import postgres  # noqa: E402

PG = os.environ.get("QUOTETRACK_TEST_PG")
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
_names = itertools.count()

# Wire stories written for this test: a few people quoted by several outlets.
STORIES = [
    ("Reuters", "2023-12-01", '"The pause must hold," Antony Blinken said on Friday.'),
    ("AP", "2023-12-01", '"The pause must hold and aid must flow," Blinken told reporters.'),
    ("BBC", "2023-12-02", '"We are not going to put a timeline on it," John Kirby said.'),
    ("CNN", "2023-12-02", 'John Kirby said: "We are not going to put a timeline on it."'),
    ("AP", "2023-12-03", '"Humanitarian aid is not enough," Josep Borrell said in Brussels.'),
    (
        "Reuters",
        "2023-12-03",
        'Josep Borrell said aid was not enough. "We need a ceasefire," he said.',
    ),
    ("BBC", "2023-12-04", '"The next days are decisive," a senior US official said.'),
    (
        "CNN",
        "2023-12-04",
        '"Talks will go on," Qatari Prime Minister Mohammed bin Abdulrahman said.',
    ),
]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """The samples plus the stories, read as an ingest reads them."""
    folder = tmp_path_factory.mktemp("stories")
    for i, (outlet, date, body) in enumerate(STORIES):
        (folder / f"story-{i}.md").write_text(
            f"---\noutlet: {outlet}\ndate: {date}\nurl: https://news.example/{i}\n---\n{body}\n",
            encoding="utf-8",
        )
    return read_all([SAMPLES, folder])


@pytest.fixture(scope="module")
def client():
    """A client of a local cluster: 2 worker processes, one thread each, pipeline loaded."""
    with connect("local:2") as c:
        yield c


@pytest.fixture(scope="module")
def reference(articles, tmp_path_factory, nlp):
    """What a local, single-process ingest of the same articles stores."""
    with open_store(tmp_path_factory.mktemp("ref") / "ref.db") as store:
        summary = ingest_articles(articles, store)
        assert summary.ok and summary.new == len(articles)
        return content_snapshot(store)


def test_dask_addresses():
    assert parse_address("local:3") == ("local", 3)
    assert parse_address("local") == ("local", 2)
    assert parse_address("tcp://10.0.0.5:8786") == ("scheduler", "tcp://10.0.0.5:8786")
    for bad in ("local:0", "local:two", "scheduler"):
        with pytest.raises(ValueError):
            parse_address(bad)


def test_a_distributed_ingest_stores_what_a_local_one_does(client, articles, reference, tmp_path):
    with open_store(tmp_path / "dask.db") as store:
        run = DaskRun()
        summary = ingest_on_dask(articles, store, client, batch_size=3, run=run)
        assert summary.ok and summary.new == len(articles)
        assert run.batches == -(-len(articles) // 3)
        assert content_snapshot(store) == reference
        again = ingest_on_dask(articles, store, client, batch_size=3)
        assert again.unchanged == len(articles) and again.new == 0


def test_a_worker_killed_mid_run_loses_nothing(client, articles, reference, tmp_path):
    killed: dict[str, object] = {}

    def kill_a_busy_worker(article, status) -> None:
        if killed:
            return
        busy = {w: keys for w, keys in client.processing().items() if keys}
        if not busy:
            return
        worker = sorted(busy)[0]
        pid = client.run(os.getpid, workers=[worker])[worker]
        killed.update(worker=worker, pid=pid, tasks=list(busy[worker]))
        os.kill(pid, signal.SIGKILL)

    with open_store(tmp_path / "killed.db") as store:
        summary = ingest_on_dask(articles, store, client, batch_size=1, on_done=kill_a_busy_worker)
        assert killed["tasks"], "the worker was killed while it had batches to parse"
        assert summary.ok and summary.new == len(articles) and summary.failed == 0
        assert content_snapshot(store) == reference
    # The nanny brought the worker back (with the pipeline plugin): the cluster is whole.
    client.wait_for_workers(2, timeout=120)
    assert killed["pid"] not in client.run(os.getpid).values()


def test_workers_write_straight_into_postgresql(client, articles, reference, tmp_path):
    if not PG:
        pytest.skip("QUOTETRACK_TEST_PG names no PostgreSQL server")
    name = f"qt_test_dask_{os.getpid()}_{next(_names)}"
    postgres.drop_and_create(PG, [name])
    try:
        with open_store(postgres.with_database(PG, name)) as store:
            summary = ingest_on_dask(articles, store, client, batch_size=2)
            assert summary.ok and summary.new == len(articles)
            got = content_snapshot(store)
            _, rows = store.run_sql("SELECT source_path FROM articles ORDER BY id")
        # Workers write concurrently, so quote ids differ; the contents do not.
        for part in ("articles", "outlets", "speakers", "aliases", "quotes"):
            assert got[part] == reference[part], part
        # Statements are grouped in commit order, which concurrent writers interleave: they
        # must equal a local ingest of the articles in the order the workers committed them.
        by_path = {a.source_path: a for a in articles}
        with open_store(tmp_path / "replay.db") as replay:
            assert ingest_articles([by_path[r[0]] for r in rows], replay).new == len(articles)
            assert got["statements"] == content_snapshot(replay)["statements"]
    finally:
        postgres.drop_databases(PG, [name])


def test_the_ingest_command_runs_on_a_dask_scheduler(client, tmp_path):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    db = tmp_path / "cli.db"
    address = client.scheduler.address  # the module's cluster, reached like a remote one
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "ingest", "--json", "--dask", address, str(SAMPLES)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert '"new": 5' in result.output
    bad = CliRunner().invoke(cli, ["--db", str(db), "ingest", "--dask", "local:0", str(SAMPLES)])
    assert bad.exit_code == 2 and "local:N" in bad.output
