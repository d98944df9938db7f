"""Quotes in the store: list_quotes filters, quote-text search, the CLI command (#3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import NewsgraphError
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Entity, Quote
from newsgraph.store import Store, list_quotes

from tests.builders import make_article

pytestmark = pytest.mark.issue(3)

TEXT = (
    "“The border stays open,” Ana Vidal told Tomas Brenner. "
    "Brenner said that Austria would close its ports."
)


def _quote(aid: str, words: str, **fields: object) -> Quote:
    start = TEXT.index(words)
    end = start + len(words)
    return Quote(
        id=span_id("quote", aid, start, end),
        article_id=aid,
        text=words,
        start=start,
        end=end,
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    article = make_article(TEXT, title="Border row")
    aid = article.id
    vidal = Entity(id="e1", name="Ana Vidal", type="PERSON")
    brenner = Entity(id="e2", name="Tomas Brenner", type="PERSON", aliases=("Brenner",))
    austria = Entity(id="e3", name="Austria", type="GPE")
    doc = AnalysedArticle(
        article=article,
        entities=(vidal, brenner, austria),
        quotes=(
            _quote(
                aid,
                "The border stays open,",
                kind="direct",
                cue="told",
                speaker="Ana Vidal",
                speaker_entity_id="e1",
                addressee="Tomas Brenner",
                addressee_entity_id="e2",
                confidence=0.9,
            ),
            _quote(
                aid,
                "that Austria would close its ports",
                kind="indirect",
                cue="said",
                speaker="Tomas Brenner",
                speaker_entity_id="e2",
                targets=("Austria",),
                target_entity_ids=("e3",),
                confidence=0.8,
            ),
        ),
    )
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        store.write_batch([doc], pipeline="test")
    return path


def test_filters(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        assert len(list_quotes(store)) == 2
        assert [q.speaker for q in list_quotes(store, speaker="brenner")] == ["Tomas Brenner"]
        assert [q.kind for q in list_quotes(store, kind="direct")] == ["direct"]
        about = list_quotes(store, about="Austria")
        assert [q.targets for q in about] == [("Austria",)]
        assert list_quotes(store, text="border open")[0].addressee == "Tomas Brenner"
        assert list_quotes(store, text="ports")[0].speaker == "Tomas Brenner"
        assert list_quotes(store, speaker="nobody") == []
        assert list_quotes(store, speaker="50%_") == []  # wildcards are literal


def test_unknown_kind_is_a_coded_error(db: Path) -> None:
    with Store.open(db, readonly=True) as store, pytest.raises(NewsgraphError) as info:
        list_quotes(store, kind="paraphrase")
    assert info.value.code.name == "E540"


def test_cli_quotes_command(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Vidal", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["speaker"], r["addressee"], r["kind"]) for r in rows] == [
        ("Ana Vidal", "Tomas Brenner", "direct")
    ]
    table = runner.invoke(app, ["quotes", "--db", str(db), "--about", "Austria"])
    assert table.exit_code == 0 and "Brenner" in table.stdout
    bad = runner.invoke(app, ["quotes", "--db", str(db), "--kind", "x"])
    assert bad.exit_code == 1 and "E540" in bad.output


def test_show_marks_quotes_with_their_speaker(db: Path) -> None:
    with Store.open(db, readonly=True) as store:
        (aid,) = {q.article_id for q in list_quotes(store)}
    result = CliRunner().invoke(app, ["show", aid, "--db", str(db), "--plain"])
    assert result.exit_code == 0
    assert "[The border stays open,]{quote Ana Vidal}" in result.stdout
