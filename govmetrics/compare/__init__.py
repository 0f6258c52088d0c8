"""Comparing reports across years: stable indicator ids, the label crosswalk and ``metric_changes``.

Plain Python with no pipeline imports. The pipeline calls, in order:

- ``assign_metric_ids(metrics)`` when it builds one year's metrics table (provisional ``metric_id``);
- ``identify(metrics, load_registry(outputs), version=...)`` over all years' metrics: the final ids,
  stable through the registry of published releases and linked across years, with the ``indicators``
  and ``metric_id_aliases`` tables;
- ``label_crosswalk(metrics)`` for the published crosswalk, and ``fallback_labels(crosswalk)`` for
  the check that lists labels the catalogue does not know;
- ``metric_changes(metrics)`` over all years' metrics for the published comparison table.
"""

from govmetrics.compare.baselines import pair_baselines, unpaired_baselines
from govmetrics.compare.catalogue import Catalogue, load_catalogue
from govmetrics.compare.changes import metric_changes
from govmetrics.compare.identify import Identified, identify
from govmetrics.compare.ids import assign_metric_ids, fallback_labels, label_crosswalk, resolve_metric
from govmetrics.compare.labels import normalize_label
from govmetrics.compare.registry import Registry, load_registry

__all__ = [
    "Catalogue",
    "Identified",
    "Registry",
    "assign_metric_ids",
    "identify",
    "load_registry",
    "fallback_labels",
    "label_crosswalk",
    "load_catalogue",
    "metric_changes",
    "normalize_label",
    "pair_baselines",
    "resolve_metric",
    "unpaired_baselines",
]
