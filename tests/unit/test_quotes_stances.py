"""Quotations beyond "X said that …": stances, objects, outlets and texts (#3).

Short articles we write; fictional people, real countries and cities.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.records import Quote

from tests.builders import load_bench
from tests.quoting import analyse, find

pytestmark = [pytest.mark.slow, pytest.mark.issue(3)]


@pytest.mark.parametrize(
    ("text", "content", "lemma"),
    [
        ("Austria has slammed the new toll rules as unfair.", "toll rules as unfair", "slam"),
        ("Ana Vidal blasted the budget cuts on Monday.", "budget cuts", "blast"),
        ("Ana Vidal praised the new border agreement on Monday.", "border agreement", "praise"),
        ("Ana Vidal announced her candidacy for the senate.", "her candidacy", "announce"),
        (
            "Ana Vidal complained about the new tariffs on steel.",
            "new tariffs on steel",
            "complain",
        ),
    ],
)
def test_speech_and_stance_verbs_with_a_noun_phrase_object(
    spacy_stage: Any, text: str, content: str, lemma: str
) -> None:
    doc = analyse(spacy_stage, text)
    quote = find(doc, content)
    assert quote.kind == "indirect"
    assert quote.cue_lemma == lemma
    assert quote.speaker in {"Ana Vidal", "Austria"}


def test_object_of_tell_is_the_addressee_not_the_content(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "Ana Vidal told the committee on Monday.")
    assert not doc.quotes


def test_wanting_and_physical_verbs_are_not_quotations(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "Ana Vidal wants a new car. The army attacked two villages.")
    assert not doc.quotes


def test_participle_after_a_reported_clause_belongs_to_the_reporter(spacy_stage: Any) -> None:
    text = (
        "Tomas Brenner said on Monday that the ministers keep postponing the vote, "
        "suggesting the cabinet must act before winter."
    )
    doc = analyse(spacy_stage, text)
    hits = [q for q in doc.quotes if q.cue_lemma == "suggest"]
    assert [q.text for q in hits] == ["the cabinet must act before winter"]
    assert hits[0].speaker == "Tomas Brenner"


def test_the_newspaper_resolves_to_the_outlet_named_before(spacy_stage: Any) -> None:
    text = (
        "The Vienna Herald reported on Monday that Tomas Brenner will resign.\n"
        "Brenner met the council in Graz on Tuesday.\n"
        "The move could delay the budget, the paper observed."
    )
    doc = analyse(spacy_stage, text)
    quote = find(doc, "could delay the budget")
    assert quote.speaker is not None and "Herald" in quote.speaker
    assert quote.speaker_entity_id is not None


def test_it_stands_for_a_resolution_named_before(spacy_stage: Any) -> None:
    text = (
        "Austria has denied any role in the incidents.\n"
        "The resolution, drafted in Geneva last month, asks member governments to adopt "
        "“a common response to every incursion.”\n"
        "It also “regrets the conduct of the neighbouring states” and what it "
        "calls “a pattern of provocation” in the north."
    )
    doc = analyse(spacy_stage, text)
    for words in ("regrets the conduct", "pattern of provocation"):
        quote = find(doc, words)
        assert quote.speaker == "The resolution", words
        assert quote.speaker_entity_id is None


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Ana Vidal denounced what she called a “reckless gamble” by the council.", "gamble"),
        ("Ana Vidal urged the voters to “think twice” before the referendum.", "think twice"),
        ("Ana Vidal has called the tariffs “unpatriotic” on several occasions.", "unpatriotic"),
    ],
)
def test_quoted_words_inside_a_verbs_object_are_its_subjects(
    spacy_stage: Any, text: str, quoted: str
) -> None:
    doc = analyse(spacy_stage, text)
    quote = find(doc, quoted)
    assert quote.speaker == "Ana Vidal"
    assert quote.kind == "mixed"
    assert len(quote.text) > len(quoted) + 5  # the object, not just the quoted words


def test_quoted_words_in_a_subject_are_not_attributed(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "The “reform” passed the chamber on Tuesday.")
    assert not doc.quotes


@pytest.mark.parametrize("verb", ["shouted", "yelled", "mused", "whispered"])
def test_vocal_verbs_are_cues(spacy_stage: Any, verb: str) -> None:
    doc = analyse(spacy_stage, f"“Stay home tonight,” Tomas Brenner {verb}.")
    quote = find(doc, "Stay home tonight")
    assert (quote.kind, quote.speaker) == ("direct", "Tomas Brenner")


def test_a_long_addressee_may_stand_between_cue_and_quote(spacy_stage: Any) -> None:
    text = "Ana Vidal told the host of a morning radio show in Vienna, “We will win this vote.”"
    quote = find(analyse(spacy_stage, text), "We will win this vote")
    assert (quote.kind, quote.speaker, quote.cue_lemma) == ("direct", "Ana Vidal", "tell")


def test_bench_merges_the_parts_of_one_attribution() -> None:
    bench = load_bench("quotes")

    text = "He promised that he would stay. “We are in this until the end.”"

    def part(start: int, end: int, kind: str) -> Quote:
        return Quote(
            id=f"q{start}",
            article_id="a",
            text=text[start:end],
            start=start,
            end=end,
            kind=kind,
            cue="promised",
            speaker_mention_start=0,
            speaker_mention_end=2,
        )

    first = part(12, 30, "indirect")
    second = part(33, 63, "direct")
    preds = bench.predictions(text, [first, second])
    assert len(preds) == 1
    assert preds[0]["fragments"] == [[12, 30], [33, 63]]


def test_an_indirect_quote_in_the_attribution_does_not_stop_the_quotation(
    spacy_stage: Any,
) -> None:
    text = (
        "“We remain open to honest talks,” Ana Vidal said, referring to the border treaty. "
        "“Sadly, the other side now prefers confrontation.”"
    )
    quote = find(analyse(spacy_stage, text), "the other side now prefers")
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Ana Vidal", "said")


def test_bench_merges_parts_across_an_indirect_quote_of_the_same_sentence() -> None:
    bench = load_bench("quotes")
    text = "“Yes,” Ana said, referring to the vote. “We won.”"

    def part(start: int, end: int, kind: str, cue: str) -> Quote:
        return Quote(id=f"q{start}", article_id="a", text=text[start:end], start=start,
                     end=end, kind=kind, cue=cue, speaker_mention_start=7,
                     speaker_mention_end=10)  # fmt: skip

    preds = bench.predictions(
        text, [part(1, 5, "direct", "said"), part(30, 38, "indirect", "referring"),
               part(41, 48, "direct", "said")]
    )  # fmt: skip
    assert [p["fragments"] for p in preds] == [[[1, 5], [41, 48]], [[30, 38]]]
