"""The user actor dictionary and the tokeniser actor coding shares with it.

Analysts who maintain their own actor lists (a CSV or YAML file with
``name, aliases, country, sector, valid_from, valid_to``) get them applied
before any inference: a row overrides what the coder would guess, for the
dates it is valid. One person may have several rows ("Director of the
security service" until one year, "President" after it).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.extract.actor_lexicon import SECTORS

__all__ = [
    "IGO_CODES",
    "ActorDictionary",
    "ActorEntry",
    "known_countries",
    "load_actor_dictionary",
    "phrase_key",
    "tokenise",
]

# Codes for international actors that are not ISO-3 countries.
IGO_CODES: frozenset[str] = frozenset({"UNO", "EUR", "NATO", "IGO", "AFR", "ASA", "MEA"})

# Words are letters and digits, joined by inner dots or apostrophes ("U.S",
# "d'Orsay"); a possessive "'s" is its own token; hyphens split words.
_TOKEN = re.compile(r"'s\b|[^\W_]+(?:[.'][^\W_]+)*")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "–": "-"})
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_ARTICLES = frozenset({"the", "a", "an"})


def _fold(text: str) -> str:
    """Return ``text`` without accents, with straight apostrophes."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def tokenise(text: str) -> list[str]:
    """Split ``text`` into word tokens, keeping their case."""
    return _TOKEN.findall(_POSSESSIVE.sub(" 's", _fold(text)))


def phrase_key(text: str) -> str:
    """Return the lookup key of a phrase: folded, lower case, no leading article."""
    words = [w.lower() for w in tokenise(text)]
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


@cache
def known_countries() -> frozenset[str]:
    """Return every code a country field may hold: ISO-3, Kosovo and IGO codes."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"} | IGO_CODES


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    """One row of a user actor dictionary."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    valid_from: str | None = None  # ISO date prefix, inclusive
    valid_to: str | None = None  # ISO date prefix, inclusive

    def valid_on(self, when: str | None) -> bool:
        """Say whether the entry holds on ``when`` (an ISO date; None: today)."""
        if when is None:
            return self.valid_to is None
        day = when[:10]
        if self.valid_from and day < _pad(self.valid_from, "01"):
            return False
        return not (self.valid_to and day > _pad(self.valid_to, "31"))


def _pad(date: str, fill: str) -> str:
    """Widen a year or month to a day bound: 2014 -> 2014-01-01 or 2014-12-31."""
    if len(date) == 4:
        return f"{date}-{'01' if fill == '01' else '12'}-{fill}"
    if len(date) == 7:
        return f"{date}-{fill}"
    return date


def _entry(row: Mapping[str, Any], where: str) -> ActorEntry:
    """Validate one raw row and build its entry."""

    def text(field: str) -> str:
        value = row.get(field)
        return "" if value is None else str(value).strip()

    name = text("name")
    if not name:
        raise NewsgraphError(ErrorCode.E521, where=where, reason="no name")
    raw_aliases = row.get("aliases") or ()
    if isinstance(raw_aliases, str):
        raw_aliases = re.split(r"[|;]", raw_aliases)
    if not isinstance(raw_aliases, Iterable):
        raise NewsgraphError(ErrorCode.E521, where=where, reason="aliases must be a list")
    aliases = tuple(str(a).strip() for a in raw_aliases if str(a).strip())
    country = text("country").upper()
    if country and country not in known_countries():
        raise NewsgraphError(
            ErrorCode.E521,
            where=where,
            reason=f"country {country!r} is not an ISO-3 code or one of {sorted(IGO_CODES)}",
        )
    sector = text("sector").upper()
    if sector and sector not in SECTORS:
        raise NewsgraphError(
            ErrorCode.E521, where=where, reason=f"sector {sector!r} is not one of {sorted(SECTORS)}"
        )
    dates = []
    for field in ("valid_from", "valid_to"):
        value = text(field)
        if value and not _DATE.match(value):
            raise NewsgraphError(
                ErrorCode.E521, where=where, reason=f"{field} {value!r} is not YYYY[-MM[-DD]]"
            )
        dates.append(value or None)
    if not country and not sector:
        raise NewsgraphError(ErrorCode.E521, where=where, reason="needs a country or a sector")
    return ActorEntry(
        name=name,
        aliases=aliases,
        country=country or None,
        sector=sector or None,
        valid_from=dates[0],
        valid_to=dates[1],
    )


def load_actor_dictionary(path: str | Path) -> list[ActorEntry]:
    """Read a CSV or YAML actor dictionary (by suffix: .csv, .yaml, .yml).

    Raises:
        NewsgraphError: E520 if the file cannot be read or parsed, E521 for
            a row with no name, an unknown country or sector, or a bad date.
    """
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NewsgraphError(
            ErrorCode.E520, path=str(path), reason=exc.strerror or str(exc)
        ) from None
    suffix = path.suffix.lower()
    rows: list[tuple[str, Mapping[str, Any]]] = []
    if suffix == ".csv":
        reader = csv.DictReader(content.splitlines())
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise NewsgraphError(ErrorCode.E520, path=str(path), reason="no 'name' column")
        rows = [(f"{path}:{i + 2}", row) for i, row in enumerate(reader)]
    elif suffix in {".yaml", ".yml"}:
        import yaml

        try:
            data = yaml.safe_load(content)
        except yaml.YAMLError as exc:
            raise NewsgraphError(ErrorCode.E520, path=str(path), reason=str(exc)) from None
        if isinstance(data, dict):
            data = data.get("actors")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise NewsgraphError(
                ErrorCode.E520, path=str(path), reason="expected a list of actors (mappings)"
            )
        rows = [(f"{path}:actor {i + 1}", row) for i, row in enumerate(data)]
    else:
        raise NewsgraphError(
            ErrorCode.E520, path=str(path), reason="use a .csv, .yaml or .yml file"
        )
    return [_entry(row, where) for where, row in rows]


class ActorDictionary:
    """Name and alias lookups over user entries, by date."""

    def __init__(self, entries: Iterable[ActorEntry] = ()) -> None:
        self.entries = tuple(entries)
        self._index: dict[str, list[ActorEntry]] = {}
        for entry in self.entries:
            for name in (entry.name, *entry.aliases):
                key = phrase_key(name)
                if key:
                    self._index.setdefault(key, []).append(entry)
        self.max_words = max((k.count(" ") + 1 for k in self._index), default=0)

    def __bool__(self) -> bool:
        return bool(self._index)

    def lookup(self, keys: list[str], when: str | None) -> tuple[ActorEntry, str] | None:
        """Return the entry whose name is the longest run of ``keys``, and that run.

        Among entries for the same name, the one valid on ``when`` wins; with
        no date, the current one (no end date), else the most recent.
        """
        n = len(keys)
        for size in range(min(n, self.max_words), 0, -1):
            for start in range(n - size + 1):
                key = " ".join(keys[start : start + size])
                entries = self._index.get(key)
                if not entries:
                    continue
                valid = [e for e in entries if e.valid_on(when)]
                if not valid and when is None:
                    valid = sorted(entries, key=lambda e: e.valid_to or "")[-1:]
                if valid:
                    return max(valid, key=lambda e: e.valid_from or ""), key
        return None
