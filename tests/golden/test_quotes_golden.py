"""Golden articles we wrote: every quotation a reader would list, with its speaker (#3)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.extract.entities import EntityStage
from newsgraph.extract.quotes import QuoteStage

from tests.builders import make_doc

pytestmark = [pytest.mark.slow, pytest.mark.issue(3)]

ARTICLE = "\n".join(
    [
        "Polish minister says the grain deal is dead, Pavel Novak has said",
        "The grain agreement between Poland and Ukraine is on a “permanent hold,” "
        "Polish Agriculture Minister Pavel Novak has told journalists.",
        "Novak said the talks had collapsed after the last round in Lublin. "
        "He warned that farmers would block the border again in spring.",
        "“We gave them every chance to compromise,” Novak said. "
        "“They chose to ignore our farmers.”",
        "Ukrainian Trade Minister Olena Marchenko rejected the claim. "
        "She said that Ottawa had offered new quotas in March.",
        "According to Marchenko, the offer is still on the table.",
        "“Our door is open,” the Ukrainian minister told Novak in a letter.",
        "Warsaw has insisted that any deal must protect Polish producers.",
    ]
)

# (words in the quote, speaker's canonical name, kind)
EXPECTED = [
    ("the grain deal is dead", "Pavel Novak", "indirect"),
    ("permanent hold", "Pavel Novak", "mixed"),
    ("talks had collapsed", "Pavel Novak", "indirect"),
    ("farmers would block the border", "Pavel Novak", "indirect"),
    ("every chance to compromise", "Pavel Novak", "direct"),
    ("ignore our farmers", "Pavel Novak", "direct"),
    ("offered new quotas", "Olena Marchenko", "indirect"),
    ("still on the table", "Olena Marchenko", "indirect"),
    ("Our door is open", "Olena Marchenko", "direct"),
    ("must protect Polish producers", "Warsaw", "indirect"),
]


@pytest.fixture(scope="module")
def quotes(spacy_stage: Any) -> Any:
    doc = QuoteStage()(EntityStage()(spacy_stage(make_doc(ARTICLE))))
    return doc.quotes


@pytest.mark.parametrize(("words", "speaker", "kind"), EXPECTED)
def test_expected_quote(quotes: Any, words: str, speaker: str, kind: str) -> None:
    hits = [q for q in quotes if words in q.text]
    assert hits, f"missing quote with {words!r}"
    assert (hits[0].speaker, hits[0].kind) == (speaker, kind)
    assert hits[0].speaker_entity_id is not None


def test_addressee_and_no_spurious_quotes(quotes: Any) -> None:
    door = next(q for q in quotes if "door is open" in q.text)
    assert door.addressee == "Pavel Novak"
    # Every quote found is one a reader would list (precision on this article).
    listed = [q for q in quotes if any(words in q.text for words, _, _ in EXPECTED)]
    assert len(listed) >= len(quotes) - 1, [q.text for q in quotes]
