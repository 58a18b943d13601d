"""docs/api.md is a specification: its code blocks run, in order, against the samples."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"


def code_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_the_guide_has_examples_for_every_method():
    text = "\n".join(code_blocks())
    for method in (
        "ingest",
        "quotes",
        "speakers",
        "speaker",
        "statements",
        "statement",
        "search",
        "export",
        "sql",
        "regroup",
        "overview",
        "speaker_activity",
        "quote",
        "article",
        "outlets",
        "outlet",
        "live_statement_id",
    ):
        assert re.search(rf"qt\.{method}\(", text), method


def test_the_code_blocks_of_docs_api_md_run(tmp_path, monkeypatch, nlp):
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for i, block in enumerate(code_blocks(), start=1):
        try:
            exec(compile(block, f"docs/api.md block {i}", "exec"), namespace)
        except Exception as exc:  # say which block failed, with its code
            raise AssertionError(f"block {i} failed: {exc!r}\n{block}") from exc
