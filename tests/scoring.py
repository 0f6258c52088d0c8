"""Scoring extracted mentions against gold files, the way ``shared/tools/score_mentions.py`` does.

Predictions and gold are matched greedily one-to-one by the numeral characters their spans
share; optional gold records are neither rewarded nor penalised. The figures are the scorer's
(detect/correct F1, role and label accuracy); ``mismatches`` lists what went wrong, for test
messages and for looking at errors by hand (``python tests/scoring.py tests/corpus/dev``).
"""

from __future__ import annotations

import collections
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

NUMERALS = set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩")
ROOT = Path(__file__).resolve().parent.parent


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _numerals(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(max(start, 0), min(end, len(text))) if text[i] in NUMERALS}


def match(text: str, gold: list[dict], preds: list[dict]) -> list[tuple[int, int]]:
    cand = []
    for gi, g in enumerate(gold):
        gn = _numerals(text, g["start"], g["end"])
        for pi, p in enumerate(preds):
            shared = gn & _numerals(text, p["start"], p["end"])
            if shared:
                cand.append((-len(shared), gi, pi))
    cand.sort()
    pairs, gused, pused = [], set(), set()
    for _, gi, pi in cand:
        if gi in gused or pi in pused:
            continue
        gused.add(gi)
        pused.add(pi)
        pairs.append((gi, pi))
    return pairs


def label_ok(pred: str | None, gold: str | None) -> bool:
    if not pred or not gold:
        return False
    common = sum((collections.Counter(pred) & collections.Counter(gold)).values())
    return common * 2 >= len(gold)


def same_value(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    correct: int = 0
    role: int = 0
    label: int = 0
    period: int = 0
    department: int = 0
    mismatches: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def detect_f1(self) -> float:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return self._f1(p, r)

    @property
    def correct_f1(self) -> float:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return self._f1(p, r)

    @property
    def role_accuracy(self) -> float:
        return self.role / self.matched if self.matched else 0.0

    @property
    def label_accuracy(self) -> float:
        return self.label / self.matched if self.matched else 0.0

    @property
    def period_accuracy(self) -> float:
        """Not scored by the shared scorer, but published: matched mentions whose period is the gold's."""
        return self.period / self.matched if self.matched else 0.0

    @property
    def department_accuracy(self) -> float:
        """Not scored by the shared scorer, but published: matched mentions whose department is the gold's."""
        return self.department / self.matched if self.matched else 0.0

    def summary(self) -> str:
        return (f"detect_f1={self.detect_f1:.4f} correct_f1={self.correct_f1:.4f} "
                f"role={self.role_accuracy:.4f} label={self.label_accuracy:.4f} "
                f"period={self.period_accuracy:.4f} department={self.department_accuracy:.4f} "
                f"(gold {self.gold}, predicted {self.predicted}, matched {self.matched}, correct {self.correct})")


def score_doc(score: Score, doc: str, text: str, gold: list[dict], preds: list[dict]) -> None:
    pairs = match(text, gold, preds)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    optional_p = {pi for gi, pi in pairs if gold[gi].get("optional")}
    score.gold += sum(1 for g in gold if not g.get("optional"))
    score.predicted += sum(1 for pi in range(len(preds)) if pi not in optional_p)
    for gi, pi in pairs:
        g, p = gold[gi], preds[pi]
        if g.get("optional"):
            continue
        score.matched += 1
        ok = (same_value(p.get("value"), g["value"]) and p.get("unit") == g["unit"]
              and p.get("qualifier") == g["qualifier"])
        score.correct += ok
        role_ok = p.get("role", "value") == g.get("role", "value") and p.get("direction") == g.get("direction")
        score.role += role_ok
        lab_ok = label_ok(p.get("label"), g.get("label"))
        score.label += lab_ok
        where = f"{doc}@{g['start']} {g['quantity_text']}"
        if not ok:
            score.mismatches.append(f"wrong   {where}: {p.get('value')} {p.get('unit')} {p.get('qualifier')} "
                                    f"(gold {g['value']} {g['unit']} {g['qualifier']})")
        if not role_ok:
            score.mismatches.append(f"role    {where}: {p.get('role')}/{p.get('direction')} "
                                    f"(gold {g.get('role')}/{g.get('direction')})")
        if not lab_ok:
            score.mismatches.append(f"label   {where}: {p.get('label')!r} (gold {g.get('label')!r})")
        for key in ("period", "department"):
            if p.get(key) == g.get(key):
                setattr(score, key, getattr(score, key) + 1)
            else:
                score.mismatches.append(f"{key:<7} {where}: {p.get(key)!r} (gold {g.get(key)!r})")
    for gi, g in enumerate(gold):
        if gi not in matched_g and not g.get("optional"):
            score.mismatches.append(f"missed  {doc}@{g['start']} {g['quantity_text']}")
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            score.mismatches.append(f"spurious {doc}@{p['start']} {p['quantity_text']}")


def predict(path: Path) -> tuple[str, list[dict]]:
    """The published text of a file and its mentions as ``govmetrics extract`` prints them."""
    from govmetrics.ingest import read_document
    from govmetrics.reading import read_text

    doc = read_document(path, require_metadata=False)
    year = doc.meta.get("report_year")
    _, located = read_text(doc.text, report_year=int(year) if year else None,
                           default_department=doc.meta.get("department"))
    return doc.text, [
        {"doc": path.stem, "start": m.mention.start, "end": m.mention.end,
         "quantity_text": m.mention.quantity_text, "value": m.mention.value, "unit": m.mention.unit,
         "qualifier": m.mention.qualifier, "role": m.mention.role, "direction": m.mention.direction,
         "label": m.mention.label, "period": m.mention.period, "department": m.department,
         "headline": m.headline}
        for m in located
    ]


def score_corpus(gold_path: Path, texts: dict[str, Path]) -> Score:
    """Score the extractor on every document of a gold file; ``texts`` maps doc -> text file."""
    by_doc: dict[str, list[dict]] = collections.defaultdict(list)
    for g in load_jsonl(gold_path):
        by_doc[str(g["doc"])].append(g)
    score = Score()
    for doc in sorted(by_doc):
        text, preds = predict(texts[doc])
        score_doc(score, doc, text, by_doc[doc], preds)
    return score


def corpus_texts(directory: Path) -> dict[str, Path]:
    return {p.stem: p for p in directory.glob("*.txt")}


if __name__ == "__main__":
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "corpus" / "dev"
    result = score_corpus(directory / "gold_mentions.jsonl", corpus_texts(directory))
    print(result.summary())
    for line in result.mismatches:
        print(line)
