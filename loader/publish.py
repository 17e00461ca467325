"""Putting the database in front of people: serve it, publish it, export it, make it public.

- ``serve``: what ``loader serve`` does: Datasette (loader/asgi.py) in uvicorn workers, immutable
  with an inspect file (``serve_command``), the workers replaced when the database is rebuilt,
  stopped with ``loader serve`` itself.
- ``publish_command``: the ``datasette publish …`` / ``datasette package`` command line, installing
  every plugin the metadata uses.
- ``export``: every public table as a CSV file plus a Frictionless ``datapackage.json``.
- ``make_public``: drop full article bodies (they belong to their publishers), keep the facts and
  their evidence sentences.

The CLI commands in cli.py only parse options and call these.
"""
import csv
import errno
import json
import os
import secrets
import signal
import socket
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
# max_returned_rows is Datasette's default: a canned query's page shows at most 1,000 rows
# (rendering thousands took over a second and held up the other requests of its process);
# a whole table streams as CSV (_stream=on) and `loader export` writes everything.
SETTINGS = {"sql_time_limit_ms": 3000, "facet_time_limit_ms": 1000, "max_returned_rows": 1000,
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
# At least two: only uvicorn's supervisor of several processes replaces them on SIGHUP.
DEFAULT_SERVE_WORKERS = min(2 * (os.cpu_count() or 1), 8)
MIN_SERVE_WORKERS = 2
# How often `loader serve` looks whether the database file was replaced by a rebuild.
REBUILD_POLL_SECONDS = 1.0

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


class ServeError(Exception):
    """The server cannot start (the message says why, in one line)."""


def serve_command(db_path: Path, metadata: Path, *, inspect_file: Path,
                  templates: Path = DEFAULT_TEMPLATES, host: str = "127.0.0.1", port: int = 8001,
                  workers: int = MIN_SERVE_WORKERS) -> tuple[list[str], dict[str, str]]:
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


def serve(db_path: Path, metadata: Path, *, inspect_file: Path, templates: Path = DEFAULT_TEMPLATES,
          host: str = "127.0.0.1", port: int = 8001, workers: int = MIN_SERVE_WORKERS,
          on_message=print, poll_seconds: float = REBUILD_POLL_SECONDS) -> int:
    """Serve the database until the server stops; returns its exit status.

    SIGINT and SIGTERM are passed on to the server, which stops its workers and exits, and so
    does this. When a build replaces the database file, the inspect file is rewritten and the
    server is sent SIGHUP: uvicorn starts a new worker, which opens the new file, before it
    retires each old one, so a reload of the page shows the new database."""
    ensure_port_is_free(host, port)
    ensure_inspect_file(db_path, inspect_file)
    command, environment = serve_command(db_path, metadata, inspect_file=inspect_file,
                                         templates=templates, host=host, port=port, workers=workers)
    server = subprocess.Popen(command, env={**os.environ, **environment})
    stopping = []

    def pass_on(signal_number, _frame):
        stopping.append(signal_number)
        server.send_signal(signal_number)
    previous = {number: signal.signal(number, pass_on) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        served = file_identity(db_path)
        while True:
            try:
                return server.wait(timeout=poll_seconds)
            except subprocess.TimeoutExpired:
                pass
            current = file_identity(db_path)
            if current is not None and current != served and not stopping:
                served = current
                ensure_inspect_file(db_path, inspect_file)
                server.send_signal(signal.SIGHUP)
                on_message(f"{db_path} was rebuilt: serving the new database (reload the page)")
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def ensure_port_is_free(host: str, port: int) -> None:
    """Raise ServeError, with one line saying what to do, when ``host:port`` is taken."""
    family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"http://{host}:{port}/ is already in use, perhaps by another `loader serve` "
                    f"(which shows a rebuilt database after a reload): open it, stop it, or pass "
                    f"--port") from None
            raise ServeError(f"cannot listen on {host}:{port}: {error.strerror}") from None


def file_identity(path: Path) -> tuple | None:
    """What changes when a file is replaced or rewritten (None when it is missing)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


def ensure_inspect_file(db_path: Path, inspect_file: Path) -> bool:
    """(Re)write the ``datasette inspect`` file when it is missing, older than the database or
    about another file; returns True when it was written.

    An immutable database is served with the row counts in this file, so a stale one would show
    wrong counts.
    """
    db_path, inspect_file = Path(db_path), Path(inspect_file)
    if inspect_file.exists() and inspect_file.stat().st_mtime >= db_path.stat().st_mtime:
        described = json.loads(inspect_file.read_text(encoding="utf-8"))
        # The size too: a build that ends while the file is inspected leaves an older mtime.
        if any(Path(entry.get("file", "")).resolve() == db_path.resolve()
               and entry.get("size") == db_path.stat().st_size for entry in described.values()):
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
