"""The local runner: read inputs, analyse in one process or a pool, store.

This is the library function behind ``newsgraph analyze``. It streams: at
most a few batches are in memory at once, each batch is written in one
transaction, and a crash loses at most the batches in flight. A re-run
skips articles already analysed with the same pipeline, so it completes an
interrupted run without duplicates and otherwise changes nothing.
"""

from __future__ import annotations

import gc
import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO

from newsgraph.ingest import IngestOptions, read_inputs
from newsgraph.linking import link_entities
from newsgraph.pipeline import Pipeline, collector_paused
from newsgraph.records import AnalysedArticle, Article, Failure
from newsgraph.registry import build_pipeline
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.stories.cluster import cluster_stories, params_from_settings
from newsgraph.stories.dedup import link_near_duplicates
from newsgraph.stories.events_merge import merge_events

__all__ = ["Progress", "RunReport", "analyze"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a run has got, passed to the progress callback per batch."""

    articles: int
    words: int
    failures: int


@dataclass(slots=True)
class RunReport:
    """What a run did, for the summary table and the exit code."""

    read: int = 0
    analysed: int = 0
    exact_duplicates: int = 0
    already_analysed: int = 0
    near_duplicates: int = 0
    stories_opened: int = 0
    stories_updated: int = 0
    stories_merged: int = 0
    entity_merges: int = 0
    event_groups: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    interrupted: bool = False

    @property
    def failures_by_code(self) -> dict[str, int]:
        """Return the number of failures per error code."""
        return dict(Counter(f.code for f in self.failures))

    @property
    def words_per_second(self) -> float:
        """Return analysed words per second of wall time."""
        return self.words / self.seconds if self.seconds else 0.0


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# One pipeline per worker process, set by the pool initializer. Stages load
# their models lazily, so each worker loads spaCy once.
_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _run_in_worker(batch: list[Article]) -> list[AnalysedArticle]:
    assert _WORKER_PIPELINE is not None, "worker pipeline not initialised"
    return _run_batch(_WORKER_PIPELINE, batch)


def _run_batch(pipeline: Pipeline, batch: list[Article]) -> list[AnalysedArticle]:
    """Run one batch; the process's first loads the models, hidden then from the collector.

    Stages load their models lazily, in the first batch: the spaCy
    pipeline, the gazetteer, the actor and place tables (~400k objects the
    garbage collector tracks). Each full collection rescans them, and
    loading and the records of each batch trigger many: 1.9 s of a 25 s
    ``analyze`` of 150 articles (measured with ``gc.callbacks``). So the
    first batch runs with the collector paused (it leaves almost no cyclic
    garbage: ``gc.collect`` found 20 objects after it), and ``gc.freeze``
    then moves what it loaded out of the collector's sight. A process that
    froze objects itself manages its own collector: then nothing changes.
    """
    if gc.get_freeze_count() > 0:
        return pipeline.run(batch)
    with collector_paused():
        docs = pipeline.run(batch)
    gc.freeze()
    return docs


@contextmanager
def _thawed_after() -> Iterator[None]:
    """Give the objects :func:`_run_batch` froze back to the collector at the end.

    Only when nothing was frozen before: a caller's own freeze is kept.
    """
    thaw = gc.get_freeze_count() == 0
    try:
        yield
    finally:
        if thaw:
            gc.unfreeze()


def _analyse_batches(
    pipeline: Pipeline, batches: Iterator[list[Article]], workers: int
) -> Iterator[list[AnalysedArticle]]:
    """Yield analysed batches in input order, using ``workers`` processes."""
    if workers <= 1:
        for batch in batches:
            yield _run_batch(pipeline, batch)
        return
    # A bounded window of batches in flight keeps memory flat on huge inputs
    # (Pool.imap would read the whole input ahead).
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=_init_worker,
        initargs=(pipeline,),
    ) as pool:
        window: deque[Future[list[AnalysedArticle]]] = deque()
        for batch in batches:
            window.append(pool.submit(_run_in_worker, batch))
            if len(window) >= workers * 2:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def analyze(
    paths: Sequence[str],
    *,
    db: str | Path,
    options: IngestOptions | None = None,
    settings: Settings | None = None,
    progress: Callable[[Progress], None] | None = None,
    stdin: BinaryIO | None = None,
) -> RunReport:
    """Analyse the articles in ``paths`` into the store at ``db``.

    Args:
        paths: files, directories, or ``-`` for standard input.
        db: the SQLite file to create or update.
        options: ingest options (fallback date, source label, segmentation).
        settings: model, batch size, workers and the other settings.
        progress: called after each stored batch.
        stdin: the stream ``-`` reads (default: the process's stdin).

    Returns:
        A report of what was read, analysed, skipped and what failed.
    """
    options = options or IngestOptions()
    settings = settings or Settings()
    report = RunReport()
    started = time.perf_counter()
    pipeline = build_pipeline(settings)
    signature = pipeline.signature

    with _thawed_after(), Store.open(db) as store:
        seen: set[str] = set()

        def fresh_articles() -> Iterator[Article]:
            """Yield articles that need analysis; record failures on the way."""
            for batch in _batches(_articles(read_inputs(paths, options, stdin=stdin)), 256):
                stored = store.analysed_ids(a.id for a in batch)
                for article in batch:
                    if article.id in stored and stored[article.id] == signature:
                        report.already_analysed += 1
                        continue
                    yield article

        def _articles(items: Iterable[Article | Failure]) -> Iterator[Article]:
            for item in items:
                if isinstance(item, Failure):
                    report.failures.append(item)
                    store.record_failures([item])
                    continue
                report.read += 1
                if item.id in seen:
                    report.exact_duplicates += 1
                    continue
                seen.add(item.id)
                yield item

        batches = _batches(fresh_articles(), settings.batch_size)
        try:
            for docs in _analyse_batches(pipeline, batches, settings.workers):
                ok = [d for d in docs if not d.failures]
                bad = [d for d in docs if d.failures]
                stage_failures = [f for d in bad for f in d.failures]
                # Articles whose analysis failed are stored with a pipeline
                # mark that makes the next run try them again.
                with store.transaction():  # one transaction per batch
                    if bad:
                        store.write_batch(
                            bad, pipeline=f"failed:{signature}", failures=stage_failures
                        )
                    store.write_batch(ok, pipeline=signature)
                report.failures.extend(stage_failures)
                report.analysed += len(ok)
                report.words += sum(len(d.article.text.split()) for d in docs)
                if progress is not None:
                    progress(Progress(report.analysed, report.words, len(report.failures)))
        except KeyboardInterrupt:
            report.interrupted = True
            log.warning("interrupted: stored batches are kept; run again to resume")
        if not report.interrupted:
            # Articles without a signature yet: this run's, and any a
            # crashed run stored but did not get to hash.
            links = link_near_duplicates(
                store,
                threshold=settings.near_duplicate_threshold,
                shingle_size=settings.shingle_size,
            )
            report.near_duplicates = len(links)
            if settings.stories:
                # After dedup, so a near-duplicate joins its original's story.
                clustered = cluster_stories(store, params_from_settings(settings))
                report.stories_opened = clustered.stories_opened
                report.stories_updated = clustered.stories_updated
                report.stories_merged = clustered.stories_merged
            report.entity_merges = len(link_entities(store))
            # Last: groups need the stories and the linked entities (#5).
            report.event_groups = len(merge_events(store))
    report.seconds = time.perf_counter() - started
    return report
