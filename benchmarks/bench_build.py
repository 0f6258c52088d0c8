"""What a build of N reports costs: full build, no-change rebuild, one report added, one changed.

Writes N synthetic reports (``benchmarks/synthetic.py``: the dev corpus with other city names and
digits) into a temporary raw/ directory and runs ``govmetrics build`` on it as a separate process,
the way ``make run`` does (a project-local ``DAGSTER_HOME``, so the cache survives between runs).
For each measurement it prints the wall time, the peak RSS of the whole process tree (sampled from
/proc every 20 ms, summed over the build and any child), the size of the release, and the bytes the
release adds to outputs/ (files shared with the previous release by hard link are not counted again).
``govmetrics extract`` on the same files, as one process, is the yardstick the build is compared
with.

Timings on a shared machine are noisy: every measurement runs ``--repeat`` times (default 2) and
the best is printed. CPU seconds (user + system of the whole process tree) are printed beside the
wall time: they hardly move when other work shares the cores.

Run: ``make bench-build N=1000`` or ``.venv/bin/python benchmarks/bench_build.py --n 1000``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import write_corpus, write_long_line, write_report  # noqa: E402

BIN = Path(sys.executable).parent
GOVMETRICS = str(BIN / "govmetrics")


# ---------------------------------------------------------------------------------------------
# Measuring one process tree


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, now."""
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        stack.extend(_children(p))
    return total


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str
    returncode: int


def run(cmd: list[str], env: dict[str, str] | None = None, stdout_to: str | None = None) -> Run:
    """Run a command, sampling the RSS of its process tree until it exits."""
    out_fh = open(stdout_to, "wb") if stdout_to else subprocess.PIPE
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out_fh, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    done.set()
    sampler.join()
    if stdout_to:
        out_fh.close()  # type: ignore[union-attr]
    return Run(seconds, cpu, peak / 1024, (stdout or b"").decode("utf-8", "replace"),
               (stderr or b"").decode("utf-8", "replace"), proc.returncode)


# ---------------------------------------------------------------------------------------------
# Releases


def latest(out: Path) -> Path | None:
    pointer = out / "LATEST"
    return out / pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else None


def release_bytes(release: Path) -> int:
    return sum(p.stat().st_size for p in release.rglob("*") if p.is_file())


def new_bytes(release: Path, out: Path) -> int:
    """Bytes of the release's files that no other release in ``out`` shares (by inode)."""
    others = {
        (p.stat().st_dev, p.stat().st_ino)
        for d in out.iterdir() if d.is_dir() and d != release and not d.name.startswith(".")
        for p in d.rglob("*") if p.is_file()
    }
    return sum(p.stat().st_size for p in release.rglob("*")
               if p.is_file() and (p.stat().st_dev, p.stat().st_ino) not in others)


_COUNT = re.compile(r"(\d+) (read|cached|extracted|quarantined)\b")
_STAGE = re.compile(r"release: validate ([0-9.]+)")


def validate_seconds(stdout: str) -> float | None:
    """The seconds the build spent validating its release (from the closing summary)."""
    m = _STAGE.search(stdout)
    return float(m.group(1)) if m else None


def counts(stdout: str) -> str:
    """The documents line of the build's closing summary (read / cached / quarantined), if it prints one."""
    for line in stdout.splitlines():
        if line.strip().startswith("documents") and _COUNT.search(line):
            return ", ".join(f"{n} {what}" for n, what in _COUNT.findall(line))
    return ""


# ---------------------------------------------------------------------------------------------
# The benchmark


@dataclass
class Row:
    what: str
    runs: list[Run] = field(default_factory=list)
    release: int | None = None
    added: int | None = None
    docs: str = ""

    @property
    def best(self) -> Run:
        return min(self.runs, key=lambda r: r.seconds)


class Bench:
    def __init__(self, work: Path, n: int, keep_going: bool) -> None:
        self.work = work
        self.n = n
        self.keep_going = keep_going
        self.next_report = n

    def env(self, home: Path) -> dict[str, str]:
        home.mkdir(parents=True, exist_ok=True)
        (home / "dagster.yaml").touch()
        env = dict(os.environ)
        env.update(DAGSTER_HOME=str(home), PYTHONHASHSEED="0")
        return env

    def build(self, raw: Path, out: Path, home: Path) -> Run:
        r = run([GOVMETRICS, "build", "--raw", str(raw), "--out", str(out)], env=self.env(home))
        failed = r.returncode != 0 or "not published:" in r.stdout
        if failed and not self.keep_going:
            sys.stderr.write(r.stdout + r.stderr)
            raise SystemExit(f"govmetrics build failed (exit code {r.returncode})")
        return r

    def record(self, row: Row, r: Run, out: Path) -> None:
        row.runs.append(r)
        if r is row.best:
            rel = latest(out)
            row.release = release_bytes(rel) if rel else None
            row.added = new_bytes(rel, out) if rel else None
            row.docs = counts(r.stdout)


def fmt_mb(n: int | None) -> str:
    return "" if n is None else f"{n / 1e6:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="number of synthetic reports (default 1000)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best is shown (default 2)")
    parser.add_argument("--work", type=Path, help="working directory (default: a temporary one, removed after)")
    parser.add_argument("--keep-going", action="store_true", help="measure a build even when it exits non-zero")
    parser.add_argument("--quick", action="store_true",
                        help="skip the row-by-row frictionless run and the long-line report (for large N)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="govmetrics-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(work, args.n, args.keep_going)
    try:
        raw = work / "raw"
        if raw.exists():
            shutil.rmtree(raw)
        paths = write_corpus(raw, args.n)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
        size = sum(p.stat().st_size for p in paths)
        print(f"{args.n} synthetic reports: {size / 1e6:.1f} MB, {chars / 1e6:.2f} M characters, in {raw}", flush=True)

        extract = Row("govmetrics extract alone")
        for _ in range(args.repeat):
            extract.runs.append(run([GOVMETRICS, "extract", *map(str, paths)], stdout_to=os.devnull))
        print(f"  extract alone: {extract.best.seconds:.1f} s", flush=True)

        full = Row("full build")
        for i in range(args.repeat):
            out, home = work / f"out-full-{i}", work / f"home-full-{i}"
            for d in (out, home):
                shutil.rmtree(d, ignore_errors=True)
            full.runs.append(bench.build(raw, out, home))
            print(f"  full build {i + 1}: {full.runs[-1].seconds:.1f} s", flush=True)
        # Keep the release of the fastest full build, and its instance, for the incremental runs.
        best = min(range(args.repeat), key=lambda i: full.runs[i].seconds)
        out, home = work / f"out-full-{best}", work / f"home-full-{best}"
        rel = latest(out)
        full.release = release_bytes(rel) if rel else None
        full.added = full.release
        full.docs = counts(full.best.stdout)
        sums_first = (rel / "SHA256SUMS").read_bytes() if rel else b""
        other = work / f"out-full-{1 - best}" if args.repeat > 1 else None
        identical = None
        if other is not None and latest(other):
            identical = (latest(other) / "SHA256SUMS").read_bytes() == sums_first  # type: ignore[operator]

        nochange = Row("rebuild, nothing changed")
        for _ in range(args.repeat):
            bench.record(nochange, bench.build(raw, out, home), out)
        print(f"  no change: {nochange.best.seconds:.1f} s", flush=True)

        added = Row("one report added")
        for _ in range(args.repeat):
            write_report(raw, bench.next_report)
            bench.next_report += 1
            bench.record(added, bench.build(raw, out, home), out)
        print(f"  one added: {added.best.seconds:.1f} s", flush=True)

        changed = Row("one report changed")
        for k in range(args.repeat):
            path = paths[(k * 7 + 1) % len(paths)]
            text = path.read_text(encoding="utf-8")
            path.write_text(text + f"\n另外新增服务站点{17 + k}个。\n", encoding="utf-8")
            bench.record(changed, bench.build(raw, out, home), out)
        print(f"  one changed: {changed.best.seconds:.1f} s", flush=True)

        # Validation: what the build spends on it, and what frictionless alone needs row by row.
        release = latest(out)
        full_validation = Row("frictionless validate, every row (not run by the build)")
        if release is not None and not args.quick:
            code = ("import sys; from pathlib import Path; from govmetrics.release.validate import validate_datapackage; "
                    "validate_datapackage(Path(sys.argv[1]), full=True)")
            for _ in range(args.repeat):
                full_validation.runs.append(run([sys.executable, "-c", code, str(release / "datapackage.json")]))
            print(f"  frictionless, every row: {full_validation.best.seconds:.1f} s", flush=True)

        # One pathological report: a 300,000-character line with 100 figures.
        long_line = Row("one 300k-character line, 100 figures: build")
        long_extract = Row("one 300k-character line, 100 figures: extract alone")
        for i in range(0 if args.quick else args.repeat):
            lraw, lout, lhome = work / "long" / "raw", work / "long" / f"out-{i}", work / "long" / f"home-{i}"
            if not lraw.exists():
                write_long_line(lraw)
            long_extract.runs.append(run([GOVMETRICS, "extract", str(lraw / "2022" / "long-line.txt")], stdout_to=os.devnull))
            r = bench.build(lraw, lout, lhome)
            long_line.runs.append(r)
            if r is long_line.best:
                rel = latest(lout)
                long_line.release = release_bytes(rel) if rel else None
                long_line.added = long_line.release
                long_line.docs = counts(r.stdout)

        base = extract.best.seconds
        rows = [extract, full, nochange, added, changed]
        print()
        print(f"N = {args.n} reports ({size / 1e6:.1f} MB), best of {args.repeat} runs, {os.cpu_count()} cores")
        print()
        base_cpu = extract.best.cpu_seconds
        print("| measurement | seconds | × extract alone | CPU seconds | × extract alone (CPU) | peak RSS MB (tree) "
              "| release MB | MB added to outputs/ | documents |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for row in rows:
            r = row.best
            print(f"| {row.what} | {r.seconds:.1f} | {r.seconds / base:.2f} | {r.cpu_seconds:.1f} | "
                  f"{r.cpu_seconds / base_cpu:.2f} | {r.peak_rss_mb:.0f} | "
                  f"{fmt_mb(row.release)} | {fmt_mb(row.added)} | {row.docs} |")
        print()
        print("| other measurement | seconds | CPU seconds | peak RSS MB (tree) | release MB |")
        print("|---|---:|---:|---:|---:|")
        for row in (full_validation, long_extract, long_line):
            if row.runs:
                r = row.best
                print(f"| {row.what} | {r.seconds:.1f} | {r.cpu_seconds:.1f} | {r.peak_rss_mb:.0f} | {fmt_mb(row.release)} |")
        spent = validate_seconds(full.best.stdout)
        if spent is not None:
            print()
            print(f"the full build spent {spent:.1f} s validating its release ({spent / full.best.seconds:.0%} of the build)"
                  + (f"; frictionless row by row needs {full_validation.best.seconds:.1f} s" if full_validation.runs else ""))
        if identical is not None:
            print()
            print(f"two full builds of the same raw/ give {'identical' if identical else 'DIFFERENT'} SHA256SUMS")
        summary = [line for line in full.best.stdout.splitlines() if line.strip()]
        if summary:
            print()
            print("closing summary of the fastest full build:")
            for line in summary:
                print("   ", line)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
