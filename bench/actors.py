"""Score actor coding (country + sector) against a gold file of actor phrases.

    python bench/actors.py [--gold FILE] [--out PRED.jsonl] [--dictionary FILE] [--failures]

The gold format is one JSON object per line: ``{test, method, args,
expected}``, where ``args[0]`` is the actor text, later args are a context
string and/or a date ("2022-05-01", "10 May 2015", "today"), and
``expected`` may hold ``country`` and ``code_1`` (the sector) as
``{"eq": V}`` or ``{"ne": V}``; an empty string means "no country/sector".
``{"__result__": {"eq": null}}`` means the text is no actor at all: it is
right when both fields come back empty. Cases with none of these (e.g.
Wikipedia-title checks) are counted as unscored.

Reports country accuracy, sector accuracy, both together (cases that expect
both), the no-actor cases, and the coding speed. With ``--out`` it writes
one line per case, ``{test, args, country, sector}``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from newsgraph.extract.actors import ActorCoder

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/data/events/actor_resolution_dev.jsonl"
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%B %Y", "%Y")


def _as_date(value: str) -> str | None:
    """Return ``value`` as an ISO date if it is one of the gold's date forms."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def split_args(args: list[Any]) -> tuple[str, str, str | None]:
    """Return (text, context, when) from a case's args."""
    text = str(args[0]) if args else ""
    context, when = "", None
    for extra in args[1:]:
        value = str(extra or "").strip()
        if not value or value.lower() == "today":
            continue
        date = _as_date(value)
        if date:
            when = date
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
            when = value[:10]
        else:
            context = value
    return text, context, when


def _check(expect: dict[str, Any], got: str) -> bool:
    """Compare a prediction ('' when None) with an ``{eq: V}`` or ``{ne: V}`` test."""
    if "eq" in expect:
        return got == (expect["eq"] or "")
    if "ne" in expect:
        return got != (expect["ne"] or "")
    return True


def score(
    rows: list[dict[str, Any]], coder: ActorCoder
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Code every case; return the summary and one prediction per case."""
    tally = {k: [0, 0] for k in ("country", "sector", "both", "no_actor")}
    preds: list[dict[str, Any]] = []
    failures: list[str] = []
    unscored = 0
    for row in rows:
        text, context, when = split_args(row.get("args") or [])
        code = coder.code(text, context=context, when=when)
        country, sector = code.country or "", code.sector or ""
        preds.append({"test": row.get("test"), "args": row.get("args"),
                      "country": country, "sector": sector})  # fmt: skip
        expected = row.get("expected") or {}
        outcomes: dict[str, bool] = {}
        if "country" in expected:
            outcomes["country"] = _check(expected["country"], country)
        if "code_1" in expected:
            outcomes["sector"] = _check(expected["code_1"], sector)
        if "country" in outcomes and "sector" in outcomes:
            outcomes["both"] = outcomes["country"] and outcomes["sector"]
        result = expected.get("__result__")
        if isinstance(result, dict) and result.get("eq", 0) is None:
            outcomes["no_actor"] = not country and not sector
        if not outcomes:
            unscored += 1
        for key, ok in outcomes.items():
            tally[key][0] += ok
            tally[key][1] += 1
        if not all(outcomes.values()):
            want = {k: v for k, v in expected.items() if k in {"country", "code_1", "__result__"}}
            got = f"{country or '-'} {sector or '-'}"
            failures.append(
                f"{row.get('test')}: {text!r} [{context}] -> {got} want {want} ({code.evidence})"
            )
    summary: dict[str, Any] = {
        key: {"correct": c, "total": t, "accuracy": round(c / t, 3) if t else None}
        for key, (c, t) in tally.items()
    }
    summary["cases"] = len(rows)
    summary["unscored"] = unscored
    summary["failures"] = failures
    return summary, preds


def _speed(rows: list[dict[str, Any]], coder: ActorCoder, seconds: float = 2.0) -> float:
    """Return calls per second over the gold phrases, after tables are built."""
    texts = [split_args(r.get("args") or [])[0] for r in rows] or ["Pakistani Army"]
    coder.code(texts[0])
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            coder.code(text)
        calls += len(texts)
    return calls / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, help="write one prediction per case (JSONL)")
    parser.add_argument("--dictionary", type=Path, help="a user actor dictionary (CSV/YAML)")
    parser.add_argument("--failures", action="store_true", help="list the cases coded wrong")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()
            if line.strip()]  # fmt: skip
    start = time.perf_counter()
    coder = ActorCoder(args.dictionary)
    coder.code("warm up")
    load_s = time.perf_counter() - start
    summary, preds = score(rows, coder)
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for pred in preds:
                fh.write(json.dumps(pred, ensure_ascii=False) + "\n")
    print(f"gold: {args.gold} ({summary['cases']} cases, {summary['unscored']} unscored)")
    for key in ("country", "sector", "both", "no_actor"):
        part = summary[key]
        print(f"{key:9} {part['correct']:4d}/{part['total']:<4d} accuracy {part['accuracy']}")
    print(f"tables built in {load_s:.2f} s; {_speed(rows, coder):,.0f} calls/s")
    if args.failures:
        print("\n".join(summary["failures"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
