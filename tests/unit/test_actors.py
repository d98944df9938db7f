"""Actor coding: country and sector from role words, demonyms, places and bodies."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.extract.actor_dictionary import load_actor_dictionary, phrase_key, tokenise
from newsgraph.extract.actors import ActorCode, ActorCoder


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder()


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # demonym + role word
        ("Kenyan police", "KEN", "COP"),
        ("the Chilean navy", "CHL", "MIL"),
        ("Peruvian lawmakers", "PER", "LEG"),
        ("a Ghanaian judge", "GHA", "JUD"),
        ("Portuguese fishermen", "PRT", "AGR"),
        ("Brazilian soldiers", "BRA", "MIL"),
        # possessive country + role
        ("Canada's foreign minister", "CAN", "GOV"),
        ("Argentina’s central bank", "ARG", "GOV"),
        ("Finland's ruling party", "FIN", "PTY"),
        # "X of Y"
        ("the Prime Minister of Norway", "NOR", "GOV"),
        ("the head of the Egyptian army", "EGY", "MIL"),
        ("chairman of the Zambian human rights league", "ZMB", "NGO"),
        # the object of a preposition is not the actor's country
        ("the Swiss ambassador to Japan", "CHE", "GOV"),
        # IGOs
        ("the European Parliament", "EUR", "LEG"),
        ("a NATO spokesman", "NATO", None),
        ("the International Court of Justice", "UNO", "JUD"),
        # no country, sector only
        ("armed gunmen", None, "UAF"),
        ("taxi drivers", None, "CVL"),
        ("a former minister", None, "ELI"),
        ("a Muslim cleric", None, "REL"),
    ],
)
def test_codes_phrases(
    coder: ActorCoder, text: str, country: str | None, sector: str | None
) -> None:
    code = coder.code(text)
    assert (code.country, code.sector) == (country, sector), code.evidence


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Ottawa", "CAN"),
        ("Canberra", "AUS"),
        ("Nairobi", "KEN"),
        ("Downing Street", "GBR"),
        ("the Elysee", "FRA"),
        ("the White House", "USA"),
    ],
)
def test_capitals_and_seats_stand_for_governments(
    coder: ActorCoder, text: str, country: str
) -> None:
    code = coder.code(text)
    assert (code.country, code.sector) == (country, "GOV"), code.evidence


def test_other_cities_are_places_not_governments(coder: ActorCoder) -> None:
    code = coder.code("Rotterdam")
    assert (code.country, code.sector) == ("NLD", None)
    # with a role beside it, the city gives the country
    assert coder.code("Rotterdam police").country == "NLD"
    assert coder.code("Rotterdam police").sector == "COP"


def test_town_inside_a_personal_name_is_no_evidence(coder: ActorCoder) -> None:
    # "Mobile" and "Lincoln" are cities, "Marta Lincoln" a (fictional) person
    assert coder.code("Marta Lincoln") == ActorCode(
        country=None, sector=None, role=None, evidence="no evidence", confidence=0.0
    )
    code = coder.code("Senator Marta Lincoln", entity_type="PERSON")
    assert (code.country, code.sector, code.role) == (None, "LEG", "senator")


def test_title_and_name_records_role(coder: ActorCoder) -> None:
    code = coder.code("Danish Foreign Minister Lars Holmgaard")
    assert (code.country, code.sector, code.role) == ("DNK", "GOV", "foreign minister")
    assert "demonym" in code.evidence
    assert 0 < code.confidence <= 1


def test_office_beats_military_rank(coder: ActorCoder) -> None:
    code = coder.code("Deputy Defence Minister Colonel Arvo Kask")
    assert code.sector == "GOV"
    assert coder.code("Colonel Arvo Kask").sector == "MIL"


def test_named_group_beats_vague_person_noun(coder: ActorCoder) -> None:
    assert coder.code("Taliban fighters").sector == "REB"
    assert coder.code("fighters").sector == "UAF"


def test_context_fills_missing_fields_only(coder: ActorCoder) -> None:
    code = coder.code("Ilse Brandauer", context="Austrian interior minister", entity_type="PERSON")
    assert (code.country, code.sector, code.role) == ("AUT", "GOV", "interior minister")
    code = coder.code("the national guard", context="Jordanian")
    assert (code.country, code.sector) == ("JOR", "MIL")
    # the phrase's own evidence wins over the context
    assert coder.code("Irish police", context="Welsh").country == "IRL"


def test_pronoun_and_nonsense(coder: ActorCoder) -> None:
    assert coder.code("She").sector == "UNK"
    assert coder.code("a cat").country is None
    assert coder.code("a cat").sector is None
    assert coder.code("").evidence == "no evidence"


def test_lowercase_common_words_are_not_places(coder: ActorCoder) -> None:
    # "turkey", "chad" and "police" are also a country, a country and a town
    assert coder.code("police").country is None
    assert coder.code("turkey farmers").country is None
    assert coder.code("Turkish farmers").country == "TUR"


def test_tokenise_splits_possessive_and_hyphen() -> None:
    assert tokenise("Chile’s ex-minister") == ["Chile", "'s", "ex", "minister"]
    assert tokenise("the U.S. Navy") == ["the", "U.S", "Navy"]
    assert phrase_key("The Élysée") == "elysee"


def test_coder_pickles(coder: ActorCoder) -> None:
    clone = pickle.loads(pickle.dumps(coder))
    assert clone.code("Kenyan police") == coder.code("Kenyan police")


# --- user dictionary -------------------------------------------------------

_CSV = """name,aliases,country,sector,valid_from,valid_to
Tomas Varga,Varga|T. Varga,SVK,SPY,2001,2004-06
Tomas Varga,Varga,SVK,GOV,2004-07,
Orla Fennick,,IRL,,,
"""


def test_csv_dictionary_overrides_inference_by_date(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(_CSV, encoding="utf-8")
    coder = ActorCoder(path)
    assert coder.code("Varga", when="2003-01-05").sector == "SPY"
    assert coder.code("Varga", when="2010-01-05").sector == "GOV"
    assert coder.code("Tomas Varga").sector == "GOV"  # no date: the current entry
    code = coder.code("President Tomas Varga", when="2002-03-01")
    assert (code.country, code.sector, code.confidence) == ("SVK", "SPY", 1.0)
    assert "dictionary" in code.evidence
    # a row without a sector keeps the inferred one
    code = coder.code("Senator Orla Fennick")
    assert (code.country, code.sector) == ("IRL", "LEG")
    # still picklable with entries
    assert pickle.loads(pickle.dumps(coder)).code("Varga", when="2003-01-05").sector == "SPY"


def test_yaml_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Northern Lights Brigade\n"
        "    aliases: [NLB]\n"
        "    country: FIN\n"
        "    sector: REB\n",
        encoding="utf-8",
    )
    code = ActorCoder(path).code("NLB gunmen")
    assert (code.country, code.sector) == ("FIN", "REB")


@pytest.mark.parametrize(
    ("content", "suffix", "code"),
    [
        ("name,country\nAda Moll,XXX\n", ".csv", ErrorCode.E521),
        ("name,country,sector\nAda Moll,FRA,BOSS\n", ".csv", ErrorCode.E521),
        ("name,country,valid_from\nAda Moll,FRA,May 2001\n", ".csv", ErrorCode.E521),
        ("name,country\n,FRA\n", ".csv", ErrorCode.E521),
        ("name,country\nAda Moll,\n", ".csv", ErrorCode.E521),
        ("who,country\nAda Moll,FRA\n", ".csv", ErrorCode.E520),
        ("- [unclosed\n", ".yaml", ErrorCode.E520),
        ("just a string\n", ".yml", ErrorCode.E520),
        ("name: x\n", ".txt", ErrorCode.E520),
    ],
)
def test_bad_dictionary_is_a_coded_error(
    tmp_path: Path, content: str, suffix: str, code: ErrorCode
) -> None:
    path = tmp_path / f"actors{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NewsgraphError) as info:
        load_actor_dictionary(path)
    assert info.value.code is code
    assert str(path) in str(info.value)


def test_missing_dictionary_file(tmp_path: Path) -> None:
    with pytest.raises(NewsgraphError) as info:
        ActorCoder(tmp_path / "none.csv")
    assert info.value.code is ErrorCode.E520


def test_counterpart_takes_the_country_beside_it(coder: ActorCoder) -> None:
    assert coder.code("her US counterpart").country == "USA"
    assert coder.code("his Kenyan counterpart").country == "KEN"


def test_former_qualifies_only_the_office_it_precedes(coder: ActorCoder) -> None:
    both = coder.code("Danish Trade Minister and former OECD chief")
    assert (both.country, both.sector) == ("DNK", "GOV")
    assert coder.code("former trade minister").sector == "ELI"


def test_institution_named_after_its_seat(coder: ActorCoder) -> None:
    seat = coder.code("director of the Climate Research Institute Bergen")
    assert (seat.country, seat.sector) == ("NOR", "EDU")
    # A union or party after a town's name is not seated there.
    assert coder.code("Union Sur", entity_type="ORG").country is None


def test_phrase_tables_are_cached_on_disk_and_rebuilt_when_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.extract.actors as actors

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = actors._build_tables()
    actors._tables.cache_clear()
    try:
        assert actors._tables() == built  # built, then written
        (path,) = (tmp_path / "newsgraph").glob("actor-tables-*.pickle")
        actors._tables.cache_clear()
        assert actors._tables() == built  # read back
        path.write_bytes(b"not a pickle")
        actors._tables.cache_clear()
        assert actors._tables() == built  # an unreadable cache is rebuilt
        assert pickle.loads(path.read_bytes()) == built
    finally:
        actors._tables.cache_clear()


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("al-Qaeda", "IMG", "REB"),
        ("the Islamic State", "IMG", "REB"),
        ("Hizbollah", "LBN", "REB"),
        ("Liberation Tigers of Tamil Eelam", "LKA", "REB"),
        ("Fatah", "PSE", "PTY"),
    ],
)
def test_armed_groups_take_their_home_country_or_img(text: str, country: str, sector: str) -> None:
    code = ActorCoder().code(text, entity_type="ORG")
    assert (code.country, code.sector) == (country, sector)
