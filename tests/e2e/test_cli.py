"""The CLI end to end, on the bundled sample corpus and files written here."""

from __future__ import annotations

import csv
import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import EXPORT_FIELDS

from tests.builders import EXAMPLES

pytestmark = pytest.mark.slow

runner = CliRunner()

THREE = (
    "Coastal states sign pact on shared patrols after months of talks\n"
    "The interior ministers of three coastal states signed a pact on Friday to share patrol "
    "boats and radar data along their common coastline.\n"
    "The agreement follows a rise in smuggling through the region's smaller ports.\n"
    "Union leaders call a national strike over pension reform plan\n"
    "The country's two largest unions called a national strike for next Thursday to oppose "
    "the government's plan to raise the retirement age to 67.\n"
    "Union leader Marta Koval said the plan would hurt workers in heavy industry most.\n"
    "Floods force thousands from their homes in river delta\n"
    "Heavy rain over the weekend forced more than 4,000 people from their homes in the delta, "
    "where rivers burst their banks in several places.\n"
    "Emergency services said two people were missing.\n"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    code, _, stderr = invoke("analyze", str(EXAMPLES), "--db", str(db), "--quiet")
    assert code == 0, stderr
    return db


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_sample_corpus_is_analysed(sample_db: Path) -> None:
    assert count(sample_db, "articles") >= 8
    assert count(sample_db, "mentions") > 50
    assert count(sample_db, "sentences") > 30
    with sqlite3.connect(sample_db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # Every stored span is inside its article's text and matches it.
        rows = conn.execute(
            "SELECT m.text, m.start, m.end, a.text FROM mentions m JOIN articles a "
            "ON a.id = m.article_id"
        ).fetchall()
    assert all(text[start:end] == mention for mention, start, end, text in rows)


def test_second_run_adds_nothing(sample_db: Path) -> None:
    before = {t: count(sample_db, t) for t in ("articles", "mentions", "sentences", "failures")}
    code, stdout, _ = invoke("analyze", str(EXAMPLES), "--db", str(sample_db))
    assert code == 0
    assert {t: count(sample_db, t) for t in before} == before
    assert "already in the database" in stdout


def test_concatenated_text_splits_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_text(THREE, encoding="utf-8")
    db = tmp_path / "t.db"
    code, _, stderr = invoke(
        "analyze", str(path), "--db", str(db), "--published", "2025-03-14", "--source", "Desk"
    )
    assert code == 0, stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            'SELECT title, published, source FROM articles ORDER BY "order"'
        ).fetchall()
    assert [r[0] for r in rows] == [
        line for line in THREE.split("\n") if line.endswith(("talks", "plan", "delta"))
    ]
    assert {r[1] for r in rows} == {"2025-03-14"}
    assert {r[2] for r in rows} == {"Desk"}


def test_without_published_articles_stay_undated(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(THREE.split("\n", 3)[3], encoding="utf-8")
    db = tmp_path / "t.db"
    assert invoke("analyze", str(path), "--db", str(db), "-q")[0] == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT published FROM articles").fetchall() == [(None,), (None,)]


def test_read_commands(sample_db: Path) -> None:
    code, stdout, _ = invoke("articles", "--db", str(sample_db), "--json")
    assert code == 0
    listed = json.loads(stdout)
    assert len(listed) == count(sample_db, "articles")
    article_id = listed[0]["id"]

    code, stdout, _ = invoke("show", article_id, "--db", str(sample_db), "--plain")
    assert code == 0
    assert "]{" in stdout  # mentions are marked inline

    code, stdout, _ = invoke("show", article_id, "--db", str(sample_db), "--json")
    detail = json.loads(stdout)
    assert detail["article"]["id"] == article_id
    assert detail["mentions"]

    code, stdout, _ = invoke("search", "fisheries", "--db", str(sample_db), "--json")
    assert code == 0 and json.loads(stdout)

    code, stdout, _ = invoke("stats", "--db", str(sample_db))
    assert code == 0 and "articles" in stdout


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_matches_the_contract(sample_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / fmt
    code, _, stderr = invoke("export", "--db", str(sample_db), "--format", fmt, "--out", str(out))
    assert code == 0, stderr
    for table, fields in EXPORT_FIELDS.items():
        path = out / f"{table}.{fmt}"
        assert path.exists(), path
        if fmt == "jsonl" and table == "articles":
            first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
            assert tuple(first) == fields
        if fmt == "csv":
            with path.open(encoding="utf-8", newline="") as fh:
                assert tuple(next(csv.reader(fh))) == fields
        if fmt == "parquet":
            import pyarrow.parquet as pq

            assert tuple(pq.read_schema(path).names) == fields


def test_bad_inputs_are_one_line_each_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(THREE, encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "broken.jsonl").write_text(
        '{"text": "A fine record about a harbour strike that lasted two days."}\n{"text": oops\n'
    )
    (tmp_path / "bad.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    db = tmp_path / "t.db"
    code, _, stderr = invoke("analyze", str(tmp_path), "--db", str(db), "-q")
    assert code == 0, stderr
    assert "Traceback" not in stderr
    for name in ("blob.txt", "empty.txt", "broken.jsonl:2", "bad.gz"):
        assert name in stderr
    assert count(db, "articles") == 4
    assert count(db, "failures") == 4
    # --strict turns any failure into a non-zero exit.
    assert invoke("analyze", str(tmp_path), "--db", str(db), "-q", "--strict")[0] == 1


def test_nothing_analysable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    code, _, stderr = invoke("analyze", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.db"))
    assert code == 1
    assert "nothing could be analysed" in stderr
    code, _, stderr = invoke(
        "analyze", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db")
    )
    assert code == 1 and "E101" in stderr


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    code, _, stderr = invoke("analyze", "x.txt", "--published", "last tuesday")
    assert code == 1 and "E113" in stderr and len(stderr.strip().splitlines()) == 1
    code, _, stderr = invoke("articles", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such database" in stderr
    db = tmp_path / "t.db"
    (tmp_path / "a.txt").write_text(THREE)
    invoke("analyze", str(tmp_path / "a.txt"), "--db", str(db), "-q")
    code, _, stderr = invoke("show", "nope", "--db", str(db))
    assert code == 1 and "E303" in stderr
    code, _, stderr = invoke("export", "--db", str(db), "--format", "xml")
    assert code == 1 and "E401" in stderr


def test_stdin_and_gzip(tmp_path: Path) -> None:
    gz = tmp_path / "wire.txt.gz"
    gz.write_bytes(gzip.compress(THREE.encode()))
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["analyze", "-", str(gz), "--db", str(db), "-q"], input=THREE)
    assert result.exit_code == 0, result.stderr
    # Same three articles from stdin and from the .gz: stored once.
    assert count(db, "articles") == 3


def test_entry_point_runs_as_a_program(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsgraph", "--help"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    for command in ("analyze", "articles", "show", "search", "stats", "export"):
        assert command in proc.stdout


def test_entities_and_entity(sample_db: Path) -> None:
    code, stdout, _ = invoke("entities", "--db", str(sample_db), "--type", "PERSON", "--json")
    assert code == 0
    people = json.loads(stdout)
    assert people and all(p["type"] == "PERSON" for p in people)
    # A person named in two sample files (pasted text and JSONL) is one entity.
    top = people[0]
    assert top["articles"] >= 2
    code, stdout, _ = invoke("entity", top["name"], "--db", str(sample_db), "--json")
    assert code == 0
    detail = json.loads(stdout)
    assert detail["entity"]["id"] == top["id"]
    assert len(detail["articles"]) == top["articles"]
    code, _, stderr = invoke("entity", "Nobody Anywhere", "--db", str(sample_db))
    assert code == 1 and "E305" in stderr


def test_workers_give_the_same_records_as_one_process(tmp_path: Path) -> None:
    """Two worker processes (spawned, so stages must pickle) store what one does."""
    dbs = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        code, _, stderr = invoke(
            "analyze",
            str(EXAMPLES),
            "--db",
            str(db),
            "-q",
            "--workers",
            str(workers),
            "--batch-size",
            "2",
        )
        assert code == 0, stderr
        dbs[workers] = db

    def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
        with sqlite3.connect(db) as conn:
            return {
                table: sorted(conn.execute(f"SELECT {cols} FROM {table}").fetchall())
                for table, cols in (
                    ("articles", 'id, title, "order", duplicate_of'),
                    ("mentions", 'id, entity_id, start, "end"'),
                    ("quotes", "id, speaker_entity_id"),
                    ("events", "id, type"),
                    ("places", "id, lat, lon"),
                )
            }

    assert rows(dbs[1]) == rows(dbs[2])
