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
