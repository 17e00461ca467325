import sys
from pathlib import Path

import pytest

from loader.build import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "benchmarks"))  # the corpus generator, for tests that build one

import corpus  # noqa: E402


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """A database of 60 generated articles: many share each word, many have no published date,
    many quotes and mentions share an article (ties for a sorted page)."""
    folder = tmp_path_factory.mktemp("corpus")
    files = corpus.generate(60, folder / "articles", seed=5)
    build([folder / "articles"], folder / "news.db", workers=1)
    assert len(files) == 60
    return folder / "news.db"
