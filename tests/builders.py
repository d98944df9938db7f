"""Build records by hand for tests, without loading any model."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

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
    Token,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def parsed_tokens(rows: list[tuple[str, str, str, str, str, int]]) -> list[Token]:
    """Build one sentence of tokens from (text, lemma, pos, tag, dep, head) rows.

    For parses spaCy gives only sometimes: tests pin the misparse by hand.
    Tokens are separated by one space.
    """
    tokens, offset = [], 0
    for i, (text, lemma, pos, tag, dep, head) in enumerate(rows):
        tokens.append(
            Token(
                i=i,
                start=offset,
                end=offset + len(text),
                text=text,
                lemma=lemma,
                pos=pos,
                tag=tag,
                dep=dep,
                head=head,
                sent=0,
            )
        )
        offset += len(text) + 1
    return tokens


def make_article(text: str, **fields: Any) -> Article:
    """Build an Article by hand, with its content-hash id."""
    return Article(id=article_id(text), text=text, **fields)


def make_doc(text: str, **fields: Any) -> AnalysedArticle:
    """Build an AnalysedArticle by hand, with no analysis yet."""
    return AnalysedArticle(article=make_article(text, **fields))


def with_mentions(text: str, spans: list[tuple[str, str]]) -> AnalysedArticle:
    """Build a doc whose mentions are the given (text, type) in order of occurrence."""
    doc = make_doc(text)
    mentions = []
    pos = 0
    for surface, label in spans:
        start = text.index(surface, pos)
        end = start + len(surface)
        pos = end
        mentions.append(
            Mention(
                id=span_id("mention", doc.article.id, start, end, label),
                article_id=doc.article.id,
                text=surface,
                type=label,
                start=start,
                end=end,
            )
        )
    return replace(doc, mentions=tuple(mentions))


def full_doc(text: str, *, aid: str | None = None, **fields: Any) -> AnalysedArticle:
    """Build an article with one record of every kind, for store and export tests.

    ``text`` must contain "Acme", a double-quoted passage, "$5m" and "Paris";
    the records' offsets are found in it.
    """
    aid = aid or article_id(text)
    q0, q1 = text.index('"') + 1, text.rindex('"')
    a0, p0 = text.index("$5m"), text.index("Paris")
    return AnalysedArticle(
        article=Article(id=aid, text=text, **fields),
        sentences=(Sentence(start=0, end=len(text)),),
        mentions=(
            Mention(
                id="m1", article_id=aid, text="Acme", type="ORG", start=0, end=4, entity_id="e1"
            ),
            Mention(id="m2", article_id=aid, text="Paris", type="GPE", start=p0, end=p0 + 5),
        ),
        entities=(Entity(id="e1", name="Acme Corp", type="ORG", aliases=("Acme", "ACME «Ltd»")),),
        quotes=(
            Quote(
                id="q1",
                article_id=aid,
                text=text[q0:q1],
                start=q0,
                end=q1,
                kind="direct",
                cue="said",
                speaker="Acme Corp",
                speaker_entity_id="e1",
                speaker_mention_start=0,
                speaker_mention_end=4,
                confidence=0.75,
            ),
        ),
        events=(
            Event(
                id="v1",
                article_id=aid,
                type="RETREAT",
                start=0,
                end=q1,
                mode="pause",
                source_actor="Acme Corp",
                source_country="USA",
                date="2025-10-09",
                score=-2.5,
                evidence=text[q0:q1],
                confidence=0.5,
            ),
        ),
        amounts=(
            Amount(
                id="n1", article_id=aid, value=5e6, text="$5m", start=a0, end=a0 + 3, unit="USD"
            ),
        ),
        places=(
            Place(
                id="p1", article_id=aid, name="Paris", start=p0, end=p0 + 5, country="FRA",
                lat=48.8566, lon=2.3522,
            ),
        ),
    )  # fmt: skip


@contextmanager
def store_before(path: Path, migration: str) -> Iterator[sqlite3.Connection]:
    """Yield a write transaction on a new store that stopped before ``migration``.

    For migration tests: rows written here have the old schema; the next
    ``Store.open(path)`` applies ``migration`` and the ones after it.
    """
    import newsgraph.store.migrations as migrations
    import newsgraph.store.sqlite as sqlite_store
    from newsgraph.store import Store

    names = [name for name, _ in migrations.MIGRATIONS]
    before = migrations.MIGRATIONS[: names.index(migration)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", before)
        patch.setattr(sqlite_store, "MIGRATIONS", before)
        with Store.open(path) as store, store.transaction() as conn:
            conn.execute(
                "INSERT INTO articles (id, text, \"order\", pipeline) VALUES ('a1', 'x y', 0, 't')"
            )
            yield conn


def events_of(pipeline: Any, text: str, published: str = "2025-03-04") -> list[Event]:
    """Run a pipeline on one short article of ours; return its events."""
    article = Article(id=article_id(text), text=text, published=published)
    (doc,) = pipeline.run([article])
    assert not doc.failures, doc.failures
    return list(doc.events)


def country_pairs(pipeline: Any, text: str, kind: str) -> set[tuple[str | None, str | None]]:
    """Return the (source, target) countries of the ``kind`` events coded in ``text``."""
    return {
        (e.source_country, e.target_country) for e in events_of(pipeline, text) if e.type == kind
    }


def load_bench(name: str) -> Any:
    """Load ``bench/<name>.py`` (a script, not a package) as a module.

    The bench folder goes on ``sys.path``, as when the script is run, so a
    script can import its neighbours (``import stories``).
    """
    import importlib.util
    import sys

    folder = Path(__file__).resolve().parents[1] / "bench"
    if str(folder) not in sys.path:
        sys.path.append(str(folder))
    path = folder / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
