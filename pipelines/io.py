"""Intermediate tables as Parquet files under one base directory, handed on as paths.

Assets return Arrow tables (or the path of a Parquet file they wrote a piece at a time, which is
moved into place); this IO manager stores each as ``<base>/<asset>/<partition>.parquet`` (``all``
for an unpartitioned asset), atomically, and gives downstream assets the *path*, never the rows: a
consumer streams what it needs, so no step holds every year of a table in memory, and any process
that can read the directory can read every intermediate result (no pickles). An asset that returns
``None`` found its stored table already up to date: the file is left as it is.

The base is the build's store (``govmetrics.incremental.store``), so the per-document cache and the
IO manager agree on where every table lives. Without a configured base, the Dagster instance's
storage directory is used. With ``shared_base`` (an fsspec URL: object storage, or a disk every
machine mounts), every table is also written there, and an input missing from this worker's store,
or different there, is fetched from it first (``govmetrics.incremental.shared``): a step can run on
any worker that can reach the shared base.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from dagster import ConfigurableIOManager, ConfigurableResource, InputContext, OutputContext

from govmetrics.incremental import store
from govmetrics.incremental.shared import SharedTables

UNPARTITIONED = "all"


def _base(configured: str | None, instance) -> Path:
    if configured:
        return Path(configured)
    return Path(instance.storage_directory())


class BuildStore(ConfigurableResource):
    """The directory of the build's stored tables and caches (None: the instance's storage)."""

    base_dir: str | None = None

    def base(self, instance) -> Path:
        return _base(self.base_dir, instance)


class ParquetIOManager(ConfigurableIOManager):
    """Arrow tables in, Parquet files under ``base_dir`` out; paths handed to consumers."""

    base_dir: str | None = None
    shared_base: str | None = None

    def _shared(self) -> SharedTables | None:
        return SharedTables(self.shared_base) if self.shared_base else None

    def _path(self, context: OutputContext | InputContext, partition: str | None) -> Path:
        instance = None
        if not self.base_dir:
            instance = context.instance if isinstance(context, InputContext) else context.step_context.instance
        return store.table_path(_base(self.base_dir, instance), context.asset_key.path[-1], partition or UNPARTITIONED)

    def handle_output(self, context: OutputContext, obj: pa.Table | Path | None) -> None:
        partition = context.partition_key if context.has_partition_key else None
        path = self._path(context, partition)
        metadata: dict[str, object] = {"path": str(path)}
        if obj is None:
            if not path.is_file():
                raise FileNotFoundError(f"{path}: the asset reported its stored table up to date, but there is none")
        elif isinstance(obj, Path):  # a table the asset wrote to a staging file, a piece at a time
            store.commit_file(obj, path)
        elif isinstance(obj, pa.Table):
            store.write_table(path, obj)
            metadata["rows"] = obj.num_rows
        else:
            raise TypeError(f"{context.asset_key.to_user_string()}: expected a pyarrow.Table, got {type(obj).__name__}")
        shared = self._shared()
        if shared is not None:
            name, unit = context.asset_key.path[-1], partition or UNPARTITIONED
            if obj is not None or shared.fingerprint(name, unit) != store.fingerprint_of(path):
                metadata["shared_path"] = str(shared.put(path, name, unit))
        if obj is not None:
            context.add_output_metadata(metadata)

    def _local(self, context: InputContext, partition: str | None) -> Path:
        """The input's file in this worker's store, fetched from the shared base when there is one."""
        path = self._path(context, partition)
        shared = self._shared()
        if shared is not None:
            shared.get(context.asset_key.path[-1], partition or UNPARTITIONED, path)
        return path

    def load_input(self, context: InputContext) -> Path | dict[str, Path]:
        if not context.has_asset_partitions:
            return self._local(context, None)
        allow_missing = bool((context.definition_metadata or {}).get("allow_missing_partitions"))
        out: dict[str, Path] = {}
        for key in sorted(context.asset_partition_keys):
            path = self._local(context, key)
            if path.is_file():
                out[key] = path
            elif not allow_missing:
                raise FileNotFoundError(f"{context.asset_key.to_user_string()} partition {key}: {path} is missing")
        return out
