"""What story clustering compares: words, title words, named entities, numbers and a date.

Features are built from what the store holds (the article text, its title,
its NER mentions and its publication date), so clustering needs no model of
its own and works on any stored corpus. Words are case-folded, stop words
dropped, and a light suffix folding maps ``talks``/``talk`` and
``killed``/``kill`` onto one key: the store keeps no lemmas (tokens are not
stored), and a full lemmatiser would mean loading spaCy again.

Entities are keyed by ``entities.id`` when the entities stage resolved the
mention, else by type and normalised text; a multi-word person name also
adds its last word, so "Maria Holt" and, later, "Holt" meet. People, places
and organisations are also kept apart (``persons``, ``places``, ``orgs``): two
reports of the same kind of event usually share the organisation and the
vocabulary but not the people or the place, so the clusterer weighs each
kind separately. ``numbers`` are the figures of the text (tolls, scores,
ordinals such as "11th"): different happenings of one kind differ in them.

Quotes and events (issues 3 and 5) give two more bags. ``quotes`` holds
each quote's speaker and the word pairs of what was said, so two reports
carrying one statement meet even when the rest of their wording differs.
``events`` holds (type, source, target) keys of the coded events, with an
actor keyed by its entity, else its country, else its last word: "police
arrested X" in one report and "X was detained by police" in another meet
on ``ARREST|police|x``, while a same-kind event between other actors does not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from newsgraph.records import Event, Mention, Quote

__all__ = [
    "ENTITY_TYPES",
    "STOP_WORDS",
    "ArticleFeatures",
    "day_number",
    "entity_keys",
    "event_keys",
    "make_features",
    "numbers",
    "quote_keys",
    "typed_keys",
    "words",
]

# Named-entity types that say *who* and *where*; numbers, dates and
# ordinals are shared by unrelated stories and are left out.
ENTITY_TYPES: frozenset[str] = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)

# English function words and reporting verbs: frequent in every story, so
# they only add noise to similarity.
STOP_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against all almost also although always am among an and another
    any anyone anything are around as at away back be became because become been before being
    below between both but by can cannot could did do does doing done down during each either
    else enough even ever every few first for from further get gets getting go goes going got
    had has have having he her here hers herself him himself his how however i if in into is it
    its itself just last least less like made make many may me might more most much must my
    myself near neither never new next no nor not now of off often on once one only onto or
    other others our ours ourselves out over own per perhaps rather really said same say says
    see seen several she should since so some still such than that the their theirs them
    themselves then there these they this those though three through thus to told too two
    under until up upon us very via was we well were what whatever when where whether which
    while who whom whose why will with within without would yet you your yours yourself
    yourselves mr mrs ms according including told week year years day days time today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    """.split()  # noqa: SIM905 (a word block reads better than 200 quoted strings)
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A figure standing alone or with an ordinal suffix: "600", "6.1", "11th";
# not digits inside a word or code ("A320", "MH17").
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![\w])")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFeatures:
    """The bags of words, title words and entities of one article, and its day.

    ``day`` is the publication date as a day number (see :func:`day_number`)
    or None when the date is unknown.
    """

    article_id: str
    words: dict[str, int]
    title: dict[str, int]
    entities: dict[str, int]
    persons: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    orgs: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    quotes: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    day: int | None = None


def _fold(word: str) -> str:
    """Fold common English inflections so ``talks``/``talk`` share a key."""
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Return the content words of ``text``: case-folded, folded, no stop words."""
    out = []
    for match in _WORD.finditer(text.casefold()):
        word = _POSSESSIVE.sub("", match.group())
        if len(word) < 3 or word in STOP_WORDS:
            continue
        out.append(_fold(word))
    return out


def _entity_text(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip().casefold())
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text))


def entity_keys(mentions: Iterable[Mention]) -> Counter[str]:
    """Count the entity keys of ``mentions`` (entity id, else type and text)."""
    keys: Counter[str] = Counter()
    for mention in mentions:
        if mention.type not in ENTITY_TYPES:
            continue
        if mention.entity_id:
            keys["id:" + mention.entity_id] += 1
            continue
        text = _entity_text(mention.text)
        if not text:
            continue
        # GPE/LOC/NORP share one key space: "Ukraine" and "Ukrainian" are not
        # folded, but "Ukraine" as GPE and as LOC should still meet.
        kind = "place" if mention.type in {"GPE", "LOC", "FAC"} else mention.type.lower()
        keys[f"{kind}:{text}"] += 1
        if mention.type == "PERSON" and " " in text:
            keys[f"person:{text.rsplit(' ', 1)[1]}"] += 1
    return keys


def numbers(text: str) -> list[str]:
    """Return the figures of ``text`` with thousands separators dropped ("1,200" -> "1200")."""
    out = []
    for match in _NUMBER.finditer(text):
        value = match.group()
        # "1,200" and "1200" are one figure; a decimal comma stays ("6,1").
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:st|nd|rd|th)?", value):
            value = value.replace(",", "")
        out.append(value.casefold())
    return out


# Which typed bag each NER type feeds; NORP (nationalities) and the rest
# stay in the untyped entity bag only.
_KIND_OF_TYPE = {
    "PERSON": "persons",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
    "ORG": "orgs",
}


def typed_keys(mentions: Iterable[Mention]) -> dict[str, Counter[str]]:
    """Count the entity keys of ``mentions`` per kind: persons, places and orgs."""
    out: dict[str, Counter[str]] = {"persons": Counter(), "places": Counter(), "orgs": Counter()}
    for mention in mentions:
        kind = _KIND_OF_TYPE.get(mention.type)
        if kind is None:
            continue
        keys = entity_keys([mention])
        if mention.entity_id and mention.type == "PERSON":
            # A resolved person also meets an unresolved "Holt" elsewhere.
            text = _entity_text(mention.text)
            if text:
                keys["person:" + text.rsplit(" ", 1)[-1]] += 1
        out[kind].update(keys)
    return out


# A speaker or actor named by a common noun ("a friend", "officials") is
# no evidence of one happening; a capitalised name or a resolved entity is.
_NAMED = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*$")


def _speaker_key(quote: Quote) -> str | None:
    if quote.speaker_entity_id:
        return "id:" + quote.speaker_entity_id
    speaker = (quote.speaker or "").strip()
    if not speaker or not _NAMED.search(speaker):
        return None
    return _entity_text(speaker).rsplit(" ", 1)[-1] or None


def quote_keys(quotes: Iterable[Quote]) -> Counter[str]:
    """Count the quote keys of ``quotes``: speakers and word pairs of what was said."""
    keys: Counter[str] = Counter()
    for quote in quotes:
        speaker = _speaker_key(quote)
        if speaker:
            keys["qs:" + speaker] += 1
        said = words(quote.text)
        # Word pairs, not single words: the words channel already has those,
        # and a shared pair of content words is close to a shared phrase.
        keys.update(f"qw:{a}_{b}" for a, b in pairwise(said))
    return keys


def _actor_key(entity_id: str | None, country: str | None, name: str | None) -> str | None:
    if entity_id:
        return "id:" + entity_id
    if country:
        return "c:" + country
    text = _entity_text(name or "")
    return text.rsplit(" ", 1)[-1] if text else None


def event_keys(events: Iterable[Event]) -> Counter[str]:
    """Count the (type, source, target) keys of ``events``, with a key per known actor."""
    keys: Counter[str] = Counter()
    for event in events:
        if event.negated or event.hypothetical:
            continue
        source = _actor_key(event.source_entity_id, event.source_country, event.source_actor)
        target = _actor_key(event.target_entity_id, event.target_country, event.target_actor)
        if source is None and target is None:
            continue  # the type alone is what the words channel already says
        keys[f"ev:{event.type}|{source or '?'}|{target or '?'}"] += 1
        # Half-keys let "X attacked Y" meet a report that names only one side.
        if source is not None and target is not None:
            keys[f"ev:{event.type}|{source}|?"] += 1
            keys[f"ev:{event.type}|?|{target}"] += 1
    return keys


def day_number(published: str | None) -> int | None:
    """Return the proleptic day number of an ISO date or datetime, or None."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def make_features(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    mentions: Iterable[Mention] = (),
    published: str | None = None,
    quotes: Iterable[Quote] = (),
    events: Iterable[Event] = (),
) -> ArticleFeatures:
    """Build the clustering features of one article."""
    mentions = list(mentions)
    typed = typed_keys(mentions)
    return ArticleFeatures(
        article_id=article_id,
        words=dict(Counter(words(text))),
        title=dict(Counter(words(title or ""))),
        entities=dict(entity_keys(mentions)),
        persons=dict(typed["persons"]),
        places=dict(typed["places"]),
        orgs=dict(typed["orgs"]),
        # Prefixed so figures never share a document-frequency row with words.
        numbers=dict(Counter("n:" + n for n in numbers(text))),
        quotes=dict(quote_keys(quotes)),
        events=dict(event_keys(events)),
        day=day_number(published),
    )
