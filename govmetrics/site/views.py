"""What each page shows, computed from the release's tables as plain dicts and lists.

Everything here is a pure function of :class:`~govmetrics.site.inputs.ReleaseInputs`; the templates
only lay the results out. Every list is put in a fixed order (never the order of a set or of a hash),
so the same release always gives the same pages. Links are relative to the site's root folder.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from govmetrics.compare.slugs import pinyin_words
from govmetrics.site import text
from govmetrics.site.inputs import ReleaseInputs, SiteError

NO_DEPARTMENT = "_general"
NO_DEPARTMENT_NAME = "未归入部门（报告导言等）"
# Roles drawn as a chart, in the order the charts appear; baselines are drawn on the value chart.
CHART_ROLES = ("value", "rank", "change", "target")
# Which facts give an indicator's "latest value", in order of preference.
LATEST_ROLES = ("value", "rank", "change", "target", "baseline")
# Changes lists longer than this are cut on the changes page (changes.json has them all).
CHANGES_LIMIT = 200


def _v(x: Any) -> Any:
    """A table cell as a plain Python value, with every kind of missing value as None."""
    if x is None or x is pd.NA or x is pd.NaT:
        return None
    if isinstance(x, float) and math.isnan(x):
        return None
    return x.item() if hasattr(x, "item") else x


def _column(col: pd.Series) -> list[Any]:
    """A column as plain Python values, missing ones as None.

    Converted whole (``tolist`` gives Python ints, floats, bools and strs), and only a column that
    holds missing values is looked at cell by cell: a release's tables are mostly columns without
    any, and a call per cell was most of the time it took to build the site's views.
    """
    if col.dtype == object:  # anything may be in it, numpy scalars too
        return [_v(x) for x in col.tolist()]
    values = col.tolist()
    missing = col.isna().to_numpy()
    if missing.any():
        values = [None if m else x for x, m in zip(values, missing.tolist())]
    return values


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    names = list(df.columns)
    columns = [_column(df[name]) for name in names]
    return [dict(zip(names, row)) for row in zip(*columns)]


# Ids that name a page must be plain file names; the tables' models already ensure it for a release
# the pipeline wrote, and the site checks again rather than write outside its folder.
_PAGE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def page_name(value: str, what: str) -> str:
    if not _PAGE_NAME.match(value) or ".." in value:
        raise SiteError(f"{what} {value!r} cannot name a page of the site")
    return value


def department_key(department_id: str | None) -> str:
    return page_name(department_id, "metrics.parquet: department_id") if department_id else NO_DEPARTMENT


def fact_anchor(fact_id: str) -> tuple[str, str]:
    """``<doc_id>:<start>-<end>`` -> (document page, anchor id of the figure on it)."""
    doc_id, _, span = fact_id.partition(":")
    return f"documents/{doc_id}.html", f"f-{span}"


def fact_href(fact_id: str) -> str:
    page, anchor = fact_anchor(fact_id)
    return f"{page}#{anchor}"


def city_slug(city: str) -> str:
    return "-".join(pinyin_words(city)) or "city"


@dataclass(frozen=True)
class Site:
    """Everything the pages need, computed once per release."""

    inputs: ReleaseInputs
    facts: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    departments: list[dict[str, Any]]
    cities: list[str]
    years: list[int]
    changes_rows: list[dict[str, Any]]
    aliases: list[dict[str, Any]]
    documents: list[dict[str, Any]]


# --- facts -------------------------------------------------------------------------------------


def _fact(row: Mapping[str, Any]) -> dict[str, Any]:
    return {**row, "department_key": department_key(row.get("department_id"))}


def _shown(facts: Iterable[dict[str, Any]]) -> None:
    """Give facts what a page shows of them (the value as written, its mark, role and period in words,
    its link), once each: only the pages of items show facts, and each part of the site renders a
    share of them, so neither the release's own pages nor a part pay for every fact of the release."""
    for f in facts:
        if "shown" in f:
            continue
        if f.get("value") is None and f.get("value_min") is not None and f.get("value_max") is not None:
            shown = text.value_range(f["value_min"], f["value_max"], f.get("unit"))
        else:
            shown = text.quantity(f.get("value"), f.get("unit"), f.get("role"), f.get("direction"))
        f.update({
            "shown": shown,
            "mark": text.mark(f.get("qualifier")),
            "mark_title": text.mark_title(f.get("qualifier")),
            "role_zh": text.ROLES.get(f.get("role") or "", f.get("role")),
            "period_note": text.period(f.get("period"), f.get("report_year")),
            "href": fact_href(f["fact_id"]),
        })


def _facts(inputs: ReleaseInputs) -> list[dict[str, Any]]:
    metrics = inputs.tables["metrics"].sort_values(["report_year", "doc_id", "start", "fact_id"], kind="mergesort")
    return [_fact(r) for r in _records(metrics)]


# --- indicators --------------------------------------------------------------------------------


def _mode(values: Iterable[Any]) -> Any:
    """The most frequent value, ties broken by sort order, so the choice never depends on row order."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return sorted(v for v, n in counts.items() if n == best)[0]


def _derived_indicators(facts: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per metric_id from the facts alone, for a release published before ``indicators``."""
    by_id: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for f in facts:
        by_id[f["metric_id"]].append(f)
    out = []
    for metric_id, rows in sorted(by_id.items()):
        last = max(r["report_year"] for r in rows)
        out.append({
            "metric_id": metric_id,
            "name_zh": _mode(r.get("indicator_name_zh") or r.get("label") for r in rows if r["report_year"] == last)
            or metric_id,
            "name_en": None, "unit_en": None, "kind": None, "definition": None, "in_catalogue": None,
            "department_id": _mode(r.get("department_id") for r in rows),
            "unit": _mode(r.get("unit") for r in rows),
            "first_year": min(r["report_year"] for r in rows), "last_year": last, "n_facts": len(rows),
        })
    return out


def _indicator_rows(inputs: ReleaseInputs, facts: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    table = inputs.tables.get("indicators")
    rows = _records(table) if table is not None else _derived_indicators(facts)
    known = {r["metric_id"] for r in rows}
    stray = [f for f in facts if f["metric_id"] not in known]  # only in a release without the table's keys
    rows += _derived_indicators(stray)
    return sorted(rows, key=lambda r: (department_key(r.get("department_id")), r["metric_id"]))


def _chart_color_index(facts: Sequence[Mapping[str, Any]], changes: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """A colour per city of one indicator, the same in each of its charts. Counted among the indicator's
    own cities, not the release's, so a city added elsewhere leaves the page's bytes as they were."""
    return {c: i for i, c in enumerate(sorted({f["city"] for f in facts} | {c["city"] for c in changes}))}


def _charts(
    ind: Mapping[str, Any], facts: Sequence[Mapping[str, Any]], changes: Sequence[Mapping[str, Any]],
    colors: Mapping[str, int], rows_of_facts: Mapping[str, int],
) -> list[dict[str, Any]]:
    """One chart per role and unit: a series per city, and the earlier figures this year's texts state.

    A point of a report's own figure names its row of the page's table of values (``r``), whose link and
    text the chart's tooltip and click use, rather than carrying a second copy of them."""
    charts = []
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for f in facts:
        if f.get("role") in CHART_ROLES and f.get("value") is not None:
            groups[(f["role"], f.get("unit") or "")].append(f)
    order = {r: i for i, r in enumerate(CHART_ROLES)}
    changes_of: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)  # in their order
    for c in changes:
        changes_of[(c["city"], c["role"])].append(c)
    for n, ((role, unit), rows) in enumerate(sorted(groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))):
        datasets = []
        years: set[int] = set()
        rows_of: dict[str, list[Mapping[str, Any]]] = defaultdict(list)  # each city's rows, in their order
        for r in rows:
            rows_of[r["city"]].append(r)
        for city in sorted(rows_of):
            pts = []
            mine = sorted(rows_of[city], key=lambda r: (r["report_year"], r["doc_id"], r["start"]))
            for r in mine:
                pts.append({"x": r["report_year"], "y": r["value"], "r": rows_of_facts[r["fact_id"]]})
                years.add(r["report_year"])
            datasets.append({"label": city, "kind": "report", "color": colors.get(city, 0), "points": pts})
            earlier = sorted((c for c in changes_of.get((city, role), ())
                              if (c.get("unit") or "") == unit and c.get("previous_year") is not None),
                             key=lambda c: c["year"])
            # (kind, legend, value column, fact column): earlier figures this year's text gives, drawn
            # apart from the previous report's own figure so that a disagreement can be seen.
            for kind, label, value_col, fact_col in (
                ("baseline", f"{city}：次年报告所述上年基数", "in_text_baseline_value", "in_text_baseline_fact_id"),
                ("implied", f"{city}：由次年报告所述变化推算的上年数", "implied_previous_value", "implied_by_fact_id"),
            ):
                bpts = []
                for c in earlier:
                    value = c.get(value_col)
                    if value is None:
                        continue
                    href = fact_href(c.get(fact_col) or c["fact_id"])
                    shown = text.quantity(value, c.get("unit"), role)
                    word = "所述" if kind == "baseline" else "推算"
                    bpts.append({"x": c["previous_year"], "y": value, "h": href,
                                 "t": f"{shown}（{c['year']}年报告{word}）"})
                    years.add(c["previous_year"])
                if bpts:
                    datasets.append({"label": label, "kind": kind, "color": colors.get(city, 0), "points": bpts})
        role_zh = text.ROLES.get(role, role)
        y_title = f"{role_zh}（{unit}）" if unit else role_zh
        reverse = role == "rank" or ind.get("kind") == "rank"
        first, last = min(years), max(years)
        span = f"{first}年" if first == last else f"{first}–{last}年"
        cities = "、".join(sorted({r["city"] for r in rows}))
        caption = (f"{ind['name_zh']}：{span}各报告年份的{role_zh}" + (f"（{unit}）" if unit else "")
                   + f"，按城市分列（{cities}）" + ("；排名第1位在最上方" if reverse else "")
                   + "。各数值见下表，点击数值可查看原句。")
        charts.append({
            "id": f"chart-{n + 1}",
            "caption": caption,
            "spec": {"datasets": datasets, "reverse": reverse, "years": [first, last], "yTitle": y_title,
                     "xTitle": "报告年份"},
        })
    return charts


def _yoy_row(c: Mapping[str, Any]) -> dict[str, Any]:
    notes = []
    if c.get("conflict"):
        implied = c.get("conflict_with") == "implied_by_change"
        other = c.get("implied_previous_value") if implied else c.get("in_text_baseline_value")
        notes.append(("conflict", ("上年报告与本年所述变化推算的上年数不一致：" if implied
                                   else "上年报告与本年文中所述基数不一致：")
                      + "上年报告 " + text.quantity(c.get("previous_report_value"), c.get("unit"), c.get("role"))
                      + ("，推算 " if implied else "，本年文中 ") + text.quantity(other, c.get("unit"), c.get("role"))))
    if c.get("flag"):
        notes.append(("flag", text.FLAGS.get(c["flag"], c["flag"])))
    if c.get("approximate"):
        notes.append(("approx", "含约数或上下限，变化仅供参考"))
    periods = (("本期", c.get("period"), c["year"]), ("上期", c.get("previous_period"), c.get("previous_year")))
    for which, value, year in periods:
        p = text.period(value, year)
        if p is not None:
            notes.append(("period", f"{which}统计期间：{p.text}" + ("（非全年）" if p.partial else "")))
    source = c.get("previous_source") or ""
    prev_fact = c.get("previous_report_fact_id") or c.get("in_text_baseline_fact_id")
    prev_fact = prev_fact or c.get("implied_by_fact_id")
    # Figures of this year's text about last year, shown beside the previous report's own figure.
    others = []
    if source == "both" and c.get("in_text_baseline_fact_id"):
        others.append({"what": "文中基数", "href": fact_href(c["in_text_baseline_fact_id"]),
                       "shown": text.quantity(c.get("in_text_baseline_value"), c.get("unit"), c.get("role"))})
    if source == "both" and c.get("implied_previous_value") is not None:
        others.append({"what": "变化推算", "href": fact_href(c.get("implied_by_fact_id") or c["fact_id"]),
                       "shown": text.quantity(c.get("implied_previous_value"), c.get("unit"), c.get("role"))})
    return {
        **c,
        "role_zh": text.ROLES.get(c["role"], c["role"]),
        "current": {"shown": text.quantity(c["value"], c.get("unit"), c["role"], c.get("direction")),
                    "mark": text.mark(c.get("qualifier")), "mark_title": text.mark_title(c.get("qualifier")),
                    "href": fact_href(c["fact_id"])},
        "previous": {"shown": text.quantity(c.get("previous_value"), c.get("unit"), c["role"],
                                            c.get("previous_direction")),
                     "mark": text.mark(c.get("previous_qualifier")),
                     "mark_title": text.mark_title(c.get("previous_qualifier")),
                     "href": fact_href(prev_fact) if prev_fact else None},
        "others": others,
        "source_zh": text.SOURCES.get(source, source),
        "change_shown": text.change(c.get("absolute_change"), c.get("unit"), c["role"]),
        "percent_shown": text.percent(c.get("percent_change")),
        "notes": notes,
    }


# --- the whole site ----------------------------------------------------------------------------


def _department_names(facts: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Department key -> its name as the latest reports write it, and every other name it had."""
    names: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for f in facts:
        if f.get("department"):
            names[f["department_key"]].append((f["report_year"], f["department"]))
    out = {}
    for key, seen in names.items():
        last = max(y for y, _ in seen)
        current = _mode(n for y, n in seen if y == last)
        out[key] = {"name": current, "variants": sorted({n for _, n in seen} - {current})}
    return out


def aliases_of(inputs: ReleaseInputs) -> list[dict[str, Any]]:
    """The release's retired ids, by old id: the site's, and all the pages about the release need of its rows."""
    aliases_df = inputs.tables.get("metric_id_aliases")
    return sorted(_records(aliases_df), key=lambda a: a["old_metric_id"]) if aliases_df is not None else []


def build(inputs: ReleaseInputs) -> Site:
    facts = _facts(inputs)
    cities = sorted({f["city"] for f in facts} | set(inputs.tables["documents"]["city"]))
    years = sorted({int(f["report_year"]) for f in facts} | {int(y) for y in inputs.tables["documents"]["report_year"]})
    changes_df = inputs.tables.get("metric_changes")
    changes = _records(changes_df) if changes_df is not None else []
    aliases = aliases_of(inputs)
    names = _department_names(facts)

    facts_by_metric: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in facts:
        facts_by_metric[f["metric_id"]].append(f)
    changes_by_metric: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in changes:
        changes_by_metric[c["metric_id"]].append(c)
    aliases_by_metric: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in aliases:
        aliases_by_metric[a["metric_id"]].append(a)

    indicators = []
    for ind in _indicator_rows(inputs, facts):
        mid = ind["metric_id"]
        ind_facts = sorted(facts_by_metric.get(mid, []),
                           key=lambda f: (f["city"], f["report_year"], f["doc_id"], f["start"]))
        ind_changes = sorted(changes_by_metric.get(mid, []),
                             key=lambda c: (c["city"], c["role"], c.get("unit") or "", c["year"]))
        key = department_key(ind.get("department_id"))
        indicators.append({
            **ind,
            "department_key": key,
            "department_name": names.get(key, {}).get("name") or (NO_DEPARTMENT_NAME if key == NO_DEPARTMENT else key),
            "kind_zh": text.KINDS.get(ind.get("kind") or "", None),
            "href": f"indicators/{page_name(mid, 'metric_id')}.html",
            "facts": ind_facts,
            "labels": sorted({f["label"] for f in ind_facts if f.get("label")}),
            "cities": sorted({f["city"] for f in ind_facts}),
            "changes": ind_changes,
            "aliases": aliases_by_metric.get(mid, []),
        })

    departments = _departments(indicators, facts, names)
    documents = _documents(inputs, facts, {i["metric_id"]: i for i in indicators})
    return Site(inputs, facts, indicators, departments, cities, years, changes, aliases, documents)


def indicator_page(ind: Mapping[str, Any]) -> dict[str, Any]:
    """An indicator with what only its own page shows (charts, comparisons), made when the page is rendered
    and dropped after it, so the site never holds every indicator's charts and rows at once."""
    facts, changes = ind["facts"], ind["changes"]
    _shown(facts)
    table_rows = {f["fact_id"]: n for n, f in enumerate(facts, start=1)}  # the template's loop.index
    charts = _charts(ind, facts, changes, _chart_color_index(facts, changes), table_rows)
    return {
        **ind,
        "charts": charts,
        "has_baselines": any(d["kind"] != "report" for c in charts for d in c["spec"]["datasets"]),
        "yoy": [_yoy_row(c) for c in changes],
    }


def department_page(department: Mapping[str, Any]) -> dict[str, Any]:
    """A department with each indicator's latest figure per city, made when its page is rendered: only
    that page shows them, and the pages about the release should not pay for every indicator's."""
    indicators = []
    for i in department["indicators"]:
        latest = _latest(i["facts"], i["changes"])
        _shown(item["fact"] for item in latest)
        indicators.append({**i, "latest": latest})
    return {**department, "indicators": indicators}


def _latest(facts: Sequence[Mapping[str, Any]], changes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per city: the indicator's latest figure and its change against the previous one."""
    out = []
    facts_of: dict[str, list[Mapping[str, Any]]] = defaultdict(list)  # each city's facts, in their order
    for f in facts:
        facts_of[f["city"]].append(f)
    changes_of: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for c in changes:
        changes_of[c["city"]].append(c)
    for city in sorted(facts_of):
        mine = facts_of[city]
        roles = {f["role"] for f in mine}
        role = next((r for r in LATEST_ROLES if r in roles), mine[0]["role"])
        of_role = [f for f in mine if f["role"] == role]
        year = max(f["report_year"] for f in of_role)
        that_year = [f for f in of_role if f["report_year"] == year]
        fact = that_year[0]
        change = next((c for c in changes_of[city] if c["role"] == role and c["year"] == year
                       and (c.get("unit") or "") == (fact.get("unit") or "")), None)
        out.append({"city": city, "year": year, "fact": fact, "n_same_year": len(that_year),
                    "change": _yoy_row(change) if change else None})
    return out


def _departments(indicators: Sequence[dict[str, Any]], facts: Sequence[Mapping[str, Any]],
                 names: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    keys = sorted({i["department_key"] for i in indicators} | {f["department_key"] for f in facts},
                  key=lambda k: (k == NO_DEPARTMENT, k))
    by_key: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in indicators:
        by_key[i["department_key"]].append(i)
    counts_by_key: dict[str, Counter] = defaultdict(Counter)
    for f in facts:
        counts_by_key[f["department_key"]][(f["city"], f["report_year"])] += 1
    out = []
    for key in keys:
        mine = by_key.get(key, [])
        counts = counts_by_key[key]
        out.append({
            "key": key,
            "department_id": None if key == NO_DEPARTMENT else key,
            "name": names.get(key, {}).get("name") or (NO_DEPARTMENT_NAME if key == NO_DEPARTMENT else key),
            "variants": names.get(key, {}).get("variants", []),
            "href": f"departments/{key}.html",
            "indicators": sorted(mine, key=lambda i: (i["name_zh"], i["metric_id"])),
            "counts": counts,
            "n_facts": sum(counts.values()),
        })
    return out


def _documents(inputs: ReleaseInputs, facts: Sequence[Mapping[str, Any]],
               indicators: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each report with its facts; its text is cut into runs and marked figures by :func:`document_page`."""
    by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for f in facts:
        by_doc[f["doc_id"]].append(f)
    out = []
    docs = inputs.tables["documents"].sort_values(["report_year", "source_file"], kind="mergesort")
    for doc in _records(docs.drop(columns=["text"])):
        mine = by_doc.get(doc["doc_id"], [])
        out.append({**doc, "facts": sorted(mine, key=lambda f: (f["start"], f["end"])), "indicators": indicators,
                    "href": f"documents/{page_name(doc['doc_id'], 'documents.parquet: doc_id')}.html",
                    "n_facts": len(mine)})
    return out


def document_page(doc: Mapping[str, Any], body: str) -> dict[str, Any]:
    """A report's text (``body``) cut into plain runs and marked figures, every figure an anchor to link to;
    made when its page is rendered, so that only one report's segments are held at a time."""
    segments: list[dict[str, Any]] = []
    pos = 0
    indicators = doc["indicators"]
    _shown(doc["facts"])
    for f in doc["facts"]:
        anchor = fact_anchor(f["fact_id"])[1]
        if f["start"] < pos or f["end"] > len(body):  # overlaps the figure before: keep the anchor only
            segments.append({"anchor": anchor, "text": ""})
            continue
        segments.append({"text": body[pos:f["start"]]})
        ind = indicators.get(f["metric_id"], {})
        segments.append({
            "anchor": anchor, "text": body[f["start"]:f["end"]], "fact": f,
            "title": f"{ind.get('name_zh', f['metric_id'])}：{f['mark']}{f['shown']}（{f['role_zh']}）",
            "href": ind.get("href"),
        })
        pos = f["end"]
    segments.append({"text": body[pos:]})
    return {**doc, "segments": segments}


# --- index, search, dictionary, changes --------------------------------------------------------


def coverage(site: Site) -> list[dict[str, Any]]:
    """Per city: departments × report years with the number of facts, and the totals."""
    out = []
    for city in site.cities:
        rows = []
        for d in site.departments:
            counts = [d["counts"].get((city, y), 0) for y in site.years]
            if sum(counts):
                rows.append({"department": d, "counts": counts, "total": sum(counts)})
        totals = [sum(r["counts"][i] for r in rows) for i in range(len(site.years))]
        docs = [d for d in site.documents if d["city"] == city]
        out.append({"city": city, "slug": city_slug(city), "rows": rows, "totals": totals,
                    "total": sum(totals), "documents": docs})
    return out


def search_documents(site: Site) -> list[dict[str, Any]]:
    """What the search box searches: indicators, departments, cities and retired ids."""
    docs: list[dict[str, Any]] = []
    for i in site.indicators:
        docs.append({
            "type": "指标", "title": i["name_zh"], "en": i.get("name_en") or "", "code": i["metric_id"],
            "labels": " ".join(i["labels"]), "department": i["department_name"], "cities": " ".join(i["cities"]),
            "url": i["href"],
        })
    for d in site.departments:
        docs.append({
            "type": "部门", "title": d["name"], "en": "", "code": d["department_id"] or "",
            "labels": " ".join(d["variants"]), "department": d["name"], "cities": "", "url": d["href"],
        })
    for c in coverage(site):
        docs.append({
            "type": "城市", "title": c["city"], "en": c["slug"], "code": "", "labels": "", "department": "",
            "cities": c["city"], "url": f"index.html#city-{c['slug']}",
        })
    by_id = {i["metric_id"]: i for i in site.indicators}
    for a in site.aliases:
        target = by_id.get(a["metric_id"])
        if target is None:
            continue
        docs.append({
            "type": "旧编号", "title": target["name_zh"], "en": "", "code": a["old_metric_id"], "labels": "",
            "department": target["department_name"], "cities": "", "url": target["href"],
        })
    for n, d in enumerate(docs):
        d["id"] = n
    return docs


def dictionary(inputs: ReleaseInputs) -> list[dict[str, Any]]:
    """The tables of datapackage.json with their fields, keys and constraints; then the other files."""
    out = []
    for r in inputs.datapackage.get("resources", []):
        schema = r.get("schema")
        if not schema or "/" in r.get("path", ""):  # per-year extracts repeat their table's schema
            continue
        fields = []
        for f in schema.get("fields", []):
            c = dict(f.get("constraints", {}))
            required = bool(c.pop("required", False))
            fields.append({"name": f["name"], "type": f.get("type", ""), "required": required,
                           "description": f.get("description", ""),
                           "constraints": [(k, c[k]) for k in sorted(c)]})
        fks = [(", ".join(fk["fields"]) if isinstance(fk["fields"], list) else fk["fields"],
                fk["reference"]["resource"],
                ", ".join(fk["reference"]["fields"]) if isinstance(fk["reference"]["fields"], list)
                else fk["reference"]["fields"]) for fk in schema.get("foreignKeys", [])]
        pk = schema.get("primaryKey", [])
        out.append({"name": r["name"], "path": r["path"], "description": r.get("description", ""),
                    "primary_key": pk if isinstance(pk, list) else [pk], "foreign_keys": fks, "fields": fields})
    return out


def other_files(inputs: ReleaseInputs) -> list[dict[str, Any]]:
    return [{"name": r["name"], "path": r["path"], "description": r.get("description", "")}
            for r in inputs.datapackage.get("resources", []) if not r.get("schema")]


def release_changes(inputs: ReleaseInputs, aliases: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """changes.json laid out for reading, each list cut at CHANGES_LIMIT, plus the ids renamed in it (of
    ``aliases``, the release's retired ids)."""
    ch = inputs.changes
    if ch is None:
        return None
    tables = []
    for t in ch.get("tables", []):
        lists = {}
        for key in ("rows_added", "rows_removed", "rows_changed"):
            rows = t.get(key, [])
            lists[key] = {"rows": rows[:CHANGES_LIMIT], "more": max(0, len(rows) - CHANGES_LIMIT)}
        schema = t.get("schema", {})
        tables.append({**t, "lists": lists, "schema_notes": [
            (label, schema.get(k)) for k, label in (
                ("fields_added", "新增字段"), ("fields_removed", "删除字段"), ("type_changed", "类型变化"),
                ("nullable_changed", "可空性变化"), ("description_changed", "说明改写"))
            if schema.get(k)
        ]})
    renamed = [a for a in aliases if a.get("since_version") == inputs.version]
    return {"version": ch.get("version"), "previous_version": ch.get("previous_version"),
            "notes": ch.get("notes"), "summary": ch.get("summary", {}), "tables": tables, "renamed": renamed}
