"""The package ships everything it needs to run from a plain (non-editable) install."""

from __future__ import annotations

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
    import quotetrack.migrations

    assert (Path(quotetrack.migrations.__file__).parent / "env.py").exists()


def test_spacy_finds_the_component_by_name(nlp):
    # Any spaCy user can add the detector by name once quotetrack is installed.
    assert "quotetrack" in nlp.pipe_names
    doc = nlp('"We will keep talking," the minister said.')
    assert isinstance(doc._.quotes, list)
