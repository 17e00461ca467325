"""Putting the database in front of people: serve it, publish it, export it, make it public.

- ``serve_command``: how ``loader serve`` runs Datasette (loader/asgi.py in uvicorn workers;
  immutable, with an inspect file).
- ``publish_command``: the ``datasette publish …`` / ``datasette package`` command line, installing
  every plugin the metadata uses.
- ``export``: every public table as a CSV file plus a Frictionless ``datapackage.json``.
- ``make_public``: drop full article bodies (they belong to their publishers), keep the facts and
  their evidence sentences.

The CLI commands in cli.py only parse options and call these.
"""
import csv
import json
import os
import secrets
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import sqlite_utils
import yaml

from . import db as schema

# Datasette plugins metadata.yml relies on; a published instance must install all of them.
PLUGINS = ("datasette-vega", "datasette-dashboards", "datasette-cluster-map")

# Generous enough for the heaviest canned queries on a large corpus (benchmarks/canned_queries.py)
# and for charts over `_size=max`. Facets get 1 s rather than Datasette's 200 ms: a search for a
# common word on 100k articles counts its outlets in about 60 ms, but over 200 ms while other
# requests share the cores, and a facet that times out is simply missing from the page.
# suggest_facets off: suggesting facets runs a count per column on every table page, which on
# a large corpus costs more than the page itself.
SETTINGS = {"sql_time_limit_ms": 3000, "facet_time_limit_ms": 1000, "max_returned_rows": 5000,
            "suggest_facets": False}

# The project's own Datasette plugins (files, loaded with --plugins-dir wherever it is served).
PLUGINS_DIR = Path(__file__).parent / "datasette_plugins"
# The project's templates (the reading view, row and table pages), beside metadata.yml.
DEFAULT_TEMPLATES = Path("templates")

# How `loader serve` hands its configuration to the worker processes (loader/asgi.py).
SERVE_ENVIRONMENT_VARIABLE = "LOADER_SERVE"
# Two per core: while one process waits on SQLite or renders a long page, another answers
# (measured with benchmarks/serve.py: 2 and 4 processes on 2 cores, 4 clients). At most eight:
# each holds its own Datasette (tens of MB), and a laptop with many cores serves few readers.
DEFAULT_SERVE_WORKERS = min(2 * (os.cpu_count() or 1), 8)

# datasette publish <target> and the option that names the deployment; "package" builds a
# Docker image locally instead. vercel and fly need their publish plugin installed first.
PUBLISH_TARGETS = {
    "cloudrun": "--service",
    "heroku": "--name",
    "vercel": "--project",
    "fly": "--app",
    "package": "--tag",
}

CODE_LICENCE = {"name": "Apache-2.0", "title": "Apache License 2.0 (the loader's code)",
                "path": "https://www.apache.org/licenses/LICENSE-2.0"}
DATA_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 (extracted data)",
                "path": "https://creativecommons.org/licenses/by/4.0/"}
ARTICLE_LICENCE = {"name": "other-closed",
                   "title": "Article texts belong to their publishers; included for research "
                            "and verification only"}

FRICTIONLESS_TYPES = {str: "string", int: "integer", float: "number"}
PUBLIC_NOTE = "body left out of the public build (the text belongs to its publisher)"


def serve_command(db_path: Path, metadata: Path, *, inspect_file: Path,
                  templates: Path = DEFAULT_TEMPLATES, host: str = "127.0.0.1", port: int = 8001,
                  workers: int = 1) -> tuple[list[str], dict[str, str]]:
    """The command line and the environment variables that serve the database: uvicorn running
    loader/asgi.py in ``workers`` processes, the database immutable with the row counts of
    ``inspect_file``, SETTINGS, the project's plugins and templates. The secret that signs
    cookies is shared by the workers, so that one signed by one worker is valid in the others."""
    configuration = {"db": str(Path(db_path).resolve()), "metadata": str(Path(metadata).resolve()),
                     "inspect_file": str(Path(inspect_file).resolve()), "settings": SETTINGS,
                     "plugins_dir": str(PLUGINS_DIR), "template_dir": str(Path(templates).resolve()),
                     "secret": secrets.token_hex(32)}
    command = [sys.executable, "-m", "uvicorn", "loader.asgi:create_app", "--factory",
               "--host", host, "--port", str(port), "--workers", str(workers)]
    return command, {SERVE_ENVIRONMENT_VARIABLE: json.dumps(configuration)}


def ensure_inspect_file(db_path: Path, inspect_file: Path) -> bool:
    """(Re)write the ``datasette inspect`` file when it is missing, older than the database or
    about another file; returns True when it was written.

    An immutable database is served with the row counts in this file, so a stale one would show
    wrong counts.
    """
    db_path, inspect_file = Path(db_path), Path(inspect_file)
    if inspect_file.exists() and inspect_file.stat().st_mtime >= db_path.stat().st_mtime:
        described = json.loads(inspect_file.read_text(encoding="utf-8"))
        if any(Path(entry.get("file", "")).resolve() == db_path.resolve()
               for entry in described.values()):
            return False
    subprocess.run([sys.executable, "-m", "datasette", "inspect", str(db_path),
                    "--inspect-file", str(inspect_file)], check=True)
    return True


def plugin_requirements() -> list[str]:
    """Every plugin in PLUGINS, pinned to the version installed here (what the tests ran with)."""
    requirements = []
    for plugin in PLUGINS:
        try:
            requirements.append(f"{plugin}=={version(plugin)}")
        except PackageNotFoundError:
            requirements.append(plugin)
    return requirements


def publish_command(target: str, db_path: Path, metadata: Path, *,
                    templates: Path = DEFAULT_TEMPLATES, name: str = "rusdprk-news") -> list[str]:
    """The ``datasette publish <target>`` (or ``datasette package``) command line."""
    if target not in PUBLISH_TARGETS:
        raise ValueError(f"unknown target {target!r}; choose from {', '.join(PUBLISH_TARGETS)}")
    command = ["datasette", "package"] if target == "package" else ["datasette", "publish", target]
    command += [str(db_path), "--metadata", str(metadata), "--plugins-dir", str(PLUGINS_DIR),
                "--template-dir", str(templates)]
    for requirement in plugin_requirements():
        command += ["--install", requirement]
    serve_options = " ".join(f"--setting {key} {str(value).lower()}" for key, value in SETTINGS.items())
    command += ["--extra-options", serve_options, PUBLISH_TARGETS[target], name]
    return command


def count_article_bodies(db: sqlite_utils.Database) -> int:
    """How many articles still carry their full text."""
    return db.execute("select count(*) from articles where coalesce(body, '') != ''").fetchone()[0]


def make_public(db: sqlite_utils.Database) -> int:
    """Blank every article body, note why on the article, rebuild full-text search without the
    bodies and vacuum so no deleted text stays in the file. Titles, metadata, every extracted row
    and its evidence sentence are kept (the character offsets then point into a text that is not
    included). Returns the number of bodies removed."""
    removed = count_article_bodies(db)
    with db.conn:
        db.execute(
            "update articles set body = null, "
            "notes = json_insert(coalesce(notes, '[]'), '$[#]', ?) "
            "where coalesce(body, '') != ''", [PUBLIC_NOTE])
        db.execute("delete from _files")  # paths on the machine that built it
    for table in schema.FULL_TEXT:  # triggers may keep FTS current; a rebuild makes sure
        if db[f"{table}_fts"].exists():
            db[table].rebuild_fts()
    db.vacuum()
    return removed


def read_descriptions(metadata_path: Path | None) -> dict:
    """The ``tables`` section of the news database in metadata.yml ({} when there is none)."""
    if not metadata_path or not Path(metadata_path).exists():
        return {}
    metadata = yaml.safe_load(Path(metadata_path).read_text(encoding="utf-8")) or {}
    return metadata.get("databases", {}).get("news", {}).get("tables", {})


def table_resource(table: str, descriptions: dict) -> dict:
    """One Frictionless tabular-data-resource describing ``table`` (from SCHEMA)."""
    columns, pk, foreign_keys = schema.SCHEMA[table]
    described = descriptions.get(table, {})
    column_descriptions = described.get("columns", {})
    fields = []
    for column, python_type in columns.items():
        kind = "array" if (table, column) in schema.JSON_COLUMNS else FRICTIONLESS_TYPES[python_type]
        field = {"name": column, "type": kind}
        if column in column_descriptions:
            field["description"] = column_descriptions[column]
        fields.append(field)
    table_schema = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": [pk] if isinstance(pk, str) else list(pk),
        "foreignKeys": [{"fields": [column], "reference": {"resource": other, "fields": [other_column]}}
                        for column, other, other_column in foreign_keys],
    }
    return {
        "name": table,
        "path": f"{table}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"',
                    "doubleQuote": True, "header": True},
        "description": described.get("description", ""),
        "licenses": [ARTICLE_LICENCE if table == "articles" else DATA_LICENCE],
        "schema": table_schema,
    }


def export(db: sqlite_utils.Database, out_dir: Path, metadata_path: Path | None = None) -> dict:
    """Write every public table to ``out_dir/<table>.csv`` (rows ordered by primary key, so the
    same database always gives the same files) and ``out_dir/datapackage.json``; returns the
    data package."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    descriptions = read_descriptions(metadata_path)
    resources = []
    for table, (columns, pk, _) in schema.SCHEMA.items():
        resource = table_resource(table, descriptions)
        order = ", ".join(f"[{column}]" for column in resource["schema"]["primaryKey"])
        select = ", ".join(f"[{column}]" for column in columns)
        with open(out_dir / resource["path"], "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(db.execute(f"select {select} from [{table}] order by {order}"))
        resources.append(resource)
    package = {
        "profile": "tabular-data-package",
        "name": "rusdprk-news",
        "title": "Russia–North Korea military ties in Indonesian news",
        "description": "Articles, people, mentions, organisations, places, quoted statements and "
                       "meetings extracted from Indonesian-language news, each extracted row with "
                       "its evidence (article, character offsets, sentence).",
        "licenses": [DATA_LICENCE, CODE_LICENCE],
        "resources": resources,
    }
    (out_dir / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return package
