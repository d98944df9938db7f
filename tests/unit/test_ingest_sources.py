"""The ingest entry point: paths, folders, stdin, gzip, sniffing, encodings, bad files."""

from __future__ import annotations

import gzip
import io
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.ingest import IngestOptions, detect_format, read_inputs, sources
from newsgraph.records import Article, Failure

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning")  # lxml, inside trafilatura

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
EXAMPLES = Path(__file__).parents[2] / "examples"

WalkEntry = tuple[str, list[str], list[str]]
JSONL = (
    b'{"title": "A", "text": "Ministers met in Vienna."}\n{"title": "B", "text": "Talks ended."}\n'
)
RSS = (FIXTURES / "feed_rss.xml").read_bytes()
HTML = (FIXTURES / "article.html").read_bytes()
PLAIN = b"Ministers met in Vienna on Monday, officials said.\n"


def _run(
    paths: list[str], options: IngestOptions | None = None, *, stdin: BinaryIO | None = None
) -> list[Article | Failure]:
    return list(read_inputs(paths, options or IngestOptions(segment=False), stdin=stdin))


def _only_failure(items: list[Article | Failure]) -> Failure:
    assert len(items) == 1, items
    [item] = items
    assert isinstance(item, Failure), item
    return item


def _write(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def _warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://a.example/p", "response", payload=io.BytesIO(HTML), http_headers=http
    )
    writer.write_record(record)
    return buf.getvalue()


# --- format detection ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b'{"text": "json in a .txt stays text"}', "text"),
        ("a.jsonl", b"", "jsonl"),
        ("a.ndjson", b"", "jsonl"),
        ("a.JSON", b"", "jsonl"),
        ("a.htm", b"", "html"),
        ("a.rss", b"", "feed"),
        ("a.atom", b"", "feed"),
        ("a.xml", b"", "feed"),
        ("a.warc", b"", "warc"),
        ("a.warc.gz", b"WARC/1.0\r\n", "warc"),
        ("a.jsonl.gz", b"", "jsonl"),
        ("noext", b'  {"text": "x"}\n', "jsonl"),
        ("noext", b'[\n  {"text": "x"}\n]', "jsonl"),
        ("noext", b"[citation needed] is text", "text"),
        ("noext", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("noext", b'<?xml version="1.0"?><!-- c --><feed xmlns="x">', "feed"),
        ("noext", b"<rdf:RDF xmlns:rdf='x'>", "feed"),
        ("noext", b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        ("noext", b"<html><head>", "html"),
        ("noext", b"<!-- saved page --><HTML>", "html"),
        ("page.php", b"<body><p>x</p>", "html"),
        ("noext", b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
        ("noext", b"<p>A fragment is not a page</p>", "text"),
        ("noext", b"Plain words.", "text"),
        ("", b"Plain words.", "text"),
    ],
)
def test_detect_format(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


# --- files, folders, stdin -----------------------------------------------------


def test_every_format_by_extension_and_order_across_files(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path / "a.txt", PLAIN),
        _write(tmp_path / "b.jsonl", JSONL),
        _write(tmp_path / "c.html", HTML),
        _write(tmp_path / "d.xml", RSS),
        _write(tmp_path / "e.warc.gz", _warc_bytes()),
    ]
    items = _run(paths)
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.order for a in arts] == list(range(len(arts)))
    origins = [a.origin for a in arts]
    assert origins[:3] == [paths[0], f"{paths[1]}:1", f"{paths[1]}:2"]
    assert origins[3] == paths[2]
    assert origins[4].startswith(f"{paths[3]}:record 1")
    assert origins[-1] == f"{paths[4]}:record 1"
    # the feed's headline-only item is the one failure; its article order is not consumed
    fails = [i for i in items if isinstance(i, Failure)]
    assert [f.where for f in fails] == [f"{paths[3]}:record 3"]


def test_folder_is_recursive_sorted_and_skips_hidden_and_folder_docs(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", b"Second file.")
    _write(tmp_path / "a" / "z.txt", b"In a subfolder.")
    _write(tmp_path / "a.txt", b"First file.")
    _write(tmp_path / "c", b"No extension: sniffed as text.")
    _write(tmp_path / "d.md", b"Markdown is text.")
    _write(tmp_path / ".hidden.txt", b"Hidden file.")
    _write(tmp_path / ".git" / "x.txt", b"Hidden folder.")
    _write(tmp_path / "README.md", b"About this folder.")
    _write(tmp_path / "LICENSE", b"Licence text.")
    _write(tmp_path / "make_corpus.py", b"print('no')")
    _write(tmp_path / "newsgraph.db", b"SQLite format 3\x00")
    _write(tmp_path / "newsgraph.db-wal", b"\x00\x01")
    items = _run([str(tmp_path)])
    assert all(isinstance(a, Article) for a in items)
    names = [os.path.relpath(a.origin, tmp_path) for a in items if isinstance(a, Article)]
    assert names == [os.path.join("a", "z.txt"), "a.txt", "b.txt", "c", "d.md"]
    assert [a.order for a in items if isinstance(a, Article)] == [0, 1, 2, 3, 4]


def test_folder_reports_binary_files_rather_than_dropping_them(tmp_path: Path) -> None:
    blob = _write(tmp_path / "blob.bin", bytes(range(256)) * 4)
    _write(tmp_path / "ok.txt", PLAIN)
    items = _run([str(tmp_path)])
    assert [type(i).__name__ for i in items] == ["Failure", "Article"]
    assert isinstance(items[0], Failure) and items[0].where == blob


def test_unreadable_subfolder_is_e102(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "ok.txt", PLAIN)
    real_walk = os.walk
    locked = str(tmp_path / "locked")

    def walk(top: str, onerror: Callable[[OSError], None]) -> Iterator[WalkEntry]:
        # Tests may run as root, which chmod cannot lock out.
        onerror(PermissionError(13, "Permission denied", locked))
        yield from real_walk(top)

    monkeypatch.setattr(os, "walk", walk)
    fail, art = _run([str(tmp_path)])
    assert isinstance(fail, Failure) and fail.code == "E102"
    assert fail.message == f"{locked}: [E102] cannot read file: Permission denied"
    assert isinstance(art, Article)


def test_named_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    [art] = _run([_write(tmp_path / "notes.md", PLAIN)])
    assert isinstance(art, Article)


@pytest.mark.parametrize(
    ("data", "count"),
    [(JSONL, 2), (PLAIN, 1), (gzip.compress(JSONL), 2), (HTML, 1), (RSS, 3), (b"", 1)],
    ids=["jsonl", "text", "gzip", "html", "feed", "empty"],
)
def test_stdin_is_sniffed(data: bytes, count: int) -> None:
    items = _run(["-"], stdin=io.BytesIO(data))
    assert len(items) == count
    assert all(
        (i.origin if isinstance(i, Article) else i.where).startswith("<stdin>") for i in items
    )


def test_stdin_warc() -> None:
    [art] = _run(["-"], stdin=io.BytesIO(_warc_bytes()))
    assert isinstance(art, Article) and art.origin == "<stdin>:record 1"


def test_stdin_and_files_share_one_order(tmp_path: Path) -> None:
    items = _run([_write(tmp_path / "a.txt", PLAIN), "-"], stdin=io.BytesIO(JSONL))
    assert [i.order for i in items if isinstance(i, Article)] == [0, 1, 2]


@pytest.mark.skipif(not Path("/dev/fd").exists(), reason="needs /dev/fd")
def test_pipe_path_is_read_once(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, JSONL)
    os.close(write_end)
    try:
        items = _run([f"/dev/fd/{read_end}"])
    finally:
        os.close(read_end)
    assert [type(i).__name__ for i in items] == ["Article", "Article"]


# --- gzip ----------------------------------------------------------------------


def test_gzip_by_magic_with_inner_extension(tmp_path: Path) -> None:
    items = _run([_write(tmp_path / "r.jsonl.gz", gzip.compress(JSONL))])
    assert [type(i).__name__ for i in items] == ["Article", "Article"]


def test_gzip_without_gz_name_is_sniffed(tmp_path: Path) -> None:
    items = _run([_write(tmp_path / "dump", gzip.compress(JSONL))])
    assert [type(i).__name__ for i in items] == ["Article", "Article"]


def test_bad_gzip_is_e112(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.txt.gz", b"\x1f\x8b" + b"\xff" * 40)
    fail = _only_failure(_run([path]))
    assert fail.code == "E112"
    assert fail.where == path and path in fail.message


def test_truncated_gzip_is_e112(tmp_path: Path) -> None:
    data = gzip.compress(PLAIN * 200)
    path = _write(tmp_path / "cut.txt.gz", data[: len(data) // 2])
    fail = _only_failure(_run([path]))
    assert fail.code == "E112" and path in fail.message
    assert "cut short" in fail.message


def test_empty_gzip_is_e105(tmp_path: Path) -> None:
    fail = _only_failure(_run([_write(tmp_path / "e.txt.gz", gzip.compress(b""))]))
    assert fail.code == "E105"


# --- encodings -----------------------------------------------------------------


def test_utf8_bom_and_utf16_are_read(tmp_path: Path) -> None:
    text = "Señora Núñez met officials in Málaga on Friday."
    a = _write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    b = _write(tmp_path / "u16.txt", text.encode("utf-16"))
    arts = _run([a, b])
    assert [x.text for x in arts if isinstance(x, Article)] == [text, text]


def test_windows_1252_fallback_when_it_looks_right(tmp_path: Path) -> None:
    text = "Café owners in Málaga said the “new rules” would cost €2,000 – at least."
    [art] = _run([_write(tmp_path / "w.txt", text.encode("cp1252"))])
    assert isinstance(art, Article) and art.text == text


@pytest.mark.parametrize(
    "data",
    [
        "東京で首脳会談が開かれた。".encode("shift_jis"),  # undefined cp1252 bytes
        "Министры встретились в Москве в понедельник.".encode("koi8_r"),  # mostly high bytes
    ],
    ids=["shift-jis", "koi8-r"],
)
def test_undecodable_text_is_e104(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path / "enc.txt", data)
    fail = _only_failure(_run([path]))
    assert fail.code == "E104"
    assert fail.message.startswith(f"{path}: [E104] cannot decode text: not UTF-8")


def test_valid_utf8_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>t</title></head><body><article>'
        "<p>Señora Núñez met the café owners in Málaga on Friday, officials said.</p>"
        "</article></body></html>"
    ).encode()
    [art] = _run([_write(tmp_path / "p.html", page)])
    assert isinstance(art, Article) and "Señora Núñez" in art.text


def test_declared_encoding_of_a_feed_is_honoured(tmp_path: Path) -> None:
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Café</title>'
        "<item><title>Niño</title><description>Señor Peña spoke in Bogotá.</description></item>"
        "</channel></rss>"
    ).encode("latin-1")
    [art] = _run([_write(tmp_path / "f.xml", feed)])
    assert isinstance(art, Article)
    assert art.text == "Señor Peña spoke in Bogotá." and art.source == "Café"


# --- bad inputs ------------------------------------------------------------------


def test_missing_path_is_e101_and_reading_goes_on(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    items = _run([missing, _write(tmp_path / "ok.txt", PLAIN)])
    fail = items[0]
    assert isinstance(fail, Failure) and fail.code == "E101"
    assert fail.message == f"{missing}: [E101] file not found"
    assert isinstance(items[1], Article) and items[1].order == 0


def test_dangling_symlink_is_e101(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert _only_failure(_run([str(link)])).code == "E101"


def test_unreadable_file_is_e102(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "locked.txt", PLAIN)

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, which chmod cannot lock out.
    monkeypatch.setattr(sources, "open", deny, raising=False)
    fail = _only_failure(_run([path]))
    assert fail.code == "E102"
    assert fail.message == f"{path}: [E102] cannot read file: Permission denied"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 4, b"\x01\x02\x03\x04\x05\x06\x07\x08" * 64 + b"text"],
    ids=["nul-bytes", "control-bytes"],
)
def test_binary_is_e103(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path / "blob.txt", data)
    fail = _only_failure(_run([path]))
    assert fail.code == "E103"
    assert fail.message == f"{path}: [E103] not text: file looks binary"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"BZh91AY&SY", "bzip2"),
    ],
)
def test_known_foreign_formats_are_e111(tmp_path: Path, data: bytes, what: str) -> None:
    path = _write(tmp_path / "file.bin", data)
    fail = _only_failure(_run([path]))
    assert fail.code == "E111"
    assert what in fail.message and path in fail.message


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"], ids=["empty", "blank"])
def test_empty_file_is_e105(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path / "empty.txt", data)
    fail = _only_failure(_run([path]))
    assert fail.code == "E105" and fail.where == path


def test_broken_json_line_in_the_middle(tmp_path: Path) -> None:
    data = b'{"text": "one"}\n{"text": \n{"text": "three"}\n'
    path = _write(tmp_path / "r.jsonl", data)
    items = _run([path])
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    fail = items[1]
    assert isinstance(fail, Failure) and fail.code == "E106" and fail.where == f"{path}:2"
    assert [i.order for i in items if isinstance(i, Article)] == [0, 1]


def test_malformed_html_and_feed_and_warc(tmp_path: Path) -> None:
    html = _write(tmp_path / "bad.html", b"<html><body><script>x()</script></body></html>")
    feed = _write(tmp_path / "bad.rss", b"<rss><channel><<<>>></channel></rss>")
    warc = _write(tmp_path / "bad.warc", b"WARC/1.0\r\nnot a header line at all\r\n\r\n")
    codes = [(i.code, i.where) for i in _run([html, feed, warc]) if isinstance(i, Failure)]
    assert codes == [("E108", html), ("E109", feed), ("E110", f"{warc}:record 1")]


def test_format_option_overrides_detection(tmp_path: Path) -> None:
    path = _write(tmp_path / "actually.txt", JSONL)
    assert len(_run([path])) == 1  # .txt: read as one text article
    items = _run([path], IngestOptions(segment=False, format="jsonl"))
    assert [i.title for i in items if isinstance(i, Article)] == ["A", "B"]


def test_unknown_format_option_raises_e111() -> None:
    with pytest.raises(NewsgraphError) as info:
        _run(["-"], IngestOptions(format="docx"), stdin=io.BytesIO(PLAIN))
    assert info.value.code.name == "E111"


# --- the sample corpus and the date policy ----------------------------------------


def test_sample_corpus_reads_cleanly(tmp_path: Path) -> None:
    corpus = tmp_path / "examples"
    shutil.copytree(EXAMPLES, corpus)
    items = _run([str(corpus)], IngestOptions())
    fails = [i for i in items if isinstance(i, Failure)]
    arts = [i for i in items if isinstance(i, Article)]
    assert fails == []
    assert len(arts) == 11
    assert {Path(a.origin.split(":")[0]).name for a in arts} == {
        "briefs.jsonl",
        "crawl.warc.gz",
        "feed.xml",
        "page.html",
        "wire.txt",
    }
    assert len({a.id for a in arts}) == 11


def test_date_policy_never_today(tmp_path: Path) -> None:
    today = date.today().isoformat()
    arts = [i for i in _run([str(EXAMPLES)], IngestOptions()) if isinstance(i, Article)]
    assert all(not (a.published or "").startswith(today) for a in arts)
    undated = [a for a in arts if a.published is None]
    assert {Path(a.origin.split(":")[0]).name for a in undated} == {"wire.txt", "crawl.warc.gz"}
    with_fallback = [
        i
        for i in _run([str(EXAMPLES)], IngestOptions(published="2025-10-01"))
        if isinstance(i, Article)
    ]
    assert all(a.published for a in with_fallback)
    by_origin = {a.origin: a.published for a in with_fallback}
    assert by_origin[str(EXAMPLES / "briefs.jsonl") + ":1"] == "2025-10-07T16:20:00+02:00"


def test_source_option_labels_unlabelled_records(tmp_path: Path) -> None:
    arts = [
        i for i in _run([str(EXAMPLES)], IngestOptions(source="Desk")) if isinstance(i, Article)
    ]
    by_file: dict[str, set[str | None]] = {}
    for a in arts:
        by_file.setdefault(Path(a.origin.split(":")[0]).name, set()).add(a.source)
    assert by_file["wire.txt"] == {"Desk"}
    assert by_file["feed.xml"] == {"Desk"}
    assert by_file["briefs.jsonl"] == {"Iberia Daily", "Continental Times", "Sahel Monitor"}
