"""Content-hash identifiers: the same content always gets the same id."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["article_id", "normalise_text", "span_id"]

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Return the form of ``text`` that exact-duplicate detection compares.

    NFKC folds typographic variants (full-width forms, ligatures); white
    space runs collapse to one space; case is folded. Curly and straight
    quotes are kept apart on purpose: they rarely differ between copies of
    one text and folding them costs time on every article.
    """
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def article_id(text: str) -> str:
    """Return the id of an article: a hash of its normalised text."""
    return "a" + _digest(normalise_text(text))


def span_id(kind: str, article_id: str, start: int, end: int, *extra: str) -> str:
    """Return the id of a span record (mention, quote, ...) in an article."""
    return kind[0] + _digest(kind, article_id, str(start), str(end), *extra)
