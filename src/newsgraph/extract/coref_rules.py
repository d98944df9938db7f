"""Helpers of the in-article resolver (:mod:`newsgraph.extract.coref`).

Kept apart so the resolver module holds only the salience pass:

* the records the resolver hands out (:class:`Resolution`) and keeps
  (:class:`Ref`, one resolved reference in reading order);
* pronoun classes by gender and number, and entity types a pronoun or a
  nominal may stand for;
* gender from gendered titles and, for first names, the ``gender-guesser``
  name list (optional: without it genders stay unknown);
* the fallback grouping of name mentions into entities when no entities
  stage ran (:func:`group_entities`);
* small parse helpers (the head of a span, the verb a token hangs on).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.cache import cache_key, cached
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Entity, Token

__all__ = [
    "FEMALE_PRONOUNS",
    "GPE_TYPES",
    "MALE_PRONOUNS",
    "NAME_TYPES",
    "NEUTER_PRONOUNS",
    "ORG_TYPES",
    "PLURAL_PRONOUNS",
    "PRONOUNS",
    "SUBJECT_DEPS",
    "Ref",
    "Resolution",
    "clean_name",
    "entity_gender",
    "group_entities",
    "head_of",
    "is_city",
    "verb_of",
]

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | NEUTER_PRONOUNS | PLURAL_PRONOUNS

GPE_TYPES = frozenset({"GPE", "LOC", "NORP", "FAC"})
ORG_TYPES = frozenset({"ORG", "NORP", "GPE", "FAC"})
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_FEMALE_TITLES = frozenset(
    {"ms", "mrs", "miss", "madam", "spokeswoman", "chairwoman", "congresswoman", "queen"}
)
_MALE_TITLES = frozenset({"mr", "sir", "spokesman", "chairman", "congressman", "king"})


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a span refers to: an entity id (or None), how, and how sure.

    ``method`` is one of ``name``, ``surname``, ``pronoun``, ``nominal``,
    ``metonym`` (a capital or seat of government standing for it) or
    ``unresolved``.
    """

    entity_id: str | None
    name: str | None
    confidence: float
    method: str


@dataclass(slots=True)
class Ref:
    """One resolved reference in reading order."""

    head: int
    entity_id: str
    sent: int
    subject: bool
    appositive: bool
    verb: int


_GENDERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


def _build_genders() -> dict[str, str]:
    """Return "m"/"f" for every lower-cased first name gender-guesser leans on."""
    import gender_guesser.detector as gd  # type: ignore[import-untyped]

    detector = gd.Detector(case_sensitive=False)
    genders = {name: _GENDERS.get(str(detector.get_gender(name))) for name in detector.names}
    return {name: g for name, g in genders.items() if g}


@functools.lru_cache(maxsize=1)
def _genders() -> dict[str, str]:
    """Return the first-name genders, cached on disk (parsing the list takes 0.4 s)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        key = cache_key(version("gender-guesser"))
    except PackageNotFoundError:  # the name list is optional: genders stay unknown
        return {}
    return cached("first-name-genders", key, _build_genders)


def _first_name_gender(first: str) -> str | None:
    return _genders().get(first.lower())


def entity_gender(name: str, titles: Sequence[str] = ()) -> str | None:
    """Return "m", "f" or None for a person from their titles and first name."""
    words = {t.lower().rstrip(".") for t in titles}
    if words & _FEMALE_TITLES:
        return "f"
    if words & _MALE_TITLES:
        return "m"
    parts = name.split()
    if len(parts) < 2:
        return None
    return _first_name_gender(parts[0].rstrip("."))


def _entity_id(name: str, type_: str) -> str:
    return span_id("entity", type_, 0, 0, name.casefold())


def clean_name(text: str) -> str:
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    name = " ".join(words)
    for suffix in ("’s", "'s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


def group_entities(doc: AnalysedArticle) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Group named mentions into in-article entities; return them and mention id -> entity id.

    A fallback for when no entities stage ran: a person mentioned by a
    surname or a shorter name joins the person whose full name ends with it
    (the canonical name is the longest); other names group by their text.
    """
    groups: list[tuple[str, str, set[str], list[str]]] = []  # name, type, aliases, mention ids
    by_key: dict[tuple[str, str], int] = {}
    mentions = [m for m in doc.mentions if m.type in NAME_TYPES]
    # Longest person names first, so surnames find their full name.
    order = sorted(mentions, key=lambda m: (m.type != "PERSON", -len(m.text.split()), m.start))
    for mention in order:
        name = clean_name(mention.text)
        if not name:
            continue
        index: int | None = by_key.get((name.casefold(), mention.type))
        if index is None:
            words = name.split()
            for j, (gname, gtype, aliases, _) in enumerate(groups):
                gwords = gname.split()
                if (
                    gtype == "PERSON"
                    and mention.type in {"PERSON", "ORG", "GPE", "NORP"}
                    and len(words) < len(gwords)
                    and [w.casefold() for w in gwords[-len(words) :]]
                    == [w.casefold() for w in words]
                ) or name.casefold() in {a.casefold() for a in aliases}:
                    index = j
                    break
        if index is None:
            groups.append((name, mention.type, {name}, []))
            index = len(groups) - 1
        groups[index][2].add(name)
        groups[index][3].append(mention.id)
        by_key[(name.casefold(), mention.type)] = index
    entities: list[Entity] = []
    mapping: dict[str, str] = {}
    for name, type_, aliases, ids in groups:
        eid = _entity_id(name, type_)
        entities.append(
            Entity(id=eid, name=name, type=type_, aliases=tuple(sorted(aliases - {name})))
        )
        mapping.update(dict.fromkeys(ids, eid))
    return tuple(entities), mapping


def head_of(tokens: Sequence[Token], start: int, end: int) -> int:
    """Return the token of ``[start, end)`` whose head lies outside it."""
    for i in range(end - 1, start - 1, -1):
        head = tokens[i].head
        if head < start or head >= end or head == i:
            return i
    return end - 1


def verb_of(tokens: Sequence[Token], i: int) -> int:
    """Return the nearest verb-like ancestor of token ``i`` (itself if none)."""
    seen = 0
    j = tokens[i].head
    while seen < 50:
        tok = tokens[j]
        if tok.pos in {"VERB", "AUX"} or tok.head == j:
            return j
        j = tok.head
        seen += 1
    return j


@functools.lru_cache(maxsize=4096)
def is_city(name: str) -> bool:
    """Return True when a place name is a city, not a state or its seat.

    "the army" or "the government" may stand for Mali or for Moscow (a
    capital names its government), never for a provincial town.
    """
    from newsgraph.extract.actors import place_kinds  # the lexicon tables load once

    kinds = place_kinds(name)
    return "city" in kinds and not kinds & {"country", "capital", "seat", "region"}
