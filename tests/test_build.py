"""The build end to end: CLI, messages for bad input, idempotence, atomic replace, Datasette."""
import asyncio
import shutil

import pytest
import sqlite_utils
from click.testing import CliRunner
from datasette.app import Datasette

from loader import build as build_module
from loader.cli import cli

from .conftest import ROOT, SEEDS


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def rows(db_path, table):
    return sorted(sqlite_utils.Database(db_path)[table].rows, key=repr)


@pytest.fixture
def seed_db(tmp_path):
    db_path = tmp_path / "news.db"
    result = run("build", SEEDS, "--db", db_path)
    assert result.exit_code == 0, result.output
    return db_path


def test_build_loads_every_seed_and_reports(seed_db):
    articles = rows(seed_db, "articles")
    assert sorted(a["source_file"] for a in articles) == sorted(p.name for p in SEEDS.glob("*.txt"))
    db = sqlite_utils.Database(seed_db)
    assert set(build_module.schema.SCHEMA) <= set(db.table_names())
    assert db.execute("pragma page_size").fetchone()[0] == build_module.PAGE_SIZE  # set before any table
    hits = db.execute("select count(*) from articles_fts where articles_fts match 'Pyongyang'").fetchone()[0]
    assert hits == db.execute("select count(*) from articles where body like '%Pyongyang%'").fetchone()[0] > 0


def test_second_build_gives_identical_rows_and_ids(seed_db, tmp_path):
    again = tmp_path / "again.db"
    result = run("build", SEEDS, "--db", again)
    assert result.exit_code == 0
    # The steps after extraction, which take minutes on a large corpus, are named as they start.
    assert [line for line in result.output.splitlines() if line.endswith("…")] == [
        "Merging quotes and meetings across articles…", "Indexing for search and counting co-mentions…",
        "Compacting…"]
    for table in build_module.schema.SCHEMA:
        assert rows(seed_db, table) == rows(again, table), table


def indexed_columns(db_path) -> set[tuple]:
    db = sqlite_utils.Database(db_path)
    return {(table, tuple(index.columns)) for table in db.table_names() for index in db[table].indexes
            if not index.name.startswith("sqlite_autoindex")}


def test_new_and_incremental_builds_have_every_index(seed_db, tmp_path):
    # A new database is indexed after its tables are filled: the indexes must still all be there.
    expected = {(table, tuple(columns)) for table, indexes in build_module.schema.INDEXES.items()
                for columns in indexes}
    assert indexed_columns(seed_db) == expected
    updated = tmp_path / "updated.db"
    shutil.copy(seed_db, updated)
    added = tmp_path / "more"
    added.mkdir()
    (added / "extra.txt").write_text(next(SEEDS.glob("*.txt")).read_text() + "\nKim Jong Un bertemu Vladimir Putin.\n")
    result = run("build", SEEDS, added, "--db", updated)
    assert result.exit_code == 0 and "(1 extracted" in result.output, result.output
    assert indexed_columns(updated) == expected


def test_bad_files_get_one_line_each_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "boilerplate.txt").write_text("Baca Juga: Lain\nBreaking News\n")
    (folder / "copy.txt").write_bytes((SEEDS / "001_cc6341c7ed42edb7.txt").read_bytes())
    (folder / "latin.txt").write_bytes("“Kami siap,” kata Ryzhenkov di Minsk pada hari Selasa.".encode("cp1252"))
    db_path = tmp_path / "news.db"
    result = run("build", folder, "--db", db_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()

    def line_for(name):
        return next(line for line in lines if line.startswith(str(folder / name)))
    assert "empty file" in line_for("empty.txt")
    assert "binary file" in line_for("binary.txt")
    assert "no article text" in line_for("boilerplate.txt")
    assert "deduplicated" in line_for("copy.txt") or "deduplicated" in line_for("001_cc6341c7ed42edb7.txt")
    assert "decoded as cp1252" in line_for("latin.txt")
    assert "6 articles loaded (6 extracted, 0 unchanged), 4 skipped" in result.output
    assert len(rows(db_path, "articles")) == 6
    again = run("build", folder, "--db", db_path)  # files not read again: the same lines
    assert again.output.replace("0 extracted, 6 unchanged", "6 extracted, 0 unchanged") == \
        result.output.replace("Compacting…\n", "")  # only a new database is compacted
    assert run("build", folder, "--db", db_path, "--strict").exit_code == 1


def test_only_changed_files_are_read_again(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    db_path = tmp_path / "news.db"
    build_module.build([folder], db_path, workers=1)
    before = {table: rows(db_path, table) for table in build_module.schema.SCHEMA}
    read = []
    real_read = build_module.read_file
    monkeypatch.setattr(build_module, "read_file",
                        lambda path, *args, **kwargs: read.append(path.name) or real_read(path, *args, **kwargs))

    report = build_module.build([folder], db_path, workers=1)
    assert read == [] and report.extracted == 0 and len(report.loaded) == 5
    assert {table: rows(db_path, table) for table in build_module.schema.SCHEMA} == before

    edited, described = sorted(folder.glob("*.txt"))[:2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nParagraf tambahan.\n", encoding="utf-8")
    (folder / f"{described.stem}.yml").write_text("url: https://example.org/berita\n", encoding="utf-8")
    report = build_module.build([folder], db_path, workers=1)
    assert sorted(read) == sorted([edited.name, described.name])
    assert report.extracted == 1  # the described file's text is the same: read, not extracted
    urls = {a["source_file"]: a["url"] for a in rows(db_path, "articles")}
    assert urls[described.name] == "https://example.org/berita"
    assert len(urls) == 5


def test_nothing_to_build_fails_and_keeps_the_old_database(seed_db, tmp_path):
    before = seed_db.read_bytes()
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "a.txt").write_bytes(b"")
    result = run("build", empty, "--db", seed_db)
    assert result.exit_code == 1
    assert "no article could be loaded" in result.output
    assert seed_db.read_bytes() == before


def test_a_build_that_fails_midway_leaves_the_old_database(seed_db, monkeypatch):
    before = rows(seed_db, "articles")
    real_read = build_module.read_file
    calls = []

    def read_then_crash(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real_read(*args, **kwargs)
    monkeypatch.setattr(build_module, "read_file", read_then_crash)
    with pytest.raises(RuntimeError):
        build_module.build([SEEDS], seed_db, incremental=False)  # (else the files are not read again)
    assert rows(seed_db, "articles") == before
    # No temporary file left behind; the lock file stays (see loader/database_file.py).
    assert sorted(p.name for p in seed_db.parent.iterdir()) == [seed_db.name, f"{seed_db.name}.lock"]


def test_datasette_serves_the_articles(seed_db):
    async def fetch():
        ds = Datasette([str(seed_db)], metadata=None)
        response = await ds.client.get(f"/{seed_db.stem}/articles.json?_shape=array&_sort=id")
        return response.status_code, response.json()
    status, served = asyncio.run(fetch())
    assert status == 200
    assert [a["id"] for a in served] == [a["id"] for a in rows(seed_db, "articles")]
    assert {a["outlet"] for a in served} >= {"Kompas TV", "Pahami.id"}


def test_default_metadata_loads_in_datasette(seed_db):
    import yaml
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())

    async def fetch():
        ds = Datasette([str(seed_db)], metadata=metadata)
        return (await ds.client.get("/news/articles.json?_shape=array")).status_code
    assert asyncio.run(fetch()) == 200


def test_public_build_keeps_facts_and_evidence_but_no_bodies(seed_db, tmp_path):
    public_db = tmp_path / "public" / "news.db"
    result = run("build", SEEDS, "--db", public_db, "--public")
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(public_db)
    assert db.execute("select count(*) from articles where body is not null").fetchone()[0] == 0
    for table in ("mentions", "quotes", "meetings"):
        assert db[table].count == sqlite_utils.Database(seed_db)[table].count > 0, table
    assert db.execute("select count(*) from quotes where sentence is null or sentence = ''").fetchone()[0] == 0


def test_public_build_refuses_to_overwrite_the_default_database():
    result = run("build", SEEDS, "--public")
    assert result.exit_code == 2 and "--public needs its own --db" in result.output
