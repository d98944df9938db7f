"""Amounts: values, units, what is counted, and the traps (issue 4, point 6)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.amounts import AmountsStage, parse_amount, vague_count
from newsgraph.settings import Settings

from tests.builders import make_doc

pytestmark = pytest.mark.issue(4)


@pytest.mark.parametrize(
    ("text", "label", "value", "unit"),
    [
        ("38", "CARDINAL", 38, None),
        ("up to €2,500", "MONEY", 2500, "EUR"),
        ("95%", "PERCENT", 95, "percent"),
        ("95 per cent", "PERCENT", 95, "percent"),
        ("more than two million", "CARDINAL", 2_000_000, None),
        ("$5m", "MONEY", 5_000_000, "USD"),
        ("£2.5bn", "MONEY", 2_500_000_000, "GBP"),
        ("USD 5 million", "MONEY", 5_000_000, "USD"),
        ("3.5 billion euros", "QUANTITY", 3_500_000_000, "EUR"),
        ("40 kilometres", "QUANTITY", 40, "km"),
        ("a 40 m wall", "QUANTITY", 40, "m"),  # metres, not millions
        ("twenty-five", "CARDINAL", 25, None),
        ("one hundred and twenty", "CARDINAL", 120, None),
        ("a dozen", "CARDINAL", 12, None),
        ("about 1,500", "CARDINAL", 1500, None),
    ],
)
def test_parse_value_and_unit(text: str, label: str, value: float, unit: str | None) -> None:
    parsed = parse_amount(text, label)
    assert parsed is not None
    assert parsed[:2] == (value, unit)


@pytest.mark.parametrize(
    "text", ["dozens", "hundreds", "tens of thousands", "38-40", "3-1", "half", "between 5 and 9"]
)
def test_vague_counts_ranges_and_scores_have_no_value(text: str) -> None:
    assert parse_amount(text, "CARDINAL") is None


def test_words_before_the_number_are_left_out_of_the_span() -> None:
    parsed = parse_amount("flew 300 miles", "QUANTITY")
    assert parsed == (300, "mi", len("flew "))


def _amounts(stage: Any, text: str) -> list[tuple[str, float, str | None, str | None]]:
    doc = AmountsStage(Settings())(stage(make_doc(text)))
    for a in doc.amounts:
        assert text[a.start : a.end] == a.text
    return [(a.text, a.value, a.unit, a.object) for a in doc.amounts]


@pytest.mark.slow
def test_casualties_fines_votes_and_seats(spacy_stage: Any) -> None:
    got = _amounts(
        spacy_stage,
        "A car bomb exploded in a market in Mosul, killing 41 people and injuring 27 others.",
    )
    assert ("41", 41, "killed", "people") in got
    assert ("27", 27, "injured", "others") in got

    got = _amounts(spacy_stage, "The new law sets fines of up to €2,500 for repeat offenders.")
    assert got == [("up to €2,500", 2500, "EUR", "fines")]

    got = _amounts(
        spacy_stage,
        "Turnout reached 95% as more than two million voters chose the 577 seats.",
    )
    assert ("95%", 95, "percent", None) in got
    assert ("more than two million", 2_000_000, None, "voters") in got
    assert ("577", 577, None, "seats") in got


@pytest.mark.slow
def test_passive_counts_take_the_verb_as_unit(spacy_stage: Any) -> None:
    got = _amounts(
        spacy_stage, "At least 14 soldiers were wounded and 2,500 residents were evacuated."
    )
    assert ("At least 14", 14, "wounded", "soldiers") in got
    assert ("2,500", 2500, "evacuated", "residents") in got


@pytest.mark.slow
def test_a_count_sharing_a_passive_s_auxiliary_takes_its_verb(spacy_stage: Any) -> None:
    # "… were killed and 30 wounded": the second count's "were" is elided.
    got = _amounts(spacy_stage, "Three guards were killed and 11 wounded in the raid.")
    assert ("11", 11, "wounded", None) in got
    # An active subject is who acted, not a casualty count.
    got = _amounts(spacy_stage, "Ten soldiers attacked the post and 40 fled.")
    assert all(unit is None for _, _, unit, _ in got)


@pytest.mark.slow
def test_years_flight_numbers_and_dates_are_not_amounts(spacy_stage: Any) -> None:
    text = (
        "Flight 8243 crashed in 2024 with 67 passengers on board. "
        "The F-16 jets landed on 5 October, and route 66 was closed. In 1999, 300 died."
    )
    got = _amounts(spacy_stage, text)
    values = [value for _, value, _, _ in got]
    assert 8243 not in values and 2024 not in values and 1999 not in values
    assert 16 not in values and 5 not in values and 66 not in values
    assert ("67", 67, None, "passengers") in got
    assert ("300", 300, "died", None) in got


@pytest.mark.slow
def test_currency_sign_outside_the_ner_span_is_kept(spacy_stage: Any) -> None:
    got = _amounts(spacy_stage, "Customs officers seized $5m in cash.")
    assert got == [("$5m", 5_000_000, "USD", None)]


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("dozens", 24),
        ("Hundreds", 200),
        ("thousands", 2_000),
        ("tens of thousands", 20_000),
        ("hundreds of thousands", 200_000),
        ("millions", 2_000_000),
        ("several hundred", 300),
        ("a few thousand", 2_000),
        ("a couple of hundred", 200),
    ],
)
def test_vague_counts_are_valued_at_their_lower_bound(text: str, bound: float) -> None:
    assert vague_count(text) == (bound, 0)


@pytest.mark.parametrize("text", ["38", "two million", "a dozen", "3 thousands", "the 1990s"])
def test_exact_counts_are_not_vague(text: str) -> None:
    assert vague_count(text) is None


@pytest.mark.slow
def test_vague_and_hedged_counts_are_approximate_amounts(spacy_stage: Any) -> None:
    text = (
        "Police detained dozens of people after hundreds of protesters marched. "
        "The blast killed about 30 people and injured 12 others."
    )
    doc = AmountsStage(Settings())(spacy_stage(make_doc(text)))
    got = {a.text: (a.value, a.unit, a.object, a.approximate) for a in doc.amounts}
    assert got["dozens"] == (24, "detained", "people", True)
    assert got["hundreds"] == (200, None, "protesters", True)
    assert got["about 30"] == (30, "killed", "people", True)
    assert got["12"] == (12, "injured", "others", False)


@pytest.mark.slow
def test_a_number_in_a_hyphenated_modifier_is_not_a_count(spacy_stage: Any) -> None:
    got = _amounts(spacy_stage, "The three-time champion lost, and 5 people were hurt.")
    assert [a[0] for a in got] == ["5"]
