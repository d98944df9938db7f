"""Read HTML article pages through trafilatura; shared with the WARC reader."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import trafilatura

from newsgraph.errors import ErrorCode
from newsgraph.ingest.base import IngestOptions, make_article, make_failure
from newsgraph.records import Article, Failure

__all__ = ["HtmlPage", "article_from_html", "extract_html", "html_to_text", "read_html"]

logger = logging.getLogger(__name__)

# htmldate's extensive search guesses from any date-like string in the page
# ("Updated 12 March 2024", a copyright year); we only take dates the page
# declares in its metadata and markup, and prefer the original over the
# modified date, so that an unknown date stays unknown.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlPage:
    """What trafilatura found in a page: main text (paragraphs one per line) and metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None


def extract_html(html: str | bytes, *, url: str | None = None) -> HtmlPage | None:
    """Extract the main text and metadata of an HTML page, or None if it has no text."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            # Reader comments are not the article; tables render as loose cells
            # that later stages would read as broken sentences.
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura/lxml can fail in many ways on broken markup
        logger.debug("trafilatura failed on %s", url or "page", exc_info=True)
        return None
    if doc is None:
        return None
    fields: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    text = (fields.get("text") or "").strip()
    if not text:
        return None
    return HtmlPage(
        text=text,
        title=fields.get("title") or None,
        date=fields.get("date") or None,
        url=fields.get("url") or None,
        sitename=fields.get("sitename") or None,
    )


def article_from_html(
    html: str | bytes,
    *,
    origin: str,
    options: IngestOptions,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article | Failure:
    """Build an article from an HTML page, or an E108 failure if no text comes out.

    ``url`` (for example a WARC target URI) wins over the page's canonical URL.
    ``--source`` wins over the page's site name, which is often a slogan or a
    domain rather than the outlet's name.
    """
    page = extract_html(html, url=url)
    if page is None:
        return make_failure(ErrorCode.E108, origin)
    return make_article(
        page.text,
        options=options,
        origin=origin,
        title=page.title,
        url=url or page.url,
        source=options.source or page.sitename,
        published_raw=page.date,
        meta=meta,
    )


def read_html(text: str, *, origin: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """Yield the one article of an HTML page (or an E108 failure)."""
    yield article_from_html(text, origin=origin, options=options)


_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"),
    }
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"\s+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            # Source line breaks inside a paragraph are just spaces in HTML.
            self.parts.append(_SPACES.sub(" ", data))


def html_to_text(fragment: str) -> str:
    """Return the text of an HTML fragment with one block (paragraph) per line."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
