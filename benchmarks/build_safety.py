"""What keeping the database safe costs a build, this tree side by side with a git revision.

    .venv/bin/python benchmarks/build_safety.py [--articles N] [--against REV] [--rounds R]
                                                [--cache DIR] [--json]

For the corpus of N generated articles (benchmarks/corpus.py, cached under build/), each round
times, in a fresh process each and this tree and REV alternating so that both see the same
machine: a full build (``--full``), adding one article to it, and, for this tree, adding one
to a database touched since (its modification time changed: the lock file no longer vouches
for it, so it passes ``quick_check`` first). Then, on this tree's database: copying it (what
every incremental build does), its quick_check, and an fsync of it (what the rename waits
for). Figures are medians of the rounds, in seconds.
"""
import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402
from build import extra_article, measure  # noqa: E402
from extract_speed import export_revision  # noqa: E402


def loader(tree: Path) -> list[str]:
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(tree)!r})\n"
            "from loader.cli import cli; cli()"]


def one_round(tree: Path, folder: Path, extra: Path, out: Path, touched: bool) -> dict:
    db_path = out / "news.db"
    for leftover in out.iterdir():
        leftover.unlink()
    build = [*loader(tree), "build", "--db", str(db_path), "--no-corrections"]
    figures = {"full_s": measure([*build, str(folder), "--full"])["seconds"],
               "add_one_s": measure([*build, str(folder), str(extra)])["seconds"]}
    if touched:
        os.utime(db_path)
        figures["add_one_touched_s"] = measure([*build, str(folder)])["seconds"]
    return figures


def file_costs(db_path: Path) -> dict:
    started = time.perf_counter()
    shutil.copyfile(db_path, db_path.with_name("copy.db"))
    copied = time.perf_counter()
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    assert connection.execute("pragma quick_check").fetchall() == [("ok",)]
    connection.close()
    checked = time.perf_counter()
    with open(db_path.with_name("copy.db"), "rb") as file:
        os.fsync(file.fileno())
    synced = time.perf_counter()
    return {"db_mb": db_path.stat().st_size / 1e6, "copy_s": copied - started,
            "quick_check_s": checked - copied, "fsync_copy_s": synced - checked}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, metavar="N")
    parser.add_argument("--against", default="main", metavar="REV")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=corpus.BUILD_DIR, metavar="DIR",
                        help="where generated corpora are kept for the next run [default: build/]")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    folder, _reused = corpus.cached(args.articles, cache=args.cache)
    extra = extra_article(args.articles, 0, args.cache)
    with tempfile.TemporaryDirectory(prefix="bench-safety-") as scratch:
        scratch = Path(scratch)
        (scratch / "rev").mkdir()
        trees = {"this tree": REPO, args.against: export_revision(args.against, scratch / "rev")}
        rounds: dict[str, list[dict]] = {name: [] for name in trees}
        files = []
        for _ in range(args.rounds):
            for name, tree in trees.items():
                out = scratch / "out" / name.replace(" ", "-")
                out.mkdir(parents=True, exist_ok=True)
                rounds[name].append(one_round(tree, folder, extra, out, touched=tree == REPO))
                if tree == REPO:
                    files.append(file_costs(out / "news.db"))
    result = {name: {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}
              for name, runs in rounds.items()}
    result["database file"] = {key: round(statistics.median(f[key] for f in files), 3) for key in files[0]}
    result["articles"] = args.articles
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.articles} articles, median of {args.rounds} rounds (s)")
    for name in trees:
        print(f"{name:>12}: " + ", ".join(f"{key} {value}" for key, value in result[name].items()))
    print("    database: " + ", ".join(f"{key} {value}" for key, value in result["database file"].items()))


if __name__ == "__main__":
    main()
