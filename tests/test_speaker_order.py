"""Speaker identity does not depend on the order articles arrive in.

An article that names a person and then quotes them only as "the prime minister" can be
resolved only once some article states that person's role. Whichever comes first, the
description's quotes end with the person, and their statements with the person's.
"""

from __future__ import annotations

import itertools

from quotetrack.extract import extract
from quotetrack.ingest import open_store
from quotetrack.types import Article

ARTICLES = {
    # names the person, then quotes them only under their office
    "described.txt": (
        "Harold Vance has called a snap election for July.\n\n"
        "Speaking outside his office in the rain, the prime minister said it was "
        '"the moment for the country to choose its future".\n\n'
        '"I have never been prouder to serve this country," the prime minister said.'
    ),
    # states the role
    "titled.txt": (
        "Prime Minister Harold Vance said on Wednesday that the election would be held in "
        'July.\n\n"I have never been prouder to serve this country," Mr Vance said.'
    ),
    # another prime minister, whom the described article never names
    "elsewhere.txt": (
        "Prime Minister Edith Crane of Norland said the summit would go ahead.\n\n"
        '"We will host it in the spring," Ms Crane said.'
    ),
    "rival.txt": (
        'Opposition leader Martin Quill said the vote was "a chance for change".\n\n'
        '"The prime minister has run out of ideas," Mr Quill said.'
    ),
}


def _stored(db, order: tuple[str, ...], quotes: dict) -> tuple[dict, set]:
    """Ingest ``order`` into a new database: each quote's speaker name, and the statements
    as sets of quotes (quotes keyed by article and text)."""
    with open_store(db) as store:
        for name in order:
            store.save_article(Article(text=ARTICLES[name], source_path=name), quotes[name])
        rows = store.run_sql(
            "SELECT a.source_path, q.text, s.name, q.statement_id FROM quotes q "
            "JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN speakers s ON s.id = q.speaker_id"
        )[1]
    speakers = {(path, text): name for path, text, name, _ in rows}
    groups: dict[int, set] = {}
    for path, text, _, statement in rows:
        groups.setdefault(statement, set()).add((path, text))
    return speakers, {frozenset(g) for g in groups.values()}


def test_a_description_resolves_to_the_person_whatever_the_order(tmp_path) -> None:
    quotes = dict(zip(ARTICLES, extract(list(ARTICLES.values()))))
    orders = list(itertools.permutations(ARTICLES))[::5]  # 5 of the 24 orders
    # the description comes before the role in some orders and after it in others
    assert {o.index("described.txt") < o.index("titled.txt") for o in orders} == {True, False}
    results = [_stored(tmp_path / f"order{n}.db", order, quotes) for n, order in enumerate(orders)]
    speakers, statements = results[0]
    described = {name for (path, _), name in speakers.items() if path == "described.txt"}
    assert described == {"Harold Vance"}
    # the line both articles carry is one statement of his, in every order
    line = "I have never been prouder to serve this country,"
    assert frozenset({("described.txt", line), ("titled.txt", line)}) in statements
    assert {name for (path, _), name in speakers.items() if path == "elsewhere.txt"} == {
        "Edith Crane"
    }
    for other in results[1:]:
        assert other == (speakers, statements)


def test_a_description_no_named_person_fits_stays_an_unnamed_source(tmp_path) -> None:
    text = (
        "Voters queued for hours on Thursday.\n\n"
        '"The turnout is the highest in decades," the prime minister said.'
    )
    (quotes,) = extract([text])
    with open_store(tmp_path / "news.db") as store:
        store.save_article(Article(text=text, source_path="queue.txt"), quotes)
        titled = ARTICLES["titled.txt"]
        store.save_article(Article(text=titled, source_path="titled.txt"), next(extract([titled])))
        rows = store.run_sql(
            "SELECT s.kind, s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
            "JOIN articles a ON a.id = q.article_id WHERE a.source_path = 'queue.txt'"
        )[1]
    assert rows == [("anonymous", "the prime minister")]


def test_a_one_word_name_is_one_speaker_whether_read_as_body_or_person(tmp_path) -> None:
    from quotetrack.store import open_store as open_plain_store
    from quotetrack.types import Quote

    def quote(text: str, said: str, name: str, kind: str) -> Quote:
        start = text.index(said)
        return Quote(
            type="direct", start=start, end=start + len(said), speaker=name, speaker_kind=kind
        )

    shown = 'Lena Marsh will return as CEO of Quantix. "We are glad," the company said.'
    plain = '"We are glad," Quantix said on Tuesday.'
    for order in ((shown, plain), (plain, shown)):
        with open_plain_store(tmp_path / f"{len(order[0])}.db") as store:
            for text in order:
                kind = "organisation" if text is shown else "person"
                store.save_article(
                    Article(text=text, source_path=str(len(text))),
                    [quote(text, "We are glad", "Quantix", kind)],
                )
            ids = store.run_sql("SELECT DISTINCT speaker_id FROM quotes")[1]
        assert len(ids) == 1
    # a person known by a full name and a body of the same word stay apart
    with open_plain_store(tmp_path / "apart.db") as store:
        text = '"We are glad," Jordan said.'
        store.save_article(
            Article(text=text, source_path="a"),
            [quote(text, "We are glad", "Jordan", "organisation")],
        )
        text = '"We are glad too," Michael Jordan said.'
        store.save_article(
            Article(text=text, source_path="b"),
            [quote(text, "We are glad too", "Michael Jordan", "person")],
        )
        assert len(store.run_sql("SELECT DISTINCT speaker_id FROM quotes")[1]) == 2


def _speakers_in_order(db, texts: dict, quotes: dict, order) -> list[tuple[str, str, str]]:
    """Ingest the articles ``order`` names (keys of ``texts``) into a new database: each
    stored quote's (article, speaker name, speaker kind)."""
    with open_store(db) as store:
        for name in order:
            store.save_article(Article(text=texts[name], source_path=name), quotes[name])
        return store.run_sql(
            "SELECT a.source_path, s.name, s.kind FROM quotes q "
            "JOIN speakers s ON s.id = q.speaker_id JOIN articles a ON a.id = q.article_id"
        )[1]


LONG_NAME = {
    # the full name, then the given name alone, as an article does
    "full.txt": (
        "Dr Idris Amara Welde, the director-general of the Global Health Body, said on "
        'Monday the outbreak was "a grave threat".\n\n'
        '"We have a window," Dr Idris told reporters in Geneva.'
    ),
    "hyphen.txt": "Director-General Idris Amara-Welde warned on Monday that the window was closing.",
    "two_names.txt": 'GHB chief Idris Amara said on Monday: "This is a grave threat."',
    "given.txt": 'Idris told reporters on Tuesday that countries must act. "Now," he said.',
}


def test_a_long_name_is_one_speaker_under_its_short_forms_and_spellings(tmp_path) -> None:
    # "Idris Amara" and "Idris Amara-Welde" meet "Idris Amara Welde" by their words; the
    # given name alone meets him once an article has resolved it to him (full.txt first).
    quotes = dict(zip(LONG_NAME, extract(list(LONG_NAME.values()))))
    for n, order in enumerate(itertools.permutations(["hyphen.txt", "two_names.txt"])):
        rows = _speakers_in_order(
            tmp_path / f"long{n}.db", LONG_NAME, quotes, ("full.txt", *order, "given.txt")
        )
        assert {name for _, name, _ in rows} == {"Idris Amara Welde"}, order


def test_a_given_name_stored_first_is_the_person_an_article_writes_it_for(tmp_path) -> None:
    # "Idris" alone first; an article naming "Dr Idris Amara Welde" and writing "Dr Idris"
    # for him shows the two are one, whichever of its quotes is stored first. The fuller
    # short form decides when both are stored ("Idris Amara" over "Idris").
    quotes = dict(zip(LONG_NAME, extract(list(LONG_NAME.values()))))
    for n, order in enumerate(
        [("given.txt", "full.txt"), ("two_names.txt", "given.txt", "full.txt")]
    ):
        rows = _speakers_in_order(tmp_path / f"given{n}.db", LONG_NAME, quotes, order)
        by_article = {path: name for path, name, _ in rows}
        assert by_article["full.txt"] == "Idris Amara Welde"
        if "two_names.txt" in order:
            assert by_article["two_names.txt"] == "Idris Amara Welde"
        else:
            assert by_article["given.txt"] == "Idris Amara Welde"


def test_a_business_name_read_as_a_persons_is_the_business_unless_a_role_says_otherwise(
    tmp_path,
) -> None:
    from quotetrack.store import open_store as open_plain_store
    from quotetrack.types import Quote

    def quote(text: str, name: str, kind: str, role: str | None = None) -> Quote:
        start = text.index("we")
        return Quote(
            type="indirect",
            start=start,
            end=len(text) - 1,
            speaker=name,
            speaker_kind=kind,
            speaker_role=role,
        )

    body = "Lumen Social Inc. said we would see new controls."
    as_person = "Lumen Social said we would see new controls."
    with open_plain_store(tmp_path / "one.db") as store:
        store.save_article(
            Article(text=body, source_path="a"), [quote(body, "Lumen Social Inc.", "organisation")]
        )
        store.save_article(
            Article(text=as_person, source_path="b"), [quote(as_person, "Lumen Social", "person")]
        )
        assert store.run_sql("SELECT name, kind FROM speakers")[1] == [
            ("Lumen Social Inc.", "organisation")
        ]
    # a role shows a person: "Lumen Social, the skier" is not the business
    with open_plain_store(tmp_path / "two.db") as store:
        store.save_article(
            Article(text=body, source_path="a"), [quote(body, "Lumen Social Inc.", "organisation")]
        )
        store.save_article(
            Article(text=as_person, source_path="b"),
            [quote(as_person, "Lumen Social", "person", role="skier")],
        )
        assert len(store.run_sql("SELECT id FROM speakers")[1]) == 2


VERIDIA = {
    "full.txt": (
        "Veridia Platforms Inc. said on Tuesday it would add parental controls. "
        "Veridia added that teens would be covered."
    ),
    "short.txt": "Veridia said the tools would launch in May.",
}


def test_a_business_stored_under_its_first_word_is_the_business_in_either_order(tmp_path):
    quotes = dict(zip(VERIDIA, extract(list(VERIDIA.values()))))
    for n, order in enumerate([("full.txt", "short.txt"), ("short.txt", "full.txt")]):
        rows = _speakers_in_order(tmp_path / f"veridia{n}.db", VERIDIA, quotes, order)
        speakers = {(name, kind) for _, name, kind in rows}
        assert speakers == {("Veridia Platforms Inc.", "organisation")}, order
