"""What researchers' corrections cost: saving articles, a full regroup and an undo, with and
without a correction log.

    python benchmarks/corrections.py                          # 1000 stored articles, 200 fixes
    python benchmarks/corrections.py --articles 3000 --fixes 1000 --timed 200

Articles are generated (five quotes each by speakers drawn from a pool, words drawn from a
generated vocabulary), stored through the real store, then: ``timed`` more articles are
saved and timed with an empty log; ``fixes`` fixes are made (quote types, reassigned quotes,
removed quotes, speaker merges and renames, statement detaches, in turn) on random quotes;
``timed`` more articles are saved and timed with that log; a regroup is timed before and
after the fixes; and one undo (which restores every machine value and replays the log) is
timed. Prints one JSON object of figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrack import corrections  # noqa: E402
from quotetrack.ingest import grouping_params, open_store, regroup  # noqa: E402
from quotetrack.types import Article, Quote  # noqa: E402

FIRST = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun"]
SAID: list[tuple[str, str]] = []  # (speaker, words) quoted so far
LAST = ["Arden", "Bauer", "Costa", "Dimas", "Egan", "Ferro", "Gale", "Hirsch", "Ilic", "Jonas"]


def make_article(rng: random.Random, n: int, words: list[str]) -> tuple[Article, list[Quote]]:
    """One generated article of five quotes, each in its own paragraph."""
    parts, quotes, offset = [], [], 0
    for _ in range(5):
        if SAID and rng.random() < 0.4:
            # Another outlet quoting what was said before: statements of several quotes.
            speaker, said = rng.choice(SAID)
        else:
            speaker = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            said = " ".join(rng.choice(words) for _ in range(rng.randint(8, 20)))
            SAID.append((speaker, said))
        para = f'"{said}," {speaker} said.'
        quotes.append(
            Quote(
                type="direct",
                start=offset + 1,
                end=offset + 1 + len(said),
                cue="said",
                speaker=speaker,
                speaker_kind="person",
                mention_start=offset + len(said) + 4,
                mention_end=offset + len(said) + 4 + len(speaker),
            )
        )
        parts.append(para)
        offset += len(para) + 2
    day = dt.date(2024, 1, 1) + dt.timedelta(days=n % 120)
    return Article(
        text="\n\n".join(parts),
        url=f"https://gen.example/{n}",
        outlet=f"Outlet {n % 7}",
        published=day,
    ), quotes


def save_timed(store, rng, start: int, count: int, words: list[str]) -> list[float]:
    """Milliseconds to save each of ``count`` new articles."""
    out = []
    for n in range(start, start + count):
        art, quotes = make_article(rng, n, words)
        t0 = time.perf_counter()
        store.save_article(art, quotes)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def make_fixes(store, rng: random.Random, count: int) -> None:
    """``count`` fixes of every kind in turn, on random quotes and speakers."""
    _, rows = store.run_sql("SELECT id FROM quotes")
    quote_ids = [r[0] for r in rows]
    _, rows = store.run_sql("SELECT id FROM speakers")
    speaker_ids = [r[0] for r in rows]
    _, rows = store.run_sql(
        "SELECT q.id FROM quotes q JOIN statements s ON s.id = q.statement_id WHERE s.n_quotes > 1"
    )
    shared = [r[0] for r in rows]
    params = grouping_params(store)
    done = tries = 0
    while done < count and tries < 20 * count:
        tries += 1
        kind = done % 6
        with store.session(write=True) as s:
            qid = rng.choice(quote_ids)
            try:
                if kind == 0:
                    corrections.set_quote_type(s, qid, "indirect", params=params)
                elif kind == 1:
                    corrections.reassign_quote(s, qid, rng.choice(speaker_ids), params=params)
                elif kind == 2:
                    corrections.not_a_quote(s, qid, params=params)
                    quote_ids.remove(qid)
                    if qid in shared:
                        shared.remove(qid)
                elif kind == 3:
                    a, b = rng.sample(speaker_ids, 2)
                    corrections.merge_speakers(s, a, [b], params=params)
                elif kind == 4:
                    corrections.rename_speaker(
                        s, rng.choice(speaker_ids), f"Renamed {done}", params=params
                    )
                else:
                    corrections.detach_quote(s, rng.choice(shared), params=params)
            except corrections.CorrectionError:
                continue  # e.g. a quote already alone in its statement: pick another
        done += 1


def regroup_seconds(store) -> float:
    t0 = time.perf_counter()
    regroup(store)
    return round(time.perf_counter() - t0, 2)


def summary(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=1000, help="articles stored first")
    p.add_argument("--fixes", type=int, default=200, help="fixes made")
    p.add_argument("--timed", type=int, default=100, help="articles timed before/after")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    words = sorted(
        {"".join(rng.choice("abcdefghijklmnoprstuw") for _ in range(6)) for _ in range(3000)}
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        for n in range(args.articles):
            store.save_article(*make_article(rng, n, words))
        n = args.articles
        before = save_timed(store, rng, n, args.timed, words)
        n += args.timed
        regroup_before = regroup_seconds(store)
        t0 = time.perf_counter()
        make_fixes(store, rng, args.fixes)
        fixing = time.perf_counter() - t0
        after = save_timed(store, rng, n, args.timed, words)
        regroup_after = regroup_seconds(store)
        t0 = time.perf_counter()
        with store.session(write=True) as s:
            corrections.undo(s, 1, params=grouping_params(store))
        undo_s = time.perf_counter() - t0
        _, rows = store.run_sql("SELECT count(*) FROM quotes")
        store.close()
    print(
        json.dumps(
            {
                "stored_articles": args.articles + 2 * args.timed,
                "quotes": rows[0][0],
                "fixes": args.fixes,
                "save_article_empty_log": summary(before),
                "save_article_with_log": summary(after),
                "fix_mean_ms": round(fixing / args.fixes * 1000, 1),
                "regroup_s_empty_log": regroup_before,
                "regroup_s_with_log": regroup_after,
                "undo_s": round(undo_s, 2),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
