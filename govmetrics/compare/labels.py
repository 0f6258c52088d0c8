"""Label normalization: the short subject phrase reduced to what it names.

Reports word one indicator several ways (注册志愿者 / 注册志愿者人数 / 全市实名注册志愿者), and an
extractor's labels drift further (a leading 全市 or 发放, a trailing 达到). Normalization removes the
words that never change *what* is counted, so that the catalogue and the automatic identifiers see
one spelling. The rules are the data below; each strips a word only at the start or the end of the
label, repeatedly, and never empties a label.

Rules that are safe only for one role are keyed by role: a change's label (高新技术企业同比增长)
names the indicator it changes, a target's label (城镇新增就业年度目标) the indicator it aims at,
so their change and target words go; a level's label keeps them (城镇新增就业完成年度目标比例).

What is deliberately *not* stripped: 新增 / 新建 / 新招聘 (a flow is not a stock: 新增科技企业孵化器
vs 科技企业孵化器总数), 市级 / 省级 (a different scope), and 率 / 占比 / 比例 (a share is not a count).
"""

from __future__ import annotations

import re
from functools import lru_cache

from govmetrics.textnorm import fold_width, to_simplified

# Characters that carry no meaning in a label: quotes, brackets of titles, list commas, spaces.
_DROP = re.compile(r"[\s“”\"'‘’《》〈〉「」『』、,，;；:：·•]")

# Words at the start that say where or how, not what: 全市高新技术企业 is 高新技术企业.
GENERIC_PREFIXES: tuple[str, ...] = (
    "全市", "全区", "全县", "全省", "本市", "我市", "全年", "年内", "今年", "当年", "累计", "共计", "总计",
    "各类", "各项", "发放", "办理", "开展", "举办", "完成", "提供", "实施", "实现",
)

# Words at the end that repeat the unit or say "in total": 注册志愿者人数 is 注册志愿者 (unit 人).
# A label ending in 人数 counts people whatever unit its figure has (a change of it is in %).
GENERIC_SUFFIXES: tuple[str, ...] = (
    "总人数", "人数", "总数", "数量", "总量", "户数", "个数", "家数", "所数", "件数", "项数", "次数",
    "规模", "工作",
)

# Verbs an extractor may leave at the end of a label (…覆盖率达到 95%).
VERB_SUFFIXES: tuple[str, ...] = (
    "达到", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增至", "降至", "降到", "下降到",
    "下降至", "缩短到", "缩短至", "保持在", "保持", "控制在", "超过", "突破", "累计",
    # a baseline's label may run into the from-phrase: 优质园占比由去年的 55%
    "由去年的", "由上年的", "从去年的", "从上年的", "比去年的", "比上年的", "较去年的", "较上年的",
)

# A stated change names the indicator it changes: 技术合同成交额同比增长 -> 技术合同成交额.
CHANGE_SUFFIXES: tuple[str, ...] = (
    "同比增长", "同比下降", "同比增加", "同比减少", "同比提高", "同比降低", "同比上升",
    "增长率", "增幅", "降幅", "增速", "增长", "增加", "提高", "提升", "下降", "减少", "降低", "上升",
    "缩短", "上涨", "下跌", "扩大",
    "比上年", "比去年", "较上年", "较去年", "同比", "比上届",
)
CHANGE_PREFIXES: tuple[str, ...] = ("同比", "比上年", "比去年", "较上年", "较去年")

# A target names the indicator it aims at: 城镇新增就业年度目标 -> 城镇新增就业.
TARGET_SUFFIXES: tuple[str, ...] = (
    "年度目标任务", "年度目标", "目标任务", "控制目标", "目标值", "目标", "年度计划", "计划", "任务",
)

# A rank names what is ranked: 区域创新能力评价全省排名 and 区域创新能力评价 are one ranking.
RANK_SUFFIXES: tuple[str, ...] = ("全国排名", "全省排名", "全市排名", "排名", "位次", "排位", "居全省", "全省", "全国")

ROLE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "change": CHANGE_SUFFIXES,
    "target": TARGET_SUFFIXES,
    "rank": RANK_SUFFIXES,
}
ROLE_PREFIXES: dict[str, tuple[str, ...]] = {
    "change": CHANGE_PREFIXES,
}


def clean_label(label: str | None) -> str:
    """The label in one spelling: Simplified, half width, without quotes, list commas or spaces."""
    if label is None or label != label:  # None or NaN
        return ""
    text = to_simplified(fold_width(str(label)))
    return _DROP.sub("", text)


def _strip(text: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            if text.startswith(p) and len(text) > len(p) + 1:
                text = text[len(p):]
                changed = True
        for s in suffixes:
            if text.endswith(s) and len(text) > len(s) + 1:
                text = text[: -len(s)]
                changed = True
    return text


# A label that opens with a flow word and closes with a total names the total: 新增孵化器6家,总数达到
# 64家 gives the 64 a label like 新增…总数 when the subject is carried over from the clause before.
FLOW_PREFIXES: tuple[str, ...] = ("新增", "新建")
TOTAL_SUFFIXES: tuple[str, ...] = ("总数", "总量")

# Verbs at which a label that runs two clauses together may be cut (家庭经济困难学生发放各类资助资金);
# catalogue matching tries the pieces when the whole label fits nothing. 和 / 及 are not among them:
# they join the nouns of one name (科技企业孵化器和众创空间), and a piece of a name loses its scope.
CLAUSE_SEPARATORS = re.compile(r"发放|惠及|用于|实施|开展|完成|举办|办理|提供|实现|其中")


_QUOTED = re.compile(r"[“\"「『《][^”\"」』》]{1,20}[”\"」』》]")


def without_quoted_names(label: str | None) -> str:
    """The cleaned label without quoted programme names, when something of at least two characters is left."""
    if label is None or label != label:
        return ""
    text = to_simplified(fold_width(str(label)))
    rest = _DROP.sub("", _QUOTED.sub("", text))
    return rest if len(rest) >= 2 else clean_label(label)


def clauses(label: str | None) -> list[str]:
    """The pieces of a cleaned label between clause separators, each of at least three characters."""
    return [p for p in CLAUSE_SEPARATORS.split(clean_label(label)) if len(p) >= 3]


@lru_cache(maxsize=65_536, typed=True)  # the same labels recur in every city and year
def normalize_label(label: str | None, role: str = "value") -> str:
    """The normalized label used for catalogue matching and automatic identifiers.

    Role words go first (a change's 同比增长, a target's 年度目标), then generic words, until none is
    left; a rule never removes the whole label or leaves a single character.
    """
    # 的 only links a modifier to its head: 投资乡村振兴的社会组织 and 投资乡村振兴社会组织 are one name.
    text = clean_label(label).replace("的", "")
    if text.endswith(TOTAL_SUFFIXES):
        for p in FLOW_PREFIXES:
            if text.startswith(p) and len(text) > len(p) + 3:
                text = text[len(p):]
    previous = None
    while text != previous:
        previous = text
        text = _strip(text, ROLE_PREFIXES.get(role, ()), ROLE_SUFFIXES.get(role, ()))
        text = _strip(text, GENERIC_PREFIXES, GENERIC_SUFFIXES + VERB_SUFFIXES)
    return text
