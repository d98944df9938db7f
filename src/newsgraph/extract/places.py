"""Geocode place mentions offline: name, country, coordinates and feature type.

GPE, LOC and FAC mentions (and NORP mentions that are exactly a place's
main name: the small model tags some towns NORP) are looked up in the
alias index of
:mod:`newsgraph.geo`. A name several places bear ("Georgia", "Paris",
"San Jose") is settled by the article itself, in this order of evidence:

1. the words around it: "X state", "X, <region or country>";
2. other places in the article: a region gains when an unambiguous city of
   the article lies in it, a city when its region is named, and every
   candidate when its country is named or holds an unambiguous place;
3. what is known about the place: a national capital before a town of the
   same name, the main name before a spelling variant, then population.

So a bare name shared by a national capital and a US state is the capital,
and it is the state when the text says "X state" or names one of the
state's cities.

A capital standing for its government ("Tokyo said", "Ottawa and Canberra
warned") is an actor, not a place: when a capital city is the grammatical
subject of a speech or stance verb it gets no Place (the actors stage codes
it). Countries stay places in that position too, because a country
mention is both where things happen and who acts, and the issue keeps
both readings for countries.

Mentions the index does not know (a sea, a district, a landmark) get no
Place; they remain mentions with their NER type.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from newsgraph.geo import GEO_VERSION, GeoEntry, GeoIndex, geo_index
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Mention, Place, Token
from newsgraph.settings import Settings

__all__ = ["PlacesStage", "geocode"]

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})

# Verbs whose subject, when it is a capital, is the government speaking or
# acting ("Tokyo warned", "Paris rejected the plan"). Speech, stance and
# diplomatic-action verbs only: "Lima suffered blackouts" keeps Lima a place.
ACTOR_VERBS = frozenset(
    [
        "accuse",
        "acknowledge",
        "add",
        "admit",
        "agree",
        "allege",
        "announce",
        "answer",
        "approve",
        "argue",
        "ask",
        "assert",
        "blame",
        "call",
        "caution",
        "censure",
        "charge",
        "claim",
        "comment",
        "complain",
        "concede",
        "condemn",
        "confirm",
        "criticise",
        "criticize",
        "declare",
        "decline",
        "demand",
        "deny",
        "describe",
        "dismiss",
        "echo",
        "emphasise",
        "emphasize",
        "explain",
        "express",
        "insist",
        "invite",
        "issue",
        "maintain",
        "negotiate",
        "note",
        "object",
        "offer",
        "oppose",
        "order",
        "pledge",
        "pressure",
        "promise",
        "propose",
        "protest",
        "push",
        "recall",
        "refuse",
        "reiterate",
        "reject",
        "remark",
        "reply",
        "respond",
        "retaliate",
        "say",
        "sanction",
        "seek",
        "sign",
        "signal",
        "state",
        "stress",
        "suggest",
        "summon",
        "support",
        "tell",
        "threaten",
        "urge",
        "vow",
        "veto",
        "warn",
        "welcome",
        "withdraw",
    ]
)

# Evidence weights (log10 population is the base score, 3 for a town of
# 1,000 to 7 for a city of 10 million). A named country or region outweighs
# a population gap of 100x; a capital or main-name bonus a gap of 10-30x.
_W_NEXT_TO = 5.0
_W_CONTAINS = 3.0
_W_COUNTRY = 2.5
_W_CAPITAL = 1.5
_W_MAIN_NAME = 1.0
_W_COUNTRY_FEATURE = 1.0


def _mention_tokens(
    tokens: Sequence[Token], mention: Mention, starts: Sequence[int] | None = None
) -> list[Token]:
    """Return the tokens inside ``mention`` (tokens are in text order).

    Pass ``starts`` (the tokens' start offsets) when calling in a loop:
    rebuilding it for every mention was 70% of this stage's time (measured).
    """
    if starts is None:
        starts = [t.start for t in tokens]
    first = bisect.bisect_left(starts, mention.start)
    out = []
    for tok in tokens[first:]:
        if tok.start >= mention.end:
            break
        if tok.end <= mention.end:
            out.append(tok)
    return out


def _span_root(tokens: Sequence[Token], span: list[Token]) -> Token | None:
    """Return the token of ``span`` whose head lies outside it."""
    indices = {t.i for t in span}
    for tok in span:
        if tok.head not in indices or tok.head == tok.i:
            return tok
    return None


def is_government_subject(tokens: Sequence[Token], span: list[Token]) -> bool:
    """Say whether ``span`` is the subject of a speech or stance verb."""
    root = _span_root(tokens, span)
    if root is None:
        return False
    # "Ottawa and Canberra warned": the second conjunct hangs on the first.
    for _ in range(3):
        if root.dep != "conj" or root.head == root.i:
            break
        root = tokens[root.head]
    if root.dep != "nsubj":
        return False
    return tokens[root.head].lemma.lower() in ACTOR_VERBS


# Nouns a capital's possessive can own as a city, not as a government:
# "Moscow's mayor", "Tokyo's suburbs". Other possessed nouns ("Kyiv's
# stance", "Ottawa's decision", "Canberra's envoy") make the capital its
# government.
CITY_NOUNS = frozenset(
    {
        "mayor", "resident", "inhabitant", "population", "people", "street", "square",
        "centre", "center", "downtown", "outskirt", "suburb", "district", "neighbourhood",
        "neighborhood", "airport", "station", "metro", "subway", "port", "harbour",
        "harbor", "river", "skyline", "park", "museum", "university", "hospital",
        "school", "stadium", "club", "team", "city", "area", "region", "border",
        "traffic", "air", "weather", "council", "police", "building", "home", "house",
    }
)  # fmt: skip


def is_government_possessor(tokens: Sequence[Token], span: list[Token]) -> bool:
    """Say whether ``span`` is a possessor standing for a government ("Kyiv's stance")."""
    root = _span_root(tokens, span)
    if root is None or root.dep != "poss" or root.head == root.i:
        return False
    return tokens[root.head].lemma.lower() not in CITY_NOUNS


def _split(text: str) -> tuple[str, str | None]:
    """Split "Paris, Texas" into the place and the qualifier after its comma."""
    head, sep, tail = text.partition(",")
    return (head.strip(), tail.strip() or None) if sep else (text, None)


def _scope(entries: Sequence[tuple[GeoEntry, bool]]) -> tuple[set[str], set[str]]:
    """Return the countries and regions that candidates agree on (or empty sets).

    A country's own name settles it even when towns share the name: news
    writing "Lebanon" means the country, not a US town.
    """
    for entry, main in entries:
        if entry.feature == "country" and main and entry.country:
            return {entry.country}, set()
    countries = {e.country for e, _ in entries if e.country}
    regions = {e.region for e, _ in entries if e.region and e.feature != "country"}
    return (countries if len(countries) == 1 else set()), (regions if len(regions) == 1 else set())


def _score(
    entry: GeoEntry,
    main_name: bool,
    *,
    countries: Counter[str],
    regions: Counter[str],
    near: set[str],
) -> float:
    """Score one candidate place for a mention given the article's evidence."""
    score = math.log10(max(entry.population, 1000))
    if main_name:
        score += _W_MAIN_NAME
    if entry.capital:
        score += _W_CAPITAL
    if entry.feature == "country":
        score += _W_COUNTRY_FEATURE
    if entry.country and countries[entry.country]:
        score += _W_COUNTRY
    if entry.region and regions[entry.region]:
        score += _W_CONTAINS
    if (entry.region and entry.region in near) or (entry.country and entry.country in near):
        score += _W_NEXT_TO
    return score


def _qualifier(text: str, after: str, index: GeoIndex) -> set[str]:
    """Return regions and countries that the words right after a mention name."""
    near: set[str] = set()
    stripped = after.lstrip()
    if stripped[:5].lower() == "state" and not stripped[5:6].isalpha():
        near.add("#state")
    _, tail = _split(text)
    if tail is None and stripped.startswith(","):
        # "Springfield, Illinois": take the next word or two after the comma.
        words = stripped[1:].split()
        for n in (2, 1):
            if len(words) >= n:
                tail = " ".join(words[:n]).rstrip(".,;:")
                if index.lookup(tail):
                    break
    if tail:
        for entry, _ in index.lookup(tail):
            if entry.feature == "region" and entry.region:
                near.add(entry.region)
            elif entry.feature == "country" and entry.country:
                near.add(entry.country)
    return near


# Words that locate within a place ("western Kenya", "east Bosnia"): tried
# without them when the whole name is unknown.
_PART_OF = re.compile(
    r"^(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|central|northeast"
    r"|northwest|southeast|southwest|upper|lower|greater|mainland|rural|downtown)\s+",
    re.I,
)


def _candidates(index: GeoIndex, text: str) -> list[tuple[GeoEntry, bool]]:
    """Look a mention up, then without a direction word ("western X")."""
    name = _split(text)[0]
    found = index.lookup(name)
    if not found and _PART_OF.match(name):
        found = index.lookup(_PART_OF.sub("", name))
    return found


def _is_modifier(tokens: Sequence[Token], span: list[Token]) -> bool:
    """Say whether ``span`` modifies a noun ("U.S. negotiators", "Japan's envoy")."""
    root = _span_root(tokens, span)
    return root is not None and root.dep in ("compound", "amod", "nmod", "poss")


def geocode(doc: AnalysedArticle, index: GeoIndex) -> tuple[Place, ...]:
    """Return the geocoded places among the article's place mentions."""
    text = doc.article.text
    mentions: list[Mention] = []
    candidates: list[list[tuple[GeoEntry, bool]]] = []
    for mention in doc.mentions:
        if mention.type in PLACE_TYPES:
            found = _candidates(index, mention.text)
        elif mention.type == "NORP":
            # The small model tags some towns NORP; a nationality never is a
            # place's main name, so only exact main names are taken.
            found = [(e, main) for e, main in index.lookup(mention.text) if main]
        else:
            continue
        mentions.append(mention)
        candidates.append(found)

    # 1. What the unambiguous mentions say about the article's geography.
    # A place that modifies a noun ("U.S. negotiators") says who, not where,
    # and does not count as context.
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    scopes = [_scope(c) for c in candidates]
    starts = [t.start for t in doc.tokens]
    for mention, (own_countries, own_regions) in zip(mentions, scopes, strict=True):
        if _is_modifier(doc.tokens, _mention_tokens(doc.tokens, mention, starts)):
            continue
        countries.update(own_countries)
        regions.update(own_regions)

    places: list[Place] = []
    for mention, found, (own_countries, own_regions) in zip(
        mentions, candidates, scopes, strict=True
    ):
        if not found:
            continue
        # 2. Evidence from the other mentions only: a mention cannot vouch
        # for itself.
        others_c = countries - Counter(own_countries)
        others_r = regions - Counter(own_regions)
        near = _qualifier(mention.text, text[mention.end : mention.end + 40], index)
        if "#state" in near:
            found = [(e, m) for e, m in found if e.feature == "region"] or found
        entry, _ = max(
            found,
            key=lambda pair: _score(
                pair[0], pair[1], countries=others_c, regions=others_r, near=near
            ),
        )
        # 3. A capital speaking for its government, or owning its stance,
        #    is an actor, not a place.
        span = _mention_tokens(doc.tokens, mention, starts)
        if entry.capital and (
            is_government_subject(doc.tokens, span) or is_government_possessor(doc.tokens, span)
        ):
            continue
        places.append(
            Place(
                id=span_id("place", doc.article.id, mention.start, mention.end),
                article_id=doc.article.id,
                name=entry.name,
                start=mention.start,
                end=mention.end,
                country=entry.country,
                lat=entry.lat,
                lon=entry.lon,
                feature=entry.feature,
            )
        )
    return tuple(places)


class PlacesStage:
    """Geocode GPE/LOC/FAC mentions with the offline alias index."""

    name: ClassVar[str] = "places.geonames.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"tokens", "mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"places"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._index: GeoIndex | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self._index = None

    @property
    def version(self) -> str:
        """Return a string that changes when the geocoding would change."""
        return f"{self.name}:geo{GEO_VERSION}"

    @property
    def index(self) -> GeoIndex:
        """Return the alias index, loading it (from the disk cache) on first use."""
        if self._index is None:
            self._index = geo_index(str(self.settings.resolved_cache_dir()))
        return self._index

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Geocode one article's place mentions."""
        return replace(doc, places=geocode(doc, self.index))
