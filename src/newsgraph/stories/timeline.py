"""A story's timeline and its consolidated quotes, built from its articles' records.

Both are computed when a story is read (``newsgraph story ID``), from
whatever the ``quotes``, ``events`` and ``dates`` tables hold, so they fill
in as soon as those stages have run, without re-clustering.

Consolidation: the same quotation reported by several articles (verbatim,
trimmed, or with different punctuation) becomes one :class:`StoryQuote`
with every reporting article. Two quotes are the same when their
normalised words are equal, one contains the other (at least
``_MIN_SHARED_WORDS`` words), or their word sets overlap by ``_JACCARD``;
and their speakers do not contradict each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsgraph.records import Article, DateMention, Event, Quote

__all__ = ["StoryQuote", "TimelineEntry", "build_timeline", "consolidate_quotes"]

_WORD = re.compile(r"\w+")
_MIN_SHARED_WORDS = 5
_JACCARD = 0.8
_CONTEXT = 160


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryQuote:
    """One quotation with every article of the story that reports it."""

    text: str
    speaker: str | None
    speaker_entity_id: str | None
    kind: str
    quote_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    first_published: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """A dated item of a story: an article, an event, a quote or a dated statement.

    ``kind`` is ``article``, ``event``, ``quote`` or ``date``; ``ref`` is
    the id of the record it comes from; ``date`` is ISO (day or coarser).
    """

    date: str
    kind: str
    text: str
    article_id: str
    ref: str


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _same_speaker(a: Quote, b: StoryQuote) -> bool:
    if a.speaker_entity_id and b.speaker_entity_id:
        return a.speaker_entity_id == b.speaker_entity_id
    if not a.speaker or not b.speaker:
        return True  # an unattributed copy does not contradict an attributed one
    # "Maria Holt" and "Holt" are one speaker: compare the last names.
    return _words(a.speaker)[-1:] == _words(b.speaker)[-1:]


def _same_words(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) >= _MIN_SHARED_WORDS:
        joined = " " + " ".join(longer) + " "
        if " " + " ".join(shorter) + " " in joined:
            return True
    sa, sb = set(a), set(b)
    return bool(sa | sb) and len(sa & sb) / len(sa | sb) >= _JACCARD


def consolidate_quotes(
    quotes: Iterable[Quote], published: Mapping[str, str | None]
) -> list[StoryQuote]:
    """Merge the quotes of a story's articles that report the same words.

    ``published`` maps article ids to their publication dates; quotes are
    taken in date order, so a merged quote keeps the earliest report's
    article first. The longest wording is kept as the text.
    """
    ordered = sorted(
        quotes,
        key=lambda q: (
            published.get(q.article_id) is None,
            published.get(q.article_id) or "",
            q.article_id,
            q.start,
        ),
    )
    groups: list[tuple[list[str], StoryQuote]] = []
    for quote in ordered:
        words = _words(quote.text)
        if not words:
            continue
        for i, (known, merged) in enumerate(groups):
            if _same_speaker(quote, merged) and _same_words(words, known):
                longer = len(words) > len(known)
                groups[i] = (
                    words if longer else known,
                    StoryQuote(
                        text=quote.text if longer else merged.text,
                        speaker=merged.speaker or quote.speaker,
                        speaker_entity_id=merged.speaker_entity_id or quote.speaker_entity_id,
                        kind=merged.kind,
                        quote_ids=(*merged.quote_ids, quote.id),
                        article_ids=tuple(dict.fromkeys((*merged.article_ids, quote.article_id))),
                        first_published=merged.first_published,
                    ),
                )
                break
        else:
            groups.append(
                (
                    words,
                    StoryQuote(
                        text=quote.text,
                        speaker=quote.speaker,
                        speaker_entity_id=quote.speaker_entity_id,
                        kind=quote.kind,
                        quote_ids=(quote.id,),
                        article_ids=(quote.article_id,),
                        first_published=published.get(quote.article_id),
                    ),
                )
            )
    return [merged for _, merged in groups]


def _context(text: str, start: int, end: int) -> str:
    """Return the line around a span, cut to about ``_CONTEXT`` characters."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    if right - left > _CONTEXT:
        line_start = left
        left = max(left, start - _CONTEXT // 2)
        right = min(right, max(end, left + _CONTEXT))
        # Cut at word boundaries, never inside a word.
        if left > line_start:
            space = text.find(" ", left, start)
            left = space + 1 if space >= 0 else left
        space = text.rfind(" ", end, right)
        right = space if space >= 0 and right < len(text) else right
    return text[left:right].strip()


def _event_text(event: Event) -> str:
    who = " → ".join(x for x in (event.source_actor, event.target_actor) if x)
    parts = [event.type + (f"/{event.mode}" if event.mode else "")]
    if who:
        parts.append(who)
    if event.location:
        parts.append(f"in {event.location}")
    if event.evidence:
        parts.append(f"({event.evidence})")
    return " ".join(parts)


def build_timeline(
    articles: Sequence[Article],
    *,
    events: Iterable[Event] = (),
    quotes: Iterable[StoryQuote] = (),
    dates: Iterable[DateMention] = (),
) -> list[TimelineEntry]:
    """Return the story's dated items, oldest first.

    Articles are dated by publication; events by their own date, else their
    article's; consolidated quotes by their first report; date expressions
    resolved to a value give the line that mentions them. Undated items are
    left out.
    """
    by_id = {a.id: a for a in articles}
    entries: list[TimelineEntry] = []
    for article in articles:
        if article.published:
            title = article.title or article.text.strip().split("\n", 1)[0][:120]
            entries.append(
                TimelineEntry(
                    date=article.published,
                    kind="article",
                    text=title,
                    article_id=article.id,
                    ref=article.id,
                )
            )
    for event in events:
        owner = by_id.get(event.article_id)
        when = event.date or (owner.published if owner else None)
        if when:
            entries.append(
                TimelineEntry(
                    date=when,
                    kind="event",
                    text=_event_text(event),
                    article_id=event.article_id,
                    ref=event.id,
                )
            )
    for quote in quotes:
        if quote.first_published:
            speaker = f"{quote.speaker}: " if quote.speaker else ""
            entries.append(
                TimelineEntry(
                    date=quote.first_published,
                    kind="quote",
                    text=f"{speaker}“{quote.text}”",
                    article_id=quote.article_ids[0],
                    ref=quote.quote_ids[0],
                )
            )
    for mention in dates:
        owner = by_id.get(mention.article_id)
        if mention.value and owner is not None:
            entries.append(
                TimelineEntry(
                    date=mention.value,
                    kind="date",
                    text=_context(owner.text, mention.start, mention.end),
                    article_id=mention.article_id,
                    ref=mention.id,
                )
            )
    kinds = {"event": 0, "quote": 1, "date": 2, "article": 3}
    entries.sort(key=lambda e: (e.date, kinds.get(e.kind, 9), e.article_id, e.ref))
    return entries
