"""``md_escape``: any text, put into Markdown where the release documents put values, renders as itself.

Rendering is checked with a CommonMark parser (markdown-it, with GitHub's tables and strikethrough),
in the three places values go: running text, a list item and a table cell.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from govmetrics.markdown import md_escape

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAK = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
# Markdown syntax characters, weighted up so that drawn text is mostly the hard cases.
SYNTAX = list("\\`*_[]()<>|#!&~$-+=.:;'\"/ \n\t1234567890") + ["javascript:", "http://", "&amp;", "&#x3C;", "<img src=x>", "```"]
hostile = st.lists(st.sampled_from(SYNTAX) | st.characters(exclude_categories=("Cs",)), max_size=40).map("".join)


def _shown(value: str) -> str:
    """What the reader must see: the value on one line, controls as U+FFFD, without outer spaces."""
    return _CONTROL.sub("\ufffd", _BREAK.sub(" ", value)).strip()


def _rendered(markdown: str, kinds: set[str]) -> list[str]:
    """The text of each inline run as a reader sees it; every token type seen is added to ``kinds``."""
    out = []
    for t in MARKDOWN.parse(markdown):
        if t.type == "inline":
            for child in t.children or []:
                kinds.add(child.type)
            out.append("".join(c.content for c in t.children or [] if c.type in ("text", "text_special")))
        kinds.add(t.type)
    return out


@settings(max_examples=500, deadline=None)
@given(hostile)
def test_escaped_text_reads_as_itself_in_text_lists_and_tables(value):
    escaped = md_escape(value)
    assert "\n" not in escaped and "\r" not in escaped
    shown = _shown(value)
    for markdown, expect in [
        (f"Cities: {escaped}", [f"Cities: {shown}".rstrip()]),
        (f"- {escaped}", [shown] if shown else []),
        (f"| a | b |\n| --- | --- |\n| {escaped} | x |", ["a", "b", shown, "x"]),
    ]:
        kinds: set[str] = set()
        texts = _rendered(markdown, kinds)
        assert not kinds & {"html_inline", "html_block", "link_open", "image", "code_inline", "em_open",
                            "strong_open", "s_open", "heading_open", "blockquote_open", "ordered_list_open",
                            "hr", "code_block", "fence"}, (markdown, kinds)
        assert texts == expect, markdown


@pytest.mark.parametrize(
    "value",
    [
        "报告\n# 注入的标题",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "海川日报\x1b[31m红\x1b[0m",
        "a | b | c",
        "1. 第一",
        "&lt;script&gt;",
        "    缩进的代码",
    ],
)
def test_the_drilled_injections_are_shown_not_run(value):
    kinds: set[str] = set()
    assert _rendered(f"- {md_escape(value)}", kinds) == [_shown(value)]
    assert "bullet_list_open" in kinds and not kinds & {"html_inline", "link_open", "heading_open", "ordered_list_open"}
