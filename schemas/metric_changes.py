"""The ``metric_changes`` table: each indicator's figure set against its previous figure."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from schemas.vocabularies import DIRECTIONS, METRIC_ID_PATTERN, PERIOD_PATTERN, QUALIFIERS

COMPARED_ROLES = ["value", "change", "target", "rank"]
PREVIOUS_SOURCES = ["previous_report", "in_text_baseline", "implied_by_change", "both"]
CONFLICT_SOURCES = ["in_text_baseline", "implied_by_change"]
# Flags that stop a comparison (no change is computed) come first; the last one only informs.
BLOCKING_FLAGS = ["unit_mismatch", "period_mismatch", "multiple_values"]
FLAGS = [*BLOCKING_FLAGS, "baseline_period_unknown"]
FACT_ID_PATTERN = r"^[0-9a-f]{16}:\d+-\d+$"


class MetricChanges(pa.DataFrameModel):
    city: Series[str] = pa.Field(str_length={"min_value": 1}, description="City whose reports are compared (one city's reports are only compared with each other).")
    metric_id: Series[str] = pa.Field(str_matches=METRIC_ID_PATTERN, description="Indicator compared (indicators.metric_id): a catalogue id such as civil_affairs.registered_volunteers, or a registered automatic id.")
    role: Series[str] = pa.Field(isin=COMPARED_ROLES, description="What the figures are: a level (value), a stated change, a target or a rank; only figures of one role are compared.")
    department: Series[str] = pa.Field(nullable=True, description="Reporting department this year, in Simplified script; empty for a figure in a report's introduction.")
    department_id: Series[str] = pa.Field(nullable=True, description="Stable department identifier from schemas/departments.csv.")
    label: Series[str] = pa.Field(nullable=True, description="The indicator as this year's report words it.")
    unit: Series[str] = pa.Field(str_length={"min_value": 1}, description="Unit of this year's figure (个, 元, %, 百分点 …); figures without a unit are not compared.")
    year: Series[int] = pa.Field(ge=1990, le=2100, description="Report year of this year's figure.")
    value: Series[float] = pa.Field(description="This year's figure in base units, as printed (a change keeps its positive magnitude; see direction).")
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS, description="Qualifier of this year's figure: exact, approx, nearly, more_than, at_least, at_most or less_than.")
    direction: Series[str] = pa.Field(nullable=True, isin=DIRECTIONS, description="For a change: up or down.")
    period: Series[str] = pa.Field(nullable=True, str_matches=PERIOD_PATTERN, description="Period this year's figure covers when the text says so.")
    fact_id: Series[str] = pa.Field(str_matches=FACT_ID_PATTERN, description="Fact this year's figure is read from (metrics.fact_id): find the sentence there.")
    previous_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1990, le=2100, description="Year of the previous figure: the previous report's year, or the year the in-text baseline names (去年 -> year - 1); empty when the text does not say.")
    previous_label: Series[str] = pa.Field(nullable=True, description="The indicator as the previous figure's source words it (shows label drift between years).")
    previous_value: Series[float] = pa.Field(description="The previous figure in base units: the previous report's when there is one, else the in-text baseline.")
    previous_qualifier: Series[str] = pa.Field(isin=QUALIFIERS, description="Qualifier of previous_value.")
    previous_direction: Series[str] = pa.Field(nullable=True, isin=DIRECTIONS, description="For a change: the direction of the previous change.")
    previous_period: Series[str] = pa.Field(nullable=True, str_matches=PERIOD_PATTERN, description="Period the previous figure covers when its text says so.")
    previous_source: Series[str] = pa.Field(isin=PREVIOUS_SOURCES, description="Where the previous figure comes from: previous_report (an earlier report's own figure), in_text_baseline (this year's text, e.g. 由去年的60%提升至70%), implied_by_change (worked out from a change this year's text states against last year, e.g. 7起，同比减少2起 -> 9), or both (the previous report and this year's text both give the same year a figure).")
    previous_report_value: Series[float] = pa.Field(nullable=True, description="The figure the previous report printed, when there is one.")
    previous_report_fact_id: Series[str] = pa.Field(nullable=True, str_matches=FACT_ID_PATTERN, description="Fact of the previous report's figure (metrics.fact_id).")
    in_text_baseline_value: Series[float] = pa.Field(nullable=True, description="The earlier figure this year's text states beside the new one (the from-value of a from->to pair), when there is one.")
    in_text_baseline_fact_id: Series[str] = pa.Field(nullable=True, str_matches=FACT_ID_PATTERN, description="Fact of the in-text baseline (metrics.fact_id, role baseline).")
    implied_previous_value: Series[float] = pa.Field(nullable=True, description="Last year's figure as a change this year's text states against last year implies it: value - amount (up) or value + amount (down) in the same unit, value / (1 ± p/100) for a percentage p; empty when the text states no such change.")
    implied_previous_min: Series[float] = pa.Field(nullable=True, description="Lowest value of last year's figure that the printed figures allow, their rounding and qualifiers included (implied_previous_value lies between min and max).")
    implied_previous_max: Series[float] = pa.Field(nullable=True, description="Highest value of last year's figure that the printed figures allow (INF when a qualifier such as 以上 leaves it open).")
    implied_by_fact_id: Series[str] = pa.Field(nullable=True, str_matches=FACT_ID_PATTERN, description="Fact of the stated change that implies last year's figure (metrics.fact_id).")
    absolute_change: Series[float] = pa.Field(nullable=True, description="value - previous_value in the unit (percentage points for %; signed by direction for changes; for ranks, negative is a better place); empty when not comparable.")
    percent_change: Series[float] = pa.Field(nullable=True, description="Relative change in % of previous_value, for levels and targets; empty for changes, ranks, a previous value of 0, or when not comparable.")
    conflict: Series[bool] = pa.Field(description="True when the previous report and this year's text give the same year different figures beyond what their printed precision and qualifiers allow (an in-text baseline, or the value a stated change implies); both figures are in the row.")
    conflict_with: Series[str] = pa.Field(nullable=True, isin=CONFLICT_SOURCES, description="For a conflict: which figure of this year's text disagrees with the previous report (in_text_baseline or implied_by_change).")
    approximate: Series[bool] = pa.Field(description="True when either compared figure is qualified (约, 近, 余, 以上 …): the change is only indicative.")
    comparable: Series[bool] = pa.Field(description="False when the figures must not be compared (see flag); the change columns are then empty.")
    link_evidence: Series[str] = pa.Field(nullable=True, description="Why this year's figure and the previous report's are taken for one indicator, as + joined words: catalogue (the catalogue names both), stated_change (the change this year's text states implies the previous report's figure), same_label (the same measure once scene words such as 发生, 各类, 全年 are taken off and the script is folded), similar_label (measures alike enough, and no other candidate), registry (linked by an earlier release and kept); empty without a previous report.")
    link_score: Series[float] = pa.Field(nullable=True, in_range={"min_value": 0, "max_value": 1}, description="Confidence of the link: 1 for catalogue, stated_change and same_label, else the similarity of the two measures; empty without a previous report.")
    flag: Series[str] = pa.Field(nullable=True, isin=FLAGS, description="Why to be careful: unit_mismatch (units not one for one), period_mismatch (different spans of the year, e.g. 1-10月份 vs 前三季度), multiple_values (the indicator has several figures in one year), baseline_period_unknown (the text does not say which year its baseline is); empty when none applies.")

    @pa.dataframe_check(description="previous_year is before year")
    def previous_before(cls, df):  # noqa: N805
        return df["previous_year"].isna() | (df["previous_year"] < df["year"])

    @pa.dataframe_check(description="previous_report_value is given exactly when previous_source is previous_report or both")
    def report_source(cls, df):  # noqa: N805
        return df["previous_source"].isin(["previous_report", "both"]) == df["previous_report_value"].notna()

    @pa.dataframe_check(description="in_text_baseline_value is given for in_text_baseline, implied_previous_value for implied_by_change, and one of them for both")
    def baseline_source(cls, df):  # noqa: N805
        source = df["previous_source"]
        text, implied = df["in_text_baseline_value"].notna(), df["implied_previous_value"].notna()
        return (
            ((source != "in_text_baseline") | text)
            & ((source != "implied_by_change") | implied)
            & ((source != "both") | text | implied)
        )

    @pa.dataframe_check(description="a conflict needs both a previous report and a figure of this year's text, and says which")
    def conflict_needs_both(cls, df):  # noqa: N805
        return (~df["conflict"] | (df["previous_source"] == "both")) & (df["conflict"] == df["conflict_with"].notna())

    @pa.dataframe_check(description="link_evidence and link_score are given exactly when there is a previous report")
    def link_with_report(cls, df):  # noqa: N805
        report = df["previous_report_value"].notna()
        return (report == df["link_evidence"].notna()) & (report == df["link_score"].notna())

    @pa.dataframe_check(description="implied_previous_value lies between implied_previous_min and implied_previous_max")
    def implied_interval(cls, df):  # noqa: N805
        v = df["implied_previous_value"]
        lo, hi = df["implied_previous_min"], df["implied_previous_max"]
        inside = (lo <= v * (1 + 1e-9) + 1e-9) & (v <= hi * (1 + 1e-9) + 1e-9)
        return v.isna() | inside

    @pa.dataframe_check(description="absolute_change is given exactly when the row is comparable")
    def change_when_comparable(cls, df):  # noqa: N805
        return df["comparable"] == df["absolute_change"].notna()

    @pa.dataframe_check(description="a row with a blocking flag (unit_mismatch, period_mismatch, multiple_values) is not comparable")
    def blocking_flags(cls, df):  # noqa: N805
        return ~(df["flag"].isin(BLOCKING_FLAGS) & df["comparable"])

    class Config:
        name = "metric_changes"
        description = "Year-over-year comparison: each indicator's figure beside its previous figure (from the previous report, the baseline stated in this year's text, or both), with the change, conflicts and flags."
        strict = True
        coerce = True
        unique = ["city", "metric_id", "role", "unit", "year"]
        metadata = {
            "primary_key": ["city", "metric_id", "role", "unit", "year"],
            "foreign_keys": [
                {"fields": ["metric_id"], "reference": {"resource": "indicators", "fields": ["metric_id"]}},
                {"fields": ["fact_id"], "reference": {"resource": "metrics", "fields": ["fact_id"]}},
                {"fields": ["previous_report_fact_id"], "reference": {"resource": "metrics", "fields": ["fact_id"]}},
                {"fields": ["in_text_baseline_fact_id"], "reference": {"resource": "metrics", "fields": ["fact_id"]}},
                {"fields": ["implied_by_fact_id"], "reference": {"resource": "metrics", "fields": ["fact_id"]}},
            ],
            "sort_by": ["city", "department_id", "metric_id", "role", "unit", "year"],
            # The release's per-report-year extracts split this table on ``year``.
            "report_year_column": "year",
        }
