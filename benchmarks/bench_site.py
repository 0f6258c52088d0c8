"""How long rendering a release's site takes, and how large the site is, as the release grows.

The release's tables are read once; then the site is rendered from them as they are and from copies
with every city repeated ``k`` times (each copy a city of its own, with its own documents and facts),
which is how a release grows when more cities are added. Printed per size: facts, pages, megabytes,
seconds. Publishing pays this once per release.

Run: ``.venv/bin/python benchmarks/bench_site.py [RELEASE_DIR] [--scale 1 4 16]``
(default: the latest release in outputs/).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govmetrics.release.load import latest_version  # noqa: E402
from govmetrics.site import read_release_dir, render_site  # noqa: E402

# Columns that must stay unique per copy, and how a copy changes them.
_KEYS = {"doc_id": lambda v, i: f"{i:02x}{v[2:]}", "fact_id": lambda v, i: f"{i:02x}{v[2:]}",
         "previous_report_fact_id": lambda v, i: None if v is None else f"{i:02x}{v[2:]}",
         "in_text_baseline_fact_id": lambda v, i: None if v is None else f"{i:02x}{v[2:]}",
         "city": lambda v, i: v if i == 0 else f"{v}{i}"}


def _scaled(files: dict[str, bytes], k: int) -> dict[str, bytes]:
    out = dict(files)
    for name in ("metrics", "metric_changes", "documents"):
        path = f"{name}.parquet"
        if path not in files:
            continue
        table = pq.read_table(pa.BufferReader(files[path]))
        copies = []
        for i in range(k):
            cols = {}
            for col in table.column_names:
                values = table.column(col).to_pylist()
                if col in _KEYS:
                    values = [_KEYS[col](v, i) for v in values]
                cols[col] = pa.array(values, type=table.schema.field(col).type)
            copies.append(pa.table(cols, schema=table.schema))
        buf = io.BytesIO()
        pq.write_table(pa.concat_tables(copies), buf)
        out[path] = buf.getvalue()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("release", nargs="?", help="a release directory (default: outputs/<latest>)")
    parser.add_argument("--scale", nargs="+", type=int, default=[1, 4, 16])
    args = parser.parse_args()
    release = Path(args.release) if args.release else ROOT / "outputs" / (latest_version(ROOT / "outputs") or "")
    files = read_release_dir(release)
    print(f"release {release.name}")
    print(f"{'copies':>6} {'facts':>8} {'files':>6} {'MB':>8} {'seconds':>8}")
    for k in args.scale:
        scaled = _scaled(files, k)
        n_facts = pq.read_metadata(pa.BufferReader(scaled["metrics.parquet"])).num_rows
        start = time.perf_counter()
        site = render_site(scaled)
        seconds = time.perf_counter() - start
        size = sum(map(len, site.values())) / 1e6
        print(f"{k:>6} {n_facts:>8} {len(site):>6} {size:>8.1f} {seconds:>8.2f}")


if __name__ == "__main__":
    main()
