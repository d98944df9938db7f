"""Near-duplicate detection: syndicated and lightly edited copies.

Exact duplicates never reach this stage: an article's id is the hash of its
normalised text, so a second copy is the same row. Near-duplicates (a wire
story republished with a new headline, a trimmed paragraph, a corrected
typo) are found with MinHash LSH over word shingles (datasketch), then
confirmed with the exact Jaccard similarity of the two shingle sets, and
linked with ``articles.duplicate_of`` to the earliest copy.

This is a cross-article stage over the store: signatures are kept in the
``minhashes`` table, so each run only hashes the new articles, and the LSH
index is rebuilt from stored signatures (about 0.5 s per 100k, measured in
``bench/throughput.py``'s notes in docs/benchmarks.md).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

if TYPE_CHECKING:
    from newsgraph.store.sqlite import Store

__all__ = [
    "NearDuplicate",
    "jaccard",
    "link_near_duplicates",
    "pending_ids",
    "shingles",
    "signature",
]

NUM_PERM = 64
_SEED = 1
# datasketch 2's default hashing scheme; stored signatures are only
# comparable with signatures made the same way, so it is fixed here.
_SCHEME = "affine32"
_DTYPE = np.uint32
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    """An article linked to the earlier article it nearly copies."""

    article_id: str
    duplicate_of: str
    similarity: float


def shingles(text: str, size: int = 5) -> set[bytes]:
    """Return the set of ``size``-word shingles of ``text`` (case-folded)."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def jaccard(a: AbstractSet[bytes], b: AbstractSet[bytes]) -> float:
    """Return the Jaccard similarity of two shingle sets."""
    if not a and not b:
        return 1.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def signature(grams: Iterable[bytes]) -> LeanMinHash:
    """Return the MinHash signature of a shingle set."""
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    minhash.update_batch(list(grams))
    return LeanMinHash(minhash)


def _from_bytes(blob: bytes) -> LeanMinHash:
    values = np.frombuffer(blob, dtype=_DTYPE)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


#: Candidates whose estimated Jaccard similarity is this far below the
#: threshold are not compared exactly (about 2.4 standard errors at J = 0.5).
SCREEN_MARGIN = 0.15
#: At most this many candidates, the best by estimate, are compared exactly.
#: A wire feed of near-identical briefs gave ~45 candidates per article past
#: the screen, all of them true near-duplicates: checking every one cost 2/3
#: of `newsgraph load`, and the best by estimate is the best in fact but for
#: estimation noise between near-equal copies.
EXACT_CHECKS = 8


def _screen(
    conn: sqlite3.Connection,
    values: np.ndarray,
    candidates: Iterable[str],
    fresh: dict[str, np.ndarray],
    threshold: float,
) -> list[str]:
    """Return up to EXACT_CHECKS candidates whose signatures agree with ``values`` most.

    Candidates below ``threshold - SCREEN_MARGIN`` agreement are dropped; the
    rest come best first, ties by id, so every process picks the same ones.
    """
    ids = sorted(candidates)
    stored = [c for c in ids if c not in fresh]
    found: dict[str, np.ndarray] = {c: fresh[c] for c in ids if c in fresh}
    for i in range(0, len(stored), 500):
        chunk = stored[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        for aid, blob in conn.execute(
            f"SELECT article_id, hashvalues FROM minhashes WHERE article_id IN ({marks})", chunk
        ):
            found[str(aid)] = np.frombuffer(blob, dtype=_DTYPE)
    known = [c for c in ids if c in found]
    if not known:
        return []
    agree = (np.stack([found[c] for c in known]) == values).mean(axis=1)
    kept = [
        (-float(a), c) for c, a in zip(known, agree, strict=True) if a >= threshold - SCREEN_MARGIN
    ]
    return [c for _, c in sorted(kept)[:EXACT_CHECKS]]


def pending_ids(store: Store) -> list[str]:
    """Return ids of stored articles not yet hashed, in input order."""
    rows = store.connection.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM minhashes) "
        'ORDER BY "order", id'
    )
    return [row[0] for row in rows]


def link_near_duplicates(
    store: Store,
    article_ids: Sequence[str] | None = None,
    *,
    threshold: float = 0.6,
    shingle_size: int = 5,
) -> list[NearDuplicate]:
    """Link each of ``article_ids`` to an earlier near-duplicate, if any.

    Articles already in the store count as earlier than new ones; new ones
    are taken in input order. A copy of a copy links to the first copy.

    Args:
        store: the open store holding the articles.
        article_ids: ids of newly stored articles, in input order; by
            default every stored article without a signature yet.
        threshold: the Jaccard similarity of shingle sets at or above which
            two articles are near-duplicates.
        shingle_size: words per shingle.

    Returns:
        The links made.
    """
    # 1. Index stored signatures, leaving out the new articles themselves.
    if article_ids is None:
        article_ids = pending_ids(store)
    if not article_ids:
        return []
    new = set(article_ids)
    # LSH's own threshold sits below ours: it only proposes candidates,
    # and the exact Jaccard check below decides.
    lsh = MinHashLSH(threshold=max(0.3, threshold - 0.2), num_perm=NUM_PERM)
    for article_id, blob in store.iter_minhashes():
        if article_id not in new:
            lsh.insert(article_id, _from_bytes(blob), check_duplication=False)

    conn = store.connection

    # The same originals are compared again and again on a wire feed; keep
    # the latest shingle sets (a 600-word article's set is ~50 kB).
    @lru_cache(maxsize=1024)
    def grams_and_root(article_id: str) -> tuple[frozenset[bytes], str | None]:
        row = conn.execute(
            "SELECT text, duplicate_of FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        text, root = (row[0], row[1]) if row else ("", None)
        return frozenset(shingles(text, shingle_size)), root

    # 2. Hash each new article, look up candidates, confirm exactly. LSH
    #    proposes pairs from one shared band; on repetitive text (templated
    #    wire briefs) that is hundreds of candidates per article, and reading
    #    and shingling each one took 85% of `load` in the Spark benchmark. So
    #    candidates are first screened by the signatures' own estimate of the
    #    Jaccard similarity (64 permutations: standard error <= 0.0625), and
    #    only those within SCREEN_MARGIN of the threshold are read and
    #    compared exactly.
    links: list[NearDuplicate] = []
    signatures: list[tuple[str, bytes]] = []
    fresh: dict[str, np.ndarray] = {}
    # Links made in this run are stored at the end; a copy of a copy made in
    # the same run must still reach the first copy.
    roots: dict[str, str] = {}
    for article_id in article_ids:
        grams, _ = grams_and_root(article_id)
        sig = signature(grams)
        values = sig.hashvalues.astype(_DTYPE)
        best: tuple[float, str] | None = None
        for candidate in _screen(conn, values, lsh.query(sig), fresh, threshold):
            other, root = grams_and_root(candidate)
            score = jaccard(grams, other)
            if score >= threshold and (best is None or score > best[0]):
                best = (score, roots.get(candidate) or root or candidate)
        if best is not None:
            links.append(NearDuplicate(article_id, best[1], round(best[0], 4)))
            roots[article_id] = best[1]
        lsh.insert(article_id, sig, check_duplication=False)
        fresh[article_id] = values
        signatures.append((article_id, values.tobytes()))

    # 3. Persist signatures and links in one transaction: an article with a
    #    signature is never looked at again, so its link must not be lost.
    with store.transaction():
        store.put_minhashes(signatures)
        store.set_duplicate_of((link.article_id, link.duplicate_of) for link in links)
    return links
