"""Typed, frozen records passed between stages and stored in the database.

Records hold data, not logic. Every span-like record carries ``article_id``,
``start`` and ``end``: code-point offsets into ``Article.text``, end-exclusive,
so ``article.text[start:end]`` is the span's text.

IDs are content hashes (see :func:`newsgraph.ids.content_id`), so
re-ingesting the same input is an idempotent upsert.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Amount",
    "AnalysedArticle",
    "Article",
    "DateMention",
    "Entity",
    "Event",
    "Failure",
    "Mention",
    "Place",
    "Quote",
    "Sentence",
    "Story",
    "Token",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as ingested, before any analysis.

    ``published`` is an ISO-8601 date or datetime (``2025-10-09`` or
    ``2025-10-09T14:03:00+00:00``) or ``None`` when unknown; it is never
    silently set to today. ``published_raw`` keeps the source's own date
    string when it could not be parsed. ``origin`` names where the article
    came from (``path`` or ``path:record``) for messages and failures.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    published_raw: str | None = None
    order: int = 0
    origin: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence span; sentences never cross paragraph boundaries.

    ``tone`` is a GDELT-style tone score (-100..100) when a tone stage ran.
    """

    start: int
    end: int
    tone: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """A token with its parse, so extractors never need spaCy objects.

    ``i`` is the token's index in the article; ``head`` is the index of its
    syntactic head (itself for a root); ``sent`` is its sentence index.
    ``ent_type`` is the NER label of the entity the token is part of, or "".
    """

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int
    ent_type: str = ""
    ent_iob: str = "O"
    ws: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A named-entity mention found by NER (or the gazetteer ruler)."""

    id: str
    article_id: str
    text: str
    type: str
    start: int
    end: int
    entity_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A canonical actor or thing that mentions resolve to (actors issue)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A quotation with its speaker (quotes issue).

    ``nested_in`` is the id of the quote whose content holds this whole
    attribution ("X said Y believes Z": Y's quote is nested in X's). It is
    X who asserts it; lists of who said what can leave nested quotes out.
    """

    id: str
    article_id: str
    text: str
    start: int
    end: int
    kind: str  # direct | indirect | mixed
    cue: str | None = None
    cue_lemma: str | None = None
    speaker: str | None = None
    speaker_entity_id: str | None = None
    speaker_mention_start: int | None = None
    speaker_mention_end: int | None = None
    addressee: str | None = None
    addressee_entity_id: str | None = None
    targets: tuple[str, ...] = ()
    target_entity_ids: tuple[str, ...] = ()
    confidence: float = 0.0
    nested_in: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A PLOVER-coded event (events issue #5); ``start``/``end`` span its evidence.

    One record per (source, target) pair: "A and B met" gives A→B and B→A
    with the same evidence span. ``date`` is the sentence's date expression
    when it has one, else the publication date (``date_granularity`` says
    which precision). ``negated``, ``hypothetical`` ("could", "if") and
    ``future`` ("will") events are kept, flagged, so users choose.
    """

    id: str
    article_id: str
    type: str
    start: int
    end: int
    mode: str | None = None
    source_actor: str | None = None
    source_country: str | None = None
    source_sector: str | None = None
    target_actor: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    date: str | None = None
    location: str | None = None
    score: float | None = None
    evidence: str | None = None
    confidence: float = 0.0
    # Added by the events issue (#5): who exactly, when, where, and the
    # flags that keep negated, conditional and future events apart.
    source_entity_id: str | None = None
    target_entity_id: str | None = None
    date_granularity: str | None = None  # day | week | month | season | year
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    sentence: int | None = None
    trigger: str | None = None  # the lemma or pattern that coded the type
    negated: bool = False
    hypothetical: bool = False
    future: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Amount:
    """A number with what it counts (actors/places/dates/amounts issue)."""

    id: str
    article_id: str
    value: float
    text: str
    start: int
    end: int
    unit: str | None = None
    object: str | None = None
    # True when the text gives no exact figure: a vague count ("dozens",
    # value its lower bound 24) or a hedged one ("about 300", "more than 2m").
    approximate: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A geocoded place mention."""

    id: str
    article_id: str
    name: str
    start: int
    end: int
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # country | region | city | ...


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A date expression resolved against the publication date.

    ``value`` is ISO (``2025-10-09``, ``2025-10``, ``2025``, ``2025-W41``,
    ``2025-22`` for a season, ISO 8601-2) or None when it cannot be resolved
    (no publication date, vague text); ``granularity`` is day, week, month,
    season or year. ``period_start`` and ``period_end`` are the first and
    last day of the period (``YYYY-MM-DD``, both inclusive), so dates of
    every granularity sort and filter together.
    """

    id: str
    article_id: str
    text: str
    start: int
    end: int
    value: str | None = None
    granularity: str | None = None
    period_start: str | None = None
    period_end: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """A group of articles that report the same happening (stories issue).

    ``distinct_texts`` counts the articles that are not near-duplicates of
    another (``articles.duplicate_of``); ``sources`` are the distinct
    outlets; ``top_entities`` the names most of its articles mention.
    """

    id: str
    article_ids: tuple[str, ...]
    title: str | None = None
    first_published: str | None = None
    last_published: str | None = None
    top_entities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    distinct_texts: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """A recorded failure: a bad input record or a stage that raised.

    ``code`` is an entry of :mod:`newsgraph.errors` (``E101``...); ``where``
    locates the input (``path`` or ``path:record``); ``article_id`` is set
    when the failure happened in a stage after ingest.
    """

    code: str
    message: str
    where: str = ""
    stage: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysedArticle:
    """An article with everything the per-article stages extracted.

    Each stage returns ``dataclasses.replace(doc, <field>=...)``; the
    ``provided`` set names what has been filled, so the pipeline can check
    requirements and the store knows what to write.
    """

    article: Article
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    amounts: tuple[Amount, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    tone: float | None = None
    failures: tuple[Failure, ...] = ()
    provided: frozenset[str] = frozenset()
