"""Latency of the served database under a bounded load.

    .venv/bin/python benchmarks/serve.py --articles N [--requests R] [--concurrency C]
                                         [--db PATH | --articles-only] [--json]

1. The database: ``--db PATH``, or one built from the generated corpus of N articles
   (benchmarks/corpus.py) with ``loader build`` and cached in ``build/bench-serve-N-SEED/``
   (delete it to rebuild after the loader changed).
   ``--articles-only`` builds it through the loader without extraction (articles, full-text
   index, empty extraction tables): minutes instead of an hour for 100k articles, and enough
   for the table page, the search and the CSV export, not for the canned query.
2. Datasette on 127.0.0.1 (a free port), started as ``loader serve`` starts it: the database
   opened immutable (``-i``) with an inspect file (row counts computed once), the project's
   metadata.yml, settings and plugins; a subprocess that is always stopped at the end.
3. Endpoints: the faceted articles page, the articles table's search (date order, count and
   facets), the first canned query without parameters, a CSV export, the quotes table page
   (labelled foreign keys and facets), the reading view of the five most quoted articles, and
   the ranked search (``articles_mentioning``) for the same words.
   R requests per endpoint, interleaved, from C client threads; a request that does not answer
   in 30 s, or the whole run going over ``--max-seconds``, stops it. An answer other than 200,
   or a facet that Datasette reports as timed out, is an error.
4. Per endpoint: requests, errors, p50 and p99 latency (ms).
"""
import argparse
import json
import math
import os
import queue
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]

import corpus  # noqa: E402
from loader.build import build, map_files  # noqa: E402
from loader.publish import DEFAULT_SERVE_WORKERS, ensure_inspect_file, serve_command  # noqa: E402

METADATA = REPO / "metadata.yml"
# From broad to selective: in the generated corpus they match 92%, 61%, 55%, 19% and 14% of the articles.
SEARCH_TERMS = ["Pyongyang", "Shoigu", "Vladivostok", "Minsk", "Airlangga"]
RANKED_SEARCH = "articles_mentioning"
FALLBACK_QUERY = "select outlet, count(*) as articles from articles group by outlet order by articles desc"
REQUEST_TIMEOUT_S = 30


class EveryId:
    """``known_ids`` for a build that extracts nothing: every article counts as known."""

    def __contains__(self, article_id) -> bool:
        return True


def read_only_mapper(items, workers, max_bytes, known_ids, ref):
    """``loader.build.map_files`` that reads the articles and extracts none of them."""
    return map_files(items, workers, max_bytes, EveryId(), ref)


def build_database(n: int, seed: int, articles_only: bool, workers: int | None) -> Path:
    """The cached database for the corpus of N articles (built unless it is there)."""
    db_path = corpus.BUILD_DIR / f"bench-serve-{n}-{seed}{'-articles-only' if articles_only else ''}" / "news.db"
    if db_path.exists():
        return db_path
    folder, _ = corpus.cached(n, seed)
    if articles_only:
        build([folder], db_path, incremental=False, workers=workers, mapper=read_only_mapper)
    else:
        subprocess.run([sys.executable, "-c", "from loader.cli import cli; cli()", "build", str(folder),
                        "--db", str(db_path), "--full", *(["--workers", str(workers)] if workers else [])],
                       cwd=REPO, check=True)
    return db_path


def canned_queries(metadata: Path) -> dict:
    return yaml.safe_load(metadata.read_text())["databases"]["news"].get("queries") or {}


def canned_query_path(metadata: Path) -> str:
    """The first canned query of the metadata that needs no parameter, else a plain group-by."""
    for name, query in canned_queries(metadata).items():
        sql = query["sql"] if isinstance(query, dict) else query
        if not re.search(r"(?<!:):\w", sql):
            return f"/news/{name}"
    return "/news?" + urllib.parse.urlencode({"sql": FALLBACK_QUERY})


def endpoints(metadata: Path, db_path: Path) -> dict[str, list[str]]:
    """Endpoint name -> the URL paths its requests cycle through."""
    paths = {
        "facet": ["/news/articles?_facet=outlet"],
        "search": ["/news/articles?" + urllib.parse.urlencode({"_search": term}) for term in SEARCH_TERMS],
        "canned_query": [canned_query_path(metadata)],
        "csv": ["/news/articles.csv?_size=100"],
        # Labelled foreign keys and facets, each sentence linked to its mark.
        "quotes_table": ["/news/quotes"],
        # An article with everything extracted from it marked (the articles with most quotes).
        "reading_view": [f"/news/articles/{article_id}" for article_id in _most_quoted(db_path, 5)],
    }
    if RANKED_SEARCH in canned_queries(metadata):  # the same words, best 100 matches with passages
        paths["ranked_search"] = [f"/news/{RANKED_SEARCH}?" + urllib.parse.urlencode({"word": term})
                                  for term in SEARCH_TERMS]
    return paths


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_datasette(db_path: Path, port: int, workdir: Path, log, metadata: Path,
                    workers: int) -> subprocess.Popen:
    """Datasette serving ``db_path`` as the database ``news`` (the name metadata.yml uses)."""
    served = workdir / "news.db"
    served.symlink_to(Path(db_path).resolve())
    inspect_file = workdir / "inspect.json"
    # As `loader serve` runs it (row counts, settings, plugins, worker processes).
    ensure_inspect_file(served, inspect_file)
    command, environment = serve_command(served, metadata, inspect_file=inspect_file, port=port,
                                         templates=REPO / "templates", workers=workers)
    return subprocess.Popen(command, env={**os.environ, **environment}, stdout=log, stderr=log)


def wait_until_up(base: str, server: subprocess.Popen, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"datasette exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"datasette did not answer within {timeout_s:.0f} s")


def fetch(url: str) -> tuple[float, str | None]:
    """(seconds, error or None) for one GET."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT_S) as response:
            body = response.read()
        error = "facet timed out" if b'class="facets-timed-out"' in body else None
    except urllib.error.HTTPError as failure:
        error = f"HTTP {failure.code}"
    except OSError as failure:
        error = f"{type(failure).__name__}: {failure}"
    return time.perf_counter() - start, error


def load(base: str, paths: dict[str, list[str]], requests: int, concurrency: int,
         max_seconds: float) -> dict[str, dict]:
    """``requests`` GETs per endpoint, interleaved, from ``concurrency`` threads."""
    jobs: queue.Queue = queue.Queue()
    for index in range(requests):
        for name, urls in paths.items():
            jobs.put((name, base + urls[index % len(urls)]))
    results: dict[str, list] = {name: [] for name in paths}
    deadline = time.monotonic() + max_seconds

    def client():
        while time.monotonic() < deadline:
            try:
                name, url = jobs.get_nowait()
            except queue.Empty:
                return
            results[name].append(fetch(url))  # list.append is atomic

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {name: summarise(paths[name][0], timings, requests) for name, timings in results.items()}


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of a non-empty sorted list."""
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


def summarise(path: str, timings: list[tuple[float, str | None]], planned: int) -> dict:
    seconds = sorted(s for s, _ in timings)
    errors = [error for _, error in timings if error]
    return {
        "path": path, "requests": len(timings), "not_sent": planned - len(timings),
        "errors": len(errors), "error_samples": sorted(set(errors))[:3],
        "p50_ms": round(percentile(seconds, 0.50) * 1000, 1) if seconds else None,
        "p99_ms": round(percentile(seconds, 0.99) * 1000, 1) if seconds else None,
    }


def run(args) -> dict:
    db_path = args.db or build_database(args.articles, args.seed, args.articles_only, args.workers)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as workdir, \
            open(Path(workdir) / "datasette.log", "w+") as log:
        server = None
        try:
            server = start_datasette(db_path, port, Path(workdir), log, args.metadata, args.server_workers)
            wait_until_up(base, server)
            paths = endpoints(args.metadata, db_path)
            load(base, paths, 1, 1, args.max_seconds)  # warm-up: one of each, not counted
            started = time.perf_counter()
            results = load(base, paths, args.requests, args.concurrency, args.max_seconds)
            elapsed = time.perf_counter() - started
        except (RuntimeError, subprocess.CalledProcessError) as error:
            log.seek(0)
            raise RuntimeError(f"{error}\n{log.read()[-3000:]}") from error
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    articles = _count_articles(db_path)
    return {"articles": articles, "db": str(db_path), "requests": args.requests,
            "concurrency": args.concurrency, "server_workers": args.server_workers, "load_s": round(elapsed, 2),
            "endpoints": results}


def _most_quoted(db_path: Path, n: int) -> list[str]:
    import sqlite3

    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return [row[0] for row in connection.execute(
            "select article_id from quotes group by article_id order by count(*) desc, article_id limit ?", [n])]


def _count_articles(db_path: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return connection.execute("select count(*) from articles").fetchone()[0]


def report(result: dict) -> str:
    lines = [f"{result['articles']} articles in {result['db']}: {result['requests']} requests per endpoint, "
             f"{result['concurrency']} clients, {result['server_workers']} server processes, {result['load_s']} s",
             f"{'endpoint':<13}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}  path"]
    for name, figures in result["endpoints"].items():
        lines.append(f"{name:<13}{figures['requests']:>9}{figures['errors']:>8}"
                     f"{figures['p50_ms'] or '-':>9}{figures['p99_ms'] or '-':>9}  {figures['path'][:70]}")
        if figures["not_sent"]:
            lines.append(f"  {figures['not_sent']} requests not sent: --max-seconds reached")
        lines.extend(f"  error: {sample}" for sample in figures["error_samples"])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, metavar="N")
    parser.add_argument("--requests", type=int, default=100, metavar="R", help="per endpoint")
    parser.add_argument("--concurrency", type=int, default=4, metavar="C")
    parser.add_argument("--max-seconds", type=float, default=300, help="bound on the whole load")
    parser.add_argument("--db", type=Path, help="serve this database instead of building one")
    parser.add_argument("--articles-only", action="store_true",
                        help="build the database without extraction (fast; canned query then meaningless)")
    parser.add_argument("--metadata", type=Path, default=METADATA, help="[default: the project's metadata.yml]")
    parser.add_argument("--server-workers", type=int, default=DEFAULT_SERVE_WORKERS,
                        help="Datasette processes, as loader serve --workers [default: its default]")
    parser.add_argument("--workers", type=int, help="for loader build [default: all cores]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    try:
        result = run(args)
    except RuntimeError as error:
        sys.exit(str(error))
    print(json.dumps(result) if args.json else report(result))


if __name__ == "__main__":
    main()
