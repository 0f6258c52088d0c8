"""The ``mentions`` table: every number in a report that states a measured fact."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import DIRECTIONS, DOC_ID_PATTERN, PERIOD_PATTERN, QUALIFIERS, ROLES


class Mentions(pa.DataFrameModel):
    mention_id: Series[str] = pa.Field(unique=True, description="Stable mention identifier: doc_id and the span's offsets (doc_id:start-end).")
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID_PATTERN, description="Document the mention is in (documents.doc_id).")
    section_id: Series[str] = pa.Field(description="Section the mention is in (sections.section_id).")
    report_year: Series[int] = pa.Field(ge=1990, le=2100, description="Year whose work the report describes.")
    city: Series[str] = pa.Field(description="City whose government published the report.")
    department: Series[str] = pa.Field(nullable=True, description="Reporting department of the section, in Simplified script; empty in an introduction.")
    department_id: Series[str] = pa.Field(nullable=True, description="Stable department identifier (sections.department_id).")
    label: Series[str] = pa.Field(nullable=True, description="Short subject phrase from the sentence saying what is counted.")
    value: Series[float] = pa.Field(nullable=True, description="The number in base units: scale words multiplied out (8万 = 80000, 1.6亿元 = 160000000 元); a percentage keeps the number before %. A level or baseline below zero keeps its sign (-0.6 ‰); a change, target or rank is a non-negative magnitude.")
    unit: Series[str] = pa.Field(nullable=True, description="Unit or measure word after the scale is taken out (个, 元, %, 百分点, 元/月 …); empty when the text writes none.")
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS, description="How the text bounds the number: exact, approx (约), nearly (近), more_than (余/超), at_least (以上), at_most (不超过), less_than (不足).")
    role: Series[str] = pa.Field(isin=ROLES, description="What the number is: a value (level, total, share), the baseline of a from-to pair, a stated change, a target or cap, or a rank.")
    direction: Series[str] = pa.Field(nullable=True, isin=DIRECTIONS, description="For a change: up or down. The value stays the positive magnitude as written.")
    period: Series[str] = pa.Field(nullable=True, str_matches=PERIOD_PATTERN, description="Period the figure covers when the text says so: YYYY, YYYY-MM/YYYY-MM or YYYY/YYYY.")
    headline: Series[bool] = pa.Field(description="True for a figure in a section's headline line (it usually repeats a body figure).")
    quantity_text: Series[str] = pa.Field(str_length={"min_value": 1}, description="Exact text of the mention: qualifier words, number, scale word and unit.")
    start: Series[int] = pa.Field(ge=0, description="Offset of quantity_text in documents.text (Python string index).")
    end: Series[int] = pa.Field(ge=1, description="Offset just past quantity_text in documents.text.")
    sentence: Series[str] = pa.Field(description="The sentence the mention was read from, at most 200 characters: a longer sentence is cut to the clauses around the figure, each cut end marked with …; documents.text has the whole text.", str_length={"max_value": 200})

    @pa.dataframe_check(description="end is after start")
    def span_order(cls, df):  # noqa: N805
        return df["end"] > df["start"]

    @pa.dataframe_check(description="changes, targets and ranks are non-negative magnitudes")
    def magnitudes_not_negative(cls, df):  # noqa: N805
        return df["role"].isin(["value", "baseline"]) | df["value"].isna() | (df["value"] >= 0)

    @pa.dataframe_check(description="direction is given for changes and only for changes")
    def direction_for_changes(cls, df):  # noqa: N805
        return (df["role"] == "change") == df["direction"].notna()

    class Config:
        name = "mentions"
        description = "Every number in a report that states a measured fact, with its reading and its place in the text."
        strict = True
        coerce = True
        metadata = {
            "primary_key": ["mention_id"],
            "foreign_keys": [
                {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}},
                {"fields": ["section_id"], "reference": {"resource": "sections", "fields": ["section_id"]}},
            ],
            "sort_by": ["report_year", "doc_id", "start"],
        }
