"""PLOVER event coding: who did what to whom, when and where (issue #5).

The stage ``events.plover.v1`` is a dependency-parse verb-pattern coder:

1. **Triggers.** Each verb is looked up as (verb, particle) in
   :data:`~.event_lexicon.PHRASAL`, (verb, object) in ``VERB_OBJECT``, a
   light verb with an event-noun object ("held talks", "joined a strike")
   in ``NOUNS``, then the verb alone in ``VERBS``. A neutral reporting verb
   ("said") is never an event.
2. **Embedding.** A trigger governed by another trigger (xcomp, ccomp,
   advcl, prepositional complements) is not a separate event: "accused X of
   attacking Y" is one ACCUSE, "urged X to withdraw" one REQUEST (mode
   *yield*). Under a verb of intent ("threatened to", "vowed to") a conflict
   event becomes THREATEN with a mode ("threatened to attack" → THREATEN
   /violence) and a cooperative one AGREE. A modal "must"/"should" in what
   someone said about a third party is a REQUEST.
3. **Flags.** ``negated`` (a negation on the trigger or its governor,
   "failed to"), ``hypothetical`` ("could", "would", "might", "if",
   "unless") and ``future`` ("will", "plans to"). Future conflict events are
   threats (THREATEN), future cooperative ones AGREE, as PLOVER codes
   statements of intent.
4. **Actors.** The subject is the source and the object (or the object of
   "against", "on", "with", "to", …) the target; in the passive the "by"
   agent is the source and the subject the target; a passive coercion
   without an agent ("were detained in Norway") is coded to the government
   of the place it happened in. Coordinated actors give one event per pair.
   Named actors take the entity's country and sector; other phrases
   ("Israeli troops", "police") are coded by
   :class:`~newsgraph.extract.actors.ActorCoder`; pronouns and nominals go
   through the in-article resolver (:mod:`.coref`).
5. **When and where.** The sentence's resolved date expression, else the
   publication date; the sentence's place (after "in"/"near"/"at" first),
   else the article's first place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from newsgraph.extract.actors import ActorCoder, ActorCodingStage
from newsgraph.extract.coref import PRONOUNS, Resolver
from newsgraph.extract.entities import mention_tokens
from newsgraph.extract.event_lexicon import (
    CARRIER_NOUNS,
    CONFLICT_TYPES,
    COOPERATIVE_TYPES,
    INTENT_ADJECTIVES,
    INTENT_VERBS,
    LIGHT_VERBS,
    NOUNS,
    PHRASAL,
    PROPOSAL_NOUNS,
    SPEECH_VERBS,
    VERB_OBJECT,
    VERBS,
    event_score,
    threat_mode,
)
from newsgraph.extract.quote_words import GOVERNMENT_NOUNS, ORG_NOUNS, PERSON_NOUNS
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Event, Token

__all__ = ["EVENTS_VERSION", "EventStage", "code_events"]

# Bump when rules or lexicon change (part of the stage's version string).
EVENTS_VERSION = "1"

_SUBJ = frozenset({"nsubj", "csubj"})
_PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
_OBJ = frozenset({"dobj", "dative", "attr", "oprd"})
# Dependencies through which an event is governed by the word above it.
_GOVERNED = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "acl",
                       "acomp", "csubj", "nsubj", "agent", "oprd", "compound", "amod"})  # fmt: skip
_TARGET_PREPS = frozenset({"against", "on", "with", "to", "at", "toward", "towards", "upon",
                           "into", "from", "between", "for", "over"})  # fmt: skip
# Nouns of actions and states ("removal", "failure", "settlement"): a target
# named so is the party it concerns ("the removal *of* X").
_DEVERBAL = re.compile(r"(?:tion|sion|ment|ure|al|ance|ence|ing|ity)$")
_PARTY_NOUNS = PERSON_NOUNS | ORG_NOUNS | GOVERNMENT_NOUNS | {"community", "authority",
                                                             "minority", "majority"}  # fmt: skip
_KNOWN_VERBS = (
    frozenset(VERBS) | LIGHT_VERBS | {v for v, _ in PHRASAL} | {v for v, _ in VERB_OBJECT}
)
_QUANTITY_NOUNS = frozenset({"thousand", "hundred", "dozen", "million", "group", "number",
                             "crowd", "member", "some", "many", "most", "all"})  # fmt: skip
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                         "QUANTITY"})  # fmt: skip
_PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across", "around"})
_HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "can", "must",
                               "ought"})  # fmt: skip
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
_NEGATING_GOVERNORS = frozenset({"fail", "deny"})
_FUTURE_GOVERNORS = frozenset({"plan", "intend", "prepare", "expect", "aim", "seek", "want",
                               "hope", "consider", "mull"})  # fmt: skip
_MUST = frozenset({"must", "should"})
# Symmetric interactions: "A and B met" is A→B and B→A.
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Verbal types keep their own type in the future ("will ask"); the rest
# are statements of intent.
_VERBAL = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE"})
_STRIKE_MODES = {"hunger": ("PROTEST", "hunger"), "air": ("ASSAULT", "aerial"),
                 "drone": ("ASSAULT", "drone"), "missile": ("ASSAULT", "heavy-weapons"),
                 "general": ("PROTEST", "strike")}  # fmt: skip


@dataclass(slots=True)
class _Trigger:
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


@dataclass(frozen=True, slots=True)
class _Actor:
    name: str
    country: str | None
    sector: str | None
    entity_id: str | None
    head: int
    inferred: bool = False  # country from the sentence's home country


class _Coder:
    """Code the events of one article."""

    def __init__(self, doc: AnalysedArticle, actors: ActorCoder) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.text = doc.article.text
        self.actors = actors
        self.kids: list[list[int]] = [[] for _ in self.tokens]
        for tok in self.tokens:
            if tok.head != tok.i:
                self.kids[tok.head].append(tok.i)
        self.mention_of: dict[int, str] = {}
        for mention in doc.mentions:
            if mention.entity_id is None:
                continue
            lo, hi = mention_tokens(self.tokens, mention.start, mention.end)
            for k in range(lo, hi):
                self.mention_of[k] = mention.entity_id
        self.entities = {e.id: e for e in doc.entities}
        self._resolver: Resolver | None = None
        self._home: dict[int, str | None] = {}
        self.when = (doc.article.published or "")[:10] or None

    # -- helpers ------------------------------------------------------------

    def child(self, i: int, deps: frozenset[str] | set[str]) -> list[int]:
        return [k for k in self.kids[i] if self.tokens[k].dep in deps]

    def low(self, i: int) -> str:
        return self.tokens[i].text.lower()

    def lemma(self, i: int) -> str:
        return self.tokens[i].lemma.lower()

    def conjuncts(self, i: int) -> list[int]:
        out = [i]
        for k in self.kids[i]:
            if self.tokens[k].dep == "conj" and self.tokens[k].pos in {"NOUN", "PROPN", "PRON"}:
                out.extend(self.conjuncts(k))
        return out

    # -- step 1: triggers ---------------------------------------------------

    def trigger(self, i: int) -> _Trigger | None:
        tok = self.tokens[i]
        lemma = self.lemma(i)
        if tok.pos == "VERB":
            return self._verb_trigger(i, self._verb_lemma(i))
        if tok.pos == "ADJ" and lemma in INTENT_ADJECTIVES and self.child(i, {"xcomp"}):
            return _Trigger(i, "AGREE", None, [i], f"{lemma} to", 0.7, needs_embedded=True)
        if tok.pos == "NOUN" and tok.dep in {"ROOT", "nsubj"}:
            # A headline noun ("Strike at the port") or the subject of a
            # verb of occurrence ("Clashes broke out").
            head = self.tokens[tok.head]
            occurs = head.lemma.lower() in {"break", "erupt", "occur", "begin", "continue"}
            if tok.dep == "ROOT" or occurs:
                code = self._noun_code(i)
                if code is not None:
                    return _Trigger(i, code[0], code[1], [i], f"noun {lemma}", 0.55, noun=i)
        return None

    def _verb_lemma(self, i: int) -> str:
        """Return the verb's lemma, repairing the small model's "staged" -> "stag"."""
        lemma = self.lemma(i)
        if lemma in _KNOWN_VERBS:
            return lemma
        word = self.low(i)
        for cut in (1, 2, 3):
            if word.endswith(("ed", "ing")) and word[:-cut] in _KNOWN_VERBS:
                return word[:-cut]
        return lemma

    def _noun_code(self, i: int) -> tuple[str, str | None] | None:
        lemma = self.lemma(i)
        mods = [self.lemma(k) for k in self.kids[i] if self.tokens[k].dep in {"compound", "amod"}]
        if lemma == "strike":
            for m in mods:
                if m in _STRIKE_MODES:
                    return _STRIKE_MODES[m]
        if lemma in {"attack", "strike"} and "drone" in mods:
            return ("ASSAULT", "drone")
        if lemma == "bombing" and "suicide" in mods:
            return ("ASSAULT", "suicide-attack")
        if lemma in CARRIER_NOUNS:
            for m in mods:
                if m in NOUNS:
                    return NOUNS[m]
            return None
        return NOUNS.get(lemma)

    def _verb_trigger(self, i: int, lemma: str) -> _Trigger | None:
        if lemma in SPEECH_VERBS:
            return None
        kids = self.kids[i]
        # 1. Phrasal verbs and verb + preposition ("call on", "pull out").
        for k in kids:
            if self.tokens[k].dep in {"prt", "prep"}:
                code = PHRASAL.get((lemma, self.low(k)))
                if code is not None:
                    return _Trigger(i, code[0], code[1], [i, k], f"{lemma} {self.low(k)}", 0.85)
        objects = self.child(i, {"dobj"}) or self.child(i, _PASS_SUBJ)
        for obj in objects:
            noun = self.lemma(obj)
            # 2. Verb + object ("impose a curfew", "recall the ambassador").
            code = VERB_OBJECT.get((lemma, noun))
            if code is not None:
                return _Trigger(i, code[0], code[1], [i, obj], f"{lemma} {noun}", 0.85)
            # 3. Light verb + event noun ("held talks", "launched an offensive").
            if lemma in LIGHT_VERBS and self.tokens[obj].pos == "NOUN":
                code = self._noun_code(obj)
                if code is not None:
                    return _Trigger(i, code[0], code[1], [i, obj], f"{lemma} {noun}", 0.75,
                                    noun=obj)  # fmt: skip
        code = VERBS.get(lemma)
        if code is None:
            return None
        # 4. Verbs whose sense depends on the frame.
        if lemma == "strike":
            code = ("ASSAULT", "aerial") if objects else ("PROTEST", "strike")
        elif (lemma == "fight" and not objects) or (lemma == "charge" and not objects):
            return None
        elif lemma == "protest" and self.child(i, {"ccomp"}):
            # "a rights group protested that …": a complaint, not a demonstration.
            code = ("ACCUSE", "disapprove")
        return _Trigger(i, code[0], code[1], [i], lemma, 0.75)

    # -- step 2: embedding and flags ----------------------------------------

    def governor(self, i: int, triggers: dict[int, _Trigger], root: int) -> int | None:
        """Return the trigger that governs token ``i``, if any."""
        cur = i
        for _ in range(8):
            tok = self.tokens[cur]
            if tok.dep not in _GOVERNED or tok.head == cur:
                return None
            cur = tok.head
            if cur in triggers:
                return cur
            if self.tokens[cur].lemma.lower() in SPEECH_VERBS:
                return None
        return None

    def flags(self, trig: _Trigger) -> None:
        """Set the negated, hypothetical and future flags of a trigger."""
        cur = trig.i
        for depth in range(4):
            tok = self.tokens[cur]
            for k in self.kids[cur]:
                kid = self.tokens[k]
                word = kid.text.lower()
                if kid.dep == "neg" or (kid.dep == "det" and word == "no" and depth == 0):
                    trig.negated = True
                elif kid.dep == "aux" and word in _HYPOTHETICAL_AUX and depth <= 1:
                    trig.hypothetical = True
                elif kid.dep == "aux" and (word in _FUTURE_AUX) and depth <= 1:
                    trig.future = True
                elif kid.dep == "mark" and word in _CONDITIONAL_MARKS:
                    trig.hypothetical = True
            if depth and tok.lemma.lower() in _NEGATING_GOVERNORS:
                trig.negated = True
            if depth and tok.lemma.lower() in _FUTURE_GOVERNORS:
                trig.future = True
            if tok.dep in {"xcomp", "conj"} and tok.head != cur:
                cur = tok.head
                continue
            if tok.dep == "advcl" and any(
                self.tokens[k].dep == "mark" and self.low(k) in _CONDITIONAL_MARKS
                for k in self.kids[cur]
            ):
                trig.hypothetical = True
            break
        if trig.noun is not None and any(self.low(k) in {"no", "without"} for k in
                                         self.kids[trig.noun]):  # fmt: skip
            trig.negated = True

    def absorb(self, gov: _Trigger, sub: _Trigger) -> None:
        """Fold an embedded event into the trigger that governs it."""
        lemma = self.lemma(gov.i)
        gov.needs_embedded = False
        if lemma in INTENT_VERBS and gov.kind in {"THREATEN", "AGREE"}:
            if sub.kind in CONFLICT_TYPES or sub.kind == "THREATEN":
                gov.kind, gov.mode = "THREATEN", threat_mode(sub.kind, sub.mode) or gov.mode
            elif sub.kind in COOPERATIVE_TYPES:
                gov.kind, gov.mode = "AGREE", None
            gov.words = sorted({*gov.words, *sub.words})
        elif gov.kind in {"REQUEST", "REJECT"} and gov.mode is None:
            gov.mode = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist",
                        "RETREAT": "yield", "CONCEDE": "yield"}.get(sub.kind, "change")  # fmt: skip
        gov.extra_targets.extend(self._targets(sub))

    # -- step 4: actors -----------------------------------------------------

    def _subject(self, i: int) -> list[int]:
        cur = i
        for _ in range(4):
            subj = self.child(cur, _SUBJ)
            if subj:
                return self.conjuncts(subj[0])
            tok = self.tokens[cur]
            if tok.dep in {"xcomp", "conj", "advcl", "ccomp"} and tok.head != cur:
                # Control ("X threatened to attack") and shared subjects.
                cur = tok.head
                continue
            if tok.dep in {"dobj", "pobj", "acl"} and tok.pos in {"NOUN", "VERB"}:
                cur = tok.head
                continue
            break
        return []

    def _agent(self, i: int) -> list[int]:
        for k in self.child(i, {"agent"}):
            for p in self.child(k, {"pobj"}):
                return self.conjuncts(p)
        return []

    def _targets(self, trig: _Trigger) -> list[int]:
        i = trig.i
        if trig.target_override is not None:
            return trig.target_override
        out: list[int] = []
        if self.child(i, _PASS_SUBJ):
            out = self.conjuncts(self.child(i, _PASS_SUBJ)[0])
        for k in self.child(i, _OBJ):
            if k != trig.noun:
                out.extend(self.conjuncts(k))
        for owner in [i] + ([trig.noun] if trig.noun is not None else []):
            for k in self.child(owner, {"prep"}):
                if self.low(k) in _TARGET_PREPS:
                    for p in self.child(k, {"pobj"}):
                        if self.tokens[p].ent_type not in _NOT_ACTORS:
                            out.extend(self.conjuncts(p))
        if trig.noun is not None and not out:
            out = [k for k in self.kids[trig.noun] if self.tokens[k].dep == "poss"]
        addressed = trig.kind in _VERBAL or trig.kind in {"COERCE", "SANCTION"}
        if addressed and not any(self.actors_of(t) for t in out):
            # "demanded that the US cancel …": the addressee is the clause's subject.
            for comp in self.child(i, {"ccomp"}):
                out.extend(k for s in self.child(comp, _SUBJ | _PASS_SUBJ)
                           for k in self.conjuncts(s))  # fmt: skip
        owned: list[int] = []
        for t in out:
            if self._is_thing(t) or (self.tokens[t].pos == "NOUN" and not self.actors_of(t)):
                # "Assad's failure", "relations with Russia": the party concerned.
                owned.extend(self._owners(t))
            else:
                owned.append(t)
        return [t for t in dict.fromkeys(owned + trig.extra_targets) if t != i]

    def _is_thing(self, i: int) -> bool:
        tok = self.tokens[i]
        lemma = tok.lemma.lower()
        if tok.pos != "NOUN":
            return False
        deverbal = _DEVERBAL.search(lemma) is not None and lemma not in _PARTY_NOUNS
        return lemma in PROPOSAL_NOUNS or deverbal or self._noun_code(i) is not None

    def _owners(self, i: int) -> list[int]:
        """Return whose proposal or whom an event noun is about ("a US offer", "sanctions on X")."""
        out: list[int] = []
        for k in self.kids[i]:
            tok = self.tokens[k]
            if tok.dep == "poss" or (tok.dep in {"amod", "compound"} and tok.ent_type in
                                     {"NORP", "GPE", "ORG"} and k < i):  # fmt: skip
                out.append(k)
            elif tok.dep == "prep" and self.low(k) in _TARGET_PREPS | {"by", "of"}:
                out.extend(p for p in self.child(k, {"pobj"}) if not self._is_thing(p))
        return out

    def actor(self, head: int) -> _Actor | None:
        tok = self.tokens[head]
        if tok.pos == "ADJ" and tok.ent_type == "NORP":
            # "an Australian ultimatum": the demonym names the party.
            code = self.actors.code(tok.text, entity_type="NORP", when=self.when)
            return _Actor(tok.text, code.country, code.sector, None, head) if code.country else None
        if tok.pos not in {"NOUN", "PROPN", "PRON"} or self._noun_code(head) is not None:
            return None
        if tok.ent_type in _NOT_ACTORS:
            return None
        eid = self.mention_of.get(head)
        if tok.pos == "PRON" or (eid is None and tok.text.lower() in PRONOUNS):
            if tok.text.lower() not in PRONOUNS:
                return None
            if self._resolver is None:
                self._resolver = Resolver(self.doc)
            res = self._resolver.resolve(head, head + 1)
            eid = res.entity_id
            if eid is None:
                return None
        phrase = self._phrase(head)
        if eid is not None and eid in self.entities:
            ent = self.entities[eid]
            country, sector = ent.country, ent.sector
            if (country is None or sector is None) and tok.pos != "PRON":
                code = self.actors.code(phrase, context="; ".join(ent.roles),
                                        entity_type=ent.type, when=self.when)  # fmt: skip
                country, sector = country or code.country, sector or code.sector
            return _Actor(ent.name, country, sector, eid, head)
        label = tok.ent_type or None
        code = self.actors.code(phrase, entity_type=label, when=self.when)
        if code.country is None and code.sector is None:
            return None
        return _Actor(phrase, code.country, code.sector, None, head)

    def _phrase(self, head: int) -> str:
        """Return the actor phrase: the head with its modifiers and an "of" phrase."""
        keep = {head}
        for k in self.kids[head]:
            dep = self.tokens[k].dep
            if dep in {"compound", "amod", "nmod", "poss", "nummod"} and k < head:
                keep.update(range(self._left_edge(k), head))
            elif (
                dep == "prep"
                and self.low(k) in {"of", "in", "from"}
                and (self.low(k) == "of" or tok_is_common(self.tokens[head]))
            ):
                keep.add(k)
                for p in self.child(k, {"pobj"}):
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

    def actors_of(self, head: int) -> list[_Actor]:
        """Return the actors a head names; "Hungarian and Romanian officials" names two."""
        tok = self.tokens[head]
        if tok.ent_type in _NOT_ACTORS or tok.lemma.lower() in _QUANTITY_NOUNS:
            # "Thousands of Kenyan workers": the actor is what is counted.
            for k in self.child(head, {"prep"}):
                if self.low(k) == "of":
                    for p in self.child(k, {"pobj"}):
                        return self.actors_of(p)
        split: list[_Actor] = []
        if tok.pos == "NOUN":
            for k in self.kids[head]:
                kid = self.tokens[k]
                if kid.dep not in {"amod", "compound"} or kid.ent_type not in {"NORP", "GPE"}:
                    continue
                for adj in [k, *(c for c in self.kids[k] if self.tokens[c].dep == "conj")]:
                    phrase = f"{self.tokens[adj].text} {tok.text}"
                    code = self.actors.code(phrase, entity_type="NORP", when=self.when)
                    if code.country:
                        split.append(_Actor(phrase, code.country, code.sector, None, head))
        if len(split) > 1:
            return split
        found = self.actor(head)
        return [found] if found is not None else []

    def home_country(self, sent: int) -> str | None:
        """Return the country a sentence is about: its places' and named actors' majority.

        Falls back to the article's most frequent place country. Used for
        actors whose own words name no country ("the opposition", a person
        known only by name), the convention of event coders (domestic by
        default).
        """
        if sent in self._home:
            return self._home[sent]
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        toks = [t for t in self.tokens if t.sent == sent]
        lo, hi = toks[0].start, toks[-1].end
        found = [(p.start, p.country) for p in self.doc.places if lo <= p.start < hi]
        for k in (t.i for t in toks):
            eid = self.mention_of.get(k)
            if eid and eid in self.entities and self.entities[eid].country:
                found.append((self.tokens[k].start, self.entities[eid].country or ""))
        if not found:
            found = [(p.start, p.country) for p in self.doc.places]
        for at, country in found:
            if country and len(country) == 3:
                counts[country] = counts.get(country, 0) + 1
                first.setdefault(country, at)
        home = min(counts, key=lambda c: (-counts[c], first[c])) if counts else None
        self._home[sent] = home
        return home

    def domestic(self, actor: _Actor, home: str | None) -> _Actor:
        """Give an actor without a country the sentence's home country."""
        if actor.country or home is None or actor.sector in {"IGO", "NGO", "MNC"}:
            return actor
        return replace(actor, country=home, inferred=True)

    def place_actor(self, i: int, preps: frozenset[str] = frozenset({"in", "by"})) -> _Actor | None:
        """Return the government of the place an event happened in ("in Norway")."""
        for k in self.child(i, {"prep"}) + [
            c for o in self.child(i, {"dobj"}) for c in self.child(o, {"prep"})
        ]:
            if self.low(k) in preps:
                for p in self.child(k, {"pobj"}):
                    if self.tokens[p].ent_type == "GPE":
                        found = self.actor(p)
                        if found is not None and found.country:
                            return replace(found, sector=found.sector or "GOV")
        return None


def tok_is_common(tok: Token) -> bool:
    """Say whether a token is a common noun ("rebels in X" takes its place; names do not)."""
    return tok.pos == "NOUN"


def _date_and_place(doc: AnalysedArticle, start: int, end: int) -> dict[str, Any]:
    """Return the date, granularity and place fields for an evidence sentence."""
    out: dict[str, Any] = {"date": None, "date_granularity": None, "location": None}
    for date in doc.dates:
        if start <= date.start < end and date.value:
            out["date"], out["date_granularity"] = date.value, date.granularity
            break
    if out["date"] is None and doc.article.published:
        out["date"], out["date_granularity"] = doc.article.published[:10], "day"
    text = doc.article.text

    def after_preposition(start: int) -> bool:
        before = text[max(0, start - 12) : start].split()
        return bool(before) and before[-1].lower() in _PLACE_PREPS

    # A place after "in"/"near"/"at" in the sentence, else the article's
    # first such place (a dateline or the scene); a country named as an
    # actor ("the US demanded") is not where the event happened.
    inside = [p for p in doc.places if start <= p.start < end and after_preposition(p.start)]
    anywhere = [p for p in doc.places if after_preposition(p.start)]
    chosen = (inside or anywhere)[:1]
    if chosen:
        place = chosen[0]
        out.update(location=place.name, location_country=place.country, lat=place.lat,
                   lon=place.lon)  # fmt: skip
    return out


def code_events(doc: AnalysedArticle, actors: ActorCoder) -> tuple[Event, ...]:
    """Return the PLOVER events of an analysed article (tokens, mentions, entities)."""
    if not doc.tokens:
        return ()
    coder = _Coder(doc, actors)
    tokens = doc.tokens
    events: list[Event] = []
    by_sent: dict[int, list[Token]] = {}
    for tok in tokens:
        by_sent.setdefault(tok.sent, []).append(tok)
    for sent, toks in by_sent.items():
        root = next((t.i for t in toks if t.head == t.i), toks[0].i)
        triggers = {t.i: trig for t in toks if (trig := coder.trigger(t.i)) is not None}
        triggers = {i: trig for i, trig in triggers.items() if trig is not None}
        _speech_requests(coder, toks, triggers)
        # Step 2: fold embedded events into their governors, innermost first.
        for i in sorted(triggers, key=lambda k: -_depth(tokens, k)):
            gov = coder.governor(i, triggers, root)
            if gov is not None and gov in triggers and i in triggers:
                coder.absorb(triggers[gov], triggers.pop(i))
        start_s = min(t.start for t in toks)
        end_s = max(t.end for t in toks)
        where = _date_and_place(doc, start_s, end_s)
        for trig in triggers.values():
            if trig.needs_embedded:
                continue
            coder.flags(trig)
            events.extend(_events_of(coder, trig, sent, where))
    return tuple(events)


def _depth(tokens: Sequence[Token], i: int) -> int:
    depth = 0
    while tokens[i].head != i and depth < 50:
        i = tokens[i].head
        depth += 1
    return depth


def _speech_requests(coder: _Coder, toks: list[Token], triggers: dict[int, _Trigger]) -> None:
    """Code "X said Y must/should …" as X's REQUEST to Y."""
    for tok in toks:
        if tok.lemma.lower() not in SPEECH_VERBS or tok.i in triggers:
            continue
        for comp in coder.child(tok.i, {"ccomp"}):
            if not any(coder.low(a) in _MUST for a in coder.child(comp, {"aux"})):
                continue
            subj = coder.child(comp, _SUBJ)
            speaker = coder.child(tok.i, _SUBJ)
            if not subj or not speaker or coder.low(subj[0]) in PRONOUNS:
                continue
            embedded = triggers.pop(comp, None)
            mode = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet"}.get(
                embedded.kind if embedded else "", "change"
            )
            triggers[tok.i] = _Trigger(
                tok.i, "REQUEST", mode, [tok.i, comp], f"{tok.lemma.lower()} … must", 0.7,
                source_override=coder.conjuncts(speaker[0]),
                target_override=coder.conjuncts(subj[0]),
            )  # fmt: skip


def _events_of(coder: _Coder, trig: _Trigger, sent: int, where: dict[str, Any]) -> list[Event]:
    """Turn one trigger into events, one per (source, target) pair."""
    tokens = coder.tokens
    i = trig.i
    passive = bool(coder.child(i, _PASS_SUBJ))
    if trig.source_override is not None:
        source_heads = trig.source_override
    elif passive:
        source_heads = coder._agent(i)
    else:
        source_heads = coder._subject(i)
    target_heads = coder._targets(trig)
    sources = [a for h in dict.fromkeys(source_heads) for a in coder.actors_of(h)]
    targets = [a for h in dict.fromkeys(target_heads) for a in coder.actors_of(h)]
    home = coder.home_country(sent)
    sources = [coder.domestic(a, home) for a in sources]
    targets = [coder.domestic(a, home) for a in targets]
    if passive and not sources and trig.kind in {"COERCE", "SANCTION"}:
        place = coder.place_actor(i)
        if place is not None:
            sources = [place]
    if not targets and trig.kind in {"PROTEST", "COERCE"}:
        # A protest or a curfew with no one named is aimed at the government
        # of where it happens ("blocked roads in the capital").
        scene = coder.place_actor(i, preps=frozenset({"in", "at", "near"}))
        if scene is not None:
            targets = [scene]
    targets = [t for t in targets if all(t.head != s.head and t.name != s.name for s in sources)]
    kind, mode = trig.kind, trig.mode
    negated = trig.negated
    if negated and kind in {"AGREE", "SUPPORT"} and not trig.hypothetical:
        # "will not accept", "did not agree": a refusal is a REJECT event.
        kind, mode, negated = "REJECT", None, False
    # Step 3: statements of future action are intents (PLOVER).
    if trig.future and not negated and kind not in _VERBAL:
        if kind in CONFLICT_TYPES:
            kind, mode = "THREATEN", threat_mode(kind, mode)
        else:
            kind, mode = "AGREE", None
    pairs: list[tuple[_Actor | None, _Actor | None]]
    if kind in _SYMMETRIC and not targets and len(sources) > 1:
        pairs = [(s, t) for s in sources for t in sources if s is not t]
    else:
        maybe_sources: list[_Actor | None] = list(sources) or [None]
        maybe_targets: list[_Actor | None] = list(targets) or [None]
        pairs = [(s, t) for s in maybe_sources for t in maybe_targets]
    heads = [*trig.words, *(a.head for a in sources), *(a.head for a in targets)]
    lo, hi = min(heads), max(heads)
    start, end = _extend(tokens, lo), tokens[hi].end
    article_id = coder.doc.article.id
    confidence = trig.confidence + (0.1 if sources else -0.2) + (0.05 if targets else 0.0)
    if trig.negated or trig.hypothetical:
        confidence -= 0.1
    out = []
    for src, tgt in pairs:
        key = (kind, src.name if src else "", tgt.name if tgt else "")
        out.append(
            Event(
                id=span_id("event", article_id, start, end, *key),
                article_id=article_id,
                type=kind,
                mode=mode,
                start=start,
                end=end,
                source_actor=src.name if src else None,
                source_country=src.country if src else None,
                source_sector=src.sector if src else None,
                source_entity_id=src.entity_id if src else None,
                target_actor=tgt.name if tgt else None,
                target_country=tgt.country if tgt else None,
                target_sector=tgt.sector if tgt else None,
                target_entity_id=tgt.entity_id if tgt else None,
                score=event_score(kind, mode),
                evidence=coder.text[start:end],
                confidence=round(max(0.05, min(0.95, confidence)), 2),
                sentence=sent,
                trigger=trig.pattern,
                negated=negated,
                hypothetical=trig.hypothetical,
                future=trig.future,
                **where,
            )
        )
    return out


def _extend(tokens: Sequence[Token], lo: int) -> int:
    """Return the start of the noun phrase whose head is ``tokens[lo]``."""
    start = tokens[lo].start
    k = lo - 1
    while k >= 0 and tokens[k].head == lo and tokens[k].dep in {"compound", "amod", "det",
                                                                 "poss", "nmod"}:  # fmt: skip
        start = tokens[k].start
        k -= 1
    return start


class EventStage(ActorCodingStage):
    """Code PLOVER events with actors, date, place, score and flags."""

    name: ClassVar[str] = "events.plover.v1"
    # Places and dates are registered before this stage (registry.py): an
    # event takes its scene and date from them.
    requires: ClassVar[frozenset[str]] = frozenset(
        {"tokens", "mentions", "entities", "places", "dates"}
    )
    provides: ClassVar[frozenset[str]] = frozenset({"events"})

    @property
    def version(self) -> str:
        """Return a string that changes when the coding would change."""
        extra = f":dict={self.dictionary}" if self.dictionary else ""
        return f"{self.name}:rules{EVENTS_VERSION}{extra}"

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Return ``doc`` with its events filled."""
        return replace(doc, events=code_events(doc, self.coder))
