"""The Spark runner: the local runner's per-article stages, run in Spark executors.

This is the library function behind ``newsgraph spark analyze``. It needs
the ``newsgraph[spark]`` extra (pyspark 4, Java 17); pyspark is imported only
when a run starts. There is no second implementation of anything:

- inputs are read with the ingest readers (:mod:`newsgraph.ingest.sources`),
  one task per file, from local paths or any Hadoop URI (``s3a://``,
  ``hdfs://``);
- articles get the local runner's ``order`` (position among all articles
  read) and exact duplicates keep their first occurrence;
- each partition builds nothing: it runs the driver's pickled
  :class:`~newsgraph.pipeline.Pipeline`, whose stages load spaCy lazily,
  so the model is loaded once per partition (task);
- each partition writes its documents into a scratch SQLite store with
  :meth:`Store.write_batch` and reads the export rows back with the export
  module, so the Parquet tables have exactly the export contract
  (``EXPORT_FIELDS`` / ``EXPORT_TYPES``, docs/schema.md).

Output, under ``--out``: one Parquet folder per export table. Per-article
tables (articles, mentions, quotes, events, amounts, places) are partitioned
by publication month (``month=2025-10``, ``month=unknown``); entities,
stories and failures are not. ``_analysed/`` holds every analysed article as
JSON in input order, for ``newsgraph load``. The cross-article stages
(near-duplicates, entity linking, stories, event groups) run in ``load``:
see docs/spark.md for why.
"""

from __future__ import annotations

import logging
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.ingest import IngestOptions
from newsgraph.ingest.base import make_failure
from newsgraph.ingest.sources import _is_input_name, _read_bytes, _walk
from newsgraph.pipeline import Pipeline
from newsgraph.records import Article, Failure
from newsgraph.registry import build_pipeline
from newsgraph.runners.load import ANALYSED, encode_article
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.store.export import EXPORT_FIELDS, EXPORT_TYPES, _rows

__all__ = ["MONTH_TABLES", "SparkReport", "analyze", "start_session"]

log = logging.getLogger(__name__)

MONTH_TABLES: tuple[str, ...] = ("articles", "mentions", "quotes", "events", "amounts", "places")
"""Export tables written partitioned by the article's publication month."""

_OTHER_TABLES = ("entities", "stories", "failures")
_UNKNOWN_MONTH = "unknown"
_MONTH = re.compile(r"^\d{4}-\d{2}")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

# Articles per partition when --partitions is not given. Measured with
# bench/spark.py: a worker's first task spends ~3 s loading the pipeline and
# an article costs ~0.22 ms/word of a core, so 500 news articles (about a
# minute of NLP) amortise the load to a few per cent.
_ARTICLES_PER_PARTITION = 500


@dataclass(slots=True)
class SparkReport:
    """What a Spark run did, for the summary and the benchmark."""

    read: int = 0
    analysed: int = 0
    exact_duplicates: int = 0
    words: int = 0
    partitions: int = 0
    startup_seconds: float = 0.0
    seconds: float = 0.0
    task_seconds: float = 0.0
    """Analysis time summed over partitions (model loads included): the CPU-bound part."""
    failures_by_code: dict[str, int] = field(default_factory=dict)

    @property
    def failures(self) -> int:
        """Return the number of failures of every kind."""
        return sum(self.failures_by_code.values())


def _pyspark() -> Any:
    try:
        import pyspark
    except ImportError as exc:
        raise NewsgraphError(ErrorCode.E801) from exc
    return pyspark


def start_session(master: str | None = None, *, app_name: str = "newsgraph") -> Any:
    """Return a SparkSession on ``master``; E801 without pyspark, E802 if it fails to start.

    Without ``master``: the master ``spark-submit`` was given when running
    under it, else ``local[2]``.
    """
    _pyspark()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    # spark-submit starts the JVM first and tells the Python driver its port;
    # a master set here would override the one given to spark-submit.
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[2]"
    if master is not None:
        builder = builder.master(master)
    builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if master is not None and master.startswith("local"):
        # Local executors start Python workers on this machine: they must use
        # this interpreter, which has newsgraph and its model installed. The
        # spark.pyspark.python setting alone was not enough (workers still
        # ran the PATH's python); the variable is read when workers start.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # py4j/JVM start-up errors have no common base
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        where = master or "the spark-submit master"
        raise NewsgraphError(ErrorCode.E802, master=where, reason=reason) from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def _norm(uri: str) -> str:
    """Return a path or ``file:`` URI as a plain path, for matching Hadoop's names to ours."""
    if uri.startswith("file:"):
        uri = "/" + unquote(uri[5:]).lstrip("/")
    return uri


def _list_inputs(session: Any, paths: Sequence[str]) -> tuple[list[tuple[str, str]], list[Failure]]:
    """Return (URI, display name) of every input file in input order, and E101/E102 failures.

    Local paths are walked like the local runner walks them (same names,
    same order); Hadoop URIs are listed with Hadoop's file system API.
    """
    files: list[tuple[str, str]] = []
    failures: list[Failure] = []
    for arg in paths:
        if _SCHEME.match(arg) and not arg.startswith("file:"):
            found, missing = _list_hadoop(session, arg)
            files.extend((uri, uri) for uri in found)
            failures.extend(missing)
            continue
        local = Path(_norm(arg)) if arg.startswith("file:") else Path(arg)
        if not local.exists():
            failures.append(make_failure(ErrorCode.E101, arg))
        elif local.is_dir():
            for item in _walk(str(local)):
                if isinstance(item, Failure):
                    failures.append(item)
                else:
                    files.append((os.path.abspath(item), item))
        else:
            files.append((os.path.abspath(local), str(local)))
    return files, failures


def _list_hadoop(session: Any, arg: str) -> tuple[list[str], list[Failure]]:
    jvm = session.sparkContext._jvm
    conf = session.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(arg)
    fs = path.getFileSystem(conf)
    if not fs.exists(path):
        return [], [make_failure(ErrorCode.E101, arg)]
    if not fs.getFileStatus(path).isDirectory():
        return [str(fs.makeQualified(path).toString())], []
    found: list[str] = []
    listing = fs.listFiles(path, True)
    root = str(fs.makeQualified(path).toString()).rstrip("/")
    while listing.hasNext():
        uri = str(listing.next().getPath().toString())
        parts = uri[len(root) :].strip("/").split("/")
        if any(p.startswith((".", "_")) for p in parts) or not _is_input_name(parts[-1]):
            continue
        found.append(uri)
    return sorted(found, key=lambda u: u[len(root) :].split("/")), []


def _ingest_file(
    item: tuple[str, bytes], names: dict[str, tuple[int, str]], options: IngestOptions
) -> Iterator[tuple[bool, int, int, Article | Failure]]:
    """Read one file with the ingest readers: (is_article, file rank, index, record)."""
    uri, data = item
    # Hadoop reports local files as file: URIs; anything unmatched (it
    # should not happen) is still read, under Hadoop's name, last.
    rank, name = names.get(_norm(uri), (len(names), uri))
    index = 0
    for record in _read_bytes(bytes(data), name, options):
        if isinstance(record, Article):
            yield True, rank, index, record
            index += 1
        else:
            yield False, rank, -1, record


# One pipeline per Python worker process, by signature. Spark reuses its
# Python workers across tasks (spark.python.worker.reuse, on by default), and
# each task unpickles a fresh copy of the driver's pipeline, whose stages
# would load spaCy again; keeping the first copy loads it once per worker.
_WORKER_PIPELINES: dict[str, Pipeline] = {}


def _month(published: str | None) -> str:
    return published[:7] if published and _MONTH.match(published) else _UNKNOWN_MONTH


def _analyse_partition(
    index: int, articles: Iterable[Article], pipeline: Pipeline, batch_size: int
) -> Iterator[tuple[str, Any]]:
    """Analyse one partition; yield (table, row) pairs, ``_analysed`` rows in order.

    The scratch store is what makes the export rows exactly those the
    local runner's store would export before its cross-article stages.
    """
    started = time.perf_counter()
    signature = pipeline.signature
    pipeline = _WORKER_PIPELINES.setdefault(signature, pipeline)
    months: dict[str, str] = {}
    words = 0
    counts: dict[str, int] = {}
    with (
        tempfile.TemporaryDirectory(prefix="newsgraph-spark-") as tmp,
        Store.open(Path(tmp) / "partition.db") as store,
    ):
        source = iter(articles)
        while batch := list(islice(source, batch_size)):
            docs = pipeline.run(batch)
            ok = [d for d in docs if not d.failures]
            bad = [d for d in docs if d.failures]
            with store.transaction():
                if bad:
                    stage_failures = [f for d in bad for f in d.failures]
                    store.write_batch(bad, pipeline=f"failed:{signature}", failures=stage_failures)
                store.write_batch(ok, pipeline=signature)
            for doc in docs:
                a = doc.article
                months[a.id] = _month(a.published)
                words += len(a.text.split())
                mark = f"failed:{signature}" if doc.failures else signature
                yield ANALYSED, (a.order, a.id, mark, encode_article(replace(doc, tokens=())))
        conn = store.connection
        for table in MONTH_TABLES:
            key = EXPORT_FIELDS[table].index("id" if table == "articles" else "article_id")
            for row in _rows(conn, table):
                counts[table] = counts.get(table, 0) + 1
                yield table, (*row, months.get(row[key], _UNKNOWN_MONTH))
        for row in _rows(conn, "entities"):
            yield "entities", (index, row)
        for row in _rows(conn, "failures"):
            yield "failures", tuple(row)
    yield "_stats", (len(months), words, counts, time.perf_counter() - started)


def _merge_entities(first: tuple[int, list[Any]], later: tuple[int, list[Any]]) -> Any:
    """Merge one entity's rows from two partitions as the store's upsert does.

    Partitions are ranges of input order, so the higher index is the later
    write: it wins for name and type, fills country/sector/role only where
    it has them, and adds its aliases after the earlier ones.
    """
    if first[0] > later[0]:
        first, later = later, first
    a, b = first[1], later[1]
    names = EXPORT_FIELDS["entities"]
    merged = list(b)
    aliases = names.index("aliases")
    merged[aliases] = [*a[aliases], *(x for x in b[aliases] if x not in a[aliases])]
    for col in ("country", "sector", "role"):
        i = names.index(col)
        merged[i] = b[i] if b[i] is not None else a[i]
    return later[0], merged


def _schema(table: str, *, month: bool) -> Any:
    from pyspark.sql import types as st

    kinds = {
        "str": st.StringType(),
        "int": st.LongType(),
        "float": st.DoubleType(),
        "bool": st.BooleanType(),
        "list": st.ArrayType(st.StringType()),
    }
    columns = [st.StructField(n, kinds[k]) for n, k in EXPORT_TYPES[table].items()]
    if month:
        columns.append(st.StructField("month", st.StringType()))
    return st.StructType(columns)


def _write(session: Any, rows: Any, table: str, out: str, *, month: bool, empty: bool) -> None:
    """Write one table; an empty one still gets a Parquet file with its schema."""
    frame = session.createDataFrame(rows, _schema(table, month=month))
    target = f"{out.rstrip('/')}/{table}"
    if month and not empty:
        frame.write.mode("overwrite").partitionBy("month").parquet(target)
    else:
        frame = frame.drop("month") if month else frame
        frame.coalesce(1).write.mode("overwrite").parquet(target)


def analyze(
    paths: Sequence[str],
    *,
    out: str,
    master: str | None = None,
    partitions: int | None = None,
    options: IngestOptions | None = None,
    settings: Settings | None = None,
    session: Any = None,
) -> SparkReport:
    """Analyse ``paths`` on Spark into Parquet tables under ``out``.

    Args:
        paths: files, folders or Hadoop URIs (``s3a://``, ``hdfs://``).
        out: output folder or URI; its table folders are replaced.
        master: Spark master (``local[2]``, ``spark://host:7077``, ``yarn``);
            default: spark-submit's, else ``local[2]``; ignored when
            ``session`` is given.
        partitions: analysis partitions (default: one per 500 articles,
            at least the default parallelism).
        options: ingest options (fallback date, source label, segmentation).
        settings: model, batch size and the other settings.
        session: a running SparkSession to use instead of starting one.

    Returns:
        A report with counts, failures per code and the start-up time apart.
    """
    options = options or IngestOptions()
    settings = settings or Settings()
    report = SparkReport()
    pipeline = build_pipeline(settings)
    started = time.perf_counter()
    spark = session if session is not None else start_session(master)
    report.startup_seconds = time.perf_counter() - started
    sc = spark.sparkContext
    from pyspark import StorageLevel

    files, missing = _list_inputs(spark, paths)
    if not files and not missing:
        raise NewsgraphError(ErrorCode.E803, paths=" ".join(paths))
    # A file named twice (or inside a folder also named) is read once.
    first: dict[str, tuple[str, str]] = {}
    for uri, name in files:
        first.setdefault(_norm(uri), (uri, name))
    files = list(first.values())
    names = {_norm(uri): (rank, name) for rank, (uri, name) in enumerate(files)}
    raw = (
        sc.binaryFiles(",".join(uri for uri, _ in files), minPartitions=sc.defaultParallelism)
        if files
        else sc.emptyRDD()
    )
    ingested = raw.flatMap(lambda item: _ingest_file(item, names, options))
    ingested = ingested.persist(StorageLevel.MEMORY_AND_DISK)
    per_file = ingested.filter(lambda r: r[0]).map(lambda r: (r[1], 1)).countByKey()
    offsets: dict[int, int] = {}
    total = 0
    for rank in range(len(files)):
        offsets[rank] = total
        total += int(per_file.get(rank, 0))
    report.read = total
    articles = ingested.filter(lambda r: r[0]).map(
        lambda r: replace(r[3], order=offsets[r[1]] + r[2])
    )
    # First occurrence wins, as in the local runner.
    unique = articles.keyBy(lambda a: a.id).reduceByKey(lambda a, b: a if a.order <= b.order else b)
    count = unique.count()
    report.exact_duplicates = report.read - count
    report.partitions = partitions or max(
        sc.defaultParallelism, math.ceil(count / _ARTICLES_PER_PARTITION), 1
    )
    # Range partitions by input order: each partition is a contiguous run of
    # the input, so _analysed is written in input order for `load`.
    ordered = unique.values().sortBy(lambda a: a.order, numPartitions=report.partitions)
    batch_size = settings.batch_size
    analysed = ordered.mapPartitionsWithIndex(
        lambda i, it: _analyse_partition(i, it, pipeline, batch_size)
    ).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # The first action over `analysed` runs the NLP on every partition
        # at once and caches the result; the table writes then read the cache.
        stats = analysed.filter(lambda r: r[0] == "_stats").values().collect()
        report.analysed = sum(s[0] for s in stats)
        report.words = sum(s[1] for s in stats)
        report.task_seconds = sum(s[3] for s in stats)
        rows_per_table: dict[str, int] = {}
        for _, _, counts, _ in stats:
            for table, n in counts.items():
                rows_per_table[table] = rows_per_table.get(table, 0) + n
        _write_all(spark, analysed, ingested, missing, out, rows_per_table)
        codes = analysed.filter(lambda r: r[0] == "failures").map(lambda r: r[1][0])
        ingest_codes = ingested.filter(lambda r: not r[0]).map(lambda r: r[3].code)
        report.failures_by_code = {
            str(k): int(v) for k, v in codes.union(ingest_codes).countByValue().items()
        }
        for failure in missing:
            report.failures_by_code[failure.code] = report.failures_by_code.get(failure.code, 0) + 1
    finally:
        analysed.unpersist()
        ingested.unpersist()
    report.seconds = time.perf_counter() - started
    return report


def _write_all(
    spark: Any,
    analysed: Any,
    ingested: Any,
    missing: list[Failure],
    out: str,
    rows_per_table: dict[str, int],
) -> None:
    for table in MONTH_TABLES:
        rows = analysed.filter(lambda r, t=table: r[0] == t).values()
        _write(spark, rows, table, out, month=True, empty=not rows_per_table.get(table))
    entities = (
        analysed.filter(lambda r: r[0] == "entities")
        .map(lambda r: (r[1][1][0], r[1]))
        .reduceByKey(_merge_entities)
        .map(lambda kv: tuple(kv[1][1]))
        .sortBy(lambda row: row[0])
    )
    _write(spark, entities, "entities", out, month=False, empty=False)
    _write(spark, spark.sparkContext.emptyRDD(), "stories", out, month=False, empty=True)
    fields = EXPORT_FIELDS["failures"]
    ingest_failures = ingested.filter(lambda r: not r[0]).map(
        lambda r: tuple(getattr(r[3], name) for name in fields)
    )
    stage_failures = analysed.filter(lambda r: r[0] == "failures").values()
    listed = spark.sparkContext.parallelize(
        [tuple(getattr(f, name) for name in fields) for f in missing], 1
    )
    failures = listed.union(ingest_failures).union(stage_failures)
    _write(spark, failures, "failures", out, month=False, empty=False)
    from pyspark.sql import types as st

    analysed_schema = st.StructType(
        [
            st.StructField("order", st.LongType()),
            st.StructField("id", st.StringType()),
            st.StructField("pipeline", st.StringType()),
            st.StructField("doc", st.StringType()),
        ]
    )
    docs = analysed.filter(lambda r: r[0] == ANALYSED).values()
    # No shuffle here: the partitions are already in input order.
    spark.createDataFrame(docs, analysed_schema).write.mode("overwrite").parquet(
        f"{out.rstrip('/')}/{ANALYSED}"
    )
