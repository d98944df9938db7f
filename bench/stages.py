"""Time each registered per-article stage on the same articles.

    python bench/stages.py [--input FILE.jsonl] [--limit N]

Runs the default pipeline (``registry.build_pipeline``) over N articles in
batches, after one warm-up batch that loads every model and table, and
prints each stage's share of the time and its cost relative to the spaCy
stage. Use it to see which stage to optimise; ``bench/throughput.py`` gives
the end-to-end figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

DEFAULT_INPUT = Path(__file__).resolve().parents[2] / "shared/data/quotes/polnear_train.jsonl"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="JSONL with a text field")
    parser.add_argument("--limit", type=int, default=100, help="articles to time")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    if not args.input.exists():
        print(f"error: {args.input}: not found (pass --input FILE.jsonl)", file=sys.stderr)
        return 2

    from newsgraph.ids import article_id
    from newsgraph.records import AnalysedArticle, Article
    from newsgraph.registry import build_pipeline
    from newsgraph.settings import Settings

    articles = []
    with args.input.open(encoding="utf-8") as fh:
        for line in fh:
            data = json.loads(line)
            text = data.get("text") or ""
            if text.strip():
                articles.append(Article(id=article_id(text), text=text, published="2025-10-10"))
            if len(articles) >= args.limit + args.batch_size:
                break
    warmup, timed = articles[: args.batch_size], articles[args.batch_size :]
    words = sum(len(a.text.split()) for a in timed)
    pipeline = build_pipeline(Settings(batch_size=args.batch_size))

    def run(batch: list[Article], clock: dict[str, float]) -> None:
        docs = [AnalysedArticle(article=a) for a in batch]
        for stage in pipeline.stages:
            t0 = time.perf_counter()
            pipe = getattr(stage, "pipe", None)
            docs = pipe(docs) if pipe else [stage(d) for d in docs]
            docs = [replace(d, provided=d.provided | stage.provides) for d in docs]
            clock[stage.name] = clock.get(stage.name, 0.0) + time.perf_counter() - t0

    run(warmup, {})
    clock: dict[str, float] = {}
    for i in range(0, len(timed), args.batch_size):
        run(timed[i : i + args.batch_size], clock)
    total = sum(clock.values())
    spacy_time = clock.get("nlp.spacy.v1", 0.0) or 1e-9
    print(f"{len(timed)} articles, {words} words, {total:.1f} s, {words / total:,.0f} words/s")
    print(f"{'stage':28} {'seconds':>8} {'share':>7} {'vs spaCy':>9}")
    for name, seconds in clock.items():
        print(f"{name:28} {seconds:8.2f} {seconds / total:7.1%} {seconds / spacy_time:9.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
