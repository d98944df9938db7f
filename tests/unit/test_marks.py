"""Inline marks nest, and crossing spans are left out."""

from __future__ import annotations

from newsgraph.marks import Mark, nest, render_brackets


def mark(start: int, end: int, label: str) -> Mark:
    return Mark(start=start, end=end, kind="test", label=label)


def test_nested_marks_render_inside_out() -> None:
    text = "Foreign Minister Ana Vidal said so."
    out = render_brackets(text, [mark(0, 26, "Q"), mark(17, 26, "PERSON"), mark(0, 7, "NORP")])
    assert out == "[[Foreign]{NORP} Minister [Ana Vidal]{PERSON}]{Q} said so."


def test_crossing_mark_is_dropped() -> None:
    kept = nest([mark(0, 10, "A"), mark(5, 15, "B"), mark(12, 14, "C")])
    assert [m.label for m in kept] == ["A", "C"]


def test_empty_and_zero_width_marks() -> None:
    assert render_brackets("abc", []) == "abc"
    assert render_brackets("abc", [mark(1, 1, "Z")]) == "abc"
