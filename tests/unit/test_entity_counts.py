"""Entity mention/article counts kept at write time match the mention rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsgraph.extract.entities import resolve_entities
from newsgraph.linking import link_entities
from newsgraph.records import AnalysedArticle
from newsgraph.store import Store, list_entities
from newsgraph.store.migrations import MIGRATIONS

from tests.builders import with_mentions


def doc(text: str, spans: list[tuple[str, str]]) -> AnalysedArticle:
    return resolve_entities(with_mentions(text, spans))


def assert_counts_match_rows(store: Store) -> None:
    """Every entity's stored counts equal an aggregate over the mention rows."""
    rows = store.connection.execute(
        """
        SELECT e.id, e.mention_count, e.article_count,
               (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id),
               (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id)
        FROM entities e
        """
    ).fetchall()
    assert rows
    for eid, kept_m, kept_a, real_m, real_a in rows:
        assert (eid, kept_m, kept_a) == (eid, real_m, real_a)


def test_counts_follow_new_rewritten_and_merged_articles(tmp_path: Path) -> None:
    first = doc(
        "Ana Vidal met Tomas Berg in Madrid. Vidal left.",
        [("Ana Vidal", "PERSON"), ("Tomas Berg", "PERSON"), ("Madrid", "GPE"), ("Vidal", "PERSON")],
    )
    second = doc("Vidal spoke in Madrid.", [("Vidal", "PERSON"), ("Madrid", "GPE")])
    with Store.open(tmp_path / "c.db") as store:
        store.write_batch([first], pipeline="t")
        assert_counts_match_rows(store)
        ranked = list_entities(store)
        assert (ranked[0].name, ranked[0].mentions, ranked[0].articles) == ("Ana Vidal", 2, 1)

        store.write_batch([second], pipeline="t")
        assert_counts_match_rows(store)
        # The same article again, now with one mention fewer: counts go down.
        store.write_batch([replace(first, mentions=first.mentions[:3])], pipeline="t")
        assert_counts_match_rows(store)
        # Writing it twice leaves the counts as they were.
        store.write_batch([replace(first, mentions=first.mentions[:3])], pipeline="t")
        assert_counts_match_rows(store)

        # A cross-article merge moves the surname-only entity's counts.
        assert link_entities(store)
        assert_counts_match_rows(store)
        vidal = list_entities(store, name="Vidal", type="PERSON")
        assert [(e.name, e.mentions, e.articles) for e in vidal] == [("Ana Vidal", 2, 2)]


def test_list_entities_filters_by_several_types_and_dates(tmp_path: Path) -> None:
    old = doc("Tomas Berg visited Lima.", [("Tomas Berg", "PERSON"), ("Lima", "GPE")])
    new = doc("Ana Vidal visited Lima.", [("Ana Vidal", "PERSON"), ("Lima", "GPE")])
    old = replace(old, article=replace(old.article, published="2024-01-05"))
    new = replace(new, article=replace(new.article, published="2025-03-01"))
    with Store.open(tmp_path / "d.db") as store:
        store.write_batch([old, new], pipeline="t")
        assert {e.name for e in list_entities(store, type=["PERSON", "ORG"])} == {
            "Tomas Berg",
            "Ana Vidal",
        }
        recent = list_entities(store, since="2025-01-01")
        assert {e.name for e in recent} == {"Ana Vidal", "Lima"}
        # Counts stay corpus-wide: Lima is in both articles.
        assert [e.articles for e in recent if e.name == "Lima"] == [2]
        assert {e.name for e in list_entities(store, until="2024-12-31", type="PERSON")} == {
            "Tomas Berg"
        }


def test_migration_counts_entities_of_an_existing_store(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    with Store.open(path) as store:
        store.write_batch(
            [doc("Ana Vidal met Tomas Berg.", [("Ana Vidal", "PERSON"), ("Tomas Berg", "PERSON")])],
            pipeline="t",
        )
    # Rewind the database to the schema before the counts, then migrate again.
    conn = sqlite3.connect(path)
    names = [name for name, _ in MIGRATIONS]
    last = names.index("0006_serving")
    for index in ("entities_rank", "entities_type_rank", "entities_country", "events_type_date",
                  "events_source_entity_id", "events_target_entity_id"):  # fmt: skip
        conn.execute(f"DROP INDEX {index}")
    conn.execute("ALTER TABLE entities DROP COLUMN mention_count")
    conn.execute("ALTER TABLE entities DROP COLUMN article_count")
    conn.execute("DELETE FROM schema_migrations WHERE name = '0006_serving'")
    conn.execute(f"PRAGMA user_version = {last}")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert_counts_match_rows(store)
        assert {e.mentions for e in list_entities(store)} == {1}
