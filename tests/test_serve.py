"""`loader serve` as a user runs it: it stops with its server processes, serves a rebuilt
database without a restart, and says in one line when its port is taken."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from loader import db as schema
from loader.cli import cli

from .test_metadata import METADATA_PATH, ROOT, _article, build_sample_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def article_count(base: str) -> int:
    with urllib.request.urlopen(base + "/news/articles.json?_size=1", timeout=5) as response:
        return json.load(response)["filtered_table_rows_count"]


def descendants(pid: int) -> set[int]:
    """Every process started by ``pid`` and by its children (Linux /proc)."""
    found, waiting = set(), [pid]
    while waiting:
        parent = waiting.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    waiting.append(child)
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def start_serving(db_path: Path, port: int) -> subprocess.Popen:
    """`loader serve` in its own process, once it answers."""
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("loader")), "serve", str(db_path), "--port", str(port),
         "--metadata", str(METADATA_PATH), "--templates", str(ROOT / "templates"), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            article_count(f"http://127.0.0.1:{port}")
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("loader serve did not start: " + process.stderr.read().decode()[-2000:])
            time.sleep(0.3)


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_loader_serve_stops_with_its_server_processes(tmp_path, signal_number):
    db_path = build_sample_db(tmp_path / "news.db")
    port = free_port()
    process = start_serving(db_path, port)
    servers = descendants(process.pid)
    assert len(servers) >= 3  # uvicorn's supervisor and two workers
    os.kill(process.pid, signal_number)
    process.wait(timeout=20)
    deadline = time.monotonic() + 10
    while any(map(running, servers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(running, servers))
    with pytest.raises(OSError):
        article_count(f"http://127.0.0.1:{port}")


def test_a_rebuilt_database_is_served_without_a_restart(tmp_path):
    db_path = build_sample_db(tmp_path / "news.db")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_serving(db_path, port)
    try:
        assert article_count(base) == 3
        # A build writes a new file and renames it over the old one.
        rebuilt = tmp_path / "rebuilt" / "news.db"
        build_sample_db(rebuilt)
        db = sqlite_utils.Database(rebuilt)
        schema.insert_rows(db, "articles", [_article("a4", "Warta Contoh", "2024-08-01T09:00:00+07:00",
                                                     "Artikel keempat", ["Teks artikel keempat."])])
        db.close()
        os.replace(rebuilt, db_path)
        counts, deadline = [], time.monotonic() + 60
        while (not counts or counts[-1] != 4) and time.monotonic() < deadline:
            counts.append(article_count(base))  # every request answered while workers are replaced
            time.sleep(0.2)
        assert counts[-1] == 4
        assert set(counts) <= {3, 4}
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert b"was rebuilt" in process.stderr.read()


def test_a_port_in_use_gets_one_clear_line(tmp_path):
    db_path = build_sample_db(tmp_path / "news.db")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", str(db_path), "--port", str(port),
                                          "--metadata", str(METADATA_PATH),
                                          "--templates", str(ROOT / "templates")])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(lines) == 1 and f"http://127.0.0.1:{port}/ is already in use" in lines[0]
    assert "Traceback" not in result.output
