"""Date resolution against a fixed publication date (issue 4, point 5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.extract.dates import DatesStage, publication_date, resolve_date
from newsgraph.records import AnalysedArticle, Mention
from newsgraph.settings import Settings

from tests.builders import make_doc, parsed_tokens, store_before

pytestmark = pytest.mark.issue(4)

# A Thursday.
PUB = dt.date(2025, 10, 9)


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        # Absolute.
        ("October 2022", "2022-10", "month"),
        ("in 2024", "2024", "year"),
        ("2019", "2019", "year"),
        ("the end of 2019", "2019", "year"),
        ("mid-2023", "2023", "year"),
        ("5 September 2025", "2025-09-05", "day"),
        ("September 30, 2024", "2024-09-30", "day"),
        # Weekdays: the most recent on or before the publication date.
        ("Thursday", "2025-10-09", "day"),
        ("on Thursday", "2025-10-09", "day"),
        ("on Monday", "2025-10-06", "day"),
        ("Friday", "2025-10-03", "day"),
        ("last Thursday", "2025-10-02", "day"),
        ("next Monday", "2025-10-13", "day"),
        ("Wednesday night", "2025-10-08", "day"),
        # Relative to the publication date.
        ("today", "2025-10-09", "day"),
        ("yesterday", "2025-10-08", "day"),
        ("three days ago", "2025-10-06", "day"),
        ("earlier this week", "2025-W41", "week"),
        ("last week", "2025-W40", "week"),
        ("last month", "2025-09", "month"),
        ("earlier this month", "2025-10", "month"),
        ("earlier this year", "2025", "year"),
        ("last year", "2024", "year"),
        ("next year", "2026", "year"),
        # Month names: the most recent such month (dates prefer the past).
        ("in late August", "2025-08", "month"),
        ("early March", "2025-03", "month"),
        ("December", "2024-12", "month"),
        ("last December", "2024-12", "month"),
        ("the last year's December", "2024-12", "month"),
        ("December last year", "2024-12", "month"),
        ("Sept. 5", "2025-09-05", "day"),
        # Weekends: the ISO week holding the Saturday and Sunday meant.
        ("over the weekend", "2025-W40", "week"),
        ("the weekend", "2025-W40", "week"),
        ("this weekend", "2025-W41", "week"),
        ("last weekend", "2025-W40", "week"),
        ("next weekend", "2025-W42", "week"),
        # Seasons as ISO 8601-2 codes (21 spring, 22 summer, 23 autumn, 24 winter).
        ("this summer", "2025-22", "season"),
        ("last summer", "2025-22", "season"),
        ("last winter", "2024-24", "season"),
        ("this winter", "2025-24", "season"),
        ("next spring", "2026-21", "season"),
        ("last autumn", "2024-23", "season"),
        ("in the summer", "2025-22", "season"),
        ("the summer of 2023", "2023-22", "season"),
        ("winter 2021", "2021-24", "season"),
        ("last year's spring", "2024-21", "season"),
    ],
)
def test_resolves_against_the_publication_date(text: str, value: str, granularity: str) -> None:
    assert resolve_date(text, PUB) == (value, granularity)


@pytest.mark.parametrize(
    "text",
    [
        "four years",
        "4 years",
        "the past two years",
        "decades",
        "the 1990s",
        "2022-23",
        "recent weeks",
    ],
)
def test_durations_and_periods_are_not_dates(text: str) -> None:
    assert resolve_date(text, PUB) == (None, None)


def test_without_publication_date_relative_dates_stay_null() -> None:
    for text in ("on Thursday", "last month", "earlier this week", "late August"):
        assert resolve_date(text, None) == (None, None)
    # An expression with its own year does not depend on the publication date.
    assert resolve_date("October 2022", None) == ("2022-10", "month")


def test_publication_date_takes_the_date_of_a_datetime() -> None:
    assert publication_date("2025-10-09T23:10:00+02:00") == PUB
    assert publication_date(None) is None
    assert publication_date("yesterday") is None


def _doc_with_dates(text: str, published: str | None, *spans: str) -> AnalysedArticle:
    doc = make_doc(text, published=published)
    mentions = []
    for span in spans:
        start = text.index(span)
        mentions.append(
            Mention(
                id=f"m{start}",
                article_id=doc.article.id,
                text=span,
                type="DATE",
                start=start,
                end=start + len(span),
            )
        )
    return replace(doc, mentions=tuple(mentions))


def test_stage_keeps_text_offsets_and_granularity() -> None:
    text = "Talks resumed on Thursday after a pause since October 2022."
    doc = _doc_with_dates(text, "2025-10-09", "Thursday", "October 2022")
    out = DatesStage(Settings())(doc)
    assert [(d.text, d.value, d.granularity) for d in out.dates] == [
        ("Thursday", "2025-10-09", "day"),
        ("October 2022", "2022-10", "month"),
    ]
    for d in out.dates:
        assert text[d.start : d.end] == d.text


def test_stage_without_publication_date_keeps_the_expression() -> None:
    text = "Talks resumed on Thursday."
    out = DatesStage(Settings())(_doc_with_dates(text, None, "Thursday"))
    assert [(d.text, d.value, d.granularity) for d in out.dates] == [("Thursday", None, None)]


@pytest.mark.parametrize(
    ("pub", "text", "value"),
    [
        # In January the current winter began the year before.
        (dt.date(2025, 1, 15), "this winter", "2024-24"),
        (dt.date(2025, 1, 15), "last winter", "2023-24"),
        # In summer, "last summer" is the year before's.
        (dt.date(2025, 7, 15), "last summer", "2024-22"),
        # On a Sunday the weekend is the current one; "last weekend" the one before.
        (dt.date(2025, 10, 12), "at the weekend", "2025-W41"),
        (dt.date(2025, 10, 12), "last weekend", "2025-W40"),
    ],
)
def test_seasons_and_weekends_depend_on_where_the_date_falls(
    pub: dt.date, text: str, value: str
) -> None:
    assert resolve_date(text, pub)[0] == value


def test_seasons_and_weekends_need_a_publication_date() -> None:
    assert resolve_date("this summer", None) == (None, None)
    assert resolve_date("over the weekend", None) == (None, None)
    # With its own year a season resolves anyway.
    assert resolve_date("summer 2024", None) == ("2024-22", "season")


@pytest.mark.parametrize(
    ("value", "granularity", "start"),
    [
        ("2025-10-09", "day", "2025-10-09"),
        ("2025-W41", "week", "2025-10-06"),
        ("2025-10", "month", "2025-10-01"),
        ("2025-22", "season", "2025-06-01"),
        ("2024-24", "season", "2024-12-01"),
        ("2025", "year", "2025-01-01"),
        ("sometime", None, "sometime"),
    ],
)
def test_period_start_gives_a_comparable_first_day(
    value: str, granularity: str | None, start: str
) -> None:
    from newsgraph.extract.dates import period_start

    assert period_start(value, granularity) == start


PERIODS = [
    ("2025-10-09", "day", "2025-10-09", "2025-10-09"),
    ("2025-W41", "week", "2025-10-06", "2025-10-12"),
    ("2026-W01", "week", "2025-12-29", "2026-01-04"),
    ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2025-12", "month", "2025-12-01", "2025-12-31"),
    ("2025-22", "season", "2025-06-01", "2025-08-31"),
    ("2024-24", "season", "2024-12-01", "2025-02-28"),
    ("2025", "year", "2025-01-01", "2025-12-31"),
]


@pytest.mark.parametrize(("value", "granularity", "start", "end"), PERIODS)
def test_period_end_is_the_last_day_of_the_period(
    value: str, granularity: str, start: str, end: str
) -> None:
    from newsgraph.extract.dates import period_end, period_start

    assert (period_start(value, granularity), period_end(value, granularity)) == (start, end)


def test_stage_stores_each_date_with_its_period() -> None:
    text = "The vote was held last summer, and the count ended on Friday."
    doc = _doc_with_dates(text, "2025-10-10", "last summer", "Friday")
    dates = DatesStage(Settings())(doc).dates
    assert [(d.granularity, d.period_start, d.period_end) for d in dates] == [
        ("season", "2025-06-01", "2025-08-31"),
        ("day", "2025-10-10", "2025-10-10"),
    ]


def test_migration_fills_periods_of_an_existing_store(tmp_path: Path) -> None:
    from newsgraph.extract.dates import period_end, period_start
    from newsgraph.store import Store

    # A store made by a newsgraph that stopped before 0008_date_periods...
    path = tmp_path / "old.db"
    rows = [*PERIODS, (None, None, None, None)]
    with store_before(path, "0008_date_periods") as conn:
        conn.executemany(
            'INSERT INTO dates (id, article_id, text, start, "end", value, granularity) '
            "VALUES (?, 'a1', 'x', 0, 1, ?, ?)",
            [(f"d{i}", value, granularity) for i, (value, granularity, _, _) in enumerate(rows)],
        )
    # ...opened by this one: SQLite's date arithmetic agrees with Python's.
    with Store.open(path) as store:
        got = store.connection.execute(
            "SELECT value, granularity, period_start, period_end FROM dates ORDER BY id"
        ).fetchall()
    assert [tuple(r) for r in got] == [
        (v, g, period_start(v, g) if v else None, period_end(v, g) if v else None)
        for v, g, _, _ in rows
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Friday", "2025-10-10"),  # the next Friday after a Thursday
        ("Thursday", "2025-10-09"),  # the day itself
        ("Monday morning", "2025-10-13"),
        ("last Friday", "2025-10-03"),  # a qualifier still decides
    ],
)
def test_a_weekday_in_a_clause_about_what_is_to_come_is_ahead(text: str, value: str) -> None:
    assert resolve_date(text, PUB, ahead=True) == (value, "day")


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("March", "2026-03", "month"),  # "will vote in March", written in October
        ("late October", "2025-10", "month"),  # the current month
        ("the winter", "2025-24", "season"),
        ("autumn", "2025-23", "season"),  # the current season
        ("March 2024", "2024-03", "month"),  # a year decides
    ],
)
def test_months_and_seasons_in_a_clause_about_what_is_to_come_are_ahead(
    text: str, value: str, granularity: str
) -> None:
    assert resolve_date(text, PUB, ahead=True) == (value, granularity)


def _parsed_doc(rows: list[tuple[str, str, str, str, str, int]], day: str) -> AnalysedArticle:
    tokens = parsed_tokens(rows)
    text = " ".join(r[0] for r in rows)
    start = text.index(day)
    doc = replace(make_doc(text, published="2025-10-09"), tokens=tuple(tokens))
    mention = Mention(
        id="m", article_id=doc.article.id, text=day, type="DATE", start=start, end=start + len(day)
    )
    return replace(doc, mentions=(mention,))


def test_the_stage_reads_the_tense_of_the_verb_that_governs_the_date() -> None:
    ahead = [
        ("Crews", "crew", "NOUN", "NNS", "nsubjpass", 3),
        ("will", "will", "AUX", "MD", "aux", 3),
        ("be", "be", "AUX", "VB", "auxpass", 3),
        ("freed", "free", "VERB", "VBN", "ROOT", 3),
        ("by", "by", "ADP", "IN", "prep", 3),
        ("Friday", "Friday", "PROPN", "NNP", "pobj", 4),
        (".", ".", "PUNCT", ".", "punct", 3),
    ]
    past = [
        ("Crews", "crew", "NOUN", "NNS", "nsubjpass", 2),
        ("were", "be", "AUX", "VBD", "auxpass", 2),
        ("freed", "free", "VERB", "VBN", "ROOT", 2),
        ("on", "on", "ADP", "IN", "prep", 2),
        ("Friday", "Friday", "PROPN", "NNP", "pobj", 3),
        (".", ".", "PUNCT", ".", "punct", 2),
    ]
    stage = DatesStage(Settings())
    assert stage(_parsed_doc(ahead, "Friday")).dates[0].value == "2025-10-10"
    assert stage(_parsed_doc(past, "Friday")).dates[0].value == "2025-10-03"
