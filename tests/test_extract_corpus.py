"""Scores on the corpora, through the same path as ``govmetrics extract`` (ingest, normalize, segment, extract).

The seed is a real report and must stay exact; the constructed dev corpus has floors. Scoring
matches the shared scorer (see ``tests/scoring.py``).
"""

from pathlib import Path

import pytest
from scoring import corpus_texts, predict, score_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def test_seed_report_is_read_exactly():
    texts = {"qingdao-sanmin-2022": ROOT / "raw" / "2022" / "qingdao-sanmin-2022.txt"}
    score = score_corpus(CORPUS / "seed" / "gold_mentions.jsonl", texts)
    problems = [m for m in score.mismatches if not m.startswith("label")]
    assert score.correct_f1 == 1.0 and score.role_accuracy == 1.0, (score.summary(), problems)
    assert score.label_accuracy >= 0.9, score.summary()


def test_dev_corpus_floors():
    score = score_corpus(CORPUS / "dev" / "gold_mentions.jsonl", corpus_texts(CORPUS / "dev"))
    detail = (score.summary(), score.mismatches[:20])
    assert score.correct_f1 >= 0.97, detail
    assert score.detect_f1 >= 0.98, detail
    assert score.role_accuracy >= 0.95, detail
    assert score.label_accuracy >= 0.85, detail
    assert score.period_accuracy >= 0.99 and score.department_accuracy >= 0.99, detail


# Held-out corpora: constructed texts of cities, departments and kinds the rules were not written on
# at first. Their error classes were fixed with general rules since, so these floors guard what was
# reached; an unseen corpus is what measures generalization.
#   holdout   five reports from three cities (三民 reports, a one-department summary, a 政府工作报告
#             abstract, a noisy news repost, a Traditional text);
#   holdout2  six texts of other kinds (district summary, statistical bulletin, noisy repost, mid-year
#             note, Traditional repost, 三民 report). Periods and departments are not floored: the
#             texts carry no metadata header and the gold writes 全年 periods, unlike the dev gold;
#   holdout3  five 三民 reports of departments the other corpora lack. Detection stays below 1.0: the
#             two optional 首位 ranks hold no numeral character, so the scorer cannot pair them;
#   holdout4  seven texts of kinds the others lack (budget proposal in Traditional script, 统计公报
#             with national and provincial comparisons, government work report with its plan, Macau
#             release in Chinese numerals, noisy repost, mid-year summary, 三民 report). Its first-sight
#             scores are in its README; the floors are what the rules reach now.
HOLDOUT_FLOORS = {
    "holdout": {"correct_f1": 0.998, "detect_f1": 0.998, "role_accuracy": 0.997, "label_accuracy": 0.997,
                "period_accuracy": 0.997, "department_accuracy": 0.997},
    "holdout2": {"correct_f1": 0.997, "detect_f1": 0.997, "role_accuracy": 0.997, "label_accuracy": 0.994},
    "holdout3": {"correct_f1": 0.997, "detect_f1": 0.997, "role_accuracy": 0.997, "label_accuracy": 0.997,
                 "period_accuracy": 0.997, "department_accuracy": 0.997},
    "holdout4": {"correct_f1": 0.998, "detect_f1": 0.999, "role_accuracy": 0.982, "label_accuracy": 0.961},
}


@pytest.mark.parametrize("corpus", sorted(HOLDOUT_FLOORS))
def test_holdout_corpus_floors(corpus):
    floors = HOLDOUT_FLOORS[corpus]
    score = score_corpus(CORPUS / corpus / "gold_mentions.jsonl", corpus_texts(CORPUS / corpus))
    below = {name: getattr(score, name) for name, floor in floors.items() if getattr(score, name) < floor}
    assert not below, (score.summary(), below, score.mismatches[:20])


@pytest.mark.parametrize(
    "variant", ["hc-sanmin-2022.traditional.txt", "hc-sanmin-2022.gb18030.txt", "hc-sanmin-2022.html"]
)
def test_variants_of_a_report_give_the_same_metrics(variant):
    def metrics(path):
        _, mentions = predict(path)
        return [(m["department"], m["value"], m["unit"], m["qualifier"], m["role"], m["direction"], m["period"])
                for m in mentions]

    assert metrics(CORPUS / "dev" / variant) == metrics(CORPUS / "dev" / "hc-sanmin-2022.txt")


GLOSSES = {"万": "wàn", "亿": "yì", "个": "gè", "元": "yuán", "人": "rén", "家": "jiā", "件": "jiàn", "所": "suǒ"}


def _repost(text: str, seed: int, traditional: bool) -> str:
    """The kind of damage a repost does: breaks and blanks inside figures, pinyin glosses, script."""
    import random

    import opencc

    rnd = random.Random(seed)
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch.isdigit() and nxt in "万亿元个人家件所项%" and rnd.random() < 0.3:
            out.append(rnd.choice(["\n", " ", "  "]))
        elif ch in "达为约近超" and nxt.isdigit() and rnd.random() < 0.5:
            out.append(" ")
        elif ch in GLOSSES and rnd.random() < 0.3:
            out.append(f"({GLOSSES[ch]})")
    noisy = "".join(out)
    return opencc.OpenCC("s2t").convert(noisy) if traditional else noisy


@pytest.mark.parametrize("traditional", [False, True])
@pytest.mark.parametrize("path, year", [
    (ROOT / "raw" / "2022" / "qingdao-sanmin-2022.txt", 2022),
    (CORPUS / "dev" / "hc-sanmin-2023.txt", 2023),
])
def test_a_noisy_repost_reads_the_same_as_the_clean_text(path, year, traditional):
    from govmetrics.reading import read_text

    def metrics(text):
        _, located = read_text(text, report_year=year)
        return [(m.department, m.mention.value, m.mention.unit, m.mention.qualifier, m.mention.role,
                 m.mention.direction, m.mention.period) for m in located]

    text = path.read_text(encoding="utf-8")
    noisy = _repost(text, seed=7, traditional=traditional)
    assert noisy != text
    assert metrics(noisy) == metrics(text)


_PAIRS = {"“": "”", "‘": "’", "《": "》", "(": ")", "（": "）", "[": "]", "【": "】"}


def _paired(label: str) -> bool:
    open_ = []
    for ch in label:
        if ch in _PAIRS:
            open_.append(_PAIRS[ch])
        elif ch in _PAIRS.values() and (not open_ or open_.pop() != ch):
            return False
    return not open_


@pytest.mark.parametrize("corpus", ["seed", "dev", "holdout", "holdout2", "holdout3"])
def test_every_label_of_a_corpus_is_short_and_keeps_its_quotes_and_brackets_paired(corpus):
    """A label reads on its own in a table: no quote or bracket left open or closed alone, and no
    longer than the longest label (24 characters)."""
    for path in sorted(corpus_texts(CORPUS / corpus).values()):
        _, preds = predict(path)
        for p in preds:
            assert _paired(p["label"]), (path.name, p["quantity_text"], p["label"])
            assert 2 <= len(p["label"]) <= 24, (path.name, p["quantity_text"], p["label"])
