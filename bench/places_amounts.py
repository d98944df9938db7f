"""Places and casualty amounts against PLOVER-style gold, plus per-stage cost.

    python bench/places_amounts.py [--gold FILE.jsonl] [--limit N] [--json]

The gold is JSONL in the PLOVER format (one record per text, with
``events``; each event may carry ``event_loc`` {name, country code} and
``dead`` / ``injured`` counts). Default: ../shared/data/events/
plover_gsr_dev.jsonl. Scores:

* location recall: an event location counts as found when a geocoded
  Place's mention and the location's text contain one another ("Samarra"
  in "town of Samarra", "Cambodia" in "Western Cambodia") and, where the
  gold gives a country code, the Place's country is that country;
* casualty recall: a ``dead`` count is found when an Amount has that value
  and the unit killed or died; ``injured`` with the unit injured or wounded.

It also times spaCy and each extraction stage per article, in one process,
and reports the four stages' cost relative to spaCy's (any JSONL with a
``text`` field works for timing: ``--gold polnear_train.jsonl``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/data/events/plover_gsr_dev.jsonl"


def _alpha3(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country else None


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="PLOVER-style JSONL")
    parser.add_argument("--limit", type=int, default=0, help="records to use (0 = all)")
    parser.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"error: {args.gold}: not found (pass --gold FILE.jsonl)", file=sys.stderr)
        return 2

    from newsgraph.extract.amounts import AmountsStage
    from newsgraph.extract.dates import DatesStage
    from newsgraph.extract.places import PlacesStage
    from newsgraph.extract.tone import ToneStage
    from newsgraph.ids import article_id
    from newsgraph.nlp import SpacyStage
    from newsgraph.records import AnalysedArticle, Article
    from newsgraph.settings import Settings

    records: list[dict[str, Any]] = []
    with args.gold.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                records.append(json.loads(line))
            if args.limit and len(records) >= args.limit:
                break
    settings = Settings()
    docs = [
        AnalysedArticle(article=Article(id=article_id(r["text"]), text=r["text"])) for r in records
    ]
    spacy_stage = SpacyStage(settings)
    _ = spacy_stage.nlp  # load outside the timing
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    docs = spacy_stage.pipe(docs)
    timings[spacy_stage.name] = time.perf_counter() - t0
    for stage in (PlacesStage(settings), DatesStage(settings), AmountsStage(settings)):
        t0 = time.perf_counter()
        docs = [stage(doc) for doc in docs]
        timings[stage.name] = time.perf_counter() - t0
    tone = ToneStage(settings)
    t0 = time.perf_counter()
    docs = [tone(doc) for doc in docs]
    timings[tone.name] = time.perf_counter() - t0

    loc_total = loc_found = dead_total = dead_found = inj_total = inj_found = 0
    misses: list[str] = []
    for record, doc in zip(records, docs, strict=True):
        text = doc.article.text
        for event in record.get("events", []):
            loc = event.get("event_loc") or {}
            if loc.get("name"):
                loc_total += 1
                want = _alpha3(loc.get("country code"))
                name = loc["name"].lower()
                hit = any(
                    (text[p.start : p.end].lower() in name or name in text[p.start : p.end].lower())
                    and (want is None or p.country == want)
                    for p in doc.places
                )
                loc_found += hit
                if not hit:
                    misses.append(f"place {loc['name']!r}")
            for field, units in (("dead", {"killed", "died"}), ("injured", {"injured", "wounded"})):
                count = event.get(field)
                if count is None:
                    continue
                # The gold writes counts as strings ("156").
                hit = any(a.value == float(count) and a.unit in units for a in doc.amounts)
                if field == "dead":
                    dead_total, dead_found = dead_total + 1, dead_found + hit
                else:
                    inj_total, inj_found = inj_total + 1, inj_found + hit
                if not hit:
                    misses.append(f"{field} {count} in {text[:80]!r}")

    n = max(len(docs), 1)
    result = {
        "records": len(records),
        "location_recall": f"{loc_found}/{loc_total}",
        "dead_recall": f"{dead_found}/{dead_total}",
        "injured_recall": f"{inj_found}/{inj_total}",
        "ms_per_article": {k: round(1000 * v / n, 3) for k, v in timings.items()},
        # Cost of the four stages relative to spaCy, same run and process
        # (first-use loads included: index, dateparser, VADER lexicon).
        "overhead_vs_spacy": round(
            sum(v for k, v in timings.items() if k != spacy_stage.name)
            / max(timings[spacy_stage.name], 1e-9),
            4,
        ),
        "misses": misses,
    }
    if args.as_json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            if key == "misses":
                for miss in value:  # type: ignore[union-attr]
                    print(f"  miss: {miss}")
            else:
                print(f"{key:18} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
