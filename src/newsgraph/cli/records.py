"""Commands that list extracted records: quotes, entities, stories, events."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from newsgraph.cli.common import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    LimitOption,
    OffsetOption,
    _day,
    _print_json,
    _print_table,
    _read,
    app,
    out,
)


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[
        str | None, typer.Option(help="Speakers whose name or alias contains this.")
    ] = None,
    article: Annotated[str | None, typer.Option("--article", help="Only this article id.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct, indirect or mixed.")] = None,
    about: Annotated[
        str | None, typer.Option(help="Quotes whose targets (entities talked about) match this.")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Words the quote must contain (full-text search).")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Speakers coded with this country (ISO-3 or IGO code).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Articles published on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Articles published on or before (YYYY-MM-DD).")
    ] = None,
    top_level: Annotated[
        bool,
        typer.Option(
            "--top-level",
            help="Leave out quotes nested in another's words (in 'X said Y believes Z', "
            "Y's quote is X's claim).",
        ),
    ] = False,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List who said what: quotes with their speakers, cues and targets.

    A quote nested in another's words is marked "nested" in the kind column.
    """
    from newsgraph.store import list_quotes

    rows = _read(
        db,
        list_quotes,
        speaker=speaker,
        article_id=article,
        kind=kind,
        about=about,
        text=text,
        country=country,
        since=since,
        until=until,
        top_level=top_level,
        limit=limit,
        offset=offset,
    )
    if as_json:
        _print_json(rows)
        return
    _print_table(
        f"{len(rows)} quote(s)",
        ("speaker", "cue", "kind", "quote", "to", "about", "conf", "article"),
        [
            (
                escape(q.speaker or "—"),
                escape(q.cue or "—"),
                f"{q.kind}, nested" if q.nested_in else q.kind,
                escape(q.text if len(q.text) <= 300 else q.text[:299] + "…"),
                escape(q.addressee or "—"),
                escape(", ".join(q.targets) or "—"),
                f"{q.confidence:.2f}",
                q.article_id,
            )
            for q in rows
        ],
        wide=("quote",),
        optional=("to", "about", "conf", "article"),
    )


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    type: Annotated[
        str | None, typer.Option("--type", help="PERSON, ORG, GPE, LOC or FAC.")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO-3 or IGO code (RUS, EUR, NATO, ...).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Names or aliases containing this.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Mentioned in an article published on or after.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Mentioned in an article published on or before.")
    ] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List canonical entities, most mentioned first, with aliases and actor codes.

    --type takes one type or several, comma-separated (--type PERSON,ORG).
    """
    from newsgraph.store import list_entities

    types = [t.strip() for t in type.split(",") if t.strip()] if type else None
    rows = _read(
        db, list_entities,
        type=types, country=country, name=name, since=since, until=until,
        limit=limit, offset=offset,
    )  # fmt: skip
    if as_json:
        _print_json(rows)
        return
    _print_table(
        f"{len(rows)} entit{'y' if len(rows) == 1 else 'ies'}",
        ("name", "type", "country", "sector", "role", "mentions", "articles", "aliases"),
        [
            (
                escape(row.name),
                row.type,
                row.country or "—",
                row.sector or "—",
                escape(row.role or "—"),
                str(row.mentions),
                str(row.articles),
                escape(", ".join(row.aliases)),
            )
            for row in rows
        ],
        wide=("role", "aliases"),
        optional=("articles", "aliases"),
    )


@app.command()
def entity(
    key: Annotated[str, typer.Argument(help="An entity's name, alias or id.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Show one entity: aliases, roles, codes, its articles, quotes by and about it."""
    from newsgraph.store import get_entity

    detail = _read(db, get_entity, key)
    if as_json:
        _print_json(detail)
        return
    ent = detail.entity
    out.print(Text(f"{ent.name}  ({ent.type})", style="bold"))
    out.print(f"id {ent.id} · country {ent.country or '—'} · sector {ent.sector or '—'}")
    if ent.aliases:
        out.print("aliases: " + escape(", ".join(ent.aliases)))
    if ent.roles:
        out.print("roles: " + escape(", ".join(ent.roles)))
    out.print(f"{detail.mentions} mention(s) in {len(detail.articles)} article(s):")
    for art in detail.articles:
        out.print(f"  {art.id}  {art.published or 'undated'}  {escape(art.title or '(untitled)')}")
    for label, quotes in (("quotes by", detail.quotes_by), ("quotes about", detail.quotes_about)):
        if quotes:
            out.print(f"{label}:")
            for quote in quotes:
                out.print(f"  [{quote.kind}] “{escape(quote.text)}” ({quote.article_id})")


# -- stories (#6) -------------------------------------------------------------


@app.command()
def stories(
    db: DbOption = DEFAULT_DB,
    since: Annotated[
        str | None, typer.Option(help="Only stories with an article published on or after.")
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(help="Only stories mentioning this name or entity id (case-insensitive)."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only stories with an article published on or before.")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(help="Only stories with an article about a place or actor of this code."),
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Only stories with an article with these words.")
    ] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List stories (articles that report the same happening), latest first."""
    from newsgraph.store.stories import list_stories

    rows = _read(
        db, list_stories,
        limit=limit, offset=offset, since=since, until=until, entity=entity,
        country=country, text=text,
    )  # fmt: skip
    if as_json:
        _print_json(rows)
        return
    _print_table(
        f"{len(rows)} stor{'y' if len(rows) == 1 else 'ies'}",
        ("id", "first … last", "title", "articles · texts · sources", "top entities"),
        [
            (
                row.id,
                f"{_day(row.first_published)} … {_day(row.last_published)}",
                escape(row.title or "(untitled)"),
                f"{row.articles} · {row.distinct_texts} · {row.sources}",
                escape(", ".join(row.top_entities)),
            )
            for row in rows
        ],
        wide=("title", "top entities"),
        optional=("top entities",),
    )


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="The story id (see `newsgraph stories`).")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Show a story: its articles, its timeline and its consolidated quotes."""
    from newsgraph.store.stories import get_story

    detail = _read(db, get_story, story_id)
    if as_json:
        _print_json(detail)
        return
    s = detail.story
    texts = s.distinct_texts or len(s.article_ids)
    out.print(Text(s.title or "(untitled)", style="bold"))
    out.print(
        f"{s.id} · {s.first_published or 'undated'} … {s.last_published or 'undated'} · "
        f"{len(detail.articles)} articles, {texts} distinct texts, {len(s.sources)} sources"
    )
    if s.top_entities:
        out.print("entities: " + escape(", ".join(s.top_entities)))
    _print_table(
        "articles",
        ("id", "published", "source", "title"),
        [
            (
                a.id,
                _day(a.published),
                escape(a.source or "—"),
                escape(a.title or "(untitled)")
                + (f" [dim](near-duplicate of {a.duplicate_of})[/]" if a.duplicate_of else ""),
            )
            for a in detail.articles
        ],
        wide=("title",),
    )
    if detail.timeline:
        out.print(Text("timeline", style="bold"))
        for entry in detail.timeline:
            out.print(f"  {entry.date}  [dim]{entry.kind:<7}[/] {escape(entry.text)}")
    if detail.quotes:
        out.print(Text("quotes", style="bold"))
        for quote in detail.quotes:
            who = f"{quote.speaker}: " if quote.speaker else ""
            n = len(quote.article_ids)
            out.print(f"  {escape(who)}“{escape(quote.text)}” [dim]({n} article(s))[/]")


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    type: Annotated[
        str | None, typer.Option("--type", help="PLOVER type: ACCUSE, PROTEST, ASSAULT, …")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Source or target actor name contains this.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="Source or target country code (ISO-3).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Events on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Events on or before this date.")
    ] = None,
    article: Annotated[str | None, typer.Option("--article", help="Only this article id.")] = None,
    mode: Annotated[
        str | None, typer.Option("--mode", help="PLOVER mode: arrest, aerial, violence, …")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Evidence sentence or place contains this.")
    ] = None,
    all_events: Annotated[
        bool, typer.Option("--all", help="Include negated and hypothetical events.")
    ] = False,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
) -> None:
    """List who did what to whom: PLOVER events with actors, date, place and evidence."""
    from newsgraph.store import list_events

    rows = _read(
        db, list_events,
        type=type, actor=actor, country=country, since=since, until=until,
        article_id=article, include_flagged=all_events, mode=mode, text=text, limit=limit,
        offset=offset,
    )  # fmt: skip
    if as_json:
        _print_json(rows)
        return
    table_rows = []
    for row in rows:
        e = row.event
        kind = e.type + (f"/{e.mode}" if e.mode else "")
        flags = [f for f in ("negated", "hypothetical", "future") if getattr(e, f)]
        if flags:
            kind += " (" + ", ".join(flags) + ")"
        table_rows.append(
            (
                _day(e.date),
                kind,
                escape(f"{e.source_actor or '—'} {e.source_country or ''}".strip()),
                escape(f"{e.target_actor or '—'} {e.target_country or ''}".strip()),
                escape(e.location or "—"),
                escape(e.evidence or ""),
                f"{row.num_mentions}/{row.num_articles}",
                e.article_id,
            )
        )
    _print_table(
        f"{len(rows)} event(s)",
        ("date", "type", "source", "target", "where", "evidence", "n", "article"),
        table_rows,
        wide=("evidence",),
        optional=("article",),
    )
