"""Articles/s of the local runner against the Spark runner on one synthetic corpus, in one run.

    python bench/spark.py [--articles 10000] [--master local[2]] [--workers 1]
                          [--partitions N] [--keep DIR]

Writes a synthetic JSONL corpus of short, distinct articles (fictional
people and towns; quotes, meetings and protests, so every extractor has
work), then times on the same corpus and machine:

1. the local runner (``newsgraph analyze``) into a fresh SQLite file,
   with ``--workers`` processes, spaCy load and cross-article stages included;
2. Spark start-up (``SparkSession`` on ``--master``), reported apart;
3. ``newsgraph spark analyze`` on that session (per-article stages,
   Parquet output);
4. ``newsgraph load`` of the Parquet output (store writes and the
   cross-article stages on the driver).

Prints a Markdown table for docs/benchmarks.md. Nothing here reads /work/shared.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

FIRST = ["Ada", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
LAST = ["Varga", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Petrov", "Alvarez", "Nowak"]
TOWNS = ["Norden", "Aldport", "Kestrel Bay", "Marlow Cross", "Eastfield", "Ravensby", "Holt"]
CAPITALS = ["Paris", "Berlin", "Madrid", "Warsaw", "Lisbon", "Vienna", "Prague", "Dublin"]
TOPICS = ["water rates", "a new bridge", "school closures", "bus routes", "harbour fees"]


def article(i: int) -> dict[str, str]:
    """Return synthetic article ``i``: about 70 words, distinct text, a quote and events."""
    person = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
    town, capital = TOWNS[i % len(TOWNS)], CAPITALS[(i // 3) % len(CAPITALS)]
    topic = TOPICS[i % len(TOPICS)]
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    text = (
        f"Protesters in {town} rally over {topic}, report {i}\n"
        f"About {100 + i % 900} residents marched through {town} on Tuesday to protest "
        f"against plans for {topic}. Mayor {person} met union leaders and promised a review. "
        f'"We will not close the matter until everyone has been heard," {person} said. '
        f"Officials in {capital} criticised the council and demanded talks within "
        f"{2 + i % 9} days. Police arrested {i % 7} people near the town hall."
    )
    return {"id": f"s{i}", "text": text, "published": f"2025-{month:02d}-{day:02d}"}


def write_corpus(path: Path, n: int) -> int:
    """Write ``n`` articles as JSONL; return the number of words."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            record = article(i)
            words += len(record["text"].split())
            fh.write(json.dumps(record) + "\n")
    return words


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a Markdown report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--workers", type=int, default=1, help="local runner processes")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--skip-local", action="store_true")
    parser.add_argument("--keep", type=Path, default=None, help="keep outputs in this folder")
    args = parser.parse_args(argv)

    from newsgraph.runners.load import load
    from newsgraph.runners.local import analyze as local_analyze
    from newsgraph.runners.spark import analyze as spark_analyze
    from newsgraph.runners.spark import start_session
    from newsgraph.settings import Settings

    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "synthetic.jsonl"
        words = write_corpus(corpus, args.articles)
        n = args.articles
        rows: list[tuple[str, float, str]] = []
        print(f"corpus: {n} articles, {words} words ({words / n:.0f} per article)", flush=True)
        print(f"machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}", flush=True)

        if not args.skip_local:
            t = time.perf_counter()
            report = local_analyze(
                [str(corpus)], db=work / "local.db", settings=Settings(workers=args.workers)
            )
            local_s = time.perf_counter() - t
            assert report.analysed == n, report
            rows.append((f"local runner, --workers {args.workers}", local_s, f"{n / local_s:.1f}"))
            print(f"local: {local_s:.1f} s, {n / local_s:.1f} articles/s", flush=True)

        t = time.perf_counter()
        session = start_session(args.master, app_name="newsgraph-bench")
        session_cores = int(session.sparkContext.defaultParallelism)
        startup_s = time.perf_counter() - t
        rows.append((f"Spark start-up ({args.master})", startup_s, "-"))
        print(f"spark start-up: {startup_s:.1f} s", flush=True)

        t = time.perf_counter()
        spark = spark_analyze(
            [str(corpus)], out=str(work / "out"), session=session, partitions=args.partitions
        )
        spark_s = time.perf_counter() - t
        session.stop()
        assert spark.analysed == n, spark
        rows.append(
            (
                f"spark analyze ({args.master}, {spark.partitions} partitions)",
                spark_s,
                f"{n / spark_s:.1f}",
            )
        )
        print(f"spark analyze: {spark_s:.1f} s, {n / spark_s:.1f} articles/s", flush=True)
        # The CPU-bound part: analysis summed over tasks. What is left of the
        # wall time is Spark's fixed cost (shuffles, one job per table).
        cores = session_cores
        per_article_ms = 1000 * spark.task_seconds / n
        fixed_s = spark_s - spark.task_seconds / cores
        print(
            f"task time {spark.task_seconds:.1f} s over {spark.partitions} partitions: "
            f"{per_article_ms:.1f} ms/article/core; fixed cost ~{fixed_s:.1f} s "
            f"(wall - task time / {cores} cores)",
            flush=True,
        )

        t = time.perf_counter()
        loaded = load(work / "out", db=work / "spark.db")
        load_s = time.perf_counter() - t
        assert loaded.analysed == n, loaded
        rows.append(("load (store writes + cross-article stages)", load_s, f"{n / load_s:.1f}"))
        total = startup_s + spark_s + load_s
        rows.append(("Spark path in all (start-up + analyze + load)", total, f"{n / total:.1f}"))

        print()
        print("| step | seconds | articles/s |")
        print("|---|---:|---:|")
        for name, seconds, rate in rows:
            print(f"| {name} | {seconds:.1f} | {rate} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
