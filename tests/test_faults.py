"""Faults, with real processes: a build killed at any moment, two builds at once, a damaged
database, a full disk and a read-only folder, a worker that dies.

Every fault must leave the last good database (it opens, passes quick_check, has the same row
counts), let the next build succeed with no stray file beside the database, and say what
happened in one line. The tests that mount a size-limited tmpfs need root; they are skipped
with the reason elsewhere, except in CI (CI=true), where that fails.
"""
import faulthandler
import fcntl
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlite_utils

from loader import build as build_module
from loader import pool

from .conftest import SEEDS, corpus

LOADER = Path(sys.executable).parent / "loader"
ARTICLES, EXTRA = 200, 12  # the corpus, and the articles a second build adds to it
KILLS, KILL_SEED = 20, 19
STEP_LINES = {"merging": "Merging quotes", "indexing": "Indexing for search", "compacting": "Compacting…"}


class Build:
    """``loader build ARGS`` in its own process, its stderr lines timed as they come."""

    def __init__(self, *args):
        self.started = time.monotonic()
        self.process = subprocess.Popen([str(LOADER), "build", *map(str, args)], text=True,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.lines: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stderr:
            with self.changed:
                self.lines.append((time.monotonic() - self.started, line.rstrip("\n")))
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def wait_for_line(self, start: str) -> float | None:
        """When a line starting with ``start`` came (seconds after the start), waiting for it;
        None if the build ended without it."""
        with self.changed:
            while True:
                found = [at for at, line in self.lines if line.startswith(start)]
                if found:
                    return found[0]
                if not self.reader.is_alive():
                    return None
                self.changed.wait(0.1)

    def finish(self, timeout: float = 120) -> int:
        code = self.process.wait(timeout)
        self.reader.join(timeout)
        return code

    @property
    def output(self) -> str:
        return "\n".join(line for _at, line in self.lines)


def run_build(*args) -> tuple[int, str]:
    build = Build(*args)
    return build.finish(), build.output


def row_counts(db_path: Path) -> dict[str, int]:
    """Every public table's row count, of a database that must open and pass quick_check."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        assert connection.execute("pragma quick_check").fetchall() == [("ok",)]
        return {table: connection.execute(f"select count(*) from [{table}]").fetchone()[0]
                for table in build_module.schema.SCHEMA}
    finally:
        connection.close()


def all_rows(db_path: Path) -> dict[str, list]:
    db = sqlite_utils.Database(db_path)
    return {table: sorted(db[table].rows, key=repr) for table in build_module.schema.SCHEMA}


def files_beside(db_path: Path) -> list[str]:
    return sorted(path.name for path in db_path.parent.iterdir())


def digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(path.name.encode() + path.read_bytes()
                                   for path in sorted(folder.iterdir()))).hexdigest()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    """``ARTICLES`` generated articles, and ``EXTRA`` more in a folder of their own."""
    folder = tmp_path_factory.mktemp("faults")
    articles, extra = folder / "articles", folder / "extra"
    paths = corpus.generate(ARTICLES + EXTRA, articles, seed=KILL_SEED)
    extra.mkdir()
    for path in paths[ARTICLES:]:
        path.rename(extra / path.name)
    return articles, extra


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory) -> tuple[Path, list[tuple[float, str]]]:
    """A build of the articles undisturbed: its database and its timed lines."""
    db_path = tmp_path_factory.mktemp("reference") / "news.db"
    build = Build(inputs[0], "--db", db_path, "--workers", 2)
    assert build.finish() == 0, build.output
    return db_path, build.lines


def step_times(lines: list[tuple[float, str]]) -> dict[str, float]:
    """When each step of a build began, and when it ended ("end": its last line)."""
    times = {"extracting": 0.0}
    for at, line in lines:
        times.update({step: at for step, start in STEP_LINES.items() if line.startswith(start)})
    times["end"] = lines[-1][0]
    return times


def kill_plan(full: dict[str, float], incremental: dict[str, float]) -> list[tuple[str, str, bool, float]]:
    """``KILLS`` moments spread over the steps: (the step aimed at, the step whose line the kill
    waits for, whether a --full build, seconds after that line), from the step times of an
    undisturbed full and incremental build. A full build extracts every article and is
    compacted; an incremental one (the extra articles added or removed) is not, and costs less:
    merging and indexing are killed there. "renaming" aims at the end of the last step."""
    rng = random.Random(KILL_SEED)
    steps = ["extracting", "merging", "indexing", "compacting", "renaming"]
    plan = []
    for kill in range(KILLS):
        aim = steps[kill % len(steps)]
        full_build = aim == "compacting" or aim in ("extracting", "renaming") and kill // len(steps) % 2 == 0
        times = full if full_build else incremental
        order = [step for step in [*steps[:4], "end"] if step in times]
        if aim == "renaming":
            after = order[-2]
            delay = (times["end"] - times[after]) * rng.uniform(0.7, 1.3)
        else:
            after = aim
            delay = (times[order[order.index(aim) + 1]] - times[aim]) * rng.random()
        plan.append((aim, after, full_build, delay))
    return plan


def test_a_build_killed_at_any_moment_leaves_the_last_good_database(inputs, reference, tmp_path):
    articles, extra = inputs
    before = digest(articles), digest(extra)
    db_path = tmp_path / "news.db"
    shutil.copy(reference[0], db_path)
    with_extra = Build(articles, extra, "--db", db_path)
    assert with_extra.finish() == 0, with_extra.output
    counts = {False: row_counts(reference[0]), True: row_counts(db_path)}
    assert counts[True]["articles"] == ARTICLES + EXTRA
    plan = kill_plan(step_times(reference[1]), step_times(with_extra.lines))
    has_extra, record = True, []
    for aim, step, full_build, delay in plan:
        wanted = not has_extra
        args = [articles, *([extra] if wanted else []), "--db", db_path, *(["--full"] if full_build else [])]
        build = Build(*args)
        began = 0.0 if step == "extracting" else build.wait_for_line(STEP_LINES[step])
        if began is not None:
            time.sleep(max(0.0, began + delay - (time.monotonic() - build.started)))
        running = build.process.poll() is None
        build.process.send_signal(signal.SIGKILL)
        build.finish()
        left = row_counts(db_path)  # it opens and passes quick_check...
        assert left in (counts[has_extra], counts[wanted]), (step, delay)  # ...and is a whole build
        strays = [name for name in files_beside(db_path) if name not in ("news.db", "news.db.lock")]
        kinds = ", ".join("…tmp" + name.split(".tmp", 1)[1] for name in strays)
        record.append(f"{'full' if full_build else 'incremental'} build, {aim} ({step} line + {delay:.2f} s): "
                      f"{'killed' if running else 'had finished'}; left the "
                      f"{'new' if left == counts[wanted] != counts[has_extra] else 'last'} database"
                      f" and {len(strays)} temporary file(s){f' ({kinds})' if strays else ''}")

        # The next build: the lock was released with the process (--no-wait would fail), the
        # leftovers go, and it gives the database these inputs give.
        code, output = run_build(*args[:-1] if full_build else args, "--no-wait")
        assert code == 0, output
        assert ("temporary file(s) that an interrupted build left" in output) == bool(strays), output
        assert row_counts(db_path) == counts[wanted]
        assert files_beside(db_path) == ["news.db", "news.db.lock"]
        has_extra = wanted
    print("\n".join(["", f"{KILLS} kill points:", *record]))
    assert (digest(articles), digest(extra)) == before  # nothing lost from the inputs
    assert sum("killed;" in line for line in record) >= KILLS * 3 // 4, record


def test_two_builds_at_once_end_with_one_database(inputs, reference, tmp_path):
    db_path = tmp_path / "news.db"
    first, second = Build(inputs[0], "--db", db_path), Build(inputs[0], "--db", db_path)
    assert first.finish() == 0 and second.finish() == 0, first.output + second.output
    waited = [build for build in (first, second) if "is writing it; waiting for it to finish" in build.output]
    assert len(waited) == 1, first.output + second.output
    assert all_rows(db_path) == all_rows(reference[0])
    assert files_beside(db_path) == ["news.db", "news.db.lock"]


def hold_lock(db_path: Path) -> int:
    """Take the lock of ``db_path`` as a build does (this process, then, is the other build)."""
    fd = os.open(f"{db_path}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, json.dumps({"pid": os.getpid()}).encode())
    return fd


def test_a_build_waits_for_the_lock_or_with_no_wait_stops_at_once(seeds_db, tmp_path):
    db_path = tmp_path / "news.db"
    shutil.copy(seeds_db, db_path)
    before = db_path.read_bytes()
    fd = hold_lock(db_path)
    try:
        code, output = run_build(SEEDS, "--db", db_path, "--no-wait")
        assert code == 1
        assert output.splitlines()[-1] == (f"Error: {db_path}: another build (process {os.getpid()}) is "
                                           f"writing it; try again once it has finished (or use --wait)")
        assert db_path.read_bytes() == before
        waiting = Build(SEEDS, "--db", db_path)
        assert waiting.wait_for_line(f"{db_path}: another build (process {os.getpid()}) is writing "
                                     f"it; waiting for it to finish") is not None, waiting.output
        assert waiting.process.poll() is None
    finally:
        os.close(fd)
    assert waiting.finish() == 0, waiting.output
    assert files_beside(db_path) == ["news.db", "news.db.lock"]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> Path:
    db_path = tmp_path_factory.mktemp("seeds") / "news.db"
    code, output = run_build(SEEDS, "--db", db_path)
    assert code == 0, output
    return db_path


def truncate(db_path: Path) -> None:
    with open(db_path, "r+b") as file:
        file.truncate(db_path.stat().st_size // 2)


def text_file(db_path: Path) -> None:
    db_path.write_text("Bukan basis data: catatan rapat redaksi.\n")


def foreign_database(db_path: Path) -> None:
    db_path.unlink()
    sqlite_utils.Database(db_path)["notes"].insert({"id": 1, "text": "milik orang lain"}, pk="id")


def column_dropped(db_path: Path) -> None:
    sqlite_utils.Database(db_path).execute("alter table articles drop column word_count")


def zero_page(db_path: Path, table: str, kind: str) -> None:
    """Zeros over a page of ``table`` of ``kind`` (SQLite's dbstat: "internal", "leaf"), as a
    failing disk or a stray write leaves them."""
    connection = sqlite3.connect(db_path)
    page_size, = connection.execute("pragma page_size").fetchone()
    page, = connection.execute("select min(pageno) from dbstat where name = ? and pagetype = ?",
                               [table, kind]).fetchone()
    connection.close()
    with open(db_path, "r+b") as file:
        file.seek((page - 1) * page_size)
        file.write(bytes(page_size))


@pytest.mark.parametrize("damage, reason", [
    (truncate, "SQLite cannot read it (database disk image is malformed)"),
    (lambda db_path: zero_page(db_path, "articles", "leaf"), "SQLite's quick_check fails ("),
    (text_file, "SQLite cannot read it (file is not a database)"),
    (foreign_database, "it was not made by this loader (it has no _build table)"),
    (column_dropped, "its articles table is not this loader's"),
])
def test_a_damaged_or_foreign_database_is_kept_aside_and_built_anew(seeds_db, tmp_path, damage, reason):
    db_path = tmp_path / "news.db"
    shutil.copy(seeds_db, db_path)
    damage(db_path)
    damaged = db_path.read_bytes()
    code, output = run_build(SEEDS, "--db", db_path)
    assert code == 0, output
    [line] = [line for line in output.splitlines() if "building a new database" in line]
    assert line.startswith(f"{db_path}: {reason}") and "building a new database from every article" in line
    [kept] = [name for name in files_beside(db_path) if name.startswith("news.db.damaged-")]
    assert (tmp_path / kept).read_bytes() == damaged and kept in line
    assert all_rows(db_path) == all_rows(seeds_db)
    assert files_beside(db_path) == sorted(["news.db", "news.db.lock", kept])
    code, output = run_build(SEEDS, "--db", db_path)  # now sound: built on, nothing more kept
    assert code == 0 and "building a new database" not in output and "(0 extracted, 5 unchanged)" in output, output
    assert files_beside(db_path) == sorted(["news.db", "news.db.lock", kept])


def test_only_a_database_changed_since_the_last_build_wrote_it_is_checked_in_full(seeds_db, tmp_path):
    db_path = tmp_path / "news.db"
    code, output = run_build(SEEDS, "--db", db_path)
    assert code == 0, output
    lock = build_module.DatabaseLock(db_path, wait=False, on_message=print)
    assert lock.wrote_last(db_path)  # what the build wrote: no quick_check
    lock.release()
    os.utime(db_path)  # written by something else since
    lock = build_module.DatabaseLock(db_path, wait=False, on_message=print)
    assert not lock.wrote_last(db_path)
    lock.release()


def test_damage_the_check_could_not_see_is_found_by_the_next_build(seeds_db, tmp_path):
    """Pages zeroed behind the file's back (its size and time kept, as a failing disk would):
    the build that reads them stops; the next one checks the file in full, keeps it, and builds
    a new database."""
    db_path = tmp_path / "news.db"
    code, output = run_build(SEEDS, "--db", db_path)
    assert code == 0, output
    written = db_path.stat()
    zero_page(db_path, "_files", "leaf")
    os.utime(db_path, ns=(written.st_atime_ns, written.st_mtime_ns))
    damaged = db_path.read_bytes()
    code, output = run_build(SEEDS, "--db", db_path)
    assert code == 1
    assert output.splitlines()[-1] == (f"Error: {db_path}: SQLite found it damaged while building on it "
                                       f"(database disk image is malformed); the next build checks it "
                                       f"in full and builds a new one if it is")
    assert db_path.read_bytes() == damaged and files_beside(db_path) == ["news.db", "news.db.lock"]
    code, output = run_build(SEEDS, "--db", db_path)
    assert code == 0 and "building a new database from every article" in output, output
    assert all_rows(db_path) == all_rows(seeds_db)


def test_only_the_leftovers_of_a_killed_build_are_removed(seeds_db, tmp_path):
    db_path = tmp_path / "news.db"
    shutil.copy(seeds_db, db_path)
    leftovers = [".news.db.k3x_9q2a.tmp", ".news.db.k3x_9q2a.tmp.compact", ".news.db.zz0zz0zz.tmp-journal"]
    others = [".news.db.notes", "news.db.tmp", ".other.db.k3x_9q2a.tmp", ".news.db.k3x_9q2.tmp"]
    for name in leftovers + others:
        (tmp_path / name).write_text("x")
    code, output = run_build(SEEDS, "--db", db_path)
    assert code == 0, output
    assert [line for line in output.splitlines() if "removed" in line] == [
        f"{db_path}: removed 3 temporary file(s) that an interrupted build left: {', '.join(sorted(leftovers))}"]
    assert files_beside(db_path) == sorted(["news.db", "news.db.lock", *others])


@pytest.fixture
def small_filesystem(tmp_path):
    """A 6 MB tmpfs: room for the seeds' database, not for the corpus's. Unmounted even when
    the test fails."""
    folder = tmp_path / "small"
    folder.mkdir()
    problem = None if os.geteuid() == 0 else "mounting a size-limited tmpfs needs root"
    if problem is None:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(folder)],
                                 capture_output=True, text=True)
        problem = mounted.returncode and f"mount -t tmpfs failed: {mounted.stderr.strip()}"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the small-filesystem tests must run in CI: {problem}")
        pytest.skip(problem)
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)]).returncode:
            subprocess.run(["umount", "--lazy", str(folder)])


def test_a_full_disk_and_a_read_only_folder_fail_cleanly(inputs, small_filesystem):
    db_path = small_filesystem / "news.db"
    code, output = run_build(SEEDS, "--db", db_path)
    assert code == 0, output
    good = db_path.read_bytes()

    code, output = run_build(inputs[0], "--db", db_path, "--workers", 2)
    assert code == 1
    last = output.splitlines()[-1]
    assert last.startswith(f"Error: no space left in {small_filesystem}: this build needs about ") and \
        last.endswith(" MB free there; the last database is unchanged"), output
    assert db_path.read_bytes() == good
    assert files_beside(db_path) == ["news.db", "news.db.lock"]

    subprocess.run(["mount", "-o", "remount,ro", str(small_filesystem)], check=True)
    code, output = run_build(SEEDS, "--db", db_path, "--full")
    assert code == 1
    assert output.splitlines()[-1] == (f"Error: cannot write in {small_filesystem} (Read-only file "
                                       f"system); the last database is unchanged")
    assert db_path.read_bytes() == good


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def test_a_worker_killed_mid_article_is_named_and_replaced(inputs, reference, tmp_path):
    db_path = tmp_path / "news.db"
    build = Build(inputs[0], "--db", db_path, "--workers", 2)
    victim = workers_seen = None
    while victim is None:
        assert build.process.poll() is None, f"the build ended before a worker was seen: {build.output}"
        if children(build.process.pid):
            workers_seen = workers_seen or time.monotonic()
        # A worker that is running (not waiting for its next chunk) is extracting an article;
        # a moment after they start, each has a chunk more waiting.
        if workers_seen and time.monotonic() - workers_seen > 0.3:
            victim = next((pid for pid in children(build.process.pid) if state(pid) == "R"), None)
        time.sleep(0.01)
    os.kill(victim, signal.SIGKILL)
    assert build.finish() == 0, build.output
    [line] = [line for line in build.output.splitlines() if "the worker extracting it died" in line]
    named = Path(line.split(": the worker extracting it died")[0])
    assert line == f"{named}: the worker extracting it died (killed by SIGKILL); extracted again in a new worker"
    assert named.parent == inputs[0]
    assert all_rows(db_path) == all_rows(reference[0])  # nothing lost


def test_a_file_that_kills_two_workers_is_skipped_and_the_build_goes_on(inputs, tmp_path, monkeypatch):
    """A crash in a dependency (here, a worker's own signal when it reaches certain files),
    under the real pool: one file crashes every worker, one only the first."""
    once = tmp_path / "crashed-once"
    real_process_file = build_module.process_file

    def crashing(path, *args):
        faulthandler.disable()  # pytest's, inherited by the workers: the CLI has none
        if path.name == corpus.file_name(7):
            os.kill(os.getpid(), signal.SIGSEGV)
        if path.name == corpus.file_name(40) and not once.exists():
            once.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real_process_file(path, *args)
    monkeypatch.setattr(build_module, "process_file", crashing)
    messages = []
    report = build_module.build([inputs[0]], tmp_path / "news.db", workers=2, on_message=messages.append)
    seventh, fortieth = (str(inputs[0] / corpus.file_name(i)) for i in (7, 40))
    assert report.skipped == [(seventh, "it killed 2 extraction workers (killed by SIGSEGV, then "
                                        "killed by SIGSEGV): skipped in this build")]
    assert f"{fortieth}: the worker extracting it died (killed by SIGKILL); extracted again in a new worker" in messages
    assert len(report.loaded) == ARTICLES - 1 and fortieth in report.loaded


def test_an_error_in_a_worker_is_raised_and_no_worker_is_left():
    def fails_on_three(number):
        if number == 3:
            raise ValueError("three")
        return number
    before = set(children(os.getpid()))
    with pytest.raises(ValueError, match="three"):
        list(pool.map_in_order(fails_on_three, [(n,) for n in range(40)], 2, chunk_size=4))
    assert set(children(os.getpid())) <= before
