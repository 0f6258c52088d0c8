"""Department names: finding them in heading lines and mapping their variants to stable ids.

Reports name the same department in several ways (市人社局 / 市人力资源社会保障局 /
市人力资源和社会保障局, in either script). The checked-in reference table in ``schemas/`` is the
one place that knows them; a name it does not know still gets a stable id derived from the name.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from govmetrics.textnorm import fold_width, to_simplified

# A department heading starts with an administrative prefix and ends its name with one of these
# suffixes. Longer suffixes come first so that 委员会 wins over 委 and 办公室 over 办.
_SUFFIXES = ("委员会", "办公厅", "办公室", "管理中心", "服务中心", "中心", "局", "委", "办", "厅", "院", "署")
_GENERIC = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,6}?[市区县州盟旗])(?:[\u4e00-\u9fff]{1,16}?)(?:" + "|".join(_SUFFIXES) + r")"
)


@dataclass(frozen=True, slots=True)
class Department:
    department_id: str
    name_zh: str
    name_en: str | None
    known: bool


@lru_cache(maxsize=1)
def reference_table() -> tuple[dict[str, str], ...]:
    """The checked-in department reference table (``schemas/departments.csv``)."""
    with resources.files("schemas").joinpath("departments.csv").open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


@lru_cache(maxsize=1)
def _variants() -> tuple[tuple[str, dict[str, str]], ...]:
    pairs = []
    for row in reference_table():
        for variant in {row["name_zh"], *row["variants"].split("|")}:
            if variant:
                pairs.append((variant, row))
    # Longest first: 市人力资源社会保障局 must win over 人社局-like fragments.
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def canonical_text(name: str) -> str:
    return to_simplified(fold_width(name)).strip()


def find_department(line: str) -> str | None:
    """The department name a heading line starts with, as written, or ``None``."""
    reading = canonical_text(line)
    for variant, _row in _variants():
        if variant.startswith("市") and reading.startswith(variant):
            return line.strip()[: len(variant)]
    match = _GENERIC.match(reading)
    if match:
        return line.strip()[: match.end()]
    return None


def resolve(name: str) -> Department:
    """The stable identity of a department name as written (any variant, either script)."""
    reading = canonical_text(name)
    for variant, row in _variants():
        if reading == variant:
            return Department(row["department_id"], row["name_zh"], row["name_en"], True)
    digest = hashlib.sha256(reading.encode("utf-8")).hexdigest()[:10]
    return Department(f"dept_{digest}", reading, None, False)
