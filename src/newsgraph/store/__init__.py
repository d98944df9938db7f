"""The SQLite store, its read queries and the table exports."""

from newsgraph.store.entities import (
    EntityArticle,
    EntityDetail,
    EntitySummary,
    get_entity,
    list_entities,
)
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
from newsgraph.store.sqlite import Store

__all__ = [
    "EXPORT_FIELDS",
    "EXPORT_FORMATS",
    "EXPORT_TYPES",
    "MARK_END",
    "MARK_START",
    "ArticleDetail",
    "ArticleSummary",
    "CorpusStats",
    "EntityArticle",
    "EntityDetail",
    "EntitySummary",
    "SearchHit",
    "Store",
    "export",
    "fts_query",
    "get_article",
    "get_entity",
    "list_articles",
    "list_entities",
    "search",
    "stats",
]
