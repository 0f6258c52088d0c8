"""Closed vocabularies shared by the table models (the mention contract's enumerations)."""

QUALIFIERS = ["exact", "approx", "nearly", "more_than", "at_least", "at_most", "less_than"]
ROLES = ["value", "baseline", "change", "target", "rank"]
DIRECTIONS = ["up", "down"]
FORMATS = ["txt", "html"]
SCRIPTS = ["simplified", "traditional"]
REJECTION_REASONS = [
    "empty",
    "binary",
    "undecodable",
    "encoding_mismatch",
    "no_article",
    "too_large",
    "unsupported_format",
    "invalid_metadata",
    "duplicate",
    "superseded",
    "outside_raw",
    "link_loop",
    "year_conflict",
]
SHA256_PATTERN = r"^[0-9a-f]{64}$"
DOC_ID_PATTERN = r"^[0-9a-f]{16}$"
PERIOD_PATTERN = r"^\d{4}(-\d{2})?(/\d{4}(-\d{2})?)?$"
# Indicator ids: <department_id>.<name> (catalogue ids in English, others auto_<pinyin>); the older
# auto_<12 hex digits> hashed from the wording only survives as an old_metric_id of an alias.
METRIC_ID_PATTERN = r"^(?:[a-z0-9_]+\.[a-z0-9_]+|auto_[0-9a-f]{12})$"
KINDS = ["stock", "flow", "rate", "ratio", "rank"]
ALIAS_REASONS = ["catalogue", "readable_id", "linked", "relabelled"]
VERSION_PATTERN = r"^v\d{4}\.[1-9]\d*$"
