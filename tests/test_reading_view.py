"""Evidence in one click, in an in-process Datasette with the project's plugins and templates:
the reading view marks every extracted row where its offsets put it, every evidence row and
canned query links to its mark, foreign keys show labels, cells read as words, and nothing an
article says becomes markup. (tests/test_browser.py checks the same in a real browser.)
"""
import asyncio
import copy
import importlib.util
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from loader import publish
from loader.build import build

from .conftest import ROOT, SEEDS
from .test_metadata import EXPECTED, METADATA, QUERIES, build_sample_db

TEMPLATES = ROOT / "templates"
EVIDENCE_TABLES = ["quotes", "mentions", "organization_mentions", "place_mentions", "meeting_reports"]


def load_plugin(name: str):
    """A plugin file of loader/datasette_plugins (Datasette loads them by path, not as a package)."""
    spec = importlib.util.spec_from_file_location(name, publish.PLUGINS_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


evidence = load_plugin("evidence")
readable_cells = load_plugin("readable_cells")


# A fictional article whose text, title, quotes, author and url are markup and script.
HOSTILE_TEXT = """\
JAKARTA, KABAR CONTOH - Menteri Pertahanan Rusia Andrei Belousov tiba di Pyongyang pada Jumat (29/11/2024) <script>window.__pwned = 1</script> untuk bertemu pemimpin Korea Utara Kim Jong Un.

"Kami <b>siap</b> memperluas kerja sama <img src=x onerror='window.__pwned = 2'>," kata Belousov kepada wartawan.

Kim Jong Un mengatakan bahwa kedua negara akan terus bekerja sama <i>erat</i>.
"""
HOSTILE_SIDECAR = {"title": "<script>window.__pwned = 3</script>Judul <b>tebal</b>",
                   "url": "javascript:window.__pwned = 4",
                   "author": "<img src=y onerror=\"window.__pwned = 5\">"}
HOSTILE_MARKUP = ["<script>window", "<img src=", "<b>tebal", "<i>erat", 'href="javascript:']


def write_hostile_article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "hostile.yml").write_text(yaml.safe_dump(HOSTILE_SIDECAR), encoding="utf-8")
    return folder / "hostile.txt"


def build_seeds_and_hostile_db(folder: Path) -> Path:
    """The seeds and the hostile article, built by the loader."""
    hostile = write_hostile_article(folder / "hostile")
    build([SEEDS, hostile], folder / "news.db", workers=1)
    return folder / "news.db"


def served(db_path: Path) -> Datasette:
    # A copy: Datasette writes into the canned queries it is given.
    return Datasette([str(db_path)], metadata=copy.deepcopy(METADATA), plugins_dir=str(publish.PLUGINS_DIR),
                     template_dir=str(TEMPLATES), settings=publish.SETTINGS)


def get_pages(datasette: Datasette, paths: list[str]) -> dict[str, str]:
    async def fetch_all():
        pages = {}
        for path in paths:
            response = await datasette.client.get(path)
            assert response.status_code == 200, (path, response.text[:500])
            pages[path] = response.text
        return pages
    return asyncio.run(fetch_all())


def get_json(datasette: Datasette, path: str):
    async def fetch():
        return (await datasette.client.get(path)).json()
    return asyncio.run(fetch())


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return served(build_sample_db(tmp_path_factory.mktemp("sample") / "news.db"))


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    return build_seeds_and_hostile_db(tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def seeds(seeds_db):
    return served(seeds_db)


class Marks(HTMLParser):
    """The text inside each mark of a page (all its pieces, by element id) and every element
    the page's article body holds."""

    def __init__(self):
        super().__init__()
        self.text, self.ids, self.open, self.in_body, self.body_tags = {}, [], [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.in_body:
            self.in_body += 1
            self.body_tags.append(tag)
        elif tag == "div" and attrs.get("class") == "article-body":
            self.in_body = 1
        if tag == "mark":
            mark = attrs.get("id") or attrs.get("data-continues")
            if attrs.get("id"):
                self.ids.append(attrs["id"])
            self.open.append(mark)

    def handle_endtag(self, tag):
        if self.in_body:
            self.in_body -= 1
        if tag == "mark" and self.open:
            self.open.pop()

    def handle_data(self, data):
        for mark in self.open:
            if mark:
                self.text[mark] = self.text.get(mark, "") + data


def parse_marks(html: str) -> Marks:
    marks = Marks()
    marks.feed(html)
    return marks


def mark(start, end, id, classes="quote direct"):
    return evidence.Mark(start, end, id, classes, f"/row/{id}", f"about {id}")


# mark_up, one rule per line: (body, marks, expected HTML).
MARK_UP_CASES = [
    # Nothing marked: paragraphs of escaped text; blank lines are no paragraphs.
    ("Satu.\n\nDua <b>&", [], '<p>Satu.</p>\n<p>Dua &lt;b&gt;&amp;</p>\n'),
    # A mark: its text links to its row, its title is the hover text.
    ("ab cd ef", [mark(3, 5, "q-1")],
     '<p>ab <mark id="q-1" class="evidence quote direct" title="about q-1"><a href="/row/q-1">cd</a></mark> ef</p>\n'),
    # Nested as the spans nest; each piece of text links to the innermost mark's row.
    ("abcdefg", [mark(0, 7, "r-1", "report"), mark(2, 4, "m-1", "person")],
     '<p><mark id="r-1" class="evidence report" title="about r-1"><a href="/row/r-1">ab</a>'
     '<mark id="m-1" class="evidence person" title="about m-1"><a href="/row/m-1">cd</a></mark>'
     '<a href="/row/r-1">efg</a></mark></p>\n'),
    # Crossing marks: the inner one is closed and reopened, its id only on the first piece.
    ("abcdef", [mark(0, 4, "q-1"), mark(2, 6, "m-1", "person")],
     '<p><mark id="q-1" class="evidence quote direct" title="about q-1"><a href="/row/q-1">ab</a>'
     '<mark id="m-1" class="evidence person" title="about m-1"><a href="/row/m-1">cd</a></mark></mark>'
     '<mark data-continues="m-1" class="evidence person" title="about m-1"><a href="/row/m-1">ef</a></mark></p>\n'),
    # A quote over two paragraphs is a mark in each.
    ("ab\ncd", [mark(1, 4, "q-1")],
     '<p>a<mark id="q-1" class="evidence quote direct" title="about q-1"><a href="/row/q-1">b</a></mark></p>\n'
     '<p><mark data-continues="q-1" class="evidence quote direct" title="about q-1"><a href="/row/q-1">c</a></mark>d</p>\n'),
    # Offsets outside the text, or empty: not drawn.
    ("abc", [mark(2, 9, "q-1"), mark(1, 1, "q-2"), mark(-1, 2, "q-3")], '<p>abc</p>\n'),
    # Article text inside a mark, and the attributes, are escaped.
    ('x <img src=y onerror="z">', [evidence.Mark(2, 25, 'q-"1', "quote direct", "/a?b=1&c=2", '"<b>')],
     '<p>x <mark id="q-&#34;1" class="evidence quote direct" title="&#34;&lt;b&gt;">'
     '<a href="/a?b=1&amp;c=2">&lt;img src=y onerror=&#34;z&#34;&gt;</a></mark></p>\n'),
]


@pytest.mark.parametrize("body,marks,expected", MARK_UP_CASES)
def test_mark_up(body, marks, expected):
    assert str(evidence.mark_up(body, marks)) == expected


def test_every_evidence_row_of_the_seeds_is_marked_where_its_offsets_point(seeds, seeds_db):
    db = sqlite_utils.Database(seeds_db)
    bodies = {row["id"]: row["body"] for row in db["articles"].rows}
    pages = get_pages(seeds, [f"/news/articles/{article}" for article in bodies])
    marks = {article: parse_marks(pages[f"/news/articles/{article}"]) for article in bodies}
    checked = 0
    for table in EVIDENCE_TABLES:
        for row in db[table].rows:
            found = marks[row["article_id"]]
            mark_id = evidence.mark_id(table, row)
            assert found.ids.count(mark_id) == 1, (table, mark_id)
            written = bodies[row["article_id"]][row["start"]:row["end"]]
            assert found.text[mark_id] == written.replace("\n", ""), (table, mark_id)
            checked += 1
    assert checked == sum(db[table].count for table in EVIDENCE_TABLES) > 300


def test_every_evidence_row_page_links_to_its_mark(seeds, seeds_db):
    db = sqlite_utils.Database(seeds_db)
    rows = [(table, row) for table in EVIDENCE_TABLES for row in db[table].rows]
    paths = {f"/news/{table}/{evidence.row_path(table, row)}": (table, row) for table, row in rows}
    for path, html in get_pages(seeds, list(paths)).items():
        table, row = paths[path]
        target = f'/news/articles/{row["article_id"]}#{evidence.mark_id(table, row)}'
        assert html.count(f'href="{target}"') == 2, path  # at the top and in the sentence


def test_every_canned_query_row_with_evidence_links_to_a_mark_that_exists(sample):
    with_evidence = [name for name in QUERIES if re.search(r"\bas evidence\b", QUERIES[name]["sql"])]
    assert {"person_said", "quotes_mentioning", "date_disagreements", "review"} <= set(with_evidence)
    for name in with_evidence:
        params = EXPECTED[name][0]
        rows = get_json(sample, f"/news/{name}.json?" + urlencode({**params, "_shape": "array"}))
        assert rows, name
        html = get_pages(sample, [f"/news/{name}?" + urlencode(params)]).popitem()[1]
        for row in rows:
            target = f'/news/articles/{row["article_id"]}#{row["evidence"]}'
            assert f'href="{target}"' in html, (name, target)
            article = get_pages(sample, [f"/news/articles/{row['article_id']}"]).popitem()[1]
            assert row["evidence"] in parse_marks(article).ids, (name, row["evidence"])


def test_the_reading_view_shows_the_article_and_what_was_extracted(sample):
    html = get_pages(sample, ["/news/articles/a1"])["/news/articles/a1"]
    assert "<h1>Verin tiba di Pyongyang</h1>" in html
    assert ('<span class="outlet">Warta Contoh</span> · <span class="published">2024-06-19T10:00:00+07:00</span>'
            ' · <span class="author">by Penulis Contoh</span>') in html
    found = parse_marks(html)
    assert found.text["q-q1"] == "“Kerja sama militer kami akan diperluas,”"
    assert 'title="Direct quote: Anatoly Verin, via Kantor Berita Contoh"' in html
    assert 'title="Person: Ri Song Chol (Marsekal)"' in html
    report_start = get_json(sample, "/news/articles/a1.json?_shape=array")[0]["body"].index("Rabu (19/6/2024)")
    assert {"m-m0", "m-m1", "o-om1", "p-pm1", f"r-meeting-1-{report_start}"} <= set(found.ids)
    assert 'href="#q-q1"' in html and 'href="/news/quotes/q1"' in html  # the list beside it
    assert "Every column of this article" in html and "word_count" in html  # new columns show
    assert set(found.body_tags) <= {"p", "mark", "a"}


def test_a_public_build_shows_the_evidence_without_the_text(tmp_path):
    db_path = build_sample_db(tmp_path / "news.db")
    publish.make_public(sqlite_utils.Database(db_path))
    html = get_pages(served(db_path), ["/news/articles/a1"])["/news/articles/a1"]
    assert "not in this build" in html and "Kerja sama militer kami akan diperluas" in html
    assert parse_marks(html).ids == []


def test_foreign_keys_show_labels_an_untitled_article_its_outlet_and_file(sample):
    pages = get_pages(sample, ["/news/quotes/q2", "/news/mentions", "/news/meeting_reports", "/news/articles/a2"])
    quote = pages["/news/quotes/q2"]
    assert '<a href="/news/articles/a2">Kabar Fiktif · a2.txt</a>' in quote
    assert '<a href="/news/people/anatoly-verin">Anatoly Verin</a>' in quote
    for page in pages.values():
        assert "None" not in re.sub(r"<[^>]+>", "", page.split("<footer")[0]), page[:200]
    assert "Kabar Fiktif · a2.txt" in pages["/news/mentions"].split('class="facet-results"')[1]
    assert '<span class="untitled">Untitled article</span>' in pages["/news/articles/a2"]


def test_cells_read_as_words(sample, seeds):
    people = get_pages(sample, ["/news/people"])["/news/people"]
    assert '<td class="col-aliases type-str">Anatoli Verin</td>' in people
    reports = get_pages(sample, ["/news/meeting_reports"])["/news/meeting_reports"]
    assert ">weekday_mismatch</td>" in reports and "[&#34;weekday_mismatch" not in reports
    search = get_pages(sample, ["/news/articles_mentioning?word=Verin"]).popitem()[1]
    assert "<b>Verin</b>" in search and "**Verin**" not in search
    review = get_pages(sample, ["/news/review"])["/news/review"]
    assert '<a href="/news/people/anatoly-verin">anatoly-verin</a>' in review  # row_id beside table
    [person] = get_json(seeds, "/news/people.json?_shape=array&_size=1&wikidata__notblank=1")
    page = get_pages(seeds, [f"/news/people/{person['id']}"]).popitem()[1]
    qid = person["wikidata"]
    assert f'<a href="https://www.wikidata.org/wiki/{qid}">{qid}</a>' in page


def test_pages_are_readable(seeds):
    article_id = get_json(seeds, "/news/articles.json?_shape=array&_size=1")[0]["id"]
    pages = get_pages(seeds, [f"/news/articles/{article_id}", "/news/quotes", "/news/person_said?person=Kim"])
    # Internal tables are no links from other tables.
    assert "_meeting_candidates" not in pages[f"/news/articles/{article_id}"]
    assert "from article_id in quotes" in pages[f"/news/articles/{article_id}"]
    # Column descriptions are folded under the table's description.
    folded = pages["/news/quotes"].split('<details class="column-descriptions-folded">')[1].split("</details>")[0]
    assert "<dt>cluster_id</dt>" in folded
    # A canned query shows its title and its rows, not its SQL.
    query = pages["/news/person_said?person=Kim"]
    assert "<title>Everything one person said</title>" in query
    assert 'id="sql-query"' not in query and "<textarea" not in query and "join people" not in query


def test_a_query_page_shows_at_most_1000_rows(sample):
    sql = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1500) select i from n"
    page = get_json(sample, "/news.json?" + urlencode({"sql": sql}))
    assert len(page["rows"]) == 1000 and page["truncated"]


def test_nothing_an_article_says_becomes_markup(seeds, seeds_db):
    db = sqlite_utils.Database(seeds_db)
    [article] = db.query("select id from articles where source_file like '%hostile.txt'")
    [quote] = db.query("select id from quotes where article_id = ? and kind = 'direct'", [article["id"]])
    paths = [f"/news/articles/{article['id']}", f"/news/quotes/{quote['id']}", "/news/quotes?_search=siap",
             "/news/articles?_search=siap", "/news/person_said?person=Belousov",
             "/news/quotes_mentioning?word=siap", "/news/articles_mentioning?word=siap", "/news/mentions",
             "/news/review"]
    for path, html in get_pages(seeds, paths).items():
        for markup in HOSTILE_MARKUP:
            assert markup not in html, (path, markup)
    reading = get_pages(seeds, paths[:1]).popitem()[1]
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in reading
    assert "Judul &lt;b&gt;tebal&lt;/b&gt;" in reading and "javascript:window.__pwned = 4" in reading
    assert "&lt;b&gt;siap&lt;/b&gt;" in reading
    # The search passage puts the word found in bold, inside the escaped markup around it.
    assert "&lt;b&gt;<b>siap</b>&lt;/b&gt;" in get_pages(seeds, paths[6:7]).popitem()[1]
    assert set(parse_marks(reading).body_tags) <= {"p", "mark", "a"}

