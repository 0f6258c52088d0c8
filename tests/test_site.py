"""The release's web site, without a browser: what is generated, from what, and that it is safe and stable.

Releases are published from the synthetic tables of ``release_fixtures`` into temporary folders; the
browser tests (test_site_browser.py) drive the pages of a real dev-corpus build.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from govmetrics.release import publish
from govmetrics.release.checksums import parse_sha256sums, sha256_file
from govmetrics.site import SiteError, read_release_dir, render_site
from govmetrics.site import text as site_text
from govmetrics.site.command import run as run_site_command
from govmetrics.site.views import _records, city_slug
from release_fixtures import synthetic_sources, synthetic_tables, synthetic_years

KEYS = ["qingdao-2022", "hangzhou-2022", "qingdao-2023"]
HOSTILE = "<script>alert('x')</script>&\"危险\""
REPO = Path(__file__).resolve().parents[1]


def _publish(tmp: Path, tables: dict[str, pd.DataFrame]) -> Path:
    result = publish(tables, tmp, sources=synthetic_sources(KEYS), report_years=synthetic_years(KEYS))
    assert result.published, result.reason
    return result.path


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    tables = synthetic_tables(KEYS)
    # One retired id, so that the site keeps a page at it.
    target = tables["indicators"]["metric_id"].iloc[0]
    tables["metric_id_aliases"] = pd.DataFrame([{
        "old_metric_id": "auto_0123456789ab", "metric_id": target, "since_version": "v2023.1", "reason": "readable_id",
    }])
    return _publish(tmp_path_factory.mktemp("site"), tables)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A release whose labels, names and titles are markup and quotes."""
    tables = synthetic_tables(KEYS)
    tables["metrics"]["label"] = HOSTILE
    tables["metrics"]["indicator_name_zh"] = HOSTILE
    tables["indicators"]["name_zh"] = HOSTILE
    tables["indicators"]["definition"] = HOSTILE
    tables["documents"]["title"] = HOSTILE
    tables["documents"]["source_url"] = "javascript:alert(1)"
    return _publish(tmp_path_factory.mktemp("hostile"), tables)


def _site(release_dir: Path) -> dict[str, bytes]:
    root = release_dir / "site"
    return {p.relative_to(release_dir).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _pages(site: dict[str, bytes]) -> dict[str, HTMLParser]:
    return {p: HTMLParser(b.decode("utf-8")) for p, b in site.items() if p.endswith(".html")}


# --- what a release carries -------------------------------------------------------------------


def test_every_release_carries_its_site_listed_in_sha256sums(release: Path):
    site = _site(release)
    assert "site/index.html" in site and "site/search.html" in site and "site/dictionary.html" in site
    sums = parse_sha256sums((release / "SHA256SUMS").read_text(encoding="utf-8"))
    for path, data in site.items():
        assert sums[path] == hashlib.sha256(data).hexdigest(), path


def test_site_is_not_a_datapackage_resource(release: Path):
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    assert not [r for r in package["resources"] if r["path"].startswith("site/")]


def test_rendering_the_release_again_gives_the_same_bytes(release: Path):
    assert render_site(read_release_dir(release)) == _site(release)


def test_rendering_does_not_depend_on_hash_seeds(release: Path):
    script = (
        "import hashlib, sys; from pathlib import Path;"
        "from govmetrics.site import read_release_dir, render_site;"
        "s = render_site(read_release_dir(Path(sys.argv[1])));"
        "print(hashlib.sha256(b''.join(k.encode() + v for k, v in sorted(s.items()))).hexdigest())"
    )
    expected = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(_site(release).items()))).hexdigest()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script, str(release)], env=env, check=True,
                             capture_output=True, text=True, cwd=REPO / "tests").stdout.strip()
        assert out == expected, f"PYTHONHASHSEED={seed}"


def test_pages_carry_the_release_version_and_date_only(release: Path):
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    index = (release / "site" / "index.html").read_text(encoding="utf-8")
    assert package["version"] in index and package["created"][:10] in index
    # An indicator page names a version only where its own data does (an id retired since then).
    pages = [p.read_text(encoding="utf-8") for p in sorted((release / "site" / "indicators").glob("*.html"))]
    plain = [p for p in pages if "旧编号" not in p]
    assert plain
    for page in plain:
        assert package["version"] not in page and package["created"][:10] not in page


def test_a_revision_shares_every_page_whose_facts_did_not_change(tmp_path: Path):
    """A report of another city and department added: its pages change, the rest are hard links."""
    out = tmp_path / "out"
    first = _publish(out, synthetic_tables(["qingdao-2022", "qingdao-2023"]))
    second = publish(synthetic_tables(KEYS), out, sources=synthetic_sources(KEYS),
                     report_years=synthetic_years(KEYS)).path
    assert second != first
    old, new = _site(first), _site(second)
    pages = sorted(p for p in new if p.endswith(".html"))
    same = [p for p in pages if p in old and old[p] == new[p]]
    for p in same:
        assert (second / p).stat().st_ino == (first / p).stat().st_ino, p
    # The release's own pages name its version; so does nothing else.
    version = json.loads((second / "datapackage.json").read_text(encoding="utf-8"))["version"]
    naming = sorted(p for p in pages if version in new[p].decode("utf-8"))
    assert naming == ["site/changes.html", "site/index.html"]
    assert "site/index.html" not in same
    # The pages of the added report's department and indicators are new or differ ...
    touched = {p for p in pages if p not in same}
    assert "site/departments/science_technology.html" in touched
    hangzhou = [p for p in pages if p.startswith("site/indicators/") and "杭州" in new[p].decode("utf-8")]
    assert hangzhou and set(hangzhou) <= touched
    # ... and every page of the departments it does not touch is shared.
    for key in ("education", "civil_affairs", "justice"):
        assert f"site/departments/{key}.html" in same, key
    assert len(same) > len(pages) / 2, (len(same), len(pages))


# --- pages ------------------------------------------------------------------------------------


def test_a_page_for_every_indicator_department_and_document(release: Path):
    site = _site(release)
    indicators = pd.read_parquet(release / "indicators.parquet")
    metrics = pd.read_parquet(release / "metrics.parquet")
    documents = pd.read_parquet(release / "documents.parquet")
    for mid in indicators["metric_id"]:
        assert f"site/indicators/{mid}.html" in site
    for dep in metrics["department_id"].dropna().unique():
        assert f"site/departments/{dep}.html" in site
    for doc in documents["doc_id"]:
        assert f"site/documents/{doc}.html" in site


def test_pages_of_the_collection_split_into_parts_are_the_pages_of_the_whole_site(release: Path):
    """Parts of the pages that show the collection alone (as workers render them before a release is
    assembled) never overlap, are even, and together are exactly those pages of the published site,
    byte for byte; with them, the release renders only its own pages, and the site is the same."""
    from govmetrics.site import views
    from govmetrics.site.inputs import release_inputs
    from govmetrics.site.render import FRONT_PIECES, emit_collection_pages, emit_site

    site = _site(release)
    files = read_release_dir(release)
    inputs = release_inputs(files)
    model = views.build(inputs)
    parts: list[dict[str, bytes]] = []
    for part in range(3):
        pages: dict[str, bytes] = {}
        emit_collection_pages(inputs, model, pages.__setitem__, part, 3)
        parts.append(pages)
    assert all(parts), "every part has pages"
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    joined = {rel: data for pages in parts for rel, data in pages.items()}
    assert len(joined) == sum(map(len, parts))
    assert sorted(rel for rel in joined if rel.startswith(FRONT_PIECES)) == [f"{FRONT_PIECES}coverage", f"{FRONT_PIECES}stats"]
    release_pages = {"site/index.html", "site/dictionary.html", "site/changes.html"}
    collection = {rel: data for rel, data in site.items() if rel not in release_pages
                  and not (rel.startswith("site/assets/") and rel != "site/assets/search-data.js")}
    assert {rel: data for rel, data in joined.items() if not rel.startswith(FRONT_PIECES)} == collection
    assembled: dict[str, bytes] = {}
    emit_site(files, assembled.__setitem__, [item for pages in parts for item in pages.items()])
    assert assembled == site


def test_a_release_refuses_pages_without_the_front_page_pieces(release: Path):
    from govmetrics.site.render import emit_site

    with pytest.raises(SiteError, match="front page's coverage, stats"):
        emit_site(read_release_dir(release), lambda rel, data: None, [("site/search.html", b"")])


def test_index_shows_coverage_downloads_and_changes(release: Path):
    page = HTMLParser((release / "site" / "index.html").read_text(encoding="utf-8"))
    metrics = pd.read_parquet(release / "metrics.parquet")
    # coverage: one table per city, a row per department with the facts of each report year
    for city, rows in metrics.groupby("city"):
        table = page.css_first(f"#city-{city_slug(city)} table")
        assert table is not None, city
        total = table.css_first("tfoot tr td:last-child").text()
        assert int(total) == len(rows)
    # downloads: every data file with its exact size and SHA-256
    cells = {r.css_first("th a").text(): r for r in page.css("table.downloads tbody tr")}
    for name in ("metrics.parquet", "metrics.csv", "datapackage.json", "CHANGES.md"):
        row = cells[name]
        assert row.css_first("code.hash").text() == sha256_file(release / name)
        assert row.css_first("td.num").attributes["title"] == f"{(release / name).stat().st_size} 字节"
    assert page.css_first("#changes-h") is not None and "metrics" in page.css_first("#changes-h").parent.text()


def test_indicator_page_values_link_to_their_marked_figure(release: Path):
    metrics = pd.read_parquet(release / "metrics.parquet")
    fact = metrics[metrics["role"] == "value"].iloc[0]
    page = HTMLParser((release / "site" / "indicators" / f"{fact['metric_id']}.html").read_text(encoding="utf-8"))
    start, end = fact["fact_id"].split(":")[1].split("-")
    href = f"../documents/{fact['doc_id']}.html#f-{start}-{end}"
    assert href in [a.attributes.get("href") for a in page.css("table.values a.value")]
    doc = HTMLParser((release / "site" / "documents" / f"{fact['doc_id']}.html").read_text(encoding="utf-8"))
    mark = doc.css_first(f"mark#f-{start}-{end}")
    assert mark is not None and mark.text() == fact["quantity_text"]
    # the sentence is kept once, in its report's text around the marked figure, not again on the indicator page
    assert fact["sentence"] in doc.css_first("div.doc-text").text()
    assert fact["sentence"] not in page.body.text()


def test_indicator_chart_data_has_a_series_per_city_and_year(release: Path):
    changes = pd.read_parquet(release / "metric_changes.parquet")
    row = changes.iloc[0]  # a value compared with the previous year's report
    page = HTMLParser((release / "site" / "indicators" / f"{row['metric_id']}.html").read_text(encoding="utf-8"))
    spec = json.loads(page.css_first("script#chart-1-data").text())
    series = {d["label"]: sorted(p["x"] for p in d["points"]) for d in spec["datasets"] if d["kind"] == "report"}
    assert series[row["city"]] == [int(row["previous_year"]), int(row["year"])]
    canvas = page.css_first("canvas#chart-1")
    assert canvas.attributes["role"] == "img" and canvas.attributes["aria-label"]
    assert page.css_first("figure.chart figcaption").text() == canvas.attributes["aria-label"]


def test_qualifier_marks_and_partial_periods_are_shown(release: Path):
    metrics = pd.read_parquet(release / "metrics.parquet")
    fact = metrics[metrics["qualifier"] == "more_than"].iloc[0]
    page = (release / "site" / "indicators" / f"{fact['metric_id']}.html").read_text(encoding="utf-8")
    assert '<abbr class="q" title="余、超过">&gt;</abbr>' in page


def test_retired_ids_keep_a_page_and_are_searchable(release: Path):
    aliases = pd.read_parquet(release / "metric_id_aliases.parquet")
    old, new = aliases.iloc[0]["old_metric_id"], aliases.iloc[0]["metric_id"]
    page = HTMLParser((release / "site" / "indicators" / f"{old}.html").read_text(encoding="utf-8"))
    assert page.css_first("main a").attributes["href"] == f"../indicators/{new}.html"
    data = (release / "site" / "assets" / "search-data.js").read_text(encoding="utf-8")
    assert old in data and new in data


def test_search_data_covers_names_ids_departments_and_cities(release: Path):
    text = (release / "site" / "assets" / "search-data.js").read_text(encoding="utf-8")
    prefix = "window.GOVMETRICS_SEARCH = "
    docs = json.loads(text[len(prefix):].rstrip().rstrip(";"))
    by_type = {}
    for d in docs:
        by_type.setdefault(d["type"], set()).add(d["title"])
    indicators = pd.read_parquet(release / "indicators.parquet")
    assert set(indicators["name_zh"]) <= by_type["指标"]
    assert {"青岛", "杭州"} <= by_type["城市"]
    assert "市民政局" in by_type["部门"]


def test_data_dictionary_lists_every_table_and_field(release: Path):
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    page = HTMLParser((release / "site" / "dictionary.html").read_text(encoding="utf-8"))
    for r in package["resources"]:
        if "schema" in r and "/" not in r["path"]:
            section = page.css_first(f"#table-{r['name']}")
            assert section is not None, r["name"]
            shown = [th.text() for th in section.css("table.fields tbody th")]
            assert shown == [f["name"] for f in r["schema"]["fields"]]


def test_every_link_resolves_within_the_release(release: Path):
    site = _site(release)
    pages = _pages(site)
    release_files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    for path, tree in pages.items():
        for node in tree.css("a[href], link[href], script[src]"):
            url = node.attributes.get("href") or node.attributes.get("src")
            if url.startswith(("https://", "http://")):
                assert node.tag == "a", f"{path}: {node.tag} loads {url} from outside the release"
                continue
            target, _, anchor = url.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            assert resolved in release_files, f"{path}: broken link {url}"
            if anchor and resolved.endswith(".html"):
                assert pages[resolved].css_first(f"[id='{anchor}']") is not None, f"{path}: no anchor {url}"


def test_pages_are_accessible_by_construction(release: Path):
    for path, tree in _pages(_site(release)).items():
        assert tree.css_first("html").attributes.get("lang") == "zh-CN", path
        labels = {n.attributes.get("for") for n in tree.css("label")}
        for field in tree.css("input"):
            assert field.attributes.get("id") in labels, f"{path}: input without a label"
        for th in tree.css("thead th"):
            assert th.attributes.get("scope") == "col", path
        for th in tree.css("tbody th, tfoot th"):
            assert th.attributes.get("scope") == "row", path
        for canvas in tree.css("canvas"):
            assert canvas.attributes.get("aria-label"), path


# --- escaping ---------------------------------------------------------------------------------


def test_text_from_the_data_is_escaped_everywhere(hostile: Path):
    site = _site(hostile)
    for path, data in site.items():
        if path.endswith(".html"):
            page = data.decode("utf-8")
            assert "<script>alert" not in page, path
            assert 'href="javascript:' not in page, path
    indicators = pd.read_parquet(hostile / "indicators.parquet")
    page = site[f"site/indicators/{indicators['metric_id'].iloc[0]}.html"].decode("utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&#34;危险&#34;" in page
    tree = HTMLParser(page)
    assert tree.css_first("h1").text() == HOSTILE
    # data a script reads is JSON that cannot close its script element
    for node in tree.css("script[type='application/json']"):
        assert "</" not in node.text()
        assert json.loads(node.text())["datasets"]


# --- errors and the command -------------------------------------------------------------------


def test_a_release_without_its_tables_is_refused_with_the_file_named(release: Path):
    files = read_release_dir(release)
    del files["metrics.parquet"]
    with pytest.raises(SiteError, match="metrics.parquet: missing"):
        render_site(files)
    files = read_release_dir(release)
    files["documents.parquet"] = b"not parquet"
    with pytest.raises(SiteError, match="documents.parquet: not a readable Parquet file"):
        render_site(files)


def test_an_id_that_cannot_name_a_page_is_refused(release: Path):
    import io

    files = read_release_dir(release)
    documents = pd.read_parquet(io.BytesIO(files["documents.parquet"]))
    documents.loc[0, "doc_id"] = "../../escape"
    buf = io.BytesIO()
    documents.to_parquet(buf)
    files["documents.parquet"] = buf.getvalue()
    with pytest.raises(SiteError, match="doc_id '../../escape' cannot name a page"):
        render_site(files)


def _snapshot(release_dir: Path) -> dict[str, str]:
    files = sorted(p for p in release_dir.rglob("*") if p.is_file())
    return {p.relative_to(release_dir).as_posix(): sha256_file(p) for p in files}


def test_site_command_checks_a_release_and_previews_beside_it(release: Path, tmp_path: Path, capsys):
    import argparse

    outputs = release.parent
    before = _snapshot(release)
    args = argparse.Namespace(outputs=str(outputs), version=None, preview=str(tmp_path / "preview"), check=True)
    assert run_site_command(args) == 0
    assert "byte-identical" in capsys.readouterr().out
    assert not (tmp_path / "preview").exists()

    # a release whose site differs (here: a page edited by hand) is left alone; the rendering is a preview
    copy = tmp_path / "outputs" / release.name
    for rel in before:
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_bytes((release / rel).read_bytes())
    (copy / "site" / "index.html").write_text("edited", encoding="utf-8")
    args = argparse.Namespace(outputs=str(copy.parent), version=release.name, preview=str(tmp_path / "preview"),
                              check=True)
    assert run_site_command(args) == 1
    assert "differs" in capsys.readouterr().out
    assert (copy / "site" / "index.html").read_text(encoding="utf-8") == "edited"
    preview = tmp_path / "preview" / release.name
    assert (preview / "site" / "index.html").read_bytes() == (release / "site" / "index.html").read_bytes()
    assert (preview / "metrics.parquet").read_bytes() == (release / "metrics.parquet").read_bytes()
    assert _snapshot(release) == before


def test_the_committed_latest_release_renders_its_departments_and_indicators():
    """The release in outputs/ (the real seed report), whichever tables its version has."""
    outputs = REPO / "outputs"
    version = (outputs / "LATEST").read_text(encoding="utf-8").strip()
    site = render_site(read_release_dir(outputs / version))
    metrics = pd.read_parquet(outputs / version / "metrics.parquet")
    index = site["site/index.html"].decode("utf-8")
    for dep in metrics["department"].dropna().unique():
        assert dep in index
    for mid in metrics["metric_id"].unique():
        assert f"site/indicators/{mid}.html" in site


# --- views ------------------------------------------------------------------------------------


def test_table_rows_are_plain_python_values_with_every_missing_value_as_none():
    """What the pages compute with: the table types a release reads back, and object columns of anything."""
    df = pd.DataFrame({
        "n": pd.Series([2021, 2022, 2023], dtype="int64"),
        "n_null": pd.Series([1, None, 3], dtype="Int64"),
        "flag": [True, False, True],
        "flag_null": pd.Series([None, True, False], dtype="boolean"),
        "x": [1.5, float("nan"), 2.0],
        "s": pd.Series(["a", None, "c"], dtype="str"),
        "o": pd.Series([pd.NA, pd.Series([7]).iloc[0], float("nan")], dtype=object),
        "t": pd.to_datetime(["2020-01-02", None, "2021-03-04"]),
    })
    rows = _records(df)
    assert rows == [
        {"n": 2021, "n_null": 1, "flag": True, "flag_null": None, "x": 1.5, "s": "a", "o": None,
         "t": pd.Timestamp("2020-01-02")},
        {"n": 2022, "n_null": None, "flag": False, "flag_null": True, "x": None, "s": None, "o": 7, "t": None},
        {"n": 2023, "n_null": 3, "flag": True, "flag_null": False, "x": 2.0, "s": "c", "o": None,
         "t": pd.Timestamp("2021-03-04")},
    ]
    kinds = [{k: type(v).__name__ for k, v in r.items() if v is not None} for r in rows]
    assert kinds[0] == {"n": "int", "n_null": "int", "flag": "bool", "x": "float", "s": "str", "t": "Timestamp"}
    assert kinds[1] == {"n": "int", "flag": "bool", "flag_null": "bool", "o": "int"}
    assert list(rows[0]) == list(df.columns)
    assert _records(df.iloc[:0]) == []


# --- wording ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "unit", "role", "direction", "shown"), [
    (1630000.0, "人", "value", None, "163万人"),
    (160000000.0, "元", "value", None, "1.6亿元"),
    (88.5, "%", "value", None, "88.5%"),
    (12345.0, "%", "value", None, "12345%"),
    (1.0, "位", "rank", None, "第1位"),
    (10.0, "%", "change", "up", "↑10%"),
    (-0.6, "‰", "value", None, "-0.6‰"),
])
def test_values_are_written_as_a_chinese_reader_writes_them(value, unit, role, direction, shown):
    assert site_text.quantity(value, unit, role, direction) == shown


def test_a_change_of_a_share_is_in_percentage_points():
    assert site_text.change(10.0, "%") == "+10个百分点"
    assert site_text.change(-170000.0, "人") == "−17万人"


@pytest.mark.parametrize(("period", "year", "note"), [
    ("2022", 2022, None),
    ("2022-01/2022-12", 2022, None),
    ("2021", 2022, ("2021年", False)),
    ("2022-01/2022-10", 2022, ("2022年1月–10月", True)),
    ("2022-07", 2022, ("2022年7月", True)),
])
def test_periods_that_are_not_the_report_year_are_noted(period, year, note):
    got = site_text.period(period, year)
    assert (got.text, got.partial) == note if note else got is None


def test_a_source_with_no_publisher_or_date_is_listed_with_a_dash(tmp_path):
    sources = [{k: v for k, v in s.items() if k not in ("publisher", "published")} for s in synthetic_sources(KEYS)]
    result = publish(synthetic_tables(KEYS), tmp_path, sources=sources, report_years=synthetic_years(KEYS))
    assert result.published, result.reason
    page = HTMLParser((result.path / "site" / "dictionary.html").read_text(encoding="utf-8"))
    rows = [[c.text(strip=True) for c in tr.css("th, td")] for tr in page.css("section[aria-labelledby=sources-h] tbody tr")]
    assert len(rows) == len(KEYS) and all(r[2] == "—" and r[3] == "—" for r in rows), rows
