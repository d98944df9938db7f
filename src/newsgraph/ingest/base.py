"""Shared helpers for the ingest modules: options, article building, dates."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.ids import article_id
from newsgraph.records import Article, Failure

__all__ = [
    "IngestOptions",
    "clean_text",
    "declared_encoding",
    "decode_text",
    "failure_from",
    "make_article",
    "make_failure",
    "parse_date",
    "validate_date",
]

logger = logging.getLogger(__name__)

_TRAILING_WS = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """Options every reader honours.

    ``published`` is the fallback publication date (``--published``), used
    only when the source has none; ``source`` labels the outlet
    (``--source``) when the record does not name one; ``segment`` splits
    plain text into articles; ``format`` (``text``, ``jsonl``, ``html``,
    ``feed`` or ``warc``) overrides format detection for every input.
    """

    published: str | None = None
    source: str | None = None
    segment: bool = True
    format: str | None = None


def clean_text(text: str) -> str:
    """Normalise line ends and trailing blanks; keep paragraphs one per line.

    Offsets of every extracted span index into the text this returns, so it
    must be the only cleaning applied before storage.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _TRAILING_WS.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def parse_date(raw: str | None) -> str | None:
    """Return ``raw`` as an ISO-8601 date or datetime, or None if unparsable.

    Accepts ISO forms (``2025-10-09``, ``2025-10-09T14:03:00Z``) and, through
    ``email.utils``, RFC-2822 dates as feeds and HTTP headers write them.
    Date-only inputs stay dates; never guesses from partial text.
    """
    if raw is None:
        return None
    value = str(raw).strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    # Only extended ISO datetimes go to fromisoformat: since 3.11 it also takes
    # week dates ("2025-W41") and bare digit runs ("20251009"), which would turn
    # a week or an id-like number into a made-up day.
    if _ISO_DATETIME.match(value):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed.isoformat()
        except ValueError:
            pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def validate_date(raw: str | None) -> str | None:
    """Parse a user-given date (``--published``) or raise E113."""
    if raw is None:
        return None
    parsed = parse_date(raw)
    if parsed is None:
        raise NewsgraphError(ErrorCode.E113, value=raw)
    return parsed


def make_article(
    text: str,
    *,
    options: IngestOptions,
    origin: str,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published_raw: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Article:
    """Build an :class:`Article` from a record, applying the date policy.

    The publication date comes from the source (``published_raw``) when it
    parses, else from ``options.published``, else stays unknown. A source
    date that fails to parse is kept in ``published_raw``.
    """
    cleaned = clean_text(text)
    published = parse_date(published_raw)
    if published is None:
        published = options.published
    return Article(
        id=article_id(cleaned),
        text=cleaned,
        title=(title.strip() or None) if title else None,
        url=url or None,
        source=source or options.source,
        published=published,
        published_raw=published_raw
        if published_raw and parse_date(published_raw) is None
        else None,
        origin=origin,
        meta=meta or {},
    )


def make_failure(code: ErrorCode, where: str, **kwargs: object) -> Failure:
    """Build an ingest :class:`Failure` whose message names ``where`` and the reason."""
    return failure_from(NewsgraphError(code, where, **kwargs))


def failure_from(error: NewsgraphError) -> Failure:
    """Turn a raised :class:`NewsgraphError` into an ingest :class:`Failure` record."""
    return Failure(code=error.code.name, message=str(error), where=error.where, stage="ingest")


# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_DECLARED = (
    re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})", re.I),
    re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I),
)
_UTF8_NAMES = frozenset({"utf-8", "utf-8-sig"})
# Latin-script text in Windows-1252 has its accented letters and curly quotes
# one or two at a time between ASCII letters; text in another script or a
# multi-byte encoding read as 1252 comes out as long runs of high characters.
# Above this share of high characters sitting in runs of 3+, the guess is refused.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_CP1252_MAX_IN_RUNS = 0.3


def declared_encoding(head: bytes) -> str | None:
    """Return the encoding an XML prolog or HTML meta tag in ``head`` declares, if known."""
    for pattern in _DECLARED:
        match = pattern.search(head[:2048])
        if match:
            name = match.group(1).decode("ascii").lower()
            try:
                return codecs.lookup(name).name
            except LookupError:
                return None
    return None


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    head = data[:4096]
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls > len(head) // 10


def _plausible_cp1252(text: str) -> bool:
    # Strict cp1252 already rejects its five undefined bytes; control
    # characters mean this is not prose.
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v" for c in text):
        return False
    non_ascii = sum(1 for c in text if ord(c) > 0x7F)
    in_runs = sum(len(run) for run in _NON_ASCII_RUN.findall(text))
    return in_runs <= _CP1252_MAX_IN_RUNS * non_ascii


def decode_text(data: bytes, *, where: str = "", declared: str | None = None) -> str:
    """Decode ``data`` as text, or raise E103 (binary) or E104 (undecodable).

    A byte-order mark decides first; then valid UTF-8 wins, even over a
    ``declared`` encoding (from an XML prolog, HTML meta tag or HTTP header),
    because pages declaring Latin-1 while holding UTF-8 are common and the
    reverse almost never decodes; then the declared encoding; then
    Windows-1252, but only when the result looks like Latin-script prose,
    since any byte string decodes as some 8-bit codec and a wrong guess would
    silently store mojibake.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise NewsgraphError(
                    ErrorCode.E104, where, reason=f"bad {encoding} at byte {exc.start}"
                ) from exc
    if _looks_binary(data):
        raise NewsgraphError(ErrorCode.E103, where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared and declared not in _UTF8_NAMES:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            logger.debug("%s: declared encoding %s does not fit", where or "input", declared)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _plausible_cp1252(text):
        logger.warning("%s: not UTF-8; read it as Windows-1252", where or "input")
        return text
    bad = data[utf8_error.start]
    raise NewsgraphError(
        ErrorCode.E104,
        where,
        reason=f"not UTF-8 (byte 0x{bad:02x} at offset {utf8_error.start}) "
        "and not Windows-1252 text; save it as UTF-8",
    )
