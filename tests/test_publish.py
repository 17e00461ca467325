"""Export to CSV + datapackage.json, the public build, and the serve/publish command lines."""
import asyncio
import csv
import json
import os
import re
import tomllib
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner

from loader import asgi
from loader import db as schema
from loader import publish
from loader.cli import cli

from .test_metadata import METADATA_PATH, ROOT, build_sample_db


@pytest.fixture
def sample_db(tmp_path) -> Path:
    return build_sample_db(tmp_path / "news.db")


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_export_writes_every_table_and_a_data_package(sample_db, tmp_path):
    out = tmp_path / "export"
    result = CliRunner().invoke(cli, ["export", str(out), "--db", str(sample_db),
                                      "--metadata", str(METADATA_PATH)])
    assert result.exit_code == 0, result.output
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    db = sqlite_utils.Database(sample_db)
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == set(schema.SCHEMA)
    for name, resource in resources.items():
        rows = read_csv(out / resource["path"])
        fields = [field["name"] for field in resource["schema"]["fields"]]
        assert rows[0] == fields == list(schema.SCHEMA[name][0])
        assert len(rows) - 1 == db[name].count
        assert set(resource["schema"]["primaryKey"]) <= set(fields)
        assert all(field["type"] in {"string", "integer", "number", "array"}
                   for field in resource["schema"]["fields"])
        assert all(field.get("description") for field in resource["schema"]["fields"]), name
        assert resource["licenses"] and resource["description"]
    # Every foreign key points at a resource field, and every value in the CSV is found there.
    quotes_fks = resources["quotes"]["schema"]["foreignKeys"]
    assert {"fields": ["person_id"], "reference": {"resource": "people", "fields": ["id"]}} in quotes_fks
    for name, resource in resources.items():
        header, *rows = read_csv(out / resource["path"])
        for fk in resource["schema"]["foreignKeys"]:
            [column], [other_column] = fk["fields"], fk["reference"]["fields"]
            other_header, *other_rows = read_csv(out / f"{fk['reference']['resource']}.csv")
            known = {row[other_header.index(other_column)] for row in other_rows}
            values = {row[header.index(column)] for row in rows} - {""}
            assert values <= known, (name, column)
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"])
    assert {licence["name"] for licence in package["licenses"]} == {"CC-BY-4.0", "Apache-2.0"}
    assert resources["articles"]["licenses"][0]["name"] == "other-closed"


def test_export_is_stable(sample_db, tmp_path):
    db = sqlite_utils.Database(sample_db)
    publish.export(db, tmp_path / "one")
    publish.export(db, tmp_path / "two")
    for path in sorted((tmp_path / "one").iterdir()):
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name
    quotes = read_csv(tmp_path / "one" / "quotes.csv")
    assert [row[0] for row in quotes[1:]] == sorted(row[0] for row in quotes[1:])
    assert quotes[1][quotes[0].index("start")].isdigit()


def test_make_public_drops_bodies_and_keeps_facts_and_evidence(sample_db):
    db = sqlite_utils.Database(sample_db)
    before = {table: list(db[table].rows) for table in schema.SCHEMA if table != "articles"}
    bodies = [row["body"] for row in db["articles"].rows]
    assert publish.make_public(db) == 3
    db = sqlite_utils.Database(sample_db)
    articles = list(db["articles"].rows)
    assert all(row["body"] is None for row in articles)
    assert all(row["title"] == original["title"] for row, original in
               zip(articles, sqlite_utils.Database(sample_db)["articles"].rows))
    assert all(publish.PUBLIC_NOTE in json.loads(row["notes"]) for row in articles)
    for table, rows in before.items():
        assert list(db[table].rows) == rows, table
    # Search finds titles but no longer the bodies, and no body text is left in the file.
    assert db.execute("select count(*) from articles_fts where articles_fts match 'Vladivostok'").fetchone()[0] == 1
    assert db.execute("select count(*) from articles_fts where articles_fts match 'gabungan'").fetchone()[0] == 0
    raw = sample_db.read_bytes()
    assert not any(body.encode() in raw for body in bodies)  # (evidence sentences stay, by design)
    assert publish.count_article_bodies(db) == 0


def test_serve_command_starts_workers_of_a_read_only_limited_datasette(sample_db, tmp_path, monkeypatch):
    inspect_file = tmp_path / "inspect.json"
    publish.ensure_inspect_file(sample_db, inspect_file)
    command, environment = publish.serve_command(sample_db, METADATA_PATH, inspect_file=inspect_file,
                                                 templates=ROOT / "templates", workers=3)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--workers") + 1] == "3"
    assert "loader.asgi:create_app" in command

    # What each worker builds from that environment.
    monkeypatch.setattr(os, "environ", {**os.environ, **environment})
    datasette = asgi.create_datasette()
    assert (datasette.setting("sql_time_limit_ms"), datasette.setting("facet_time_limit_ms"),
            datasette.setting("max_returned_rows"), datasette.setting("suggest_facets")) == (3000, 1000, 1000, False)
    news = datasette.get_database("news")
    assert not news.is_mutable
    assert datasette.metadata("title") == yaml.safe_load(METADATA_PATH.read_text())["title"]
    assert datasette.template_dir == str(ROOT / "templates")

    async def mmap_size():
        await datasette.invoke_startup()
        return (await news.execute("pragma mmap_size")).first()[0]
    assert asyncio.run(mmap_size()) > 0  # the project's plugin (SQLite's default is 0: no map)


def test_inspect_file_is_regenerated_only_when_the_database_changes(sample_db, tmp_path):
    inspect_file = tmp_path / "inspect.json"
    assert publish.ensure_inspect_file(sample_db, inspect_file)
    counts = json.loads(inspect_file.read_text())["news"]["tables"]
    assert counts["quotes"]["count"] == 4
    assert not publish.ensure_inspect_file(sample_db, inspect_file)
    db = sqlite_utils.Database(sample_db)
    db.execute("delete from quotes where id = 'q4'")
    db.conn.commit()
    db.close()
    assert publish.ensure_inspect_file(sample_db, inspect_file)
    assert json.loads(inspect_file.read_text())["news"]["tables"]["quotes"]["count"] == 3


def test_publish_installs_every_datasette_plugin_the_project_depends_on():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    plugins = {re.match(r"[A-Za-z0-9_-]+", dependency).group() for dependency in dependencies
               if dependency.startswith("datasette-")}
    assert plugins == set(publish.PLUGINS)
    for target in publish.PUBLISH_TARGETS:
        command = publish.publish_command(target, Path("build/public/news.db"), Path("metadata.yml"))
        installed = {command[i + 1].split("==")[0] for i, part in enumerate(command) if part == "--install"}
        assert installed == plugins, target
        assert command[command.index("--metadata") + 1] == "metadata.yml"
        assert command[command.index("--template-dir") + 1] == "templates"
        assert "--setting max_returned_rows" in command[command.index("--extra-options") + 1]
    assert publish.publish_command("package", Path("news.db"), Path("m.yml"))[:2] == ["datasette", "package"]


def test_publish_refuses_a_database_with_article_bodies(sample_db):
    refused = CliRunner().invoke(cli, ["publish", "cloudrun", str(sample_db),
                                       "--metadata", str(METADATA_PATH)])
    assert refused.exit_code != 0 and "--public" in refused.output
    publish.make_public(sqlite_utils.Database(sample_db))
    printed = CliRunner().invoke(cli, ["publish", "cloudrun", str(sample_db),
                                       "--metadata", str(METADATA_PATH)])
    assert printed.exit_code == 0, printed.output
    assert printed.output.startswith("datasette publish cloudrun ")
