"""Text from reports, sidecars and file names, written into Markdown so that it shows as itself.

Release documents (README.md, CHANGES.md) quote values nobody on the project wrote: titles and
publishers from sidecars, raw file names, labels read from report text. Rendered as Markdown, such a
value could open a heading, a link (``[click](javascript:…)``), raw HTML (``<img onerror=…>``), or
break the table it sits in. ``md_escape`` is the one way such text enters Markdown: every character
Markdown (CommonMark and GitHub's extensions) could read as syntax is backslash-escaped, line breaks
become spaces so a value stays on its line and in its table cell, and control characters, which no
renderer shows faithfully, become U+FFFD. HTML output escapes for HTML on its own.
"""

from __future__ import annotations

import re

# Line breaks and tabs: a value stays on the line (and in the table cell) it was put in.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
# Other C0/C1 controls (terminal escapes, NUL, DEL) and bidirectional overrides.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that start emphasis, code, links, images, raw HTML, autolinks, entities, headings,
# table cells, strikethrough or math; a backslash makes each literal.
_SYNTAX = re.compile(r"([\\`*_\[\]<>|#!&~$])")
# Markers that mean something only at the start of a line (list item, quote, setext underline,
# ordered list): a value may be put at the start of one.
_LEADING = re.compile(r"^(>|[-+=](?=\s|$|[-+=])|\d{1,9}(?=[.)](?:\s|$)))")


def md_escape(value: object) -> str:
    """``value`` as Markdown inline text that renders as exactly that text, on one line.

    Leading and trailing whitespace is dropped: Markdown would drop it, or read leading spaces as
    code.
    """
    text = _CONTROLS.sub("\ufffd", _BREAKS.sub(" ", str(value))).strip()
    text = _SYNTAX.sub(r"\\\1", text)
    match = _LEADING.match(text)
    if match:
        end = match.end()
        text = text[:end] + "\\" + text[end:] if match.group(1)[0].isdigit() else "\\" + text
    return text
