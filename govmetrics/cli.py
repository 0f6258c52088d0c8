"""The ``govmetrics`` command: extract figures from a report, build and publish the dataset, compare years."""

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
    from pipelines.build import build

    outcome = build(args.raw, args.out, cache_dir=args.cache)
    print(f"report years: {', '.join(outcome.years) or 'none'}")
    for problem in outcome.problems:
        print(f"  {problem}", file=sys.stderr)
    print(outcome.reason)
    for line in outcome.summary():
        print(line)
    return 0 if outcome.ok else 1


def _cmd_compare(args: argparse.Namespace) -> int:
    from govmetrics.compare.command import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govmetrics", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print one JSON line per metric mention found in each file")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("build", help="build the dataset from raw/ and publish a release into outputs/ (embedded Dagster)")
    p.add_argument("--raw", default="raw", metavar="DIR", help="directory of raw reports (default: raw)")
    p.add_argument("--out", default="outputs", metavar="DIR", help="directory of releases (default: outputs)")
    p.add_argument("--cache", default=None, metavar="DIR",
                   help="keep intermediate tables here, so the next build re-reads only changed files "
                   "(default: $DAGSTER_HOME/storage when set, else nothing is kept)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("compare", help="print the latest release's year-over-year comparisons (metric_changes)")
    p.add_argument("--department", metavar="D", help="a department name (any variant) or department_id")
    p.add_argument("--metric", metavar="ID", help="a metric_id, or Chinese text found in the indicator's label")
    p.add_argument("--years", nargs=2, type=int, metavar=("Y1", "Y2"), help="comparisons from Y1 up to Y2")
    p.add_argument("--format", choices=("table", "csv"), default="table", help="aligned table (default) or CSV")
    p.add_argument("--outputs", default="outputs", metavar="DIR", help="directory of releases (default: outputs)")
    p.set_defaults(func=_cmd_compare)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
