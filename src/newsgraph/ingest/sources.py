"""The ingest entry point: turn paths (files, folders, ``-``) into articles and failures.

Format detection goes by extension first (``.gz`` looked through), and
sniffs the first bytes only when the extension is missing or unknown:

- ``WARC/1.`` → warc;
- a first non-blank character ``{``, or ``[`` then ``{`` → jsonl;
- a first element ``<rss``, ``<feed`` or ``<rdf:RDF`` (after any XML prolog,
  comments and doctype) → feed;
- ``<!doctype html``, ``<html``, ``<head`` or ``<body`` → html;
- anything else → text.

Gzip is recognised by its magic bytes, whatever the name. Folders are read
recursively in sorted order, skipping hidden files and folders, README,
LICENSE and CHANGELOG files, and scripts and config files (``.py``, ``.sh``,
``.yaml``...); every other file is read, so a stray binary is reported, not
dropped. A file named on the command line is always read. Bad inputs become
:class:`Failure` records (E101-E112), never exceptions.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.ingest.base import (
    IngestOptions,
    declared_encoding,
    decode_text,
    failure_from,
    make_failure,
)
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.html import read_html
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.ingest.text import read_text
from newsgraph.ingest.warc import read_warc
from newsgraph.records import Article, Failure

__all__ = ["EXTENSIONS", "FORMATS", "detect_format", "read_inputs"]

logger = logging.getLogger(__name__)

FORMATS = ("text", "jsonl", "html", "feed", "warc")

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}

STDIN_NAME = "<stdin>"

# In a folder every other file is read, so that a stray PDF or a broken dump
# is reported rather than silently dropped; but the files that document or
# build a corpus (its README, a generator script) are not news, and neither
# is our own database, which users often write next to their inputs.
_FOLDER_DOC_NAMES = ("readme", "license", "licence", "changelog", "copying")
_FOLDER_SKIP_EXTENSIONS = frozenset(
    {
        *(".py", ".pyc", ".sh", ".ipynb", ".js", ".css"),
        *(".toml", ".yaml", ".yml", ".cfg", ".ini"),
        *(".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".sqlite3"),
    }
)
_SNIFF_BYTES = 4096
_GZIP_MAGIC = b"\x1f\x8b"

# Formats we recognise but do not read, so the message can say what to do.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document; convert it to text first"),
    (b"PK\x03\x04", "a ZIP archive (zip, docx, epub); extract or convert it first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "bzip2-compressed; decompress it or recompress with gzip"),
    (b"\xfd7zXZ\x00", "xz-compressed; decompress it or recompress with gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed; decompress it or recompress with gzip"),
)

_FIRST_ELEMENT = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!doctype[^>]*>|<\?[^>]*\?>)\s*)*<([A-Za-z][\w:.-]*)",
    re.I | re.S,
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
_HTML_ROOTS = frozenset({"html", "head", "body"})

_TextReader = Callable[..., Iterator[Article | Failure]]
_TEXT_READERS: dict[str, _TextReader] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "html": read_html,
    "feed": read_feed,
}


def detect_format(path: str, head: bytes) -> str:
    """Return the format of ``path`` from its extension, else by sniffing ``head``.

    ``head`` is the first bytes of the (decompressed) content; a ``.gz``
    suffix on ``path`` is looked through. Returns one of :data:`FORMATS`.
    """
    name = os.path.basename(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    fmt = EXTENSIONS.get(os.path.splitext(name)[1])
    return fmt if fmt is not None else _sniff(head)


def _sniff(head: bytes) -> str:
    if head.startswith(b"WARC/1."):
        return "warc"
    text = head[:_SNIFF_BYTES].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if text.startswith("{") or re.match(r"\[\s*\{", text):
        return "jsonl"
    if text.lower().startswith("<!doctype html"):
        return "html"
    match = _FIRST_ELEMENT.match(text)
    if match:
        root = match.group(1).lower()
        if root in _FEED_ROOTS:
            return "feed"
        if root in _HTML_ROOTS:
            return "html"
    return "text"


def read_inputs(
    paths: Sequence[str], options: IngestOptions, *, stdin: BinaryIO | None = None
) -> Iterator[Article | Failure]:
    """Yield the articles and failures of every input, numbering articles in order.

    ``-`` reads ``stdin`` (default: the process's standard input). ``order``
    is each article's 0-based position among all articles of the run. Raises
    E111 if ``options.format`` names no known format (a usage error, not a
    bad file).
    """
    if options.format is not None and options.format not in FORMATS:
        raise NewsgraphError(
            ErrorCode.E111, reason=f"{options.format!r}; choose one of {', '.join(FORMATS)}"
        )
    order = 0
    for item in _read_paths(paths, options, stdin):
        if isinstance(item, Article):
            yield replace(item, order=order)
            order += 1
        else:
            yield item


def _read_paths(
    paths: Sequence[str], options: IngestOptions, stdin: BinaryIO | None
) -> Iterator[Article | Failure]:
    for arg in paths:
        if arg == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = stream.read()
            except OSError as exc:
                yield make_failure(ErrorCode.E102, STDIN_NAME, reason=exc.strerror or str(exc))
                continue
            yield from _read_bytes(data, STDIN_NAME, options)
            continue
        path = Path(arg)
        if not path.exists():  # also a dangling symlink
            yield make_failure(ErrorCode.E101, arg)
        elif path.is_dir():
            for file in _walk(arg):
                if isinstance(file, Failure):
                    yield file
                else:
                    yield from _read_file(file, options)
        else:
            yield from _read_file(arg, options)


def _walk(root: str) -> list[str | Failure]:
    """Return the input files under ``root``, sorted, and E102 for unreadable folders."""
    errors: list[OSError] = []
    found: list[tuple[tuple[str, ...], str]] = []
    # os.walk drops unreadable folders silently unless told where to report.
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            full = os.path.join(dirpath, name)
            if not _is_input_name(name):
                logger.info("skipping %s: documents or builds the folder, not news", full)
                continue
            found.append((Path(os.path.relpath(full, root)).parts, full))
    failures: list[str | Failure] = [
        make_failure(ErrorCode.E102, str(e.filename or root), reason=e.strerror or str(e))
        for e in errors
    ]
    return failures + [full for _, full in sorted(found)]


def _is_input_name(name: str) -> bool:
    lower = name.lower()
    if lower.startswith(_FOLDER_DOC_NAMES):
        return False
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return os.path.splitext(lower)[1] not in _FOLDER_SKIP_EXTENSIONS


def _read_file(path: str, options: IngestOptions) -> Iterator[Article | Failure]:
    try:
        with open(path, "rb") as fh:
            if not os.path.isfile(path):
                # A pipe or device (e.g. bash's <(...)) can be read only once.
                data = fh.read()
                yield from _read_bytes(data, path, options)
                return
            head = fh.read(_SNIFF_BYTES)
            inner = _inner_head(head, path)
            if isinstance(inner, Failure):
                yield inner
                return
            fmt = _format(inner, where=path, name=path, options=options)
            if isinstance(fmt, Failure):
                yield fmt
                return
            if fmt == "warc":
                # Streamed, not read whole: CC-News files run to a gigabyte.
                # warcio reads gzip (per record or whole-file) itself.
                fh.seek(0)
                yield from read_warc(fh, origin=path, options=options)
                return
            data = head + fh.read()
    except OSError as exc:
        yield make_failure(ErrorCode.E102, path, reason=exc.strerror or str(exc))
        return
    yield from _read_bytes(data, path, options, fmt=fmt)


def _inner_head(head: bytes, where: str) -> bytes | Failure:
    """Return the first bytes of the content, decompressing gzip; E105/E112 on failure."""
    if not head:
        return make_failure(ErrorCode.E105, where)
    if not head.startswith(_GZIP_MAGIC):
        return head
    try:
        # wbits=31: expect a gzip header. A partial stream is fine here.
        return zlib.decompressobj(wbits=31).decompress(head, _SNIFF_BYTES)
    except zlib.error as exc:
        return make_failure(ErrorCode.E112, where, reason=f"not valid gzip ({exc})")


def _format(head: bytes, *, where: str, name: str, options: IngestOptions) -> str | Failure:
    for magic, what in _FOREIGN_MAGIC:
        if head.startswith(magic):
            return make_failure(ErrorCode.E111, where, reason=f"looks like {what}")
    if options.format is not None:
        return options.format
    return detect_format(name, head)


def _read_bytes(
    data: bytes, where: str, options: IngestOptions, *, fmt: str | None = None
) -> Iterator[Article | Failure]:
    """Read one whole input held in memory (a file, stdin or a pipe)."""
    if fmt is None:
        inner = _inner_head(data[:_SNIFF_BYTES], where)
        if isinstance(inner, Failure):
            yield inner
            return
        # stdin has no name to go by, so it is always sniffed.
        name = "" if where == STDIN_NAME else where
        detected = _format(inner, where=where, name=name, options=options)
        if isinstance(detected, Failure):
            yield detected
            return
        fmt = detected
    if data.startswith(_GZIP_MAGIC) and fmt != "warc":
        try:
            data = gzip.decompress(data)
        except EOFError:
            yield make_failure(ErrorCode.E112, where, reason="gzip data is cut short")
            return
        except (OSError, zlib.error) as exc:
            yield make_failure(ErrorCode.E112, where, reason=f"not valid gzip ({exc})")
            return
    if fmt == "warc":
        yield from read_warc(io.BytesIO(data), origin=where, options=options)
        return
    if not data.strip():
        yield make_failure(ErrorCode.E105, where)
        return
    declared = declared_encoding(data[:2048]) if fmt in ("html", "feed") else None
    try:
        text = decode_text(data, where=where, declared=declared)
    except NewsgraphError as exc:
        yield failure_from(exc)
        return
    if not text.strip():
        yield make_failure(ErrorCode.E105, where)
        return
    yield from _TEXT_READERS[fmt](text, origin=where, options=options)
