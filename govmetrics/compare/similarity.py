"""How alike two normalized labels are, and the words that keep look-alike labels apart.

The catalogue is matched by exact variant first; a label an extractor words a little differently
(义务教育学校课后服务学生参与率 for 课后服务学生参与率) is matched by character overlap instead. Overlap
alone would merge labels that differ by one decisive word (城市低保标准 / 农村低保标准, 新增科技企业
孵化器 / 科技企业孵化器总数), so a pair is only scored when no *discriminator* tells them apart.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

# Scored matches at or above this are accepted. Two measurements set it, both kept as tests
# (tests/test_compare_catalogue.py): the closest pair of distinct catalogue indicators a label could
# be matched to scores 2/3 (每千人口床位数 / 每千人口托位数, 开工学校 / 完工学校), while the rewordings an
# extractor gives the dev corpus's indicators score 0.71 and up (解答群众咨询 -> 公共法律服务热线解答
# 群众咨询 is the lowest).
SIMILARITY_THRESHOLD = 0.7

# A label and a variant must agree on each of these words being present or absent: it turns a stock
# into a flow, a count into a share, or narrows the set counted to an award level (新增省级以上孵化器
# is not 新增孵化器). Context such as 二级以上公立医院 or 规模以上 is not a marker: extracted labels
# often carry it in one year and not the next for the same indicator.
PRESENCE_MARKERS: tuple[str, ...] = (
    "新增", "新建", "新招", "新认定", "新纳入", "新评", "新设", "新引进", "新开工", "新改建",
    "国家级", "省级", "占比", "比例", "比重", "率", "人均", "每万", "每千", "平均", "重点", "排名",
    "增加值", "收入", "支出", "投资", "死亡", "利润", "资产", "部门", "意见",
    "涉企", "高价值", "纠错", "破获", "侦破", "破案", "家庭", "新登记", "新注册",
)

# Mutually exclusive words: when both labels name one from a group, it must be the same one.
CONTRAST_GROUPS: tuple[tuple[str, ...], ...] = (
    ("城乡", "城市", "农村", "城镇"),
    ("国家级", "省级", "市级", "区级", "县级", "镇级", "村级"),
    ("一级", "二级", "三级"),
    ("婴儿", "孕产妇", "5岁以下儿童"),
    ("门诊", "住院"),
    ("出口", "进口"),
    ("职工", "居民"),
    ("小学", "初中", "高中", "中职", "高校"),
    ("刑事", "治安", "交通"),
)


def _bigrams(text: str) -> Counter[str]:
    if len(text) < 2:
        return Counter([text]) if text else Counter()
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def dice(a: str, b: str) -> float:
    """Dice coefficient of the two labels' character bigrams (multiset), in [0, 1]."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    (ba, na), (bb, nb) = _bigram_counts(a), _bigram_counts(b)
    common = sum(min(ba[k], bb[k]) for k in ba.keys() & bb.keys())
    return 2 * common / (na + nb)


@lru_cache(maxsize=65_536)  # a label is compared with many others: its bigrams are counted once
def _bigram_counts(text: str) -> tuple[dict[str, int], int]:
    counts = dict(_bigrams(text))
    return counts, sum(counts.values())


def containment(a: str, b: str) -> float:
    """How well one label contained whole in the other stands for it; 0 when neither contains the other.

    Chinese noun phrases put their head last, so a label that *ends* with a known variant is that
    variant with modifiers in front (二级以上公立医院 + 检查检验结果互认项目, 各级调解组织 + 调解民间纠纷)
    and scores halfway between the share it covers and 1. Anywhere else it scores only the share of
    the longer label it covers. Containers shorter than four characters never count: a short
    variant says too little (社会组织 in 投资乡村振兴的社会组织 covers 4 of 11 and ends it: 0.68).
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4 or short not in long_:
        return 0.0
    share = len(short) / len(long_)
    return (1 + share) / 2 if long_.endswith(short) else share


def _contrast_set(text: str, group: tuple[str, ...]) -> frozenset[str]:
    found = set()
    rest = text
    for word in sorted(group, key=len, reverse=True):  # 中小学 must not count as 小学 too
        if word in rest:
            found.add(word)
            rest = rest.replace(word, "\0")
    return frozenset(found)


def discriminated(a: str, b: str) -> bool:
    """Whether a decisive word tells the two labels apart (then they never match by similarity)."""
    (ma, ca), (mb, cb) = _decisive_words(a), _decisive_words(b)
    if ma != mb:
        return True
    for group, sa in ca.items():
        sb = cb.get(group)
        if sb and sa != sb:
            return True
    return False


@lru_cache(maxsize=65_536)  # a label is compared with many others: its decisive words are found once
def _decisive_words(text: str) -> tuple[int, dict[int, frozenset[str]]]:
    """Which presence markers the label has (a bit each), and its words of each contrast group it names."""
    markers = sum(1 << k for k, m in enumerate(PRESENCE_MARKERS) if m in text)
    contrasts = {k: found for k, group in enumerate(CONTRAST_GROUPS) if (found := _contrast_set(text, group))}
    return markers, contrasts


def similarity(a: str, b: str) -> float:
    """Score of two normalized labels: 1 for equal, 0 when a discriminator separates them."""
    if a == b:
        return 1.0
    if discriminated(a, b):
        return 0.0
    return max(dice(a, b), containment(a, b))
