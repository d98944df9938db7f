"""Read functions for the web UI and the HTTP API: places, amounts, the map, timelines, networks.

They sit beside :mod:`newsgraph.store.query` and return frozen records, so
the API returns exactly what the pages render.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import Amount, Event, Place
from newsgraph.store.query import (
    ArticleSummary,
    about_country,
    article_summary,
    date_conditions,
    like_pattern,
)
from newsgraph.store.sqlite import Store

__all__ = [
    "AmountRow",
    "EntityActivity",
    "MapPoint",
    "NetworkEdge",
    "PlaceRow",
    "TimelineBucket",
    "articles_mentioning",
    "entity_activity",
    "list_amounts",
    "list_places",
    "map_points",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceRow:
    """A place mention with the date of the article it is in."""

    place: Place
    published: str | None
    title: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class AmountRow:
    """An amount mention with the date of the article it is in."""

    amount: Amount
    published: str | None
    title: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MapPoint:
    """A geocoded place with how often it is mentioned and how many events happen there."""

    name: str
    country: str | None
    lat: float
    lon: float
    feature: str | None
    mentions: int
    articles: int
    events: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineBucket:
    """Per-day activity of one entity: articles mentioning it, quotes by it, events it is in."""

    day: str
    articles: int
    quotes: int
    events: int


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkEdge:
    """Another actor an entity has events with; ``outgoing`` counts events it initiated."""

    entity_id: str | None
    name: str
    country: str | None
    outgoing: int
    incoming: int
    types: tuple[str, ...]


_MENTIONS_ENTITY = (
    "EXISTS (SELECT 1 FROM mentions x WHERE x.article_id = {article} AND x.entity_id = ?)"
)


def list_places(
    store: Store,
    *,
    country: str | None = None,
    name: str | None = None,
    feature: str | None = None,
    article_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[PlaceRow]:
    """List place mentions by article date, filtered by country, name, feature and dates.

    ``entity`` (an entity id) keeps places in articles that mention it.
    """
    where, params = date_conditions("a.published", since, until)
    if entity:
        where.append(_MENTIONS_ENTITY.format(article="p.article_id"))
        params.append(entity)
    if country:
        where.append("p.country = ?")
        params.append(country.upper())
    if name:
        where.append("p.name LIKE ? ESCAPE '\\'")
        params.append(like_pattern(name))
    if feature:
        where.append("p.feature = ?")
        params.append(feature)
    if article_id:
        where.append("p.article_id = ?")
        params.append(article_id)
    names = [f.name for f in fields(Place)]
    cols = ", ".join(f'p."{n}"' for n in names)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = (
        f"SELECT {cols}, a.published, a.title FROM places p JOIN articles a ON a.id = p.article_id "
        f'{clause} ORDER BY a.published IS NULL, a.published, a."order", p.start, p.id '
        "LIMIT ? OFFSET ?"
    )
    with store.snapshot() as conn:
        rows = conn.execute(sql, [*params, max(0, limit), max(0, offset)]).fetchall()
    return [
        PlaceRow(
            place=Place(**dict(zip(names, row[: len(names)], strict=True))),
            published=row[len(names)],
            title=row[len(names) + 1],
        )
        for row in rows
    ]


def list_amounts(
    store: Store,
    *,
    unit: str | None = None,
    text: str | None = None,
    article_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    country: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[AmountRow]:
    """List amounts by article date, filtered by unit, words (text or object) and dates.

    ``entity`` (an entity id) keeps amounts in articles that mention it;
    ``country`` those in articles with a place in, or an actor of, that country.
    """
    where, params = date_conditions("a.published", since, until)
    if entity:
        where.append(_MENTIONS_ENTITY.format(article="m.article_id"))
        params.append(entity)
    if country:
        where.append(about_country("m.article_id"))
        params.extend([country.upper()] * 2)
    if unit:
        where.append("m.unit = ?")
        params.append(unit)
    if text:
        where.append("(m.text LIKE ? ESCAPE '\\' OR m.object LIKE ? ESCAPE '\\')")
        params.extend([like_pattern(text)] * 2)
    if article_id:
        where.append("m.article_id = ?")
        params.append(article_id)
    names = [f.name for f in fields(Amount)]
    cols = ", ".join(f'm."{n}"' for n in names)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = (
        f"SELECT {cols}, a.published, a.title "
        "FROM amounts m JOIN articles a ON a.id = m.article_id "
        f'{clause} ORDER BY a.published IS NULL, a.published, a."order", m.start, m.id '
        "LIMIT ? OFFSET ?"
    )
    with store.snapshot() as conn:
        rows = conn.execute(sql, [*params, max(0, limit), max(0, offset)]).fetchall()
    return [
        AmountRow(
            amount=Amount(**dict(zip(names, row[: len(names)], strict=True))),
            published=row[len(names)],
            title=row[len(names) + 1],
        )
        for row in rows
    ]


def map_points(
    store: Store,
    *,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 500,
) -> list[MapPoint]:
    """Return geocoded places with mention, article and event counts, most mentioned first."""
    where, params = date_conditions("a.published", since, until)
    where.append("p.lat IS NOT NULL AND p.lon IS NOT NULL")
    if country:
        where.append("p.country = ?")
        params.append(country.upper())
    # Events are counted at the place's coordinates (rounded to ~100 m), the
    # way the event stage geocodes them from the same gazetteer.
    sql = f"""
        SELECT p.name, p.country, round(p.lat, 3) AS lat, round(p.lon, 3) AS lon,
               max(p.feature) AS feature, count(*) AS n, count(DISTINCT p.article_id) AS na,
               (SELECT count(*) FROM events e WHERE round(e.lat, 3) = round(p.lat, 3)
                  AND round(e.lon, 3) = round(p.lon, 3)) AS ne
        FROM places p JOIN articles a ON a.id = p.article_id
        WHERE {" AND ".join(where)}
        GROUP BY p.name, p.country, round(p.lat, 3), round(p.lon, 3)
        ORDER BY n DESC, p.name, p.country LIMIT ?
    """
    with store.snapshot() as conn:
        rows = conn.execute(sql, [*params, max(0, limit)]).fetchall()
    return [
        MapPoint(
            name=r["name"],
            country=r["country"],
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            feature=r["feature"],
            mentions=int(r["n"]),
            articles=int(r["na"]),
            events=int(r["ne"]),
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityActivity:
    """What an entity did and had done to it: events by role, a per-day timeline, its network."""

    as_actor: tuple[Event, ...]
    as_target: tuple[Event, ...]
    timeline: tuple[TimelineBucket, ...]
    network: tuple[NetworkEdge, ...]


def _entity_events(conn: sqlite3.Connection, entity_id: str) -> list[Event]:
    """Return every event with the entity as source or target, by date, article and offset."""
    # One scan for both roles: events has no index on the entity columns, and
    # one pass over 100k events costs about 13 ms (bench/serve.py).
    names = [f.name for f in fields(Event)]
    cols = ", ".join(f'"{n}"' for n in names)
    sql = (
        f"SELECT {cols} FROM events WHERE source_entity_id = ? OR target_entity_id = ? "
        "ORDER BY date IS NULL, date, article_id, start, id"
    )
    out: list[Event] = []
    for row in conn.execute(sql, (entity_id, entity_id)):
        values = dict(zip(names, row, strict=True))
        for flag in ("negated", "hypothetical", "future"):
            values[flag] = bool(values[flag])
        out.append(Event(**values))
    return out


def entity_activity(store: Store, entity_id: str, *, limit: int = 200) -> EntityActivity:
    """Return the entity's events as actor and as target (``limit`` each), timeline and network.

    Raises E305 for an unknown entity id.
    """
    with store.snapshot() as conn:
        if conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is None:
            raise NewsgraphError(ErrorCode.E305, key=entity_id)
        events = _entity_events(conn, entity_id)
        counts: dict[str, list[int]] = {}
        for day, n_articles, n_quotes in conn.execute(_DAY_COUNTS, (entity_id, entity_id)):
            counts[str(day)] = [int(n_articles), int(n_quotes), 0]
        others = [e.target_entity_id for e in events] + [e.source_entity_id for e in events]
        ids = sorted({i for i in others if i and i != entity_id})
        names: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT id, name FROM entities WHERE id IN ({marks})"
            names.update(conn.execute(sql, chunk).fetchall())
    for e in events:
        if e.date:
            counts.setdefault(e.date[:10], [0, 0, 0])[2] += 1
    timeline = tuple(
        TimelineBucket(day=day, articles=c[0], quotes=c[1], events=c[2])
        for day, c in sorted(counts.items())
    )
    return EntityActivity(
        as_actor=tuple(e for e in events if e.source_entity_id == entity_id)[:limit],
        as_target=tuple(e for e in events if e.target_entity_id == entity_id)[:limit],
        timeline=timeline,
        network=_network(entity_id, events, names),
    )


# Articles mentioning the entity and quotes by it, per publication day.
_DAY_COUNTS = """
    SELECT day, sum(na), sum(nq) FROM (
        SELECT substr(a.published, 1, 10) AS day, count(DISTINCT m.article_id) AS na, 0 AS nq
        FROM mentions m JOIN articles a ON a.id = m.article_id
        WHERE m.entity_id = ? AND a.published IS NOT NULL GROUP BY day
        UNION ALL
        SELECT substr(a.published, 1, 10), 0, count(*)
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.speaker_entity_id = ? AND a.published IS NOT NULL
        GROUP BY substr(a.published, 1, 10)
    ) GROUP BY day ORDER BY day
"""


def _network(
    entity_id: str, events: list[Event], names: dict[str, str], limit: int = 25
) -> tuple[NetworkEdge, ...]:
    """Aggregate the other actors of the entity's events, most events first."""
    edges: dict[str, dict[str, Any]] = {}
    for e in events:
        for mine, other_id, other, country, way in (
            (e.source_entity_id, e.target_entity_id, e.target_actor, e.target_country, "out"),
            (e.target_entity_id, e.source_entity_id, e.source_actor, e.source_country, "in"),
        ):
            if mine != entity_id or not other or (other_id and other_id == entity_id):
                continue
            key = other_id or other
            edge = edges.setdefault(
                key,
                {"id": other_id, "name": names.get(other_id or "", other), "country": country,
                 "out": 0, "in": 0, "types": set()},
            )  # fmt: skip
            edge[way] += 1
            edge["types"].add(e.type)
    ranked = sorted(edges.values(), key=lambda d: (-(d["out"] + d["in"]), d["name"]))
    return tuple(
        NetworkEdge(
            entity_id=d["id"],
            name=d["name"],
            country=d["country"],
            outgoing=d["out"],
            incoming=d["in"],
            types=tuple(sorted(d["types"])),
        )
        for d in ranked[:limit]
    )


def articles_mentioning(
    store: Store,
    entity_id: str,
    *,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ArticleSummary]:
    """List the articles that mention an entity, in :func:`list_articles` order.

    Raises E305 for an unknown entity id and E113 for a bad date.
    """
    where, params = date_conditions("a.published", since, until)
    if source is not None:
        where.append("a.source = ?")
        params.append(source)
    clause = "".join(f" AND {w}" for w in where)
    order = 'a.published IS NULL, a.published, a."order", a.id'
    sql = f"""
        SELECT a.id, a.title, a.source, a.url, a.published, a."order", a.duplicate_of, a.text,
               (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS n_mentions
        FROM articles a
        WHERE a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?) {clause}
        ORDER BY {order} LIMIT ? OFFSET ?
    """
    with store.snapshot() as conn:
        if conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is None:
            raise NewsgraphError(ErrorCode.E305, key=entity_id)
        rows = conn.execute(sql, [entity_id, *params, max(0, limit), max(0, offset)]).fetchall()
    return [article_summary(r) for r in rows]
