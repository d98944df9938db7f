"""The records and dependency-label sets of the event role rules (issue #5).

Split from :mod:`.event_roles`, whose :class:`~.event_roles.RoleFinder`
picks an event's source and target; this module holds what it and the
trigger and scene rules (:mod:`.events`, :mod:`.event_scene`) share:

- the dependency labels of subjects, passive subjects and objects, and the
  prepositions that introduce a target;
- the entity labels that are never actors, the actor codes that are bodies
  rather than countries, and the verbal event types;
- :class:`Trigger` (one event trigger with its type and flags) and
  :class:`Actor` (one side of an event);
- :class:`ParseHelpers`, the parse helpers (children, words, conjuncts,
  sentences, left edges) that :class:`~.event_roles.RoleFinder` inherits;
- :func:`tok_is_common`, whether a token is a common noun.

Every name here is re-exported by :mod:`.event_roles`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.extract.event_lexicon import REGION_CODES
from newsgraph.records import Token

__all__ = [
    "NON_COUNTRIES",
    "NOT_ACTORS",
    "OBJ",
    "PASS_SUBJ",
    "SUBJ",
    "TARGET_PREPS",
    "VERBAL",
    "Actor",
    "ParseHelpers",
    "Trigger",
    "tok_is_common",
]

SUBJ = frozenset({"nsubj", "csubj"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
OBJ = frozenset({"dobj", "dative", "attr", "oprd"})
TARGET_PREPS = frozenset({"against", "on", "with", "to", "at", "toward", "towards", "upon",
                           "into", "from", "between", "for", "over"})  # fmt: skip
# Actor codes that are bodies, not countries (never a sentence's home).
NON_COUNTRIES = frozenset({"UNO", "EUR", "IGO", "NGO", "MNC", "IMG", "NATO",
                           *REGION_CODES.values()})  # fmt: skip
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                         "QUANTITY"})  # fmt: skip
# Verbal types keep their own type in the future ("will ask"); the rest
# are statements of intent.
VERBAL = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE"})


@dataclass(slots=True)
class Trigger:
    """One event trigger: a verb or event noun with its type and flags."""

    i: int  # the governing token (verb or event noun)
    kind: str
    mode: str | None
    words: list[int]  # token indices of the trigger words
    pattern: str
    confidence: float
    noun: int | None = None  # the event noun, when the trigger is nominal
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    extra_targets: list[int] = field(default_factory=list)
    source_override: list[int] | None = None
    target_override: list[int] | None = None
    needs_embedded: bool = False  # "willing to": an event only with what it governs
    absorbed: list[int] = field(default_factory=list)  # triggers folded into this one
    ultimatum: bool = False  # "… unless Y": a conditional statement of intent


@dataclass(frozen=True, slots=True)
class Actor:
    """One side of an event: a name with country, sector and entity."""

    name: str
    country: str | None
    sector: str | None
    entity_id: str | None
    head: int
    inferred: bool = False  # country from the sentence's home country


# Nouns for ground that can be fought over ("clashed over the town of X").
_PLACE_NOUNS = frozenset(
    {
        "town", "city", "village", "region", "province", "territory", "island", "area",
        "border", "field", "land", "hill", "road", "bridge", "district", "zone", "port",
        "base", "checkpoint",
    }
)  # fmt: skip


class ParseHelpers:
    """Children, words, conjuncts and sentences of an article's dependency parse.

    The base of :class:`~.event_roles.RoleFinder`, whose ``__init__`` sets
    ``tokens``, ``kids`` (each token's dependents) and ``_by_sent`` (None
    until first asked).
    """

    tokens: tuple[Token, ...]
    kids: list[list[int]]
    _by_sent: dict[int, list[Token]] | None

    def child(self, i: int, deps: frozenset[str] | set[str]) -> list[int]:
        return [k for k in self.kids[i] if self.tokens[k].dep in deps]

    def low(self, i: int) -> str:
        return self.tokens[i].text.lower()

    def lemma(self, i: int) -> str:
        return self.tokens[i].lemma.lower()

    def sentence_tokens(self, sent: int) -> list[Token]:
        """Return the tokens of sentence ``sent`` (grouped once per article)."""
        if self._by_sent is None:
            self._by_sent = {}
            for tok in self.tokens:
                self._by_sent.setdefault(tok.sent, []).append(tok)
        return self._by_sent.get(sent, [])

    def conjuncts(self, i: int) -> list[int]:
        out = [i]
        for k in self.kids[i]:
            if self.tokens[k].dep == "conj" and self.tokens[k].pos in {"NOUN", "PROPN", "PRON"}:
                out.extend(self.conjuncts(k))
        return out

    def dispute(self, i: int) -> bool:
        """Return True for "X and Y clash over the budget": a quarrel about a topic.

        A clash "with" someone, or over a place ("over the town of X"), is a fight.
        """
        preps = self.child(i, {"prep", "prt"})
        if any(self.low(k) == "with" for k in preps):
            return False
        over = [k for k in preps if self.low(k) in {"over", "about"}]
        topics = [o for k in over for o in self.child(k, {"pobj"})]
        if any(self.tokens[k].dep == "prt" for k in over):
            topics += self.child(i, {"dobj"})  # a headline's "clash over quotas"
        return bool(topics) and not any(
            self.tokens[t].ent_type in {"GPE", "LOC", "FAC"} or self.lemma(t) in _PLACE_NOUNS
            for t in topics
        )

    def _scene_word(self, i: int) -> bool:
        """Return True for a place name or a word for ground ("Lake X", "the border")."""
        return self.tokens[i].ent_type in {"LOC", "FAC"} or self.lemma(i) in _PLACE_NOUNS

    def region(self, head: int) -> str | None:
        """Return the region code a phrase's demonym names ("European diplomats": EUR)."""
        for k in range(self._left_edge(head), head + 1):
            if self.tokens[k].dep != "det" and (code := REGION_CODES.get(self.low(k))):
                return code
        return None

    def _phrase(self, head: int) -> str:
        """Return the actor phrase: the head with its modifiers and an "of" phrase."""
        keep = {head}
        # "shot dead two fishermen": an adjective before the number is no modifier.
        first_num = min((k for k in self.kids[head] if self.tokens[k].dep == "nummod"), default=-1)
        for k in self.kids[head]:
            dep = self.tokens[k].dep
            if dep == "amod" and k < first_num:
                continue
            if dep in {"compound", "amod", "nmod", "poss", "nummod"} and k < head:
                keep.update(range(self._left_edge(k), head))
            elif (
                dep == "prep"
                and self.low(k) in {"of", "in", "from"}
                and (self.low(k) == "of" or tok_is_common(self.tokens[head]))
            ):
                for p in self.child(k, {"pobj"}):
                    # Only with its object: in "accused the fleet of entering
                    # …" the "of" governs a clause, not part of the name.
                    keep.update(range(k, p + 1))
                    keep.update(x for x in self.kids[p] if x < p)
        lo, hi = min(keep), max(keep)
        words = [t for t in self.tokens[lo : hi + 1] if t.dep != "det" or t.i != lo]
        return "".join(t.text + (" " if t.ws else "") for t in words).strip()

    def _left_edge(self, i: int) -> int:
        edge = i
        for k in self.kids[i]:
            if k < i:
                edge = min(edge, self._left_edge(k))
        return edge


def tok_is_common(tok: Token) -> bool:
    """Say whether a token is a common noun ("rebels in X" takes its place; names do not)."""
    return tok.pos == "NOUN"
