"""Quote queries shared by the CLI, the HTTP API and the web UI (#3)."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import Quote
from newsgraph.store.query import date_conditions, fts_query, like_pattern
from newsgraph.store.sqlite import Store

__all__ = ["QUOTE_KINDS", "list_quotes"]


QUOTE_KINDS = ("direct", "indirect", "mixed")


def list_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    article_id: str | None = None,
    kind: str | None = None,
    about: str | None = None,
    text: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    top_level: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[Quote]:
    """List quotes in article and text order, filtered by speaker, article, kind, target or words.

    ``speaker`` and ``about`` match names case-insensitively (part of the
    canonical name, an alias, or the name as written); ``text`` is a
    full-text search of the quoted words (plain words, see
    :func:`fts_query`). ``since``/``until`` bound the article's publication
    date, inclusive (E113 for a bad date); ``country`` keeps quotes whose
    resolved speaker is coded with that country; ``top_level`` leaves out
    quotes nested in another's content ("X said Y believes Z": Y's). An
    unknown ``kind`` raises E540.
    """
    if kind is not None and kind not in QUOTE_KINDS:
        raise NewsgraphError(ErrorCode.E540, kind=kind, choices=", ".join(QUOTE_KINDS))
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append(
            "(q.speaker LIKE ? ESCAPE '\\' OR q.speaker_entity_id IN "
            "(SELECT id FROM entities WHERE name LIKE ? ESCAPE '\\' "
            "OR aliases LIKE ? ESCAPE '\\'))"
        )
        params.extend([like_pattern(speaker)] * 3)
    if article_id:
        where.append("q.article_id = ?")
        params.append(article_id)
    if kind:
        where.append("q.kind = ?")
        params.append(kind)
    if country:
        where.append("q.speaker_entity_id IN (SELECT id FROM entities WHERE country = ?)")
        params.append(country.upper())
    if top_level:
        where.append("q.nested_in IS NULL")
    if about:
        where.append("q.targets LIKE ? ESCAPE '\\'")
        params.append(like_pattern(about))
    # The web UI's quote explorer filters by date (#7).
    dated, bounds = date_conditions("a.published", since, until)
    where += dated
    params += bounds
    if text:
        match = fts_query(text)
        if not match:
            raise NewsgraphError(ErrorCode.E304, query=text, reason="nothing to search for")
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(match)
    names = [f.name for f in fields(Quote)]
    cols = ", ".join(f'q."{n}"' for n in names)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = (
        f"SELECT {cols} FROM quotes q JOIN articles a ON a.id = q.article_id {clause} "
        'ORDER BY a.published IS NULL, a.published, a."order", q.start, q."end", q.id '
        "LIMIT ? OFFSET ?"
    )
    params.extend([max(0, limit), max(0, offset)])
    json_fields = {"targets", "target_entity_ids"}
    with store.snapshot() as conn:
        rows = conn.execute(sql, params).fetchall()
    out: list[Quote] = []
    for row in rows:
        values: dict[str, Any] = {
            name: tuple(json.loads(value or "[]")) if name in json_fields else value
            for name, value in zip(names, row, strict=True)
        }
        out.append(Quote(**values))
    return out
