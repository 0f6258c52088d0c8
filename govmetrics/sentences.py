"""The ``sentence`` published with each figure: the sentence around it, never more than a few hundred characters.

A report's sentence can be a whole paragraph, and a badly converted page can be one line of
hundreds of thousands of characters with no sentence punctuation at all. Publishing that line with
every figure in it makes the tables grow with the square of the line, so a sentence longer than
``SENTENCE_CAP`` characters is cut down to the clauses around the figure (the text between 。，；、…
breaks), as many as fit, preferring the clause before (where a Chinese subject stands); a cut end is
marked with ``…``. Only ``SENTENCE_CAP`` characters on each side of the figure are ever looked at, so
the cost per figure is bounded and a long line costs linear time.
"""

from __future__ import annotations

#: The longest ``sentence`` published, in characters (an ellipsis at a cut end included).
SENTENCE_CAP = 200
ELLIPSIS = "…"
_BREAKS = frozenset("。！？!?；;，,、：:\n\r")
_SPACE = " \t\u3000\r\n"


def _clause_start(text: str, lo: int, pos: int, s0: int) -> int | None:
    """Start of the clause holding ``pos`` (just after the last break before it, or ``s0``).

    Looks no further back than ``lo``: None when the clause starts before that.
    """
    i = pos - 1
    while i >= lo and text[i] not in _BREAKS:
        i -= 1
    if i < lo and lo > s0:
        return None
    return i + 1


def _clause_end(text: str, pos: int, hi: int, s1: int) -> int | None:
    """End of the clause from ``pos`` on (its closing break included, or ``s1``); None past ``hi``."""
    i = pos
    while i < hi and text[i] not in _BREAKS:
        i += 1
    if i >= hi:
        return s1 if hi >= s1 else None
    return i + 1


def bounded_sentence(
    text: str, sentence_start: int, sentence_end: int, start: int, end: int, cap: int = SENTENCE_CAP
) -> str:
    """The sentence ``text[sentence_start:sentence_end]`` around the figure ``text[start:end]``, at most ``cap`` characters.

    The result always contains the figure. A sentence within the cap is returned whole (stripped).
    """
    s0, s1 = max(0, min(sentence_start, start)), max(sentence_end, end)
    while s0 < start and text[s0] in _SPACE:
        s0 += 1
    while s1 > end and text[s1 - 1] in _SPACE:
        s1 -= 1
    if s1 - s0 <= cap:
        return text[s0:s1] or text[start:end]
    if end - start >= cap - 2:
        return text[start:end]
    budget = cap - 2  # room for an ellipsis at each cut end
    lo, hi = max(s0, end - budget), min(s1, start + budget)
    left, right = _clause_start(text, lo, start, s0), _clause_end(text, end, hi, s1)
    if left is None or right is None or right - left > budget:
        # One clause longer than the cap: a window on the figure, two thirds of the room before it.
        spare = budget - (end - start)
        left = max(s0, start - (2 * spare) // 3)
        right = min(s1, left + budget)
        left = max(s0, right - budget)
    else:
        # Whole clauses, as many as fit: the one before first, then the one after, and so on.
        grown = True
        while grown:
            grown = False
            if left > s0:
                new_left = _clause_start(text, max(s0, right - budget), left - 1, s0)
                if new_left is not None and new_left < left:
                    left, grown = new_left, True
            if right < s1:
                new_right = _clause_end(text, right, min(s1, left + budget), s1)
                if new_right is not None and new_right > right:
                    right, grown = new_right, True
    while left < start and text[left] in _SPACE:
        left += 1
    while right > end and text[right - 1] in _SPACE:
        right -= 1
    return (ELLIPSIS if left > s0 else "") + text[left:right] + (ELLIPSIS if right < s1 else "")
