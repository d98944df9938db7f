"""Read functions for stories (#6): listings with filters, and one story with its timeline."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import (
    Article,
    DateMention,
    Event,
    Quote,
    Story,
)
from newsgraph.store.query import (
    ArticleSummary,
    _date_bound,
    _fts_rowids,
    _match,
    about_country,
    get_article,
)
from newsgraph.store.sqlite import Store
from newsgraph.stories.timeline import (
    StoryQuote,
    TimelineEntry,
    build_timeline,
    consolidate_quotes,
)

__all__ = ["StoryDetail", "StorySummary", "get_story", "list_stories"]


# -- stories (#6) ----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySummary:
    """One row of a story listing: "N articles, M distinct texts, K sources"."""

    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    articles: int
    distinct_texts: int
    sources: int
    top_entities: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryDetail:
    """A story with its articles, its timeline and its consolidated quotes."""

    story: Story
    articles: tuple[ArticleSummary, ...]
    timeline: tuple[TimelineEntry, ...]
    quotes: tuple[StoryQuote, ...]


def _story(row: sqlite3.Row) -> Story:
    return Story(
        id=row["id"],
        article_ids=tuple(json.loads(row["article_ids"] or "[]")),
        title=row["title"],
        first_published=row["first_published"],
        last_published=row["last_published"],
        top_entities=tuple(json.loads(row["top_entities"] or "[]")),
        sources=tuple(json.loads(row["sources"] or "[]")),
        distinct_texts=row["distinct_texts"],
    )


def list_stories(
    store: Store,
    *,
    limit: int = 50,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    country: str | None = None,
    text: str | None = None,
) -> list[StorySummary]:
    """List stories, latest activity first.

    ``since``/``until`` keep stories with activity in that range: last
    article on or after ``since``, first article on or before ``until`` (E113
    if malformed); ``entity`` keeps stories with an article mentioning it (an
    ``entities.id`` or a mention text, case-insensitive); ``country`` those
    with an article placed in or about that country (see
    :func:`list_articles`); ``text`` those with an article containing every
    word.
    """
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        op, bound = _date_bound(since, upper=False)
        where.append(f"s.last_published {op} ?")
        params.append(bound)
    if until is not None:
        op, bound = _date_bound(until, upper=True)
        where.append(f"s.first_published {op} ?")
        params.append(bound)
    if country:
        where.append(
            "EXISTS (SELECT 1 FROM story_articles sa WHERE sa.story_id = s.id AND "
            + about_country("sa.article_id")
            + ")"
        )
        params.extend([country.upper()] * 2)
    if text:
        where.append(
            "EXISTS (SELECT 1 FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            f"WHERE sa.story_id = s.id AND a.rowid IN ({_fts_rowids('articles_fts')}))"
        )
        params.append(_match(text))
    if entity is not None:
        where.append(
            "EXISTS (SELECT 1 FROM story_articles sa JOIN mentions m ON m.article_id = "
            "sa.article_id WHERE sa.story_id = s.id AND (m.entity_id = ? OR "
            "m.text = ? COLLATE NOCASE))"
        )
        params.extend([entity, entity.strip()])
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = f"""
        SELECT s.* FROM stories s {clause}
        ORDER BY s.last_published IS NULL, s.last_published DESC,
                 json_array_length(s.article_ids) DESC, s.id
        LIMIT ? OFFSET ?
    """
    params.extend([max(0, limit), max(0, offset)])
    with store.snapshot() as conn:
        rows = conn.execute(sql, params).fetchall()
    out = []
    for row in rows:
        story = _story(row)
        out.append(
            StorySummary(
                id=story.id,
                title=story.title,
                first_published=story.first_published,
                last_published=story.last_published,
                articles=len(story.article_ids),
                distinct_texts=story.distinct_texts or len(story.article_ids),
                sources=len(story.sources),
                top_entities=story.top_entities,
            )
        )
    return out


def get_story(store: Store, story_id: str) -> StoryDetail:
    """Return a story with its articles, timeline and consolidated quotes.

    Raises E601 when no story has that id.
    """
    with store.snapshot() as conn:
        row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NewsgraphError(ErrorCode.E601, id=story_id)
        story = _story(row)
        articles: list[Article] = []
        summaries: list[ArticleSummary] = []
        quotes: list[Quote] = []
        events: list[Event] = []
        dates: list[DateMention] = []
        for article_id in story.article_ids:
            detail = get_article(store, article_id) if _exists(conn, article_id) else None
            if detail is None:
                continue  # deleted since it was clustered
            article = detail.article
            articles.append(article)
            summaries.append(
                ArticleSummary(
                    id=article.id,
                    title=article.title,
                    source=article.source,
                    url=article.url,
                    published=article.published,
                    order=article.order,
                    duplicate_of=detail.duplicate_of,
                    words=len(article.text.split()),
                    mentions=len(detail.mentions),
                )
            )
            quotes.extend(detail.quotes)
            events.extend(detail.events)
            dates.extend(detail.dates)
    published = {a.id: a.published for a in articles}
    merged = consolidate_quotes(quotes, published)
    timeline = build_timeline(articles, events=events, quotes=merged, dates=dates)
    return StoryDetail(
        story=story, articles=tuple(summaries), timeline=tuple(timeline), quotes=tuple(merged)
    )


def _exists(conn: sqlite3.Connection, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None
