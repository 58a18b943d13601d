"""quotetrack.open(): one filter model, one speaker filter, typed records, errors that say
what went wrong, one ingest loop, and grouping settings that ingest and regroup share.

The articles are in tests/stories.py: two outlets quote Antony Blinken, one of them also an
unnamed "Blinken aide", and a third quotes John Kirby.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest
from stories import DAY, Annotated, articles, quote

import quotetrack
from quotetrack.ingest import Outcome, ingest_articles, outcomes
from quotetrack.records import SpeakerProfile, StatementSummary, StoredQuote
from quotetrack.types import Article


@pytest.fixture
def qt(tmp_path):
    db = quotetrack.open(tmp_path / "api.db")
    pairs = articles()
    extractor = Annotated({a.url or "": q for a, q in pairs})
    summary = ingest_articles([a for a, _ in pairs], db.store, extractor=extractor)
    assert (summary.new, summary.failed) == (3, 0)
    yield db
    db.close()


# --------------------------------------------------------------------------- the speaker filter


def test_a_name_filter_means_the_named_speaker_not_unnamed_sources_described_with_it(qt):
    quotes = qt.quotes(speaker="Blinken")
    assert {q.speaker for q in quotes} == {"Antony Blinken"} and len(quotes) == 2
    statements = qt.statements(speaker="Blinken")
    assert {s.speaker for s in statements} == {"Antony Blinken"}
    out = io.StringIO()
    assert qt.export("statements", out, format="jsonl", speaker="Blinken") == len(statements)
    assert qt.export("quotes", io.StringIO(), speaker="Blinken") == len(quotes)


def test_unnamed_sources_join_a_name_filter_only_when_asked(qt):
    both = qt.quotes(speaker="Blinken", anonymous=True)
    assert {q.speaker for q in both} == {"Antony Blinken", "a Blinken aide"}
    assert len(qt.statements(speaker="Blinken", anonymous=True)) == 2
    assert qt.export("quotes", io.StringIO(), speaker="Blinken", anonymous=True) == 3
    # Naming the description exactly is asking for it.
    (aide,) = qt.quotes(speaker="a Blinken aide")
    assert aide.text == "The secretary was blunt in private"


def test_a_name_that_matches_nobody_is_not_found_but_no_rows_is_an_empty_list(qt):
    with pytest.raises(quotetrack.NotFound, match="Nobody"):
        qt.quotes(speaker="Nobody")
    with pytest.raises(quotetrack.NotFound):
        qt.statements(speaker="Nobody")
    with pytest.raises(quotetrack.NotFound):
        qt.speaker("Nobody")
    assert qt.quotes(speaker="Kirby", outlet="Reuters") == []


def test_speaker_picks_the_exact_match_and_groups_quotes_by_statement(qt):
    profile = qt.speaker("blinken")
    assert isinstance(profile, SpeakerProfile)
    assert profile.speaker.name == "Antony Blinken" and profile.speaker.n_quotes == 2
    (group,) = profile.statements()
    assert [q.outlet for q in group.quotes] == ["Reuters", "AP"]
    assert qt.speaker(profile.speaker.id) == profile


def test_a_name_that_fits_several_speakers_is_ambiguous(qt, tmp_path):
    text = '"Talks go on," Jill Biden said. "Talks stop," Hunter Biden said.'
    art = Article(text=text, outlet="CNN", published=DAY)
    qt.store.save_article(
        art, [quote(text, "Talks go on", "Jill Biden"), quote(text, "Talks stop", "Hunter Biden")]
    )
    with pytest.raises(quotetrack.AmbiguousName) as err:
        qt.speaker("Biden")
    assert sorted(m.name for m in err.value.matches) == ["Hunter Biden", "Jill Biden"]
    # As a filter, a surname stands for everyone who has it.
    assert {q.speaker for q in qt.quotes(speaker="Biden")} == {"Jill Biden", "Hunter Biden"}


# --------------------------------------------------------------------------- one filter model


def test_filters_take_dates_as_text_or_dates_and_check_their_values(qt):
    assert qt.quotes(since="2023-12-02") == qt.quotes(since=dt.date(2023, 12, 2))
    assert [q.outlet for q in qt.quotes(until="2023-12-01")] == ["Reuters", "Reuters"]
    with pytest.raises(quotetrack.InputError, match="since"):
        qt.quotes(since="yesterday")
    with pytest.raises(quotetrack.InputError, match="type"):
        qt.quotes(type="hearsay")
    with pytest.raises(quotetrack.InputError, match="limit"):
        qt.quotes(limit=0)
    with pytest.raises(quotetrack.InputError, match="no filter type"):
        qt.export("statements", io.StringIO(), type="direct")
    with pytest.raises(quotetrack.InputError, match="unknown filter"):
        quotetrack.Filters.of(speakr="Blinken")


def test_records_are_frozen_and_typed(qt):
    (q,) = qt.quotes(speaker="Kirby")
    assert isinstance(q, StoredQuote) and q.date == DAY + dt.timedelta(days=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.text = "x"  # type: ignore[misc]
    (s,) = qt.statements(speaker="Kirby")
    assert isinstance(s, StatementSummary) and s.n_outlets == 1
    detail = qt.statement(s.statement_id)
    assert detail.root is not None and detail.root.text == "The pause has collapsed"
    with pytest.raises(quotetrack.NotFound):
        qt.statement(999)


def test_export_writes_the_same_rows_in_every_format(qt, tmp_path):
    as_csv, as_json, as_jsonl = io.StringIO(), io.StringIO(), io.StringIO()
    assert qt.export("quotes", as_csv, format="csv") == 4
    assert qt.export("quotes", as_json, format="json") == 4
    assert qt.export("quotes", as_jsonl, format="jsonl") == 4
    rows = json.loads(as_json.getvalue())
    assert rows == [json.loads(line) for line in as_jsonl.getvalue().splitlines()]
    assert as_csv.getvalue().splitlines()[0].split(",") == list(rows[0])
    with pytest.raises(quotetrack.InputError, match="format"):
        qt.export("quotes", io.StringIO(), format="xlsx")


def test_bad_search_queries_and_writing_sql_are_input_errors(qt):
    with pytest.raises(quotetrack.InputError, match="bad search query"):
        qt.search('"unterminated')
    assert [h.speaker for h in qt.search("pause")] == ["John Kirby"]
    with pytest.raises(quotetrack.InputError):
        qt.sql("DELETE FROM quotes")
    assert qt.sql("SELECT count(*) AS n FROM quotes").dicts() == [{"n": 4}]


def test_a_missing_database_is_not_created_by_a_reader(tmp_path):
    with pytest.raises(quotetrack.DatabaseMissing, match="No database at"):
        quotetrack.open(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


# --------------------------------------------------------------------------- the ingest loop


def test_one_loop_skips_unchanged_articles_and_reports_failed_extraction(tmp_path):
    with quotetrack.open(tmp_path / "loop.db") as qt:
        pairs = articles()
        by_url = {a.url or "": q for a, q in pairs}
        arts = [a for a, _ in pairs]
        first = list(outcomes(arts, qt.store, Annotated(by_url, broken=frozenset({arts[1].url}))))
        assert [o.status for o in first] == ["new", "failed", "new"]
        assert "detection failed: annotation missing" in (first[1].error or "")
        again = list(outcomes(arts, qt.store, Annotated(by_url)))
        # Unchanged articles are reported before any extraction, then the one left is saved.
        assert [(o.article.url, o.status) for o in again] == [
            (arts[0].url, "unchanged"),
            (arts[2].url, "unchanged"),
            (arts[1].url, "new"),
        ]


def test_an_extractor_that_saves_by_itself_is_only_reported(tmp_path):
    @dataclasses.dataclass
    class AlreadyStored:
        saves: bool = True

        def extract(self, arts):
            for art in arts:
                yield art, Outcome(art, "new", n_quotes=2, new_speakers=1)

    with quotetrack.open(tmp_path / "saved.db") as qt:
        arts = [a for a, _ in articles()]
        summary = ingest_articles(arts, qt.store, extractor=AlreadyStored())
        assert (summary.new, summary.quotes, summary.speakers) == (3, 6, 3)
        assert qt.store.stats()["articles"] == 0  # the loop itself wrote nothing


# --------------------------------------------------------------------------- grouping settings


def test_grouping_settings_are_stored_so_ingest_and_regroup_agree(tmp_path):
    db = tmp_path / "settings.db"
    pairs = articles()
    with quotetrack.open(db) as qt:
        # Blinken's two quotes are a day apart: a window of 0 days keeps them apart.
        ingest_articles(
            [a for a, _ in pairs[:1]], qt.store, extractor=Annotated({pairs[0][0].url: pairs[0][1]})
        )
        report = qt.regroup(window_days=0)
        assert report.statements == 2
        assert qt.grouping_settings()["window_days"] == 0
    with quotetrack.open(db) as qt:
        assert qt.store.grouping.params.window_days == 0  # type: ignore[union-attr]
        by_url = {a.url or "": q for a, q in pairs}
        ingest_articles([a for a, _ in pairs[1:]], qt.store, extractor=Annotated(by_url))
        ingested = {s.statement_id: s.n_quotes for s in qt.statements()}
        again = qt.regroup()
        assert again.removed == 0 and again.kept == again.statements == len(ingested)
        assert {s.statement_id: s.n_quotes for s in qt.statements()} == ingested
        assert ingested and max(ingested.values()) == 1  # the new window held at ingest
    with quotetrack.open(db) as qt, pytest.raises(quotetrack.InputError, match="window_dayz"):
        qt.regroup(window_dayz=3)


# --------------------------------------------------------------------------- missing stages


def test_a_missing_attribute_stage_fails_loudly(monkeypatch):
    import sys

    import spacy

    from quotetrack.pipeline import QuotetrackComponent

    monkeypatch.setitem(sys.modules, "quotetrack.attribute.resolve", None)
    with pytest.raises(quotetrack.StageMissing, match="speaker attribution"):
        QuotetrackComponent(spacy.blank("en"), "quotetrack")


def test_every_deliberate_error_is_a_quotetrack_error():
    from quotetrack.distributed import DaskUnavailable
    from quotetrack.nlp import ModelNotFound
    from quotetrack.store import QueryTimeout, ReadOnlyViolation, SearchSyntaxError, SQLError

    for cls in (DaskUnavailable, ModelNotFound, QueryTimeout, ReadOnlyViolation, SQLError):
        assert issubclass(cls, quotetrack.QuotetrackError), cls
    assert issubclass(SearchSyntaxError, quotetrack.InputError)
    assert issubclass(quotetrack.InputError, ValueError)  # callers catching ValueError still do


# --------------------------------------------------------------------------- corrections


def test_fixes_through_the_api_are_logged_applied_and_undone(qt):
    kirby = next(s for s in qt.speakers() if s.name == "John Kirby")
    fix = qt.fix.rename_speaker(kirby.id, "John F. Kirby", note="full name", by="ana")
    assert fix.author == "ana" and fix.note == "full name"
    assert {q.speaker for q in qt.quotes(speaker="John F. Kirby")} == {"John F. Kirby"}
    (entry,) = qt.fix.log()
    assert entry.id == fix.id and entry.undone_by is None
    qt.fix.undo(fix.id, by="ana")
    assert {q.speaker for q in qt.quotes(speaker="Kirby")} == {"John Kirby"}
    assert qt.fix.log()[0].undone_by is not None


def test_a_refused_fix_through_the_api_changes_nothing(qt):
    blinken = next(s for s in qt.speakers() if s.name == "Antony Blinken")
    with pytest.raises(quotetrack.corrections.FixRefused):
        qt.fix.merge_speakers(blinken.id, [blinken.id])
    with pytest.raises(quotetrack.corrections.UnknownTarget):
        qt.fix.set_quote_type(10**9, "direct")
    assert qt.fix.log() == []
