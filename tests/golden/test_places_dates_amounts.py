"""Golden articles we wrote, with the places, dates and amounts they must yield (issue 4).

Each case runs the real spaCy pipeline and the four extraction stages from
the registry. ``must`` rows have to be found exactly; ``must_not`` values
must never appear. The people are fictional.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.amounts import AmountsStage
from newsgraph.extract.dates import DatesStage
from newsgraph.extract.places import PlacesStage
from newsgraph.extract.tone import ToneStage
from newsgraph.records import AnalysedArticle

from tests.builders import make_doc

pytestmark = [pytest.mark.slow, pytest.mark.issue(4)]

CASES: list[dict[str, Any]] = [
    {
        "text": (
            "Blast in market kills dozens\n"
            "A car bomb exploded in a crowded market in Kirkuk on Tuesday, killing 41 people "
            "and injuring 27 others, officials said.\n"
            "It was the deadliest attack since October 2022, when a similar bomb hit Basra.\n"
            "Rescuers in Baghdad said earlier this week that more than 400 families had fled."
        ),
        "published": "2025-03-13",  # a Thursday
        "places": [
            ("Kirkuk", "Kirkuk", "IRQ", "city"),
            ("Basra", "Basrah", "IRQ", "city"),  # geonames' main name
            ("Baghdad", "Baghdad", "IRQ", "city"),
        ],
        "dates": [
            ("Tuesday", "2025-03-11", "day"),
            ("October 2022", "2022-10", "month"),
            ("earlier this week", "2025-W11", "week"),
        ],
        "amounts": [
            ("41", 41, "killed", "people"),
            ("27", 27, "injured", "others"),
            ("more than 400", 400, None, "families"),
        ],
        "must_not_values": [2022],
    },
    {
        "text": (
            "Lawmakers pass rules on e-scooters\n"
            "Lawmakers in Ottawa approved fines of up to €2,500 for riders who speed on pavements, "
            "after a vote last month.\n"
            "The bill won 95% support among the 338 seats, and more than two million scooter "
            "owners must register by late August.\n"
            "Flight 8243 was grounded in 2024 after a near miss over Toronto."
        ),
        "published": "2025-10-09",
        "places": [
            ("Ottawa", "Ottawa", "CAN", "city"),
            ("Toronto", "Toronto", "CAN", "city"),
        ],
        "dates": [
            ("last month", "2025-09", "month"),
            ("late August", "2025-08", "month"),
            ("2024", "2024", "year"),
        ],
        "amounts": [
            ("up to €2,500", 2500, "EUR", "fines"),
            ("95%", 95, "percent", None),
            ("338", 338, None, "seats"),
            ("more than two million", 2_000_000, None, "owners"),
        ],
        "must_not_values": [8243, 2024],
    },
    {
        "text": (
            "Storm season arrives early\n"
            "Heavy rain flooded parts of Atlanta on Monday, and officials across Georgia "
            "opened shelters for 1,200 residents.\n"
            "Forecasters expect the storm to reach South Carolina by Friday."
        ),
        "published": "2025-06-04",  # a Wednesday
        "places": [
            ("Atlanta", "Atlanta", "USA", "city"),
            ("Georgia", "Georgia", "USA", "region"),
            ("South Carolina", "South Carolina", "USA", "region"),
        ],
        # "by Friday" in a forecast is the Friday to come.
        "dates": [("Monday", "2025-06-02", "day"), ("Friday", "2025-06-06", "day")],
        "amounts": [("1,200", 1200, None, "residents")],
        "must_not_values": [],
    },
    {
        "text": (
            "Miners to be freed\n"
            "Chad's government announced on Monday it would free the 14 detained miners "
            "by Friday. The miners were arrested on Saturday near Abeche."
        ),
        "published": "2025-03-04",  # a Tuesday
        "places": [],
        "dates": [
            ("Monday", "2025-03-03", "day"),
            ("Friday", "2025-03-07", "day"),  # "would free … by Friday": ahead
            ("Saturday", "2025-03-01", "day"),  # "were arrested on Saturday": past
        ],
        "amounts": [],
        "must_not_values": [],
    },
]


def analyse(spacy_stage: Any, case: dict[str, Any]) -> AnalysedArticle:
    doc = spacy_stage(make_doc(case["text"], published=case["published"]))
    for stage in (PlacesStage, DatesStage, AmountsStage, ToneStage):
        doc = stage(spacy_stage.settings)(doc)
    return doc


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"].split("\n")[0])
def test_golden_article(spacy_stage: Any, case: dict[str, Any]) -> None:
    doc = analyse(spacy_stage, case)
    text = doc.article.text

    places = {(text[p.start : p.end], p.name, p.country, p.feature) for p in doc.places}
    for expected in case["places"]:
        assert expected in places
    for place in doc.places:
        if place.feature == "city":
            assert place.lat is not None and place.lon is not None

    dates = {(d.text, d.value, d.granularity) for d in doc.dates}
    for expected in case["dates"]:
        assert expected in dates

    amounts = {(a.text, a.value, a.unit, a.object) for a in doc.amounts}
    for expected in case["amounts"]:
        assert expected in amounts
    values = {a.value for a in doc.amounts}
    for value in case["must_not_values"]:
        assert value not in values

    assert doc.tone is not None and all(s.tone is not None for s in doc.sentences)
    for record in (*doc.places, *doc.dates, *doc.amounts):
        assert 0 <= record.start < record.end <= len(text)
