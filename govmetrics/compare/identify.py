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


def assign_ids(metrics: pd.DataFrame, registry: Registry = EMPTY, catalogue: Catalogue | None = None) -> list[str]:
    """The metric_id of every row of ``metrics`` (in row order), before linking across years."""
    catalogue = catalogue or load_catalogue()
    cols = {c: metrics[c].tolist() for c in ("department_id", "label", "unit", "role", "fact_id", "doc_id", "sentence", "start")}
    n = len(metrics)
    ids: list[str | None] = [None] * n

    # 1. The catalogue names the indicator. A match depends on these four fields alone, and a collection
    # repeats the same wordings in every city and year: each distinct one is matched, and keyed, once.
    wordings = list(zip(cols["department_id"], cols["label"], cols["unit"], cols["role"], strict=True))
    matched: dict[tuple[str | None, ...], str | None] = {}
    match_of: dict[tuple, str | None] = {}
    for w in wordings:
        if w not in match_of:
            dept, label, unit, role = w
            fields = (_text(dept), _text(label), _text(unit), _text(role) or "value")
            if fields not in matched:
                found = catalogue.match(*fields)
                matched[fields] = found.indicator.metric_id if found is not None else None
            match_of[w] = matched[fields]
    for i, w in enumerate(wordings):
        ids[i] = match_of[w]
    units = _canonical_units(cols["unit"])
    roles = [_text(r) for r in cols["role"]]
    _split_sentence_sharers(cols, units, roles, ids, catalogue)

    # 2-4. Wordings the catalogue does not know: one id per wording (department, normalized label, unit).
    key_of: dict[tuple, LabelKey] = {}
    pending: dict[LabelKey, list[int]] = {}
    for i, w in enumerate(wordings):
        if ids[i] is None:
            key = key_of.get(w)
            if key is None:
                dept, norm, _cls = label_key(*w)
                key = key_of[w] = (dept, norm, units[i])
            pending.setdefault(key, []).append(i)
    fact_ids = cols["fact_id"]
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
            m for i in pending[key] if (m := registry.fact_ids.get(str(fact_ids[i]))) is not None and usable(m)
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
        if key[2] in CHANGE_UNITS and all(roles[i] == "change" for i in pending[key]):
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


def _canonical_units(values: list) -> list[str | None]:
    """Each value's canonical unit, worked out once per distinct value (a collection has a few hundred)."""
    memo: dict[object, str | None] = {}
    out = []
    for u in values:
        if u not in memo:
            memo[u] = canonical_unit(_text(u))
        out.append(memo[u])
    return out


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


def _split_sentence_sharers(cols: dict[str, list], units: list[str | None], roles: list[str | None],
                            ids: list[str | None], catalogue: Catalogue) -> None:
    """Two figures of one sentence in different units are two quantities: only the one in the indicator's
    own unit keeps a catalogue id (12个部门 and 28项救助事项 are not one indicator)."""
    doc_ids, sentences, starts = cols["doc_id"], cols["sentence"], cols["start"]
    groups: dict[tuple, list[int]] = {}
    for i, (m, doc, sentence, role) in enumerate(zip(ids, doc_ids, sentences, roles, strict=True)):
        if m is not None:
            groups.setdefault((str(doc), _text(sentence), m, role), []).append(i)
    for (_doc, _sentence, metric_id, _role), members in groups.items():
        group_units = {units[i] for i in members}
        if len(group_units) < 2:
            continue
        own = catalogue.get(str(metric_id))
        keep = own.unit if own is not None and own.unit in group_units else units[min(members, key=lambda i: int(starts[i]))]
        for i in members:
            if units[i] != keep:
                ids[i] = None


def _names(metrics: pd.DataFrame, catalogue: Catalogue) -> dict[str, str]:
    """Each id's Chinese name: the catalogue's, else the label its latest value facts carry most often."""
    names: dict[str, str] = {}
    keys = metrics[["report_year", "doc_id", "start"]].reset_index(drop=True)
    keys.insert(0, "_level", (metrics["role"] == "value").astype(int).to_numpy())
    order = keys.sort_values(
        ["_level", "report_year", "doc_id", "start"], ascending=[False, False, True, True], kind="stable"
    ).index.tolist()
    ids = [str(m) for m in metrics["metric_id"].tolist()]
    labels, years = metrics["label"].tolist(), metrics["report_year"].tolist()
    in_catalogue: dict[str, object] = {}
    cleaned: dict[object, str | None] = {}
    counts: dict[str, Counter] = {}
    latest: dict[str, int] = {}
    for i in order:
        m = ids[i]
        if m not in in_catalogue:
            in_catalogue[m] = catalogue.get(m)
        ind = in_catalogue[m]
        if ind is not None:
            names[m] = ind.name_zh  # type: ignore[attr-defined]
            continue
        raw = labels[i]
        if raw not in cleaned:  # a collection repeats the same wordings in every city and year
            cleaned[raw] = clean_label(_text(raw)) or None
        label = cleaned[raw]
        if label is None:
            continue
        year = int(years[i])
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


def indicators_table(
    metrics: pd.DataFrame, catalogue: Catalogue, retired: Iterable[dict] = (), names: dict[str, str] | None = None
) -> pd.DataFrame:
    """One row per id of ``metrics`` (final ids), plus the ``retired`` rows of ids no fact carries now.

    ``names`` are the ids' names when already worked out (``_names`` of the same facts).
    """
    names = _names(metrics, catalogue) if names is None else names
    rows: dict[str, dict] = {}
    # One pass over the rows, each id's rows in row order (as a group of the ids would have them).
    ids, years_, units_, roles_ = (metrics[c].tolist() for c in ("metric_id", "report_year", "unit", "role"))
    depts_ = metrics["department_id"].tolist()
    id_missing = metrics["metric_id"].isna().tolist()
    dept_missing = metrics["department_id"].isna().tolist()
    role_missing = metrics["role"].isna().tolist()
    canonical = _canonical_units(units_)
    groups: dict[object, list[int]] = {}
    for i, m in enumerate(ids):
        if not id_missing[i]:
            groups.setdefault(m, []).append(i)
    for raw_id in sorted(groups):
        members = groups[raw_id]
        m = str(raw_id)
        ind = catalogue.get(m)
        years = [int(years_[i]) for i in members]
        level_units = [canonical[i] for i in members if roles_[i] != "change" and _text(units_[i])]
        if ind is not None:
            unit = ind.unit
        elif level_units:
            unit = Counter(level_units).most_common(1)[0][0]
        else:  # no level: the units of every fact, by year (the order decides a tie)
            group = metrics.iloc[members]
            units = [u for u in (canonical_unit(_text(u)) for u in group.sort_values("report_year")["unit"]) if u]
            unit = Counter(units).most_common(1)[0][0] if units else None
        name = names.get(m) or m
        dept = next((depts_[i] for i in members if not dept_missing[i]), None)
        roles = {roles_[i] for i in members if not role_missing[i]}
        rows[m] = {
            "metric_id": m,
            "name_zh": name,
            "name_en": ind.name_en if ind is not None else None,
            "department_id": ind.department_id if ind is not None else (str(dept) if dept is not None else None),
            "unit": unit,
            "unit_en": unit_en(unit),
            "kind": (ind.kind if ind is not None and ind.kind else _kind(name, unit, "rank" if roles == {"rank"} else None)),
            "definition": _definition(ind) if ind is not None else None,
            "in_catalogue": ind is not None,
            "first_year": min(years),
            "last_year": max(years),
            "n_facts": len(members),
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
    ids = metrics["metric_id"].astype(str).tolist()
    current = set(ids)
    fact_now = dict(zip(metrics["fact_id"].astype(str).tolist(), ids, strict=True))
    key_now: dict[tuple, Counter] = {}

    def now_by_key() -> dict[tuple, Counter]:
        """The ids each wording carries now, worked out when first needed, each distinct wording keyed once."""
        if not key_now and len(metrics):
            key_of: dict[tuple, tuple] = {}
            wordings = zip(*(metrics[c].tolist() for c in ("department_id", "label", "unit", "role")), strict=True)
            for w, m in zip(wordings, ids, strict=True):
                key = key_of.get(w)
                if key is None:
                    key = key_of[w] = label_key(*w)
                key_now.setdefault(key, Counter())[m] += 1
        return key_now

    def successor(old: str) -> str | None:
        if old in merged:
            return merged[old]
        votes = Counter(fact_now[f] for f in registry.facts_of(old) if f in fact_now)
        if not votes:
            for key in registry.keys_of(old):
                votes.update(now_by_key().get(key, Counter()))
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


def _changes_take_their_level(metrics: pd.DataFrame, changes: dict | None = None) -> None:
    """A change stated right after its level (7起，同比减少2起) is a change of that level's indicator.

    ``changes`` are ``implied.stated_changes`` of these facts when already worked out (they do not
    depend on the ids).
    """
    from govmetrics.compare.implied import stated_changes

    if metrics.empty:
        return
    facts = metrics["fact_id"].astype(str).tolist()
    current = metrics["metric_id"].astype(str).tolist()
    ids = dict(zip(facts, current, strict=True))
    roles = dict(zip(facts, metrics["role"].astype(str).tolist(), strict=True))
    changes = stated_changes(metrics) if changes is None else changes
    new = {sc.change_fact_id: ids[level] for level, sc in changes.items() if roles.get(sc.change_fact_id) == "change"}
    if new:
        metrics["metric_id"] = [new.get(f, m) for f, m in zip(facts, current, strict=True)]


def identify(
    metrics: pd.DataFrame,
    registry: Registry = EMPTY,
    *,
    version: str,
    catalogue: Catalogue | None = None,
    link: bool = True,
) -> Identified:
    """Final ids for every year's facts, with the indicators and alias tables of the release ``version``."""
    from govmetrics.compare.implied import stated_changes
    from govmetrics.compare.linking import apply_links, link_years

    catalogue = catalogue or load_catalogue()
    out = metrics.copy()
    for column in ("indicator_name_zh", "value_min", "value_max"):  # absent from tables of older releases
        if column not in out.columns:
            out[column] = None
    out["metric_id"] = pd.Series(assign_ids(out, registry, catalogue) if len(out) else [], index=out.index, dtype="str")
    links, merged = [], {}
    changes = None
    if link and len(out):
        changes = stated_changes(out)  # read once: linking and the changes' ids both use them
        links = link_years(out, catalogue, changes=changes)
        out, merged = apply_links(out, links, catalogue, registry)
    _changes_take_their_level(out, changes)
    names = _names(out, catalogue) if len(out) else {}
    out["indicator_name_zh"] = [names.get(str(m)) for m in out["metric_id"].tolist()]
    out = out[list(Metrics.to_schema().columns)]
    aliases, retired = aliases_table(out, registry, catalogue, version=version, merged=merged)
    indicators = indicators_table(out, catalogue, retired, names=names if len(out) else None)
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
