"""Tests for the shared read functions: listing, article detail, search and stats."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.ids import article_id, span_id
from newsgraph.records import (
    AnalysedArticle,
    Article,
    Failure,
    Mention,
)
from newsgraph.store import (
    MARK_END,
    MARK_START,
    Store,
    fts_query,
    get_article,
    list_articles,
    search,
    stats,
)

from tests.builders import full_doc


def doc(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    published: str | None = None,
    order: int = 0,
    mentions: tuple[tuple[str, str], ...] = (),
) -> AnalysedArticle:
    """Build an analysed article with (word, type) mentions found in ``text``."""
    aid = article_id(text)
    ms = []
    for word, kind in mentions:
        start = text.index(word)
        ms.append(
            Mention(
                id=span_id("mention", aid, start, start + len(word)),
                article_id=aid,
                text=word,
                type=kind,
                start=start,
                end=start + len(word),
            )
        )
    return AnalysedArticle(
        article=Article(
            id=aid, text=text, title=title, source=source, published=published, order=order
        ),
        mentions=tuple(ms),
    )


CORPUS = [
    doc(
        'The Ministry\'s spokesman announced a "pause" in talks with Ottawa.',
        title="Ministry announces pause",
        source="Wire",
        published="2025-10-09T14:03:00+00:00",
        order=0,
        mentions=(("Ministry", "ORG"), ("Ottawa", "GPE")),
    ),
    doc(
        "Talks in Geneva resumed after Ottawa agreed.",
        title="Talks resume",
        source="Daily",
        published="2025-10-09",
        order=1,
        mentions=(("Geneva", "GPE"), ("Ottawa", "GPE")),
    ),
    doc(
        "An undated piece about the Ministry and a café in Ottawa.",
        source="Wire",
        order=2,
        mentions=(("Ministry", "ORG"),),
    ),
    doc(
        "Earlier news from Canberra about NEAR-term AND long-term plans.",
        title="Canberra plans",
        source="Daily",
        published="2025-10-01",
        order=3,
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "q.db") as s:
        s.write_batch(
            CORPUS,
            pipeline="p",
            failures=[Failure(code="E106", message="bad line", where="x:1")],
        )
        yield s


# -- list_articles ------------------------------------------------------------


def test_list_articles_sorted_by_published_then_order(store: Store) -> None:
    rows = list_articles(store)
    assert [r.order for r in rows] == [3, 1, 0, 2]  # undated last
    first = rows[0]
    assert first.title == "Canberra plans"
    assert first.words == len(CORPUS[3].article.text.split())
    assert rows[2].mentions == 2


def test_list_articles_paging_and_filters(store: Store) -> None:
    assert [r.order for r in list_articles(store, limit=2, offset=1)] == [1, 0]
    assert {r.order for r in list_articles(store, source="Wire")} == {0, 2}
    assert [r.order for r in list_articles(store, since="2025-10-09")] == [1, 0]
    # An end date includes the whole day, also datetimes later that day.
    assert [r.order for r in list_articles(store, until="2025-10-09")] == [3, 1, 0]
    assert [r.order for r in list_articles(store, until="2025-10-08")] == [3]
    assert [r.order for r in list_articles(store, until="2025-10-09T12:00:00+00:00")] == [3, 1]


def test_list_articles_bad_date_raises_e113(store: Store) -> None:
    with pytest.raises(NewsgraphError) as info:
        list_articles(store, since="last tuesday")
    assert info.value.code is ErrorCode.E113


# -- get_article ----------------------------------------------------------------


def test_get_article_returns_everything(tmp_path: Path) -> None:
    text = 'Acme said "we pause" and paid $5m in Paris.'
    aid = article_id(text)
    full = full_doc(text, title="T", source="S", published="2025-01-01", meta={"lang": "en"})
    with Store.open(tmp_path / "d.db") as s:
        s.write_batch([full], pipeline="sig")
        detail = get_article(s, aid)
    assert detail.article == full.article
    assert detail.pipeline == "sig"
    assert detail.sentences == full.sentences
    assert [m.id for m in detail.mentions] == ["m1", "m2"]  # by offset
    assert set(detail.mentions) == set(full.mentions)
    assert detail.entities == full.entities
    assert detail.quotes == full.quotes
    assert detail.events == full.events
    assert detail.amounts == full.amounts
    assert detail.places == full.places


def test_get_article_unknown_raises_e303(store: Store) -> None:
    with pytest.raises(NewsgraphError) as info:
        get_article(store, "a-missing")
    assert info.value.code is ErrorCode.E303


# -- search ---------------------------------------------------------------------


def test_search_finds_and_highlights(store: Store) -> None:
    hits = search(store, "ministry")
    assert {h.id for h in hits} == {CORPUS[0].article.id, CORPUS[2].article.id}
    # The title match weighs more.
    assert hits[0].id == CORPUS[0].article.id
    assert hits[0].rank <= hits[1].rank
    assert MARK_START in hits[0].snippet and MARK_END in hits[0].snippet
    assert ("Ministry", True) in hits[0].segments()


def test_search_plain_words_with_punctuation_do_not_crash(store: Store) -> None:
    assert [h.id for h in search(store, 'Ministry\'s "pause"')] == [CORPUS[0].article.id]
    assert [h.id for h in search(store, "NEAR-term AND")] == [CORPUS[3].article.id]
    assert [h.id for h in search(store, 'spokesman: "pause')] == [CORPUS[0].article.id]
    assert [h.id for h in search(store, "title:plans (Canberra")] == []
    assert [h.id for h in search(store, "cafe")] == [CORPUS[2].article.id]  # diacritics folded
    assert {h.id for h in search(store, "Minis*")} == {CORPUS[0].article.id, CORPUS[2].article.id}


def test_search_phrase(store: Store) -> None:
    assert [h.id for h in search(store, '"talks with Ottawa"')] == [CORPUS[0].article.id]
    assert search(store, '"Ottawa with talks"') == []


def test_search_limit_and_offset(store: Store) -> None:
    all_hits = search(store, "ottawa")
    assert len(all_hits) == 3
    assert search(store, "ottawa", limit=1, offset=1) == all_hits[1:2]


def test_search_ranks_only_the_most_recent_matches_of_a_very_common_query(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsgraph.store.query as query_module

    # Three articles say "Ottawa" (stored in order 0, 1, 2). With a window of
    # two, the best match among the two most recently stored ones comes first
    # and the oldest one is not ranked at all.
    monkeypatch.setattr(query_module, "RANK_WINDOW", 2)
    hits = search(store, "ottawa")
    assert [h.id for h in hits] == [CORPUS[1].article.id, CORPUS[2].article.id]
    # A query with fewer matches than the window is ranked in full.
    assert {h.id for h in search(store, "ministry")} == {
        CORPUS[0].article.id,
        CORPUS[2].article.id,
    }


def test_search_raw_fts_syntax(store: Store) -> None:
    hits = search(store, "title:canberra OR geneva", raw=True)
    assert {h.id for h in hits} == {CORPUS[1].article.id, CORPUS[3].article.id}


@pytest.mark.parametrize("query", ['"unbalanced', "ministry AND", "nosuchcolumn:x", "(a OR"])
def test_search_bad_raw_query_raises_e304(store: Store, query: str) -> None:
    with pytest.raises(NewsgraphError) as info:
        search(store, query, raw=True)
    assert info.value.code is ErrorCode.E304


@pytest.mark.parametrize("query", ["", "   ", "--", '""', "!?"])
def test_search_nothing_searchable_raises_e304(store: Store, query: str) -> None:
    with pytest.raises(NewsgraphError) as info:
        search(store, query)
    assert info.value.code is ErrorCode.E304


def test_fts_query_escaping() -> None:
    assert fts_query('Ministry\'s "pause"') == '"Ministry\'s" "pause"'
    assert fts_query("a AND b") == '"a" "AND" "b"'
    assert fts_query("Kre* ***") == '"Kre"*'
    assert fts_query('say"s') == '"say s"'
    assert fts_query("-- !!") == ""


# -- stats ----------------------------------------------------------------------


def test_stats(store: Store) -> None:
    s = stats(store)
    assert s.tables["articles"] == 4
    assert s.tables["mentions"] == 5
    assert dict(s.sources) == {"Wire": 2, "Daily": 2}
    assert s.first_published == "2025-10-01"
    assert s.last_published == "2025-10-09T14:03:00+00:00"
    assert s.undated == 1
    assert s.duplicates == 0
    assert s.failures_by_code == {"E106": 1}
    assert s.top_mentions["GPE"] == (("Ottawa", 2), ("Geneva", 1))
    assert s.top_mentions["ORG"] == (("Ministry", 2),)


def test_stats_on_empty_store(tmp_path: Path) -> None:
    with Store.open(tmp_path / "e.db") as s:
        result = stats(s)
    assert result.tables["articles"] == 0
    assert result.sources == ()
    assert result.first_published is None
    assert result.undated == 0
    assert result.top_mentions == {}


def test_list_stories_filters_by_dates_country_and_words(tmp_path: Path) -> None:
    from newsgraph.records import Place
    from newsgraph.store.stories import list_stories
    from newsgraph.stories.cluster import cluster_stories

    docs = list(CORPUS)
    geneva = docs[1]
    start = geneva.article.text.index("Geneva")
    place = Place(
        id=span_id("place", geneva.article.id, start, start + 6),
        article_id=geneva.article.id,
        name="Geneva",
        start=start,
        end=start + 6,
        country="CHE",
    )
    docs[1] = AnalysedArticle(article=geneva.article, mentions=geneva.mentions, places=(place,))
    with Store.open(tmp_path / "s.db") as s:
        s.write_batch(docs, pipeline="p")
        cluster_stories(s)
        everything = list_stories(s)
        assert everything
        swiss = list_stories(s, country="che")
        assert swiss and all(geneva.article.id in _story_articles(s, x.id) for x in swiss)
        canberra = list_stories(s, text="canberra")
        assert canberra and all(docs[3].article.id in _story_articles(s, x.id) for x in canberra)
        assert list_stories(s, country="NZL") == []
        assert list_stories(s, until="2025-09-30") == []
        early = list_stories(s, until="2025-10-01")
        assert early and all((x.first_published or "") <= "2025-10-01T" for x in early)
        with pytest.raises(NewsgraphError) as info:
            list_stories(s, until="someday")
        assert info.value.code is ErrorCode.E113


def _story_articles(store: Store, story_id: str) -> set[str]:
    rows = store.connection.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,)
    )
    return {r[0] for r in rows}
