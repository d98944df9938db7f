"""The streaming story clusterer: each article joins the best story or opens one.

This module holds the algorithm only (no store), so the benchmark, the
scaling script and :mod:`newsgraph.stories.cluster` share it.

For each article, in stream order:

1. Document frequencies are updated with its terms and its vectors are
   built, one per channel (:data:`CHANNELS`: words, entities, title words,
   people, places, organisations, figures, quotes, events), each TF-IDF
   weighted (sublinear tf, smoothed idf over the articles seen so far), cut
   to its ``top_terms`` heaviest terms and L2-normalised. A vector is frozen
   once built, so a story's centroid is a plain sum that never needs
   rebuilding.
2. Candidate stories come from an inverted index: each article is listed
   under its ``index_terms`` heaviest terms, and the stories sharing most of
   the new article's heaviest terms are scored. Posting lists keep the
   ``posting_cap`` most recent articles, so the work per article is bounded
   and a corpus clusters in O(n), not O(n²).
3. A candidate's score is the probability, from a logistic regression over
   pair features (:data:`PAIR_FEATURES`: the cosines of the article's
   vectors with the story's centroids, the date gap and the story's size),
   that the article belongs to the story, in the manner of Miranda et al.
   (2018). A channel that the article or the story lacks (no title, no
   people named) takes the cosine of the channel it refines instead, so a
   missing title is no evidence either way; quotes and events, which most
   articles lack, score 0 then. The score can further be multiplied by a
   date decay ``exp(-gap / time_scale_days)`` (off by default). The article
   joins the best story if its score reaches ``threshold``, else it opens
   a new story.
4. Story merge: when the article joined a story, the story is compared with
   the article's next-best candidates, centroid against centroid, with the
   same model; two stories it scores at ``merge_threshold`` or more become
   one (the older absorbs the younger). Reports of one happening that
   opened two stories grow together as more reports arrive.

The same stream always gives the same stories, and feeding it in chunks
gives the same stories as feeding it at once (the state is exactly the
articles seen so far); :mod:`newsgraph.stories.cluster` persists the frozen
vectors so a later run replays them instead of recomputing. A replay knows
only the final stories, so nothing may depend on when a merge happened:
posting lists hold one entry per article (resolved to its story when read)
and ties go to the story with the older founding article, never to an
internal index.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsgraph.stories.features import ArticleFeatures

__all__ = [
    "CHANNELS",
    "DEFAULT_BIAS",
    "DEFAULT_WEIGHTS",
    "PAIR_FEATURES",
    "ClusterParams",
    "OnlineClusterer",
    "Vectors",
]

Vector = dict[str, float]

# The vector channels, with the JSON key each is stored under.
CHANNELS: tuple[tuple[str, str], ...] = (
    ("words", "w"),
    ("entities", "e"),
    ("title", "t"),
    ("persons", "p"),
    ("places", "l"),
    ("orgs", "o"),
    ("numbers", "n"),
    ("quotes", "q"),
    ("events", "v"),
)
# A channel missing on either side is scored with the channel it refines.
# Quotes and events have no fallback: most articles carry none, so their
# cosine is extra evidence when both sides have some and 0 otherwise (with
# a fallback, 5-fold CV gave B³ F1 0.863 against 0.893 without).
_FALLBACK = {
    "title": "words",
    "entities": "words",
    "persons": "entities",
    "places": "entities",
    "orgs": "entities",
    "numbers": "words",
}
# The inputs of the join model, in weight order; ``date_gap`` is
# log(1 + days outside the story's dates) (0 when a date is unknown) and
# ``size`` is log(articles in the story).
PAIR_FEATURES: tuple[str, ...] = (
    "words",
    "title",
    "entities",
    "persons",
    "places",
    "orgs",
    "numbers",
    "quotes",
    "events",
    "date_gap",
    "size",
)
# Logistic-regression weights: the median of the five fits of
# `python bench/stories.py --cv` (each fit on four fifths of the ECB+ dev
# topics, L2 1.0, article-story pairs from the gold stream); see
# docs/stories.md. The date gap's weight is ~0 because only one event of
# each ECB+ topic is dated: use `time_scale_days` for a date decay.
DEFAULT_WEIGHTS: tuple[float, ...] = (
    2.17, 1.68, 2.24, 3.09, 0.21, -0.48, 4.73, 1.02, 0.53, 0.02, -1.44
)  # fmt: skip
DEFAULT_BIAS: float = -1.51


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """Weights and limits of the clusterer (defaults: see docs/stories.md).

    The defaults were chosen by leave-topics-out cross-validation on the
    ECB+ dev half (bench/stories.py --cv), never on a whole evaluation set.
    """

    threshold: float = 0.3
    weights: tuple[float, ...] = DEFAULT_WEIGHTS
    bias: float = DEFAULT_BIAS
    time_scale_days: float = 0.0  # 0: no date decay
    min_words: float = 0.12
    top_terms: int = 60
    index_terms: int = 12
    candidates: int = 40
    posting_cap: int = 400
    merge_threshold: float = 0.8  # > 1: never merge stories
    merge_candidates: int = 3


@dataclass(frozen=True, slots=True)
class Vectors:
    """The frozen, L2-normalised vectors of one article, one per channel."""

    words: Vector
    entities: Vector
    title: Vector
    persons: Vector = field(default_factory=dict)
    places: Vector = field(default_factory=dict)
    orgs: Vector = field(default_factory=dict)
    numbers: Vector = field(default_factory=dict)
    quotes: Vector = field(default_factory=dict)
    events: Vector = field(default_factory=dict)

    def channel(self, name: str) -> Vector:
        """Return the vector of channel ``name`` (see :data:`CHANNELS`)."""
        vector: Vector = getattr(self, name)
        return vector

    def to_json(self) -> dict[str, Vector]:
        """Return the vectors as a JSON-ready mapping (empty extra channels left out)."""
        out = {"w": self.words, "e": self.entities, "t": self.title}
        for name, key in CHANNELS[3:]:
            if vector := self.channel(name):
                out[key] = vector
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Mapping[str, float]]) -> Vectors:
        """Rebuild vectors from :meth:`to_json` output (older rows lack the extra channels)."""
        return cls(**{name: dict(data.get(key, {})) for name, key in CHANNELS})


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

    def merge(self, other: _Centroid) -> None:
        weights = self.weights
        for term, w in other.weights.items():
            weights[term] = weights.get(term, 0.0) + w
        self.norm2 = sum(w * w for w in weights.values())

    def unit(self) -> Vector:
        if self.norm2 <= 0.0:
            return {}
        norm = math.sqrt(self.norm2)
        return {t: w / norm for t, w in self.weights.items()}

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
    founder: int = 0  # stream position of the story's first article
    merged_into: int | None = None
    centroids: dict[str, _Centroid] = field(
        default_factory=lambda: {name: _Centroid() for name, _ in CHANNELS}
    )
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
        self._alias: dict[int, int] = {}  # merged story -> the story that absorbed it

    # -- vectors --------------------------------------------------------------

    def vectorise(self, features: ArticleFeatures) -> Vectors:
        """Count the article's terms into the document frequencies and return its vectors."""
        self.n_docs += 1
        self.df.update(self.terms(features))
        top = self.params.top_terms
        title = {"t:" + t: c for t, c in features.title.items()}
        return Vectors(
            words=_weigh(features.words, self.df, self.n_docs, top),
            entities=_weigh(features.entities, self.df, self.n_docs, top),
            # Keys of the title vector stay bare (stored vectors use them);
            # their idf is the title vocabulary's.
            title={t[2:]: w for t, w in _weigh(title, self.df, self.n_docs, top).items()},
            persons=_weigh(features.persons, self.df, self.n_docs, top),
            places=_weigh(features.places, self.df, self.n_docs, top),
            orgs=_weigh(features.orgs, self.df, self.n_docs, top),
            numbers=_weigh(features.numbers, self.df, self.n_docs, top),
            quotes=_weigh(features.quotes, self.df, self.n_docs, top),
            events=_weigh(features.events, self.df, self.n_docs, top),
        )

    @staticmethod
    def terms(features: ArticleFeatures) -> set[str]:
        """Return the distinct terms an article adds to the document frequencies."""
        # Entity keys carry a "type:" prefix and title words a "t:" prefix,
        # so the three vocabularies never collide in one df table.
        return (
            set(features.words)
            | set(features.entities)
            | {"t:" + t for t in features.title}
            | set(features.persons)
            | set(features.places)
            | set(features.orgs)
            | set(features.numbers)
            | set(features.quotes)
            | set(features.events)
        )

    # -- scoring --------------------------------------------------------------

    def _decay(self, gap: float) -> float:
        scale = self.params.time_scale_days
        return math.exp(-gap / scale) if scale > 0 and gap > 0 else 1.0

    @staticmethod
    def _gap(story: _Story, first: int | None, last: int | None) -> float:
        """Return the days between a story's dates and ``first``..``last`` (0 if unknown)."""
        if first is None or last is None or story.first_day is None or story.last_day is None:
            return 0.0
        return float(max(story.first_day - last, first - story.last_day, 0))

    def pair_features(self, story: _Story, vectors: Vectors, day: int | None) -> list[float]:
        """Return the join model's inputs for an article and a story (see :data:`PAIR_FEATURES`)."""
        return self._pair_values(story, vectors, self._gap(story, day, day))

    def _pair_values(self, story: _Story, vectors: Vectors, gap: float) -> list[float]:
        cosines: dict[str, float | None] = {}
        for name, _ in CHANNELS:
            centroid = story.centroids[name]
            unit = vectors.channel(name)
            cosines[name] = centroid.cosine(unit) if unit and centroid.norm2 > 0 else None
        values: dict[str, float] = {"words": cosines["words"] or 0.0}
        for name in PAIR_FEATURES[1:-2]:
            value, fallback = cosines[name], name
            while value is None and fallback in _FALLBACK:
                fallback = _FALLBACK[fallback]
                value = cosines[fallback]
            values[name] = value or 0.0
        values["date_gap"] = math.log1p(gap)
        values["size"] = math.log(max(len(story.article_ids), 1))
        return [values[name] for name in PAIR_FEATURES]

    def _probability(self, values: list[float], gap: float) -> float:
        p = self.params
        if values[0] < p.min_words:
            # Reports of one happening share some of its specific wording;
            # shared names alone (one country's news day) are not enough.
            return 0.0
        z = p.bias + sum(w * x for w, x in zip(p.weights, values, strict=True))
        # Clamped so a wild user weight cannot overflow exp().
        value = 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))
        return value * self._decay(gap)

    def score(self, story: _Story, vectors: Vectors, day: int | None) -> float:
        """Return the probability (0..1) that an article belongs to a story."""
        gap = self._gap(story, day, day)
        return self._probability(self._pair_values(story, vectors, gap), gap)

    def story_score(self, a: int, b: int) -> float:
        """Return the join model's probability that two stories report one happening.

        The smaller story's centroids play the article, so the model trained
        on article-story pairs applies unchanged.
        """
        small, large = sorted((self.stories[a], self.stories[b]), key=lambda s: len(s.article_ids))
        vectors = Vectors(**{name: small.centroids[name].unit() for name, _ in CHANNELS})
        gap = self._gap(large, small.first_day, small.last_day)
        return self._probability(self._pair_values(large, vectors, gap), gap)

    def _index_keys(self, vectors: Vectors) -> list[str]:
        merged = [*vectors.words.items(), *vectors.entities.items()]
        merged.sort(key=lambda tw: (-tw[1], tw[0]))
        return [t for t, _ in merged[: self.params.index_terms]]

    def resolve(self, seq: int) -> int:
        """Return the story that story ``seq`` now belongs to (itself unless merged)."""
        return self._alias.get(seq, seq)

    def candidates(self, vectors: Vectors) -> list[int]:
        """Return the indexes of the stories worth scoring for an article."""
        hits: Counter[int] = Counter()
        alias = self._alias
        for key in self._index_keys(vectors):
            postings = self._index.get(key, ())
            hits.update({alias.get(s, s) for s in postings} if alias else set(postings))
        # Ties go to the older story: founders, unlike indexes, are the same
        # in a replayed state as in the run that merged stories.
        stories = self.stories
        ranked = sorted(hits.items(), key=lambda sh: (-sh[1], stories[sh[0]].founder))
        return [seq for seq, _ in ranked[: self.params.candidates]]

    # -- updates --------------------------------------------------------------

    def scored(self, features: ArticleFeatures, vectors: Vectors) -> list[tuple[int, float]]:
        """Return each candidate story with its score, best first (older first on ties)."""
        found = [
            (seq, self.score(self.stories[seq], vectors, features.day))
            for seq in self.candidates(vectors)
        ]
        found.sort(key=lambda sv: (-sv[1], self.stories[sv[0]].founder))
        return found

    def assign(self, features: ArticleFeatures, vectors: Vectors) -> tuple[int, float]:
        """Return the story an article should join (a new index if none fits) and the score."""
        return self.decide(self.scored(features, vectors))

    def decide(self, scored: list[tuple[int, float]]) -> tuple[int, float]:
        """Return the best of ``scored`` if it reaches the threshold, else a new index."""
        if scored and scored[0][1] >= self.params.threshold:
            return scored[0]
        return len(self.stories), scored[0][1] if scored else 0.0

    def join(self, seq: int, article_id: str, vectors: Vectors, day: int | None) -> None:
        """Add an article to story ``seq`` (opening it when ``seq`` is the next index)."""
        if seq == len(self.stories):
            self.stories.append(_Story(seq=seq, article_ids=[], founder=self.n_docs - 1))
        story = self.stories[seq]
        story.article_ids.append(article_id)
        for name, _ in CHANNELS:
            story.centroids[name].add(vectors.channel(name))
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)
        cap = self.params.posting_cap
        for key in self._index_keys(vectors):
            # One entry per article (not per story), so the lists' contents
            # and trims depend on the stream only, never on later merges.
            postings = self._index.setdefault(key, [])
            postings.append(seq)
            if len(postings) > 2 * cap:
                # Trim in bulk: amortised O(1) per append, keeps the newest.
                del postings[:-cap]

    def merge_into(self, seq: int, scored: list[tuple[int, float]]) -> list[tuple[int, int]]:
        """Merge into story ``seq`` the candidates the join model says report the same happening.

        ``scored`` is what the last article scored against (it just joined
        ``seq``); the best ``merge_candidates`` others are each merged when
        :meth:`story_score` reaches ``merge_threshold``. The older story (by
        founding article) absorbs the younger, so a merged story keeps the
        id of its first article. Returns (absorbed, survivor) pairs.
        """
        p = self.params
        if p.merge_threshold > 1.0 or len(self.stories[seq].article_ids) < 2:
            return []
        merges = []
        others = [s for s, value in scored if s != seq and value > 0.0][: p.merge_candidates]
        for other in others:
            if self.story_score(seq, other) < p.merge_threshold:
                continue
            keep, gone = sorted((seq, other), key=lambda s: self.stories[s].founder)
            self._merge(keep, gone)
            merges.append((gone, keep))
            seq = keep
        return merges

    def _merge(self, keep: int, gone: int) -> None:
        survivor, absorbed = self.stories[keep], self.stories[gone]
        survivor.article_ids.extend(absorbed.article_ids)
        absorbed.article_ids = []
        absorbed.merged_into = keep
        for name, _ in CHANNELS:
            survivor.centroids[name].merge(absorbed.centroids[name])
        absorbed.centroids = {}
        days = [d for d in (survivor.first_day, absorbed.first_day) if d is not None]
        survivor.first_day = min(days) if days else None
        days = [d for d in (survivor.last_day, absorbed.last_day) if d is not None]
        survivor.last_day = max(days) if days else None
        # Every index that pointed at the absorbed story now points at the survivor.
        for seq, target in list(self._alias.items()):
            if target == gone:
                self._alias[seq] = keep
        self._alias[gone] = keep

    def add(self, features: ArticleFeatures) -> int:
        """Cluster one article; return the index of the story it joined or opened."""
        vectors = self.vectorise(features)
        scored = self.scored(features, vectors)
        seq, _ = self.decide(scored)
        joined = seq < len(self.stories)
        self.join(seq, features.article_id, vectors, features.day)
        if joined:
            self.merge_into(seq, scored)
        return self.resolve(seq)

    def labels(self) -> dict[str, int]:
        """Return each article's story index."""
        return {a: story.seq for story in self.stories for a in story.article_ids}
