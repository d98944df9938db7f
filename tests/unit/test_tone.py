"""Tone per sentence and per article on GDELT's scale (issue 4, point 7)."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from newsgraph.extract.tone import ToneStage, sentence_tone
from newsgraph.records import AnalysedArticle, Sentence
from newsgraph.settings import Settings

from tests.builders import make_doc

pytestmark = pytest.mark.issue(4)

GOOD = "The peace deal is a wonderful success and everyone celebrated."
BAD = "The attack was a horrible disaster and many people were killed."
FLAT = "The committee meets on the second floor."


def _doc(*sentences: str) -> AnalysedArticle:
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(Sentence(start=pos, end=pos + len(s)))
        pos += len(s) + 1
    return replace(make_doc(text), sentences=tuple(spans))


@pytest.fixture(scope="module")
def stage() -> ToneStage:
    return ToneStage(Settings())


def test_sentence_tone_sign_and_range(stage: ToneStage) -> None:
    good, bad = sentence_tone(stage.analyzer, GOOD), sentence_tone(stage.analyzer, BAD)
    assert 0 < good <= 100
    assert -100 <= bad < 0
    assert sentence_tone(stage.analyzer, FLAT) == 0.0


def test_shortcut_matches_vader_exactly(stage: ToneStage) -> None:
    # Sentences without a lexicon word skip VADER; the score must not change.
    for text in (GOOD, BAD, FLAT, "No.", "Not bad at all!", "Great news 😀", "It rained 😡"):
        scores = stage.analyzer.polarity_scores(text)
        assert sentence_tone(stage.analyzer, text) == round(
            100 * (scores["pos"] - scores["neg"]), 3
        )


def test_article_tone_is_the_word_weighted_mean(stage: ToneStage) -> None:
    before = _doc(GOOD, BAD, FLAT)
    doc = stage(before)
    tones = [s.tone for s in doc.sentences]
    words = [len(s.split()) for s in (GOOD, BAD, FLAT)]
    expected = sum((t or 0.0) * n for t, n in zip(tones, words, strict=True)) / sum(words)
    assert None not in tones
    assert doc.tone == pytest.approx(expected, abs=1e-3)
    # Spans are kept; only the tone is filled in.
    assert [(s.start, s.end) for s in doc.sentences] == [(s.start, s.end) for s in before.sentences]


def test_no_sentences_no_tone(stage: ToneStage) -> None:
    assert stage(make_doc("")).tone is None


def test_stage_pickles_without_the_lexicon(stage: ToneStage) -> None:
    _ = stage.analyzer
    blob = pickle.dumps(stage)
    assert len(blob) < 10_000
    assert pickle.loads(blob)._analyzer is None
