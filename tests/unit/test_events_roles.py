"""Event roles and frames (#5): sources, targets, strikes, intents; sentences of ours."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.actors import ActorCoder
from newsgraph.records import Event

from tests.builders import country_pairs
from tests.builders import events_of as code

pytestmark = pytest.mark.issue(5)


def one(events: list[Event], kind: str) -> Event:
    """Return the single event of a type, failing with what was coded instead."""
    found = [e for e in events if e.type == kind]
    assert found, [(e.type, e.source_actor, e.target_actor) for e in events]
    return found[0]


# (sentence, type, source country, target country): each row is one rule.
ROLE_CASES = [
    # A participle clause takes the subject of the clause that names an actor.
    ("The Chilean spokesman said the talks had stalled, accusing Peru of delaying them.",
     "ACCUSE", "CHL", "PER"),
    # A pronoun subject of what a speaker said is the speaker.
    ("Bolivia says it is willing to withdraw its troops from Paraguay.", "AGREE", "BOL", "PRY"),
    # Domestic by default: a demonym in the sentence gives the home country.
    ("Judge Mara Quell opened an investigation into twelve Peruvian officials.", "ACCUSE",
     "PER", "PER"),
    # The object of an event noun is the target ("an invasion of X").
    ("Chad mounted an invasion of Niger.", "ASSAULT", "TCD", "NER"),
    # "in protest against X": X is the target.
    ("Kenyan doctors began a hunger strike in protest against the health ministry.",
     "PROTEST", "KEN", "KEN"),
    # A threat's target can be the subject of its condition.
    ("Peru threatened to end the talks if Chile goes ahead with the drills.", "THREATEN",
     "PER", "CHL"),
    # A threatened curfew or ban is aimed at the government of its scene.
    ("The president of Algeria threatened to impose a curfew in Oran.", "THREATEN", "DZA",
     "DZA"),
    # An attack by a bomb or blast is coded to an unidentified force of the place.
    ("A roadside bomb near Kandahar killed two Canadian soldiers.", "ASSAULT", "AFG", "CAN"),
    # Reported "would" is a backshifted "will": a conflict intent is a threat.
    ("Kenyan farmers said they would blockade Nairobi.", "THREATEN", "KEN", "KEN"),
    # Ending a cooperative event reduces relations.
    ("Mexico stopped the negotiations with Guatemala.", "SANCTION", "MEX", "GTM"),
    # A passive participle with an agent: "talks hosted by X".
    ("Talks with the Kenyan president were hosted by Tanzania on Friday.", "CONSULT", "TZA",
     "KEN"),
    # A passive harm without an agent is done by whoever owns the attack.
    ("Two Chadian villagers were injured in Sudanese drone attacks.", "ASSAULT", "SDN", "TCD"),
    # A passive event noun's owner is the source; "its" in what X said is X's.
    ("The Chadian army said its air strikes were carried out at night.", "ASSAULT", "TCD",
     None),
    # Statements of aid to come are promises (AGREE), the measured noun is read.
    ("Finland will provide 500 tons of food aid to Malawi.", "AGREE", "FIN", "MWI"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "source", "target"), ROLE_CASES)
def test_roles(pipeline: Any, text: str, kind: str, source: str, target: str | None) -> None:
    assert (source, target) in (pairs := country_pairs(pipeline, text, kind)), pairs


def test_unattributed_attack_is_an_unidentified_armed_force(pipeline: Any) -> None:
    event = one(code(pipeline, "A roadside bomb near Kandahar killed two Canadian soldiers."),
                "ASSAULT")  # fmt: skip
    assert event.source_sector == "UAF"
    assert (event.source_actor, event.source_country) == (
        "unidentified armed force (Kandahar)",
        "AFG",
    )


def test_topic_of_an_agreement_is_no_target(pipeline: Any) -> None:
    events = code(pipeline, "Ghana and Togo failed to reach agreement on the fate of the port.")
    reject = one(events, "REJECT")
    assert reject.source_country in {"GHA", "TGO"}
    assert all("fate" not in (e.target_actor or "") for e in events)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The air force carried out strikes on rebel bases, killing ten fighters.", "ASSAULT"),
        ("The army launched rocket and artillery strikes across the province.", "ASSAULT"),
        ("Dock workers in Lagos carried out strikes over pay.", "PROTEST"),
        ("Teachers in Accra went on strike over unpaid wages.", "PROTEST"),
    ],
)
def test_military_and_labour_strikes(pipeline: Any, text: str, kind: str) -> None:
    kinds = {e.type for e in code(pipeline, text)}
    assert kind in kinds and ({"ASSAULT", "PROTEST"} - {kind}).isdisjoint(kinds), kinds


def test_conditional_warning_is_a_hypothetical_threat(pipeline: Any) -> None:
    text = "Brazil warned that it would impose tariffs on Chile if the dispute continued."
    events = code(pipeline, text)
    threat = one(events, "THREATEN")
    assert (threat.source_country, threat.target_country) == ("BRA", "CHL")
    assert threat.hypothetical
    assert "AGREE" not in {e.type for e in events}


def test_ultimatum_is_a_threat(pipeline: Any) -> None:
    text = "Nigeria said it will withdraw its peacekeepers from Chad unless the fighting stops."
    threat = one(code(pipeline, text), "THREATEN")
    assert threat.source_country == "NGA" and threat.hypothetical and threat.future


def test_accident_is_no_assault(pipeline: Any) -> None:
    events = code(pipeline, "The bus crashed in Peru, killing twelve passengers.")
    assert "ASSAULT" not in {e.type for e in events}


def test_plain_said_is_no_event(pipeline: Any) -> None:
    assert code(pipeline, "The Kenyan minister said the weather was mild on Monday.") == []


def test_person_named_like_a_town_takes_no_country() -> None:
    coder = ActorCoder()
    assert coder.code("Kendal").country == "GBR"  # the town
    assert coder.code("Kendal", entity_type="PERSON").country is None


@pytest.mark.parametrize(
    ("text", "country"),
    [("the Security Council", "UNO"), ("the European Community", "EUR"),
     ("Organization of African Unity", "IGO")],
)  # fmt: skip
def test_international_bodies(text: str, country: str) -> None:
    assert ActorCoder().code(text, entity_type="ORG").country == country
