"""Number grammar: Arabic digits, Chinese numerals and their mixtures, read into exact values.

Values are computed on integers (a mantissa, a multiplier and a power of ten) and turned into a
float by one correctly rounded division, so ``1.02万亿`` is exactly 1020000000000.0 and the
Chinese numeral of any integer below 2**53 reads back as that integer. Every function returns
``None`` for a string that is not a well-formed number rather than raising: the scanner hands
them whatever the text contains.
"""

from __future__ import annotations

import re

ZERO_CHARS = frozenset("零〇○")
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
    "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}
#: Decimal points of Chinese numerals: 点, and a full stop or a middle dot between numerals (八十一.四).
POINT = frozenset("点點.·")
SCALES: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10**4,
                          "萬": 10**4, "亿": 10**8, "億": 10**8}


def parse_cn_int(text: str) -> int | None:
    """The integer a Chinese numeral writes (``一百零五万`` -> 1050000), or ``None``.

    Accepts the standard forms with 零/〇 placeholders, 两 for two, a leading 十 for ten to
    nineteen, 廿/卅/卌, bare scale words (``百``, ``百万``), financial and Traditional characters,
    and the spoken abbreviation of a trailing digit (``一万五`` = 15000). Digit strings without any
    unit (``二〇二二``) are not numerals in this sense; see ``parse_cn_digits``.
    """
    if not text or len(text) > MAX_DIGITS:
        return None
    return _parse_at_scale(text, "亿億", 10**8, parse_cn_int, _parse_below_yi)


def _parse_below_yi(text: str) -> int | None:
    return _parse_at_scale(text, "万萬", 10**4, _parse_below_wan, _parse_below_wan)


def _parse_at_scale(text: str, marks: str, scale: int, parse_high, parse_low) -> int | None:
    """Split at the last 亿 (or 万): what comes before counts the scale, what comes after is below it.

    The part before 亿 may hold a 万 of its own (一万亿), so it is read by ``parse_high``; without the
    scale word at all the whole text is read by ``parse_low``.
    """
    cut = max(text.rfind(marks[0]), text.rfind(marks[1]))
    if cut < 0:
        return parse_low(text)
    high = text[:cut]
    high_value = parse_high(high) if high else 1
    if high_value is None or high_value == 0:
        return None
    low_value = _parse_lower(text[cut + 1 :], scale, parse_low)
    if low_value is None:
        return None
    return high_value * scale + low_value


_PLACES_BELOW = {10**4: 4, 10**8: 8}


def _parse_lower(text: str, big: int, parse) -> int | None:
    """The part after a 万 or 亿: empty, 零-led, a full numeral, or one abbreviated digit."""
    if not text:
        return 0
    if len(text) == _PLACES_BELOW.get(big) and all(ch in DIGITS for ch in text):
        return parse_cn_digits(text)  # 十六万三八〇〇 = 163800: the places below 万 read one by one
    stripped = text.lstrip("零〇○")
    if not stripped:
        return None
    if stripped == text and len(text) == 1 and text in DIGITS:
        return DIGITS[text] * big // 10  # 一万五 = 15000
    value = parse(stripped)
    if value is None or value >= big:
        return None
    return value


def _parse_below_wan(text: str) -> int | None:
    if not text:
        return None
    total = 0
    digit: int | None = None
    last_unit = 10**4
    zero_pending = False
    for ch in text:
        if ch in ZERO_CHARS:
            if digit is not None:
                return None
            if total == 0:
                return None if len(text) > 1 else 0
            zero_pending = True
            continue
        value = DIGITS.get(ch)
        if value is not None:
            if digit is not None:
                return None
            digit = value
            continue
        unit = SMALL_UNITS.get(ch)
        if unit is not None:
            if unit >= last_unit:
                return None
            if digit is None:
                digit = 1  # 十二, 百, 一千零十
            elif digit == 0:
                return None
            total += digit * unit
            last_unit = unit
            digit = None
            zero_pending = False
            continue
        tens = TENS.get(ch)
        if tens is not None:
            if digit is not None or last_unit <= 10:
                return None
            total += tens
            last_unit = 10
            continue
        return None
    if digit is not None:
        if last_unit == 10**4 or last_unit == 10 or zero_pending:
            total += digit
        else:
            total += digit * last_unit // 10  # 一百五 = 150
    return total


def parse_cn_digits(text: str) -> int | None:
    """Digit-by-digit numerals (``二〇二二`` -> 2022), used for years; ``None`` if not all digits."""
    if not text:
        return None
    value = 0
    for ch in text:
        d = DIGITS.get(ch)
        if d is None:
            return None
        value = value * 10 + d
    return value


def _digits_after_point(text: str) -> str | None:
    out = []
    for ch in text:
        if "0" <= ch <= "9":
            out.append(ch)
        else:
            d = DIGITS.get(ch)
            if d is None:
                return None
            out.append(str(d))
    return "".join(out)


def exact(mantissa: int, multiplier: int = 1, decimals: int = 0) -> float:
    """``mantissa * multiplier / 10**decimals`` rounded once, so scale words add no float error."""
    return (mantissa * multiplier) / 10**decimals


def scale_multiplier(scale: str) -> int | None:
    """``万亿`` -> 10**12: written scale words multiply."""
    mult = 1
    for ch in scale:
        m = SCALES.get(ch)
        if m is None:
            return None
        mult *= m
    return mult


#: More digits than any figure has; longer strings (serial numbers, noise) are not read.
MAX_DIGITS = 40


def parse_arabic(text: str) -> tuple[int, int] | None:
    """``10,511`` / ``59 225`` / ``270·4`` -> (mantissa, decimals)."""
    if len(text) > MAX_DIGITS:
        return None
    cleaned = text.replace(",", "").replace(" ", "").replace("·", ".")
    head, _, tail = cleaned.partition(".")
    if not head.isdigit() or (tail and not tail.isdigit()) or not head.isascii() or not tail.isascii():
        return None
    return int(head + tail), len(tail)


def parse_cn(text: str) -> tuple[int, int] | None:
    """A Chinese numeral with an optional 点 fraction and trailing scale -> (mantissa, decimals).

    ``四十五点四0`` -> (4540, 2); ``三点五万`` -> (35000, 0) after the scale is multiplied in.
    """
    if len(text) > MAX_DIGITS:
        return None
    point = -1
    for i, ch in enumerate(text):
        if ch in POINT:
            point = i
            break
    if point < 0:
        value = parse_cn_int(text)
        return None if value is None else (value, 0)
    int_part = text[:point]
    rest = text[point + 1 :]
    if len(int_part) > 1 and all(ch in DIGITS for ch in int_part):
        int_part = str(parse_cn_digits(int_part))  # 七〇.三 = 70.3: digits read one by one
    j = len(rest)
    while j > 0 and rest[j - 1] in SCALES and rest[j - 1] not in SMALL_UNITS:
        j -= 1
    frac, scale = rest[:j], rest[j:]
    if not frac:
        return None
    int_value = (int(int_part) if int_part.isdigit() else parse_cn_int(int_part)) if int_part else None
    digits = _digits_after_point(frac)
    if int_value is None or digits is None:
        return None
    mult = scale_multiplier(scale) if scale else 1
    if mult is None:
        return None
    mantissa = int(str(int_value) + digits) * mult
    decimals = len(digits)
    # Fold the multiplier into the mantissa while it keeps the value an integer.
    while decimals and mantissa % 10 == 0:
        mantissa //= 10
        decimals -= 1
    return mantissa, decimals


def parse_number(text: str) -> float | None:
    """Any number the scanner finds, in Arabic, Chinese or mixed form, or ``None``.

    ``1.2万亿`` -> 1.2e12, ``3亿5000万`` -> 350000000, ``一百零二点四七`` -> 102.47. Percent and
    fraction forms (``百分之``, ``成``, ``分之``) are units, read by the scanner.
    """
    if not text:
        return None
    if not ("0" <= text[0] <= "9"):
        parsed = parse_cn(text)
        return None if parsed is None else exact(parsed[0], 1, parsed[1])
    if len(text) > MAX_DIGITS:
        return None
    # Fast path for the common forms: 1056, 3.02, 8万, 1.6亿, 1.2万亿.
    head = text.rstrip("十百千万亿萬億")
    if head.isascii():
        whole, dot, frac = head.partition(".")
        if whole.isdigit() and (not dot or frac.isdigit()):
            mult = scale_multiplier(text[len(head) :]) if len(head) < len(text) else 1
            if mult is not None:
                return exact(int(whole + frac), mult, len(frac))
    mantissa, decimals = 0, 0
    previous_mult = None
    pos = 0
    while pos < len(text):
        match = _ARABIC_GROUP.match(text, pos)
        if match is None or match.end() == pos:
            return None
        pos = match.end()
        arabic = parse_arabic(match.group(1).rstrip(" "))
        mult = scale_multiplier(match.group(2)) if match.group(2) else 1
        if arabic is None or mult is None or (previous_mult is not None and mult >= previous_mult):
            return None
        previous_mult = mult
        m, d = arabic[0] * mult, arabic[1]
        if d > decimals:
            mantissa *= 10 ** (d - decimals)
            decimals = d
        mantissa += m * 10 ** (decimals - d)
    return exact(mantissa, 1, decimals)


_ARABIC_GROUP = re.compile(r"([0-9][0-9,. ·]*)([十百千万亿萬億拾佰仟]*)")
