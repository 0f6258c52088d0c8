"""Rendering the site: Jinja2 templates with autoescaping, the vendored libraries, the search data.

:func:`render_site` maps a release's files to the site's files (``site/...`` -> bytes) and touches
no disk. Every text from the data reaches HTML through an autoescaping template, and every data
structure a script reads is JSON made safe for HTML, so a label can never become markup.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from govmetrics.site import text, views
from govmetrics.site.inputs import REQUIRED_TABLES, SITE_DIR, SUMS_FILE, ReleaseInputs, SiteError, release_inputs

# Where the pieces of the front page that show the collection alone are handed on with the pages (never
# published as files of their own), and the template of each.
FRONT_PIECES = f"{SITE_DIR}/.front/"
_FRONT = {"stats": "_front_stats.html", "coverage": "_front_coverage.html"}
# Files copied from the package as they are, under site/assets/.
STATIC = ("site.css", "site.js", "search.js", "favicon.svg")
VENDOR = (
    "chart.umd.min.js", "chart.js.LICENSE.md", "kurkle-color.LICENSE.md",
    "minisearch.min.js", "minisearch.LICENSE.txt", "VERSIONS.txt",
)


@functools.lru_cache(maxsize=1)  # compiled templates are reused by every later rendering in the process
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("govmetrics.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are package files: no need to stat them for every page
    )
    # Key order fixed and CJK kept readable; htmlsafe_json_dumps still escapes < > & '.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    env.filters["number"] = text.number
    env.filters["size"] = text.size
    env.globals.update(roles=text.ROLES, qualifier_marks=text.QUALIFIER_MARKS, kinds=text.KINDS)
    return env


def _static(name: str, vendor: bool = False) -> bytes:
    folder = resources.files("govmetrics.site").joinpath("static")
    if vendor:
        folder = folder.joinpath("vendor")
    return folder.joinpath(name).read_bytes()


def _search_script(docs: list[dict[str, Any]]) -> bytes:
    payload = json.dumps(docs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Safe in any context a script can be loaded in: no line separators a parser could trip on.
    payload = payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return f"window.GOVMETRICS_SEARCH = {payload};\n".encode()


def render_site(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The site of the release whose files are ``files`` (path in the release -> bytes).

    Returns ``site/<path>`` -> bytes. Pure: the same files always give the same bytes, and the only
    date on the pages is the release's own (datapackage.json ``created``), and only the pages about the
    release (front page, changes) carry it or the version.
    """
    out: dict[str, bytes] = {}
    emit_site(files, out.__setitem__)
    return dict(sorted(out.items()))


def emit_site(files: Mapping[str, bytes], emit: Callable[[str, bytes], None],
              pages: Iterable[tuple[str, bytes]] | None = None) -> None:
    """Render the site page by page, handing each file (``site/<path>``, bytes) to ``emit`` as it is made,
    so a caller that writes them holds one page at a time, not the whole site.

    ``pages``, when given, are the pages :func:`emit_collection_pages` made from the same tables, a part
    each: they are handed on as they are, and only the pages about the release (front page, dictionary,
    changes) are rendered here, from the release's own files and its ids renamed, without the views of
    the whole collection.
    """
    front: dict[str, str] = {}

    def keep(rel: str, data: bytes) -> None:
        if rel.startswith(FRONT_PIECES):
            front[rel.removeprefix(FRONT_PIECES)] = data.decode("utf-8")
        else:
            emit(rel, data)

    if pages is None:
        inputs = release_inputs(files)
        site = views.build(inputs)
        emit_collection_pages(inputs, site, keep)
        aliases = site.aliases
    else:
        inputs = release_inputs(files, tables=("metric_id_aliases",))
        for rel, data in pages:
            keep(rel, data)
        aliases = views.aliases_of(inputs)
    missing = sorted(set(_FRONT) - set(front))
    if missing:
        raise SiteError(f"the pages handed to the release lack the front page's {', '.join(missing)}: "
                        "they were not made by emit_collection_pages")
    page = _page_renderer(inputs, emit)
    changes = views.release_changes(inputs, aliases)
    page("index.html", "index.html", release_page=True, front={k: Markup(v) for k, v in front.items()},
         downloads=inputs.downloads, changes=changes, package=inputs.datapackage)
    page("dictionary.html", "dictionary.html", tables=views.dictionary(inputs), files=views.other_files(inputs),
         package=inputs.datapackage)
    page("changes.html", "changes.html", release_page=True, changes=changes)
    for name in STATIC:
        emit(f"{SITE_DIR}/assets/{name}", _static(name))
    for name in VENDOR:
        emit(f"{SITE_DIR}/assets/vendor/{name}", _static(name, vendor=True))


def _page_renderer(inputs: ReleaseInputs, emit: Callable[[str, bytes], None]) -> Callable[..., None]:
    env = _environment()
    created = (inputs.created or "")[:10] or None
    common = {
        "version": inputs.version, "created": created, "sums_file": SUMS_FILE,
        "title": inputs.datapackage.get("title") or inputs.datapackage.get("name") or "govmetrics",
        "missing_tables": inputs.missing_tables,
    }

    def page(path: str, template: str, release_page: bool = False, **context: Any) -> None:
        # Only pages about the release itself (front page with its downloads, changes) name its version
        # and date; any other page is a function of its own facts and is shared by the next revision.
        depth = path.count("/")
        html = env.get_template(template).render(root="../" * depth, path=path, release_page=release_page,
                                                 **common, **context)
        emit(f"{SITE_DIR}/{path}", html.encode("utf-8"))

    return page


def emit_collection_pages(inputs: ReleaseInputs, site: views.Site, emit: Callable[[str, bytes], None],
                          part: int = 0, parts: int = 1) -> None:
    """Every page that shows the collection's tables and nothing of the release, or part ``part`` of
    ``parts`` of them: the item pages (departments, indicators, retired ids, reports), the lists
    (indicators, search and its data), and the front page's pieces (its figures and coverage, under
    ``FRONT_PIECES``, set into index.html by :func:`emit_site`). A part is every ``parts``-th of a fixed
    order, so parts are even and together are exactly what one call with ``parts=1`` makes.

    None of them names the release's version or date, so they can be rendered before the release is
    assembled, by as many workers as there are parts.
    """
    page = _page_renderer(inputs, emit)
    targets = {i["metric_id"]: i for i in site.indicators}
    texts = inputs.tables["documents"].set_index("doc_id")["text"]
    jobs: list[Callable[[], None]] = []
    for d in site.departments:
        jobs.append(lambda d=d: page(d["href"], "department.html", department=views.department_page(d), site=site))
    for i in site.indicators:
        jobs.append(lambda i=i: page(i["href"], "indicator.html", ind=views.indicator_page(i), site=site))
    for a in site.aliases:
        # A page at a retired id keeps old links working: it says where the indicator is now.
        target = targets.get(a["metric_id"])
        if target is not None and a["old_metric_id"] not in targets:
            old = views.page_name(a["old_metric_id"], "metric_id_aliases.parquet: old_metric_id")
            jobs.append(lambda a=a, old=old, target=target: page(f"indicators/{old}.html", "alias.html", alias=a,
                                                                 target=target))
    for doc in site.documents:
        jobs.append(lambda doc=doc: page(doc["href"], "document.html",
                                         doc=views.document_page(doc, texts[doc["doc_id"]])))
    jobs.append(lambda: page("indicators.html", "indicators.html", site=site))
    jobs.append(lambda: page("search.html", "search.html"))
    jobs.append(lambda: emit(f"{SITE_DIR}/assets/search-data.js", _search_script(views.search_documents(site))))
    # The front page's pieces are rendered as it sets them: at the site's root.
    env = _environment()
    jobs.append(lambda: emit(f"{FRONT_PIECES}stats", env.get_template(_FRONT["stats"]).render(
        root="", site=site).encode("utf-8")))
    jobs.append(lambda: emit(f"{FRONT_PIECES}coverage", env.get_template(_FRONT["coverage"]).render(
        root="", site=site, coverage=views.coverage(site)).encode("utf-8")))
    for n, job in enumerate(jobs):
        if n % parts == part:
            job()


def release_site(files: Mapping[str, bytes], emit: Callable[[str, bytes], None] | None = None,
                 pages: Iterable[tuple[str, bytes]] | None = None) -> dict[str, bytes]:
    """The site of a release being published: :func:`render_site`, or nothing for a release of tables
    other than the dataset's (the publish layer publishes any registered models; a site shows metrics).

    With ``emit``, each file is handed to it as it is made (see :func:`emit_site`, which also says what
    ``pages`` are) and nothing is returned.
    """
    if not all(f"{t}.parquet" in files for t in REQUIRED_TABLES):
        return {}
    if emit is not None:
        emit_site(files, emit, pages)
        return {}
    out: dict[str, bytes] = {}
    emit_site(files, out.__setitem__, pages)
    return dict(sorted(out.items()))
