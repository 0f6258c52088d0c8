"""The ``govmetrics`` command: extract figures from a report, fetch reports, build and publish the dataset, compare years, find indicators."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from govmetrics.ingest import read_document
from govmetrics.reading import read_text


def _cmd_extract(args: argparse.Namespace) -> int:
    status = 0
    out = sys.stdout
    for name in args.paths:
        path = Path(name)
        try:
            doc = read_document(path, require_metadata=False)
        except Exception as exc:  # a bad file is reported and the others still go through
            print(f"govmetrics extract: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        year = doc.meta.get("report_year")
        _, located = read_text(
            doc.text,
            report_year=int(year) if year else None,
            default_department=doc.meta.get("department"),
        )
        for item in located:
            m = item.mention
            record = {
                "doc": path.stem,
                "start": m.start,
                "end": m.end,
                "quantity_text": m.quantity_text,
                "value": m.value,
                "unit": m.unit,
                "qualifier": m.qualifier,
                "role": m.role,
                "direction": m.direction,
                "label": m.label,
                "department": item.department,
                "period": m.period,
                "headline": item.headline,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return status


def _cmd_build(args: argparse.Namespace) -> int:
    # Imported here: loading Dagster takes a moment that `govmetrics extract` should not pay.
    from govmetrics.buildlock import BuildLocked
    from pipelines.build import build

    run_config = {}
    if args.run_config:
        import yaml

        run_config = yaml.safe_load(Path(args.run_config).read_text(encoding="utf-8")) or {}
    try:
        outcome = build(args.raw, args.out, cache_dir=args.cache, workers=args.workers, shards=args.shards or args.workers,
                        executor=args.executor, run_config=run_config, shared_base=args.storage,
                        lock_timeout=args.lock_timeout)
    except BuildLocked as exc:
        print(f"govmetrics build: {exc}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: nothing wrong with the input; another build is running
    print(f"report years: {', '.join(outcome.years) or 'none'}")
    for problem in outcome.problems:
        print(f"  {problem}", file=sys.stderr)
    print(outcome.reason)
    for line in outcome.summary():
        print(line)
    return 0 if outcome.ok else 1


def _cmd_verify(args: argparse.Namespace) -> int:
    from govmetrics.release.verify import verify_outputs

    out = Path(args.out)
    if not out.is_dir():
        print(f"govmetrics verify: {out}: no such directory", file=sys.stderr)
        return 1
    result = verify_outputs(out)
    for problem in result.problems:
        print(problem)
    if not result.releases:
        print(f"no release in {out} yet")
    elif result.ok:
        print(f"ok: {len(result.releases)} release(s) match their checksums; LATEST names {result.latest}")
    else:
        print(f"{len(result.problems)} problem(s) in {out}")
    return 0 if result.ok else 1


def _cmd_compare(args: argparse.Namespace) -> int:
    from govmetrics.compare.command import run

    return run(args)


def _cmd_fetch(args: argparse.Namespace) -> int:
    from govmetrics.fetch.command import run

    return run(args)


def _cmd_indicators(args: argparse.Namespace) -> int:
    from govmetrics.compare.indicators_command import run

    return run(args)


def _cmd_explore(args: argparse.Namespace) -> int:
    from govmetrics.explore import run

    return run(args)


def _cmd_site(args: argparse.Namespace) -> int:
    from govmetrics.site.command import run

    return run(args)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govmetrics", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print one JSON line per metric mention found in each file")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("fetch", help="fetch the sources listed in raw/sources.yml into raw/<year>/ as new snapshots")
    p.add_argument("--sources", metavar="FILE", help="the sources manifest (default: sources.yml in the raw directory)")
    p.add_argument("--raw", default="raw", metavar="DIR", help="directory of raw reports (default: raw)")
    p.set_defaults(func=_cmd_fetch)

    p = sub.add_parser("build", help="build the dataset from raw/ and publish a release into outputs/ (embedded Dagster)")
    p.add_argument("--raw", default="raw", metavar="DIR", help="directory of raw reports (default: raw)")
    p.add_argument("--out", default="outputs", metavar="DIR", help="directory of releases (default: outputs)")
    p.add_argument("--cache", default=None, metavar="DIR",
                   help="keep intermediate tables here, so the next build re-reads only changed files "
                   "(default: $DAGSTER_HOME/storage when set, else nothing is kept)")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="partition runs to execute at once, each in a process of its own (default: 1, in this process)")
    p.add_argument("--shards", type=_positive, default=None, metavar="S",
                   help="split each report year, and the work on the whole collection, into S parts (a file's "
                   "part by a stable hash of its path); default: as many as --workers, so every worker has a share")
    p.add_argument("--executor", choices=("in_process", "multiprocess", "celery"), default="in_process",
                   help="where each run's steps execute (default: in_process; celery needs --run-config naming the broker)")
    p.add_argument("--run-config", metavar="FILE", help="Dagster run config (YAML) for every run, e.g. deploy/celery.yaml")
    p.add_argument("--storage", metavar="URL",
                   help="also keep the tables steps hand on under this fsspec URL (s3://…, file:///mnt/shared/…), "
                   "for workers on other machines")
    p.add_argument("--lock-timeout", type=float, default=None, metavar="SECONDS",
                   help="how long to wait for another build on the same instance or outputs "
                   "(default: as long as it takes; 0: refuse at once)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("verify", help="check every release against its SHA256SUMS and datapackage.json, and LATEST")
    p.add_argument("--out", default="outputs", metavar="DIR", help="directory of releases (default: outputs)")
    p.set_defaults(func=_cmd_verify)

    p = sub.add_parser("compare", help="print the latest release's year-over-year comparisons (metric_changes)")
    p.add_argument("--city", metavar="C", help="a city as the release names it (青岛)")
    p.add_argument("--department", metavar="D", help="a department name (any variant) or department_id")
    p.add_argument("--metric", metavar="ID", help="a metric_id (an older release's id too), or Chinese text found in the indicator's label")
    p.add_argument("--series", action="store_true", help="one indicator's figures in every city and year, single years included (needs --metric)")
    p.add_argument("--years", nargs=2, type=int, metavar=("Y1", "Y2"), help="comparisons from Y1 up to Y2")
    p.add_argument("--format", choices=("table", "csv"), default="table", help="aligned table (default) or CSV")
    p.add_argument("--outputs", default="outputs", metavar="DIR", help="directory of releases (default: outputs)")
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser("indicators", help="list or search the latest release's indicators (id, names, unit, kind, years)")
    p.add_argument("search", nargs="?", metavar="SEARCH", help="text found in the id, a name or the definition, or an older release's id")
    p.add_argument("--department", metavar="D", help="a department name (any variant) or department_id")
    p.add_argument("--format", choices=("table", "csv"), default="table", help="aligned table (default) or CSV")
    p.add_argument("--outputs", default="outputs", metavar="DIR", help="directory of releases (default: outputs)")
    p.set_defaults(func=_cmd_indicators)

    p = sub.add_parser("site", help="render the latest release's site again: check it is byte-identical, or write a preview")
    p.add_argument("--outputs", default="outputs", metavar="DIR", help="directory of releases (default: outputs)")
    p.add_argument("--version", metavar="V", help="release to render (default: the latest)")
    p.add_argument("--preview", default="build/site", metavar="DIR",
                   help="where a rendering that differs from the release's site goes (default: build/site)")
    p.add_argument("--check", action="store_true", help="exit 1 when the release's site differs from the rendering")
    p.set_defaults(func=_cmd_site)

    p = sub.add_parser("explore", help="write a SQLite copy of the latest release with Datasette metadata (make explore)")
    p.add_argument("--outputs", default="outputs", metavar="DIR", help="directory of releases (default: outputs)")
    p.add_argument("--version", metavar="V", help="release to copy (default: the latest)")
    p.add_argument("--dest", default="build/explore", metavar="DIR", help="where to write it (default: build/explore)")
    p.set_defaults(func=_cmd_explore)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
