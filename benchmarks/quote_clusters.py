"""How quote clustering (``loader.merge.cluster_texts``) scales with the number of distinct texts.

    .venv/bin/python benchmarks/quote_clusters.py [PATH] [--json]

The generated corpus (benchmarks/corpus.py) repeats a dozen quotes, so its builds do not show
this cost; real news quotes are nearly all different. The texts here are the distinct
sentences of a PFSA-ID file (real Indonesian news, six tokens or more), clustered in growing
prefixes of the sorted list. Every build clusters all distinct quote texts of the database.
"""
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]

import pfsa_id  # noqa: E402
from loader.merge import cluster_texts  # noqa: E402


def main() -> None:
    path, as_json = pfsa_id.parse_arguments(__doc__.split("\n\n")[0])
    sentences = pfsa_id.read_sentences(path)
    texts = sorted({" ".join(token for token, _label in sentence) for sentence in sentences
                    if len(sentence) >= 6})
    figures = []
    for size in sorted({len(texts) // 4, len(texts) // 2, len(texts)}):
        started = time.perf_counter()
        clusters = cluster_texts(texts[:size])
        figures.append({"texts": size, "seconds": round(time.perf_counter() - started, 2),
                        "clusters": len(set(clusters.values()))})
    if as_json:
        print(json.dumps({"file": str(path), "runs": figures}))
        return
    for run in figures:
        print(f"{run['texts']:>7} distinct texts: {run['seconds']:7.2f} s, {run['clusters']} clusters")


if __name__ == "__main__":
    main()
