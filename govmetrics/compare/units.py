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
