"""Shared ingest helpers: dates, decoding, failures, and the never-raise promise."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.ingest.base import (
    IngestOptions,
    declared_encoding,
    decode_text,
    make_article,
    make_failure,
    parse_date,
)
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.sources import read_inputs
from newsgraph.records import Article, Failure


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-10-09", "2025-10-09"),
        ("2025-10-09T14:03:00Z", "2025-10-09T14:03:00+00:00"),
        ("2025-10-09 14:03", "2025-10-09T14:03:00"),
        ("Tue, 07 Oct 2025 14:03:00 +0200", "2025-10-07T14:03:00+02:00"),
        ("2025-W41", None),  # a week is not a day
        ("20251009", None),  # nor is a bare digit run (often an id)
        ("1696852980", None),
        ("2025", None),
        ("Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw: str | None, expected: str | None) -> None:
    assert parse_date(raw) == expected


def test_make_article_date_policy() -> None:
    opts = IngestOptions(published="2025-01-01")
    assert make_article("x", options=opts, origin="o", published_raw="2025-02-02").published == (
        "2025-02-02"
    )
    kept = make_article("x", options=opts, origin="o", published_raw="next week")
    assert (kept.published, kept.published_raw) == ("2025-01-01", "next week")
    bare = make_article("x", options=IngestOptions(), origin="o")
    assert (bare.published, bare.published_raw) == (None, None)


def test_make_failure_names_where_and_code() -> None:
    fail = make_failure(ErrorCode.E106, "f.jsonl:3", reason="Expecting value")
    assert fail == Failure(
        code="E106",
        message="f.jsonl:3: [E106] bad JSON line: Expecting value",
        where="f.jsonl:3",
        stage="ingest",
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>', "iso8859-1"),
        (b'<html><head><meta charset="windows-1252">', "cp1252"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', "shift_jis"),
        (b'<meta charset="no-such-codec">', None),
        (b"<html><head><title>x</title>", None),
    ],
)
def test_declared_encoding(head: bytes, expected: str | None) -> None:
    assert declared_encoding(head) == expected


def test_decode_text_order() -> None:
    assert decode_text("Málaga".encode()) == "Málaga"
    assert decode_text("Málaga".encode("utf-16")) == "Málaga"
    assert decode_text("Малага".encode("cp1251"), declared="cp1251") == "Малага"
    assert decode_text("Málaga – “x”".encode("cp1252")) == "Málaga – “x”"
    with pytest.raises(NewsgraphError) as info:
        decode_text(b"abc\x00def", where="f.txt")
    assert str(info.value) == "f.txt: [E103] not text: file looks binary"
    with pytest.raises(NewsgraphError) as info:
        decode_text("Малага в понедельник".encode("koi8_r"), where="f.txt")
    assert info.value.code is ErrorCode.E104


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_text_raises_only_coded_errors(data: bytes) -> None:
    try:
        text = decode_text(data)
    except NewsgraphError as exc:
        assert exc.code in (ErrorCode.E103, ErrorCode.E104)
    else:
        assert isinstance(text, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_jsonl_never_raises(text: str) -> None:
    for item in read_jsonl(text, origin="h.jsonl", options=IngestOptions()):
        assert isinstance(item, Article | Failure)


_PREFIXES = [b"", b"\x1f\x8b", b"WARC/1.0\r\n", b"{", b"<rss>", b"<html>", b"\xef\xbb\xbf"]


@pytest.mark.filterwarnings("ignore::FutureWarning")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PREFIXES), st.binary(max_size=200))
def test_read_inputs_never_raises_on_junk(prefix: bytes, data: bytes) -> None:
    items = list(read_inputs(["-"], IngestOptions(segment=False), stdin=io.BytesIO(prefix + data)))
    for item in items:
        assert isinstance(item, Article | Failure)
        if isinstance(item, Failure):
            assert item.message.startswith("<stdin>")
            assert "\n" not in item.message
