"""Load a Spark run's Parquet output into the SQLite store, then run the cross-article stages.

This is the library function behind ``newsgraph load``. The Spark runner
writes every analysed article (less its tokens, which the store does not
keep) as one JSON document in ``_analysed/``, in input order. Loading
decodes them and stores them with :meth:`Store.write_batch` in that order,
exactly as the local runner writes its batches, then runs the same
cross-article stages (near-duplicates, stories, entity linking, event
groups) over the store. So ``spark analyze`` + ``load`` gives the database
``analyze`` gives. Loading twice changes nothing: articles already stored
with the same pipeline mark are skipped and the stages are incremental.

JSON rather than pickle: a Parquet folder copied from a shared cluster must
not be able to run code on the analyst's laptop.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.linking import link_entities
from newsgraph.records import (
    Amount,
    AnalysedArticle,
    Article,
    DateMention,
    Entity,
    Event,
    Failure,
    Mention,
    Place,
    Quote,
    Sentence,
)
from newsgraph.runners.local import Progress, RunReport
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.store.export import EXPORT_FIELDS
from newsgraph.stories.cluster import cluster_stories, params_from_settings
from newsgraph.stories.dedup import link_near_duplicates
from newsgraph.stories.events_merge import merge_events

__all__ = ["ANALYSED", "decode_article", "encode_article", "load"]

ANALYSED = "_analysed"
"""Folder of the Spark output holding the analysed articles as JSON, in input order."""

# AnalysedArticle field -> record type of its items; tokens are left out.
_ITEM_TYPES: dict[str, type[Any]] = {
    "sentences": Sentence,
    "mentions": Mention,
    "entities": Entity,
    "quotes": Quote,
    "events": Event,
    "amounts": Amount,
    "places": Place,
    "dates": DateMention,
    "failures": Failure,
}


def _plain(record: Any) -> dict[str, Any]:
    """Return a flat record's fields as JSON-ready values (tuples as lists)."""
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def _record(cls: type[Any], data: dict[str, Any]) -> Any:
    """Rebuild a flat record; lists become the tuples the records hold."""
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items()})


def encode_article(doc: AnalysedArticle) -> str:
    """Return ``doc`` as one JSON document, without its tokens."""
    data: dict[str, Any] = {"article": _plain(doc.article), "tone": doc.tone}
    for name in _ITEM_TYPES:
        data[name] = [_plain(item) for item in getattr(doc, name)]
    data["provided"] = sorted(doc.provided)
    # default=str as in the store: ingest meta may carry dates.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def decode_article(text: str) -> AnalysedArticle:
    """Rebuild the analysed article that :func:`encode_article` wrote."""
    data = json.loads(text)
    raw = dict(data["article"])
    meta = raw.pop("meta", None) or {}
    article = replace(_record(Article, raw), meta=meta)
    items = {
        name: tuple(_record(cls, item) for item in data.get(name, ()))
        for name, cls in _ITEM_TYPES.items()
    }
    return AnalysedArticle(
        article=article,
        tone=data.get("tone"),
        provided=frozenset(data.get("provided", ())),
        **items,
    )


def _read_failures(root: Path) -> list[Failure]:
    import pyarrow.parquet as pq

    folder = root / "failures"
    if not folder.is_dir():
        return []
    table = pq.read_table(folder, columns=list(EXPORT_FIELDS["failures"]))
    return [Failure(**row) for row in table.to_pylist()]


def load(
    out_dir: str | Path,
    *,
    db: str | Path,
    settings: Settings | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> RunReport:
    """Merge the Spark output in ``out_dir`` into the store at ``db``; idempotent.

    Raises E804 if ``out_dir`` has no ``_analysed`` folder (not a Spark
    output, or the run did not finish) and E805 if a document in it cannot
    be decoded.
    """
    import pyarrow.parquet as pq

    settings = settings or Settings()
    root = Path(out_dir)
    folder = root / ANALYSED
    if not folder.is_dir():
        raise NewsgraphError(ErrorCode.E804, path=str(out_dir))
    # Spark names parts part-00000-…: name order is partition order, and the
    # partitions are ranges of input order.
    parts = sorted(p for p in folder.iterdir() if p.suffix == ".parquet")
    report = RunReport()
    with Store.open(db) as store:
        for part in parts:
            reader = pq.ParquetFile(part)
            for chunk in reader.iter_batches(
                batch_size=settings.batch_size, columns=["id", "pipeline", "doc"]
            ):
                rows = chunk.to_pylist()
                report.read += len(rows)
                stored = store.analysed_ids(r["id"] for r in rows)
                fresh = [r for r in rows if stored.get(r["id"]) != r["pipeline"]]
                report.already_analysed += len(rows) - len(fresh)
                _store_rows(store, fresh, report, where=str(part))
                if progress is not None:
                    progress(Progress(report.analysed, report.words, len(report.failures)))
        failures = _read_failures(root)
        store.record_failures(failures)
        report.failures = failures
        _cross_article(store, settings, report)
    return report


def _store_rows(store: Store, rows: list[dict[str, Any]], report: RunReport, where: str) -> None:
    """Write one batch of ``_analysed`` rows as the local runner writes a batch."""
    by_mark: dict[str, list[AnalysedArticle]] = {}
    for row in rows:
        try:
            doc = decode_article(row["doc"])
        except (ValueError, TypeError, KeyError) as exc:
            raise NewsgraphError(
                ErrorCode.E805, where, id=row["id"], reason=str(exc)[:200]
            ) from exc
        by_mark.setdefault(row["pipeline"], []).append(doc)
        report.words += len(doc.article.text.split())
    # Failed documents first, then the rest: the local runner's order within a batch.
    with store.transaction():
        for mark, docs in sorted(by_mark.items(), key=lambda kv: not kv[0].startswith("failed:")):
            bad = mark.startswith("failed:")
            store.write_batch(
                docs, pipeline=mark, failures=[f for d in docs for f in d.failures] if bad else ()
            )
            if not bad:
                report.analysed += len(docs)


def _cross_article(store: Store, settings: Settings, report: RunReport) -> None:
    """Run the local runner's cross-article stages, in its order, over the store."""
    report.near_duplicates = len(
        link_near_duplicates(
            store,
            threshold=settings.near_duplicate_threshold,
            shingle_size=settings.shingle_size,
        )
    )
    if settings.stories:
        clustered = cluster_stories(store, params_from_settings(settings))
        report.stories_opened = clustered.stories_opened
        report.stories_updated = clustered.stories_updated
        report.stories_merged = clustered.stories_merged
    report.entity_merges = len(link_entities(store))
    report.event_groups = len(merge_events(store))
