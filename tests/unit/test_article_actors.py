"""Countries for people from the rest of the article (article_actors rules)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.entities import EntityStage
from newsgraph.records import AnalysedArticle

from tests.builders import make_doc

pytestmark = pytest.mark.slow


def coded(spacy_stage: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    doc: AnalysedArticle = EntityStage()(spacy_stage(make_doc(text, published="2025-10-10")))
    return {e.name: (e.country, e.sector) for e in doc.entities if e.type == "PERSON"}


def test_one_country_article_gives_office_holders_its_country(spacy_stage: Any) -> None:
    text = (
        "President Ana Vidal said she would appoint a prime minister by Friday. "
        "Portugal's debt is at a record high. Prime Minister Rui Costa resigned on "
        "Monday, and party president Joana Ribeiro called for elections."
    )
    people = coded(spacy_stage, text)
    assert people["Ana Vidal"] == ("PRT", "GOV")
    assert people["Rui Costa"] == ("PRT", "GOV")
    assert people["Joana Ribeiro"] == ("PRT", "PTY")


def test_a_destination_country_is_not_the_actors_country(spacy_stage: Any) -> None:
    people = coded(spacy_stage, "President Ana Vidal arrived in Germany on Monday for talks.")
    assert people["Ana Vidal"] == (None, "GOV")


def test_the_country_governing_the_clause_is_the_office_holders(spacy_stage: Any) -> None:
    text = (
        "Kenya is blocking the deal because Prime Minister Otieno Waweru wants "
        "concessions from Uganda and the EU."
    )
    assert coded(spacy_stage, text)["Otieno Waweru"] == ("KEN", "GOV")


def test_a_nominal_possessor_resolves_to_the_party_named_before(spacy_stage: Any) -> None:
    text = (
        "Portugal's governing party wants stricter rules for landlords. The bill would "
        "cap rents, the party's MP Rui Costa told reporters. France and Spain "
        "passed similar laws."
    )
    assert coded(spacy_stage, text)["Rui Costa"] == ("PRT", "LEG")


def test_an_affiliation_gives_the_organisations_country(spacy_stage: Any) -> None:
    text = "Tomas Lindqvist of the Swedish Institute of Foreign Affairs added that talks were rare."
    assert coded(spacy_stage, text)["Tomas Lindqvist"][0] == "SWE"


def test_evidence_in_the_roles_is_never_overridden(spacy_stage: Any) -> None:
    text = (
        "Portugal's debt is at a record high. Visiting Spanish Foreign Minister Lucia Ferrer "
        "said Portugal would cope."
    )
    assert coded(spacy_stage, text)["Lucia Ferrer"] == ("ESP", "GOV")
