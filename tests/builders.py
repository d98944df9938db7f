"""Build records by hand for tests, without loading any model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from newsgraph.ids import article_id, span_id
from newsgraph.records import AnalysedArticle, Article, Mention

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def make_article(text: str, **fields: Any) -> Article:
    """Build an Article by hand, with its content-hash id."""
    return Article(id=article_id(text), text=text, **fields)


def make_doc(text: str, **fields: Any) -> AnalysedArticle:
    """Build an AnalysedArticle by hand, with no analysis yet."""
    return AnalysedArticle(article=make_article(text, **fields))


def with_mentions(text: str, spans: list[tuple[str, str]]) -> AnalysedArticle:
    """Build a doc whose mentions are the given (text, type) in order of occurrence."""
    doc = make_doc(text)
    mentions = []
    pos = 0
    for surface, label in spans:
        start = text.index(surface, pos)
        end = start + len(surface)
        pos = end
        mentions.append(
            Mention(
                id=span_id("mention", doc.article.id, start, end, label),
                article_id=doc.article.id,
                text=surface,
                type=label,
                start=start,
                end=end,
            )
        )
    return replace(doc, mentions=tuple(mentions))
