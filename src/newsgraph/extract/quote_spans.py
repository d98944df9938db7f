"""Find quoted passages in raw text from their quotation marks.

This module knows nothing about the parse: it pairs double quotation marks
within each paragraph and returns the content spans (without the marks).
It handles what real feeds do:

* curly (“ ”), low (\u201e), guillemet (« ») and straight (") double marks;
* a closing mark used as an opening one (``”I vote …``), which feeds that
  "smarten" quotes get wrong at the start of a paragraph;
* single quotes nested inside double ones (they are content, not marks);
* the news convention for a quotation that runs over several paragraphs:
  each paragraph opens a mark and only the last one closes it;
* an unbalanced mark: the passage runs to the end of its paragraph and is
  flagged, so the caller can lower its confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quote_spans", "is_title", "paragraph_spans"]

_OPEN = frozenset("“„«‟")
_CLOSE = frozenset("”»")
_STRAIGHT = '"'
# Characters that may sit between a closing mark and the next word without
# making the mark an opening one ("," and "." follow closing marks).
_OPENING_PRECEDERS = frozenset(" \t([{—–-:;")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Content offsets of a quoted passage, with the offsets of its marks.

    ``start``/``end`` exclude the marks. ``open_mark`` is the offset of the
    opening mark; ``close_mark`` that of the closing mark, or ``None`` when
    the passage was never closed in its paragraph. ``continued`` is true for
    a paragraph of a multi-paragraph quotation that is not the last one;
    ``continues`` for one that is not the first.
    """

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    continued: bool = False
    continues: bool = False

    @property
    def balanced(self) -> bool:
        """Return whether the passage had a closing mark (or runs on by convention)."""
        return self.close_mark is not None or self.continued


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every non-blank line of ``text``."""
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            yield start, start + len(stripped)
        offset += len(line) + 1


def _is_opening_position(text: str, i: int, lo: int, hi: int) -> bool:
    """Return whether a mark at ``i`` sits where a quotation opens."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return (before in _OPENING_PRECEDERS or i == lo) and not after.isspace()


def _scan_paragraph(text: str, lo: int, hi: int) -> tuple[list[QuoteSpan], int | None]:
    """Pair the marks of one paragraph; return spans and a dangling opening mark."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    width = 1  # of the open mark: two apostrophes ('') stand for " in some archives
    i = lo - 1
    while i + 1 < hi:
        i += 1
        ch = text[i]
        if ch == "'" and text[i + 1 : i + 2] == "'" and (i == lo or text[i - 1] != "'"):
            # Two apostrophes are one straight double mark.
            if open_at is None:
                before = text[i - 1] if i > lo else " "
                after = text[i + 2] if i + 2 < hi else " "
                if before in _OPENING_PRECEDERS and not after.isspace():
                    open_at, width = i, 2
            else:
                spans.append(QuoteSpan(open_at + width, i, open_at, i))
                open_at = None
            i += 1
            continue
        if ch == "“" and open_at is not None and text[open_at] == "„":
            # German-style „…“: the high mark closes the low one.
            spans.append(QuoteSpan(open_at + width, i, open_at, i))
            open_at = None
        elif ch in _OPEN or (ch in _CLOSE and open_at is None):
            if ch in _CLOSE and not _is_opening_position(text, i, lo, hi):
                continue  # a stray closing mark: ignore it
            if open_at is not None:
                # Two openings in a row: the first was never closed. Keep it,
                # up to this mark, as a best effort.
                spans.append(QuoteSpan(open_at + width, i, open_at, None))
            open_at, width = i, 1
        elif ch in _CLOSE:
            assert open_at is not None
            spans.append(QuoteSpan(open_at + width, i, open_at, i))
            open_at = None
        elif ch == _STRAIGHT:
            if open_at is None:
                if _is_opening_position(text, i, lo, hi) or i == lo:
                    open_at, width = i, 1
            elif text[i - 1] != " " or i + 1 >= hi or text[i + 1] in " ,.;:)?!":
                spans.append(QuoteSpan(open_at + width, i, open_at, i))
                open_at = None
            else:
                # A straight mark after a space with a word behind it opens a
                # new passage: the previous one was left open.
                spans.append(QuoteSpan(open_at + width, i, open_at, None))
                open_at, width = i, 1
    if open_at is not None and width == 2:
        return spans, open_at + 1
    return spans, open_at


def _opens_with_mark(text: str, lo: int, hi: int) -> bool:
    return lo < hi and (text[lo] in _OPEN or text[lo] in _CLOSE or text[lo] == _STRAIGHT)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Return the quoted passages of ``text`` in order (content offsets, no marks).

    A passage left open at the end of a paragraph continues into the next
    paragraph when that paragraph starts with a quotation mark (the news
    convention for long quotations); otherwise it runs to the end of its
    paragraph and has ``close_mark=None``.
    """
    paragraphs = list(paragraph_spans(text))
    out: list[QuoteSpan] = []
    carried = False
    for index, (lo, hi) in enumerate(paragraphs):
        spans, dangling = _scan_paragraph(text, lo, hi)
        if carried and spans:
            first = spans[0]
            spans[0] = QuoteSpan(
                first.start, first.end, first.open_mark, first.close_mark, continues=True
            )
        carried = False
        if dangling is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            runs_on = nxt is not None and _opens_with_mark(text, *nxt)
            end = hi
            while end > dangling + 1 and text[end - 1] in " \t":
                end -= 1
            spans.append(
                QuoteSpan(
                    dangling + 1,
                    end,
                    dangling,
                    None,
                    continued=runs_on,
                    continues=bool(spans == [] and index > 0 and out and out[-1].continued),
                )
            )
            carried = runs_on
        out.extend(s for s in spans if s.end > s.start and text[s.start : s.end].strip())
    return out


# Title words that may stay lower case ("Make Your Town a Garden").
_MINOR_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "to", "and", "for", "with", "at",
                          "by", "from", "or", "as", "vs"})  # fmt: skip
# Nouns naming a work or an outlet's programme: a title-cased quotation
# beside one is the work's name ('the documentary “Thirteen”', 'his “Keep It
# Real” radio program').
_WORK_NOUNS = frozenset({
    "show", "program", "programme", "book", "documentary", "film", "movie", "episode",
    "article", "series", "song", "album", "column", "podcast", "magazine", "newspaper",
    "headline", "essay", "memoir", "novel", "play", "musical", "broadcast", "segment",
    "editorial", "video", "website", "blog", "radio", "television", "tv",
})  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|\d+")


def is_title(text: str, span: QuoteSpan) -> bool:
    """Say whether a quoted passage is the name of a work, not words someone said.

    It must be title-cased (every word capitalised but short function words;
    at most eight words; no closing full stop, question or exclamation
    mark) and stand beside a work noun (within three words before the
    opening mark, or right after the closing one) or after an outlet's
    possessive ('Radio Sur's “Evening Desk”'). On PolNeAR train 93 of 98 such
    passages were not (the bulk of) a quotation.
    """
    inner = text[span.start : span.end].strip().rstrip(",;:")
    words = _WORD.findall(inner)
    if not words or len(words) > 8 or inner.endswith((".", "!", "?")):
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR_WORDS for w in words):
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    before = _WORD.findall(text[max(0, span.open_mark - 40) : span.open_mark])[-3:]
    end = span.close_mark + 1 if span.close_mark is not None else span.end
    after = _WORD.findall(text[end : end + 30])[:1]
    if any(w.lower() in _WORK_NOUNS for w in before + after):
        return True
    return bool(before) and before[-1].endswith(("'s", "’s"))
