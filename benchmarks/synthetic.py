"""A synthetic raw/ tree of N reports for scale benchmarks, made from the dev corpus with no network.

Each report is one of the dev corpus texts (海川 2021-2023, ``tests/corpus/dev``) with its city
renamed and its digits permuted, filed under ``raw/<year>/`` with a sidecar: the same reports a
collection of many cities would hold, each with figures of its own. The figures are invented, so a
synthetic tree is never built into ``outputs/``.

Reports are numbered; report ``i`` is always the same text, so two trees of N reports are
byte-identical, and the tree of N+1 reports is the tree of N plus one report.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "corpus" / "dev"
YEARS = (2021, 2022, 2023)
_CITIES = [c + "州" for c in "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土东南西北中"]


def _sources() -> dict[int, str]:
    return {y: (DEV / f"hc-sanmin-{y}.txt").read_text(encoding="utf-8") for y in YEARS}


def city_name(i: int) -> str:
    """The city of report ``i``: one city per three consecutive reports (one per year)."""
    city = i // len(YEARS)
    base = _CITIES[city % len(_CITIES)]
    return base + (str(city // len(_CITIES)) if city >= len(_CITIES) else "")


def report(i: int, sources: dict[int, str] | None = None) -> tuple[int, str, str]:
    """(year, text, sidecar) of report ``i``: a dev text renamed to its city, digits permuted by ``i``."""
    sources = sources or _sources()
    year = YEARS[i % len(YEARS)]
    city = city_name(i)
    k = random.Random(i * 7919 + 7).randrange(9)
    text = sources[year].replace("海川", city)
    if k:
        text = text.translate({ord(str(d)): str((d - 1 + k) % 9 + 1) for d in range(1, 10)})
    sidecar = f"city: {city}\nreport_year: {year}\ntitle: {year}“三民”活动\npublisher: {city}日报\npublished: {year}-11-25\n"
    return year, text, sidecar


def report_path(raw: Path, i: int, year: int) -> Path:
    return raw / str(year) / f"r{i:05d}.txt"


def write_report(raw: Path, i: int, sources: dict[int, str] | None = None) -> Path:
    """Write report ``i`` and its sidecar under ``raw``; returns the report's path."""
    year, text, sidecar = report(i, sources)
    path = report_path(raw, i, year)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.with_name(path.stem + ".meta.yml").write_text(sidecar, encoding="utf-8")
    return path


def write_corpus(raw: Path, n: int) -> list[Path]:
    """Write reports 0 … n-1 under ``raw``."""
    sources = _sources()
    return [write_report(raw, i, sources) for i in range(n)]


if __name__ == "__main__":
    import sys

    paths = write_corpus(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"wrote {len(paths)} reports under {sys.argv[1]}")


def write_long_line(raw: Path, chars: int = 300_000, figures: int = 100) -> Path:
    """One report whose body is a single line of ``chars`` characters holding ``figures`` figures.

    A badly converted page looks like this: no line breaks and hardly any sentence punctuation. Its
    cost must stay linear in its length, and each figure's ``sentence`` bounded.
    """
    filler = "推进各项工作落实见效" * ((chars // figures) // 10)
    line = "".join(f"全市新建服务站点{n * 7 % 900 + 10}个，{filler}" for n in range(figures))
    path = raw / "2022" / "long-line.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("2022“三民”活动\n市民政局提升服务水平\n" + line + "。\n", encoding="utf-8")
    path.with_name("long-line.meta.yml").write_text(
        "city: 长州\nreport_year: 2022\ntitle: 2022“三民”活动\npublished: 2022-11-25\n", encoding="utf-8")
    return path
