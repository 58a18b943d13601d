"""Grouping quotes into statements and classifying each quote as a variant of its statement.

This is the pure core: records in, assignments out, no database. The rules:

* Quotes are processed in quote id order. A quote joins the best matching statement of the
  same speaker among those that started within ``window_days`` of its date, or starts a new
  statement. Statements merge when a quote shows two to be one utterance (the lowest key
  survives, the others resolve to it) and never split, so an incremental run (one article
  at a time) gives exactly the grouping of a full replay, in any order of articles.
* A quote links to a statement by *verbatim* evidence (its quoted words found in order in the
  root or in one of the statement's first wordings: trimmed, split, lightly altered quotes;
  in runs that lie close together, a noun's number aside)
  or by *paraphrase* evidence (shared content words, against every wording the statement
  keeps, not the root alone: which quote is root depends on what arrived; an optional
  semantic scorer, against the root; or the same *frame*: speech verb and head of the
  reported content, as outlets reworking one readout keep "stressed the imperative of …").
* A quote of several sentences (a paragraph) meets a quote of one sentence by its first
  sentence only, and another paragraph by the first sentences or whole when the two cover
  each other almost entirely or one is found almost whole inside the other (a passage, not
  after an ellipsis of the longer one, where an outlet joined two passages): outlets quote
  single sentences of a paragraph as statements of their own, and a paragraph met by each
  of them would join them all into one.
* Within one article less evidence is needed: a headline or lead sharing enough content with
  a quote, or quoting words of it (one word in marks, "troubled", is enough there and only
  there), compared with the article's own wordings. A statement the article
  started (its lead) that links to a later quote of the article by any evidence merges into
  the statement the quote joins, as the lead would have joined the quote had the quote come
  first. A quote the
  article splits around its attribution is one utterance: each part is matched by its own
  words, the later parts join the first part's statement, and a statement a later part
  links to strongly merges with it.
* An article's restatement may sum up words only another outlet's fuller wording holds: two
  statements are one when a wording of one restates (same-article evidence) a wording of the
  other from another article and the restating wording's article also has a wording in the
  other statement. Checked on every arrival, for the statement the quote joins, so it holds
  whichever of the three wordings came last (:meth:`Grouper._vouched`).
* Different speakers never share a statement; quotes without a speaker are always alone;
  anonymous sources group only when the wordings are near-verbatim.
* Each statement's root is its fullest quoted wording (direct over mixed over indirect, then
  more words, then the lower id); every quote is classified against the root as ``root``,
  ``verbatim``, ``trimmed``, ``altered`` or ``paraphrase``.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import datetime as dt
import gc
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeGuard, TypeVar

from .index import DEAD_DAY, Filter, SpeakerIndex, pair_signature, signature
from .text import (
    STOPWORDS,
    content_stems,
    cut_length,
    frame,
    head_length,
    inner_changes,
    lcs_length,
    longest_common_run,
    matched_stretch,
    quoted_fragments,
    singular,
    tiled_length,
    tiled_runs,
    unquoted_words,
    words,
    words_with_gaps,
)

VARIANT_KINDS: tuple[str, ...] = ("root", "verbatim", "trimmed", "altered", "paraphrase")
_TYPE_RANK = {"direct": 2, "mixed": 1, "indirect": 0}


@dataclass(frozen=True)
class GroupingParams:
    """Thresholds of the grouping rules (defaults chosen on the gold set, see benchmarks/)."""

    window_days: int = 14  # an occasion is days, not months
    # Every link needs this share of the smaller wording's content stems in common.
    candidate_overlap: float = 0.5
    # Which stored wordings are compared at all (signature test, see index.py): enough shared
    # content for a paraphrase, or enough shared word pairs for a quoted variant.
    candidate_filter: Filter = Filter()
    min_verbatim_tokens: int = 5  # below this, containment alone misfires
    verbatim_containment: float = 0.7  # share of the shorter wording found in order
    # Share of the stretch those runs span (on either side) that they fill: see _run_score.
    verbatim_density: float = 0.6
    short_run_tokens: int = 4  # short quotes must appear whole and contiguous
    anonymous_near_verbatim: float = 0.8  # LCS over the LONGER wording, for unnamed sources
    paraphrase_threshold: float = 0.6
    # Shared content stems between two reports (one more when one side is a quoted wording):
    # three when they make most of both wordings (a short report, "the mayor granted the
    # request to close the port"), the Jaccard term sees to it.
    paraphrase_min_shared: int = 3
    # A report sharing this many content stems with a wording, this share of the smaller's,
    # renders it however much else the longer one holds (a report of the names in an
    # announcement): evidence as strong as quoted words, so it merges (``merge_score``).
    paraphrase_many_shared: int = 6
    paraphrase_many_overlap: float = 0.6
    paraphrase_many_score: float = 1.0
    semantic_threshold: float = 0.8
    max_links: int = 6  # quoted wordings per statement that verbatim links may use
    undated_lookback: int = 1000  # statements of the speaker an undated quote may join
    altered_min_containment: float = 0.6  # below this a quoted variant is a paraphrase
    # Within one article a headline or lead restating the speaker's quote needs less evidence.
    same_article_min_shared: int = 3
    same_article_overlap: float = 0.5
    # Within one article, quoted words of the speaker found in order inside another of their
    # quoted wordings (a lead's "troubled" and the full quote) link with this score: below
    # verbatim links across articles, above any paraphrase evidence.
    same_article_quoted_score: float = 1.1
    # Same frame (cue verb and head, see text.frame) within these days, sharing this many
    # content stems (the head counts), links with this score: above a weak same-article
    # overlap, below verbatim and strong lexical paraphrase evidence.
    frame_window_days: int = 7
    frame_min_shared: int = 2
    frame_score: float = 0.75
    # A quote linking to two statements by quoted-words evidence at least this strong shows
    # them to be one utterance: they merge (below it, the best statement alone takes it).
    merge_score: float = 1.0
    # Share of a paragraph's quoted words found in runs inside a longer paragraph that makes
    # it a passage of the longer one (see Grouper._verbatim_score).
    paragraph_within: float = 0.9


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """What grouping needs to know about one stored quote."""

    id: int
    speaker_id: int | None
    speaker_kind: str | None
    type: str
    text: str
    published: dt.date | None = None
    outlet_id: int | None = None
    article_id: int | None = None
    # Id of the quote this one continues when an article splits one quote around its
    # attribution ("A," she said, "B."); see :func:`continuations`.
    continues: int | None = None
    cue: str | None = None  # the speech verb as written ("stressed"), for the frame signal
    # When it was said (first and last proleptic ordinal the article's words allow) and the
    # occasion's comparison key (see quotetrack.attribute.occasion): a quote never joins a
    # statement said on another day or on another named occasion.
    said: tuple[int, int] | None = None
    occasion: str | None = None


@dataclass(slots=True)
class Assignment:
    """Where one quote ended up: its statement (keyed by the statement's first quote id), its
    variant kind against the root, the detail (JSON-ready) and its similarity to the root."""

    quote_id: int
    statement_key: int
    variant_kind: str
    detail: dict[str, Any] | None
    similarity: float


# A wording's content stems: a frozenset for a new quote, a tuple once a statement keeps it.
_Content = TypeVar("_Content", frozenset[str], tuple[str, ...])


@dataclass(frozen=True, slots=True)
class Wording(Generic[_Content]):
    """A quote reduced to what comparisons need: its number of words, the words inside
    quotation marks (empty for reported speech), the content-word stems and their signature.
    Strings are interned: a million wordings share one vocabulary. A new quote's content is
    a frozenset (:data:`NewWording`); a statement keeps its wordings' content as a tuple
    (:data:`StoredWording`, see :func:`stored`), and comparisons always intersect the new
    quote's set with the stored side."""

    id: int
    type: str
    length: int
    verbatim: tuple[str, ...]
    content: _Content
    sig: int = 0  # content signature
    psig: int = 0  # signature of adjacent quoted word pairs
    frame: tuple[str, str] | None = None  # (cue stem, head stem) of reported content
    # Quoted words of the first sentence when the quoted words run over several sentences
    # (0: one sentence). A paragraph quoting several sentences is compared with a quote of
    # one sentence by its first sentence only, see :meth:`Grouper._verbatim_score`.
    head: int = 0
    # Quoted words before an ellipsis inside the quoted words (0: none): the outlet joined two
    # passages there, see :meth:`Grouper._verbatim_score`.
    cut: int = 0
    # Article the quote stands in (None when unknown): the cross-article restatement rule
    # (:meth:`Grouper._vouched`) needs to know which article each kept wording came from.
    article: int | None = None

    @property
    def rank(self) -> tuple[int, int, int]:
        """Root preference: quoted over reported, then fuller, then older."""
        return (_TYPE_RANK.get(self.type, 0), len(self.verbatim) or self.length, -self.id)


NewWording: TypeAlias = Wording[frozenset[str]]
StoredWording: TypeAlias = Wording[tuple[str, ...]]


def wording(
    quote_id: int, type_: str, text: str, cue: str | None = None, article: int | None = None
) -> NewWording:
    """Tokenise a quote for comparison. In: id, type, text, cue (the frame is only read for
    reported and mixed quotes) and the article's id. Out: its :class:`Wording`."""
    tokens = tuple(map(sys.intern, words(text)))
    if type_ == "direct":
        verbatim = tokens
    else:
        # Words inside quotation marks are the speaker's, also in a quote typed as reported
        # speech (a headline such as: The Trends Are 'Terrifying').
        verbatim = tuple(map(sys.intern, (t for f in quoted_fragments(text) for t in words(f))))
    content = frozenset(map(sys.intern, content_stems(tokens)))
    fr = frame(text, cue) if type_ != "direct" and cue else None
    if fr is not None:
        fr = (sys.intern(fr[0]), sys.intern(fr[1]))
    return Wording(
        quote_id,
        type_,
        len(tokens),
        verbatim,
        content,
        signature(content),
        pair_signature(verbatim, STOPWORDS),
        fr,
        head_length(text, type_ == "direct") if verbatim else 0,
        cut_length(text, type_ == "direct") if verbatim else 0,
        article,
    )


def _is_stored(w: NewWording | StoredWording) -> TypeGuard[StoredWording]:
    return isinstance(w.content, tuple)


def stored(w: NewWording | StoredWording) -> StoredWording:
    """The form a statement keeps of a wording: content stems as a tuple. A frozenset of 20
    stems takes 2.2 kB, the tuple 0.2 kB, and a grouper keeps one or more wordings for each
    of a million statements. In: a wording. Out: the same wording, compact."""
    if _is_stored(w):
        return w
    # Built directly: dataclasses.replace costs more than the rest of this, per quote.
    return Wording(
        w.id,
        w.type,
        w.length,
        w.verbatim,
        tuple(w.content),
        w.sig,
        w.psig,
        w.frame,
        w.head,
        w.cut,
        w.article,
    )


@dataclass(slots=True)
class StatementState:
    """What the grouper remembers of a statement: enough to match and re-root it."""

    key: int
    speaker_id: int | None
    speaker_kind: str | None
    first: int | None  # proleptic ordinal of the earliest known date
    root: StoredWording
    links: list[StoredWording] = field(default_factory=list)
    n: int = 0
    # Article of the latest quote placed by this grouper, for the same-article rule: an
    # article's quotes arrive together, and a stored statement never holds a new article's.
    article: int | None = None
    rows: dict[int, tuple[int, int]] = field(default_factory=dict)  # wording id -> index row
    # When and where, from the earliest quote (by id) that says so.
    said: tuple[int, int] | None = None
    occasion: str | None = None

    def compared(self) -> list[StoredWording]:
        """The wordings a new quote is compared with: the root, then the first quoted ones."""
        out = [self.root]
        out.extend(w for w in self.links if w.id != self.root.id)
        return out


@dataclass(frozen=True)
class Placement:
    """Result of adding one quote: its statement, whether it started it, whether it became
    the root (so the statement's other quotes need reclassifying), and the signatures of
    the quote's own wording (see index.py), which the database keeps."""

    statement_key: int
    is_new: bool
    root_changed: bool
    sig: int = 0
    psig: int = 0
    # Statements this quote showed to be one with ``statement_key`` (merged into it, the
    # lowest key surviving), in key order.
    merged: tuple[int, ...] = ()


SemanticScorer = Callable[[str, str], float]


def occasions_conflict(a: str | None, b: str | None) -> bool:
    """Whether two occasion keys (``kind:head|name``, see
    :func:`quotetrack.attribute.occasion.occasion_key`) name different occasions: the same
    kind and head with different named parts ("interview with CNN" vs "interview with Fox
    News", "news conference in Doha" vs "… in Kigali"). Unknown or unnamed occasions never
    conflict. (Kept here, not imported from ``attribute``, so that grouping alone never
    loads the NLP stack.)"""
    if not a or not b or a == b:
        return False
    ka, _, na = a.partition("|")
    kb, _, nb = b.partition("|")
    return ka == kb and bool(na) and bool(nb) and na != nb


def dates_conflict(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Whether two utterance date ranges (first and last proleptic ordinal) lie apart by more
    than a day: then the words were said on two occasions."""
    if a is None or b is None:
        return False
    return a[0] > b[1] + 1 or b[0] > a[1] + 1


def _day_range(said: tuple[int, int] | None) -> tuple[int, int] | None:
    """A statement keeps only a day-precise utterance date ("last week" says too little)."""
    return said if said is not None and said[0] == said[1] else None


def _ordinal(d: dt.date | None) -> int | None:
    return d.toordinal() if d is not None else None


class Grouper:
    """Incremental statement grouping over quotes fed in id order.

    ``seed`` and ``seed_many`` load statements that already exist (the database layer uses
    them to bring in the candidates of a speaker and time window); ``add`` places one new
    quote. The grouper keeps
    only compact state per statement (root and a few quoted wordings), not the quotes.
    """

    def __init__(
        self,
        params: GroupingParams | None = None,
        semantic: SemanticScorer | None = None,
        new_key: Callable[[QuoteRecord], int] | None = None,
    ) -> None:
        self.params = params or GroupingParams()
        self.semantic = semantic
        # Key of a new statement: by default the id of the quote that starts it; the database
        # layer inserts a statements row and uses its id instead.
        self.new_key = new_key or (lambda rec: rec.id)
        self.statements: dict[int, StatementState] = {}
        self._index: dict[int, SpeakerIndex] = {}  # dated statements' wordings per speaker
        self._undated: dict[int, list[int]] = {}  # keys of statements without any date
        self._keys: dict[int, list[int]] = {}  # all statement keys per speaker, in key order
        self._texts: dict[int, str] = {}  # root texts, only when a semantic scorer needs them
        self._placed: dict[int, int] = {}  # quote id -> statement key, for split quotes
        # Statement keys by (speaker, frame of a root they had): the frame signal links
        # wordings that share too little content for the signature index to bring up.
        self._frames: dict[tuple[int, tuple[str, str]], list[int]] = {}
        # Statements placed into by the current article's quotes (same-article rule).
        self._article: int | None = None
        self._article_keys: set[int] = set()
        self._article_quotes: set[int] = set()  # ids of the current article's placed quotes
        self._article_new: set[int] = set()  # statements the current article's quotes started
        # Absorbed statement key -> the key that took its quotes (see :meth:`resolve`).
        self.merged: dict[int, int] = {}
        self.linked: list[int] = []  # strongly linked statements of the last match

    def resolve(self, key: int) -> int:
        """The live statement a key stands for, following merges."""
        while key in self.merged:
            key = self.merged[key]
        return key

    # -- state -------------------------------------------------------------------------
    def seed(self, state: StatementState, root_text: str | None = None) -> None:
        """Register an existing statement (with its root and first quoted wordings)."""
        self.seed_many([(state, root_text)])

    def seed_many(self, states: Iterable[tuple[StatementState, str | None]]) -> None:
        """Register existing statements, each with its root text (or None): as :meth:`seed`,
        but their wordings enter the signature index in one bulk add per speaker."""
        rows: dict[int, list[tuple[StatementState, int, StoredWording]]] = {}
        for state, root_text in states:
            state.root = stored(state.root)
            state.links = [stored(w) for w in state.links]
            self.statements[state.key] = state
            self._register(state, rows)
            if self.semantic is not None and root_text is not None:
                self._texts[state.root.id] = root_text
        for speaker_id, pending in rows.items():
            idx = self._index.setdefault(speaker_id, SpeakerIndex())
            positions = idx.add_many(
                [s.key for s, _, _ in pending],
                [first for _, first, _ in pending],
                [w.sig for _, _, w in pending],
                [w.psig for _, _, w in pending],
            )
            for (s, _, w), pos in zip(pending, positions):
                s.rows[w.id] = pos

    def _register(
        self,
        s: StatementState,
        rows: dict[int, list[tuple[StatementState, int, StoredWording]]] | None = None,
    ) -> None:
        """Make a statement findable; with ``rows``, its index rows (statement, first day,
        wording) are collected there for a bulk add instead of being added one by one."""
        if s.speaker_id is None:
            return
        self._add_frame(s)
        keys = self._keys.setdefault(s.speaker_id, [])
        if not keys or keys[-1] < s.key:
            keys.append(s.key)
        else:
            bisect.insort(keys, s.key)
        if s.first is None:
            self._undated.setdefault(s.speaker_id, []).append(s.key)
        elif rows is not None:
            pending = rows.setdefault(s.speaker_id, [])
            first = s.first
            pending.extend((s, first, w) for w in s.compared() if w.id not in s.rows)
        else:
            for w in s.compared():
                self._add_row(s, w)

    def _add_frame(self, s: StatementState) -> None:
        if s.speaker_id is not None and s.root.frame is not None:
            keys = self._frames.setdefault((s.speaker_id, s.root.frame), [])
            if s.key not in keys:
                keys.append(s.key)

    def _add_row(self, s: StatementState, w: StoredWording) -> None:
        if s.speaker_id is None or s.first is None or w.id in s.rows:
            return
        idx = self._index.setdefault(s.speaker_id, SpeakerIndex())
        s.rows[w.id] = idx.add(s.key, s.first, w.sig, w.psig)

    def _retire_row(self, s: StatementState, w: StoredWording) -> None:
        pos = s.rows.pop(w.id, None)
        if pos is not None and s.speaker_id is not None:
            self._index[s.speaker_id].set_day(pos, DEAD_DAY)

    def _move(self, s: StatementState, day: int) -> None:
        """The statement's first day became ``day`` (it had none, or a later one)."""
        if s.speaker_id is None:
            s.first = day
            return
        if s.first is None:
            self._undated[s.speaker_id].remove(s.key)
            s.first = day
            for w in s.compared():
                self._add_row(s, w)
        else:
            s.first = day
            idx = self._index[s.speaker_id]
            for pos in s.rows.values():
                idx.set_day(pos, day)

    def candidates(
        self, speaker_id: int | None, day: int | None, q: NewWording | None = None
    ) -> list[StatementState]:
        """Statements a quote of ``speaker_id`` on ``day`` may join, in key order: within the
        time window (any date for an undated quote, most recent first, bounded) and, when the
        quote's wording ``q`` is given, sharing enough content with one compared wording."""
        if speaker_id is None:
            return []
        p = self.params
        f = p.candidate_filter
        keys: set[int] = set()
        if day is not None:
            idx = self._index.get(speaker_id)
            if idx is not None:
                if q is None or self.semantic is not None:
                    # All of the window: the semantic signal looks for paraphrases in other
                    # words, which the signatures would not bring up.
                    keys |= idx.window_keys(day, p.window_days)
                else:
                    keys |= idx.query(day, p.window_days, q.sig, q.psig, f)
            pool = self._undated.get(speaker_id, [])
        else:
            pool = self._keys.get(speaker_id, [])[-p.undated_lookback :]
        for k in pool:
            s = self.statements[k]
            if q is None or any(f.passes(q.sig, q.psig, w.sig, w.psig) for w in s.compared()):
                keys.add(k)
        if day is not None and q is not None and q.frame is not None:
            for k in self._frames.get((speaker_id, q.frame), ()):
                first = self.statements[k].first
                if first is not None and abs(first - day) <= p.frame_window_days:
                    keys.add(k)
        # Statements of the article being placed are always compared (same-article rule).
        keys |= {k for k in self._article_keys if self.statements[k].speaker_id == speaker_id}
        return [self.statements[k] for k in sorted(keys)]

    # -- matching ----------------------------------------------------------------------
    def _shares_content(self, q: NewWording, w: StoredWording) -> bool:
        small = min(len(q.content), len(w.content))
        return (
            small > 0
            and len(q.content.intersection(w.content)) >= self.params.candidate_overlap * small
        )

    def _verbatim_score(self, q: NewWording, w: StoredWording, anonymous: bool) -> float:
        """Score (> 1) of a verbatim link between two quoted wordings, 0 when none.

        A paragraph quoting several sentences meets a quote of one sentence by its first
        sentence only, and another paragraph by their first sentences or, whole, when the
        two cover each other almost entirely or one is a passage of the other (found almost
        whole inside it): an outlet often quotes one sentence of a paragraph alone, as a
        statement of its own, and a paragraph joined by every quote of any of its sentences
        would make one statement of all of them. A passage of two sentences or more is
        quoted as a passage, not as one sentence taken out."""
        a, b = q.verbatim, w.verbatim
        if not a or not b:
            return 0.0
        if q.head and w.head:
            heads = self._run_score(a[: q.head], b[: w.head], anonymous)
            whole = self._run_score(a, b, anonymous)
            if whole:
                tiled = tiled_length(a, b)
                # Whole, the two cover each other almost entirely, or one quotes a passage of
                # the other: a paragraph of sentences found in order inside a longer one is
                # a trimmed quote of it (a post quoted whole by one outlet and from its
                # second paragraph by another).
                if tiled < self.params.verbatim_containment * max(len(a), len(b)) and (
                    tiled < self.params.paragraph_within * min(len(a), len(b))
                    or self._after_cut(q, w)
                ):
                    whole = 0.0
            return max(heads, whole)
        if q.head:
            a = a[: q.head]
        elif w.head:
            b = b[: w.head]
        return self._run_score(a, b, anonymous)

    @staticmethod
    def _after_cut(q: NewWording, w: StoredWording) -> bool:
        """Whether the shorter of two paragraphs is found in the longer only after an
        ellipsis of the longer (``"A … B"``, the shorter inside B). The outlet that cut words
        out at the ellipsis joined two passages there, often two statements (a post's first
        sentence and its closing lines): the shorter is a passage of what follows the cut,
        no evidence for what stands before it, as a sentence quoted alone is no evidence for
        a paragraph it is not the first sentence of."""
        long_, short = (q, w) if len(q.verbatim) >= len(w.verbatim) else (w, q)
        if not long_.cut:
            return False
        start, _ = matched_stretch(long_.verbatim, short.verbatim)
        return start >= long_.cut

    def _run_score(self, a: tuple[str, ...], b: tuple[str, ...], anonymous: bool) -> float:
        """Verbatim link score of two token sequences (see :meth:`_verbatim_score`)."""
        p = self.params
        shorter = min(len(a), len(b))
        if anonymous:
            if shorter < p.min_verbatim_tokens:
                return 0.0
            near = lcs_length(a, b) / max(len(a), len(b))
            return 1.0 + near if near >= p.anonymous_near_verbatim else 0.0
        if shorter >= p.min_verbatim_tokens:
            # A noun's number is no sign of another utterance: transcripts and translations
            # of one remark differ in it ("your prayer is" / "your prayers are"), so the
            # runs are found with plural endings dropped.
            tiled, stretch = tiled_runs(singular(a), singular(b))
            contain = tiled / shorter
            # The shared runs must also lie close together on both sides: a short line
            # whose two-word runs ("religions are", "path to god") lie apart in the other
            # wording, other words between them ("religions are different languages on the
            # path to god"), is another sentence on the same topic, not a quoted variant;
            # a trimmed or altered quote keeps its words together.
            if contain < p.verbatim_containment or tiled < p.verbatim_density * stretch:
                return 0.0
            return 1.0 + contain
        if shorter >= p.short_run_tokens:
            small = a if len(a) == shorter else b
            if content_stems(small) and longest_common_run(a, b) == shorter:
                return 1.5
        return 0.0

    def paraphrase_score(
        self, q: NewWording, root: StoredWording, q_text: str | None = None, lexical: bool = True
    ) -> float:
        """Paraphrase evidence in [0, 1] between a quote and a root (0 below thresholds).

        Lexical: mean of content-stem Jaccard and overlap coefficient (the share of the
        smaller wording's content found in the larger), needing ``paraphrase_min_shared``
        shared stems; or ``paraphrase_many_score`` when many stems are shared (see
        :class:`GroupingParams`). With a semantic scorer, its cosine counts when above its
        threshold.
        """
        p = self.params
        shared = len(q.content.intersection(root.content))
        score = 0.0
        # Two reports (reported speech on both sides) may rest on fewer shared stems than a
        # report of a quoted wording: a short report has few words to share.
        need = p.paraphrase_min_shared
        if q.type == "direct" or root.type == "direct":
            need += 1
        if lexical and shared >= need:
            union = len(q.content) + len(root.content) - shared
            overlap = shared / min(len(q.content), len(root.content))
            lex = 0.5 * (shared / union) + 0.5 * overlap
            if lex >= p.paraphrase_threshold:
                score = lex
            elif shared >= p.paraphrase_many_shared and overlap >= p.paraphrase_many_overlap:
                score = p.paraphrase_many_score
        if self.semantic is not None and q_text is not None and root.id in self._texts:
            cos = self.semantic(q_text, self._texts[root.id])
            if cos >= p.semantic_threshold:
                score = max(score, cos)
        return score

    def frame_linked(self, q: NewWording, root: StoredWording, days_apart: int) -> bool:
        """Whether a quote and a root report one message in one frame: same cue verb and
        head (see :func:`~quotetrack.statements.text.frame`), at most ``frame_window_days``
        apart, sharing ``frame_min_shared`` content stems."""
        p = self.params
        return (
            q.frame is not None
            and q.frame == root.frame
            and days_apart <= p.frame_window_days
            and len(q.content.intersection(root.content)) >= p.frame_min_shared
        )

    def same_article_score(self, q: NewWording, root: StoredWording) -> float:
        """Paraphrase evidence between two quotes of one speaker in one article (a headline
        or lead and the quote it sums up): the overlap coefficient of content stems."""
        p = self.params
        shared = len(q.content.intersection(root.content))
        if shared < p.same_article_min_shared:
            return 0.0
        overlap = shared / min(len(q.content), len(root.content))
        return overlap if overlap >= p.same_article_overlap else 0.0

    def quoted_within(self, q: NewWording, w: StoredWording) -> bool:
        """Whether the quoted words of one wording all appear, in order, among the quoted
        words of the other, and hold a content word (a bare "we" or "the" proves nothing).
        Only trusted within one article, where short fragments cannot come from elsewhere."""
        a, b = q.verbatim, w.verbatim
        if not a or not b:
            return False
        small = a if len(a) <= len(b) else b
        return lcs_length(a, b) == len(small) and any(t not in STOPWORDS for t in small)

    def match(
        self,
        q: NewWording,
        day: int | None,
        speaker_id: int | None,
        speaker_kind: str | None,
        q_text: str | None = None,
        article_id: int | None = None,
        said: tuple[int, int] | None = None,
        occasion: str | None = None,
    ) -> tuple[int | None, float]:
        """The best statement for a quote and its link score, or ``(None, 0)``. A statement
        said on another day (``said``) or on another named occasion is never a match.
        :attr:`linked` is left holding every statement the quote links to by quoted-words
        evidence (score of at least ``merge_score``): one utterance, so they merge."""
        anonymous = speaker_kind == "anonymous"
        p = self.params
        best_key: int | None = None
        best = 0.0
        self.linked = []
        eligible: list[StatementState] = []
        for s in self.candidates(speaker_id, day, q):
            if dates_conflict(said, s.said) or occasions_conflict(occasion, s.occasion):
                continue
            eligible.append(s)
            score = 0.0
            close = []  # the wordings sharing enough content for any link
            for w in s.compared():
                # Every kind of link needs this much content in common (exact check of what
                # the signature index estimated).
                if not self._shares_content(q, w):
                    continue
                close.append(w)
                score = max(score, self._verbatim_score(q, w, anonymous))
            if score == 0.0 and not anonymous:
                # Two wordings in quotation marks that no verbatim link joins are two
                # sentences of the speaker, however many topic words they share: paraphrase
                # evidence needs reported speech on one side. It is tested against every
                # wording the statement keeps, not its root alone: which quote is root
                # depends on what arrived, the wordings kept do not. (The semantic scorer
                # has the root's text only.)
                score = max(
                    (
                        self.paraphrase_score(q, w)
                        for w in close
                        if not (q.type == "direct" and w.type == "direct")
                    ),
                    default=0.0,
                )
                if self.semantic is not None and q_text is not None:
                    score = max(score, self.paraphrase_score(q, s.root, q_text, lexical=False))
                # Without dates on both sides time cannot vouch for the occasion: no frame
                # link then.
                if (
                    day is not None
                    and s.first is not None
                    and score < p.frame_score
                    and self.frame_linked(q, s.root, abs(day - s.first))
                ):
                    score = p.frame_score
            if (
                score == 0.0
                and not anonymous
                and article_id is not None
                and article_id == s.article
            ):
                # Two direct quotes of one article are two sentences of the speaker (a split
                # quote is joined before matching): only a restatement in reported speech, or
                # a fragment in marks, sums up another of the article's quotes. Words in
                # marks count only inside the article's own wordings: the statement's others
                # come from other articles, and a paragraph one of them quotes would hold
                # the words of any sentence near it. A restatement of another outlet's wording
                # is :meth:`_vouched`'s (order-free) rule, not this one.
                own = [w for w in s.compared() if w.id in self._article_quotes]
                both_direct = q.type == "direct" and all(w.type == "direct" for w in own)
                if any(self.quoted_within(q, w) for w in own):
                    score = p.same_article_quoted_score
                elif not both_direct:
                    score = max(
                        (self.same_article_score(q, w) for w in own if self._shares_content(q, w)),
                        default=0.0,
                    )
            # A statement this article started, linked by any evidence, is the article's
            # own lead or headline for the quote: had the quote come first, the lead would
            # have joined the quote's statement, so it merges (order independence).
            local = score > 0.0 and article_id is not None and article_id == s.article
            if score >= p.merge_score or (local and s.key in self._article_new):
                self.linked.append(s.key)
            if score > best:  # ties keep the older statement (candidates come in key order)
                best, best_key = score, s.key
        if not anonymous and article_id is not None:
            vouched = self._vouched(q, best_key, eligible)
            if vouched and best_key is None:
                best_key, best = vouched[0], p.same_article_overlap
            self.linked.extend(k for k in vouched if k not in self.linked)
        return best_key, best

    def _vouched(
        self, q: NewWording, best_key: int | None, eligible: Sequence[StatementState]
    ) -> list[int]:
        """Statements shown one with the quote's by an article's restatement.

        An article's lead or headline sums up its quote, and often in words found only in a
        fuller wording another article quotes. Two statements are one when a wording of one
        restates (same-article evidence, :meth:`same_article_score`) a wording of the other
        from another article, and the restating wording's article has a wording in that other
        statement too. Tested on every pair of kept wordings whenever a quote arrives, with
        the quote counted in the statement it joins (``best_key``; alone when None), so the
        result does not depend on which of the three wordings came last. In: the quote, the
        statement it joins, the eligible candidates. Out: keys of statements to merge with
        it, in key order."""
        mine: list[NewWording | StoredWording] = [q]
        if best_key is not None:
            mine.extend(self.statements[best_key].compared())
        arts = {w.article for w in mine if w.article is not None}
        out = []
        for t in eligible:
            if t.key == best_key or t.key in self.linked:
                continue
            theirs = t.compared()
            tarts = {w.article for w in theirs if w.article is not None}
            # A wording vouched for by its article needs that article on both sides.
            if not arts & tarts:
                continue
            if any(
                self._restates(a, b)
                for a in mine
                for b in theirs
                if a.article is not None
                and b.article is not None
                and a.article != b.article
                and ((a.article in tarts) or (b.article in arts))
            ):
                out.append(t.key)
        return out

    def _restates(self, a: NewWording | StoredWording, b: NewWording | StoredWording) -> bool:
        """Whether one wording restates the other by same-article evidence (symmetric):
        reported speech on one side, wordings the signature filter would compare, and the
        shared content :meth:`same_article_score` asks for."""
        p = self.params
        if a.type == "direct" and b.type == "direct":
            return False
        if not p.candidate_filter.passes(a.sig, a.psig, b.sig, b.psig):
            return False
        small = min(len(a.content), len(b.content))
        shared = len(set(a.content).intersection(b.content))
        return shared >= p.same_article_min_shared and shared >= p.same_article_overlap * small

    def add_all(self, recs: Sequence[QuoteRecord]) -> list[Placement]:
        """Place quotes in order (one article's, or a whole collection). In: records in
        increasing id order. Out: their placements, in the same order."""
        return [self.add(r) for r in recs]

    def add(self, rec: QuoteRecord) -> Placement:
        """Place one quote (records must arrive in increasing id order). Each quote is
        matched by the words it is stored with, its own: what a later quote can find of it
        is what it found itself, so the order of arrival does not decide the match. The
        later part of a split quote joins its first part's statement (see below)."""
        q = wording(rec.id, rec.type, rec.text, rec.cue, rec.article_id)
        day = _ordinal(rec.published)
        if rec.article_id != self._article:
            self._article, self._article_keys = rec.article_id, set()
            self._article_quotes = set()
            self._article_new = set()
        key = self._placed.get(rec.continues) if rec.continues is not None else None
        if key is not None and self.statements[key].speaker_id != rec.speaker_id:
            key = None
        # A later part of a split quote joins its first part's statement (``key`` already),
        # and is matched by its own words too: a statement its words link to strongly is the
        # same utterance, as it would have joined this part's statement had it come later.
        matched, _ = self.match(
            q,
            day,
            rec.speaker_id,
            rec.speaker_kind,
            rec.text if self.semantic is not None else None,
            rec.article_id,
            rec.said,
            rec.occasion,
        )
        if key is None:
            key = matched
        merged: tuple[int, ...] = ()
        if key is not None and len(set(self.linked) | {key}) > 1:
            group_keys = sorted(set(self.linked) | {key})
            key = self._merge(group_keys)
            merged = tuple(k for k in group_keys if k != key)
        placement = self._place(rec, stored(q), day, key)
        if merged:
            placement = dataclasses.replace(placement, merged=merged, root_changed=True)
        if rec.article_id is not None:
            self._article_keys.add(placement.statement_key)
            self._article_quotes.add(rec.id)
            if placement.is_new:
                self._article_new.add(placement.statement_key)
        if rec.speaker_id is not None:
            self._placed[rec.id] = placement.statement_key
            if len(self._placed) > 4096:  # only the current article's quotes are needed
                for old in sorted(self._placed)[:2048]:
                    del self._placed[old]
        return placement

    def _merge(self, keys: Sequence[int]) -> int:
        """Merge statements (one speaker's) into the lowest key: its state takes the others'
        count, earliest date, fullest root, first quoted wordings and when/where; the
        others leave the index and their keys resolve to it. In: keys, increasing. Out: the
        surviving key."""
        keep = keys[0]
        s = self.statements[keep]
        for k in keys[1:]:
            o = self.statements.pop(k)
            self.merged[k] = keep
            for w in list(o.compared()):
                self._retire_row(o, w)
            if o.speaker_id is not None:
                spk_keys = self._keys.get(o.speaker_id, [])
                if k in spk_keys:
                    spk_keys.remove(k)
                undated = self._undated.get(o.speaker_id, [])
                if k in undated:
                    undated.remove(k)
                if o.root.frame is not None:
                    fk = self._frames.get((o.speaker_id, o.root.frame), [])
                    if k in fk:
                        fk.remove(k)
            self._article_keys.discard(k)
            self._article_new.discard(k)
            for qid, placed in self._placed.items():
                if placed == k:
                    self._placed[qid] = keep
            s.n += o.n
            if o.first is not None and (s.first is None or o.first < s.first):
                self._move(s, o.first)
            s.said = s.said or o.said
            s.occasion = s.occasion or o.occasion
            old_root = s.root
            links = {w.id: w for w in s.links + o.links}
            s.links = [links[i] for i in sorted(links)][: self.params.max_links]
            if o.root.rank > s.root.rank:
                s.root = o.root
            if s.root is not old_root:
                self._add_frame(s)
            live = {x.id for x in s.compared()}
            for wid in [w for w in s.rows if w not in live]:
                pos = s.rows.pop(wid)
                if s.speaker_id is not None:
                    self._index[s.speaker_id].set_day(pos, DEAD_DAY)
            for w in s.compared():
                self._add_row(s, w)
            if self.semantic is not None and o.root.id in self._texts:
                self._texts.setdefault(s.root.id, self._texts[o.root.id])
        return keep

    def _place(
        self, rec: QuoteRecord, q: StoredWording, day: int | None, key: int | None
    ) -> Placement:
        if key is None:
            s = StatementState(
                self.new_key(rec),
                rec.speaker_id,
                rec.speaker_kind,
                day,
                q,
                [q],
                1,
            )
            s.article = rec.article_id
            s.said, s.occasion = _day_range(rec.said), rec.occasion
            self.statements[s.key] = s
            self._register(s)
            if self.semantic is not None:
                self._texts[q.id] = rec.text
            return Placement(s.key, True, True, q.sig, q.psig)
        s = self.statements[key]
        s.n += 1
        s.article = rec.article_id
        if s.said is None:
            s.said = _day_range(rec.said)
        if s.occasion is None:
            s.occasion = rec.occasion
        if day is not None and (s.first is None or day < s.first):
            self._move(s, day)
        if len(s.links) < self.params.max_links:
            s.links.append(q)
            self._add_row(s, q)
        root_changed = q.rank > s.root.rank
        if root_changed:
            old = s.root
            s.root = q
            self._add_row(s, q)
            self._add_frame(s)
            if all(w.id != old.id for w in s.links):
                self._retire_row(s, old)
            if self.semantic is not None:
                self._texts[q.id] = rec.text
        return Placement(s.key, False, root_changed, q.sig, q.psig)


def classify(
    root_type: str,
    root_text: str,
    rec_type: str,
    rec_text: str,
    params: GroupingParams | None = None,
    paraphrase_score: float | None = None,
    split: bool = False,
) -> tuple[str, dict[str, Any] | None, float]:
    """How a quote renders its statement's root wording.

    * ``verbatim``: the same words (typography, case and punctuation aside);
    * ``trimmed``: quoted words that all appear in the root in order, dropped words only at
      the edges or where the quote shows an ellipsis (detail: words kept / root words);
    * ``altered``: quoted words that follow the root but change, add or silently drop words
      inside the quotation marks (detail ``changes``: ``[{"root": …, "variant": …}]``);
    * ``paraphrase``: reported speech, or a quote too different to align.

    ``split`` marks one part of a quote an article split around its attribution: a part that
    does not align with the root is another piece of the same utterance, so ``trimmed``
    (detail ``split_part``). In: root type and text, quote type and text (not the root
    itself). Out: (kind, detail, similarity in [0, 1]).
    """
    kind, detail, sim = _classify(
        root_type,
        root_text,
        rec_type,
        rec_text,
        params or GroupingParams(),
        paraphrase_score,
        split,
    )
    if split:
        detail = {**(detail or {}), "split_part": True}
    return kind, detail, sim


def _classify(
    root_type: str,
    root_text: str,
    rec_type: str,
    rec_text: str,
    p: GroupingParams,
    paraphrase_score: float | None,
    split: bool,
) -> tuple[str, dict[str, Any] | None, float]:
    root_tokens = words(root_text)
    if rec_type == "indirect" or not root_tokens:
        sim = (
            paraphrase_score
            if paraphrase_score is not None
            else _lexical_similarity(root_text, rec_text)
        )
        return "paraphrase", None, round(sim, 4)
    if rec_type == "mixed":
        return _classify_mixed(root_tokens, rec_text, p, paraphrase_score, root_text)
    tokens, gaps = words_with_gaps(rec_text)
    if tokens == root_tokens:
        return "verbatim", None, 1.0
    changes, matched = inner_changes(root_tokens, tokens, gaps)
    contain = matched / len(tokens) if tokens else 0.0
    if not changes:
        return "trimmed", {"kept": len(tokens), "root_words": len(root_tokens)}, 1.0
    if contain >= p.altered_min_containment:
        return "altered", {"changes": [c.as_dict() for c in changes]}, round(contain, 4)
    if split:
        return "trimmed", {"kept": len(tokens), "root_words": len(root_tokens)}, round(contain, 4)
    sim = (
        paraphrase_score
        if paraphrase_score is not None
        else _lexical_similarity(root_text, rec_text)
    )
    return "paraphrase", None, round(sim, 4)


def _classify_mixed(
    root_tokens: tuple[str, ...],
    text: str,
    p: GroupingParams,
    paraphrase_score: float | None,
    root_text: str,
) -> tuple[str, dict[str, Any] | None, float]:
    """Mixed quotes: their quoted fragments are held to the root's words, the rest is the
    reporter's. Fragments that all match make a ``trimmed`` quote when the reporter added
    (almost) nothing, else a ``paraphrase``; a fragment with changed words is ``altered``."""
    changes = []
    matched = total = 0
    for frag in quoted_fragments(text):
        ftoks, gaps = words_with_gaps(frag)
        c, m = inner_changes(root_tokens, ftoks, gaps)
        changes.extend(c)
        matched += m
        total += len(ftoks)
    contain = matched / total if total else 0.0
    if total and not changes:
        if len(unquoted_words(text)) <= 2:
            return "trimmed", {"kept": total, "root_words": len(root_tokens)}, 1.0
        return "paraphrase", {"quoted_words_verbatim": True}, round(contain, 4)
    if total and contain >= p.altered_min_containment:
        return "altered", {"changes": [c.as_dict() for c in changes]}, round(contain, 4)
    sim = paraphrase_score if paraphrase_score is not None else _lexical_similarity(root_text, text)
    return "paraphrase", None, round(sim, 4)


def _lexical_similarity(a: str, b: str) -> float:
    """Content-stem overlap coefficient of two texts, for paraphrase similarity figures."""
    ca, cb = content_stems(words(a)), content_stems(words(b))
    if not ca or not cb:
        return 0.0
    return len(ca & cb) / min(len(ca), len(cb))


def group(
    records: Iterable[QuoteRecord],
    params: GroupingParams | None = None,
    semantic: SemanticScorer | None = None,
) -> list[Assignment]:
    """Group a whole collection from scratch (the reference for incremental grouping).

    In: quote records (any order; processed in id order). Out: one assignment per quote, in
    id order; ``statement_key`` is the id of the quote that started the statement.
    """
    # A semantic scorer runs a model this module knows nothing of, which may make cycles:
    # the collector stays on for it.
    with collector_paused() if semantic is None else contextlib.nullcontext():
        recs = sorted(records, key=lambda r: r.id)
        split = split_parts(recs)
        grouper = Grouper(params, semantic)
        key_of: dict[int, int] = {}
        for r, pl in zip(recs, grouper.add_all(recs)):
            key_of[r.id] = pl.statement_key
        key_of = {q: grouper.resolve(k) for q, k in key_of.items()}
        root_of = {k: s.root.id for k, s in grouper.statements.items()}
        params = grouper.params
        del grouper  # its index is no longer needed: free it before building the assignments
        by_id = {r.id: r for r in recs}
        return [
            assignment_for(r, by_id[root_of[key_of[r.id]]], params, key_of[r.id], r.id in split)
            for r in recs
        ]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, as it was before on exit.

    Grouping builds a few long-lived objects per quote (wordings, index rows, statements)
    and makes no reference cycles: all its garbage goes by reference counting the moment it
    is unused. With the collector on, every few hundred allocations it walks the young
    objects, and now and then all of them; at 200,000 quotes that was about a tenth of the
    grouping time, for nothing found (benchmarks/statements.py; the test suite checks that
    a grouping leaves no cycles behind)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def assignment_for(
    rec: QuoteRecord | Any,
    root: QuoteRecord | Any,
    params: GroupingParams | None = None,
    statement_key: int | None = None,
    split: bool = False,
) -> Assignment:
    """Classify ``rec`` against its statement's root record. In: the quote, the root quote
    (anything with ``id``, ``type``, ``text``), whether the quote is part of a split quote.
    Out: the quote's :class:`Assignment`."""
    key = statement_key if statement_key is not None else root.id
    if rec.id == root.id:
        return Assignment(rec.id, key, "root", {"split_part": True} if split else None, 1.0)
    kind, detail, sim = classify(root.type, root.text, rec.type, rec.text, params, split=split)
    return Assignment(rec.id, key, kind, detail, sim)


def split_parts(records: Iterable[QuoteRecord]) -> set[int]:
    """Ids of quotes that are part of a split quote (continuing parts and the parts they
    continue)."""
    out: set[int] = set()
    for r in records:
        if r.continues is not None:
            out.update((r.id, r.continues))
    return out


def statement_keys(assignments: Sequence[Assignment]) -> dict[int, list[int]]:
    """Quote ids by statement key, both in increasing order."""
    out: dict[int, list[int]] = {}
    for a in sorted(assignments, key=lambda a: a.quote_id):
        out.setdefault(a.statement_key, []).append(a.quote_id)
    return out


_ATTRIBUTION_GAP = 80  # characters between the parts of a split quote
# A longer attribution ("A," Trump said at a rally in Toledo, Ohio, on Tuesday night, "B.")
# still joins the parts when the first part runs on (ends in a comma) and no sentence of the
# writer's own stands between them; this long at most.
_LONG_ATTRIBUTION_GAP = 300
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s")


def _joins_parts(first: str, gap: str) -> bool:
    """Whether ``gap``, the text between two direct quotes of one speaker, is only their
    attribution. In: the first quote's text and the gap. Out: True for one split quote."""
    if "\n" in gap or not any(c.isalpha() for c in gap):
        return False
    if len(gap) <= _ATTRIBUTION_GAP:
        return True
    runs_on = first.rstrip().endswith(",") or gap.lstrip().startswith(",")
    return runs_on and len(gap) <= _LONG_ATTRIBUTION_GAP and len(_SENTENCE_END.findall(gap)) <= 1


def continuations(
    article_text: str, quotes: Sequence[tuple[int, int | None, str, int, int]]
) -> dict[int, int]:
    """Split quotes in one article: direct quotes of the same speaker separated only by an
    attribution in the same paragraph (``"A," she said. "B."``) are one utterance.

    In: the article text and its quotes as ``(id, speaker_id, type, start, end)``. Out: a map
    from the id of each continuing part to the id of the part it continues.
    """
    direct = sorted(
        (q for q in quotes if q[2] == "direct" and q[1] is not None), key=lambda q: q[3]
    )
    out: dict[int, int] = {}
    for prev, cur in zip(direct, direct[1:]):
        if prev[1] != cur[1] or cur[3] < prev[4]:
            continue
        if _joins_parts(article_text[prev[3] : prev[4]], article_text[prev[4] : cur[3]]):
            out[cur[0]] = prev[0]
    return out
