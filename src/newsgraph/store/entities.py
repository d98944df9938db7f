"""Read functions for entities: listings with counts, and one entity's page."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import Entity, Quote
from newsgraph.store.query import entity_from_row
from newsgraph.store.sqlite import Store

__all__ = ["EntityArticle", "EntityDetail", "EntitySummary", "get_entity", "list_entities"]


@dataclass(frozen=True, slots=True, kw_only=True)
class EntitySummary:
    """One row of an entity listing, with how often it is mentioned."""

    id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    role: str | None
    aliases: tuple[str, ...]
    mentions: int
    articles: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityArticle:
    """An article that mentions an entity."""

    id: str
    title: str | None
    published: str | None
    mentions: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityDetail:
    """An entity with its articles and the quotes by and about it."""

    entity: Entity
    mentions: int
    articles: tuple[EntityArticle, ...]
    quotes_by: tuple[Quote, ...]
    quotes_about: tuple[Quote, ...]


def list_entities(
    store: Store,
    *,
    type: str | None = None,
    country: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[EntitySummary]:
    """List entities, most mentioned first, filtered by type, country or name."""
    where = []
    params: list[object] = []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if country:
        where.append("e.country = ?")
        params.append(country.upper())
    if name:
        where.append("(e.name LIKE ? OR e.aliases LIKE ?)")
        params += [f"%{name}%", f"%{name}%"]
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    sql = f"""
        SELECT e.*, count(m.id) AS n_mentions, count(DISTINCT m.article_id) AS n_articles
        FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id
        {clause}
        GROUP BY e.id ORDER BY n_mentions DESC, e.name, e.id LIMIT ? OFFSET ?
    """
    with store.snapshot() as conn:
        rows = conn.execute(sql, (*params, limit, offset)).fetchall()
    return [
        EntitySummary(
            id=r["id"],
            name=r["name"],
            type=r["type"],
            country=r["country"],
            sector=r["sector"],
            role=r["role"],
            aliases=tuple(json.loads(r["aliases"] or "[]")),
            mentions=int(r["n_mentions"]),
            articles=int(r["n_articles"]),
        )
        for r in rows
    ]


def _quotes(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> tuple[Quote, ...]:
    from newsgraph.store.query import _records_where

    return _records_where(conn, Quote, "quotes", where, params)


def get_entity(store: Store, key: str) -> EntityDetail:
    """Return an entity by id, name or alias (case-insensitive); E305 if none.

    When several entities carry the name, the most mentioned one is returned.
    """
    with store.snapshot() as conn:
        row = conn.execute("SELECT * FROM entities WHERE id = ?", (key,)).fetchone()
        if row is None:
            needle = key.strip().casefold()
            candidates = [
                r
                for r in conn.execute(
                    "SELECT e.*, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n "
                    "FROM entities e WHERE e.name LIKE ? OR e.aliases LIKE ? ORDER BY n DESC, e.id",
                    (f"%{key.strip()}%", f"%{key.strip()}%"),
                )
                if r["name"].casefold() == needle
                or needle in (a.casefold() for a in json.loads(r["aliases"] or "[]"))
            ]
            row = candidates[0] if candidates else None
        if row is None:
            raise NewsgraphError(ErrorCode.E305, key=key)
        entity = entity_from_row(row)
        articles = tuple(
            EntityArticle(id=r[0], title=r[1], published=r[2], mentions=int(r[3]))
            for r in conn.execute(
                "SELECT a.id, a.title, a.published, count(*) FROM mentions m "
                "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
                'GROUP BY a.id ORDER BY a.published IS NULL, a.published, a."order", a.id',
                (entity.id,),
            )
        )
        quotes_by = _quotes(conn, "speaker_entity_id = ?", (entity.id,))
        quotes_about = _quotes(conn, "target_entity_ids LIKE ?", (f'%"{entity.id}"%',))
    return EntityDetail(
        entity=entity,
        mentions=sum(a.mentions for a in articles),
        articles=articles,
        quotes_by=quotes_by,
        quotes_about=quotes_about,
    )
