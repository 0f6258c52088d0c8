"""Extraction layer: sections, mentions and metrics of one report year's documents."""

import pandas as pd
from dagster import AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetExecutionContext, AssetKey, Output, asset

from govmetrics.departments import unknown_departments
from govmetrics.facts import facts_from_mentions
from govmetrics.reading import read_mentions, read_sections
from govmetrics.spans import span_mismatches
from govmetrics.tables import concat_tables, document_from_row, mentions_frame, sections_frame
from pipelines.checks import schema_check_spec, validate
from pipelines.partitions import report_year_partitions
from schemas import Mentions, Metrics, Sections

@asset(
    partitions_def=report_year_partitions,
    group_name="extracted",
    description=Sections.Config.description,
    check_specs=[
        schema_check_spec("sections"),
        AssetCheckSpec(
            "known_departments",
            asset="sections",
            description="Every department heading maps to schemas/departments.csv (unknown ones get a hashed id).",
        ),
    ],
)
def sections(context: AssetExecutionContext, documents: pd.DataFrame):
    """Split each document into department sections (heading line, headline-figure line, body)."""
    frames = []
    for _, row in documents.iterrows():
        doc = document_from_row(row)
        frames.append(sections_frame(doc, read_sections(doc.text, default_department=doc.meta.get("department"))))
    table = concat_tables(frames, Sections)
    table, check = validate(Sections, table, "sections")
    unknown = [f"{d.name_zh} ({d.department_id})" for d in unknown_departments(table["department"].dropna())]
    yield Output(table, metadata={"rows": len(table), "departments": int(table["department_id"].nunique())})
    yield check
    yield AssetCheckResult(
        asset_key=AssetKey("sections"),
        check_name="known_departments",
        passed=not unknown,
        severity=AssetCheckSeverity.WARN,
        metadata={"unknown_departments": ", ".join(unknown) or "none"},
    )


@asset(
    partitions_def=report_year_partitions,
    group_name="extracted",
    description=Mentions.Config.description,
    check_specs=[
        schema_check_spec("mentions"),
        AssetCheckSpec(
            "spans",
            asset="mentions",
            blocking=True,
            description="Every mention's span slices its document's published text to its quantity_text.",
        ),
    ],
)
def mentions(context: AssetExecutionContext, documents: pd.DataFrame, sections: pd.DataFrame):
    """Every figure of every document, read by the extractor and attributed to its section."""
    frames = []
    for _, row in documents.iterrows():
        doc = document_from_row(row)
        doc_sections = sections[sections["doc_id"] == row["doc_id"]]
        # The stored table names the sections; the headline spans that flag headline figures are not
        # stored, so the sections are read again (a cheap pass) for the extractor.
        doc_sections_read = read_sections(doc.text, default_department=doc.meta.get("department"))
        located = read_mentions(doc.text, doc_sections_read, report_year=doc.meta["report_year"])
        frames.append(mentions_frame(doc, doc_sections, located))
    table = concat_tables(frames, Mentions)
    table, check = validate(Mentions, table, "mentions")
    bad = span_mismatches(table, documents)
    yield Output(table, metadata={"rows": len(table)})
    yield check
    yield AssetCheckResult(
        asset_key=AssetKey("mentions"),
        check_name="spans",
        passed=bad.empty,
        metadata={"mismatches": len(bad), "examples": ", ".join(bad["mention_id"].head(10)) or "none"},
    )


@asset(
    partitions_def=report_year_partitions,
    group_name="extracted",
    description=Metrics.Config.description,
    check_specs=[schema_check_spec("metrics")],
)
def metrics(context: AssetExecutionContext, mentions: pd.DataFrame):
    """One row per reported fact: a headline that repeats a body figure is folded into it."""
    table, check = validate(Metrics, facts_from_mentions(mentions), "metrics")
    yield Output(table, metadata={"rows": len(table), "mentions": len(mentions)})
    yield check
