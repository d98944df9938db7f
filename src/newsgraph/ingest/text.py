"""Read plain text: one article, or several pasted one after another."""

from __future__ import annotations

from collections.abc import Iterator

from newsgraph.errors import ErrorCode
from newsgraph.ingest.base import IngestOptions, clean_text, make_article, make_failure
from newsgraph.ingest.segment import split_articles
from newsgraph.records import Article, Failure

__all__ = ["read_text"]


def read_text(text: str, *, origin: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """Yield the articles in plain ``text``, split by the segmenter when ``options.segment``."""
    # The segmenter reads line ends and blank lines, so it must see "\n" only.
    text = clean_text(text)
    if not text:
        yield make_failure(ErrorCode.E105, origin)
        return
    pieces: list[tuple[str, str | None]]
    pieces = split_articles(text) if options.segment else [(text, None)]
    pieces = [(body, title) for body, title in pieces if body.strip()]
    if not pieces:
        yield make_failure(ErrorCode.E105, origin)
        return
    for n, (body, title) in enumerate(pieces, start=1):
        # A file holding one article is located by its path alone.
        where = origin if len(pieces) == 1 else f"{origin}:record {n}"
        yield make_article(body, options=options, origin=where, title=title)
