"""Builds that cost what changed: per-document units of work, a content-addressed store, streamed assembly.

- ``fingerprint``: the code version and the keys results are stored under;
- ``rawfiles``: the files under ``raw/``, told apart by their stat signature without being read;
- ``document``: one raw file, read once, to its rows;
- ``unit``: a report year's files (or a shard's), each extracted only when it changed, validated in batches;
- ``shards``: a report year split into units of work by a stable hash of each file's path;
- ``store``: where units and aggregates are kept (Parquet);
- ``shared``: the tables steps hand on, mirrored under a base every worker can read (fsspec);
- ``collection``: every unit together: duplicates, tables in publishing order, comparisons;
- ``publishing``: the collection streamed into a release, or nothing when nothing changed;
- ``progress``: what a long build shows on a terminal.

Plain Python with no Dagster import; ``pipelines/`` wires it into assets.
"""
