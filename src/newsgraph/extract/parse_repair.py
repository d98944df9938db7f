"""Repairs of two dependency-parse errors that cost events their actors (issue #5).

spaCy's small English parser makes a few attachment errors often enough to
lose an event's source or target. Each repair here re-heads tokens only where
the parse is malformed on its face, so a sound parse is never changed:

- **a preposition left without its object** whose following noun phrase the
  parser made the subject of a reduced relative clause: "granted asylum to
  four officers camped out in …" parses as *officers* subject of *camped*,
  leaving "to" empty. The noun becomes the preposition's object and the
  participle a modifier of the noun (``acl``), as in "officers (who were)
  camped out".
- **a verb without a subject after a fronted phrase** whose subject the
  parser folded into that phrase: "With the approval of a protocol, the
  government and the rebels have agreed …" parses *government* as a
  conjunct of *protocol*. A noun phrase set off by a comma and ending right
  before the verb group becomes the verb's subject.

No library offers parse post-correction for spaCy, and a bigger parser
cannot be downloaded here; these are the two errors that recur in our error
analysis of event coding (see ``docs/events.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsgraph.records import Token

__all__ = ["repair_parse"]

# Prepositions whose object an event's target or partner hangs on.
_PREPS = frozenset({"to", "with", "against", "from", "for", "on", "toward", "towards"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_NOUNS = frozenset({"NOUN", "PROPN", "PRON"})
# What may stand between a subject and its verb: "have", "has been", "also".
_VERB_GROUP = frozenset({"aux", "auxpass", "neg", "advmod"})


def repair_parse(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """Return the tokens with the two parse errors above repaired (a copy; input unchanged)."""
    out = list(tokens)
    kids: list[list[int]] = [[] for _ in out]
    for tok in out:
        if tok.head != tok.i:
            kids[tok.head].append(tok.i)
    for tok in tokens:
        if tok.dep == "prep" and tok.text.lower() in _PREPS:
            _dangling_preposition(out, kids, tok.i)
    for tok in tokens:
        if tok.pos in {"VERB", "AUX"} and tok.dep in {"ROOT", "conj", "ccomp"}:
            _lost_subject(out, kids, tok.i)
    return tuple(out)


def _left_edge(out: list[Token], kids: list[list[int]], i: int) -> int:
    low = i
    for k in kids[i]:
        low = min(low, _left_edge(out, kids, k))
    return low


def _rehead(out: list[Token], kids: list[list[int]], i: int, head: int, dep: str) -> None:
    old = out[i].head
    if old != i and i in kids[old]:
        kids[old].remove(i)
    kids[head].append(i)
    out[i] = replace(out[i], head=head, dep=dep)


def _dangling_preposition(out: list[Token], kids: list[list[int]], p: int) -> None:
    """Give an empty preposition the noun after it: "to [four officers] camped out"."""
    if any(out[k].dep in {"pobj", "pcomp"} for k in kids[p]):
        return
    nxt = p + 1
    if nxt >= len(out) or out[nxt].sent != out[p].sent:
        return
    # The noun whose phrase starts right after the preposition.
    noun = next(
        (k for k in range(nxt, min(len(out), nxt + 8))
         if out[k].dep in {"nsubj", "nsubjpass"} and out[k].pos in _NOUNS - {"PRON"}
         and _left_edge(out, kids, k) == nxt),
        None,
    )  # fmt: skip
    if noun is None:
        return
    clause = out[noun].head
    if clause <= noun or out[clause].tag not in {"VBN", "VBD", "VBG"}:
        return
    # The clause must hang on the preposition's own verb (or the preposition).
    if out[clause].head not in {out[p].head, p}:
        return
    if any(out[k].dep in {"aux", "auxpass"} for k in kids[clause]):
        return  # "to X has been …": a real clause, not a reduced relative
    _rehead(out, kids, noun, p, "pobj")
    _rehead(out, kids, clause, noun, "acl")


def _lost_subject(out: list[Token], kids: list[list[int]], v: int) -> None:
    """Give back a subject folded into a fronted phrase ("With …, the rebels have agreed")."""
    if any(out[k].dep in _SUBJECTS for k in kids[v]):
        return
    finite = out[v].tag in {"VBD", "VBZ", "VBP"} or any(
        out[k].dep in {"aux", "auxpass"} and out[k].tag != "TO" for k in kids[v]
    )
    if not finite:
        return  # "charges of bribery, extortion and colluding": a gerund, no clause
    # The verb group's first word: "have agreed", "has also been accused".
    first = v
    for k in sorted(kids[v]):
        if k < v and out[k].dep in _VERB_GROUP:
            first = min(first, k)
    if any(out[k].dep not in _VERB_GROUP for k in range(first, v) if out[k].head == v):
        return
    end = first - 1
    if end < 0 or out[end].sent != out[v].sent or out[end].pos == "PUNCT":
        return
    # The phrase between the last comma and the verb group, with one head.
    comma = next((k for k in range(end, max(-1, end - 12), -1) if out[k].text == ","), None)
    if comma is None or out[comma].sent != out[v].sent:
        return
    phrase = range(comma + 1, first)
    tops = [k for k in phrase if out[k].head not in phrase]
    if len(tops) != 1 or any(out[k].pos in {"VERB", "AUX"} for k in phrase):
        return
    noun = tops[0]
    if out[noun].pos not in _NOUNS - {"PRON"} or out[noun].dep not in {"conj", "appos"}:
        return
    if out[noun].head > comma:
        return
    _rehead(out, kids, noun, v, "nsubj")
