#!/usr/bin/env python3
"""Detector quality and speed on a quote-attribution evaluation split.

Runs quotetrack's extractor over the documents of a split (default: PolNeAR test), writes
the predictions to a temporary JSON Lines file, scores them with the shared ``score.py``
(partial match) and prints its table plus one summary line per target. Then it prints the
extraction speed in words per second beside plain spaCy ``nlp.pipe`` with the model's full
stock pipeline (every component, one process) over the same texts, and their ratio, and,
when textacy is installed, textacy's direct-quotation extractor on that same pipeline.

    python benchmarks/accuracy.py                 # PolNeAR test
    python benchmarks/accuracy.py --split dev     # PolNeAR dev
    python benchmarks/accuracy.py --data other.jsonl --jobs 1 --no-speed
    python benchmarks/accuracy.py --webnews --no-speed   # both webnews parts and their union
    python benchmarks/accuracy.py --no-speed --detect noun_objects=true   # PolNeAR's policy

The evaluation data is read from ``$QUOTETRACK_EVAL``, else from ../shared/eval relative to
the repository; when neither is present the script says so and exits with status 0. ``--webnews`` scores each part of the webnews development set on
its own, then all pages of both parts as one set (the combined table).

``--detect NAME=VALUE`` (repeatable) runs the detector with one of its settings changed
(:class:`quotetrack.detect.settings.DetectSettings`; ``true``/``false`` or a number), in one
process. quotetrack's own policy stores a bare noun phrase after a verb of saying ("announced
the date") as no report; PolNeAR's annotators marked such objects as attributions, so
``--detect noun_objects=true`` scores the detector the way that gold counts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def eval_dir() -> Path:
    """Where the shared evaluation data lives: ``$QUOTETRACK_EVAL``, else ../shared/eval
    beside the repository."""
    candidates = [ROOT.parent / "shared" / "eval"]
    if os.environ.get("QUOTETRACK_EVAL"):
        candidates.insert(0, Path(os.environ["QUOTETRACK_EVAL"]))
    for path in candidates:
        if (path / "score.py").exists():
            return path.resolve()
    return candidates[0]


EVAL = eval_dir()
WEBNEWS_PARTS = ("dev_a.jsonl", "dev_b.jsonl")


def load_scorer(eval_dir: Path):
    """Import the shared ``score.py`` as a module."""
    spec = importlib.util.spec_from_file_location("quotetrack_eval_score", eval_dir / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_extraction(
    docs: list[dict], model: str | None, jobs: int
) -> tuple[list[dict], float, float]:
    """Predictions (one eval record per document), wall seconds and CPU seconds taken."""
    from quotetrack.extract import extract, to_eval_record
    from quotetrack.nlp import load

    load(model)  # load outside the timed part, like the baseline below
    cpu, start = cpu_seconds(), time.perf_counter()
    found = list(extract((d["text"] for d in docs), model=model, jobs=jobs))
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    preds = [to_eval_record(d["id"], d["text"], quotes) for d, quotes in zip(docs, found)]
    return preds, seconds, cpu


def load_baseline(model: str | None):
    """The model's full stock pipeline (every component), as plain spaCy loads it."""
    import spacy

    from quotetrack.nlp import choose_model

    return spacy.load(choose_model(model))


def use_detect_settings(model: str | None, assignments: list[str]) -> None:
    """Change the detector settings of the pipeline quotetrack's extraction loads in this
    process. In: the model name and ``NAME=VALUE`` strings. Raises ValueError on an unknown
    setting or a value of the wrong kind."""
    import dataclasses

    from quotetrack.detect.settings import DetectSettings
    from quotetrack.nlp import load

    component = load(model).get_pipe("quotetrack")
    current = dataclasses.asdict(component.detect_settings)
    for item in assignments:
        name, sep, raw = item.partition("=")
        if not sep or name not in current:
            known = ", ".join(sorted(current))
            raise ValueError(f"--detect {item!r}: give NAME=VALUE with NAME one of {known}")
        kind = type(current[name])
        if kind is bool:
            if raw.lower() not in ("true", "false"):
                raise ValueError(f"--detect {item!r}: {name} is true or false")
            current[name] = raw.lower() == "true"
        else:
            try:
                current[name] = kind(raw)
            except ValueError:
                raise ValueError(f"--detect {item!r}: {name} is a {kind.__name__}") from None
    component.detect_settings = DetectSettings(**current)


def run_baseline(nlp, texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds plain spaCy ``nlp.pipe`` takes over ``texts`` in one process."""
    cpu, start = cpu_seconds(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start, cpu_seconds() - cpu


def load_textacy():
    """textacy's direct-quotation extractor, or ``None`` when textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    return direct_quotations


def _textacy_version() -> str:
    from importlib.metadata import version

    return version("textacy")


def run_textacy(nlp, texts: list[str], direct_quotations) -> tuple[float, float]:
    """Wall and CPU seconds textacy takes to find the direct quotations of ``texts``: the
    model's full stock pipeline (textacy reads the lemmas) and then
    ``textacy.extract.triples.direct_quotations`` on each doc, in one process."""
    cpu, start = cpu_seconds(), time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16):
        try:
            for _ in direct_quotations(doc):
                pass
        except ValueError:
            pass  # textacy gives up on a document with an odd number of quotation marks
    return time.perf_counter() - start, cpu_seconds() - cpu


def time_extraction(texts: list[str], model: str | None, jobs: int) -> tuple[float, float]:
    """Wall and CPU seconds quotetrack's extraction takes over ``texts`` (pipeline loaded)."""
    from quotetrack.extract import extract

    cpu, start = cpu_seconds(), time.perf_counter()
    for _ in extract(texts, model=model, jobs=jobs):
        pass
    return time.perf_counter() - start, cpu_seconds() - cpu


def summary_line(res: dict) -> str:
    """One line with the quality targets: direct F1 + speaker, mixed, indirect F1 + P, e2e."""
    bt = res["by_type"]

    def f1(t: str) -> str:
        entry = bt.get(t)
        if not entry or entry["partial"]["f1"] is None:
            return "  -  "
        return f"{100 * entry['partial']['f1']:.1f}"

    spk = bt.get("direct", {}).get("speaker_accuracy")
    spk_s = f"{100 * spk:.1f}" if spk is not None else "-"
    ind_p = bt.get("indirect", {}).get("partial", {}).get("precision")
    ind_p_s = f"{100 * ind_p:.1f}" if ind_p is not None else "-"
    return (
        f"SUMMARY direct F1 {f1('direct')} (speaker {spk_s}) | mixed F1 {f1('mixed')} | "
        f"indirect F1 {f1('indirect')} (P {ind_p_s}) | "
        f"end-to-end F1 {100 * res['end_to_end']['f1']:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="test", help="PolNeAR split: test (default) or dev")
    ap.add_argument("--data", type=Path, help="another evaluation file (overrides --split)")
    ap.add_argument(
        "--webnews",
        action="store_true",
        help="the webnews development set: both parts, then combined (overrides --data)",
    )
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: quotetrack's choice)")
    ap.add_argument("--jobs", type=int, default=2, help="extraction processes (default 2)")
    ap.add_argument("--no-speed", action="store_true", help="skip the plain spaCy baseline")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="speed runs of each pipeline; the best counts (default 3)",
    )
    ap.add_argument("--keep", type=Path, help="also write the predictions to this file")
    ap.add_argument(
        "--detect",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="change one detector setting (repeatable; runs in one process)",
    )
    args = ap.parse_args(argv)
    if args.detect:
        try:
            use_detect_settings(args.model, args.detect)
        except ValueError as exc:
            ap.error(str(exc))
        args.jobs = 1  # the changed pipeline lives in this process

    if not (EVAL / "score.py").exists():
        print(f"evaluation data not found at {EVAL}; skipping")
        return 0
    if args.webnews:
        parts = [EVAL / "webnews" / name for name in WEBNEWS_PARTS]
    else:
        parts = [args.data or EVAL / "polnear" / f"{args.split}.jsonl"]
    missing = [p for p in parts if not p.exists()]
    if missing:
        print(f"{missing[0]} not found; skipping")
        return 0
    scorer = load_scorer(EVAL)
    golds = [scorer.load_jsonl(str(p)) for p in parts]
    gold = [d for part in golds for d in part]
    texts = [d["text"] for d in gold]
    words = sum(len(t.split()) for t in texts)

    load_start = os.getloadavg()
    preds, seconds, cpu = run_extraction(gold, args.model, args.jobs)
    if args.keep:
        with args.keep.open("w", encoding="utf-8") as fh:
            for rec in preds:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    by_id = {rec["id"]: rec for rec in preds}
    # each part on its own, then (with several parts) all documents as one set
    sets = [(str(p), g) for p, g in zip(parts, golds)]
    if len(parts) > 1:
        sets.append((" + ".join(p.name for p in parts) + " (combined)", gold))
    for label, docs in sets:
        res = scorer.score(docs, [by_id[d["id"]] for d in docs])
        doc_words = sum(len(d["text"].split()) for d in docs)
        print(f"{label}  ({len(docs)} documents, {doc_words} words)")
        print(scorer.render(res))
        print()
        print(summary_line(res))
        print()

    procs = f"{args.jobs} process{'es' if args.jobs > 1 else ''}"
    if args.no_speed:
        print(f"SPEED quotetrack extraction ({procs}): {words / seconds:,.0f} words/s")
    else:
        # The machine is shared: alternate the two runs and keep each one's best of
        # --repeat runs, so a burst of someone else's work does not decide the ratio.
        baseline = load_baseline(args.model)
        textacy_quotes = load_textacy()
        qt_runs, base_runs, tx_runs = [(seconds, cpu)], [], []
        for r in range(args.repeat):
            base_runs.append(run_baseline(baseline, texts))
            if textacy_quotes is not None:
                tx_runs.append(run_textacy(baseline, texts, textacy_quotes))
            if r:
                qt_runs.append(time_extraction(texts, args.model, args.jobs))
        qt_wps = words / min(w for w, _ in qt_runs)
        base_wps = words / min(w for w, _ in base_runs)
        ratios = sorted(b[0] / q[0] for q, b in zip(qt_runs, base_runs))
        print(
            f"SPEED quotetrack extraction ({procs}): {qt_wps:,.0f} words/s | "
            f"plain spaCy full pipeline {baseline.pipe_names} (1 process): "
            f"{base_wps:,.0f} words/s | ratio {qt_wps / base_wps:.2f}x "
            f"(best of {len(qt_runs)} runs each; paired ratios "
            f"{', '.join(f'{r:.2f}' for r in ratios)})"
        )
        if tx_runs:
            tx_wps = words / min(w for w, _ in tx_runs)
            print(
                f"SPEED textacy {_textacy_version()} direct_quotations on the same pipeline "
                f"(1 process): {tx_wps:,.0f} words/s | quotetrack / textacy "
                f"{qt_wps / tx_wps:.2f}x | per CPU-second {words / min(c for _, c in tx_runs):,.0f}"
                f" words ({min(c for _, c in tx_runs) / min(c for _, c in qt_runs):.2f}x per core)"
            )
        else:
            print("SPEED textacy: not installed (pip install textacy) - comparison skipped")
        # CPU time is what the work costs whatever else runs on the machine; with every
        # core free, wall-clock speed follows it (times the cores the workers can use).
        qt_cpu = min(c for _, c in qt_runs)
        base_cpu = min(c for _, c in base_runs)
        print(
            f"CPU quotetrack extraction: {words / qt_cpu:,.0f} words per CPU-second | "
            f"plain spaCy full pipeline: {words / base_cpu:,.0f} words per CPU-second | "
            f"ratio {base_cpu / qt_cpu:.2f}x per core"
        )
        # Wall-clock figures only mean something on an otherwise idle machine.
        print(
            f"LOAD average at the start {load_start[0]:.2f}, at the end {os.getloadavg()[0]:.2f} "
            f"({os.cpu_count()} CPUs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
