"""Benchmark story clustering on a gold JSONL file of {id, title, text, date, cluster_id}.

Usage::

    python bench/stories.py --gold ../shared/data/stories/ecbplus_dev.jsonl
    python bench/stories.py --gold FILE --out pred.jsonl        # write {id, cluster_id}
    python bench/stories.py --gold FILE --cv                    # + leave-topics-out CV

Articles go through the same steps as ``newsgraph analyze``: the spaCy stage
(for NER mentions), :func:`newsgraph.stories.features.make_features` and the
:class:`~newsgraph.stories.online.OnlineClusterer`, in the order the store
uses (oldest date first, undated last, then file order). Reported: pairwise
and B³ precision, recall and F1, and seconds per 1k articles for NLP and for
clustering separately.

``--cv`` is leave-topics-out cross-validation (folds by ``topic_id``, else
``cluster_id``): for each fold the join model (a logistic regression over
:data:`~newsgraph.stories.online.PAIR_FEATURES`) is trained on the other
folds' article-story pairs — the article against every candidate story of
the gold stream so far, labelled by whether it is the article's gold story
— and the join and story-merge thresholds are the grid values that
cluster those training topics best (``--no-merge`` keeps merging off);
the held-out topics are then clustered with them. So the figure is never
tuned on the data it scores. ``--train`` fits the model on the whole file
and prints the weights (for labelled data of your own; the shipped
defaults are the median of the CV folds' fits). ``--cache FILE`` keeps the
pipeline's mentions, quotes and events between runs (a pickle of plain
records); ``--drop quotes`` / ``--drop events`` leave a signal out. ``--repeats N`` reruns the CV
over N assignments of topics to folds (the sorted one, then shuffles) and
prints the mean and range: on a set of 22 topics, which topics share a
fold moves the figure by about ±0.01.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from math import comb
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np

from newsgraph.records import Article, Event, Mention, Quote
from newsgraph.registry import build_pipeline
from newsgraph.settings import Settings
from newsgraph.stories.features import ArticleFeatures, make_features
from newsgraph.stories.online import PAIR_FEATURES, ClusterParams, OnlineClusterer

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared/data/stories/ecbplus_dev.jsonl"
THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
# Story-merge thresholds tried per fold; above 1 turns merging off.
MERGE_THRESHOLDS = [0.7, 0.8, 0.9, 0.95, 1.01]
# What the pipeline gives one article that clustering reads (plain tuples,
# so the pickle cache holds only library records).
Analysis = tuple[tuple[Mention, ...], tuple[Quote, ...], tuple[Event, ...]]
L2 = 1.0  # ridge penalty of the join model: 0.3-3 gave the same CV figure ±0.01


def pairwise_prf(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """Return pairwise precision, recall and F1 (Miranda et al. 2018)."""
    both = Counter((gold[i], pred[i]) for i in gold)
    tp = sum(comb(n, 2) for n in both.values())
    pred_pairs = sum(comb(n, 2) for n in Counter(pred[i] for i in gold).values())
    gold_pairs = sum(comb(n, 2) for n in Counter(gold.values()).values())
    p = tp / pred_pairs if pred_pairs else 1.0
    r = tp / gold_pairs if gold_pairs else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed_prf(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """Return B³ precision, recall and F1 (Bagga & Baldwin 1998)."""
    g_members: dict[str, set[str]] = defaultdict(set)
    p_members: dict[str, set[str]] = defaultdict(set)
    for i in gold:
        g_members[gold[i]].add(i)
        p_members[pred[i]].add(i)
    precision = recall = 0.0
    for i in gold:
        inter = len(g_members[gold[i]] & p_members[pred[i]])
        precision += inter / len(p_members[pred[i]])
        recall += inter / len(g_members[gold[i]])
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Read the gold JSONL records, requiring id, text and cluster_id."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            missing = {"id", "text", "cluster_id"} - set(row)
            if missing:
                sys.exit(f"{path}:{n}: missing {', '.join(sorted(missing))}")
            rows.append(row)
    return rows


def analyse(rows: list[dict[str, Any]], cache: Path | None) -> tuple[list[Analysis], float]:
    """Return the NER mentions, quotes and events of each row and the seconds they took.

    The whole registered pipeline runs (as in ``newsgraph analyze``), so the
    entity ids, quotes and events are the ones the store would hold.
    """
    pipeline = build_pipeline(Settings())
    # The cache is valid for the same articles and the same stage versions
    # (a quotes or events rules change changes the story features too).
    versions = [str(getattr(s, "version", s.name)) for s in pipeline.stages]
    if cache is not None and cache.exists():
        data = pickle.loads(cache.read_bytes())
        if (
            data.get("ids") == [r["id"] for r in rows]
            and data.get("versions") == versions
            and "analyses" in data
        ):
            return list(data["analyses"]), float(data["seconds"])
    articles = [
        Article(
            id=str(r["id"]),
            text=str(r["text"]),
            title=r.get("title") or None,
            published=str(r["date"]) if r.get("date") else None,
        )
        for r in rows
    ]
    started = time.perf_counter()
    docs = []
    for i in range(0, len(articles), 32):
        docs.extend(pipeline.run(articles[i : i + 32]))
    seconds = time.perf_counter() - started
    analyses: list[Analysis] = [(d.mentions, d.quotes, d.events) for d in docs]
    if cache is not None:
        payload = {
            "ids": [r["id"] for r in rows],
            "versions": versions,
            "analyses": analyses,
            "seconds": seconds,
        }
        cache.write_bytes(pickle.dumps(payload))
    return analyses, seconds


def features_for(
    rows: list[dict[str, Any]], analyses: list[Analysis], *, drop: frozenset[str] = frozenset()
) -> list[ArticleFeatures]:
    """Build the clustering features of each row, as the store would.

    ``drop`` names signals to leave out ("quotes", "events") for ablations.
    """
    out = []
    for row, (mentions, quotes, events) in zip(rows, analyses, strict=True):
        date = row.get("date") or None
        out.append(
            make_features(
                str(row["id"]),
                str(row["text"]),
                title=row.get("title") or None,
                mentions=mentions,
                published=str(date) if date else None,
                quotes=() if "quotes" in drop else quotes,
                events=() if "events" in drop else events,
            )
        )
    return out


def stream_order(features: list[ArticleFeatures]) -> list[int]:
    """Return the store's clustering order: dated first by date, then file order."""
    return sorted(
        range(len(features)), key=lambda i: (features[i].day is None, features[i].day or 0, i)
    )


def cluster(features: list[ArticleFeatures], params: ClusterParams) -> dict[str, str]:
    """Cluster in store order; return id -> story."""
    clusterer = OnlineClusterer(params)
    for i in stream_order(features):
        clusterer.add(features[i])
    return {a: f"s{seq}" for a, seq in clusterer.labels().items()}


def training_pairs(
    features: list[ArticleFeatures], gold: dict[str, str]
) -> tuple[list[list[float]], list[int]]:
    """Return the join model's inputs and labels along the gold stream.

    Each article meets the candidate stories the clusterer would retrieve
    for it; the label says whether a candidate is its gold story. The
    article then joins its gold story, so later pairs see gold stories.
    """
    clusterer = OnlineClusterer()
    seq_of: dict[str, int] = {}
    story_gold: list[str] = []
    x: list[list[float]] = []
    y: list[int] = []
    for i in stream_order(features):
        feats = features[i]
        label = gold[feats.article_id]
        vectors = clusterer.vectorise(feats)
        for seq in clusterer.candidates(vectors):
            x.append(clusterer.pair_features(clusterer.stories[seq], vectors, feats.day))
            y.append(int(story_gold[seq] == label))
        seq = seq_of.setdefault(label, len(clusterer.stories))
        if seq == len(story_gold):
            story_gold.append(label)
        clusterer.join(seq, feats.article_id, vectors, feats.day)
    return x, y


def fit(x: list[list[float]], y: list[int], l2: float = L2) -> tuple[list[float], float]:
    """Fit an L2-penalised logistic regression by Newton steps; return weights and bias."""
    xb = np.hstack([np.asarray(x, dtype=float), np.ones((len(x), 1))])
    target = np.asarray(y, dtype=float)
    penalty = np.diag([l2] * (xb.shape[1] - 1) + [0.0])  # the bias is not penalised
    w = np.zeros(xb.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - target) + penalty @ w
        hess = (xb.T * (p * (1.0 - p))) @ xb + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return [round(float(v), 3) for v in w[:-1]], round(float(w[-1]), 3)


def train(
    features: list[ArticleFeatures],
    gold: dict[str, str],
    base: ClusterParams,
    *,
    merging: bool = True,
) -> ClusterParams:
    """Fit the join model on ``features`` and pick the thresholds that cluster them best.

    With ``merging`` the story-merge threshold is chosen too, else it stays
    ``base``'s.
    """
    weights, bias = fit(*training_pairs(features, gold))
    fitted = replace(base, weights=tuple(weights), bias=bias)
    own = {f.article_id: gold[f.article_id] for f in features}
    return max(
        (
            replace(fitted, threshold=t, merge_threshold=m)
            for t in THRESHOLDS
            for m in (MERGE_THRESHOLDS if merging else [base.merge_threshold])
        ),
        key=lambda p: bcubed_prf(own, cluster(features, p))[2],
    )


def cross_validate(
    rows: list[dict[str, Any]],
    features: list[ArticleFeatures],
    folds: int,
    base: ClusterParams,
    *,
    merging: bool = True,
    seed: int = 0,
) -> tuple[dict[str, str], list[ClusterParams]]:
    """Leave-topics-out CV: train on the other folds, predict each held-out fold.

    Topics go to folds in sorted order, round robin; a non-zero ``seed``
    shuffles them first (another assignment of topics to folds).
    """
    groups = sorted({str(r.get("topic_id") or r["cluster_id"]) for r in rows})
    if seed:
        random.Random(seed).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    gold = {str(r["id"]): str(r["cluster_id"]) for r in rows}
    predicted: dict[str, str] = {}
    chosen = []
    for fold in range(folds):
        test = [
            i
            for i, r in enumerate(rows)
            if fold_of[str(r.get("topic_id") or r["cluster_id"])] == fold
        ]
        held_out = set(test)
        train_feats = [features[i] for i in range(len(rows)) if i not in held_out]
        best = train(train_feats, gold, base, merging=merging)
        chosen.append(best)
        for aid, label in cluster([features[i] for i in test], best).items():
            predicted[aid] = f"f{fold}:{label}"
    return predicted, chosen


def report(name: str, gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """Print and return the pairwise and B³ scores of ``pred``."""
    pp, pr, pf = pairwise_prf(gold, pred)
    bp, br, bf = bcubed_prf(gold, pred)
    print(
        f"{name}: pairwise P {pp:.3f} R {pr:.3f} F1 {pf:.3f} · "
        f"B3 P {bp:.3f} R {br:.3f} F1 {bf:.3f} · "
        f"{len(set(pred.values()))} stories (gold {len(set(gold.values()))})"
    )
    return {"pair_P": pp, "pair_R": pr, "pair_F1": pf, "b3_P": bp, "b3_R": br, "b3_F1": bf}


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--out", type=Path, help="write {id, cluster_id} per article")
    parser.add_argument("--cv", action="store_true", help="also run leave-topics-out CV")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="pickle file to keep the NLP output in")
    parser.add_argument("--train", action="store_true", help="fit the join model on the file")
    parser.add_argument(
        "--drop",
        action="append",
        default=[],
        choices=["quotes", "events"],
        help="leave a signal out (ablation); repeatable",
    )
    parser.add_argument(
        "--no-merge",
        action="store_true",
        help="turn the story-merge pass off (and CV leaves it off)",
    )
    parser.add_argument("--threshold", type=float, help="override the default threshold")
    parser.add_argument("--time-scale-days", type=float, help="override the default decay")
    parser.add_argument(
        "--repeats",
        type=int,
        default=1,
        help="with --cv: repeat it over this many assignments of topics to folds",
    )
    args = parser.parse_args(argv)

    rows = read_gold(args.gold)
    gold = {str(r["id"]): str(r["cluster_id"]) for r in rows}
    analyses, nlp_seconds = analyse(rows, args.cache)
    started = time.perf_counter()
    features = features_for(rows, analyses, drop=frozenset(args.drop))
    feature_seconds = time.perf_counter() - started
    settings = Settings()
    params = ClusterParams(
        threshold=settings.story_threshold if args.threshold is None else args.threshold,
        time_scale_days=(
            settings.story_time_scale_days if args.time_scale_days is None else args.time_scale_days
        ),
        # Above 1: no pair of stories can reach it, so merging is off.
        merge_threshold=1.01 if args.no_merge else settings.story_merge_threshold,
    )
    started = time.perf_counter()
    pred = cluster(features, params)
    seconds = time.perf_counter() - started + feature_seconds
    print(f"{args.gold}: {len(rows)} articles, {len(set(gold.values()))} gold stories")
    print(f"parameters: {params}")
    report("default parameters", gold, pred)
    per_k = 1000 / len(rows)
    print(
        f"time per 1k articles: clustering {seconds * per_k:.2f} s "
        f"(features + clusterer), NLP {nlp_seconds * per_k:.1f} s (spaCy stage)"
    )
    if args.out is not None:
        with args.out.open("w", encoding="utf-8") as fh:
            for row in rows:
                record = {"id": row["id"], "cluster_id": pred[str(row["id"])]}
                fh.write(json.dumps(record) + "\n")
    if args.train:
        fitted = train(features, gold, params)
        print(f"trained on the whole file: threshold {fitted.threshold}, bias {fitted.bias}")
        print(
            "weights: "
            + ", ".join(f"{n} {w}" for n, w in zip(PAIR_FEATURES, fitted.weights, strict=True))
        )
    if args.cv:
        predicted, chosen = cross_validate(
            rows, features, args.folds, params, merging=not args.no_merge
        )
        for fold, p in enumerate(chosen):
            print(
                f"fold {fold}: threshold {p.threshold}, merge {p.merge_threshold}, "
                f"bias {p.bias}, weights {p.weights}"
            )
        weights = [
            round(median(p.weights[k] for p in chosen), 2) for k in range(len(PAIR_FEATURES))
        ]
        print(
            f"median of the folds: threshold {median(p.threshold for p in chosen)}, "
            f"merge {median(p.merge_threshold for p in chosen)}, "
            f"bias {round(median(p.bias for p in chosen), 2)}, weights {tuple(weights)}"
        )
        report(f"{args.folds}-fold leave-topics-out CV", gold, predicted)
        scores = [bcubed_prf(gold, predicted)[2]]
        for seed in range(1, args.repeats):
            predicted, _ = cross_validate(
                rows, features, args.folds, params, merging=not args.no_merge, seed=seed
            )
            scores.append(report(f"  topics shuffled (seed {seed})", gold, predicted)["b3_F1"])
        if args.repeats > 1:
            print(
                f"B3 F1 over {args.repeats} assignments of topics to folds: mean "
                f"{sum(scores) / len(scores):.3f}, min {min(scores):.3f}, max {max(scores):.3f}"
            )


if __name__ == "__main__":
    main()
