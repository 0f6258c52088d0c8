"""The ``metrics`` table: one row per reported fact (the dataset's main table)."""

import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import DIRECTIONS, DOC_ID_PATTERN, METRIC_ID_PATTERN, PERIOD_PATTERN, QUALIFIERS, ROLES


class Metrics(pa.DataFrameModel):
    fact_id: Series[str] = pa.Field(unique=True, description="Stable identifier of the fact: the mention_id of the mention it is read from.")
    metric_id: Series[str] = pa.Field(str_matches=METRIC_ID_PATTERN, description="Stable identifier of the indicator across years (indicators.metric_id): a catalogue id, or a registered automatic id that the next releases keep.")
    indicator_name_zh: Series[str] = pa.Field(nullable=True, description="Name of the indicator in Chinese (indicators.name_zh), so that no join is needed to read it; label is how this report words it.")
    report_year: Series[int] = pa.Field(ge=1990, le=2100, description="Year whose work the report describes.")
    city: Series[str] = pa.Field(description="City whose government published the report.")
    department: Series[str] = pa.Field(nullable=True, description="Reporting department, in Simplified script; empty for a figure in a report's introduction.")
    department_id: Series[str] = pa.Field(nullable=True, description="Stable department identifier from schemas/departments.csv.")
    label: Series[str] = pa.Field(nullable=True, description="Short subject phrase saying what is counted, as the report words it.")
    value: Series[float] = pa.Field(nullable=True, description="Empty when the text states no single figure (a range: see value_min, value_max). The figure in base units (scale words multiplied out; a percentage keeps the number before %). A level or baseline below zero keeps its sign (-0.6 ‰); a change, target or rank is a non-negative magnitude.")
    value_min: Series[float] = pa.Field(nullable=True, description="For a figure stated as a range (1-2项, 3至5年, 1.5-2亿元): its lower end in base units; value is then empty. Empty for every other figure.")
    value_max: Series[float] = pa.Field(nullable=True, description="For a range: its upper end in base units (a scale word written once applies to both ends). Empty for every other figure.")
    unit: Series[str] = pa.Field(nullable=True, description="Unit or measure word (个, 元, %, 百分点, 元/月 …).")
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS, description="exact, approx, nearly, more_than, at_least, at_most or less_than.")
    role: Series[str] = pa.Field(isin=ROLES, description="value, baseline, change, target or rank.")
    direction: Series[str] = pa.Field(nullable=True, isin=DIRECTIONS, description="For a change: up or down.")
    period: Series[str] = pa.Field(nullable=True, str_matches=PERIOD_PATTERN, description="Period the figure covers when the text says so (YYYY, YYYY-MM/YYYY-MM).")
    in_headline: Series[bool] = pa.Field(description="True when the section's headline line states this fact too.")
    n_mentions: Series[int] = pa.Field(ge=1, description="How many mentions state this fact (a headline repeating a body figure makes 2).")
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID_PATTERN, description="Document the fact is read from (documents.doc_id).")
    start: Series[int] = pa.Field(ge=0, description="Offset of the source span in documents.text.")
    end: Series[int] = pa.Field(ge=1, description="Offset just past the source span in documents.text.")
    quantity_text: Series[str] = pa.Field(description="Exact text of the figure in the report.")
    sentence: Series[str] = pa.Field(description="The sentence the figure was read from, at most 200 characters: a longer sentence is cut to the clauses around the figure, each cut end marked with …; documents.text has the whole text.", str_length={"max_value": 200})

    @pa.dataframe_check(description="changes, targets and ranks are non-negative magnitudes")
    def magnitudes_not_negative(cls, df):  # noqa: N805
        return df["role"].isin(["value", "baseline"]) | df["value"].isna() | (df["value"] >= 0)

    @pa.dataframe_check(description="a range has both ends, the lower not above the upper, and no single value")
    def range_ends(cls, df):  # noqa: N805
        lo, hi = df["value_min"], df["value_max"]
        given = lo.notna() & hi.notna()
        return (given == (lo.notna() | hi.notna())) & (~given | ((lo <= hi) & df["value"].isna()))

    @pa.dataframe_check(description="direction is given for changes and only for changes")
    def direction_for_changes(cls, df):  # noqa: N805
        return (df["role"] == "change") == df["direction"].notna()

    class Config:
        name = "metrics"
        description = "One row per reported fact: department, indicator, value, unit, qualifier, role, period and source span."
        strict = True
        coerce = True
        metadata = {
            "primary_key": ["fact_id"],
            "foreign_keys": [
                {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}},
                {"fields": ["metric_id"], "reference": {"resource": "indicators", "fields": ["metric_id"]}},
            ],
            "sort_by": ["report_year", "doc_id", "start"],
        }
