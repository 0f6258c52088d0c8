"""The Dagster code location of govmetrics."""
