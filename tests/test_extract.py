"""extract(): one list of quotes per text, in input order, the same with several processes."""

from __future__ import annotations

import json

from quotetrack.extract import extract, to_eval_record
from quotetrack.types import Quote

TEXTS = [
    '"We will rebuild every home," Mayor Jane Doe said on Monday.',
    "Nothing anybody said here is in quotation marks or reported.",
    "",
    "According to the health ministry, more than 17,000 people have been killed.",
    'Kirby told reporters the talks would resume next week. "We hope so," he added.',
]


def test_one_list_per_text_in_input_order(nlp):
    results = list(extract(iter(TEXTS)))
    assert len(results) == len(TEXTS)
    assert [q.text(TEXTS[0]) for q in results[0]] == ["We will rebuild every home,"]
    assert results[2] == []
    assert [q.type for q in results[3]] == ["indirect"]
    assert [q.type for q in results[4]] == ["indirect", "direct"]
    assert all(isinstance(q, Quote) for qs in results for q in qs)


def test_several_processes_give_the_same_quotes_in_the_same_order(nlp):
    texts = TEXTS * 3
    assert list(extract(texts, jobs=2, batch_size=2)) == list(extract(texts))


def test_eval_record_follows_the_evaluation_format(nlp):
    text = TEXTS[0]
    quotes = next(extract([text]))
    rec = to_eval_record("doc-1", text, quotes)
    assert rec["id"] == "doc-1" and rec["text"] == text
    (q,) = rec["quotes"]
    assert q["type"] == "direct"
    assert text[q["start"] : q["end"]] == q["text"] == "We will rebuild every home,"
    assert q["cue"] == "said"
    assert all(text[s:e].endswith("Jane Doe") for s, e in q["speaker_spans"])
    json.dumps(rec)  # plain JSON, no custom objects


def test_worker_tasks_keep_every_text_once_in_order():
    from quotetrack.extract import _tasks

    for count in (0, 1, 5, 47, 48, 49, 84, 200):
        texts = [f"text {i}" for i in range(count)]
        tasks = list(_tasks(iter(texts), 16, 2))
        assert [t for task in tasks for t in task] == texts
        assert all(0 < len(task) <= 16 for task in tasks)


def test_worker_tasks_are_whole_batches_until_the_last_few():
    from quotetrack.extract import _tasks

    sizes = [len(task) for task in _tasks([str(i) for i in range(84)], 16, 2)]
    # 48 texts read ahead; the 36 left at the end go out as four tasks of nine
    assert sizes == [16, 16, 16, 9, 9, 9, 9]


def test_memory_tuning_leaves_extraction_unchanged(nlp):
    import platform

    from quotetrack.extract import tune_memory

    before = list(extract(TEXTS))
    tuned = tune_memory()
    assert tuned == (platform.system() == "Linux" and platform.libc_ver()[0] == "glibc")
    assert list(extract(TEXTS)) == before
