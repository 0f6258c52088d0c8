"""The analyst-facing README.md and CITATION.cff of a release, generated from models and data.

Coverage figures are computed from the published rows and the data dictionary from the models, so
the README cannot drift from the files next to it.  Coverage looks for the shared column names
``city``, ``report_year``, ``department_id`` / ``department`` in whatever tables have them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa
import yaml

from govmetrics.markdown import md_escape
from govmetrics.release.info import PackageInfo
from govmetrics.release.schema_export import TableSpec, data_dictionary, table_spec


@dataclass(frozen=True)
class Coverage:
    """What the README says of one table: its rows, rows per report year, distinct coverage values."""

    rows: int
    per_year: Mapping[int, int]
    distinct: Mapping[str, set[Any]]

    @classmethod
    def of_frame(cls, df: pd.DataFrame, year_column: str | None) -> Coverage:
        per = {int(y): int(n) for y, n in df[year_column].value_counts().items()} if year_column else {}
        distinct = {c: set(df[c].dropna().tolist()) for c in ("city", "department_id", "department") if c in df.columns}
        return cls(len(df), per, distinct)


#: How many sources the README lists; datapackage.json lists them all.
README_SOURCES = 100


def _distinct(tables: Mapping[str, Coverage], column: str) -> list[Any]:
    values: set[Any] = set()
    for cov in tables.values():
        values.update(cov.distinct.get(column, ()))
    return sorted(values)


def _human_bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def citation_text(info: PackageInfo, version: str, created: str | None) -> str:
    year = created[:4] if created else "n.d."
    where = f" {info.homepage}" if info.homepage else ""
    repository = f" {info.repository}" if info.repository else " (repository URL to be added)"
    return f"{', '.join(info.authors)} ({year}). {info.title}. Version {version}.{where}{repository}"


def citation_cff(info: PackageInfo, version: str, created: str | None) -> bytes:
    """CITATION.cff (CFF 1.2.0) so GitHub, Zenodo and reference managers can cite the release."""
    doc: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below.",
        "type": "dataset",
        "title": info.title,
        "version": version,
    }
    if created:
        doc["date-released"] = created[:10]
    doc["authors"] = [{"name": a} for a in info.authors]
    doc["abstract"] = info.description
    doc["keywords"] = list(info.keywords)
    if info.license_spdx:
        doc["license"] = info.license_spdx
    if info.homepage:
        doc["url"] = info.homepage
    if info.repository:
        doc["repository-code"] = info.repository
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    if not info.repository:  # a field ready to fill where the repository gets published
        text += "# repository-code: https://... (the URL of the repository; set GOVMETRICS_REPOSITORY_URL when building)\n"
    return text.encode("utf-8")


def _pandas_dtypes(spec: TableSpec) -> str:
    mapping = {"string": "str", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    items = [f'"{f.name}": "{mapping[f.kind]}"' for f in spec.fields if f.kind != "string"]
    return "{" + ", ".join(items) + "}"


def readme(
    *,
    info: PackageInfo,
    version: str,
    created: str | None,
    models: Mapping[str, type[pa.DataFrameModel]],
    tables: Mapping[str, Coverage],
    report_years: Sequence[int],
    sources: Sequence[Mapping[str, Any]],
    changes: Mapping[str, Any],
    files: Mapping[str, int],
) -> bytes:
    """README.md: what the data is, coverage, files, how to load and cite it, caveats, dictionary."""
    specs = {name: table_spec(m) for name, m in models.items()}
    first = next(iter(models))
    years = sorted(set(report_years))
    cities = _distinct(tables, "city")
    dept_ids = _distinct(tables, "department_id")
    dept_names = _distinct(tables, "department")
    n_depts = len(dept_ids) if dept_ids else len(dept_names)

    L: list[str] = [f"# {info.title}", "", f"Release **{version}**" + (f", created {created[:10]}." if created else "."), ""]
    L += [info.description, ""]
    L += [
        "This directory is one immutable release: its files never change after publication. "
        "`CHANGES.md` says what changed since the previous release; `SHA256SUMS` lets you check "
        "every file (`sha256sum -c SHA256SUMS`). A file that did not change since the previous release is the "
        "same file on disk (a hard link), so a revision costs only the bytes that changed.",
        "",
    ]

    L += ["## Coverage", ""]
    L.append(f"- Report years: {', '.join(str(y) for y in years)}")
    if cities:
        L.append(f"- Cities ({len(cities)}): {', '.join(md_escape(c) for c in cities)}")
    if n_depts:
        L.append(f"- Departments: {n_depts}")
    L.append(f"- Source reports: {len(sources)}")
    L += ["", "| table | rows | " + " | ".join(str(y) for y in years) + " |"]
    L.append("| --- | ---: |" + " ---: |" * len(years))
    for name in models:
        cov = tables[name]
        if specs[name].year_column:
            cells = [str(int(cov.per_year.get(y, 0))) for y in years]
        else:
            cells = ["" for _ in years]
        L.append(f"| `{name}` | {cov.rows} | " + " | ".join(cells) + " |")
    L.append("")

    L += ["## Files", "", "Each table comes as:", ""]
    L += [
        "- `<table>.parquet`: typed (Parquet, zstd); table and field descriptions are in the file's schema metadata.",
        "- `<table>.csv`: UTF-8 CSV, the canonical text form. Empty cell = missing value; booleans are `true`/`false`.",
        "",
        "Each format is there once: Parquet for programs (types, compression), CSV for everything else. One report "
        "year's rows are a filter away (rows are sorted by year, so Parquet readers skip the other years' row "
        "groups); see *Loading the data*.",
        "",
        "| file | size |",
        "| --- | ---: |",
    ]
    L += [f"| `{p}` | {_human_bytes(n)} |" for p, n in files.items() if "/" not in p and p.endswith((".csv", ".parquet"))]
    L += ["", "Release documents: `README.md`, `CHANGES.md` / `changes.json` (diff against the previous "
          "release by primary key), `datapackage.json` (Frictionless Data Package: schemas, sizes, sha256, "
          "sources), `CITATION.cff`, `SHA256SUMS`.", "",
          "`site/`: the same data as a web site that works offline and from any static host (open "
          "`site/index.html`): a page per indicator with its chart across report years and every value "
          "linked to its sentence, a page per department, the data dictionary, the changes and a search "
          "box. It is made from this release's files only and listed in `SHA256SUMS`.", ""]

    if info.reading_notes:
        L += ["## Reading the data", ""] + [f"- {note}" for note in info.reading_notes] + [""]
    L += ["## Loading the data", "", "pandas (Parquet keeps every type):", "", "```python", "import pandas as pd",
          f'{first} = pd.read_parquet("{first}.parquet")', "```", "",
          "pandas from CSV: say the types, and that only an empty cell is missing (so text such as `NA` stays text):",
          "", "```python",
          f'{first} = pd.read_csv("{first}.csv", dtype={_pandas_dtypes(specs[first])},',
          '                     keep_default_na=False, na_values=[""])', "```", "",
          "DuckDB:", "", "```sql",
          f"SELECT * FROM read_parquet('{first}.parquet');",
          f"SELECT * FROM read_csv('{first}.csv', header = true, nullstr = '');",
          "```", "",
          "One report year (here 2022) of any table with a `report_year` column:", "", "```python",
          f'{first}_2022 = pd.read_parquet("{first}.parquet", filters=[("report_year", "==", 2022)])', "```", "",
          "```sql", f"COPY (SELECT * FROM read_parquet('{first}.parquet') WHERE report_year = 2022) "
          f"TO '{first}-2022.csv' (HEADER);", "```", "",
          "Frictionless (typed rows, checked against the schema):", "", "```python",
          "from frictionless import Package",
          f'rows = Package("datapackage.json").get_resource("{first}").read_rows()', "```", "",
          f"Excel: do not double-click the CSV (Excel would guess its encoding and may run a cell that starts "
          f"with `=`, `+`, `-` or `@` as a formula). Use Data → From Text/CSV, choose `{first}.csv`, set "
          "File Origin to 65001: Unicode (UTF-8) and Load: text arrives as text and numbers as numbers, and "
          "nothing is evaluated. LibreOffice asks for the character set when it opens a CSV: choose UTF-8.",
          ""]

    L += ["## How to cite", "", citation_text(info, version, created), "",
          "`CITATION.cff` has the same in Citation File Format.", ""]
    L += ["## Licence", ""]
    for lic in info.licenses:
        label = lic.get("title") or lic.get("name") or lic.get("path")
        path = lic.get("path")
        L.append(f"- {md_escape(label)}" + (f" ({md_escape(path)})" if path and path != label else ""))
    L += [f"- {note}" for note in info.licence_notes]  # our own text, written as Markdown
    L.append("")

    L += ["## Sources", "", "| source | sha256 | published |", "| --- | --- | --- |"]
    for s in sources[:README_SOURCES]:
        title = s.get("title", s["path"])
        L.append(f"| {md_escape(title)} ({md_escape(s['path'])}) | `{s['sha256'][:16]}…` | {md_escape(s.get('published', ''))} |")
    if len(sources) > README_SOURCES:
        L += ["", f"… and {len(sources) - README_SOURCES} more: `datapackage.json` lists every source with its sha256."]
    L.append("")

    L += ["## Caveats", ""] + [f"- {c}" for c in info.caveats] + [""]

    prev = changes.get("previous_version")
    L += ["## Changes", "", (f"Since {prev}: see `CHANGES.md`." if prev else "First release."), ""]
    for name, s in changes["summary"].items():
        if s["status"] != "unchanged":
            L.append(f"- `{name}`: {s['added']} rows added, {s['removed']} removed, {s['changed']} changed")
    L.append("")

    L += ["## Data dictionary", "",
          "Generated from the table models the pipeline validates with; `datapackage.json` states the same "
          "as Table Schema.", ""]
    for model in models.values():
        L.append(data_dictionary(model, heading_level=3))
    return ("\n".join(L).rstrip("\n") + "\n").encode("utf-8")
