"""The table models' own rules: what a published row may and may not hold."""

import pandas as pd
import pandera.pandas as pa
import pytest

from schemas import Mentions


def _mention(**changes) -> pd.DataFrame:
    row = {
        "mention_id": "0123456789abcdef:10-17", "doc_id": "0123456789abcdef", "section_id": "0123456789abcdef:s0-90",
        "report_year": 2023, "city": "云州", "department": None, "department_id": None, "label": "人口自然增长率",
        "value": -0.6, "unit": "‰", "qualifier": "exact", "role": "value", "direction": None, "period": "2023",
        "headline": False, "quantity_text": "-0.60‰", "start": 10, "end": 16, "sentence": "人口自然增长率为-0.60‰。",
    }
    row.update(changes)
    return pd.DataFrame([row])


def test_a_level_below_zero_keeps_its_sign():
    assert Mentions.validate(_mention())["value"].iloc[0] == -0.6


@pytest.mark.parametrize("role,direction", [("change", "down"), ("target", None), ("rank", None)])
def test_changes_targets_and_ranks_are_magnitudes(role, direction):
    with pytest.raises(pa.errors.SchemaError, match="magnitudes_not_negative"):
        Mentions.validate(_mention(role=role, direction=direction))


def test_direction_only_on_changes():
    with pytest.raises(pa.errors.SchemaError, match="direction_for_changes"):
        Mentions.validate(_mention(value=0.6, direction="up"))
    with pytest.raises(pa.errors.SchemaError, match="direction_for_changes"):
        Mentions.validate(_mention(value=0.6, role="change"))


def test_spans_run_forward_and_qualifiers_come_from_the_vocabulary():
    with pytest.raises(pa.errors.SchemaError):
        Mentions.validate(_mention(start=16, end=16))
    with pytest.raises(pa.errors.SchemaError):
        Mentions.validate(_mention(qualifier="roughly"))


@pytest.mark.parametrize(
    "value,valid",
    [
        ("2024-05-06", True),
        ("2024-05-06T06:00:12+00:00", True),
        ("2024-05-06T06:00:12.345678+00:00", True),
        ("2024-05-06T14:00:12+08:00", True),
        ("2024-05-06 and later", False),
        ("2024-05-06T06", False),
    ],
)
def test_retrieved_is_a_whole_iso_date_or_date_time(value, valid):
    # The Table Schema pattern exported from this check matches whole values, so it must anchor both ends.
    from schemas import Documents

    column = Documents.to_schema().columns["retrieved"]
    frame = pd.DataFrame({"retrieved": [value]})
    if valid:
        column.validate(frame)
    else:
        with pytest.raises(pa.errors.SchemaError):
            column.validate(frame)
