"""Score the article segmenter on concatenated-article files.

Usage:
    python bench/segmentation.py --gold FILE.jsonl [--out PRED.jsonl] [--seed SEED.txt]

FILE.jsonl holds one object per file: ``{id, text, article_start_lines, ...}``
with 1-based start lines. Prints Pk, WindowDiff (k = half the mean gold
segment length in lines, per file), the share of gold articles recovered
exactly (same first and last line) and the speed, for the segmenter and for
two naive "a line without final punctuation starts an article" baselines: one
that skips closing quotes and starts only at the first of a run of such lines,
and one that starts at every such line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from newsgraph.ingest.segment import segment_lines


def _seg_ids(starts: Sequence[int], n: int) -> list[int]:
    """Return, for each of n lines, the index of the segment holding it."""
    ids = [0] * n
    s = sorted(set(starts) | {0})
    cur = -1
    nxt = 0
    for i in range(n):
        while nxt < len(s) and s[nxt] <= i:
            cur += 1
            nxt += 1
        ids[i] = max(cur, 0)
    return ids


def pk_windowdiff(gold: Sequence[int], pred: Sequence[int], n: int) -> tuple[float, float]:
    """Return (Pk, WindowDiff) for 0-based segment starts over n lines."""
    if n < 2:
        return 0.0, 0.0
    n_gold = len(set(gold) | {0})
    k = max(1, round(n / n_gold / 2))
    if k >= n:
        k = n - 1
    g = _seg_ids(gold, n)
    p = _seg_ids(pred, n)
    m = n - k
    pk = sum((g[i] == g[i + k]) != (p[i] == p[i + k]) for i in range(m)) / m
    wd = sum((g[i + k] - g[i]) != (p[i + k] - p[i]) for i in range(m)) / m
    return pk, wd


def exact_hits(gold: Sequence[int], pred: Sequence[int], n: int) -> tuple[int, int]:
    """Return (gold segments recovered with the same start and end, gold segments)."""

    def spans(starts: Sequence[int]) -> set[tuple[int, int]]:
        s = sorted(set(starts) | {0})
        return {(a, b) for a, b in zip(s, [*s[1:], n], strict=True)}

    gs = spans(gold)
    return len(gs & spans(pred)), len(gs)


def _has_final(line: str) -> bool:
    core = line.rstrip(" \t\u00a0\"'”’»)]“‘")
    return bool(core) and core[-1] in ".!?…"


def baseline_starts(lines: Sequence[str]) -> list[int]:
    """Start an article at each non-blank line without final punctuation after one with it."""
    starts = [0]
    prev_final = True
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        fin = _has_final(line)
        if not fin and prev_final and i > 0:
            starts.append(i)
        prev_final = fin
    return starts


def naive_starts(lines: Sequence[str]) -> list[int]:
    """Start an article at every non-blank line whose last character is not . ! or ?."""
    return [0] + [
        i for i, line in enumerate(lines) if i and line.strip() and line.rstrip()[-1] not in ".!?"
    ]


def _score(rows: list[dict[str, object]], preds: list[list[int]]) -> dict[str, float]:
    pks, wds = [], []
    hit = tot = 0
    for row, pred in zip(rows, preds, strict=True):
        text = str(row["text"])
        n = len(text.split("\n"))
        gold = [int(s) - 1 for s in row["article_start_lines"]]  # type: ignore[attr-defined]
        pk, wd = pk_windowdiff(gold, pred, n)
        pks.append(pk)
        wds.append(wd)
        h, t = exact_hits(gold, pred, n)
        hit += h
        tot += t
    return {
        "pk": sum(pks) / len(pks),
        "windowdiff": sum(wds) / len(wds),
        "exact": hit / tot if tot else 0.0,
        "n_gold": float(tot),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", help="JSONL with text and 1-based article_start_lines")
    ap.add_argument("--out", help="write predictions as JSONL (1-based start lines and titles)")
    ap.add_argument("--seed", help="plain-text file: print the articles and titles found")
    args = ap.parse_args(argv)
    if not args.gold and not args.seed:
        ap.error("give --gold and/or --seed")

    if args.gold:
        with open(args.gold, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        t0 = time.perf_counter()
        segs = [segment_lines(str(r["text"]).split("\n")) for r in rows]
        elapsed = time.perf_counter() - t0
        preds = [[s.start_line for s in ss] for ss in segs]
        n_lines = sum(len(str(r["text"]).split("\n")) for r in rows)
        n_found = sum(len(ss) for ss in segs)
        base = [baseline_starts(str(r["text"]).split("\n")) for r in rows]
        ours = _score(rows, preds)
        naive = _score(rows, base)
        every = _score(rows, [naive_starts(str(r["text"]).split("\n")) for r in rows])
        print(f"files: {len(rows)}  gold articles: {int(ours['n_gold'])}  lines: {n_lines}")
        print(f"{'method':<28}{'Pk':>8}{'WinDiff':>9}{'exact':>8}")
        for name, sc in (
            ("segmenter", ours),
            ("baseline (no final punct)", naive),
            ("baseline (every such line)", every),
        ):
            print(f"{name:<28}{sc['pk']:>8.4f}{sc['windowdiff']:>9.4f}{sc['exact']:>8.3f}")
        print(
            f"speed: {n_found / elapsed:,.0f} articles/s, {n_lines / elapsed:,.0f} lines/s "
            f"({elapsed:.3f} s for {n_found} predicted articles)"
        )
        if args.out:
            with open(args.out, "w", encoding="utf-8") as fh:
                for r, ss in zip(rows, segs, strict=True):
                    rec = {
                        "id": r.get("id"),
                        "article_start_lines": [s.start_line + 1 for s in ss],
                        "titles": [s.title for s in ss],
                    }
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    if args.seed:
        with open(args.seed, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        found = segment_lines(lines)
        print(f"seed: {len(found)} articles, {sum(s.title is not None for s in found)} titles")
        for s in found:
            print(f"  lines {s.start_line + 1}-{s.end_line}: {s.title!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
