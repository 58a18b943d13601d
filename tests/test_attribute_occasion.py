"""When and where a quote was said: the writer's words around it, resolved against the
publication date. Every snippet is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from quotetrack.attribute.occasion import occasion_key_of, resolve_when
from quotetrack.statements.grouping import dates_conflict, occasions_conflict

SATURDAY = dt.date(2024, 3, 16)


def only_quote(nlp, text: str):
    quotes = nlp(text)._.quotes
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_a_news_conference_with_its_place_and_weekday(nlp):
    text = (
        '"We will not stop until the port reopens," the minister said at a news conference '
        "in Port Elena on Thursday."
    )
    q = only_quote(nlp, text)
    assert q.said_when == "on Thursday"
    assert text[q.said_when_start : q.said_when_end] == "on Thursday"
    assert q.occasion == "at a news conference in Port Elena"
    assert q.occasion_kind == "event"
    assert text[q.occasion_start : q.occasion_end] == q.occasion
    said = resolve_when(q.said_when, SATURDAY)
    assert said is not None and said.date == dt.date(2024, 3, 14)
    assert (said.precision, said.basis) == ("day", "relative")


def test_an_interview_with_an_outlet_is_the_medium(nlp):
    text = (
        "Speaking in an interview with Radio Norte on Sunday, the mayor said the budget "
        "would be cut."
    )
    q = only_quote(nlp, text)
    assert q.occasion == "in an interview with Radio Norte"
    assert q.occasion_kind == "medium"
    assert resolve_when(q.said_when, SATURDAY).date == dt.date(2024, 3, 10)


def test_told_reporters_is_the_audience(nlp):
    q = only_quote(nlp, '"It was a hard week," the coach told reporters yesterday.')
    assert q.occasion == "told reporters"
    assert q.occasion_kind == "audience"
    assert resolve_when(q.said_when, SATURDAY).date == dt.date(2024, 3, 15)


def test_a_body_told_is_the_audience_and_a_programme_called_today_no_date(nlp):
    q = only_quote(nlp, "The minister told parliament on Tuesday that the bill would pass.")
    assert (q.occasion, q.occasion_kind, q.said_when) == (
        "told parliament",
        "audience",
        "on Tuesday",
    )
    # "Today" after a possessive is the programme's name; lower case it dates the words
    assert (
        only_quote(nlp, "She told the Ledger's Today programme that fares would fall.").said_when
        is None
    )
    assert only_quote(nlp, "She said today that fares would fall.").said_when == "today"


def test_a_weekday_inside_the_quote_is_the_speakers_not_the_writers(nlp):
    q = only_quote(nlp, '"We met them on Monday and again yesterday," the envoy said.')
    assert q.said_when is None
    assert q.occasion is None


def test_the_possessive_weekday_dates_the_interview(nlp):
    text = "In Friday's interview, the senator said she would run again next year."
    q = only_quote(nlp, text)
    assert resolve_when(q.said_when, SATURDAY).date == dt.date(2024, 3, 15)
    assert q.occasion_kind == "medium"


@pytest.mark.parametrize(
    ("phrase", "published", "expected", "precision"),
    [
        ("on Saturday", SATURDAY, dt.date(2024, 3, 16), "day"),  # the day it appeared
        ("last Saturday", SATURDAY, dt.date(2024, 3, 9), "day"),
        ("late on Tuesday night", SATURDAY, dt.date(2024, 3, 12), "day"),
        ("last week", SATURDAY, dt.date(2024, 3, 4), "week"),
        ("earlier this month", SATURDAY, dt.date(2024, 3, 1), "month"),
        ("on March 2", SATURDAY, dt.date(2024, 3, 2), "day"),
        ("on 2 March", SATURDAY, dt.date(2024, 3, 2), "day"),
        ("on Dec. 30", SATURDAY, dt.date(2023, 12, 30), "day"),  # the latest before publication
        ("on May 22, 2023", None, dt.date(2023, 5, 22), "day"),  # a full date needs no base
    ],
)
def test_dating_phrases_resolve_against_the_publication_date(
    phrase, published, expected, precision
):
    said = resolve_when(phrase, published)
    assert said is not None
    assert (said.date, said.precision) == (expected, precision)


def test_what_cannot_be_resolved_stays_unknown():
    assert resolve_when("on Thursday", None) is None  # an undated page
    assert resolve_when("on March 30", SATURDAY) is None  # after publication: not when said
    assert resolve_when(None, SATURDAY) is None


def test_occasions_conflict_only_when_both_name_different_ones():
    cnn = "medium:interview|cnn"
    fox = "medium:interview|fox news"
    assert occasions_conflict(cnn, fox)
    assert not occasions_conflict(cnn, cnn)
    assert not occasions_conflict(cnn, "audience:|reporters")
    assert not occasions_conflict(cnn, "medium:interview|")
    assert not occasions_conflict(None, fox)


def test_dates_conflict_beyond_a_day():
    day = dt.date(2024, 3, 14).toordinal()
    assert not dates_conflict((day, day), (day + 1, day + 1))
    assert dates_conflict((day, day), (day + 3, day + 3))
    assert not dates_conflict((day, day), (day - 3, day + 3))  # a week that holds the day
    assert not dates_conflict(None, (day, day))


def test_stored_occasions_key_by_kind_head_and_name():
    cnn = occasion_key_of("medium", "in an interview with CNN")
    fox = occasion_key_of("medium", "in a television interview with Fox News")
    assert occasions_conflict(cnn, fox)
    assert not occasions_conflict(cnn, occasion_key_of("medium", "in an interview with CNN"))
