"""The database: the public schema, the writes, full-text search, indexes and views.

``ensure_db_shape`` is the one place that knows the shape of the database; everything else
hands it rows. Column types are declared up front so an empty table already has its final shape.
"""
import json
from collections.abc import Callable, Iterable

import sqlite_utils
from sqlite_utils.db import DescIndex

# table -> (columns, primary key, foreign keys as (column, other table, other column))
SCHEMA = {
    "articles": (
        {"id": str, "source_file": str, "outlet": str, "title": str, "url": str,
         "published": str, "dateline": str, "author": str, "editor": str, "agencies": str,
         "language": str, "body": str, "word_count": int, "notes": str,
         "published_text": str, "published_source": str},
        "id", [],
    ),
    "people": (
        {"id": str, "name": str, "aliases": str, "country": str, "wikidata": str, "verified": int},
        "id", [],
    ),
    "organizations": (
        {"id": str, "name": str, "kind": str, "country": str, "wikidata": str},
        "id", [],
    ),
    "places": (
        {"id": str, "name": str, "kind": str, "country": str, "city_id": str, "latitude": float,
         "longitude": float, "wikidata": str},
        "id", [],
    ),
    "mentions": (
        {"id": str, "article_id": str, "person_id": str, "surface": str, "role": str,
         "start": int, "end": int, "sentence": str, "method": str, "confidence": float},
        "id", [("article_id", "articles", "id"), ("person_id", "people", "id")],
    ),
    "organization_mentions": (
        {"id": str, "article_id": str, "organization_id": str, "surface": str,
         "start": int, "end": int, "sentence": str},
        "id", [("article_id", "articles", "id"), ("organization_id", "organizations", "id")],
    ),
    "place_mentions": (
        {"id": str, "article_id": str, "place_id": str, "surface": str,
         "start": int, "end": int, "sentence": str},
        "id", [("article_id", "articles", "id"), ("place_id", "places", "id")],
    ),
    "quotes": (
        {"id": str, "article_id": str, "person_id": str, "organization_id": str, "speaker": str,
         "text": str, "kind": str, "via_organization_id": str, "start": int, "end": int,
         "sentence": str, "cluster_id": str},
        "id", [("article_id", "articles", "id"), ("person_id", "people", "id"),
               ("organization_id", "organizations", "id"),
               ("via_organization_id", "organizations", "id")],
    ),
    "meetings": (
        {"id": str, "title": str, "date": str, "date_precision": str, "place_id": str,
         "kind": str, "cameo": str, "status": str},
        "id", [("place_id", "places", "id")],
    ),
    "meeting_participants": (
        {"meeting_id": str, "person_id": str, "role": str},
        ("meeting_id", "person_id"),
        [("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
    ),
    "meeting_reports": (
        {"meeting_id": str, "article_id": str, "date_text": str, "date": str, "date_flags": str,
         "sentence": str, "start": int, "end": int},
        ("meeting_id", "article_id", "start"),
        [("meeting_id", "meetings", "id"), ("article_id", "articles", "id")],
    ),
    # Pairs of people named in the same articles (person_id < other_person_id), derived from
    # mentions and kept up to date by count_co_mentions' triggers.
    "co_mentions": (
        {"person_id": str, "other_person_id": str, "articles": int},
        ("person_id", "other_person_id"),
        [("person_id", "people", "id"), ("other_person_id", "people", "id")],
    ),
    # What each correction in corrections.yml did in the last build (loader/corrections.py).
    "corrections": (
        {"id": str, "position": int, "kind": str, "target": str, "target_id": str, "fields": str,
         "reason": str, "status": str, "summary": str, "changes": str},
        "id", [],
    ),
}

# Internal tables (leading underscore, hidden in Datasette): what the incremental build keeps.
INTERNAL_SCHEMA = {
    # Meeting reports as each article's extraction gave them, before the cross-article merge
    # (the fields of merge.Report; participants a JSON list of [person_id, role]). The sentence
    # is kept here so that the merge need not hold it in memory. `meeting` is the last merge's
    # decision (merge.cluster_reports) and `meeting_id` the id of the meeting it made; both null
    # until merged.
    "_meeting_candidates": ({"article_id": str, "position": int, "start": int, "end": int,
                             "sentence": str, "participants": str, "kind": str, "cameo": str,
                             "status": str, "place_id": str, "place_name": str, "place_country": str,
                             "place_kind": str, "place_city": str, "date_text": str, "date": str,
                             "date_precision": str, "article_date": str, "date_flags": str,
                             "refers_to": int, "meeting": str, "meeting_id": str},
                            ("article_id", "position"), [("article_id", "articles", "id")]),
    "_build": ({"key": str, "value": str}, "key", []),
    # Each file the last build loaded, as it was then: a file with the same size, modification
    # time and sidecar fields is not read again (its article is in the database). A scraper
    # export has a row per record (path#L17): its article, or why it was skipped.
    "_files": ({"path": str, "size": int, "mtime_ns": int, "sidecar": str, "article_id": str,
                "skipped": str},
               "path", []),
}

# Tables whose rows belong to one article, deleted with it.
ARTICLE_TABLES = ["mentions", "organization_mentions", "place_mentions", "quotes",
                  "meeting_reports", "_meeting_candidates"]

# Entity table -> the ids still referenced; rows outside it are dropped after the merge.
ENTITY_REFERENCES = {
    "people": "select person_id as id from mentions union select person_id from quotes "
              "union select person_id from meeting_participants",
    "organizations": "select organization_id as id from organization_mentions "
                     "union select organization_id from quotes "
                     "union select via_organization_id from quotes",
    "places": "select place_id as id from place_mentions union select place_id from meetings",
}

# Columns users facet, join and sort on. metadata.yml sorts most tables by a column other than
# their key, and Datasette orders a first page by that column alone but the next pages by it
# and then the key: rows that tie on it must come in key order on the first page too, or paging
# shows some twice and others never. So the index on a sort column, and on each default facet
# of such a table, goes on with the sort column and the key, and SQLite reads the rows of a
# page, filtered by a facet value or not, in that order (tests/test_paging.py).
NEWEST_FIRST = [DescIndex("published"), "id"]
BY_ARTICLE = ["article_id", "id"]
BY_NAME = ["name", "id"]
BY_DATE = ["date", "id"]
INDEXES = {
    "articles": [NEWEST_FIRST, ["outlet", *NEWEST_FIRST], ["dateline", *NEWEST_FIRST], ["language"]],
    "people": [BY_NAME, ["country", *BY_NAME], ["verified", *BY_NAME]],
    "organizations": [BY_NAME, ["kind", *BY_NAME], ["country", *BY_NAME]],
    "places": [BY_NAME, ["kind", *BY_NAME], ["country", *BY_NAME]],
    # Both orders cover a query's scan: who is in an article, which articles name a person.
    "mentions": [[*BY_ARTICLE, "person_id"], ["person_id", *BY_ARTICLE]],
    "organization_mentions": [BY_ARTICLE, ["organization_id", *BY_ARTICLE]],
    "place_mentions": [BY_ARTICLE, ["place_id", *BY_ARTICLE]],
    "quotes": [BY_ARTICLE, ["person_id", *BY_ARTICLE], ["organization_id", *BY_ARTICLE],
               ["via_organization_id", *BY_ARTICLE], ["kind", *BY_ARTICLE], ["cluster_id"]],
    "meetings": [BY_DATE, *([facet, *BY_DATE] for facet in
                            ("place_id", "kind", "status", "date_precision", "cameo"))],
    "meeting_participants": [["person_id"], ["role", "meeting_id", "person_id"]],
    "meeting_reports": [["article_id", "meeting_id", "start"]],
    "co_mentions": [["other_person_id"], [DescIndex("articles"), "person_id", "other_person_id"],
                    ["person_id", DescIndex("articles"), "other_person_id"]],
}

FULL_TEXT = {"articles": ["title", "body"], "quotes": ["text", "speaker"]}

# Lists are stored as JSON text, which Datasette renders and SQLite's json_each() can unpack.
JSON_COLUMNS = {("articles", "agencies"), ("articles", "notes"), ("people", "aliases"),
                ("meeting_reports", "date_flags"), ("_meeting_candidates", "participants"),
                ("_meeting_candidates", "date_flags")}


ALL_TABLES = {**SCHEMA, **INTERNAL_SCHEMA}

# Views that more than one page reads (a canned query and a dashboard chart).
VIEWS = {
    # One row per speaker: the person, else the organisation, else the speaker as written.
    # Counted per id from the (person_id, article_id) and (organization_id, article_id)
    # indexes before names are looked up: grouping every quote by name is 3x slower.
    "speakers": """
        select p.name as speaker, s.quotes, s.articles
        from (select person_id, count(*) as quotes, count(distinct article_id) as articles
              from quotes where person_id is not null group by person_id) s
        join people p on p.id = s.person_id
        union all
        select o.name, s.quotes, s.articles
        from (select organization_id, count(*) as quotes, count(distinct article_id) as articles
              from quotes where person_id is null and organization_id is not null
              group by organization_id) s
        join organizations o on o.id = s.organization_id
        union all
        select coalesce(speaker, '(unattributed)'), count(*), count(distinct article_id)
        from quotes where person_id is null and organization_id is null
        group by speaker""",
}


def ensure_db_shape(db: sqlite_utils.Database, indexes: bool = True) -> None:
    """Create every table (empty if there is nothing yet), its keys, indexes, full-text tables
    and views. A new full-text table has no triggers yet: a build fills the tables first and
    then calls ``index_full_text``, which is much faster than indexing row by row. For the same
    reason a build asks for no ``indexes`` and calls ``create_indexes`` once its tables are
    filled."""
    for table, (columns, pk, foreign_keys) in ALL_TABLES.items():
        if not db[table].exists():
            db[table].create(columns, pk=pk, foreign_keys=foreign_keys)
    if indexes:
        create_indexes(db)
    for table, columns in FULL_TEXT.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, fts_version="FTS5")
    for view, sql in VIEWS.items():
        db.execute(f"create view if not exists [{view}] as {sql}")


def create_indexes(db: sqlite_utils.Database) -> None:
    """The indexes that facets, joins and the merge need (those already there are kept)."""
    for table, indexes in INDEXES.items():
        for index in indexes:
            db[table].create_index(index, if_not_exists=True)


def index_full_text(db: sqlite_utils.Database) -> None:
    """Bring the FTS5 indexes up to date and keep them so: a table without triggers (a new
    database) is indexed in bulk and given triggers; later builds that update it in place
    (incremental builds, corrections) then index only the rows they change. The update trigger
    fires only when an indexed column is written, not for e.g. ``quotes.cluster_id``."""
    for table, columns in FULL_TEXT.items():
        if f"{table}_ai" in {t.name for t in db[table].triggers}:
            continue
        fts = f"{table}_fts"
        db.execute(f"insert into [{fts}]([{fts}]) values ('rebuild')")
        names = ", ".join(f"[{c}]" for c in columns)
        new = ", ".join(f"new.[{c}]" for c in columns)
        old = ", ".join(f"old.[{c}]" for c in columns)
        delete = f"insert into [{fts}] ([{fts}], rowid, {names}) values ('delete', old.rowid, {old});"
        insert = f"insert into [{fts}] (rowid, {names}) values (new.rowid, {new});"
        # One statement at a time: executescript would commit the build's transaction.
        db.execute(f"create trigger [{table}_ai] after insert on [{table}] begin {insert} end")
        db.execute(f"create trigger [{table}_ad] after delete on [{table}] begin {delete} end")
        db.execute(f"create trigger [{table}_au] after update of {names} on [{table}] "
                   f"begin {delete} {insert} end")


def count_co_mentions(db: sqlite_utils.Database) -> None:
    """Bring co_mentions up to date and keep it so, as index_full_text does for search: a new
    database is counted in one query (a self-join of every article's people: about 20 s for
    100,000 articles, far too slow to run when the page is asked for) and given triggers on
    mentions, which then count what each insert, delete or change of a mention does."""
    if "co_mentions_ai" in {t.name for t in db["mentions"].triggers}:
        return
    db.execute("delete from co_mentions")
    db.execute("""
        insert into co_mentions (person_id, other_person_id, articles)
        with appearances as materialized (
            select distinct article_id, person_id from mentions where person_id is not null)
        select a.person_id, b.person_id, count(*)
        from appearances a join appearances b on b.article_id = a.article_id and b.person_id > a.person_id
        group by a.person_id, b.person_id""")
    # A person appearing in an article (its first mention there) adds one article to each pair
    # with the people already in it; leaving it (its last mention gone) takes it away. `row` is
    # the mention being changed, left out of "already in it" (an update sees its new value).
    def others(person: str, row: str, article: str) -> str:
        return (f"(select distinct person_id as other from mentions where article_id = {article} "
                f"and rowid != {row} and person_id is not null and person_id != {person})")

    def first_or_last(person: str, row: str, article: str) -> str:
        return (f"{person} is not null and not exists (select 1 from mentions where "
                f"article_id = {article} and person_id = {person} and rowid != {row})")

    def appear(person: str, row: str, article: str) -> str:
        return (f"insert into co_mentions (person_id, other_person_id, articles) "
                f"select min({person}, other), max({person}, other), 1 from {others(person, row, article)} "
                f"where {first_or_last(person, row, article)} "
                f"on conflict (person_id, other_person_id) do update set articles = articles + 1;")

    def leave(person: str, row: str, article: str) -> str:
        pairs = (f"(person_id, other_person_id) in (select min({person}, other), max({person}, other) "
                 f"from {others(person, row, article)})")
        # Both statements look up only this article's pairs (a frequent person has thousands).
        return (f"update co_mentions set articles = articles - 1 "
                f"where {first_or_last(person, row, article)} and {pairs}; "
                f"delete from co_mentions where articles <= 0 and {pairs};")

    inserted = ("new.person_id", "new.rowid", "new.article_id")
    deleted = ("old.person_id", "old.rowid", "old.article_id")
    updated_from = ("old.person_id", "new.rowid", "old.article_id")
    db.execute(f"create trigger co_mentions_ai after insert on mentions begin {appear(*inserted)} end")
    db.execute(f"create trigger co_mentions_ad after delete on mentions begin {leave(*deleted)} end")
    db.execute("create trigger co_mentions_au after update of person_id, article_id on mentions "
               "when old.person_id is not new.person_id or old.article_id is not new.article_id "
               f"begin {leave(*updated_from)} {appear(*inserted)} end")


def insert_rows(db: sqlite_utils.Database, table: str, rows: Iterable[dict]) -> None:
    """Insert rows, updating those whose primary key is already there and whose values differ.
    ``rows`` may be a generator: they are encoded as they are written, never all held at once."""
    write_values(db, table, map(_row_encoder(table), rows), UPSERT)


UPSERT, INSERT_NEW = "upsert", "insert_new"


def encode_rows(table: str, rows: list[dict]) -> list[tuple]:
    """Rows as tuples in the table's column order, lists as JSON text: what ``write_values``
    takes. Separate from writing so that worker processes can do it."""
    return list(map(_row_encoder(table), rows))


def _row_encoder(table: str) -> Callable[[dict], tuple]:
    columns = list(ALL_TABLES[table][0])
    json_columns = {column for t, column in JSON_COLUMNS if t == table}
    return lambda row: tuple(json.dumps(row.get(c), ensure_ascii=False)
                             if c in json_columns and isinstance(row.get(c), (list, dict)) else row.get(c)
                             for c in columns)


def write_values(db: sqlite_utils.Database, table: str, values: Iterable[tuple], mode: str) -> None:
    """Write encoded rows. UPSERT updates an existing row only where its values differ (an
    UPSERT rather than INSERT OR REPLACE, whose implicit delete would not reach the FTS
    triggers; and no update of an unchanged row, so its text is not indexed again).
    INSERT_NEW leaves existing rows as they are."""
    columns, pk, _foreign_keys = ALL_TABLES[table]
    keys = [pk] if isinstance(pk, str) else list(pk)
    others = [c for c in columns if c not in keys]
    if mode == UPSERT and others:
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in others)
        changed = " or ".join(f"[{table}].[{c}] is not excluded.[{c}]" for c in others)
        conflict = f"on conflict ({', '.join(f'[{k}]' for k in keys)}) do update set {updates} where {changed}"
    else:
        conflict = "on conflict do nothing"
    # Plain executemany: sqlite-utils' insert_all inspects the table on every call, which
    # costs more than the insert itself for the few rows one article brings.
    sql = (f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
           f"values ({', '.join('?' * len(columns))}) {conflict}")
    if db.conn.in_transaction:
        # No savepoint inside the build's transaction: FTS5 flushes its pending index at
        # every savepoint.
        db.conn.executemany(sql, values)
    else:
        with db.atomic():
            db.conn.executemany(sql, values)
