"""Resolve DATE mentions against the article's publication date.

Only spaCy's DATE spans are read; raw text never is (dateparser's
``search_dates`` turns "we" into a Wednesday and "95%" into 1995). Each span
goes through two steps:

1. our rules, for what news writes most and dateparser misses or reads
   differently: weekdays ("on Thursday" is the most recent Thursday on or
   before the publication date, the day itself included; in a clause
   with "will", "shall" or "would", or under "expect", "plan" and the like,
   "by Friday" is the next one on or after it, and so are a bare month or
   season: "will meet in March"), "earlier this
   week/month/year", "last month", "in late August", "the last year's
   December", "in 2024";
2. dateparser (``languages=['en']``, ``PREFER_DATES_FROM='past'``,
   ``RELATIVE_BASE`` = the publication date) for calendar dates ("Sept. 5",
   "5 September 2025") and counts back ("three days ago"), but only when the
   span has such an anchor: a month name, digits or "ago". Durations ("four
   years", "decades", "the past two years") are not dates and stay null.

Values are ISO strings at the expression's granularity: ``2025-10-09``
(day), ``2025-W41`` (ISO week; also for weekends), ``2025-10`` (month),
``2025-22`` (season, ISO 8601-2 codes: 21 spring, 22 summer, 23 autumn,
24 winter, the winter of the year its December falls in), ``2025`` (year).
Without a publication date the relative expressions keep their text and a
null value; expressions that carry their own year ("October 2022") are
still resolved, since they do not depend on it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any, ClassVar

from newsgraph.extract.tense import AHEAD_HEADS, FUTURE_AUX
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, DateMention, Token
from newsgraph.settings import Settings

__all__ = ["DatesStage", "period_end", "period_start", "publication_date", "resolve_date"]

Resolved = tuple[str, str]  # (value, granularity)

# Bump when the rules change: part of the stage version, so a re-run
# re-resolves articles analysed with older rules (2: seasons, weekends;
# 3: period start and end days).
DATES_VERSION = "4"  # 4: a bare weekday, month or season in a future clause is ahead

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
    r"^(?:(?:on|in|by|since|from|until|till|through|during|at|of|as of|around|before|after|over"
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
    if which == "ahead":  # a bare weekday in a clause about what is to come
        return _day(pub + dt.timedelta(days=(target - pub.weekday()) % 7))
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


# Seasons as ISO 8601-2 codes (21 spring ... 24 winter), by meteorological
# months in the northern hemisphere; a winter belongs to the year of its
# December ("2024-24" is December 2024 to February 2025).
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_SEASON = "(" + "|".join(_SEASONS) + ")"


_SEASON_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}


def period_start(value: str, granularity: str | None) -> str:
    """Return the first day (``YYYY-MM-DD``) of a resolved date's period.

    Week (``2025-W41``), season (``2025-22``), month and year values do not
    sort or compare with days as text; events store this day instead, with
    the granularity beside it, so date filters, timelines and the GDELT
    export see one comparable format. An unreadable value comes back as is.
    """
    try:
        if granularity == "week" or "-W" in value:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week[:2]), 1).isoformat()
        if granularity == "season":
            year, code = value.split("-")
            return f"{int(year):04d}-{_SEASON_MONTH[int(code)]:02d}-01"
        if len(value) == 4 and value.isdigit():
            return f"{value}-01-01"
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 1).isoformat()
    except (ValueError, KeyError):
        return value
    return value


def period_end(value: str, granularity: str | None) -> str:
    """Return the last day (``YYYY-MM-DD``, inclusive) of a resolved date's period."""
    first = period_start(value, granularity)
    try:
        start = dt.date.fromisoformat(first)
    except ValueError:
        return value
    if granularity == "week" or "-W" in value:
        return (start + dt.timedelta(days=6)).isoformat()
    if granularity == "season":
        months = 3
    elif len(value) == 7:
        months = 1
    elif len(value) == 4:
        months = 12
    else:
        return first  # a day
    month = start.month - 1 + months
    after = dt.date(start.year + month // 12, month % 12 + 1, 1)
    return (after - dt.timedelta(days=1)).isoformat()


def _season_of(day: dt.date) -> tuple[int, int]:
    """Return ``(year, code)`` of the season ``day`` falls in."""
    if day.month == 12:
        return day.year, 24
    if day.month <= 2:
        return day.year - 1, 24
    return day.year, 21 + (day.month - 3) // 3


def _season(pub: dt.date, which: str | None, name: str) -> Resolved:
    """Resolve "this/last/next summer" or a bare "summer" against ``pub``.

    A bare season is the most recent one, the current one included ("in the
    summer", like a bare month); "this summer" is the one of the
    publication's year (for winter: the current one in January and
    February, else the coming one); "last" and "next" skip the current one.
    """
    code = _SEASONS[name]
    year, current = _season_of(pub)
    if which == "this":
        year = pub.year - 1 if code == 24 and pub.month <= 2 else pub.year
        return f"{year:04d}-{code}", "season"
    step = 1 if which in ("next", "coming", "ahead") else -1
    # "last"/"next" move off the current season first; a bare season and
    # one ahead ("until the summer") may be the current one.
    moved = which in (None, "ahead")
    while code != current or not moved:
        moved = True
        current += step
        if current > 24:
            year, current = year + 1, 21
        elif current < 21:
            year, current = year - 1, 24
    return f"{year:04d}-{code}", "season"


def _weekend(pub: dt.date, which: str | None) -> Resolved:
    """Resolve "the weekend", "this/last/next weekend" to the ISO week holding it.

    A bare "(over/at) the weekend" is the most recent one, the publication
    day's own when that is a Saturday or Sunday; "this weekend" is the one of
    the publication week; "last"/"next" are the weekends before and after it.
    """
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}
    in_weekend = pub.weekday() >= 5
    if which is None:
        weeks = 0 if in_weekend else -1
    else:
        weeks = shift[which]
        if which in ("last", "past", "previous") and not in_weekend:
            weeks = -1
    return _week(pub + dt.timedelta(weeks=weeks))


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
        # "the weekend" ("over the weekend"), "this weekend", "last weekend"
        re.compile(r"^(?:(last|past|previous|this|next|coming)\s+)?weekend$"),
        _needs_pub(lambda m, pub: _weekend(pub, m.group(1))),
    ),
    (
        # "this summer", "last winter", "next spring", "(in the) summer"
        re.compile(r"^(?:(last|past|previous|this|next|coming)\s+)?" + _PHASE + _SEASON + "$"),
        _needs_pub(lambda m, pub: _season(pub, m.group(1), m.group(2))),
    ),
    (
        # "summer 2024", "the summer of 2023", "early spring 2022"
        re.compile(r"^" + _PHASE + _SEASON + r"(?: of)?,? ((?:1[89]|20)\d\d)$"),
        lambda m, pub: (f"{m.group(2)}-{_SEASONS[m.group(1)]}", "season"),
    ),
    (
        # "last year's summer", "summer last year", "the winter of last year"
        re.compile(
            r"^(?:(?:the )?last years?'?s? " + _SEASON + r"|" + _SEASON + r"(?: of)? last year)$"
        ),
        _needs_pub(
            lambda m, pub: (f"{pub.year - 1:04d}-{_SEASONS[m.group(1) or m.group(2)]}", "season")
        ),
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
def resolve_date(
    text: str, pub: dt.date | None, *, ahead: bool = False
) -> tuple[str | None, str | None]:
    """Return ``(value, granularity)`` for a date expression, or ``(None, None)``.

    ``ahead``: the expression sits in a clause about what is to come ("will
    meet on Friday", "will vote in March"), so a bare weekday, month or
    season is the next one (the current one included), not the last.
    """
    norm = _normalise(text)
    if ahead and pub is not None:
        if match := _BARE_WEEKDAY.match(norm):
            return _weekday(pub, "ahead", match.group(1))
        if match := _BARE_MONTH.match(norm):  # "will meet in March": this March or next
            month = _MONTHS[match.group(1)]
            return _month(pub.year if month >= pub.month else pub.year + 1, month)
        if match := _BARE_SEASON.match(norm):  # "until the summer": this one or the next
            return _season(pub, "ahead", match.group(1))
    for pattern, rule in _RULES:
        match = pattern.match(norm)
        if match:
            resolved = rule(match, pub)
            return resolved if resolved else (None, None)
    resolved = _dateparser(norm, pub)
    return resolved if resolved else (None, None)


_BARE_WEEKDAY = re.compile("^" + _WEEKDAY + _PART + "$")
_BARE_MONTH = re.compile("^" + _PHASE + _MONTH + "$")
_BARE_SEASON = re.compile("^" + _PHASE + _SEASON + "$")
# Auxiliaries that put a clause ahead of the time of writing or of speaking
# ("will meet", "would release … by Friday" in reported speech).
_AHEAD_AUX = FUTURE_AUX | {"would"}
# Verbs whose complement is still to come ("expect the storm to reach X by
# Friday", "plans to vote on Monday").
_AHEAD_HEADS = AHEAD_HEADS | {"forecast"}


def _looks_ahead(tokens: Sequence[Token], starts: list[int], start: int) -> bool:
    """Return True when the verb governing the token at ``start`` is a future."""
    i = bisect_right(starts, start) - 1
    if i < 0:
        return False
    for _ in range(4):  # Friday -> by -> release
        tok = tokens[i]
        if tok.pos in {"VERB", "AUX"}:
            head = tokens[tok.head]
            return any(
                t.head == i and t.dep == "aux" and t.text.lower() in _AHEAD_AUX
                for t in tokens[max(0, i - 4) : i]
            ) or (tok.dep in {"xcomp", "ccomp"} and head.lemma.lower() in _AHEAD_HEADS)
        if tok.head == i:
            return False
        i = tok.head
    return False


class DatesStage:
    """Resolve each DATE mention to an ISO value with its granularity."""

    name: ClassVar[str] = "dates.dateparser.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"dates"})

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def version(self) -> str:
        """Return a string that changes when the rules would resolve differently."""
        return f"{self.name}:rules{DATES_VERSION}"

    def __call__(self, doc: AnalysedArticle) -> AnalysedArticle:
        """Resolve one article's DATE mentions."""
        pub = publication_date(doc.article.published)
        starts = [t.start for t in doc.tokens]
        dates = []
        for mention in doc.mentions:
            if mention.type != "DATE":
                continue
            ahead = pub is not None and _looks_ahead(doc.tokens, starts, mention.start)
            value, granularity = resolve_date(mention.text, pub, ahead=ahead)
            dates.append(
                DateMention(
                    id=span_id("date", doc.article.id, mention.start, mention.end),
                    article_id=doc.article.id,
                    text=mention.text,
                    start=mention.start,
                    end=mention.end,
                    value=value,
                    granularity=granularity,
                    period_start=period_start(value, granularity) if value else None,
                    period_end=period_end(value, granularity) if value else None,
                )
            )
        return replace(doc, dates=tuple(dates))
