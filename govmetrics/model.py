"""Plain records passed between the reading, segmentation and extraction steps.

They are dataclasses rather than DataFrames so that the pure functions stay cheap to call on one
sentence in a test; the pipeline turns lists of them into the published tables.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUALIFIERS = ("exact", "approx", "nearly", "more_than", "at_least", "at_most", "less_than")
ROLES = ("value", "baseline", "change", "target", "rank")
DIRECTIONS = ("up", "down")


@dataclass(frozen=True, slots=True)
class Mention:
    """One number in a report that states a measured fact (see the mention contract in the README).

    ``start``/``end`` index the text the extractor was given; callers that normalized the text for
    reading map them back to the published text before anything is stored.
    """

    start: int
    end: int
    quantity_text: str
    value: float | None
    unit: str | None
    qualifier: str = "exact"
    role: str = "value"
    direction: str | None = None
    label: str | None = None
    period: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Section:
    """A department's part of a report: heading line, headline-figure line and body paragraphs.

    The introduction before the first department heading is a section too, with ``department``
    ``None``, so that every character of the text belongs to exactly one section.
    """

    seq: int
    department: str | None
    start: int
    end: int
    heading_start: int | None = None
    heading_end: int | None = None
    headline_start: int | None = None
    headline_end: int | None = None

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end

    def in_headline(self, pos: int) -> bool:
        return self.headline_start is not None and self.headline_start <= pos < (self.headline_end or 0)


@dataclass(slots=True)
class Document:
    """A raw report read into text, with what is known about it.

    ``text`` is the published text (the file's decoded text, or the article text of an HTML page);
    spans in every table index it.
    """

    path: str
    sha256: str
    text: str
    encoding: str
    format: str
    meta: dict[str, Any] = field(default_factory=dict)
