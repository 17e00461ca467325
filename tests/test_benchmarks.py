"""The benchmark instruments work: the corpus is deterministic and reads as news; the build
benchmark prints its JSON. No timings are asserted."""
import json
import subprocess
import sys

import yaml

from loader.build import build
from loader.sources import read_article

from .conftest import ROOT, SEEDS, corpus

KNOWN_OUTLETS = {"Kompas TV", "Kompas.com", "Pahami.id", "Tribunnews.com", "Antara", "CNN Indonesia",
                 "Liputan6.com", "SINDOnews"}
BOILERPLATE = ["Baca Juga", "Penulis :", "Editor :", "Sumber :", "Breaking News", "KOMPAS.TV -",
               "Pahami.id —", "TRIBUNNEWS.COM -"]


def test_same_seed_same_corpus_other_seed_other_corpus(tmp_path):
    first = corpus.generate(12, tmp_path / "a", seed=3)
    again = corpus.generate(12, tmp_path / "b", seed=3)
    other = corpus.generate(12, tmp_path / "c", seed=4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    # A smaller corpus is the start of a larger one: article i depends on (seed, i) only.
    assert [p.read_bytes() for p in corpus.generate(5, tmp_path / "d", seed=3)] == \
           [p.read_bytes() for p in first[:5]]


def test_generated_files_read_as_articles(tmp_path):
    paths = corpus.generate(40, tmp_path, seed=0)
    sizes = [p.stat().st_size for p in paths]
    assert min(sizes) >= 3000 and max(sizes) <= 6200
    articles = [read_article(p) for p in paths]
    assert {a.outlet for a in articles} <= KNOWN_OUTLETS and len({a.outlet for a in articles}) >= 5
    assert any(a.dateline for a in articles) and any(a.published for a in articles)
    for article in articles:
        assert article.title and article.agencies, article.source_file
        assert not [marker for marker in BOILERPLATE if marker in article.body], article.source_file
        assert "“" in article.body or '"' in article.body or "”" in article.body
        assert " bertemu dengan " in article.body
    # Names vary: the fictional officials differ from article to article.
    first_lines = {a.body.split(" bertemu dengan ")[0] for a in articles}
    assert len(first_lines) > 20


def test_build_benchmark_prints_one_json_object(tmp_path):
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build.py"), "--articles", "20", "--workers", "1",
         "--seed", "7", "--keep", str(tmp_path), "--cache", str(tmp_path / "cache"), "--json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert {"articles", "build_s", "floor_s", "ratio", "articles_per_s", "peak_rss_mb"} <= set(result)
    assert result["articles"] == 20
    assert "20 articles loaded" in result["build_summary"]
    assert (tmp_path / "news.db").exists() and (tmp_path / "floor.db").exists()


def test_quote_cluster_benchmark_prints_one_json_object(tmp_path):
    # A small file in PFSA-ID's format (token<TAB>label, blank line between sentences): two
    # near-identical sentences and others.
    sentences = ["Kami akan memperkuat kerja sama militer kedua negara .",
                 "Kami akan memperkuat kerja sama militer kedua negara itu .",
                 "Latihan gabungan digelar di dekat perbatasan pada pekan lalu .",
                 "Pemerintah belum menanggapi laporan tentang pengiriman amunisi ."]
    path = tmp_path / "mini.txt"
    path.write_text("\n\n".join("\n".join(f"{token}\tO" for token in s.split()) for s in sentences) + "\n",
                    encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "quote_clusters.py"), str(path), "--json"],
                            capture_output=True, text=True, check=True)
    runs = json.loads(result.stdout)["runs"]
    assert runs[-1]["texts"] == 4 and runs[-1]["clusters"] == 3


def test_canned_query_benchmark_runs_every_query(tmp_path):
    build([SEEDS], tmp_path / "news.db", workers=1)
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "canned_queries.py"), "--db", str(tmp_path / "news.db"),
         "--runs", "1", "--json"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    charts = [f"{slug}/{chart}" for slug, dashboard in metadata["plugins"]["datasette-dashboards"].items()
              for chart in dashboard["charts"]]
    assert [run["query"] for run in result["queries"]] == [*metadata["databases"]["news"]["queries"], *charts]
    assert result["parameters"]["person"]  # the most mentioned person of the seeds
    assert all(run["rows"] > 0 for run in result["queries"]), result["queries"]


def test_extraction_speed_benchmark_compares_two_trees(tmp_path):
    # The seeds against the committed HEAD: both trees read and extract all five.
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "extract_speed.py"), str(SEEDS), "--generated", "0",
         "--rounds", "1", "--against", "HEAD", "--json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert set(result) == {"this tree", "HEAD", "differing_files"}
    for name in ("this tree", "HEAD"):
        figures = result[name]
        assert figures["articles"] == 5 and figures["extract_ms"] > 0 and figures["read_ms"] > 0


def test_extraction_speed_benchmark_names_the_files_whose_outputs_differ():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import extract_speed
    same = {"a.txt": "1", "b.txt": "2"}
    rounds = {"this tree": [{"digests": same}, {"digests": same}],
              "HEAD": [{"digests": same}, {"digests": {"a.txt": "1", "b.txt": "3"}}]}
    assert extract_speed.differing_files(rounds) == ["b.txt"]
    assert extract_speed.differing_files({"this tree": [{"digests": same}], "HEAD": [{"digests": same}]}) == []


def test_page_reading_benchmark_reads_both_kinds():
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "read_pages.py"), "--articles", "5", "--rounds", "1", "--json"],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert result["articles"] == 5 and result["txt"] > 0 and result["html"] > 0 and result["html_kb"] > 5


def test_build_safety_benchmark_prints_one_json_object(tmp_path):
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build_safety.py"), "--articles", "20", "--rounds", "1",
         "--against", "HEAD", "--cache", str(tmp_path), "--json"],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert set(result["this tree"]) == {"full_s", "add_one_s", "add_one_touched_s"}
    assert set(result["HEAD"]) == {"full_s", "add_one_s"}
    assert {"db_mb", "copy_s", "quick_check_s", "fsync_copy_s"} <= set(result["database file"])


# spaCy is in the test extra (for these two only): a missing install fails here, not skips.
def test_names_floor_pipeline_finds_the_reference_names():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import names_floor
    from loader.reference import load_reference
    nlp, patterns = names_floor.names_pipeline(load_reference())
    doc = nlp("Menteri Luar Negeri Rusia Sergei Lavrov tiba di Pyongyang pada Senin. Ia disambut KCNA.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Rusia", "LOC"), ("Sergei Lavrov", "PER"), ("Pyongyang", "LOC"), ("KCNA", "ORG")]
    assert len(list(doc.sents)) == 2 and patterns > 500


def test_names_floor_benchmark_prints_one_json_object():
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "names_floor.py"), str(SEEDS), "--generated", "0",
         "--rounds", "1", "--json"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert result["articles"] == 5 and result["extract_ms"] > 0 and result["names_pipeline_ms"] > 0
    assert result["ratio"] == round(result["extract_ms"] / result["names_pipeline_ms"], 1)
