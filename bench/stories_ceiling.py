"""How far can the story features go? Upper bounds tuned on the gold file itself.

    python bench/stories_ceiling.py --gold ../shared/data/stories/ecbplus_dev.jsonl --cache NLP.pkl

``bench/stories.py`` reports figures that are never tuned on the data they
score. This script asks the opposite question, to tell a weak clustering
procedure from weak features: with the join model fitted on the whole file
and every threshold chosen on it,

1. **online**: the shipped single-pass clusterer (with its merge pass) at
   the best join and merge thresholds of a grid;
2. **batch**: average-linkage agglomerative clustering of all articles at
   once over the same model's article-pair probabilities (each article
   scored against the other as a one-article story), cut at the best
   threshold of a fine grid: the best a global, order-free procedure can
   do with the same evidence.

If both land at the same figure, a better clustering procedure will not
help; only new evidence will. The figures are upper bounds, not results:
they are tuned on the data they score.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

import stories as bench  # bench/stories.py: python puts the script's folder on sys.path
from newsgraph.stories.features import ArticleFeatures
from newsgraph.stories.online import ClusterParams, OnlineClusterer

ONLINE_THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7]
MERGE_THRESHOLDS = [0.6, 0.7, 0.8, 0.9, 0.95, 1.01]
CUTS = [round(0.05 * k, 2) for k in range(1, 20)]  # on the average join probability


def pair_probabilities(features: list[ArticleFeatures], params: ClusterParams) -> np.ndarray:
    """Return the symmetric matrix of the join model's article-pair probabilities.

    Articles are vectorised in stream order (so idf is what the online
    clusterer would have), then each is a one-article story; the
    probability of a pair is the mean of scoring either against the other.
    """
    clusterer = OnlineClusterer(params)
    order = bench.stream_order(features)
    vectors = []
    for seq, i in enumerate(order):
        vec = clusterer.vectorise(features[i])
        clusterer.join(seq, features[i].article_id, vec, features[i].day)
        vectors.append(vec)
    n = len(order)
    probs = np.zeros((n, n))
    for a in range(n):
        story = clusterer.stories[a]
        for b in range(n):
            if a != b:
                probs[a, b] = clusterer.score(story, vectors[b], features[order[b]].day)
    probs = (probs + probs.T) / 2.0
    # Back to file order.
    back = np.empty(n, dtype=int)
    back[np.asarray(order)] = np.arange(n)
    return probs[np.ix_(back, back)]


def average_linkage(similarity: np.ndarray, cut: float) -> list[int]:
    """Cluster by average linkage, merging while the best average similarity is >= ``cut``."""
    n = similarity.shape[0]
    sim = similarity.astype(float).copy()
    np.fill_diagonal(sim, -np.inf)
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    label = np.arange(n)
    while alive.sum() > 1:
        masked = np.where(alive[:, None] & alive[None, :], sim, -np.inf)
        a, b = np.unravel_index(int(np.argmax(masked)), masked.shape)
        if masked[a, b] < cut:
            break
        # Lance-Williams update for average linkage: b joins a.
        merged = (sizes[a] * sim[a] + sizes[b] * sim[b]) / (sizes[a] + sizes[b])
        sim[a, :] = merged
        sim[:, a] = merged
        sim[a, a] = -np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        label[label == b] = a
    return [int(x) for x in label]


def main(argv: list[str] | None = None) -> int:
    """Print the two upper bounds."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=bench.DEFAULT_GOLD)
    parser.add_argument("--cache", type=Path, help="pickle file to keep the NLP output in")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"error: {args.gold}: not found (pass --gold FILE.jsonl)", file=sys.stderr)
        return 2
    rows = bench.read_gold(args.gold)
    gold = {str(r["id"]): str(r["cluster_id"]) for r in rows}
    analyses, _ = bench.analyse(rows, args.cache)
    features = bench.features_for(rows, analyses)
    weights, bias = bench.fit(*bench.training_pairs(features, gold))
    fitted = replace(ClusterParams(), weights=tuple(weights), bias=bias)
    print(f"{args.gold}: {len(rows)} articles, {len(set(gold.values()))} gold stories")

    best_online = max(
        (
            (bench.bcubed_prf(gold, bench.cluster(features, p))[2], p.threshold, p.merge_threshold)
            for p in (
                replace(fitted, threshold=t, merge_threshold=m)
                for t in ONLINE_THRESHOLDS
                for m in MERGE_THRESHOLDS
            )
        ),
    )
    _, t, m = best_online
    pred = bench.cluster(features, replace(fitted, threshold=t, merge_threshold=m))
    bench.report(f"online, tuned on this file (threshold {t}, merge {m})", gold, pred)

    probs = pair_probabilities(features, fitted)
    ids = [str(r["id"]) for r in rows]
    scored = []
    for cut in CUTS:
        labels = average_linkage(probs, cut)
        batch = {a: f"b{label}" for a, label in zip(ids, labels, strict=True)}
        scored.append((bench.bcubed_prf(gold, batch)[2], cut, batch))
    _, cut, batch = max(scored, key=lambda s: s[0])
    bench.report(f"batch average linkage, tuned on this file (cut {cut})", gold, batch)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
