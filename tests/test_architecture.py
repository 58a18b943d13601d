"""quotetrack's layers import one way (docs/architecture.md draws them).

The rule is checked on the source: every ``import`` of a quotetrack module, at the top of a
file or inside a function, must name a module of the same or an earlier layer, and the
modules may not import each other in a circle. Importing the persistence and service layers
must not load spaCy (a name lookup should not pay for the parser).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quotetrack"

# Earlier layers first; a module may import from its own layer or an earlier one.
LAYERS: list[tuple[str, list[str]]] = [
    ("types", ["types", "errors", "filters", "records", "writers", "lexicon"]),
    ("read, identity", ["read", "attribute.identity", "attribute.gender"]),
    (
        "detect, attribute (spaCy stages)",
        ["detect", "attribute", "pipeline", "nlp", "extract"],
    ),
    ("store (persistence)", ["store"]),
    ("statements, corrections", ["statements", "corrections"]),
    ("ingest service", ["ingest", "distributed", "sources"]),
    ("API", ["api"]),
    (
        "CLI, report, web view",
        ["cli", "cli_sources", "commands_fix", "report", "web", "__main__", "__init__"],
    ),
]


def layer_of(module: str) -> int:
    """The layer of ``quotetrack.<module>``: the longest matching prefix decides."""
    best, best_len = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best_len:
                best, best_len = i, len(p)
    assert best >= 0, f"quotetrack.{module} is in no layer: add it to LAYERS"
    return best


def modules() -> dict[str, Path]:
    """quotetrack's modules by dotted name relative to the package (``store.store``)."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path) -> set[str]:
    """The quotetrack modules ``name`` imports (relative imports resolved)."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package and name != "__init__" else name.split(".")[:-1]
    if name == "__init__":
        here = []
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("quotetrack."):
                    found.add(alias.name.removeprefix("quotetrack."))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else list(here)
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and (
                node.module == "quotetrack" or node.module.startswith("quotetrack.")
            ):
                target = node.module.removeprefix("quotetrack").lstrip(".")
            else:
                continue
            # ``from quotetrack.store import export`` may name a submodule.
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                found.add(sub if sub in ALL else target)
    return {m for m in found if m}


ALL = modules()


def test_every_module_imports_only_its_own_or_earlier_layers():
    wrong = []
    for name, path in sorted(ALL.items()):
        for target in sorted(imports(name, path)):
            if target not in ALL and target.split(".")[0] not in ALL:
                continue
            if layer_of(target) > layer_of(name):
                wrong.append(
                    f"quotetrack.{name} ({LAYERS[layer_of(name)][0]}) imports "
                    f"quotetrack.{target} ({LAYERS[layer_of(target)][0]})"
                )
    assert not wrong, "\n".join(wrong)


def test_no_modules_import_each_other_in_a_circle():
    graph = {
        name: {t for t in imports(name, path) if t in ALL and t != name}
        for name, path in ALL.items()
    }
    # A package's __init__ importing its own submodules is how packages work, not a circle.
    for name in graph:
        graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_the_layer_list_knows_every_module():
    for name in ALL:
        layer_of(name)


@pytest.mark.parametrize(
    "module",
    ["quotetrack", "quotetrack.store", "quotetrack.attribute.identity", "quotetrack.ingest"],
)
def test_persistence_and_services_import_without_spacy(module):
    code = f"import sys, {module}; print('spacy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False", f"importing {module} loads spaCy"


def test_a_layer_that_imports_a_later_one_is_caught(tmp_path):
    # The checker itself: a store module reaching up into the statements layer is reported.
    fake = tmp_path / "bad.py"
    fake.write_text("from quotetrack.statements import db\n")
    assert "statements.db" in imports("store.bad", fake)
    assert layer_of("statements.db") > layer_of("store.bad")
