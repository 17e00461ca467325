"""The ``loader`` command: thin click commands over the functions in build.py and friends."""
import subprocess
import sys
from pathlib import Path

import click

from .build import BuildError, build as build_database
from .sources import DEFAULT_MAX_BYTES

DEFAULT_DB = Path("build/news.db")
DEFAULT_METADATA = Path("metadata.yml")


@click.group()
@click.version_option(package_name="rusdprk-news")
def cli():
    """Indonesian news about Russia–North Korea military ties -> SQLite -> Datasette."""


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Database to write.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any file was skipped.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True,
              help="Skip article files larger than this.")
def build(sources, db_path, strict, max_bytes):
    """Build the database from article files or folders (default: seeds/)."""
    sources = list(sources) or [Path("seeds")]

    def progress(files):
        with click.progressbar(files, label="Reading articles", file=sys.stderr,
                               show_pos=True) as bar:
            yield from bar

    try:
        report = build_database(sources, db_path, max_bytes=max_bytes, progress=progress,
                                on_message=lambda message: click.echo(message, err=True))
    except BuildError as error:
        raise click.ClickException(str(error))
    click.echo(f"{db_path}: {report.summary()}", err=True)
    if strict and report.skipped:
        raise click.ClickException(f"--strict: {len(report.skipped)} file(s) skipped")


@cli.command()
@click.argument("db_path", default=DEFAULT_DB, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--metadata", default=DEFAULT_METADATA, show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True)
def serve(db_path, metadata, host, port):
    """Serve the database with Datasette."""
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata),
               "--host", host, "--port", str(port)]
    click.echo(" ".join(command), err=True)
    sys.exit(subprocess.call(command))
