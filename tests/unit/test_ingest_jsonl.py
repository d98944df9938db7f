"""JSON Lines reader: fields, aliases, meta passthrough and bad records."""

from __future__ import annotations

from pathlib import Path

from newsgraph.ingest.base import IngestOptions
from newsgraph.ingest.jsonl import read_jsonl
from newsgraph.records import Article, Failure

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def _read(name: str, options: IngestOptions | None = None) -> list[Article | Failure]:
    text = (FIXTURES / name).read_text("utf-8")
    return list(read_jsonl(text, origin=name, options=options or IngestOptions()))


def test_good_lines_survive_a_broken_line_in_the_middle() -> None:
    items = _read("records.jsonl")
    kinds = [(type(i).__name__, i.origin if isinstance(i, Article) else i.where) for i in items]
    assert kinds == [
        ("Article", "records.jsonl:1"),
        ("Failure", "records.jsonl:2"),
        ("Article", "records.jsonl:3"),
        ("Failure", "records.jsonl:5"),
        ("Failure", "records.jsonl:6"),
        ("Article", "records.jsonl:7"),
    ]


def test_broken_line_is_e106_naming_file_and_line() -> None:
    broken = _read("records.jsonl")[1]
    assert isinstance(broken, Failure)
    assert broken.code == "E106"
    assert broken.message.startswith("records.jsonl:2: [E106] bad JSON line:")


def test_record_without_text_is_e107_and_non_object_is_e106() -> None:
    items = _read("records.jsonl")
    no_text, not_object = items[3], items[4]
    assert isinstance(no_text, Failure) and no_text.code == "E107"
    assert "records.jsonl:5" in no_text.message
    assert isinstance(not_object, Failure) and not_object.code == "E106"
    assert "expected an object, got list" in not_object.message


def test_fields_and_meta_passthrough() -> None:
    first = _read("records.jsonl")[0]
    assert isinstance(first, Article)
    assert first.text == "Officials met in Oslo on Monday."
    assert first.title == "First"
    assert first.url == "https://a.example/1"
    assert first.source == "Nordic Post"
    assert first.published == "2025-03-04"
    assert first.meta == {"source_id": "101", "section": "World", "tags": ["oslo", "talks"]}
    assert first.id != "101"


def test_unparsable_date_is_kept_raw_and_fallback_used() -> None:
    third = _read("records.jsonl", IngestOptions(published="2025-01-01"))[2]
    assert isinstance(third, Article)
    assert third.published == "2025-01-01"
    assert third.published_raw == "last Tuesday"


def test_source_date_wins_over_fallback() -> None:
    first = _read("records.jsonl", IngestOptions(published="2025-01-01"))[0]
    assert isinstance(first, Article)
    assert first.published == "2025-03-04"


def test_record_source_wins_over_option_and_option_fills_gaps() -> None:
    items = _read("records.jsonl", IngestOptions(source="CLI label"))
    first, third = items[0], items[2]
    assert isinstance(first, Article) and first.source == "Nordic Post"
    assert isinstance(third, Article) and third.source == "CLI label"


def test_aliases_and_unused_alias_kept_in_meta() -> None:
    aliased = _read("records.jsonl")[5]
    assert isinstance(aliased, Article)
    assert aliased.text == "Aliased text from a content field."
    assert aliased.title == "Aliased"
    assert aliased.url == "https://a.example/6"
    assert aliased.published == "2025-03-06T09:00:00+00:00"
    assert aliased.meta == {"body": "Unused body alias."}


def test_json_array_file() -> None:
    items = _read("array.json")
    assert all(isinstance(i, Article) for i in items)
    one, two = items
    assert isinstance(one, Article) and isinstance(two, Article)
    assert one.origin == "array.json:record 1"
    assert one.source == "one.example"
    assert one.published == "2025-01-02T10:00:00"
    assert two.text == "First paragraph.\nSecond paragraph."
    assert two.source == "Two News"


def test_pretty_printed_single_object() -> None:
    text = '{\n  "title": "Solo",\n  "text": "One object over several lines."\n}\n'
    [art] = list(read_jsonl(text, origin="one.json", options=IngestOptions()))
    assert isinstance(art, Article)
    assert art.title == "Solo"
    assert art.origin == "one.json:1"


def test_broken_array_is_one_e106() -> None:
    [fail] = list(
        read_jsonl('[{"text": "a"},\n{"text": ', origin="bad.json", options=IngestOptions())
    )
    assert isinstance(fail, Failure)
    assert fail.code == "E106"
    assert fail.message.startswith("bad.json: [E106]")
    assert "line 2" in fail.message


def test_epoch_number_date_kept_raw() -> None:
    [art] = list(
        read_jsonl('{"text": "x", "published": 1696852980}', origin="e", options=IngestOptions())
    )
    assert isinstance(art, Article)
    assert art.published is None
    assert art.published_raw == "1696852980"
