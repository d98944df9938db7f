"""Break down the gold quotations a prediction file misses, by kind of cue.

    python bench/quotes_misses.py GOLD.jsonl PRED.jsonl [--top 30] [--rare 5]

GOLD and PRED are in the format of ``score_quotes.py`` (PRED is what
``bench/quotes.py --out`` writes). Gold quotes are matched one-to-one to
predictions as the scorer does: greedily, in gold order, to the unused
prediction covering the largest share of the gold content characters, if
that share is at least ``--min-overlap`` (0.5). Reported:

- recall for gold quotes whose cue is a speech verb (``cue_is_speech_verb``)
  and for the rest (beliefs, intentions, stances, "shows", …);
- how many missed quotes have a cue string (lower-cased) used at most
  ``--rare`` times in the whole gold file: the long tail no cue list reaches;
- the cues missed most often, with how often each was found.

It answers "what is left to find", which the scorer's totals do not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def _chars(quote: dict[str, Any]) -> set[int]:
    out: set[int] = set()
    for start, end in quote.get("fragments") or [[quote["start"], quote["end"]]]:
        out.update(range(start, end))
    return out


def matched(gold: list[dict[str, Any]], pred: list[dict[str, Any]], min_overlap: float) -> set[int]:
    """Return the indexes of the gold quotes the predictions match (scorer's rule)."""
    pred_chars = [_chars(p) for p in pred]
    used: set[int] = set()
    found: set[int] = set()
    for k, quote in enumerate(gold):
        gold_chars = _chars(quote)
        best, best_share = None, 0.0
        for i, chars in enumerate(pred_chars):
            if i in used:
                continue
            share = len(gold_chars & chars) / max(1, len(gold_chars))
            if share >= min_overlap and share > best_share:
                best, best_share = i, share
        if best is not None:
            used.add(best)
            found.add(k)
    return found


def _read(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return {str(r["id"]): r for r in (json.loads(line) for line in fh if line.strip())}


def main(argv: list[str] | None = None) -> int:
    """Print the breakdown."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--top", type=int, default=30, help="missed cues to list")
    parser.add_argument("--rare", type=int, default=5, help="a cue used this often or less is rare")
    parser.add_argument("--min-overlap", type=float, default=0.5)
    args = parser.parse_args(argv)
    for path in (args.gold, args.pred):
        if not path.exists():
            print(f"error: {path}: not found", file=sys.stderr)
            return 2
    gold, pred = _read(args.gold), _read(args.pred)
    uses = Counter(
        str(q.get("cue") or "").lower() for doc in gold.values() for q in doc.get("quotes", [])
    )
    found_by: Counter[bool] = Counter()
    total_by: Counter[bool] = Counter()
    missed_cues: Counter[str] = Counter()
    found_cues: Counter[str] = Counter()
    rare = 0
    for doc_id, doc in gold.items():
        quotes = doc.get("quotes", [])
        found = matched(quotes, pred.get(doc_id, {}).get("quotes", []), args.min_overlap)
        for k, quote in enumerate(quotes):
            speech = bool(quote.get("cue_is_speech_verb"))
            cue = str(quote.get("cue") or "").lower()
            total_by[speech] += 1
            if k in found:
                found_by[speech] += 1
                found_cues[cue] += 1
            else:
                missed_cues[cue] += 1
                rare += uses[cue] <= args.rare
    total, hits = sum(total_by.values()), sum(found_by.values())
    missed = total - hits
    print(f"{total} gold quotes, {hits} found (recall {hits / max(1, total):.3f}), {missed} missed")
    for speech, label in ((True, "speech-verb cues"), (False, "other cues")):
        n, f = total_by[speech], found_by[speech]
        print(f"  {label}: {n} gold, recall {f / max(1, n):.3f}, {n - f} missed")
    print(
        f"  missed with a rare cue (used <= {args.rare} times in the gold file): "
        f"{rare} ({rare / max(1, missed):.0%} of the missed); "
        f"{sum(1 for n in uses.values() if n <= args.rare)} of {len(uses)} distinct cues are rare"
    )
    print("cues missed most often (missed / found):")
    for cue, n in missed_cues.most_common(args.top):
        print(f"  {n:5d} / {found_cues[cue]:5d}  {cue or '(none)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
