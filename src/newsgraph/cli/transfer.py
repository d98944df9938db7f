"""Commands that move data out and in: export, serve, Spark analyze and load."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli.analyze import _print_run_summary
from newsgraph.cli.common import (
    DEFAULT_DB,
    ConfigOption,
    DbOption,
    FormatOption,
    NoSegmentOption,
    _existing_db,
    _fail,
    _ingest_options,
    _read,
    _summary_table,
    _user_errors,
    app,
    err,
    out,
)


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
    from newsgraph.store import export as run_export

    paths = _read(db, run_export, format, out_dir, tables=table)
    for path in paths:
        out.print(str(path))


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
    config: ConfigOption = None,
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
        table = _summary_table(
            f"newsgraph spark analyze → {out_dir}",
            [
                ("articles read", str(report.read)),
                ("analysed", str(report.analysed)),
                ("exact duplicates skipped", str(report.exact_duplicates)),
                ("partitions", str(report.partitions)),
                ("failures", str(report.failures)),
                ("Spark start-up s", f"{report.startup_seconds:.1f}"),
                ("total s", f"{report.seconds:.1f}"),
            ],
        )
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
    config: ConfigOption = None,
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
