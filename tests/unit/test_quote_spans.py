"""Quotation-mark pairing, without any model (#3)."""

from __future__ import annotations

import pytest

from newsgraph.extract.quote_spans import find_quote_spans, is_title


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” Ana Vidal said.", ["We will win,"]),
        ('"We will win," Ana Vidal said.', ["We will win,"]),
        ("''We will win,'' said Ana Vidal.", ["We will win,"]),
        ("„Wir gewinnen“ is German; “we win” is not.", ["Wir gewinnen", "we win"]),
        ("She called it «a farce» twice.", ["a farce"]),
        # A closing mark used as an opening one, as some feeds print it.
        (
            "”I object to all of it… enough,” the senator said.",
            ["I object to all of it… enough,"],
        ),
        # Single quotes nest inside double ones; apostrophes are not marks.
        (
            "“It’s a ‘fight to the final vote,’ she said,” Tom Hale wrote.",
            ["It’s a ‘fight to the final vote,’ she said,"],
        ),
        # Editorial brackets and ellipses stay part of the content.
        (
            "“One of… the levers by which [Vidal] can win,” Hale said.",
            ["One of… the levers by which [Vidal] can win,"],
        ),
    ],
)
def test_marks_pair(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_quote_split_around_its_attribution_gives_two_passages() -> None:
    assert texts("“First part,” Ana Vidal said. “Second part.”") == ["First part,", "Second part."]


def test_multi_paragraph_quotation_runs_on() -> None:
    text = "“The first paragraph goes on.\n“The second one too.\n“The last one closes,” Hale said."
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "The first paragraph goes on.",
        "The second one too.",
        "The last one closes,",
    ]
    assert [s.continued for s in spans] == [True, True, False]
    assert [s.continues for s in spans] == [False, True, True]
    assert all(s.balanced for s in spans)


def test_unbalanced_mark_runs_to_paragraph_end_and_is_flagged() -> None:
    text = "Hale said “the plan is dead and buried\nNext paragraph, no quotes."
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end] == "the plan is dead and buried"
    assert not span.balanced


def test_empty_and_stray_marks_do_not_crash() -> None:
    assert texts("") == []
    assert texts("” ” “") == []
    assert texts('Just "') == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # The name of a work beside a work noun, or after an outlet's possessive.
        ("She spoke on the radio show “Morning With Ana” about rents.", True),
        ("He hosts the “Keep It Local” podcast every week.", True),
        ("The mayor told Radio Sur's “Evening Desk” that rents would fall.", True),
        ("In his 2019 book, “Make Your Town a Garden,” he argued for parks.", True),
        # Said words: a sentence, lower case, or no work noun nearby.
        ("The show's host said “we will not stop until rents fall.”", False),
        ("She said the plan was “Dead On Arrival” and left.", False),
        ("The book's author wrote: “Nobody Listened.”", False),
    ],
)
def test_a_quoted_title_of_a_work_is_not_a_quotation(text: str, title: bool) -> None:
    (span,) = find_quote_spans(text)
    assert is_title(text, span) is title
