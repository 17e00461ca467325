"""Reading and extraction cost per article, this tree side by side with another revision.

    .venv/bin/python benchmarks/extract_speed.py [--against REV] [--rounds R] [--generated N]
                                                 [FOLDER_OR_FILE ...] [--json]

Every input file (default: ``seeds/``, ``../shared/dev-real/articles`` where it exists, and N
generated articles of ``benchmarks/corpus.py``) is read (``sources.read_article``) and extracted
(``extract.article.extract_article``) in a fresh process, once to warm up and then timed. With
``--against REV`` the same is done with the loader of git revision REV (exported to a temporary
folder), the two alternating round by round in one run, so that both see the same machine: its
speed varies by a third within an hour. Each figure is the median of the rounds, in ms per
article of one core; start-up (imports, reference data) is left out and printed apart. Each
tree's extraction of every file is hashed, and the files whose outputs differ are listed: a change
made for speed must leave them identical.
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402

# Runs in the child process, with the tree to measure first on sys.path. Passes what the
# tree's extract_article asks for by name, so that revisions with other signatures still run.
CHILD = r"""
import hashlib, inspect, json, sys, time
from pathlib import Path
started = time.perf_counter()
from loader.reference import load_reference
from loader.sources import read_article
from loader.extract.article import extract_article
ref = load_reference()
startup = time.perf_counter() - started
paths = [Path(p) for p in json.loads(sys.argv[1])]
wanted = list(inspect.signature(extract_article).parameters)

def arguments(article):
    given = {"body": article.body, "published": article.published, "ref": ref,
             "article": article, "title": article.title}
    return [given[name] for name in wanted if name in given]

def once(digests=None):
    read = extract = 0.0
    done = 0
    for path in paths:
        t0 = time.perf_counter()
        try:
            article = read_article(path)
        except Exception:
            continue
        t1 = time.perf_counter()
        extracted = extract_article(*arguments(article))
        t2 = time.perf_counter()
        if digests is not None:
            digests[str(path)] = hashlib.sha256(
                json.dumps(extracted, sort_keys=True, default=str).encode()).hexdigest()
        read += t1 - t0
        extract += t2 - t1
        done += 1
    return read, extract, done

digests = {}
once(digests)  # warm-up (caches, lazily compiled patterns), and what each file gives
read, extract, done = once()
print(json.dumps({"startup_s": startup, "read_s": read, "extract_s": extract, "articles": done,
                  "digests": digests}))
"""


def inputs(paths: list[Path], generated: int) -> list[Path]:
    files = []
    for path in paths:
        files.extend(sorted(p for p in path.iterdir() if p.suffix in (".txt", ".html", ".htm"))
                     if path.is_dir() else [path])
    if generated:
        folder, _reused = corpus.cached(generated)
        files.extend(sorted(folder.glob("*.txt")))
    return files


def measure(tree: Path, files: list[Path]) -> dict:
    output = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(tree)!r})\n" + CHILD,
                             json.dumps([str(f) for f in files])],
                            capture_output=True, text=True, check=True, cwd=tree)
    return json.loads(output.stdout.strip().splitlines()[-1])


def export_revision(revision: str, folder: Path) -> Path:
    """The loader package of ``revision``, as git has it, in ``folder``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "loader"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def summary(rounds: list[dict]) -> dict:
    n = rounds[0]["articles"]
    return {"articles": n,
            "read_ms": round(statistics.median(r["read_s"] for r in rounds) * 1000 / n, 3),
            "extract_ms": round(statistics.median(r["extract_s"] for r in rounds) * 1000 / n, 3),
            "startup_s": round(statistics.median(r["startup_s"] for r in rounds), 3)}


def differing_files(rounds: dict[str, list]) -> list[str]:
    """The input files whose extraction differs between the trees (any round)."""
    digests = [run["digests"] for runs in rounds.values() for run in runs]
    return sorted(path for path in digests[0] if any(d.get(path) != digests[0][path] for d in digests))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="article files or folders")
    parser.add_argument("--against", metavar="REV", help="git revision to compare with (e.g. main, HEAD~3)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--generated", type=int, default=300, metavar="N",
                        help="generated articles to add (0: none)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    default = [REPO / "seeds", REPO / ".." / "shared" / "dev-real" / "articles"]
    files = inputs(args.paths or [p for p in default if p.exists()], args.generated)
    trees = {"this tree": REPO}
    with tempfile.TemporaryDirectory() as tmp:
        if args.against:
            trees[args.against] = export_revision(args.against, Path(tmp))
        rounds: dict[str, list] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                rounds[name].append(measure(tree, files))
    result = {name: summary(runs) for name, runs in rounds.items()}
    differing = differing_files(rounds)
    if args.json:
        result["differing_files"] = differing
        print(json.dumps(result))
        return
    print(f"{len(files)} input files, {args.rounds} rounds, median ms per article of one core")
    for name, figures in result.items():
        print(f"  {name:>12}: read {figures['read_ms']:7.3f} ms  extract {figures['extract_ms']:7.3f} ms"
              f"  ({figures['articles']} articles; start-up {figures['startup_s']:.2f} s)")
    if args.against:
        print(f"  outputs: {'identical' if not differing else f'{len(differing)} files differ'}")
        for path in differing[:20]:
            print(f"    {path}")


if __name__ == "__main__":
    main()
