"""Countries for people from the article around them, where the text says so.

:func:`newsgraph.extract.entities.code_actors` codes each person from the
name and the roles attached to it ("Hungarian Foreign Minister X"). A
careful reader also uses the rest of the article; three general rules do the
same here for people the roles left without a country (rules 1-3 only for
office holders: GOV, LEG, PTY, ... sectors):

0. **Affiliation.** A role naming an organisation of the article ("X of
   the Lisbon Institute") gives that organisation's country.
1. **Nominal possessor.** "the party's MP X": the possessor is an
   organisation named earlier ("the Friends of Zeeland party"); the person
   takes that organisation's country.
2. **Clause subject.** "Norway objects because Prime Minister X wants ...":
   a person who is the subject of a clause hanging (``advcl``/``conj``)
   from a clause whose subject is a country belongs to that country.
3. **One-country article.** An article that names exactly one country (its
   name, demonym, capital or cities), and names it as an actor at least
   once (a demonym, a possessive or a clause subject), is about that
   country's politics: its untagged president, prime minister or party
   leader is that country's. A country only named as a destination ("X
   arrived in Germany") does not count as the actor.

Each rule fills only a country the entity lacks; it never overrides
evidence from the name or roles. IGO codes (EUR, NATO, UNO) are not
countries here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from newsgraph.extract.actors import ActorCoder
from newsgraph.records import AnalysedArticle, Entity, Mention, Token

__all__ = ["fill_countries"]

# Sectors of office holders whose country follows from the country they serve.
_OFFICE_SECTORS = frozenset({"GOV", "LEG", "PTY", "JUD", "MIL", "COP", "SPY", "OPP", "ELI"})
_IGO_CODES = frozenset({"EUR", "NATO", "UNO", "IGO"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLAUSE_LINKS = frozenset({"advcl", "conj"})
_PLACE_TYPES = frozenset({"GPE", "NORP"})
# A lower-case possessor opening a title: "party’s" in "the party’s MP X".
_COMMON_POSSESSOR = re.compile(r"^([a-z]+)(?:['’]s|['’])$")


def fill_countries(doc: AnalysedArticle, coder: ActorCoder) -> AnalysedArticle:
    """Give office holders without a country the one the article gives them."""
    people = [e for e in doc.entities if e.type == "PERSON" and e.country is None]
    if not people or not doc.tokens:
        return doc
    starts = [t.start for t in doc.tokens]
    codes = _mention_countries(doc, coder)
    article_country = _single_country(doc, codes, starts)
    by_entity: dict[str, list[Mention]] = {}
    for mention in doc.mentions:
        if mention.entity_id:
            by_entity.setdefault(mention.entity_id, []).append(mention)
    filled: dict[str, str] = {}
    orgs = [e for e in doc.entities if e.type == "ORG" and e.country]
    for person in people:
        affiliated = _affiliation_country(person, orgs)
        if affiliated:
            filled[person.id] = affiliated
            continue
        if person.sector not in _OFFICE_SECTORS:
            continue
        mentions = sorted(by_entity.get(person.id, []), key=lambda m: m.start)
        if not mentions:
            continue
        country = (
            _possessor_country(doc, person, mentions[0], coder, codes)
            or _subject_country(doc, mentions, codes, starts)
            or article_country
        )
        if country:
            filled[person.id] = country
    if not filled:
        return doc
    entities = tuple(
        replace(e, country=filled[e.id]) if e.id in filled else e for e in doc.entities
    )
    return replace(doc, entities=entities)


def _affiliation_country(person: Entity, orgs: list[Entity]) -> str | None:
    """Return the country of an organisation the person's roles name.

    "Ana Vidal of La Voz de Galicia" carries the role "La Voz de Galicia",
    an organisation of the article coded on its own.
    """
    for role in person.roles:
        for org in orgs:
            if org.country not in _IGO_CODES and org.name in role:
                return org.country
    return None


def _mention_countries(doc: AnalysedArticle, coder: ActorCoder) -> dict[int, str]:
    """Map the index of each GPE/NORP mention naming a country to its ISO code."""
    codes: dict[int, str] = {}
    for index, mention in enumerate(doc.mentions):
        if mention.type not in _PLACE_TYPES:
            continue
        country = coder.code(mention.text, entity_type=mention.type).country
        if country and country not in _IGO_CODES:
            codes[index] = country
    return codes


def _tokens_of(mention: Mention, tokens: Sequence[Token], starts: list[int]) -> range:
    first = max(bisect_right(starts, mention.start) - 1, 0)
    last = max(bisect_right(starts, mention.end - 1), first + 1)
    return range(first, last)


def _single_country(doc: AnalysedArticle, codes: dict[int, str], starts: list[int]) -> str | None:
    """Return the one country the article names, if it also names it as an actor."""
    if len(set(codes.values())) != 1:
        return None
    tokens = doc.tokens
    for index in codes:
        mention = doc.mentions[index]
        span = _tokens_of(mention, tokens, starts)
        after = span.stop
        possessive = after < len(tokens) and tokens[after].dep == "case"
        subject = any(tokens[k].dep in _SUBJECT_DEPS for k in span)
        if mention.type == "NORP" or possessive or subject:
            return next(iter(codes.values()))
    return None


def _possessor_country(
    doc: AnalysedArticle,
    person: Entity,
    first: Mention,
    coder: ActorCoder,
    codes: dict[int, str],
) -> str | None:
    """Resolve "the party's MP X" to the country of the party named before."""
    nouns = set()
    for role in person.roles:
        head, _, rest = role.partition(" ")
        match = _COMMON_POSSESSOR.match(head)
        if match and rest:
            nouns.add(match.group(1))
    if not nouns:
        return None
    sectors = {coder.code(noun).sector for noun in nouns} - {None}
    text = doc.article.text
    best: tuple[int, str] | None = None
    for org in doc.entities:
        if org.type != "ORG" or org.id == person.id:
            continue
        code = coder.code(org.name, entity_type="ORG")
        country = code.country
        if not country or country in _IGO_CODES:
            continue
        for mention in doc.mentions:
            if mention.entity_id != org.id or mention.start >= first.start:
                continue
            # The noun may follow the name ("the Friends of Zeeland party").
            words = {w.lower() for w in org.name.split()}
            words.update(text[mention.end : mention.end + 20].lower().split()[:1])
            named = bool(nouns & words) or code.sector in sectors
            if named and (best is None or mention.start > best[0]):
                best = (mention.start, country)
    # Or a country's noun phrase: "Spain's ruling party ... the party's MP X".
    starts = [t.start for t in doc.tokens]
    for index, country in codes.items():
        mention = doc.mentions[index]
        if mention.start >= first.start or (best and mention.start < best[0]):
            continue
        for k in _tokens_of(mention, doc.tokens, starts):
            owner = doc.tokens[doc.tokens[k].head]
            if doc.tokens[k].dep == "poss" and owner.lemma.lower() in nouns:
                best = (mention.start, country)
    return best[1] if best else None


def _subject_country(
    doc: AnalysedArticle, mentions: list[Mention], codes: dict[int, str], starts: list[int]
) -> str | None:
    """Return the country that is the subject of the clause governing the person's."""
    tokens = doc.tokens
    subject_of: dict[int, str] = {}
    for index, country in codes.items():
        for k in _tokens_of(doc.mentions[index], tokens, starts):
            if tokens[k].dep in _SUBJECT_DEPS:
                subject_of[tokens[k].head] = country
    if not subject_of:
        return None
    for mention in mentions:
        for k in _tokens_of(mention, tokens, starts):
            if tokens[k].dep not in _SUBJECT_DEPS:
                continue
            verb = tokens[tokens[k].head]
            if verb.dep in _CLAUSE_LINKS and verb.head in subject_of:
                return subject_of[verb.head]
    return None
