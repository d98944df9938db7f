"""Parse helpers for attribution cues, and repairs for parses that go wrong.

:class:`Tree` gives children, subtrees and compact noun phrases over a
token sequence. The repairs read a cue's speaker or content where the
small model's parse misleads :mod:`newsgraph.extract.attribution`: a name
the parser attached elsewhere ("…, X told journalists", "“…,” said X"), a
thing in a reported clause passing a coordinated cue on to the reporter,
a cue set off by commas before the verb it hangs on, two subjects on one
verb.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsgraph.extract.quote_words import (
    HUMAN_NOUNS,
    ISSUED_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    SPEECH_VERBS,
)
from newsgraph.records import Token

__all__ = [
    "NP_LEFT_DEPS",
    "RELATIVE_PRONOUNS",
    "Tree",
    "after_comma",
    "closest_subject",
    "fronted",
    "interrupting",
    "inverted_name",
    "left_name",
    "relative_head",
    "reported_thing",
    "subjectless_name",
    "that_clause",
    "trim",
]

NP_LEFT_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "predet", "case"}
)


class Tree:
    """Children and subtrees over a token sequence, computed once."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.children: list[list[int]] = [[] for _ in tokens]
        for tok in tokens:
            if tok.head != tok.i and 0 <= tok.head < len(tokens):
                self.children[tok.head].append(tok.i)
        self._span: dict[int, tuple[int, int]] = {}

    def span(self, i: int) -> tuple[int, int]:
        """Return the (start, end) of token ``i``'s subtree."""
        cached = self._span.get(i)
        if cached is not None:
            return cached
        lo, hi = i, i + 1
        for child in self.children[i]:
            clo, chi = self.span(child)
            lo, hi = min(lo, clo), max(hi, chi)
        self._span[i] = (lo, hi)
        return lo, hi

    def child(self, i: int, *deps: str) -> int | None:
        """Return the first child of token ``i`` with one of ``deps``, if any."""
        return next((c for c in self.children[i] if self.tokens[c].dep in deps), None)

    def noun_phrase(self, head: int) -> tuple[int, int]:
        """Return the compact noun phrase at ``head``: its left modifiers and itself."""
        lo = head
        for child in self.children[head]:
            if child < head and self.tokens[child].dep in NP_LEFT_DEPS:
                lo = min(lo, self.span(child)[0])
        # "Institute of Marine Research Bergen"-style flat names continue right.
        hi = head + 1
        for child in self.children[head]:
            if child > head and self.tokens[child].dep in {"flat", "compound"}:
                hi = max(hi, self.span(child)[1])
        return lo, hi


def trim(tokens: Sequence[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """Drop punctuation at both ends of a token span; None if nothing is left."""
    while lo < hi and tokens[lo].pos == "PUNCT" and tokens[lo].text not in {"“", '"'}:
        lo += 1
    while hi > lo and tokens[hi - 1].pos == "PUNCT" and tokens[hi - 1].text not in {"”", '"'}:
        hi -= 1
    return (lo, hi) if hi > lo else None


def reported_thing(tree: Tree, v: int, subj: int) -> int | None:
    """Return the reporting verb of clause ``v`` when its subject is a thing, not an actor.

    The reporting verb governs the clause ("X said [prices rose]") or hangs
    on it after a comma ("[Prices rose], X said").
    """
    toks = tree.tokens
    tok = toks[subj]
    reporter: int | None = None
    if toks[v].dep == "ccomp" and toks[toks[v].head].lemma.lower() in SPEECH_VERBS:
        reporter = toks[v].head
    else:
        reporter = next(
            (
                c
                for c in tree.children[v]
                if c > v
                and toks[c].dep in {"ccomp", "parataxis"}
                and toks[c].lemma.lower() in SPEECH_VERBS
                and tree.child(c, "nsubj") is not None
            ),
            None,
        )
    low = tok.lemma.lower()
    thing = (
        tok.pos == "NOUN"
        and not tok.ent_type
        and low not in PERSON_NOUNS
        and low not in ORG_NOUNS
        and low not in HUMAN_NOUNS
        and low not in ISSUED_NOUNS
    )
    return reporter if thing else None


def subjectless_name(tree: Tree, verb: int) -> tuple[int, int] | None:
    """Return the name right before a verb that has no subject of its own ("…, X told")."""
    toks = tree.tokens
    if (
        verb < 1
        or toks[verb].tag not in {"VBD", "VBZ", "VBP"}  # a participle's subject is elsewhere
        or tree.child(verb, "nsubj", "nsubjpass") is not None
    ):
        return None
    before = toks[verb - 1]
    if before.ent_type in {"DATE", "TIME"} or (
        before.pos != "PROPN" and before.lemma.lower() not in PERSON_NOUNS
    ):
        return None
    return left_name(tree, verb)


def inverted_name(tree: Tree, verb: int) -> tuple[int, int] | None:
    """Return the name after an inverted cue the parser gave no subject ("“…,” said X, …")."""
    toks = tree.tokens
    if (
        verb < 1
        or verb + 1 >= len(toks)
        or toks[verb - 1].text not in {",", "”", '"', "''"}
        or toks[verb].lemma.lower() not in SPEECH_VERBS
        or toks[verb].tag not in {"VBD", "VBZ", "VBP"}  # not ", telling CNN"
        or tree.child(verb, "nsubj", "nsubjpass") is not None
        or toks[verb + 1].pos != "PROPN"
        or toks[verb + 1].ent_type in {"DATE", "TIME"}
    ):
        return None
    k = verb + 1
    while toks[k].dep in {"compound", "flat"} and verb < toks[k].head <= verb + 6:
        k = toks[k].head
    return tree.noun_phrase(k) if toks[k].pos == "PROPN" else None


def left_name(tree: Tree, verb: int) -> tuple[int, int] | None:
    """Return the name right before a main verb the parser left without a subject.

    "At the convention Sen. Ana Vidal (D-XX) said …" and "…, Jo Ruiz, the
    club's president, suggested …" parse the name as an appositive of an
    earlier noun; the noun phrase ending right before the verb (skipping a
    bracketed aside and commas) is the speaker when it names someone.
    """
    toks = tree.tokens
    k = verb - 1
    sent = toks[verb].sent
    while k >= 0 and toks[k].sent == sent and (toks[k].pos in {"PUNCT", "ADV"}):
        if toks[k].text == ")":
            while k >= 0 and toks[k].sent == sent and toks[k].text != "(":
                k -= 1
        k -= 1
    if k < 0 or toks[k].sent != sent or toks[k].pos not in {"PROPN", "NOUN"}:
        return None
    while (
        toks[k].dep == "conj"
        and toks[k].head < k
        and any(toks[c].dep == "cc" and c < k for c in tree.children[toks[k].head])
    ):
        k = toks[k].head  # "the club's president and general manager", not "X, Y told"
    if toks[k].dep == "appos" and toks[toks[k].head].pos == "PROPN" and toks[k].head < k:
        k = toks[k].head  # "Jo Ruiz, the club's president"
    low = toks[k].lemma.lower()
    if toks[k].pos != "PROPN" and low not in PERSON_NOUNS and low not in ORG_NOUNS:
        return None
    if toks[k].dep not in {"appos", "pobj", "npadvmod", "conj", "compound", "dobj"}:
        return None
    return tree.noun_phrase(k)


def closest_subject(tree: Tree, v: int) -> int | None:
    """Return the subject of ``v`` nearest before it (a bad parse may give two)."""
    toks = tree.tokens
    subjects = [c for c in tree.children[v] if toks[c].dep in {"nsubj", "nsubjpass"}]
    before = [c for c in subjects if c < v]
    return max(before) if before else (subjects[0] if subjects else None)


def interrupting(tree: Tree, verb: int) -> bool:
    """Return whether the cue ``verb`` is set off by commas before the verb it hangs on."""
    toks = tree.tokens
    head = toks[verb].head
    if toks[verb].dep != "parataxis" or head <= verb:
        return False
    lo, hi = tree.span(verb)
    hlo, _ = tree.span(head)
    return (
        lo > hlo
        and "," in {toks[lo].text, toks[lo - 1].text}
        and (toks[hi - 1].text == "," or (hi < len(toks) and toks[hi].text == ","))
    )


def after_comma(tree: Tree, verb: int) -> bool:
    """Return whether the clause of ``verb`` follows a comma or a closing quotation mark."""
    toks = tree.tokens
    lo, _ = tree.span(verb)
    if toks[lo].text in {",", "”", '"', "—", "–", "-"}:
        return True
    return lo > 0 and toks[lo - 1].text in {",", "”", '"', "—", "–", "-"}


def fronted(tree: Tree, verb: int, comp: int) -> bool:
    """Return whether the complement ``comp`` before ``verb`` is fronted content.

    "The talks failed, X said": a comma or closing mark stands between the
    complement and the cue's own words.
    """
    toks = tree.tokens
    _, hi = tree.span(comp)
    return hi < len(toks) and hi <= verb and toks[hi].text in {",", "”", '"', "—", "–", "-", ":"}


def that_clause(tree: Tree, noun: int) -> int | None:
    """Return the "that" clause hung on ``noun`` ("the claim that …"), if any."""
    toks = tree.tokens
    return next(
        (
            c
            for c in tree.children[noun]
            if toks[c].dep in {"acl", "ccomp", "appos"}
            and c > noun
            and any(toks[m].text.lower() == "that" for m in tree.children[c])
        ),
        None,
    )


# Relative pronouns that can stand for a noun before them.
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})


def relative_head(tokens: Sequence[Token], i: int) -> int | None:
    """Return the head of the noun a relative pronoun stands for ("rebels *who* …"), if any."""
    if tokens[i].text.lower() not in RELATIVE_PRONOUNS:
        return None
    verb = tokens[i].head
    if tokens[verb].dep != "relcl" or tokens[verb].head == verb:
        return None
    head = tokens[verb].head
    return head if head < i else None
