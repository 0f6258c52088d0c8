"""Labels: the short subject phrase that says what a figure counts.

Reports put the subject right before the figure (``学前教育普惠率达到95.01%``), after it when the
figure leads the clause (``40所学校开工``), or in the clause before when the figure only adds a
change (``技术合同成交额231亿元,同比增长24%``). The label is that phrase with the verbs that
introduce a figure (达到, 提高到, 由去年的…), scene-setting words (全市, 今年以来, 1-10月份) and
distributive words (每人每月) taken off. A change keeps its verb (``…同比增长``) and a rank says
where it ranks (``…全省排名``), so the label reads on its own in a table.
"""

from __future__ import annotations

import re

from govmetrics.extract import lexicon as lx

_MAX_LABEL = 24
_PERIODS = (
    r"\d{1,2}(?:月份?)?[-—–~～至到]\d{1,2}月份?|截[至止](?:(?:19|20)\d{2}年)?\d{1,2}月(?:底|末|份)?(?:\d{1,2}日)?"
    r"|截[至止](?:目前|今年|年底|当前)|前[一二三四1-4](?:个)?季度|[上下]半年|(?:19|20)\d{2}年(?:度)?"
    r"|今年以来|年初以来|今年|本年度|年内|全年|当年|去年|上年"
)
_LEAD = re.compile(
    r"^(?:[\s,，、;；:：。)）\]】”’]|" + _PERIODS + r"|其中|并且|并|同时|另外|此外|目前|现已|已经|已|共计|共有|共|累计|合计|总计"
    r"|全市|全省|全区|全县|全国|我市|本市|其|将|对于|对|通过|围绕|依托|在|当中|有|为(?=[^0-9]{2,})"
    r"|每年|每月|每人|每家|每户|每个|每项|每次|均|都|分别)+"
)
_CHANGE_WORDS = "|".join(sorted(lx.CHANGE_VERBS, key=len, reverse=True))
_TRAIL = re.compile(
    r"(?:[\s,，、;；:：(（\[【“‘]|的|了|分别|均|都|共|累计|共计|合计|总计|已经|已|仍然|仍|继续|再|又|还|将|全部|基本|首次"
    r"|保持在|保持|控制在|维持在|稳定在|稳定|达到了|达到|高达|多达|达|为|是|有|约|占|至|到|增至|降至"
    r"|(?:" + _CHANGE_WORDS + r")(?:到|至|了)?"
    r"|(?:由|从|比|较|相比|同比|环比)(?:去年同期|上年同期|同期|去年|上年|上一年|上届|年初|(?:19|20)\d{2}年)?"
    r"|每人每月|每人每年|每人|每月|每年|每家|每户|人均|平均|年均|月均|日均"
    r"|目标(?=[(（])|目标是|目标为|计划"
    r")+$"
)
_RIGHT_LEAD = re.compile(r"^(?:[\s,，、)）]|的|了|以上的|以下的|已|均|都|就|共)+")
_RIGHT_TRAIL = re.compile(r"(?:[\s,，、(（]|等|的|了)+$")
_SPLIT = re.compile(r"[、和与及]")
_RANK_VERB = re.compile("|".join(sorted(lx.RANK_VERBS, key=len, reverse=True)))
_REGION = re.compile(r"(全国|全省|全市|全区|全球|全州|同类城市|副省级城市|省会城市)")
_LEAD_REGION = re.compile(r"^(?:在)?(?:全国|全省|全市|全区)")


def clean_subject(raw: str) -> str:
    """Take scene-setting words off the front and figure-introducing words off the end."""
    previous = None
    text = raw
    while text != previous:
        previous = text
        text = _LEAD.sub("", text, count=1)
        text = _TRAIL.sub("", text, count=1)
    return text


def clean_right(raw: str) -> str:
    text = _RIGHT_LEAD.sub("", raw, count=1)
    return _RIGHT_TRAIL.sub("", text, count=1)


def shorten(label: str) -> str:
    """Keep a label readable in a table: the part after the last 的 when the whole is long."""
    if len(label) <= _MAX_LABEL:
        return label
    cut = label.rfind("的", 0, len(label) - 3)
    if cut >= 0 and len(label) - cut - 1 >= 4:
        label = label[cut + 1 :]
    return label[-_MAX_LABEL:]


def rank_label(left: str) -> str:
    """``在全省区域创新能力评价中位列全省`` -> ``区域创新能力评价全省排名``."""
    verb = None
    for verb in _RANK_VERB.finditer(left):
        pass
    if verb is None:
        subject, tail = left, ""
    else:
        subject, tail = left[: verb.start()], left[verb.end() :]
    subject = clean_subject(_LEAD_REGION.sub("", subject))
    if subject.endswith("中"):
        subject = subject[:-1]
    region = _REGION.search(tail)
    return shorten(subject + (region.group(1) if region else "") + "排名")


def respective(subject: str, index: int, count: int) -> str | None:
    """``城市和农村低保标准`` split for the 1st of 2 figures -> ``城市低保标准``; ``None`` if unsplittable."""
    parts = [p for p in _SPLIT.split(subject) if p]
    if len(parts) != count or index >= count:
        return None
    part = parts[index]
    last = parts[-1]
    if index < count - 1 and len(part) * 2 <= len(last):
        # 城市、农村低保标准: the first item borrows the head noun of the last one.
        part = part + last[len(part) :]
    return part
