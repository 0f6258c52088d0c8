"""Giving every fact of a build its final metric_id, and the ``indicators`` and ``metric_id_aliases`` tables.

The per-year ``metrics`` tables carry provisional ids (the catalogue's, else the readable form of the
wording); only with every year and the previous release at hand can ids be made stable:

1. *assign*: each wording (department, normalized label, unit) takes the catalogue's indicator when the
   catalogue names it; else the id the registry published it with; else the id the same figure was
   published with (the extractor may word a figure better from one release to the next); else a new
   readable id (``slugs.mint``). Two figures of one sentence with different units never share an id;
2. *link*: indicators reworded from one year to the next are joined (``linking.link_years``), so both
   years share one id; the link then persists through the registry;
3. *indicators*: one row per id, named by the catalogue or by the wording of its latest facts, and
   a row kept (with no facts) for every indicator an earlier release published and none states now;
4. *aliases*: every id an earlier release published that is no longer an indicator points at the one
   its facts carry now; earlier aliases are kept, re-pointed when their target moved on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from govmetrics.compare.catalogue import Catalogue, load_catalogue
from govmetrics.compare.labels import clean_label
from govmetrics.compare.registry import EMPTY, LEGACY_ID, Alias, LabelKey, Registry, label_key
from govmetrics.compare.slugs import AUTO, mint
from govmetrics.compare.units import CHANGE_UNITS, canonical_unit, unit_en
from schemas import Indicators, Metrics, MetricIdAliases

INDICATOR_COLUMNS = list(Indicators.to_schema().columns)
ALIAS_COLUMNS = list(MetricIdAliases.to_schema().columns)

# Words that make an uncatalogued indicator a flow (what was done in the period) or a stock (what
# stands at its end); a unit of a share is a rate, a multiple or a quantity per another a ratio.
FLOW_WORDS = ("新增", "新建", "新招", "新认定", "全年", "发放", "办理", "受理", "完成", "举办", "开展", "接待", "募集",
              "调解", "救助", "培训", "出动", "发生", "查处", "检查", "帮助", "推动", "促成", "遴选", "追回", "挽回")
STOCK_WORDS = ("累计", "总数", "现有", "拥有", "注册", "登记在册", "在孵", "保有", "存量", "余额")


@dataclass
class Identified:
    """The build's metrics with final ids, and the two tables that make the ids usable."""

    metrics: pd.DataFrame
    indicators: pd.DataFrame
    aliases: pd.DataFrame
    links: list = field(default_factory=list)  # linking.Link, for measurement


def _text(v: object) -> str | None:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return str(v) or None


def _key(row: object) -> LabelKey:
    dept, norm, _cls = label_key(row.department_id, row.label, row.unit, row.role)  # type: ignore[attr-defined]
    return (dept, norm, canonical_unit(_text(row.unit)))  # type: ignore[attr-defined]


def assign_ids(metrics: pd.DataFrame, registry: Registry = EMPTY, catalogue: Catalogue | None = None) -> list[str]:
    """The metric_id of every row of ``metrics`` (in row order), before linking across years."""
    catalogue = catalogue or load_catalogue()
    rows = list(metrics.itertuples(index=False))
    ids: list[str | None] = [None] * len(rows)

    # 1. The catalogue names the indicator. A match depends on these four fields alone, and a collection
    # repeats the same wordings in every city and year: each distinct one is matched once.
    matched: dict[tuple[str | None, ...], str | None] = {}
    for i, r in enumerate(rows):
        fields = (_text(r.department_id), _text(r.label), _text(r.unit), _text(r.role) or "value")
        if fields not in matched:
            found = catalogue.match(*fields)
            matched[fields] = found.indicator.metric_id if found is not None else None
        ids[i] = matched[fields]
    _split_sentence_sharers(rows, ids, catalogue)

    # 2-4. Wordings the catalogue does not know: one id per wording (department, normalized label, unit).
    pending: dict[LabelKey, list[int]] = {}
    for i, r in enumerate(rows):
        if ids[i] is None:
            pending.setdefault(_key(r), []).append(i)
    usable = _usable_registry_id(catalogue)
    taken: set[str] = set(registry.published) | set(registry.indicators) | {i.metric_id for i in catalogue.indicators}
    claimed: set[str] = set()
    chosen: dict[LabelKey, str] = {}
    for key in sorted(pending, key=_sort_key):
        by_label = _registry_label(registry, key)
        if by_label is not None and usable(by_label):
            chosen[key] = by_label
            claimed.add(by_label)
    for key in sorted(pending, key=_sort_key):
        if key in chosen:
            continue
        published = Counter(
            m for i in pending[key] if (m := registry.fact_ids.get(str(rows[i].fact_id))) is not None and usable(m)
        )
        for m, _n in sorted(published.items(), key=lambda kv: (-kv[1], kv[0])):
            if m not in claimed:  # one figure's old id goes to one wording only
                chosen[key] = m
                claimed.add(m)
                break
    # A change written as a share (同比增长5%) names the level of the same wording.
    levels: dict[tuple, set[str]] = {}
    for key, m in chosen.items():
        if key[2] not in CHANGE_UNITS:
            levels.setdefault(key[:2], set()).add(m)
    for key in sorted(pending, key=_sort_key):
        if key in chosen:
            continue
        if key[2] in CHANGE_UNITS and all(_text(rows[i].role) == "change" for i in pending[key]):
            same = levels.get(key[:2], set())
            if len(same) == 1:
                chosen[key] = next(iter(same))
                continue
        new = mint(key[0], key[1], lambda c: c in taken or c in claimed)
        chosen[key] = new
        claimed.add(new)
        if key[2] not in CHANGE_UNITS:
            levels.setdefault(key[:2], set()).add(new)
    for key, members in pending.items():
        for i in members:
            ids[i] = chosen[key]
    return [str(m) for m in ids]


def _sort_key(key: LabelKey) -> tuple:
    return tuple("" if v is None else v for v in key)


def _registry_label(registry: Registry, key: LabelKey) -> str | None:
    from govmetrics.compare.units import unit_class

    return registry.labels.get((key[0], key[1], unit_class(key[2])))


def _usable_registry_id(catalogue: Catalogue):
    """A published id a wording may keep: not a catalogue id (the catalogue decides those) nor a hashed one."""

    def usable(metric_id: str) -> bool:
        return catalogue.get(metric_id) is None and not LEGACY_ID.match(metric_id)

    return usable


def _split_sentence_sharers(rows: list, ids: list[str | None], catalogue: Catalogue) -> None:
    """Two figures of one sentence in different units are two quantities: only the one in the indicator's
    own unit keeps a catalogue id (12个部门 and 28项救助事项 are not one indicator)."""
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(rows):
        if ids[i] is not None:
            groups.setdefault((str(r.doc_id), _text(r.sentence), ids[i], _text(r.role)), []).append(i)
    for (_doc, _sentence, metric_id, _role), members in groups.items():
        units = {canonical_unit(_text(rows[i].unit)) for i in members}
        if len(units) < 2:
            continue
        own = catalogue.get(str(metric_id))
        keep = own.unit if own is not None and own.unit in units else canonical_unit(_text(rows[min(members, key=lambda i: int(rows[i].start))].unit))
        for i in members:
            if canonical_unit(_text(rows[i].unit)) != keep:
                ids[i] = None


def _names(metrics: pd.DataFrame, catalogue: Catalogue) -> dict[str, str]:
    """Each id's Chinese name: the catalogue's, else the label its latest value facts carry most often."""
    names: dict[str, str] = {}
    order = metrics.assign(_level=(metrics["role"] == "value").astype(int)).sort_values(
        ["_level", "report_year", "doc_id", "start"], ascending=[False, False, True, True], kind="stable"
    )
    counts: dict[str, Counter] = {}
    latest: dict[str, int] = {}
    for r in order.itertuples(index=False):
        m = str(r.metric_id)
        ind = catalogue.get(m)
        if ind is not None:
            names[m] = ind.name_zh
            continue
        label = clean_label(_text(r.label)) or None
        if label is None:
            continue
        year = int(r.report_year)
        if m not in latest:
            latest[m] = year
        if year == latest[m]:
            counts.setdefault(m, Counter())[label] += 1
    for m, c in counts.items():
        names.setdefault(m, sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
    return names


def _kind(name: str, unit: str | None, role: str | None) -> str | None:
    if role == "rank" or unit == "位":
        return "rank"
    if unit in ("%", "‰", "/10万"):
        return "rate"
    if unit == "倍" or (unit and "/" in unit):
        return "ratio"
    if any(w in name for w in STOCK_WORDS):
        return "stock"
    if any(name.startswith(w) or w in name for w in FLOW_WORDS):
        return "flow"
    return None


def indicators_table(metrics: pd.DataFrame, catalogue: Catalogue, retired: Iterable[dict] = ()) -> pd.DataFrame:
    """One row per id of ``metrics`` (final ids), plus the ``retired`` rows of ids no fact carries now."""
    names = _names(metrics, catalogue)
    rows: dict[str, dict] = {}
    for m, group in metrics.groupby("metric_id", sort=True):
        m = str(m)
        ind = catalogue.get(m)
        years = group["report_year"].astype(int)
        units = [u for u in (canonical_unit(_text(u)) for u in group.sort_values("report_year")["unit"]) if u]
        level_units = [canonical_unit(_text(u)) for u, r in zip(group["unit"], group["role"], strict=True) if r != "change" and _text(u)]
        unit = ind.unit if ind is not None else (Counter(level_units or units).most_common(1)[0][0] if (level_units or units) else None)
        name = names.get(m) or m
        depts = group["department_id"].dropna()
        roles = set(group["role"].dropna())
        rows[m] = {
            "metric_id": m,
            "name_zh": name,
            "name_en": ind.name_en if ind is not None else None,
            "department_id": ind.department_id if ind is not None else (str(depts.iloc[0]) if len(depts) else None),
            "unit": unit,
            "unit_en": unit_en(unit),
            "kind": (ind.kind if ind is not None and ind.kind else _kind(name, unit, "rank" if roles == {"rank"} else None)),
            "definition": _definition(ind) if ind is not None else None,
            "in_catalogue": ind is not None,
            "first_year": int(years.min()),
            "last_year": int(years.max()),
            "n_facts": len(group),
        }
    for row in retired:
        m = str(row["metric_id"])
        if m in rows:
            continue
        ind = catalogue.get(m)
        unit = ind.unit if ind is not None else _text(row.get("unit"))
        rows[m] = {
            "metric_id": m,
            "name_zh": ind.name_zh if ind is not None else (_text(row.get("name_zh")) or m),
            "name_en": ind.name_en if ind is not None else _text(row.get("name_en")),
            "department_id": ind.department_id if ind is not None else _text(row.get("department_id")),
            "unit": unit,
            "unit_en": unit_en(unit),
            "kind": ind.kind if ind is not None else _text(row.get("kind")),
            "definition": _definition(ind) if ind is not None else _text(row.get("definition")),
            "in_catalogue": ind is not None,
            "first_year": None,
            "last_year": None,
            "n_facts": 0,
        }
    frame = pd.DataFrame(list(rows.values()), columns=INDICATOR_COLUMNS)
    frame["first_year"] = frame["first_year"].astype("Int64")
    frame["last_year"] = frame["last_year"].astype("Int64")
    frame["n_facts"] = frame["n_facts"].astype("int64")
    frame["in_catalogue"] = frame["in_catalogue"].astype("bool")
    return frame.sort_values(["department_id", "metric_id"], na_position="last", kind="stable").reset_index(drop=True)


def _definition(ind: object) -> str | None:
    zh, en = getattr(ind, "definition_zh", None), getattr(ind, "definition_en", None)
    if zh and en:
        return f"{zh} | {en}"
    return zh or en


def aliases_table(
    metrics: pd.DataFrame,
    registry: Registry,
    catalogue: Catalogue,
    *,
    version: str,
    merged: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, list[dict]]:
    """The alias rows of this build, and the registry's indicators that stay as indicators with no facts.

    ``merged`` maps an id that linking joined into another to the id it joined (reason ``linked``).
    """
    merged = merged or {}
    current = set(metrics["metric_id"].astype(str))
    fact_now = dict(zip(metrics["fact_id"].astype(str), metrics["metric_id"].astype(str), strict=True))
    key_now: dict[tuple, Counter] = {}
    for r in metrics.itertuples(index=False):
        dept, norm, cls = label_key(r.department_id, r.label, r.unit, r.role)
        key_now.setdefault((dept, norm, cls), Counter())[str(r.metric_id)] += 1

    def successor(old: str) -> str | None:
        if old in merged:
            return merged[old]
        votes = Counter(fact_now[f] for f in registry.facts_of(old) if f in fact_now)
        if not votes:
            for key in registry.keys_of(old):
                votes.update(key_now.get(key, Counter()))
        if not votes:
            return None
        return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    retired: dict[str, dict] = {}
    aliases: dict[str, Alias] = {}
    for old in sorted(registry.published | set(registry.aliases) | set(registry.indicators)):
        if old in current:
            continue
        earlier = registry.aliases.get(old)
        target = earlier.metric_id if earlier is not None else successor(old)
        # Follow the target to where it is now (it may itself have moved on in this build).
        seen = {old}
        while target is not None and target not in current and target not in seen:
            seen.add(target)
            nxt = registry.aliases.get(target)
            target = nxt.metric_id if nxt is not None else successor(target)
        if target is None or target not in current:
            retired[old] = registry.indicators.get(old) or {"metric_id": old, "name_zh": old}
            continue
        if earlier is not None:
            aliases[old] = Alias(target, earlier.since_version, earlier.reason)
            continue
        if old in merged:
            reason = "linked"
        elif catalogue.get(target) is not None and catalogue.get(old) is None:
            reason = "catalogue"
        elif LEGACY_ID.match(old) and target.split(".", 1)[-1].startswith(AUTO):
            reason = "readable_id"
        else:
            reason = "relabelled"
        aliases[old] = Alias(target, version, reason)
    frame = pd.DataFrame(
        [{"old_metric_id": o, "metric_id": a.metric_id, "since_version": a.since_version, "reason": a.reason}
         for o, a in sorted(aliases.items())],
        columns=ALIAS_COLUMNS,
    )
    return frame, [retired[k] for k in sorted(retired)]


def _changes_take_their_level(metrics: pd.DataFrame) -> None:
    """A change stated right after its level (7起，同比减少2起) is a change of that level's indicator."""
    from govmetrics.compare.implied import stated_changes

    if metrics.empty:
        return
    ids = dict(zip(metrics["fact_id"].astype(str), metrics["metric_id"].astype(str), strict=True))
    roles = dict(zip(metrics["fact_id"].astype(str), metrics["role"].astype(str), strict=True))
    new = {sc.change_fact_id: ids[level] for level, sc in stated_changes(metrics).items() if roles.get(sc.change_fact_id) == "change"}
    if new:
        facts = metrics["fact_id"].astype(str)
        metrics["metric_id"] = [new.get(f, m) for f, m in zip(facts, metrics["metric_id"].astype(str), strict=True)]


def identify(
    metrics: pd.DataFrame,
    registry: Registry = EMPTY,
    *,
    version: str,
    catalogue: Catalogue | None = None,
    link: bool = True,
) -> Identified:
    """Final ids for every year's facts, with the indicators and alias tables of the release ``version``."""
    from govmetrics.compare.linking import apply_links, link_years

    catalogue = catalogue or load_catalogue()
    out = metrics.copy()
    for column in ("indicator_name_zh", "value_min", "value_max"):  # absent from tables of older releases
        if column not in out.columns:
            out[column] = None
    out["metric_id"] = pd.Series(assign_ids(out, registry, catalogue) if len(out) else [], index=out.index, dtype="str")
    links, merged = [], {}
    if link and len(out):
        links = link_years(out, catalogue)
        out, merged = apply_links(out, links, catalogue, registry)
    _changes_take_their_level(out)
    names = _names(out, catalogue) if len(out) else {}
    out["indicator_name_zh"] = [names.get(str(m)) for m in out["metric_id"]]
    out = out[list(Metrics.to_schema().columns)]
    aliases, retired = aliases_table(out, registry, catalogue, version=version, merged=merged)
    indicators = indicators_table(out, catalogue, retired)
    return Identified(out, indicators, aliases, links)


REASON_TEXT = {
    "catalogue": "the catalogue now names the indicator",
    "readable_id": "an id hashed from the wording is replaced by a readable one",
    "linked": "linked with the same indicator of another year, worded otherwise",
    "relabelled": "its figures are read under another label now",
}


def id_changes_markdown(aliases: pd.DataFrame, version: str) -> str:
    """The CHANGES.md section listing the ids that became aliases in release ``version``."""
    new = aliases[aliases["since_version"] == version].sort_values("old_metric_id")
    if new.empty:
        return ""
    lines = ["## Indicator ids", "",
             f"{len(new)} metric_id(s) published before are aliases from {version} on: a join on an old id "
             "still works through `metric_id_aliases` (old_metric_id → metric_id).", ""]
    for r in new.itertuples(index=False):
        lines.append(f"- `{r.old_metric_id}` → `{r.metric_id}` ({REASON_TEXT.get(r.reason, r.reason)})")
    return "\n".join(lines) + "\n"
