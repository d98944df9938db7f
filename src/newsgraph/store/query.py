"""Read functions shared by the CLI, the HTTP API and the web UI; they return data, never print."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import (
    Amount,
    Article,
    DateMention,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
)
from newsgraph.store.sqlite import Store

__all__ = [
    "MARK_END",
    "MARK_START",
    "ArticleDetail",
    "ArticleSummary",
    "CorpusStats",
    "SearchHit",
    "fts_query",
    "get_article",
    "list_articles",
    "search",
    "stats",
]

MARK_START = "\x02"
"""Start of a highlighted match in :attr:`SearchHit.snippet` (a control character never in text)."""
MARK_END = "\x03"
"""End of a highlighted match in :attr:`SearchHit.snippet`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSummary:
    """One row of an article listing."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    order: int
    duplicate_of: str | None
    words: int
    mentions: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleDetail:
    """An article with everything stored about it, spans ordered by offset.

    ``entities`` are the canonical entities its mentions and quotes link to.
    """

    article: Article
    duplicate_of: str | None
    pipeline: str | None
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    amounts: tuple[Amount, ...]
    places: tuple[Place, ...]
    dates: tuple[DateMention, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """A full-text search result; lower ``rank`` (bm25) is a better match.

    ``snippet`` marks matches with :data:`MARK_START`/:data:`MARK_END`; use
    :meth:`segments` to render them without parsing markup.
    """

    id: str
    title: str | None
    source: str | None
    published: str | None
    snippet: str
    rank: float

    def segments(self) -> list[tuple[str, bool]]:
        """Split the snippet into (text, is_match) pieces, in order."""
        pieces: list[tuple[str, bool]] = []
        for i, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", self.snippet)):
            if part:
                pieces.append((part, i % 2 == 1))
        return pieces


@dataclass(frozen=True, slots=True, kw_only=True)
class CorpusStats:
    """Corpus overview: table sizes, sources, dates, failures and frequent mentions.

    ``top_mentions`` maps a mention type to its most frequent texts with counts.
    """

    tables: dict[str, int]
    sources: tuple[tuple[str | None, int], ...]
    first_published: str | None
    last_published: str | None
    undated: int
    duplicates: int
    failures_by_code: dict[str, int]
    top_mentions: dict[str, tuple[tuple[str, int], ...]]


# -- listing ---------------------------------------------------------------


def _date_bound(value: str, *, upper: bool) -> tuple[str, str]:
    """Return (operator, bound) comparing ``published`` text against a user date."""
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = date.fromisoformat(text)
            if upper:
                # An end date includes the whole day, whatever time articles carry.
                return "<", (day + timedelta(days=1)).isoformat()
            return ">=", day.isoformat()
        moment = datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise NewsgraphError(ErrorCode.E113, value=value) from None
    return ("<=" if upper else ">="), moment


def date_conditions(
    column: str, since: str | None, until: str | None
) -> tuple[list[str], list[str]]:
    """Return the SQL conditions and parameters bounding ``column`` by user dates (inclusive)."""
    where: list[str] = []
    params: list[str] = []
    for value, upper in ((since, False), (until, True)):
        if value:
            op, bound = _date_bound(value, upper=upper)
            where.append(f"{column} {op} ?")
            params.append(bound)
    return where, params


def like_pattern(value: str) -> str:
    """Return a LIKE pattern matching ``value`` anywhere, wildcards escaped (ESCAPE '\\')."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def about_country(article: str) -> str:
    """Return the SQL condition "article ``article`` is placed in or about a country (?, ?)".

    Two parameters, both the ISO-3 code: a place of the article in that
    country, or a mention of an entity coded with it. "+p.country" makes the
    planner look places up by article, not every place of the country.
    """
    return (
        f"(EXISTS (SELECT 1 FROM places p WHERE p.article_id = {article} AND +p.country = ?) "
        "OR EXISTS (SELECT 1 FROM mentions m_c JOIN entities e_c ON e_c.id = m_c.entity_id "
        f"WHERE m_c.article_id = {article} AND e_c.country = ?))"
    )


def list_articles(
    store: Store,
    *,
    limit: int = 50,
    offset: int = 0,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    text: str | None = None,
) -> list[ArticleSummary]:
    """List articles sorted by published date (unknown last), input order, then id.

    ``since``/``until`` are inclusive ISO dates or datetimes compared with
    the stored ``published`` text; a bad date raises E113. ``country`` keeps
    articles that mention a place in that country or an actor coded with it;
    ``text`` keeps articles containing every word (full-text, see
    :func:`fts_query`; E304 if nothing is searchable).
    """
    where: list[str] = []
    params: list[Any] = []
    if source is not None:
        where.append("a.source = ?")
        params.append(source)
    if country:
        where.append(about_country("a.id"))
        params.extend([country.upper()] * 2)
    if text:
        # "+" keeps the planner walking the listing index in page order and
        # testing each row against the (materialised) match list; driving from
        # the match list instead sorted every match: 277 ms vs 4 ms for a word
        # in 13k of 100k articles, and at most ~20 ms for a rare word.
        where.append(f"+a.rowid IN ({_fts_rowids('articles_fts')})")
        params.append(_match(text))
    dated, bounds = date_conditions("a.published", since, until)
    where += dated
    params += bounds
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    # Page over the listing index first, then fetch texts for that page only:
    # sorting whole rows (with their texts) would cost a full scan per page.
    order = 'a.published IS NULL, a.published, a."order", a.id'
    sql = f"""
        SELECT a.id, a.title, a.source, a.url, a.published, a."order", a.duplicate_of, a.text,
               (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS n_mentions
        FROM articles a
        WHERE a.rowid IN (SELECT a.rowid FROM articles a {clause} ORDER BY {order} LIMIT ? OFFSET ?)
        ORDER BY {order}
    """
    params.extend([max(0, limit), max(0, offset)])
    with store.snapshot() as conn:
        rows = conn.execute(sql, params).fetchall()
    return [article_summary(r) for r in rows]


def article_summary(row: sqlite3.Row) -> ArticleSummary:
    """Build a listing row from an ``articles`` row with an ``n_mentions`` column."""
    return ArticleSummary(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        published=row["published"],
        order=int(row["order"]),
        duplicate_of=row["duplicate_of"],
        words=len(str(row["text"]).split()),
        mentions=int(row["n_mentions"]),
    )


# -- one article -----------------------------------------------------------


_R = TypeVar("_R", Mention, Quote, Event, Amount, Place, DateMention)


def _records(
    conn: sqlite3.Connection, cls: type[_R], table: str, article_id: str
) -> tuple[_R, ...]:
    return _records_where(conn, cls, table, "article_id = ?", (article_id,))


def _records_where(
    conn: sqlite3.Connection, cls: type[_R], table: str, where: str, params: tuple[object, ...]
) -> tuple[_R, ...]:
    """Read records of ``cls`` from ``table`` rows matching ``where``."""
    # Select exactly the record's fields, so columns added by later
    # migrations do not break the records read here.
    names = [f.name for f in fields(cls)]
    # Tuple fields are stored as JSON arrays (see store.sqlite._cell).
    json_fields = {f.name for f in fields(cls) if str(f.type).startswith("tuple")}
    # Booleans are stored as 0/1 (event flags, #5).
    bool_fields = {f.name for f in fields(cls) if str(f.type) == "bool"}
    cols = ", ".join(f'"{n}"' for n in names)
    # "+article_id" keeps SQLite from walking the (article_id, start) index to
    # avoid a sort: for a filter the index cannot serve (quotes about an
    # entity) that walk cost 195 ms on 100k quotes against 24 ms for a scan
    # and a sort (bench/serve.py). Lookups by article_id still use the index.
    rows = conn.execute(
        f'SELECT {cols} FROM {table} WHERE {where} ORDER BY +article_id, start, "end", id',
        params,
    )
    records = []
    for row in rows:
        values: dict[str, Any] = {
            name: tuple(json.loads(value or "[]")) if name in json_fields else value
            for name, value in zip(names, row, strict=True)
        }
        for name in bool_fields:
            values[name] = bool(values[name])
        records.append(cls(**values))
    return tuple(records)


def entity_from_row(row: sqlite3.Row) -> Entity:
    """Build an :class:`Entity` from an ``entities`` row (JSON lists to tuples)."""
    return Entity(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        aliases=tuple(json.loads(row["aliases"] or "[]")),
        country=row["country"],
        sector=row["sector"],
        role=row["role"],
        roles=tuple(json.loads(row["roles"] or "[]")),
    )


def get_article(store: Store, article_id: str) -> ArticleDetail:
    """Return an article with its sentences, mentions, quotes, events, amounts and places.

    Raises E303 when no article has that id.
    """
    with store.snapshot() as conn:
        row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NewsgraphError(ErrorCode.E303, id=article_id)
        article = Article(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            url=row["url"],
            source=row["source"],
            published=row["published"],
            published_raw=row["published_raw"],
            order=int(row["order"]),
            origin=row["origin"],
            meta=json.loads(row["meta"] or "{}"),
        )
        sentences = tuple(
            Sentence(start=r["start"], end=r["end"], tone=r["tone"])
            for r in conn.execute(
                'SELECT start, "end", tone FROM sentences WHERE article_id = ? ORDER BY idx',
                (article_id,),
            )
        )
        mentions = _records(conn, Mention, "mentions", article_id)
        quotes = _records(conn, Quote, "quotes", article_id)
        events = _records(conn, Event, "events", article_id)
        amounts = _records(conn, Amount, "amounts", article_id)
        places = _records(conn, Place, "places", article_id)
        dates = _records(conn, DateMention, "dates", article_id)
        entity_ids = sorted(
            {m.entity_id for m in mentions if m.entity_id}
            | {q.speaker_entity_id for q in quotes if q.speaker_entity_id}
        )
        entities: list[Entity] = []
        for i in range(0, len(entity_ids), 500):
            chunk = entity_ids[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            entities.extend(
                entity_from_row(r)
                for r in conn.execute(
                    f"SELECT * FROM entities WHERE id IN ({marks}) ORDER BY id", chunk
                )
            )
    return ArticleDetail(
        article=article,
        duplicate_of=row["duplicate_of"],
        pipeline=row["pipeline"],
        sentences=sentences,
        mentions=mentions,
        entities=tuple(entities),
        quotes=quotes,
        events=events,
        amounts=amounts,
        places=places,
        dates=dates,
    )


# -- search ----------------------------------------------------------------

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')

#: A query matching more articles than this is ranked among the RANK_WINDOW
#: most recently stored matches only, so a word found in every article still
#: answers in tens of milliseconds at 100k articles (docs/web.md#search).
RANK_WINDOW = 10_000


def fts_query(text: str) -> str:
    """Turn plain user words into a safe FTS5 query: every term must match.

    Double-quoted parts stay phrases; every other whitespace-separated word
    is quoted, so punctuation and FTS5 keywords (``AND``, ``NEAR``, ``:``)
    are searched literally; a word ending in ``*`` is a prefix search.
    Returns "" when nothing searchable is left.
    """
    terms: list[str] = []
    for match in _PHRASE_OR_WORD.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            if phrase.strip():
                terms.append('"' + phrase.replace('"', '""') + '"')
            continue
        prefix = word.endswith("*") and len(word.rstrip("*")) > 0
        word = word.rstrip("*") if prefix else word
        # A stray quote inside a word (an unbalanced "pause) separates tokens
        # like any other punctuation; inside an FTS5 string it must go.
        word = word.replace('"', " ").strip()
        if not re.search(r"\w", word):
            continue  # only punctuation: the tokenizer would drop it anyway
        terms.append('"' + word + '"' + ("*" if prefix else ""))
    return " ".join(terms)


def _match(text: str) -> str:
    """Return the FTS5 query for a text filter, or raise E304 if nothing is searchable."""
    match = fts_query(text)
    if not match:
        raise NewsgraphError(ErrorCode.E304, query=text, reason="nothing to search for")
    return match


def _fts_rowids(table: str) -> str:
    """Return a subquery selecting the rowids of ``table`` (an FTS5 index) matching ``?``."""
    return f"SELECT rowid FROM {table} WHERE {table} MATCH ?"


def search(
    store: Store, query: str, *, limit: int = 20, offset: int = 0, raw: bool = False
) -> list[SearchHit]:
    """Full-text search over article titles and texts, best matches first.

    Plain words are escaped (see :func:`fts_query`); pass ``raw=True`` to use
    FTS5 query syntax as is (``title:ceasefire AND (pause OR halt)``). A bad
    or empty query raises E304. Ties keep storage order; a query with more
    than :data:`RANK_WINDOW` matches ranks the most recently stored ones.
    """
    match = query.strip() if raw else fts_query(query)
    if not match:
        raise NewsgraphError(ErrorCode.E304, query=query, reason="nothing to search for")
    # Three steps, each cheap: (1) if the query matches more than RANK_WINDOW
    # articles, find the rowid above which the RANK_WINDOW most recently stored
    # matches lie (walking the doclist costs no scoring); (2) rank only those
    # with bm25, title matches weighted 5x, never joining the articles table
    # before the LIMIT; (3) fetch rows and snippets for the page alone.
    # Measured on the 100k-article bench store (docs/benchmarks.md): a word in
    # every article took 117 ms with one ranked join, 18-28 ms this way.
    try:
        with store.snapshot() as conn:
            cut = conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                (match, RANK_WINDOW - 1),
            ).fetchone()
            ranked = conn.execute(
                "SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS rank FROM articles_fts "
                "WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY rank, rowid LIMIT ? OFFSET ?",
                (match, cut[0] if cut else 0, max(0, limit), max(0, offset)),
            ).fetchall()
            if not ranked:
                return []
            marks = ",".join("?" * len(ranked))
            rows = {
                int(r["rowid"]): r
                for r in conn.execute(
                    f"""
                    SELECT articles_fts.rowid AS rowid, a.id, a.title, a.source, a.published,
                           snippet(articles_fts, -1, '{MARK_START}', '{MARK_END}', '…', 16)
                               AS snippet
                    FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                    WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})
                    """,
                    (match, *[r["rowid"] for r in ranked]),
                )
            }
    except sqlite3.OperationalError as exc:
        raise NewsgraphError(ErrorCode.E304, query=query, reason=str(exc)) from exc
    hits = [(rows[int(r["rowid"])], float(r["rank"])) for r in ranked]
    return [
        SearchHit(
            id=r["id"],
            title=r["title"],
            source=r["source"],
            published=r["published"],
            snippet=r["snippet"] or "",
            rank=rank,
        )
        for r, rank in hits
    ]


# -- stats -----------------------------------------------------------------


def stats(store: Store, *, top: int = 10) -> CorpusStats:
    """Summarise the corpus: rows per table, sources, date range, failures, top mentions."""
    with store.snapshot() as conn:
        tables = store.counts()
        sources = tuple(
            (r[0], int(r[1]))
            for r in conn.execute(
                "SELECT source, count(*) AS n FROM articles GROUP BY source "
                "ORDER BY n DESC, source IS NULL, source"
            )
        )
        first, last, undated, dups = conn.execute(
            "SELECT min(published), max(published), "
            "sum(published IS NULL), sum(duplicate_of IS NOT NULL) FROM articles"
        ).fetchone()
        failures = {
            str(r[0]): int(r[1])
            for r in conn.execute("SELECT code, count(*) FROM failures GROUP BY code ORDER BY code")
        }
        top_mentions: dict[str, list[tuple[str, int]]] = {}
        for r in conn.execute(
            """
            SELECT type, text, n FROM (
                SELECT type, text, count(*) AS n,
                       row_number() OVER (PARTITION BY type ORDER BY count(*) DESC, text) AS rn
                FROM mentions GROUP BY type, text
            ) WHERE rn <= ? ORDER BY type, n DESC, text
            """,
            (top,),
        ):
            top_mentions.setdefault(str(r[0]), []).append((str(r[1]), int(r[2])))
    return CorpusStats(
        tables=tables,
        sources=sources,
        first_published=first,
        last_published=last,
        undated=int(undated or 0),
        duplicates=int(dups or 0),
        failures_by_code=failures,
        top_mentions={k: tuple(v) for k, v in top_mentions.items()},
    )
