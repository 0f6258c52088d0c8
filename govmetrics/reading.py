"""From a document's published text to its sections and located, attributed mentions.

This is the one place that chains normalization, segmentation and extraction, so the command line
and the pipeline read a document identically.
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


def read_text(
    text: str, *, report_year: int | None = None, default_department: str | None = None
) -> tuple[list[Section], list[LocatedMention]]:
    """Sections and mentions of a published text; every span indexes ``text`` itself."""
    reading = normalize(text)
    sections_norm = segment(reading.text, default_department=default_department)
    sections = [_map_section(s, reading) for s in sections_norm]
    located: list[LocatedMention] = []
    for mention in extract_mentions(reading.text, report_year=report_year):
        section_norm = section_at(sections_norm, mention.start)
        start, end = reading.span(mention.start, mention.end)
        s_start, s_end = reading.span(mention.sentence_start, mention.sentence_end)
        mapped = replace(mention, start=start, end=end, quantity_text=text[start:end],
                          sentence_start=s_start, sentence_end=s_end)
        section = sections[section_norm.seq] if section_norm else None
        headline = bool(section_norm and section_norm.in_headline(mention.start))
        located.append(LocatedMention(mapped, section, headline))
    return sections, located


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
