"""The stories commands end to end: analyze clusters, stories lists, story shows, export fills."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

pytestmark = [pytest.mark.slow, pytest.mark.issue(6)]

runner = CliRunner()

FIRST = (
    "Ferry operators strike over safety rules in Greece\n"
    "Ferry crews in Piraeus walked out on Monday, stranding thousands of travellers bound for "
    "the islands. Union leader Nikos Varelas said the new safety rules doubled working hours "
    "without extra pay, and the shipping ministry in Athens called the strike illegal.\n"
)
SECOND = (
    "Greek ferries stay in port as crews extend walkout\n"
    "Ships remained tied up in Piraeus for a second day as the ferry crews' strike went on. "
    "Nikos Varelas, who leads the seamen's union, said talks with the shipping ministry in "
    "Athens had failed, and travellers to the islands were offered refunds.\n"
)
OTHER = (
    "Orchestra opens new concert hall in Tallinn\n"
    "The national orchestra played its first concert in a new hall in Tallinn on Saturday. "
    "Conductor Liis Kask said the acoustics were the best she had worked with, and the city "
    "plans a summer festival in the building.\n"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_analyze_clusters_and_commands_show_stories(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    first, other = tmp_path / "one.txt", tmp_path / "other.txt"
    first.write_text(FIRST, encoding="utf-8")
    other.write_text(OTHER, encoding="utf-8")
    code, _, err = invoke(
        "analyze", str(first), str(other), "--db", db, "--published", "2025-06-02", "-q"
    )
    assert code == 0, err
    # A later run brings the follow-up report: it joins the stored story.
    second = tmp_path / "two.txt"
    second.write_text(SECOND, encoding="utf-8")
    code, _, err = invoke("analyze", str(second), "--db", db, "--published", "2025-06-03", "-q")
    assert code == 0, err

    code, out, _ = invoke("stories", "--db", db, "--json")
    assert code == 0
    rows = json.loads(out)
    assert sorted(r["articles"] for r in rows) == [1, 2]
    ferry = next(r for r in rows if r["articles"] == 2)
    assert ferry["first_published"] == "2025-06-02"
    assert ferry["last_published"] == "2025-06-03"
    assert "Nikos Varelas" in ferry["top_entities"]

    code, out, _ = invoke("stories", "--db", db, "--entity", "nikos varelas", "--json")
    assert [r["id"] for r in json.loads(out)] == [ferry["id"]]
    code, out, _ = invoke("stories", "--db", db, "--since", "2025-06-03", "--json")
    assert [r["id"] for r in json.loads(out)] == [ferry["id"]]

    code, out, _ = invoke("story", ferry["id"], "--db", db)
    assert code == 0
    assert "2 articles, 2 distinct texts" in out
    assert "timeline" in out
    code, out, _ = invoke("story", ferry["id"], "--db", db, "--json")
    detail = json.loads(out)
    assert len(detail["articles"]) == 2
    assert [e["kind"] for e in detail["timeline"] if e["kind"] == "article"] == ["article"] * 2

    code, _, err = invoke("story", "s-missing", "--db", db)
    assert code == 1
    assert "E601" in err

    out_dir = tmp_path / "exports"
    code, _, _ = invoke("export", "--db", db, "--out", str(out_dir), "--table", "stories")
    assert code == 0
    exported = [json.loads(line) for line in (out_dir / "stories.jsonl").read_text().splitlines()]
    assert sorted(len(s["article_ids"]) for s in exported) == [1, 2]
