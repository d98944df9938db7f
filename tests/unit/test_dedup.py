"""Near-duplicate linking with MinHash LSH and an exact Jaccard check."""

from __future__ import annotations

from pathlib import Path

from newsgraph.store import Store
from newsgraph.stories.dedup import jaccard, link_near_duplicates, pending_ids, shingles

from tests.builders import make_doc

BASE = (
    "The foreign ministers of four northern states agreed on Tuesday to pool their coast "
    "guard patrols in the strait, after a cargo ship was boarded by armed men last week. "
    "Officials said the joint patrols would begin next month and would be reviewed after "
    "six months. The agreement was signed at a meeting in the port city, where the "
    "ministers also discussed fishing quotas and a new radar station on the northern cape."
)
# A syndicated copy: new first sentence wording, one sentence trimmed.
COPY = BASE.replace("agreed on Tuesday", "agreed on Tuesday evening").replace(
    " and would be reviewed after six months", ""
)
OTHER = (
    "Farmers blocked three motorways with tractors on Monday to protest against cuts to "
    "diesel subsidies, and police said more than two hundred vehicles took part."
)


def test_shingles_and_jaccard() -> None:
    a = shingles("one two three four five six", 5)
    assert a == {b"one two three four five", b"two three four five six"}
    assert shingles("Short text", 5) == {b"short text"}
    assert jaccard(a, a) == 1.0
    assert jaccard(a, shingles("entirely different words here now", 5)) == 0.0


def _store(tmp_path: Path, docs: list[str]) -> Store:
    store = Store.open(tmp_path / "t.db")
    batch = [make_doc(text, order=i) for i, text in enumerate(docs)]
    store.write_batch(batch, pipeline="test")
    return store


def test_copy_links_to_earlier_original(tmp_path: Path) -> None:
    with _store(tmp_path, [BASE, OTHER, COPY]) as store:
        links = link_near_duplicates(store, threshold=0.6)
        ids = {text: make_doc(text).article.id for text in (BASE, COPY, OTHER)}
        assert [(link.article_id, link.duplicate_of) for link in links] == [(ids[COPY], ids[BASE])]
        assert links[0].similarity >= 0.6
        row = store.connection.execute(
            "SELECT duplicate_of FROM articles WHERE id = ?", (ids[COPY],)
        ).fetchone()
        assert row[0] == ids[BASE]
        # Everything is hashed now; a second pass has nothing to do.
        assert pending_ids(store) == []
        assert link_near_duplicates(store, threshold=0.6) == []


def test_incremental_copy_of_a_stored_article(tmp_path: Path) -> None:
    with _store(tmp_path, [BASE]) as store:
        assert link_near_duplicates(store) == []
        store.write_batch([make_doc(COPY, order=5)], pipeline="test")
        links = link_near_duplicates(store, threshold=0.6)
        assert [link.duplicate_of for link in links] == [make_doc(BASE).article.id]


def test_unrelated_articles_are_not_linked(tmp_path: Path) -> None:
    with _store(tmp_path, [BASE, OTHER]) as store:
        assert link_near_duplicates(store, threshold=0.5) == []
