"""HTML reader: trafilatura extraction, metadata and the date policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.ingest.base import IngestOptions
from newsgraph.ingest.html import extract_html, html_to_text, read_html
from newsgraph.records import Article, Failure

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")  # lxml, inside trafilatura


def _read(name: str, options: IngestOptions | None = None) -> Article | Failure:
    text = (FIXTURES / name).read_text("utf-8")
    [item] = list(read_html(text, origin=name, options=options or IngestOptions()))
    return item


def test_article_text_title_date_url_and_site() -> None:
    art = _read("article.html")
    assert isinstance(art, Article)
    lines = art.text.splitlines()
    assert "Negotiators from Bolivia and Paraguay resumed border talks in Geneva" in art.text
    assert any(line.startswith('"We are closer than we have ever been,"') for line in lines)
    # Boilerplate is gone; paragraphs stay one per line.
    assert "Subscribe" not in art.text and "Copyright" not in art.text
    assert len(lines) >= 3
    assert art.title == "Border talks resume in Geneva"
    assert art.published == "2025-05-12"
    assert art.url == "https://alpine-courier.example/geneva-talks"
    assert art.source == "Alpine Courier"
    assert art.origin == "article.html"


def test_source_option_wins_over_site_name() -> None:
    art = _read("article.html", IngestOptions(source="Desk"))
    assert isinstance(art, Article) and art.source == "Desk"


def test_page_date_wins_over_fallback() -> None:
    art = _read("article.html", IngestOptions(published="2020-01-01"))
    assert isinstance(art, Article) and art.published == "2025-05-12"


def test_no_date_guessed_from_body_text() -> None:
    # "Updated 12 March 2024" in the body must not become the date.
    art = _read("undated.html")
    assert isinstance(art, Article)
    assert art.published is None
    assert art.published_raw is None


def test_fallback_date_when_page_has_none() -> None:
    art = _read("undated.html", IngestOptions(published="2025-02-03"))
    assert isinstance(art, Article) and art.published == "2025-02-03"


@pytest.mark.parametrize(
    "html",
    [
        (FIXTURES / "boilerplate_only.html").read_text("utf-8"),
        "<html><body></body></html>",
        "<<<>>>",
    ],
    ids=["scripts-only", "empty-body", "not-html"],
)
def test_no_text_is_e108(html: str) -> None:
    [fail] = list(read_html(html, origin="bad.html", options=IngestOptions()))
    assert isinstance(fail, Failure)
    assert fail.code == "E108"
    assert fail.where == "bad.html"
    assert fail.message.startswith("bad.html: [E108]")


def test_extract_html_accepts_bytes() -> None:
    page = extract_html((FIXTURES / "article.html").read_bytes())
    assert page is not None and page.title == "Border talks resume in Geneva"


def test_html_to_text_keeps_blocks_on_lines() -> None:
    fragment = "<p>One\n  two &amp; three</p><ul><li>a</li><li>b<br>c</li></ul><script>x()</script>"
    assert html_to_text(fragment) == "One two & three\na\nb\nc"
