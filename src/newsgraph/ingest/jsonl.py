"""Read JSON Lines (one article object per line), or a JSON array of such objects.

Known fields: ``id, url, title, text, published, source``, with the aliases
in ``_ALIASES`` (news-please's ``maintext``/``date_publish``, NewsAPI's
``content``/``publishedAt``/``source.name`` and similar). The first alias
present with a usable value is taken; every other field, unused aliases
included, is kept in ``Article.meta``. The input ``id`` goes to
``meta["source_id"]``: an article's own id is always its content hash.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsgraph.errors import ErrorCode
from newsgraph.ingest.base import IngestOptions, make_article, make_failure
from newsgraph.records import Article, Failure

__all__ = ["read_jsonl"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "maintext", "article"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "date_publish", "published_at", "publishedAt", "pubDate"),
    "source": ("source", "source_name", "source_domain"),
}


def read_jsonl(text: str, *, origin: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """Yield an article (or failure) per JSON line; a whole-file JSON array or object also works."""
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        # A pretty-printed .json file (an array, or one object over many
        # lines) parses as a whole; true JSON Lines fails here at the end of
        # its first line, which costs one extra parse of that line.
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as exc:
            whole = None
            if stripped[:1] == "[":
                yield make_failure(ErrorCode.E106, origin, reason=_json_reason(exc))
                return
        if isinstance(whole, list):
            for n, record in enumerate(whole, start=1):
                yield _record(record, where=f"{origin}:record {n}", options=options)
            return
        if isinstance(whole, dict):
            first_line = text[: len(text) - len(stripped)].count("\n") + 1
            yield _record(whole, where=f"{origin}:{first_line}", options=options)
            return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield make_failure(ErrorCode.E106, where, reason=_json_reason(exc))
            continue
        yield _record(record, where=where, options=options)


def _json_reason(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} (line {exc.lineno} column {exc.colno})"


def _record(record: Any, *, where: str, options: IngestOptions) -> Article | Failure:
    if not isinstance(record, dict):
        return make_failure(
            ErrorCode.E106, where, reason=f"expected an object, got {type(record).__name__}"
        )
    meta = dict(record)
    fields = {name: _take(meta, aliases) for name, aliases in _ALIASES.items()}
    body = fields["text"]
    if body is None or not body.strip():
        return make_failure(ErrorCode.E107, where)
    if "id" in meta:
        meta["source_id"] = str(meta.pop("id"))
    return make_article(
        body,
        options=options,
        origin=where,
        title=fields["title"],
        url=fields["url"],
        source=fields["source"],
        published_raw=fields["published"],
        meta=meta,
    )


def _take(meta: dict[str, Any], aliases: tuple[str, ...]) -> str | None:
    """Pop and return the first alias holding a usable value; leave others in ``meta``."""
    for key in aliases:
        value = _as_text(meta.get(key))
        if value is not None:
            del meta[key]
            return value
    return None


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        # Kept as a string so an epoch number lands in published_raw, not lost.
        return str(value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(value)  # text given as a list of paragraphs
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return _as_text(value["name"])  # NewsAPI: "source": {"id": ..., "name": ...}
    return None
