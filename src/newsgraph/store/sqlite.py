"""The SQLite store: one WAL-mode database file that analysis writes and readers share."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import (
    Amount,
    AnalysedArticle,
    DateMention,
    Entity,
    Event,
    Failure,
    Mention,
    Place,
    Quote,
    Story,
)
from newsgraph.store import counts
from newsgraph.store.migrations import MIGRATIONS, check_version, migrate

__all__ = ["SPAN_TABLES", "Store"]

BUSY_TIMEOUT_MS = 30_000
"""How long a connection waits for another writer before SQLITE_BUSY."""

_CHUNK = 500
"""Ids per ``IN (...)`` list; far below SQLite's bound-parameter limit."""

# Per-article record tables, keyed by the AnalysedArticle field of the same
# name. Columns are the record's fields, so a stage that adds a field only
# needs a migration adding the column; tuple fields are stored as JSON.
SPAN_RECORDS: dict[str, type[Any]] = {
    "mentions": Mention,
    "quotes": Quote,
    "events": Event,
    "amounts": Amount,
    "places": Place,
    "dates": DateMention,
}

SPAN_TABLES: tuple[str, ...] = ("sentences", *SPAN_RECORDS)
"""Per-article tables that :meth:`Store.write_batch` replaces for each document."""

_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(f.name for f in fields(cls)) for table, cls in SPAN_RECORDS.items()
}


def _cell(value: Any) -> Any:
    """Return a record field as an SQLite value: tuples become JSON arrays."""
    return _json(list(value)) if isinstance(value, tuple | list) else value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _upsert_sql(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    # ON CONFLICT ... DO UPDATE (not INSERT OR REPLACE): REPLACE deletes rows
    # without firing delete triggers, which would desynchronise the FTS index.
    cols = ", ".join(_quote(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{_quote(c)} = excluded.{_quote(c)}" for c in columns if c not in key)
    conflict = ", ".join(_quote(c) for c in key)
    return (
        f"INSERT INTO {_quote(table)} ({cols}) VALUES ({marks}) "
        f"ON CONFLICT({conflict}) DO UPDATE SET {updates}"
    )


_SPAN_UPSERT = {table: _upsert_sql(table, cols, ("id",)) for table, cols in _COLUMNS.items()}
_SENTENCE_UPSERT = _upsert_sql(
    "sentences", ("article_id", "idx", "start", "end", "tone"), ("article_id", "idx")
)

# The first ingest of an article wins for its position and provenance; later
# writes only fill what was unknown. text follows the newest write so stored
# offsets always index the text that was analysed (same id means the same
# normalised text, so in practice it is equal).
_ARTICLE_UPSERT = """
INSERT INTO articles (id, source, url, title, text, published, published_raw, "order",
                      origin, meta, pipeline, tone)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    title = ifnull(articles.title, excluded.title),
    text = excluded.text,
    source = ifnull(articles.source, excluded.source),
    url = ifnull(articles.url, excluded.url),
    published = ifnull(articles.published, excluded.published),
    published_raw = ifnull(articles.published_raw, excluded.published_raw),
    meta = CASE WHEN articles.meta IN ('', '{}') THEN excluded.meta ELSE articles.meta END,
    pipeline = excluded.pipeline,
    tone = excluded.tone
"""

_FAILURE_INSERT = """
INSERT INTO failures (code, "where", stage, article_id, message) VALUES (?, ?, ?, ?, ?)
ON CONFLICT DO NOTHING
"""


def _json(value: Any) -> str:
    # default=str: ingest meta may carry dates or feed objects; store their text
    # rather than fail the whole batch.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _enable_wal(conn: sqlite3.Connection) -> str:
    """Switch the file to WAL mode, waiting while another connection holds it.

    Changing the journal mode needs an exclusive lock and SQLite does not
    call the busy handler for it, so two first opens at once would fail with
    "database is locked" (seen under load in the concurrency test). WAL is
    persistent, so a file already in WAL mode needs no switch at all.
    """
    mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while mode.lower() != "wal":
        try:
            mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
            continue
        break
    return mode


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Store:
    """A newsgraph database: open with :meth:`open`, close or use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, path: str, *, readonly: bool) -> None:
        """Wrap an open, configured connection; use :meth:`open` instead."""
        self._conn = connection
        self.path = path
        self.readonly = readonly

    # -- opening ------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
        """Open (creating and migrating unless ``readonly``) the database at ``path``.

        Raises E301 when the file cannot be opened or is not a newsgraph
        database this version can read, E302 when its schema is newer.
        """
        where = str(path)
        p = Path(path)
        try:
            if readonly:
                if not p.is_file():
                    raise NewsgraphError(ErrorCode.E301, path=where, reason="no such file")
                conn = sqlite3.connect(
                    f"{p.resolve().as_uri()}?mode=ro",
                    uri=True,
                    isolation_level=None,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                )
            else:
                p.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(p, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except (sqlite3.Error, OSError) as exc:
            raise NewsgraphError(ErrorCode.E301, path=where, reason=str(exc)) from exc
        try:
            cls._configure(conn, where, readonly=readonly)
        except BaseException:
            conn.close()
            raise
        return cls(conn, where, readonly=readonly)

    @staticmethod
    def _configure(conn: sqlite3.Connection, where: str, *, readonly: bool) -> None:
        conn.row_factory = sqlite3.Row
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                conn.execute("PRAGMA query_only = ON")
                found = check_version(conn, where)
                if found < len(MIGRATIONS):
                    reason = (
                        f"schema version {found} is older than this newsgraph "
                        f"({len(MIGRATIONS)}); open it once read-write to upgrade it"
                    )
                    raise NewsgraphError(ErrorCode.E301, path=where, reason=reason)
                return
            mode = _enable_wal(conn)
            if str(mode).lower() != "wal":
                raise NewsgraphError(
                    ErrorCode.E301, path=where, reason=f"cannot switch to WAL (got {mode})"
                )
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, where)
        except sqlite3.Error as exc:
            raise NewsgraphError(ErrorCode.E301, path=where, reason=str(exc)) from exc

    def close(self) -> None:
        """Close the connection; the WAL is checkpointed by SQLite on last close."""
        self._conn.close()

    def __enter__(self) -> Store:
        """Return the store itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """Return the underlying connection (autocommit mode, ``sqlite3.Row`` rows)."""
        return self._conn

    # -- transactions -------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the body in one write transaction; roll back everything if it raises."""
        if self._conn.in_transaction:
            # Nested use joins the outer transaction, which commits or rolls back.
            yield self._conn
            return
        # IMMEDIATE takes the write lock up front: a deferred transaction that
        # upgrades later can fail with SQLITE_BUSY despite the busy timeout.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Run the body's reads in one read transaction, so they see one state."""
        if self._conn.in_transaction:
            yield self._conn
            return
        self._conn.execute("BEGIN")
        try:
            yield self._conn
        finally:
            self._conn.execute("COMMIT")

    # -- writes -------------------------------------------------------------

    def write_batch(
        self,
        docs: Sequence[AnalysedArticle],
        *,
        pipeline: str,
        failures: Sequence[Failure] = (),
    ) -> None:
        """Store a batch of analysed articles and failures in one transaction.

        Articles are upserted (the first write keeps its order, origin and
        source metadata); each article's span rows are replaced by the
        document's; entities are upserted by id with aliases merged. If
        anything raises, nothing of the batch is stored.
        """
        latest: dict[str, AnalysedArticle] = {}
        for doc in docs:
            # The same article twice in one batch: the later analysis wins.
            latest.pop(doc.article.id, None)
            latest[doc.article.id] = doc
        batch = list(latest.values())
        ids = list(latest)
        with self.transaction() as conn:
            conn.executemany(
                _ARTICLE_UPSERT,
                (
                    (
                        a.id,
                        a.source,
                        a.url,
                        a.title,
                        a.text,
                        a.published,
                        a.published_raw,
                        a.order,
                        a.origin,
                        _json(a.meta),
                        pipeline,
                        doc.tone,
                    )
                    for doc in batch
                    for a in (doc.article,)
                ),
            )
            before = counts.stored_totals(conn, ids)
            after = counts.batch_totals(batch)
            entities = [e for doc in batch for e in doc.entities]
            existed = counts.existing(conn, sorted({*before, *after, *(e.id for e in entities)}))
            for table in SPAN_TABLES:
                conn.executemany(
                    f"DELETE FROM {_quote(table)} WHERE article_id = ?", ((i,) for i in ids)
                )
            self._write_spans(conn, batch)
            self._upsert_entities(conn, entities)
            counts.apply_totals(conn, before, after, existed)
            self._insert_failures(conn, [f for doc in batch for f in doc.failures])
            self._insert_failures(conn, failures)

    def _write_spans(self, conn: sqlite3.Connection, batch: Sequence[AnalysedArticle]) -> None:
        conn.executemany(
            _SENTENCE_UPSERT,
            (
                (doc.article.id, idx, s.start, s.end, s.tone)
                for doc in batch
                for idx, s in enumerate(doc.sentences)
            ),
        )
        for table, columns in _COLUMNS.items():
            conn.executemany(
                _SPAN_UPSERT[table],
                (
                    tuple(_cell(getattr(record, c)) for c in columns)
                    for doc in batch
                    for record in getattr(doc, table)
                ),
            )

    def _upsert_entities(self, conn: sqlite3.Connection, entities: Sequence[Entity]) -> None:
        if not entities:
            return
        merged: dict[str, Entity] = {}
        aliases: dict[str, list[str]] = {}
        for entity in entities:
            previous = merged.get(entity.id)
            if previous is not None:
                # Later records win for name/type; attributes they lack are kept.
                entity = replace(
                    entity,
                    country=entity.country or previous.country,
                    sector=entity.sector or previous.sector,
                    role=entity.role or previous.role,
                    roles=tuple(dict.fromkeys((*previous.roles, *entity.roles))),
                )
            merged[entity.id] = entity
            known = aliases.setdefault(entity.id, [])
            known.extend(a for a in entity.aliases if a not in known)
        existing: dict[str, tuple[list[str], list[str]]] = {}
        ids = list(merged)
        for chunk in _chunks(ids):
            marks = ", ".join("?" for _ in chunk)
            for row in conn.execute(
                f"SELECT id, aliases, roles FROM entities WHERE id IN ({marks})", tuple(chunk)
            ):
                existing[row[0]] = (
                    list(json.loads(row[1] or "[]")),
                    list(json.loads(row[2] or "[]")),
                )
        rows = []
        for eid, entity in merged.items():
            combined, roles = existing.get(eid, ([], []))
            combined.extend(a for a in aliases[eid] if a not in combined)
            roles.extend(r for r in entity.roles if r not in roles)
            rows.append(
                (
                    eid,
                    entity.name,
                    entity.type,
                    _json(combined),
                    entity.country,
                    entity.sector,
                    entity.role,
                    _json(roles),
                )
            )
        conn.executemany(
            """
            INSERT INTO entities (id, name, type, aliases, country, sector, role, roles)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                name = excluded.name,
                type = excluded.type,
                aliases = excluded.aliases,
                country = ifnull(excluded.country, entities.country),
                sector = ifnull(excluded.sector, entities.sector),
                role = ifnull(excluded.role, entities.role),
                roles = excluded.roles
            """,
            rows,
        )

    @staticmethod
    def _insert_failures(conn: sqlite3.Connection, failures: Iterable[Failure]) -> None:
        conn.executemany(
            _FAILURE_INSERT,
            ((f.code, f.where, f.stage, f.article_id, f.message) for f in failures),
        )

    def record_failures(self, failures: Iterable[Failure]) -> None:
        """Store failures in one transaction; ones already recorded are skipped."""
        with self.transaction() as conn:
            self._insert_failures(conn, failures)

    def put_minhashes(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store (article id, MinHash hash values) pairs, replacing earlier values."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO minhashes (article_id, hashvalues) VALUES (?, ?) "
                "ON CONFLICT(article_id) DO UPDATE SET hashvalues = excluded.hashvalues",
                ((aid, bytes(values)) for aid, values in items),
            )

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        """Yield every stored (article id, hash values) pair, by article id."""
        cursor = self._conn.execute(
            "SELECT article_id, hashvalues FROM minhashes ORDER BY article_id"
        )
        try:
            for row in cursor:
                yield str(row[0]), bytes(row[1])
        finally:
            cursor.close()

    def set_duplicate_of(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Mark each article id as a near-duplicate of an earlier article's id."""
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE articles SET duplicate_of = ? WHERE id = ?",
                ((original, dup) for dup, original in pairs),
            )

    def replace_stories(self, stories: Iterable[Story]) -> None:
        """Replace all stories with ``stories`` in one transaction (stories are corpus-wide)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM stories")
            conn.executemany(
                "INSERT INTO stories (id, article_ids, title, first_published, last_published) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "article_ids = excluded.article_ids, title = excluded.title, "
                "first_published = excluded.first_published, "
                "last_published = excluded.last_published",
                (
                    (s.id, _json(list(s.article_ids)), s.title, s.first_published, s.last_published)
                    for s in stories
                ),
            )

    def write_stories(
        self,
        assignments: Iterable[tuple[str, str, int, float | None, str]],
        term_counts: Iterable[tuple[str, int]],
        stories: Iterable[Story],
    ) -> None:
        """Store story memberships, document-frequency increments and stories in one transaction.

        ``assignments`` are (article id, story id, stream position, join
        score, vectors JSON); ``term_counts`` are (term, articles added);
        ``stories`` are upserted whole. One transaction keeps the clusterer's
        persisted state and the stories it produced consistent.
        """
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO story_articles (article_id, story_id, seq, score, vectors) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
                "story_id = excluded.story_id, seq = excluded.seq, score = excluded.score, "
                "vectors = excluded.vectors",
                assignments,
            )
            conn.executemany(
                "INSERT INTO story_terms (term, df) VALUES (?, ?) "
                "ON CONFLICT(term) DO UPDATE SET df = story_terms.df + excluded.df",
                term_counts,
            )
            conn.executemany(
                "INSERT INTO stories (id, article_ids, title, first_published, last_published, "
                "top_entities, sources, distinct_texts) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET article_ids = excluded.article_ids, "
                "title = excluded.title, first_published = excluded.first_published, "
                "last_published = excluded.last_published, top_entities = excluded.top_entities, "
                "sources = excluded.sources, distinct_texts = excluded.distinct_texts",
                (
                    (
                        s.id,
                        _json(list(s.article_ids)),
                        s.title,
                        s.first_published,
                        s.last_published,
                        _json(list(s.top_entities)),
                        _json(list(s.sources)),
                        s.distinct_texts,
                    )
                    for s in stories
                ),
            )

    # -- reads --------------------------------------------------------------

    def analysed_ids(self, ids: Iterable[str]) -> dict[str, str]:
        """Map each given article id already stored to its pipeline signature."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        with self.snapshot() as conn:
            for chunk in _chunks(wanted):
                marks = ", ".join("?" for _ in chunk)
                for row in conn.execute(
                    f"SELECT id, ifnull(pipeline, '') FROM articles WHERE id IN ({marks})",
                    tuple(chunk),
                ):
                    found[str(row[0])] = str(row[1])
        return found

    def tables(self) -> list[str]:
        """Return the data tables (not FTS indexes or bookkeeping), in creation order."""
        rows = self._conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).fetchall()
        virtual = [str(r[0]) for r in rows if str(r[1] or "").upper().startswith("CREATE VIRTUAL")]
        names = []
        for row in rows:
            name = str(row[0])
            if name == "schema_migrations" or name in virtual:
                continue
            if any(name.startswith(v + "_") for v in virtual):
                continue  # FTS5 shadow tables
            names.append(name)
        return names

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each data table."""
        with self.snapshot() as conn:
            return {
                name: int(conn.execute(f"SELECT count(*) FROM {_quote(name)}").fetchone()[0])
                for name in self.tables()
            }

    def migrations(self) -> list[tuple[str, str]]:
        """Return the applied migrations as (name, applied_at), oldest first."""
        rows = self._conn.execute(
            "SELECT name, applied_at FROM schema_migrations ORDER BY rowid"
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]
