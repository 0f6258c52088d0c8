"""What a second worker buys: a full build of N reports with ``--workers 1`` and ``--workers 2``.

Writes N synthetic reports (``benchmarks/synthetic.py``; never published) into a temporary raw/
and runs ``govmetrics build --shards S --workers W`` on it as a separate process, as ``make run``
does (a fresh project-local ``DAGSTER_HOME`` for every build, so nothing is cached). The shard
count is the same for both worker counts: the work is split the same way, and only how many
processes share it changes. It prints, for each worker count, the wall and CPU seconds (user +
system of the whole process tree) of the best of ``--repeat`` builds, the speedup of the best
``--workers 2`` build over the best ``--workers 1`` build, and whether the two published the same
bytes (every data file, and everything else but the archive). For reference it also builds with one
shard and one worker, where nothing is split (the collection-wide work is not cut into parts
either): what splitting costs a single process, and the speedup of two workers over that build.

The machine is shared: the load average before each build is printed beside it, since other
work on the two cores takes the second worker's core first.

Run: ``make bench-workers N=600`` or ``.venv/bin/python benchmarks/bench_workers.py --n 600``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import write_corpus  # noqa: E402

GOVMETRICS = str(Path(sys.executable).parent / "govmetrics")


def _files(out: Path) -> dict[str, str]:
    release = out / (out / "LATEST").read_text(encoding="utf-8").strip()
    return {p.relative_to(release).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(release.rglob("*")) if p.is_file() and not p.name.endswith((".zip", ".zip.sha256"))}


def _build(raw: Path, work: Path, workers: int, shards: int) -> tuple[float, float, dict[str, str], str]:
    home = work / "home"
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    out = work / "outputs"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DAGSTER_", "GOVMETRICS_"))}
    env.update({"DAGSTER_HOME": str(home), "GOVMETRICS_PROGRESS": "0"})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([GOVMETRICS, "build", "--raw", str(raw), "--out", str(out), "--workers", str(workers),
                           "--shards", str(shards)], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"build with --workers {workers} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    seconds = next((line for line in done.stdout.splitlines() if line.startswith("seconds:")), "")
    return wall, cpu, _files(out), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=600, help="synthetic reports (default 600)")
    parser.add_argument("--shards", type=int, default=2, help="shards per report year, for both worker counts (default 2)")
    parser.add_argument("--repeat", type=int, default=2, help="builds per worker count; the best is kept (default 2)")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="govmetrics-bench-workers-"))
    try:
        raw = root / "raw"
        write_corpus(raw, args.n)
        print(f"{args.n} synthetic reports, {args.shards} shards per report year, {os.cpu_count()} cores")
        best: dict[tuple[int, int], tuple[float, float, dict[str, str]]] = {}
        configs = [(1, args.shards), (2, args.shards)] + ([(1, 1)] if args.shards > 1 else [])
        for attempt in range(args.repeat):
            for workers, shards in configs:  # interleaved, so a change in the machine's load hits all alike
                load = os.getloadavg()[0]
                work = root / f"w{workers}-s{shards}-{attempt}"
                wall, cpu, files, seconds = _build(raw, work, workers, shards)
                print(f"--workers {workers} --shards {shards}: {wall:6.1f} s wall, {cpu:6.1f} s CPU "
                      f"(load average before: {load:.1f})")
                print(f"    {seconds}")
                if (workers, shards) not in best or wall < best[workers, shards][0]:
                    best[workers, shards] = (wall, cpu, files)
                shutil.rmtree(work / "home", ignore_errors=True)
        (w1, c1, f1), (w2, c2, f2) = best[1, args.shards], best[2, args.shards]
        data = [name for name in f1 if name.endswith((".parquet", ".csv"))]
        print(f"best --workers 1: {w1:.1f} s wall ({c1:.1f} s CPU); best --workers 2: {w2:.1f} s wall ({c2:.1f} s CPU)")
        print(f"speedup of --workers 2: {w1 / w2:.2f}x")
        print(f"identical data files: {all(f1[n] == f2.get(n) for n in data)} ({len(data)} files); "
              f"identical release: {f1 == f2} ({len(f1)} files)")
        if (1, 1) in best:
            w0, c0, f0 = best[1, 1]
            print(f"best with one shard and one worker (nothing split): {w0:.1f} s wall ({c0:.1f} s CPU); "
                  f"--workers 2 is {w0 / w2:.2f}x faster; identical release: {f0 == f2}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
