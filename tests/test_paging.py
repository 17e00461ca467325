"""Following Datasette's next links through a sorted table gives every row exactly once."""
import asyncio
import sqlite3
import urllib.parse

import pytest

from .test_search_by_index import METADATA, serve, words_of

TABLES = METADATA["databases"]["news"]["tables"]


def sorted_pages():
    """(table, facet column or None): each table metadata sorts by a column other than its
    primary key, whole and filtered by each of its default facets."""
    return [(name, facet) for name, table in TABLES.items() if table.get("sort") or table.get("sort_desc")
            for facet in [None, *table.get("facets", [])]]


@pytest.mark.parametrize("table,facet", sorted_pages())
def test_following_next_pages_gives_every_row_once(corpus_db, table, facet):
    # Datasette orders a first page by the sort column alone and later pages by it and then the
    # primary key: rows that tie on the sort column must come in key order on the first page
    # too, or some are shown twice and others never (each table's index on its sort column
    # ends with its key).
    query = {}
    if facet:  # the facet's most frequent value (none in a table the corpus leaves empty)
        query[facet] = (sqlite3.connect(corpus_db).execute(
            f"select [{facet}] from [{table}] where [{facet}] is not null "
            f"group by 1 order by count(*) desc, 1 limit 1").fetchone() or [""])[0]
    count, keys = asyncio.run(every_page(serve(corpus_db, METADATA), table, query))
    assert len(keys) == len(set(keys)) == count


@pytest.mark.parametrize("table,column", [("articles", "title"), ("quotes", "text")])
def test_following_next_pages_of_a_search_gives_every_match_once(corpus_db, table, column):
    for word in words_of(corpus_db, f"select [{column}] from [{table}]")[:3]:  # the most frequent
        count, keys = asyncio.run(every_page(serve(corpus_db, METADATA), table, {"_search": word}))
        assert len(keys) == len(set(keys)) == count > 0, word


async def every_page(datasette, table, query):
    """The row count and the primary keys of every row, through about eight pages."""
    query, keys, count = dict(query), [], None
    while True:
        response = await datasette.client.get(f"/news/{table}.json?{urllib.parse.urlencode(query)}")
        assert response.status_code == 200, response.text
        page = response.json()
        if count is None:
            count = page["filtered_table_rows_count"]
            query["_size"] = max(5, count // 8)
            continue
        keys += [tuple(row[page["columns"].index(pk)] for pk in page["primary_keys"]) for row in page["rows"]]
        if not page["next"]:
            return count, keys
        query["_next"] = page["next"]
