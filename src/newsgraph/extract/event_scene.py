"""Where an event happened and whose country its actors take (issue #5).

Split from :mod:`.event_roles`, which picks an event's source and target
heads; this module holds the rules that read the scene:

- the sentence's *home country* (the majority country of its places,
  demonyms and named actors) for actors whose words name no country, the
  "domestic by default" convention of event coders;
- an "ethnic" group ("ethnic Turks protested in Sweden") is coded to the
  country it lives in, as CAMEO codes ethnic minorities, not to the
  country its demonym names;
- the target of an attack or arrest whose words name no country ("killed
  five people in Kabul") takes the country of the place it happened in,
  not the attacker's;
- the government of a place as the source of an agentless coercion ("were
  held in Chile") or the target of a protest or curfew there;
- an unidentified armed force of the place for "a roadside bomb near X";
- an event's date and place (:func:`date_and_place`): the sentence's
  resolved date, else the publication date; the place after "in", "near",
  "at", …, else the article's first such place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsgraph.extract.dates import period_start
from newsgraph.extract.event_lexicon import REFUGE_NOUNS, SPEECH_VERBS
from newsgraph.extract.event_roles import NON_COUNTRIES, SUBJ, Actor, RoleFinder, Trigger
from newsgraph.records import AnalysedArticle, Token

__all__ = ["SCENE_PREPS", "SceneFinder", "date_and_place"]

# Prepositions before a place that is where an event happened.
_PLACE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "across", "around"})
# Prepositions that put an event or a person in a place.
SCENE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around"})
# Plural nouns that refer back to the two parties of an interaction ("the
# two leaders met", "both sides agreed").
_GROUP_NOUNS = frozenset({"side", "leader", "president", "minister", "country", "nation",
                          "government", "delegation", "party", "state", "man", "woman",
                          "diplomat", "negotiator", "neighbour", "neighbor"})  # fmt: skip
# Types whose target is where the event happened: a harm or an arrest
# "in X" falls on people there.
_PLACED_TYPES = frozenset({"ASSAULT", "COERCE"})
# People who by definition come from another country than the one they are
# in or trying to reach: no home country is inferred for them.
_FOREIGN_PEOPLE = frozenset({"refugee", "migrant", "immigrant", "emigrant", "exile", "seeker"})


class SceneFinder(RoleFinder):
    """The scene rules: home country, place governments, placed targets."""

    def home_country(self, sent: int) -> str | None:
        """Return the country a sentence is about: its places', demonyms' and actors' majority.

        Falls back to the article's most frequent place country. Used for
        actors whose own words name no country ("the opposition", a person
        known only by name), the convention of event coders (domestic by
        default). Each place, demonym ("Chilean") and named actor counts
        once; ties go to the first named. A currency ("US $5 million") is no
        place, and an "ethnic" demonym names a people, not their country.
        """
        if sent in self._home:
            return self._home[sent]
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        toks = self.sentence_tokens(sent)
        lo, hi = toks[0].start, toks[-1].end
        # "US $4 million": a country code before a currency sign is a currency.
        money = {t.start for t in toks if t.ent_type == "MONEY" or (
            t.i + 1 < len(self.tokens) and self.tokens[t.i + 1].tag == "$")}  # fmt: skip
        found = [
            (p.start, p.country)
            for p in self.doc.places
            if lo <= p.start < hi and p.start not in money
        ]
        places = {p.start for p in self.doc.places}
        previous = None
        for tok in toks:
            eid = self.mention_of.get(tok.i)
            if eid and eid != previous and eid in self.entities and tok.start not in places:
                found.append((tok.start, self.entities[eid].country or ""))
            elif (
                eid is None
                and tok.ent_type == "NORP"
                and (tok.i == 0 or self.tokens[tok.i - 1].ent_type != "NORP")
                and not self.ethnic(tok.i)
                and not (tok.i >= 2 and self.low(tok.i - 2) in {"pro", "anti"})
            ):
                code = self.actors.code(tok.text, entity_type="NORP", when=self.when)
                found.append((tok.start, code.country or ""))
            previous = eid
        if not any(c for _, c in found):
            found = [(p.start, p.country) for p in self.doc.places]
        for at, country in found:
            if country and len(country) == 3 and country not in NON_COUNTRIES:
                counts[country] = counts.get(country, 0) + 1
                first.setdefault(country, at)
        home = min(counts, key=lambda c: (-counts[c], first[c])) if counts else None
        self._home[sent] = home
        return home

    def ethnic(self, i: int) -> bool:
        """Say whether token ``i`` is in a phrase led by "ethnic" ("ethnic Albanian rebels")."""
        head = i
        while (
            self.tokens[head].dep in {"amod", "compound", "nmod"} and self.tokens[head].head > head
        ):
            head = self.tokens[head].head
        return any(self.low(k) == "ethnic" for k in range(self._left_edge(head), head + 1))

    def article_home(self) -> str | None:
        """Return the country most of the article's sentences are about (ties: first)."""
        if self._article_home is None:
            homes = [h for s in sorted({t.sent for t in self.tokens})
                     if (h := self.home_country(s))]  # fmt: skip
            self._article_home = max(homes, key=homes.count) if homes else ""
        return self._article_home or None

    def domestic(self, actor: Actor, home: str | None) -> Actor:
        """Give an actor without a country the sentence's home country.

        A person named without a country takes the article's home instead: a
        named official is the same person all through the story, while a
        sentence may mention only the country they talk about. An ethnic
        group takes the home country too, when the sentence names another:
        "ethnic Turks in Sweden" are coded SWE (CAMEO's convention). Refugees,
        migrants and exiles take none: they come from elsewhere.
        """
        if actor.sector in {"IGO", "NGO", "MNC"} or home is None:
            return actor
        if actor.country is None and self.lemma(actor.head) in _FOREIGN_PEOPLE:
            # "refugees fleeing the war in X" are X's; "will not accept more
            # refugees": from elsewhere, unnamed.
            fled = self._place_within(actor.head)
            return actor if fled is None else replace(actor, country=fled, inferred=True)
        if actor.country is None and actor.entity_id is not None:
            entity = self.entities.get(actor.entity_id)
            if entity is not None and entity.type == "PERSON":
                home = self.article_home() or home
        if actor.country and not (actor.country != home and self.ethnic(actor.head)):
            return actor
        return replace(actor, country=home, inferred=True)

    def _place_within(self, head: int) -> str | None:
        """Return the country of the first place in the phrase ``head`` heads."""
        stack, hi = [head], head
        while stack:
            k = stack.pop()
            hi = max(hi, k)
            stack.extend(self.kids[k])
        lo, hi_char = self.tokens[self._left_edge(head)].start, self.tokens[hi].end
        return next((p.country for p in self.doc.places
                     if lo <= p.start < hi_char and p.country), None)  # fmt: skip

    def scene_country(self, trig: Trigger) -> str | None:
        """Return the country of the place an attack or arrest happened in, if named."""
        if trig.kind not in _PLACED_TYPES:
            return None
        for h in [trig.i, *trig.absorbed]:
            scene = self.place_actor(h, preps=SCENE_PREPS)
            if scene is not None:
                return scene.country
        # "were hurt in X's raids on a town in Y": the place of the
        # attack noun that caused the harm.
        for h in [trig.i, *trig.absorbed]:
            for k in self.child(h, {"prep"}):
                for p in self.child(k, {"pobj"}):
                    if self.tokens[p].pos == "NOUN" and self.noun_code(p) is not None:
                        scene = self.place_actor(p, preps=SCENE_PREPS)
                        if scene is not None:
                            return scene.country
        return None

    def placed(self, actor: Actor, scene: str | None) -> Actor:
        """Give a target whose words name no country the country of the event's scene.

        "Drones from Ruritania killed five people in Kabul": the people are
        Afghanistan's, not the attacker's home country.
        """
        if scene is None or not actor.inferred or actor.country == scene:
            return actor
        return replace(actor, country=scene)

    def place_actor(self, i: int, preps: frozenset[str] = frozenset({"in", "by"})) -> Actor | None:
        """Return the government of the place an event happened in ("in Chile")."""
        for k in self.child(i, {"prep"}) + [
            c for o in self.child(i, {"dobj", *SUBJ}) for c in self.child(o, {"prep"})
        ]:
            if self.low(k) in preps:
                for p in self.child(k, {"pobj"}):
                    # "near the town of X": the place is the "of" phrase.
                    # "near X Airport in Germany": the wider place counts too.
                    # "in Montenegro province": the name is a compound.
                    named = [p] + [q for r in self.child(p, {"prep"}) if self.low(r) in {"of", "in"}
                                   for q in self.child(r, {"pobj"})]  # fmt: skip
                    named += [c for q in list(named) for c in self.child(q, {"compound"})
                              if self.tokens[c].ent_type in {"GPE", "LOC"}]  # fmt: skip
                    for q in named:
                        found = self._place_government(q)
                        if found is not None:
                            return found
        return None

    def _place_government(self, q: int) -> Actor | None:
        """Return the government of the place token ``q`` names, if it names one."""
        tok = self.tokens[q]
        # The small model sometimes tags a town as NORP.
        if tok.ent_type not in {"GPE", "LOC"} and not (
            tok.ent_type == "NORP" and tok.pos == "PROPN"
        ):
            return None
        found = self.actor(q)
        if found is None or not found.country:
            # A town the actor coder does not know may still be in the
            # gazetteer ("near the town of X"): the places stage geocoded it.
            place = next((pl for pl in self.doc.places
                          if pl.start <= tok.start < pl.end and pl.country), None)  # fmt: skip
            if place is None:
                return None
            found = Actor(self.text[place.start : place.end], place.country, None, None, q)
        # The place's government, not its people.
        sector = "GOV" if found.sector in {None, "CVL"} else found.sector
        return replace(found, sector=sector)

    def scene_target(self, trig: Trigger) -> Actor | None:
        """Return the government of the scene a protest, curfew or ban is aimed at."""
        heads = [trig.i, *trig.absorbed]
        if trig.kind == "RETREAT":
            # "will evacuate the settlements in X": ground given up yields to
            # X; a ceasefire "in X" is only where it holds.
            for h in heads:
                for obj in self.child(h, {"dobj"}):
                    if self.noun_code(obj) is not None:
                        continue  # "declared a ceasefire in X"
                    for k in self.child(obj, {"prep"}):
                        if self.low(k) in {"in", "at", "near"}:
                            for p in self.child(k, {"pobj"}):
                                if (found := self._place_government(p)) is not None:
                                    return found
            return None
        wanted = trig.kind in {"PROTEST", "COERCE", "CONCEDE"} or (
            trig.kind == "THREATEN" and trig.mode in {"restrict", "curfew", "ban", None}
        )
        if not wanted and not any(self.lemma(k) in REFUGE_NOUNS for k in trig.words):
            return None
        for h in heads:
            scene = self.place_actor(h, preps=frozenset({"in", "at", "near"}))
            if scene is not None:
                return scene
        return None

    # -- "the two leaders", "the sides": the parties named before ----------

    def note_parties(self, sources: list[Actor], targets: list[Actor]) -> None:
        """Remember the two sides of an interaction for later group anaphors."""
        parties = list({a.name: a for a in [*sources, *targets]}.values())
        if len(parties) >= 2 and any(a.country for a in parties):
            self.parties = parties[:2]

    def note_meetings(self, toks: list[Token]) -> None:
        """Remember "a meeting between A and B" (named even when no event is coded)."""
        for tok in toks:
            code = self.noun_code(tok.i) if tok.pos == "NOUN" else None
            if code is None or code[0] != "CONSULT":
                continue
            heads = [c for k in self.child(tok.i, {"prep"}) if self.low(k) == "between"
                     for p in self.child(k, {"pobj"}) for c in self.conjuncts(p)]  # fmt: skip
            parties = [a for h in heads for a in self.actors_of(h)]
            self.note_parties(parties[:1], parties[1:])

    def group_antecedents(self, heads: list[int]) -> list[Actor]:
        """Return the parties "the two leaders", "both sides" or "the sides" refer back to.

        The last two-sided interaction of the article before this sentence,
        or the last "meeting between A and B": their names, countries and
        sectors, placed at the anaphor's words for the evidence span.
        """
        if len(heads) != 1 or not self.parties or not self._group_anaphor(heads[0]):
            return []
        return [replace(a, head=heads[0], inferred=True) for a in self.parties]

    def _group_anaphor(self, i: int) -> bool:
        tok = self.tokens[i]
        lemma = tok.lemma.lower()
        if tok.pos != "NOUN" or tok.tag != "NNS" or lemma not in _GROUP_NOUNS:
            return False
        words = {self.low(k) for k in self.kids[i] if self.tokens[k].dep in
                 {"det", "predet", "nummod", "amod"}}  # fmt: skip
        if "both" in words or ("two" in words and "the" in words):
            return True
        # "the sides agreed": sides, unlike leaders, are always two.
        return lemma == "side" and "the" in words and not (words - {"the"})

    def blame_roles(self, i: int) -> tuple[list[int], list[int]] | None:
        """Return (accusers, accused) of "X said Y were to blame", or None.

        In "Y is to blame" Y is who is blamed, not who blames; the blamer is
        whoever said so.
        """
        tok = self.tokens[i]
        if (
            self.lemma(i) != "blame"
            or tok.dep != "xcomp"
            or self.lemma(tok.head) != "be"
            or not any(self.low(a) == "to" for a in self.child(i, {"aux"}))
        ):
            return None
        be = self.tokens[tok.head]
        accused = [k for s in self.child(be.i, SUBJ) for k in self.conjuncts(s)]
        accusers: list[int] = []
        if be.dep == "ccomp" and self.lemma(be.head) in SPEECH_VERBS:
            accusers = [k for s in self.child(be.head, SUBJ) for k in self.conjuncts(s)]
        return accusers, accused

    def unattributed_source(self, trig: Trigger) -> Actor | None:
        """Code "a roadside bombing near X killed …" to an unidentified armed force of X."""
        verb = trig.i
        if not self.child(verb, SUBJ) and self.tokens[verb].dep == "conj":
            verb = self.tokens[verb].head  # "a blast killed two and wounded five"
        subj = self.child(verb, SUBJ)
        if trig.kind != "ASSAULT" or not subj or not self._is_thing(subj[0]):
            return None
        scene = self.place_actor(verb, preps=frozenset({"in", "at", "near", "outside"}))
        if scene is None:
            return None
        # Named for what it is, not for the place: the place is the location.
        name = f"unidentified armed force ({scene.name})"
        return replace(scene, name=name, sector="UAF", entity_id=None)


def date_and_place(doc: AnalysedArticle, start: int, end: int) -> dict[str, Any]:
    """Return the date, granularity and place fields for an evidence sentence."""
    out: dict[str, Any] = {"date": None, "date_granularity": None, "location": None}
    for date in doc.dates:
        if start <= date.start < end and date.value:
            out["date"] = period_start(date.value, date.granularity)
            out["date_granularity"] = date.granularity
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
    place = next(
        (p for p in doc.places if start <= p.start < end and after_preposition(p.start)), None
    ) or next((p for p in doc.places if after_preposition(p.start)), None)
    if place is not None:
        out.update(location=place.name, location_country=place.country, lat=place.lat,
                   lon=place.lon)  # fmt: skip
    return out
