"""Write events as a GDELT 2.0 event table: 61 tab-separated columns (#5).

One row per happening (an ``event_groups`` row, or an event no merge has
grouped yet), never for negated or hypothetical mentions. Columns follow
the GDELT 2.0 event codebook in order; a field newsgraph has no value for
is blank. What differs from GDELT is listed in docs/events.md: the event
code is the CAMEO *root* of the PLOVER type, GoldsteinScale holds the PLOVER
score, country codes are ISO-3 (GDELT: CAMEO codes for actors, FIPS 10-4
for places), and the file has no header row, like GDELT's.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.extract.event_lexicon import CAMEO_ROOT, QUAD_CLASS
from newsgraph.store.sqlite import Store

__all__ = ["GDELT_COLUMNS", "export_gdelt", "gdelt_row"]

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO), "DATEADDED", "SOURCEURL",
)  # fmt: skip
"""The 61 columns of the GDELT 2.0 event table, in file order."""

# Codes of international bodies and of regions ("Western nations": WST, as
# the event coder writes them) go to KnownGroupCode, not CountryCode.
_GROUPS = frozenset({"IGO", "NGO", "UNO", "EUR", "NATO", "WHO", "AFR", "ARB", "ASN", "WST", "IMG"})
# GDELT geo types: 1 country, 4 world city, 5 world state (ADM1).
_GEO_TYPE = {"country": 1, "city": 4, "region": 5}

_SELECT = """
SELECT e.*, g.num_mentions AS g_mentions, g.num_articles AS g_articles, g.id AS g_id,
       a.url AS a_url, a.source AS a_source, a.created_at AS a_created,
       (SELECT p.feature FROM places p WHERE p.article_id = e.article_id AND p.name = e.location
        LIMIT 1) AS p_feature,
       (SELECT count(DISTINCT coalesce(a2.source, a2.id)) FROM event_mentions m2
        JOIN articles a2 ON a2.id = m2.article_id WHERE m2.group_id = g.id) AS g_sources,
       (SELECT avg(a3.tone) FROM event_mentions m3 JOIN articles a3 ON a3.id = m3.article_id
        WHERE m3.group_id = g.id) AS g_tone,
       a.tone AS a_tone
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN event_mentions em ON em.event_id = e.id
LEFT JOIN event_groups g ON g.id = em.group_id
WHERE e.negated = 0 AND e.hypothetical = 0 AND (g.id IS NULL OR g.first_event_id = e.id)
ORDER BY e.date IS NULL, e.date, e.article_id, e.start, e.id
"""


def _num(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _dates(date: str | None) -> list[str]:
    """Return SQLDATE, MonthYear, Year, FractionDate for an ISO date (blank if none)."""
    if not date or len(date) < 4 or not date[:4].isdigit():
        return ["", "", "", ""]
    year = int(date[:4])
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 1
    day = int(date[8:10]) if len(date) >= 10 and date[8:10].isdigit() else 1
    fraction = year + ((month - 1) * 30.4 + day) / 365.0
    return [f"{year:04d}{month:02d}{day:02d}", f"{year:04d}{month:02d}", str(year),
            f"{fraction:.4f}"]  # fmt: skip


def _actor(name: str | None, country: str | None, sector: str | None) -> list[str]:
    if not (name or country or sector):
        return [""] * len(_ACTOR)
    group = country if country in _GROUPS else None
    nation = None if group else country
    code = (group or nation or "") + (sector or "")
    return [code, (name or "").upper(), nation or "", group or "", "", "", "", sector or "",
            "", ""]  # fmt: skip


def gdelt_row(row: Any) -> list[str]:
    """Return the 61 GDELT fields of one joined event row."""
    kind, mode = row["type"], row["mode"]
    root = CAMEO_ROOT.get(f"{kind}:{mode}", CAMEO_ROOT.get(kind, ""))
    digest = hashlib.blake2b((row["g_id"] or row["id"]).encode(), digest_size=6).digest()
    lat, lon = row["lat"], row["lon"]
    geo_type = _GEO_TYPE.get(row["p_feature"] or "", "") if row["location"] else ""
    created = "".join(ch for ch in str(row["a_created"] or "") if ch.isdigit())[:14]
    tone = row["g_tone"] if row["g_id"] else row["a_tone"]
    fields = [
        str(int.from_bytes(digest, "big")),
        *_dates(row["date"]),
        *_actor(row["source_actor"], row["source_country"], row["source_sector"]),
        *_actor(row["target_actor"], row["target_country"], row["target_sector"]),
        "1" if row["sentence"] == 0 else "0",
        root, root, root,
        _num(QUAD_CLASS.get(root)),
        _num(row["score"]),
        _num(row["g_mentions"] or 1),
        _num(row["g_sources"] or 1),
        _num(row["g_articles"] or 1),
        _num(tone),
        *([""] * len(_GEO)),
        *([""] * len(_GEO)),
        _num(geo_type), row["location"] or "", row["location_country"] or "", "", "",
        _num(lat), _num(lon), "",
        created.ljust(14, "0") if created else "",
        row["a_url"] or row["a_source"] or "",
    ]  # fmt: skip
    # Tabs or newlines inside a value would break the table.
    return [f.replace("\t", " ").replace("\n", " ") for f in fields]


def export_gdelt(store: Store, out_dir: Path) -> Path:
    """Write ``events.gdelt.tsv`` (GDELT 2.0 event columns, no header) into ``out_dir``."""
    target = out_dir / "events.gdelt.tsv"
    tmp = out_dir / f".{target.name}.tmp"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with store.snapshot() as conn, tmp.open("w", encoding="utf-8", newline="") as fh:
            cursor = conn.execute(_SELECT)
            while chunk := cursor.fetchmany(5_000):
                for row in chunk:
                    fh.write("\t".join(gdelt_row(row)) + "\n")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise NewsgraphError(ErrorCode.E402, path=str(target), reason=str(exc)) from exc
    return target
