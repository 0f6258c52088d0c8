"""Reading normalization: Traditional to Simplified, full width to half width, with an offset map.

Reports are published in Simplified or Traditional script, with ASCII or full-width digits. The
extractor reads one canonical form; every span it finds is mapped back through ``Normalized.span``
so that published offsets always index the text as it was published.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import opencc

# Full-width ASCII block (！ .. ～) sits at a fixed offset from ASCII; U+3000 is the ideographic space.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized text and, for each of its characters, the offset it came from in the original."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalized text back to the original text."""
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def position(self, pos: int) -> int:
        return self.origin[pos] if pos < len(self.origin) else self.original_length


def fold_width(text: str) -> str:
    """Full-width digits, letters and signs to ASCII; one character for one, so offsets hold."""
    return text.translate(_WIDTH)


def to_simplified(text: str) -> str:
    """Traditional to Simplified with OpenCC, keeping one character for one.

    OpenCC converts by phrase; t2s phrases almost always keep their length. A line whose length
    changes is converted character by character instead, so the offset map stays exact.
    """
    if text.isascii():
        return text
    converter = _t2s()
    out = []
    for line in text.splitlines(keepends=True):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c) == 1 else ch for ch, c in ((ch, converter.convert(ch)) for ch in line))
        out.append(converted)
    return "".join(out)


def normalize(text: str) -> Normalized:
    """The canonical reading form of a published text, with its offset map."""
    folded = to_simplified(fold_width(text))
    return Normalized(folded, tuple(range(len(text))), len(text))


def is_traditional(text: str) -> bool:
    """Whether conversion to Simplified changes a noticeable share of the Han characters."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return False
    sample = "".join(han[:20000])
    changed = sum(a != b for a, b in zip(sample, to_simplified(sample)))
    return changed / len(sample) > 0.02
