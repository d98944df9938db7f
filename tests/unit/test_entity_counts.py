"""Entity mention/article counts kept at write time match the mention rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsgraph.extract.entities import resolve_entities
from newsgraph.linking import link_entities
from newsgraph.records import AnalysedArticle
from newsgraph.store import Store, list_entities

from tests.builders import store_before, with_mentions


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
    # A store made by a newsgraph that stopped before 0006_serving...
    path = tmp_path / "old.db"
    with store_before(path, "0006_serving") as conn:
        conn.executemany(
            "INSERT INTO entities (id, name, type) VALUES (?, ?, 'PERSON')",
            [("e1", "Ana Vidal"), ("e2", "Tomas Berg")],
        )
        conn.executemany(
            'INSERT INTO mentions (id, article_id, entity_id, text, type, start, "end") '
            "VALUES (?, 'a1', ?, 'x', 'PERSON', ?, ?)",
            [("m1", "e1", 0, 1), ("m2", "e1", 2, 3), ("m3", "e2", 0, 1)],
        )
    # ...opened by this one: the migration counts what is there.
    with Store.open(path) as store:
        assert_counts_match_rows(store)
        assert {(e.name, e.mentions, e.articles) for e in list_entities(store)} == {
            ("Ana Vidal", 2, 1),
            ("Tomas Berg", 1, 1),
        }
