"""Run the quotations stage over a gold file and write predictions for its scorer.

    python bench/quotes.py --gold FILE.jsonl --out PRED.jsonl [--limit N] [--score]

The gold file has one JSON object per document with at least ``id`` and
``text`` (the PolNeAR conversion in ../shared/data/quotes is one). Each text
goes, exactly as given, through the real pipeline: the spaCy stage, the
entities stage and ``quotes.rules.v2``. The predictions file has one object
per document, ``{id, quotes: [{start, end, fragments, speaker_start,
speaker_end, speaker_text, kind}]}``, the format of ``score_quotes.py``.

Consecutive parts of one attribution in a paragraph (a quotation split
around its cue, "First," X said. "Second."; a reported clause followed by a
quoted sentence) are one prediction with several fragments, as in the gold.

``--score`` then runs the scorer (``--scorer``, default: score_quotes.py next
to the gold file) for all kinds, ``--kinds direct,mixed`` and
``--speech-only``, and once more for ``--kinds direct,mixed`` with only the
predictions labelled direct or mixed (written next to ``--out``); and
``--timing`` reports seconds per stage. ``--cache FILE`` keeps the spaCy
stage's output in a pickle, so later runs on the same gold file (same ids
and texts) only re-run the entities and quotes stages;
the spaCy seconds reported are then those of the run that filled the cache.
``--half even|odd`` keeps every other document (and scores against a gold
file of that half written next to ``--out``), to report two disjoint halves.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
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
from newsgraph.pipeline import Stage
from newsgraph.records import AnalysedArticle, Article, Quote
from newsgraph.settings import Settings

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/data/quotes/polnear_dev.jsonl"


def _paragraph(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def predictions(text: str, quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    """Turn quote records into scorer predictions, merging the parts of one attribution."""
    out: list[dict[str, Any]] = []
    last_key: tuple[Any, ...] | None = None
    # The last direct or mixed prediction: '“A,” X said, referring to Y.
    # “B.”' — an indirect quote between the parts does not split them.
    quoted_key: tuple[Any, ...] | None = None
    quoted: dict[str, Any] | None = None
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        key = (
            quote.speaker_mention_start,
            quote.speaker_mention_end,
            quote.cue,
            _paragraph(text, quote.start),
        )
        if quote.kind in {"direct", "mixed"} and quote.speaker_mention_start is not None:
            into = out[-1] if out and last_key == key else quoted if quoted_key == key else None
            if into is not None:
                into["fragments"].append([quote.start, quote.end])
                into["end"] = max(into["end"], quote.end)
                if into["kind"] == "indirect":
                    into["kind"] = "mixed"  # words of its own and quoted words
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
                "cue": quote.cue_lemma,
                "confidence": quote.confidence,
            }
        )
        last_key = key
        if quote.kind in {"direct", "mixed"}:
            quoted_key, quoted = key, out[-1]
    return out


def _timed_run(
    stages: Sequence[Stage], docs: list[AnalysedArticle], timing: dict[str, float]
) -> list[AnalysedArticle]:
    """Run the stages like Pipeline.run, adding each stage's seconds to ``timing``."""
    for stage in stages:
        began = time.perf_counter()
        pipe = getattr(stage, "pipe", None)
        docs = list(pipe(docs)) if pipe is not None else [stage(doc) for doc in docs]
        timing[stage.name] = timing.get(stage.name, 0.0) + time.perf_counter() - began
    return docs


def _fingerprint(docs: Sequence[dict[str, Any]]) -> str:
    """Return a digest of the documents' ids and texts, to key the cache."""
    digest = hashlib.sha256()
    for d in docs:
        digest.update(str(d["id"]).encode("utf-8") + b"\0" + str(d["text"]).encode("utf-8"))
    return digest.hexdigest()


def _parsed(
    docs: list[dict[str, Any]],
    batch: int,
    cache: Path | None,
    timing: dict[str, float],
) -> list[AnalysedArticle]:
    """Return the spaCy stage's output for each document, from ``cache`` when it fits.

    The cache fits the same documents parsed by the same spaCy stage version.
    """
    key = _fingerprint(docs) + ":" + SpacyStage(Settings()).version
    if cache is not None and cache.exists():
        data = pickle.loads(cache.read_bytes())
        if data.get("key") == key:
            timing[SpacyStage.name] = float(data["seconds"])
            return list(data["docs"])
    spacy_stage = SpacyStage(Settings())
    _ = spacy_stage.nlp  # load outside the timings
    parsed: list[AnalysedArticle] = []
    for i in range(0, len(docs), batch):
        chunk = docs[i : i + batch]
        articles = [
            Article(id=article_id(d["text"]), text=d["text"], order=i + k)
            for k, d in enumerate(chunk)
        ]
        fresh = [AnalysedArticle(article=a) for a in articles]
        parsed.extend(_timed_run([spacy_stage], fresh, timing))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        payload = {"key": key, "seconds": timing[SpacyStage.name], "docs": parsed}
        cache.write_bytes(pickle.dumps(payload))
    return parsed


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
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the spaCy output")
    parser.add_argument(
        "--half", choices=["even", "odd"], default=None, help="only every other document"
    )
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
    gold_path: Path = args.gold
    if args.half:
        # Every other document (0-based even or odd index), written next to the
        # predictions so the scorer sees only that half.
        docs = docs[0 if args.half == "even" else 1 :: 2]
        gold_path = args.out.with_suffix(".gold.jsonl")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        gold_path.write_text(
            "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8"
        )
    timing: dict[str, float] = {}
    parsed = _parsed(docs, args.batch, args.cache, timing)
    stages: list[Stage] = [EntityStage(), QuoteStage(Settings())]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    n_quotes = 0
    with args.out.open("w", encoding="utf-8") as out:
        for i in range(0, len(parsed), args.batch):
            chunk = parsed[i : i + args.batch]
            for gold, analysed in zip(
                docs[i : i + args.batch], _timed_run(stages, chunk, timing), strict=True
            ):
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
        # The scorer filters the gold only: with --kinds direct,mixed an
        # indirect prediction that matches no indirect gold quote still counts
        # as a false positive. The last view submits only the predictions we
        # label direct or mixed, as a user filtering on kind would.
        own = args.out.with_suffix(".direct-mixed.jsonl")
        with args.out.open(encoding="utf-8") as src, own.open("w", encoding="utf-8") as dst:
            for line in src:
                record = json.loads(line)
                record["quotes"] = [q for q in record["quotes"] if q["kind"] != "indirect"]
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")
        for label, pred, extra in (
            ("all kinds", args.out, []),
            ("--kinds direct,mixed", args.out, ["--kinds", "direct,mixed"]),
            ("--speech-only", args.out, ["--speech-only"]),
            ("--kinds direct,mixed, our direct+mixed predictions only", own,
             ["--kinds", "direct,mixed"]),
        ):  # fmt: skip
            print("==", label)
            cmd = [sys.executable, str(scorer), str(gold_path), str(pred), *extra]
            result = subprocess.run(cmd, capture_output=True, text=True, check=False)
            print(result.stdout.strip() or result.stderr.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
