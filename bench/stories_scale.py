"""Time and peak memory of story clustering on generated corpora (10k, 100k articles).

Usage::

    python bench/stories_scale.py --sizes 10000 100000
    python bench/stories_scale.py --sizes 10000 --store   # through SQLite (cluster_stories)

Each size runs in its own process so peak memory (``ru_maxrss``) is that
size's own. The corpus is generated, not read: a vocabulary of made-up words
with a Zipf-like frequency, and stories of 1–30 articles (geometric sizes,
8 on average) that each draw 40 of their 150 words from the story's own 60
topic words, 4 entity names from the story's 6, and a publication day
within a week of the story's day, over two years. Articles arrive in date
order. Reported: seconds for features + clustering, articles/s, peak
memory, and B³ F1 against the generated stories (a sanity check, not an
accuracy figure: the topics are far easier to tell apart than real news).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def generate(n: int, seed: int = 6) -> list[dict[str, Any]]:
    """Generate ``n`` synthetic articles with gold story labels, in date order."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choices(_LETTERS, k=rng.randint(4, 10))) for _ in range(50_000)]
    weights = [1.0 / (rank + 10) for rank in range(len(vocab))]
    rows: list[dict[str, Any]] = []
    story = 0
    while len(rows) < n:
        size = min(30, 1 + int(rng.expovariate(1 / 7)))
        topic = rng.sample(vocab, 60)
        names = [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}" for _ in range(6)]
        day = 738_000 + rng.randint(0, 730)
        for _ in range(min(size, n - len(rows))):
            words = rng.choices(vocab, weights=weights, k=110) + rng.choices(topic, k=40)
            rng.shuffle(words)
            rows.append(
                {
                    "id": f"a{len(rows)}",
                    "text": " ".join(words),
                    "names": rng.sample(names, 4),
                    "day": day + rng.randint(0, 7),
                    "story": story,
                }
            )
        story += 1
    rows.sort(key=lambda r: (r["day"], r["id"]))
    return rows


def run_memory(n: int) -> dict[str, Any]:
    """Cluster ``n`` generated articles with the in-memory clusterer."""
    from collections import Counter

    from newsgraph.stories.features import ArticleFeatures, words
    from newsgraph.stories.online import OnlineClusterer

    sys.path.insert(0, str(Path(__file__).parent))
    from stories import bcubed_prf  # type: ignore[import-not-found]

    rows = generate(n)
    started = time.perf_counter()
    clusterer = OnlineClusterer()
    for row in rows:
        features = ArticleFeatures(
            article_id=row["id"],
            words=dict(Counter(words(row["text"]))),
            title={},
            entities={f"person:{name.lower()}": 1 for name in row["names"]},
            day=row["day"],
        )
        clusterer.add(features)
    seconds = time.perf_counter() - started
    labels = clusterer.labels()
    gold = {row["id"]: str(row["story"]) for row in rows}
    _, _, f1 = bcubed_prf(gold, {k: str(v) for k, v in labels.items()})
    return {"seconds": seconds, "stories": len(set(labels.values())), "b3_f1": f1}


def run_store(n: int) -> dict[str, Any]:
    """Cluster ``n`` generated articles through the store (cluster_stories)."""
    from datetime import date

    from newsgraph.ids import span_id
    from newsgraph.records import AnalysedArticle, Article, Mention
    from newsgraph.store import Store
    from newsgraph.stories.cluster import cluster_stories

    rows = generate(n)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "scale.db")
        docs = []
        for i, row in enumerate(rows):
            text = row["text"] + "\n" + ". ".join(row["names"]) + "."
            article = Article(
                id=row["id"],
                text=text,
                order=i,
                published=date.fromordinal(row["day"]).isoformat(),
            )
            offset = len(row["text"]) + 1
            mentions = []
            for name in row["names"]:
                start = text.index(name, offset)
                mentions.append(
                    Mention(
                        id=span_id("mention", article.id, start, start + len(name)),
                        article_id=article.id,
                        text=name,
                        type="PERSON",
                        start=start,
                        end=start + len(name),
                    )
                )
            docs.append(AnalysedArticle(article=article, mentions=tuple(mentions)))
        for i in range(0, len(docs), 1000):
            store.write_batch(docs[i : i + 1000], pipeline="bench")
        started = time.perf_counter()
        report = cluster_stories(store)
        seconds = time.perf_counter() - started
        store.close()
    return {"seconds": seconds, "stories": report.stories_opened, "merged": report.stories_merged}


def child(n: int, mode: str) -> None:
    """Run one size in this process and print its figures as JSON."""
    result = run_store(n) if mode == "store" else run_memory(n)
    # ru_maxrss is in KiB on Linux.
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["articles"] = n
    result["mode"] = mode
    print(json.dumps(result))


def main(argv: list[str] | None = None) -> None:
    """Run each size in a fresh process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--store", action="store_true", help="cluster through SQLite")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    mode = "store" if args.store else "memory"
    if args.child:
        child(args.child, mode)
        return
    print("| articles | mode | seconds | articles/s | peak MiB | stories | B³ F1 |")
    print("|---|---|---|---|---|---|---|")
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--child", str(n)] + (["--store"] if args.store else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        f1 = f"{r['b3_f1']:.3f}" if "b3_f1" in r else "—"
        print(
            f"| {n:,} | {mode} | {r['seconds']:.1f} | {n / r['seconds']:,.0f} | "
            f"{r['peak_mib']:.0f} | {r['stories']:,} | {f1} |"
        )


if __name__ == "__main__":
    main()
