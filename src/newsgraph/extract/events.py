"""PLOVER event coding: who did what to whom, when and where (issue #5).

The stage ``events.plover.v1`` is a dependency-parse verb-pattern coder:

1. **Triggers.** Each verb is looked up as (verb, particle) in
   :data:`~.event_lexicon.PHRASAL`, (verb, object) in ``VERB_OBJECT``, a
   light verb with an event-noun object ("held talks", "went on strike",
   "provided tons of aid") in ``NOUNS``, then the verb alone in ``VERBS``;
   a verb of ending undoes its event noun ("stopped the talks" is a
   SANCTION). A neutral reporting verb ("said") is never an event.
2. **Embedding.** A trigger governed by another trigger (xcomp, ccomp,
   advcl, prepositional complements) is not a separate event: "accused X of
   attacking Y" is one ACCUSE, "urged X to withdraw" one REQUEST (mode
   *yield*). Under a verb of intent ("threatened to", "vowed to") a conflict
   event becomes THREATEN with a mode ("threatened to attack" → THREATEN
   /violence) and a cooperative one AGREE. A modal "must"/"should" in what
   someone said about a third party is a REQUEST.
3. **Flags.** ``negated`` (a negation on the trigger or its governor,
   "failed to"), ``hypothetical`` ("could", "would", "might", an "if" or
   "unless" clause) and ``future`` ("will", "plans to", and "would" in
   reported speech: "said they would …"). Future conflict events are
   threats (THREATEN), future cooperative ones AGREE, as PLOVER codes
   statements of intent; "will … unless Y" is an ultimatum (THREATEN).
4. **Actors** are chosen by :class:`~.event_roles.RoleFinder` (subject and
   object, passive agents, owners of event nouns, speakers; see
   :mod:`.event_roles`) and given countries by :class:`~.event_scene.SceneFinder`
   (home country, ethnic groups, the scene of an attack). Coordinated
   actors give one event per pair.
5. **When and where.** The sentence's resolved date expression, else the
   publication date; the sentence's place (after "in"/"near"/"at" first),
   else the article's first place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from newsgraph.extract.actors import ActorCoder, ActorCodingStage
from newsgraph.extract.coref import PRONOUNS
from newsgraph.extract.event_lexicon import (
    CESSATION,
    CESSATION_VERBS,
    CONFLICT_TYPES,
    COOPERATIVE_TYPES,
    INTENT_ADJECTIVES,
    INTENT_VERBS,
    LIGHT_VERBS,
    PHRASAL,
    SPEECH_VERBS,
    VERB_OBJECT,
    VERBS,
    event_score,
    threat_mode,
)
from newsgraph.extract.event_roles import PASS_SUBJ, SUBJ, VERBAL, Actor, Trigger
from newsgraph.extract.event_scene import SCENE_PREPS, SceneFinder, date_and_place
from newsgraph.extract.parse_repair import repair_parse
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Event, Token

__all__ = ["EVENTS_VERSION", "EventStage", "code_events"]

# Bump when rules or lexicon change (part of the stage's version string).
EVENTS_VERSION = "12"

# Dependencies through which an event is governed by the word above it.
_GOVERNED = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "dobj", "acl",
                       "acomp", "csubj", "nsubj", "agent", "oprd", "compound", "amod"})  # fmt: skip
_KNOWN_VERBS = (
    frozenset(VERBS) | LIGHT_VERBS | {v for v, _ in PHRASAL} | {v for v, _ in VERB_OBJECT}
)
_HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "can", "must",
                               "ought"})  # fmt: skip
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
# In reported speech "would" is a backshifted "will" ("said they would go").
_BACKSHIFTED = frozenset({"would", "'d"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
_INDEFINITE = frozenset({"everyone", "everybody", "anyone", "anybody", "someone",
                         "somebody", "nobody"})  # fmt: skip
# Clauses of time or cause with their own subject tell a separate event.
_TIME_MARKS = frozenset({"after", "before", "when", "while", "since", "because", "as",
                         "until", "once"})  # fmt: skip
_NEGATING_GOVERNORS = frozenset({"fail", "deny"})
_FUTURE_GOVERNORS = frozenset({"plan", "intend", "prepare", "expect", "aim", "seek", "want",
                               "hope", "consider", "mull"})  # fmt: skip
_MUST = frozenset({"must", "should"})
# Nouns that measure what their "of" phrase names ("tons of aid").
MEASURE_NOUNS = frozenset({"ton", "tonne", "kg", "kilogram", "worth", "amount", "package",
                           "shipment", "consignment", "batch", "million", "billion",
                           "round"})  # fmt: skip
# Symmetric interactions: "A and B met" is A→B and B→A.
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Participles that describe the subject's own stance when passive ("is
# committed to", "are determined to"): no one else did anything to it.
_STATIVE_PASSIVES = frozenset({"commit", "determine", "resolve", "dedicate", "prepare",
                               "devote"})  # fmt: skip
# What one appeals in court ("appealed the ruling"): no request to a party.
_RULINGS = frozenset({"ruling", "verdict", "conviction", "sentence", "decision", "judgment",
                      "judgement", "fine", "order"})  # fmt: skip
# THREATEN modes of restriction, whose target is where they would apply.
_RESTRICT_MODES = frozenset({"restrict", "curfew", "ban"})


class _Coder(SceneFinder):
    """Code the events of one article."""

    # -- step 1: triggers ---------------------------------------------------

    def trigger(self, i: int) -> Trigger | None:
        tok = self.tokens[i]
        lemma = self.lemma(i)
        if tok.pos == "VERB":
            found = self._verb_trigger(i, self._verb_lemma(i))
            if found is not None and tok.dep == "amod" and found.kind not in VERBAL:
                # "the Syrian-backed militia", "the Israeli-occupied West Bank": a
                # participle modifier describes a state, not an event of the
                # clause; "the alleged bribes" still reports an accusation.
                return None
            if (
                found is not None
                and tok.dep == "acl"
                and tok.tag == "VBG"
                and found.kind in {"SUPPORT", "COOPERATE"}
                and not self.actors_of(tok.head)
            ):
                return None  # "the depots supporting the front": a thing's role
            return found
        if tok.pos == "ADJ" and lemma in INTENT_ADJECTIVES and self.child(i, {"xcomp"}):
            return Trigger(i, "AGREE", None, [i], f"{lemma} to", 0.7, needs_embedded=True)
        if tok.pos == "NOUN" and tok.dep in {"ROOT", "nsubj"}:
            # A headline noun ("Strike at the port") or the subject of a
            # verb of occurrence ("Clashes broke out").
            head = self.tokens[tok.head]
            occurs = head.lemma.lower() in {"break", "erupt", "occur", "begin", "continue"}
            if tok.dep == "ROOT" or occurs:
                code = self.noun_code(i)
                if code is not None:
                    return Trigger(i, code[0], code[1], [i], f"noun {lemma}", 0.55, noun=i)
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

    def _verb_trigger(self, i: int, lemma: str) -> Trigger | None:
        # "announced a suspension", "declared a ceasefire": a speech verb that
        # is also a light verb codes its event noun, and nothing else.
        speech = lemma in SPEECH_VERBS
        if speech and lemma not in LIGHT_VERBS:
            return None
        kids = self.kids[i]
        # 1. Phrasal verbs and verb + preposition ("call on", "pull out").
        for k in [] if speech else kids:
            if self.tokens[k].dep in {"prt", "prep"}:
                code = PHRASAL.get((lemma, self.low(k)))
                if code is not None:
                    return Trigger(i, code[0], code[1], [i, k], f"{lemma} {self.low(k)}", 0.85)
        objects = self.child(i, {"dobj"}) or self.child(i, PASS_SUBJ)
        # "provided 500 tons of aid": the measured noun is the object.
        objects = objects + [p for o in objects if self.lemma(o) in MEASURE_NOUNS
                             for r in self.child(o, {"prep"}) if self.low(r) == "of"
                             for p in self.child(r, {"pobj"})]  # fmt: skip
        for obj in objects:
            noun = self.lemma(obj)
            # 2. Verb + object ("impose a curfew", "recall the ambassador").
            code = VERB_OBJECT.get((lemma, noun))
            if code is not None:
                return Trigger(i, code[0], code[1], [i, obj], f"{lemma} {noun}", 0.85)
            # 3. Light verb + event noun ("held talks", "launched an offensive");
            #    a verb of ending undoes the event ("stopped the talks").
            if lemma in CESSATION_VERBS and self.tokens[obj].pos == "NOUN":
                code = self.noun_code(obj)
                undone = CESSATION.get(code[0]) if code is not None else None
                if undone is not None:
                    return Trigger(i, undone[0], undone[1], [i, obj], f"{lemma} {noun}", 0.75)
            if lemma in LIGHT_VERBS and self.tokens[obj].pos == "NOUN":
                code = self.noun_code(obj)
                if code is not None:
                    return Trigger(i, code[0], code[1], [i, obj], f"{lemma} {noun}", 0.75,
                                    noun=obj)  # fmt: skip
        if lemma in LIGHT_VERBS:
            # "went on strike", "entered into talks": the event noun after "on"/"into".
            for k in self.child(i, {"prep"}):
                if self.low(k) in {"on", "into"}:
                    for p in self.child(k, {"pobj"}):
                        code = self.noun_code(p) if self.tokens[p].pos == "NOUN" else None
                        if code is not None:
                            pattern = f"{lemma} {self.low(k)} {self.lemma(p)}"
                            return Trigger(i, code[0], code[1], [i, k, p], pattern, 0.75, noun=p)
        code = None if speech else VERBS.get(lemma)
        if code is None:
            return None
        # 4. Verbs whose sense depends on the frame.
        if lemma == "strike":
            code = ("ASSAULT", "aerial") if objects else ("PROTEST", "strike")
        elif (lemma == "fight" and not objects) or (lemma == "charge" and not objects):
            return None
        elif lemma == "appeal" and (
            any(self.lemma(o) in _RULINGS for o in objects)
            or (self.tokens[i].dep == "relcl" and self.lemma(self.tokens[i].head) in _RULINGS)
        ):
            return None  # "a verdict he appealed": a court appeal, no political request
        elif lemma == "admit" and (self.child(i, {"ccomp"}) or not objects):
            return None  # "admitted that …" concedes a point; "admitted X into Y" gives access
        elif lemma == "encourage" and not self.child(i, {"xcomp", "ccomp"}):
            return None  # "encouraged X to withdraw" asks; "encourages dialogue" endorses
        elif lemma == "clash" and self.dispute(i):
            return None  # "X and Y clash over the budget": a quarrel, not a fight
        elif lemma == "protest" and self.child(i, {"ccomp"}):
            # "a rights group protested that …": a complaint, not a demonstration.
            code = ("ACCUSE", "disapprove")
        return Trigger(i, code[0], code[1], [i], lemma, 0.75)

    # -- step 2: embedding and flags ----------------------------------------

    def governor(self, i: int, triggers: dict[int, Trigger], root: int) -> int | None:
        """Return the trigger that governs token ``i``, if any."""
        cur = i
        for _ in range(8):
            tok = self.tokens[cur]
            if (
                tok.dep == "conj"
                and not self.child(cur, SUBJ)
                and self.tokens[tok.head].dep == "xcomp"
            ):
                # "urged X to dissolve parliament or resign": the second
                # infinitive is the addressee's, governed like the first.
                # Under an intent ("agreed to stop X and suspend Y") each is
                # the subject's own act and stays an event.
                gov = tok.head if tok.head in triggers else self.governor(tok.head, triggers, root)
                return gov if gov is not None and triggers[gov].kind == "REQUEST" else None
            if tok.dep not in _GOVERNED or tok.head == cur:
                return None
            if (
                tok.dep == "advcl"
                and self.child(cur, SUBJ)
                and any(self.low(m) in _TIME_MARKS for m in self.child(cur, {"mark"}))
            ):
                return None  # "… after X bombed the bridge": X's own event, told as a time
            cur = tok.head
            if cur in triggers:
                return cur
            if self.tokens[cur].lemma.lower() in SPEECH_VERBS:
                return None
        return None

    def flags(self, trig: Trigger) -> None:
        """Set the negated, hypothetical and future flags of a trigger."""
        reported = self._reported(trig.i)
        heads = [trig.i, *trig.absorbed] if trig.kind == "THREATEN" else [trig.i]
        for mark in self.condition_marks(heads):
            # "will withdraw … unless Y": a conditional statement of intent.
            trig.hypothetical = True
            trig.ultimatum = trig.ultimatum or mark == "unless"
        cur = trig.i
        for depth in range(4):
            tok = self.tokens[cur]
            for k in self.kids[cur]:
                kid = self.tokens[k]
                word = kid.text.lower()
                if kid.dep == "neg" or (kid.dep == "det" and word == "no" and depth == 0):
                    trig.negated = True
                elif kid.dep == "aux" and word in _BACKSHIFTED and depth <= 1 and reported:
                    # "said they would boycott": reported speech's "will".
                    trig.future = True
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

    def threat_content(self, trig: Trigger, triggers: dict[int, Trigger]) -> None:
        """Read what a threat or warning says will happen, when no trigger coded it.

        "warned that it would impose tariffs on X if …": the clause gives the
        threat's target (X) and its condition (the event is hypothetical).
        """
        if trig.kind != "THREATEN" or self.lemma(trig.i) not in INTENT_VERBS:
            return
        for comp in self.child(trig.i, {"ccomp", "xcomp"}):
            if comp in triggers or comp in trig.absorbed:
                continue
            trig.absorbed.append(comp)
            inner = Trigger(comp, "SANCTION", None, [comp], "", 0.0)
            trig.extra_targets.extend(self._targets(inner))

    def _reported(self, i: int) -> bool:
        """Say whether token ``i``'s clause is what someone said or vowed ("said X would")."""
        cur = i
        for _ in range(4):
            tok = self.tokens[cur]
            if tok.dep == "ccomp" and tok.head != cur:
                return self.lemma(tok.head) in SPEECH_VERBS | INTENT_VERBS
            if tok.dep in {"xcomp", "conj"} and tok.head != cur:
                cur = tok.head
                continue
            return False
        return False

    def condition_marks(self, heads: list[int]) -> list[str]:
        """Return the marks ("if", "unless") of condition clauses under ``heads``."""
        return [self.low(m) for h in heads for c in self.child(h, {"advcl"})
                for m in self.child(c, {"mark"}) if self.low(m) in {"if", "unless"}]  # fmt: skip

    def absorb(self, gov: Trigger, sub: Trigger) -> None:
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
        if sub.kind != "REQUEST" or gov.kind not in {"AGREE", "COOPERATE", "CONSULT"}:
            # "agreed to urge X to …": whom a request is put to is not the
            # party an agreement is made with (a protest's demand is aimed
            # at its target, though).
            gov.extra_targets.extend(self._targets(sub))
        gov.absorbed.extend([sub.i, *sub.absorbed])


def code_events(doc: AnalysedArticle, actors: ActorCoder) -> tuple[Event, ...]:
    """Return the PLOVER events of an analysed article (tokens, mentions, entities)."""
    if not doc.tokens:
        return ()
    doc = replace(doc, tokens=repair_parse(doc.tokens))
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
        where = date_and_place(doc, start_s, end_s)
        for trig in triggers.values():
            if trig.needs_embedded:
                continue
            coder.threat_content(trig, triggers)
            coder.flags(trig)
            events.extend(_events_of(coder, trig, sent, where))
        # After the sentence: its parties are what "the two leaders" in a
        # later sentence refer to.
        coder.note_meetings(toks)
    return tuple(events)


def _depth(tokens: Sequence[Token], i: int) -> int:
    depth = 0
    while tokens[i].head != i and depth < 50:
        i = tokens[i].head
        depth += 1
    return depth


def _speech_requests(coder: _Coder, toks: list[Token], triggers: dict[int, Trigger]) -> None:
    """Code "X said Y must/should …" as X's REQUEST to Y."""
    for tok in toks:
        if tok.lemma.lower() not in SPEECH_VERBS or tok.i in triggers:
            continue
        for comp in coder.child(tok.i, {"ccomp"}):
            if not any(coder.low(a) in _MUST for a in coder.child(comp, {"aux"})):
                continue
            subj = coder.child(comp, SUBJ)
            speaker = coder.child(tok.i, SUBJ)
            if not subj or not speaker or coder.low(subj[0]) in PRONOUNS:
                continue
            embedded = triggers.pop(comp, None)
            mode = {"RETREAT": "yield", "CONCEDE": "yield", "CONSULT": "meet"}.get(
                embedded.kind if embedded else "", "change"
            )
            triggers[tok.i] = Trigger(
                tok.i, "REQUEST", mode, [tok.i, comp], f"{tok.lemma.lower()} … must", 0.7,
                source_override=coder.conjuncts(speaker[0]),
                target_override=coder.conjuncts(subj[0]),
            )  # fmt: skip


def _events_of(coder: _Coder, trig: Trigger, sent: int, where: dict[str, Any]) -> list[Event]:
    """Turn one trigger into events, one per (source, target) pair."""
    tokens = coder.tokens
    i = trig.i
    if trig.source_override is None and (blame := coder.blame_roles(i)) is not None:
        trig.source_override, trig.target_override = blame  # "X said Y were to blame"
    # "talks hosted by X" is passive too: an agent and no subject.
    passive = bool(coder.child(i, PASS_SUBJ)) or (
        bool(coder.child(i, {"agent"})) and not coder.child(i, SUBJ)
    )
    # "the rebels were demobilized", and a stative passive of intent ("X is
    # committed to opening up"): the subject is who yields or intends.
    retreat = (
        passive
        and not coder._agent(i)
        and (trig.kind == "RETREAT" or coder.lemma(i) in _STATIVE_PASSIVES)
    )
    if trig.source_override is not None:
        source_heads = trig.source_override
    elif retreat:
        source_heads = [k for s in coder.child(i, PASS_SUBJ) for k in coder.conjuncts(s)]
    elif passive:
        # "its strikes are carried out": the owner of the event noun.
        owned = coder._owners(trig.noun, doers=True) if trig.noun is not None else []
        source_heads = coder._agent(i) or owned or coder.event_owners(i)
    else:
        subjects = coder._subject(i)
        source_heads = [coder.antecedent(h) for h in subjects]
        relative = source_heads != subjects
        if relative:
            # "their raids that threaten the towns": the owner does it.
            # "their disputed border that killed …": ground kills no one.
            source_heads = [
                o
                for h in source_heads
                if not coder._scene_word(h)
                for o in ([h] if coder.actors_of(h) else coder._owners(h, doers=True) or [h])
            ]
        if (trig.kind == "ASSAULT" and coder.accidental(source_heads)) or (
            trig.kind == "THREATEN" and relative and coder.accidental(source_heads, proposals=False)
        ):
            # "the bus crashed, killing twelve": no attacker; "practices that
            # threaten security", "a dispute that threatens to …": no one
            # threatens anyone.
            return []
    if any(coder.low(h) in _INDEFINITE for h in source_heads):
        return []  # "as long as everyone agrees": a generic statement, no one acted
    if trig.kind in {"SUPPORT", "REJECT", "AGREE"} and coder.poll_share(source_heads):
        return []  # "62% of Chileans support the treaty": an opinion poll
    target_heads = [t for t in coder._targets(trig) if not (retreat and t in source_heads)]
    sources = [a for h in dict.fromkeys(source_heads) for a in coder.actors_of(h)]
    targets = [a for h in dict.fromkeys(target_heads) for a in coder.actors_of(h)]
    if not sources:
        # "Both leaders held talks", "the sides signed": who was named before.
        sources = coder.group_antecedents(source_heads)
    home = coder.home_country(sent)
    sources = [coder.domestic(a, home) for a in sources]
    where_country = coder.scene_country(trig)
    targets = [coder.placed(coder.domestic(a, home), where_country) for a in targets]
    if passive and not sources and trig.kind in {"COERCE", "SANCTION"}:
        place = coder.place_actor(i, preps=SCENE_PREPS | {"by"})
        if place is not None:
            sources = [place]
    if not sources and (unattributed := coder.unattributed_source(trig)) is not None:
        sources = [unattributed]
    if trig.kind == "THREATEN" and trig.mode in _RESTRICT_MODES and targets:
        # "threatened to ban voting in X if Y runs": a restriction falls on
        # the place it is imposed in; the condition's subject is the fallback.
        conditional = set(coder.condition_subjects([i, *trig.absorbed]))
        if all(a.head in conditional for a in targets) and coder.scene_target(trig) is not None:
            targets = []
    if not targets:
        # A protest, curfew or ban with no one named is aimed at the
        # government of where it happens ("blocked roads in the capital").
        scene = coder.scene_target(trig)
        if scene is not None:
            targets = [scene]
    targets = [t for t in targets if all(t.head != s.head and t.name != s.name for s in sources)]
    kind, mode = trig.kind, trig.mode
    negated = trig.negated
    if negated and kind in {"AGREE", "SUPPORT"} and (trig.future or not trig.hypothetical):
        # "will not accept", "did not agree": a refusal is a REJECT event.
        kind, mode, negated = "REJECT", None, False
    # Step 3: statements of future action are intents (PLOVER); "X will …
    # unless Y" is an ultimatum, a threat whatever the action.
    if trig.ultimatum and trig.future and not negated and kind != "THREATEN":
        kind, mode = "THREATEN", threat_mode(kind, mode)
    elif trig.future and not negated and kind not in VERBAL:
        if kind in CONFLICT_TYPES:
            kind, mode = "THREATEN", threat_mode(kind, mode)
        else:
            kind, mode = "AGREE", None
    pairs: list[tuple[Actor | None, Actor | None]]
    if kind in _SYMMETRIC and not targets and len(sources) > 1:
        pairs = [(s, t) for s in sources for t in sources if s is not t]
    else:
        maybe_sources: list[Actor | None] = list(sources) or [None]
        maybe_targets: list[Actor | None] = list(targets) or [None]
        pairs = [(s, t) for s in maybe_sources for t in maybe_targets]
    if not (trig.negated or trig.hypothetical):
        coder.note_parties(sources, targets)
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
