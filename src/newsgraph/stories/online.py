"""The streaming story clusterer: each article joins the best story or opens one.

This module holds the algorithm only (no store), so the benchmark, the
scaling script and :mod:`newsgraph.stories.cluster` share it.

For each article, in stream order:

1. Document frequencies are updated with its terms and its three vectors
   are built: words, entities and title words, each TF-IDF weighted
   (sublinear tf, smoothed idf over the articles seen so far), cut to its
   ``top_terms`` heaviest terms and L2-normalised. A vector is frozen once
   built, so a story's centroid is a plain sum that never needs rebuilding.
2. Candidate stories come from an inverted index: each story is listed
   under the ``index_terms`` heaviest terms of each of its articles, and the
   stories sharing most of the new article's heaviest terms are scored.
   Posting lists keep the ``posting_cap`` most recent stories, so the work
   per article is bounded and a corpus clusters in O(n), not O(n²).
3. A candidate's score is a weighted sum of the cosines of the article's
   vectors with the story's centroids, times a date decay
   ``exp(-gap / time_scale_days)`` where ``gap`` is how many days the
   article lies outside the story's first..last dates (no decay when either
   date is unknown). The article joins the best story if its score reaches
   ``threshold``, else it opens a new story.

The same stream always gives the same stories, and feeding it in chunks
gives the same stories as feeding it at once (the state is exactly the
articles seen so far); :mod:`newsgraph.stories.cluster` persists the frozen
vectors so a later run replays them instead of recomputing.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsgraph.stories.features import ArticleFeatures

__all__ = ["ClusterParams", "OnlineClusterer", "Vectors"]

Vector = dict[str, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """Weights and limits of the clusterer (defaults: see docs/stories.md).

    The defaults were chosen by leave-topics-out cross-validation on the
    ECB+ dev half (bench/stories.py --cv), never on a whole evaluation set.
    """

    threshold: float = 0.3
    entity_weight: float = 0.4
    title_weight: float = 0.1
    time_scale_days: float = 0.0  # 0: no date decay
    top_terms: int = 60
    index_terms: int = 12
    candidates: int = 40
    posting_cap: int = 400


@dataclass(frozen=True, slots=True)
class Vectors:
    """The frozen, L2-normalised vectors of one article."""

    words: Vector
    entities: Vector
    title: Vector

    def to_json(self) -> dict[str, Vector]:
        """Return the vectors as a JSON-ready mapping."""
        return {"w": self.words, "e": self.entities, "t": self.title}

    @classmethod
    def from_json(cls, data: Mapping[str, Mapping[str, float]]) -> Vectors:
        """Rebuild vectors from :meth:`to_json` output."""
        return cls(dict(data.get("w", {})), dict(data.get("e", {})), dict(data.get("t", {})))


@dataclass(slots=True)
class _Centroid:
    """A sum of unit vectors with its squared norm, kept up to date."""

    weights: Vector = field(default_factory=dict)
    norm2: float = 0.0

    def cosine(self, unit: Vector) -> float:
        if not unit or self.norm2 <= 0.0:
            return 0.0
        weights = self.weights
        dot = sum(w * weights.get(t, 0.0) for t, w in unit.items())
        return dot / math.sqrt(self.norm2)

    def add(self, unit: Vector) -> None:
        if not unit:
            return
        weights = self.weights
        dot = sum(w * weights.get(t, 0.0) for t, w in unit.items())
        self.norm2 += 2.0 * dot + sum(w * w for w in unit.values())
        for term, w in unit.items():
            weights[term] = weights.get(term, 0.0) + w


@dataclass(slots=True)
class _Story:
    seq: int
    article_ids: list[str]
    words: _Centroid = field(default_factory=_Centroid)
    entities: _Centroid = field(default_factory=_Centroid)
    title: _Centroid = field(default_factory=_Centroid)
    first_day: int | None = None
    last_day: int | None = None


def _weigh(counts: Mapping[str, int], df: Mapping[str, int], n_docs: int, top: int) -> Vector:
    """Return the unit TF-IDF vector of ``counts`` cut to its ``top`` heaviest terms."""
    if not counts:
        return {}
    weighted = [
        (t, (1.0 + math.log(c)) * (math.log((1.0 + n_docs) / (1.0 + df.get(t, 0))) + 1.0))
        for t, c in counts.items()
    ]
    # Ties broken by term, so the cut never depends on dict order.
    weighted.sort(key=lambda tw: (-tw[1], tw[0]))
    kept = weighted[:top]
    norm = math.sqrt(sum(w * w for _, w in kept))
    return {t: w / norm for t, w in kept} if norm > 0 else {}


class OnlineClusterer:
    """Single-pass story clustering with frozen TF-IDF vectors and an inverted index."""

    def __init__(self, params: ClusterParams | None = None) -> None:
        """Start with no articles seen."""
        self.params = params or ClusterParams()
        self.n_docs = 0
        self.df: Counter[str] = Counter()
        self.stories: list[_Story] = []
        self._index: dict[str, list[int]] = {}

    # -- vectors --------------------------------------------------------------

    def vectorise(self, features: ArticleFeatures) -> Vectors:
        """Count the article's terms into the document frequencies and return its vectors."""
        self.n_docs += 1
        self.df.update(self.terms(features))
        top = self.params.top_terms
        return Vectors(
            words=_weigh(features.words, self.df, self.n_docs, top),
            entities=_weigh(features.entities, self.df, self.n_docs, top),
            title=_weigh(features.title, self.df, self.n_docs, top),
        )

    @staticmethod
    def terms(features: ArticleFeatures) -> set[str]:
        """Return the distinct terms an article adds to the document frequencies."""
        # Entity keys carry a "type:" prefix and title words a "t:" prefix,
        # so the three vocabularies never collide in one df table.
        return set(features.words) | set(features.entities) | {"t:" + t for t in features.title}

    # -- scoring --------------------------------------------------------------

    def _decay(self, story: _Story, day: int | None) -> float:
        scale = self.params.time_scale_days
        if scale <= 0 or day is None or story.first_day is None or story.last_day is None:
            return 1.0
        gap = max(story.first_day - day, day - story.last_day, 0)
        return math.exp(-gap / scale)

    def score(self, story: _Story, vectors: Vectors, day: int | None) -> float:
        """Return how well an article fits a story (0..1)."""
        p = self.params
        word_weight = 1.0 - p.entity_weight - p.title_weight
        entity_weight, title_weight = p.entity_weight, p.title_weight
        # An article or story without entities (or titles) is scored on what
        # it has, rather than penalised for what its source did not give.
        if not vectors.entities or story.entities.norm2 <= 0:
            word_weight += entity_weight
            entity_weight = 0.0
        if not vectors.title or story.title.norm2 <= 0:
            word_weight += title_weight
            title_weight = 0.0
        value = word_weight * story.words.cosine(vectors.words)
        if entity_weight:
            value += entity_weight * story.entities.cosine(vectors.entities)
        if title_weight:
            value += title_weight * story.title.cosine(vectors.title)
        return value * self._decay(story, day)

    def _index_keys(self, vectors: Vectors) -> list[str]:
        merged = [*vectors.words.items(), *vectors.entities.items()]
        merged.sort(key=lambda tw: (-tw[1], tw[0]))
        return [t for t, _ in merged[: self.params.index_terms]]

    def candidates(self, vectors: Vectors) -> list[int]:
        """Return the indexes of the stories worth scoring for an article."""
        hits: Counter[int] = Counter()
        for key in self._index_keys(vectors):
            hits.update(self._index.get(key, ()))
        return [seq for seq, _ in hits.most_common(self.params.candidates)]

    # -- updates --------------------------------------------------------------

    def assign(self, features: ArticleFeatures, vectors: Vectors) -> tuple[int, float]:
        """Return the story an article should join (a new index if none fits) and the score."""
        best, best_score = -1, 0.0
        for seq in self.candidates(vectors):
            value = self.score(self.stories[seq], vectors, features.day)
            if value > best_score or (value == best_score and best >= 0 and seq < best):
                best, best_score = seq, value
        if best >= 0 and best_score >= self.params.threshold:
            return best, best_score
        return len(self.stories), best_score

    def join(self, seq: int, article_id: str, vectors: Vectors, day: int | None) -> None:
        """Add an article to story ``seq`` (opening it when ``seq`` is the next index)."""
        if seq == len(self.stories):
            self.stories.append(_Story(seq=seq, article_ids=[]))
        story = self.stories[seq]
        story.article_ids.append(article_id)
        story.words.add(vectors.words)
        story.entities.add(vectors.entities)
        story.title.add(vectors.title)
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        cap = self.params.posting_cap
        for key in self._index_keys(vectors):
            postings = self._index.setdefault(key, [])
            if postings and postings[-1] == seq:
                continue
            postings.append(seq)
            if len(postings) > 2 * cap:
                # Trim in bulk: amortised O(1) per append, keeps the newest.
                del postings[:-cap]

    def add(self, features: ArticleFeatures) -> int:
        """Cluster one article; return the index of the story it joined or opened."""
        vectors = self.vectorise(features)
        seq, _ = self.assign(features, vectors)
        self.join(seq, features.article_id, vectors, features.day)
        return seq

    def labels(self) -> dict[str, int]:
        """Return each article's story index."""
        return {a: story.seq for story in self.stories for a in story.article_ids}
