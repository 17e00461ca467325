"""Build the database from article files: read -> extract -> merge -> write, atomically.

- Atomic: the database is written to a temporary file beside the target and renamed over it only
  when the build succeeded, so a failed build never replaces the last good database.
- Incremental: the temporary file starts as a copy of the last database when it was built by the
  same extractor (same code and reference data). A file whose size, modification time and
  sidecar fields are those of the last build is not read at all; a file that was read but whose
  text is already there (an article's id is the hash of its text) is not extracted again.
  Articles no longer among the inputs are removed. The cross-article merge is redone, as far
  as a change reaches: quote clusters are recomputed and written where they changed, meetings
  are merged again only near a change (merge.cluster_reports), and entities nobody refers to
  any more are dropped.
- Parallel and streaming: files are read and extracted in worker processes and written as they
  arrive, so memory does not grow with the number of articles. A worker that dies is replaced
  (loader/pool.py).
- Safe from faults (loader/database_file.py): one build at a time per database (a lock), the
  leftovers of a killed build removed, a damaged or foreign database kept aside rather than
  built on, a full disk or read-only folder reported in one line.
"""
import collections
import hashlib
import itertools
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import sqlite_utils

from . import db as schema
from .corrections import apply_corrections, load_corrections, revert_corrections, warnings
from .database_file import (EMPTY_DATABASE_BYTES, BuildError, DatabaseLock, DatabaseState,
                            check_database, compact_name, damage_found, disk_error, keep_damaged,
                            new_temporary, remove_leftovers, replace_database, space_needed)
from .extract.article import extract_article
from .extract.tagger import MODEL_FILES as TAGGER_FILES
from .ids import content_id
from .merge import LEFT_OUT, Report, cluster_reports, cluster_texts, meeting_rows
from .pool import map_in_order
from .publish import make_public
from .reference import DATA_DIR, Reference, load_reference
from .sources import (DEFAULT_MAX_BYTES, Article, SkipArticle, find_article_files,
                      load_sidecars, read_file, sidecar_for)

PACKAGE_DIR = Path(__file__).parent
PAGE_SIZE = 16384


@dataclass
class BuildReport:
    loaded: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)    # (file, what was done)
    extracted: int = 0  # articles extracted in this build (the rest were reused)
    corrections: list[dict] = field(default_factory=list)  # what each correction did

    def summary(self) -> str:
        line = (f"{len(self.loaded)} articles loaded ({self.extracted} extracted, "
                f"{len(self.loaded) - self.extracted} unchanged), {len(self.skipped)} skipped")
        return line + "".join(f"\n  skipped {file}: {reason}" for file, reason in self.skipped)


@dataclass
class FileResult:
    """What a worker made of one article file, or of one record of a scraper export."""
    path: Path
    article: Article | None = None
    record: str | None = None   # L17: the export's line the record starts on
    skipped: str | None = None
    # What the extraction adds, ready to write: (table, db.UPSERT or db.INSERT_NEW, encoded
    # rows); None when the article was already in the database.
    rows: list[tuple[str, str, list[tuple]]] | None = None
    # The file was not read: it is as the last build loaded it, as this article.
    unchanged_id: str | None = None
    unchanged_notes: list[str] = field(default_factory=list)
    # What happened to the file in this build, not in it (a worker died extracting it).
    build_notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The file, and the record in it: ``articles/export.jsonl#L17``."""
        return f"{self.path}#{self.record}" if self.record else str(self.path)


def extractor_version(data_dir: Path = DATA_DIR) -> str:
    """A hash of the loader's code and reference data: a database built by another version is
    rebuilt from scratch rather than updated. (The Datasette plugins only serve the database.)"""
    code = [*PACKAGE_DIR.glob("*.py"), *(PACKAGE_DIR / "extract").glob("*.py")]
    digest = hashlib.sha256()
    for path in sorted([*code, *Path(data_dir).glob("*.yml"), *TAGGER_FILES]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def process_file(path: Path, sidecar: dict | None, max_bytes: int, known_ids: frozenset,
                 ref: Reference) -> list[FileResult]:
    """Read one file (one article, or one per record of a scraper export) and extract each
    article whose text is not already in the database. Pure apart from reading the file: the
    unit of work for worker processes or a Dask bag."""
    results = []
    articles = read_file(path, sidecar, max_bytes, ref.outlets)
    while True:
        try:
            record, article = next(articles)
        except StopIteration:
            return results
        except SkipArticle as reason:
            return results + [FileResult(path, skipped=str(reason))]
        except OSError as error:
            return results + [FileResult(path, skipped=f"cannot be read ({error.strerror})")]
        if isinstance(article, str):
            results.append(FileResult(path, record=record, skipped=article))
        elif article.id in known_ids:
            results.append(FileResult(path, article, record))
        else:
            extraction = extract_article(article.body, article.published, ref)
            results.append(FileResult(path, article, record, rows=[
                (table, mode, schema.encode_rows(table, rows))
                for table, mode, rows in article_rows(article.id, extraction)]))


CHUNK_SIZE = 16         # files per task sent to a worker
CHUNKS_IN_FLIGHT = 4    # per worker: enough to keep it busy, few enough to keep memory flat


def map_files(items: list[tuple[Path, dict | None]], workers: int, max_bytes: int,
              known_ids: frozenset, ref: Reference) -> Iterator[list[FileResult]]:
    """``process_file`` over ``items`` in input order (one list of results per file), in
    ``workers`` processes, a few chunks in flight (loader/pool.py). A file whose worker died is
    extracted again in a new one, and skipped if it kills that one too. Up to one chunk of
    files, a pool would only add its start-up."""
    if workers <= 1 or len(items) <= CHUNK_SIZE:
        for path, sidecar in items:
            yield process_file(path, sidecar, max_bytes, known_ids, ref)
        return
    outcomes = map_in_order(process_file, items, workers, (max_bytes, known_ids, ref),
                            chunk_size=CHUNK_SIZE, chunks_ahead=CHUNKS_IN_FLIGHT)
    for (path, _sidecar), (results, deaths) in zip(items, outcomes):
        if results is None:
            yield [FileResult(path, skipped=f"it killed {len(deaths)} extraction workers "
                                            f"({', then '.join(deaths)}): skipped in this build")]
            continue
        if deaths and results:
            results[0].build_notes.append(f"the worker extracting it died ({deaths[0]}); "
                                          f"extracted again in a new worker")
        yield results


def build(sources: list[Path], db_path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
          workers: int | None = None, incremental: bool = True, public: bool = False,
          data_dir: Path | None = None,
          on_message: Callable[[str], None] = lambda message: None,
          on_step: Callable[[str], None] = lambda step: None,
          progress: Callable[[Iterable, int], Iterable] = lambda results, total: results,
          mapper: Callable | None = None, corrections: Path | None = None,
          wait: bool = True) -> BuildReport:
    """Build ``db_path`` from the article files in ``sources`` (files or folders).

    ``on_message`` receives one line per file that was skipped or needed attention;
    ``on_step`` the name of each step after extraction as it starts (minutes on a large corpus);
    ``progress`` wraps the stream of per-file results (a progress bar in the CLI);
    ``mapper`` replaces the process pool (``map_files``' signature), e.g. with a Dask bag;
    ``public`` leaves the article bodies out of the finished database (see publish.make_public);
    ``wait``: when another build holds the database's lock, wait for it (else BuildError).
    """
    report = BuildReport()
    try:
        fixes = load_corrections(corrections) if corrections else []
    except (OSError, ValueError) as error:
        raise BuildError(str(error)) from None

    def note(file: str, message: str, skipped: bool = False) -> None:
        (report.skipped if skipped else report.notes).append((file, message))
        on_message(f"{file}: {message}")

    files = find_article_files(sources)
    if not files:
        raise BuildError(f"no article files (.txt, .html, .jsonl, .json, .csv) found in {', '.join(map(str, sources))}")
    sidecars = {}
    for folder in sorted({f.parent for f in files}):
        found, problems = load_sidecars(folder)
        sidecars.update({path: sidecar_for(found, path) for path in files if path.parent == folder})
        for problem in problems:
            on_message(problem)
    ref = load_reference(data_dir)
    version = extractor_version(data_dir or DATA_DIR)

    db_path = Path(db_path)
    lock = DatabaseLock(db_path, wait, on_message)  # held until the end (finally, below)
    tmp_name = None
    # Free space the build needs: the database it starts from, until the inputs are known.
    needed = db_path.stat().st_size if db_path.exists() else EMPTY_DATABASE_BYTES
    try:
        leftovers = remove_leftovers(db_path)
        if leftovers:
            on_message(f"{db_path}: removed {len(leftovers)} temporary file(s) that an interrupted "
                       f"build left: {', '.join(leftovers)}")
        tmp_name = new_temporary(db_path)
        db = _start_database(db_path, tmp_name, check_database(db_path, version, lock.wrote_last(db_path)),
                             incremental, on_message)
        revert_corrections(db)  # the last build's corrections: back to the raw extraction
        known_ids = frozenset(row[0] for row in db.execute("select id from articles"))
        items = [(path, sidecars.get(path)) for path in files]
        states = {path: file_state(path, sidecar) for path, sidecar in items}
        unchanged = unchanged_files(db, states)
        to_read = sum(state[0] for path, state in states.items() if state and path not in unchanged)
        needed = space_needed(os.path.getsize(tmp_name), to_read, compact=public or not known_ids)
        results = (mapper or map_files)([item for item in items if item[0] not in unchanged],
                                        workers or os.cpu_count() or 1, max_bytes, known_ids, ref)
        seen: dict[str, str] = {}  # article id -> file it came from
        # What the next build needs to know of each file: not the results themselves, whose
        # articles and rows would otherwise stay in memory until the end of the build.
        loaded_files = []          # rows of _files
        with db.atomic():
            for result in itertools.chain.from_iterable(
                    progress(_in_input_order(items, unchanged, results), len(items))):
                file = result.name
                for message in result.build_notes:
                    note(file, message)
                if result.skipped:
                    note(file, result.skipped, skipped=True)
                    if result.record:
                        loaded_files.append(file_row(result, None, states[result.path]))  # an export's record too
                    continue
                article_id = result.unchanged_id or result.article.id
                if article_id in seen:
                    note(file, f"same text as {seen[article_id]}: deduplicated, kept the first", skipped=True)
                    if result.record:
                        loaded_files.append(file_row(result, article_id, states[result.path]))
                    continue
                seen[article_id] = file
                loaded_files.append(file_row(result, article_id, states[result.path]))
                report.loaded.append(file)
                for message in result.unchanged_notes if result.unchanged_id else result.article.notes:
                    note(file, message)
                if result.unchanged_id:
                    continue
                schema.insert_rows(db, "articles", [result.article.row()])
                if result.rows is not None:
                    for table, mode, values in result.rows:
                        schema.write_values(db, table, values, mode)
                    report.extracted += 1
            remember_files(db, loaded_files)
            schema.create_indexes(db)
        if not report.loaded:
            raise BuildError("no article could be loaded; the previous database is unchanged")
        with db.atomic():
            gone = known_ids - set(seen)
            removed_reports = meeting_candidates(db, gone) if gone else []
            remove_articles(db, gone)
            on_step("Merging quotes and meetings across articles")
            merge(db, removed_reports)
            report.corrections = apply_corrections(db, fixes, ref)
            on_step("Indexing for search and counting co-mentions")
            schema.index_full_text(db)
            schema.count_co_mentions(db)
            db["_build"].insert({"key": "extractor_version", "value": version}, pk="key", replace=True)
        # A new database was written article by article, so each table's pages are spread over
        # the file; rewritten with each table's pages together, a search that looks up
        # thousands of article rows reads about half as many pages. (make_public vacuums.)
        compact = not known_ids and not public
        if public:
            on_step("Removing article bodies and compacting")
            make_public(db)
        elif compact:
            on_step("Compacting")
            db.execute("pragma cache_size = -2000")  # SQLite's default: the copy's sorts stay small
            db.execute("vacuum into ?", [compact_name(tmp_name)])
        db.close()
        if compact:
            os.replace(compact_name(tmp_name), tmp_name)
        replace_database(tmp_name, db_path, lock)
        for line in warnings(report.corrections):
            on_message(line)
    except (OSError, sqlite3.Error) as error:
        if (problem := disk_error(error, db_path, needed) or damage_found(error, db_path, lock)) is None:
            raise
        raise problem from None
    finally:
        for leftover in (tmp_name, compact_name(tmp_name)) if tmp_name else ():
            if os.path.exists(leftover):
                os.remove(leftover)
        lock.release()
    return report


def file_state(path: Path, sidecar: dict | None) -> tuple[int, int, str] | None:
    """What tells that a file changed without reading it: (size, mtime_ns, sidecar fields)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None  # reported when the file is read
    return stat.st_size, stat.st_mtime_ns, json.dumps(sidecar, sort_keys=True, default=str)


def unchanged_files(db: sqlite_utils.Database, states: dict) -> dict[Path, list[FileResult]]:
    """The files that are as the last build loaded them, each with its results as then: its
    article, or an export's records (their articles, or why they were skipped). A file any of
    whose articles is no longer in the database is read again."""
    by_path = {os.path.abspath(path): path for path in states}
    unchanged: dict[Path, list[FileResult]] = collections.defaultdict(list)
    changed = set()
    for key, size, mtime_ns, sidecar, article_id, skipped, in_db, notes in db.execute(
            "select f.path, f.size, f.mtime_ns, f.sidecar, f.article_id, f.skipped, a.id is not null, "
            "a.notes from _files f left join articles a on a.id = f.article_id order by f.rowid"):
        file, record = (key, None) if key in by_path else key.rpartition("#")[::2]
        path = by_path.get(file)
        if path is None:
            continue
        if states[path] != (size, mtime_ns, sidecar) or (article_id and not in_db):
            changed.add(path)
            continue
        unchanged[path].append(FileResult(path, record=record, skipped=skipped, unchanged_id=article_id,
                                          unchanged_notes=json.loads(notes) if notes else []))
    return {path: results for path, results in unchanged.items() if path not in changed}


def file_row(result: FileResult, article_id: str | None, state: tuple | None) -> dict | None:
    """What the next build remembers of a file (or an export's record) this build loaded: its
    ``file_state`` and the article it gave, or why the record was skipped."""
    if state is None:
        return None
    return {"path": os.path.abspath(result.path) + (f"#{result.record}" if result.record else ""),
            "size": state[0], "mtime_ns": state[1], "sidecar": state[2], "article_id": article_id,
            "skipped": result.skipped if result.record else None}


def remember_files(db: sqlite_utils.Database, rows: list[dict | None]) -> None:
    """Record what this build loaded (``file_row`` of each file) for the next one."""
    db.execute("delete from _files")
    schema.insert_rows(db, "_files", [row for row in rows if row is not None])


def _in_input_order(items, unchanged: dict, results: Iterator[list[FileResult]]) -> Iterator[list[FileResult]]:
    """Every file's results in input order: the unchanged ones as they are, the others from
    ``results`` (which come in input order)."""
    for path, _sidecar in items:
        yield unchanged.get(path) or next(results)


def _start_database(db_path: Path, tmp_name: str, state: DatabaseState, incremental: bool,
                    on_message: Callable[[str], None]) -> sqlite_utils.Database:
    """The temporary database: for an ``incremental`` build, a copy of the last one when it is
    sound and this version of the loader built it (``state``, database_file.check_database);
    else empty. A damaged or foreign last database is kept beside it, whatever the build.
    It is written without a journal or syncs: a crash loses only the temporary file."""
    if state.damaged:
        on_message(f"{db_path}: {state.damaged}; building a new database from every article "
                   f"(the file is kept as {keep_damaged(db_path)})")
    elif state.other_version and incremental:
        on_message(f"{db_path}: built by another version of the loader (its code or reference "
                   f"data changed): extracting every article again")
    if state.usable and incremental:
        shutil.copyfile(db_path, tmp_name)
        return _fast_writes(sqlite_utils.Database(tmp_name))
    db = sqlite_utils.Database(tmp_name, recreate=True)
    # Article rows are a few KB each: on 16 KB pages a look-up by rowid (what Datasette's search,
    # count and facets do for every match) touches fewer pages than on the default 4 KB ones.
    db.execute(f"pragma page_size = {PAGE_SIZE}")
    return _fast_writes(db)


def _fast_writes(db: sqlite_utils.Database) -> sqlite_utils.Database:
    db.execute("pragma journal_mode = off")
    db.execute("pragma synchronous = off")
    # Indexes on text keys touch pages all over the file: keep more of them in memory (64 MB).
    db.execute("pragma cache_size = -65536")
    # Indexes come once the tables are filled (build calls schema.create_indexes): on a new
    # database, sorting every row once costs less than inserting each into indexes whose keys
    # (hashes) land all over them; a copied one has them already.
    schema.ensure_db_shape(db, indexes=False)
    return db


def article_rows(article_id: str, extraction: dict) -> list[tuple[str, str, list[dict]]]:
    """The rows one article's extraction adds: ``(table, write mode, rows)``. Ids derive from
    article and offsets. Entities are shared by articles: the first writer wins, except that a
    person from the reference data (verified) always replaces a discovered one of the same id."""

    def evidence(kind: str, record: dict) -> dict:
        return {"id": content_id(article_id, kind, record["start"], record["end"]),
                "article_id": article_id, "start": record["start"], "end": record["end"],
                "sentence": record["sentence"]}

    people = list(extraction["people"].values())
    rows: dict[str, list[dict]] = {
        "mentions": [{**evidence("mention", m), "person_id": m["person_id"],
                      "surface": m["surface"], "role": m["role"], "method": m["method"],
                      "confidence": m["confidence"]} for m in extraction["mentions"]],
        "organizations": _entities(extraction["organizations"], "organization_id",
                                   ["name", "kind", "country", "wikidata"]),
        "organization_mentions": [{**evidence("organization", o), "organization_id": o["organization_id"],
                                   "surface": o["surface"]} for o in extraction["organizations"]],
        "places": _entities(extraction["places"], "place_id",
                            ["name", "kind", "country", "city_id", "latitude", "longitude", "wikidata"]),
        "place_mentions": [{**evidence("place", p), "place_id": p["place_id"], "surface": p["surface"]}
                           for p in extraction["places"]],
        "quotes": [{**evidence("quote", q), **{key: q[key] for key in (
            "person_id", "organization_id", "speaker", "text", "kind", "via_organization_id")},
            "cluster_id": None} for q in extraction["quotes"]],
        "_meeting_candidates": [
            {**Report.columns_of(report), "article_id": article_id, "position": index,
             "sentence": report["sentence"]}
            for index, report in enumerate(extraction["meeting_reports"])],
    }
    # In key order: a page sorted by article that reads the rows in table order (a search, a
    # scan) then lists an article's rows in key order, as Datasette's paging needs (db.INDEXES).
    for table in ("mentions", "organization_mentions", "place_mentions", "quotes"):
        rows[table].sort(key=lambda row: row["id"])
    entities = [("people", schema.INSERT_NEW, people),
                ("people", schema.UPSERT, [person for person in people if person["verified"]]),
                ("organizations", schema.INSERT_NEW, rows.pop("organizations")),
                ("places", schema.INSERT_NEW, rows.pop("places"))]
    return entities + [(table, schema.UPSERT, table_rows) for table, table_rows in rows.items()]


def _entities(mentions: list[dict], id_key: str, columns: list[str]) -> list[dict]:
    entities = {}
    for mention in mentions:
        entities.setdefault(mention[id_key], {"id": mention[id_key], **{c: mention.get(c) for c in columns}})
    return list(entities.values())


def remove_articles(db: sqlite_utils.Database, article_ids: set[str]) -> None:
    """Delete articles (and every row that hangs off them) that are no longer among the inputs."""
    if not article_ids:
        return
    db.execute("create temp table gone (id text primary key)")
    db.conn.executemany("insert into temp.gone values (?)", [(i,) for i in article_ids])
    for table in schema.ARTICLE_TABLES:
        db.execute(f"delete from [{table}] where article_id in (select id from temp.gone)")
    db.execute("delete from articles where id in (select id from temp.gone)")
    db.execute("drop table temp.gone")


def meeting_candidates(db: sqlite_utils.Database, article_ids: Iterable[str] | None = None
                       ) -> list[tuple[Report, str | None, str | None]]:
    """Meeting reports before the merge, each with the last merge's decision on it and the id
    of the meeting it went to: of every article, or of ``article_ids``. Read into their compact
    form at once: the dicts would not fit for a large corpus."""
    sql = f"select {', '.join(f'[{c}]' for c in Report.COLUMNS)}, meeting, meeting_id from _meeting_candidates"
    params: list = []
    if article_ids is not None:
        params = [json.dumps(sorted(article_ids))]
        sql += " where article_id in (select value from json_each(?))"
    shared: dict = {}
    return [(Report.from_row(row[:-2], shared), *row[-2:])
            for row in db.execute(sql, params)]  # in table order: the merge sorts them itself


def merge(db: sqlite_utils.Database, removed_reports: list[tuple] = ()) -> None:
    """The cross-article step: quote clusters, meetings, and entities nobody mentions any more.
    ``removed_reports``: the ``meeting_candidates`` of the articles this build removed."""
    # Clusters are computed over the distinct texts (memory holds each text once rather than
    # every quote); only the texts whose cluster changed (new quotes among them) are written.
    pairs = db.execute("select distinct text, cluster_id from quotes").fetchall()
    cluster_of = cluster_texts(sorted({text for text, _cluster in pairs}))
    # Rows are found by their old cluster id (indexed; new quotes have none) and then text.
    db.execute("create temp table quote_clusters (text text, old_cluster_id text, cluster_id text)")
    db.conn.executemany("insert into temp.quote_clusters values (?, ?, ?)",
                        [(text, cluster, cluster_of[text]) for text, cluster in pairs if cluster != cluster_of[text]])
    db.execute("update quotes set cluster_id = c.cluster_id from temp.quote_clusters c "
               "where quotes.cluster_id is c.old_cluster_id and quotes.text = c.text")
    db.execute("drop table temp.quote_clusters")
    merge_meetings_into(db, removed_reports)
    for table, sql in schema.ENTITY_REFERENCES.items():
        db.execute(f"delete from [{table}] where id not in (select id from ({sql}) where id is not null)")


def merge_meetings_into(db: sqlite_utils.Database, removed_reports: list[tuple] = ()) -> None:
    """Merge the meeting reports of every article into meetings and write them. After an
    incremental build only the meetings that differ from the last merge's are rewritten (see
    merge.cluster_reports): their old rows go, by the meeting ids their reports went to."""
    candidates = meeting_candidates(db)
    previous = {report.key: decision for report, decision, _id in candidates if decision is not None}
    clusters, left_out, changed = cluster_reports(
        [report for report, _decision, _id in candidates], previous,
        [(report, decision) for report, decision, _id in removed_reports if decision is not None])
    if changed is None:
        rewrite, stale = clusters, None
    else:
        stale = {meeting_id for _report, decision, meeting_id in [*candidates, *removed_reports]
                 if decision in changed and meeting_id}
        rewrite = [cluster for cluster in clusters if cluster.founder in changed]
    del candidates
    names = {row["id"]: row["name"] for row in db.query("select id, name from people")}
    meetings, participants, reports = meeting_rows(rewrite, names)
    if stale is not None:
        # Two meetings told alike get one id (as in a merge from scratch, the later rows win):
        # a meeting that did not change but shares an id with one that did is rewritten too.
        shared_ids = stale | {meeting["id"] for meeting in meetings}
        also = {founder for (founder,) in db.execute(
            "select distinct meeting from _meeting_candidates where meeting_id in "
            "(select value from json_each(?))", [json.dumps(sorted(shared_ids))])} - changed
        if also:
            rewrite = [cluster for cluster in clusters if cluster.founder in changed | also]
            meetings, participants, reports = meeting_rows(rewrite, names)
        for table, key in (("meeting_reports", "meeting_id"), ("meeting_participants", "meeting_id"),
                           ("meetings", "id")):
            db.conn.executemany(f"delete from [{table}] where [{key}] = ?", [(i,) for i in shared_ids])
    else:
        for table in ("meeting_reports", "meeting_participants", "meetings"):
            db.execute(f"delete from [{table}]")
    schema.insert_rows(db, "meetings", meetings)
    schema.insert_rows(db, "meeting_participants", participants)
    schema.insert_rows(db, "meeting_reports", reports)
    db.execute("update meeting_reports set sentence = (select c.sentence from _meeting_candidates c "
               "where c.article_id = meeting_reports.article_id and c.start = meeting_reports.start "
               "limit 1) where sentence is null")

    # What the next merge starts from: each report's decision and its meeting's id, written
    # for the meetings rewritten and the reports newly left out.
    decided = itertools.chain(
        ((cluster.founder, meeting["id"], report) for cluster, meeting in zip(rewrite, meetings)
         for report in cluster.reports),
        ((LEFT_OUT, None, report) for report in left_out if previous.get(report.key) != LEFT_OUT))
    db.conn.executemany(
        "update _meeting_candidates set meeting = ?, meeting_id = ? where article_id = ? and position = ?",
        ((founder, meeting_id, report.article_id, report.position) for founder, meeting_id, report in decided))
