"""Read functions for the web UI and the HTTP API: places, amounts, the map, timelines, networks.

They sit beside :mod:`newsgraph.store.query` and return frozen records, so
the API returns exactly what the pages render.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import Amount, Event, Place
from newsgraph.store.query import _date_bound
from newsgraph.store.sqlite import Store

__all__ = [
    "AmountRow",
    "MapPoint",
    "NetworkEdge",
    "PlaceRow",
    "TimelineBucket",
    "entity_events",
    "entity_network",
    "entity_timeline",
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


def _like(value: str) -> str:
    """Return a LIKE pattern matching ``value`` anywhere, wildcards escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _dates(column: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for value, upper in ((since, False), (until, True)):
        if value:
            op, bound = _date_bound(value, upper=upper)
            where.append(f"{column} {op} ?")
            params.append(bound)
    return where, params


def list_places(
    store: Store,
    *,
    country: str | None = None,
    name: str | None = None,
    feature: str | None = None,
    article_id: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[PlaceRow]:
    """List place mentions by article date, filtered by country, name, feature and dates."""
    where, params = _dates("a.published", since, until)
    if country:
        where.append("p.country = ?")
        params.append(country.upper())
    if name:
        where.append("p.name LIKE ? ESCAPE '\\'")
        params.append(_like(name))
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
    limit: int = 50,
    offset: int = 0,
) -> list[AmountRow]:
    """List amounts by article date, filtered by unit, words (text or object) and dates."""
    where, params = _dates("a.published", since, until)
    if unit:
        where.append("m.unit = ?")
        params.append(unit)
    if text:
        where.append("(m.text LIKE ? ESCAPE '\\' OR m.object LIKE ? ESCAPE '\\')")
        params.extend([_like(text)] * 2)
    if article_id:
        where.append("m.article_id = ?")
        params.append(article_id)
    names = [f.name for f in fields(Amount)]
    cols = ", ".join(f'm."{n}"' for n in names)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = (
        f"SELECT {cols}, a.published, a.title FROM amounts m JOIN articles a ON a.id = m.article_id "
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
    where, params = _dates("a.published", since, until)
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


def _entity_row(store: Store, entity_id: str) -> None:
    with store.snapshot() as conn:
        if conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is None:
            raise NewsgraphError(ErrorCode.E305, key=entity_id)


def entity_events(
    store: Store, entity_id: str, *, role: str = "actor", limit: int = 200
) -> list[Event]:
    """Return events where the entity is the source (``role="actor"``) or the target.

    Raises E305 for an unknown entity id and E702 for another role.
    """
    if role not in ("actor", "target"):
        raise NewsgraphError(ErrorCode.E702, name="role", reason="use actor or target")
    _entity_row(store, entity_id)
    column = "source_entity_id" if role == "actor" else "target_entity_id"
    names = [f.name for f in fields(Event)]
    cols = ", ".join(f'"{n}"' for n in names)
    sql = (
        f"SELECT {cols} FROM events WHERE {column} = ? "
        "ORDER BY date IS NULL, date, article_id, start, id LIMIT ?"
    )
    out: list[Event] = []
    with store.snapshot() as conn:
        for row in conn.execute(sql, (entity_id, max(0, limit))):
            values = dict(zip(names, row, strict=True))
            for flag in ("negated", "hypothetical", "future"):
                values[flag] = bool(values[flag])
            out.append(Event(**values))
    return out


def entity_timeline(store: Store, entity_id: str) -> list[TimelineBucket]:
    """Return the entity's activity per publication day, oldest first (undated left out)."""
    _entity_row(store, entity_id)
    sql = """
        SELECT day, sum(na), sum(nq), sum(ne) FROM (
            SELECT substr(a.published, 1, 10) AS day, count(DISTINCT m.article_id) AS na,
                   0 AS nq, 0 AS ne
            FROM mentions m JOIN articles a ON a.id = m.article_id
            WHERE m.entity_id = ? AND a.published IS NOT NULL GROUP BY day
            UNION ALL
            SELECT substr(a.published, 1, 10), 0, count(*), 0
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE q.speaker_entity_id = ? AND a.published IS NOT NULL
            GROUP BY substr(a.published, 1, 10)
            UNION ALL
            SELECT substr(e.date, 1, 10), 0, 0, count(*) FROM events e
            WHERE (e.source_entity_id = ? OR e.target_entity_id = ?) AND e.date IS NOT NULL
            GROUP BY substr(e.date, 1, 10)
        ) GROUP BY day ORDER BY day
    """
    with store.snapshot() as conn:
        rows = conn.execute(sql, (entity_id,) * 4).fetchall()
    return [
        TimelineBucket(day=str(r[0]), articles=int(r[1]), quotes=int(r[2]), events=int(r[3]))
        for r in rows
    ]


def entity_network(store: Store, entity_id: str, *, limit: int = 25) -> list[NetworkEdge]:
    """Return the actors the entity has events with, most events first."""
    _entity_row(store, entity_id)
    sql = """
        SELECT other_id, other, country, sum(out_n), sum(in_n), group_concat(type) FROM (
            SELECT target_entity_id AS other_id, target_actor AS other,
                   target_country AS country, 1 AS out_n, 0 AS in_n, type
            FROM events WHERE source_entity_id = ? AND target_actor IS NOT NULL
            UNION ALL
            SELECT source_entity_id, source_actor, source_country, 0, 1, type
            FROM events WHERE target_entity_id = ? AND source_actor IS NOT NULL
        ) WHERE other_id IS NULL OR other_id != ?
        GROUP BY coalesce(other_id, other)
        ORDER BY sum(out_n) + sum(in_n) DESC, other LIMIT ?
    """
    with store.snapshot() as conn:
        rows = conn.execute(sql, (entity_id, entity_id, entity_id, max(0, limit))).fetchall()
        ids = [r[0] for r in rows if r[0]]
        names: dict[str, str] = {}
        if ids:
            marks = ", ".join("?" for _ in ids)
            names = dict(
                conn.execute(f"SELECT id, name FROM entities WHERE id IN ({marks})", ids).fetchall()
            )
    return [
        NetworkEdge(
            entity_id=r[0],
            name=names.get(r[0] or "", r[1]),
            country=r[2],
            outgoing=int(r[3]),
            incoming=int(r[4]),
            types=tuple(sorted(set(str(r[5]).split(",")))),
        )
        for r in rows
    ]

