"""Statements, pure core: how quotes are grouped into statements and how variants are named.

Every snippet here is written for these tests; speakers are small integers, dates are real.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import random

from quotetrack.statements import QuoteRecord, classify, diff_words, group
from quotetrack.statements.grouping import Grouper, continuations
from quotetrack.statements.text import frame, head_length, quoted_fragments, words_with_gaps

BLINKEN, KIRBY, OFFICIAL = 1, 2, 3
D = dt.date(2023, 12, 7)

ROOT = (
    "We will keep pressing Israel to protect civilians, and there is still a gap between "
    "the intent to protect them and the results we see on the ground."
)


def rec(
    qid: int,
    text: str,
    *,
    speaker: int = BLINKEN,
    kind: str = "person",
    type_: str = "direct",
    day: dt.date | None = D,
    article: int | None = None,
    outlet: int | None = None,
    continues: int | None = None,
) -> QuoteRecord:
    return QuoteRecord(
        qid, speaker, kind, type_, text, day, outlet or qid, article or qid, continues
    )


def groups(records: list[QuoteRecord]) -> dict[int, int]:
    """quote id -> statement key."""
    return {a.quote_id: a.statement_key for a in group(records)}


def kinds(records: list[QuoteRecord]) -> dict[int, str]:
    return {a.quote_id: a.variant_kind for a in group(records)}


# -- variant kinds --------------------------------------------------------------------------


def test_same_words_in_other_typography_are_verbatim():
    variant = ROOT.upper().replace(",", "").replace(".", "!")
    assert classify("direct", ROOT, "direct", variant)[0] == "verbatim"
    assert (
        classify("direct", "“Don’t go,” he said", "direct", '"don\'t go," he said')[0] == "verbatim"
    )


def test_a_shorter_quote_with_an_ellipsis_is_trimmed():
    kind, detail, sim = classify(
        "direct",
        ROOT,
        "direct",
        "We will keep pressing Israel … there is still a gap between the intent to protect "
        "them and the results",
    )
    assert kind == "trimmed"
    assert sim == 1.0
    assert detail["kept"] < detail["root_words"]


def test_a_contiguous_part_is_trimmed():
    assert (
        classify(
            "direct",
            ROOT,
            "direct",
            "there is still a gap between the intent to "
            "protect them and the results we see on the ground",
        )[0]
        == "trimmed"
    )


def test_words_dropped_silently_inside_the_marks_make_an_altered_quote():
    kind, detail, _ = classify(
        "direct",
        ROOT,
        "direct",
        "We will keep pressing Israel to protect civilians, and there is "
        "a gap between the intent and the results we see on the ground.",
    )
    assert kind == "altered"
    assert {"root": "still", "variant": ""} in detail["changes"]
    assert {"root": "to protect them", "variant": ""} in detail["changes"]


def test_a_changed_word_is_recorded_as_altered():
    kind, detail, sim = classify(
        "direct", ROOT, "direct", "We will keep urging Israel to protect civilians"
    )
    assert kind == "altered"
    assert detail == {"changes": [{"root": "pressing", "variant": "urging"}]}
    assert 0.6 <= sim < 1.0


def test_reported_speech_is_a_paraphrase():
    kind, detail, sim = classify(
        "direct",
        ROOT,
        "indirect",
        "a gap remained between Israel's intent to protect civilians and the results on the ground",
    )
    assert kind == "paraphrase"
    assert 0.0 < sim <= 1.0


def test_mixed_quote_with_faithful_fragments():
    # The reporter adds only "that": the quoted words carry the statement.
    assert (
        classify("direct", ROOT, "mixed", 'that "there is still a gap between the intent"')[0]
        == "trimmed"
    )
    # Real reported speech around a faithful fragment is a paraphrase.
    kind, detail, _ = classify(
        "direct",
        ROOT,
        "mixed",
        'Israel must do more, since there remained "a gap between the '
        'intent to protect them and the results"',
    )
    assert kind == "paraphrase" and detail == {"quoted_words_verbatim": True}


def test_mixed_quote_with_a_changed_fragment_is_altered():
    kind, detail, _ = classify(
        "direct", ROOT, "mixed", 'there remained "a big gap between the intent to protect them"'
    )
    assert kind == "altered"
    assert detail["changes"] == [{"root": "", "variant": "big"}]


def test_editorial_brackets_and_ellipses_do_not_count_as_words():
    tokens, gaps = words_with_gaps("[Israel] must act ... now")
    assert tokens == ("must", "act", "now")
    assert gaps == frozenset({2})


def test_quoted_words_are_read_inside_double_or_headline_single_marks():
    assert quoted_fragments("that it was “unhinged, even for him.”") == ["unhinged, even for him."]
    assert quoted_fragments("Obamacare ‘crazy system’ during campaign stop") == ["crazy system"]
    assert quoted_fragments("‘We’re not going to win’, he says") == [
        "We’re not going to win".replace("’", "'")
    ]
    # Apostrophes are not marks; single marks inside double ones are nested quotes.
    assert quoted_fragments("Clinton's aides say it's the voters' choice") == []
    assert quoted_fragments("he said \"they call it 'fake' news\"") == ["they call it 'fake' news"]
    # A raw HTML page carries its marks as entities.
    assert quoted_fragments("she called it &#8220;a safe port&#8221; on Monday") == ["a safe port"]


def test_a_wordings_first_sentence_is_measured_in_quoted_words():
    assert head_length("We rebuild. Nobody will be left alone.", True) == 0  # two words
    assert head_length("We will rebuild it. Nobody will be left alone.", True) == 4
    assert head_length("Yes. We will rebuild it. Nobody will be left alone.", True) == 5
    assert head_length("the wall, he said, will be rebuilt before winter", True) == 0
    # Only the words inside the marks count in a mixed quote.
    assert head_length('she said "we will rebuild it. Nobody is alone" today', False) == 4


def test_diff_words_marks_deleted_and_inserted_words():
    ops = diff_words("We must protect civilians now.", "We should protect “civilians” now")
    assert [op["op"] for op in ops] == ["equal", "replace", "equal"]
    assert ops[1] == {"op": "replace", "root": "must", "variant": "should"}
    assert (
        ops[2]["root"] == "protect civilians now."
        and ops[2]["variant"] == "protect “civilians” now"
    )
    assert diff_words("a b c", "a b c d")[-1] == {"op": "insert", "root": "", "variant": "d"}


# -- grouping ------------------------------------------------------------------------------


def test_trimmed_altered_and_paraphrased_copies_join_the_root():
    recs = [
        rec(1, ROOT),
        rec(
            2,
            "there is still a gap between the intent to protect them and the results",
            day=D + dt.timedelta(days=1),
        ),
        rec(
            3,
            "We will keep urging Israel to protect civilians, and there is still a gap "
            "between the intent to protect them and the results",
            day=D,
        ),
        rec(
            4,
            "there is still a gap between Israel's intent to protect civilians and the "
            "results it sees on the ground",
            type_="indirect",
            day=D,
        ),
    ]
    g = groups(recs)
    assert g == {1: 1, 2: 1, 3: 1, 4: 1}
    assert kinds(recs) == {1: "root", 2: "trimmed", 3: "altered", 4: "paraphrase"}


def test_the_fullest_wording_becomes_the_root_whatever_the_order():
    part = "there is still a gap between the intent to protect them and the results"
    assigned = {a.quote_id: a for a in group([rec(1, part), rec(2, ROOT)])}
    assert assigned[1].statement_key == assigned[2].statement_key == 1  # key: first quote
    assert assigned[2].variant_kind == "root"
    assert assigned[1].variant_kind == "trimmed"


def test_different_speakers_never_share_a_statement():
    g = groups([rec(1, ROOT, speaker=BLINKEN), rec(2, ROOT, speaker=KIRBY)])
    assert g[1] != g[2]


def test_quotes_without_a_speaker_stay_alone():
    recs = [
        QuoteRecord(1, None, None, "direct", ROOT, D),
        QuoteRecord(2, None, None, "direct", ROOT, D),
    ]
    assert len(set(groups(recs).values())) == 2


def test_anonymous_sources_group_only_near_verbatim_wordings():
    near = ROOT.replace("We will", "We'll")
    trimmed = "there is still a gap between the intent to protect them and the results"
    recs = [
        rec(1, ROOT, speaker=OFFICIAL, kind="anonymous"),
        rec(2, near, speaker=OFFICIAL, kind="anonymous"),
        rec(3, trimmed, speaker=OFFICIAL, kind="anonymous"),
        rec(
            4,
            "a gap between Israel's intent to protect civilians and the results on the "
            "ground remains",
            speaker=OFFICIAL,
            kind="anonymous",
            type_="indirect",
        ),
    ]
    g = groups(recs)
    assert g[2] == g[1]
    assert g[3] != g[1] and g[4] != g[1]
    # The same trimmed quote from a named speaker would have joined.
    named = groups([rec(1, ROOT), rec(3, trimmed)])
    assert named[3] == named[1]


def test_same_speaker_months_apart_on_the_same_topic_are_two_statements():
    later = (
        "We keep pressing Israel to protect civilians, because the gap between its intent "
        "and the results on the ground is still there."
    )
    g = groups(
        [
            rec(1, ROOT, day=dt.date(2023, 12, 7)),
            rec(2, later, day=dt.date(2024, 3, 20)),
            rec(3, ROOT, day=dt.date(2024, 3, 21)),
        ]
    )
    assert g[2] != g[1]
    assert g[3] != g[1]  # even the same words, quoted months later, start a new statement


def test_same_speaker_same_day_on_another_subject_is_another_statement():
    g = groups(
        [rec(1, ROOT), rec(2, "Hostages must come home and aid must flow into Gaza without delay.")]
    )
    assert g[1] != g[2]


def test_very_short_quotes_do_not_join_by_containment():
    # "to move on" appears inside the root but says nothing on its own.
    g = groups(
        [
            rec(1, "It is time for all of us to move on and rebuild the region."),
            rec(2, "to move on"),
        ]
    )
    assert g[1] != g[2]
    # A short quote with a content word, found whole in the root, does join.
    g = groups(
        [rec(1, "That makes me smart, and I will not apologise."), rec(2, "That makes me smart.")]
    )
    assert g[1] == g[2]


def test_a_quote_split_around_its_attribution_is_one_statement():
    text = (
        '"We will keep pressing Israel," Blinken said. "The gap between intent and results '
        'is still there."'
    )
    a, b = "We will keep pressing Israel,", "The gap between intent and results is still there."
    cont = continuations(
        text,
        [
            (1, BLINKEN, "direct", text.index(a), text.index(a) + len(a)),
            (2, BLINKEN, "direct", text.index(b), text.index(b) + len(b)),
        ],
    )
    assert cont == {2: 1}
    assigned = {
        x.quote_id: x for x in group([rec(1, a, article=9), rec(2, b, article=9, continues=1)])
    }
    assert assigned[1].statement_key == assigned[2].statement_key
    assert assigned[2].variant_kind == "root"  # the longer part
    assert assigned[1].variant_kind == "trimmed"
    assert assigned[1].detail["split_part"] is True
    # A new paragraph is a new utterance, not a split quote.
    text2 = '"We will keep pressing Israel," Blinken said.\n"The gap is still there."'
    assert (
        continuations(
            text2,
            [
                (1, BLINKEN, "direct", 1, 30),
                (2, BLINKEN, "direct", text2.index("The"), len(text2) - 1),
            ],
        )
        == {}
    )


def _parts(text: str, *quotes: str) -> list[tuple[int, int, str, int, int]]:
    return [
        (i, BLINKEN, "direct", text.index(q), text.index(q) + len(q))
        for i, q in enumerate(quotes, start=1)
    ]


def test_a_long_attribution_still_joins_a_quote_that_runs_on():
    a, b = "We will keep pressing Israel,", "The gap between intent and results is still there."
    # The first part ends in a comma: the sentence goes on through a long attribution.
    text = (
        f'"{a}" Blinken told reporters in Tel Aviv on Thursday after meeting Prime Minister '
        f'Benjamin Netanyahu and members of the war cabinet for several hours. "{b}"'
    )
    assert len(text) - len(a) - len(b) > 80
    assert continuations(text, _parts(text, a, b)) == {2: 1}
    # A sentence of the writer's own between the parts makes them two utterances.
    text = (
        f'"{a}" Blinken said after meeting Prime Minister Benjamin Netanyahu in Tel Aviv. He '
        f'did not mention any conditions on further aid. "{b}"'
    )
    assert continuations(text, _parts(text, a, b)) == {}
    # So does a first part that ends its sentence, whatever follows.
    a2 = "We will keep pressing Israel."
    text = (
        f'"{a2}" Blinken was similarly firm when he was asked about aid to Gaza at the '
        f'briefing in Tel Aviv, saying, "{b}"'
    )
    assert continuations(text, _parts(text, a2, b)) == {}


def test_a_headline_restating_the_quote_joins_it_in_the_same_article():
    headline = "Blinken says gap remains between Israel's intent to protect civilians and results"
    g = groups([rec(1, headline, type_="indirect", article=5), rec(2, ROOT, article=5)])
    assert g[1] == g[2]


def test_a_lead_quoting_one_word_of_the_speaker_joins_the_full_quote_in_its_article():
    lead = "that he was “troubled” by the shooting in the city"
    full = "I don’t know what she was thinking, but I’m very, very troubled by that."
    g = groups([rec(1, lead, type_="mixed", article=5), rec(2, full, article=5)])
    assert g[1] == g[2]
    # One word in common proves nothing across articles: another article, another statement.
    g = groups([rec(1, lead, type_="mixed", article=5), rec(2, full, article=6)])
    assert g[1] != g[2]
    # Nor does a function word inside the marks, even in one article.
    g = groups(
        [
            rec(1, "that it was “all” over", type_="mixed", article=5),
            rec(2, "We gave it all we had, and the voters decided.", article=5),
        ]
    )
    assert g[1] != g[2]


def test_a_headline_in_single_marks_joins_the_quote_it_cites():
    g = groups(
        [
            rec(1, "Climate trends are ‘terrifying’, president says", type_="indirect", article=5),
            rec(2, "And they’re terrifying.", article=5),
        ]
    )
    assert g[1] == g[2]


def test_a_split_quote_is_matched_by_all_its_parts():
    # The first part alone shares nothing with the headline; the second part does.
    headline = rec(1, "The Trends Are 'Terrifying'", type_="indirect", article=5)
    first = rec(
        2, "My science adviser brings me a chart or a graph in the morning meetings,", article=5
    )
    second = rec(3, "and they're terrifying.", article=5, continues=2)
    g = groups([headline, first, second])
    assert g[1] == g[2] == g[3]
    # Without the link between the parts, the first part stands alone.
    g = groups([headline, first, dataclasses.replace(second, continues=None)])
    assert g[2] != g[1] == g[3]


def test_grouping_is_deterministic_and_independent_of_input_order():
    recs = [
        rec(1, ROOT),
        rec(2, "there is still a gap between the intent to protect them"),
        rec(3, "Hostages must come home."),
        rec(4, ROOT, speaker=KIRBY),
        rec(5, "We will keep urging Israel to protect civilians", day=D),
    ]
    first = group(recs)
    shuffled = recs[:]
    random.Random(7).shuffle(shuffled)
    assert group(shuffled) == first
    assert group(recs) == first


def test_incremental_grouping_matches_a_full_replay():
    recs = [
        rec(1, ROOT),
        rec(2, "there is still a gap between the intent to protect them"),
        rec(3, "Hostages must come home.", day=D + dt.timedelta(days=3)),
        rec(4, "We will keep urging Israel to protect civilians", day=D),
        rec(5, "Hostages must come home and aid must flow.", day=D + dt.timedelta(days=4)),
    ]
    full = groups(recs)
    grouper = Grouper()
    incremental = {r.id: grouper.add(r).statement_key for r in recs}
    assert incremental == full


def test_an_undated_quote_joins_on_verbatim_or_strong_paraphrase_evidence():
    # Web pages often carry no date: a close paraphrase of the speaker's recent statement
    # still joins it; a loose one (few shared content words) does not.
    undated_trim = rec(2, "there is still a gap between the intent to protect them", day=None)
    undated_para = rec(
        3,
        "a gap remained between Israel's intent to protect civilians and the results on the ground",
        type_="indirect",
        day=None,
    )
    undated_loose = rec(4, "Israel had to do more for civilians", type_="indirect", day=None)
    g = groups([rec(1, ROOT), undated_trim, undated_para, undated_loose])
    assert g[2] == g[1]
    assert g[3] == g[1]
    assert g[4] != g[1]


# -- the frame signal -----------------------------------------------------------------------

ALARM = "alarm over the shortage of fuel for hospitals in the south"
ALARM_QUOTED = '"voiced alarm at the fuel crisis facing desalination plants across the enclave"'


def framed(
    qid: int, text: str, cue: str | None, *, type_: str = "indirect", day: dt.date = D
) -> QuoteRecord:
    return QuoteRecord(qid, BLINKEN, "person", type_, text, day, qid, qid, cue=cue)


def test_frame_is_the_cue_verb_and_the_head_of_the_reported_content():
    assert frame("the imperative of keeping the crossings open", "underlined") == ("under", "imper")
    # A mixed quote that quotes its own verb: the verb is skipped.
    assert frame('"underlined the imperative of open crossings"', "underlined") == (
        "under",
        "imper",
    )


def test_neutral_cues_generic_heads_and_names_make_no_frame():
    assert frame("the imperative of open crossings", "said") is None
    assert frame("the imperative of open crossings", "told reporters") is None
    assert frame("the need to keep the crossings open", "underlined") is None
    assert frame("it was important to keep the crossings open", "underlined") is None
    assert frame("Egypt must keep the crossings open", "underlined") is None
    assert frame("the imperative of open crossings", None) is None


def test_a_reworded_readout_in_the_same_frame_joins_its_statement():
    # Two outlets rework one readout: little shared wording, but the same verb and head.
    records = [
        framed(1, ALARM, "voiced"),
        framed(2, ALARM_QUOTED, "voiced", type_="mixed", day=D + dt.timedelta(days=1)),
    ]
    g = groups(records)
    assert g[1] == g[2]
    # Without the cues nothing else links them.
    g = groups([dataclasses.replace(r, cue=None) for r in records])
    assert g[1] != g[2]


def test_same_frame_with_another_head_or_nothing_else_shared_stays_apart():
    later = D + dt.timedelta(days=1)
    g = groups(
        [
            framed(1, ALARM, "voiced"),
            framed(2, "hope that fuel deliveries to the south resume", "voiced", day=later),
            framed(3, "alarm at settler violence near Nablus", "voiced", day=later),
        ]
    )
    assert len({g[1], g[2], g[3]}) == 3


def test_a_frame_links_only_within_a_few_days():
    g = groups(
        [
            framed(1, ALARM, "voiced"),
            framed(2, ALARM_QUOTED, "voiced", type_="mixed", day=D + dt.timedelta(days=10)),
        ]
    )
    assert g[1] != g[2]


# -- signature index --------------------------------------------------------------------------


def test_index_query_equals_the_filter_on_every_row_and_bulk_adds_equal_single_adds():
    import numpy as np

    from quotetrack.statements.index import Filter, SpeakerIndex, passing, sig_bytes

    rng = random.Random(3)
    f = Filter()

    def sig(n: int) -> int:
        return sum(1 << b for b in rng.sample(range(256), n)) if n else 0

    def passes32(flt: Filter, c: int, p: int, rc: int, rp: int) -> bool:
        # Filter.passes with the products in float32, as the index computes them.
        for a, b, lo, ratio in (
            (c, rc, flt.content_min, flt.content_ratio),
            (p, rp, flt.pairs_min, flt.pairs_ratio),
        ):
            small = min(a.bit_count(), b.bit_count())
            if small and (a & b).bit_count() >= max(
                np.float32(lo), np.float32(ratio) * np.float32(small)
            ):
                return True
        return False

    rows = [
        (k, 100 + rng.randrange(40), sig(rng.randrange(0, 30)), sig(rng.randrange(0, 30)))
        for k in range(9000)
    ]
    one, bulk = SpeakerIndex(), SpeakerIndex()
    for k, day, c, p in rows[:5]:  # a partly filled first byte before the bulk add
        one.add(k, day, c, p)
        bulk.add(k, day, c, p)
    for k, day, c, p in rows[5:]:
        one.add(k, day, c, p)
    positions = bulk.add_many(*map(list, zip(*rows[5:])))
    assert positions == [(i // 4096, i % 4096) for i in range(5, 9000)]
    one.set_day((0, 7), -(2**30))
    bulk.set_day((0, 7), -(2**30))
    keys = [k for k, *_ in rows]
    days = np.array([-(2**30) if k == 7 else d for k, d, _, _ in rows], np.int32)
    sigs = np.frombuffer(b"".join(sig_bytes(c, p) for _, _, c, p in rows), np.uint8).reshape(
        len(rows), -1
    )
    for _ in range(60):
        day, c, p = 100 + rng.randrange(40), sig(rng.randrange(0, 30)), sig(rng.randrange(0, 30))
        # Rows share bits by chance only: thresholds low enough that some rows pass.
        loose = Filter(content_ratio=0.2, content_min=2, pairs_ratio=0.2, pairs_min=2)
        for flt in (f, loose):
            expect = {
                k
                for k, d, rc, rp in rows
                if abs(d - day) <= 14 and k != 7 and passes32(flt, c, p, rc, rp)
            }
            assert one.query(day, 14, c, p, flt) == bulk.query(day, 14, c, p, flt) == expect
            # The row-by-row form of the same test, as the database layer uses it.
            hit = passing(days, sigs, day, 14, c, p, flt)
            assert {k for k, h in zip(keys, hit) if h} == expect


# -- real-coverage shapes: paragraphs, sentences of one speech --------------------------------


def test_a_short_line_scattered_through_a_long_paragraph_is_not_a_quoted_variant():
    # Every word of the short line occurs in the paragraph, in order, but never two together.
    paragraph = (
        "I know what my friends feel about the plan, and I am like them in a sense, because "
        "a city that loses its nerve loses a woman or a man every week to despair."
    )
    recs = [
        rec(1, paragraph, article=1),
        rec(2, "I feel like a woman,", article=2),
    ]
    g = groups(recs)
    assert g[1] != g[2]


def test_shared_runs_far_apart_in_the_other_wording_are_not_a_quoted_variant():
    # Two runs of the short line ("parties are", "road to peace") make 5 of its 7 words, but
    # the other line puts four words of its own between them: another sentence on the same
    # topic. The same line with one word added inside stays a quoted variant.
    recs = [
        rec(1, "All parties are a road to peace,", article=1),
        rec(2, "Parties are different bridges on the road to peace.", article=2),
        rec(3, "All the parties are a road to peace.", article=3),
    ]
    g = groups(recs)
    assert g[1] != g[2]
    assert g[1] == g[3]


def test_two_renderings_differing_in_a_nouns_number_are_one_quote():
    # Transcripts and translations of one remark differ in number ("letters are" / "letter
    # is"): the same sentence, not another one.
    recs = [
        rec(1, "Your letters are very welcome in this house,", article=1),
        rec(2, "Your letter is very welcome in this house.", article=2),
    ]
    g = groups(recs)
    assert g[1] == g[2]


def test_a_trimmed_run_of_a_paragraphs_first_sentence_still_joins_it():
    paragraph = (
        "We will rebuild the harbour wall before winter, whatever it costs. Nobody in this "
        "town should fear the next storm, and nobody will be left alone when it comes."
    )
    recs = [
        rec(1, paragraph, article=1),
        rec(2, "We will rebuild the harbour wall before winter,", article=2),
    ]
    g = groups(recs)
    assert g[1] == g[2]


def test_a_paragraph_meets_a_one_sentence_quote_by_its_first_sentence_only():
    # Outlets often quote one sentence of a paragraph alone, as a statement of its own: a
    # later sentence of another outlet's paragraph is no evidence for the paragraph.
    paragraph = (
        "We will rebuild the harbour wall before winter. Nobody in this town should fear "
        "the next storm, and nobody will be left alone when it comes."
    )
    recs = [
        rec(1, paragraph, article=1),
        rec(2, "Nobody in this town should fear the next storm,", article=2),
    ]
    g = groups(recs)
    assert g[1] != g[2]


_HUB = (
    "We will rebuild the harbour wall before winter. The fishing fleet deserves a safe port "
    "and it will get one. Nobody will be left alone when the next storm comes."
)
_HUB_ARTICLES = [
    [_HUB],
    ["We will rebuild the harbour wall before winter,"],
    ["The fishing fleet deserves a safe port and it will get one."],
    ["The fishing fleet deserves a safe port,"],
    [_HUB.replace("We will", "We are going to")],
]


def _hub_partition(order: list[int]) -> set[frozenset[int]]:
    recs, art_of = [], {}
    for qid, art in enumerate(order, start=1):
        art_of[qid] = art
        recs.append(rec(qid, _HUB_ARTICLES[art][0], article=art + 1))
    out: dict[int, set[int]] = {}
    for quote_id, key in groups(recs).items():
        out.setdefault(key, set()).add(art_of[quote_id])
    return {frozenset(v) for v in out.values()}


def test_a_paragraph_of_several_sentences_does_not_join_their_separate_statements():
    # The paragraph holds the "rebuild" and the "fleet" sentences; quotes of each alone
    # are two statements, whichever arrives first.
    reference = _hub_partition(list(range(len(_HUB_ARTICLES))))
    assert reference == {frozenset({0, 1, 4}), frozenset({2, 3})}
    rng = random.Random(3)
    for _ in range(12):
        order = list(range(len(_HUB_ARTICLES)))
        rng.shuffle(order)
        assert _hub_partition(order) == reference, order


def test_a_passage_of_a_longer_paragraph_joins_it():
    # One outlet quotes a post whole, another its last two sentences: a passage of several
    # sentences is a trimmed quote of the paragraph that holds it, not a sentence taken out.
    post = (
        "We have agreed to reopen the harbour in spring with a new board of five members. "
        "The board will meet every month in the town hall. We are working out the details "
        "with the fishing fleet. Thank you for your patience through this."
    )
    passage = (
        "We are working out the details with the fishing fleet. Thank you for your patience "
        "through this."
    )
    recs = [rec(1, passage, article=1), rec(2, post, article=2)]
    g = groups(recs)
    assert g[1] == g[2]


_CUT_ARTICLES = (
    # An outlet joins a post's first sentence and its closing lines at an ellipsis; others
    # quote the first sentence alone, or the closing lines alone.
    "The harbour will reopen on Monday, and every ferry will run on time. ... We owe the "
    "fishermen an apology. They waited far too long for this.",
    "The harbour will reopen on Monday, and every ferry will run on time,",
    "We owe the fishermen an apology. They waited far too long for this.",
    "We owe the fishermen an apology. They waited far too long for this!",
)


def _cut_partition(order: list[int]) -> set[frozenset[int]]:
    recs = [rec(n, _CUT_ARTICLES[i], article=i + 1) for n, i in enumerate(order, start=1)]
    by_key: dict[int, set[int]] = {}
    for n, key in groups(recs).items():
        by_key.setdefault(key, set()).add(order[n - 1])
    return {frozenset(v) for v in by_key.values()}


def test_a_passage_after_an_ellipsis_does_not_join_what_stands_before_it():
    # The closing lines are found whole inside the joined quote, but only after its
    # ellipsis: they are no evidence for the first sentence's statement, whichever arrives
    # first. Two quotes of the closing lines still meet each other.
    reference = _cut_partition([0, 1, 2, 3])
    assert reference == {frozenset({0, 1}), frozenset({2, 3})}
    for order in ([3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2], [2, 3, 1, 0]):
        assert _cut_partition(order) == reference, order


def test_two_direct_sentences_of_one_article_sharing_topic_words_stay_apart():
    # Consecutive paragraphs of one speech: same topic words, different sentences.
    recs = [
        rec(1, "Today I feel hopeful. Today I feel proud of the harbour workers.", article=1),
        rec(
            2,
            "Of course I am not a harbour worker, I am not proud of everything. But I feel hopeful.",
            article=1,
        ),
    ]
    g = groups(recs)
    assert g[1] != g[2]


def test_the_same_article_rule_reads_only_the_articles_own_wordings():
    # Article 2 quotes the paragraph's first sentence, which joins the paragraph's
    # statement; its next sentence of the speaker lies inside that paragraph too, but inside
    # another article's wording, which is no same-article evidence.
    paragraph = (
        "We will rebuild the harbour wall before winter. The fishing fleet deserves a safe "
        "port and it will get one."
    )
    recs = [
        rec(1, paragraph, article=1),
        rec(2, "We will rebuild the harbour wall before winter,", article=2),
        rec(3, "The fishing fleet deserves a safe port and it will get one.", article=2),
    ]
    g = groups(recs)
    assert g[1] == g[2] != g[3]


def test_a_lead_joins_its_quote_also_when_the_quote_joins_another_articles_statement():
    # The lead shares too little with the other article's quote to join it, but sums up its
    # own article's quote, which joins that statement: the lead's statement merges in, as
    # the lead would have joined the quote had it come first.
    other = ("We will rebuild the harbour wall before winter, whatever it costs.", "direct")
    lead = ("the harbour wall would be rebuilt quickly", "indirect")
    quote = ("We will rebuild the harbour wall before winter.", "direct")
    for articles in ([[other], [lead, quote]], [[lead, quote], [other]]):
        recs, qid = [], 0
        for art, quotes in enumerate(articles, start=1):
            for text, type_ in quotes:
                qid += 1
                recs.append(rec(qid, text, type_=type_, article=art))
        assert len(set(groups(recs).values())) == 1


def test_a_reported_lead_of_one_article_still_joins_its_direct_quote():
    recs = [
        rec(
            1, "the harbour wall would be rebuilt before winter storms", type_="indirect", article=1
        ),
        rec(2, "We will rebuild the harbour wall before the winter storms arrive.", article=1),
    ]
    g = groups(recs)
    assert g[1] == g[2]


# -- order independence -------------------------------------------------------------------------

# Six outlets' renderings of two statements of one speaker and one of another, written for
# this test: whole and trimmed wordings, an altered one, reported speech, a lead.
_ORDER_ARTICLES: list[list[tuple[int, str, str]]] = [
    [
        (
            BLINKEN,
            "direct",
            "We will rebuild the harbour wall before winter, and nobody will be left alone.",
        ),
        (BLINKEN, "direct", "The fishing fleet deserves a safe port and it will get one."),
    ],
    [
        (BLINKEN, "direct", "nobody will be left alone"),
        (BLINKEN, "indirect", "the harbour wall would be rebuilt before winter"),
    ],
    [
        (
            BLINKEN,
            "direct",
            "We will rebuild the harbour wall before the winter, and nobody will be left alone.",
        ),
        (KIRBY, "direct", "The budget for the harbour is not yet agreed by the council."),
    ],
    [
        (BLINKEN, "direct", "rebuild the harbour wall before winter"),
        (BLINKEN, "direct", "The fishing fleet deserves a safe port"),
    ],
    [
        (KIRBY, "direct", "The budget for the harbour is not yet agreed"),
        (BLINKEN, "mixed", 'the fleet "deserves a safe port and it will get one"'),
    ],
    [
        (BLINKEN, "direct", "a safe port and it will get one"),
        (BLINKEN, "direct", "We will rebuild the harbour wall before winter"),
    ],
]


def _partition(order: list[int]) -> set[frozenset[tuple[int, int]]]:
    """Group the articles arriving in ``order`` (quote ids in arrival order); the statements
    as sets of (article, position) pairs."""
    recs, where = [], {}
    qid = 0
    for art in order:
        for pos, (speaker, type_, text) in enumerate(_ORDER_ARTICLES[art]):
            qid += 1
            where[qid] = (art, pos)
            recs.append(
                rec(qid, text, speaker=speaker, type_=type_, article=art + 1, outlet=art + 1)
            )
    out: dict[int, set[tuple[int, int]]] = {}
    for quote_id, key in groups(recs).items():
        out.setdefault(key, set()).add(where[quote_id])
    return {frozenset(v) for v in out.values()}


def test_the_same_articles_give_the_same_statements_in_any_order():
    reference = _partition(list(range(len(_ORDER_ARTICLES))))
    assert len(reference) == 3  # the two statements of one speaker and one of the other
    rng = random.Random(7)
    for _ in range(12):
        order = list(range(len(_ORDER_ARTICLES)))
        rng.shuffle(order)
        assert _partition(order) == reference, order


# An article quotes the first half of a sentence and restates the second half in its own
# words; another outlet quotes the whole sentence. Only the whole sentence holds the words the
# restatement sums up, so the restatement is one with the quote through it, whichever article
# comes first (written for this test).
_BRIDGE_FULL = (
    "We will rebuild the harbour bridge before winter, and every family that lost a home in "
    "the floods will receive a grant from the regional fund."
)
_BRIDGE_HALF = "We will rebuild the harbour bridge before winter"
_BRIDGE_RESTATED = "flood victims would get grants from the regional fund"


def _bridge_partition(order: str) -> set[frozenset[str]]:
    arts = {
        "trimmed": [("direct", _BRIDGE_HALF), ("indirect", _BRIDGE_RESTATED)],
        "full": [("direct", _BRIDGE_FULL)],
    }
    recs, name = [], {}
    for art in order.split():
        for type_, text in arts[art]:
            qid = len(recs) + 1
            name[qid] = text
            recs.append(rec(qid, text, type_=type_, article=len(art), outlet=len(art)))
    out: dict[int, set[str]] = {}
    for quote_id, key in groups(recs).items():
        out.setdefault(key, set()).add(name[quote_id])
    return {frozenset(v) for v in out.values()}


def test_an_articles_restatement_joins_through_another_outlets_fuller_wording_in_any_order():
    one = {frozenset({_BRIDGE_FULL, _BRIDGE_HALF, _BRIDGE_RESTATED})}
    assert _bridge_partition("full trimmed") == one
    assert _bridge_partition("trimmed full") == one


def test_a_restatement_needs_its_own_articles_quote_in_the_statement():
    # Without the article's own quote of the statement, a restatement sharing a few words
    # with another outlet's quote is not evidence enough.
    recs = [
        rec(1, _BRIDGE_FULL, article=1),
        rec(2, _BRIDGE_RESTATED, type_="indirect", article=2),
    ]
    assert len(set(groups(recs).values())) == 2
    assert len(set(groups([dataclasses.replace(r, id=3 - r.id) for r in recs]).values())) == 2


def test_a_later_part_of_a_split_quote_links_other_articles_in_any_order():
    # One article splits the quote after its first sentence, so it is matched by that
    # sentence; the other article quotes the second sentence alone. Whichever comes first,
    # the second sentence's words link the two.
    split = [
        ("The fishing fleet deserves a safe port and it will get one,", None),
        ("We will rebuild the harbour wall before winter, whatever it costs.", 1),
    ]
    alone = [("We will rebuild the harbour wall before winter,", None)]
    for articles in ([split, alone], [alone, split]):
        recs, qid = [], 0
        for art, quotes in enumerate(articles, start=1):
            first = qid + 1
            for text, continues in quotes:
                qid += 1
                recs.append(rec(qid, text, article=art, continues=first if continues else None))
        assert len(set(groups(recs).values())) == 1


def test_a_quote_linking_two_statements_merges_them_into_the_older():
    recs = [
        rec(1, "We will rebuild the harbour wall before winter", article=1),
        rec(2, "nobody in this town will be left alone when the storm comes", article=2),
        rec(
            3,
            "We will rebuild the harbour wall before winter, and nobody in this town will be "
            "left alone when the storm comes.",
            article=3,
        ),
    ]
    grouper = Grouper()
    placements = grouper.add_all(recs)
    assert placements[1].statement_key != placements[0].statement_key
    assert placements[2].statement_key == 1
    assert placements[2].merged == (2,)
    assert grouper.resolve(2) == 1
    assert set(groups(recs).values()) == {1}


# -- house style ----------------------------------------------------------------------------


def test_house_style_spellings_are_one_wording():
    # Outlets transcribing one speech spell it in their own style: contractions, "No. 1",
    # per cent signs and British spellings are no change of wording.
    root = "We are going to organise it, number one, with 100 percent honour and we will not stop."
    styled = "We're gonna organize it, No. 1, with 100% honor and we won't stop."
    assert classify("direct", root, "direct", styled)[0] == "verbatim"
    assert words_with_gaps("It's 100 per cent")[0] == ("it", "is", "100", "percent")


def test_house_style_transcriptions_join_one_statement():
    recs = [
        rec(1, "We're gonna approach this, No. 1, by organising a 100% review,", article=1),
        rec(
            2,
            "We are going to approach this, number one, by organizing a 100 percent review,",
            article=2,
        ),
    ]
    assert groups(recs)[1] == groups(recs)[2]


def test_possessive_s_is_not_spelled_out():
    # Only after a pronoun is "'s" the verb; "Boeing's" stays one word.
    assert words_with_gaps("Boeing's plane, it's here")[0] == (
        "boeing's",
        "plane",
        "it",
        "is",
        "here",
    )


def test_two_short_reports_sharing_three_content_words_are_one_statement():
    # Short reports of one announcement share few words, but those make most of both.
    recs = [
        rec(1, "the council will close the harbour", type_="indirect", article=1),
        rec(2, "the council decided to close the harbour in winter", type_="indirect", article=2),
        rec(3, "the harbour festival will open in winter", type_="indirect", article=3),
    ]
    g = groups(recs)
    assert g[1] == g[2] != g[3]


def test_a_quoted_wording_and_a_report_need_four_shared_content_words():
    # Against a quoted wording, three shared words are a topic, not a report of it.
    recs = [
        rec(1, "We will close the harbour to all boats in winter.", article=1),
        rec(2, "the council decided to close the harbour in winter", type_="indirect", article=2),
    ]
    g = groups(recs)
    assert g[1] != g[2]


def test_a_report_of_the_names_in_a_long_announcement_is_a_paraphrase_of_it():
    # Nine shared content words, most of the report's, in a wording twice as long: the
    # Jaccard term alone would keep them apart.
    post = (
        "We have agreed to reopen the harbour in spring with a new board of Anna Berg as chair, "
        "Tom Lund and Eva Holm. We are working out the details with the fishing fleet and the "
        "ferry company. Thank you so much for your patience through these difficult months."
    )
    report = "the harbour board will include Anna Berg, Tom Lund and Eva Holm from next month"
    recs = [rec(1, report, type_="indirect", article=1), rec(2, post, article=2)]
    g = groups(recs)
    assert g[1] == g[2]


# -- the garbage collector ------------------------------------------------------------------


def _coverage(n_articles: int) -> list[QuoteRecord]:
    """Outlets quoting, trimming and reporting two speakers' lines over a few weeks."""
    rng = random.Random(7)
    lines = [
        ROOT,
        "The harbour will stay closed until the inspectors have checked every pier.",
        "We owe the fishing families an answer before the winter season begins.",
    ]
    recs, qid = [], 0
    for article in range(1, n_articles + 1):
        day = D + dt.timedelta(days=rng.randrange(20))
        for _ in range(3):
            qid += 1
            line = rng.choice(lines)
            cut = line.split()[: rng.randrange(5, len(line.split()) + 1)]
            type_ = rng.choice(["direct", "direct", "indirect"])
            speaker = rng.choice([BLINKEN, KIRBY])
            recs.append(
                rec(qid, " ".join(cut), speaker=speaker, type_=type_, day=day, article=article)
            )
    return recs


def test_grouping_makes_no_reference_cycles():
    # group() pauses the cyclic collector (a tenth of its time at scale), which is only
    # free while grouping leaves all its garbage to reference counting.
    recs = _coverage(60)
    gc.collect()
    gc.disable()
    try:
        assert len(group(recs)) == len(recs)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_grouping_leaves_the_collector_as_it_found_it():
    recs = _coverage(5)
    assert gc.isenabled()
    group(recs)
    assert gc.isenabled()
    gc.disable()
    try:
        group(recs)
        assert not gc.isenabled()
    finally:
        gc.enable()
