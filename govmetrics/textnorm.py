"""Reading normalization: Traditional to Simplified, full width to half width, with an offset map.

Reports are published in Simplified or Traditional script, with ASCII or full-width digits. The
extractor reads one canonical form; every span it finds is mapped back through ``Normalized.span``
so that published offsets always index the text as it was published.

Reposts also carry noise inside phrases, which the reading form drops (the offset map keeps
pointing into the published text, so a figure read as ``419亿元`` is published as ``419\n亿元``):

- pinyin glosses after characters, ``萬(wàn)個(gè)``, with or without tone marks (``增(zeng)长(chang)``);
- spaces between a figure and the words around it, ``达 3.02%``, ``3.02 %``;
- a line break between a figure and its scale word or unit, ``419\n亿元``.

Spaces between two digits stay: ``59 225`` is a thousands separator.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import opencc

# Full-width ASCII block (！ .. ～) sits at a fixed offset from ASCII; U+3000 is the ideographic space.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH[0xFE6A] = ord("%")  # small percent sign
_WIDTH[0x30FB] = _WIDTH[0xFF65] = 0xB7  # katakana middle dots, used like · as a decimal point

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# Candidates for noise: runs of blanks (a line break included) and short parenthesised Latin text.
_NOISE = re.compile(r"[ \t\r\n]+|\([A-Za-zü" + _TONED + r" 1-5]{1,40}\)")
_GLOSS = re.compile(r"\((?=[^)]*[" + _TONED + r"])[A-Za-zü" + _TONED + r"]+(?: [A-Za-zü" + _TONED + r"]+)*\)")
# Reposts also gloss without tone marks, inside words (增(zeng)长(chang), 增(zeng1)): a parenthesised run
# of lowercase syllables of Mandarin, two letters or more each (a lone letter, 参见(a)项, is a list mark).
_SYLLABLE = (
    r"(?:[bpmf](?:a|ai|an|ang|ao|ei|en|eng|i|ian|iao|ie|in|ing|o|ou|u|iu)"
    r"|[dt](?:a|ai|an|ang|ao|e|ei|en|eng|i|ia|ian|iao|ie|ing|iu|ong|ou|u|uan|ui|un|uo)"
    r"|[nl](?:a|ai|an|ang|ao|e|ei|en|eng|i|ia|ian|iang|iao|ie|in|ing|iu|o|ong|ou|u|uan|un|uo|v|ve|ü|üe)"
    r"|(?:[gkh]|zh|ch|sh)(?:a|ai|an|ang|ao|e|ei|en|eng|ong|ou|u|ua|uai|uan|uang|ui|un|uo)"
    r"|[zcsr](?:a|ai|an|ang|ao|e|ei|en|eng|i|ong|ou|u|uan|ui|un|uo)|(?:zh|ch|sh)i"
    r"|[jqx](?:i|ia|ian|iang|iao|ie|in|ing|iong|iu|u|uan|ue|un)"
    r"|y(?:a|an|ang|ao|e|i|in|ing|o|ong|ou|u|uan|ue|un)|w(?:a|ai|an|ang|ei|en|eng|o|u)"
    r"|ai|an|ang|ao|ei|en|eng|er|ou)"
)
_TONELESS_GLOSS = re.compile(r"\(" + _SYLLABLE + r"[1-5]?(?: ?" + _SYLLABLE + r"[1-5]?)*\)")
_DIGIT = frozenset("0123456789")
_FIGURE_SIDE = frozenset("0123456789%‰")
_SCALE_WORDS = frozenset("十百千万亿萬億")
# A blank is dropped only where it splits a figure from the words that belong to it: after the
# figure, a scale word, a unit or a trailing qualifier; before it, the last character of a verb,
# qualifier or comparison that introduces figures. Other blanks (2022-11-25 来源) are left alone.
_AFTER_FIGURE = frozenset(
    "十百千万亿萬億%‰个個家所项項次人名件处處张張支位元户戶套辆輛亩畝吨噸米倍岁歲以左余餘多平公立小分天年周週"
    "场場条條台部本座批种種类類对對块塊卷床宗起笔筆美欧歐港标標"
)
_BEFORE_FIGURE = frozenset(
    "的由从從在达達为為约約近超逾共计計长長降减減升高低于於到至是有占过過破足满滿增加少多及和与與或比较較短大第每居列"
    # The last characters of the verbs of change and of the words that share them over a list
    # (压缩 31%, 上涨 2%, 下调 0.5个百分点, 分别 12%、15%, 均 98%以上).
    "缩縮涨漲调調跌扬揚滑落窄缓緩幅速快浮轻輕省收产產容耗价價亏虧别別均概"
)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized text and, for each of its characters, the offset it came from in the original."""

    text: str
    origin: Sequence[int]
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
    changes is converted character by character instead, so the offset map stays exact. Short texts
    (units, labels, department names, looked up hundreds of thousands of times in a build) are
    remembered.
    """
    if text.isascii():
        return text
    if len(text) <= _SHORT:
        return _short_to_simplified(text)
    return _to_simplified(text)


_SHORT = 24


@lru_cache(maxsize=65536)
def _short_to_simplified(text: str) -> str:
    return _to_simplified(text)


def _to_simplified(text: str) -> str:
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
    folded = fold_width(text)
    drops = _noise_spans(folded)
    if not drops:
        return Normalized(to_simplified(folded), range(len(text)), len(text))
    pieces = []
    keep_ranges = []
    pos = 0
    for start, end in drops:
        pieces.append(folded[pos:start])
        keep_ranges.append(range(pos, start))
        pos = end
    pieces.append(folded[pos:])
    keep_ranges.append(range(pos, len(folded)))
    return Normalized(to_simplified("".join(pieces)), tuple(chain.from_iterable(keep_ranges)), len(text))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _digit_before(text: str, pos: int) -> bool:
    """Whether a digit comes right before ``pos``, blanks skipped (``8 万 人``)."""
    k = pos - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k >= 0 and text[k] in _DIGIT


def _noise_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (already width-folded) that the reading form leaves out."""
    drops = []
    n = len(text)
    for m in _NOISE.finditer(text):
        start, end = m.span()
        before = text[start - 1] if start > 0 else ""
        if drops and drops[-1][1] == start and drops[-1][0] > 0:
            before = text[drops[-1][0] - 1]  # 降(jiang) 5%: a blank after a gloss follows the glossed word
        after = text[end] if end < n else ""
        if text[start] == "(":
            if before and _is_han(before) and (_GLOSS.fullmatch(m.group()) or _TONELESS_GLOSS.fullmatch(m.group())):
                drops.append((start, end))
            continue
        breaks = m.group().count("\n")
        if breaks == 0:
            # 达 3.02%, 419 亿元, 3.02 %: one side a figure, the other a character or a sign.
            if (before in _DIGIT and after in _DIGIT) or not before or not after:
                continue
            figure_before = before in _FIGURE_SIDE or (before in _SCALE_WORDS and _digit_before(text, start - 1))
            signed_figure = after in "-−" and end + 1 < n and text[end + 1] in _DIGIT  # 增长 -4.7%
            if (figure_before and after in _AFTER_FIGURE) or (before in _BEFORE_FIGURE and (after in _DIGIT or signed_figure)):
                drops.append((start, end))
        elif breaks == 1 and before in _DIGIT and after in _AFTER_FIGURE:
            drops.append((start, end))  # 419\n亿元
    return drops


def is_traditional(text: str) -> bool:
    """Whether conversion to Simplified changes a noticeable share of the Han characters."""
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return False
    sample = "".join(han[:20000])
    changed = sum(a != b for a, b in zip(sample, to_simplified(sample)))
    return changed / len(sample) > 0.02
