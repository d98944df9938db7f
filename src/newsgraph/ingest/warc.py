"""Read WARC files (``.warc``, ``.warc.gz``), as Common Crawl's CC-News writes them.

Each HTML response record becomes an article through the same extraction as
HTML pages. ``WARC-Target-URI`` is the URL. ``WARC-Date`` is when the page
was crawled, not published, so it goes to ``meta["crawl_date"]``; the
publication date comes from the page itself, else from ``--published``.
Other records (warcinfo, request, metadata, non-HTML or non-2xx responses)
are skipped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.ingest.base import (
    IngestOptions,
    declared_encoding,
    decode_text,
    failure_from,
    make_failure,
)
from newsgraph.ingest.html import article_from_html
from newsgraph.records import Article, Failure

__all__ = ["read_warc"]

logger = logging.getLogger(__name__)

_MAX_REASON = 120
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)", re.I | re.S)


def read_warc(
    stream: BinaryIO, *, origin: str, options: IngestOptions
) -> Iterator[Article | Failure]:
    """Yield an article per HTML response record in a WARC stream (gzipped or not)."""
    records = iter(ArchiveIterator(stream))
    n = 0
    while True:
        n += 1
        where = f"{origin}:record {n}"
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # warcio raises many types on broken framing
            # The next record's start is unknown once framing breaks, so stop.
            reason = f"{_describe(exc)}; the rest of the file is skipped"
            yield make_failure(ErrorCode.E110, where, reason=reason)
            return
        if record.format != "warc":
            # warcio reads unknown text as an ARC record rather than failing.
            reason = "not a WARC record (no WARC/1.x header); the rest of the file is skipped"
            yield make_failure(ErrorCode.E110, where, reason=reason)
            return
        try:
            item = _read_record(record, where=where, options=options)
        except NewsgraphError as exc:
            yield failure_from(exc)
            continue
        except Exception as exc:  # a broken payload spoils this record only
            yield make_failure(ErrorCode.E110, where, reason=_describe(exc))
            continue
        if item is not None:
            yield item


def _describe(exc: BaseException) -> str:
    # warcio quotes the offending line, which may be binary; keep one short line.
    text = "".join(c if c.isprintable() else "?" for c in " ".join(str(exc).split()))
    if len(text) > _MAX_REASON:
        text = text[: _MAX_REASON - 1] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _read_record(record: Any, *, where: str, options: IngestOptions) -> Article | Failure | None:
    """Return the article in one record, a failure, or None for a record to skip."""
    if not record.rec_type:
        raise NewsgraphError(ErrorCode.E110, where, reason="record has no WARC-Type header")
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:  # a dns: or other non-HTTP response
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in _HTML_TYPES:
        return None
    payload: bytes = record.content_stream().read()
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise NewsgraphError(
            ErrorCode.E110, where, reason=f"record is cut short ({missing} bytes missing)"
        )
    if not mime and not _HTML_START.match(payload[:1024]):
        return None
    match = _CHARSET.search(content_type)
    declared = match.group(1).lower() if match else declared_encoding(payload[:2048])
    try:
        html = decode_text(payload, where=where, declared=declared)
    except NewsgraphError as exc:
        if exc.code is ErrorCode.E103:
            raise NewsgraphError(ErrorCode.E110, where, reason="HTML payload is binary") from exc
        # Crawled pages often mislabel or mix encodings; a few replaced
        # characters are better than losing the article.
        logger.debug("%s: payload is not valid text; replacing bad bytes", where)
        html = payload.decode("utf-8", "replace")
    meta: dict[str, Any] = {}
    crawl_date = record.rec_headers.get_header("WARC-Date")
    if crawl_date:
        meta["crawl_date"] = crawl_date
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    if record_id:
        meta["warc_record_id"] = record_id
    return article_from_html(
        html,
        origin=where,
        options=options,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        meta=meta,
    )
