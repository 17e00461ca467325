"""Reading cost of a page as copied text and as a saved HTML page (trafilatura), side by side.

    .venv/bin/python benchmarks/read_pages.py [--articles N] [--rounds R] [--json]

N generated articles (``benchmarks/corpus.py``) are read as ``.txt`` and, wrapped in a news
site's markup (navigation, meta tags, a related-stories list, a footer: about 12 KB a page, like
a saved page with its scripts removed), as ``.html``, through ``sources.read_article``. Each figure
is the median of the rounds in ms per page of one core, after one warm-up round; the import of
trafilatura (paid once per worker process) is printed apart.
"""
import argparse
import html
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402

NAVIGATION = "".join(f'<li><a href="/kanal/{n}">Kanal {n}</a></li>' for n in range(40))
RELATED = "".join(f'<li><a href="/read/2024/01/{n:02d}/x">Berita lain nomor {n} tentang harga pangan</a>'
                  f"<time>Senin, {n} Januari 2024 | 07:45</time></li>" for n in range(1, 21))


def as_html(text: str, index: int) -> str:
    """One generated article as a saved page of a news site."""
    lines = text.strip().split("\n")
    title, paragraphs = lines[0], lines[1:]
    story = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{html.escape(title)} - Kabar Contoh</title>'
            f'<meta property="og:title" content="{html.escape(title)}"><meta property="og:site_name" content="KOMPAS.com">'
            f'<meta property="article:published_time" content="2024-03-{index % 28 + 1:02d}T10:15:00+07:00">'
            f'<link rel="canonical" href="https://www.kompas.com/read/2024/03/{index % 28 + 1:02d}/{index}/a"></head>'
            f"<body><header><ul>{NAVIGATION}</ul></header><main><article><h1>{html.escape(title)}</h1>{story}"
            f"</article><aside><h2>Terpopuler</h2><ul>{RELATED}</ul></aside></main>"
            "<footer>Hak cipta 2024 Kabar Contoh. Semua hak dilindungi.</footer></body></html>\n")


def timed(paths: list[Path], read) -> float:
    started = time.perf_counter()
    for path in paths:
        read(path)
    return (time.perf_counter() - started) * 1000 / len(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    import trafilatura  # noqa: F401  (its import, measured apart)
    import_s = time.perf_counter() - started
    from loader.sources import read_article

    with tempfile.TemporaryDirectory() as tmp:
        texts = corpus.generate(args.articles, Path(tmp) / "txt")
        pages = []
        for index, path in enumerate(texts):
            page = Path(tmp) / "html" / (path.stem + ".html")
            page.parent.mkdir(exist_ok=True)
            page.write_text(as_html(path.read_text(encoding="utf-8"), index), encoding="utf-8")
            pages.append(page)
        rounds = {"txt": [], "html": []}
        for _ in range(args.rounds + 1):
            rounds["txt"].append(timed(texts, read_article))
            rounds["html"].append(timed(pages, read_article))
        size = statistics.mean(p.stat().st_size for p in pages) / 1000
    result = {kind: round(statistics.median(values[1:]), 3) for kind, values in rounds.items()}
    result.update(articles=args.articles, html_kb=round(size, 1), trafilatura_import_s=round(import_s, 2))
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.articles} pages, {args.rounds} rounds, median ms per page of one core")
    print(f"  text page: {result['txt']:7.3f} ms   HTML page ({result['html_kb']} KB): {result['html']:7.3f} ms"
          f"   (trafilatura import {result['trafilatura_import_s']:.2f} s, once per process)")


if __name__ == "__main__":
    main()
