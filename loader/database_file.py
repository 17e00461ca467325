"""The database file on disk, kept safe from builds that fail however they fail.

- One build at a time: ``DatabaseLock`` holds ``news.db.lock`` (``fcntl.flock``) from before the
  build writes anything until its rename. The kernel releases the lock when the process dies,
  however it dies, so a killed build never leaves it held. The lock file itself stays: removing
  it would let a build that opened it before the removal and one that made a new one both hold
  "the" lock. It says who holds it, and which file the last build wrote.
- A build writes ``.news.db.XXXXXXXX.tmp`` (and, while compacting, ``….tmp.compact``) beside the
  database and renames it over the database once it succeeded. A killed build leaves them
  behind; the next build, holding the lock, removes the files of that pattern
  (``remove_leftovers``) and nothing else.
- ``replace_database`` renames the finished database over the last one, its data on disk first.
- ``check_database`` tells whether the last database can be built on; a damaged or foreign file
  is kept beside it as ``news.db.damaged-<time>`` (``keep_damaged``), never deleted.
- ``disk_error``: a full disk or a read-only folder, as one line naming the folder;
  ``damage_found``: damage SQLite meets while building on the last database.
"""
import errno
import fcntl
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import db as schema


class BuildError(Exception):
    """Nothing could be built; the previous database (if any) is untouched."""


# Lock descriptors this process holds. A forked worker closes its copies at once: a flock
# belongs to the open file, so a worker outliving a killed build would otherwise keep it held.
_held_locks: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in _held_locks:
        os.close(fd)
    _held_locks.clear()


os.register_at_fork(after_in_child=_close_inherited_locks)


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """``db_path``'s lock, held from creation until ``release``. Another build holding it: wait
    for it, saying so in one line, or with ``wait`` false raise BuildError at once.

    The lock file holds JSON: the holder's process id (for that line), and the identity of the
    database file the last build wrote (``wrote``): a database that is still that very file was
    written whole and synced, and need not pass quick_check again (``wrote_last``)."""

    def __init__(self, db_path: Path, wait: bool, on_message: Callable[[str], None]):
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise disk_error(error, db_path) or error from None
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._read().get("pid")
            who = f"another build (process {holder})" if holder else "another build"
            if not wait:
                os.close(self.fd)
                raise BuildError(f"{db_path}: {who} is writing it; try again once it has "
                                 f"finished (or use --wait)") from None
            on_message(f"{db_path}: {who} is writing it; waiting for it to finish")
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        _held_locks.add(self.fd)
        self.last_written = self._read().get("database")
        self._write()

    def _read(self) -> dict:
        try:
            content = json.loads(os.pread(self.fd, 4096, 0) or b"{}")
        except ValueError:  # being written, or not ours
            return {}
        return content if isinstance(content, dict) else {}

    def _write(self) -> None:
        try:
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, json.dumps({"pid": os.getpid(), "database": self.last_written}).encode(), 0)
        except OSError:  # a full disk: the lock holds without it, and the next build checks in full
            pass

    def wrote_last(self, db_path: Path) -> bool:
        return _identity(db_path) == self.last_written

    def wrote(self, db_path: Path | None) -> None:
        """``db_path`` is the database this build wrote; None: forget the last one."""
        self.last_written = db_path and _identity(db_path)
        self._write()

    def release(self) -> None:
        _held_locks.discard(self.fd)
        os.close(self.fd)  # releases the lock


def _identity(path: Path) -> list[int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def new_temporary(db_path: Path) -> str:
    """An empty temporary file beside ``db_path``, named as ``remove_leftovers`` expects."""
    handle, name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(handle)
    return name


def compact_name(tmp_name: str) -> str:
    return tmp_name + ".compact"


def _leftover_pattern(db_path: Path) -> re.Pattern:
    # new_temporary's names (mkstemp puts 8 of [a-z0-9_] between prefix and suffix), the
    # compacted copy, and a journal SQLite may have left beside either.
    return re.compile(rf"\.{re.escape(db_path.name)}\.[a-z0-9_]{{8}}\.tmp(\.compact)?(-journal)?")


def replace_database(tmp_name: str, db_path: Path, lock: DatabaseLock) -> None:
    """Rename the finished database over the last one. Its data goes to disk first: after a
    power cut the rename may be there while data written without syncs is not."""
    with open(tmp_name, "rb") as file:
        os.fsync(file.fileno())
    os.replace(tmp_name, db_path)
    folder = os.open(db_path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself
    finally:
        os.close(folder)
    lock.wrote(db_path)


def remove_leftovers(db_path: Path) -> list[str]:
    """Remove the temporary files a killed build left beside ``db_path`` (call it holding the
    lock: then no build is writing them). Returns their names."""
    pattern = _leftover_pattern(db_path)
    names = sorted(entry.name for entry in os.scandir(db_path.parent)
                   if entry.is_file(follow_symlinks=False) and pattern.fullmatch(entry.name))
    for name in names:
        os.remove(db_path.parent / name)
    return names


@dataclass
class DatabaseState:
    usable: bool = False        # built by this version, sound: the base of an incremental build
    damaged: str | None = None  # why it cannot be used and must be kept: damaged or foreign
    other_version: bool = False  # built by another version of the loader: rebuilt from scratch


def check_database(db_path: Path, version: str, written_whole: bool = False) -> DatabaseState:
    """What ``db_path`` is, read without changing it: missing, built by another version of the
    loader, damaged (SQLite cannot read it, ``quick_check`` fails, or its tables are not this
    loader's), foreign (a SQLite database the loader did not make), or usable. quick_check reads
    every page (3-4 times as long as copying the file): it is skipped when ``written_whole``,
    the file being the one the last build wrote (``DatabaseLock.wrote_last``)."""
    if not db_path.exists():
        return DatabaseState()
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return DatabaseState(damaged=f"SQLite cannot open it ({error})")
    try:
        tables = {name for (name,) in connection.execute("select name from sqlite_master where type = 'table'")}
        if "_build" not in tables:
            return DatabaseState(damaged="it was not made by this loader (it has no _build table)")
        built_by = connection.execute("select value from _build where key = 'extractor_version'").fetchone()
        if built_by is None:
            return DatabaseState(damaged="it was not made by this loader (its _build table names no version)")
        if built_by[0] != version:
            return DatabaseState(other_version=True)
        if not written_whole:
            try:
                problems = [row[0] for row in connection.execute("pragma quick_check")]
            except sqlite3.DatabaseError as error:  # some damage stops the check itself
                problems = [str(error)]
            if problems != ["ok"]:
                first = [line for line in "\n".join(problems).splitlines() if not line.startswith("***")][0]
                return DatabaseState(damaged=f"SQLite's quick_check fails ({first})")
        for table, (columns, _pk, _foreign_keys) in schema.ALL_TABLES.items():
            found = [row[1] for row in connection.execute(f"pragma table_info([{table}])")]
            if found != list(columns):
                return DatabaseState(damaged=f"its {table} table is not this loader's "
                                             f"(columns {', '.join(found) or 'missing'})")
        return DatabaseState(usable=True)
    except sqlite3.Error as error:
        return DatabaseState(damaged=f"SQLite cannot read it ({error})")
    finally:
        connection.close()


def keep_damaged(db_path: Path) -> Path:
    """Keep ``db_path`` as ``<name>.damaged-<UTC time>`` beside it: a second name for the same
    file, so that ``db_path`` stays in place until the build renames the new database over it
    (renamed instead where the filesystem has no hard links). A name that a build killed after
    this step gave the same file is used again."""
    for entry in os.scandir(db_path.parent):
        if entry.name.startswith(f"{db_path.name}.damaged-") and os.path.samefile(entry.path, db_path):
            return Path(entry.path)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    counter = 1
    while kept.exists():
        counter += 1
        kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{counter}")
    try:
        os.link(db_path, kept)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        os.rename(db_path, kept)
    return kept


# Measured: a new database's empty tables take 1.3 MB (each table and index has its own 16 KB
# pages), and each byte of article file adds about 15 (generated articles; 10 on the real pages
# of dev-real, which carry more boilerplate): text, facts, full-text and other indexes.
EMPTY_DATABASE_BYTES = 1_300_000
DATABASE_BYTES_PER_INPUT_BYTE = 16
NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
CANNOT_WRITE = {errno.EROFS, errno.EACCES, errno.EPERM}


def space_needed(start_bytes: int, input_bytes: int, compact: bool) -> int:
    """About how much free space a build needs beside the database: the database it starts
    from (a copy of the last one, or a new one's empty tables), what the files it reads add,
    and a second copy while compacting."""
    size = max(start_bytes, EMPTY_DATABASE_BYTES) + input_bytes * DATABASE_BYTES_PER_INPUT_BYTE
    return 2 * size if compact else size


def disk_error(error: Exception, db_path: Path, needed: int = EMPTY_DATABASE_BYTES) -> BuildError | None:
    """A full disk or a folder the build cannot write in, as a BuildError of one line; None
    for any other error. ``needed``: ``space_needed`` of the build, as far as it is known."""
    code = getattr(error, "sqlite_errorcode", None)
    number = getattr(error, "errno", None)
    folder = db_path.parent
    if number in NO_SPACE or code == sqlite3.SQLITE_FULL:
        # SQLite sorts for an index in its temporary folder: name the fuller of the two.
        full = min([folder, Path(tempfile.gettempdir())], key=lambda path: shutil.disk_usage(path).free)
        return BuildError(f"no space left in {full}: this build needs about {needed / 1e6:.1f} MB "
                          f"free there; the last database is unchanged")
    if number in CANNOT_WRITE or code == sqlite3.SQLITE_READONLY:
        reason = getattr(error, "strerror", None) or str(error)
        return BuildError(f"cannot write in {folder} ({reason}); the last database is unchanged")
    return None


def damage_found(error: Exception, db_path: Path, lock: DatabaseLock) -> BuildError | None:
    """SQLite finding the copy of the last database damaged while building on it (the check
    before was skipped, ``written_whole``, or missed it): the next build checks it in full."""
    if getattr(error, "sqlite_errorcode", None) not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return None
    lock.wrote(None)
    return BuildError(f"{db_path}: SQLite found it damaged while building on it ({error}); "
                      f"the next build checks it in full and builds a new one if it is")
