"""WARC reader: HTML responses become articles, the rest is skipped, bad records fail."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest.base import IngestOptions
from newsgraph.ingest.warc import read_warc
from newsgraph.records import Article, Failure

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")  # lxml, inside trafilatura

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
DATED = (FIXTURES / "article.html").read_text("utf-8")
UNDATED = (FIXTURES / "undated.html").read_text("utf-8")


def _response(
    writer: WARCWriter,
    uri: str,
    body: bytes,
    *,
    mime: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    date: str = "2025-10-11T02:14:09Z",
) -> None:
    http = StatusAndHeaders(status, [("Content-Type", mime)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(record)


def make_warc(*, gzip: bool = True) -> bytes:
    """Return a WARC with warcinfo, request, HTML, non-HTML and 404 records."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("t.warc", {"software": "tests"}))
    _response(writer, "https://a.example/dated", DATED.encode())
    request = writer.create_warc_record(
        "https://a.example/dated",
        "request",
        payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(
            "GET /dated HTTP/1.1", [("Host", "a.example")], is_http_request=True
        ),
    )
    writer.write_record(request)
    _response(writer, "https://a.example/robots.txt", b"User-agent: *\n", mime="text/plain")
    _response(writer, "https://a.example/gone", DATED.encode(), status="404 Not Found")
    _response(
        writer,
        "https://a.example/undated",
        UNDATED.encode("cp1252"),
        mime="text/html; charset=windows-1252",
        date="2025-10-12T00:00:00Z",
    )
    return buf.getvalue()


def _read(data: bytes, options: IngestOptions | None = None) -> list[Article | Failure]:
    return list(read_warc(io.BytesIO(data), origin="c.warc.gz", options=options or IngestOptions()))


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_only(gzip: bool) -> None:
    items = _read(make_warc(gzip=gzip))
    assert all(isinstance(i, Article) for i in items), items
    assert [i.url for i in items if isinstance(i, Article)] == [
        "https://a.example/dated",
        "https://a.example/undated",
    ]


def test_url_crawl_date_and_publication_date() -> None:
    dated, undated = _read(make_warc(), IngestOptions(published="2025-01-01"))
    assert isinstance(dated, Article) and isinstance(undated, Article)
    assert dated.published == "2025-05-12"  # from the page
    assert dated.meta["crawl_date"] == "2025-10-11T02:14:09Z"
    assert dated.origin == "c.warc.gz:record 2"
    assert dated.title == "Border talks resume in Geneva"
    # No date in the page: the fallback, never the crawl date.
    assert undated.published == "2025-01-01"
    assert undated.meta["crawl_date"] == "2025-10-12T00:00:00Z"
    assert "WARC-Record-ID" not in undated.meta and "warc_record_id" in undated.meta


def test_undated_page_without_fallback_has_no_date() -> None:
    undated = _read(make_warc())[1]
    assert isinstance(undated, Article) and undated.published is None


def test_declared_charset_is_used() -> None:
    html = (
        "<html><body><article><p>Señora Núñez met the café owners in Málaga on Friday, "
        "officials said.</p></article></body></html>"
    )
    buf = io.BytesIO()
    _response(
        WARCWriter(buf, gzip=False),
        "https://a.example/es",
        html.encode("latin-1"),
        mime="text/html; charset=iso-8859-1",
    )
    [art] = _read(buf.getvalue())
    assert isinstance(art, Article) and "Señora Núñez" in art.text


def test_html_without_text_is_e108_and_reading_goes_on() -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    _response(writer, "https://a.example/empty", b"<html><body></body></html>")
    _response(writer, "https://a.example/dated", DATED.encode())
    fail, art = _read(buf.getvalue())
    assert isinstance(fail, Failure) and fail.code == "E108"
    assert fail.where == "c.warc.gz:record 1"
    assert isinstance(art, Article)


@pytest.mark.parametrize(
    "tail",
    [
        b"GARBAGE LINE HERE\r\n\r\n",
        b"WARC/1.0\r\nWARC-Type: response\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: 20\r\n\r\n"
        b"NOT HTTP AT ALL!!!!!\r\n\r\n",
    ],
    ids=["bad-header", "bad-http-block"],
)
def test_malformed_record_is_e110_after_good_ones(tail: bytes) -> None:
    items = _read(make_warc(gzip=False) + tail)
    assert sum(isinstance(i, Article) for i in items) == 2
    fail = items[-1]
    assert isinstance(fail, Failure)
    assert fail.code == "E110"
    assert fail.where == "c.warc.gz:record 7"
    assert fail.message.startswith("c.warc.gz:record 7: [E110] bad WARC record:")
    assert "\n" not in fail.message


def test_corrupt_gzip_member_stops_with_e110() -> None:
    data = make_warc(gzip=True)
    cut = len(data) // 2
    items = _read(data[:cut] + b"\x00" * 64 + data[cut + 64 :])
    assert isinstance(items[-1], Failure) and items[-1].code == "E110"
    assert all(c.isprintable() for c in items[-1].message)


def test_record_without_type_is_e110() -> None:
    [fail] = _read(b"WARC/1.0\r\nnot a header line\r\n\r\n")
    assert isinstance(fail, Failure) and fail.code == "E110"
    assert "no WARC-Type" in fail.message


def test_not_a_warc_is_e110_at_record_1() -> None:
    [fail] = _read(b"this is not a WARC file\n")
    assert isinstance(fail, Failure)
    assert fail.code == "E110" and fail.where == "c.warc.gz:record 1"


def test_truncated_file_fails_the_cut_record_and_keeps_earlier_ones() -> None:
    data = make_warc(gzip=True)
    items = _read(data[: len(data) - 200])
    assert isinstance(items[0], Article)
    last = items[-1]
    assert isinstance(last, Failure) and last.code == "E110"
    assert "cut short" in last.message


def test_sample_crawl_file() -> None:
    path = Path(__file__).parents[2] / "examples" / "crawl.warc.gz"
    with path.open("rb") as fh:
        items = list(read_warc(fh, origin=str(path), options=IngestOptions()))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
