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


def _places(settings: Settings) -> Stage:
    from newsgraph.extract.places import PlacesStage

    return PlacesStage(settings)


def _dates(settings: Settings) -> Stage:
    from newsgraph.extract.dates import DatesStage

    return DatesStage(settings)


def _amounts(settings: Settings) -> Stage:
    from newsgraph.extract.amounts import AmountsStage

    return AmountsStage(settings)


def _tone(settings: Settings) -> Stage:
    from newsgraph.extract.tone import ToneStage

    return ToneStage(settings)


def _entities(settings: Settings) -> Stage:
    from newsgraph.extract.entities import EntityStage

    return EntityStage(settings.actor_dictionary or None)


def _quotes(settings: Settings) -> Stage:
    from newsgraph.extract.quotes import QuoteStage

    return QuoteStage(settings)


def _events(settings: Settings) -> Stage:
    from newsgraph.extract.events import EventStage

    return EventStage(settings.actor_dictionary or None)


# name -> factory. Order is pipeline order.
STAGES: dict[str, Callable[[Settings], Stage]] = {
    "nlp.spacy.v1": _spacy,
    "places.geonames.v1": _places,
    "dates.dateparser.v1": _dates,
    "amounts.rules.v1": _amounts,
    "tone.vader.v1": _tone,
    "entities.rules.v1": _entities,
    "quotes.rules.v2": _quotes,
    "events.plover.v1": _events,
}


def build_pipeline(settings: Settings) -> Pipeline:
    """Build the default per-article pipeline from ``settings``."""
    return Pipeline([factory(settings) for factory in STAGES.values()])
