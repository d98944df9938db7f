"""Merge event mentions across articles into happenings (issue #5, part 4).

The same happening reported by several articles is one event with several
mentions, as GDELT's NumMentions / NumArticles count them. Each stored
event row is a *mention*; :func:`merge_events` groups them:

* inside a story (``story_articles``): same type, same source actor and
  same target actor — the articles of a story report one development, so
  their dates (usually publication dates) may differ by a day or two;
* articles in no story: same type, same actors and same date.

An actor is its resolved entity when it has one, else its country and
sector ("Israeli troops" and "Israeli soldiers" are both ISR MIL), else
its lower-cased name. Negated, hypothetical and future mentions are grouped
only with mentions that carry the same flags, so "did not attack" never
adds to an attack's count.

Groups are recomputed from the events table on every run (one pass over
the events, one transaction), so re-running ``analyze`` is idempotent and
a new article joins the groups of its story.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from newsgraph.store.sqlite import Store

__all__ = ["EventGroup", "merge_events"]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventGroup:
    """One happening: its coding and how many mentions and articles report it."""

    id: str
    type: str
    mode: str | None
    source_actor: str | None
    source_country: str | None
    target_actor: str | None
    target_country: str | None
    date: str | None
    story_id: str | None
    first_event_id: str
    num_mentions: int
    num_articles: int


_SELECT = """
SELECT e.id, e.article_id, e.start, e."end", e.type, e.mode, e.source_actor, e.source_country,
       e.source_sector, e.source_entity_id, e.target_actor, e.target_country, e.target_sector,
       e.target_entity_id, e.date, e.negated, e.hypothetical, e.future, sa.story_id
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN story_articles sa ON sa.article_id = e.article_id
ORDER BY a.published IS NULL, a.published, a."order", e.article_id, e.start, e.id
"""


def _actor_key(entity_id: str | None, country: str | None, sector: str | None,
               name: str | None) -> str:  # fmt: skip
    if entity_id:
        return "e:" + entity_id
    if country:
        return f"c:{country}|{sector or ''}"
    return "n:" + (name or "").casefold()


def merge_events(store: Store) -> list[EventGroup]:
    """Group every stored event mention into happenings; replace the group tables."""
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    first_row: dict[tuple[str, ...], tuple[object, ...]] = {}
    with store.snapshot() as conn:
        rows = conn.execute(_SELECT).fetchall()
    for row in rows:
        (eid, article_id, start, end, kind, _mode, src, src_c, src_s, src_e, tgt, tgt_c, tgt_s,
         tgt_e, date, neg, hyp, fut, story) = row  # fmt: skip
        flags = f"{int(neg)}{int(hyp)}{int(fut)}"
        actors = (_actor_key(src_e, src_c, src_s, src), _actor_key(tgt_e, tgt_c, tgt_s, tgt))
        scope = ("story", story) if story else ("date", date or "")
        key: tuple[str, ...] = (str(kind), *actors, flags, *(str(x) for x in scope))
        groups.setdefault(key, []).append((eid, article_id, str(start), str(end)))
        first_row.setdefault(key, row)
    out: list[EventGroup] = []
    mentions: list[tuple[str, str, str, int, int]] = []
    for group_key, members in groups.items():
        row = first_row[group_key]
        gid = "g" + hashlib.blake2b("\x1f".join(group_key).encode(), digest_size=8).hexdigest()
        out.append(
            EventGroup(
                id=gid,
                type=str(row[4]),
                mode=_opt(row[5]),
                source_actor=_opt(row[6]),
                source_country=_opt(row[7]),
                target_actor=_opt(row[10]),
                target_country=_opt(row[11]),
                date=_opt(row[14]),
                story_id=_opt(row[18]),
                first_event_id=members[0][0],
                num_mentions=len(members),
                num_articles=len({m[1] for m in members}),
            )
        )
        mentions.extend((m[0], gid, m[1], int(m[2]), int(m[3])) for m in members)
    with store.transaction() as conn:
        conn.execute("DELETE FROM event_mentions")
        conn.execute("DELETE FROM event_groups")
        conn.executemany(
            "INSERT INTO event_groups (id, type, mode, source_actor, source_country, "
            "target_actor, target_country, date, story_id, first_event_id, num_mentions, "
            "num_articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (g.id, g.type, g.mode, g.source_actor, g.source_country, g.target_actor,
                 g.target_country, g.date, g.story_id, g.first_event_id, g.num_mentions,
                 g.num_articles)
                for g in out
            ],
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO event_mentions (event_id, group_id, article_id, start, "end") '
            "VALUES (?, ?, ?, ?, ?)",
            mentions,
        )
    return out


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
