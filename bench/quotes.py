"""Run the quotations stage over a gold file and write predictions for its scorer.

    python bench/quotes.py --gold FILE.jsonl --out PRED.jsonl [--limit N] [--score]

The gold file has one JSON object per document with at least ``id`` and
``text`` (the PolNeAR conversion in ../shared/data/quotes is one). Each text
goes, exactly as given, through the real pipeline: the spaCy stage, the
entities stage and ``quotes.rules.v1``. The predictions file has one object
per document, ``{id, quotes: [{start, end, fragments, speaker_start,
speaker_end, speaker_text, kind}]}``, the format of ``score_quotes.py``.

Parts of one direct quotation split around its attribution ("First," X
said. "Second.") are one prediction with two fragments, as in the gold.

``--score`` then runs the scorer (``--scorer``, default: score_quotes.py next
to the gold file) for all kinds, ``--kinds direct,mixed`` and
``--speech-only``, and ``--timing`` reports seconds per stage.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsgraph.extract.entities import EntityStage
from newsgraph.extract.quotes import QuoteStage
from newsgraph.ids import article_id
from newsgraph.nlp import SpacyStage
from newsgraph.pipeline import Pipeline, Stage
from newsgraph.records import AnalysedArticle, Article, Quote
from newsgraph.settings import Settings

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/data/quotes/polnear_dev.jsonl"


def _paragraph(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def predictions(text: str, quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    """Turn quote records into scorer predictions, merging split direct quotes."""
    out: list[dict[str, Any]] = []
    last_key: tuple[Any, ...] | None = None
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        key = (
            quote.speaker_mention_start,
            quote.speaker_mention_end,
            quote.cue,
            _paragraph(text, quote.start),
        )
        if (
            quote.kind == "direct"
            and out
            and last_key == key
            and quote.speaker_mention_start is not None
            and out[-1]["kind"] == "direct"
        ):
            prev = out[-1]
            prev["fragments"].append([quote.start, quote.end])
            prev["end"] = max(prev["end"], quote.end)
            continue
        out.append(
            {
                "start": quote.start,
                "end": quote.end,
                "fragments": [[quote.start, quote.end]],
                "kind": quote.kind,
                "speaker_start": quote.speaker_mention_start,
                "speaker_end": quote.speaker_mention_end,
                "speaker_text": (
                    text[quote.speaker_mention_start : quote.speaker_mention_end]
                    if quote.speaker_mention_start is not None
                    and quote.speaker_mention_end is not None
                    else None
                ),
                "speaker": quote.speaker,
                "confidence": quote.confidence,
            }
        )
        last_key = key
    return out


def _timed_run(
    stages: Sequence[Stage], articles: list[Article], timing: dict[str, float]
) -> list[AnalysedArticle]:
    """Run the stages like Pipeline.run, adding each stage's seconds to ``timing``."""
    Pipeline(stages)  # checks requirements (E202)
    docs = [AnalysedArticle(article=a) for a in articles]
    for stage in stages:
        began = time.perf_counter()
        pipe = getattr(stage, "pipe", None)
        docs = list(pipe(docs)) if pipe is not None else [stage(doc) for doc in docs]
        timing[stage.name] = timing.get(stage.name, 0.0) + time.perf_counter() - began
    return docs


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL")
    parser.add_argument("--out", type=Path, required=True, help="predictions JSONL to write")
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--batch", type=int, default=32, help="documents per batch")
    parser.add_argument("--score", action="store_true", help="run the scorer afterwards")
    parser.add_argument("--scorer", type=Path, default=None, help="path to score_quotes.py")
    parser.add_argument("--timing", action="store_true", help="print seconds per stage")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"error: {args.gold}: not found (pass --gold FILE.jsonl)", file=sys.stderr)
        return 2
    docs: list[dict[str, Any]] = []
    with args.gold.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
            if args.limit and len(docs) >= args.limit:
                break
    settings = Settings()
    spacy_stage = SpacyStage(settings)
    _ = spacy_stage.nlp  # load outside the timings
    stages: list[Stage] = [spacy_stage, EntityStage(), QuoteStage(settings)]
    timing: dict[str, float] = {}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    n_quotes = 0
    with args.out.open("w", encoding="utf-8") as out:
        for i in range(0, len(docs), args.batch):
            chunk = docs[i : i + args.batch]
            articles = [
                Article(id=article_id(d["text"]), text=d["text"], order=i + k)
                for k, d in enumerate(chunk)
            ]
            for gold, analysed in zip(chunk, _timed_run(stages, articles, timing), strict=True):
                preds = predictions(gold["text"], analysed.quotes)
                n_quotes += len(preds)
                out.write(json.dumps({"id": gold["id"], "quotes": preds}, ensure_ascii=False))
                out.write("\n")
    print(f"{len(docs)} documents, {n_quotes} predicted quotes -> {args.out}")
    if args.timing:
        nlp = timing.get(SpacyStage.name, 0.0)
        for name, seconds in timing.items():
            share = f" ({seconds / nlp:.1%} of spaCy)" if nlp and name != SpacyStage.name else ""
            print(f"  {name}: {seconds:.2f} s{share}")
    if args.score:
        scorer = args.scorer or args.gold.parent / "score_quotes.py"
        for extra in ([], ["--kinds", "direct,mixed"], ["--speech-only"]):
            print("==", " ".join(extra) or "all kinds")
            cmd = [sys.executable, str(scorer), str(args.gold), str(args.out), *extra]
            result = subprocess.run(cmd, capture_output=True, text=True, check=False)
            print(result.stdout.strip() or result.stderr.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
