"""A SQLite copy of a release with Datasette metadata, to explore it in a browser (``make explore``).

The copy is made from the release's Parquet files and its ``datapackage.json`` alone: one SQLite
table per release table, with the same columns, types, primary key and foreign keys, so Datasette
links a fact to its document and indicator; the metadata file carries the table and column
descriptions and the licence. Nothing is written into the release; the copy goes to ``build/``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govmetrics.release.load import load_release
from govmetrics.release.load import release_dir as published_release_dir

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(package: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The release's whole tables (per-year extracts repeat them), in the package's order."""
    return [r for r in package.get("resources", []) if r.get("schema") and "/" not in r["path"]]


def create_statement(name: str, schema: Mapping[str, Any]) -> str:
    cols = [f"{_quote(f['name'])} {SQL_TYPES.get(f.get('type', 'string'), 'TEXT')}"
            + (" NOT NULL" if f.get("constraints", {}).get("required") else "")
            for f in schema["fields"]]
    pk = schema.get("primaryKey")
    if pk:
        pk = [pk] if isinstance(pk, str) else pk
        cols.append(f"PRIMARY KEY ({', '.join(map(_quote, pk))})")
    for fk in schema.get("foreignKeys", []):
        fields = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        ref = fk["reference"]
        ref_fields = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
        cols.append(f"FOREIGN KEY ({', '.join(map(_quote, fields))}) "
                    f"REFERENCES {_quote(ref['resource'])} ({', '.join(map(_quote, ref_fields))})")
    return f"CREATE TABLE {_quote(name)} (\n  " + ",\n  ".join(cols) + "\n)"


def _cell(v: Any) -> Any:
    if v is None:
        return None
    try:
        if v != v:  # NaN and pandas' missing values
            return None
    except (TypeError, ValueError):
        return None
    if hasattr(v, "item"):
        v = v.item()
    return int(v) if isinstance(v, bool) else v


def write_sqlite(release_dir: Path, dest: Path) -> list[str]:
    """Write the release's tables to a new SQLite file at ``dest``; returns the table names."""
    package = json.loads((release_dir / "datapackage.json").read_text(encoding="utf-8"))
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(dest.suffix + ".tmp")
    tmp.unlink(missing_ok=True)
    names = []
    with sqlite3.connect(tmp) as db:
        for r in _tables(package):
            name, schema = r["name"], r["schema"]
            df = load_release(release_dir, name)
            cols = [f["name"] for f in schema["fields"]]
            db.execute(create_statement(name, schema))
            marks = ", ".join("?" for _ in cols)
            rows = ([_cell(v) for v in row] for row in df[cols].itertuples(index=False, name=None))
            db.executemany(f"INSERT INTO {_quote(name)} VALUES ({marks})", rows)
            names.append(name)
    db.close()
    tmp.replace(dest)
    return names


def datasette_metadata(package: Mapping[str, Any], database: str) -> dict[str, Any]:
    """Datasette's metadata: title, licence, sources, and every table's and column's description."""
    lic = (package.get("licenses") or [{}])[0]
    tables = {
        r["name"]: {
            "description": r.get("description", ""),
            "columns": {f["name"]: f.get("description", "") for f in r["schema"]["fields"]},
        }
        for r in _tables(package)
    }
    return {
        "title": f"{package.get('title', package.get('name', ''))} ({package.get('version', '')})",
        "description": package.get("description", ""),
        "license": lic.get("name", ""),
        "license_url": lic.get("path", ""),
        "databases": {database: {"tables": tables}},
    }


def run(args: argparse.Namespace) -> int:
    try:
        release_dir = published_release_dir(args.outputs, args.version)
    except FileNotFoundError as exc:
        print(f"govmetrics explore: {exc}", file=sys.stderr)
        return 1
    if not (release_dir / "datapackage.json").is_file():
        print(f"govmetrics explore: {release_dir}: no datapackage.json", file=sys.stderr)
        return 1
    dest = Path(args.dest)
    db_path = dest / "govmetrics.db"  # no dot in its name: Datasette would have to escape it in every URL
    names = write_sqlite(release_dir, db_path)
    package = json.loads((release_dir / "datapackage.json").read_text(encoding="utf-8"))
    meta_path = dest / "metadata.json"
    meta_path.write_text(json.dumps(datasette_metadata(package, db_path.stem), ensure_ascii=False, indent=2) + "\n",
                         encoding="utf-8")
    print(f"{db_path}: {len(names)} tables ({', '.join(names)})")
    print(f"{meta_path}: Datasette metadata")
    return 0
