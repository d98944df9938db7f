"""Cues that the layout of a line gives, not its parse.

"Ana Ruiz: The Deal Is Dead" (a headline's attribution, a transcript's
speaker label) and "“…” ― Ana Ruiz" (a quotation signed with a dash, as in
reader comments and pull quotes). :mod:`newsgraph.extract.quotes` decides
when a line is one of these; the functions here find the name.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from newsgraph.extract.attribution import Cue
from newsgraph.records import Token

__all__ = ["colon_cue", "dash_cue"]


def colon_cue(tokens: Sequence[Token], colon: int) -> Cue | None:
    """Return a cue for "Name: “…”", where a proper name stands before the colon."""
    if colon < 1 or tokens[colon].text != ":":
        return None
    end = colon
    start = end
    while (
        start > 0
        and tokens[start - 1].pos == "PROPN"
        and tokens[start - 1].sent == tokens[colon].sent
    ):
        start -= 1
    if start == end or end - start > 5:
        return None
    return Cue(colon, colon + 1, ":", (start, end), None, None, tokens[colon].sent, True)


# Dashes that sign a quotation: "“…” ― Name" (reader comments, pull quotes).
_SIGNING_DASHES = frozenset({"\u2015", "\u2014", "\u2013"})


def dash_cue(
    tokens: Sequence[Token], text: str, after: int, *, starts: Sequence[int] | None = None
) -> Cue | None:
    """Return a cue for a quotation signed with a dash: "“…” ― Name" ending its line.

    ``after`` is the character offset right after the closing mark. The dash
    must be followed by a proper name (up to five words) that ends the line
    (a full stop may close it) or is followed by a comma ("― Ana Ruiz, 34,
    Miami"); "“…” — a word he used" has no name and is no signature.
    """
    at = after
    while at < len(text) and text[at] in " \t\u00a0":
        at += 1
    if at >= len(text) or text[at] not in _SIGNING_DASHES:
        return None
    if starts is None:  # the tokens' start offsets; callers that keep them pass them
        starts = [t.start for t in tokens]
    start = bisect_right(starts, at)
    while start < len(tokens) and tokens[start].pos == "SPACE" and "\n" not in tokens[start].text:
        start += 1
    end = start
    while end < len(tokens) and tokens[end].pos == "PROPN" and end - start < 5:
        end += 1
    if end == start:
        return None
    rest = text[tokens[end - 1].end :].lstrip(" \t\u00a0")
    if rest.startswith("."):
        rest = rest[1:].lstrip(" \t\u00a0")
    if rest and rest[0] not in "\n," and not (end < len(tokens) and tokens[end].text == ","):
        return None
    dash = start - 1 if start > 0 and tokens[start - 1].end > at else start
    sent = tokens[start].sent
    return Cue(dash, start, text[at], (start, end), None, None, sent, True)
