"""Property: any analysed article written to the store reads back unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.ids import article_id, span_id
from newsgraph.records import (
    Amount,
    AnalysedArticle,
    Article,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
)
from newsgraph.store import Store, get_article

# Surrogates cannot be encoded to UTF-8 and never come out of ingest.
TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=200)
NAME = st.text(st.characters(codec="utf-8"), max_size=20)
OPT = st.none() | NAME
FLOAT = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def spans(draw: st.DrawFn, n: int) -> tuple[int, int]:
    start = draw(st.integers(0, n))
    return start, draw(st.integers(start, n))


@st.composite
def analysed(draw: st.DrawFn) -> AnalysedArticle:
    text = draw(TEXT)
    aid = article_id(text)
    n = len(text)

    def many(build: Any, kind: str) -> tuple[Any, ...]:
        out = {}
        for start, end in draw(st.lists(spans(n), max_size=4)):
            sid = span_id(kind, aid, start, end)
            out[sid] = build(sid, start, end)
        return tuple(out.values())

    entity_ids = draw(st.lists(st.sampled_from(["e1", "e2", "e3"]), unique=True))
    entities = tuple(
        Entity(
            id=e,
            name=draw(NAME),
            type="ORG",
            aliases=tuple(draw(st.lists(NAME, max_size=3, unique=True))),
            country=draw(OPT),
        )
        for e in entity_ids
    )
    return AnalysedArticle(
        article=Article(
            id=aid,
            text=text,
            title=draw(OPT),
            url=draw(OPT),
            source=draw(OPT),
            published=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
            published_raw=draw(OPT),
            order=draw(st.integers(0, 2**62)),
            origin=draw(NAME),
            meta=draw(st.dictionaries(NAME, st.integers() | NAME, max_size=3)),
        ),
        sentences=tuple(Sentence(start=s, end=e) for s, e in draw(st.lists(spans(n), max_size=4))),
        mentions=many(
            lambda i, s, e: Mention(
                id=i,
                article_id=aid,
                text=text[s:e],
                type=draw(st.sampled_from(["ORG", "PERSON", "GPE"])),
                start=s,
                end=e,
                entity_id=draw(st.none() | st.sampled_from(entity_ids or ["e9"])),
            ),
            "mention",
        ),
        entities=entities,
        quotes=many(
            lambda i, s, e: Quote(
                id=i,
                article_id=aid,
                text=text[s:e],
                start=s,
                end=e,
                kind=draw(st.sampled_from(["direct", "indirect", "mixed"])),
                cue=draw(OPT),
                speaker=draw(OPT),
                speaker_mention_start=draw(st.none() | st.integers(0, n)),
                speaker_mention_end=draw(st.none() | st.integers(0, n)),
                confidence=draw(FLOAT),
            ),
            "quote",
        ),
        events=many(
            lambda i, s, e: Event(
                id=i,
                article_id=aid,
                type=draw(NAME),
                start=s,
                end=e,
                source_actor=draw(OPT),
                target_country=draw(OPT),
                date=draw(OPT),
                score=draw(st.none() | FLOAT),
                evidence=text[s:e],
                confidence=draw(FLOAT),
            ),
            "event",
        ),
        amounts=many(
            lambda i, s, e: Amount(
                id=i,
                article_id=aid,
                value=draw(FLOAT),
                text=text[s:e],
                start=s,
                end=e,
                unit=draw(OPT),
            ),
            "amount",
        ),
        places=many(
            lambda i, s, e: Place(
                id=i,
                article_id=aid,
                name=text[s:e],
                start=s,
                end=e,
                lat=draw(st.none() | FLOAT),
                lon=draw(st.none() | FLOAT),
            ),
            "place",
        ),
    )


def by_offset(records: tuple[Any, ...]) -> list[Any]:
    return sorted(records, key=lambda r: (r.start, r.end, r.id))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(analysed(), min_size=1, max_size=3, unique_by=lambda d: d.article.id))
def test_store_roundtrip(docs: list[AnalysedArticle]) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "p.db") as store:
        store.write_batch(docs, pipeline="sig")
        store.write_batch(docs, pipeline="sig")  # idempotent
        entities: dict[str, Entity] = {}
        for doc in docs:
            entities.update({e.id: e for e in doc.entities})
        for doc in docs:
            detail = get_article(store, doc.article.id)
            assert detail.article == doc.article
            assert detail.pipeline == "sig"
            assert detail.sentences == doc.sentences
            for field in ("mentions", "quotes", "events", "amounts", "places"):
                got = getattr(detail, field)
                assert list(got) == by_offset(getattr(doc, field)), field
                for record in got:
                    assert 0 <= record.start <= record.end <= len(detail.article.text)
            for m in detail.mentions:
                assert detail.article.text[m.start : m.end] == m.text
            for q in detail.quotes:
                assert detail.article.text[q.start : q.end] == q.text
            linked = {m.entity_id for m in doc.mentions if m.entity_id in entities}
            assert {e.id for e in detail.entities} == linked
        assert store.counts()["articles"] == len(docs)
