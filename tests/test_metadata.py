"""metadata.yml names only what exists, every canned query answers its question, and every chart
names columns its query returns.

Datasette ignores misspelled metadata keys and unknown columns silently, so these tests are the
only thing standing between a typo and a facet, chart or description that quietly disappears.
``build_sample_db`` (hand-written, fictional rows in every table) is shared with the browser and
publishing tests.
"""
import asyncio
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from loader import db as schema

ROOT = Path(__file__).resolve().parent.parent
METADATA_PATH = ROOT / "metadata.yml"
METADATA = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
NEWS = METADATA["databases"]["news"]
QUERIES = NEWS["queries"]
DASHBOARDS = METADATA["plugins"]["datasette-dashboards"]

# Keys Datasette 0.65 reads at each level of metadata (docs: "Metadata", "Canned queries").
COMMON_KEYS = {"title", "description", "description_html", "license", "license_url", "source",
               "source_url", "about", "about_url", "plugins", "allow"}
INSTANCE_KEYS = COMMON_KEYS | {"databases", "extra_css_urls", "extra_js_urls", "allow_sql"}
DATABASE_KEYS = COMMON_KEYS | {"tables", "queries", "allow_sql"}
TABLE_KEYS = COMMON_KEYS | {"columns", "sort", "sort_desc", "sortable_columns", "label_column",
                            "facets", "facet_size", "fts_table", "fts_pk", "searchmode", "units",
                            "hidden", "size"}
QUERY_KEYS = COMMON_KEYS | {"sql", "fragment", "hide_sql", "params", "write", "on_success_message",
                            "on_success_redirect", "on_error_message", "on_error_redirect"}
FACET_TYPES = {"array", "date"}
# datasette-dashboards 0.8: dashboards and their charts.
DASHBOARD_KEYS = {"title", "description", "settings", "layout", "filters", "charts"}
CHART_KEYS = {"title", "db", "query", "library", "display", "settings"}
CHART_LIBRARIES = {"vega", "vega-lite", "metric", "table", "map", "markdown"}


def _article(id, outlet, published, title, sentences):
    body = "\n".join(sentences)
    return {"id": id, "source_file": f"{id}.txt", "outlet": outlet, "title": title, "url": None,
            "published": published, "dateline": "Jakarta", "author": "Penulis Contoh",
            "editor": None, "agencies": ["Kantor Berita Contoh"], "language": "id", "body": body,
            "word_count": len(body.split()), "notes": []}


def _evidence(article, phrase):
    """start/end/sentence of ``phrase`` in the article body (the sentence is its line)."""
    body = article["body"]
    start = body.index(phrase)
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", start) if "\n" in body[start:] else len(body)
    return {"article_id": article["id"], "start": start, "end": start + len(phrase),
            "sentence": body[line_start:line_end]}


def build_sample_db(path: Path) -> Path:
    """A small database with fictional people and articles in every public table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path, recreate=True)
    schema.ensure_db_shape(db)
    a1 = _article("a1", "Warta Contoh", "2024-06-19T10:00:00+07:00", "Verin tiba di Pyongyang", [
        "PYONGYANG - Menteri Pertahanan Anatoly Verin tiba di Pyongyang pada Rabu (19/6/2024).",
        "Verin bertemu Marsekal Ri Song Chol untuk membahas kerja sama militer.",
        "“Kerja sama militer kami akan diperluas,” kata Verin seperti dikutip Kantor Berita Contoh.",
    ])
    a2 = _article("a2", "Kabar Fiktif", "2024-06-20T08:30:00+08:00", None, [
        "Marsekal Ri Song Chol menerima Anatoly Verin pada Selasa (18/6/2024).",
        "Ri mengatakan bahwa latihan gabungan akan digelar tahun depan.",
        "Verin menyebut pengiriman senjata sebagai “urusan kedua negara”.",
        "Wakil Menteri Dmitri Sablin juga hadir dalam pertemuan itu.",
    ])
    a3 = _article("a3", "Warta Contoh", "2024-07-02T09:15:00+07:00", "Sablin akan ke Vladivostok", [
        "Dmitri Sablin dijadwalkan menerima Ri Song Chol di Vladivostok pada Juli.",
        "Kementerian Pertahanan Contoh menyatakan, “Kunjungan itu sudah disepakati.”",
        "Anatoly Verin tidak ikut dalam kunjungan tersebut.",
    ])
    articles = [a1, a2, a3]
    people = [
        {"id": "anatoly-verin", "name": "Anatoly Verin", "aliases": ["Anatoli Verin"],
         "country": "RU", "wikidata": None, "verified": 0},
        {"id": "ri-song-chol", "name": "Ri Song Chol", "aliases": [], "country": "KP",
         "wikidata": None, "verified": 0},
        {"id": "dmitri-sablin", "name": "Dmitri Sablin", "aliases": [], "country": "RU",
         "wikidata": None, "verified": 0},
    ]
    organizations = [
        {"id": "kantor-berita-contoh", "name": "Kantor Berita Contoh", "kind": "news_agency",
         "country": None, "wikidata": None},
        {"id": "kementerian-pertahanan-contoh", "name": "Kementerian Pertahanan Contoh",
         "kind": "government", "country": "RU", "wikidata": None},
    ]
    places = [
        {"id": "pyongyang", "name": "Pyongyang", "country": "KP", "latitude": 39.0392,
         "longitude": 125.7625, "wikidata": None},
        {"id": "vladivostok", "name": "Vladivostok", "country": "RU", "latitude": 43.1155,
         "longitude": 131.8855, "wikidata": None},
    ]
    mention_spans = [(a1, "anatoly-verin", "Anatoly Verin", "Menteri Pertahanan"),
                     (a1, "ri-song-chol", "Ri Song Chol", "Marsekal"),
                     (a2, "ri-song-chol", "Ri Song Chol", "Marsekal"),
                     (a2, "anatoly-verin", "Anatoly Verin", None),
                     (a2, "dmitri-sablin", "Dmitri Sablin", "Wakil Menteri"),
                     (a3, "dmitri-sablin", "Dmitri Sablin", None),
                     (a3, "ri-song-chol", "Ri Song Chol", None)]
    mentions = [{"id": f"m{i}", "person_id": person, "surface": surface, "role": role,
                 **_evidence(article, surface)}
                for i, (article, person, surface, role) in enumerate(mention_spans)]
    mentions.append({"id": "m-last", "person_id": "anatoly-verin", "surface": "Anatoly Verin",
                     "role": None, **_evidence(a3, "Anatoly Verin tidak")})
    mentions[-1]["end"] = mentions[-1]["start"] + len("Anatoly Verin")
    organization_mentions = [
        {"id": "om1", "organization_id": "kantor-berita-contoh", "surface": "Kantor Berita Contoh",
         **_evidence(a1, "Kantor Berita Contoh")},
        {"id": "om2", "organization_id": "kementerian-pertahanan-contoh",
         "surface": "Kementerian Pertahanan Contoh", **_evidence(a3, "Kementerian Pertahanan Contoh")},
    ]
    place_mentions = [
        {"id": "pm1", "place_id": "pyongyang", "surface": "Pyongyang", **_evidence(a1, "Pyongyang pada")},
        {"id": "pm2", "place_id": "vladivostok", "surface": "Vladivostok", **_evidence(a3, "Vladivostok")},
    ]
    for mention in place_mentions:
        mention["end"] = mention["start"] + len(mention["surface"])
    quotes = [
        {"id": "q1", "person_id": "anatoly-verin", "organization_id": None, "speaker": "Verin",
         "text": "Kerja sama militer kami akan diperluas", "kind": "direct",
         "via_organization_id": "kantor-berita-contoh", "cluster_id": "c1",
         **_evidence(a1, "“Kerja sama militer kami akan diperluas,”")},
        {"id": "q2", "person_id": "anatoly-verin", "organization_id": None, "speaker": "Verin",
         "text": "urusan kedua negara", "kind": "partial", "via_organization_id": None,
         "cluster_id": "c2", **_evidence(a2, "“urusan kedua negara”")},
        {"id": "q3", "person_id": "ri-song-chol", "organization_id": None, "speaker": "Ri",
         "text": "latihan gabungan akan digelar tahun depan", "kind": "indirect",
         "via_organization_id": None, "cluster_id": "c3",
         **_evidence(a2, "latihan gabungan akan digelar tahun depan")},
        {"id": "q4", "person_id": None, "organization_id": "kementerian-pertahanan-contoh",
         "speaker": "Kementerian Pertahanan Contoh", "text": "Kunjungan itu sudah disepakati.",
         "kind": "direct", "via_organization_id": None, "cluster_id": "c4",
         **_evidence(a3, "“Kunjungan itu sudah disepakati.”")},
    ]
    meetings = [
        {"id": "meeting-1", "title": "Anatoly Verin and Ri Song Chol in Pyongyang",
         "date": "2024-06-19", "date_precision": "day", "place_id": "pyongyang", "kind": "talks",
         "cameo": "042", "status": "happened"},
        {"id": "meeting-2", "title": "Dmitri Sablin and Ri Song Chol in Vladivostok",
         "date": "2024-07", "date_precision": "month", "place_id": "vladivostok", "kind": "visit",
         "cameo": "043", "status": "planned"},
    ]
    participants = [
        {"meeting_id": "meeting-1", "person_id": "ri-song-chol", "role": "host"},
        {"meeting_id": "meeting-1", "person_id": "anatoly-verin", "role": "guest"},
        {"meeting_id": "meeting-2", "person_id": "dmitri-sablin", "role": "host"},
        {"meeting_id": "meeting-2", "person_id": "ri-song-chol", "role": "guest"},
    ]
    reports = [
        {"meeting_id": "meeting-1", "date_text": "Rabu (19/6/2024)", "date": "2024-06-19",
         "date_flags": None, **_evidence(a1, "Rabu (19/6/2024)")},
        {"meeting_id": "meeting-1", "date_text": "Selasa (18/6/2024)", "date": "2024-06-18",
         "date_flags": ["weekday_mismatch"], **_evidence(a2, "Selasa (18/6/2024)")},
        {"meeting_id": "meeting-2", "date_text": "Juli", "date": "2024-07",
         "date_flags": ["year_inferred"], **_evidence(a3, "Juli")},
    ]
    for table, rows in [("articles", articles), ("people", people), ("organizations", organizations),
                        ("places", places), ("mentions", mentions),
                        ("organization_mentions", organization_mentions),
                        ("place_mentions", place_mentions), ("quotes", quotes),
                        ("meetings", meetings), ("meeting_participants", participants),
                        ("meeting_reports", reports)]:
        schema.insert_rows(db, table, rows)
    schema.index_full_text(db)
    schema.count_co_mentions(db)
    db.close()
    return path


# Every canned query with the parameters to run it and (a few columns of) the rows it must
# return from build_sample_db, in order. A query without an entry here fails the suite.
EXPECTED = {
    # All three people are discovered (verified = 0); a2's report of meeting-1 has a wrong weekday.
    "review": ({}, ["kind", "row_id", "article_id"], [
        ("unverified_person", "anatoly-verin", "a1"), ("unverified_person", "ri-song-chol", "a1"),
        ("unverified_person", "dmitri-sablin", "a2"), ("weekday_mismatch", "meeting-1", "a2")]),
    "who_met_whom": ({}, ["date", "hosts", "guests", "place", "reporting_articles"], [
        ("2024-06-19", "Ri Song Chol", "Anatoly Verin", "Pyongyang", 2),
        ("2024-07", "Dmitri Sablin", "Ri Song Chol", "Vladivostok", 1)]),
    "person_said": ({"person": "verin"}, ["person", "kind", "text", "quoted_via"], [
        ("Anatoly Verin", "direct", "Kerja sama militer kami akan diperluas", "Kantor Berita Contoh"),
        ("Anatoly Verin", "partial", "urusan kedua negara", None)]),
    # Best match first: a1 names Verin in its title and three times in its body, a3 once.
    "articles_mentioning": ({"word": "Verin"}, ["article_id", "title"], [
        ("a1", "Verin tiba di Pyongyang"), ("a2", None), ("a3", "Sablin akan ke Vladivostok")]),
    "quotes_mentioning": ({"word": "latihan"}, ["speaker", "kind", "text"], [
        ("Ri Song Chol", "indirect", "latihan gabungan akan digelar tahun depan")]),
    "people_together": ({}, ["person", "other_person", "articles"], [
        ("Anatoly Verin", "Ri Song Chol", 3), ("Anatoly Verin", "Dmitri Sablin", 2),
        ("Dmitri Sablin", "Ri Song Chol", 2)]),
    "meetings_reported": ({}, ["date", "reporting_articles", "outlets"], [
        ("2024-06-19", 2, 2), ("2024-07", 1, 1)]),
    # meeting-2's only report infers its year: no disagreement.
    "date_disagreements": ({}, ["reported_date", "outlet", "date_flags"], [
        ("2024-06-18", "Kabar Fiktif", '["weekday_mismatch"]'), ("2024-06-19", "Warta Contoh", None)]),
    "articles_by_outlet_month": ({}, ["month", "outlet", "articles"], [
        ("2024-06", "Kabar Fiktif", 1), ("2024-06", "Warta Contoh", 1), ("2024-07", "Warta Contoh", 1)]),
    "meetings_over_time": ({}, ["month", "status", "meetings"], [
        ("2024-06", "happened", 1), ("2024-07", "planned", 1)]),
    "quotes_per_speaker": ({}, ["speaker", "quotes"], [
        ("Anatoly Verin", 2), ("Kementerian Pertahanan Contoh", 1), ("Ri Song Chol", 1)]),
    "mentions_per_person": ({}, ["person", "mentions", "articles"], [
        ("Anatoly Verin", 3, 3), ("Ri Song Chol", 3, 3), ("Dmitri Sablin", 2, 2)]),
    "articles_per_outlet": ({}, ["outlet", "articles"], [("Warta Contoh", 2), ("Kabar Fiktif", 1)]),
    "meeting_places": ({}, ["place", "latitude", "longitude", "meetings"], [
        ("Pyongyang", 39.0392, 125.7625, 1), ("Vladivostok", 43.1155, 131.8855, 1)]),
}


def chart_links() -> list[str]:
    """The dashboard chart (its slug) of every link to a chart page in any description_html."""
    descriptions = [METADATA.get("description_html", ""), NEWS.get("description_html", "")]
    descriptions += [table.get("description_html", "") for table in NEWS["tables"].values()]
    return [chart for html in descriptions
            for chart in re.findall(r'href="(?:\.\./)?-/dashboards/overview/([a-z-]+)"', html)]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    return build_sample_db(tmp_path_factory.mktemp("metadata") / "news.db")


@pytest.fixture(scope="module")
def sample_tables(sample_db) -> dict[str, list[str]]:
    db = sqlite_utils.Database(sample_db)
    return {table.name: [column.name for column in table.columns] for table in db.tables + db.views}


def fetch(db_path: Path, path: str) -> list[dict]:
    """GET a Datasette JSON path (rows as objects) from an in-process Datasette."""
    async def get():
        datasette = Datasette([str(db_path)], metadata=METADATA)
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()
    return asyncio.run(get())


def run_query(db_path: Path, name: str, params: dict) -> list[dict]:
    return fetch(db_path, f"/news/{name}.json?" + urlencode({**params, "_shape": "array"}))


def test_keys_are_ones_datasette_reads():
    assert set(METADATA) <= INSTANCE_KEYS
    assert set(NEWS) <= DATABASE_KEYS
    for table, table_metadata in NEWS["tables"].items():
        assert set(table_metadata) <= TABLE_KEYS, table
    for name, query in QUERIES.items():
        assert set(query) <= QUERY_KEYS, name


def test_every_public_table_and_column_is_described_and_nothing_else(sample_tables):
    described = NEWS["tables"]
    assert set(described) <= set(sample_tables), "metadata names a table the database lacks"
    for table in [*schema.SCHEMA, *schema.VIEWS]:
        assert described[table]["description"], table
        assert set(described[table]["columns"]) == set(sample_tables[table]), table
        assert all(described[table]["columns"].values()), table
        for key in ["source", "license"]:
            assert described[table].get(key) or NEWS.get(key), (table, key)


def test_tables_outside_the_public_schema_are_hidden(sample_tables):
    internal = {name for name in sample_tables
                if name not in {**schema.SCHEMA, **schema.VIEWS} and not re.search(r"_fts(_\w+)?$", name)}
    for table in internal:
        assert NEWS["tables"].get(table, {}).get("hidden") is True, table


def test_facets_sorts_labels_search_and_units_name_real_columns(sample_tables):
    for table, meta in NEWS["tables"].items():
        columns = set(sample_tables[table])
        for facet in meta.get("facets", []):
            if isinstance(facet, dict):
                [(kind, column)] = facet.items()
                assert kind in FACET_TYPES, (table, facet)
                facet = column
            assert facet in columns, (table, facet)
        sortable = meta.get("sortable_columns", [])
        assert set(sortable) <= columns, table
        for key in ["sort", "sort_desc"]:
            if key in meta:
                assert meta[key] in sortable, (table, key)
        if "label_column" in meta:
            assert meta["label_column"] in columns, table
        assert set(meta.get("units", {})) <= columns, table
        if "fts_table" in meta:
            assert meta["fts_table"] in sample_tables, table
        if "description_html" in meta:  # the plain description is what exports reuse
            assert meta["description"] in meta["description_html"], table


def test_foreign_keys_show_names(sample_tables):
    for table, (_, _, foreign_keys) in schema.SCHEMA.items():
        for _, other, _ in foreign_keys:
            assert NEWS["tables"][other].get("label_column") in sample_tables[other], (table, other)


def test_home_page_links_every_table_and_question():
    html = METADATA["description_html"]
    for table in schema.SCHEMA:
        assert f'href="news/{table}"' in html, table
    for name in QUERIES:
        assert f'href="news/{name}' in html, name


def test_chart_links_name_dashboard_charts():
    links = chart_links()
    assert len(links) >= 8
    assert set(links) <= set(DASHBOARDS["overview"]["charts"])


def test_every_canned_query_is_tested():
    assert set(EXPECTED) == set(QUERIES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_canned_query_returns_expected_rows(sample_db, name):
    params, columns, expected = EXPECTED[name]
    rows = run_query(sample_db, name, params)
    assert [tuple(row[column] for column in columns) for row in rows] == expected


@pytest.mark.parametrize("name", ["articles_mentioning", "quotes_mentioning"])
def test_word_search_without_a_word_returns_nothing_rather_than_an_error(sample_db, name):
    assert run_query(sample_db, name, {"word": ""}) == []


def test_article_search_shows_the_passage_with_the_words_found(sample_db):
    [row] = run_query(sample_db, "articles_mentioning", {"word": "kerja sama"})
    assert "membahas **kerja** **sama** militer" in row["passage"]


def test_canned_queries_run_on_an_empty_database(tmp_path):
    db = sqlite_utils.Database(tmp_path / "news.db")
    schema.ensure_db_shape(db)
    db.close()
    for name, (params, _, _) in EXPECTED.items():
        assert run_query(tmp_path / "news.db", name, params) == [], name


def _encoded_fields(display) -> set[str]:
    """Every ``field`` named anywhere in a Vega-Lite spec."""
    if isinstance(display, dict):
        own = {display["field"]} if isinstance(display.get("field"), str) else set()
        return own.union(*(_encoded_fields(value) for value in display.values()))
    if isinstance(display, list):
        return set().union(*(_encoded_fields(value) for value in display))
    return set()


@pytest.mark.parametrize("dashboard,chart", [(dashboard, chart) for dashboard, spec in DASHBOARDS.items()
                                             for chart in spec["charts"]])
def test_dashboard_chart_query_returns_the_fields_it_draws(sample_db, dashboard, chart):
    spec = DASHBOARDS[dashboard]
    assert set(spec) <= DASHBOARD_KEYS
    assert {name for row in spec.get("layout", []) for name in row} <= set(spec["charts"])
    chart_spec = spec["charts"][chart]
    assert set(chart_spec) <= CHART_KEYS and chart_spec["library"] in CHART_LIBRARIES
    assert chart_spec["db"] == "news"
    rows = fetch(sample_db, "/news.json?" + urlencode({"sql": chart_spec["query"], "_shape": "array"}))
    assert rows, chart
    assert _encoded_fields(chart_spec["display"]) <= set(rows[0]), chart
