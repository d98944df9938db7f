"""The SQLite store, its read queries and the table exports."""

from newsgraph.store.entities import (
    EntityArticle,
    EntityDetail,
    EntitySummary,
    get_entity,
    list_entities,
)
from newsgraph.store.events import EventRow, list_events
from newsgraph.store.export import EXPORT_FIELDS, EXPORT_FORMATS, EXPORT_TYPES, export
from newsgraph.store.query import (
    MARK_END,
    MARK_START,
    ArticleDetail,
    ArticleSummary,
    CorpusStats,
    SearchHit,
    fts_query,
    get_article,
    list_articles,
    search,
    stats,
)
from newsgraph.store.quotes import QUOTE_KINDS, list_quotes
from newsgraph.store.sqlite import Store
from newsgraph.store.stories import StoryDetail, StorySummary, get_story, list_stories

__all__ = [
    "EXPORT_FIELDS",
    "EXPORT_FORMATS",
    "EXPORT_TYPES",
    "MARK_END",
    "MARK_START",
    "QUOTE_KINDS",
    "ArticleDetail",
    "ArticleSummary",
    "CorpusStats",
    "EntityArticle",
    "EntityDetail",
    "EntitySummary",
    "EventRow",
    "SearchHit",
    "Store",
    "StoryDetail",
    "StorySummary",
    "export",
    "fts_query",
    "get_article",
    "get_entity",
    "get_story",
    "list_articles",
    "list_entities",
    "list_events",
    "list_quotes",
    "list_stories",
    "search",
    "stats",
]
