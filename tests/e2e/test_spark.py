"""The Spark runner in local[2]: same records as the local runner, WARC input, failures as rows."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store.export import EXPORT_FIELDS, EXPORT_TYPES

from tests.builders import EXAMPLES

pyspark = pytest.importorskip("pyspark", reason="needs the newsgraph[spark] extra")
pytestmark = [pytest.mark.spark, pytest.mark.slow]

runner = CliRunner()

# Fields the cross-article stages fill in; the Spark tables hold the
# per-article analysis, so only these may differ from a finished local run.
CROSS_ARTICLE = {"articles": {"duplicate_of"}}


def invoke(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output


def rows_by_key(table: str, rows: list[dict[str, Any]]) -> list[str]:
    """Return rows as sorted JSON lines (sorted by id where the table has one)."""
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


def export_jsonl(db: Path, out: Path) -> dict[str, list[str]]:
    invoke("export", "--db", str(db), "--format", "jsonl", "--out", str(out))
    return {
        table: rows_by_key(
            table,
            [json.loads(line) for line in (out / f"{table}.jsonl").read_text().splitlines()],
        )
        for table in EXPORT_FIELDS
    }


def parquet_rows(out: Path, table: str) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    data = ds.dataset(out / table, format="parquet", partitioning="hive").to_table()
    rows: list[dict[str, Any]] = data.to_pylist()
    for row in rows:
        row.pop("month", None)
    return rows


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    from newsgraph.runners.spark import start_session

    spark = start_session("local[2]", app_name="newsgraph-tests")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def runs(session: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Analyse examples/ with both runners; the CLI reuses the module's session."""
    tmp = tmp_path_factory.mktemp("spark")
    invoke("analyze", str(EXAMPLES), "--db", str(tmp / "local.db"), "-q")
    invoke("spark", "analyze", str(EXAMPLES), "--out", str(tmp / "out"), "--partitions", "2", "-q")
    invoke("load", str(tmp / "out"), "--db", str(tmp / "spark.db"), "-q")
    return {"tmp": tmp, "local": tmp / "local.db", "spark": tmp / "spark.db", "out": tmp / "out"}


def test_spark_then_load_gives_the_local_runners_records(runs: dict[str, Path]) -> None:
    local = export_jsonl(runs["local"], runs["tmp"] / "local-export")
    spark = export_jsonl(runs["spark"], runs["tmp"] / "spark-export")
    assert local["articles"], "the sample corpus gave no articles"
    assert local["mentions"] and local["quotes"] and local["events"]
    for table in EXPORT_FIELDS:
        assert spark[table] == local[table], f"{table} differs"


def test_parquet_tables_have_the_export_schema(runs: dict[str, Path]) -> None:
    import pyarrow.parquet as pq

    kinds = {"str": "string", "int": "int64", "float": "double", "bool": "bool"}
    for table in EXPORT_FIELDS:
        files = sorted((runs["out"] / table).rglob("*.parquet"))
        assert files, f"no Parquet file for {table}"
        schema = pq.read_schema(files[0])
        assert tuple(schema.names) == EXPORT_FIELDS[table]
        for name, kind in EXPORT_TYPES[table].items():
            got = str(schema.field(name).type)
            if kind == "list":
                assert got.startswith("list<") and "string" in got, (table, name, got)
            else:
                assert got == kinds[kind], (table, name, got)


def test_parquet_rows_are_the_per_article_analysis(runs: dict[str, Path]) -> None:
    local = export_jsonl(runs["local"], runs["tmp"] / "local-export-2")
    for table in ("articles", "mentions", "quotes", "events", "amounts", "places", "entities"):
        skip = CROSS_ARTICLE.get(table, set())
        expected = [
            json.dumps({k: v for k, v in json.loads(r).items() if k not in skip}, sort_keys=True)
            for r in local[table]
        ]
        got = [
            json.dumps({k: v for k, v in r.items() if k not in skip}, sort_keys=True)
            for r in parquet_rows(runs["out"], table)
        ]
        assert sorted(got) == sorted(expected), f"{table} differs"


def test_articles_are_partitioned_by_publication_month(runs: dict[str, Path]) -> None:
    months = {p.name for p in (runs["out"] / "articles").iterdir() if p.is_dir()}
    assert months and all(m.startswith("month=") for m in months)
    for row in parquet_rows(runs["out"], "articles"):
        month = row["published"][:7] if row["published"] else "unknown"
        assert f"month={month}" in months


def test_loading_twice_changes_nothing(runs: dict[str, Path]) -> None:
    before = export_jsonl(runs["spark"], runs["tmp"] / "before")
    result = runner.invoke(app, ["load", str(runs["out"]), "--db", str(runs["spark"])])
    assert result.exit_code == 0, result.output
    assert export_jsonl(runs["spark"], runs["tmp"] / "after") == before


def test_duckdb_reads_the_parquet_output(runs: dict[str, Path]) -> None:
    duckdb = pytest.importorskip("duckdb")
    out = runs["out"]
    con = duckdb.connect()
    n = con.execute(
        f"SELECT count(*) FROM read_parquet('{out}/articles/**/*.parquet', hive_partitioning=true)"
    ).fetchone()
    assert n is not None and n[0] == len(parquet_rows(out, "articles"))
    joined = con.execute(
        f"""
        SELECT a.id, count(q.id)
        FROM read_parquet('{out}/articles/**/*.parquet', hive_partitioning=true) a
        JOIN read_parquet('{out}/quotes/**/*.parquet', hive_partitioning=true) q
          ON q.article_id = a.id
        GROUP BY a.id
        """
    ).fetchall()
    assert sum(c for _, c in joined) == len(parquet_rows(out, "quotes"))


def test_warc_input_and_bad_records_become_failure_rows(
    session: Any, tmp_path: Path, runs: dict[str, Path]
) -> None:
    from newsgraph.runners.spark import analyze

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "crawl.warc.gz", inputs / "crawl.warc.gz")
    good = {
        "text": "Minister Ada Varga said on Monday that Lisbon would reopen the port.",
        "published": "2025-03-04",
    }
    (inputs / "feed.jsonl").write_text(json.dumps(good) + "\n{not json at all\n")
    (inputs / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    (inputs / "broken.txt.gz").write_bytes(gzip.compress(b"cut short")[:12])
    missing = str(tmp_path / "nowhere")
    report = analyze(
        [str(inputs), missing], out=str(tmp_path / "out"), session=session, partitions=2
    )
    invoke("analyze", str(inputs), missing, "--db", str(tmp_path / "local.db"), "-q")
    local = export_jsonl(tmp_path / "local.db", tmp_path / "local-export")

    articles = parquet_rows(tmp_path / "out", "articles")
    warc_urls = {r["url"] for r in articles if r["url"]}
    assert warc_urls, "no article came from the WARC file"
    assert report.analysed == len(articles) == len(local["articles"])
    failures = parquet_rows(tmp_path / "out", "failures")
    codes = {f["code"] for f in failures}
    assert {"E101", "E111", "E112"} <= codes
    assert any(f["where"].endswith("feed.jsonl:2") for f in failures), failures
    assert rows_by_key("failures", failures) == local["failures"]
    assert report.failures == len(failures)


def test_hadoop_listing_finds_what_the_local_walk_finds(session: Any, tmp_path: Path) -> None:
    """s3a:// and hdfs:// folders are listed through Hadoop; file:// exercises the same code."""
    from newsgraph.ingest.sources import _walk
    from newsgraph.runners.spark import _list_hadoop

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.jsonl").write_text('{"text": "x"}\n')
    (tmp_path / "one.txt").write_text("x")
    (tmp_path / "README.md").write_text("about the corpus")
    (tmp_path / "make.py").write_text("print()")
    (tmp_path / ".hidden").write_text("x")
    found, missing = _list_hadoop(session, tmp_path.as_uri())
    assert not missing
    local = [str(Path(p).resolve()) for p in _walk(str(tmp_path)) if isinstance(p, str)]
    assert [u.removeprefix("file:") for u in found] == local
    gone, failures = _list_hadoop(session, (tmp_path / "nowhere").as_uri())
    assert gone == [] and [f.code for f in failures] == ["E101"]


def test_ingest_flags_are_those_of_analyze(session: Any, tmp_path: Path) -> None:
    """--no-segment and --format reach the executors' readers as they reach analyze's."""
    paste = tmp_path / "paste.dat"
    shutil.copy(EXAMPLES / "wire.txt", paste)
    outs = {}
    for flags in ((), ("--no-segment",)):
        out = tmp_path / f"out{len(flags)}"
        invoke("spark", "analyze", str(paste), "--format", "text", *flags, "--out", str(out), "-q")
        local = tmp_path / f"local{len(flags)}.db"
        invoke("analyze", str(paste), "--format", "text", *flags, "--db", str(local), "-q")
        exported = export_jsonl(local, tmp_path / f"export{len(flags)}")
        outs[flags] = len(parquet_rows(out, "articles"))
        assert outs[flags] == len(exported["articles"])
    assert outs[()] > 1 and outs[("--no-segment",)] == 1


def test_unknown_format_is_a_one_line_error_before_spark_starts(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["spark", "analyze", str(tmp_path), "--format", "pdf", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "unknown --format 'pdf'" in result.output
    assert "Traceback" not in result.output
