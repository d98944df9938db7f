"""Plain-text reader: one article, several pasted articles, the date policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest import text as text_module
from newsgraph.ingest.base import IngestOptions
from newsgraph.ingest.text import read_text
from newsgraph.records import Article, Failure

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
EXAMPLES = Path(__file__).parents[2] / "examples"


def _fake_split(text: str) -> list[tuple[str, str | None]]:
    """Split at lines starting with '## ', whose rest is the title (a stand-in segmenter)."""
    pieces: list[tuple[str, str | None]] = []
    for block in text.split("## ")[1:]:
        title, _, _ = block.partition("\n")
        pieces.append((block, title.strip()))
    return pieces or [(text, None)]


@pytest.fixture
def fake_segmenter(monkeypatch: pytest.MonkeyPatch) -> None:
    # The reader is tested apart from the real segmenter's judgement.
    monkeypatch.setattr(text_module, "split_articles", _fake_split)


def _articles(items: list[Article | Failure]) -> list[Article]:
    assert all(isinstance(i, Article) for i in items), items
    return [i for i in items if isinstance(i, Article)]


def test_one_article_without_segmenting() -> None:
    body = (FIXTURES / "single.txt").read_text("utf-8")
    [art] = _articles(
        list(read_text(body, origin="single.txt", options=IngestOptions(segment=False)))
    )
    assert art.text.startswith("Lisbon hosts Atlantic fisheries summit\nMinisters from")
    assert art.title is None
    assert art.origin == "single.txt"
    assert art.published is None and art.published_raw is None


@pytest.mark.usefixtures("fake_segmenter")
def test_segmented_articles_get_titles_and_record_origins() -> None:
    body = "## First story\nIt began in Rome.\n## Second story\nIt ended in Turin.\n"
    arts = _articles(list(read_text(body, origin="p.txt", options=IngestOptions())))
    assert [a.title for a in arts] == ["First story", "Second story"]
    assert [a.origin for a in arts] == ["p.txt:record 1", "p.txt:record 2"]
    assert arts[1].text == "Second story\nIt ended in Turin."


def test_segmenter_sees_normalised_line_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def spy(text: str) -> list[tuple[str, str | None]]:
        seen.append(text)
        return [(text, None)]

    monkeypatch.setattr(text_module, "split_articles", spy)
    body = "Harbour strike ends in Porto\r\nDock workers ended a strike on Friday.\r\n"
    [art] = _articles(list(read_text(body, origin="crlf.txt", options=IngestOptions())))
    assert "\r" not in seen[0]
    assert art.text.splitlines()[0] == "Harbour strike ends in Porto"


def test_published_fallback_and_source_label() -> None:
    opts = IngestOptions(segment=False, published="2025-10-07", source="Desk")
    [art] = _articles(list(read_text("Talks ended.", origin="t", options=opts)))
    assert art.published == "2025-10-07"
    assert art.source == "Desk"


def test_blank_text_is_empty_input() -> None:
    [fail] = list(read_text(" \n\t\n", origin="blank.txt", options=IngestOptions()))
    assert isinstance(fail, Failure)
    assert fail.code == "E105"
    assert fail.where == "blank.txt"
    assert "blank.txt" in fail.message


def test_ids_are_content_hashes() -> None:
    opts = IngestOptions(segment=False)
    [a] = _articles(list(read_text("Same words here.", origin="a", options=opts)))
    [b] = _articles(list(read_text("Same  words here.\n", origin="b", options=opts)))
    assert a.id == b.id


def test_real_segmenter_splits_the_sample_wire_file() -> None:
    body = (EXAMPLES / "wire.txt").read_text("utf-8")
    arts = _articles(list(read_text(body, origin="wire.txt", options=IngestOptions())))
    assert [a.title for a in arts] == [
        "Spain and Morocco agree to reopen fisheries talks after tense Madrid meeting",
        "Air strike on market in northern Mali kills 12, local officials say",
        "Police arrest 23 after clashes at Belgrade protest over election law",
    ]
