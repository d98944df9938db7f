"""Shared pieces of the CLI: the Typer app, common options, errors and rendering.

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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsgraph import __version__
from newsgraph.errors import NewsgraphError

_T = TypeVar("_T")

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
LimitOption = Annotated[int, typer.Option(min=1, help="How many to list.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="How many to skip (for paging).")]
ConfigOption = Annotated[
    Path | None, typer.Option(help="A TOML settings file (default ./newsgraph.toml).")
]
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


def _read(db: Path, query: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """Run one library read function on the database at ``db``, opened read-only.

    A missing database or a user error ends the command with a one-line message.
    """
    from newsgraph.store import Store

    with _user_errors(), Store.open(_existing_db(db), readonly=True) as store:
        return query(store, *args, **kwargs)


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


def _summary_table(title: str, rows: Sequence[tuple[str, str]]) -> Table:
    """Return a two-column table of a run's figures: a bold name and a right-aligned value."""
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    for name, value in rows:
        table.add_row(name, value)
    return table


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
