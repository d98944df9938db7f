"""Story clustering over the store: joins, hard negatives, incremental runs, copies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.errors import NewsgraphError
from newsgraph.ids import span_id
from newsgraph.records import AnalysedArticle, Mention
from newsgraph.store import Store
from newsgraph.store.stories import get_story, list_stories
from newsgraph.stories.cluster import cluster_stories, pending_story_ids
from newsgraph.stories.dedup import link_near_duplicates
from newsgraph.stories.online import ClusterParams

from tests.builders import make_article

pytestmark = pytest.mark.issue(6)

# Two reports of one dam failure, worded differently.
DAM_A = (
    "Dam burst floods villages in northern Portugal\n"
    "A reservoir dam near Braga gave way on Tuesday night, flooding three villages and "
    "forcing about 600 residents from their homes. Regional engineer Tomas Velde said "
    "cracks in the concrete wall had been reported in the spring. Rescue teams from Porto "
    "used boats to reach families trapped on rooftops, and the reservoir operator Hidrobraga "
    "said it would open an inquiry into the collapse."
)
DAM_B = (
    "Portuguese rescuers search flooded homes after reservoir wall collapses\n"
    "Rescue crews from Porto spent Wednesday pumping water out of homes near Braga after the "
    "reservoir dam collapsed overnight. Tomas Velde, the regional engineer, told reporters the "
    "wall had shown cracks for months. Hidrobraga, which runs the reservoir, said an inquiry "
    "would examine why warnings about the concrete were not acted on; 600 residents remain "
    "in shelters."
)
# Hard negative: the same kind of event, three years earlier, another country and people.
DAM_CHILE = (
    "Mine tailings dam fails in central Chile\n"
    "A tailings dam at a copper mine outside Rancagua failed on Sunday, sending mud into a "
    "river valley and forcing 200 farmers to leave their land. Mine manager Ines Carvallo "
    "said heavy rain had weakened the earth wall. Chilean environmental officials from "
    "Santiago took water samples downstream and the operator Cobre Andino was fined."
)
VOTE = (
    "Parliament approves budget after late-night session\n"
    "Lawmakers in Lisbon approved next year's budget by a narrow margin after a debate that "
    "ran past midnight. Finance minister Clara Duarte said the plan would cut the deficit "
    "while raising pensions, and opposition leader Rui Mendes called it a gamble on growth."
)
VOTE_B = (
    "Narrow majority passes budget in Lisbon\n"
    "The budget passed in Lisbon with a majority of four votes early on Friday. Clara Duarte, "
    "the finance minister, defended pension rises and deficit cuts; Rui Mendes of the "
    "opposition said the growth forecast behind the budget was a gamble."
)

# What NER would find in the texts above, by hand.
NAMES = {
    "Tomas Velde": "PERSON",
    "Ines Carvallo": "PERSON",
    "Clara Duarte": "PERSON",
    "Rui Mendes": "PERSON",
    "Hidrobraga": "ORG",
    "Cobre Andino": "ORG",
    "Parliament": "ORG",
    "Braga": "GPE",
    "Porto": "GPE",
    "Portugal": "GPE",
    "Rancagua": "GPE",
    "Santiago": "GPE",
    "Chile": "GPE",
    "Lisbon": "GPE",
    "Portuguese": "NORP",
    "Chilean": "NORP",
}


def _doc(text: str, *, published: str, order: int, source: str = "Wire") -> AnalysedArticle:
    """Build an analysed article whose mentions are every occurrence of :data:`NAMES`."""
    article = make_article(text, published=published, order=order, source=source, title=None)
    mentions = tuple(
        Mention(
            id=span_id("mention", article.id, m.start(), m.end()),
            article_id=article.id,
            text=m.group(),
            type=kind,
            start=m.start(),
            end=m.end(),
        )
        for name, kind in NAMES.items()
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    )
    return AnalysedArticle(article=article, mentions=mentions, provided=frozenset({"mentions"}))


CORPUS = [
    (DAM_CHILE, "2022-03-06"),
    (DAM_A, "2025-02-11"),
    (VOTE, "2025-02-11"),
    (DAM_B, "2025-02-12"),
    (VOTE_B, "2025-02-14"),
]


def _store(path: Path, items: list[tuple[str, str]], start: int = 0) -> Store:
    store = Store.open(path)
    store.write_batch(
        [_doc(t, published=d, order=start + i) for i, (t, d) in enumerate(items)], pipeline="t"
    )
    return store


def _groups(store: Store) -> set[frozenset[str]]:
    rows = store.connection.execute("SELECT story_id, article_id FROM story_articles")
    groups: dict[str, set[str]] = {}
    for sid, aid in rows:
        groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def _id(text: str) -> str:
    return make_article(text).id


def test_same_event_joins_and_hard_negative_stays_apart(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db", CORPUS) as store:
        report = cluster_stories(store)
        assert report.articles == 5
        assert _groups(store) == {
            frozenset({_id(DAM_A), _id(DAM_B)}),
            frozenset({_id(DAM_CHILE)}),
            frozenset({_id(VOTE), _id(VOTE_B)}),
        }
        assert report.stories_opened == 3


def test_story_record_summarises_its_articles(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db", CORPUS) as store:
        cluster_stories(store)
        (dam,) = [s for s in list_stories(store) if s.articles == 2 and "Dam" in (s.title or "")]
        assert dam.first_published == "2025-02-11"
        assert dam.last_published == "2025-02-12"
        assert dam.distinct_texts == 2
        assert dam.sources == 1
        assert "Tomas Velde" in dam.top_entities
        detail = get_story(store, dam.id)
        assert [a.id for a in detail.articles] == [_id(DAM_A), _id(DAM_B)]
        assert [e.kind for e in detail.timeline] == ["article", "article"]


def test_incremental_runs_equal_one_batch_run(tmp_path: Path) -> None:
    with _store(tmp_path / "batch.db", CORPUS) as batch:
        cluster_stories(batch)
        expected = batch.connection.execute(
            "SELECT article_id, story_id, seq, score, vectors FROM story_articles ORDER BY seq"
        ).fetchall()
        expected_stories = batch.connection.execute("SELECT * FROM stories ORDER BY id").fetchall()
    with _store(tmp_path / "inc.db", CORPUS[:2]) as inc:
        assert cluster_stories(inc).articles == 2
        inc.write_batch(
            [_doc(t, published=d, order=2 + i) for i, (t, d) in enumerate(CORPUS[2:])],
            pipeline="t",
        )
        assert cluster_stories(inc).articles == 3
        got = inc.connection.execute(
            "SELECT article_id, story_id, seq, score, vectors FROM story_articles ORDER BY seq"
        ).fetchall()
        got_stories = inc.connection.execute("SELECT * FROM stories ORDER BY id").fetchall()
    assert [tuple(r) for r in got] == [tuple(r) for r in expected]
    assert [tuple(r) for r in got_stories] == [tuple(r) for r in expected_stories]


def test_rerun_changes_nothing(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db", CORPUS) as store:
        cluster_stories(store)
        before = store.connection.execute("SELECT * FROM story_articles ORDER BY seq").fetchall()
        terms = store.connection.execute("SELECT * FROM story_terms ORDER BY term").fetchall()
        assert pending_story_ids(store) == []
        assert cluster_stories(store).articles == 0
        after = store.connection.execute("SELECT * FROM story_articles ORDER BY seq").fetchall()
        assert [tuple(r) for r in after] == [tuple(r) for r in before]
        again = store.connection.execute("SELECT * FROM story_terms ORDER BY term").fetchall()
        assert [tuple(r) for r in again] == [tuple(r) for r in terms]


def test_syndicated_copy_joins_its_original_story(tmp_path: Path) -> None:
    copy = DAM_A.replace("on Tuesday night", "late on Tuesday night")
    with Store.open(tmp_path / "s.db") as store:
        store.write_batch(
            [
                _doc(DAM_A, published="2025-02-11", order=0, source="Wire"),
                _doc(copy, published="2025-02-11", order=1, source="Daily Post"),
                _doc(DAM_B, published="2025-02-12", order=2, source="Evening News"),
            ],
            pipeline="t",
        )
        assert len(link_near_duplicates(store, threshold=0.7)) == 1
        # A threshold no article can reach: only the near-duplicate link joins.
        cluster_stories(store, ClusterParams(threshold=1.01))
        assert _groups(store) == {
            frozenset({_id(DAM_A), _id(copy)}),
            frozenset({_id(DAM_B)}),
        }
        (pair,) = [s for s in list_stories(store) if s.articles == 2]
        assert (pair.articles, pair.distinct_texts, pair.sources) == (2, 1, 2)


def test_three_reports_one_story_with_distinct_texts_and_sources(tmp_path: Path) -> None:
    copy = DAM_B.replace("spent Wednesday", "spent all of Wednesday")
    with Store.open(tmp_path / "s.db") as store:
        store.write_batch(
            [
                _doc(DAM_A, published="2025-02-11", order=0, source="Wire"),
                _doc(DAM_B, published="2025-02-12", order=1, source="Daily Post"),
                _doc(copy, published="2025-02-12", order=2, source="Daily Post"),
            ],
            pipeline="t",
        )
        link_near_duplicates(store, threshold=0.7)
        cluster_stories(store)
        (story,) = list_stories(store)
        assert (story.articles, story.distinct_texts, story.sources) == (3, 2, 2)


def test_list_stories_filters_by_date_and_entity(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db", CORPUS) as store:
        cluster_stories(store)
        assert len(list_stories(store)) == 3
        assert len(list_stories(store, since="2025-01-01")) == 2
        (chile,) = list_stories(store, entity="ines carvallo")
        assert chile.first_published == "2022-03-06"
        assert list_stories(store, entity="Nobody Known") == []
        assert len(list_stories(store, limit=1)) == 1
        with pytest.raises(NewsgraphError) as err:
            list_stories(store, since="last week")
        assert err.value.code.name == "E113"


def test_unknown_story_is_e601(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db", CORPUS[:1]) as store:
        with pytest.raises(NewsgraphError) as err:
            get_story(store, "s0000")
        assert err.value.code.name == "E601"
