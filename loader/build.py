"""Build the database from article files: read -> extract -> merge -> write, atomically.

The database is written to a temporary file beside the target and renamed over it only when the
build succeeded, so a failed build never replaces the last good database.
"""
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import sqlite_utils

from . import db as schema
from .sources import DEFAULT_MAX_BYTES, SkipArticle, find_article_files, load_sidecars, read_article


class BuildError(Exception):
    """Nothing could be built; the previous database (if any) is untouched."""


@dataclass
class BuildReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)    # (file, what was done)

    def summary(self) -> str:
        line = f"{len(self.loaded)} articles loaded, {len(self.skipped)} skipped"
        return line + "".join(f"\n  skipped {file}: {reason}" for file, reason in self.skipped)


def build(sources: list[Path], db_path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
          on_message: Callable[[str], None] = lambda message: None,
          progress: Callable = lambda files: files) -> BuildReport:
    """Build ``db_path`` from the article files in ``sources`` (files or folders).

    ``on_message`` receives one line per file that was skipped or needed attention;
    ``progress`` wraps the iteration over files (a progress bar in the CLI).
    """
    report = BuildReport()

    def note(file: str, message: str, skipped: bool = False) -> None:
        (report.skipped if skipped else report.notes).append((file, message))
        on_message(f"{file}: {message}")

    files = find_article_files(sources)
    if not files:
        raise BuildError(f"no .txt article files found in {', '.join(map(str, sources))}")
    sidecars = {}
    for folder in sorted({f.parent for f in files}):
        found, problems = load_sidecars(folder)
        sidecars.update({folder / name: fields for name, fields in found.items()})
        for problem in problems:
            on_message(problem)

    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(handle)
    try:
        db = sqlite_utils.Database(tmp_name)
        schema.ensure_db_shape(db)
        seen: dict[str, str] = {}  # article id -> file it came from
        for path in progress(files):
            try:
                article = read_article(path, sidecars.get(path), max_bytes=max_bytes)
            except SkipArticle as reason:
                note(str(path), str(reason), skipped=True)
                continue
            except OSError as error:
                note(str(path), f"cannot be read ({error.strerror})", skipped=True)
                continue
            if article.id in seen:
                note(str(path), f"same text as {seen[article.id]}: deduplicated, kept the first", skipped=True)
                continue
            seen[article.id] = str(path)
            for message in article.notes:
                note(str(path), message)
            schema.insert_rows(db, "articles", [article.row()])
            report.loaded.append(str(path))
        if not report.loaded:
            raise BuildError("no article could be loaded; the previous database is unchanged")
        schema.index_full_text(db)
        db.close()
        os.replace(tmp_name, db_path)
    finally:
        if os.path.exists(tmp_name):
            os.remove(tmp_name)
    return report
