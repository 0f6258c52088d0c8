"""Errors that stop a release; each means nothing was published."""

from __future__ import annotations


class ReleaseError(Exception):
    """A release could not be published; the previous release and the pointer are untouched."""


class ReleaseValidationError(ReleaseError):
    """A table breaks its model, or the built package fails Frictionless validation."""

    def __init__(self, message: str, *, table: str | None = None) -> None:
        super().__init__(message)
        self.table = table


class ReleaseDiffError(ReleaseError):
    """The diff against the previous release cannot be made, so the release would be undocumented."""


class ReleaseIntegrityError(ReleaseDiffError):
    """The previous release no longer matches its checksums, so nothing can be compared with it.

    Published releases are immutable: damage is repaired by restoring the files, never by
    publishing over it, so the build refuses until ``govmetrics verify`` passes again.
    """
