"""The extraction against a spaCy pipeline that only finds the reference names, in one process.

    .venv/bin/pip install -e '.[bench]'          # spaCy: a benchmark extra, the loader does not use it
    .venv/bin/python benchmarks/names_floor.py [--generated N] [--rounds R] [FOLDER_OR_FILE ...] [--json]

The yardstick of issue 20: a blank Indonesian (`id`) spaCy pipeline with a sentencizer and an
EntityRuler holding every name, alias, organisation and place of ``loader/data``, the least a
pipeline does to find the names the reference lists know. The inputs (default: ``seeds/``,
``../shared/dev-real/articles`` where it exists, and N generated articles of
``benchmarks/corpus.py``) are read once (``sources.read_article``); then each round times the
project's ``extract_article`` and the spaCy pipeline on every body, the two alternating round by
round in this one process, so that both see the same machine. Prints the median ms per article
of one core for each and their ratio; building the pipeline is left out and printed apart.
"""
import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from extract_speed import inputs  # noqa: E402
from loader.extract.article import extract_article  # noqa: E402
from loader.reference import load_reference  # noqa: E402
from loader.sources import read_article  # noqa: E402


def names_pipeline(ref):
    """Blank ``id`` tokenizer, sentencizer, and an EntityRuler with the reference's names."""
    try:
        import spacy
    except ImportError:
        sys.exit("names_floor: spaCy is not installed; run .venv/bin/pip install -e '.[bench]'")
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    patterns = []
    for label, table in (("PER", ref.people), ("ORG", ref.organizations), ("LOC", ref.places)):
        for entry in table.values():
            for spelling in {entry["name"], *entry.get("aliases", [])}:
                patterns.append({"label": label, "pattern": spelling, "id": entry["id"]})
    ruler.add_patterns(patterns)
    return nlp, len(patterns)


def time_extraction(articles, ref) -> float:
    started = time.perf_counter()
    for article in articles:
        extract_article(article.body, article.published, ref)
    return time.perf_counter() - started


def time_pipeline(nlp, bodies) -> float:
    started = time.perf_counter()
    for body in bodies:
        nlp(body).ents  # noqa: B018 (the entities are what is asked for)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="article files or folders")
    parser.add_argument("--generated", type=int, default=1000, metavar="N",
                        help="generated articles to add (0: none)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    default = [REPO / "seeds", REPO / ".." / "shared" / "dev-real" / "articles"]
    files = inputs(args.paths or [p for p in default if p.exists()], args.generated)
    ref = load_reference()
    articles = [read_article(path) for path in files]
    bodies = [article.body for article in articles]
    started = time.perf_counter()
    nlp, pattern_count = names_pipeline(ref)
    pipeline_setup = time.perf_counter() - started
    # Warm-up: caches and lazily compiled patterns.
    time_extraction(articles, ref)
    time_pipeline(nlp, bodies)
    extraction, pipeline = [], []
    for _ in range(args.rounds):
        extraction.append(time_extraction(articles, ref))
        pipeline.append(time_pipeline(nlp, bodies))
    n = len(articles)
    result = {"articles": n, "rounds": args.rounds, "patterns": pattern_count,
              "pipeline_setup_s": round(pipeline_setup, 2),
              "extract_ms": round(statistics.median(extraction) * 1000 / n, 3),
              "names_pipeline_ms": round(statistics.median(pipeline) * 1000 / n, 3)}
    result["ratio"] = round(result["extract_ms"] / result["names_pipeline_ms"], 1)
    if args.json:
        print(json.dumps(result))
        return
    print(f"{n} articles, {args.rounds} rounds, median ms per article of one core")
    print(f"  extract_article:            {result['extract_ms']:7.3f} ms")
    print(f"  spaCy names-only pipeline:  {result['names_pipeline_ms']:7.3f} ms"
          f"  ({pattern_count} patterns; built in {result['pipeline_setup_s']:.2f} s)")
    print(f"  ratio: {result['ratio']}x")


if __name__ == "__main__":
    main()
