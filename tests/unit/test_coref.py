"""In-article speaker resolution: pronouns, nominals, titles, appositives, metonyms (#3)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.coref import Resolver, entity_gender, group_entities
from newsgraph.extract.entities import EntityStage
from newsgraph.records import AnalysedArticle, Mention

from tests.builders import make_doc
from tests.quoting import analyse
from tests.quoting import find as quote_with
from tests.quoting import speaker_written as written

pytestmark = pytest.mark.issue(3)


@pytest.mark.parametrize(
    ("name", "titles", "expected"),
    [
        ("Pavel Novak", (), "m"),
        ("Maria Novak", (), "f"),
        ("Novak", (), None),
        ("Kim Novak", ("spokesman",), "m"),
        ("Alex Novak", ("Mrs",), "f"),
    ],
)
def test_gender_from_first_names_and_titles(
    name: str, titles: tuple[str, ...], expected: str | None
) -> None:
    assert entity_gender(name, titles) == expected


def test_grouping_without_an_entities_stage_joins_surnames() -> None:
    text = "Pavel Novak spoke. Novak left."
    doc = make_doc(text)
    mentions = (
        Mention(
            id="m1", article_id=doc.article.id, text="Pavel Novak", type="PERSON", start=0, end=11
        ),
        Mention(id="m2", article_id=doc.article.id, text="Novak", type="PERSON", start=19, end=24),
    )
    entities, mapping = group_entities(AnalysedArticle(article=doc.article, mentions=mentions))
    assert [e.name for e in entities] == ["Pavel Novak"]
    assert mapping["m1"] == mapping["m2"] == entities[0].id


@pytest.mark.slow
def test_pronoun_speakers_resolve_by_gender_and_recency(spacy_stage: Any) -> None:
    text = (
        "Finance Minister Pavel Novak met Foreign Minister Maria Kowalski in Warsaw on Monday.\n"
        "She said that the budget talks had stalled.\n"
        "He warned that the deficit would grow next year."
    )
    doc = analyse(spacy_stage, text)
    she = quote_with(doc, "budget talks had stalled")
    he = quote_with(doc, "deficit would grow")
    assert (written(doc, she), she.speaker) == ("She", "Maria Kowalski")
    assert (written(doc, he), he.speaker) == ("He", "Pavel Novak")
    assert she.speaker_entity_id is not None and he.speaker_entity_id is not None


@pytest.mark.slow
def test_appositive_trap_keeps_the_subject(spacy_stage: Any) -> None:
    # The most recent name is the appositive object; "He" is the subject.
    text = (
        "Polish President Pavel Novak has thanked his Czech counterpart, Jan Dvorak, "
        "for the invitation. He said that the summit had been useful.\n"
        "The Czech president said that both countries would cooperate on energy."
    )
    doc = analyse(spacy_stage, text)
    assert quote_with(doc, "summit had been useful").speaker == "Pavel Novak"
    nominal = quote_with(doc, "would cooperate on energy")
    assert written(doc, nominal) == "The Czech president"
    assert nominal.speaker == "Jan Dvorak"


@pytest.mark.slow
def test_nominal_with_demonym_picks_the_matching_president(spacy_stage: Any) -> None:
    text = (
        "Polish President Pavel Novak met Czech President Jan Dvorak in Prague on Friday.\n"
        "The Polish president said that the new pipeline would open in March."
    )
    doc = analyse(spacy_stage, text)
    assert quote_with(doc, "pipeline would open").speaker == "Pavel Novak"


@pytest.mark.slow
def test_role_title_matches_the_person_it_introduced(spacy_stage: Any) -> None:
    text = (
        "Government spokesman Pavel Novak spoke to journalists on Tuesday.\n"
        "Finance Minister Maria Kowalski was also present.\n"
        "The government spokesman said that no decision had been taken."
    )
    doc = analyse(spacy_stage, text)
    assert quote_with(doc, "no decision had been taken").speaker == "Pavel Novak"


@pytest.mark.slow
def test_capital_speaks_for_its_government(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "Warsaw has said that it will not accept the new quotas.")
    quote = quote_with(doc, "will not accept")
    assert quote.speaker == "Warsaw"
    assert quote.speaker_entity_id is not None


@pytest.mark.slow
def test_quote_only_paragraph_takes_the_previous_speaker(spacy_stage: Any) -> None:
    text = (
        "Pavel Novak addressed the party congress in Krakow on Saturday.\n"
        "“We will win the next election,” Novak said.\n"
        "“Our opponents have run out of ideas and the voters know it very well.”"
    )
    doc = analyse(spacy_stage, text)
    quote = quote_with(doc, "run out of ideas")
    assert quote.speaker == "Pavel Novak"
    assert quote.confidence < quote_with(doc, "win the next election").confidence


@pytest.mark.slow
def test_object_pronoun_does_not_bind_its_own_subject(spacy_stage: Any) -> None:
    text = (
        "Prime Minister Jan Dvorak resigned on Monday.\n"
        "President Pavel Novak asked him to stay on as caretaker until Friday."
    )
    doc = analyse(spacy_stage, text)
    quote = quote_with(doc, "stay on as caretaker")
    assert quote.speaker == "Pavel Novak"
    assert quote.addressee == "Jan Dvorak"


@pytest.mark.slow
def test_resolver_resolves_any_token_span(spacy_stage: Any) -> None:
    doc = EntityStage()(spacy_stage(make_doc("Maria Kowalski arrived. She smiled.")))
    resolver = Resolver(doc)
    she = next(t.i for t in doc.tokens if t.text == "She")
    res = resolver.resolve(she, she + 1)
    assert (res.name, res.method) == ("Maria Kowalski", "pronoun")
    assert 0 < res.confidence <= 1
    assert resolver.resolve(0, 0).method == "unresolved"


def test_cached_first_name_genders_agree_with_the_name_list() -> None:
    import gender_guesser.detector as gd  # type: ignore[import-untyped]

    from newsgraph.extract.coref_rules import _first_name_gender

    detector = gd.Detector(case_sensitive=False)
    expected = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}
    for name in ["Maria", "John", "Alex", "Kim", "Andrea", "Jean", "Zorblat", "Ines", "Tomas"]:
        assert _first_name_gender(name) == expected.get(detector.get_gender(name)), name
