"""The spaCy stage: paragraphs, offsets, gazetteer, picklability."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from newsgraph.nlp import paragraphs

from tests.builders import make_doc

pytestmark = pytest.mark.slow

ARTICLE = (
    "Ministers from six countries meet to discuss grain corridors\n"
    "Foreign Minister Ana Vidal arrived in Yerevan on Tuesday. She met her counterpart.\n"
    "\n"
    "  Talks in Bratislava are planned for next month, officials said.\n"
    "Skopje welcomed the plan."
)


def test_paragraphs_keep_offsets() -> None:
    for offset, para in paragraphs(ARTICLE):
        assert ARTICLE[offset : offset + len(para)] == para
        assert para == para.strip()


def test_overlong_paragraph_is_cut_at_a_full_stop() -> None:
    text = "This is a sentence. " * 3000
    pieces = list(paragraphs(text))
    assert len(pieces) > 1
    for offset, para in pieces:
        assert text[offset : offset + len(para)] == para


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("ACCRA, May 2 — Ghana closed its border.", "ACCRA, May 2 —"),
        ("LOME — Togo reopened the road.", "LOME —"),
        ("QUITO, Ecuador (Reuters) - The vote was held.", "QUITO, Ecuador (Reuters) -"),
        ("Headline\n  BERN (AP) — Swiss voters said no.", "BERN (AP) —"),
    ],
)
def test_a_wire_dateline_is_parsed_apart_from_the_lede(line: str, dateline: str) -> None:
    pieces = list(paragraphs(line))
    assert dateline in [para for _, para in pieces]
    for offset, para in pieces:
        assert line[offset : offset + len(para)] == para


@pytest.mark.parametrize(
    "line", ["NATO said on Monday it would act.", "The EU — and Ghana — agreed.", "UN - It met."]
)
def test_capitals_that_are_no_dateline_stay_in_the_sentence(line: str) -> None:
    assert [para for _, para in paragraphs(line)] == [line]


def test_a_dateline_city_is_not_the_subject_of_the_lede(spacy_stage: Any) -> None:
    text = "ACCRA, May 2 — Ghana closed its border with Togo."
    doc = spacy_stage(make_doc(text))
    first = {t.sent for t in doc.tokens if t.text == "ACCRA"}
    lede = {t.sent for t in doc.tokens if t.text == "Ghana"}
    assert first and lede and first.isdisjoint(lede)


def test_offsets_point_into_the_article_text(spacy_stage: Any) -> None:
    doc = spacy_stage(make_doc(ARTICLE))
    text = doc.article.text
    assert doc.tokens and doc.sentences and doc.mentions
    for tok in doc.tokens:
        assert text[tok.start : tok.end] == tok.text
        assert 0 <= tok.head < len(doc.tokens)
    for mention in doc.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.article_id == doc.article.id
    assert [t.i for t in doc.tokens] == list(range(len(doc.tokens)))


def test_standfirst_is_its_own_sentence(spacy_stage: Any) -> None:
    doc = spacy_stage(make_doc(ARTICLE))
    first = doc.sentences[0]
    assert doc.article.text[first.start : first.end] == ARTICLE.split("\n")[0]
    # No sentence crosses a line break.
    for sent in doc.sentences:
        assert "\n" not in doc.article.text[sent.start : sent.end]


@pytest.mark.parametrize("capital", ["Yerevan", "Bratislava", "Skopje"])
def test_gazetteer_labels_capitals_the_small_model_mislabels(
    spacy_stage: Any, capital: str
) -> None:
    # Without the ruler, en_core_web_sm tags these as PERSON or ORG.
    text = f"Officials in {capital} rejected the proposal, and {capital} said it would respond."
    doc = spacy_stage(make_doc(text))
    labels = {m.type for m in doc.mentions if m.text == capital}
    assert labels == {"GPE"}


def test_gazetteer_leaves_longer_names_to_ner(spacy_stage: Any) -> None:
    text = "The Washington Post reported that George Washington University closed."
    doc = spacy_stage(make_doc(text))
    assert not any(m.text == "Washington" and m.type == "GPE" for m in doc.mentions)


def test_batch_and_single_agree(spacy_stage: Any) -> None:
    docs = [make_doc(ARTICLE), make_doc("Skopje welcomed the plan on Friday.")]
    batch = spacy_stage.pipe(docs)
    single = [spacy_stage(d) for d in docs]
    assert [d.mentions for d in batch] == [d.mentions for d in single]


def test_stage_pickles_without_the_model(spacy_stage: Any) -> None:
    clone = pickle.loads(pickle.dumps(spacy_stage))
    assert clone._nlp is None
    assert clone.version == spacy_stage.version


def test_unknown_model_is_a_one_line_error() -> None:
    from newsgraph.errors import NewsgraphError
    from newsgraph.nlp import load_pipeline
    from newsgraph.settings import Settings

    with pytest.raises(NewsgraphError) as info:
        load_pipeline(Settings(model="no_such_model_xyz"))
    assert info.value.code.name == "E204"
    assert "\n" not in str(info.value)
