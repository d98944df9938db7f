"""Tests for the exports: the field contract, value round-trips and errors."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.records import (
    AnalysedArticle,
    Article,
    Failure,
    Story,
)
from newsgraph.store import EXPORT_FIELDS, EXPORT_TYPES, Store, export

from tests.builders import full_doc

FORMATS = ("jsonl", "csv", "parquet")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "schema.md"

TEXT = 'Acme said "we pause" and paid $5m in Paris — «très» bien.'
AID = "a0001"
P0 = TEXT.index("Paris")
A0 = TEXT.index("$5m")
Q0, Q1 = TEXT.index('"') + 1, TEXT.rindex('"')

DOC = full_doc(
    TEXT,
    aid=AID,
    title="Acme pauses",
    url="https://x.test/1",
    source="Wire",
    published="2025-10-09",
    order=0,
)
SECOND = AnalysedArticle(article=Article(id="a0002", text="Plain second text.", order=1))
STORY = Story(id="s1", article_ids=(AID, "a0002"), title="Pause", first_published="2025-10-09")
FAILURE = Failure(code="E106", message="bad JSON line: x", where="in.jsonl:3")


def expected_rows() -> dict[str, list[dict[str, Any]]]:
    """Return the rows each export must contain, as typed values."""

    def pick(record: Any, table: str, **extra: Any) -> dict[str, Any]:
        row = {f: getattr(record, f, None) for f in EXPORT_FIELDS[table]}
        row.update(extra)
        return row

    return {
        "articles": [
            pick(DOC.article, "articles", duplicate_of=None, tone=DOC.tone),
            pick(SECOND.article, "articles", duplicate_of=AID, tone=None),
        ],
        "mentions": [pick(m, "mentions") for m in DOC.mentions],
        "entities": [pick(e, "entities", aliases=list(e.aliases)) for e in DOC.entities],
        "quotes": [pick(q, "quotes", targets=list(q.targets)) for q in DOC.quotes],
        "events": [pick(e, "events") for e in DOC.events],
        "amounts": [pick(a, "amounts") for a in DOC.amounts],
        "places": [pick(p, "places") for p in DOC.places],
        "stories": [pick(STORY, "stories", article_ids=list(STORY.article_ids))],
        "failures": [pick(FAILURE, "failures")],
    }


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "x.db") as s:
        s.write_batch([DOC, SECOND], pipeline="p", failures=[FAILURE])
        s.set_duplicate_of([("a0002", AID)])
        s.replace_stories([STORY])
        yield s


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "empty.db") as s:
        yield s


def read_jsonl(path: Path) -> tuple[list[str] | None, list[dict[str, Any]]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return (list(rows[0]) if rows else None), rows


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# -- contract -------------------------------------------------------------------


def test_export_fields_contract() -> None:
    assert list(EXPORT_FIELDS) == [
        "articles",
        "mentions",
        "entities",
        "quotes",
        "events",
        "amounts",
        "places",
        "stories",
        "failures",
    ]
    assert EXPORT_FIELDS["articles"] == (
        "id",
        "source",
        "url",
        "title",
        "text",
        "published",
        "order",
        "duplicate_of",
        "tone",
    )
    # #3 appended addressee and targets after the original fields, then nested_in.
    assert EXPORT_FIELDS["quotes"][-4:] == ("confidence", "addressee", "targets", "nested_in")
    assert EXPORT_FIELDS["stories"] == (
        "id",
        "article_ids",
        "title",
        "first_published",
        "last_published",
    )
    for table, fields in EXPORT_FIELDS.items():
        assert tuple(EXPORT_TYPES[table]) == fields


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_table_file_has_exactly_the_contract_fields(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    paths = export(store, fmt, tmp_path / "out")
    assert [p.name for p in paths] == [f"{t}.{fmt}" for t in EXPORT_FIELDS]
    for table, path in zip(EXPORT_FIELDS, paths, strict=True):
        fields = list(EXPORT_FIELDS[table])
        if fmt == "jsonl":
            _, rows = read_jsonl(path)
            assert rows, table
            assert all(list(row) == fields for row in rows), table
        elif fmt == "csv":
            assert read_csv(path)[0] == fields
        else:
            assert pq.read_schema(path).names == fields
    assert not list((tmp_path / "out").glob(".*"))  # no temp files left


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_tables_still_have_headers(empty: Store, tmp_path: Path, fmt: str) -> None:
    paths = export(empty, fmt, tmp_path / "out")
    assert len(paths) == len(EXPORT_FIELDS)
    for table, path in zip(EXPORT_FIELDS, paths, strict=True):
        assert path.exists()
        if fmt == "jsonl":
            assert path.read_text() == ""
        elif fmt == "csv":
            assert read_csv(path) == (list(EXPORT_FIELDS[table]), [])
        else:
            t = pq.read_table(path)
            assert t.num_rows == 0
            assert t.schema.names == list(EXPORT_FIELDS[table])


# -- values ---------------------------------------------------------------------


def test_jsonl_roundtrip(store: Store, tmp_path: Path) -> None:
    paths = export(store, "jsonl", tmp_path)
    expected = expected_rows()
    for table, path in zip(EXPORT_FIELDS, paths, strict=True):
        assert read_jsonl(path)[1] == expected[table], table
    entity = read_jsonl(tmp_path / "entities.jsonl")[1][0]
    assert entity["aliases"] == ["Acme", "ACME «Ltd»"]  # a JSON array, not a string


def test_csv_roundtrip(store: Store, tmp_path: Path) -> None:
    paths = export(store, "csv", tmp_path)
    expected = expected_rows()
    for table, path in zip(EXPORT_FIELDS, paths, strict=True):
        rows = read_csv(path)[1]
        want = [{k: csv_text(v) for k, v in row.items()} for row in expected[table]]
        assert rows == want, table
    story = read_csv(tmp_path / "stories.csv")[1][0]
    assert json.loads(story["article_ids"]) == [AID, "a0002"]


def test_parquet_roundtrip_and_types(store: Store, tmp_path: Path) -> None:
    paths = export(store, "parquet", tmp_path)
    expected = expected_rows()
    kinds = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "list": pa.list_(pa.string()),
        "bool": pa.bool_(),  # event flags (#5)
    }
    for table, path in zip(EXPORT_FIELDS, paths, strict=True):
        t = pq.read_table(path)
        assert t.to_pylist() == expected[table], table
        for name, kind in EXPORT_TYPES[table].items():
            assert t.schema.field(name).type == kinds[kind], (table, name)


def test_spans_index_exported_text(store: Store, tmp_path: Path) -> None:
    export(store, "jsonl", tmp_path)
    texts = {r["id"]: r["text"] for r in read_jsonl(tmp_path / "articles.jsonl")[1]}
    for table in ("mentions", "quotes", "amounts"):
        for row in read_jsonl(tmp_path / f"{table}.jsonl")[1]:
            assert texts[row["article_id"]][row["start"] : row["end"]] == row["text"]


def test_parquet_streams_in_batches(
    empty: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # newsgraph.store.export is the function; the module is only in sys.modules.
    monkeypatch.setattr(sys.modules["newsgraph.store.export"], "_BATCH", 3)
    docs = [
        AnalysedArticle(article=Article(id=f"a{i:03d}", text=f"t{i}", order=i)) for i in range(10)
    ]
    empty.write_batch(docs, pipeline="p")
    (path,) = export(empty, "parquet", tmp_path, tables=["articles"])
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 10
    assert meta.num_row_groups == 4
    assert pq.read_table(path).column("order").to_pylist() == list(range(10))


def test_tables_subset(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    paths = export(store, "csv", out, tables=["failures", "articles"])
    assert [p.name for p in paths] == ["failures.csv", "articles.csv"]
    assert sorted(p.name for p in out.iterdir()) == ["articles.csv", "failures.csv"]


# -- errors ---------------------------------------------------------------------


def test_unknown_format_raises_e401(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NewsgraphError) as info:
        export(store, "xlsx", tmp_path)
    assert info.value.code is ErrorCode.E401
    assert "jsonl" in str(info.value)


def test_unknown_table_raises_e405(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NewsgraphError) as info:
        export(store, "csv", tmp_path, tables=["tokens"])
    assert info.value.code is ErrorCode.E405


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_errors_raise_e402(store: Store, tmp_path: Path, fmt: str) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(NewsgraphError) as info:
        export(store, fmt, blocker)
    assert info.value.code is ErrorCode.E402
    out = tmp_path / "out"
    (out / f"articles.{fmt}").mkdir(parents=True)  # a directory where the file goes
    with pytest.raises(NewsgraphError) as info:
        export(store, fmt, out)
    assert info.value.code is ErrorCode.E402
    assert sorted(p.name for p in out.iterdir()) == [f"articles.{fmt}"]


# -- docs -----------------------------------------------------------------------


def test_docs_schema_lists_every_export_field() -> None:
    doc = DOCS.read_text(encoding="utf-8")
    sections = re.split(r"^#{1,3} ", doc, flags=re.MULTILINE)
    by_table = {s.split()[0].strip("`"): s for s in sections[1:]}
    for table, fields in EXPORT_FIELDS.items():
        assert table in by_table, f"docs/schema.md has no '### {table}' section"
        section = by_table[table]
        documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
        assert documented == list(fields), table
