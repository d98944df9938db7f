"""Commands that browse the store: articles, one article with its marks, search, stats."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsgraph.cli.common import (
    DEFAULT_DB,
    DbOption,
    JsonOption,
    LimitOption,
    OffsetOption,
    _print_json,
    _read,
    app,
    out,
)
from newsgraph.marks import Mark, nest, render_brackets


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    source: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    country: Annotated[
        str | None, typer.Option(help="Mentioning a place or an actor of this ISO-3 code.")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Containing every one of these words.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles in publication and input order."""
    from newsgraph.store import list_articles

    rows = _read(
        db, list_articles,
        limit=limit, offset=offset, source=source, since=since, until=until,
        country=country, text=text,
    )  # fmt: skip
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} article(s)", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("source", max_width=16, overflow="ellipsis", no_wrap=True)
    table.add_column("title", min_width=24, ratio=1, overflow="fold")
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    for row in rows:
        title = (row.title or "(untitled)") + (
            f" [dim](near-duplicate of {row.duplicate_of})[/]" if row.duplicate_of else ""
        )
        table.add_row(
            row.id,
            (row.published or "—")[:10],
            escape(row.source or "—"),
            escape(row.title or "(untitled)") if not row.duplicate_of else title,
            str(row.words),
            str(row.mentions),
        )
    out.print(table)


_STYLES = {
    "PERSON": "bold magenta",
    "ORG": "bold cyan",
    "GPE": "bold green",
    "LOC": "green",
    "NORP": "yellow",
    "DATE": "blue",
    "quote": "italic",
    "place": "bold green",
    "date": "blue",
    "amount": "bold yellow",
}
# NER types whose mark a resolved place, date or amount replaces.
_RESOLVED_TYPES = frozenset(
    {"GPE", "LOC", "FAC", "DATE", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
)


def _amount_label(amount: Any) -> str:
    parts = [f"amount {amount.value:g}", amount.unit, amount.object]
    return " ".join(p for p in parts if p)


def _event_label(event: Any) -> str:
    # [Lima accused Quito]{event ACCUSE PER→ECU}; flags say what did not happen.
    label = f"event {event.type}" + (f"/{event.mode}" if event.mode else "")
    who = f"{event.source_country or '?'}→{event.target_country or '?'}"
    flags = [f for f in ("negated", "hypothetical", "future") if getattr(event, f, False)]
    return " ".join([label, who, *flags])


def _detail_marks(detail: Any) -> list[Mark]:
    # A place, date or amount replaces the NER mark it was read from, with
    # what was resolved: [Tiflis]{place Tbilisi/GEO}, [Monday]{date 2025-10-06}.
    resolved = [
        Mark(start=p.start, end=p.end, kind="place", label=f"place {p.name}/{p.country}")
        for p in detail.places
    ]
    resolved += [
        Mark(start=d.start, end=d.end, kind="date", label=f"date {d.value or '?'}")
        for d in detail.dates
    ]
    resolved += [
        Mark(start=a.start, end=a.end, kind="amount", label=_amount_label(a))
        for a in detail.amounts
    ]

    def replaced(m: Any) -> bool:
        return m.type in _RESOLVED_TYPES and any(
            (r.start <= m.start and m.end <= r.end) or (m.start <= r.start and r.end <= m.end)
            for r in resolved
        )

    marks = [
        Mark(start=m.start, end=m.end, kind="mention", label=m.type)
        for m in detail.mentions
        if not replaced(m)
    ]
    marks += [
        Mark(
            start=q.start,
            end=q.end,
            kind="quote",
            label=f"quote {q.speaker}" if q.speaker else "quote",
        )
        for q in detail.quotes
    ]
    marks += [
        Mark(start=e.start, end=e.end, kind="event", label=_event_label(e)) for e in detail.events
    ]
    return marks + resolved


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="The article id (see `newsgraph articles`).")],
    db: DbOption = DEFAULT_DB,
    plain: Annotated[
        bool,
        typer.Option(help="Mark spans as [text]{TYPE} instead of colours (default when piped)."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show an article's text with its extractions marked."""
    from newsgraph.store import get_article

    detail = _read(db, get_article, article_id)
    if as_json:
        _print_json(detail)
        return
    article = detail.article
    marks = _detail_marks(detail)
    header = f"{article.title or '(untitled)'}\n{article.id} · {article.published or 'undated'}"
    header += f" · {article.source or 'unknown source'}"
    if article.url:
        header += f" · {article.url}"
    if detail.duplicate_of:
        header += f"\nnear-duplicate of {detail.duplicate_of}"
    if plain or not out.is_terminal:
        sys.stdout.write(header + "\n\n" + render_brackets(article.text, marks) + "\n")
        return
    out.print(Text(header, style="bold"))
    text = Text(article.text)
    for mark in nest(marks):
        style = _STYLES.get(mark.label) or _STYLES.get(mark.kind, "underline")
        text.stylize(style, mark.start, mark.end)
    out.print(text)
    counts: dict[str, int] = {}
    for m in detail.mentions:
        counts[m.type] = counts.get(m.type, 0) + 1
    legend = Text("\n")
    for label, n in sorted(counts.items()):
        legend.append(f" {label} {n} ", style=_STYLES.get(label, "underline"))
    out.print(legend)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="How many hits.")] = 20,
    raw: Annotated[
        bool,
        typer.Option(help='Pass QUERY to SQLite FTS5 as is: title:word, OR, NEAR(), "phrases".'),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over article titles and texts (SQLite FTS5, bm25 ranking)."""
    from newsgraph.store import search as run_search

    hits = _read(db, run_search, query, limit=limit, raw=raw)
    if as_json:
        _print_json(hits)
        return
    if not hits:
        out.print("no matches")
        return
    for hit in hits:
        line = Text()
        line.append(hit.id, style="dim")
        line.append(f"  {hit.title or '(untitled)'}", style="bold")
        out.print(line)
        snippet = Text("    ")
        for piece, match in hit.segments():
            snippet.append(piece.replace("\n", " "), style="bold yellow" if match else "")
        out.print(snippet)


@app.command()
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Summarise the database: table sizes, sources, dates, failures, top mentions."""
    from newsgraph.store import stats as run_stats

    result = _read(db, run_stats)
    if as_json:
        _print_json(result)
        return
    tables = Table(title="tables", title_justify="left")
    tables.add_column("table")
    tables.add_column("rows", justify="right")
    for name, n in result.tables.items():
        tables.add_row(name, f"{n:,}")
    out.print(tables)
    out.print(
        f"published {result.first_published or '—'} … {result.last_published or '—'}"
        f" · undated {result.undated} · near-duplicates {result.duplicates}"
    )
    if result.sources:
        out.print("sources: " + ", ".join(f"{s or '(none)'} {n}" for s, n in result.sources))
    if result.failures_by_code:
        out.print("failures: " + ", ".join(f"{c} {n}" for c, n in result.failures_by_code.items()))
    for label, top in result.top_mentions.items():
        out.print(f"{label}: " + ", ".join(f"{escape(t)} ({n})" for t, n in top))
