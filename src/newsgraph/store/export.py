"""Export the store's tables to JSON Lines, CSV or Parquet, one file per table.

:data:`EXPORT_FIELDS` is the stable contract (documented in docs/schema.md):
every file has exactly these fields, in this order, even when empty.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.store.sqlite import Store

__all__ = ["EXPORT_FIELDS", "EXPORT_FORMATS", "EXPORT_TYPES", "export"]

# Field kinds: "str", "int", "float", "bool" (0/1 in SQLite; true/false in
# JSON and Parquet, True/False in CSV), or "list" (a list of strings, stored
# as a JSON array in SQLite).
_SPEC: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", "str"),
        ("source", "str"),
        ("url", "str"),
        ("title", "str"),
        ("text", "str"),
        ("published", "str"),
        ("order", "int"),
        ("duplicate_of", "str"),
        ("tone", "float"),
    ),
    "mentions": (
        ("id", "str"),
        ("article_id", "str"),
        ("entity_id", "str"),
        ("text", "str"),
        ("type", "str"),
        ("start", "int"),
        ("end", "int"),
    ),
    "entities": (
        ("id", "str"),
        ("name", "str"),
        ("type", "str"),
        ("aliases", "list"),
        ("country", "str"),
        ("sector", "str"),
        ("role", "str"),
    ),
    "quotes": (
        ("id", "str"),
        ("article_id", "str"),
        ("text", "str"),
        ("start", "int"),
        ("end", "int"),
        ("kind", "str"),
        ("cue", "str"),
        ("speaker", "str"),
        ("speaker_entity_id", "str"),
        ("speaker_mention_start", "int"),
        ("speaker_mention_end", "int"),
        ("confidence", "float"),
        ("addressee", "str"),
        ("targets", "list"),
        ("nested_in", "str"),
    ),
    "events": (
        ("id", "str"),
        ("article_id", "str"),
        ("type", "str"),
        ("mode", "str"),
        ("source_actor", "str"),
        ("source_country", "str"),
        ("source_sector", "str"),
        ("target_actor", "str"),
        ("target_country", "str"),
        ("target_sector", "str"),
        ("date", "str"),
        ("location", "str"),
        ("score", "float"),
        ("evidence", "str"),
        ("start", "int"),
        ("end", "int"),
        ("confidence", "float"),
        ("source_entity_id", "str"),
        ("target_entity_id", "str"),
        ("date_granularity", "str"),
        ("location_country", "str"),
        ("lat", "float"),
        ("lon", "float"),
        ("trigger", "str"),
        ("negated", "bool"),
        ("hypothetical", "bool"),
        ("future", "bool"),
    ),
    "amounts": (
        ("id", "str"),
        ("article_id", "str"),
        ("value", "float"),
        ("unit", "str"),
        ("object", "str"),
        ("text", "str"),
        ("start", "int"),
        ("end", "int"),
        ("approximate", "bool"),
    ),
    "places": (
        ("id", "str"),
        ("article_id", "str"),
        ("name", "str"),
        ("country", "str"),
        ("lat", "float"),
        ("lon", "float"),
        ("start", "int"),
        ("end", "int"),
        ("feature", "str"),
    ),
    "stories": (
        ("id", "str"),
        ("article_ids", "list"),
        ("title", "str"),
        ("first_published", "str"),
        ("last_published", "str"),
    ),
    "failures": (
        ("code", "str"),
        ("where", "str"),
        ("stage", "str"),
        ("article_id", "str"),
        ("message", "str"),
    ),
}

EXPORT_FIELDS: dict[str, tuple[str, ...]] = {
    table: tuple(name for name, _ in spec) for table, spec in _SPEC.items()
}
"""Exported fields per table, in file order: the stable export contract."""

EXPORT_TYPES: dict[str, dict[str, str]] = {table: dict(spec) for table, spec in _SPEC.items()}
"""Kind of each exported field: ``str``, ``int``, ``float`` or ``list`` (of strings)."""

EXPORT_FORMATS: dict[str, str] = {
    "jsonl": "jsonl",
    "csv": "csv",
    "parquet": "parquet",
    "gdelt": "gdelt.tsv",
}
"""Export format name to file extension; ``gdelt`` writes ``events.gdelt.tsv`` only (#5)."""

_ORDER_BY: dict[str, str] = {
    "articles": '"order", id',
    "entities": "id",
    "stories": "first_published IS NULL, first_published, id",
    "failures": "id",
}
_SPAN_ORDER = 'article_id, start, "end", id'

_BATCH = 5_000
"""Rows per fetch and per Parquet row group: bounded memory on big corpora."""


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[list[Any]]:
    """Yield the table's exported fields as Python values, lists decoded."""
    spec = _SPEC[table]
    cols = ", ".join(f'"{name}"' for name, _ in spec)
    order = _ORDER_BY.get(table, _SPAN_ORDER)
    cursor = conn.execute(f'SELECT {cols} FROM "{table}" ORDER BY {order}')
    lists = [i for i, (_, kind) in enumerate(spec) if kind == "list"]
    floats = [i for i, (_, kind) in enumerate(spec) if kind == "float"]
    bools = [i for i, (_, kind) in enumerate(spec) if kind == "bool"]
    try:
        while chunk := cursor.fetchmany(_BATCH):
            for row in chunk:
                values = list(row)
                for i in lists:
                    values[i] = [str(v) for v in json.loads(values[i] or "[]")]
                for i in floats:
                    if values[i] is not None:
                        values[i] = float(values[i])
                for i in bools:
                    if values[i] is not None:
                        values[i] = bool(values[i])
                yield values
    finally:
        cursor.close()


def _write_jsonl(fh: IO[str], table: str, rows: Iterator[list[Any]]) -> None:
    names = EXPORT_FIELDS[table]
    for values in rows:
        fh.write(json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False))
        fh.write("\n")


def _write_csv(fh: IO[str], table: str, rows: Iterator[list[Any]]) -> None:
    writer = csv.writer(fh)
    writer.writerow(EXPORT_FIELDS[table])
    for values in rows:
        writer.writerow(
            [
                "" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                for v in values
            ]
        )


def _write_parquet(path: Path, table: str, rows: Iterator[list[Any]]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise NewsgraphError(ErrorCode.E403) from exc
    kinds = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "list": pa.list_(pa.string()),
        "bool": pa.bool_(),
    }
    schema = pa.schema([pa.field(name, kinds[kind]) for name, kind in _SPEC[table]])
    names = EXPORT_FIELDS[table]
    with pq.ParquetWriter(str(path), schema) as writer:
        columns: list[list[Any]] = [[] for _ in names]
        count = 0
        for values in rows:
            for column, value in zip(columns, values, strict=True):
                column.append(value)
            count += 1
            if count == _BATCH:
                writer.write_table(pa.table(columns, schema=schema))
                columns, count = [[] for _ in names], 0
        if count:
            writer.write_table(pa.table(columns, schema=schema))


def _export_table(conn: sqlite3.Connection, fmt: str, table: str, out_dir: Path) -> Path:
    target = out_dir / f"{table}.{EXPORT_FORMATS[fmt]}"
    # Write beside the target and rename, so a failed export never leaves a
    # truncated file that looks complete.
    tmp = out_dir / f".{target.name}.tmp"
    rows = _rows(conn, table)
    try:
        if fmt == "parquet":
            _write_parquet(tmp, table, rows)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                if fmt == "jsonl":
                    _write_jsonl(fh, table, rows)
                else:
                    _write_csv(fh, table, rows)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise NewsgraphError(ErrorCode.E402, path=str(target), reason=str(exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def export(
    store: Store, fmt: str, out_dir: Path, *, tables: Sequence[str] | None = None
) -> list[Path]:
    """Write one ``<table>.<fmt>`` file per table into ``out_dir``; return their paths.

    ``fmt`` is ``jsonl``, ``csv``, ``parquet`` or ``gdelt`` (E401 otherwise;
    ``gdelt`` writes the GDELT 2.0 event table, see docs/events.md); ``tables``
    defaults to every table of :data:`EXPORT_FIELDS` (E405 for an unknown
    one). Rows are streamed in batches and all files come from one
    consistent snapshot of the database. Write errors raise E402.
    """
    if fmt not in EXPORT_FORMATS:
        raise NewsgraphError(ErrorCode.E401, format=fmt, choices=", ".join(EXPORT_FORMATS))
    if fmt == "gdelt":
        other = [t for t in tables or () if t != "events"]
        if other:
            raise NewsgraphError(ErrorCode.E561, table=other[0])
        from newsgraph.store.gdelt import export_gdelt

        return [export_gdelt(store, Path(out_dir))]
    wanted = list(EXPORT_FIELDS) if tables is None else list(dict.fromkeys(tables))
    unknown = [t for t in wanted if t not in EXPORT_FIELDS]
    if unknown:
        raise NewsgraphError(ErrorCode.E405, table=unknown[0], choices=", ".join(EXPORT_FIELDS))
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsgraphError(ErrorCode.E402, path=str(out), reason=str(exc)) from exc
    with store.snapshot() as conn:
        return [_export_table(conn, fmt, table, out) for table in wanted]
