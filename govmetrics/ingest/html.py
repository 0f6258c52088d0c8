"""The article of a government news page, as plain text laid out like the ``.txt`` reports.

A saved page carries far more than the report: top bar, search, menus, breadcrumbs, the
字体大小/打印/关闭窗口 bar, related links, a copyright footer and scripts, all of them with numbers an
extractor would happily read (``© 2022``, ``doZoom(18)``, ids in scripts). Only the article counts:
its title and info line (site, 发布日期, 来源) on top, then one paragraph per line with a blank line
between paragraphs, so that a page and the text file of the same report read the same.

The article container is found by the class names content-management systems of Chinese government
sites use, and failing that by where the paragraph text is densest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Never content, wherever they sit.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "form", "button", "input", "select", "textarea", "nav", "aside",
)
# Page furniture, recognised by a class or id token (``tools-bar`` -> ``tools``, ``bar``).
_FURNITURE = frozenset(
    """nav navbar menu breadcrumb breadcrumbs crumb crumbs bread position location footer foot
    copyright topbar toolbar tools tool share print related relate relevant links friendlink
    sidebar side search banner comment comments login ad ads advert qrcode ewm""".split()
)
# Content-management systems' article containers, most specific first.
_ARTICLE_SELECTORS = (
    "#zoom", ".TRS_Editor", "#UCAP-CONTENT", ".pages_content", ".article-content", ".article_content",
    ".art_con", ".view", "div.article", "article", ".detail-content", ".news_content", ".content",
    "#content", ".main-text", ".text",
)
_BLOCK_TAGS = frozenset(
    """p div h1 h2 h3 h4 h5 h6 li ul ol tr table tbody thead tfoot blockquote section article
    header main pre center dd dt dl figure figcaption caption hr address""".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MIN_ARTICLE_HAN = 20
_MAX_INFO_CHARS = 200
_INFO = re.compile(r"(发布|来源|日期|时间|來源|發佈|發布)")
_DATE = re.compile(r"(19|20)\d{2}\s*[-/.年]\s*\d{1,2}")
# Reader tools and counters that share a line with the info, or sit inside the article.
_INFO_NOISE = re.compile(
    r"(?:浏览次数|浏览量|点击数|点击量|点击率|阅读次数|阅读量|访问量|瀏覽次數)\s*[:：]?\s*\d*"
    r"|【?\s*字[体號号]大?小?\s*[:：]?\s*(?:[大中小]\s*){0,3}】?"
    r"|【?\s*(?:打印(?:本页)?|关闭(?:窗口|本页)?|收藏|分享到?)\s*】?"
)
_BOILERPLATE_LINE = re.compile(
    r"字体大小|字号\s*[:：]|关闭窗口|打印本页|^【?\s*打印\s*】?$|^【?\s*关闭\s*】?$|分享到|扫一扫|"
    r"©|&copy;|[Cc]opyright|版权所有|当前位置\s*[:：]|您的位置\s*[:：]"
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_META_FIELDS = {
    "articletitle": "title",
    "og:title": "title",
    "pubdate": "published",
    "firstpublishedtime": "published",
    "contentsource": "publisher",
    "sitename": "site",
    "og:site_name": "site",
}


@dataclass(frozen=True, slots=True)
class Article:
    """The article text of a page and what its ``<meta>`` tags say about it.

    ``meta`` holds ``title``/``published``/``publisher``/``site`` from the page head; they rank below
    the visible header and the sidecar when metadata is merged.
    """

    text: str
    meta: dict[str, str] = field(default_factory=dict)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes (``<meta charset>`` or http-equiv)."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def extract_article(html: str) -> Article | None:
    """The article of a page, or ``None`` when the page has no article (a menu page, a redirect)."""
    tree = LexborHTMLParser(html)
    meta = _head_meta(tree)
    body = tree.body
    if body is None:
        return None
    for tag in _DROP_TAGS:
        for node in body.css(tag):
            node.decompose()
    title = _title_node(body)
    _prune_furniture(body, keep=title)
    article = _article_node(body)
    if article is None:
        return None
    paragraphs = [line for line in _lines(article) if not _BOILERPLATE_LINE.search(line)]
    if sum(len(_HAN.findall(line)) for line in paragraphs) < _MIN_ARTICLE_HAN:
        return None
    header = []
    if title is not None and not _inside(title, article):
        header.append(_collapse(title.text(separator=" ")))
    info = _info_line(body, article, title)
    if info:
        header.append(info)
    text = "\n".join(h for h in header if h)
    text = (text + "\n\n" if text else "") + "\n\n".join(paragraphs) + "\n"
    return Article(text=text, meta=meta)


def _collapse(text: str) -> str:
    return _HTML_SPACE.sub(" ", text).strip()


def _head_meta(tree: LexborHTMLParser) -> dict[str, str]:
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        key = (node.attributes.get("name") or node.attributes.get("property") or "").strip().lower()
        value = _collapse(node.attributes.get("content") or "")
        if key in _META_FIELDS and value:
            meta.setdefault(_META_FIELDS[key], value)
    title = tree.css_first("title")
    if title is not None and "title" not in meta:
        head = re.split(r"\s*[_|｜–—-]\s*", _collapse(title.text()))[0]
        if head:
            meta["title"] = head
    return meta


def _tokens(node: LexborNode) -> set[str]:
    attrs = node.attributes
    words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return {token for token in re.split(r"[\s_-]+", words) if token}


def _inside(node: LexborNode, ancestor: LexborNode) -> bool:
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id == ancestor.mem_id:
            return True
        current = current.parent
    return False


def _title_node(body: LexborNode) -> LexborNode | None:
    """The visible title: an ``<h1>`` (one marked as a title first), else an element classed ``title``."""
    candidates = [n for n in body.css("h1") if _collapse(n.text())]
    marked = [n for n in candidates if any("title" in token for token in _tokens(n))]
    if marked or candidates:
        return (marked or candidates)[0]
    for node in body.css(".title, h2"):
        if 0 < len(_collapse(node.text())) <= 100:
            return node
    return None


def _prune_furniture(body: LexborNode, keep: LexborNode | None) -> None:
    """Remove menus, breadcrumbs, tool bars, related links and footers.

    Never the title, and never an element holding most of the page's text: a class name such as
    ``position-relative`` on an article container must not throw the article away.
    """
    total = _han_count(body)
    doomed = []
    for node in body.traverse():
        if node.tag in ("header", "footer") or _tokens(node) & _FURNITURE:
            if (keep is not None and _inside(keep, node)) or _han_count(node) * 2 > total:
                continue
            doomed.append(node)
    # Outermost first, and skip descendants of a node already removed.
    removed: list[LexborNode] = []
    for node in doomed:
        if any(_inside(node, r) for r in removed):
            continue
        removed.append(node)
    for node in removed:
        node.decompose()


def _han_count(node: LexborNode) -> int:
    return len(_HAN.findall(node.text()))


def _article_node(body: LexborNode) -> LexborNode | None:
    for selector in _ARTICLE_SELECTORS:
        matches = [n for n in body.css(selector) if _han_count(n) >= _MIN_ARTICLE_HAN]
        if matches:
            return max(matches, key=_han_count)
    # Fall back to the element whose own paragraphs hold the most Han text, links excluded.
    scores: dict[int, tuple[int, LexborNode]] = {}
    for para in body.css("p, td, pre, div"):
        if para.tag in ("div", "td") and any(c.tag in _BLOCK_TAGS for c in para.iter()):
            continue
        han = _han_count(para) - sum(_han_count(a) for a in para.css("a"))
        parent = para.parent or para
        if han > 0:
            score, _ = scores.get(parent.mem_id, (0, parent))
            scores[parent.mem_id] = (score + han, parent)
    if not scores:
        return None
    score, node = max(scores.values(), key=lambda item: item[0])
    return node if score >= _MIN_ARTICLE_HAN else None


def _lines(node: LexborNode) -> list[str]:
    """One line per block element or ``<br>``-separated run of inline text, whitespace collapsed."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _collapse("".join(current))
        current.clear()
        if line:
            lines.append(line)

    def walk(parent: LexborNode) -> None:
        for child in parent.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                current.append(child.text_content or "")
            elif tag == "br":
                flush()
            elif tag in _BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            elif tag in _CELL_TAGS:
                current.append(" ")
                walk(child)
                current.append(" ")
            elif tag not in ("-comment", "img"):
                walk(child)

    walk(node)
    flush()
    return lines


def _info_line(body: LexborNode, article: LexborNode, title: LexborNode | None) -> str | None:
    """The line under the title naming site, date and source, without counters and tool links.

    It is the outermost short element outside the article that mentions a date together with
    发布/来源/日期/时间 and holds neither the article nor the title.
    """
    for node in body.traverse():
        if node.tag in ("-text", "-comment") or _inside(node, article) or _inside(article, node):
            continue
        if title is not None and _inside(title, node):
            continue
        text = _collapse(node.text(separator=" "))
        if len(text) > _MAX_INFO_CHARS or not _DATE.search(text) or not _INFO.search(text):
            continue
        cleaned = _collapse(_INFO_NOISE.sub(" ", text))
        return cleaned or None
    return None
