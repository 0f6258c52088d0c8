"""Reading raw report files into documents: bytes to published text plus metadata."""

from govmetrics.ingest.read import read_document

__all__ = ["read_document"]
