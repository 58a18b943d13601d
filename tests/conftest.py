"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The integrity check's memory of checked files (quotetrack.store.engine) stays out of the
# user's cache folder during tests.
os.environ.setdefault(
    "QUOTETRACK_CACHE_DIR",
    str(Path(os.environ.get("TMPDIR", "/tmp")) / f"quotetrack-test-cache-{os.getpid()}"),
)
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp():
    """quotetrack's pipeline (the installed model plus the ``quotetrack`` component)."""
    from quotetrack.nlp import load

    return load()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="module")
def pg_template(request):
    """A migrated PostgreSQL database for a module's tests to copy (skips without a server).

    The server is named by ``$QUOTETRACK_TEST_PG``; CI starts one, elsewhere these tests are
    reported as skipped.
    """
    url = os.environ.get("QUOTETRACK_TEST_PG")
    if not url:
        pytest.skip("QUOTETRACK_TEST_PG names no PostgreSQL server")
    from quotetrack.store import open_store, postgres

    name = f"qt_tpl_{request.module.__name__.rsplit('.', 1)[-1]}_{os.getpid()}"
    postgres.drop_and_create(url, [name])
    open_store(postgres.with_database(url, name)).close()
    yield name
    postgres.drop_databases(url, [name])
