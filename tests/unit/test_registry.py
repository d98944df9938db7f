"""The stage registry is a reviewed snapshot; every stage pickles."""

from __future__ import annotations

import pickle

from newsgraph.registry import STAGES, build_pipeline
from newsgraph.settings import Settings

# Changing this snapshot is a deliberate act: a new, renamed or re-versioned
# stage changes the pipeline signature, so re-runs re-analyse old articles.
SNAPSHOT = {
    "nlp.spacy.v1": (frozenset(), frozenset({"sentences", "tokens", "mentions"})),
    "places.geonames.v1": (frozenset({"tokens", "mentions"}), frozenset({"places"})),
    "dates.dateparser.v1": (frozenset({"mentions"}), frozenset({"dates"})),
    "amounts.rules.v1": (frozenset({"tokens", "mentions"}), frozenset({"amounts"})),
    "tone.vader.v1": (frozenset({"sentences"}), frozenset({"tone"})),
    "entities.rules.v1": (frozenset({"tokens", "mentions"}), frozenset({"entities"})),
    "quotes.rules.v2": (
        frozenset({"tokens", "mentions", "entities"}),
        frozenset({"quotes"}),
    ),
    "events.plover.v1": (
        frozenset({"tokens", "mentions", "entities", "places", "dates"}),
        frozenset({"events"}),
    ),
}


def test_registry_matches_snapshot() -> None:
    pipeline = build_pipeline(Settings())
    assert list(STAGES) == list(SNAPSHOT)
    for stage in pipeline.stages:
        assert stage.name in SNAPSHOT
        assert (stage.requires, stage.provides) == SNAPSHOT[stage.name]


def test_every_stage_pickles_without_its_model() -> None:
    for stage in build_pipeline(Settings()).stages:
        blob = pickle.dumps(stage)
        assert len(blob) < 10_000, "a stage must not pickle a loaded model"
        assert pickle.loads(blob).name == stage.name
