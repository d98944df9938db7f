"""Cross-article entity linking: partial names, conservatively."""

from __future__ import annotations

from pathlib import Path

from newsgraph.extract.entities import resolve_entities
from newsgraph.linking import link_entities
from newsgraph.store import Store, get_entity, list_entities

from tests.builders import with_mentions


def store_with(tmp_path: Path, docs: list[tuple[str, list[tuple[str, str]]]]) -> Store:
    store = Store.open(tmp_path / "t.db")
    batch = [resolve_entities(with_mentions(text, spans)) for text, spans in docs]
    store.write_batch(batch, pipeline="test")
    return store


def person_ids(store: Store, surface: str) -> set[str]:
    rows = store.connection.execute(
        "SELECT DISTINCT entity_id FROM mentions WHERE text = ?", (surface,)
    )
    return {r[0] for r in rows}


def test_surname_only_article_links_to_the_full_name(tmp_path: Path) -> None:
    with store_with(
        tmp_path,
        [
            ("Ana Vidal met the press in Madrid.", [("Ana Vidal", "PERSON"), ("Madrid", "GPE")]),
            ("Later, Vidal left Madrid.", [("Vidal", "PERSON"), ("Madrid", "GPE")]),
        ],
    ) as store:
        merges = link_entities(store)
        assert [(m.source_name, m.target_name) for m in merges] == [("Vidal", "Ana Vidal")]
        assert person_ids(store, "Vidal") == person_ids(store, "Ana Vidal")
        detail = get_entity(store, "Vidal")  # the alias finds the merged entity
        assert detail.entity.name == "Ana Vidal"
        assert "Vidal" in detail.entity.aliases
        assert len(detail.articles) == 2
        # Idempotent: nothing left to merge.
        assert link_entities(store) == []


def test_shared_surname_without_evidence_is_not_merged(tmp_path: Path) -> None:
    with store_with(
        tmp_path,
        [
            ("Maria Lopez spoke.", [("Maria Lopez", "PERSON")]),
            ("Carlos Lopez spoke.", [("Carlos Lopez", "PERSON")]),
            ("Lopez was absent.", [("Lopez", "PERSON")]),
        ],
    ) as store:
        assert link_entities(store) == []
        assert len(list_entities(store, type="PERSON")) == 3


def test_shared_surname_with_co_occurrence_is_merged(tmp_path: Path) -> None:
    with store_with(
        tmp_path,
        [
            (
                "Maria Lopez of Acme Mining spoke.",
                [("Maria Lopez", "PERSON"), ("Acme Mining", "ORG")],
            ),
            (
                "Carlos Lopez of the Blue Party spoke.",
                [("Carlos Lopez", "PERSON"), ("Blue Party", "ORG")],
            ),
            ("Lopez said Acme Mining would grow.", [("Lopez", "PERSON"), ("Acme Mining", "ORG")]),
        ],
    ) as store:
        merges = link_entities(store)
        assert [m.target_name for m in merges] == ["Maria Lopez"]


def test_conflicting_countries_are_not_merged(tmp_path: Path) -> None:
    with store_with(
        tmp_path,
        [("Ana Vidal spoke.", [("Ana Vidal", "PERSON")]), ("Vidal spoke.", [("Vidal", "PERSON")])],
    ) as store:
        store.connection.execute("UPDATE entities SET country = 'ESP' WHERE name = 'Ana Vidal'")
        store.connection.execute("UPDATE entities SET country = 'CHL' WHERE name = 'Vidal'")
        assert link_entities(store) == []
