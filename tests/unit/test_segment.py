"""Tests for splitting pasted plain text into articles (all text invented here)."""

from __future__ import annotations

import dataclasses
import itertools
import time

import pytest

from newsgraph.ingest.segment import Segment, segment_lines, split_articles

# Three invented articles on unrelated subjects, each opening with a one-line
# standfirst that has no final full stop, then one paragraph per line.
HARBOUR = [
    "Dockworkers in Port Velmar have ended a nine-day strike after the harbour board agreed to a new pay deal",  # noqa: E501
    "The strike, which left more than forty cargo ships waiting offshore, ended on Tuesday night when union leaders accepted a three-year agreement. Loading resumed at dawn.",  # noqa: E501
    "Under the deal, crane operators and lashers will receive a pay rise of six percent this year and four percent in each of the next two years.",  # noqa: E501
    "“We did not want this to drag on, but our members needed a fair offer,” said union secretary Olvan Trisk. “Tonight they got one.”",  # noqa: E501
    "The harbour board said the backlog of containers would take about two weeks to clear and apologised to shippers for the delays.",  # noqa: E501
    "Exporters of fruit and timber had warned that the stoppage was costing them millions, with perishable cargo rotting on the quays.",  # noqa: E501
]
ORCHESTRA = [
    "The Kelmont Youth Orchestra will tour four countries next spring, its first trip abroad in a decade",  # noqa: E501
    "The orchestra, founded by violinist Marisa Quell in 1988, will perform twelve concerts in concert halls and cathedrals between March and May.",  # noqa: E501
    "Its ninety musicians, aged between fourteen and twenty-one, were chosen from more than six hundred applicants at auditions held over the summer.",  # noqa: E501
    "Conductor Abel Ferrow said the programme would pair a symphony by a local composer with works by Dvořák and Sibelius.",  # noqa: E501
    "Tickets for the opening concert go on sale next month, and the orchestra is still looking for host families to house its players.",  # noqa: E501
]
FLOOD = [
    "Heavy rain has flooded farmland across the Dorrin valley, forcing hundreds of families to leave their homes",  # noqa: E501
    "Rivers burst their banks on Sunday after three days of storms, submerging roads and fields across the valley and cutting off several villages.",  # noqa: E501
    "Emergency crews used boats to rescue residents stranded on rooftops, and the regional government opened shelters in schools and sports halls.",  # noqa: E501
    "Forecasters expect more rain later in the week, and officials have urged people living near the water to stay away until the level falls.",  # noqa: E501
    "Farmers fear the flooding has destroyed much of the wheat harvest, which had been due to be gathered within days.",  # noqa: E501
]


def _titles(segments: list[Segment]) -> list[str | None]:
    return [s.title for s in segments]


def _assert_partition(segments: list[Segment], n_lines: int) -> None:
    """Segments must cover every line exactly once, in order."""
    assert segments[0].start_line == 0
    assert segments[-1].end_line == n_lines
    for a, b in itertools.pairwise(segments):
        assert a.end_line == b.start_line
        assert a.start_line < a.end_line


def test_empty_input_gives_no_segments() -> None:
    assert segment_lines([]) == []
    assert split_articles("") == []
    assert split_articles("\n  \n\n") == []


def test_segment_is_frozen_keyword_only_and_slotted() -> None:
    seg = Segment(start_line=0, end_line=3, title="A headline")
    with pytest.raises(dataclasses.FrozenInstanceError):
        seg.start_line = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Segment(0, 3, None)  # type: ignore[misc]
    assert not hasattr(seg, "__dict__")


def test_single_article_stays_whole() -> None:
    segments = segment_lines(HARBOUR)
    assert len(segments) == 1
    assert segments[0] == Segment(start_line=0, end_line=len(HARBOUR), title=HARBOUR[0])


def test_concatenated_standfirst_articles_are_split() -> None:
    lines = HARBOUR + ORCHESTRA + FLOOD
    segments = segment_lines(lines)
    _assert_partition(segments, len(lines))
    assert [s.start_line for s in segments] == [0, len(HARBOUR), len(HARBOUR) + len(ORCHESTRA)]
    assert _titles(segments) == [HARBOUR[0], ORCHESTRA[0], FLOOD[0]]


def test_headline_dateline_and_byline_open_one_article() -> None:
    first = [
        "Velmar Council Approves New Tram Line",
        "THURSDAY, MARCH 6, 2031, 10:42 AM",
        "By Irena Colvast",
        *HARBOUR[1:],
    ]
    second = [
        "Youth Orchestra Plans Spring Tour Abroad",
        "Posted Mar 7, 2031 8:15 AM EST",
        *ORCHESTRA[1:],
    ]
    lines = first + second
    segments = segment_lines(lines)
    assert [s.start_line for s in segments] == [0, len(first)]
    # the title is the headline, not the dateline or byline under it
    assert _titles(segments) == [first[0], second[0]]


def test_dateline_above_the_headline_is_not_the_title() -> None:
    first = ["March 6, 2031 | Updated 9:05 AM", "Floods Force Hundreds From Homes", *FLOOD[1:]]
    lines = ORCHESTRA + first
    segments = segment_lines(lines)
    assert [s.start_line for s in segments] == [0, len(ORCHESTRA)]
    assert segments[1].title == "Floods Force Hundreds From Homes"


def test_short_paragraphs_and_quote_lines_do_not_split() -> None:
    lines = [
        HARBOUR[0],
        HARBOUR[1],
        "Talks collapse",
        HARBOUR[2],
        "“Enough is enough”",
        HARBOUR[3],
        "Members of the union voted as follows:",
        HARBOUR[4],
        HARBOUR[5],
    ]
    segments = segment_lines(lines)
    assert len(segments) == 1
    assert segments[0].title == HARBOUR[0]


def test_blank_line_separated_input() -> None:
    def spaced(article: list[str]) -> list[str]:
        out: list[str] = []
        for para in article:
            out += [para, ""]
        return out

    lines = ["", *spaced(HARBOUR), "", *spaced(ORCHESTRA), *spaced(FLOOD)]
    segments = segment_lines(lines)
    _assert_partition(segments, len(lines))
    assert _titles(segments) == [HARBOUR[0], ORCHESTRA[0], FLOOD[0]]
    # blank lines before a start stay with the article before it
    assert lines[segments[1].start_line] == ORCHESTRA[0]
    assert lines[segments[2].start_line] == FLOOD[0]


def test_article_without_headline_has_no_title() -> None:
    segments = segment_lines(HARBOUR[1:])
    assert len(segments) == 1
    assert segments[0].title is None


def test_split_articles_returns_stripped_text_with_title_inside() -> None:
    text = "\n".join(HARBOUR + ORCHESTRA) + "\n\n"
    pairs = split_articles(text)
    assert len(pairs) == 2
    (body1, title1), (body2, title2) = pairs
    assert title1 == HARBOUR[0]
    assert title2 == ORCHESTRA[0]
    assert body1 == "\n".join(HARBOUR)
    assert body2 == "\n".join(ORCHESTRA)
    assert body1.startswith(title1)


def test_ten_thousand_lines_are_fast() -> None:
    block = HARBOUR + ORCHESTRA + FLOOD
    lines = block * (10_000 // len(block) + 1)
    segment_lines(lines[:50])  # load the weights outside the timing
    t0 = time.perf_counter()
    segments = segment_lines(lines[:10_000])
    elapsed = time.perf_counter() - t0
    _assert_partition(segments, 10_000)
    # about 0.3 s on a laptop-class CPU; generous for slow CI machines
    assert elapsed < 2.0
