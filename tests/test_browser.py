"""The served database in a real browser: Playwright driving Debian's /usr/bin/chromium against
`datasette` (started the way `loader serve` starts it) on the sample database of test_metadata.

Skipped when Playwright or chromium is missing, except in CI (CI=true), where that fails.
Screenshots of every page go to build/screenshots/.
"""
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from loader import db as schema
from loader import publish
from loader.build import build

from .test_metadata import (DASHBOARDS, EXPECTED, METADATA_PATH, NEWS, QUERIES, build_sample_db,
                            chart_links)
from .conftest import SEEDS
from .test_reading_view import EVIDENCE_TABLES, write_hostile_article

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

missing = ("playwright is not installed (pip install -e '.[test]')" if sync_playwright is None
           else None if CHROMIUM.exists()
           else f"{CHROMIUM} is missing (apt-get install chromium)")
if missing and os.environ.get("CI") == "true":
    pytest.fail(f"browser tests cannot run in CI: {missing}", pytrace=False)
pytestmark = pytest.mark.skipif(bool(missing), reason=str(missing))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db_path: Path):
    """Serve ``db_path`` the way `loader serve` does; yields the base URL."""
    inspect_file = db_path.parent / "inspect.json"
    publish.ensure_inspect_file(db_path, inspect_file)
    port = free_port()
    command, environment = publish.serve_command(db_path, METADATA_PATH, inspect_file=inspect_file,
                                                 templates=ROOT / "templates", port=port, workers=2)
    process = subprocess.Popen(command, env={**os.environ, **environment},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("datasette did not start: " + process.stderr.read().decode()[-2000:])
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a Datasette serving the sample database with metadata.yml."""
    yield from start_server(build_sample_db(tmp_path_factory.mktemp("browser") / "news.db"))


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory):
    """Base URL of a Datasette serving the seeds, built by the loader (what `make serve` shows)."""
    folder = tmp_path_factory.mktemp("browser-seeds")
    build([SEEDS], folder / "news.db", workers=1)
    yield from start_server(folder / "news.db")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """Base URL of a Datasette serving the hostile article alone, built by the loader."""
    folder = tmp_path_factory.mktemp("browser-hostile")
    build([write_hostile_article(folder / "articles")], folder / "news.db", workers=1)
    yield from start_server(folder / "news.db")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A page that records console errors and uncaught exceptions in ``page.errors``."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    page.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def marks_drawn(page, selector: str) -> int:
    """Marks vega drew under ``selector``: SVG mark paths, or non-blank pixels of a canvas."""
    return page.evaluate("""selector => {
        const marks = document.querySelectorAll(selector + ' svg .mark-rect path, '
            + selector + ' svg .mark-symbol path, ' + selector + ' svg .mark-line path');
        if (marks.length) return marks.length;
        const canvas = document.querySelector(selector + ' canvas');
        if (!canvas || !canvas.width) return 0;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
        return count;
    }""", selector)


def test_home_page_lists_tables_with_descriptions(page, server):
    page.goto(server + "/")
    screenshot(page, "home")
    for table in schema.SCHEMA:
        link = page.locator(f'a[href="news/{table}"]').first
        assert link.is_visible(), table
        item_text = link.locator("xpath=ancestor::li[1]").inner_text()
        assert ":" in item_text or "and" in item_text, item_text  # name followed by what it is
    assert page.errors == []


def test_table_page_shows_description_and_facets_with_names(page, server):
    page.goto(server + "/news/meetings")
    screenshot(page, "table-meetings")
    assert NEWS["tables"]["meetings"]["description"] in page.inner_text("body")
    facets = page.locator(".facet-info")
    assert facets.count() >= 3
    facet_text = page.inner_text(".facet-results")
    assert "happened" in facet_text and "talks" in facet_text
    assert "Pyongyang" in facet_text  # place_id facet shows the place's name (label_column)
    assert page.errors == []


@pytest.mark.parametrize("chart", sorted(set(chart_links())))
def test_chart_link_draws_a_chart(page, server, chart):
    page.goto(f"{server}/-/dashboards/overview/{chart}")
    page.wait_for_function("""() => { const c = document.querySelector('.vega-embed canvas, .vega-embed svg');
                                      return c && c.getBoundingClientRect().height > 50; }""",
                           timeout=10_000)
    page.wait_for_timeout(300)  # let vega finish painting
    screenshot(page, f"chart-{chart}")
    assert marks_drawn(page, ".vega-embed") >= 2
    assert page.errors == []


COUNT_CHARTS = [name for name, chart in DASHBOARDS["overview"]["charts"].items()
                if chart["library"] == "vega-lite"
                and any(chart["display"]["encoding"][axis]["type"] == "quantitative" for axis in "xy")]


@pytest.mark.parametrize("chart", COUNT_CHARTS)
def test_count_axes_have_whole_number_ticks(page, server, chart):
    """Each count axis of a dashboard chart, as drawn: whole numbers, each once (a tick at 0.5
    formatted as a whole number would repeat one)."""
    page.goto(f"{server}/-/dashboards/overview/{chart}")
    page.wait_for_selector(".vega-embed svg .role-axis-label text", timeout=10_000)
    labels = page.evaluate("""() => {
        const axes = {};
        for (const axis of document.querySelectorAll('.vega-embed svg .role-axis')) {
          const title = axis.querySelector('.role-axis-title text');
          axes[title ? title.textContent : '?'] = Array.from(axis.querySelectorAll('.role-axis-label text'), t => t.textContent);
        }
        return axes;
    }""")
    encoding = DASHBOARDS["overview"]["charts"][chart]["display"]["encoding"]
    for title in [encoding[axis]["title"] for axis in "xy" if encoding[axis]["type"] == "quantitative"]:
        ticks = labels[title]
        assert len(ticks) >= 2 and all(tick.isdigit() for tick in ticks), (title, ticks)
        assert len(set(ticks)) == len(ticks), (title, ticks)


def test_dashboard_renders_its_charts(page, server):
    [(slug, dashboard)] = DASHBOARDS.items()
    page.goto(f"{server}/-/dashboards/{slug}")
    charts = dashboard["charts"]
    drawn = [name for name, chart in charts.items() if chart["library"] == "vega-lite"]
    for name in drawn:
        page.wait_for_selector(f"#chart-{name} canvas, #chart-{name} svg", timeout=10_000)
    page.wait_for_timeout(500)
    screenshot(page, f"dashboard-{slug}")
    for name in drawn:
        assert marks_drawn(page, f"#chart-{name}") >= 2, name
    for name, chart in charts.items():
        if chart["library"] == "metric":
            assert page.inner_text(f"#chart-{name}").strip().isdigit(), name
    assert page.inner_text("#chart-articles-count").strip() == "3"
    assert page.errors == []


def test_csv_download_has_header_and_every_row(page, server):
    page.goto(server + "/news/people")
    screenshot(page, "table-people")
    href = page.locator(".export-links a[href*='.csv']").first.get_attribute("href")
    response = page.request.get(server + href if href.startswith("/") else href)
    assert response.ok
    lines = response.text().strip().splitlines()
    assert lines[0].split(",") == list(schema.SCHEMA["people"][0])
    assert len(lines) == 1 + 3


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_canned_query_page_shows_its_rows(page, server, name):
    params, _, expected = EXPECTED[name]
    page.goto(f"{server}/news/{name}?{urlencode(params)}")
    screenshot(page, f"query-{name}")
    assert page.locator("table.rows-and-columns tbody tr").count() == len(expected)
    if params:  # the parameter form is there, filled in
        [(key, value)] = params.items()
        assert page.input_value(f"input[name={key}]") == value
    if name != "meeting_places":  # the map asks the internet for tiles
        assert page.errors == []


def test_meeting_places_are_on_a_map(page, server):
    page.goto(server + "/news/meeting_places")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster", timeout=10_000)
    screenshot(page, "map-meeting-places")
    assert page.locator(".leaflet-marker-icon").count() >= 2


# Where the element with an id is: visible, inside the viewport, the page's target.
MARK_IN_VIEW = """id => {
    const element = document.getElementById(id);
    if (!element) return {found: false};
    const box = element.getBoundingClientRect();
    return {found: true, visible: box.width > 0 && box.height > 0,
            in_view: box.top >= 0 && box.bottom <= window.innerHeight,
            target: document.querySelector(':target') === element, title: element.title};
}"""


def mark_in_view(page, mark_id: str) -> dict:
    return page.evaluate(MARK_IN_VIEW, mark_id)


def expect_at_mark(page, article_id: str, mark_id: str) -> dict:
    page.wait_for_url(f"**/news/articles/{article_id}#{mark_id}")
    page.wait_for_load_state()
    where = mark_in_view(page, mark_id)
    assert where == {**where, "found": True, "visible": True, "in_view": True, "target": True}, mark_id
    return where


def first_row(page, base: str, path: str) -> dict:
    return page.request.get(f"{base}{path}{'&' if '?' in path else '?'}_shape=array&_size=1").json()[0]


@pytest.mark.parametrize("table", EVIDENCE_TABLES)
def test_an_evidence_row_page_reaches_its_marked_passage_in_one_click(page, server, table):
    row = first_row(page, server, f"/news/{table}.json?_sort_desc=start")  # far down the article
    keys = [row["meeting_id"], row["article_id"], str(row["start"])] if table == "meeting_reports" else [row["id"]]
    page.goto(f"{server}/news/{table}/{','.join(keys)}")
    page.click("p.evidence-top a")
    mark_id = f"r-{row['meeting_id']}-{row['start']}" if table == "meeting_reports" else \
        {"quotes": "q", "mentions": "m", "organization_mentions": "o", "place_mentions": "p"}[table] + f"-{row['id']}"
    expect_at_mark(page, row["article_id"], mark_id)
    screenshot(page, f"evidence-{table}")
    assert page.errors == []


@pytest.mark.parametrize("name", [name for name in QUERIES if " as evidence" in QUERIES[name]["sql"]])
def test_a_canned_query_reaches_each_rows_marked_passage_in_one_click(page, server, name):
    params, _, _ = EXPECTED[name]
    url = f"{server}/news/{name}?{urlencode(params)}"
    page.goto(url)
    links = page.locator("td.col-evidence a.evidence-link")
    assert links.count() == len(EXPECTED[name][2])
    for index in range(links.count()):
        page.goto(url)
        href = links.nth(index).get_attribute("href")
        links.nth(index).click()
        article_id, mark_id = href.split("/news/articles/")[1].split("#")
        expect_at_mark(page, article_id, mark_id)
    assert page.errors == []


def test_every_mark_of_the_seeds_scrolls_into_view_with_its_hover_text(page, seeds_server):
    """Every evidence row of the seeds, at its mark in the reading view: found, visible,
    scrolled into view and saying on hover who or what it is."""
    marks = {}  # article -> mark ids of its rows
    for table in EVIDENCE_TABLES:
        for row in page.request.get(f"{seeds_server}/news/{table}.json?_shape=array&_size=max").json():
            marks.setdefault(row["article_id"], []).append(
                f"r-{row['meeting_id']}-{row['start']}" if table == "meeting_reports"
                else {"quotes": "q", "mentions": "m", "organization_mentions": "o",
                      "place_mentions": "p"}[table] + f"-{row['id']}")
    kinds = {"Direct quote", "Partial quote", "Indirect quote", "Person", "Organisation", "Place",
             "Meeting report"}
    for article_id, mark_ids in marks.items():
        page.goto(f"{seeds_server}/news/articles/{article_id}")
        found = page.evaluate("""ids => ids.map(id => { location.hash = id; return [id, (%s)(id)]; })"""
                              % MARK_IN_VIEW, mark_ids)
        for mark_id, where in found:
            assert where == {**where, "found": True, "visible": True, "in_view": True, "target": True}, mark_id
            assert where["title"].split(":")[0] in kinds, (mark_id, where["title"])
    assert sum(map(len, marks.values())) > 300
    assert page.errors == []


def test_a_quote_mark_says_who_said_it_and_opens_its_row(page, server):
    page.goto(f"{server}/news/articles/a1")
    quote = page.locator("mark#q-q1")
    assert quote.get_attribute("title") == "Direct quote: Anatoly Verin, via Kantor Berita Contoh"
    quote.locator("a").first.click()
    page.wait_for_url("**/news/quotes/q1")
    assert "Kerja sama militer kami akan diperluas" in page.inner_text("table.row-fields")


def test_the_hostile_article_renders_as_text(page, hostile_server):
    """An article whose text, title, author, url and quotes hold script and markup: no script
    runs, no image is asked for, and the markup reads as text on every page that shows it."""
    requested, dialogs = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    article = first_row(page, hostile_server, "/news/articles.json?source_file__endswith=hostile.txt")
    quote = first_row(page, hostile_server, f"/news/quotes.json?article_id={article['id']}&kind=direct")
    paths = [f"/news/articles/{article['id']}", f"/news/quotes/{quote['id']}", "/news/quotes?_search=siap",
             "/news/articles?_search=siap", "/news/person_said?person=Belousov",
             "/news/quotes_mentioning?word=siap", "/news/articles_mentioning?word=siap"]
    for path in paths:
        page.goto(hostile_server + path)
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        # (Datasette's own scripts sit in the page, not in what shows the data.)
        shown = ["table", ".article-body", "aside.extracted", ".reading-header", ".facet-results"]
        assert page.locator(", ".join(f"{where} img, {where} script, {where} b:not(td.col-passage b)"
                                      for where in shown)).count() == 0, path
    page.goto(f"{hostile_server}/news/articles/{article['id']}")
    screenshot(page, "reading-view-hostile")
    text = page.inner_text("article.reading-view")
    assert "<script>window.__pwned = 1</script>" in text
    assert "<b>siap</b>" in text and "Judul <b>tebal</b>" in text
    assert page.locator(".article-body b, .article-body i").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    page.locator("mark.quote.direct a").first.click()  # the marked quote opens its row, as text
    page.wait_for_url("**/news/quotes/*")
    assert "<img src=x onerror='window.__pwned = 2'>" in page.inner_text("table.row-fields")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == [] and not [url for url in requested if url.endswith(("/x", "/y"))]


def test_table_page_shows_rows_before_the_column_descriptions(page, server):
    page.goto(f"{server}/news/quotes")
    assert not page.locator("section.content > dl.column-descriptions").is_visible()
    folded = page.locator("details.column-descriptions-folded")
    assert folded.is_visible() and not folded.locator("dl").is_visible()
    assert page.locator("table.rows-and-columns").bounding_box()["y"] < 900
    folded.locator("summary").click()
    assert folded.locator("dt", has_text="cluster_id").is_visible()


# The README's tour: each page as a newcomer first sees it.
TOUR = [("tour-home", "/", None),
        ("tour-reading-view", "/news/articles/{article}", None),
        ("tour-person-said", "/news/person_said?person=Belousov", None),
        ("tour-dashboard", "/-/dashboards/overview", "#chart-quotes-per-speaker svg")]
# `TOUR_SCREENSHOTS=docs/images make test` (or the browser tests alone) refreshes the README's.
TOUR_FOLDER = Path(os.environ["TOUR_SCREENSHOTS"]) if os.environ.get("TOUR_SCREENSHOTS") else SCREENSHOTS


def test_tour_screenshots(browser, seeds_server):
    page = browser.new_page(viewport={"width": 1280, "height": 760})
    [article] = page.request.get(f"{seeds_server}/news.json?" + urlencode({"_shape": "array", "sql": """
        select a.id from articles a where a.title is not null and a.published is not null
          and exists (select 1 from quotes q where q.article_id = a.id and q.kind = 'direct')
        order by a.published limit 1"""})).json()
    TOUR_FOLDER.mkdir(parents=True, exist_ok=True)
    for name, path, wait_for in TOUR:
        page.goto(seeds_server + path.format(article=article["id"]))
        if wait_for:
            page.wait_for_selector(wait_for, timeout=10_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(TOUR_FOLDER / f"{name}.png"))
        assert (TOUR_FOLDER / f"{name}.png").stat().st_size > 10_000
    page.close()
