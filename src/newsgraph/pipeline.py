"""The Stage protocol and the Pipeline that runs per-article stages.

A stage is a picklable callable ``AnalysedArticle -> AnalysedArticle`` with
a versioned ``name`` and the sets of things it ``requires`` and
``provides``. A stage may also offer ``pipe`` to analyse a batch at once
(spaCy is much faster that way). The same Pipeline runs in one process, in
a pool of processes or inside Spark executors, because it holds no global
state and every stage is built from explicit settings.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import ClassVar, Protocol, runtime_checkable

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import AnalysedArticle, Article, Failure

__all__ = ["BatchStage", "Pipeline", "Stage", "collector_paused"]

log = logging.getLogger(__name__)


@runtime_checkable
class Stage(Protocol):
    """A per-article analysis step: pure, picklable, versioned."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Return ``doc`` with this stage's fields filled."""
        ...


@runtime_checkable
class BatchStage(Stage, Protocol):
    """A stage that can also analyse a batch of articles in one call."""

    def pipe(self, docs: Sequence[AnalysedArticle]) -> list[AnalysedArticle]:
        """Return the analysed batch, in order."""
        ...


def _version(stage: Stage) -> str:
    """Return the stage's version string (its name, unless it says more)."""
    version = getattr(stage, "version", None)
    return version if isinstance(version, str) else stage.name


class Pipeline:
    """An ordered list of stages, checked when built.

    Building fails with E202 when a stage requires something no earlier
    stage provides. Running never raises for a stage's failure on one
    article: the failure is recorded on that article (code E201) and its
    remaining stages are skipped, while other articles go on.
    """

    def __init__(self, stages: Sequence[Stage]) -> None:
        provided: set[str] = set()
        for stage in stages:
            missing = stage.requires - provided
            if missing:
                raise NewsgraphError(
                    ErrorCode.E202, stage=stage.name, missing=", ".join(sorted(missing))
                )
            provided |= stage.provides
        self.stages: tuple[Stage, ...] = tuple(stages)

    @property
    def signature(self) -> str:
        """Return the versions of all stages; stored with each article.

        A re-run skips articles analysed with the same signature and
        re-analyses those analysed by another pipeline.
        """
        return "+".join(_version(stage) for stage in self.stages)

    def run(self, articles: Sequence[Article]) -> list[AnalysedArticle]:
        """Analyse a batch of articles through every stage."""
        docs = [AnalysedArticle(article=article) for article in articles]
        failed = [False] * len(docs)
        for stage in self.stages:
            live = [i for i, bad in enumerate(failed) if not bad]
            if not live:
                break
            results = self._run_stage(stage, [docs[i] for i in live])
            for i, result in zip(live, results, strict=True):
                if isinstance(result, Failure):
                    docs[i] = replace(docs[i], failures=(*docs[i].failures, result))
                    failed[i] = True
                else:
                    docs[i] = replace(result, provided=result.provided | stage.provides)
        return docs

    def _run_stage(
        self, stage: Stage, docs: list[AnalysedArticle]
    ) -> list[AnalysedArticle | Failure]:
        """Run one stage over ``docs``, isolating the articles that fail."""
        if isinstance(stage, BatchStage) and len(docs) > 1:
            try:
                out = stage.pipe(docs)
                if len(out) == len(docs) and all(isinstance(d, AnalysedArticle) for d in out):
                    return list(out)
            except Exception as exc:  # find the culprit article by article
                log.debug("stage %s failed on a batch, retrying one by one: %s", stage.name, exc)
        return [self._run_one(stage, doc) for doc in docs]

    @staticmethod
    def _run_one(stage: Stage, doc: AnalysedArticle) -> AnalysedArticle | Failure:
        try:
            result = stage(doc)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            return Failure(
                code=ErrorCode.E201.name,
                message=ErrorCode.E201.render(stage=stage.name, reason=reason),
                where=doc.article.origin,
                stage=stage.name,
                article_id=doc.article.id,
            )
        if not isinstance(result, AnalysedArticle):
            return Failure(
                code=ErrorCode.E203.name,
                message=ErrorCode.E203.render(stage=stage.name, got=type(result).__name__),
                where=doc.article.origin,
                stage=stage.name,
                article_id=doc.article.id,
            )
        return result


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic garbage collection while loading long-lived models.

    Loading a model creates many objects that live as long as the process
    and little cyclic garbage, yet each full collection rescans them all
    (measured with ``gc.callbacks``: 0.09 s of the 0.79 s spaCy pipeline
    load; most of 1.9 s in a 150-article ``analyze`` whose first batch
    loads every stage's tables). The threshold is set to zero rather than
    calling ``gc.disable``, because some loaders (srsly's msgpack reader)
    call ``gc.enable`` when they finish.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
