"""What giving a collection's facts their final ids costs: the ``identified`` step and ``identify()``.

``identified`` runs alone once every report year is read (nothing else can run beside it), so it
bounds how fast a build on several workers can be. This writes N synthetic reports
(``benchmarks/synthetic.py``; never published) into a temporary raw/, builds them once with
``govmetrics build`` as a separate process (printing the build's own ``identified`` seconds), then
reads the stored facts back as the step does and times each part of it in this process:

- reading every year's kept facts (``Collection.kept_metrics``);
- ``identify()`` the first time (catalogue matches not yet remembered, as in a fresh worker) and
  again (labels already matched, as in a worker that extracted the reports);
- validating the three tables against their models.

Timings on a shared machine are noisy: ``identify()`` runs ``--repeat`` times and the best of the
warm runs is printed; ``--profile`` prints the functions the first run spends most time in (that run
is then slower by the profiler's cost).

Run: ``.venv/bin/python benchmarks/bench_identify.py --n 600 [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from synthetic import write_corpus  # noqa: E402

from govmetrics.compare import identify  # noqa: E402
from govmetrics.compare.registry import EMPTY  # noqa: E402
from govmetrics.facts import remembered_catalogue  # noqa: E402
from govmetrics.incremental.collection import Collection  # noqa: E402
from pipelines.checks import validate  # noqa: E402
from schemas import Indicators, MetricIdAliases, Metrics  # noqa: E402

GOVMETRICS = str(Path(sys.executable).parent / "govmetrics")


def _stored(cache: Path, table: str) -> dict[str, Path]:
    return {p.stem: p for p in sorted((cache / table).glob("*.parquet"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=600, help="synthetic reports (default 600)")
    parser.add_argument("--repeat", type=int, default=3, help="identify() runs (default 3)")
    parser.add_argument("--profile", action="store_true", help="print the first run's top functions (cProfile)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-identify-") as tmp:
        work = Path(tmp)
        write_corpus(work / "raw", args.n)
        env = {**os.environ, "DAGSTER_HOME": str(work / "home")}
        (work / "home").mkdir()
        done = subprocess.run([GOVMETRICS, "build", "--raw", str(work / "raw"), "--out", str(work / "outputs"),
                               "--cache", str(work / "cache")], env=env, capture_output=True, text=True, check=True)
        step = re.search(r"identified ([\d.]+)", done.stdout)
        print(f"{args.n} reports; build's identified step: {step.group(1) if step else '?'} s")

        t = time.perf_counter()
        frame = Collection({t: _stored(work / "cache", t) for t in ("documents", "metrics")}).kept_metrics()
        print(f"kept_metrics: {len(frame)} facts, {time.perf_counter() - t:.2f} s")
        catalogue = remembered_catalogue()
        seconds = []
        for i in range(args.repeat):
            profile = cProfile.Profile() if args.profile and i == 0 else None
            t = time.perf_counter()
            if profile is not None:
                profile.enable()
            result = identify(frame, EMPTY, version="v2023.1", catalogue=catalogue)
            if profile is not None:
                profile.disable()
            seconds.append(time.perf_counter() - t)
            if profile is not None:
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(25)
                print(out.getvalue())
        warm = f", then best of {len(seconds) - 1}: {min(seconds[1:]):.2f} s" if len(seconds) > 1 else ""
        print(f"identify(): first {seconds[0]:.2f} s{warm}; {len(result.indicators)} indicators, {len(result.links)} links")
        t = time.perf_counter()
        for model, df, name in ((Metrics, result.metrics, "metrics"), (Indicators, result.indicators, "indicators"),
                                (MetricIdAliases, result.aliases, "metric_id_aliases")):
            validate(model, df, name)
        print(f"validation of the three tables: {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
