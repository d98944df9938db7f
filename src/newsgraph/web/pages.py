"""The web UI: server-rendered pages over the same read functions as the JSON API.

Every page links its JSON twin (the ``/api`` URL with the same filters).
Templates are Jinja2 with autoescaping on, so text from the store is
escaped wherever it lands; :mod:`newsgraph.web.render` builds the marked
article text and the SVG charts with explicit escaping.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsgraph import __version__
from newsgraph.api.app import StoreProvider, cached_entities
from newsgraph.errors import NewsgraphError
from newsgraph.store import (
    QUOTE_KINDS,
    get_article,
    get_entity,
    list_articles,
    list_events,
    list_quotes,
    search,
    stats,
)
from newsgraph.store.stories import get_story, list_stories
from newsgraph.store.views import (
    articles_mentioning,
    entity_activity,
    map_points,
)
from newsgraph.web.render import article_marks, bar_chart, map_svg, marked_text, network_svg

__all__ = ["EVENT_CSV_FIELDS", "add_pages", "error_page"]

HERE = Path(__file__).parent
ENV = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
PAGE = 50

EVENT_CSV_FIELDS = (
    "date", "type", "mode", "source_actor", "source_country", "target_actor",
    "target_country", "location", "evidence", "confidence", "negated", "hypothetical",
    "future", "article_id", "id",
)  # fmt: skip


def _render(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    html = ENV.get_template(name).render(request=request, version=__version__, **context)
    return HTMLResponse(html, status_code=code)


def error_page(request: Request, exc: NewsgraphError, status: int) -> HTMLResponse:
    """Return the HTML error page for a coded error."""
    return _render(request, "error.html", status, error=exc, status=status, json_url=None)


def _params(request: Request, *names: str) -> dict[str, str]:
    """Return the non-empty query parameters among ``names``."""
    return {n: v for n in names if (v := request.query_params.get(n, "").strip())}


def _int(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name, "")
    return max(0, int(value)) if value.isdigit() else default


def _twin(path: str, params: dict[str, str]) -> str:
    return path + ("?" + urlencode(params) if params else "")


def add_pages(app: FastAPI, store: StoreProvider) -> None:
    """Register the HTML pages, the events CSV, the offline API docs and the static files."""
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        s = store()
        return _render(
            request,
            "home.html",
            stats=store.cached(("stats", 8), lambda: stats(s, top=8)),
            stories=list_stories(s, limit=8),
            # Actors are people and organisations; places rank by mentions too
            # but have their own map.
            actors=cached_entities(store, type=("PERSON", "ORG"), limit=15, offset=0),
            json_url="/api/stats",
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request) -> HTMLResponse:
        q = request.query_params.get("q", "").strip()
        s = store()
        hits = search(s, q, limit=20) if q else []
        quotes = list_quotes(s, text=q, limit=20) if q else []
        entities = cached_entities(store, name=q, limit=20, offset=0) if q else []
        return _render(
            request,
            "search.html",
            q=q,
            hits=hits,
            quotes=quotes,
            entities=entities,
            json_url=_twin("/api/search", {"q": q}) if q else "/api/search?q=",
        )

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request) -> HTMLResponse:
        f = _params(request, "source", "since", "until", "entity", "country", "text")
        offset = _int(request, "offset", 0)
        s, entity = store(), f.get("entity")
        rows = (
            articles_mentioning(s, entity, source=f.get("source"), since=f.get("since"),
                                until=f.get("until"), limit=PAGE, offset=offset)
            if entity
            else list_articles(s, source=f.get("source"), since=f.get("since"),
                               until=f.get("until"), country=f.get("country"),
                               text=f.get("text"), limit=PAGE, offset=offset)
        )  # fmt: skip
        return _render(
            request, "articles.html", rows=rows, f=f, offset=offset, page=PAGE,
            json_url=_twin("/api/articles", {**f, "offset": str(offset)}),
        )  # fmt: skip

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        detail = get_article(store(), article_id)
        names = {e.id: e.name for e in detail.entities}
        return _render(
            request,
            "article.html",
            d=detail,
            names=names,
            body=marked_text(detail.article.text, article_marks(detail)),
            json_url=f"/api/articles/{article_id}",
        )

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(request: Request) -> HTMLResponse:
        f = _params(request, "type", "country", "text", "since", "until")
        offset = _int(request, "offset", 0)
        rows = cached_entities(
            store, type=f.get("type"), country=f.get("country"), name=f.get("text"),
            since=f.get("since"), until=f.get("until"), limit=PAGE, offset=offset,
        )  # fmt: skip
        return _render(
            request, "entities.html", rows=rows, f=f, offset=offset, page=PAGE,
            json_url=_twin("/api/entities", {**f, "offset": str(offset)}),
        )  # fmt: skip

    @app.get("/entities/{key}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, key: str) -> HTMLResponse:
        s = store()
        detail = get_entity(s, key)
        eid = detail.entity.id
        activity = entity_activity(s, eid)
        return _render(
            request,
            "entity.html",
            d=detail,
            as_actor=activity.as_actor,
            as_target=activity.as_target,
            chart=bar_chart(activity.timeline),
            network=network_svg(detail.entity.name, activity.network),
            stories=list_stories(s, entity=eid, limit=10),
            json_url=f"/api/entities/{eid}",
        )

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(request: Request) -> HTMLResponse:
        f = _params(
            request, "entity", "kind", "about", "text", "since", "until", "country", "top_level"
        )
        offset = _int(request, "offset", 0)
        rows = list_quotes(
            store(), speaker=f.get("entity"), kind=f.get("kind"), about=f.get("about"),
            text=f.get("text"), since=f.get("since"), until=f.get("until"),
            country=f.get("country"), top_level=bool(f.get("top_level")), limit=PAGE,
            offset=offset,
        )  # fmt: skip
        return _render(
            request, "quotes.html", rows=rows, f=f, offset=offset, page=PAGE, kinds=QUOTE_KINDS,
            json_url=_twin("/api/quotes", {**f, "offset": str(offset)}),
        )  # fmt: skip

    def _events(request: Request, limit: int, offset: int) -> tuple[dict[str, str], list[Any]]:
        f = _params(request, "type", "kind", "entity", "country", "since", "until", "text")
        rows = list_events(
            store(), type=f.get("type"), mode=f.get("kind"), actor=f.get("entity"),
            country=f.get("country"), since=f.get("since"), until=f.get("until"),
            text=f.get("text"), limit=limit, offset=offset,
        )  # fmt: skip
        return f, rows

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request) -> HTMLResponse:
        offset = _int(request, "offset", 0)
        f, rows = _events(request, PAGE, offset)
        from newsgraph.extract.event_lexicon import EVENT_TYPES

        return _render(
            request, "events.html", rows=rows, f=f, offset=offset, page=PAGE, types=EVENT_TYPES,
            csv_url=_twin("/events.csv", f),
            json_url=_twin("/api/events", {**f, "offset": str(offset)}),
        )  # fmt: skip

    @app.get("/events.csv", include_in_schema=False)
    def events_csv(request: Request) -> Response:
        _events(request, 0, 0)  # validates the filters before streaming starts

        def rows() -> Iterator[str]:
            buf = io.StringIO()
            writer = csv.writer(buf)
            writer.writerow(EVENT_CSV_FIELDS)
            offset = 0
            while True:
                _, page = _events(request, 1000, offset)
                for row in page:
                    writer.writerow([getattr(row.event, n) for n in EVENT_CSV_FIELDS])
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
                if len(page) < 1000:
                    return
                offset += 1000

        headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
        return StreamingResponse(rows(), media_type="text/csv; charset=utf-8", headers=headers)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request) -> HTMLResponse:
        f = _params(request, "entity", "country", "text", "since", "until")
        offset = _int(request, "offset", 0)
        rows = list_stories(store(), limit=PAGE, offset=offset, **f)
        return _render(
            request, "stories.html", rows=rows, f=f, offset=offset, page=PAGE,
            json_url=_twin("/api/stories", {**f, "offset": str(offset)}),
        )  # fmt: skip

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        detail = get_story(store(), story_id)
        return _render(request, "story.html", d=detail, json_url=f"/api/stories/{story_id}")

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request) -> HTMLResponse:
        f = _params(request, "country", "since", "until")
        s = store()
        country, since, until = f.get("country"), f.get("since"), f.get("until")
        points = map_points(s, country=country, since=since, until=until)
        return _render(
            request, "map.html", f=f, svg=map_svg(points), points=points,
            json_url=_twin("/api/map", f),
        )  # fmt: skip

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        # Browsers ask for it on every page, JSON included; answer "none" quietly.
        return Response(status_code=204)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return _render(request, "docs.html", spec=app.openapi(), json_url="/openapi.json")
