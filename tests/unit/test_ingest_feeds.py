"""RSS/Atom reader: entries, content choice, feed title as source, broken feeds."""

from __future__ import annotations

from pathlib import Path

from newsgraph.ingest.base import IngestOptions
from newsgraph.ingest.feeds import read_feed
from newsgraph.records import Article, Failure

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def _read(name: str, options: IngestOptions | None = None) -> list[Article | Failure]:
    text = (FIXTURES / name).read_text("utf-8")
    return list(read_feed(text, origin=name, options=options or IngestOptions()))


def test_rss_full_content_preferred_and_html_stripped() -> None:
    first = _read("feed_rss.xml")[0]
    assert isinstance(first, Article)
    assert first.text == (
        "The port of Gdańsk will add two berths, officials said.\n"
        "Work starts next year & ends in 2028."
    )
    assert first.title == "Port of Gdańsk expands"
    assert first.url == "https://harbour.example/gdansk"
    assert first.published == "2025-10-07T14:03:00+02:00"  # RFC-822 parsed
    assert first.origin == "feed_rss.xml:record 1"
    assert first.meta == {"source_id": "hg-1", "author": "desk@harbour.example (Ola Nowak)"}


def test_feed_title_is_source_unless_option_given() -> None:
    first = _read("feed_rss.xml")[0]
    assert isinstance(first, Article) and first.source == "Harbour Gazette & Friends"
    labelled = _read("feed_rss.xml", IngestOptions(source="My label"))[0]
    assert isinstance(labelled, Article) and labelled.source == "My label"


def test_summary_used_when_no_content_and_bad_date_kept_raw() -> None:
    second = _read("feed_rss.xml", IngestOptions(published="2025-10-01"))[1]
    assert isinstance(second, Article)
    assert second.text == "First para.\nSecond para."
    assert second.published_raw == "sometime last week"
    assert second.published == "2025-10-01"


def test_entry_without_text_is_a_failure_naming_the_record() -> None:
    third = _read("feed_rss.xml")[2]
    assert isinstance(third, Failure)
    assert third.code == "E109"
    assert third.where == "feed_rss.xml:record 3"
    assert third.message.startswith("feed_rss.xml:record 3: [E109]")


def test_atom_entries() -> None:
    first, second = _read("feed_atom.xml")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Vienna talks open"  # HTML title stripped
    assert first.published == "2025-06-01T09:30:00+02:00"  # published beats updated
    assert first.source == "Danube Dispatch"
    assert second.text == "A plain text body with a 3 < 4 comparison."
    assert second.published == "2025-06-03T08:00:00+00:00"  # only <updated>


def test_broken_feed_is_e109() -> None:
    [fail] = _read("broken_feed.xml")
    assert isinstance(fail, Failure)
    assert fail.code == "E109"
    assert fail.where == "broken_feed.xml"
    assert fail.message.startswith("broken_feed.xml: [E109] cannot parse feed:")


def test_feed_without_entries_is_empty() -> None:
    [fail] = list(
        read_feed("<rss><channel></channel></rss>", origin="e.xml", options=IngestOptions())
    )
    assert isinstance(fail, Failure) and fail.code == "E105"


def test_text_that_names_a_file_is_not_opened() -> None:
    # Given a string, feedparser opens it if it names a file (or fetches a URL).
    text = str(FIXTURES / "feed_rss.xml")
    [fail] = list(read_feed(text, origin="u", options=IngestOptions()))
    assert isinstance(fail, Failure) and fail.code == "E109"
