"""Shared fixtures: hand-built records, and a spaCy pipeline loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def settings() -> Any:
    """Default settings; the pipeline cache is the user's, built once per machine."""
    from newsgraph.settings import Settings

    return Settings()


@pytest.fixture(scope="session")
def spacy_stage(settings: Any) -> Iterator[Any]:
    """The spaCy stage with its pipeline loaded (slow: seconds)."""
    from newsgraph.nlp import SpacyStage

    stage = SpacyStage(settings)
    _ = stage.nlp
    yield stage


@pytest.fixture(scope="session")
def pipeline(settings: Any, spacy_stage: Any) -> Any:
    """The registered pipeline (spaCy loaded once by the session fixture)."""
    from newsgraph.registry import build_pipeline

    return build_pipeline(settings)
