"""Resolve DATE mentions against the article's publication date.

Only spaCy's DATE spans are read; raw text never is (dateparser's
``search_dates`` turns "we" into a Wednesday and "95%" into 1995). Each span
goes through two steps:

1. our rules, for what news writes most and dateparser misses or reads
   differently: weekdays ("on Thursday" is the most recent Thursday on or
   before the publication date, the day itself included), "earlier this
   week/month/year", "last month", "in late August", "the last year's
   December", "in 2024";
2. dateparser (``languages=['en']``, ``PREFER_DATES_FROM='past'``,
   ``RELATIVE_BASE`` = the publication date) for calendar dates ("Sept. 5",
   "5 September 2025") and counts back ("three days ago"), but only when the
   span has such an anchor: a month name, digits or "ago". Durations ("four
   years", "decades", "the past two years") are not dates and stay null.

Values are ISO strings at the expression's granularity: ``2025-10-09``
(day), ``2025-W41`` (ISO week), ``2025-10`` (month), ``2025`` (year).
Without a publication date the relative expressions keep their text and a
null value; expressions that carry their own year ("October 2022") are
still resolved, since they do not depend on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any, ClassVar

from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, DateMention
from newsgraph.settings import Settings

__all__ = ["DatesStage", "publication_date", "resolve_date"]

Resolved = tuple[str, str]  # (value, granularity)

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(" + "|".join(_WEEKDAYS) + ")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_PHASE = (
    r"(?:(?:early|late|mid|(?:the )?(?:end|start|beginning|middle|first half|second half) of"
    r"|(?:the )?(?:first|second|third|last) week of)[\s-]*)?"
)
_LEAD = re.compile(
    r"^(?:(?:on|in|by|since|from|until|till|through|during|at|of|as of|around|before|after"
    r"|starting|the)\s+)+"
)
# A span dateparser may read: it names a month, has digits, or counts back.
_ANCHOR = re.compile(r"\d|\bago\b|\b" + _MONTH + r"\b")
# Decades ("the 1990s") and ranges ("2022-23") are spans, not dates.
_NOT_A_DATE = re.compile(r"\d0s\b|\d{4}\s*[-–/]\s*\d{2,4}|\b\d+s\b")
# A count of units without "ago" is a duration ("4 years"), not a date.
_DURATION = re.compile(r"\b(?:hours?|days?|weeks?|months?|years?|decades?|centuries)\b")


def publication_date(published: str | None) -> dt.date | None:
    """Return the date part of an ISO publication date or datetime, if any."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _day(d: dt.date) -> Resolved:
    return d.isoformat(), "day"


def _week(d: dt.date) -> Resolved:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}", "week"


def _month(year: int, month: int) -> Resolved:
    while month < 1:
        year, month = year - 1, month + 12
    while month > 12:
        year, month = year + 1, month - 12
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> Resolved:
    return f"{year:04d}", "year"


def _weekday(pub: dt.date, which: str | None, name: str) -> Resolved:
    """Resolve a weekday name: the most recent on/before ``pub`` unless told otherwise."""
    target = _WEEKDAYS[name]
    back = (pub.weekday() - target) % 7
    if which in ("next", "coming"):
        return _day(pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7))
    if which == "this":
        return _day(pub + dt.timedelta(days=target - pub.weekday()))
    if which in ("last", "past", "previous") and back == 0:
        back = 7
    return _day(pub - dt.timedelta(days=back))


def _named_month(
    pub: dt.date | None, which: str | None, month: int, year: str | None
) -> Resolved | None:
    """Resolve a month name, with or without a year, against ``pub``."""
    if year:
        return _month(int(year), month)
    if pub is None:
        return None
    if which in ("last", "previous", "last year's", "the last year's", "last years"):
        if which.endswith(("year's", "years")):
            return _month(pub.year - 1, month)
        return _month(pub.year if month < pub.month else pub.year - 1, month)
    if which in ("next", "coming"):
        return _month(pub.year if month > pub.month else pub.year + 1, month)
    if which == "this":
        return _month(pub.year, month)
    # A bare month is the most recent one on or before the publication month.
    return _month(pub.year if month <= pub.month else pub.year - 1, month)


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], dt.date | None], Resolved | None]]


def _needs_pub(
    fn: Callable[[re.Match[str], dt.date], Resolved | None],
) -> Callable[[re.Match[str], dt.date | None], Resolved | None]:
    """Wrap a rule that needs the publication date: None without it."""
    return lambda m, pub: None if pub is None else fn(m, pub)


_SHIFT = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}

_RULES: tuple[_Rule, ...] = (
    (
        re.compile(r"^(today|tonight|this (?:morning|afternoon|evening))$"),
        _needs_pub(lambda m, pub: _day(pub)),
    ),
    (
        re.compile(r"^(yesterday" + _PART + "|last night)$"),
        _needs_pub(lambda m, pub: _day(pub - dt.timedelta(days=1))),
    ),
    (
        re.compile(r"^tomorrow" + _PART + "$"),
        _needs_pub(lambda m, pub: _day(pub + dt.timedelta(days=1))),
    ),
    (
        re.compile(r"^(?:(last|past|previous|this|next|coming)\s+)?" + _WEEKDAY + _PART + "$"),
        _needs_pub(lambda m, pub: _weekday(pub, m.group(1), m.group(2))),
    ),
    (
        re.compile(r"^(?:(?:earlier|later) )?(?:this|in the) week$"),
        _needs_pub(lambda m, pub: _week(pub)),
    ),
    (
        re.compile(r"^(last|past|previous|next|coming) week$"),
        _needs_pub(lambda m, pub: _week(pub + dt.timedelta(weeks=_SHIFT[m.group(1)]))),
    ),
    (
        re.compile(r"^(?:(?:earlier|later) )?(?:this|in the) month$"),
        _needs_pub(lambda m, pub: _month(pub.year, pub.month)),
    ),
    (
        re.compile(r"^(last|previous|next|coming) month$"),
        _needs_pub(lambda m, pub: _month(pub.year, pub.month + _SHIFT[m.group(1)])),
    ),
    (
        re.compile(r"^(?:(?:earlier|later) )?(?:this|in the) year$"),
        _needs_pub(lambda m, pub: _year(pub.year)),
    ),
    (
        re.compile(r"^(last|previous|next|coming) year$"),
        _needs_pub(lambda m, pub: _year(pub.year + _SHIFT[m.group(1)])),
    ),
    (
        # "last December", "the last year's December", "next March"
        re.compile(
            r"^(last|previous|next|coming|this|(?:the )?last years?'?s?)\s+" + _PHASE + _MONTH + "$"
        ),
        lambda m, pub: _named_month(pub, m.group(1).replace("the ", ""), _MONTHS[m.group(2)], None),
    ),
    (
        # "December last year", "March of next year"
        re.compile(r"^" + _PHASE + _MONTH + r"(?: of)? (last|this|next) year$"),
        _needs_pub(lambda m, pub: _month(pub.year + _SHIFT[m.group(2)], _MONTHS[m.group(1)])),
    ),
    (
        # "late August", "August", "October 2022", "mid-March 2024"
        re.compile(r"^" + _PHASE + _MONTH + r"(?:,?\s+(\d{4}))?$"),
        lambda m, pub: _named_month(pub, None, _MONTHS[m.group(1)], m.group(2)),
    ),
    (
        # "2024", "early 2023", "the end of 2019"
        re.compile(r"^" + _PHASE + r"((?:1[89]|20)\d\d)$"),
        lambda m, pub: _year(int(m.group(1))),
    ),
)


def _normalise(text: str) -> str:
    """Return the span lower-cased, without leading prepositions or end punctuation."""
    text = text.replace("’", "'").lower().strip(" .,;:()\"'")
    text = re.sub(r"\s+", " ", text)
    return _LEAD.sub("", text)


@lru_cache(maxsize=256)
def _parser(base: dt.date) -> Any:
    """Return a dateparser parser relative to ``base`` (cheap; cached per date)."""
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
    }
    return DateDataParser(languages=["en"], settings=settings)


# Base for absolute expressions when there is no publication date: only
# spans with a four-digit year reach dateparser then, so it never shows.
_NEUTRAL_BASE = dt.date(2000, 1, 1)


def _dateparser(text: str, pub: dt.date | None) -> Resolved | None:
    """Resolve a calendar expression with dateparser."""
    if not _ANCHOR.search(text) or _NOT_A_DATE.search(text) or re.fullmatch(r"\d{1,3}", text):
        return None
    if _DURATION.search(text) and "ago" not in text:
        return None
    if text.isdigit():
        return None  # a bare number that is not a year ("8243", a flight) is no date
    if pub is None and not re.search(r"\b(?:1[89]|20)\d\d\b", text):
        return None
    data = _parser(pub or _NEUTRAL_BASE).get_date_data(text)
    when = data.date_obj
    if when is None or (when.hour, when.minute, when.second) != (0, 0, 0):
        return None  # a time of day means dateparser read a count as a clock
    period = data.period or "day"
    if period == "week":
        return _week(when.date())
    if period == "month":
        return _month(when.year, when.month)
    if period == "year":
        return _year(when.year)
    return _day(when.date())


@lru_cache(maxsize=8192)
def resolve_date(text: str, pub: dt.date | None) -> tuple[str | None, str | None]:
    """Return ``(value, granularity)`` for a date expression, or ``(None, None)``."""
    norm = _normalise(text)
    for pattern, rule in _RULES:
        match = pattern.match(norm)
        if match:
            resolved = rule(match, pub)
            return resolved if resolved else (None, None)
    resolved = _dateparser(norm, pub)
    return resolved if resolved else (None, None)


class DatesStage:
    """Resolve each DATE mention to an ISO value with its granularity."""

    name: ClassVar[str] = "dates.dateparser.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"dates"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Resolve one article's DATE mentions."""
        pub = publication_date(doc.article.published)
        dates = []
        for mention in doc.mentions:
            if mention.type != "DATE":
                continue
            value, granularity = resolve_date(mention.text, pub)
            dates.append(
                DateMention(
                    id=span_id("date", doc.article.id, mention.start, mention.end),
                    article_id=doc.article.id,
                    text=mention.text,
                    start=mention.start,
                    end=mention.end,
                    value=value,
                    granularity=granularity,
                )
            )
        return replace(doc, dates=tuple(dates))
