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

from newsgraph.extract.attribution_parse import (
    NP_LEFT_DEPS,
    RELATIVE_PRONOUNS,
    Tree,
    after_comma,
    closest_subject,
    fronted,
    interrupting,
    inverted_name,
    left_name,
    relative_head,
    reported_thing,
    subjectless_name,
    that_clause,
    trim,
)
from newsgraph.extract.quote_words import (
    ADDRESSEE_VERBS,
    CUE_NOUNS,
    ISSUED_NOUNS,
    NAMING_VERBS,
    OBJECT_VERBS,
    OTHER_VERBS,
    PREP_OBJECT_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_VERBS,
    STANCE_VERBS,
    XCOMP_VERBS,
)
from newsgraph.extract.tense import AHEAD_HEADS, FUTURE_AUX
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
    "find_cues",
    "object_cues",
    "relative_antecedent",
]

# Speech verbs whose noun-phrase object is mostly not what was said
# ("maintaining a blockade", "added 30 seats", "charged him", "pledged
# delegates", "denied bail", "demanded higher pay"): measured on PolNeAR
# train, 0.13-0.45 of these predictions matched a quotation (0.29 for
# "maintain", 0.13 for "add" objects), below what the other verbs reach.
_KEEP_VERBS = frozenset({"add", "charge", "demand", "deny", "maintain", "pledge"})
_SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM", "DET"})


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


def _speaker(tree: Tree, verb: int) -> tuple[int, int] | None:
    """Return the speaker noun phrase of a cue verb, walking up for participles."""
    toks = tree.tokens
    name = subjectless_name(tree, verb) or inverted_name(tree, verb)
    if name is not None:
        return name
    seen = 0
    v = verb
    while seen < 6:
        seen += 1
        subj = closest_subject(tree, v)
        reporter = reported_thing(tree, v, subj) if subj is not None and v != verb else None
        if reporter is not None:
            # "X said prices rise there and promised …": the parser joins
            # "promised" to the reported clause, whose subject cannot speak.
            return _speaker(tree, reporter)
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
            if tok.text.lower() in RELATIVE_PRONOUNS and toks[v].dep == "relcl":
                # "X, who said …": the relative pronoun is the mention the
                # attribution rests on (PolNeAR marks it); the resolver reads
                # it as its antecedent.
                return subj, subj + 1
            if tok.pos in _SUBJECT_POS:
                # Quantifiers and adjectives head subjects too: "Most believe
                # …", "Six in 10 say …", "said the 46-year-old".
                return tree.noun_phrase(subj)
            return None
        dep = toks[v].dep
        head = toks[v].head
        if v == verb and dep == "ROOT":
            return left_name(tree, verb)
        if head == v:
            return None
        if (
            dep in {"conj", "xcomp"}
            or (dep == "acomp" and v != verb)  # "voters are more likely to say"
            or (dep in {"advcl", "pcomp", "prep"} and v != verb)
            or (dep in {"advcl", "xcomp", "pcomp"} and toks[v].tag == "VBG")
        ):
            participle = v == verb and dep == "advcl" and toks[v].tag == "VBG"
            v = head
            holder = toks[v].head
            if (
                participle
                and toks[v].dep == "ccomp"
                and (toks[holder].lemma.lower() in SPEECH_VERBS or toks[holder].pos == "ADJ")
            ):
                # "X said that Y had failed, adding that …", "X is sceptical
                # that Y will win, citing …": the parser hangs the participle
                # on the reported clause, but X speaks it.
                v = holder
        elif dep == "acl" and toks[v].tag == "VBG" and toks[head].pos in {"NOUN", "PROPN"}:
            if toks[head].dep == "dobj" and toks[head].lemma.lower() in ISSUED_NOUNS:
                # "X issued a statement saying …": the issuer speaks.
                issuer = _speaker(tree, toks[head].head)
                if issuer is not None:
                    return issuer
            return tree.noun_phrase(head)  # "officials warning that …"
        elif toks[v].pos == "ADP" or dep == "prep":
            v = head
        else:
            return None
    return None


def _finite(tree: Tree, verb: int) -> bool:
    """Return True when ``verb`` is finite or has a finite auxiliary ("has become")."""
    toks = tree.tokens
    finite = {"VBZ", "VBD", "VBP", "MD"}
    return toks[verb].tag in finite or any(
        toks[c].dep in {"aux", "auxpass"} and toks[c].tag in finite for c in tree.children[verb]
    )


def _content(tree: Tree, verb: int, lemma: str) -> tuple[int, int] | None:
    """Return the content clause of a cue verb: its complement or fronted clause."""
    toks = tree.tokens
    comps = [c for c in tree.children[verb] if toks[c].dep == "ccomp"]
    comp = next((c for c in comps if c > verb), None)
    if comp is None and comps and fronted(tree, verb, comps[-1]):
        comp = comps[-1]
    if comp is None and lemma in XCOMP_VERBS:
        comp = tree.child(verb, "xcomp")
    if comp is None and lemma in OBJECT_VERBS:
        obj = tree.child(verb, "dobj")
        if obj is not None:
            clause = that_clause(tree, obj)
            return trim(toks, *tree.span(clause if clause is not None else obj))
    if comp is None and lemma in NAMING_VERBS:
        # "called on X to resign": the infinitive belongs to the content.
        after = [
            c
            for c in tree.children[verb]
            if c > verb
            and (
                toks[c].dep in {"dobj", "oprd", "prep", "xcomp"}
                or (toks[c].dep == "advcl" and toks[tree.span(c)[0]].text.lower() == "to")
            )
        ]
        if after:
            lo = min(tree.span(c)[0] for c in after)
            hi = max(tree.span(c)[1] for c in after)
            return trim(toks, lo, hi)
    if comp is not None:
        lo, hi = tree.span(comp)
        return trim(toks, lo, hi)
    # "says in a statement that …": the clause hangs on the noun.
    for prep in tree.children[verb]:
        if toks[prep].dep == "prep" and toks[prep].text.lower() in {"in", "on", "via"}:
            pobj = tree.child(prep, "pobj")
            if pobj is not None and toks[pobj].lemma.lower() in CUE_NOUNS:
                clause = that_clause(tree, pobj)
                if clause is not None:
                    return trim(toks, *tree.span(clause))
    # "X said at the hearing that …" parsed as a relative clause of "hearing": a
    # "that" clause with its own subject on the object of the cue's preposition.
    for prep in tree.children[verb] if lemma in SPEECH_VERBS else []:
        pobj = tree.child(prep, "pobj") if toks[prep].dep == "prep" and prep > verb else None
        clause = tree.child(pobj, "relcl") if pobj is not None else None
        if clause is not None:
            first = tree.span(clause)[0]
            subj = tree.child(clause, "nsubj", "nsubjpass")
            if toks[first].text.lower() == "that" and subj is not None and subj != first:
                return trim(toks, *tree.span(clause))
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
            ):
                if tree.child(j, "nsubj", "nsubjpass") is not None:
                    return trim(toks, nxt, tree.span(j)[1])
                # "X warning the alliance has become …": the clause's subject
                # was read as the cue's object, and its verb has none.
                obj = tree.child(verb, "dobj")
                if obj is not None and tree.span(obj)[1] == nxt and _finite(tree, j):
                    return trim(toks, tree.span(obj)[0], tree.span(j)[1])
            j += 1
    # Fronted content: "Talks are stalled, X has said" parses "said" as a
    # dependent of the fronted clause's verb.
    head = toks[verb].head
    if (
        toks[verb].dep == "nsubj"
        and toks[verb].tag == "VBZ"
        and head > verb
        and lemma in SPEECH_VERBS
        and tree.child(verb, "nsubj") is not None
    ):
        # Headline style, "The minister claims raising X is smart": the tagger
        # makes the cue the subject of the reported clause's verb.
        return trim(toks, verb + 1, tree.span(head)[1])
    if interrupting(tree, verb) and tree.child(verb, "ccomp", "xcomp", "dobj") is None:
        # "The plan, a source said, is to …": the parser makes the clause
        # after the cue the head; the content is all of it.
        return trim(toks, *tree.span(head))
    if (
        head != verb
        and head < verb
        and toks[verb].dep in {"parataxis", "ccomp", "advcl", "conj"}
        and tree.child(verb, "ccomp", "xcomp") is None
        and (
            tree.child(verb, "dobj") is None or lemma in ADDRESSEE_VERBS
        )  # "…, X told journalists"
    ):
        lo, hi = tree.span(head)
        vlo, vhi = tree.span(verb)
        if not after_comma(tree, verb):
            # "…, his counterpart, Ana Ruiz, Kremlin aide Jo Lind told
            # journalists": the parser joins the name to the content.
            name = subjectless_name(tree, verb)
            if name is None or name[0] < 1 or toks[name[0] - 1].text != ",":
                return None
            vlo = name[0]
        if (hi - vhi > 2 and toks[vhi - 1].text == ",") or (vhi < hi and toks[vhi].text == ","):
            # "The move, X explained, was the result of …": the cue interrupts
            # the content, which runs on after it.
            return trim(toks, lo, hi)
        return trim(toks, lo, vlo)
    return None


# Heads of an infinitive that put the act ahead ("set to announce",
# "expected to criticise", "poised to", "going to").
_AHEAD_HEADS = AHEAD_HEADS | {"poise", "go"}


def _not_yet(tree: Tree, verb: int) -> bool:
    """Return True when ``verb`` is an act still to come: "will announce", "set to name"."""
    toks = tree.tokens
    if any(
        toks[c].dep == "aux" and toks[c].text.lower() in FUTURE_AUX for c in tree.children[verb]
    ):
        return True
    head = toks[verb].head
    return toks[verb].dep == "xcomp" and head != verb and toks[head].lemma.lower() in _AHEAD_HEADS


def _object_content(tree: Tree, verb: int, lemma: str) -> tuple[int, int] | None:
    """Return the noun-phrase content of a speech or stance verb with no clause.

    "X dismissed [the charges as absurd]", "Y announced [her candidacy]",
    "Z referred to [the deal]": the direct object with what completes it
    (``as …``, ``of …``, ``for …``), or the object of the verb's own
    preposition. The object of "told"/"asked" is the addressee, not content.
    """
    toks = tree.tokens
    if tree.child(verb, "nsubjpass", "auxpass") is not None:
        return None  # "X was criticised by Y": the subject is the content
    if _not_yet(tree, verb):
        return None  # "X is due to announce a winner": nothing said yet
    for prep in tree.children[verb]:
        if (
            toks[prep].dep == "prep"
            and prep > verb
            and f"{lemma}:{toks[prep].text.lower()}" in PREP_OBJECT_VERBS
        ):
            pobj = tree.child(prep, "pobj", "pcomp")
            if pobj is not None:
                return trim(toks, *tree.span(pobj))
    if lemma not in SPEECH_VERBS and lemma not in STANCE_VERBS:
        return None
    if lemma in ADDRESSEE_VERBS or lemma in _KEEP_VERBS:
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
    return trim(toks, lo, hi)


def _addressee(tree: Tree, verb: int, lemma: str) -> tuple[int, int] | None:
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


def _according(tree: Tree, i: int) -> Cue | None:
    """Return the cue for "according to X" at token ``i``."""
    toks = tree.tokens
    to = tree.child(i, "prep")
    if to is None or toks[to].text.lower() != "to":
        return None
    pobj = tree.child(to, "pobj")
    if pobj is None:
        return None
    speaker = tree.noun_phrase(pobj)
    if toks[pobj].lemma.lower() in ISSUED_NOUNS:
        # "according to a statement issued by X" / "a post from X": X speaks.
        for child in tree.children[pobj]:
            link = child
            if toks[child].dep == "acl":
                link = tree.child(child, "agent", "prep") or child
            if toks[link].text.lower() in {"by", "from"}:
                issuer = tree.child(link, "pobj")
                if issuer is not None:
                    speaker = tree.noun_phrase(issuer)
                    break
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
        content = trim(toks, phi, hi)
    elif hi - phi <= 1:
        content = trim(toks, lo, plo)
    else:
        content = trim(toks, lo, hi)
    return Cue(i, to + 1, "according to", speaker, content, None, sent, True)


def _noun_cue(tree: Tree, i: int) -> Cue | None:
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
    clause = that_clause(tree, i)
    if speaker is None or clause is None or toks[speaker[0]].text.lower() in {"its"}:
        return None
    content = trim(toks, *tree.span(clause))
    return Cue(i, i + 1, toks[i].lemma.lower(), speaker, content, None, toks[i].sent, True)


# Third-person verb forms the tagger reads as plural nouns at the end of a
# headline or standfirst ("…, the broadcaster reports"), with their lemmas.
_NOUN_TAGGED_VERBS = {
    "reports": "report",
    "says": "say",
    "claims": "claim",
    "warns": "warn",
    "insists": "insist",
    "argues": "argue",
    "writes": "write",
}


def _noun_tagged_cue(tree: Tree, i: int) -> Cue | None:
    """Return the cue for "…, state media reports", where the tagger made the verb a noun.

    The parser still hangs the fronted clause on it as ``ccomp``; its
    modifiers ("state media") are the speaker.
    """
    toks = tree.tokens
    comp = tree.child(i, "ccomp")
    mods = [c for c in tree.children[i] if c < i and toks[c].dep in NP_LEFT_DEPS]
    if comp is None or comp > i or not mods:
        return None
    speaker = (min(tree.span(c)[0] for c in mods), i)
    content = trim(toks, *tree.span(comp))
    lemma = _NOUN_TAGGED_VERBS[toks[i].text.lower()]
    return Cue(i, i + 1, lemma, speaker, content, None, toks[i].sent, True)


def find_cues(tokens: Sequence[Token]) -> list[Cue]:
    """Return every attribution cue in ``tokens``, in order."""
    tree = Tree(tokens)
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
            addressee = _addressee(tree, tok.i, lemma)
            if addressee and content and addressee[0] < content[1] and content[0] < addressee[1]:
                addressee = None  # "pointed to flaws in the survey": the object is what was said
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
                    addressee,
                    tok.sent,
                    lemma not in OTHER_VERBS or lemma in SPEECH_VERBS,
                )
            )
        elif tok.pos == "NOUN" and low in _NOUN_TAGGED_VERBS and tree.child(tok.i, "ccomp"):
            cue = _noun_tagged_cue(tree, tok.i)
            if cue is not None:
                cues.append(cue)
        elif tok.pos == "NOUN" and lemma in CUE_NOUNS:
            cue = _noun_cue(tree, tok.i)
            if cue is not None:
                cues.append(cue)
    return cues


def relative_antecedent(tokens: Sequence[Token], span: tuple[int, int]) -> tuple[int, int] | None:
    """Return the noun phrase a relative-pronoun speaker stands for ("X, who said …")."""
    lo, hi = span
    head = relative_head(tokens, lo) if hi - lo == 1 else None
    if head is None:
        return None
    # The antecedent and its modifiers lie before the relative clause.
    return Tree(tokens[:lo]).noun_phrase(head)


# Dependents of a verb that carry what its subject said or did with words.
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "oprd", "prep", "dative", "attr"})


def object_cues(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[Cue | None]:
    """Return, per quoted token span, the verb whose object holds it, as a cue.

    "X denounced what she called a “dangerous idea”", "Y urged voters to
    “think twice”": a quotation inside the object of a verb whose subject
    is a noun phrase is that subject's words, whatever the verb. The
    content is the verb's dependent that holds the quotation.
    """
    tree = Tree(tokens)
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
            if tokens[node].dep in _OBJECT_DEPS and tokens[head].lemma.lower() != "be":
                # "X is a “…”" describes X; it is not X speaking (on PolNeAR
                # train 0.38 of such predictions matched a quotation).
                speaker = _speaker(tree, head)
                if speaker is not None and not (speaker[0] <= lo < speaker[1]):
                    clo, chi = tree.span(node)
                    content = trim(tokens, min(clo, lo), max(chi, hi))
                    lemma = tokens[head].lemma.lower()
                    speech = lemma in SPEECH_VERBS or lemma in STANCE_VERBS
                    cue = Cue(
                        head, head + 1, lemma, speaker, content, None, tokens[head].sent, speech
                    )
            break
        out.append(cue)
    return out
