"""The package ships everything it needs to run from a plain (non-editable) install."""

from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _declared() -> tuple[set[str], dict[str, str]]:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return set(cfg["packages"]), cfg.get("package-dir", {})


def test_every_package_directory_is_declared():
    packages, _ = _declared()
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "quotetrack").rglob("__init__.py")
    }
    on_disk |= {
        "quotetrack." + ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "migrations").rglob("__init__.py")
    }
    assert on_disk == packages


def test_migrations_ship_inside_the_package():
    _, package_dir = _declared()
    assert package_dir["quotetrack.migrations"] == "migrations"
    from quotetrack.store.engine import migrations_dir

    assert (migrations_dir() / "env.py").exists()
    # A wheel install records the migrations among its files. (`python -m pytest` in a
    # checkout imports the source tree, and finds the checkout's egg-info first, so every
    # installed copy is looked at, not just the first one found.)
    for dist in importlib.metadata.distributions(name="quotetrack"):
        record = dist.read_text("RECORD") or ""
        if "quotetrack/__init__.py" in record:  # a regular install, not an editable one
            assert "quotetrack/migrations/env.py" in record
            assert "quotetrack/migrations/versions/0001_core.py" in record


def test_spacy_finds_the_component_by_name(nlp):
    # Any spaCy user can add the detector by name once quotetrack is installed.
    assert "quotetrack" in nlp.pipe_names
    doc = nlp('"We will keep talking," the minister said.')
    assert isinstance(doc._.quotes, list)
