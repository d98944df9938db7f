"""Build records by hand for tests, without loading any model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.ids import article_id
from newsgraph.records import AnalysedArticle, Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def make_article(text: str, **fields: Any) -> Article:
    """Build an Article by hand, with its content-hash id."""
    return Article(id=article_id(text), text=text, **fields)


def make_doc(text: str, **fields: Any) -> AnalysedArticle:
    """Build an AnalysedArticle by hand, with no analysis yet."""
    return AnalysedArticle(article=make_article(text, **fields))
