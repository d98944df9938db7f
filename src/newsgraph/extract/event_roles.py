"""Who did it to whom: the actors of an event trigger (issue #5).

Split from :mod:`.events`, which finds the triggers; this module holds the
rules that pick an event's source and target. The records both use
(:class:`Trigger`, :class:`Actor`), the dependency-label sets and the parse
helpers :class:`RoleFinder` inherits (:class:`~.event_parse.ParseHelpers`)
live in :mod:`.event_parse`, and are re-exported here. The rules:

- the subject is the source, climbing through control and participle
  clauses ("X threatened to attack", "…, accusing Y") until an actor is
  found; in the passive the "by" agent is the source;
- the target is the object or the object of "against", "on", "with", "to",
  …; a target that is a proposal or an action ("an Australian ultimatum",
  "the invasion of X") is the party it belongs to or concerns;
- pronouns go through the in-article resolver (:mod:`.coref`), else a
  pronoun subject of what a speaker said is the speaker ("X said it
  would …");
- an actor whose words name no country takes the sentence's *home
  country* (the majority country of its places, demonyms and named actors).
"""

from __future__ import annotations

from newsgraph.extract.actor_lexicon import GENERIC_ROLES, ROLE_SECTORS
from newsgraph.extract.actors import ActorCoder
from newsgraph.extract.attribution_parse import relative_head
from newsgraph.extract.coref import PRONOUNS, Resolver, shared_resolver
from newsgraph.extract.entities import mention_tokens
from newsgraph.extract.event_lexicon import (
    CARRIER_NOUNS,
    DEVERBAL,
    INTENT_VERBS,
    LABOUR_CONTEXT,
    LABOUR_STRIKE_WORDS,
    MEETING_PREPS,
    MILITARY_CONTEXT,
    MILITARY_STRIKE_WORDS,
    NON_PARTY_NOUNS,
    NOUNS,
    PARTY_NOUNS,
    PROPOSAL_NOUNS,
    QUANTITY_NOUNS,
    REGION_CODES,
    SPEECH_VERBS,
    STANCE_NOUNS,
    STRIKE_MODES,
    TALK_NOUNS,
    TOPIC_PREPS,
    TOPIC_TYPES,
    WEAPON_NOUNS,
)
from newsgraph.extract.event_parse import (
    NON_COUNTRIES,
    NOT_ACTORS,
    OBJ,
    PASS_SUBJ,
    SUBJ,
    TARGET_PREPS,
    VERBAL,
    Actor,
    ParseHelpers,
    Trigger,
    tok_is_common,
)
from newsgraph.records import AnalysedArticle, Token

__all__ = [
    "NON_COUNTRIES",
    "NOT_ACTORS",
    "PASS_SUBJ",
    "SUBJ",
    "VERBAL",
    "Actor",
    "RoleFinder",
    "Trigger",
    "tok_is_common",
]


# Words for a share of a population: a poll's result, not an actor.
_SHARES = frozenset({"%", "percent", "per cent", "majority", "minority", "half", "third",
                     "quarter", "fifth", "share", "proportion", "plurality"})  # fmt: skip
_POPULATIONS = frozenset({"population", "people", "public", "voter", "citizen", "resident",
                          "respondent", "adult", "household", "consumer"})  # fmt: skip


class RoleFinder(ParseHelpers):
    """Parse helpers and the rules that find an event's source and target."""

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
        starts = [t.start for t in self.tokens]
        for mention in doc.mentions:
            if mention.entity_id is None:
                continue
            lo, hi = mention_tokens(self.tokens, mention.start, mention.end, starts)
            for k in range(lo, hi):
                self.mention_of[k] = mention.entity_id
        self.entities = {e.id: e for e in doc.entities}
        self._resolver: Resolver | None = None
        self._home: dict[int, str | None] = {}
        self._sent_lemmas: dict[int, set[str]] = {}
        self._by_sent: dict[int, list[Token]] | None = None
        self._actor_cache: dict[int, list[Actor]] = {}
        self.parties: list[Actor] = []  # the last two-sided interaction's parties
        self._article_home: str | None = None  # "" once computed and empty
        self.when = (doc.article.published or "")[:10] or None

    # -- step 1: triggers ---------------------------------------------------

    def noun_code(self, i: int) -> tuple[str, str | None] | None:
        """Return the (type, mode) an event noun names, reading its modifiers."""
        lemma = self.lemma(i)
        mod_heads = [k for k in self.kids[i] if self.tokens[k].dep in {"compound", "amod", "nmod"}]
        # "rocket and artillery strikes": the conjoined modifiers count too.
        mods = [self.lemma(c) for k in mod_heads for c in [k, *self.child(k, {"conj"})]]
        if lemma == "strike":
            return self._strike(i, mods)
        if lemma == "attack" and "drone" in mods:
            return ("ASSAULT", "drone")
        if lemma == "bombing" and "suicide" in mods:
            return ("ASSAULT", "suicide-attack")
        if lemma in CARRIER_NOUNS:
            for m in mods:
                if m in NOUNS:
                    return NOUNS[m]
            return None
        return NOUNS.get(lemma)

    def _strike(self, i: int, mods: list[str]) -> tuple[str, str | None]:
        """Tell a military strike (ASSAULT) from a labour one (PROTEST)."""
        for m in mods:
            if m in STRIKE_MODES:
                return STRIKE_MODES[m]
        if any(m in MILITARY_STRIKE_WORDS for m in mods):
            return ("ASSAULT", "aerial")
        tok = self.tokens[i]
        if any(m in LABOUR_STRIKE_WORDS for m in mods) or (
            tok.dep == "pobj" and self.low(tok.head) == "on"
        ):
            return ("PROTEST", "strike")  # "a teachers' strike", "went on strike"
        if any(self.low(k) in {"on", "against"} and self.child(k, {"pobj"})
               for k in self.child(i, {"prep"})):  # fmt: skip
            return ("ASSAULT", "aerial")  # "strikes on the port"
        # No modifier decides: the sentence's other words do ("killed",
        # "missiles" vs "workers", "wages"); labour is the default.
        sent = self.tokens[i].sent
        if sent not in self._sent_lemmas:
            self._sent_lemmas[sent] = {t.lemma.lower() for t in self.sentence_tokens(sent)}
        words = self._sent_lemmas[sent]
        if len(words & MILITARY_CONTEXT) > len(words & LABOUR_CONTEXT):
            return ("ASSAULT", "aerial")
        return ("PROTEST", "strike")

    # -- step 4: actors -----------------------------------------------------

    def _subject(self, i: int) -> list[int]:
        """Return the source heads: the subject, climbing to the clause that has one.

        Control ("X threatened to attack"), shared subjects, adjectives ("X is
        willing to"), gerunds ("took to throwing") and participle clauses
        ("…, accusing Y", climbing past a subject that names no actor) take
        the subject above; an event noun as subject gives its owner.
        """
        cur = i
        for _ in range(6):
            # Above the event's own verb, a passive subject is the clause's
            # subject too: "X's strategy is focused on …, disregarding Y".
            subj = self.child(cur, SUBJ) or (self.child(cur, PASS_SUBJ) if cur != i else [])
            tok = self.tokens[cur]
            if subj:
                heads = self.conjuncts(subj[0])
                if any(self.actors_of(h) for h in heads):
                    return heads
                owners = [o for h in heads if self._is_thing(h) for o in self._owners(h)]
                # "Kiev's strategy is focused on …, while disregarding X":
                # a thing's possessor does what the thing does.
                owners = owners or [
                    o for h in heads if self.tokens[h].pos == "NOUN"
                    for o in self.child(h, {"poss"}) if self.actors_of(o)
                ]  # fmt: skip
                if owners:
                    return owners
                if not (self._participle(i) and tok.dep in {"ccomp", "advcl", "conj"}):
                    return heads
            if tok.dep == "acl" and not self.child(cur, {"agent"}) and self.actors_of(tok.head):
                # "youths resorting to …" (or a main verb the parser attached
                # to its subject): the actor modified is the doer.
                return self.conjuncts(tok.head)
            if (
                tok.dep == "ccomp"
                and tok.tag in {"VBZ", "VBP", "VBD"}
                and self.lemma(tok.head) in SPEECH_VERBS
            ):
                # "events the council says violate …": a reported finite verb
                # whose subject the parser lost is not the speaker's act.
                return []
            if tok.dep in {"xcomp", "conj", "advcl", "ccomp", "acomp"} and tok.head != cur:
                cur = tok.head
                continue
            if tok.dep == "acl" and (owner := self.child(tok.head, {"poss"})):
                return owner  # "X's efforts to mediate"
            if tok.dep == "relcl" and any(self.low(a) == "to" for a in self.child(cur, {"aux"})):
                # "converged for a rally to protest X": an infinitive on a
                # noun is done by the subject of the clause the noun is in,
                # unless the noun is an actor ("sent troops to attack").
                if self.actors_of(tok.head):
                    return self.conjuncts(tok.head)
                cur = tok.head
                continue
            if tok.dep in {"dobj", "pobj", "acl", "pcomp", "prep"} and tok.pos in {
                "NOUN", "VERB", "ADP"
            }:  # fmt: skip
                cur = tok.head
                continue
            break
        return []

    def event_owners(self, i: int) -> list[int]:
        """Return who did a passive event "in"/"during" an event noun ("injured in X's attacks")."""
        out: list[int] = []
        for k in self.child(i, {"prep"}):
            if self.low(k) in {"in", "during", "by", "from"}:
                for p in self.child(k, {"pobj"}):
                    if self.tokens[p].pos == "NOUN" and self.noun_code(p) is not None:
                        out.extend(self._owners(p))
        return out

    def poll_share(self, heads: list[int]) -> bool:
        """Say whether a subject is a share of a population ("62% of Chileans", "a majority").

        "Some 62% of Chileans support the treaty" reports an opinion poll,
        not an act of support by anyone; "half of the ministers rejected it"
        is still the ministers' act.
        """
        for h in heads:
            share = self.low(h) in _SHARES or any(
                self.low(k) in _SHARES
                for k in self.kids[h]
                if self.tokens[k].dep in {"nummod", "predet", "det", "amod", "quantmod"}
            )
            if not share:
                continue
            counted = [h] + [p for k in self.child(h, {"prep"}) if self.low(k) == "of"
                             for p in self.child(k, {"pobj"})]  # fmt: skip
            if any(self.tokens[c].ent_type == "NORP" or self.lemma(c) in _POPULATIONS
                   for c in counted):  # fmt: skip
                return True
        return False

    def antecedent(self, i: int) -> int:
        """Return what a relative pronoun subject stands for ("practices *that* threaten")."""
        head = relative_head(self.tokens, i)
        return i if head is None else head

    def accidental(self, heads: list[int], *, proposals: bool = True) -> bool:
        """Say whether a harm's subject is a thing that attacks no one ("the bus", "a storm").

        A word for people or a body ("local officials", "the residents") is
        never such a thing, even when no country or sector is found for it;
        nor is an event noun ("the attack killed …"), nor, with ``proposals``,
        a proposal or other action noun whose owner may be the doer.
        """
        if not heads:
            return False
        for h in heads:
            tok = self.tokens[h]
            thing = self._is_thing(h) if proposals else self.noun_code(h) is not None
            if tok.pos != "NOUN" or self.actors_of(h) or thing:
                return False
            lemma = tok.lemma.lower()
            if lemma in WEAPON_NOUNS or lemma in ROLE_SECTORS or lemma in GENERIC_ROLES:
                return False
        return True

    def _participle(self, i: int) -> bool:
        """Say whether token ``i`` heads a subjectless participle clause ("…, accusing Y")."""
        tok = self.tokens[i]
        return (
            tok.tag == "VBG"
            and tok.dep in {"advcl", "conj", "xcomp"}
            and not self.child(i, SUBJ | {"mark"})
        )

    def speaker(self, head: int) -> int | None:
        """Return who said the clause a pronoun is in ("X said it would …", "X said its …")."""
        cur = self.tokens[head].head
        for _ in range(2):  # from "its" up to the clause's verb
            if self.tokens[cur].pos in {"VERB", "AUX"} or self.tokens[cur].head == cur:
                break
            cur = self.tokens[cur].head
        for _ in range(4):
            tok = self.tokens[cur]
            if tok.dep in {"ccomp", "xcomp", "acomp", "conj"} and tok.head != cur:
                cur = tok.head
                if self.lemma(cur) in SPEECH_VERBS | INTENT_VERBS:
                    subj = self.child(cur, SUBJ)
                    if subj and self.tokens[subj[0]].pos != "PRON":
                        return subj[0]
                    return None
                continue
            break
        return None

    def _agent(self, i: int) -> list[int]:
        for k in self.child(i, {"agent"}):
            for p in self.child(k, {"pobj"}):
                return self.conjuncts(p)
        return []

    def _targets(self, trig: Trigger) -> list[int]:
        i = trig.i
        if trig.target_override is not None:
            return trig.target_override
        out: list[int] = []
        if self.child(i, PASS_SUBJ):
            out = self.conjuncts(self.child(i, PASS_SUBJ)[0])
        elif self.tokens[i].dep == "acl" and self.child(i, {"agent"}):
            out = self.conjuncts(self.tokens[i].head)  # "talks hosted by X": the talks
        heads = [i]
        if trig.kind == "AID":
            # "donated and delivered goods to X": the recipient may hang on
            # the second verb of the pair.
            heads += [c for c in self.child(i, {"conj"}) if not self.child(c, SUBJ)]
        for k in (k for h in heads for k in self.child(h, OBJ)):
            if k == trig.noun:
                continue
            if self.tokens[k].pos == "ADP":
                # "sent aid to X": the parser marks "to" itself as the dative.
                out.extend(c for p in self.child(k, {"pobj"}) for c in self.conjuncts(p))
            else:
                out.extend(self.conjuncts(k))
        for owner in [i] + ([trig.noun] if trig.noun is not None else []):
            preps = TARGET_PREPS
            if owner == trig.noun:
                # "the invasion of X"; but "talks on X", "agreement over X" name a topic.
                preps = preps | {"of"}
                if trig.kind in TOPIC_TYPES:
                    preps = preps - TOPIC_PREPS
            preps_of = self.child(owner, {"prep"})
            if owner == i:
                preps_of += [k for h in heads[1:] for k in self.child(h, {"prep"})]
            has_object = owner == i and bool(self.child(i, {"dobj"}))
            for k in preps_of:
                for p in self.child(k, {"pobj"}):
                    if has_object and self.low(k) in {"on", "at"} and self._scene_word(p):
                        continue  # "shot two fishermen on Lake X": where, not whom
                    if self.low(k) in preps and self.tokens[p].ent_type not in NOT_ACTORS:
                        out.extend(self.conjuncts(p))
                    elif self.low(k) == "in" and self.lemma(p) in STANCE_NOUNS:
                        # "in protest against X", "in defiance of X".
                        out.extend(q for r in self.child(p, {"prep"})
                                   if self.low(r) in TARGET_PREPS | {"of"}
                                   for q in self.child(r, {"pobj"}))  # fmt: skip
        if trig.noun is not None and not out:
            out = [k for k in self.kids[trig.noun] if self.tokens[k].dep == "poss"]
        addressed = trig.kind in VERBAL or trig.kind in {"COERCE", "SANCTION"}
        if addressed and not any(self.actors_of(t) for t in out):
            # "demanded that the US cancel …": the addressee is the clause's subject.
            for comp in self.child(i, {"ccomp"}):
                out.extend(k for s in self.child(comp, SUBJ | PASS_SUBJ)
                           for k in self.conjuncts(s))  # fmt: skip
        if trig.kind == "PROTEST" and not any(self.actors_of(t) for t in out):
            # "threw stones during demonstrations against X's policies".
            out.extend(self._against(i, depth=4))
        if trig.kind == "THREATEN" and not any(self.actors_of(t) for t in out):
            # "threatened to X if Y goes ahead": the threat is aimed at Y.
            out.extend(self.condition_subjects([i, *trig.absorbed]))
        if not any(self.actors_of(t) for t in out):
            # "declined to resign despite pressure by X": what is defied is X's.
            out.extend(p for h in [i, *self.child(i, {"xcomp"})] for k in self.child(h, {"prep"})
                       if self.low(k) == "despite" for p in self.child(k, {"pobj"}))  # fmt: skip
        if not any(self.actors_of(t) for t in out):
            # "called off the strike after deliberations with the government":
            # the party the outcome was reached with.
            out.extend(self.counterparts(i))
        if not self.child(i, OBJ) and not any(self.actors_of(t) for t in out):
            # "denounced as an ugly crime X's suppression of …": the parser
            # makes the shifted object an apposition of the "as" phrase.
            out.extend(a for k in self.child(i, {"prep"}) if self.low(k) == "as"
                       for p in self.child(k, {"pobj"})
                       for a in self.child(p, {"appos"}))  # fmt: skip
        owned: list[int] = []
        for t in out:
            if self._is_thing(t) or (self.tokens[t].pos == "NOUN" and not self.actors_of(t)):
                # "Assad's failure", "relations with Russia": the party concerned;
                # "calls by Belarus's rulers": the owner of a named-less owner.
                for o in self._owners(t):
                    bare = self.tokens[o].pos == "NOUN" and not self.actors_of(o)
                    owned.extend(self._owners(o) if bare else [o])
            else:
                owned.append(t)
        return [t for t in dict.fromkeys(owned + trig.extra_targets) if t != i]

    def counterparts(self, i: int) -> list[int]:
        """Return who talks "after/during talks with X" on token ``i`` were held with."""
        out: list[int] = []
        for h in [i, *self.child(i, {"xcomp"})]:
            for k in self.child(h, {"prep"}):
                if self.low(k) not in MEETING_PREPS:
                    continue
                # "following talks with X": the small model makes it a verb.
                for p in self.child(k, {"pobj", "dobj"}):
                    code = self.noun_code(p)
                    if self.lemma(p) in TALK_NOUNS or (code is not None and code[0] == "CONSULT"):
                        out.extend(c for r in self.child(p, {"prep"})
                                   if self.low(r) in {"with", "between"}
                                   for q in self.child(r, {"pobj"})
                                   for c in self.conjuncts(q))  # fmt: skip
        return out

    def _against(self, i: int, depth: int) -> list[int]:
        """Return the objects of "against" below token ``i`` (not in its subject)."""
        out: list[int] = []
        for k in self.kids[i]:
            if self.tokens[k].dep in SUBJ | PASS_SUBJ or depth <= 0:
                continue
            if self.tokens[k].dep == "prep" and self.low(k) == "against":
                out.extend(self.child(k, {"pobj"}))
            elif self.lemma(k) in STANCE_NOUNS and self.tokens[k].pos == "NOUN":
                # "blocked a road to show their anger at X's policies".
                out.extend(p for r in self.child(k, {"prep"})
                           if self.low(r) in TARGET_PREPS | {"of"}
                           for p in self.child(r, {"pobj"}))  # fmt: skip
            else:
                out.extend(self._against(k, depth - 1))
        return out

    def _is_thing(self, i: int) -> bool:
        tok = self.tokens[i]
        lemma = tok.lemma.lower()
        if tok.pos != "NOUN":
            return False
        deverbal = DEVERBAL.search(lemma) is not None and lemma not in PARTY_NOUNS
        return lemma in PROPOSAL_NOUNS or deverbal or self.noun_code(i) is not None

    def _named_modifier(self, k: int) -> bool:
        """Say whether modifier ``k`` names a party ("Russian", "US", "NATO")."""
        tok = self.tokens[k]
        if tok.ent_type in {"NORP", "GPE", "ORG"}:
            return True
        # The small model leaves some short names untagged ("US Predator attacks").
        return tok.pos == "PROPN" and bool(self.actors_of(k))

    def _owners(self, i: int, *, doers: bool = False) -> list[int]:
        """Return whose proposal or whom an event noun is about ("a US offer", "sanctions on X").

        With ``doers``, only who does it: "its strikes", "US attacks", "attacks
        by X", not the X of "attacks on X".
        """
        preps = frozenset({"by"}) if doers else TARGET_PREPS | {"by", "of"}
        out: list[int] = []
        for k in self.kids[i]:
            tok = self.tokens[k]
            if tok.dep == "poss" or (tok.dep in {"amod", "compound"} and k < i
                                     and self._named_modifier(k)):  # fmt: skip
                out.append(k)
            elif tok.dep in {"nmod", "compound"} and k < i:
                out.extend(self.child(k, {"poss"}))  # "its drone strikes"
                # "US drone attacks": the name modifies the modifier.
                out.extend(m for m in self.child(k, {"amod", "compound"})
                           if m < k and self._named_modifier(m))  # fmt: skip
            elif (
                tok.dep == "prep"
                and self.low(k) in preps
                and not (
                    self.low(k) in TOPIC_PREPS
                    and (self.noun_code(i) or ("", None))[0] in TOPIC_TYPES
                )
            ):
                out.extend(p for p in self.child(k, {"pobj"}) if not self._is_thing(p))
        return out

    def actor(self, head: int) -> Actor | None:
        tok = self.tokens[head]
        if tok.pos == "ADJ" and tok.ent_type in {"NORP", "GPE"}:
            # "an Australian ultimatum": the demonym names the party.
            code = self.actors.code(tok.text, entity_type="NORP", when=self.when)
            return Actor(tok.text, code.country, code.sector, None, head) if code.country else None
        if tok.pos not in {"NOUN", "PROPN", "PRON"} or self.noun_code(head) is not None:
            return None
        if tok.ent_type in NOT_ACTORS or tok.lemma.lower() in NON_PARTY_NOUNS:
            return None
        if tok.pos == "NOUN" and any(
            self.lemma(p) in NON_PARTY_NOUNS
            for k in self.child(head, {"prep"}) if self.low(k) == "of"
            for p in self.child(k, {"pobj"})
        ):  # fmt: skip
            return None  # "the use of the Kurdish language"
        eid = self.mention_of.get(head)
        if eid is None and tok.pos == "PROPN" and tok.text[:1].isupper():
            # "Mwale conceded": a surname the tagger missed, of a person named before.
            if self._resolver is None:
                self._resolver = shared_resolver(self.doc)
            found = self._resolver.resolve(head, head + 1)
            eid = found.entity_id if found.method == "surname" else None
        if tok.pos == "PRON" or (eid is None and tok.text.lower() in PRONOUNS):
            if tok.text.lower() not in PRONOUNS or tok.text.lower().endswith(("self", "selves")):
                return None  # "defend itself": a reflexive is its own subject, no other party
            if self._resolver is None:
                self._resolver = shared_resolver(self.doc)
            res = self._resolver.resolve(head, head + 1)
            eid = res.entity_id
            if eid is None or eid not in self.entities:
                # "Bolivia says it is willing …": a pronoun subject of what a
                # speaker said is the speaker, when the resolver finds no one.
                said_by = self.speaker(head) if tok.dep in SUBJ | {"poss"} else None
                return self.actor(said_by) if said_by is not None else None
        phrase = self._phrase(head)
        if eid is not None and eid in self.entities:
            ent = self.entities[eid]
            country, sector = ent.country, ent.sector
            if (country is None or sector is None) and tok.pos != "PRON":
                code = self.actors.code(phrase, context="; ".join(ent.roles),
                                        entity_type=ent.type, when=self.when)  # fmt: skip
                country, sector = country or code.country, sector or code.sector
            if country is None and phrase.lower() in REGION_CODES:
                country = REGION_CODES[phrase.lower()]  # "the West" tagged as a place
            return Actor(ent.name, country, sector, eid, head)
        label = tok.ent_type or None
        capitalised = sum(w[:1].isupper() for w in phrase.split())
        if label is None and tok.pos == "PROPN" and capitalised > 1:
            # A proper name the tagger missed ("the Kenya Fisheries Board"): a
            # name, so a country that opens it is evidence, as for an ORG.
            label = "ORG"
        code = self.actors.code(phrase, entity_type=label, when=self.when)
        region = None if code.country else self.region(head)
        if code.country is None and code.sector is None and region is None:
            return None
        if (
            tok.pos == "NOUN"
            and code.role
            and any(
                self.tokens[k].pos == "ADJ" and self.low(k) == code.role for k in self.kids[head]
            )
        ):
            # "official contact", "military policies": an adjective that is
            # also a role word does not make a thing an actor.
            return None
        return Actor(phrase, code.country or region, code.sector, None, head)

    def actors_of(self, head: int) -> list[Actor]:
        """Return the actors a head names; "Hungarian and Romanian officials" names two."""
        if head not in self._actor_cache:
            self._actor_cache[head] = self._actors_of(head)
        return list(self._actor_cache[head])

    def _actors_of(self, head: int) -> list[Actor]:
        tok = self.tokens[head]
        if tok.ent_type in NOT_ACTORS or tok.lemma.lower() in QUANTITY_NOUNS:
            # "Thousands of Kenyan workers": the actor is what is counted.
            for k in self.child(head, {"prep"}):
                if self.low(k) == "of":
                    for p in self.child(k, {"pobj"}):
                        return self.actors_of(p)
        split: list[Actor] = []
        if tok.pos == "NOUN":
            for k in self.kids[head]:
                kid = self.tokens[k]
                if kid.dep not in {"amod", "compound"} or kid.ent_type not in {"NORP", "GPE"}:
                    continue
                for adj in [k, *(c for c in self.kids[k] if self.tokens[c].dep == "conj")]:
                    phrase = f"{self.tokens[adj].text} {tok.text}"
                    code = self.actors.code(phrase, entity_type="NORP", when=self.when)
                    if code.country:
                        split.append(Actor(phrase, code.country, code.sector, None, head))
        if len(split) > 1:
            return split
        found = self.actor(head)
        return [found] if found is not None else []

    def condition_subjects(self, heads: list[int]) -> list[int]:
        """Return the subjects of "if"/"unless" clauses under ``heads``."""
        out: list[int] = []
        for h in heads:
            for c in self.child(h, {"advcl"}):
                if any(self.low(m) in {"if", "unless"} for m in self.child(c, {"mark"})):
                    out.extend(k for s in self.child(c, SUBJ) for k in self.conjuncts(s))
        return out
