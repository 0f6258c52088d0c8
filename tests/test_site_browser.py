"""The release's web site in a real browser: Debian's Chromium driven by Playwright, pages opened from file://.

One three-year build of the dev corpus (into a temporary outputs folder, never outputs/) serves every
test. The tests skip only when /usr/bin/chromium is missing; .ci/run installs it, so in CI they run.
A screenshot of an indicator page is kept under test-artifacts/site/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from dagster import DagsterInstance
from playwright.sync_api import Browser, Page, sync_playwright

from pipelines.build import build

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
DEV = Path(__file__).parent / "corpus" / "dev"
LAYOUT = {"2021": ["hc-sanmin-2021.txt"], "2022": ["hc-sanmin-2022.txt"], "2023": ["hc-sanmin-2023.txt"]}
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "site"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site-dev-build")
    raw = root / "raw"
    for year, names in LAYOUT.items():
        (raw / year).mkdir(parents=True)
        for name in names:
            shutil.copyfile(DEV / name, raw / year / name)
    with DagsterInstance.ephemeral() as instance:
        outcome = build(raw, root / "outputs", instance=instance)
    assert outcome.ok and outcome.published, outcome.reason
    return root / "outputs" / outcome.version


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


class Watched:
    """A page with every request and console error it causes recorded."""

    def __init__(self, page: Page, site: Path):
        self.page, self.site = page, site
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, rel: str) -> Page:
        path, _, query = rel.partition("?")
        self.page.goto((self.site / path).as_uri() + (f"?{query}" if query else ""))
        self.page.wait_for_load_state("load")
        return self.page

    def outside(self) -> list[str]:
        prefix = self.site.as_uri() + "/"
        return [u for u in self.requests if not u.startswith(prefix)]


@pytest.fixture
def watched(release: Path, browser: Browser) -> Iterator[Watched]:  # the build runs before the browser starts
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="zh-CN")
    w = Watched(context.new_page(), release / "site")
    yield w
    context.close()


def _indicator(release: Path, name: str) -> str:
    indicators = pd.read_parquet(release / "indicators.parquet")
    return indicators.loc[indicators["name_zh"] == name, "metric_id"].iloc[0]


def _chart_years(page: Page, canvas: str = "#chart-1") -> dict[str, list[int]]:
    """Per drawn series (a city), the report years of its points, read from the live Chart.js chart."""
    return page.evaluate(
        """(sel) => {
            const chart = window.Chart.getChart(document.querySelector(sel));
            const out = {};
            chart.data.datasets.forEach((d, i) => {
                if (d.showLine) out[d.label] = chart.getDatasetMeta(i).data.map((_, j) => d.data[j].x);
            });
            return out;
        }""",
        canvas,
    )


def test_pages_load_without_errors_or_requests_outside_the_site(watched: Watched, release: Path):
    metric = _indicator(release, "注册志愿者")
    documents = pd.read_parquet(release / "documents.parquet")
    for rel in ("index.html", "indicators.html", "dictionary.html", "changes.html", "search.html?q=志愿者",
                "departments/civil_affairs.html", f"indicators/{metric}.html",
                f"documents/{documents['doc_id'].iloc[0]}.html"):
        watched.open(rel)
    assert watched.errors == []
    assert watched.outside() == []
    assert len(watched.requests) > 8


def test_indicator_chart_is_drawn(watched: Watched, release: Path):
    page = watched.open(f"indicators/{_indicator(release, '优质园占比')}.html")
    canvas = page.locator("canvas#chart-1")
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    assert int(canvas.get_attribute("data-points")) >= 3
    # pixels were painted: the canvas is not blank
    painted = page.evaluate(
        """() => { const c = document.querySelector('#chart-1');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert painted > 1000
    # a report's point takes its tooltip and its link from its row of the table of values
    points = page.evaluate(
        "() => window.Chart.getChart(document.querySelector('#chart-1')).data.datasets[0].data.map(p => [p.t, p.url])")
    links = page.evaluate(
        "() => Array.from(document.querySelectorAll('table.values a.value')).map(a => [a.textContent, a.getAttribute('href')])")
    assert points and all(t and url for t, url in points)
    hrefs = {h: t for t, h in links}
    for t, url in points:
        assert url in hrefs and t.startswith(hrefs[url]), (t, url)
    assert watched.errors == []


def test_volunteers_page_charts_the_three_report_years(watched: Watched, release: Path):
    page = watched.open(f"indicators/{_indicator(release, '注册志愿者')}.html")
    assert page.locator("h1").inner_text() == "注册志愿者"
    assert _chart_years(page) == {"海川": [2021, 2022, 2023]}
    ticks = page.evaluate(
        "() => window.Chart.getChart(document.querySelector('#chart-1')).scales.x.ticks.map(t => t.value)")
    assert ticks == [2021, 2022, 2023]
    # the conflicting baseline of the 2022 report is flagged in the comparison table
    assert page.locator("table.yoy tr.conflict").count() == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "indicator-registered-volunteers.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_search_finds_an_indicator_and_opens_its_page(watched: Watched):
    page = watched.open("index.html")
    page.get_by_label("搜索").fill("优质园占比")
    page.get_by_label("搜索").press("Enter")
    page.wait_for_url("**/search.html?q=*")
    first = page.locator("#search-results li a").first
    first.wait_for()
    assert first.inner_text() == "优质园占比"
    first.click()
    page.wait_for_url("**/indicators/*.html")
    assert page.locator("h1").inner_text() == "优质园占比"
    assert watched.errors == [] and watched.outside() == []


def test_search_by_id_department_and_city(watched: Watched, release: Path):
    page = watched.open("search.html")
    box = page.get_by_label("搜索指标名称、报告用语、部门、城市或编号")
    metric = _indicator(release, "注册志愿者")
    for query, expected in ((metric, "注册志愿者"), ("市民政局", "市民政局"), ("海川", "海川")):
        box.fill(query)
        assert page.locator("#search-results li a").first.inner_text() == expected, query


def test_a_value_opens_its_sentence_with_the_figure_highlighted(watched: Watched, release: Path):
    page = watched.open(f"indicators/{_indicator(release, '注册志愿者')}.html")
    link = page.locator("table.values a.value").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/documents/*.html#f-*")
    anchor = href.split("#", 1)[1]
    mark = page.locator(f"mark#{anchor}")
    assert mark.inner_text() == "146万人"
    target = page.evaluate(f"() => getComputedStyle(document.getElementById('{anchor}')).backgroundColor")
    plain = page.evaluate("() => getComputedStyle(document.querySelector('mark.fact:not(:target)')).backgroundColor")
    assert target != plain
    assert mark.is_visible()


def test_pages_fit_a_phone_screen(release: Path, browser: Browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN")
    page = context.new_page()
    try:
        for rel in ("index.html", f"indicators/{_indicator(release, '注册志愿者')}.html"):
            page.goto((release / "site" / rel).as_uri())
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, rel
        assert page.locator("canvas#chart-1").bounding_box()["width"] <= 375
    finally:
        context.close()
