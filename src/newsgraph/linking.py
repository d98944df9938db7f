"""Cross-article entity resolution over the store.

Full names need no linking: an entity's id hashes its type and canonical
name (see :mod:`newsgraph.extract.entities`), so "Ana Vidal" in a hundred
articles is already one row. What remains are partial names: an article that
only says "Vidal". This stage merges such a surname-only person into a
person named in full elsewhere in the store, conservatively:

1. the full name's last word must equal the surname;
2. if several people share the surname, the one that co-occurs (shares other
   entities across articles) with the surname's articles strictly more than
   the others wins; with no such evidence nothing is merged;
3. known countries must not conflict.

Merging rewrites mention, quote and event references in one transaction and
records the alias, so it is incremental (run after every ``analyze``) and
idempotent (a merged entity no longer exists to be merged again).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.store import counts

if TYPE_CHECKING:
    import sqlite3

    from newsgraph.store.sqlite import Store

__all__ = ["Merge", "link_entities"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Merge:
    """A partial-name entity merged into a fuller one."""

    source_id: str
    source_name: str
    target_id: str
    target_name: str
    reason: str


def _articles_of(conn: sqlite3.Connection, entity_id: str) -> set[str]:
    rows = conn.execute(
        "SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?", (entity_id,)
    )
    return {r[0] for r in rows}


def _neighbours(conn: sqlite3.Connection, articles: set[str], exclude: set[str]) -> Counter[str]:
    """Count the entities mentioned in ``articles``, one per article."""
    counts: Counter[str] = Counter()
    for article_id in articles:
        rows = conn.execute(
            "SELECT DISTINCT entity_id FROM mentions "
            "WHERE article_id = ? AND entity_id IS NOT NULL",
            (article_id,),
        )
        counts.update(r[0] for r in rows if r[0] not in exclude)
    return counts


def _choose(
    conn: sqlite3.Connection,
    partial: tuple[str, str, str | None],
    candidates: list[tuple[str, str, str | None]],
) -> tuple[tuple[str, str, str | None], str] | None:
    """Pick the candidate a surname-only entity refers to, or None."""
    pid, _, pcountry = partial
    fitting = [c for c in candidates if not (pcountry and c[2] and pcountry != c[2])]
    if len(fitting) == 1:
        return fitting[0], "unique full name with this surname"
    if not fitting:
        return None
    # Several people share the surname: follow co-occurrence.
    mine = _neighbours(conn, _articles_of(conn, pid), {pid})
    scores = []
    for cand in fitting:
        theirs = _neighbours(conn, _articles_of(conn, cand[0]), {cand[0], pid})
        scores.append((sum(min(mine[e], theirs[e]) for e in mine), cand))
    scores.sort(key=lambda s: -s[0])
    if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
        return scores[0][1], f"co-occurs with {scores[0][0]} shared entities"
    return None


def link_entities(store: Store) -> list[Merge]:
    """Merge surname-only people into the full names they stand for.

    Returns:
        The merges made, for the run report and logs.
    """
    conn = store.connection
    people = conn.execute("SELECT id, name, country FROM entities WHERE type = 'PERSON'").fetchall()
    by_surname: dict[str, list[tuple[str, str, str | None]]] = {}
    partials: list[tuple[str, str, str | None]] = []
    for eid, name, country in people:
        words = name.split()
        if len(words) >= 2:
            by_surname.setdefault(words[-1], []).append((eid, name, country))
        elif words:
            partials.append((eid, name, country))

    merges: list[Merge] = []
    for partial in partials:
        candidates = by_surname.get(partial[1], [])
        if not candidates:
            continue
        chosen = _choose(conn, partial, candidates)
        if chosen is None:
            continue
        target, reason = chosen
        merges.append(Merge(partial[0], partial[1], target[0], target[1], reason))

    if not merges:
        return []
    with store.transaction():
        for merge in merges:
            _apply(conn, merge)
    for merge in merges:
        log.info("merged %s into %s (%s)", merge.source_name, merge.target_name, merge.reason)
    return merges


def _apply(conn: sqlite3.Connection, merge: Merge) -> None:
    """Repoint every reference from the source entity to the target."""
    src, dst = merge.source_id, merge.target_id
    conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (dst, src))
    conn.execute(
        "UPDATE quotes SET speaker_entity_id = ?, speaker = ? WHERE speaker_entity_id = ?",
        (dst, merge.target_name, src),
    )
    conn.execute(
        "UPDATE quotes SET addressee_entity_id = ?, addressee = ? WHERE addressee_entity_id = ?",
        (dst, merge.target_name, src),
    )
    conn.execute(
        "UPDATE quotes SET target_entity_ids = replace(target_entity_ids, ?, ?) "
        "WHERE target_entity_ids LIKE ?",
        (json.dumps(src), json.dumps(dst), f"%{json.dumps(src)}%"),
    )
    row = conn.execute("SELECT aliases, roles FROM entities WHERE id = ?", (dst,)).fetchone()
    src_row = conn.execute("SELECT aliases, roles FROM entities WHERE id = ?", (src,)).fetchone()
    aliases = list(json.loads(row[0] or "[]"))
    roles = list(json.loads(row[1] or "[]"))
    for alias in [merge.source_name, *json.loads(src_row[0] or "[]")]:
        if alias not in aliases and alias != merge.target_name:
            aliases.append(alias)
    roles.extend(r for r in json.loads(src_row[1] or "[]") if r not in roles)
    conn.execute(
        "UPDATE entities SET aliases = ?, roles = ? WHERE id = ?",
        (json.dumps(aliases, ensure_ascii=False), json.dumps(roles, ensure_ascii=False), dst),
    )
    conn.execute("DELETE FROM entities WHERE id = ?", (src,))
    counts.recount(conn, [dst])
