"""Bytes to text: byte-order marks, declared encodings, strict UTF-8, then detection.

Chinese reports come as UTF-8 (with or without BOM), GB2312/GBK/GB18030 or Big5. Statistical
detection alone misreads short or unusual texts, so the order is: a BOM is proof; a sidecar's
encoding is a promise that must hold; strict UTF-8 almost never succeeds by accident on GB or Big5
bytes; only then charset-normalizer guesses. Every candidate must also *read* as Chinese (most of its
Han characters common ones), because GB18030 in particular decodes nearly any byte string.

Decoding never translates newlines: offsets into the published text must match the file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer

from govmetrics.ingest.errors import RejectedFile
from govmetrics.textnorm import to_simplified

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
    (b"\x7fELF", "an executable"),
)
# C0 controls that never occur in text (tab, newlines, form feed and escape do).
_CONTROL = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_SNIFF = 64 * 1024
_MAX_CONTROL_SHARE = 0.01

# The GB family decodes with its superset; Big5 with its common Windows superset.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "hz", "big5": "cp950"}
_FALLBACKS = ("gb18030", "cp950", "big5hkscs")
_MIN_PLAUSIBLE = 0.85
# Valid UTF-8 is almost never an accident, so it only has to beat mojibake (a UTF-8 file decoded
# and re-saved as Latin-1 scores near 0), not look like typical prose.
_MIN_PLAUSIBLE_UTF8 = 0.5


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec that produced it, and how that codec was chosen.

    ``how`` is one of ``bom``, ``declared`` (the sidecar), ``utf-8``, ``hint`` (the page's own
    charset declaration) or ``detected``.
    """

    text: str
    encoding: str
    how: str


def codec_name(name: str) -> str | None:
    """Python's canonical name of an encoding label (``GB2312`` -> ``gb2312``), or ``None``."""
    try:
        return codecs.lookup(name.strip()).name
    except (LookupError, AttributeError):
        return None


def sniff_binary(data: bytes) -> str | None:
    """Why ``data`` is not text (a known file signature, NUL or control bytes), or ``None``."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"looks like {kind}"
    head = data[:_SNIFF]
    nul = head.find(b"\x00")
    if nul >= 0:
        return f"contains NUL bytes (first at byte {nul})"
    controls = sum(1 for b in head if b in _CONTROL)
    if head and controls / len(head) > _MAX_CONTROL_SHARE:
        return f"{controls} control bytes in its first {len(head)} bytes"
    return None


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The 3,755 level-1 characters of GB2312: the commonest Han characters of modern Chinese."""
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _is_cjk_sign(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x2000 <= cp <= 0x206F  # general punctuation: “ ” … — ‰
        or 0x3000 <= cp <= 0x303F  # CJK punctuation: 、 。 《 》 〔 〕
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x2460 <= cp <= 0x24FF  # enclosed numerals ① ②
        or 0x2150 <= cp <= 0x218F  # number forms Ⅰ Ⅱ
        or 0x25A0 <= cp <= 0x25FF  # shapes ■ ○ used as bullets
        or 0x2100 <= cp <= 0x214F  # letterlike: ℃ №
        or ch in "·×÷°±§¨©®"
    )


def plausibility(text: str, sample: int = 20000) -> float:
    """Share of the non-ASCII characters that look like they belong in a Chinese text.

    Han characters count when their Simplified form is a common one; CJK and general punctuation and
    full-width forms count; anything else (Hangul, kana, accented Latin, private use, U+FFFD) does
    not. Mojibake scores well under 0.6, real reports above 0.95. Pure ASCII scores 1.
    """
    chars = [ch for ch in text[: sample * 4] if ord(ch) > 0x7F and not ch.isspace()][:sample]
    if not chars:
        return 1.0
    han = "".join(ch for ch in chars if "\u4e00" <= ch <= "\u9fff")
    common = _common_han()
    good = sum(ch in common for ch in to_simplified(han)) if han else 0
    good += sum(1 for ch in chars if _is_cjk_sign(ch))
    return good / len(chars)


def _utf8_problem(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            return f"not UTF-8: a multi-byte sequence is cut off at byte {exc.start} of {len(data)} (truncated file?)"
        return f"not UTF-8: invalid byte 0x{data[exc.start]:02x} at byte {exc.start}"
    return "valid UTF-8 but not plausible Chinese"


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_bom(data: bytes, name: str, declared: str | None) -> Decoded | None:
    for bom, encoding in _BOMS:
        if not data.startswith(bom):
            continue
        if declared is not None and codec_name(declared) != codec_name(encoding.replace("-sig", "")):
            raise RejectedFile(
                "encoding_mismatch",
                f"{name}: the sidecar says encoding {declared!r} but the file starts with a {encoding} byte-order mark",
            )
        text = _strict(data, encoding)
        if text is None:
            raise RejectedFile("undecodable", f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding}")
        return Decoded(text.lstrip("\ufeff") if encoding != "utf-8-sig" else text, encoding, "bom")
    return None


def _decode_declared(data: bytes, name: str, declared: str) -> Decoded:
    codec = codec_name(declared)
    if codec is None:
        raise RejectedFile("invalid_metadata", f"{name}: the sidecar names encoding {declared!r}, which is not a known encoding")
    codec = _SUPERSETS.get(codec, codec)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise RejectedFile(
            "encoding_mismatch",
            f"{name}: the sidecar says encoding {declared!r} but byte {exc.start} (0x{data[exc.start]:02x}) "
            f"is not valid {codec}{_guess_suffix(data)}",
        ) from None
    if plausibility(text) < _MIN_PLAUSIBLE:
        raise RejectedFile(
            "encoding_mismatch",
            f"{name}: decoding with the sidecar's encoding {declared!r} gives garbled text{_guess_suffix(data)}",
        )
    return Decoded(text, codec, "declared")


def _guess_suffix(data: bytes) -> str:
    try:
        guess = _detect(data)
    except RejectedFile:
        return ""
    return f" (it reads as {guess.encoding})"


def _candidates(data: bytes, hint: str | None) -> list[str]:
    names: list[str] = []
    if hint and (codec := codec_name(hint)):
        names.append(codec)
    for match in charset_normalizer.from_bytes(data[: 256 * 1024]):
        if codec := codec_name(match.encoding):
            names.append(codec)
    names.extend(_FALLBACKS)
    seen: list[str] = []
    for codec in names:
        codec = _SUPERSETS.get(codec, codec)
        if codec not in seen and not codec.startswith(("utf-16", "utf-32")):
            seen.append(codec)
    return seen


def _detect(data: bytes, hint: str | None = None) -> Decoded:
    """The most Chinese-looking strict decoding among the hint, charset-normalizer's and fallbacks."""
    best: tuple[float, int, str, str] | None = None
    for rank, codec in enumerate(_candidates(data, hint)):
        text = _strict(data, codec)
        if text is None:
            continue
        score = plausibility(text)
        if score >= _MIN_PLAUSIBLE and (best is None or (score, -rank) > (best[0], -best[1])):
            best = (score, rank, codec, text)
    if best is None:
        raise RejectedFile("undecodable", "no encoding gives plausible Chinese text")
    _, rank, codec, text = best
    hinted = codec_name(hint) if hint else None
    how = "hint" if hinted and _SUPERSETS.get(hinted, hinted) == codec else "detected"
    return Decoded(text, codec, how)


def decode(data: bytes, name: str, *, declared: str | None = None, hint: str | None = None) -> Decoded:
    """Decode a raw file's bytes, or raise ``RejectedFile`` saying why they are not readable text.

    ``declared`` is the sidecar's encoding (authoritative: a failure is ``encoding_mismatch``);
    ``hint`` is an HTML page's own charset declaration (tried first among guesses, since pages
    often lie about it). ``name`` only serves the messages.
    """
    if (bom := _decode_bom(data, name, declared)) is not None:
        return bom
    if (why := sniff_binary(data)) is not None:
        raise RejectedFile("binary", f"{name}: not a text file: {why}")
    if declared is not None:
        return _decode_declared(data, name, declared)
    text = _strict(data, "utf-8")
    if text is not None and plausibility(text) >= _MIN_PLAUSIBLE_UTF8:
        return Decoded(text, "utf-8", "utf-8")
    try:
        return _detect(data, hint)
    except RejectedFile:
        raise RejectedFile(
            "undecodable", f"{name}: {_utf8_problem(data)}, and no other encoding gives plausible Chinese text"
        ) from None
