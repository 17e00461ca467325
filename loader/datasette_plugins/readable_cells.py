"""Datasette plugin: cells that read as words and links rather than ids and JSON.

- A foreign key is a link labelled with what it points to: a person's name, a meeting's title,
  an article's title or, for an untitled article, its outlet and source file. Datasette labels
  foreign keys on table pages (showing "None" for an untitled article) but not on row pages.
  Facets use the same labels (``facet_label``, for templates/_facet_results.html).
- A canned query's id columns (``article_id``, ``meeting_id``…, and ``row_id`` beside a
  ``table`` column) link to their rows.
- A JSON list is its items separated by commas; a Wikidata id links to wikidata.org; the words a
  full-text search found (between ** in a ``passage``) are bold. Everything is escaped.

Self-contained (Datasette and markupsafe only): `datasette publish` copies the plugins folder,
not the loader package.
"""
import json
import re
import weakref

from datasette import hookimpl
from datasette.utils import escape_sqlite, tilde_encode
from markupsafe import Markup, escape

# What labels a row where the table's label_column alone does not: an untitled article.
LABEL_EXPRESSIONS = {
    "articles": "coalesce(nullif(title, ''), coalesce(outlet || ' · ', '') || source_file)",
}
# Id columns of canned queries (which have no foreign keys) and the tables they point into.
ID_COLUMNS = {"article_id": "articles", "quote_id": "quotes", "mention_id": "mentions",
              "meeting_id": "meetings", "person_id": "people", "organization_id": "organizations",
              "place_id": "places"}
WIKIDATA_ID = re.compile(r"Q[1-9][0-9]*")
SEARCH_MATCH = re.compile(r"\*\*(.+?)\*\*", re.S)
# Per served database (immutable: a rebuild restarts the workers), its foreign keys, read at
# startup so that a cell that is not one needs no query, and the labels looked up.
LABEL_CACHE_SIZE = 10_000
_foreign_keys: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_labels: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@hookimpl
def startup(datasette):
    async def inner():
        for db in datasette.databases.values():
            _foreign_keys[db] = {
                table: {fk["column"]: (fk["other_table"], fk["other_column"])
                        for fk in await db.foreign_keys_for_table(table)}
                for table in await db.table_names()}
    return inner


def foreign_key(db, table: str, column: str) -> tuple[str, str] | None:
    """(the table, the column) that ``table.column`` points at, if it is a foreign key."""
    return _foreign_keys.get(db, {}).get(table, {}).get(column)


async def row_label(db, table: str, key: str, row_id) -> str | None:
    """What names the row of ``table`` whose ``key`` is ``row_id`` (None when the table has no
    label or the row is missing)."""
    cache = _labels.setdefault(db, {})
    if (table, row_id) not in cache:
        expression = LABEL_EXPRESSIONS.get(table)
        if expression is None:
            label_column = await db.label_column_for_table(table)
            expression = escape_sqlite(label_column) if label_column else None
        label = None
        if expression:
            found = (await db.execute(f"select {expression} from {escape_sqlite(table)} "
                                      f"where {escape_sqlite(key)} = ?", [row_id])).first()
            label = found[0] if found else None
        if len(cache) >= LABEL_CACHE_SIZE:
            cache.clear()
        cache[(table, row_id)] = label
    return cache[(table, row_id)]


def row_link(datasette, database: str, table: str, row_id, label=None) -> Markup:
    """A link to a row, showing its label then its id (as Datasette's table pages do)."""
    href = datasette.urls.row(database, table, tilde_encode(str(row_id)))
    if label is None or str(label) == str(row_id):
        return Markup(f'<a href="{escape(href)}">{escape(row_id)}</a>')
    return Markup(f'<a href="{escape(href)}">{escape(label)}</a>&nbsp;<em>{escape(row_id)}</em>')


def list_words(value) -> Markup | None:
    """A JSON list of strings as its items separated by commas (None for anything else)."""
    if not (isinstance(value, str) and value.startswith("[") and value.endswith("]")):
        return None
    try:
        items = json.loads(value)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return None
    return Markup(", ").join(escape(item) for item in items) if items else Markup("&nbsp;")


def bold_matches(passage: str) -> Markup:
    """A search passage with the words found (SQLite's snippet() puts them between **) in bold."""
    return Markup(SEARCH_MATCH.sub(lambda found: f"<b>{found.group(1)}</b>", str(escape(passage))))


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column == "wikidata" and isinstance(value, str) and WIKIDATA_ID.fullmatch(value):
        return Markup(f'<a href="https://www.wikidata.org/wiki/{value}">{value}</a>')
    words = list_words(value)
    if words is not None:
        return words
    if table is None:  # a canned query or SQL
        return _query_cell(row, value, column, database, datasette)
    return _foreign_key_cell(value, column, table, database, datasette)


def _query_cell(row, value, column, database, datasette):
    if value in (None, ""):
        return None
    if column == "passage" and isinstance(value, str):
        return bold_matches(value)
    if column in ID_COLUMNS:
        return row_link(datasette, database, ID_COLUMNS[column], value)
    if column == "row_id" and "table" in row.keys() and row["table"]:
        return row_link(datasette, database, row["table"], value)
    return None


def _foreign_key_cell(value, column, table, database, datasette):
    if value is None or (isinstance(value, dict) and value["label"] is not None):
        return None  # Datasette's own link with its label
    db = datasette.get_database(database)
    target = foreign_key(db, table, column)
    if target is None:
        return None
    row_id = value["value"] if isinstance(value, dict) else value

    async def inner():
        return row_link(datasette, database, target[0], row_id, await row_label(db, *target, row_id))
    return inner()


@hookimpl
def prepare_jinja2_environment(env, datasette):
    async def facet_label(database, table, column, facet_value) -> str:
        """A facet value's label: Datasette's, or for an untitled article its outlet and file."""
        label, value = facet_value["label"], facet_value["value"]
        if label is None and value is not None:
            db = datasette.get_database(database)
            target = foreign_key(db, table, column)
            label = (await row_label(db, *target, value) if target else None) or value
        return "" if label is None else str(label)
    env.globals["facet_label"] = facet_label
