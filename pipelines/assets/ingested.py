"""Ingest layer: raw report files of one report year become documents or quarantine records."""

from dagster import AssetExecutionContext, AssetOut, Output, multi_asset

from govmetrics.raw_year import ingest_year
from govmetrics.tables import documents_frame, rejected_frame
from pipelines.checks import schema_check_spec, validate
from pipelines.partitions import report_year_partitions
from pipelines.resources import ProjectPaths
from schemas import Documents, DocumentsRejected


@multi_asset(
    outs={
        "documents": AssetOut(description=Documents.Config.description, group_name="ingested"),
        "documents_rejected": AssetOut(description=DocumentsRejected.Config.description, group_name="ingested"),
    },
    partitions_def=report_year_partitions,
    check_specs=[schema_check_spec("documents"), schema_check_spec("documents_rejected")],
)
def ingested_documents(context: AssetExecutionContext, paths: ProjectPaths):
    """Read every raw file of the partition's year; a file that cannot be read is quarantined, not fatal."""
    year = int(context.partition_key)
    ingested = ingest_year(paths.raw, year)
    documents, documents_check = validate(Documents, documents_frame(ingested.documents), "documents")
    rejected, rejected_check = validate(DocumentsRejected, rejected_frame(ingested.rejected), "documents_rejected")
    for rejection in ingested.rejected:
        context.log.warning(f"quarantined {rejection.source_file}: {rejection.reason}: {rejection.detail}")
    yield Output(documents, output_name="documents", metadata={"rows": len(documents)})
    yield documents_check
    yield Output(rejected, output_name="documents_rejected", metadata={"rows": len(rejected)})
    yield rejected_check
