"""The HTTP API and the web pages in process (#7): routes, filters, paging, errors, escaping."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api import create_app
from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.ids import article_id, span_id
from newsgraph.records import (
    Amount,
    AnalysedArticle,
    Article,
    DateMention,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
)
from newsgraph.store import Store

# An article built to attack the pages: markup in the title, the text, an
# entity name, a quote and the URL. Fictional people; real cities.
EVIL_TITLE = '<script>alert("title")</script> Talks <b>resume</b>'
EVIL_TEXT = (
    'Mara Velkov said "<script>alert(1)</script> we will talk to them" in Lisbon on Monday.\n'
    "<img src=x onerror=alert(2)> Velkov accused Tomas Orrin of delay.\n"
    "The fund paid 5 million dollars."
)
EVIL_ENTITY = "<script>alert(3)</script>Mara Velkov"
CALM_TEXT = "Tomas Orrin visited Nairobi on Tuesday and praised Mara Velkov for the talks."
VELKOV = "ent-velkov"
ORRIN = "ent-orrin"


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _mention(
    aid: str, text: str, needle: str, kind: str, entity: str | None, nth: int = 0
) -> Mention:
    start, end = _span(text, needle, nth)
    return Mention(
        id=span_id("mention", aid, start, end, kind),
        article_id=aid,
        text=needle,
        type=kind,
        start=start,
        end=end,
        entity_id=entity,
    )


def _evil_doc() -> AnalysedArticle:
    text = EVIL_TEXT
    aid = article_id(text)
    q_start, q_end = _span(text, "<script>alert(1)</script> we will talk to them")
    e_start, e_end = _span(text, "Velkov accused Tomas Orrin of delay")
    lis = _span(text, "Lisbon")
    mon = _span(text, "Monday")
    amt = _span(text, "5 million dollars")
    return AnalysedArticle(
        article=Article(
            id=aid,
            text=text,
            title=EVIL_TITLE,
            url="javascript:alert(4)",
            source="Harbour Post",
            published="2025-03-03",
        ),
        sentences=(Sentence(start=0, end=len(text)),),
        mentions=(
            _mention(aid, text, "Mara Velkov", "PERSON", VELKOV),
            _mention(aid, text, "Velkov", "PERSON", VELKOV, nth=1),
            _mention(aid, text, "Tomas Orrin", "PERSON", ORRIN),
            _mention(aid, text, "Lisbon", "GPE", None),
        ),
        entities=(
            Entity(id=VELKOV, name=EVIL_ENTITY, type="PERSON", country="PRT", roles=("envoy",)),
            Entity(id=ORRIN, name="Tomas Orrin", type="PERSON", country="KEN"),
        ),
        quotes=(
            Quote(
                id=span_id("quote", aid, q_start, q_end),
                article_id=aid,
                text=text[q_start:q_end],
                start=q_start,
                end=q_end,
                kind="direct",
                cue="said",
                speaker="Mara Velkov",
                speaker_entity_id=VELKOV,
                targets=("Tomas Orrin",),
                target_entity_ids=(ORRIN,),
            ),
        ),
        events=(
            Event(
                id=span_id("event", aid, e_start, e_end),
                article_id=aid,
                type="ACCUSE",
                start=e_start,
                end=e_end,
                source_actor="Mara Velkov",
                source_country="PRT",
                source_entity_id=VELKOV,
                target_actor="Tomas Orrin",
                target_country="KEN",
                target_entity_id=ORRIN,
                date="2025-03-03",
                location="Lisbon",
                lat=38.72,
                lon=-9.14,
                evidence=text[e_start:e_end],
            ),
        ),
        places=(
            Place(
                id=span_id("place", aid, *lis),
                article_id=aid,
                name="Lisbon",
                start=lis[0],
                end=lis[1],
                country="PRT",
                lat=38.72,
                lon=-9.14,
                feature="city",
            ),
        ),
        dates=(
            DateMention(
                id=span_id("date", aid, *mon),
                article_id=aid,
                text="Monday",
                start=mon[0],
                end=mon[1],
                value="2025-03-03",
                granularity="day",
            ),
        ),
        amounts=(
            Amount(
                id=span_id("amount", aid, *amt),
                article_id=aid,
                value=5e6,
                text="5 million dollars",
                start=amt[0],
                end=amt[1],
                unit="USD",
            ),
        ),
    )


def _calm_doc() -> AnalysedArticle:
    text = CALM_TEXT
    aid = article_id(text)
    return AnalysedArticle(
        article=Article(id=aid, text=text, title="A visit", published="2025-03-05"),
        sentences=(Sentence(start=0, end=len(text)),),
        mentions=(
            _mention(aid, text, "Tomas Orrin", "PERSON", ORRIN),
            _mention(aid, text, "Mara Velkov", "PERSON", VELKOV),
        ),
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.db"
    with Store.open(path) as store:
        store.write_batch([_evil_doc(), _calm_doc()], pipeline="test")
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


EVIL_ID = article_id(EVIL_TEXT)
CALM_ID = article_id(CALM_TEXT)
PAGES = [
    "/",
    "/articles",
    f"/articles/{EVIL_ID}",
    "/entities",
    f"/entities/{VELKOV}",
    f"/entities/{ORRIN}",
    "/quotes",
    "/events",
    "/stories",
    "/map",
    "/search?q=talk",
    "/docs",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_and_links_its_json_twin(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    twin = re.search(r'<a class="json" href="([^"]+)"', r.text)
    assert twin is not None
    j = client.get(twin.group(1).replace("&amp;", "&"))
    assert j.status_code == 200
    assert j.headers["content-type"].startswith("application/json")


@pytest.mark.issue(7)
@pytest.mark.parametrize("path", PAGES)
def test_pages_escape_markup_from_the_store(client: TestClient, path: str) -> None:
    html = client.get(path).text
    for raw in ("<script>alert", "<img src=x", "<b>resume</b>", 'href="javascript:'):
        assert raw not in html, f"{raw!r} unescaped on {path}"


@pytest.mark.issue(7)
def test_article_page_shows_the_hostile_text_as_text(client: TestClient) -> None:
    html = client.get(f"/articles/{EVIL_ID}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;Mara Velkov" in html  # the entity name


def test_article_marks_every_kind_inline(client: TestClient) -> None:
    html = client.get(f"/articles/{EVIL_ID}").text
    kinds = set(re.findall(r'data-kind="(\w+)"', html))
    assert kinds == {"mention", "quote", "event", "place", "date", "amount"}
    # The quote names its speaker on hover and links to the speaker's page.
    assert re.search(r'<mark class="mk mk-quote[^"]*" title="direct quote by &lt;script&gt;', html)
    assert f'<a class="who" href="/entities/{VELKOV}">' in html


def test_entity_page_has_events_quotes_chart_and_network(client: TestClient) -> None:
    html = client.get(f"/entities/{VELKOV}").text
    assert "Events as actor (1)" in html
    assert "Quotes by" in html and "we will talk to them" in html
    assert '<svg class="chart timeline"' in html and "<rect" in html
    assert '<svg class="chart network"' in html and f'href="/entities/{ORRIN}"' in html
    target = client.get(f"/entities/{ORRIN}").text
    assert "Events as target (1)" in target
    assert "Quotes about Tomas Orrin (1)" in target


def test_entity_json_has_timeline_and_network(client: TestClient) -> None:
    body = client.get(f"/api/entities/{VELKOV}").json()
    assert body["entity"]["name"] == EVIL_ENTITY
    assert [b["day"] for b in body["timeline"]] == ["2025-03-03", "2025-03-05"]
    assert body["timeline"][0] == {"day": "2025-03-03", "articles": 1, "quotes": 1, "events": 1}
    assert body["network"] == [
        {
            "entity_id": ORRIN,
            "name": "Tomas Orrin",
            "country": "KEN",
            "outgoing": 1,
            "incoming": 0,
            "types": ["ACCUSE"],
        }
    ]
    assert [e["type"] for e in body["events_as_actor"]] == ["ACCUSE"]
    assert body["events_as_target"] == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/articles?since=2025-03-04", [CALM_ID]),
        ("/api/articles?until=2025-03-03", [EVIL_ID]),
        ("/api/articles?source=Harbour%20Post", [EVIL_ID]),
        (f"/api/articles?entity={ORRIN}", [EVIL_ID, CALM_ID]),
        (f"/api/articles?entity={ORRIN}&since=2025-03-04", [CALM_ID]),
        ("/api/entities?country=KEN", [ORRIN]),
        ("/api/entities?type=PERSON&text=orrin", [ORRIN]),
        ("/api/places?country=PRT&kind=city", ["Lisbon"]),
        ("/api/places?since=2025-03-04", []),
        ("/api/amounts?kind=USD", ["5 million dollars"]),
        ("/api/quotes?entity=velkov&kind=direct", ["direct"]),
        ("/api/quotes?about=orrin&text=talk", ["direct"]),
        ("/api/quotes?kind=indirect", []),
        ("/api/quotes?since=2025-03-03&until=2025-03-03", ["direct"]),
        ("/api/quotes?since=2025-03-04", []),
        ("/api/events?type=accuse&country=KEN", ["ACCUSE"]),
        ("/api/events?entity=orrin&since=2025-03-04", []),
        ("/api/articles?text=nairobi", [CALM_ID]),
        ("/api/articles?country=prt&text=accused", [EVIL_ID]),
        ("/api/articles?country=KEN", [EVIL_ID, CALM_ID]),
        ("/api/articles?country=FRA", []),
        ("/api/entities?type=PERSON,GPE", [VELKOV, ORRIN]),  # most mentioned first
        ("/api/entities?since=2025-03-04&country=KEN", [ORRIN]),
        ("/api/entities?until=2025-03-02", []),
        ("/api/quotes?country=PRT", ["direct"]),
        ("/api/quotes?country=KEN", []),
        ("/api/events?text=delay", ["ACCUSE"]),
        ("/api/events?text=lisbon&kind=arrest", []),
        ("/api/stories?country=PRT", []),
        (f"/api/places?entity={ORRIN}", ["Lisbon"]),
        ("/api/places?entity=ent-nobody", []),
        (f"/api/amounts?entity={VELKOV}&country=KEN", ["5 million dollars"]),
        ("/api/amounts?country=FRA", []),
    ],
)
def test_list_filters(client: TestClient, path: str, expected: list[str]) -> None:
    items = client.get(path).json()["items"]
    got = []
    for item in items:
        if "place" in item:
            got.append(item["place"]["name"])
        elif "amount" in item:
            got.append(item["amount"]["text"])
        elif "event" in item:
            got.append(item["event"]["type"])
        elif "kind" in item:
            got.append(item["kind"])
        else:
            got.append(item["id"])
    assert got == expected


def test_paging_is_stable_and_links_the_next_page(client: TestClient) -> None:
    everything = [a["id"] for a in client.get("/api/articles?limit=50").json()["items"]]
    first = client.get("/api/articles?limit=1").json()
    assert first["next"] is not None
    second = client.get(first["next"]).json()
    assert [first["items"][0]["id"], second["items"][0]["id"]] == everything
    assert second["next"] is not None  # a full page: there may be more
    assert client.get(second["next"]).json() == {
        "items": [],
        "limit": 1,
        "offset": 2,
        "next": None,
    }


@pytest.mark.parametrize(
    ("scope", "q", "field", "expected"),
    [
        ("articles", "accused", "id", EVIL_ID),
        ("quotes", "talk", "kind", "direct"),
        ("entities", "orrin", "id", ORRIN),
    ],
)
def test_search_scopes(client: TestClient, scope: str, q: str, field: str, expected: str) -> None:
    items = client.get(f"/api/search?q={q}&scope={scope}").json()["items"]
    assert [i[field] for i in items] == [expected]


def test_search_page_lists_articles_quotes_and_entities(client: TestClient) -> None:
    html = client.get("/search?q=velkov").text
    assert f'href="/articles/{EVIL_ID}"' in html
    assert f'href="/entities/{VELKOV}"' in html
    assert "<mark>" in html  # the snippet highlights the match


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/articles/nope", 404, "E303"),
        ("/api/entities/nope", 404, "E305"),
        ("/api/articles?entity=nope", 404, "E305"),
        ("/api/stories/nope", 404, "E601"),
        ("/api/nothing-here", 404, "E701"),
        ("/api/articles?limit=0", 400, "E702"),
        ("/api/articles?since=yesterday", 400, "E113"),
        ("/api/quotes?until=2025-13-01", 400, "E113"),
        ("/api/events?type=NOPE", 400, "E560"),
        ("/api/quotes?kind=shouted", 400, "E540"),
        ("/api/search?q=%22", 400, "E304"),
        ("/api/search?q=x&scope=tables", 400, "E702"),
    ],
)
def test_errors_are_coded_json(client: TestClient, path: str, status: int, code: str) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["message"].startswith(f"[{code}]")


@pytest.mark.parametrize("path", ["/articles/nope", "/entities/nope", "/stories/nope", "/nowhere"])
def test_unknown_pages_are_html_404(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"accept": "text/html"})
    assert r.status_code == 404
    assert "Not found" in r.text


def test_an_unexpected_error_is_a_coded_500_without_traceback(db: Path) -> None:
    app = create_app(db)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    r = TestClient(app, raise_server_exceptions=False).get("/api/boom")
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "E708"
    assert "secret" not in r.text


def test_events_csv_download_follows_filters(client: TestClient) -> None:
    r = client.get("/events.csv?type=ACCUSE")
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("date,type,mode,source_actor")
    assert len(lines) == 2 and ",ACCUSE," in lines[1]
    assert client.get("/events.csv?type=SUPPORT").text.strip().count("\n") == 0


def test_map_has_the_geocoded_place_with_its_event(client: TestClient) -> None:
    items = client.get("/api/map").json()["items"]
    assert items == [
        {
            "name": "Lisbon",
            "country": "PRT",
            "lat": 38.72,
            "lon": -9.14,
            "feature": "city",
            "mentions": 1,
            "articles": 1,
            "events": 1,
        }
    ]
    html = client.get("/map").text
    assert 'class="pt ev"' in html
    land = re.search(r'<path class="land" d="([^"]+)"', html)
    assert land is not None and land.group(1).count("M") > 100  # the world's coastlines


def test_openapi_lists_the_read_endpoints(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    for name in ("articles", "entities", "quotes", "events", "places", "amounts", "stories"):
        assert f"/api/{name}" in paths
    assert {"/api/search", "/api/map", "/api/analyze"} <= paths


# -- writes ------------------------------------------------------------------


def test_analyze_is_off_without_allow_writes(client: TestClient) -> None:
    r = client.post("/api/analyze", json={"text": "Anything."})
    assert (r.status_code, r.json()["error"]["code"]) == (403, "E703")


def test_allow_writes_needs_the_token_variable(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NG_TEST_TOKEN", raising=False)
    with pytest.raises(NewsgraphError) as info:
        create_app(db, allow_writes=True, token_env="NG_TEST_TOKEN")
    assert info.value.code is ErrorCode.E707


@pytest.fixture
def writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    path = tmp_path / "w.db"
    with Store.open(path) as store:
        store.write_batch([_calm_doc()], pipeline="test")
    monkeypatch.setenv("NG_TEST_TOKEN", "s3cret-token")
    return TestClient(create_app(path, allow_writes=True, token_env="NG_TEST_TOKEN", max_bytes=64))


@pytest.mark.parametrize(
    ("headers", "body", "status", "code"),
    [
        ({}, {"text": "Short."}, 401, "E704"),
        ({"Authorization": "Bearer wrong"}, {"text": "Short."}, 401, "E704"),
        ({"Authorization": "s3cret-token"}, {"text": "Short."}, 401, "E704"),
        ({"Authorization": "Bearer s3cret-token"}, {"text": "x" * 100}, 413, "E705"),
        ({"Authorization": "Bearer s3cret-token"}, {"title": "no text"}, 400, "E706"),
        ({"Authorization": "Bearer s3cret-token"}, {"text": "   "}, 400, "E706"),
    ],
)
def test_analyze_refuses_bad_requests(
    writer: TestClient, headers: dict[str, str], body: dict[str, Any], status: int, code: str
) -> None:
    r = writer.post("/api/analyze", json=body, headers=headers)
    assert (r.status_code, r.json()["error"]["code"]) == (status, code)
    assert len(writer.get("/api/articles").json()["items"]) == 1  # nothing written


def test_analyze_refuses_a_large_body_sent_without_length(writer: TestClient) -> None:
    def chunks() -> Any:
        yield b"y" * 50
        yield b"y" * 50

    r = writer.post(
        "/api/analyze",
        content=chunks(),
        headers={"Authorization": "Bearer s3cret-token", "content-type": "text/plain"},
    )
    assert (r.status_code, r.json()["error"]["code"]) == (413, "E705")


@pytest.mark.slow
def test_analyze_with_the_token_stores_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.db"
    with Store.open(path) as store:
        store.write_batch([_calm_doc()], pipeline="test")
    monkeypatch.setenv("NG_TEST_TOKEN", "s3cret-token")
    c = TestClient(create_app(path, allow_writes=True, token_env="NG_TEST_TOKEN"))
    text = "Ilse Varga, the port director, said on Friday that ships would return to Gdansk."
    r = c.post(
        "/api/analyze",
        json={"text": text, "source": "Test Wire"},
        headers={"Authorization": "Bearer s3cret-token"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["analysed"] == 1
    hits = c.get("/api/search?q=Gdansk").json()["items"]
    assert len(hits) == 1
    assert c.get(f"/api/articles/{hits[0]['id']}").json()["article"]["source"] == "Test Wire"
    # A file posted as it is: HTML, read by the HTML reader.
    page = (
        "<html><head><title>Harbour reopens</title></head><body><article>"
        "<h1>Harbour reopens</h1><p>Oskar Lind, the harbour master, said on Monday that the "
        "harbour in Rostock would reopen to ferries next week after repairs.</p>"
        "<p>Repairs cost more than expected, he said.</p></article></body></html>"
    )
    r = c.post(
        "/api/analyze",
        content=page.encode(),
        headers={"Authorization": "Bearer s3cret-token", "content-type": "text/html"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["analysed"] == 1
    assert len(c.get("/api/search?q=Rostock").json()["items"]) == 1
    r = c.post(
        "/api/analyze?format=pdf",
        content=b"x",
        headers={"Authorization": "Bearer s3cret-token"},
    )
    assert (r.status_code, r.json()["error"]["code"]) == (400, "E702")


# -- reading while analyze writes ----------------------------------------------


def test_pages_read_while_a_writer_holds_a_transaction(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    with Store.open(path) as store:
        store.write_batch([_calm_doc()], pipeline="test")
        c = TestClient(create_app(path))
        before = c.get("/api/entities").json()["items"]
        with store.transaction():
            store.write_batch([_evil_doc()], pipeline="test")
            # Uncommitted: readers see the last commit, without waiting.
            assert c.get("/api/entities").json()["items"] == before
            assert len(c.get("/api/articles").json()["items"]) == 1
            assert c.get("/").status_code == 200
        # Committed: the cached entity ranking is dropped and recomputed.
        after = {e["id"] for e in c.get("/api/entities").json()["items"]}
        assert after == {VELKOV, ORRIN}
        assert len(c.get("/api/articles").json()["items"]) == 2
        assert ">2</strong> articles" in c.get("/").text
