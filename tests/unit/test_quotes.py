"""The quotations stage on short articles we write, one test per pattern (#3)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.quotes import QuoteStage

from tests.quoting import analyse, find

pytestmark = [pytest.mark.slow, pytest.mark.issue(3)]


@pytest.mark.parametrize(
    "text",
    [
        "“The border will stay open,” Ana Vidal said.",
        "Ana Vidal said: “The border will stay open.”",
        "“The border will stay open,” said Ana Vidal.",
        '"The border will stay open," Ana Vidal said.',
        "”The border will stay open,” Ana Vidal said.",
    ],
)
def test_direct_quote_patterns(spacy_stage: Any, text: str) -> None:
    doc = analyse(spacy_stage, text)
    quote = find(doc, "border will stay open")
    assert quote.kind == "direct"
    assert quote.speaker == "Ana Vidal"
    assert quote.cue_lemma == "say"
    assert doc.article.text[quote.start : quote.end] == quote.text
    assert "“" not in quote.text and "”" not in quote.text and '"' not in quote.text


def test_told_gives_an_addressee(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "“We are certain about the outcome,” Tomas Brenner told Ana Vidal.")
    quote = find(doc, "certain about the outcome")
    assert (quote.speaker, quote.addressee, quote.cue) == ("Tomas Brenner", "Ana Vidal", "told")
    assert quote.addressee_entity_id is not None


def test_quote_split_around_its_attribution(spacy_stage: Any) -> None:
    doc = analyse(
        spacy_stage, "“The first part is here,” Ana Vidal said. “The second part follows it.”"
    )
    first, second = find(doc, "first part"), find(doc, "second part")
    assert first.speaker == second.speaker == "Ana Vidal"
    assert (first.speaker_mention_start, first.cue) == (second.speaker_mention_start, second.cue)


def test_quote_paragraphs_continue_with_the_same_speaker(spacy_stage: Any) -> None:
    text = (
        "Tomas Brenner spoke to reporters in Vienna on Monday.\n"
        "“We will not sign this agreement,” Brenner said.\n"
        "“It gives away far too much and asks nothing of the other side.”\n"
        "The talks resume next week."
    )
    doc = analyse(spacy_stage, text)
    assert find(doc, "gives away far too much").speaker == "Tomas Brenner"
    assert find(doc, "gives away far too much").kind == "direct"


def test_multi_paragraph_quotation_keeps_its_speaker(spacy_stage: Any) -> None:
    text = (
        "Ana Vidal said: “The reform is overdue and the numbers prove it.\n"
        "“Every delay costs the treasury more than the reform itself.”"
    )
    doc = analyse(spacy_stage, text)
    assert find(doc, "Every delay costs").speaker == "Ana Vidal"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Ana Vidal said the talks were in a “deep freeze” after the vote.", "deep freeze"),
        ("Ana Vidal described the plan as “a gift to smugglers” on Monday.", "gift to smugglers"),
    ],
)
def test_mixed_quotes(spacy_stage: Any, text: str, content: str) -> None:
    doc = analyse(spacy_stage, text)
    quote = find(doc, content)
    assert quote.kind == "mixed"
    assert quote.speaker == "Ana Vidal"
    assert len(quote.text) > len(content) + 5  # the reported clause, not just the quoted words


@pytest.mark.parametrize(
    ("text", "lemma"),
    [
        ("Ana Vidal said that the bridge would close in May.", "say"),
        ("Ana Vidal said the bridge would close in May.", "say"),
        ("Ana Vidal noted that the bridge would close in May.", "note"),
        ("Ana Vidal warned that the bridge would close in May.", "warn"),
        ("Ana Vidal claimed that the bridge would close in May.", "claim"),
        ("Ana Vidal stressed that the bridge would close in May.", "stress"),
        ("Ana Vidal added that the bridge would close in May.", "add"),
        ("Ana Vidal argued that the bridge would close in May.", "argue"),
        ("Ana Vidal insisted that the bridge would close in May.", "insist"),
        ("Ana Vidal suggested that the bridge would close in May.", "suggest"),
        ("Ana Vidal cautioned that the bridge would close in May.", "caution"),
        ("Ana Vidal admitted that the bridge would close in May.", "admit"),
        ("Ana Vidal told journalists that the bridge would close in May.", "tell"),
        ("The bridge would close in May, Ana Vidal has said.", "say"),
        ("According to Ana Vidal, the bridge would close in May.", "according to"),
        ("The bridge would close in May, according to Ana Vidal.", "according to"),
        (
            "The mayor welcomed Ana Vidal's statement that the bridge would close in May.",
            "statement",
        ),
        ("Ana Vidal spoke on Monday, noting that the bridge would close in May.", "note"),
        ("Ana Vidal spoke on Monday, arguing that the bridge would close in May.", "argue"),
    ],
)
def test_indirect_quote_patterns(spacy_stage: Any, text: str, lemma: str) -> None:
    doc = analyse(spacy_stage, text)
    quote = find(doc, "bridge would close in May")
    assert quote.kind == "indirect"
    assert quote.speaker == "Ana Vidal"
    assert quote.cue_lemma == lemma
    assert "Vidal" not in quote.text


def test_standfirst_with_fronted_content(spacy_stage: Any) -> None:
    text = (
        "The bridge will close for repairs in May, Ana Vidal has stated\n"
        "The city council approved the budget for the works on Tuesday."
    )
    doc = analyse(spacy_stage, text)
    quote = find(doc, "bridge will close")
    assert (quote.speaker, quote.cue_lemma) == ("Ana Vidal", "state")


def test_quote_text_conditions(spacy_stage: Any) -> None:
    text = (
        "“Austria has become one of… the levers by which [Brenner] can win votes. "
        "He calls it a ‘war on bureaucracy’ and it is not,” Ana Vidal said."
    )
    doc = analyse(spacy_stage, text)
    quote = find(doc, "[Brenner]")
    assert quote.kind == "direct"
    assert "‘war on bureaucracy’" in quote.text and "… the levers" in quote.text
    assert quote.speaker == "Ana Vidal"


def test_targets_exclude_the_speaker(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "Ana Vidal said that Tomas Brenner had misled Austria.")
    quote = find(doc, "misled")
    assert "Tomas Brenner" in quote.targets and "Austria" in quote.targets
    assert "Ana Vidal" not in quote.targets
    assert len(quote.targets) == len(quote.target_entity_ids)


def test_unbalanced_marks_do_not_crash_and_lower_confidence(spacy_stage: Any) -> None:
    closed = analyse(spacy_stage, "Ana Vidal said: “The reform is overdue and it will pass.”")
    open_ = analyse(spacy_stage, "Ana Vidal said: “The reform is overdue and it will pass.")
    a, b = find(closed, "reform is overdue"), find(open_, "reform is overdue")
    assert b.speaker == "Ana Vidal"
    assert b.confidence < a.confidence


@pytest.mark.parametrize("text", ["", "No quotes here at all.", "“", "” ” “ \" '' ‘"])
def test_degenerate_texts_do_not_crash(spacy_stage: Any, text: str) -> None:
    doc = analyse(spacy_stage, text or " ")
    for quote in doc.quotes:
        assert 0 <= quote.start < quote.end <= len(doc.article.text)


def test_scare_quotes_are_not_quotations(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "The so-called “reform” passed the chamber on Tuesday.")
    assert not any(q.text == "reform" for q in doc.quotes)


def test_stage_contract() -> None:
    assert QuoteStage.name == "quotes.rules.v2"
    assert QuoteStage.requires == frozenset({"tokens", "mentions", "entities"})
    assert QuoteStage.provides == frozenset({"quotes"})
