"""`newsgraph analyze`: read, analyse and store news files, with progress."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsgraph.cli.common import (
    DEFAULT_DB,
    ConfigOption,
    DbOption,
    FormatOption,
    NoSegmentOption,
    _fail,
    _ingest_options,
    _summary_table,
    _user_errors,
    app,
    err,
    out,
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
    config: ConfigOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
) -> None:
    """Analyse news files into the database: entities, quotes, events, places, dates, stories.

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

    table = _summary_table(
        f"newsgraph {command} → {db}",
        [
            ("articles read", str(report.read)),
            ("analysed now", str(report.analysed)),
            ("already in the database", str(report.already_analysed)),
            ("exact duplicates skipped", str(report.exact_duplicates)),
            ("near-duplicates linked", str(report.near_duplicates)),
            (
                "stories opened / updated / merged",
                f"{report.stories_opened} / {report.stories_updated} / {report.stories_merged}",
            ),
            ("partial names linked across articles", str(report.entity_merges)),
            ("failures", str(len(report.failures))),
            ("words/s", f"{report.words_per_second:,.0f}"),
        ],
    )
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
