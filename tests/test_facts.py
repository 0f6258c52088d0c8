"""Folding headline mentions into the body facts they repeat."""

import pandas as pd

from govmetrics.facts import facts_from_mentions
from schemas import Metrics


def _mention(mid: str, start: int, value: float, unit: str, headline: bool, section: str = "d:s0-100", **kw) -> dict:
    row = {
        "mention_id": mid, "doc_id": "0123456789abcdef", "section_id": section, "report_year": 2022,
        "city": "青岛", "department": "市教育局", "department_id": "education", "label": "公办学位",
        "value": value, "unit": unit, "qualifier": "more_than", "role": "value", "direction": None,
        "period": None, "headline": headline, "quantity_text": "8万余个", "start": start, "end": start + 5,
        "sentence": "提供公办学位8万余个。",
    }
    row.update(kw)
    return row


def test_headline_repeating_a_body_figure_is_one_fact():
    mentions = pd.DataFrame([
        _mention("h", 10, 80000.0, "个", True),
        _mention("b1", 50, 40.0, "所", False, label="开工学校"),
        _mention("b2", 60, 80000.0, "个", False),
    ])
    facts = facts_from_mentions(mentions)
    Metrics.validate(facts)
    assert list(facts["fact_id"]) == ["b1", "b2"]
    folded = facts.set_index("fact_id").loc["b2"]
    assert folded["in_headline"] and folded["n_mentions"] == 2
    assert facts.set_index("fact_id").loc["b1", "n_mentions"] == 1
    assert facts["metric_id"].notna().all()


def test_headline_without_a_body_twin_stays_a_fact():
    mentions = pd.DataFrame([
        _mention("h", 10, 10.0, "%", True, label="保障标准", role="change", direction="up"),
        _mention("b", 50, 12.0, "%", False, label="保障标准", role="change", direction="up"),
    ])
    facts = facts_from_mentions(mentions)
    assert sorted(facts["fact_id"]) == ["b", "h"]
    assert facts.set_index("fact_id").loc["h", "in_headline"]


def test_headline_twin_must_be_in_the_same_section():
    mentions = pd.DataFrame([
        _mention("h", 10, 80000.0, "个", True, section="d:s0-100"),
        _mention("b", 150, 80000.0, "个", False, section="d:s100-200"),
    ])
    assert sorted(facts_from_mentions(mentions)["fact_id"]) == ["b", "h"]
