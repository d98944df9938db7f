"""Read RSS and Atom feeds through feedparser: one article per entry."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import feedparser

from newsgraph.errors import ErrorCode
from newsgraph.ingest.base import IngestOptions, make_article, make_failure
from newsgraph.ingest.html import html_to_text
from newsgraph.records import Article, Failure

__all__ = ["read_feed"]

logger = logging.getLogger(__name__)

# The text reaches us decoded; re-encoded as UTF-8 it must be read as UTF-8
# whatever the XML prolog says, and a header is how feedparser is told so.
_HEADERS = {"content-type": "application/xml; charset=utf-8"}


def read_feed(text: str, *, origin: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """Yield an article per feed entry; the feed's title labels them unless --source is given."""
    # A stream, not the string itself: feedparser treats a string that looks
    # like a URL or a file name as one and would fetch or open it.
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=_HEADERS)
    if not parsed.entries:
        if parsed.bozo:
            yield make_failure(ErrorCode.E109, origin, reason=_bozo_reason(parsed))
        else:
            yield make_failure(ErrorCode.E105, origin)  # a valid feed with no entries
        return
    if parsed.bozo:
        # feedparser recovers from much broken XML; the entries it got are kept.
        logger.warning("%s: feed is not well-formed (%s)", origin, _bozo_reason(parsed))
    source = options.source or _title(parsed.feed)
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}:record {n}"
        body = _entry_text(entry)
        if not body:
            yield make_failure(ErrorCode.E109, where, reason="entry has no content or summary")
            continue
        meta: dict[str, Any] = {}
        if entry.get("id"):
            meta["source_id"] = entry["id"]
        if entry.get("author"):
            meta["author"] = entry["author"]
        yield make_article(
            body,
            options=options,
            origin=where,
            title=_title(entry),
            url=entry.get("link"),
            source=source,
            # "updated" stands in for feeds that only date entries that way
            # (dc:date, Atom <updated>).
            published_raw=entry.get("published") or entry.get("updated"),
            meta=meta,
        )


def _bozo_reason(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    if exc is None:
        return "not RSS or Atom"
    # SAX errors carry "<unknown>:line:col:" positions that count lines
    # feedparser itself added; the bare message is clearer.
    get_message = getattr(exc, "getMessage", None)
    message = get_message() if callable(get_message) else str(exc)
    return str(message)


def _entry_text(entry: Any) -> str:
    """Return an entry's full content if present, else its summary, as plain text."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"type": "text/html", "value": entry["summary"]})
    for detail in candidates:
        value = detail.get("value") or ""
        body = html_to_text(value) if "html" in (detail.get("type") or "html") else value
        if body.strip():
            return body.strip()
    return ""


def _title(node: Any) -> str | None:
    """Return the title of a feed or entry as plain text."""
    value = node.get("title")
    if not isinstance(value, str):
        return None
    # feedparser keeps markup and entities in titles typed as HTML.
    detail = node.get("title_detail") or {}
    if "html" in (detail.get("type") or ""):
        value = html_to_text(value)
    return " ".join(value.split()) or None
