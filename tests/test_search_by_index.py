"""The search-by-index plugin: Datasette's search of the articles runs from the indexes and finds
exactly what the plain search finds, page after page; other tables keep the plain search."""
import asyncio
import copy
import sqlite3
import urllib.parse

import yaml
from datasette.app import Datasette

from loader import publish

from .conftest import ROOT

METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


def serve(db_path, metadata):
    return Datasette([str(db_path)], metadata=metadata, plugins_dir=str(publish.PLUGINS_DIR),
                     settings=publish.SETTINGS)


def without_plugin(metadata):
    plain = copy.deepcopy(metadata)
    del plain["databases"]["news"]["tables"]["articles"]["plugins"]["search-by-index"]
    return plain


async def search(datasette, table, word, **extra):
    """Every page of a search, followed through Datasette's next links: (sql, count, facets, ids)."""
    query = {"_search": word, "_size": 7, **extra}
    ids, sql, count, facets = [], None, None, None
    while True:
        response = await datasette.client.get(f"/news/{table}.json?{urllib.parse.urlencode(query)}")
        assert response.status_code == 200, response.text
        page = response.json()
        if sql is None:
            sql, count = page["query"]["sql"], page["filtered_table_rows_count"]
            facets = {name: sorted((v["value"], v["count"]) for v in result["results"])
                      for name, result in page["facet_results"].items()}
        ids += [row[page["columns"].index("id")] for row in page["rows"]]
        if not page["next"]:
            return sql, count, facets, ids
        query["_next"] = page["next"]


def words_of(db_path, texts_sql, how_many=6):
    """Words of the texts, the most frequent first, and one that is in no article."""
    counts = {}
    for (text,) in sqlite3.connect(db_path).execute(texts_sql):
        for word in text.split():
            if word.isalpha() and len(word) > 3:
                counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))[:how_many] + ["zzqxv"]


def test_articles_search_runs_from_indexes_and_finds_the_same_pages(corpus_db):
    by_index, plain = serve(corpus_db, METADATA), serve(corpus_db, without_plugin(METADATA))
    words = words_of(corpus_db, "select title from articles")
    for word in words:
        fast = asyncio.run(search(by_index, "articles", word))
        slow = asyncio.run(search(plain, "articles", word))
        assert "+rowid in (select rowid from articles_fts" in fast[0]
        assert "+rowid" not in slow[0] and "rowid in (select rowid from articles_fts" in slow[0]
        count, facets, ids = fast[1:]
        assert (count, facets) == slow[1:3], word
        # Paging through every match gives each article once, whatever order ties take.
        assert len(ids) == len(set(ids)) == count, word
        assert sorted(ids) == sorted(slow[3]), word
    assert asyncio.run(search(by_index, "articles", words[0]))[1] > 7  # several pages


def test_other_tables_keep_the_plain_search(corpus_db):
    word = words_of(corpus_db, "select text from quotes")[0]

    async def first_page():
        response = await serve(corpus_db, METADATA).client.get(f"/news/quotes.json?_search={word}")
        assert response.status_code == 200, response.text
        return response.json()
    page = asyncio.run(first_page())
    assert "+rowid" not in page["query"]["sql"] and "rowid in (select rowid from quotes_fts" in page["query"]["sql"]
    matches = sqlite3.connect(corpus_db).execute(
        "select count(*) from quotes_fts where quotes_fts match ?", [word]).fetchone()[0]
    assert page["filtered_table_rows_count"] == matches > 0

