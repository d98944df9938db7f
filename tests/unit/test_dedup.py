"""Near-duplicate linking with MinHash LSH and an exact Jaccard check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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


def test_candidates_are_screened_by_signature_before_the_exact_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.stories.dedup as dedup

    # Count the exact comparisons: whatever LSH proposes, only the copy's
    # original passes the signature screen; each text is shingled once.
    compared: list[int] = []
    shingled: list[str] = []
    real_jaccard, real_shingles = dedup.jaccard, dedup.shingles

    def counting_jaccard(a: Any, b: Any) -> float:
        compared.append(1)
        return real_jaccard(a, b)

    def counting_shingles(text: str, size: int = 5) -> set[bytes]:
        shingled.append(text)
        return real_shingles(text, size)

    monkeypatch.setattr(dedup, "jaccard", counting_jaccard)
    monkeypatch.setattr(dedup, "shingles", counting_shingles)
    with _store(tmp_path, [BASE, OTHER, COPY]) as store:
        links = link_near_duplicates(store)
    assert [(link.article_id, link.duplicate_of) for link in links] == [
        (make_doc(COPY).article.id, make_doc(BASE).article.id)
    ]
    assert len(compared) == 1
    assert len(shingled) == 3


def test_a_copy_of_a_copy_in_one_run_links_to_the_first(tmp_path: Path) -> None:
    # The second copy is closer to the first copy than to the original; all
    # three arrive in one run, so the middle link is not stored yet.
    copy2 = COPY.replace("in the port city", "in the harbour city")
    with _store(tmp_path, [BASE, COPY, copy2]) as store:
        links = link_near_duplicates(store)
    first = make_doc(BASE).article.id
    assert [link.duplicate_of for link in links] == [first, first]


def test_screen_keeps_candidates_whose_signatures_agree(tmp_path: Path) -> None:
    import numpy as np

    from newsgraph.stories.dedup import SCREEN_MARGIN, _screen, signature

    base = signature(shingles(BASE)).hashvalues.astype(np.uint32)
    near = signature(shingles(COPY)).hashvalues.astype(np.uint32)
    far = signature(shingles(OTHER)).hashvalues.astype(np.uint32)
    fresh = {"b": near, "c": far, "a": base}
    with Store.open(tmp_path / "s.db") as store:
        kept = _screen(store.connection, base, {"c", "b", "a"}, fresh, threshold=0.6)
    assert kept == ["a", "b"]  # best estimate first, the unrelated one screened out
    assert SCREEN_MARGIN < 0.6
