"""Parse queries of the in-article resolver (:mod:`newsgraph.extract.coref`).

Split from :mod:`.coref`, which holds the salience pass and the public
:class:`~.coref.Resolver` (its records, pronoun classes, genders and
fallback grouping are in :mod:`.coref_rules`). :class:`MentionParse`, the
base of the resolver, reads the parse around the article's mentions:

* the tokens of a character span (:meth:`~MentionParse.token_span`) and the
  subtree of a token;
* the words that introduce a name: titles before it ("Foreign Minister
  Ana …"), appositives ("Ana …, director of …") and the organisation noun
  a name sits in ("the Vanguard of Lorvania party");
* whether a noun is definite ("the", "this", a possessor) and which
  entities are named inside it ("Chile's" party);
* whether a head closes a capitalised name the tagger missed, and whether
  a mention spans the whole proper name it sits in.
"""

from __future__ import annotations

from bisect import bisect_right

from newsgraph.extract.quote_words import ORG_NOUNS
from newsgraph.records import Entity, Mention, Token

__all__ = ["MentionParse"]

_DEFINITE = frozenset({"the", "this", "that"})


class MentionParse:
    """Queries over an article's parse and its linked mentions.

    The base of :class:`~.coref.Resolver`, whose ``__init__`` sets every
    attribute declared here.
    """

    tokens: tuple[Token, ...]
    entities: dict[str, Entity]
    _starts: list[int]
    # Dependents of each token, in order (the parse is within a sentence).
    _kids: list[list[int]]
    _mention_of_token: dict[int, Mention]
    _entity_of_mention: dict[str, str]

    def _token_range(self, start: int, end: int) -> range:
        """Return the indices of the tokens inside character span ``[start, end)``."""
        lo = bisect_right(self._starts, start) - 1
        lo = max(lo, 0)
        while lo < len(self.tokens) and self.tokens[lo].end <= start:
            lo += 1
        hi = lo
        while hi < len(self.tokens) and self.tokens[hi].start < end:
            hi += 1
        return range(lo, hi)

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the token span covering character span ``[start, end)``."""
        r = self._token_range(start, end)
        return (r.start, r.stop) if len(r) else (r.start, r.start)

    def _intro_words(self, head: int) -> set[str]:
        """Return lowercased title and appositive words introducing the name at ``head``."""
        toks = self.tokens
        words: set[str] = set()
        mention = self._mention_of_token.get(head)
        for child in self._kids[head]:
            tok = toks[child]
            inside = mention is not None and mention.start <= tok.start < mention.end
            if tok.dep in {"compound", "amod", "nmod"} and not inside:
                for j in self._subtree(child):
                    if toks[j].pos in {"NOUN", "PROPN", "ADJ"}:
                        words.add(toks[j].text.lower())
            elif tok.dep == "appos" and tok.pos == "NOUN":
                words.update(self._np_words(child))
        if toks[head].dep == "appos" and toks[toks[head].head].pos == "NOUN":
            words.update(self._np_words(toks[head].head))
        outer = toks[toks[head].head]
        if (
            toks[head].dep in {"compound", "nmod"}
            and outer.i > head
            and outer.lemma.lower() in ORG_NOUNS
            and (mention is None or mention.type != "PERSON")
        ):
            words.add(outer.lemma.lower())  # "the Vanguard of Lorvania party"
        return words

    def _np_words(self, head: int) -> set[str]:
        toks = self.tokens
        words = {toks[head].lemma.lower()}
        for child in self._kids[head]:
            if toks[child].dep in {"compound", "amod", "nmod", "poss"}:
                words.update(
                    toks[j].text.lower()
                    for j in self._subtree(child)
                    if toks[j].pos in {"NOUN", "PROPN", "ADJ"}
                )
        return words

    def _subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self._kids[j])
        return sorted(out)

    def _definite(self, i: int) -> bool:
        """Return whether noun ``i`` has a definite determiner or a possessor."""
        toks = self.tokens
        return any(
            toks[c].dep == "poss" or (toks[c].dep == "det" and toks[c].text.lower() in _DEFINITE)
            for c in self._kids[i]
        )

    def _named_inside(self, i: int) -> set[str]:
        """Return the entities named among the dependents of ``i`` ("Chile's" party)."""
        return {
            self._entity_of_mention[self._mention_of_token[j].id]
            for c in self._kids[i]
            for j in self._subtree(c)
            if j in self._mention_of_token
        }

    def _untagged_name(self, head: int) -> bool:
        """Return whether ``head`` closes a capitalised name the tagger missed.

        "Lorvania's Coastal Defence Service" is an organisation of its
        own, not "the service" last mentioned.
        """
        toks = self.tokens
        if toks[head].pos != "PROPN" or not toks[head].text[:1].isupper():
            return False
        return any(
            toks[c].dep == "compound" and toks[c].pos == "PROPN" and c not in self._mention_of_token
            for c in self._kids[head]
        )

    def _covers_name(self, mention: Mention, start: int, end: int) -> bool:
        """Return whether ``mention`` spans the proper name it sits in.

        "Lopez" labelled a place inside "Maria Lopez" is a misfire of the
        tagger, not a place speaking.
        """
        ent = self.entities[self._entity_of_mention[mention.id]]
        if ent.type == "PERSON":
            return True
        toks = self.tokens
        inside = self._token_range(mention.start, mention.end)
        lo, hi = inside.start, inside.stop
        while lo > start and toks[lo - 1].pos == "PROPN":
            lo -= 1
        while hi < end and toks[hi].pos == "PROPN":
            hi += 1
        return (lo, hi) == (inside.start, inside.stop)
