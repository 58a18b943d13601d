#!/usr/bin/env python3
"""Error cases of a prediction file against gold, by category, for reading.

    python benchmarks/accuracy.py --webnews --no-speed --keep /tmp/pred.jsonl
    python benchmarks/errors.py GOLD.jsonl [GOLD2.jsonl ...] --pred /tmp/pred.jsonl [--only spurious]

Categories: ``spurious`` (a predicted quote matching no gold quote), ``missed`` (a gold quote
no prediction matches), ``speaker`` (matched, wrong speaker), ``span`` (matched by overlap
only, below the scorer's partial threshold). Each case prints the document id, the type, the
cue, the speaker and the span with some context. Matching is the shared scorer's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import EVAL, load_scorer  # noqa: E402


def context(text: str, start: int, end: int, width: int = 60) -> str:
    """The span in brackets with ``width`` characters either side, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return f"{left}[[{text[start:end]}]]{right}".replace("\n", "⏎")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--pred", type=Path, required=True)
    ap.add_argument("--only", choices=("spurious", "missed", "speaker", "span"))
    args = ap.parse_args(argv)
    scorer = load_scorer(EVAL)
    gold = [d for p in args.gold for d in scorer.load_jsonl(str(p))]
    preds = {d["id"]: d for d in scorer.load_jsonl(str(args.pred))}
    counts: dict[str, int] = {}
    for doc in gold:
        text = doc["text"]
        pq = preds.get(doc["id"], {"quotes": []})["quotes"]
        for q in doc["quotes"] + pq:
            q["_s"], q["_e"] = q["start"], q["end"]
        pairs = scorer.match_doc(text, doc["quotes"], pq, 0.5)
        seen_p, matched_g, out = set(), set(), []
        for pair in pairs:
            gi, pi = pair["gi"], pair["pi"]
            seen_p.add(pi)
            matched_g.add(gi)
            g, p = doc["quotes"][gi], pq[pi]
            if not pair["partial"]:
                out.append(("span", g, p))
            elif not pair["speaker_right"]:
                out.append(("speaker", g, p))
        out += [("missed", g, None) for i, g in enumerate(doc["quotes"]) if i not in matched_g]
        out += [("spurious", None, p) for i, p in enumerate(pq) if i not in seen_p]
        for cat, g, p in out:
            counts[cat] = counts.get(cat, 0) + 1
            if args.only and cat != args.only:
                continue
            print(f"== {cat} {doc['id']}")
            if g is not None:
                print(f"  gold {g['type']:8} cue={g.get('cue')!r} spk={g.get('speaker')!r}")
                print(f"       {context(text, g['start'], g['end'])}")
            if p is not None:
                spans = p.get("speaker_spans") or []
                ment = text[spans[0][0] : spans[0][1]] if spans else None
                print(
                    f"  pred {p['type']:8} cue={p.get('cue')!r} spk={p.get('speaker')!r} ({ment!r})"
                )
                print(f"       {context(text, p['start'], p['end'])}")
    print(counts, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
