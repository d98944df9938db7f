"""Read functions for events (#5): event mentions with their cross-article groups."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import (
    Event,
)
from newsgraph.store.query import date_conditions, like_pattern
from newsgraph.store.sqlite import Store

__all__ = ["EventRow", "list_events"]


# -- events (#5) -------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRow:
    """An event mention with the happening it belongs to across articles."""

    event: Event
    group_id: str | None
    num_mentions: int
    num_articles: int


def list_events(
    store: Store,
    *,
    type: str | None = None,
    actor: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    article_id: str | None = None,
    include_flagged: bool = False,
    mode: str | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[EventRow]:
    """List event mentions by date, filtered by type, mode, actor, country, dates and words.

    ``actor`` matches part of the source or target name; ``country`` the
    source or target country code; ``since``/``until`` bound the event date
    (E113 for a bad date); an unknown ``type`` raises E560; ``mode`` is a
    PLOVER mode (``arrest``, ``aerial``; case-insensitive); ``text`` matches
    part of the evidence sentence or the location. Negated and
    hypothetical events are left out unless ``include_flagged``.
    """
    from newsgraph.extract.event_lexicon import EVENT_TYPES

    where: list[str] = []
    params: list[Any] = []
    if type is not None:
        if type.upper() not in EVENT_TYPES:
            raise NewsgraphError(ErrorCode.E560, type=type, choices=", ".join(EVENT_TYPES))
        where.append("e.type = ?")
        params.append(type.upper())
    if actor:
        like = like_pattern(actor)
        where.append("(e.source_actor LIKE ? ESCAPE '\\' OR e.target_actor LIKE ? ESCAPE '\\')")
        params.extend([like, like])
    if country:
        where.append("(e.source_country = ? OR e.target_country = ?)")
        params.extend([country.upper()] * 2)
    dated, bounds = date_conditions("e.date", since, until)
    where += dated
    params += bounds
    if article_id:
        where.append("e.article_id = ?")
        params.append(article_id)
    if mode:
        where.append("lower(e.mode) = ?")
        params.append(mode.strip().lower())
    if text:
        like = like_pattern(text)
        where.append("(e.evidence LIKE ? ESCAPE '\\' OR e.location LIKE ? ESCAPE '\\')")
        params.extend([like, like])
    if not include_flagged:
        where.append("e.negated = 0 AND e.hypothetical = 0")
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    names = [f.name for f in fields(Event)]
    cols = ", ".join(f'e."{n}"' for n in names)
    sql = (
        f"SELECT {cols}, g.id, g.num_mentions, g.num_articles FROM events e "
        "LEFT JOIN event_mentions em ON em.event_id = e.id "
        f"LEFT JOIN event_groups g ON g.id = em.group_id {clause} "
        "ORDER BY e.date IS NULL, e.date, e.article_id, e.start, e.id LIMIT ? OFFSET ?"
    )
    out: list[EventRow] = []
    with store.snapshot() as conn:
        for row in conn.execute(sql, [*params, limit, offset]):
            values = dict(zip(names, row[: len(names)], strict=True))
            for flag in ("negated", "hypothetical", "future"):
                values[flag] = bool(values[flag])
            group, mentions, articles = row[len(names) :]
            out.append(
                EventRow(
                    event=Event(**values),
                    group_id=group,
                    num_mentions=mentions or 1,
                    num_articles=articles or 1,
                )
            )
    return out
