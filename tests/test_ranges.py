"""A figure stated as a range keeps both ends and no single value."""

import pandas as pd
import pandera.pandas as pa
import pytest

from govmetrics.ranges import range_ends
from schemas import Metrics


@pytest.mark.parametrize(
    ("text", "unit", "ends"),
    [
        ("1-2项", "项", (1, 2)),
        ("3至5年", "年", (3, 5)),
        ("三至五年", "年", (3, 5)),
        ("2~3个工作日", "个工作日", (2, 3)),
        ("两到三个", "个", (2, 3)),
        ("1.5-2亿元", "元", (150_000_000, 200_000_000)),  # the scale written once applies to both ends
        ("5－10%", "%", (5, 10)),
    ],
)
def test_ranges_give_both_ends_in_base_units(text, unit, ends):
    assert range_ends(text, unit) == ends


@pytest.mark.parametrize(("text", "unit"), [("80%", "%"), ("1.6亿元", "元"), ("5-3个", "个"), ("", None)])
def test_a_single_figure_or_a_reversed_range_is_no_range(text, unit):
    assert range_ends(text, unit) is None


def test_the_model_requires_both_ends_and_no_value(tmp_path):
    from gold import metrics_from_gold
    from pathlib import Path

    row = metrics_from_gold(Path(__file__).parent / "corpus" / "seed" / "gold_mentions.jsonl", city="青岛").head(1)
    ok = row.assign(value=None, value_min=1.0, value_max=2.0)
    Metrics.validate(ok)
    for bad in (row.assign(value_min=1.0, value_max=2.0), row.assign(value=None, value_min=1.0, value_max=None),
                row.assign(value=None, value_min=3.0, value_max=2.0)):
        with pytest.raises(pa.errors.SchemaError, match="range_ends"):
            Metrics.validate(bad)
    assert isinstance(ok, pd.DataFrame)
