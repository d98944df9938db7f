"""The ``newsgraph`` command: thin Typer commands over library functions.

Each command parses options, calls one library function and renders its
result. Errors a user can fix arrive as :class:`NewsgraphError` and are
printed as one line; the exit code is 1. Set ``NEWSGRAPH_DEBUG=1`` to see a
traceback for anything else.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsgraph import __version__
from newsgraph.errors import NewsgraphError
from newsgraph.marks import Mark, nest, render_brackets

app = typer.Typer(
    name="newsgraph",
    help=(
        "Turn raw news into a provenance-backed knowledge graph in one SQLite file.\n\n"
        "Start with:  newsgraph analyze examples/   then   newsgraph articles,  "
        "newsgraph show ID,  newsgraph search WORDS,  newsgraph export --format jsonl."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

out = Console()
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        help="The SQLite file (created if missing). Datasette and any SQLite tool open it too.",
        envvar="NEWSGRAPH_DB",
    ),
]
DEFAULT_DB = Path("newsgraph.db")
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="Read every input as this format (text, jsonl, html, feed, warc) instead of "
        "detecting it from the extension and content.",
    ),
]
NoSegmentOption = Annotated[
    bool,
    typer.Option("--no-segment", help="Treat each plain-text file as one article; don't split it."),
]


def _ingest_options(
    published: str | None, source: str | None, input_format: str | None, no_segment: bool
) -> Any:
    """Check the ingest flags shared by `analyze` and `spark analyze`; build IngestOptions."""
    from newsgraph.ingest import FORMATS, IngestOptions
    from newsgraph.ingest.base import validate_date

    if input_format is not None and input_format not in FORMATS:
        _fail(f"unknown --format {input_format!r}: choose one of {', '.join(FORMATS)}")
    return IngestOptions(
        published=validate_date(published),
        source=source,
        segment=not no_segment,
        format=input_format,
    )


def _fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[bold red]error[/]: {escape(message)}")
    raise typer.Exit(code)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn library errors into one-line messages and exit code 1."""
    try:
        yield
    except NewsgraphError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if os.environ.get("NEWSGRAPH_DEBUG"):
            raise
        _fail(
            f"internal error: {type(exc).__name__}: {exc} "
            "(please report it; NEWSGRAPH_DEBUG=1 shows the traceback)"
        )


def _existing_db(db: Path) -> Path:
    if not db.exists():
        _fail(f"{db}: no such database; create one with: newsgraph analyze FILES --db {db}")
    return db


def _to_jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [_to_jsonable(v) for v in value]
    return value


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(_to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def _print_table(
    title: str,
    columns: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    *,
    wide: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
) -> None:
    """Print rows as a table, or as one block per row on a narrow terminal.

    ``wide`` columns wrap and get the spare width; the others never wrap.
    In the narrow form, ``optional`` columns and empty values are left out.
    """
    if out.width < 120:
        out.print(Text(title, style="bold"))
        for row in rows:
            out.print()
            for column, value in zip(columns, row, strict=True):
                if column not in optional and value not in ("", "—"):
                    out.print(f"[dim]{column:>12}[/]  {value}")
        return
    table = Table(title=title, title_justify="left")
    for column in columns:
        if column in wide:
            table.add_column(column, min_width=24, overflow="fold")
        else:
            table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=24)
    for row in rows:
        table.add_row(*row)
    out.print(table)


def _day(value: str | None) -> str:
    """Return the date part of an ISO date or datetime, or a dash."""
    return value[:10] if value else "—"


def _version_callback(value: bool) -> None:
    if value:
        out.print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv: debug).")
    ] = 0,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(
        level=level,
        format="%(message)s",
        handlers=[RichHandler(console=err, show_path=False, show_time=False)],
        force=True,
    )


# -- analyze -----------------------------------------------------------------


@app.command(
    epilog=(
        "Examples:  newsgraph analyze pasted.txt --published 2025-10-10 --source 'Wire'  ·  "
        "newsgraph analyze crawl/ --workers 2  ·  zcat feed.jsonl.gz | newsgraph analyze -"
    )
)
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or directories (searched recursively) to analyse; '-' reads stdin. "
            "Formats: plain text (one or many articles pasted together), JSONL, HTML, "
            "RSS/Atom, WARC; .gz is opened transparently.",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD or ISO datetime) for articles whose source "
            "gives none. Without it such articles stay undated; today is never assumed.",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(help="Outlet name for articles whose source names none."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes for NLP (default 1; try the core count)."),
    ] = None,
    batch_size: Annotated[
        int | None,
        typer.Option(min=1, help="Articles per batch and per database transaction."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="spaCy pipeline to use, e.g. en_core_web_trf if installed."),
    ] = None,
    input_format: FormatOption = None,
    no_segment: NoSegmentOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero if any file, record or stage failed.")
    ] = False,
    config: Annotated[
        Path | None, typer.Option(help="A TOML settings file (default ./newsgraph.toml).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Analyse news files into the database: articles, sentences, entity mentions.

    Re-running on the same files adds nothing: article ids are hashes of
    their text. An interrupted run keeps every stored batch; run it again to
    finish. Bad files and records are reported in one line each, recorded in
    the failures table, and the rest goes on.
    """
    from newsgraph.runners.local import Progress as RunProgress
    from newsgraph.runners.local import analyze as run_analyze
    from newsgraph.settings import load_settings

    with _user_errors():
        settings = load_settings(config, model=model, workers=workers, batch_size=batch_size)
        options = _ingest_options(published, source, input_format, no_segment)
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]analysing[/]"),
            BarColumn(bar_width=None, pulse_style="cyan"),
            TextColumn("{task.fields[articles]} articles · {task.fields[words]} words"),
            TextColumn("· [cyan]{task.fields[rate]}[/] articles/s"),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
            transient=True,
        )
        with progress:
            task = progress.add_task("analyse", total=None, articles=0, words=0, rate="-")
            elapsed = progress.get_time

            start = elapsed()

            def update(p: RunProgress) -> None:
                seconds = max(elapsed() - start, 1e-9)
                progress.update(
                    task, articles=p.articles, words=p.words, rate=f"{p.articles / seconds:.1f}"
                )

            report = run_analyze(
                paths,
                db=db,
                options=options,
                settings=settings,
                progress=update,
                stdin=sys.stdin.buffer,
            )

    for failure in report.failures[:20]:
        where = (
            f"{failure.where}: " if failure.where and failure.where not in failure.message else ""
        )
        err.print(f"[yellow]skipped[/] {escape(where + failure.message)}")
    if len(report.failures) > 20:
        err.print(f"… and {len(report.failures) - 20} more; see the failures table")
    if not quiet:
        _print_run_summary(report, db)
    if report.interrupted:
        _fail("interrupted; stored batches are kept, run the same command again to finish", 130)
    if report.analysed + report.already_analysed == 0:
        _fail("nothing could be analysed")
    if strict and report.failures:
        _fail(f"{len(report.failures)} failure(s) and --strict was given")


def _print_run_summary(report: Any, db: Path, command: str = "analyze") -> None:
    from newsgraph.store import Store

    table = Table(title=f"newsgraph {command} → {db}", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("articles read", str(report.read))
    table.add_row("analysed now", str(report.analysed))
    table.add_row("already in the database", str(report.already_analysed))
    table.add_row("exact duplicates skipped", str(report.exact_duplicates))
    table.add_row("near-duplicates linked", str(report.near_duplicates))
    table.add_row("stories opened / updated", f"{report.stories_opened} / {report.stories_updated}")
    table.add_row("partial names linked across articles", str(report.entity_merges))
    table.add_row("failures", str(len(report.failures)))
    table.add_row("words/s", f"{report.words_per_second:,.0f}")
    with Store.open(db, readonly=True) as store:
        counts = store.counts()
    for name in (
        "articles", "sentences", "mentions", "entities", "quotes", "events", "places",
        "dates", "amounts", "stories", "failures",
    ):  # fmt: skip
        if name in counts:
            table.add_row(f"{name} in database", f"{counts[name]:,}")
    out.print(table)
    out.print(
        "Explore:  [cyan]newsgraph articles[/]  ·  [cyan]newsgraph show ID[/]  ·  "
        "[cyan]newsgraph search WORDS[/]  ·  [cyan]newsgraph entities[/]  ·  "
        "[cyan]newsgraph quotes[/]  ·  [cyan]newsgraph events[/]  ·  "
        "[cyan]newsgraph stories[/]  ·  [cyan]newsgraph stats[/]  ·  "
        f"[cyan]newsgraph export --format jsonl --out exports/[/]  ·  "
        f"[cyan]datasette {db}[/]"
    )


# -- read commands -----------------------------------------------------------


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip (for paging).")] = 0,
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
    from newsgraph.store import Store, list_articles

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        rows = list_articles(
            store, limit=limit, offset=offset, source=source, since=since, until=until,
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
    from newsgraph.store import Store, get_article

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        detail = get_article(store, article_id)
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
    from newsgraph.store import Store
    from newsgraph.store import search as run_search

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        hits = run_search(store, query, limit=limit, raw=raw)
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
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip (for paging).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List who said what: quotes with their speakers, cues and targets."""
    from newsgraph.store import Store, list_quotes

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        rows = list_quotes(
            store,
            speaker=speaker,
            article_id=article,
            kind=kind,
            about=about,
            text=text,
            country=country,
            since=since,
            until=until,
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
                q.kind,
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
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Summarise the database: table sizes, sources, dates, failures, top mentions."""
    from newsgraph.store import Store
    from newsgraph.store import stats as run_stats

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        result = run_stats(store)
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
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip (for paging).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List canonical entities, most mentioned first, with aliases and actor codes.

    --type takes one type or several, comma-separated (--type PERSON,ORG).
    """
    from newsgraph.store import Store, list_entities

    types = [t.strip() for t in type.split(",") if t.strip()] if type else None
    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        rows = list_entities(
            store, type=types, country=country, name=name, since=since, until=until,
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
    from newsgraph.store import Store, get_entity

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        detail = get_entity(store, key)
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
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip (for paging).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List stories (articles that report the same happening), latest first."""
    from newsgraph.store import Store
    from newsgraph.store.query import list_stories

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        rows = list_stories(
            store, limit=limit, offset=offset, since=since, until=until, entity=entity,
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
    from newsgraph.store import Store
    from newsgraph.store.query import get_story

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        detail = get_story(store, story_id)
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
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl, csv, parquet, or gdelt (GDELT 2.0 event table, TSV)."
        ),
    ] = "jsonl",
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Directory for one file per table.")
    ] = Path("exports"),
    table: Annotated[
        list[str] | None,
        typer.Option("--table", "-t", help="Only these tables (repeatable); default all."),
    ] = None,
) -> None:
    """Write every table to OUT as articles.jsonl, mentions.jsonl, … (docs/schema.md)."""
    from newsgraph.store import Store
    from newsgraph.store import export as run_export

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        paths = run_export(store, format, out_dir, tables=table)
    for path in paths:
        out.print(str(path))


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
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip (for paging).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List who did what to whom: PLOVER events with actors, date, place and evidence."""
    from newsgraph.store import Store, list_events

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        rows = list_events(
            store, type=type, actor=actor, country=country, since=since, until=until,
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


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Interface to bind; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8765,
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Enable POST /api/analyze for clients sending the token in $NEWSGRAPH_TOKEN.",
        ),
    ] = False,
) -> None:
    """Serve the web UI and the HTTP API (JSON under /api, docs at /docs) over a database."""
    import uvicorn

    from newsgraph.api import create_app

    with _user_errors():
        application = create_app(_existing_db(db), allow_writes=allow_writes)
    err.print(f"serving {db} on http://{host}:{port}/ (API docs: /docs); Ctrl-C stops")
    uvicorn.run(application, host=host, port=port, log_level="warning")


# -- Spark runner and load (#8) ---------------------------------------------

spark_app = typer.Typer(
    # \[ keeps rich markup from eating the extra's name.
    help="Run the pipeline on Apache Spark (needs: pip install 'newsgraph\\[spark]').",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")


@spark_app.command(
    "analyze",
    epilog=(
        "Example:  newsgraph spark analyze crawl/ --out out/ --master local[4]  ·  "
        "then  newsgraph load out/ --db newsgraph.db"
    ),
)
def spark_analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders or Hadoop URIs (s3a://, hdfs://) in any format "
            "`newsgraph analyze` reads.",
            show_default=False,
        ),
    ],
    out_dir: Annotated[
        str,
        typer.Option(
            "--out",
            help="Output folder or URI: one Parquet table per export table.",
            show_default=False,
        ),
    ],
    master: Annotated[
        str | None,
        typer.Option(
            help="Spark master: local[N], spark://HOST:7077 or yarn "
            "(default: spark-submit's master, else local[2]).",
        ),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option(min=1, help="Analysis partitions (default: one per 500 articles)."),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for articles whose source gives none.")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Outlet name for articles whose source names none.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Articles per spaCy batch in an executor.")
    ] = None,
    input_format: FormatOption = None,
    no_segment: NoSegmentOption = False,
    config: Annotated[
        Path | None, typer.Option(help="A TOML settings file (default ./newsgraph.toml).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Analyse news files on Spark into Parquet tables with the export schema.

    The same per-article stages as `newsgraph analyze` run in the executors;
    bad files and records become rows of the failures table. Load the result
    with `newsgraph load`, or query it directly with DuckDB or pandas.
    """
    from newsgraph.runners.spark import analyze as run_spark
    from newsgraph.settings import load_settings

    with _user_errors():
        settings = load_settings(config, model=model, batch_size=batch_size)
        options = _ingest_options(published, source, input_format, no_segment)
        report = run_spark(
            paths,
            out=out_dir,
            master=master,
            partitions=partitions,
            options=options,
            settings=settings,
        )
    if not quiet:
        table = Table(title=f"newsgraph spark analyze → {out_dir}", show_header=False)
        table.add_column(style="bold")
        table.add_column(justify="right")
        table.add_row("articles read", str(report.read))
        table.add_row("analysed", str(report.analysed))
        table.add_row("exact duplicates skipped", str(report.exact_duplicates))
        table.add_row("partitions", str(report.partitions))
        table.add_row("failures", str(report.failures))
        table.add_row("Spark start-up s", f"{report.startup_seconds:.1f}")
        table.add_row("total s", f"{report.seconds:.1f}")
        out.print(table)
        out.print(f"Next:  [cyan]newsgraph load {out_dir} --db newsgraph.db[/]")
    if report.analysed == 0:
        _fail("nothing could be analysed")


@app.command()
def load(
    out_dir: Annotated[
        Path, typer.Argument(help="A `newsgraph spark analyze --out` folder.", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    config: Annotated[
        Path | None, typer.Option(help="A TOML settings file (default ./newsgraph.toml).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Merge a Spark run's Parquet output into the database; loading twice changes nothing.

    Then runs the cross-article stages (near-duplicates, stories, entity
    linking, event groups) as `newsgraph analyze` does.
    """
    from newsgraph.runners.load import load as run_load
    from newsgraph.settings import load_settings

    with _user_errors():
        report = run_load(out_dir, db=db, settings=load_settings(config))
    if not quiet:
        _print_run_summary(report, db, command="load")


def main() -> None:
    """Run the CLI."""
    app()
