"""Event actors from context (#5, round 4): deep targets, scenes, group anaphors.

Every sentence is ours (fictional people, real countries).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import country_pairs
from tests.builders import events_of as code

pytestmark = pytest.mark.issue(5)


# (sentence, type, source country, target country): each row is one rule.
CASES = [
    # The meeting an outcome came out of names its other party.
    ("The Kenyan nurses' union called off its strike after deliberations with the Kenyan "
     "government.", "CONCEDE", "KEN", "KEN"),
    ("Chile lifted the export ban following talks with Peru.", "CONCEDE", "CHL", "PER"),
    # A stative passive of intent: the subject intends, nobody acts on it.
    ("Rafael Ortiz said Bolivia is committed to opening its markets.", "AGREE", "BOL", None),
    # A restriction or an easing applies where it is imposed ("in X province").
    ("Serbia eased security measures in Vojvodina province on Monday.", "CONCEDE", "SRB",
     "SRB"),
    ("Turkey threatened to ban rallies in Istanbul if the opposition marched.", "THREATEN",
     "TUR", "TUR"),
    # Ground given up yields to the place it lies in.
    ("Morocco evacuated two army outposts in Mauritania.", "RETREAT", "MAR", "MRT"),
    # A town the actor coder does not know is still placed by the gazetteer.
    ("A car bomb near the town of Kirkuk killed three police officers.", "ASSAULT", "IRQ",
     "IRQ"),
    # "pro-X" names a patron, not the actor's country.
    ("The pro-Russian militia declared a truce in eastern Moldova.", "RETREAT", "MDA", None),
    # A language is no party: restrictions on "the use of the X language".
    ("Estonia eased measures on the use of the Russian language.", "CONCEDE", "EST", None),
    # A party noun that looks like an action noun ("faction") is a party.
    ("Sweden imposed sanctions on a Somali faction.", "SANCTION", "SWE", "SOM"),
    # The object the parser shifts after an "as" phrase.
    ("Albania denounced as a grave injustice Greece's expulsion of migrants.", "ACCUSE", "ALB",
     "GRC"),
    # "X said Y were to blame": the speaker accuses Y.
    ("Deputy Foreign Minister Anton Belov of Russia said Polish officials were to blame "
     "over the breakdown.", "ACCUSE", "RUS", "POL"),
    # An infinitive on a noun is done by its clause's subject.
    ("Thousands of Ghanaians gathered for a rally to protest against Nigeria.", "PROTEST",
     "GHA", "NGA"),
    # A recipient after "to" that the parser marks as a dative, also on a
    # second verb of a pair ("donated and delivered … to X").
    ("Norway sent food aid to Sudan.", "AID", "NOR", "SDN"),
    ("Chile has granted asylum to three Bolivian police officers.", "AID", "CHL", "BOL"),
    ("Doctors from two Canadian aid groups donated and personally delivered $40,000 worth of "
     "medicine to Lima University Hospital.", "AID", "CAN", "PER"),
    # The party named in an event noun's modifiers does it ("US drone attacks").
    ("Recent US drone attacks have killed four militants in Yemen.", "ASSAULT", "USA", "YEM"),
    # A proper name the tagger missed still takes the country it opens with.
    ("Deputy Minister Ezra Kolb has declined to resign despite growing pressure by the Peru "
     "Anti-Fraud Agncy after he was named in a scandal.", "REJECT", None, "PER"),
    # Armed groups from the lexicon: home country, or IMG for one acting across states.
    ("Hamas fighters fired rockets at Ashkelon.", "ASSAULT", "PSE", "ISR"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "source", "target"), CASES)
def test_countries(pipeline: Any, text: str, kind: str, source: str, target: str | None) -> None:
    assert (source, target) in (pairs := country_pairs(pipeline, text, kind)), pairs


def test_group_anaphor_takes_the_last_meeting_parties(pipeline: Any) -> None:
    text = (
        "Kenyan and Ugandan delegations met twice this spring. "
        "In Nairobi last week, the sides signed a deal to reopen the border."
    )
    agree = [e for e in code(pipeline, text) if e.type == "AGREE"]
    assert {(e.source_country, e.target_country) for e in agree} == {
        ("KEN", "UGA"),
        ("UGA", "KEN"),
    }, agree
    # The evidence stays in the anaphor's own sentence.
    assert all(e.sentence == 1 and "sides" in (e.evidence or "") for e in agree), agree


def test_group_anaphor_takes_a_meeting_named_without_an_event(pipeline: Any) -> None:
    text = (
        "A new summit between French President Alain Morvan and his Chilean counterpart, "
        "Rosa Quintana, is unlikely this year. Both leaders held talks in Lima in May."
    )
    met = [e for e in code(pipeline, text) if e.type == "CONSULT" and e.sentence == 1]
    assert {(e.source_country, e.target_country) for e in met} == {
        ("FRA", "CHL"),
        ("CHL", "FRA"),
    }, met


def test_a_lone_plural_is_no_group_anaphor(pipeline: Any) -> None:
    text = (
        "Kenyan and Ugandan delegations met twice this spring. "
        "Later, leaders signed a deal to reopen the border."
    )
    agree = [e for e in code(pipeline, text) if e.type == "AGREE"]
    assert agree and all(e.source_country != "UGA" for e in agree), agree


def test_second_infinitive_of_a_request_is_folded(pipeline: Any) -> None:
    text = "The opposition leader Mira Vasquez called on President Tomas Ferrer to dissolve "
    text += "parliament or resign."
    kinds = [e.type for e in code(pipeline, text)]
    assert "REQUEST" in kinds and "RETREAT" not in kinds, kinds


def test_person_without_country_takes_the_article_home(pipeline: Any) -> None:
    text = (
        "Russian officials met in Moscow on Monday. The talks in Moscow were brief. "
        "Irina Volkova said Ukrainian hardliners were to blame over the delay."
    )
    blame = [e for e in code(pipeline, text) if e.type == "ACCUSE"]
    # The sentence alone would make her Ukrainian (its only demonym).
    assert [(e.source_country, e.target_country) for e in blame] == [("RUS", "UKR")], blame
