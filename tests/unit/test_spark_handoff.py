"""The Spark runner without a cluster: the JSON hand-off to `load`, and its errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.records import DateMention, Failure, Token
from newsgraph.runners.load import decode_article, encode_article, load

from tests.builders import full_doc

TEXT = 'Acme said "we will pause the plant" on a $5m deal near Paris.'


def test_an_analysed_article_survives_the_round_trip() -> None:
    doc = full_doc(TEXT, title="Acme pauses", published="2025-10-09", order=7)
    doc = replace(
        doc,
        article=replace(doc.article, meta={"crawl_date": "2025-10-10", "tags": ["a", "b"]}),
        dates=(
            DateMention(
                id="d1", article_id=doc.article.id, text="deal", start=0, end=4, value="2025-10-09"
            ),
        ),
        failures=(Failure(code="E201", message="boom", stage="x", article_id=doc.article.id),),
        tone=-1.5,
        provided=frozenset({"sentences", "mentions"}),
    )
    assert decode_article(encode_article(doc)) == doc


def test_tokens_are_not_carried() -> None:
    doc = full_doc(TEXT)
    token = Token(
        i=0, start=0, end=4, text="Acme", lemma="Acme", pos="PROPN", tag="NNP", dep="nsubj",
        head=1, sent=0,
    )  # fmt: skip
    assert decode_article(encode_article(replace(doc, tokens=(token,)))).tokens == ()


def test_load_refuses_a_folder_that_is_not_spark_output(tmp_path: Path) -> None:
    with pytest.raises(NewsgraphError) as info:
        load(tmp_path, db=tmp_path / "x.db")
    assert info.value.code.name == "E804"


def test_without_pyspark_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from newsgraph.runners.spark import start_session

    monkeypatch.setitem(sys.modules, "pyspark", None)  # makes `import pyspark` fail
    with pytest.raises(NewsgraphError) as info:
        start_session("local[1]")
    assert info.value.code.name == "E801"
    assert "pip install 'newsgraph[spark]'" in str(info.value)
