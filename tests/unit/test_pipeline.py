"""Pipeline: build-time requirement checks, failure isolation, batching."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.pipeline import BatchStage, Pipeline, Stage
from newsgraph.records import AnalysedArticle, Sentence

from tests.builders import make_article


class Sentences:
    name: ClassVar[str] = "test.sentences.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset({"sentences"})

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        return replace(doc, sentences=(Sentence(start=0, end=len(doc.article.text)),))


class NeedsTokens:
    name: ClassVar[str] = "test.needs_tokens.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"tokens"})
    provides: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        return doc


class Explodes:
    """Fails on articles containing 'boom'; counts the batch calls."""

    name: ClassVar[str] = "test.explodes.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"sentences"})
    provides: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __init__(self) -> None:
        self.batch_calls = 0

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        if "boom" in doc.article.text:
            raise ValueError("cannot handle boom")
        return doc

    def pipe(self, docs: Sequence[AnalysedArticle]) -> list[AnalysedArticle]:
        self.batch_calls += 1
        return [self(d) for d in docs]


class ReturnsNone:
    name: ClassVar[str] = "test.none.v1"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset({"x"})

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        return None  # type: ignore[return-value]


def test_build_fails_when_a_requirement_is_missing() -> None:
    with pytest.raises(NewsgraphError) as info:
        Pipeline([Sentences(), NeedsTokens()])
    assert info.value.code.name == "E202"
    assert "tokens" in str(info.value)


def test_run_fills_fields_and_provided_set() -> None:
    docs = Pipeline([Sentences()]).run([make_article("One. Two.")])
    assert docs[0].sentences == (Sentence(start=0, end=9),)
    assert docs[0].provided == frozenset({"sentences"})


def test_a_failing_article_is_recorded_and_the_others_go_on() -> None:
    stage = Explodes()
    assert isinstance(stage, BatchStage)
    docs = Pipeline([Sentences(), stage]).run(
        [make_article("fine one"), make_article("a boom here", origin="f.txt"), make_article("ok")]
    )
    assert [bool(d.failures) for d in docs] == [False, True, False]
    failure = docs[1].failures[0]
    assert failure.code == "E201"
    assert failure.stage == "test.explodes.v1"
    assert failure.article_id == docs[1].article.id
    assert failure.where == "f.txt"
    assert "cannot handle boom" in failure.message
    assert "quotes" in docs[0].provided and "quotes" not in docs[1].provided


def test_wrong_return_type_is_a_failure_not_a_crash() -> None:
    docs = Pipeline([ReturnsNone()]).run([make_article("text")])
    assert docs[0].failures[0].code == "E203"


def test_signature_names_every_stage_version() -> None:
    assert Pipeline([Sentences(), Explodes()]).signature == "test.sentences.v1+test.explodes.v1"


def test_stages_satisfy_the_protocol_and_pickle() -> None:
    for stage in (Sentences(), Explodes()):
        assert isinstance(stage, Stage)
        assert pickle.loads(pickle.dumps(stage)).name == stage.name
    pipeline = pickle.loads(pickle.dumps(Pipeline([Sentences(), Explodes()])))
    assert len(pipeline.run([make_article("x")])[0].sentences) == 1
