"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp():
    """quotetrack's pipeline (the installed model plus the ``quotetrack`` component)."""
    from quotetrack.nlp import load

    return load()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
