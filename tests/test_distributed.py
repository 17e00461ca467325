"""Extraction on Dask (optional extra) gives the same database as the process pool."""
import os
import sys
from importlib.util import find_spec

import click
import pytest
import sqlite_utils

from loader import build as build_module
from loader.distributed import dask_mapper

from .conftest import SEEDS

# In CI Dask is installed and these tests must run; elsewhere it is an optional extra.
requires_dask = pytest.mark.skipif(
    not os.environ.get("CI") and find_spec("distributed") is None,
    reason="Dask is an optional extra: pip install 'rusdprk-news[dask]'")


def table_rows(db_path, table):
    return sorted(sqlite_utils.Database(db_path)[table].rows, key=repr)


@requires_dask
def test_dask_local_cluster_builds_the_same_database_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr("loader.distributed.PARTITION_SIZE", 2)  # several partitions, order kept
    one_process = tmp_path / "one.db"
    on_dask = tmp_path / "dask.db"
    build_module.build([SEEDS], one_process, workers=1)
    report = build_module.build([SEEDS], on_dask, workers=2, mapper=dask_mapper("local"))
    assert len(report.loaded) == len(list(SEEDS.glob("*.txt")))
    for table in [*build_module.schema.SCHEMA, "_meeting_candidates"]:
        assert table_rows(on_dask, table) == table_rows(one_process, table), table


def test_without_dask_the_error_says_what_to_install(monkeypatch):
    for module in ("dask", "dask.bag", "distributed"):
        monkeypatch.setitem(sys.modules, module, None)  # makes "import dask" fail
    with pytest.raises(click.ClickException, match=r"pip install 'rusdprk-news\[dask\]'"):
        dask_mapper("local")


@requires_dask
def test_cli_builds_on_a_local_dask_cluster(tmp_path):
    from click.testing import CliRunner
    from loader.cli import cli
    db_path = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--db", str(db_path), "--dask", "local",
                                      "--workers", "1", "--no-corrections"])
    assert result.exit_code == 0, result.output
    assert sqlite_utils.Database(db_path)["articles"].count == len(list(SEEDS.glob("*.txt")))
