"""Department names: finding them in heading lines and sentences, and mapping variants to stable ids.

Reports name the same department in several ways (市人社局 / 市人力资源社会保障局 /
市人力资源和社会保障局, with or without the city's name in front, in either script). The checked-in
reference table in ``schemas/`` is the one place that knows them; a name it does not know still gets
a stable id derived from the name, and ``unknown_departments`` lists such names so that a build can
warn about them instead of silently publishing an id nobody can read.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from govmetrics.textnorm import fold_width, to_simplified

# A department heading starts with an administrative prefix and ends its name with one of these
# suffixes. Longer suffixes come first so that 委员会 wins over 委 and 办公室 over 办.
_SUFFIXES = ("委员会", "办公厅", "办公室", "管理中心", "服务中心", "中心", "局", "委", "办", "厅", "院", "署")
# 全市/本区/我县… are "the whole city", and 社区/城区/园区/景区… are places, not administrative prefixes.
_NOT_A_PREFIX = r"(?![全本我该各每][市区县]|[社城园景校小街片辖郊山牧灾老商学矿厂]区|城市)"
#: Words a place name never starts with: the function words and verbs that put a department into a
#: sentence (并请市政协委员…, 会同市人社局…, 根据市政府办公室…). A department is 市/区/县… itself, or a
#: place name of two to six characters before it (海川市, 青岛市市南区); characters that start real
#: place names too (和田, 本溪, 大同, 通州, 合肥) are not listed alone.
NOT_PLACE_STARTS = (
    "并 请 及 与 在 对 把 被 为 是 各 我 该 每 其 等 让 使 给 以 也 还 又 就 已 或 而 但 共 据 按 由 至 到 经由 会同 联合 通过 经过"
    " 协调 组织 牵头 配合 指导 督促 推动 要求 邀请 支持 协助 依托 按照 根据 依据 围绕 同时 积极 主动 持续 深入 加强"
).split()
#: Characters no place name contains at all.
NOT_IN_PLACE_NAMES = "的了请"
_PLACE = (
    r"(?:(?!" + "|".join(sorted(NOT_PLACE_STARTS, key=len, reverse=True)) + r")"
    r"(?:(?![" + NOT_IN_PLACE_NAMES + r"])[\u4e00-\u9fff]){2,6}?)??"  # shortest first, as the level alone
)
# A suffix followed by 员/长 is a person (市政协委员, 局长), not a department.
_NOT_A_PERSON = r"(?![员长])"
_NAME = (
    _NOT_A_PREFIX + _PLACE + r"[市区县州盟旗](?:[\u4e00-\u9fff]{1,16}?)(?:" + "|".join(_SUFFIXES) + r")" + _NOT_A_PERSON
)
_GENERIC = re.compile("^" + _NAME)
# Inside a sentence a name the table does not know only counts at the start of a clause and with a
# bureau-like suffix: 社区服务中心 and 全市新建中心 are no departments.
_GENERIC_IN_SENTENCE = re.compile(
    r"(?:^|(?<=[,，。;；:：、“\"（(\s]))" + _NOT_A_PREFIX + _PLACE + r"[市区县][\u4e00-\u9fff]{1,12}?(?:委员会|办公室|局|委)"
    + _NOT_A_PERSON
)
# 青岛市教育局 is 市教育局 of 青岛: a city name in front of a table name does not make a new department.
_CITY_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,6}?市(?=[\u4e00-\u9fff])")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_OPENING_CHARS = 400


@dataclass(frozen=True, slots=True)
class Department:
    department_id: str
    name_zh: str
    name_en: str | None
    known: bool


@lru_cache(maxsize=1)
def reference_table() -> tuple[dict[str, str], ...]:
    """The checked-in department reference table (``schemas/departments.csv``).

    Found without importing the ``schemas`` package, whose models load pandera: reading a report
    (``govmetrics extract``) needs the table, not the models.
    """
    spec = importlib.util.find_spec("schemas")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the schemas package (with departments.csv) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    with (folder / "departments.csv").open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


@lru_cache(maxsize=1)
def _variants() -> tuple[tuple[str, dict[str, str]], ...]:
    pairs = []
    for row in reference_table():
        for variant in {row["name_zh"], *row["variants"].split("|")}:
            if variant:
                pairs.append((variant, row))
    # Longest first: 市人力资源社会保障局 must win over 人社局-like fragments; then by name, for stability.
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


@lru_cache(maxsize=1)
def _by_variant() -> dict[str, dict[str, str]]:
    return dict(_variants())


@lru_cache(maxsize=1)
def _sentence_pattern() -> re.Pattern[str]:
    names = [variant for variant, _ in _variants() if variant.startswith("市")]
    return re.compile("|".join(map(re.escape, names)))


def canonical_text(name: str) -> str:
    return to_simplified(fold_width(name)).strip()


def find_department(line: str) -> str | None:
    """The department name a heading line starts with, as written, or ``None``."""
    reading = canonical_text(line)
    # One alternation, longest name first, tried where the line starts: the same name a scan of
    # the table would find, at the cost of one regex match per heading line instead of ~200.
    known = _sentence_pattern().match(reading)
    if known:
        return line.strip()[: known.end()]
    match = _GENERIC.match(reading)
    if match:
        return line.strip()[: match.end()]
    return None


def find_department_in(sentence: str) -> str | None:
    """The first department a sentence names anywhere (``2022年,市教育局持续…`` -> ``市教育局``).

    Names from the reference table count wherever they stand; a name the table does not know counts
    only at the start of a clause. Returned as written in ``sentence``.
    """
    reading = to_simplified(fold_width(sentence))
    found = [m for m in (_sentence_pattern().search(reading), _GENERIC_IN_SENTENCE.search(reading)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: (m.start(), -len(m.group())))
    return sentence[first.start() : first.end()]


def department_in_opening(text: str) -> str | None:
    """The department a one-department report is about, from its first sentence.

    Short header lines (a title, an info line) come before it and are read too, so ``市教育局2022年
    工作总结`` as a title counts as well as ``今年以来,市教育局…`` as a first sentence.
    """
    pos = 0
    opening = text[:_OPENING_CHARS]
    while pos < len(opening):
        end_match = _SENTENCE_END.search(opening, pos)
        end = end_match.end() if end_match else len(opening)
        sentence = opening[pos:end]
        if (name := find_department_in(sentence)) is not None:
            return name.strip()
        if sentence.strip() and not sentence.endswith("\n"):
            return None  # the first real sentence names no department
        pos = end
    return None


def resolve(name: str) -> Department:
    """The stable identity of a department name as written (any variant, either script).

    A city name in front (青岛市教育局) is dropped before the lookup. Unknown names get
    ``dept_<first 10 hex digits of the SHA-256 of the Simplified name>``: the same name, the same id
    in every build, so a later addition to the reference table is the only thing that changes it.
    """
    reading = canonical_text(name)
    table = _by_variant()
    candidates = [reading]
    if (prefix := _CITY_PREFIX.match(reading)) is not None:
        candidates.append("市" + reading[prefix.end() :])
    for candidate in candidates:
        row = table.get(candidate)
        if row is not None:
            return Department(row["department_id"], row["name_zh"], row["name_en"], True)
    digest = hashlib.sha256(reading.encode("utf-8")).hexdigest()[:10]
    return Department(f"dept_{digest}", reading, None, False)


def unknown_departments(names: Iterable[str | None]) -> list[Department]:
    """The distinct departments among ``names`` that the reference table does not know, by id.

    The pipeline feeds it the departments of its sections and reports the result as a (non-blocking)
    warning: each one is either a department to add to ``schemas/departments.csv`` or a heading
    mistaken for a department.
    """
    unknown: dict[str, Department] = {}
    for name in names:
        if name:
            department = resolve(name)
            if not department.known:
                unknown.setdefault(department.department_id, department)
    return [unknown[key] for key in sorted(unknown)]
