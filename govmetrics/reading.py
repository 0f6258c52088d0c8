"""From a document's published text to its sections and located, attributed mentions.

This is the one place that chains normalization, segmentation and extraction, so the command line
and the pipeline read a document identically. Everything returned indexes the published text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from govmetrics.extract import extract_mentions
from govmetrics.model import Mention, Section
from govmetrics.segment import section_at, segment
from govmetrics.textnorm import Normalized, normalize


@dataclass(frozen=True, slots=True)
class LocatedMention:
    """A mention with spans in the published text and the section it was found in."""

    mention: Mention
    section: Section | None
    headline: bool

    @property
    def department(self) -> str | None:
        return self.section.department if self.section else None


def read_sections(
    text: str, *, default_department: str | None = None, reading: Normalized | None = None
) -> list[Section]:
    """Department sections of a published text (spans index ``text``; names in Simplified).

    ``reading`` is ``normalize(text)`` when the caller has it already (normalizing is not free).
    """
    reading = reading or normalize(text)
    return [_map_section(s, reading) for s in segment(reading.text, default_department=default_department)]


def read_mentions(
    text: str, sections: list[Section], *, report_year: int | None = None, reading: Normalized | None = None
) -> list[LocatedMention]:
    """Mentions of a published text, each attributed to the section that contains it."""
    reading = reading or normalize(text)
    located: list[LocatedMention] = []
    starts = [s.start for s in sections]
    for mention in extract_mentions(reading.text, report_year=report_year):
        start, end = reading.span(mention.start, mention.end)
        s_start, s_end = reading.span(mention.sentence_start, mention.sentence_end)
        mapped = replace(
            mention, start=start, end=end, quantity_text=text[start:end], sentence_start=s_start, sentence_end=s_end
        )
        section = section_at(sections, start, starts)
        located.append(LocatedMention(mapped, section, bool(section and section.in_headline(start))))
    return located


def read_text(
    text: str, *, report_year: int | None = None, default_department: str | None = None
) -> tuple[list[Section], list[LocatedMention]]:
    """Sections and mentions of a published text; every span indexes ``text`` itself."""
    reading = normalize(text)
    sections = read_sections(text, default_department=default_department, reading=reading)
    return sections, read_mentions(text, sections, report_year=report_year, reading=reading)


def _map_section(section: Section, reading: Normalized) -> Section:
    def pos(p: int | None) -> int | None:
        return None if p is None else reading.position(p)

    return replace(
        section,
        start=reading.position(section.start),
        end=reading.position(section.end),
        heading_start=pos(section.heading_start),
        heading_end=pos(section.heading_end),
        headline_start=pos(section.headline_start),
        headline_end=pos(section.headline_end),
    )
