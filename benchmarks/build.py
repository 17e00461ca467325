"""Time ``loader build`` against the floor: the same texts stored with full-text search, nothing
extracted.

    .venv/bin/python benchmarks/build.py --articles N [--workers W] [--seed S] [--incremental]
                                         [--keep DIR] [--json]

One run:
1. the corpus of N generated articles (benchmarks/corpus.py), cached in ``--cache``, by default
   ``build/bench-corpus-N-SEED/`` and reused when it is complete;
2. the floor: every file read and inserted as it is into ``articles(id, source_file, body)``
   with sqlite-utils, then an FTS5 index on the body;
3. the full build: ``loader build CORPUS --db X --full`` [--workers W];
4. with ``--incremental``: one new article (the next one of the same corpus, in its own folder)
   and ``loader build CORPUS NEW_FILE --db X``, which extracts that article alone (``add_one_s``).

Each step runs in its own process and is timed from outside it, so the figures include start-up
(importing the loader, loading the reference data). Peak RSS is the largest resident set of any
process of the step (the ``ru_maxrss`` that ``wait4`` reports for the step's process tree); on
Linux the peak of the summed proportional set size of the tree (shared pages counted once) is
sampled as well, which is what several worker processes really cost together.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlite_utils

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402

LOADER = [sys.executable, "-c", "from loader.cli import cli; cli()"]


def extra_article(n: int, seed: int, cache: Path) -> Path:
    """Article number N of the corpus (one past the last), alone in its own folder."""
    folder = cache / f"bench-extra-{n}-{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / corpus.file_name(n)
    path.write_text(corpus.article(seed, n), encoding="utf-8")
    return path


def floor_build(folder: Path, db_path: Path) -> None:
    """The least a database of these texts can cost: raw text in, FTS5 index, nothing else."""
    db = sqlite_utils.Database(db_path, recreate=True)

    def rows():
        for path in sorted(folder.glob("*.txt")):
            body = path.read_text(encoding="utf-8")
            yield {"id": hashlib.sha256(body.encode()).hexdigest()[:16], "source_file": path.name,
                   "body": body}

    db["articles"].insert_all(rows(), pk="id", batch_size=500)
    db["articles"].enable_fts(["body"], fts_version="FTS5")
    db.close()


def _tree_pss_kb(root: int) -> int:
    """Summed proportional set size of ``root`` and its descendants in KB (0 without Linux /proc)."""
    if not os.path.isdir("/proc"):
        return 0
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
                parent = int(stat.rsplit(")", 1)[1].split()[1])  # the field after "(name) state"
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total


def measure(command: list[str]) -> dict:
    """Run ``command``; return its wall time, the peak RSS of its largest process and the sampled
    peak PSS of its whole process tree (MB), and its output. Raises ``RuntimeError`` when it fails."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=stdout, stderr=stderr, text=True)
        finished = threading.Event()
        peak_pss_kb = [0]

        def sample():  # reads /proc only: reaping the process is left to wait4 below
            while not finished.wait(0.2):
                peak_pss_kb[0] = max(peak_pss_kb[0], _tree_pss_kb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        finished.set()
        sampler.join()
        stdout.seek(0)
        stderr.seek(0)
        output, errors = stdout.read(), stderr.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{errors.strip()[-3000:]}")
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024,
            "peak_tree_pss_mb": peak_pss_kb[0] / 1024 or None, "stdout": output, "stderr": errors}


def loader_build(sources: list[Path], db_path: Path, workers: int | None, full: bool) -> list[str]:
    return [*LOADER, "build", *map(str, sources), "--db", str(db_path),
            *(["--workers", str(workers)] if workers else []), *(["--full"] if full else [])]


def last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def run(n: int, seed: int, workers: int | None, incremental: bool, keep: Path | None,
        cache: Path = corpus.BUILD_DIR) -> dict:
    started = time.perf_counter()
    folder, reused = corpus.cached(n, seed, cache)
    corpus_s = time.perf_counter() - started
    out = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bench-build-"))
    out.mkdir(parents=True, exist_ok=True)
    try:
        floor = measure([sys.executable, __file__, "--floor-only", str(folder), str(out / "floor.db")])
        full = measure(loader_build([folder], out / "news.db", workers, full=True))
        result = {
            "articles": n, "workers": workers or os.cpu_count(), "seed": seed,
            "corpus_mb": round(sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6, 1),
            "corpus_reused": reused, "corpus_s": round(corpus_s, 2),
            "build_s": round(full["seconds"], 3), "floor_s": round(floor["seconds"], 3),
            "ratio": round(full["seconds"] / floor["seconds"], 2),
            "articles_per_s": round(n / full["seconds"], 1),
            "floor_articles_per_s": round(n / floor["seconds"], 1),
            "peak_rss_mb": round(full["peak_rss_mb"], 1),
            "floor_peak_rss_mb": round(floor["peak_rss_mb"], 1),
            "peak_tree_pss_mb": full["peak_tree_pss_mb"] and round(full["peak_tree_pss_mb"], 1),
            "build_summary": last_line(full["stderr"]),
        }
        if incremental:
            added = measure(loader_build([folder, extra_article(n, seed, cache)], out / "news.db", workers, full=False))
            result["add_one_s"] = round(added["seconds"], 3)
            result["add_one_summary"] = last_line(added["stderr"])
        return result
    finally:
        if not keep:
            shutil.rmtree(out, ignore_errors=True)


def report(result: dict) -> str:
    lines = [
        f"corpus : {result['articles']} articles, {result['corpus_mb']} MB, seed {result['seed']} "
        + ("(reused)" if result["corpus_reused"] else f"(generated in {result['corpus_s']} s)"),
        f"floor  : {result['floor_s']:8.2f} s {result['floor_articles_per_s']:9.1f} articles/s"
        f"   peak RSS {result['floor_peak_rss_mb']:.0f} MB",
        f"build  : {result['build_s']:8.2f} s {result['articles_per_s']:9.1f} articles/s"
        f"   peak RSS {result['peak_rss_mb']:.0f} MB (largest process)"
        + (f", {result['peak_tree_pss_mb']:.0f} MB PSS (all processes)" if result["peak_tree_pss_mb"] else "")
        + f", {result['workers']} workers",
        f"         {result['build_summary']}",
        f"ratio build/floor: {result['ratio']:.2f}",
    ]
    if "add_one_s" in result:
        lines.append(f"add one: {result['add_one_s']:8.2f} s   {result['add_one_summary']}")
        if "(1 extracted," not in result["add_one_summary"]:
            lines.append("warning: not only the new article was extracted: the loader's code or "
                         "reference data changed during the run (its hash decides what is reused)")
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:2] == ["--floor-only"]:  # the floor step, in its own process (see measure)
        floor_build(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, metavar="N")
    parser.add_argument("--workers", type=int, help="passed to loader build [default: all cores]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--incremental", action="store_true",
                        help="also time adding one article to the built database")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep floor.db and news.db in DIR")
    parser.add_argument("--cache", type=Path, default=corpus.BUILD_DIR, metavar="DIR",
                        help="where generated corpora are kept for the next run [default: build/]")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    try:
        result = run(args.articles, args.seed, args.workers, args.incremental, args.keep, args.cache)
    except RuntimeError as error:
        sys.exit(str(error))
    print(json.dumps(result) if args.json else report(result))


if __name__ == "__main__":
    main()
