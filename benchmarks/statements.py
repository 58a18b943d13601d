"""Scale benchmark of statement grouping: seconds and peak memory at 10k / 100k / 1M quotes.

    python benchmarks/statements.py                      # pure grouper at 10k and 100k quotes
    python benchmarks/statements.py --sizes 1000000      # one size
    python benchmarks/statements.py --db 1000000         # + database: regroup, then the
                                                         #   latency of ingesting one article
    python benchmarks/statements.py --sizes --db 1000000 --db-path big.db --warm 40
                                                         # keep the database; time 40 articles
                                                         #   after 40 untimed ones
    python benchmarks/statements.py --sizes --db 1000000 --db-path copy.db --regroup
                                                         # regroup a kept database again, timed

Quote sets are generated, not read: speakers with Zipf-like quote counts (s = 1.1), statements
spread over twelve months (each speaker has 30 topic words making up a tenth of the words
of all their statements, the rest drawn Zipf-like from 20,000 words), and for each statement a root wording plus variants a few days
apart (verbatim copies, trimmed and split parts, altered words, reported-speech paraphrases),
mixed with unrelated statements of the same speakers on shared topic words. Each size runs in
its own process so that the peak resident memory (ru_maxrss) belongs to that size alone.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrack.ingest import long_run_collector  # noqa: E402
from quotetrack.statements import QuoteRecord, group  # noqa: E402
from quotetrack.statements.text import STOPWORDS  # noqa: E402

START = dt.date(2024, 1, 1)
DAYS = 365
FUNCTION_WORDS = sorted(STOPWORDS)


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """Pseudo-words (content words), most frequent first."""
    # Enough syllables that, as in English, different words rarely share a 5-letter stem.
    syll = [
        "ka",
        "lo",
        "mi",
        "ter",
        "san",
        "vo",
        "del",
        "pra",
        "nu",
        "ges",
        "tor",
        "bri",
        "am",
        "ex",
        "pol",
        "ri",
        "cen",
        "dra",
        "fu",
        "win",
        "bo",
        "cha",
        "dun",
        "el",
        "fay",
        "gor",
        "hu",
        "ig",
        "jo",
        "kel",
        "lun",
        "mor",
        "nes",
        "ol",
        "pu",
        "quin",
        "ros",
        "sti",
        "tu",
        "ul",
        "vex",
        "wal",
        "yo",
        "zan",
        "ab",
        "ed",
        "ob",
        "ith",
    ]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """Deterministic realistic quote records (see the module docstring)."""

    def __init__(self, n_quotes: int, seed: int = 1, days: int = DAYS) -> None:
        self.rng = random.Random(seed)
        self.days = days
        self.vocab = vocabulary(self.rng)
        self.n = n_quotes
        self.n_speakers = max(50, n_quotes // 50)
        weights = [1 / (k**1.1) for k in range(1, self.n_speakers + 1)]
        self.speaker_cum = _cumulative(weights)
        self.word_cum = _cumulative([1 / (k**0.9) for k in range(1, len(self.vocab) + 1)])

    def sentence(self, n_words: int, topic: list[str]) -> list[str]:
        out = []
        for _ in range(n_words):
            r = self.rng.random()
            if r < 0.45:
                out.append(self.rng.choice(FUNCTION_WORDS))
            elif r < 0.55:
                out.append(self.rng.choice(topic))
            else:
                out.append(self.vocab[_pick(self.rng, self.word_cum)])
        return out

    def variant(self, words: list[str]) -> tuple[str, str]:
        """(type, text) of one rendering of a statement's words."""
        r = self.rng.random()
        n = len(words)
        if r < 0.25:
            return "direct", " ".join(words)
        if r < 0.55:  # trimmed or split part
            a = self.rng.randint(0, n // 2)
            b = self.rng.randint(a + max(4, n // 4), n)
            return "direct", " ".join(words[a:b])
        if r < 0.7:  # altered: one or two words changed
            w = list(words)
            for _ in range(self.rng.randint(1, 2)):
                w[self.rng.randrange(n)] = self.rng.choice(self.vocab)
            return "direct", " ".join(w)
        # reported speech: a subset of the content in another order, function words changed
        content = [x for x in words if x not in STOPWORDS] or list(words)
        keep = self.rng.sample(content, k=max(1, int(len(content) * 0.7)))
        filler = [self.rng.choice(FUNCTION_WORDS) for _ in range(len(keep) // 2)]
        mixed = keep + filler
        self.rng.shuffle(mixed)
        return "indirect", "that " + " ".join(mixed)

    def records(self) -> list[QuoteRecord]:
        """``n_quotes`` records in ingest order (by date, so ids follow publication)."""
        raw: list[tuple[dt.date, int, str, str, int]] = []
        topics: dict[int, list[str]] = {}
        while len(raw) < self.n:
            speaker = _pick(self.rng, self.speaker_cum) + 1
            topic = topics.setdefault(speaker, [self.rng.choice(self.vocab) for _ in range(30)])
            day = START + dt.timedelta(days=self.rng.randrange(self.days))
            words = self.sentence(self.rng.randint(12, 40), topic)
            n_variants = min(1 + int(self.rng.expovariate(1 / 1.5)), 12)
            for _ in range(n_variants):
                qtype, text = self.variant(words)
                d = day + dt.timedelta(days=min(int(self.rng.expovariate(1 / 1.5)), 10))
                raw.append((d, speaker, qtype, text, self.rng.randrange(200)))
        raw = raw[: self.n]
        raw.sort(key=lambda x: x[0])
        return [
            QuoteRecord(i, spk, "person", t, text, d, outlet, i // 10)
            for i, (d, spk, t, text, outlet) in enumerate(raw, start=1)
        ]


def _cumulative(weights: list[float]) -> list[float]:
    total = sum(weights)
    out, acc = [], 0.0
    for w in weights:
        acc += w / total
        out.append(acc)
    return out


def _pick(rng: random.Random, cum: list[float]) -> int:
    import bisect

    return min(bisect.bisect_left(cum, rng.random()), len(cum) - 1)


def peak_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_pure(n: int, days: int = DAYS) -> dict:
    """Generate ``n`` quotes and group them in memory. Out: figures as a dict."""
    t0 = time.perf_counter()
    recs = Generator(n, days=days).records()
    t_gen = time.perf_counter() - t0
    mem_data = peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    assignments = group(recs)
    t_group, cpu_group = time.perf_counter() - t0, time.process_time() - c0
    kinds: dict[str, int] = {}
    for a in assignments:
        kinds[a.variant_kind] = kinds.get(a.variant_kind, 0) + 1
    return {
        "quotes": n,
        "speakers": len({r.speaker_id for r in recs}),
        "statements": len({a.statement_key for a in assignments}),
        "generate_s": round(t_gen, 1),
        "group_s": round(t_group, 1),
        "group_cpu_s": round(cpu_group, 1),
        "quotes_per_s": round(n / t_group),
        "peak_mb": round(peak_mb()),
        "data_mb": round(mem_data),
        "kinds": kinds,
    }


def run_db(
    n: int,
    path: str,
    days: int = DAYS,
    warm: int = 0,
    again: bool = False,
    default_gc: bool = False,
) -> dict:
    """Fill a database with ``n`` generated quotes (bulk rows), regroup it, then time the
    store's real save path for new articles (whose quotes ``assign`` groups). A kept
    database is reused as it is, or regrouped once more first when ``again``."""
    from sqlalchemy import text

    from quotetrack import statements
    from quotetrack.attribute import identity
    from quotetrack.ingest import open_store

    recs = Generator(n, days=days).records()
    # What the timed articles need of the records; the rest is freed before the regroup.
    recent = recs[-50_000:]
    counts: dict[int, int] = {}
    for r in recs:
        counts[r.speaker_id] = counts.get(r.speaker_id, 0) + 1
    fresh = not os.path.exists(path)
    store = open_store(path)
    t0 = time.perf_counter()
    if not fresh:  # a kept database of the same size: reuse it
        del recs
        t_regroup, stats = None, None
        if again:
            gc.collect()
            t0 = time.perf_counter()
            with store.session(write=True) as s:
                stats = statements.regroup(s)
            t_regroup = time.perf_counter() - t0
        store.close()
        return _ingest_figures(n, path, recent, counts, 0.0, t_regroup, stats, warm, default_gc)
    with store.session(write=True) as s:
        conn = s.connection()
        n_speakers = max(r.speaker_id for r in recs)
        conn.execute(
            text("INSERT INTO outlets (id, name) VALUES (:id, :name)"),
            [{"id": i + 1, "name": f"Outlet {i}"} for i in range(200)],
        )
        conn.execute(
            text(
                "INSERT INTO speakers (id, name, name_key, surname_key, kind) "
                "VALUES (:id, :name, :key, :sur, 'person')"
            ),
            # Keyed as the store keys names, so that the timed articles' speakers
            # resolve to these rows.
            [
                {
                    "id": i,
                    "name": f"Speaker {i}",
                    "key": identity.name_key(f"Speaker {i}"),
                    "sur": identity.surname_key(f"Speaker {i}"),
                }
                for i in range(1, n_speakers + 1)
            ],
        )
        articles: dict[int, tuple] = {}
        for r in recs:
            articles.setdefault(r.article_id, (r.outlet_id, r.published))
        conn.execute(
            text(
                "INSERT INTO articles (id, outlet_id, published, content_hash, text, "
                "word_count, ingested_at, updated_at) VALUES (:id, :o, :p, :h, '', "
                "0, :now, :now)"
            ),
            [
                {"id": a + 1, "o": o + 1, "p": p, "h": f"h{a}", "now": dt.datetime.now()}
                for a, (o, p) in articles.items()
            ],
        )
        conn.execute(
            text(
                'INSERT INTO quotes (id, article_id, speaker_id, type, start, "end", '
                "text) VALUES (:id, :a, :s, :t, 0, 0, :x)"
            ),
            [
                {"id": r.id, "a": r.article_id + 1, "s": r.speaker_id, "t": r.type, "x": r.text}
                for r in recs
            ],
        )
    del recs, articles
    t_fill = time.perf_counter() - t0
    t0 = time.perf_counter()
    with store.session(write=True) as s:
        stats = statements.regroup(s)
    t_regroup = time.perf_counter() - t0
    store.close()
    return _ingest_figures(n, path, recent, counts, t_fill, t_regroup, stats, warm, default_gc)


ARTICLES = 40  # timed articles after a first, cold one


def _pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    return round(values[max(0, math.ceil(q * len(values)) - 1)], 1)


def _ingest_figures(
    n: int,
    path: str,
    recent: list[QuoteRecord],
    counts: dict[int, int],
    t_fill: float,
    t_regroup: float | None,
    stats: dict | None,
    warm: int = 0,
    default_gc: bool = False,
) -> dict:
    """Time the store's real save path for new articles on the filled database. Each article
    is dated on a day of the last weeks and repeats the wordings of 8 stored quotes of days
    around it, so its quotes must find their statements among their speakers' candidates: 3
    of the busiest speaker (the largest time windows), 3 picked among all those quotes
    (mostly busy speakers), 2 of speakers picked among all their speakers (mostly rarely
    quoted ones)."""
    from sqlalchemy import func, select

    from quotetrack.ingest import open_store
    from quotetrack.store.models import Quote as QuoteRow
    from quotetrack.store.models import Statement
    from quotetrack.types import Article, Quote

    store = open_store(path)
    # A reused database already holds earlier runs' articles: vary them.
    run = store.stats()["articles"]
    rng = random.Random(5 + run)
    with store.session() as s:
        last_statement = s.scalar(select(func.max(Statement.id)))
        last_quote = s.scalar(select(func.max(QuoteRow.id)))
    by_speaker: dict[int, list[QuoteRecord]] = {}
    for r in recent:
        by_speaker.setdefault(r.speaker_id, []).append(r)
    busiest = max(by_speaker, key=lambda s: len(by_speaker[s]))
    latencies, assign_ms = [], []
    # The store's grouping (quotetrack.ingest.StatementGrouping) calls the database layer's
    # assign by module attribute: time that one.
    from quotetrack.statements import db as statements_db

    real_assign = statements_db.assign

    def timed_assign(session, quote_ids, params=None):
        t = time.perf_counter()
        real_assign(session, quote_ids, params)
        assign_ms.append((time.perf_counter() - t) * 1000)

    statements_db.assign = timed_assign
    # No gc.freeze() here: it would leave the modules the first save imports as the only
    # long-lived objects, and the collector would then walk them in nearly every save
    # (twice the median latency), which no long-running ingest sees.
    gc.collect()
    collector = contextlib.nullcontext() if default_gc else long_run_collector()
    try:
        with collector:
            for k in range(warm + ARTICLES + 1):
                # An article of one day: its quotes are picked among those of days around it.
                day = rng.choice(by_speaker[busiest]).published
                near = [r for r in recent if abs((r.published - day).days) <= 2]
                near_by: dict[int, list[QuoteRecord]] = {}
                for r in near:
                    near_by.setdefault(r.speaker_id, []).append(r)
                picks = (
                    rng.sample(near_by[busiest], 3)
                    + rng.sample(near, 3)
                    + [rng.choice(near_by[rng.choice(sorted(near_by))]) for _ in range(2)]
                )
                body, quotes = [], []
                offset = 0
                for p in picks:
                    para = f'"{p.text}," Speaker {p.speaker_id} said.'
                    quotes.append(
                        Quote(
                            type=p.type,
                            start=offset + 1,
                            end=offset + 1 + len(p.text),
                            speaker=f"Speaker {p.speaker_id}",
                            speaker_kind="person",
                        )
                    )
                    body.append(para)
                    offset += len(para) + 2
                # A source path of its own: a new article, not a new version of an earlier
                # run's.
                art = Article(
                    text="\n\n".join(body),
                    outlet=f"Outlet {k}",
                    published=day,
                    source_path=f"new-{run}-{k}.txt",
                )
                t = time.perf_counter()
                store.save_article(art, quotes)
                latencies.append((time.perf_counter() - t) * 1000)
    finally:
        statements_db.assign = real_assign
    # The articles repeat stored wordings: most of their quotes must join stored statements
    # (which also shows that their speakers resolved to the stored speakers).
    with store.session() as s:
        new_quotes = s.scalar(select(func.count()).where(QuoteRow.id > last_quote))
        joined = s.scalar(
            select(func.count()).where(
                QuoteRow.id > last_quote, QuoteRow.statement_id <= last_statement
            )
        )
    store.close()
    # The first article pays for imports and cold caches: reported apart, and so are the
    # warm-up articles (--warm).
    first_save, first_assign = latencies.pop(0), assign_ms.pop(0)
    del latencies[:warm], assign_ms[:warm]
    latencies.sort()
    assign_ms.sort()
    return {
        "quotes": n,
        "fill_s": round(t_fill, 1),
        "regroup_s": round(t_regroup, 1) if t_regroup is not None else None,
        "regroup": stats,
        "first_save_ms": round(first_save, 1),
        "first_assign_ms": round(first_assign, 1),
        "busiest_quotes": counts[busiest],
        "new_quotes": new_quotes,
        "warm": warm,
        "joined_stored": joined,
        "save_article_ms_median": _pct(latencies, 0.5),
        "save_article_ms_p95": _pct(latencies, 0.95),
        "save_article_ms_max": round(latencies[-1], 1),
        "assign_ms_median": _pct(assign_ms, 0.5),
        "assign_ms_p95": _pct(assign_ms, 0.95),
        "assign_ms_max": round(assign_ms[-1], 1),
        "db_mb": round(os.path.getsize(path) / 1e6),
        "peak_mb": round(peak_mb()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[10_000, 100_000],
        help="numbers of quotes for the in-memory grouper (default 10k 100k; "
        "none with a bare --sizes)",
    )
    ap.add_argument(
        "--db",
        type=int,
        metavar="N",
        help="also build an N-quote database and time regroup and ingest",
    )
    ap.add_argument(
        "--db-path",
        metavar="FILE",
        help="keep the benchmark database here (reused by the next run of the same "
        "size: only the ingest latency is measured again)",
    )
    ap.add_argument(
        "--days",
        type=int,
        default=DAYS,
        help="days the quotes are spread over (default 365); fewer days make each "
        "speaker's time window as busy as in a larger collection",
    )
    ap.add_argument(
        "--warm",
        type=int,
        default=0,
        metavar="N",
        help="save N more articles before the timed ones: a long ingest keeps "
        "the wordings of recent windows cached, a fresh process has none",
    )
    ap.add_argument(
        "--regroup",
        action="store_true",
        help="with a kept --db-path database: regroup it again, timed, before the "
        "ingest latency (to compare code versions on copies of one database)",
    )
    ap.add_argument(
        "--default-gc",
        action="store_true",
        help="time the articles with CPython's default collector thresholds "
        "instead of those quotetrack ingest sets",
    )
    ap.add_argument("--child", choices=["pure", "db"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child == "pure":
        print(json.dumps(run_pure(args.sizes[0], args.days)))
        return 0
    if args.child == "db":
        if args.db_path:
            print(
                json.dumps(
                    run_db(
                        args.db, args.db_path, args.days, args.warm, args.regroup, args.default_gc
                    )
                )
            )
            return 0
        with tempfile.TemporaryDirectory() as tmp:
            print(
                json.dumps(
                    run_db(
                        args.db,
                        os.path.join(tmp, "bench.db"),
                        args.days,
                        args.warm,
                        default_gc=args.default_gc,
                    )
                )
            )
        return 0
    # Wall time depends on what else runs on the machine; CPU time is the grouper's own.
    print(
        f"{'quotes':>9} {'speakers':>8} {'statements':>10} {'wall s':>7} {'cpu s':>7} "
        f"{'quotes/s':>9} {'peak MB':>8}  variant kinds"
    )
    for n in args.sizes:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "pure",
                "--sizes",
                str(n),
                "--days",
                str(args.days),
            ],
            stdout=subprocess.PIPE,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout)
        print(
            f"{r['quotes']:>9} {r['speakers']:>8} {r['statements']:>10} {r['group_s']:>7} "
            f"{r['group_cpu_s']:>7} {r['quotes_per_s']:>9} {r['peak_mb']:>8}  "
            + ", ".join(f"{k} {v}" for k, v in sorted(r["kinds"].items()))
        )
    if args.db:
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "db",
            "--db",
            str(args.db),
            "--days",
            str(args.days),
            "--warm",
            str(args.warm),
        ]
        if args.db_path:
            cmd += ["--db-path", args.db_path]
        if args.regroup:
            cmd.append("--regroup")
        if args.default_gc:
            cmd.append("--default-gc")
        out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
        r = json.loads(out.stdout)
        if r["regroup"] is not None and not r["fill_s"]:
            print(
                f"\nkept database of {r['quotes']} quotes ({r['db_mb']} MB) regrouped again: "
                f"{r['regroup_s']} s ({r['regroup']['quotes']} quotes, "
                f"{r['regroup']['statements']} statements, {r['regroup']['kept']} kept), "
                f"peak {r['peak_mb']} MB"
            )
        elif r["regroup"] is not None:
            print(
                f"\ndatabase of {r['quotes']} quotes ({r['db_mb']} MB): bulk fill "
                f"{r['fill_s']} s, regroup {r['regroup_s']} s "
                f"({r['regroup']['statements']} statements), peak {r['peak_mb']} MB"
            )
        else:
            print(f"\nreused database of {r['quotes']} quotes ({r['db_mb']} MB)")
        print(
            f"ingest one article (8 quotes: 3 of the busiest speaker, who has "
            f"{r['busiest_quotes']} quotes) through Store.save_article, {ARTICLES} articles "
            f"after a first one ({r['first_save_ms']} ms, cold)"
            + (f" and {r['warm']} untimed ones" if r["warm"] else "")
            + (", default collector" if args.default_gc else "")
            + ": median "
            f"{r['save_article_ms_median']} ms, p95 {r['save_article_ms_p95']} ms, max "
            f"{r['save_article_ms_max']} ms; of which statements.assign: median "
            f"{r['assign_ms_median']} ms, p95 {r['assign_ms_p95']} ms, max "
            f"{r['assign_ms_max']} ms; {r['joined_stored']} of their {r['new_quotes']} "
            f"quotes joined a stored statement"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
