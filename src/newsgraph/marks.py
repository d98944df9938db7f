"""Inline marks: which spans of an article's text to highlight, and how.

Shared by ``newsgraph show`` and, later, the web UI, so both mark the same
spans. Spans may nest (a mention inside a quote) but never cross: a span
that crosses an earlier one is left out of the inline rendering (it is still
listed in the side tables).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Mark", "nest", "render_brackets"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """A span to highlight: ``kind`` is the table, ``label`` its type."""

    start: int
    end: int
    kind: str
    label: str


def nest(marks: Iterable[Mark]) -> list[Mark]:
    """Return the marks that nest properly, outermost first at each start."""
    ordered = sorted(marks, key=lambda m: (m.start, -m.end, m.kind))
    kept: list[Mark] = []
    open_ends: list[int] = []
    for mark in ordered:
        if mark.end <= mark.start:
            continue
        while open_ends and open_ends[-1] <= mark.start:
            open_ends.pop()
        if open_ends and mark.end > open_ends[-1]:
            continue  # crosses the enclosing span
        kept.append(mark)
        open_ends.append(mark.end)
    return kept


def render_brackets(text: str, marks: Sequence[Mark]) -> str:
    """Return ``text`` with each mark written as ``[span]{LABEL}``."""
    events: list[tuple[int, int, int, str]] = []
    for mark in nest(marks):
        # At one offset: closings before openings; the inner span (later
        # start) closes first, the outer span (later end) opens first.
        events.append((mark.start, 1, -mark.end, "["))
        events.append((mark.end, 0, -mark.start, "]{" + mark.label + "}"))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out: list[str] = []
    pos = 0
    for offset, _, _, token in events:
        out.append(text[pos:offset])
        out.append(token)
        pos = offset
    out.append(text[pos:])
    return "".join(out)
