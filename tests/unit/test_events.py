"""PLOVER event coding (#5): one sentence of ours per type, and the traps."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.records import Event

from tests.builders import events_of as code

pytestmark = pytest.mark.issue(5)


def factual(events: list[Event]) -> list[Event]:
    return [e for e in events if not (e.negated or e.hypothetical)]


# One sentence per PLOVER type: (text, type, source country, target country).
CASES = [
    ("Kenya and Uganda agreed to share intelligence on smuggling.", "AGREE", "KEN", "UGA"),
    ("Brazilian Foreign Minister Lara Venn met Argentine officials on Monday.", "CONSULT",
     "BRA", "ARG"),
    ("The Chilean government praised Peru for its handling of the floods.", "SUPPORT", "CHL",
     "PER"),
    ("The Ghanaian teachers' union called off its strike on Friday.", "CONCEDE", "GHA", None),
    ("Portugal extradited a Spanish fugitive to Spain on Friday.", "COOPERATE", "PRT", "ESP"),
    ("Norway provided aid to flood victims in Malawi.", "AID", "NOR", None),
    ("Ethiopian troops withdrew from the disputed town on Sunday.", "RETREAT", "ETH", None),
    ("Canada urged Denmark to reopen the talks.", "REQUEST", "CAN", "DNK"),
    ("Poland rejected a German proposal on migration.", "REJECT", "POL", "DEU"),
    ("Chile threatened to attack Peru.", "THREATEN", "CHL", "PER"),
    ("Thousands of Kenyan workers staged a protest against the government.", "PROTEST", "KEN",
     None),
    ("The United States imposed sanctions on Venezuela on Tuesday.", "SANCTION", "USA", "VEN"),
    ("Ecuador deployed troops along its border with Colombia.", "MOBILIZE", "ECU", None),
    ("Turkish police arrested twelve Greek journalists on Monday.", "COERCE", "TUR", "GRC"),
    ("Sudanese militias attacked a Chadian village near the border.", "ASSAULT", "SDN", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "source", "target"), CASES)
def test_each_plover_type(
    pipeline: Any, text: str, kind: str, source: str | None, target: str | None
) -> None:
    events = factual(code(pipeline, text))
    hits = [e for e in events if e.type == kind]
    assert hits, f"{kind} not found in {[(e.type, e.trigger) for e in events]}"
    assert any(e.source_country == source for e in hits)
    if target is not None:
        assert any(e.target_country == target for e in hits)
    for event in hits:
        assert text[event.start : event.end] == event.evidence
        assert event.score is not None and 0.0 < event.confidence <= 1.0


def test_accuse_is_negative_and_metonymic_source(pipeline: Any) -> None:
    # "Moscow" stands for the Russian government (metonymy).
    events = factual(code(pipeline, "Moscow accused Finland of harassing Russian diplomats."))
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and accuse[0].source_country == "RUS"
    assert accuse[0].target_country == "FIN"
    assert accuse[0].score is not None and accuse[0].score < 0
    # The embedded "harassing" is part of the accusation, not its own event.
    assert not [e for e in events if e.type in {"ASSAULT", "COERCE"}]


def test_threat_is_threaten_not_assault(pipeline: Any) -> None:
    events = code(pipeline, "Chile threatened to attack Peru.")
    assert [e.type for e in events] == ["THREATEN"]
    assert events[0].mode == "violence"


def test_negation_is_flagged(pipeline: Any) -> None:
    events = code(pipeline, "Ghana did not attack Togo on Monday.")
    assert events and all(e.negated for e in events if e.type == "ASSAULT")
    assert not [e for e in factual(events) if e.type == "ASSAULT"]


def test_conditional_is_hypothetical(pipeline: Any) -> None:
    events = code(pipeline, "Ghana could attack Togo if the talks fail.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and all(e.hypothetical for e in assault)


def test_future_conflict_is_a_threat(pipeline: Any) -> None:
    events = factual(code(pipeline, "Ghana will attack Togo."))
    assert not [e for e in events if e.type == "ASSAULT"]
    threats = [e for e in events if e.type == "THREATEN" and e.future]
    assert threats and threats[0].target_country == "TGO"


def test_refusal_to_accept_is_reject(pipeline: Any) -> None:
    events = factual(code(pipeline, "Ghana will not accept the Nigerian plan."))
    assert [e.type for e in events] == ["REJECT"]


def test_neutral_said_is_not_an_event(pipeline: Any) -> None:
    text = "The Peruvian minister said the economy was growing. She told reporters it was fine."
    assert code(pipeline, text) == []


def test_passive_coercion_is_coded_to_the_place(pipeline: Any) -> None:
    events = factual(code(pipeline, "Two Austrian nationals were arrested in Finland on Sunday."))
    coerce = [e for e in events if e.type == "COERCE"]
    assert coerce
    assert {e.source_country for e in coerce} == {"FIN"}
    assert "AUT" in {e.target_country for e in coerce}


def test_compound_actors_give_one_event_per_pair(pipeline: Any) -> None:
    events = factual(code(pipeline, "Kenya and Uganda held talks on Monday."))
    pairs = {(e.source_country, e.target_country) for e in events if e.type == "CONSULT"}
    assert pairs == {("KEN", "UGA"), ("UGA", "KEN")}
    # Both pairs cite the same evidence span.
    assert len({(e.start, e.end) for e in events}) == 1


def test_date_prefers_the_sentence_date(pipeline: Any) -> None:
    events = factual(code(pipeline, "Canada urged Denmark on Monday to reopen the talks."))
    assert events[0].date == "2025-03-03"
    assert events[0].date_granularity == "day"
    fallback = factual(code(pipeline, "Canada urged Denmark to reopen the talks."))
    assert fallback[0].date == "2025-03-04"


def test_a_week_or_season_date_is_stored_as_its_first_day(pipeline: Any) -> None:
    # Published Tuesday 2025-03-04: "last week" is ISO week 9, from Monday 24 February.
    events = factual(code(pipeline, "Canada urged Denmark last week to reopen the talks."))
    assert (events[0].date, events[0].date_granularity) == ("2025-02-24", "week")


def test_location_comes_from_the_sentence(pipeline: Any) -> None:
    events = factual(code(pipeline, "Turkish police arrested twelve Greek journalists in Ankara."))
    assert events[0].location_country == "TUR"
    assert events[0].lat is not None
