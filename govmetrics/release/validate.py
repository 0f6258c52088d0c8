"""Frictionless validation of a built release, run before it is renamed into place."""

from __future__ import annotations

from pathlib import Path

from govmetrics.release.errors import ReleaseValidationError


def validate_datapackage(path: Path, *, limit: int = 20) -> None:
    """Raise unless ``frictionless.validate`` accepts the package and every resource in it.

    This checks what pandera cannot see: the files as written (bytes, sha256, CSV parsing against
    the Table Schema) and foreign keys between tables.
    """
    import frictionless  # imported here: it is slow to import and only publishing needs it

    report = frictionless.validate(str(path))
    if report.valid:
        return
    problems = [f"package: {e.message}" for e in report.errors]
    for task in report.tasks:
        problems += [f"{task.name}: {e.message}" for e in task.errors]
    shown = "\n".join(problems[:limit])
    more = f"\n... and {len(problems) - limit} more" if len(problems) > limit else ""
    raise ReleaseValidationError(f"the release fails Frictionless validation:\n{shown}{more}")
