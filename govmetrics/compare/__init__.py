"""Comparing reports across years: stable indicator ids, the label crosswalk and ``metric_changes``.

Plain Python with no pipeline imports. The pipeline calls, in order:

- ``assign_metric_ids(metrics)`` when it builds the metrics table (sets ``metric_id``);
- ``label_crosswalk(metrics)`` for the published crosswalk, and ``fallback_labels(crosswalk)`` for
  the check that lists labels the catalogue does not know;
- ``metric_changes(metrics)`` over all years' metrics for the published comparison table.
"""

from govmetrics.compare.baselines import pair_baselines, unpaired_baselines
from govmetrics.compare.catalogue import Catalogue, load_catalogue
from govmetrics.compare.changes import metric_changes
from govmetrics.compare.ids import assign_metric_ids, auto_metric_id, fallback_labels, label_crosswalk, resolve_metric
from govmetrics.compare.labels import normalize_label

__all__ = [
    "Catalogue",
    "assign_metric_ids",
    "auto_metric_id",
    "fallback_labels",
    "label_crosswalk",
    "load_catalogue",
    "metric_changes",
    "normalize_label",
    "pair_baselines",
    "resolve_metric",
    "unpaired_baselines",
]
