"""The checked-in catalogue of recurring indicators, and matching a source label against it.

``schemas/metric_catalogue.csv`` lists each indicator once: its stable ``metric_id``, the department
that reports it, its Chinese and English names, the unit it is kept in and the label variants reports
use for it. A label is matched within its own department, in three steps:

1. *variant*: its normalized form equals a normalized variant of an indicator whose unit fits;
2. *similar*: otherwise the best-scoring variant of an indicator whose unit fits, when the score
   (``similarity.similarity``) reaches ``SIMILARITY_THRESHOLD`` — ties go to the indicator whose unit
   is equivalent to the figure's, then to the higher score, then to the smaller ``metric_id``;
3. *clauses*: otherwise steps 1-2 for each clause of a label that runs two together
   (``labels.clauses``: 家庭经济困难学生 | 各类资助资金), the best match of any clause winning; the
   unit decides which clause a figure belongs to (5.1万名 -> the students, 1.3亿元 -> the funds);
4. otherwise steps 1-2 for the label without a quoted programme name (“12348热线+人民调解”调解案件 ->
   调解案件): a programme's name says who does the work, not what is counted;
5. otherwise no match: the caller falls back to the automatic identifier.

Among candidates, an indicator kept in the figure's own unit wins over one kept in an equivalent unit
(12个 departments and 28项 services of one sentence are two indicators), then a variant over a similar
label.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from govmetrics.compare.labels import clauses, clean_label, normalize_label, without_quoted_names
from govmetrics.compare.similarity import SIMILARITY_THRESHOLD, similarity
from govmetrics.compare.units import canonical_unit, equivalent, fits_indicator

CATALOGUE_COLUMNS = (
    "metric_id", "department_id", "name_zh", "name_en", "unit", "kind", "definition_zh", "definition_en", "label_variants",
)


@dataclass(frozen=True, slots=True)
class Indicator:
    metric_id: str
    department_id: str
    name_zh: str
    name_en: str
    unit: str
    variants: tuple[str, ...]  # as written in the catalogue, name_zh first
    kind: str | None = None  # stock, flow, rate, ratio or rank
    definition_zh: str | None = None
    definition_en: str | None = None

    @property
    def role(self) -> str:
        """The role whose normalization rules the variants follow (a 位 indicator is a ranking)."""
        return "rank" if self.unit == "位" else "value"

    @property
    def normalized_variants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalize_label(v, self.role) for v in self.variants))


@dataclass(frozen=True, slots=True)
class CatalogueMatch:
    indicator: Indicator
    match: str  # "variant", "similar" or "clause"
    score: float
    variant: str  # the catalogue variant (as written) that matched


class Catalogue:
    """Indicators indexed by department, for matching labels."""

    def __init__(self, indicators: list[Indicator]):
        self.indicators = tuple(indicators)
        self._by_id = {ind.metric_id: ind for ind in self.indicators}
        self._by_department: dict[str, list[tuple[Indicator, str, str]]] = {}
        for ind in self.indicators:
            seen: set[str] = set()
            for variant in ind.variants:
                key = normalize_label(variant, ind.role)
                if key in seen:
                    continue
                seen.add(key)
                self._by_department.setdefault(ind.department_id, []).append((ind, variant, key))

    def __len__(self) -> int:
        return len(self.indicators)

    def get(self, metric_id: str) -> Indicator | None:
        return self._by_id.get(metric_id)

    def match(self, department_id: str | None, label: str | None, unit: str | None, role: str = "value") -> CatalogueMatch | None:
        """The catalogue indicator a label names, or ``None`` when none fits well enough."""
        if not department_id:
            return None
        found = self._match_one(department_id, normalize_label(label, role), canonical_unit(unit), role)
        if found is not None:
            return found
        unquoted = without_quoted_names(label)
        if unquoted != clean_label(label):
            found = self._match_one(department_id, normalize_label(unquoted, role), canonical_unit(unit), role)
            if found is not None:
                return found
        pieces = clauses(label)
        if len(pieces) < 2:
            return None
        candidates = [self._match_one(department_id, normalize_label(p, role), canonical_unit(unit), role) for p in pieces]
        scored = [c for c in candidates if c is not None]
        if not scored:
            return None
        best = max(scored, key=lambda c: (c.match == "variant", c.score))
        return CatalogueMatch(best.indicator, "clause", best.score, best.variant)

    def _match_one(self, department_id: str, key: str, unit: str | None, role: str) -> CatalogueMatch | None:
        if not key:
            return None
        best: tuple[tuple, CatalogueMatch] | None = None
        for ind, variant, vkey in self._by_department.get(department_id, ()):
            if not fits_indicator(unit, role, ind.unit):
                continue
            if vkey == key:
                kind, score = "variant", 1.0
            else:
                score = similarity(key, vkey)
                if score < SIMILARITY_THRESHOLD:
                    continue
                kind = "similar"
            # The figure's own unit first: 12个 and 28项 of one sentence are the departments and the
            # services, whatever the label; then a variant over a similar label.
            rank = (unit == ind.unit, kind == "variant", equivalent(unit, ind.unit), round(score, 9), _neg(ind.metric_id))
            if best is None or rank > best[0]:
                best = (rank, CatalogueMatch(ind, kind, score, variant))
        return best[1] if best else None


def _neg(text: str) -> tuple[int, ...]:
    # Ranks sort high-is-better; negating the code points makes the smaller metric_id win a tie.
    return tuple(-ord(c) for c in text)


def _parse(rows: list[dict[str, str]]) -> list[Indicator]:
    out = []
    for row in rows:
        variants = [row["name_zh"], *(v for v in row["label_variants"].split("|") if v)]
        out.append(
            Indicator(
                metric_id=row["metric_id"],
                department_id=row["department_id"],
                name_zh=row["name_zh"],
                name_en=row["name_en"],
                unit=canonical_unit(row["unit"]) or row["unit"],
                variants=tuple(dict.fromkeys(variants)),
                kind=row.get("kind") or None,
                definition_zh=row.get("definition_zh") or None,
                definition_en=row.get("definition_en") or None,
            )
        )
    return out


def catalogue_rows() -> list[dict[str, str]]:
    """The rows of ``schemas/metric_catalogue.csv`` as written."""
    with resources.files("schemas").joinpath("metric_catalogue.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The checked-in catalogue (read once per process)."""
    return Catalogue(_parse(catalogue_rows()))
