"""Named, ordered schema migrations for the newsgraph SQLite database.

Each migration is ``(name, sql)``. They run in order, each in its own
transaction, are recorded in ``schema_migrations`` and bump
``PRAGMA user_version`` to the number applied. Released migrations are never
edited: a later issue that needs a table or column appends a new one.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from newsgraph.errors import ErrorCode, NewsgraphError

__all__ = ["MIGRATIONS", "check_version", "migrate", "schema_version", "split_statements"]

_INITIAL = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT,
    url TEXT,
    title TEXT,
    text TEXT NOT NULL,
    published TEXT,
    published_raw TEXT,
    "order" INTEGER NOT NULL DEFAULT 0,
    duplicate_of TEXT,
    origin TEXT NOT NULL DEFAULT '',
    meta TEXT NOT NULL DEFAULT '{}',
    pipeline TEXT,
    tone REAL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX articles_order ON articles("order", id);
-- The listing order of store.query.list_articles: undated last.
CREATE INDEX articles_listing ON articles(published IS NULL, published, "order", id);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    country TEXT,
    sector TEXT,
    role TEXT
);
CREATE INDEX entities_type ON entities(type);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX mentions_article_id ON mentions(article_id, start);
CREATE INDEX mentions_entity_id ON mentions(entity_id);
CREATE INDEX mentions_type_text ON mentions(type, text);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT,
    speaker TEXT,
    speaker_entity_id TEXT,
    speaker_mention_start INTEGER,
    speaker_mention_end INTEGER,
    confidence REAL NOT NULL DEFAULT 0.0
);
CREATE INDEX quotes_article_id ON quotes(article_id, start);
CREATE INDEX quotes_speaker_entity_id ON quotes(speaker_entity_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    mode TEXT,
    source_actor TEXT,
    source_country TEXT,
    source_sector TEXT,
    target_actor TEXT,
    target_country TEXT,
    target_sector TEXT,
    date TEXT,
    location TEXT,
    score REAL,
    evidence TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL DEFAULT 0.0
);
CREATE INDEX events_article_id ON events(article_id, start);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);

CREATE TABLE amounts (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    value REAL NOT NULL,
    unit TEXT,
    object TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX amounts_article_id ON amounts(article_id, start);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX places_article_id ON places(article_id, start);
CREATE INDEX places_country ON places(country);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    article_ids TEXT NOT NULL DEFAULT '[]',
    title TEXT,
    first_published TEXT,
    last_published TEXT
);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL,
    "where" TEXT NOT NULL DEFAULT '',
    stage TEXT,
    article_id TEXT,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
-- NULLs are distinct in a plain UNIQUE constraint, so the key folds them to
-- '' for re-runs to find the row they already recorded.
CREATE UNIQUE INDEX failures_key
    ON failures(code, "where", ifnull(stage, ''), ifnull(article_id, ''), message);
CREATE INDEX failures_article_id ON failures(article_id);

CREATE TABLE minhashes (
    article_id TEXT PRIMARY KEY,
    hashvalues BLOB NOT NULL
);

-- External-content FTS5 indexes: the text lives once, in articles/quotes.
-- content="articles" (double-quoted) is the form Datasette detects to offer
-- its search box on the articles table.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content="articles", tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
-- Re-runs rewrite every article row; reindex only when the text changed.
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content="quotes", tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
"""

# Fields the record types gained for the extraction issues (#3, #4): tone,
# entity roles, quote cue lemma / addressee / targets, place feature class,
# and resolved date expressions.
_RECORD_FIELDS = """
ALTER TABLE sentences ADD COLUMN tone REAL;
ALTER TABLE entities ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
ALTER TABLE quotes ADD COLUMN cue_lemma TEXT;
ALTER TABLE quotes ADD COLUMN addressee TEXT;
ALTER TABLE quotes ADD COLUMN addressee_entity_id TEXT;
ALTER TABLE quotes ADD COLUMN targets TEXT NOT NULL DEFAULT '[]';
ALTER TABLE quotes ADD COLUMN target_entity_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE places ADD COLUMN feature TEXT;

CREATE TABLE dates (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value TEXT,
    granularity TEXT
);
CREATE INDEX dates_article_id ON dates(article_id, start);
CREATE INDEX dates_value ON dates(value);
"""

# Story clustering (#6): per-story summary columns, the membership table
# (with each article's stream position and frozen TF-IDF vectors, so a later
# run replays the clusterer's state instead of recomputing it) and the
# document frequencies the vectors were weighted with.
_STORIES = """
ALTER TABLE stories ADD COLUMN top_entities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stories ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
ALTER TABLE stories ADD COLUMN distinct_texts INTEGER;
CREATE INDEX stories_first_published ON stories(first_published);
CREATE INDEX stories_last_published ON stories(last_published);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    score REAL,
    vectors TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX story_articles_story_id ON story_articles(story_id, seq);

CREATE TABLE story_terms (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
);
"""

# Event coding (#5): the Event record's new fields, and the cross-article
# groups (one happening, several mentions) with each mention's link to its
# article and evidence span.
_EVENTS = """
ALTER TABLE events ADD COLUMN source_entity_id TEXT;
ALTER TABLE events ADD COLUMN target_entity_id TEXT;
ALTER TABLE events ADD COLUMN date_granularity TEXT;
ALTER TABLE events ADD COLUMN location_country TEXT;
ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;
ALTER TABLE events ADD COLUMN sentence INTEGER;
ALTER TABLE events ADD COLUMN "trigger" TEXT;
ALTER TABLE events ADD COLUMN negated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN hypothetical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN future INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);

CREATE TABLE event_groups (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT,
    source_actor TEXT,
    source_country TEXT,
    target_actor TEXT,
    target_country TEXT,
    date TEXT,
    story_id TEXT,
    first_event_id TEXT NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL
);
CREATE INDEX event_groups_type ON event_groups(type, date);

CREATE TABLE event_mentions (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX event_mentions_group_id ON event_mentions(group_id);
"""

# Serving at 100k articles (#7, docs/benchmarks.md): entity rankings read
# counts kept at write time (store/counts.py) instead of aggregating every
# mention per view; the events listing by type sorts by date from an index;
# an entity's events as source or target are index lookups, not scans.
_SERVING = """
ALTER TABLE entities ADD COLUMN mention_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET
    mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id),
    article_count = (SELECT count(DISTINCT m.article_id) FROM mentions m
                     WHERE m.entity_id = entities.id);
CREATE INDEX entities_rank ON entities(mention_count DESC, name, id);
CREATE INDEX entities_type_rank ON entities(type, mention_count DESC, name, id);
CREATE INDEX entities_country ON entities(country);
CREATE INDEX events_type_date ON events(type, date);
CREATE INDEX events_source_entity_id ON events(source_entity_id);
CREATE INDEX events_target_entity_id ON events(target_entity_id);
"""

# Amounts (#4): vague and hedged counts carry an approximate flag.
_AMOUNT_APPROX = """
ALTER TABLE amounts ADD COLUMN approximate INTEGER NOT NULL DEFAULT 0;
"""

# Dates (#4): the first and last day of each resolved period, so weeks,
# seasons, months and years sort and filter with days. Rows written before
# this migration are filled in here, with SQLite's date arithmetic.
_DATE_PERIODS = """
ALTER TABLE dates ADD COLUMN period_start TEXT;
ALTER TABLE dates ADD COLUMN period_end TEXT;
UPDATE dates SET period_start = CASE
    WHEN value IS NULL THEN NULL
    WHEN granularity = 'week' THEN date(substr(value, 1, 4) || '-01-04', 'weekday 0', '-6 days',
        '+' || ((CAST(substr(value, 7, 2) AS INTEGER) - 1) * 7) || ' days')
    WHEN granularity = 'season' THEN substr(value, 1, 4) || CASE substr(value, 6, 2)
        WHEN '21' THEN '-03-01' WHEN '22' THEN '-06-01' WHEN '23' THEN '-09-01' ELSE '-12-01' END
    WHEN length(value) = 4 THEN value || '-01-01'
    WHEN length(value) = 7 THEN value || '-01'
    ELSE value END;
UPDATE dates SET period_end = CASE
    WHEN period_start IS NULL THEN NULL
    WHEN granularity = 'week' THEN date(period_start, '+6 days')
    WHEN granularity = 'season' THEN date(period_start, '+3 months', '-1 day')
    WHEN length(value) = 4 THEN value || '-12-31'
    WHEN length(value) = 7 THEN date(period_start, '+1 month', '-1 day')
    ELSE value END;
CREATE INDEX dates_period ON dates(period_start, period_end);
"""

# Quotes (#3): the quote whose content holds a nested attribution ("X said
# Y believes Z"); filled when articles are analysed with quote rules 4.
_QUOTE_NESTING = """
ALTER TABLE quotes ADD COLUMN nested_in TEXT;
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", _INITIAL),
    ("0002_record_fields", _RECORD_FIELDS),
    ("0003_stories", _STORIES),
    ("0005_events", _EVENTS),
    ("0006_serving", _SERVING),
    ("0007_amount_approx", _AMOUNT_APPROX),
    ("0008_date_periods", _DATE_PERIODS),
    ("0009_quote_nesting", _QUOTE_NESTING),
)
"""Every migration this newsgraph knows, oldest first; append, never edit."""

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the number of migrations applied to the database (user_version)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies stay whole).

    ``executescript`` commits any open transaction first, so migrations run
    statement by statement inside a transaction this module controls.
    """
    statements: list[str] = []
    buffer = ""
    for part in sql.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if statement.strip(";").strip() and not _only_comments(statement):
                statements.append(statement)
            buffer = ""
    return statements


def _only_comments(statement: str) -> bool:
    lines = [line.strip() for line in statement.splitlines()]
    return all(not line or line.startswith("--") or line == ";" for line in lines)


def check_version(conn: sqlite3.Connection, path: str) -> int:
    """Return the schema version, or raise E302 if newer than this newsgraph."""
    found = schema_version(conn)
    if found > len(MIGRATIONS):
        raise NewsgraphError(ErrorCode.E302, path=path, found=found, known=len(MIGRATIONS))
    return found


def migrate(conn: sqlite3.Connection, path: str) -> list[str]:
    """Apply pending migrations, each in its own transaction; return their names.

    ``conn`` must be in autocommit mode (``isolation_level=None``). The
    version is re-read after ``BEGIN IMMEDIATE`` so two processes opening a
    new database at once do not both apply the same migration.
    """
    check_version(conn, path)
    applied: list[str] = []
    for number, (name, sql) in enumerate(MIGRATIONS, start=1):
        if schema_version(conn) >= number:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if check_version(conn, path) >= number:
                conn.execute("COMMIT")
                continue
            conn.execute(_BOOKKEEPING)
            for statement in split_statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            # PRAGMA takes no parameters; number is an int we computed.
            conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
