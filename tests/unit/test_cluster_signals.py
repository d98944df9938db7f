"""Story clustering: quotes and events as signals, and the story-merge pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Event, Quote
from newsgraph.store import Store
from newsgraph.stories.cluster import cluster_stories, story_id
from newsgraph.stories.features import ArticleFeatures, event_keys, make_features, quote_keys
from newsgraph.stories.online import PAIR_FEATURES, ClusterParams, OnlineClusterer

from tests.builders import make_article

pytestmark = pytest.mark.issue(6)

# Two reports of one dock strike, and a third that tells both halves: it
# bridges the first two, which share almost no words with each other.
CRANES = "Harbour cranes stopped at Gdansk docks as dockers walked out over pay."
SHIPS = "Container ships queued offshore while terminal managers waited for tugboats."
BOTH = (
    "Dockers walked out over pay at Gdansk, stopping harbour cranes; container ships "
    "queued offshore and terminal managers waited for tugboats."
)
OTHER = "Orchard growers in Kent expect a smaller apple harvest after a dry summer."


def _quote(text: str, speaker: str | None, entity: str | None = None) -> Quote:
    return Quote(
        id=text[:8],
        article_id="a",
        text=text,
        start=0,
        end=len(text),
        kind="direct",
        speaker=speaker,
        speaker_entity_id=entity,
    )


def _event(kind: str, source: str | None, target: str | None, *, negated: bool = False) -> Event:
    return Event(
        id=kind,
        article_id="a",
        type=kind,
        start=0,
        end=1,
        source_actor=source,
        target_actor=target,
        negated=negated,
    )


def test_quote_keys_are_named_speakers_and_word_pairs() -> None:
    keys = quote_keys(
        [
            _quote("The harbour will reopen on Monday", "Ewa Nowak"),
            _quote("Wages must rise", "a union official"),
            _quote("Talks resume soon", "Marek Lis", entity="p9"),
        ]
    )
    assert keys["qs:nowak"] == 1 and keys["qs:id:p9"] == 1
    # A speaker named by a common noun is no evidence of one happening.
    assert not any("official" in k for k in keys)
    assert keys["qw:harbour_reopen"] == 1 and keys["qw:wage_rise"] == 1
    assert "qw:harbour" not in keys  # single words are the words channel's job


def test_event_keys_pair_type_with_actors_and_skip_negated() -> None:
    keys = event_keys(
        [
            _event("ARREST", "Police", "Jan Sobek"),
            _event("PROTEST", None, None),
            _event("ATTACK", "rebels", "convoy", negated=True),
        ]
    )
    assert keys == {
        "ev:ARREST|police|sobek": 1,
        "ev:ARREST|police|?": 1,
        "ev:ARREST|?|sobek": 1,
    }


def test_shared_quote_and_event_raise_their_cosines_only_when_both_have_them() -> None:
    said = [_quote("We will not unload a single ship until pay rises", "Ewa Nowak")]
    arrest = [_event("ARREST", "Police", "Jan Sobek")]
    # No word-cosine floor: the two texts share no words, only the quote and event.
    clusterer = OnlineClusterer(ClusterParams(min_words=0.0))
    clusterer.add(make_features("a1", CRANES, quotes=said, events=arrest))
    again = make_features("a2", SHIPS, quotes=said, events=arrest)
    bare = make_features("a3", SHIPS)
    story = clusterer.stories[0]

    def values(features: ArticleFeatures) -> dict[str, float]:
        found = clusterer.pair_features(story, clusterer.vectorise(features), None)
        return dict(zip(PAIR_FEATURES, found, strict=True))

    shared, missing = values(again), values(bare)
    assert shared["quotes"] > 0.9 and shared["events"] > 0.9
    # Absent on one side: no evidence, not a copy of another channel.
    assert missing["quotes"] == 0.0 and missing["events"] == 0.0
    assert clusterer.score(story, clusterer.vectorise(again), None) > clusterer.score(
        story, clusterer.vectorise(bare), None
    )


def _words_only(merge: float) -> ClusterParams:
    """Join on the word cosine alone (>= 0.5), so the test controls every score."""
    weights = [0.0] * len(PAIR_FEATURES)
    weights[0] = 10.0
    return ClusterParams(
        weights=tuple(weights), bias=-5.0, threshold=0.5, merge_threshold=merge, min_words=0.0
    )


def test_bridging_report_merges_two_stories_into_the_older() -> None:
    for merge, expected in ((0.15, 1), (1.01, 2)):
        clusterer = OnlineClusterer(_words_only(merge))
        seqs = [clusterer.add(make_features(f"a{i}", t)) for i, t in enumerate([CRANES, SHIPS])]
        assert seqs == [0, 1]
        # The bridge joins the ships story (its best), which then meets cranes.
        assert clusterer.add(make_features("a2", BOTH)) == (0 if expected == 1 else 1)
        labels = clusterer.labels()
        assert len(set(labels.values())) == expected
        if expected == 1:
            assert set(labels.values()) == {0}  # the older story survives
            assert clusterer.resolve(1) == 0
    other = OnlineClusterer(_words_only(0.15))
    for i, text in enumerate([CRANES, SHIPS, BOTH, OTHER]):
        other.add(make_features(f"a{i}", text))
    assert len(set(other.labels().values())) == 2  # the orchard story stays apart


def _store(path: Path, texts: list[str], start: int = 0) -> Store:
    store = Store.open(path)
    docs = [
        AnalysedArticle(
            article=make_article(
                t, published=f"2025-03-0{start + i + 1}", order=start + i, title=None
            )
        )
        for i, t in enumerate(texts)
    ]
    store.write_batch(docs, pipeline="t")
    return store


def _memberships(store: Store) -> list[tuple[object, ...]]:
    return [
        tuple(r)
        for r in store.connection.execute(
            "SELECT article_id, story_id, seq, score, vectors FROM story_articles ORDER BY seq"
        )
    ]


def test_merge_in_a_later_run_relabels_stored_articles_like_one_run(tmp_path: Path) -> None:
    params = _words_only(0.15)
    corpus = [CRANES, SHIPS, BOTH, OTHER]
    with _store(tmp_path / "batch.db", corpus) as batch:
        report = cluster_stories(batch, params)
        assert report.stories_merged == 1
        expected = _memberships(batch)
        expected_stories = batch.connection.execute("SELECT * FROM stories ORDER BY id").fetchall()
    with _store(tmp_path / "inc.db", corpus[:2]) as inc:
        assert cluster_stories(inc, params).stories_opened == 2
        inc.write_batch(
            [
                AnalysedArticle(
                    article=make_article(t, published=f"2025-03-0{3 + i}", order=2 + i, title=None)
                )
                for i, t in enumerate(corpus[2:])
            ],
            pipeline="t",
        )
        assert cluster_stories(inc, params).stories_merged == 1
        got = _memberships(inc)
        stories = inc.connection.execute("SELECT * FROM stories ORDER BY id").fetchall()
        # The merged story keeps the id of its first article; the absorbed row is gone.
        founder = make_article(CRANES).id
        ids = {row[0] for row in inc.connection.execute("SELECT id FROM stories")}
        assert ids == {story_id(founder), story_id(make_article(OTHER).id)}
        assert story_id(make_article(SHIPS).id) not in ids
        # A re-run changes nothing.
        assert cluster_stories(inc, params).articles == 0
        assert _memberships(inc) == got
    assert got == expected
    assert [tuple(r) for r in stories] == [tuple(r) for r in expected_stories]


def test_story_ids_hash_the_founding_article() -> None:
    assert story_id("abc") == span_id("story", "abc", 0, 0)
