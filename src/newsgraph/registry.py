"""The registered per-article stages, in order: the one place they are listed.

Later issues add their stages here (quotes, actors, events, ...). The
registry is snapshot-tested (``tests/unit/test_registry.py``), so adding,
renaming or re-versioning a stage is a visible, reviewed change.
"""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.pipeline import Pipeline, Stage
from newsgraph.settings import Settings

__all__ = ["STAGES", "build_pipeline"]


def _spacy(settings: Settings) -> Stage:
    # Imported here so that importing the registry does not import spaCy.
    from newsgraph.nlp import SpacyStage

    return SpacyStage(settings)


def _entities(settings: Settings) -> Stage:
    from newsgraph.extract.entities import EntityStage

    return EntityStage()


# name -> factory. Order is pipeline order.
STAGES: dict[str, Callable[[Settings], Stage]] = {
    "nlp.spacy.v1": _spacy,
    "entities.rules.v1": _entities,
}


def build_pipeline(settings: Settings) -> Pipeline:
    """Build the default per-article pipeline from ``settings``."""
    return Pipeline([factory(settings) for factory in STAGES.values()])
