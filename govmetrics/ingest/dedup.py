"""The same report saved twice is ingested once.

Two files are the same report when their reading texts (Simplified, half width; see
``govmetrics.textnorm``) are equal once all whitespace is removed: a UTF-8 file, its GB18030 copy and
the article of its web page all qualify. A Traditional copy almost qualifies: converting Simplified
to Traditional and back is not the identity (着 -> 著 stays 著), so a Traditional file matches a
Simplified one when only a few Han characters differ and everything else (every digit, sign and
position) is equal.

Which copy is kept does not depend on the order files are found in: plain text before an HTML page
(no extraction step between the file and the published text), Simplified before Traditional, UTF-8
before other encodings, then the path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govmetrics.ingest.errors import Rejection
from govmetrics.model import Document
from govmetrics.textnorm import normalize

_SPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Han characters a Traditional copy may differ in after conversion back: one per hundred, at least one.
_SCRIPT_TOLERANCE = 0.01

PREFERENCE = "plain text before HTML, Simplified before Traditional, UTF-8 before other encodings, then path order"


def preference(doc: Document) -> tuple[bool, bool, bool, str]:
    """Sort key of the copy to keep: the smallest is kept."""
    return (
        doc.format != "txt",
        doc.meta.get("script") == "traditional",
        not doc.encoding.lower().startswith("utf-8"),
        doc.path,
    )


def reading_key(text: str) -> str:
    """The text as the extractor reads it, with every whitespace character removed."""
    return _SPACE.sub("", normalize(text).text)


@dataclass(slots=True)
class _Kept:
    doc: Document
    key: str
    traditional: bool


def _script_variants(a: str, b: str) -> bool:
    """Equal but for a few Han characters, as a Traditional copy converted back to Simplified is."""
    if len(a) != len(b):
        return False
    han = differing = 0
    for x, y in zip(a, b):
        x_han = "\u4e00" <= x <= "\u9fff"
        if x != y:
            if not (x_han and "\u4e00" <= y <= "\u9fff"):
                return False
            differing += 1
        han += x_han
    return differing <= max(1, int(han * _SCRIPT_TOLERANCE))


def drop_duplicates(documents: list[Document]) -> tuple[list[Document], list[Rejection]]:
    """Documents with one copy of each report (in path order), and a ``duplicate`` rejection per other copy."""
    exact: dict[str, _Kept] = {}
    by_shape: dict[tuple[int, str], list[_Kept]] = {}
    kept: list[Document] = []
    rejected: list[Rejection] = []
    for doc in sorted(documents, key=preference):
        key = reading_key(doc.text)
        traditional = doc.meta.get("script") == "traditional"
        shape = (len(key), _HAN.sub("", key))
        original = exact.get(key)
        if original is None:
            original = next(
                (k for k in by_shape.get(shape, ()) if (traditional or k.traditional) and _script_variants(k.key, key)),
                None,
            )
        if original is not None:
            rejected.append(
                Rejection(
                    source_file=doc.path,
                    sha256=doc.sha256,
                    reason="duplicate",
                    detail=f"{doc.path}: the same report as {original.doc.path}, which is kept ({PREFERENCE})",
                    report_year=doc.meta.get("report_year"),
                )
            )
            continue
        entry = _Kept(doc, key, traditional)
        exact[key] = entry
        by_shape.setdefault(shape, []).append(entry)
        kept.append(doc)
    kept.sort(key=lambda d: d.path)
    rejected.sort(key=lambda r: r.source_file)
    return kept, rejected
