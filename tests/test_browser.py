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

from .test_metadata import DASHBOARDS, EXPECTED, METADATA_PATH, NEWS, build_sample_db, chart_links

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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a Datasette serving the sample database with metadata.yml."""
    folder = tmp_path_factory.mktemp("browser")
    db_path = build_sample_db(folder / "news.db")
    inspect_file = folder / "inspect.json"
    publish.ensure_inspect_file(db_path, inspect_file)
    port = free_port()
    command, environment = publish.serve_command(db_path, METADATA_PATH, inspect_file=inspect_file,
                                                 port=port, workers=2)
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


@pytest.mark.parametrize("target,fragment", chart_links())
def test_chart_link_draws_a_chart(page, server, target, fragment):
    page.goto(f"{server}/news/{target}#{fragment}")
    page.wait_for_function("""() => { const c = document.querySelector('.vega-embed canvas, .vega-embed svg');
                                      return c && c.getBoundingClientRect().height > 50; }""",
                           timeout=10_000)
    page.wait_for_timeout(300)  # let vega finish painting
    screenshot(page, f"chart-{target}")
    assert marks_drawn(page, ".vega-embed") >= 2
    assert page.errors == []


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
