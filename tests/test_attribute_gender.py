"""Given-name gender, which keeps "she" off Antony Blinken."""

from __future__ import annotations

from quotetrack.attribute.gender import given_name_gender, is_known_given_name


def test_given_names_carry_a_gender() -> None:
    assert given_name_gender("Antony") == "male"
    assert given_name_gender("Kamala") == "female"
    assert given_name_gender("KAMALA") == "female"


def test_unknown_or_initial_names_have_no_gender() -> None:
    assert given_name_gender("Xqzt") is None
    assert given_name_gender("J.") is None


def test_only_capitalised_table_names_count_as_given_names() -> None:
    assert is_known_given_name("John")
    assert not is_known_given_name("john")
    assert not is_known_given_name("Strategic")
    assert not is_known_given_name("A.")
