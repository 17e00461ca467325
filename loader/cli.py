"""The ``loader`` command: thin click commands over the functions in build.py and friends."""
import shlex
import subprocess
import sys
from pathlib import Path

import click
import sqlite_utils

from . import publish
from .build import BuildError, build as build_database
from .corrections import format_review, review_queue
from .distributed import dask_mapper
from .sources import DEFAULT_MAX_BYTES

DEFAULT_DB = Path("build/news.db")
DEFAULT_METADATA = Path("metadata.yml")
DEFAULT_CORRECTIONS = Path("corrections.yml")


@click.group()
@click.version_option(package_name="rusdprk-news")
def cli():
    """Indonesian news about Russia–North Korea military ties -> SQLite -> Datasette."""


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Database to write.")
@click.option("--strict", is_flag=True,
              help="Exit non-zero if any file was skipped or any correction is stale.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True,
              help="Skip article files (and export records' texts) larger than this.")
@click.option("--workers", type=click.IntRange(min=1), help="Extraction processes [default: all cores].")
@click.option("--full", is_flag=True, help="Re-extract every article, not only new or changed ones.")
@click.option("--public", is_flag=True,
              help="Leave out full article texts (keep facts and evidence sentences); use its own --db.")
@click.option("--corrections", "corrections_path",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help=f"Corrections to apply after extraction [default: {DEFAULT_CORRECTIONS} if present].")
@click.option("--no-corrections", is_flag=True, help="Build the raw extraction: apply no corrections.")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Extract on a Dask cluster: tcp://host:8786, or 'local' (needs the dask extra).")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="When another build is writing the same database: wait for it, or stop at once.")
def build(sources, db_path, strict, max_bytes, workers, full, public, corrections_path, no_corrections,
          dask_address, wait):
    """Build the database from article files or folders (default: seeds/): page text (.txt),
    saved pages (.html, .htm) and scraper exports (.jsonl, .ndjson, .json, .csv).

    Only articles whose text is new since the last build are extracted; the cross-article
    merge is always redone.
    """
    sources = list(sources) or [Path("seeds")]
    if no_corrections:
        corrections_path = None
    elif corrections_path is None and DEFAULT_CORRECTIONS.exists():
        corrections_path = DEFAULT_CORRECTIONS
    if public and db_path == DEFAULT_DB:
        raise click.UsageError("--public needs its own --db, e.g. build/public/news.db")

    def progress(results, total):
        with click.progressbar(results, length=total, label="Extracting articles",
                               file=sys.stderr, show_pos=True) as bar:
            yield from bar

    try:
        report = build_database(sources, db_path, max_bytes=max_bytes, progress=progress,
                                workers=workers, incremental=not full, public=public,
                                corrections=corrections_path, wait=wait,
                                mapper=dask_mapper(dask_address) if dask_address else None,
                                on_message=lambda message: click.echo(message, err=True),
                                on_step=lambda step: click.echo(f"{step}…", err=True))
    except BuildError as error:
        raise click.ClickException(str(error))
    click.echo(f"{db_path}: {report.summary()}" + (" (public: no article bodies)" if public else ""),
               err=True)
    if strict and report.skipped:
        raise click.ClickException(f"--strict: {len(report.skipped)} file(s) skipped")
    stale = [r for r in report.corrections if r["status"] == "stale"]
    if strict and stale:
        raise click.ClickException(f"--strict: {len(stale)} stale correction(s)")


@cli.command()
@click.argument("db_path", default=DEFAULT_DB, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def review(db_path):
    """Print what needs a human eye (the `review` canned query): quotes with no speaker,
    unverified people, people named only by one word, meeting dates that disagree."""
    click.echo(format_review(review_queue(sqlite_utils.Database(db_path))))


@cli.command()
@click.argument("db_path", default=DEFAULT_DB, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--metadata", default=DEFAULT_METADATA, show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--templates", default=publish.DEFAULT_TEMPLATES, show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 exposes the server to the network.")
@click.option("--port", default=8001, show_default=True)
@click.option("--workers", default=publish.DEFAULT_SERVE_WORKERS, show_default=True,
              type=click.IntRange(min=publish.MIN_SERVE_WORKERS),
              help="Server processes: a slow page then holds up only its own process.")
def serve(db_path, metadata, templates, host, port, workers):
    """Serve the database with Datasette (read-only, with precomputed row counts) until stopped.
    A rebuild of the database is served without a restart: reload the page."""
    def message(text):
        click.echo(text, err=True)
    message(f"Serving {db_path} on http://{host}:{port}/ ({workers} processes)")
    try:
        status = publish.serve(db_path, metadata, inspect_file=db_path.parent / "inspect.json",
                               templates=templates, host=host, port=port, workers=workers,
                               on_message=message)
    except publish.ServeError as error:
        raise click.ClickException(str(error))
    sys.exit(status)


@cli.command(name="publish")
@click.argument("target", type=click.Choice(list(publish.PUBLISH_TARGETS)))
@click.argument("db_path", default=DEFAULT_DB, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--metadata", default=DEFAULT_METADATA, show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--templates", default=publish.DEFAULT_TEMPLATES, show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--name", default="rusdprk-news", show_default=True,
              help="Service, project, app or image tag name.")
@click.option("--run", is_flag=True, help="Run the command instead of printing it.")
@click.option("--with-bodies", is_flag=True,
              help="Allow a database that still holds full article texts (they belong to their publishers).")
def publish_database(target, db_path, metadata, templates, name, run, with_bodies):
    """Print (or --run) the `datasette publish TARGET` / `datasette package` command."""
    bodies = publish.count_article_bodies(sqlite_utils.Database(db_path))
    if bodies and not with_bodies:
        raise click.ClickException(
            f"{db_path} holds {bodies} full article text(s); build a public copy with "
            f"`loader build --public --db build/public/news.db` or pass --with-bodies")
    command = publish.publish_command(target, db_path, metadata, templates=templates, name=name)
    click.echo(shlex.join(command))
    if run:
        sys.exit(subprocess.call(command))


@cli.command(name="export")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--metadata", default=DEFAULT_METADATA, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Descriptions to copy in.")
def export_tables(out_dir, db_path, metadata):
    """Write every public table as CSV plus a Frictionless datapackage.json to OUT_DIR."""
    package = publish.export(sqlite_utils.Database(db_path), out_dir, metadata)
    click.echo(f"{out_dir}: {len(package['resources'])} tables and datapackage.json", err=True)
