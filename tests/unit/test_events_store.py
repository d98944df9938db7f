"""Events in the store (#5): cross-article merge, queries, GDELT export, CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import NewsgraphError
from newsgraph.ids import article_id
from newsgraph.records import Article
from newsgraph.registry import build_pipeline
from newsgraph.store import Store, export, get_article, list_events
from newsgraph.store.gdelt import GDELT_COLUMNS
from newsgraph.stories.events_merge import merge_events

pytestmark = pytest.mark.issue(5)

TEXTS = [
    ("Canada urged Denmark to reopen the talks. Brazilian officials met Argentine officials.",
     "https://example.org/a"),
    ("Canada urged Denmark to reopen the talks, officials in Ottawa said.",
     "https://example.org/b"),
    ("Ghana did not attack Togo on Monday.", "https://example.org/c"),
]  # fmt: skip


@pytest.fixture(scope="module")
def db(settings: Any, spacy_stage: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with three short articles of ours, analysed and merged."""
    path = tmp_path_factory.mktemp("events") / "events.db"
    articles = [
        Article(id=article_id(t), text=t, url=url, source=f"outlet{n}", published="2025-03-04",
                order=n)
        for n, (t, url) in enumerate(TEXTS)
    ]  # fmt: skip
    docs = build_pipeline(settings).run(articles)
    with Store.open(path) as store:
        store.write_batch(docs, pipeline="test")
        merge_events(store)
    return path


def test_same_happening_in_two_articles_is_one_group(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        rows = list_events(store, type="request")
    assert len(rows) == 2
    assert {r.event.article_id for r in rows} == {article_id(t) for t, _ in TEXTS[:2]}
    assert len({r.group_id for r in rows}) == 1
    assert all(r.num_mentions == 2 and r.num_articles == 2 for r in rows)


def test_every_mention_links_to_its_article_and_span(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        links = store.connection.execute(
            'SELECT m.article_id, m.start, m."end", e.evidence, a.text FROM event_mentions m '
            "JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = m.article_id"
        ).fetchall()
    assert links
    for art, start, end, evidence, text in links:
        assert text[start:end] == evidence, art


def test_filters_and_flags(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        assert {r.event.type for r in list_events(store, country="ARG")} == {"CONSULT"}
        assert list_events(store, actor="Canada")
        assert not list_events(store, until="2025-03-01")
        assert list_events(store, since="2025-03-01")
        # The negated attack is kept, flagged, and listed only on request.
        assert not list_events(store, type="ASSAULT")
        flagged = list_events(store, type="ASSAULT", include_flagged=True)
        assert flagged and flagged[0].event.negated is True
        with pytest.raises(NewsgraphError) as err:
            list_events(store, type="PARADE")
        assert err.value.code.name == "E560"


def test_gdelt_export_has_61_columns(db: Path, tmp_path: Path) -> None:
    assert len(GDELT_COLUMNS) == 61
    with Store.open(db, readonly=True) as store:
        (path,) = export(store, "gdelt", tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 61 for row in rows)
    column = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    request = [r for r in rows if r[column["EventRootCode"]] == "10"]
    # One row per happening: the two reports of the request are one row.
    assert len(request) == 1
    row = request[0]
    assert row[column["Actor1CountryCode"]] == "CAN"
    assert row[column["Actor2CountryCode"]] == "DNK"
    assert row[column["QuadClass"]] == "3"
    assert row[column["NumMentions"]] == "2" and row[column["NumArticles"]] == "2"
    assert row[column["SQLDATE"]] == "20250304"
    assert row[column["SOURCEURL"]].startswith("https://example.org/")
    # Negated events are not exported.
    assert not [r for r in rows if r[column["EventRootCode"]] == "18"]


def test_gdelt_export_refuses_other_tables(db: Path, tmp_path: Path) -> None:
    with Store.open(db, readonly=True) as store, pytest.raises(NewsgraphError) as err:
        export(store, "gdelt", tmp_path, tables=["quotes"])
    assert err.value.code.name == "E561"


def test_events_export_fields_are_filled(db: Path, tmp_path: Path) -> None:
    import json

    with Store.open(db, readonly=True) as store:
        (path,) = export(store, "jsonl", tmp_path, tables=["events"])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    request = next(r for r in rows if r["type"] == "REQUEST")
    assert request["source_country"] == "CAN" and request["score"] is not None
    assert request["negated"] is False and request["trigger"]


def test_show_marks_events_and_cli_lists_them(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", str(db), "--type", "REQUEST"])
    assert result.exit_code == 0, result.output
    assert "Canada" in result.output and "2/2" in result.output
    bad = runner.invoke(app, ["events", "--db", str(db), "--type", "PARADE"])
    assert bad.exit_code == 1 and "E560" in bad.output
    with Store.open(db, readonly=True) as store:
        detail = get_article(store, article_id(TEXTS[0][0]))
    shown = runner.invoke(app, ["show", detail.article.id, "--db", str(db), "--plain"])
    assert "event REQUEST" in shown.output and "CAN→DNK" in shown.output


def test_gdelt_puts_bodies_and_regions_in_the_group_column() -> None:
    from newsgraph.store.gdelt import _actor

    region = _actor("Western governments", "WST", "GOV")
    assert region[:4] == ["WSTGOV", "WESTERN GOVERNMENTS", "", "WST"]
    militant = _actor("a militant network", "IMG", "REB")
    assert militant[2:4] == ["", "IMG"]
    nation = _actor("Chilean police", "CHL", "COP")
    assert nation[:4] == ["CHLCOP", "CHILEAN POLICE", "CHL", ""]
