"""Geocoding: the alias index, ambiguity, spelling variants, capitals as actors (issue 4)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from newsgraph.extract.places import PlacesStage, geocode
from newsgraph.geo import GeoIndex, geo_index, normalise_place
from newsgraph.records import AnalysedArticle, Mention, Place

from tests.builders import make_doc

pytestmark = pytest.mark.issue(4)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> GeoIndex:
    """The index, built once into a fresh cache directory."""
    return geo_index(str(tmp_path_factory.mktemp("geo")))


def places_of(index: GeoIndex, text: str, *names: str) -> dict[str, Place]:
    """Geocode ``names`` (each tagged GPE at its first occurrence) in ``text``."""
    doc = make_doc(text)
    mentions = []
    for name in names:
        found = re.search(r"\b" + re.escape(name) + r"\b", text)
        assert found, name
        mentions.append(
            Mention(
                id=f"m{found.start()}",
                article_id=doc.article.id,
                text=name,
                type="GPE",
                start=found.start(),
                end=found.end(),
            )
        )
    places = geocode(replace(doc, mentions=tuple(mentions)), index)
    return {text[p.start : p.end]: p for p in places}


def test_normalise_folds_case_accents_articles_and_saint() -> None:
    assert normalise_place("San José") == normalise_place("san jose")
    assert normalise_place("the Gambia") == "gambia"
    assert normalise_place("St. Gallen") == "saint gallen"


def test_index_knows_countries_codes_regions_cities_and_continents(index: GeoIndex) -> None:
    (entry, main), *_ = index.lookup("Japan")
    assert (entry.feature, entry.country, main) == ("country", "JPN", True)
    assert entry.lat is not None and entry.lon is not None
    assert index.lookup("UK")[0][0].country == "GBR"
    assert index.lookup("U.S.")[0][0].country == "USA"
    assert index.lookup("us") == []  # a code only when written in capitals
    assert index.lookup("Oregon")[0][0].feature == "region"
    assert index.lookup("Africa")[0][0].feature == "continent"
    assert index.lookup("Nowhere Town Xyz") == []


@pytest.mark.parametrize(
    ("variant", "name", "country"),
    [
        ("Tiflis", "Tbilisi", "GEO"),
        ("Bangalore", "Bengaluru", "IND"),
        # English exonyms and former names unlike the current name.
        ("Bombay", "Mumbai", "IND"),
        ("Cologne", "Köln", "DEU"),
        ("Calcutta", "Kolkata", "IND"),
        ("Leningrad", "Saint Petersburg", "RUS"),
    ],
)
def test_spelling_variants_resolve_to_the_main_name(
    index: GeoIndex, variant: str, name: str, country: str
) -> None:
    places = places_of(index, f"Crowds gathered in {variant} on Sunday.", variant)
    place = places[variant]
    assert (place.name, place.country, place.feature) == (name, country, "city")
    assert place.lat is not None and place.lon is not None


def test_cities_get_coordinates(index: GeoIndex) -> None:
    place = places_of(index, "Talks were held in Nairobi.", "Nairobi")["Nairobi"]
    assert place.country == "KEN"
    assert place.lat == pytest.approx(-1.28, abs=0.1)
    assert place.lon == pytest.approx(36.82, abs=0.1)


def test_a_bare_name_is_the_capital_unless_the_article_says_otherwise(index: GeoIndex) -> None:
    # Two cities share the name; the smaller is a national capital.
    assert places_of(index, "Ministers met in San Jose.", "San Jose")["San Jose"].country == "CRI"
    text = "Engineers in San Jose, far from Los Angeles, said California would grow."
    got = places_of(index, text, "San Jose", "California")
    assert got["San Jose"].country == "USA"
    # A capital loses to a namesake in a country the article is about.
    assert places_of(index, "Fighting in Tripoli resumed.", "Tripoli")["Tripoli"].country == "LBY"
    got = places_of(index, "In Lebanon, protests in Tripoli grew.", "Lebanon", "Tripoli")
    assert got["Tripoli"].country == "LBN"


def test_country_or_region_settled_by_the_places_around_it(index: GeoIndex) -> None:
    got = places_of(index, "Voters in Atlanta and across Georgia queued.", "Atlanta", "Georgia")
    assert (got["Georgia"].feature, got["Georgia"].country) == ("region", "USA")
    got = places_of(index, "Georgia said talks in Tbilisi went well.", "Georgia", "Tbilisi")
    assert (got["Georgia"].feature, got["Georgia"].country) == ("country", "GEO")
    # With no other place, the country.
    assert places_of(index, "Georgia voted.", "Georgia")["Georgia"].feature == "country"


def test_words_after_the_name_settle_it(index: GeoIndex) -> None:
    got = places_of(index, "Floods hit Birmingham, Alabama, on Friday.", "Birmingham")
    assert got["Birmingham"].country == "USA"
    assert places_of(index, "Floods hit Birmingham.", "Birmingham")["Birmingham"].country == "GBR"
    got = places_of(index, "Fires spread across Oregon state.", "Oregon")
    assert got["Oregon"].feature == "region"


def test_unknown_places_get_no_row(index: GeoIndex) -> None:
    assert places_of(index, "They met at Qwertyville.", "Qwertyville") == {}


def test_stage_pickles_without_its_index(index: GeoIndex, settings: Any) -> None:
    import pickle

    stage = PlacesStage(settings)
    stage._index = index
    blob = pickle.dumps(stage)
    assert len(blob) < 10_000
    assert pickle.loads(blob)._index is None


def _spacy_places(stage: Any, text: str) -> dict[str, list[Place]]:
    doc: AnalysedArticle = PlacesStage(stage.settings)(stage(make_doc(text)))
    out: dict[str, list[Place]] = {}
    for place in doc.places:
        assert text[place.start : place.end]
        out.setdefault(text[place.start : place.end], []).append(place)
    return out


@pytest.mark.slow
def test_a_capital_speaking_for_its_government_is_not_a_place(spacy_stage: Any) -> None:
    text = "Tokyo condemned the launch, while residents of Tokyo sheltered underground."
    got = _spacy_places(spacy_stage, text)
    # Only the second Tokyo, where people shelter, is a place.
    assert [p.start for p in got["Tokyo"]] == [text.rindex("Tokyo")]


@pytest.mark.slow
def test_conjoined_capitals_and_countries_as_subjects(spacy_stage: Any) -> None:
    text = "Ottawa and Canberra warned on Friday that Japan rejected the plan."
    got = _spacy_places(spacy_stage, text)
    assert "Ottawa" not in got and "Canberra" not in got
    # A country is both a place and an actor: it keeps its place row.
    assert got["Japan"][0].country == "JPN"


def test_show_marks_places_dates_and_amounts_in_place_of_their_mentions() -> None:
    from types import SimpleNamespace

    from newsgraph.cli import _detail_marks
    from newsgraph.marks import render_brackets
    from newsgraph.records import Amount, DateMention

    text = "In Tiflis on Monday, 41 people were killed."
    doc = make_doc(text)
    aid = doc.article.id

    def at(span: str) -> tuple[int, int]:
        return text.index(span), text.index(span) + len(span)

    mentions = tuple(
        Mention(id=f"m{i}", article_id=aid, text=s, type=t, start=at(s)[0], end=at(s)[1])
        for i, (s, t) in enumerate((("Tiflis", "GPE"), ("Monday", "DATE"), ("41", "CARDINAL")))
    )
    detail = SimpleNamespace(
        mentions=mentions,
        quotes=(),
        events=(),
        places=(Place(id="p", article_id=aid, name="Tbilisi", start=3, end=9, country="GEO"),),
        dates=(
            DateMention(
                id="d",
                article_id=aid,
                text="Monday",
                start=at("Monday")[0],
                end=at("Monday")[1],
                value="2025-10-06",
                granularity="day",
            ),
        ),
        amounts=(
            Amount(
                id="n",
                article_id=aid,
                value=41,
                text="41",
                start=at("41")[0],
                end=at("41")[1],
                unit="killed",
                object="people",
            ),
        ),
    )
    assert render_brackets(text, _detail_marks(detail)) == (
        "In [Tiflis]{place Tbilisi/GEO} on [Monday]{date 2025-10-06}, "
        "[41]{amount 41 killed people} people were killed."
    )


def test_a_former_name_never_takes_a_towns_own_name(index: GeoIndex) -> None:
    # Harare's colonial name is also an English town's: the town keeps it.
    place = places_of(index, "Flooding hit Salisbury overnight.", "Salisbury")["Salisbury"]
    assert place.country == "GBR"


@pytest.mark.slow
def test_a_capital_owning_a_stance_is_not_a_place(spacy_stage: Any) -> None:
    text = (
        "Ottawa’s stance has hardened, officials said. "
        "Later, Ottawa’s mayor opened a shelter in the city."
    )
    got = _spacy_places(spacy_stage, text)
    # The government's stance is an actor's; the mayor's city is a place.
    assert [p.start for p in got["Ottawa"]] == [text.rindex("Ottawa")]
