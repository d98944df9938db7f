"""Score PLOVER event coding against a gold file in the PLOVER GSR format.

Usage::

    python bench/events.py --gold /work/shared/data/events/plover_gsr_dev.jsonl \
        [--out PRED.jsonl] [--errors N] [--verbose] [--cache FILE] [--limit N] [--halves]

A file of document-labelled records (``{text, event, mode}``, like the
synthetic training set) is scored per document instead: how often the
label's type is among the document's events.

Each gold line is ``{id, text, events:[{event, mode, actor:[{text, code,
sector}], recipient:[...], event_text}]}``. Every text goes through the real
pipeline (the registered stages: spaCy, places, dates, entities, …, events).

Predictions are the stage's events that are not negated or hypothetical,
except that a hypothetical THREATEN or future event is kept: "will withdraw
unless …", "said it would not accept … if …" are real statements of intent
about a conditional action, and PLOVER codes them,
grouped by evidence span: one predicted event per trigger, whose ``actor``
and ``recipient`` lists are the union of its pairs' sources and targets.

An actor with no country whose sector is NGO or IGO is written with that
as its ``code``, the gold's convention for such bodies.

Matching, per sentence: predicted and gold events are paired greedily by
type (one-to-one); a pair is a type hit. For "type + countries", a pair also
needs its source and its target country sets to agree: they intersect, or
both are empty. Codes are compared after folding every non-country code
(UNO, EUR, NATO, …) to ``IGO``, because the gold codes international bodies
as ``IGO``/``NGO`` only. Precision is hits / predicted, recall hits / gold.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_GOLD = "/work/shared/data/events/plover_gsr_dev.jsonl"


def _iso3() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX", "PSE"}


def norm_code(code: str | None, countries: set[str]) -> str | None:
    """Fold a country/IGO code to the gold's vocabulary (ISO-3, IGO, NGO)."""
    if not code:
        return None
    code = code.upper()
    if code in countries or code == "NGO":
        return code
    return "IGO"


# Stages before this one only parse, geocode and date; their output is what
# ``--cache`` keeps, so tuning entities/events re-runs in seconds.
_CACHE_BEFORE = "entities.rules.v1"


def _analyse(texts: list[str], cache: Path | None) -> tuple[list[Any], float]:
    """Run the registered pipeline over texts, reusing cached NLP output if given."""
    from dataclasses import replace

    from newsgraph.ids import article_id
    from newsgraph.records import AnalysedArticle, Article
    from newsgraph.registry import build_pipeline
    from newsgraph.settings import Settings

    pipeline = build_pipeline(Settings())
    articles = [Article(id=article_id(t), text=t, order=n) for n, t in enumerate(texts)]
    names = [s.name for s in pipeline.stages]
    cut = names.index(_CACHE_BEFORE)
    prefix, rest = pipeline.stages[:cut], pipeline.stages[cut:]
    key = [a.id for a in articles], [getattr(s, "version", s.name) for s in prefix]
    docs: list[AnalysedArticle] | None = None
    if cache is not None and cache.exists():
        stored_key, stored = pickle.loads(cache.read_bytes())
        docs = stored if stored_key == key else None
    if docs is None:
        pipeline.run(articles[:2])  # load models before timing
        started = time.perf_counter()
        docs = type(pipeline)(prefix).run(articles)
        seconds = time.perf_counter() - started
        if cache is not None:
            cache.write_bytes(pickle.dumps((key, docs)))
    else:
        seconds = 0.0  # the cached stages were not timed this run
    started = time.perf_counter()
    for stage in rest:
        docs = [replace(out := stage(d), provided=out.provided | stage.provides) for d in docs]
    return docs, seconds + time.perf_counter() - started


def predict(
    texts: list[str], cache: Path | None = None
) -> tuple[list[list[dict[str, Any]]], float, int]:
    """Run the registered pipeline over texts; return events in the gold format."""
    docs, seconds = _analyse(texts, cache)
    out: list[list[dict[str, Any]]] = []
    for doc in docs:
        groups: dict[tuple[int, int, str], dict[str, Any]] = {}
        for ev in doc.events:
            if ev.negated or (ev.hypothetical and not (ev.future or ev.type == "THREATEN")):
                continue  # a conditional statement of intent is still a statement
            g = groups.setdefault(
                (ev.start, ev.end, ev.type),
                {"event": ev.type, "mode": ev.mode, "actor": [], "recipient": [],
                 "event_text": ev.trigger, "_src": set(), "_tgt": set()},
            )  # fmt: skip
            for side, name, code, sector in (
                ("actor", ev.source_actor, ev.source_country, ev.source_sector),
                ("recipient", ev.target_actor, ev.target_country, ev.target_sector),
            ):
                if name and name not in g["_src" if side == "actor" else "_tgt"]:
                    g["_src" if side == "actor" else "_tgt"].add(name)
                    # The gold (CAMEO style) puts a non-governmental or
                    # intergovernmental body's kind in the code field.
                    if not code and sector in {"NGO", "IGO"}:
                        code = sector
                    g[side].append({"text": name, "code": code, "sector": sector})
        events = []
        for g in groups.values():
            actors = {a["text"] for a in g["actor"]}
            g["recipient"] = [r for r in g["recipient"] if r["text"] not in actors]
            del g["_src"], g["_tgt"]
            events.append(g)
        out.append(events)
    words = sum(len(t.split()) for t in texts)
    return out, seconds, words


def _codes(side: list[dict[str, Any]], countries: set[str]) -> set[str]:
    return {c for a in side if (c := norm_code(a.get("code"), countries))}


def _agree(a: set[str], b: set[str]) -> bool:
    return bool(a & b) or (not a and not b)


def score(gold: list[dict[str, Any]], preds: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Return P/R/F1 for type and type+countries, and a confusion table."""
    countries = _iso3()
    n_gold = n_pred = hit = hit_c = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for record, pred in zip(gold, preds, strict=True):
        golds = list(record["events"])
        n_gold += len(golds)
        n_pred += len(pred)
        free = list(range(len(pred)))
        for g in golds:
            same = [k for k in free if pred[k]["event"] == g["event"]]
            if same:
                # Prefer the prediction whose countries also agree.
                best = next(
                    (k for k in same
                     if _agree(_codes(pred[k]["actor"], countries), _codes(g["actor"], countries))
                     and _agree(_codes(pred[k]["recipient"], countries),
                                _codes(g["recipient"], countries))),
                    None,
                )  # fmt: skip
                hit += 1
                if best is not None:
                    hit_c += 1
                free.remove(best if best is not None else same[0])
                confusion[(g["event"], g["event"])] += 1
            elif free:
                confusion[(g["event"], pred[free.pop(0)]["event"])] += 1
            else:
                confusion[(g["event"], "-")] += 1
        for k in free:
            confusion[("-", pred[k]["event"])] += 1

    def prf(h: int) -> dict[str, float]:
        p = h / n_pred if n_pred else 0.0
        r = h / n_gold if n_gold else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3),
                "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}  # fmt: skip

    return {"gold": n_gold, "predicted": n_pred, "type": prf(hit),
            "type_countries": prf(hit_c), "confusion": confusion}  # fmt: skip


def record_status(record: dict[str, Any], pred: list[dict[str, Any]], countries: set[str]) -> str:
    """Return OK, CTRY (type right, a country wrong) or TYPE (type missed) for one record."""
    one = score([record], [pred])
    if one["type_countries"]["recall"] == 1.0:
        return "OK"
    return "CTRY" if one["type"]["recall"] == 1.0 else "TYPE"


def describe(record: dict[str, Any], pred: list[dict[str, Any]], status: str) -> str:
    """Render one record's gold and predicted events for error analysis."""

    def side(actors: list[dict[str, Any]]) -> str:
        return ", ".join(f"{a.get('text')}={a.get('code') or '-'}/{a.get('sector') or '-'}"
                         for a in actors) or "-"  # fmt: skip

    lines = [f"\n[{status}] {record['id']}: {record['text']}"]
    for g in record["events"]:
        lines.append(f"  gold {g['event']}/{g.get('mode')} ({g.get('event_text')}): "
                     f"{side(g['actor'])} -> {side(g['recipient'])}")  # fmt: skip
    for e in pred:
        lines.append(f"  pred {e['event']}/{e.get('mode')} ({e.get('event_text')}): "
                     f"{side(e['actor'])} -> {side(e['recipient'])}")  # fmt: skip
    return "\n".join(lines)


def confusion_table(confusion: Counter[tuple[str, str]]) -> str:
    """Render gold (rows) × predicted (columns) as a Markdown table."""
    labels = sorted(
        {g for g, _ in confusion} | {p for _, p in confusion}, key=lambda x: (x == "-", x)
    )
    short = {lab: lab[:4] for lab in labels}
    lines = ["| gold \\ pred | " + " | ".join(short[p] for p in labels) + " |"]
    lines.append("|---" * (len(labels) + 1) + "|")
    for g in labels:
        cells = [str(confusion.get((g, p), "")) for p in labels]
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _write(path: str, records: list[dict[str, Any]], preds: list[list[dict[str, Any]]]) -> None:
    """Write one ``{id, text, events}`` line per record, the gold format."""
    with open(path, "w", encoding="utf-8") as fh:
        for r, events in zip(records, preds, strict=True):
            fh.write(json.dumps({"id": r["id"], "text": r["text"], "events": events}) + "\n")


def _documents(records: list[dict[str, Any]], cache: Path | None, out: str | None) -> int:
    """Score document-labelled records ({text, event, mode}): is the label among the events?

    The synthetic training file has one pseudo-label per document, no
    actors; this check never saw tuning, so it tells whether a rule change
    generalises beyond the dev sentences.
    """
    preds, seconds, words = predict([r["text"] for r in records], cache)
    if out:
        _write(out, records, preds)
    found = sum(
        any(e["event"] == r["event"] for e in p) for r, p in zip(records, preds, strict=True)
    )
    events = sum(len(p) for p in preds)
    share, per_doc = found / len(records), events / len(records)
    print(f"documents {len(records)}: label type among the events in {found} ({share:.3f}); "
          f"{per_doc:.2f} events per document")  # fmt: skip
    print(f"whole pipeline: {seconds:.2f} s for {words} words")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=DEFAULT_GOLD, help="gold JSONL (PLOVER GSR format)")
    parser.add_argument("--out", help="write predictions in the gold format here")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses")
    parser.add_argument("--verbose", action="store_true",
                        help="print every record: OK, TYPE or CTRY (a miss)")  # fmt: skip
    parser.add_argument("--cache", type=Path, help="pickle file to keep the NLP output in")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N records")
    parser.add_argument("--halves", action="store_true",
                        help="also score even and odd records apart (a tuning check)")  # fmt: skip
    args = parser.parse_args(argv)
    path = Path(args.gold)
    if not path.exists():
        print(f"gold file not found: {path}", file=sys.stderr)
        return 2
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if args.limit:
        gold = gold[: args.limit]
    if gold and "events" not in gold[0]:
        return _documents(gold, args.cache, args.out)
    preds, seconds, words = predict([g["text"] for g in gold], args.cache)
    result = score(gold, preds)
    if args.out:
        _write(args.out, gold, preds)
    t, c = result["type"], result["type_countries"]
    print(f"gold events {result['gold']}, predicted {result['predicted']}")
    print(f"type:            P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}")
    print(f"type+countries:  P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}")
    per_k = 1e6 * seconds / words
    print(f"whole pipeline: {seconds:.2f} s for {words} words ({per_k:.0f} ms/1k words)")
    if args.halves:
        for name, start in (("even", 0), ("odd", 1)):
            half = score(gold[start::2], preds[start::2])
            print(f"{name} records: type F1 {half['type']['f1']:.3f}, "
                  f"type+countries F1 {half['type_countries']['f1']:.3f}")  # fmt: skip
    print(confusion_table(result["confusion"]))
    shown = 0
    countries = _iso3()
    for g, events in zip(gold, preds, strict=True):
        status = record_status(g, events, countries)
        if args.verbose or (status == "TYPE" and shown < args.errors):
            shown += 1
            print(describe(g, events, status))
    return 0


if __name__ == "__main__":
    sys.exit(main())
