"""Paths taken for speed give the same results: shared resolver, collector, place ruler."""

from __future__ import annotations

import gc
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.matcher import PhraseMatcher

import newsgraph.runners.local as local
from newsgraph.extract.coref import Resolver, shared_resolver
from newsgraph.extract.entities import EntityStage
from newsgraph.ingest import IngestOptions
from newsgraph.nlp import PlaceRuler
from newsgraph.pipeline import Pipeline, collector_paused
from newsgraph.settings import Settings

from tests.builders import make_doc

# Nested and overlapping names, a name inside a longer one, a repeated one.
PLACE_NAMES = ["Port Elwin", "Elwin", "New Harbour", "New Harbour Bay", "Bay", "Kestrel Bay"]
PLACE_TEXT = (
    "Ferries left Port Elwin for New Harbour Bay at dawn; Kestrel Bay and Elwin "
    "followed, and the bay of New Harbour stayed calm. Elwin-on-Sea did not."
)


def test_collector_paused_restores_the_thresholds_even_on_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collector_paused():
        assert gc.get_threshold()[0] == 0
        raise RuntimeError("boom")
    assert gc.get_threshold() == before


def _two_articles(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "Mayor Petra Lind opened the new library in Aldport on Monday."},
        {"id": "b", "text": "Councillors in Norden voted to close the old bridge for repairs."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_analyze_freezes_the_loaded_models_and_thaws_them_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local, "build_pipeline", lambda settings: Pipeline([]))
    seen: list[int] = []
    report = local.analyze(
        [str(_two_articles(tmp_path))],
        db=tmp_path / "x.db",
        options=IngestOptions(),
        settings=Settings(batch_size=1, stories=False),
        progress=lambda p: seen.append(gc.get_freeze_count()),
    )
    assert report.analysed == 2
    assert len(seen) == 2 and all(n > 0 for n in seen)  # frozen after the first batch
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold()[0] > 0


def test_analyze_keeps_a_callers_own_freeze(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local, "build_pipeline", lambda settings: Pipeline([]))
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        local.analyze(
            [str(_two_articles(tmp_path))],
            db=tmp_path / "x.db",
            options=IngestOptions(),
            settings=Settings(batch_size=1, stories=False),
        )
        # Still frozen (the count only drops as frozen objects are freed).
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()


def _phrase_matcher_spans(nlp: Any, names: list[str], text: str) -> list[tuple[int, int]]:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("GPE", list(nlp.tokenizer.pipe(names)))
    return sorted((start, end) for _, start, end in matcher(nlp(text)))


def test_place_ruler_matches_what_a_phrase_matcher_matches() -> None:
    nlp = spacy.blank("en")
    ruler = PlaceRuler(nlp, PLACE_NAMES)
    spans = ruler.matches(nlp(PLACE_TEXT))
    assert spans == _phrase_matcher_spans(nlp, PLACE_NAMES, PLACE_TEXT)
    doc = nlp(PLACE_TEXT)
    assert {doc[s:e].text for s, e in spans} >= {"New Harbour", "New Harbour Bay", "Bay"}


def test_place_ruler_loads_its_saved_tokens_and_old_saves_without_them(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    ruler = PlaceRuler(nlp, PLACE_NAMES)
    ruler.to_disk(tmp_path)
    expected = ruler.matches(nlp(PLACE_TEXT))
    fresh = spacy.blank("en")
    loaded = PlaceRuler(fresh).from_disk(tmp_path)
    assert loaded.names == PLACE_NAMES
    assert loaded.matches(fresh(PLACE_TEXT)) == expected
    (tmp_path / "words.json").unlink()  # a cache saved before the tokens were
    old = PlaceRuler(spacy.blank("en")).from_disk(tmp_path)
    assert old.matches(nlp(PLACE_TEXT)) == expected


@pytest.mark.slow
def test_shared_resolver_is_reused_only_for_the_same_analysis(spacy_stage: Any) -> None:
    text = "Minister Tomas Velde visited Norden on Friday. He said the bridge would reopen."
    doc = EntityStage()(spacy_stage(make_doc(text)))
    first = shared_resolver(doc)
    # A later stage's article: same analysis, one more field filled.
    assert shared_resolver(replace(doc, quotes=())) is first
    other = replace(doc, entities=tuple(list(doc.entities)))
    second = shared_resolver(other)
    assert second is not first
    he = next(t.i for t in doc.tokens if t.text == "He")
    assert (
        first.resolve(he, he + 1) == second.resolve(he, he + 1) == Resolver(doc).resolve(he, he + 1)
    )
    assert first.resolve(he, he + 1).name == "Tomas Velde"
