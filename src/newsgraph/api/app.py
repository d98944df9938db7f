"""The FastAPI app: JSON read endpoints, the guarded analyse endpoint and the error policy.

Every JSON endpoint and every web page (:mod:`newsgraph.web.pages`) calls the
same read functions of :mod:`newsgraph.store`, so a page and its JSON twin
always agree. Each worker thread keeps its own read-only connection: SQLite
connections are per thread, and WAL lets them read while ``analyze`` writes.
"""

from __future__ import annotations

import dataclasses
import hmac
import io
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.errors import ErrorCode, NewsgraphError
from newsgraph.store import (
    EntitySummary,
    Store,
    get_article,
    get_entity,
    list_articles,
    list_entities,
    list_events,
    list_quotes,
    search,
    stats,
)
from newsgraph.store.stories import get_story, list_stories
from newsgraph.store.views import (
    articles_mentioning,
    entity_activity,
    list_amounts,
    list_places,
    map_points,
)

__all__ = ["DEFAULT_MAX_BYTES", "StoreProvider", "create_app", "jsonable"]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_MAX_BYTES = 2_000_000
"""Largest request body ``POST /api/analyze`` accepts (about 300 000 words of text)."""

NOT_FOUND = {ErrorCode.E303, ErrorCode.E305, ErrorCode.E601, ErrorCode.E701}
STATUS = {ErrorCode.E703: 403, ErrorCode.E704: 401, ErrorCode.E705: 413, ErrorCode.E708: 500}

Limit = Annotated[int, Query(ge=1, le=500, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip; follow `next` to page.")]
Since = Annotated[str | None, Query(description="On or after (YYYY-MM-DD or ISO datetime).")]
Until = Annotated[str | None, Query(description="On or before (YYYY-MM-DD or ISO datetime).")]


class StoreProvider:
    """Hands each thread its own read-only :class:`Store` on one database file.

    :meth:`cached` remembers results of whole-corpus aggregates until the
    database changes: ranking every entity by mentions aggregates the whole
    mentions table (1.4 s for 600k mentions, bench/serve.py), too slow to
    repeat on every home page view.
    """

    def __init__(self, db_path: str | Path) -> None:
        """Remember the path; connections open lazily, one per thread."""
        self.path = Path(db_path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._version: tuple[int, ...] = ()

    def version(self) -> tuple[int, ...]:
        """Return a key that changes whenever a commit lands (database and WAL file stats)."""
        key: list[int] = []
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = path.stat()
            except OSError:
                key += [0, 0]
                continue
            key += [st.st_mtime_ns, st.st_size]
        return tuple(key)

    def cached(self, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
        """Return ``compute()``, reusing the result for ``key`` until the database changes."""
        version = self.version()
        with self._lock:
            if version != self._version:
                self._cache.clear()
                self._version = version
            if key in self._cache:
                return cast(_T, self._cache[key])
        value = compute()
        with self._lock:
            if self._version == version and len(self._cache) < 512:
                self._cache[key] = value
        return value

    def __call__(self) -> Store:
        """Return this thread's store, opening it on first use."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.path, readonly=True)
            self._local.store = store
        return store


def jsonable(value: Any) -> Any:
    """Turn records (frozen dataclasses), tuples and dicts into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def cached_entities(store: StoreProvider, **filters: Any) -> list[EntitySummary]:
    """Return :func:`list_entities` for ``filters``, cached until the database changes."""
    key = ("entities", *sorted(filters.items()))
    return store.cached(key, lambda: list_entities(store(), **filters))


def error_status(code: ErrorCode) -> int:
    """Return the HTTP status a coded error maps to (404 unknown ids, 400 bad input)."""
    if code in NOT_FOUND:
        return 404
    return STATUS.get(code, 400)


def error_body(exc: NewsgraphError) -> dict[str, Any]:
    """Return the JSON body of an error: its code and one-line message."""
    return {"error": {"code": exc.code.name, "message": str(exc)}}


def _page(request: Request, items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """Wrap a listing with its paging: ``next`` is the URL of the following page, if any."""
    nxt = None
    if len(items) == limit:
        nxt = str(request.url.include_query_params(offset=offset + limit))
    return {"items": jsonable(items), "limit": limit, "offset": offset, "next": nxt}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", ""
    )


def create_app(
    db_path: str | Path,
    *,
    allow_writes: bool = False,
    token_env: str = "NEWSGRAPH_TOKEN",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FastAPI:
    """Build the app serving the JSON API under ``/api`` and the web UI on the same store.

    With ``allow_writes``, ``POST /api/analyze`` accepts text from clients
    that send ``Authorization: Bearer <token>`` where the token is the value
    of the ``token_env`` environment variable (E707 when it is unset). The
    database must exist (E301), so a typo does not serve an empty store.
    """
    token = os.environ.get(token_env, "")
    if allow_writes and not token:
        raise NewsgraphError(ErrorCode.E707, env=token_env)
    Store.open(db_path, readonly=True).close()  # fail now (E301/E302), not per request
    store = StoreProvider(db_path)
    app = FastAPI(
        title="newsgraph",
        description="Who said and did what, to whom, when and where: read the newsgraph store.",
        docs_url=None,  # the Swagger UI loads from a CDN; /docs is served offline instead
        redoc_url=None,
    )
    app.state.store = store
    app.state.db_path = str(db_path)

    _install_errors(app)
    _add_read_routes(app, store)
    _add_write_route(app, str(db_path), allow_writes, token, token_env, max_bytes)

    from newsgraph.web.pages import add_pages

    add_pages(app, store)
    return app


def _install_errors(app: FastAPI) -> None:
    from newsgraph.web.pages import error_page

    def respond(request: Request, exc: NewsgraphError) -> Response:
        status = error_status(exc.code)
        if _wants_html(request):
            return error_page(request, exc, status)
        return JSONResponse(error_body(exc), status_code=status)

    @app.exception_handler(NewsgraphError)
    async def _coded(request: Request, exc: NewsgraphError) -> Response:
        return respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        name = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        err = NewsgraphError(ErrorCode.E702, name=name, reason=first.get("msg", "invalid"))
        return respond(request, err)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return respond(request, NewsgraphError(ErrorCode.E701, path=request.url.path))
        if exc.status_code == 405:
            err = NewsgraphError(
                ErrorCode.E702, name="method", reason=f"{request.method} not allowed"
            )
            return JSONResponse(error_body(err), status_code=405)
        return JSONResponse({"error": {"code": None, "message": exc.detail}}, exc.status_code)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        # The traceback is for the operator; the client gets one coded line.
        log.exception("error serving %s", request.url.path)
        return respond(request, NewsgraphError(ErrorCode.E708, path=request.url.path))


def _add_read_routes(app: FastAPI, store: StoreProvider) -> None:
    @app.get("/api/stats", tags=["corpus"])
    def api_stats() -> dict[str, Any]:
        """Corpus overview: table sizes, sources, date range, failures, top mentions."""
        result: dict[str, Any] = jsonable(store.cached(("stats", 10), lambda: stats(store())))
        return result

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        request: Request,
        source: str | None = None,
        entity: Annotated[
            str | None, Query(description="Only articles mentioning it (id).")
        ] = None,
        since: Since = None,
        until: Until = None,
        country: Annotated[
            str | None, Query(description="Mentions a place or an actor of this ISO-3 code.")
        ] = None,
        text: Annotated[str | None, Query(description="Words; all must occur.")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Articles by publication date (undated last), then input order and id."""
        if entity:
            items = articles_mentioning(
                store(), entity, source=source, since=since, until=until, limit=limit,
                offset=offset,
            )  # fmt: skip
        else:
            items = list_articles(
                store(), limit=limit, offset=offset, source=source, since=since, until=until,
                country=country, text=text,
            )  # fmt: skip
        return _page(request, items, limit, offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One article with its sentences, mentions, entities, quotes, events and more."""
        result: dict[str, Any] = jsonable(get_article(store(), article_id))
        return result

    @app.get("/api/search", tags=["search"])
    def api_search(
        q: Annotated[str, Query(min_length=1, description="Words; all must occur.")],
        scope: Annotated[str, Query(pattern="^(articles|quotes|entities)$")] = "articles",
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search over articles (FTS5) or quotes (FTS5), or entity names."""
        items: list[Any]
        if scope == "quotes":
            items = list_quotes(store(), text=q, limit=limit, offset=offset)
        elif scope == "entities":
            items = cached_entities(store, name=q, limit=limit, offset=offset)
        else:
            items = search(store(), q, limit=limit, offset=offset)
        return {"scope": scope, "q": q, "items": jsonable(items), "limit": limit, "offset": offset}

    @app.get("/api/entities", tags=["entities"])
    def api_entities(
        request: Request,
        type: Annotated[
            str | None, Query(description="One type or several, comma-separated: PERSON,ORG.")
        ] = None,
        country: str | None = None,
        text: Annotated[str | None, Query(description="Name or alias contains.")] = None,
        since: Annotated[
            str | None, Query(description="Mentioned in an article published on or after.")
        ] = None,
        until: Annotated[
            str | None, Query(description="Mentioned in an article published on or before.")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Entities, most mentioned first, then name and id."""
        types = tuple(t.strip() for t in type.split(",") if t.strip()) if type else None
        items = cached_entities(
            store, type=types, country=country, name=text, since=since, until=until,
            limit=limit, offset=offset,
        )  # fmt: skip
        return _page(request, items, limit, offset)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str) -> dict[str, Any]:
        """One entity (by id, name or alias) with its articles and quotes by and about it."""
        detail = get_entity(store(), entity_id)
        result: dict[str, Any] = jsonable(detail)
        activity = entity_activity(store(), detail.entity.id)
        result["events_as_actor"] = jsonable(activity.as_actor)
        result["events_as_target"] = jsonable(activity.as_target)
        result["timeline"] = jsonable(activity.timeline)
        result["network"] = jsonable(activity.network)
        return result

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(
        request: Request,
        entity: Annotated[str | None, Query(description="Speaker name or alias.")] = None,
        kind: str | None = None,
        about: Annotated[str | None, Query(description="Target talked about.")] = None,
        text: Annotated[str | None, Query(description="Words in the quote.")] = None,
        since: Since = None,
        until: Until = None,
        article: str | None = None,
        country: Annotated[str | None, Query(description="Speaker's country (ISO-3).")] = None,
        top_level: Annotated[
            bool, Query(description="Leave out quotes nested in another's words.")
        ] = False,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Quotes by article date and position."""
        items = list_quotes(
            store(),
            speaker=entity,
            kind=kind,
            about=about,
            text=text,
            since=since,
            until=until,
            article_id=article,
            country=country,
            top_level=top_level,
            limit=limit,
            offset=offset,
        )
        return _page(request, items, limit, offset)

    @app.get("/api/events", tags=["events"])
    def api_events(
        request: Request,
        type: str | None = None,
        entity: Annotated[str | None, Query(description="Source or target actor.")] = None,
        country: str | None = None,
        since: Since = None,
        until: Until = None,
        article: str | None = None,
        flagged: Annotated[bool, Query(description="Include negated/hypothetical.")] = False,
        kind: Annotated[str | None, Query(description="PLOVER mode, e.g. arrest, aerial.")] = None,
        text: Annotated[
            str | None, Query(description="Evidence sentence or location contains.")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Event mentions by date, then article and position."""
        items = list_events(
            store(),
            type=type,
            actor=entity,
            country=country,
            since=since,
            until=until,
            article_id=article,
            include_flagged=flagged,
            mode=kind,
            text=text,
            limit=limit,
            offset=offset,
        )
        return _page(request, items, limit, offset)

    @app.get("/api/places", tags=["places"])
    def api_places(
        request: Request,
        country: str | None = None,
        text: Annotated[str | None, Query(description="Place name contains.")] = None,
        kind: Annotated[str | None, Query(description="Feature: country, city, ...")] = None,
        since: Since = None,
        until: Until = None,
        article: str | None = None,
        entity: Annotated[str | None, Query(description="In articles mentioning it (id).")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Place mentions by article date."""
        items = list_places(
            store(),
            country=country,
            name=text,
            feature=kind,
            article_id=article,
            since=since,
            until=until,
            entity=entity,
            limit=limit,
            offset=offset,
        )
        return _page(request, items, limit, offset)

    @app.get("/api/amounts", tags=["amounts"])
    def api_amounts(
        request: Request,
        kind: Annotated[str | None, Query(description="Unit, e.g. USD or people.")] = None,
        text: str | None = None,
        since: Since = None,
        until: Until = None,
        article: str | None = None,
        entity: Annotated[str | None, Query(description="In articles mentioning it (id).")] = None,
        country: Annotated[
            str | None, Query(description="In articles about a place or actor of it.")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Amounts (money, people, quantities) by article date."""
        items = list_amounts(
            store(),
            unit=kind,
            text=text,
            article_id=article,
            since=since,
            until=until,
            entity=entity,
            country=country,
            limit=limit,
            offset=offset,
        )
        return _page(request, items, limit, offset)

    @app.get("/api/map", tags=["places"])
    def api_map(
        country: str | None = None,
        since: Since = None,
        until: Until = None,
        limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    ) -> dict[str, Any]:
        """Geocoded places with mention and event counts, for the map."""
        points = map_points(store(), country=country, since=since, until=until, limit=limit)
        return {"items": jsonable(points)}

    @app.get("/api/stories", tags=["stories"])
    def api_stories(
        request: Request,
        entity: str | None = None,
        since: Since = None,
        until: Until = None,
        country: Annotated[
            str | None, Query(description="An article mentions a place or actor of it.")
        ] = None,
        text: Annotated[str | None, Query(description="An article contains every word.")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Stories, latest activity first."""
        items = list_stories(
            store(), entity=entity, since=since, until=until, country=country, text=text,
            limit=limit, offset=offset,
        )  # fmt: skip
        return _page(request, items, limit, offset)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """One story with its articles, timeline and consolidated quotes."""
        result: dict[str, Any] = jsonable(get_story(store(), story_id))
        return result


def _add_write_route(
    app: FastAPI, db_path: str, allow_writes: bool, token: str, token_env: str, max_bytes: int
) -> None:
    lock = threading.Lock()  # one analyse at a time: SQLite has one writer anyway

    @app.post("/api/analyze", tags=["write"])
    async def api_analyze(request: Request) -> dict[str, Any]:
        """Analyse a posted article or file into the store.

        JSON `{"text", "title"?, "source"?, "published"?, "url"?}` is one
        article; any other body is read as a file of the format its content
        type or the `format` parameter names (text, jsonl, html, feed,
        warc), else sniffed. Off unless the server runs with
        `--allow-writes`; needs `Authorization: Bearer <token>`; bodies over
        the size limit get 413.
        """
        if not allow_writes:
            raise NewsgraphError(ErrorCode.E703)
        sent = request.headers.get("authorization", "")
        if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            raise NewsgraphError(ErrorCode.E704, env=token_env)
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            raise NewsgraphError(ErrorCode.E705, size=int(declared), limit=max_bytes)
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > max_bytes:
                raise NewsgraphError(ErrorCode.E705, size=f"over {len(body)}", limit=max_bytes)
        fmt = request.query_params.get("format")
        data, fmt = _analyze_input(bytes(body), request.headers.get("content-type", ""), fmt)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_run_analyze, db_path, data, fmt, lock)


# Content types of files posted as they are; anything else is sniffed like a file.
_CONTENT_FORMATS = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/warc": "warc",
}


def _analyze_input(body: bytes, content_type: str, fmt: str | None) -> tuple[bytes, str | None]:
    """Return the bytes to ingest and their format (None: sniff); E706 if there is nothing.

    A JSON object ``{"text", "title"?, "source"?, "published"?, "url"?}``
    becomes one JSONL record; any other body is read like a file of the
    format its content type (or the ``format`` parameter) names.
    """
    import json

    from newsgraph.ingest import FORMATS

    if fmt is not None and fmt not in FORMATS:
        raise NewsgraphError(ErrorCode.E702, name="format", reason=f"use one of {FORMATS}")
    mime = content_type.split(";")[0].strip().lower()
    if mime == "application/json" and fmt is None:
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise NewsgraphError(ErrorCode.E702, name="body", reason=str(exc)) from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise NewsgraphError(ErrorCode.E706)
        if not data["text"].strip():
            raise NewsgraphError(ErrorCode.E706)
        keys = ("text", "title", "source", "published", "url")
        record = {k: data[k] for k in keys if isinstance(data.get(k), str)}
        return json.dumps(record).encode("utf-8") + b"\n", "jsonl"
    if not body.strip():
        raise NewsgraphError(ErrorCode.E706)
    return body, fmt or _CONTENT_FORMATS.get(mime)


def _run_analyze(
    db_path: str, body: bytes, fmt: str | None, lock: threading.Lock
) -> dict[str, Any]:
    from newsgraph.ingest import IngestOptions
    from newsgraph.runners.local import analyze

    with lock:
        report = analyze(
            ["-"], db=db_path, options=IngestOptions(format=fmt), stdin=io.BytesIO(body)
        )
    return {
        "read": report.read,
        "analysed": report.analysed,
        "already_analysed": report.already_analysed,
        "failures": [{"code": f.code, "message": f.message} for f in report.failures],
    }
