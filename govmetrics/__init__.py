"""govmetrics: the figures in Chinese city governments' annual departmental work reports, as open data.

This package holds the plain-Python logic (reading, segmenting, extracting, publishing); the Dagster
wiring that schedules it lives in the separate ``pipelines`` package.
"""

__version__ = "0.1.0"
