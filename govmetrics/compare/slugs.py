"""Readable ids for indicators the catalogue does not know: the pinyin of their name.

An analyst reading ``justice.auto_xing_zheng_zheng_yi_shou_li`` sees the department and, spoken, the
Chinese name (行政争议受理); ``auto_`` says the catalogue does not vouch for it, and a catalogue id
(English words) can never take the same spelling. A new id is minted once, when an indicator is first
published; from then on the registry keeps it, so a change of the pinyin library never renames an
indicator already published.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pypinyin import Style, lazy_pinyin

AUTO = "auto_"
# Syllables kept: enough to read the name, short enough to type. Names differing only after them are
# told apart by a number.
MAX_SYLLABLES = 10
NO_DEPARTMENT = "general"
_NOT_ID = re.compile(r"[^a-z0-9]+")


def pinyin_words(text: str) -> list[str]:
    """The syllables of a label without tones; letters and digits are kept as words of their own."""
    words: list[str] = []
    for piece in lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [chars]):
        word = _NOT_ID.sub("_", piece.lower().replace("ü", "v")).strip("_")
        words.extend(w for w in word.split("_") if w)
    return words


def base_slug(department_id: str | None, normalized_label: str) -> str:
    """The id a label would get if no other indicator had it yet."""
    words = pinyin_words(normalized_label)[:MAX_SYLLABLES] or ["unnamed"]
    return f"{department_id or NO_DEPARTMENT}.{AUTO}{'_'.join(words)}"


def mint(department_id: str | None, normalized_label: str, taken: Callable[[str], bool]) -> str:
    """A new id for the label: its base slug, or the first ``_2``, ``_3`` … that ``taken`` says is free."""
    base = base_slug(department_id, normalized_label)
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}_{n}"
    return candidate
