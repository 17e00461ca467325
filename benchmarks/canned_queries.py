"""How long each canned query and dashboard chart of metadata.yml takes on a built database,
against Datasette's time limit (loader.publish.SETTINGS), which turns a slower query into an
error page.

    .venv/bin/python benchmarks/canned_queries.py --db build/bench-100k/news.db [--json]

Each query runs as Datasette runs it: on a read-only connection reading through a memory map,
fetching at most max_returned_rows + 1 rows, stopped at the time limit; the median of --runs
runs is printed. Queries that
take parameters get the most mentioned person (`person`) and the longest word of the most
quoted text (`word`), the heaviest ordinary values; --param NAME=VALUE sets others.
"""
import argparse
import json
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import yaml
from datasette.utils import escape_fts

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from loader.datasette_plugins.memory_mapped_reads import prepare_connection  # noqa: E402
from loader.publish import SETTINGS  # noqa: E402

PARAMETER_QUERIES = {
    "person": "select person_id from mentions group by person_id order by count(*) desc limit 1",
    "word": "select text from quotes group by text order by count(*) desc limit 1",
}


def parameter_values(connection: sqlite3.Connection, names: set[str], given: dict) -> dict:
    values = dict(given)
    for name in sorted(names - set(given)):
        if name not in PARAMETER_QUERIES:
            sys.exit(f"no value for the parameter :{name}: give one with --param {name}=VALUE")
        row = connection.execute(PARAMETER_QUERIES[name]).fetchone()
        value = row[0] if row else ""
        values[name] = max(value.split(), key=len) if name == "word" and value else value
    return values


def metadata_queries(metadata: dict) -> dict[str, str]:
    """Name -> SQL of every canned query, then of every dashboard chart (``dashboard/chart``)."""
    queries = {name: query["sql"] for name, query in metadata["databases"]["news"]["queries"].items()}
    for slug, dashboard in metadata.get("plugins", {}).get("datasette-dashboards", {}).items():
        queries.update({f"{slug}/{name}": chart["query"] for name, chart in dashboard["charts"].items()})
    return queries


def time_query(connection: sqlite3.Connection, sql: str, parameters: dict, runs: int,
               limit_s: float) -> tuple[float | None, int]:
    """(median seconds, rows fetched) over ``runs`` runs; seconds None when a run was stopped
    at ``limit_s``, as Datasette stops it."""
    seconds, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        connection.set_progress_handler(lambda: time.perf_counter() - started > limit_s, 10_000)
        try:
            rows = len(connection.execute(sql, parameters).fetchmany(SETTINGS["max_returned_rows"] + 1))
        except sqlite3.OperationalError as error:
            if "interrupted" not in str(error):
                raise
            return None, 0
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a database built by loader build")
    parser.add_argument("--metadata", type=Path, default=REPO / "metadata.yml")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.db.is_file():
        sys.exit(f"database not found: {args.db}")
    queries = metadata_queries(yaml.safe_load(args.metadata.read_text(encoding="utf-8")))
    connection = sqlite3.connect(f"file:{args.db.resolve()}?immutable=1", uri=True)
    prepare_connection(connection)  # the project's plugin, as where it is served
    connection.create_function("escape_fts", 1, escape_fts)  # Datasette's, used in queries
    given = dict(item.split("=", 1) for item in args.param)
    names = {name for sql in queries.values() for name in re.findall(r"(?<!:):(\w+)", sql)}
    parameters = parameter_values(connection, names, given)
    limit_s = SETTINGS["sql_time_limit_ms"] / 1000
    articles = connection.execute("select count(*) from articles").fetchone()[0]
    figures = []
    for name, sql in queries.items():
        seconds, rows = time_query(connection, sql, parameters, args.runs, limit_s)
        figures.append({"query": name, "ms": None if seconds is None else round(seconds * 1000, 1),
                        "rows": rows, "over_time_limit": seconds is None})
    if args.json:
        print(json.dumps({"db": str(args.db), "articles": articles, "parameters": parameters,
                          "time_limit_ms": SETTINGS["sql_time_limit_ms"], "queries": figures}))
        return
    print(f"{articles} articles in {args.db}; parameters {parameters}; "
          f"Datasette's time limit {SETTINGS['sql_time_limit_ms']} ms")
    print(f"{'query':<32} {'ms':>9} {'rows':>6}")
    for run in figures:
        if run["over_time_limit"]:
            print(f"{run['query']:<32} {'>' + str(SETTINGS['sql_time_limit_ms']):>9}      -  "
                  "stopped at the time limit: an error page")
        else:
            print(f"{run['query']:<32} {run['ms']:>9.1f} {run['rows']:>6}")


if __name__ == "__main__":
    main()
