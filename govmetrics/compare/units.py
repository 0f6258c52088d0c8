"""Which units measure the same thing, and which only measure the same kind of thing.

Two levels matter for a comparison across years:

- *equivalent* units count the same thing one for one (人 and 名 are both persons; 个, 所, 家 and 项
  are all measure words for a count of discrete things), so their figures compare directly;
- *compatible* units (the same *family*) can describe the same indicator but not on the same scale
  (人 vs 人次, 元 vs 元/月, % vs ‰, 分钟 vs 小时). A catalogue indicator accepts any unit of its family,
  so that a figure reported in another unit is still recognised as the same indicator, and the
  comparison is then flagged ``unit_mismatch`` instead of being computed.

The tables are data: a unit no table knows is its own class and its own family.
"""

from __future__ import annotations

from functools import lru_cache

from govmetrics.textnorm import fold_width, to_simplified

# Equivalence classes: the first unit of each tuple is the class name used in identifiers.
EQUIVALENT: tuple[tuple[str, ...], ...] = (
    ("人", "名", "位"),
    (
        "个", "所", "家", "处", "座", "项", "件", "支", "张", "台", "套", "辆", "块", "条", "场", "次",
        "宗", "起", "批", "间", "栋", "幢", "卷", "册", "本", "只", "头", "艘", "架", "部", "篇", "种",
        "门", "株", "棵", "盏", "根", "口", "眼", "期", "届", "轮", "家次", "场次", "批次", "户次",
    ),
    ("天", "日"),
    ("公里", "千米"),
    ("千克", "公斤"),
)

# Families: units that may state the same indicator on different scales (compared only when equivalent).
FAMILIES: dict[str, tuple[str, ...]] = {
    "persons": ("人", "名", "人次", "位"),
    "money": ("元", "元/月", "元/年", "元/人", "元/平方米", "元/吨"),
    "ratio": ("%", "‰", "百分点", "倍"),
    "time": ("秒", "分钟", "小时", "天", "日", "个工作日", "工作日", "周", "月", "年"),
    "length": ("米", "公里", "千米"),
    "area": ("平方米", "亩", "公顷", "平方公里"),
    "mass": ("克", "千克", "公斤", "吨"),
}

# A stated change may be written as a share (增长9.7%), in points (提高0.22个百分点) or as a multiple,
# whatever the unit of the level it changes.
CHANGE_UNITS: frozenset[str] = frozenset({"%", "百分点", "倍"})

# Ranks are written 第3位 / 第一位 (位) and sometimes 第3名 (名).
RANK_UNITS: frozenset[str] = frozenset({"位", "名"})


def _build_class_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for group in EQUIVALENT:
        for unit in group:
            index[unit] = group[0]
    return index


def _build_family_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for family, units in FAMILIES.items():
        for unit in units:
            index[unit] = family
    # Every measure word of a count is one family too: they only differ in what they count.
    for unit in EQUIVALENT[1]:
        index.setdefault(unit, "count")
    return index


_CLASS = _build_class_index()
_FAMILY = _build_family_index()


@lru_cache(maxsize=8192)  # a build asks about the same few hundred units millions of times
def canonical_unit(unit: str | None) -> str | None:
    """The unit as the tables spell it (Simplified, half width, no spaces)."""
    if unit is None or unit != unit:  # None or NaN
        return None
    text = to_simplified(fold_width(str(unit))).replace(" ", "")
    return text or None


def unit_class(unit: str | None) -> str | None:
    """Name of the equivalence class: figures of one class compare one for one."""
    u = canonical_unit(unit)
    if u is None:
        return None
    return _CLASS.get(u, u)


def unit_family(unit: str | None) -> str | None:
    """Name of the family: units that may state the same indicator."""
    u = canonical_unit(unit)
    if u is None:
        return None
    return _FAMILY.get(u, u)


def equivalent(a: str | None, b: str | None) -> bool:
    ca, cb = unit_class(a), unit_class(b)
    return ca is not None and ca == cb


def compatible(a: str | None, b: str | None) -> bool:
    fa, fb = unit_family(a), unit_family(b)
    return fa is not None and fa == fb


@lru_cache(maxsize=8192)  # catalogue matching asks it of every variant of a department, for every label
def fits_indicator(fact_unit: str | None, role: str, indicator_unit: str) -> bool:
    """Whether a figure of this unit and role can be a reading of an indicator kept in ``indicator_unit``.

    Rank indicators are kept in 位 and accept only ranks; every other indicator accepts levels,
    baselines and targets of its family, and changes of its family or written as %, 百分点 or 倍.
    """
    unit = canonical_unit(fact_unit)
    if unit is None:
        return False
    if indicator_unit == "位":
        return role == "rank" and unit in RANK_UNITS
    if role == "rank":
        return False
    if role == "change" and unit in CHANGE_UNITS:
        return True
    return compatible(unit, indicator_unit)


# The unit in English, for the indicators table. A measure word of a count says what kind of thing is
# counted, which English says with a noun.
UNIT_EN: dict[str, str] = {
    "人": "persons", "名": "persons", "位": "place", "人次": "person-times", "户": "households", "户次": "household-times",
    "个": "items", "所": "schools or institutions", "家": "organisations or enterprises", "处": "sites", "座": "buildings or structures",
    "项": "items", "件": "cases or items", "支": "teams", "张": "beds or sheets", "台": "machines", "套": "units (dwellings or sets)",
    "辆": "vehicles", "块": "plots or pieces", "条": "lines or items", "场": "events", "次": "times", "宗": "cases or parcels",
    "起": "incidents", "批": "batches", "间": "rooms", "栋": "buildings", "幢": "buildings", "卷": "case files",
    "册": "volumes", "本": "volumes", "只": "animals or items", "头": "head (livestock)", "艘": "vessels", "架": "aircraft",
    "部": "units", "篇": "articles", "种": "kinds", "门": "courses", "株": "plants", "棵": "trees", "盏": "lamps",
    "根": "poles", "口": "wells", "眼": "wells", "期": "sessions", "届": "editions", "轮": "rounds", "家次": "organisation-times",
    "场次": "events", "批次": "batches", "对": "couples", "条次": "times",
    "元": "yuan (CNY)", "美元": "US dollars", "元/月": "yuan per month", "元/年": "yuan per year", "元/人": "yuan per person",
    "元/平方米": "yuan per square metre", "元/吨": "yuan per tonne",
    "%": "percent", "‰": "per mille", "百分点": "percentage points", "倍": "times (multiple)", "/10万": "per 100,000",
    "秒": "seconds", "分钟": "minutes", "小时": "hours", "天": "days", "日": "days", "个工作日": "working days",
    "工作日": "working days", "周": "weeks", "月": "months", "年": "years", "岁": "years of age",
    "米": "metres", "公里": "kilometres", "千米": "kilometres", "平方米": "square metres", "亩": "mu (1/15 hectare)",
    "公顷": "hectares", "平方公里": "square kilometres", "克": "grams", "千克": "kilograms", "公斤": "kilograms",
    "吨": "tonnes", "微克/立方米": "micrograms per cubic metre", "分": "points (score)",
}


def unit_en(unit: str | None) -> str | None:
    """The unit in English, or ``None`` for a unit the table does not know."""
    u = canonical_unit(unit)
    return UNIT_EN.get(u) if u else None
