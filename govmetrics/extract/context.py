"""Sentence and clause spans of a text, found once and looked up by position.

Roles, periods and labels are read from the clause a number sits in (the text between two commas
or semicolons) and from its sentence. The delimiters are found in one regex pass over the text
and looked up with ``bisect``, so a lookup costs the same anywhere in a long report.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# A comma between digits is a thousands separator (10,511), not a clause break. (The lookahead lets
# the regex engine skip to candidate characters.)
_CLAUSE_BREAK = re.compile(r"(?=[。！？!?\n\r，；;：:,])(?:[。！？!?\n\r，；;：:]|(?<![0-9]),|,(?![0-9]))")
_SENTENCE_BREAKS = frozenset("。！？!?\n\r")
# A line break right after one of these is a hard wrap inside a sentence (交易额270·4亿元，\n同比增长…):
# it breaks nothing more than the punctuation before it already does. (After ；or ： it starts the next
# item of a list, which stays a sentence of its own.)
_WRAP_AFTER = frozenset("，,、")
# A line of running text (it holds punctuation of its own) broken off inside a phrase, with the next line
# opening on a figure (完成投资\n超过50亿元), is wrapped too: the figure belongs to the phrase before it.
_FIGURE_START = re.compile(
    r"(?:大约|约|近|将近|接近|超过|超|逾|突破|不足|不到|达到|达|共|累计)?[0-9]"
    r"|(?:大约|约|近|将近|接近|超过|超|逾|突破|不足|不到|达到|达|共|累计)[一二两三四五六七八九十百千万]"
)
_RUNNING_TEXT = ("，", "。", "；", ",", ";", "：")
_FIGURE_FIRST = frozenset("0123456789大约近将接超逾突不达共累")


def positions(text: str, char: str) -> set[int]:
    """Where ``char`` is written in ``text`` (found by ``str.find``, which skips ahead in C)."""
    out = set()
    i = text.find(char)
    while i >= 0:
        out.add(i)
        i = text.find(char, i + 1)
    return out


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _wrapped_phrase(text: str, pos: int) -> bool:
    """Whether the line break at ``pos`` cuts a phrase of running text before a figure."""
    if _FIGURE_START.match(text, pos + 1) is None:
        return False
    line_start = text.rfind("\n", 0, pos) + 1
    return any(text.find(mark, line_start, pos) >= 0 for mark in _RUNNING_TEXT)


class Context:
    """Where the clauses and sentences of one text begin and end."""

    __slots__ = ("text", "_clause_ends", "_sentence_ends")

    def __init__(self, text: str) -> None:
        self.text = text
        clause_ends = []
        sentence_ends = []
        for m in _CLAUSE_BREAK.finditer(text):
            pos = m.start()
            ch = text[pos]
            if ch in "\n\r" and pos > 0:
                before = text[pos - 1] if text[pos - 1] not in " \t" or pos < 2 else text[pos - 2]
                if before in _WRAP_AFTER or (
                    text[pos + 1 : pos + 2] in _FIGURE_FIRST and _is_han(before) and _wrapped_phrase(text, pos)
                ):
                    continue
            clause_ends.append(pos)
            if ch in _SENTENCE_BREAKS:
                sentence_ends.append(pos)
        self._clause_ends = clause_ends
        self._sentence_ends = sentence_ends

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause containing the character at ``pos`` (delimiters excluded)."""
        breaks = self._clause_ends
        i = bisect_right(breaks, pos)
        start = breaks[i - 1] + 1 if i > 0 else 0
        end = breaks[i] if i < len(breaks) else len(self.text)
        return start, end

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence containing ``pos``, with its closing punctuation."""
        breaks = self._sentence_ends
        i = bisect_right(breaks, pos)
        start = breaks[i - 1] + 1 if i > 0 else 0
        end = breaks[i] + 1 if i < len(breaks) and self.text[breaks[i]] not in "\n\r" else (
            breaks[i] if i < len(breaks) else len(self.text)
        )
        while start < end and self.text[start] in " \t\u3000":
            start += 1
        return start, end

    def previous_clause(self, clause_start: int) -> tuple[int, int] | None:
        """The clause before the one starting at ``clause_start``, if it is in the same sentence."""
        if clause_start <= 0:
            return None
        brk = clause_start - 1
        if self.text[brk] in _SENTENCE_BREAKS:
            return None
        return self.clause(brk - 1) if brk > 0 else None
