"""Nested quotes (#3): "X said Y believes Z" is X's claim about Y, linked and filterable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.api import create_app
from newsgraph.cli import app
from newsgraph.extract.quotes import link_nested
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Quote
from newsgraph.store import Store, export, list_quotes

from tests.builders import make_article
from tests.quoting import analyse, find

pytestmark = pytest.mark.issue(3)

TEXT = "Officials in Lima said Chile believes it can win the vote, and Chile denied it."
ARTICLE = make_article(TEXT)


def _quote(words: str, speaker: str, **fields: Any) -> Quote:
    start, s_start = TEXT.index(words), TEXT.index(speaker)
    return Quote(
        id=span_id("quote", ARTICLE.id, start, start + len(words)),
        article_id=ARTICLE.id,
        text=words,
        start=start,
        end=start + len(words),
        kind="indirect",
        speaker=speaker,
        speaker_mention_start=s_start,
        speaker_mention_end=s_start + len(speaker),
        **fields,
    )


OUTER = _quote("Chile believes it can win the vote", "Officials")
INNER = _quote("it can win the vote", "Chile")


def test_a_quote_inside_another_quotes_content_is_nested_in_it() -> None:
    outer, inner = link_nested([OUTER, INNER])
    assert outer.nested_in is None
    assert inner.nested_in == OUTER.id


def test_a_quote_whose_speaker_stands_outside_is_not_nested() -> None:
    # Same content span inside, but its speaker is named outside the holder.
    apart = _quote("it can win the vote", "Officials")
    assert link_nested([OUTER, apart])[1].nested_in is None


def test_the_pipeline_links_a_belief_reported_by_someone_else(spacy_stage: Any) -> None:
    doc = analyse(spacy_stage, "Officials in Lima said Chile believes it can win the vote.")
    outer = find(doc, "Chile believes it can win")
    inner = find(doc, "it can win the vote", cue="believe")
    assert outer.nested_in is None
    assert inner.nested_in == outer.id


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    doc = AnalysedArticle(article=ARTICLE, quotes=tuple(link_nested([OUTER, INNER])))
    path = tmp_path / "nested.db"
    with Store.open(path) as store:
        store.write_batch([doc], pipeline="t")
    return path


def test_store_cli_api_and_export_carry_the_link(db: Path, tmp_path: Path) -> None:
    with Store.open(db, readonly=True) as store:
        assert len(list_quotes(store)) == 2
        (top,) = list_quotes(store, top_level=True)
        assert top.speaker == "Officials"
        nested = [q for q in list_quotes(store) if q.nested_in]
        assert [q.speaker for q in nested] == ["Chile"]
        (path,) = export(store, "jsonl", tmp_path / "out", tables=["quotes"])
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert sorted(bool(r["nested_in"]) for r in rows) == [False, True]

    runner = CliRunner()
    out = runner.invoke(app, ["quotes", "--db", str(db), "--top-level", "--json"])
    assert out.exit_code == 0, out.output
    assert [r["speaker"] for r in json.loads(out.stdout)] == ["Officials"]
    table = runner.invoke(app, ["quotes", "--db", str(db)])
    assert "nested" in table.stdout

    client = TestClient(create_app(db))
    items = client.get("/api/quotes", params={"top_level": "true"}).json()["items"]
    assert [q["speaker"] for q in items] == ["Officials"]
    page = client.get("/quotes", params={"top_level": "1"}).text
    assert "Officials" in page and "checked" in page
    assert "nested" in client.get("/quotes").text
