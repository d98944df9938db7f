"""End-to-end ``analyze`` throughput against bare spaCy, in the same run.

    python bench/throughput.py [--input FILE.jsonl] [--limit N] [--workers N]

Reads up to N articles (JSONL with a ``text`` field; default: the PolNeAR
training articles in ../shared, which are real news), then times, on the
same texts and machine:

1. bare spaCy: ``spacy.load(model)`` and ``nlp.pipe`` over the article
   texts, the way a user would call it without newsgraph;
2. newsgraph: :func:`newsgraph.runners.local.analyze` into a fresh SQLite
   file: ingest, segmentation, paragraph splitting, spaCy with the
   gazetteer, record conversion, store writes and near-duplicate linking.

Both figures are reported with and without model loading, and as a ratio
(the goal for the finished pipeline is >= 0.8). The pipeline cache is warmed
first, so the build of the gazetteer is not counted (it happens once per
machine).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_INPUT = Path(__file__).resolve().parents[2] / "shared/data/quotes/polnear_train.jsonl"


def _load_texts(path: Path, limit: int) -> list[dict[str, str]]:
    records: list[dict[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            data = json.loads(line)
            if data.get("text"):
                records.append({"id": str(data.get("id", len(records))), "text": data["text"]})
            if len(records) >= limit:
                break
    return records


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="JSONL with a text field")
    parser.add_argument("--limit", type=int, default=150, help="articles to use")
    parser.add_argument("--workers", type=int, default=1, help="newsgraph worker processes")
    parser.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    if not args.input.exists():
        print(f"error: {args.input}: not found (pass --input FILE.jsonl)", file=sys.stderr)
        return 2

    import spacy

    from newsgraph.ingest import IngestOptions
    from newsgraph.nlp import load_pipeline
    from newsgraph.runners.local import analyze
    from newsgraph.settings import Settings

    records = _load_texts(args.input, args.limit)
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    settings = Settings(workers=args.workers)
    load_pipeline(settings)  # warm the on-disk cache; not timed

    # 1. Bare spaCy.
    t0 = time.perf_counter()
    nlp = spacy.load(settings.model)
    t1 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    t2 = time.perf_counter()
    bare_load, bare_run = t1 - t0, t2 - t1
    del nlp

    # 2. newsgraph analyze, end to end, into a fresh database.
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        t3 = time.perf_counter()
        load_pipeline(settings)
        t4 = time.perf_counter()
        report = analyze(
            [str(corpus)], db=Path(tmp) / "bench.db", options=IngestOptions(), settings=settings
        )
        t5 = time.perf_counter()
    ours_load = t4 - t3
    ours_total = t5 - t4  # analyze() loads its own pipeline copy: subtract one load
    ours_run = max(ours_total - ours_load, 1e-9) if args.workers == 1 else ours_total

    result = {
        "articles": len(records),
        "words": words,
        "workers": args.workers,
        "bare_spacy_load_s": round(bare_load, 2),
        "bare_spacy_words_per_s": round(words / bare_run),
        "newsgraph_load_s": round(ours_load, 2),
        "newsgraph_words_per_s": round(words / ours_run),
        "newsgraph_words_per_s_incl_load": round(words / ours_total),
        "ratio": round((words / ours_run) / (words / bare_run), 3),
        "ratio_incl_load": round((words / ours_total) / (words / (bare_run + bare_load)), 3),
        "analysed": report.analysed,
        "failures": len(report.failures),
    }
    if args.as_json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:34} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
