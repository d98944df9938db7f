"""Tests for the SQLite store: migrations, WAL readers, batch writes and crashes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.ids import article_id, span_id
from newsgraph.records import (
    AnalysedArticle,
    Article,
    Entity,
    Failure,
    Mention,
    Quote,
    Sentence,
    Story,
)
from newsgraph.store import Store, get_article, search
from newsgraph.store.migrations import MIGRATIONS, migrate, schema_version


def make_doc(
    text: str,
    *,
    words: tuple[str, ...] = (),
    order: int = 0,
    source: str | None = "Wire",
    origin: str = "in.jsonl:1",
    title: str | None = None,
    published: str | None = "2025-10-09",
    failures: tuple[Failure, ...] = (),
) -> AnalysedArticle:
    """Build an analysed article with a mention (and entity) for each of ``words``."""
    aid = article_id(text)
    mentions = []
    entities = []
    for word in words:
        start = text.index(word)
        eid = "e" + word.lower()
        mentions.append(
            Mention(
                id=span_id("mention", aid, start, start + len(word)),
                article_id=aid,
                text=word,
                type="ORG",
                start=start,
                end=start + len(word),
                entity_id=eid,
            )
        )
        entities.append(Entity(id=eid, name=word, type="ORG", aliases=(word.upper(),)))
    return AnalysedArticle(
        article=Article(
            id=aid,
            text=text,
            title=title,
            source=source,
            published=published,
            order=order,
            origin=origin,
            meta={"k": "v"},
        ),
        sentences=(Sentence(start=0, end=len(text)),),
        mentions=tuple(mentions),
        entities=tuple(entities),
        failures=failures,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


# -- opening and migrations ---------------------------------------------------


def test_open_creates_wal_database_with_pragmas(db: Path) -> None:
    with Store.open(db) as store:
        conn = store.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_open_creates_parent_directories(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a" / "b" / "news.db") as store:
        assert store.counts()["articles"] == 0


def test_migrations_recorded_and_idempotent(db: Path) -> None:
    with Store.open(db) as store:
        first = store.migrations()
        assert [name for name, _ in first] == [name for name, _ in MIGRATIONS]
        assert schema_version(store.connection) == len(MIGRATIONS)
    with Store.open(db) as store:
        assert store.migrations() == first
        assert migrate(store.connection, str(db)) == []
        assert schema_version(store.connection) == len(MIGRATIONS)


def test_concurrent_first_opens_apply_migrations_once(db: Path) -> None:
    errors: list[BaseException] = []

    def opener() -> None:
        try:
            Store.open(db).close()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(db) as store:
        assert len(store.migrations()) == len(MIGRATIONS)


def test_newer_database_raises_e302(db: Path) -> None:
    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.commit()
    conn.close()
    for readonly in (False, True):
        with pytest.raises(NewsgraphError) as info:
            Store.open(db, readonly=readonly)
        assert info.value.code is ErrorCode.E302
        assert "upgrade newsgraph" in str(info.value)


def test_open_errors_raise_e301(tmp_path: Path) -> None:
    not_db = tmp_path / "notes.db"
    not_db.write_bytes(b"this is not a database file at all" * 100)
    for path, readonly in (
        (tmp_path, False),  # a directory
        (not_db, False),
        (tmp_path / "missing.db", True),
    ):
        with pytest.raises(NewsgraphError) as info:
            Store.open(path, readonly=readonly)
        assert info.value.code is ErrorCode.E301


def test_readonly_refuses_unmigrated_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(NewsgraphError) as info:
        Store.open(path, readonly=True)
    assert info.value.code is ErrorCode.E301
    assert "read-write" in str(info.value)


def test_readonly_cannot_write(db: Path) -> None:
    Store.open(db).close()
    with Store.open(db, readonly=True) as store, pytest.raises(sqlite3.OperationalError):
        store.write_batch([make_doc("Some text.")], pipeline="p")


def test_wal_reader_sees_committed_data_while_writer_holds_transaction(db: Path) -> None:
    writer = Store.open(db)
    writer.write_batch([make_doc("First article about Acme.", words=("Acme",))], pipeline="p")
    with writer.transaction():
        writer.connection.execute(
            "INSERT INTO articles (id, text, \"order\") VALUES ('a-uncommitted', 'draft', 9)"
        )
        started = time.monotonic()
        with Store.open(db, readonly=True) as reader:
            counts = reader.counts()
            assert counts["articles"] == 1
            assert counts["mentions"] == 1
            ids = {r[0] for r in reader.connection.execute("SELECT id FROM articles")}
            assert "a-uncommitted" not in ids
            assert search(reader, "Acme")[0].title is None
        assert time.monotonic() - started < 5  # never waited on the writer's lock
    with Store.open(db, readonly=True) as reader:
        assert reader.counts()["articles"] == 2
    writer.close()


# -- write_batch --------------------------------------------------------------


def test_write_batch_idempotent(db: Path) -> None:
    docs = [
        make_doc("Acme bought Globex on Monday.", words=("Acme", "Globex"), order=0),
        make_doc("Initech denied the report.", words=("Initech",), order=1),
    ]
    fails = [Failure(code="E106", message="bad JSON line", where="in.jsonl:3")]
    with Store.open(db) as store:
        store.write_batch(docs, pipeline="p1", failures=fails)
        first = store.counts()
        fts_first = store.connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        store.write_batch(docs, pipeline="p1", failures=fails)
        assert store.counts() == first
        fts = store.connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == fts_first == 2
    assert first["articles"] == 2
    assert first["mentions"] == 3
    assert first["entities"] == 3
    assert first["sentences"] == 2
    assert first["failures"] == 1


def test_write_batch_replaces_extractions_per_article(db: Path) -> None:
    text = "Acme and Globex and Initech met."
    other = make_doc("Umbrella stayed home.", words=("Umbrella",))
    with Store.open(db) as store:
        store.write_batch(
            [make_doc(text, words=("Acme", "Globex", "Initech")), other], pipeline="p1"
        )
        store.write_batch([make_doc(text, words=("Globex",))], pipeline="p2")
        detail = get_article(store, article_id(text))
        assert [m.text for m in detail.mentions] == ["Globex"]
        assert detail.pipeline == "p2"
        assert [m.text for m in get_article(store, other.article.id).mentions] == ["Umbrella"]
        assert store.counts()["mentions"] == 2


def test_same_article_twice_in_a_batch_keeps_the_later_analysis(db: Path) -> None:
    text = "Acme and Globex met."
    with Store.open(db) as store:
        store.write_batch(
            [make_doc(text, words=("Acme",)), make_doc(text, words=("Globex",))], pipeline="p"
        )
        assert [m.text for m in get_article(store, article_id(text)).mentions] == ["Globex"]


def test_upsert_keeps_first_order_origin_and_source(db: Path) -> None:
    text = "Acme bought Globex."
    first = make_doc(text, order=3, origin="a.jsonl:4", published=None, title="First")
    second = make_doc(
        text, order=7, origin="b.jsonl:8", source="Other", published="2025-01-02", title="Second"
    )
    with Store.open(db) as store:
        store.write_batch([first], pipeline="p1")
        store.write_batch([second], pipeline="p2")
        row = store.connection.execute(
            'SELECT "order", origin, source, title, published, pipeline FROM articles'
        ).fetchone()
    # Unknown fields are filled by the later write; known ones stay first.
    assert tuple(row) == (3, "a.jsonl:4", "Wire", "First", "2025-01-02", "p2")


def test_changed_text_reindexes_fts(db: Path) -> None:
    with Store.open(db) as store:
        doc = make_doc("An old sentence about zebras.")
        store.write_batch([doc], pipeline="p")
        article = doc.article
        new = AnalysedArticle(
            article=Article(id=article.id, text="A new sentence about giraffes.", order=0)
        )
        store.write_batch([new], pipeline="p")
        assert search(store, "zebras") == []
        assert [h.id for h in search(store, "giraffes")] == [article.id]
        check = "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
        store.connection.execute(check)


def test_fts_survives_vacuum_after_deletes(db: Path) -> None:
    with Store.open(db) as store:
        docs = [make_doc(f"Article number {i} mentions token{i}.", order=i) for i in range(30)]
        store.write_batch(docs, pipeline="p")
        store.connection.execute('DELETE FROM articles WHERE "order" < 15')
        store.connection.execute("VACUUM")
        assert [h.id for h in search(store, "token20")] == [docs[20].article.id]
        assert search(store, "token3") == []
        assert store.counts()["mentions"] == 0
        assert store.counts()["sentences"] == 15  # cascaded


def test_entities_upsert_merges_aliases(db: Path) -> None:
    with Store.open(db) as store:
        store.write_batch(
            [
                AnalysedArticle(
                    article=Article(id="a1", text="x"),
                    entities=(Entity(id="e1", name="Acme", type="ORG", aliases=("ACME",)),),
                )
            ],
            pipeline="p",
        )
        store.write_batch(
            [
                AnalysedArticle(
                    article=Article(id="a2", text="y"),
                    entities=(
                        Entity(id="e1", name="Acme Corp", type="ORG", aliases=("Acme Inc",)),
                        Entity(id="e1", name="Acme Corp", type="ORG", country="US"),
                    ),
                )
            ],
            pipeline="p",
        )
        row = store.connection.execute("SELECT name, aliases, country FROM entities").fetchone()
    assert tuple(row) == ("Acme Corp", '["ACME", "Acme Inc"]', "US")


def test_failures_are_unique(db: Path) -> None:
    fails = [
        Failure(code="E106", message="bad JSON line", where="in.jsonl:3"),
        Failure(code="E201", message="stage ner failed", stage="ner", article_id="a1"),
    ]
    with Store.open(db) as store:
        store.record_failures(fails)
        store.record_failures(fails)
        store.write_batch([make_doc("Some text.", failures=(fails[1],))], pipeline="p")
        store.write_batch([], pipeline="p", failures=fails)
        assert store.counts()["failures"] == 2
        store.record_failures([Failure(code="E106", message="bad JSON line", where="in.jsonl:4")])
        assert store.counts()["failures"] == 3


def test_exception_inside_batch_persists_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db) as store:
        store.write_batch([make_doc("Earlier batch.")], pipeline="p")
        before = store.counts()

        def boom(*args: object) -> None:
            raise RuntimeError("simulated crash")

        monkeypatch.setattr(Store, "_upsert_entities", boom)
        batch = [make_doc("Acme and Globex.", words=("Acme", "Globex"))]
        with pytest.raises(RuntimeError):
            store.write_batch(batch, pipeline="p")
        assert store.counts() == before
        assert not store.connection.in_transaction
        monkeypatch.undo()
        store.write_batch(batch, pipeline="p")
        assert store.counts()["mentions"] == 2


def test_process_killed_mid_batch_loses_only_that_batch(db: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_store import make_doc
        from newsgraph.store import Store
        store = Store.open({str(db)!r})
        store.write_batch([make_doc("Committed first batch.", order=0)], pipeline="p")
        def die(*args):
            os._exit(3)  # no cleanup, no rollback: like a kill -9
        Store._upsert_entities = die
        store.write_batch(
            [make_doc("Lost batch about Acme.", words=("Acme",), order=1)], pipeline="p"
        )
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 3, proc.stderr
    with Store.open(db) as store:
        counts = store.counts()
        assert counts["articles"] == 1
        assert counts["mentions"] == 0
        lost = make_doc("Lost batch about Acme.", words=("Acme",), order=1)
        store.write_batch([lost], pipeline="p")
        store.write_batch([lost], pipeline="p")
        assert store.counts()["articles"] == 2
        assert store.counts()["mentions"] == 1


# -- other writes and reads ---------------------------------------------------


def test_analysed_ids(db: Path) -> None:
    docs = [make_doc(f"Article {i}.") for i in range(3)]
    with Store.open(db) as store:
        store.write_batch(docs[:2], pipeline="sig-1")
        store.write_batch(docs[1:2], pipeline="sig-2")
        many = [d.article.id for d in docs] + [f"nope{i}" for i in range(1200)]
        assert store.analysed_ids(many) == {
            docs[0].article.id: "sig-1",
            docs[1].article.id: "sig-2",
        }
        assert store.analysed_ids([]) == {}


def test_minhashes_roundtrip_and_replace(db: Path) -> None:
    with Store.open(db) as store:
        store.put_minhashes([("a2", b"\x00\x01"), ("a1", b"\xff" * 8)])
        store.put_minhashes([("a2", b"\x02")])
        assert list(store.iter_minhashes()) == [("a1", b"\xff" * 8), ("a2", b"\x02")]
        assert store.counts()["minhashes"] == 2


def test_set_duplicate_of(db: Path) -> None:
    a, b = make_doc("The original story."), make_doc("The copied story, nearly.")
    with Store.open(db) as store:
        store.write_batch([a, b], pipeline="p")
        store.set_duplicate_of([(b.article.id, a.article.id)])
        assert get_article(store, b.article.id).duplicate_of == a.article.id
        assert get_article(store, a.article.id).duplicate_of is None


def test_replace_stories(db: Path) -> None:
    with Store.open(db) as store:
        store.replace_stories([Story(id="s1", article_ids=("a1", "a2"), title="T")])
        store.replace_stories([Story(id="s2", article_ids=("a3",))])
        rows = store.connection.execute("SELECT id, article_ids FROM stories").fetchall()
        assert [tuple(r) for r in rows] == [("s2", '["a3"]')]


def test_counts_lists_data_tables_only(db: Path) -> None:
    with Store.open(db) as store:
        tables = set(store.counts())
    assert tables == {
        "articles",
        "sentences",
        "mentions",
        "entities",
        "quotes",
        "events",
        "amounts",
        "places",
        "stories",
        "failures",
        "minhashes",
        "dates",
        "story_articles",  # story membership and clusterer state (#6)
        "story_terms",
        "event_groups",  # one happening across articles (#5)
        "event_mentions",
    }


def test_quotes_fts_kept_in_sync(db: Path) -> None:
    text = 'She said: "We will pause the talks."'
    aid = article_id(text)
    start = text.index('"') + 1
    quote = Quote(
        id=span_id("quote", aid, start, len(text) - 2),
        article_id=aid,
        text=text[start : len(text) - 2],
        start=start,
        end=len(text) - 2,
        kind="direct",
        confidence=0.9,
    )
    doc = AnalysedArticle(article=Article(id=aid, text=text), quotes=(quote,))
    with Store.open(db) as store:
        store.write_batch([doc], pipeline="p")
        store.write_batch([doc], pipeline="p")
        match = "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'pause'"
        assert store.connection.execute(match).fetchone()[0] == 1
        store.write_batch([AnalysedArticle(article=doc.article)], pipeline="p")
        assert store.connection.execute(match).fetchone()[0] == 0


def test_record_fields_added_by_later_issues_round_trip(tmp_path: Path) -> None:
    """Tuple fields go through JSON; new columns come back on the records."""
    from dataclasses import replace as _replace

    from newsgraph.records import DateMention, Entity, Place, Sentence
    from newsgraph.store import get_article

    from tests.builders import make_doc

    text = 'On Tuesday the minister in Lisbon said "[the] talks go on".'
    doc = make_doc(text)
    aid = doc.article.id
    q0 = text.index('"') + 1
    doc = _replace(
        doc,
        tone=-2.5,
        sentences=(Sentence(start=0, end=len(text), tone=-2.5),),
        quotes=(
            Quote(
                id="q1",
                article_id=aid,
                text=text[q0 : len(text) - 2],
                start=q0,
                end=len(text) - 2,
                kind="direct",
                cue="said",
                cue_lemma="say",
                addressee="the press",
                targets=("Lisbon", "[talks]"),
                target_entity_ids=("e9",),
            ),
        ),
        places=(
            Place(
                id="p1",
                article_id=aid,
                name="Lisbon",
                start=27,
                end=33,
                country="PRT",
                lat=38.7,
                lon=-9.1,
                feature="city",
            ),
        ),
        dates=(
            DateMention(
                id="d1",
                article_id=aid,
                text="Tuesday",
                start=3,
                end=10,
                value="2025-10-07",
                granularity="day",
            ),
        ),
        entities=(Entity(id="e9", name="Lisbon", type="GPE", roles=("capital",)),),
    )
    with Store.open(tmp_path / "t.db") as store:
        store.write_batch([doc], pipeline="test")
        detail = get_article(store, aid)
        assert detail.quotes == doc.quotes
        assert detail.places == doc.places
        assert detail.dates == doc.dates
        assert detail.sentences == doc.sentences
        row = store.connection.execute("SELECT tone FROM articles").fetchone()
        assert row[0] == -2.5
        roles = store.connection.execute("SELECT roles FROM entities").fetchone()[0]
        assert roles == '["capital"]'
