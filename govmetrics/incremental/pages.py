"""The site's pages that show the collection alone, a part at a time, before its release is assembled.

Rendering a page per department, indicator, retired id and report, the lists of indicators and the
search data, is most of the cost of publishing. Those pages never show the release's version or
date, so they are a function of the tables the release will publish: made here from the stored
tables, one part of ``parts`` each (``govmetrics.site.render.emit_collection_pages``), they can be
made by several workers at once, and the publish step writes them as they are and renders only the
pages about the release. The rows given to the site are the ones the release publishes, in the same
order, so the pages are the bytes the publish step would have rendered itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from govmetrics.incremental.collection import Collection
from govmetrics.release.schema_export import table_spec
from govmetrics.release.tables import sort_arrow
from govmetrics.site import views
from govmetrics.site.inputs import table_inputs
from govmetrics.site.render import emit_collection_pages
from schemas import MetricChanges

#: A part's pages: the path in the release (``site/...``) and the page's bytes, by path.
PAGES_SCHEMA = pa.schema([pa.field("path", pa.string(), nullable=False), pa.field("content", pa.binary(), nullable=False)])


def part_key(part: int, parts: int) -> str:
    """The name of part ``part`` of ``parts`` (a partition key): ``0of2``."""
    return f"{part}of{parts}"


def parse_part(key: str) -> tuple[int, int]:
    """``"1of4"`` -> (1, 4); anything else is an error naming the key."""
    head, sep, tail = key.partition("of")
    if not sep or not head.isdigit() or not tail.isdigit() or not 0 <= int(head) < int(tail):
        raise ValueError(f"{key!r} is not a part of the collection: expected <part>of<parts>, e.g. 0of2")
    return int(head), int(tail)


def _read(path: Path) -> pa.Table:
    return pq.read_table(path).replace_schema_metadata(None)


def joined_changes(parts: Mapping[str, Path]) -> pa.Table:
    """The metric_changes table from its parts (each sorted): all rows in publishing order."""
    tables = [_read(p) for _, p in sorted(parts.items())]
    return sort_arrow(pa.concat_tables(tables), table_spec(MetricChanges))


def collection_pages(collection: Collection, metrics: Path, changes: pa.Table, indicators: Path, aliases: Path,
                     part: int, parts: int) -> pa.Table:
    """Part ``part`` of ``parts`` of the site's pages that show the collection alone, made from the tables
    the release will publish: the facts with their final ids (``metrics``), ``changes``, ``indicators``
    and ``metric_id_aliases``, and the collection's published documents."""
    documents = list(collection.stream("documents"))
    tables = {
        "metrics": _read(metrics),
        "documents": pa.concat_tables(documents) if documents else None,
        "metric_changes": changes,
        "indicators": _read(indicators),
        "metric_id_aliases": _read(aliases),
        "sections": None,  # published, and never shown
    }
    inputs = table_inputs(tables)
    site = views.build(inputs)
    paths: list[str] = []
    contents: list[bytes] = []

    def keep(rel: str, data: bytes) -> None:
        paths.append(rel)
        contents.append(data)

    emit_collection_pages(inputs, site, keep, part, parts)
    return pa.table({"path": paths, "content": contents}, schema=PAGES_SCHEMA).sort_by("path")


def stored_pages(parts: Mapping[str, Path]) -> Iterator[tuple[str, bytes]]:
    """Every page of the stored parts, a row group at a time."""
    for _, path in sorted(parts.items()):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
            yield from zip(batch.column("path").to_pylist(), batch.column("content").to_pylist(), strict=True)
