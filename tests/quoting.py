"""Shared helpers for quote tests: run the stages on a sentence, pick a quote."""

from __future__ import annotations

from typing import Any

from newsgraph.extract.entities import EntityStage
from newsgraph.extract.quotes import QuoteStage
from newsgraph.records import AnalysedArticle, Quote

from tests.builders import make_doc


def analyse(spacy_stage: Any, text: str) -> AnalysedArticle:
    """Run spaCy, entity resolution and quote extraction on ``text``."""
    return QuoteStage()(EntityStage()(spacy_stage(make_doc(text))))


def find(doc: AnalysedArticle, words: str, cue: str | None = None) -> Quote:
    """Return the first quote containing ``words`` (and with cue lemma ``cue``, if given)."""
    hits = [q for q in doc.quotes if words in q.text and (cue is None or q.cue_lemma == cue)]
    assert hits, f"no quote contains {words!r}: {[(q.text, q.cue) for q in doc.quotes]}"
    return hits[0]


def speaker_written(doc: AnalysedArticle, quote: Quote) -> str:
    """Return the speaker mention as written in the article."""
    assert quote.speaker_mention_start is not None and quote.speaker_mention_end is not None
    return doc.article.text[quote.speaker_mention_start : quote.speaker_mention_end]
