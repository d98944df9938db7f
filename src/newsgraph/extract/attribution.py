"""Find attribution cues in a parsed article: who says, what, to whom.

A cue is a reporting verb ("said", "warned", "told"), a participle
("noting that …"), a noun ("X's statement that …") or the phrase
"according to X". For each cue this module finds, from the dependency
parse alone, the speaker's noun phrase, the content clause and an
addressee ("told the minister"), as token spans. Quotation marks are not looked at
here; :mod:`newsgraph.extract.quotes` combines cues with quoted passages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.extract.quote_words import (
    ADDRESSEE_VERBS,
    CUE_NOUNS,
    NAMING_VERBS,
    OBJECT_VERBS,
    OTHER_VERBS,
    PREP_OBJECT_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    XCOMP_VERBS,
)
from newsgraph.records import Token

CUE_VERBS = SPEECH_VERBS | OTHER_VERBS | STANCE_VERBS
# Verbs that only take part as cues with their preposition ("referred to").
_PREP_VERBS = frozenset(pair.split(":")[0] for pair in PREP_OBJECT_VERBS)

__all__ = [
    "CUE_NOUNS",
    "CUE_VERBS",
    "QUOTE_ONLY_VERBS",
    "SPEECH_VERBS",
    "Cue",
    "colon_cue",
    "find_cues",
    "object_cues",
]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NP_LEFT_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "predet", "case"}
)
_RELATIVE = frozenset({"who", "that", "which", "whom"})


@dataclass(frozen=True, slots=True)
class Cue:
    """An attribution cue with its speaker, content and addressee token spans.

    Spans are ``(start, end)`` token indices, end-exclusive; ``speaker`` and
    ``content`` may be missing (a direct quotation supplies the content).
    ``speech`` is false for verbs of thinking or showing.
    """

    start: int
    end: int
    lemma: str
    speaker: tuple[int, int] | None
    content: tuple[int, int] | None
    addressee: tuple[int, int] | None
    sent: int
    speech: bool


class _Tree:
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
        return next((c for c in self.children[i] if self.tokens[c].dep in deps), None)

    def noun_phrase(self, head: int) -> tuple[int, int]:
        """Return the compact noun phrase at ``head``: its left modifiers and itself."""
        lo = head
        for child in self.children[head]:
            if child < head and self.tokens[child].dep in _NP_LEFT_DEPS:
                lo = min(lo, self.span(child)[0])
        # "Institute of Marine Research Bergen"-style flat names continue right.
        hi = head + 1
        for child in self.children[head]:
            if child > head and self.tokens[child].dep in {"flat", "compound"}:
                hi = max(hi, self.span(child)[1])
        return lo, hi


def _trim(tokens: Sequence[Token], lo: int, hi: int) -> tuple[int, int] | None:
    """Drop punctuation at both ends of a token span; None if nothing is left."""
    while lo < hi and tokens[lo].pos == "PUNCT" and tokens[lo].text not in {"“", '"'}:
        lo += 1
    while hi > lo and tokens[hi - 1].pos == "PUNCT" and tokens[hi - 1].text not in {"”", '"'}:
        hi -= 1
    return (lo, hi) if hi > lo else None


def _speaker(tree: _Tree, verb: int) -> tuple[int, int] | None:
    """Return the speaker noun phrase of a cue verb, walking up for participles."""
    toks = tree.tokens
    seen = 0
    v = verb
    while seen < 6:
        seen += 1
        subj = tree.child(v, "nsubj", "nsubjpass")
        if subj is not None:
            tok = toks[subj]
            if tok.dep == "nsubjpass" and v == verb:
                # "it was announced by X"; but "X was quoted as saying": X.
                agent = tree.child(v, "agent")
                pobj = tree.child(agent, "pobj") if agent is not None else None
                if pobj is not None:
                    return tree.noun_phrase(pobj)
                if tok.text.lower() == "it":
                    return None
            if tok.text.lower() in _RELATIVE and toks[v].dep == "relcl":
                return tree.noun_phrase(toks[v].head)
            if tok.pos in {"NOUN", "PROPN", "PRON"}:
                return tree.noun_phrase(subj)
            return None
        dep = toks[v].dep
        head = toks[v].head
        if head == v:
            return None
        if (
            dep in {"conj", "xcomp"}
            or (dep in {"advcl", "pcomp", "prep"} and v != verb)
            or (dep in {"advcl", "xcomp", "pcomp"} and toks[v].tag == "VBG")
        ):
            participle = v == verb and dep == "advcl" and toks[v].tag == "VBG"
            v = head
            if (
                participle
                and toks[v].dep == "ccomp"
                and toks[toks[v].head].lemma.lower() in SPEECH_VERBS
            ):
                # "X said that Y had failed, adding that …": the parser hangs
                # the participle on the reported clause, but X speaks it.
                v = toks[v].head
        elif dep == "acl" and toks[v].tag == "VBG" and toks[head].pos in {"NOUN", "PROPN"}:
            return tree.noun_phrase(head)  # "officials warning that …"
        elif toks[v].pos == "ADP" or dep == "prep":
            v = head
        else:
            return None
    return None


def _content(tree: _Tree, verb: int, lemma: str) -> tuple[int, int] | None:
    """Return the content clause of a cue verb: its complement or fronted clause."""
    toks = tree.tokens
    comps = [c for c in tree.children[verb] if toks[c].dep == "ccomp"]
    comp = next((c for c in comps if c > verb), None)
    if comp is None and comps and _fronted(tree, verb, comps[-1]):
        comp = comps[-1]
    if comp is None and lemma in XCOMP_VERBS:
        comp = tree.child(verb, "xcomp")
    if comp is None and lemma in OBJECT_VERBS:
        obj = tree.child(verb, "dobj")
        if obj is not None:
            clause = _that_clause(tree, obj)
            return _trim(toks, *tree.span(clause if clause is not None else obj))
    if comp is None and lemma in NAMING_VERBS:
        after = [
            c for c in tree.children[verb] if c > verb and toks[c].dep in {"dobj", "oprd", "prep"}
        ]
        if after:
            lo = min(tree.span(c)[0] for c in after)
            hi = max(tree.span(c)[1] for c in after)
            return _trim(toks, lo, hi)
    if comp is not None:
        lo, hi = tree.span(comp)
        return _trim(toks, lo, hi)
    # "says in a statement that …": the clause hangs on the noun.
    for prep in tree.children[verb]:
        if toks[prep].dep == "prep" and toks[prep].text.lower() in {"in", "on", "via"}:
            pobj = tree.child(prep, "pobj")
            if pobj is not None and toks[pobj].lemma.lower() in CUE_NOUNS:
                clause = _that_clause(tree, pobj)
                if clause is not None:
                    return _trim(toks, *tree.span(clause))
    # A complement the parser hung elsewhere: "X telling reporters he viewed
    # …" (the clause right after the cue's phrase, with its own subject).
    if lemma in SPEECH_VERBS:
        nxt = tree.span(verb)[1]
        sent = toks[verb].sent
        j = nxt
        while j < len(toks) and toks[j].sent == sent and j < nxt + 12:
            tok = toks[j]
            if (
                tok.pos in {"VERB", "AUX"}
                and tree.span(j)[0] == nxt
                and tok.dep in {"ccomp", "conj", "parataxis", "advcl"}
                and tree.child(j, "nsubj", "nsubjpass") is not None
            ):
                return _trim(toks, nxt, tree.span(j)[1])
            j += 1
    # Fronted content: "Talks are stalled, X has said" parses "said" as a
    # dependent of the fronted clause's verb.
    head = toks[verb].head
    if (
        head != verb
        and head < verb
        and toks[verb].dep in {"parataxis", "ccomp", "advcl", "conj"}
        and tree.child(verb, "dobj", "ccomp", "xcomp") is None
        and _after_comma(tree, verb)
    ):
        lo, hi = tree.span(head)
        vlo, vhi = tree.span(verb)
        if (hi - vhi > 2 and toks[vhi - 1].text == ",") or (vhi < hi and toks[vhi].text == ","):
            # "The move, X explained, was the result of …": the cue interrupts
            # the content, which runs on after it.
            return _trim(toks, lo, hi)
        return _trim(toks, lo, vlo)
    return None


def _object_content(tree: _Tree, verb: int, lemma: str) -> tuple[int, int] | None:
    """Return the noun-phrase content of a speech or stance verb with no clause.

    "X slammed [the accusations as baseless]", "Y announced [her candidacy]",
    "Z referred to [the deal]": the direct object with what completes it
    (``as …``, ``of …``, ``for …``), or the object of the verb's own
    preposition. The object of "told"/"asked" is the addressee, not content.
    """
    toks = tree.tokens
    if tree.child(verb, "nsubjpass", "auxpass") is not None:
        return None  # "X was criticised by Y": the subject is the content
    for prep in tree.children[verb]:
        if (
            toks[prep].dep == "prep"
            and prep > verb
            and f"{lemma}:{toks[prep].text.lower()}" in PREP_OBJECT_VERBS
        ):
            pobj = tree.child(prep, "pobj", "pcomp")
            if pobj is not None:
                return _trim(toks, *tree.span(pobj))
    if lemma not in SPEECH_VERBS and lemma not in STANCE_VERBS:
        return None
    if lemma in ADDRESSEE_VERBS:
        return None
    obj = tree.child(verb, "dobj")
    if obj is None or obj < verb or toks[obj].pos not in {"NOUN", "PROPN", "PRON", "NUM"}:
        return None
    if toks[obj].pos == "PRON" and toks[obj].text.lower() in {"it", "this", "that", "them"}:
        # "X denied it": the content is elsewhere (often a quotation next to it)
        return None
    lo, hi = tree.span(obj)
    for child in tree.children[verb]:
        if child > obj and (
            toks[child].dep == "oprd"
            or (toks[child].dep == "prep" and toks[child].text.lower() in {"as", "of", "for"})
            or (toks[child].dep == "advcl" and toks[tree.span(child)[0]].text.lower() == "as")
        ):
            hi = max(hi, tree.span(child)[1])
    return _trim(toks, lo, hi)


def _after_comma(tree: _Tree, verb: int) -> bool:
    """Return whether the clause of ``verb`` follows a comma or a closing quotation mark."""
    toks = tree.tokens
    lo, _ = tree.span(verb)
    if toks[lo].text in {",", "”", '"', "—", "–", "-"}:
        return True
    return lo > 0 and toks[lo - 1].text in {",", "”", '"', "—", "–", "-"}


def _fronted(tree: _Tree, verb: int, comp: int) -> bool:
    """Return whether the complement ``comp`` before ``verb`` is fronted content.

    "The talks failed, X said": a comma or closing mark stands between the
    complement and the cue's own words.
    """
    toks = tree.tokens
    _, hi = tree.span(comp)
    return hi < len(toks) and hi <= verb and toks[hi].text in {",", "”", '"', "—", "–", "-", ":"}


def _that_clause(tree: _Tree, noun: int) -> int | None:
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


def _addressee(tree: _Tree, verb: int, lemma: str) -> tuple[int, int] | None:
    toks = tree.tokens
    if lemma in ADDRESSEE_VERBS:
        obj = tree.child(verb, "dative", "dobj")
        if obj is not None and toks[obj].pos in {"PROPN", "NOUN", "PRON"}:
            return tree.noun_phrase(obj)
    for prep in tree.children[verb]:
        if toks[prep].dep in {"prep", "dative"} and toks[prep].text.lower() == "to":
            pobj = tree.child(prep, "pobj")
            if pobj is not None and toks[pobj].pos in {"PROPN", "NOUN", "PRON"}:
                return tree.noun_phrase(pobj)
    return None


def _according(tree: _Tree, i: int) -> Cue | None:
    """Return the cue for "according to X" at token ``i``."""
    toks = tree.tokens
    to = tree.child(i, "prep")
    if to is None or toks[to].text.lower() != "to":
        return None
    pobj = tree.child(to, "pobj")
    if pobj is None:
        return None
    speaker = tree.noun_phrase(pobj)
    sent = toks[i].sent
    lo = i
    while lo > 0 and toks[lo - 1].sent == sent:
        lo -= 1
    hi = i
    while hi < len(toks) and toks[hi].sent == sent:
        hi += 1
    plo, phi = tree.span(i)
    # The content is the sentence without the "according to X" phrase.
    if plo - lo <= 1:
        content = _trim(toks, phi, hi)
    elif hi - phi <= 1:
        content = _trim(toks, lo, plo)
    else:
        content = _trim(toks, lo, hi)
    return Cue(i, to + 1, "according to", speaker, content, None, sent, True)


def _noun_cue(tree: _Tree, i: int) -> Cue | None:
    """Return the cue for "X's statement that …" at noun ``i``."""
    toks = tree.tokens
    poss = tree.child(i, "poss")
    speaker = tree.noun_phrase(poss) if poss is not None else None
    if speaker is None:
        for prep in tree.children[i]:
            if toks[prep].dep == "prep" and toks[prep].text.lower() in {"by", "from"}:
                pobj = tree.child(prep, "pobj")
                if pobj is not None:
                    speaker = tree.noun_phrase(pobj)
    clause = _that_clause(tree, i)
    if speaker is None or clause is None or toks[speaker[0]].text.lower() in {"its"}:
        return None
    content = _trim(toks, *tree.span(clause))
    return Cue(i, i + 1, toks[i].lemma.lower(), speaker, content, None, toks[i].sent, True)


def find_cues(tokens: Sequence[Token]) -> list[Cue]:
    """Return every attribution cue in ``tokens``, in order."""
    tree = _Tree(tokens)
    cues: list[Cue] = []
    for tok in tokens:
        low = tok.text.lower()
        lemma = tok.lemma.lower()
        if low == "according" and tok.i + 1 < len(tokens):
            cue = _according(tree, tok.i)
            if cue is not None:
                cues.append(cue)
            continue
        if tok.pos == "VERB" and (
            lemma in CUE_VERBS or lemma in QUOTE_ONLY_VERBS or lemma in _PREP_VERBS
        ):
            if tok.dep == "amod" or (tok.tag == "VBN" and tok.dep in {"acl", "amod"}):
                continue  # "the said document", "a claimed link"
            speaker = _speaker(tree, tok.i)
            content = _content(tree, tok.i, lemma) if lemma in CUE_VERBS else None
            if content is None and speaker is not None and lemma not in QUOTE_ONLY_VERBS:
                content = _object_content(tree, tok.i, lemma)
            if content is None and lemma not in CUE_VERBS:
                continue  # "talked", "referred" without their preposition
            end = tok.i + 1
            prt = tree.child(tok.i, "prt")
            if prt is not None and prt == tok.i + 1:
                end = prt + 1  # "pointed out"
            cues.append(
                Cue(
                    tok.i,
                    end,
                    lemma,
                    speaker,
                    content,
                    _addressee(tree, tok.i, lemma),
                    tok.sent,
                    lemma not in OTHER_VERBS or lemma in SPEECH_VERBS,
                )
            )
        elif tok.pos == "NOUN" and lemma in CUE_NOUNS:
            cue = _noun_cue(tree, tok.i)
            if cue is not None:
                cues.append(cue)
    return cues


def colon_cue(tokens: Sequence[Token], colon: int) -> Cue | None:
    """Return a cue for "Name: “…”", where a proper name stands before the colon."""
    if colon < 1 or tokens[colon].text != ":":
        return None
    end = colon
    start = end
    while (
        start > 0
        and tokens[start - 1].pos == "PROPN"
        and tokens[start - 1].sent == tokens[colon].sent
    ):
        start -= 1
    if start == end or end - start > 5:
        return None
    return Cue(colon, colon + 1, ":", (start, end), None, None, tokens[colon].sent, True)


# Dependents of a verb that carry what its subject said or did with words.
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "oprd", "prep", "dative", "attr"})


def object_cues(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[Cue | None]:
    """Return, per quoted token span, the verb whose object holds it, as a cue.

    "X denounced what she called a “dangerous idea”", "Y urged voters to
    “think twice”": a quotation inside the object of a verb whose subject
    is a noun phrase is that subject's words, whatever the verb. The
    content is the verb's dependent that holds the quotation.
    """
    tree = _Tree(tokens)
    out: list[Cue | None] = []
    for lo, hi in spans:
        cue = None
        node = lo
        seen = 0
        while seen < 12 and tokens[node].head != node:
            seen += 1
            head = tokens[node].head
            if lo <= head < hi or tokens[head].pos not in {"VERB", "AUX"}:
                node = head  # still inside the quotation or its noun phrase
                continue
            if tokens[node].dep in _OBJECT_DEPS:
                speaker = _speaker(tree, head)
                if speaker is not None and not (speaker[0] <= lo < speaker[1]):
                    clo, chi = tree.span(node)
                    content = _trim(tokens, min(clo, lo), max(chi, hi))
                    lemma = tokens[head].lemma.lower()
                    speech = lemma in SPEECH_VERBS or lemma in STANCE_VERBS
                    cue = Cue(
                        head, head + 1, lemma, speaker, content, None, tokens[head].sent, speech
                    )
            break
        out.append(cue)
    return out
