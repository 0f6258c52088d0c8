"""Pandera models of every published table, and the checked-in reference tables beside them.

Each model is the one source of truth for its table: the pipeline validates with it, and the Arrow
schema, ``datapackage.json`` and the data dictionary of every release are generated from it.
"""

from schemas.documents import Documents
from schemas.documents_rejected import DocumentsRejected
from schemas.indicators import Indicators
from schemas.label_crosswalk import LabelCrosswalk
from schemas.mentions import Mentions
from schemas.metric_changes import MetricChanges
from schemas.metric_id_aliases import MetricIdAliases
from schemas.metrics import Metrics
from schemas.sections import Sections

# Published tables, in the order a reader meets them.
TABLES = {
    "metrics": Metrics,
    "metric_changes": MetricChanges,
    "indicators": Indicators,
    "metric_id_aliases": MetricIdAliases,
    "label_crosswalk": LabelCrosswalk,
    "mentions": Mentions,
    "sections": Sections,
    "documents": Documents,
    "documents_rejected": DocumentsRejected,
}

__all__ = [
    "TABLES", "Documents", "DocumentsRejected", "Indicators", "LabelCrosswalk", "Mentions", "MetricChanges",
    "MetricIdAliases", "Metrics", "Sections",
]
