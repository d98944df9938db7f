"""Story clustering over the store: new articles join existing stories or open new ones.

The algorithm is :class:`newsgraph.stories.online.OnlineClusterer`; this
module feeds it from the store and persists what it decides:

* ``story_articles`` holds each clustered article's story, its stream
  position (``seq``), its join score and its frozen vectors;
* ``story_terms`` holds the document frequencies the vectors were weighted
  with;
* ``stories`` holds one summary row per story (the export contract's
  fields plus top entities, sources and the number of distinct texts).

A run replays the stored vectors in stream order (no text is re-read), then
clusters the articles not yet in a story, oldest publication date first
(undated ones last, in input order). Because the replayed state is exactly
the state a single run would have reached, clustering a corpus in several
runs gives the same stories as one run over it in the same order, and a
run with nothing new changes nothing.

Near-duplicates (``articles.duplicate_of``, :mod:`newsgraph.stories.dedup`)
always join the story of the article they copy, so the two relations nest:
a story counts its articles, its distinct texts and its sources.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.ids import span_id
from newsgraph.records import Event, Mention, Quote, Story
from newsgraph.stories.features import ENTITY_TYPES, ArticleFeatures, day_number, make_features
from newsgraph.stories.online import ClusterParams, OnlineClusterer, Vectors

if TYPE_CHECKING:
    import sqlite3

    from newsgraph.settings import Settings
    from newsgraph.store.sqlite import Store

__all__ = [
    "STORIES_VERSION",
    "ClusterReport",
    "cluster_stories",
    "load_clusterer",
    "params_from_settings",
    "pending_story_ids",
    "story_id",
    "summarise_stories",
]

log = logging.getLogger(__name__)

STORIES_VERSION = "stories.online.v3"
_CHUNK = 500
_TOP_ENTITIES = 5
_TITLE_CHARS = 120


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """What a clustering run did."""

    articles: int
    stories_opened: int
    stories_updated: int
    stories_merged: int = 0


def story_id(founder: str) -> str:
    """Return a story's id: a hash of the id of the article that opened it."""
    return span_id("story", founder, 0, 0)


def params_from_settings(settings: Settings) -> ClusterParams:
    """Return clustering parameters from the ``story_*`` settings."""
    return ClusterParams(
        threshold=settings.story_threshold,
        time_scale_days=settings.story_time_scale_days,
        merge_threshold=settings.story_merge_threshold,
    )


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def pending_story_ids(store: Store) -> list[str]:
    """Return ids of stored articles not yet in a story, in clustering order.

    Oldest publication date first, undated last, then input order; a
    near-duplicate whose original is also pending comes right after it.
    """
    rows = store.connection.execute(
        "SELECT id, duplicate_of FROM articles "
        "WHERE id NOT IN (SELECT article_id FROM story_articles) "
        'ORDER BY published IS NULL, published, "order", id'
    ).fetchall()
    order = [str(r[0]) for r in rows]
    pending = set(order)
    copies: dict[str, list[str]] = {}
    for article_id, original in rows:
        if original and original in pending and original != article_id:
            copies.setdefault(str(original), []).append(str(article_id))
    deferred = {c for group in copies.values() for c in group}
    out: list[str] = []

    def emit(article_id: str) -> None:
        out.append(article_id)
        for copy in copies.get(article_id, ()):
            emit(copy)

    for article_id in order:
        if article_id not in deferred:
            emit(article_id)
    return out


def load_clusterer(store: Store, params: ClusterParams) -> tuple[OnlineClusterer, list[str]]:
    """Rebuild the clusterer's state from the store; return it and its story ids by index."""
    clusterer = OnlineClusterer(params)
    conn = store.connection
    clusterer.df.update(
        {str(t): int(n) for t, n in conn.execute("SELECT term, df FROM story_terms")}
    )
    ids: list[str] = []
    index: dict[str, int] = {}
    cursor = conn.execute(
        "SELECT sa.article_id, sa.story_id, sa.vectors, a.published FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id ORDER BY sa.seq"
    )
    for article_id, sid, blob, published in cursor:
        seq = index.setdefault(str(sid), len(ids))
        if seq == len(ids):
            ids.append(str(sid))
        vectors = Vectors.from_json(json.loads(blob or "{}"))
        clusterer.n_docs += 1
        clusterer.join(seq, str(article_id), vectors, day_number(published))
    return clusterer, ids


_FEATURE_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": ("id", "article_id", "text", "type", "start", "end", "entity_id"),
    "quotes": (
        "id", "article_id", "text", "start", "end", "kind", "speaker", "speaker_entity_id",
    ),
    "events": (
        "id", "article_id", "type", "start", "end", "source_actor", "source_country",
        "source_entity_id", "target_actor", "target_country", "target_entity_id", "negated",
        "hypothetical",
    ),
}  # fmt: skip
_FEATURE_RECORDS: dict[str, type[Any]] = {"mentions": Mention, "quotes": Quote, "events": Event}
_FLAGS = frozenset({"negated", "hypothetical"})


def _records_by_article(
    conn: sqlite3.Connection, table: str, chunk: Sequence[str]
) -> dict[str, list[Any]]:
    """Read the columns stories need of ``table`` for the articles in ``chunk``."""
    columns = _FEATURE_COLUMNS[table]
    cls = _FEATURE_RECORDS[table]
    marks = ", ".join("?" for _ in chunk)
    out: dict[str, list[Any]] = {}
    select = ", ".join(f'"{c}"' for c in columns)
    for row in conn.execute(
        f"SELECT {select} FROM {table} "
        f"WHERE article_id IN ({marks}) ORDER BY article_id, start, id",
        tuple(chunk),
    ):
        values = {c: bool(v) if c in _FLAGS else v for c, v in zip(columns, row, strict=True)}
        out.setdefault(str(values["article_id"]), []).append(cls(**values))
    return out


def _features(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, ArticleFeatures]:
    """Build features for ``ids`` from their stored text, title, date, mentions, quotes, events."""
    out: dict[str, ArticleFeatures] = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        mentions = _records_by_article(conn, "mentions", chunk)
        quotes = _records_by_article(conn, "quotes", chunk)
        events = _records_by_article(conn, "events", chunk)
        for row in conn.execute(
            f"SELECT id, text, title, published FROM articles WHERE id IN ({marks})", tuple(chunk)
        ):
            aid = str(row[0])
            out[aid] = make_features(
                aid,
                row[1],
                title=row[2],
                mentions=mentions.get(aid, ()),
                published=row[3],
                quotes=quotes.get(aid, ()),
                events=events.get(aid, ()),
            )
    return out


def _duplicate_of(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        for row in conn.execute(
            f"SELECT id, duplicate_of FROM articles WHERE id IN ({marks}) "
            "AND duplicate_of IS NOT NULL",
            tuple(chunk),
        ):
            found[str(row[0])] = str(row[1])
    return found


def cluster_stories(
    store: Store, params: ClusterParams | None = None, *, article_ids: Sequence[str] | None = None
) -> ClusterReport:
    """Cluster the stored articles that are in no story yet; return what changed.

    Args:
        store: the open, writable store.
        params: clustering parameters (default :class:`ClusterParams`).
        article_ids: the articles to cluster, in stream order; by default
            every article not yet in a story (see :func:`pending_story_ids`).

    Returns:
        How many articles were clustered and stories opened or updated.
    """
    params = params or ClusterParams()
    # 1. Which articles are new; nothing to do means nothing changes.
    pending = pending_story_ids(store) if article_ids is None else list(article_ids)
    if not pending:
        return ClusterReport(0, 0, 0)
    conn = store.connection
    with store.snapshot():
        # 2. Replay the stored state, then build the new articles' features.
        clusterer, ids = load_clusterer(store, params)
        features = _features(conn, pending)
        copies = _duplicate_of(conn, pending)
    member_of: dict[str, int] = {a: s.seq for s in clusterer.stories for a in s.article_ids}
    known = len(ids)

    # 3. Stream the new articles through the clusterer.
    assignments: list[tuple[str, int, int, float | None, str]] = []
    new_terms: Counter[str] = Counter()
    touched: set[int] = set()
    merged: dict[int, int] = {}  # absorbed story -> survivor (as of its merge)
    for article_id in pending:
        feats = features.get(article_id)
        if feats is None:
            continue
        new_terms.update(clusterer.terms(feats))
        vectors = clusterer.vectorise(feats)
        original = copies.get(article_id)
        scored: list[tuple[int, float]] = []
        if original is not None and original in member_of:
            # A copy follows its original; it adds no wording to merge on.
            seq, score = clusterer.resolve(member_of[original]), None
        else:
            scored = clusterer.scored(feats, vectors)
            found, value = clusterer.decide(scored)
            seq, score = found, (round(value, 6) if found < len(clusterer.stories) else None)
        if seq == len(ids):
            ids.append(story_id(article_id))
            scored = []  # a story of one article has nothing to merge yet
        clusterer.join(seq, article_id, vectors, feats.day)
        member_of[article_id] = seq
        touched.add(seq)
        for gone, keep in clusterer.merge_into(seq, scored):
            merged[gone] = keep
            touched.add(keep)
        position = clusterer.n_docs - 1
        blob = json.dumps(vectors.to_json(), sort_keys=True, separators=(",", ":"))
        assignments.append((article_id, seq, position, score, blob))

    # 4. Persist memberships (merged stories under their survivor's id), df
    # increments and the touched stories at once.
    final = {seq: clusterer.resolve(seq) for seq in touched | set(merged)}
    rows = [(a, ids[final[seq]], pos, sc, blob) for a, seq, pos, sc, blob in assignments]
    renamed = [(ids[final[gone]], ids[gone]) for gone in sorted(merged)]
    alive = sorted({final[seq] for seq in touched})
    touched_ids = [ids[seq] for seq in alive]
    with store.transaction() as conn:
        store.write_stories(rows, sorted(new_terms.items()), [])
        # Articles clustered by earlier runs move with their story.
        conn.executemany("UPDATE story_articles SET story_id = ? WHERE story_id = ?", renamed)
        conn.executemany("DELETE FROM stories WHERE id = ?", [(old,) for _, old in renamed])
        # Read back inside the transaction: the summaries see the new members.
        store.write_stories([], [], summarise_stories(store, touched_ids))
    opened = sum(1 for seq in alive if seq >= known)
    log.info(
        "stories: %d articles, %d new stories, %d merged",
        len(assignments),
        opened,
        len(merged),
    )
    return ClusterReport(len(assignments), opened, len(alive) - opened, len(merged))


def summarise_stories(store: Store, ids: Sequence[str]) -> list[Story]:
    """Build the summary record of each story in ``ids`` from its stored articles."""
    conn = store.connection
    members: dict[str, list[tuple[str, str | None, str, str | None, str | None, str | None]]] = {}
    entities: dict[str, list[str]] = {}
    types = ", ".join(f"'{t}'" for t in sorted(ENTITY_TYPES))
    for chunk in _chunks(list(ids)):
        marks = ", ".join("?" for _ in chunk)
        for row in conn.execute(
            "SELECT sa.story_id, a.id, a.title, substr(a.text, 1, 400), a.published, a.source, "
            f"a.duplicate_of FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            f"WHERE sa.story_id IN ({marks}) ORDER BY sa.seq",
            tuple(chunk),
        ):
            members.setdefault(str(row[0]), []).append(
                (str(row[1]), row[2], str(row[3]), row[4], row[5], row[6])
            )
        # Rank names by how many of the story's articles mention them.
        for row in conn.execute(
            "SELECT sa.story_id, coalesce(e.name, m.text) AS label, "
            "count(DISTINCT m.article_id) AS n, count(*) AS c "
            "FROM story_articles sa JOIN mentions m ON m.article_id = sa.article_id "
            "LEFT JOIN entities e ON e.id = m.entity_id "
            f"WHERE sa.story_id IN ({marks}) AND m.type IN ({types}) "
            "GROUP BY sa.story_id, label ORDER BY sa.story_id, n DESC, c DESC, label",
            tuple(chunk),
        ):
            names = entities.setdefault(str(row[0]), [])
            if len(names) < _TOP_ENTITIES:
                names.append(str(row[1]))
    stories = []
    for sid in ids:
        rows = members.get(sid, [])
        if not rows:
            continue
        article_ids = tuple(r[0] for r in rows)
        titled = [r[1] for r in rows if r[1]]
        first_line = rows[0][2].strip().split("\n", 1)[0][:_TITLE_CHARS].strip()
        dates = sorted(r[3] for r in rows if r[3])
        stories.append(
            Story(
                id=sid,
                article_ids=article_ids,
                title=titled[0] if titled else (first_line or None),
                first_published=dates[0] if dates else None,
                last_published=dates[-1] if dates else None,
                top_entities=tuple(entities.get(sid, ())),
                sources=tuple(sorted({r[4] for r in rows if r[4]})),
                distinct_texts=len({r[5] or r[0] for r in rows}),
            )
        )
    return stories
