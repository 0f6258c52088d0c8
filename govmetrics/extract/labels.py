"""Labels: the short subject phrase that says what a figure counts.

Reports put the subject right before the figure (``学前教育普惠率达到95.01%``), after its
measure word when a verb leads (``推动10个强镇筑基省级试点镇``, ``40所学校开工``), or in the
clause before when the clause leaves its subject out (``技术合同成交额231亿元,同比增长24%``,
``总数达到58家``, ``完成年度目标的105.5%``). The label is that phrase with the words that
introduce a figure (达到, 提高到, 由去年的…), scene-setting words (全市, 今年以来, 1-10月份) and
distributive words (每人每月) taken off. A change keeps its verb (``…同比增长``), a rank says
where it ranks (``…全省排名``) and a target inherited from the clause before says ``目标``, so
each label reads on its own in a table.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govmetrics.extract import lexicon as lx

if TYPE_CHECKING:
    from govmetrics.extract.context import Context
    from govmetrics.extract.scanner import Quantity

#: How far from a figure its label and cue words are looked for, in characters and in figures: a
#: label is at most ``_MAX_LABEL`` long, and the bound keeps the cost per figure flat on any text.
WINDOW = 80
_NEIGHBOURS = 16

#: What may stand between the members of a list of figures that share a unit or a verb.
LIST_CONNECTORS = frozenset({"、", "和", "及", "与", "或", "以及"})

_MAX_LABEL = 24
_PERIODS = (
    r"\d{1,2}(?:月份?)?[-—–~～至到]\d{1,2}月份?|截[至止](?:(?:19|20)\d{2}年)?\d{1,2}月(?:底|末|份)?(?:\d{1,2}日)?"
    r"|截[至止](?:目前|今年|年底|当前)|前[一二三四1-4](?:个)?季度|第?[一二三四1-4]季度|[上下]半年|(?:19|20)\d{2}年(?:度)?"
    r"|前\d{1,2}个月|\d{1,2}月份"
    r"|今年以来|年初以来|今年|本年度|年内|全年|当年|去年|上年|明年|年末|年底|年初(?!以来)"
)
# 为 before whom a verb acts stays in a label (每年为群众减负12亿元 -> 为群众减负): who is helped is no subject.
_BENEFACTIVE = (r"[^，,；;。0-9为]{1,8}?(?:" + "|".join(sorted(lx.ACTION_VERBS + lx.BENEFACTIVE_VERBS, key=len, reverse=True))
                + ")")
_LEAD = re.compile(
    r"^(?:[\s,，、;；:：。)）\]】”’]|的|" + _PERIODS + r"|其中|其[余他](?![\u4e00-\u9fff])|并且|并|同时|另外|此外|目前|现已|已经|已|共计|共有|共|累计|合计"
    r"|总计|全市|全省|全区|全县|全国|我市|本市|下一步|另有|还有|其(?![余他它])|将|对于|对|通过|围绕|依托|当中|为(?=[^0-9]{2,})(?!" + _BENEFACTIVE + ")"
    r"|每年|每月|每人|每家|每户|每个|每项|每次|均|都|分别|力争|争取|确保|力求|预计|目标|计划(?!生育|单列|经济)|连续"
    r"|(?:活动|节会|展会|会议|赛事|节日)?期间"
    r"|[到至](?:19|20)\d{2}年(?:底|末)?"
    r")+"
)
# The reporting department itself (市交通运输局完成…, 区卫生健康局将…, 我局): who reports, not what.
_DEPARTMENT_LEAD = re.compile(
    r"(?:(?:[\u4e00-\u9fff]{2,4}?)?[市区县][\u4e00-\u9fff]{1,10}?(?:委员会|办公室|局(?![面势部限长])|委(?![员托屈]))"
    r"|[我本该][局委办])[将要已还也]?"
)
_DEPARTMENT_REACH = 20
# A one-character verb after a character that makes it part of a word (航班起降) is no verb to take off.
_BLOCKED = "(?<![" + "".join(sorted(lx.WEAK_VERB_BLOCKERS)) + "])"
_CHANGE_WORDS = "|".join(
    (_BLOCKED + v if v in lx.WEAK_CHANGE_VERBS else v)
    for v in sorted((v for v in lx.CHANGE_VERBS if v not in lx.CHANGE_NOUNS), key=len, reverse=True)
)
_COMPARED = r"(?:(?:去年|上年|上一年|上届|(?:19|20)\d{2}年)(?:同期|底|末|初)?|同期|年初|年末|年底|原来|原先|过去|以往|此前|以前)"
_TRAIL_WORDS = (
    "的 了 分别 都 共 累计 共计 合计 总计 已经 已 仍然 仍 继续 再 又 还 将 全部 基本 首次 保持在 保持 控制在 控制到 维持在"
    " 稳定在 稳定 达到了 达到 高达 多达 达 为 是 有 约 占 至 到 增至 降至 完成 实现 同比 环比 每人每月 每人每年 每人 每月"
    " 每年 每家 每户 每日 每天 每周 每小时 去年 上年 由 从 预计 预期 仅为 仅有 仅 只有 连续"
).split()
# The lookahead of first characters lets the regex engine skip to candidate positions.
_TRAIL = re.compile(
    "(?=[\\s,，、;；:：(（\\[【“‘\\-−负均由从比较相12"
    + re.escape("".join(sorted({w[0] for w in _TRAIL_WORDS} | {v[0] for v in lx.CHANGE_VERBS})))
    + "])"
    r"(?:[\s,，、;；:：(（\[【“‘\-−]|(?<![平人年月日])均|(?<![" + "".join(sorted(lx.NOT_SIGN_BEFORE_FU)) + "])负|"
    + "|".join(sorted(_TRAIL_WORDS, key=len, reverse=True))
    + r"|(?:" + _CHANGE_WORDS + r")(?:到|至|了)?"
    r"|(?:由|从)" + _COMPARED + r"|(?:比|较|相比)" + _COMPARED
    + r"|(?<![是为于])(?:19|20)\d{2}年(?:底|末)?"
    r")+$"
)
#: Every character a match of ``_TRAIL`` can end with: phrases ending otherwise skip the regex.
TRAIL_LAST = frozenset(
    " \t\n\r\f\v,，、;；:：(（[【“‘-−负均到至了年底末初期届"
    + "".join(w[-1] for w in _TRAIL_WORDS)
    + "".join(v[-1] for v in lx.CHANGE_VERBS)
)
_TRAIL_REACH = 20
_RIGHT_LEAD = re.compile(r"^(?:[\s,，、)）]|的|了|以上的|以下的|已|均|都|就|共)+")
_RIGHT_TRAIL = re.compile(r"(?:[\s,，、(（]|等|的|了|共计|合计|累计|共)+$")
_SPLIT = re.compile(r"[、和与及]")
_RANK_VERB = re.compile("|".join(sorted(lx.RANK_VERBS, key=len, reverse=True)))
_RANK_FROM = re.compile(r"(?:从|由)[^从由第，,；;。]{0,8}?第[0-9一二三四五六七八九十]{1,4}[位名]$")
_REGION = re.compile(r"全国|全省|全市|全区|全球|全州|全世界|同类城市|副省级城市|省会城市")
_LEAD_REGION = re.compile(r"^(?:在)?(?:全国|全省|全市|全区)")
#: ``在全省14个设区市中`` / ``在全国同类城市中``: the places a rank is taken among, which close the
#: ranked phrase; ``在全省区域创新能力评价中`` names what is ranked and stays.
_ARENA = re.compile(r"在[^在，,；;。]{0,16}?(?:城市|地市|区市|县区|区县|县市|省份|省区市|省市|市州|[市县区省])(?:之中|当中|中)\s*$")
#: Clause openings that leave the subject to the clause before (总数达到58家, 是2020年的1.9倍).
_ELIDED = re.compile(
    r"^(?:是|相当于|完成(?:年度|全年|年|[国省市区县][^，,；;。的]{0,4}?下达的?)?(?:目标|计划|任务)|总数|总量|总额|总计|总规模|合计|增幅|增速|降幅|涨幅|减幅"
    r"|同比|环比|比上年|较上年|比去年|较去年|占|高于|低于|快于|慢于)"
)
#: Subjects that only say how much a change was (压减比例, 下降幅度): they take the subject before.
_CHANGE_SIZE = re.compile(
    "(?:" + "|".join(sorted(lx.CHANGE_VERBS, key=len, reverse=True)) + ")(?:" + "|".join(lx.CHANGE_MEASURES) + ")"
)
_CHANGE_MEASURE_LAST = frozenset(w[-1] for w in lx.CHANGE_MEASURES)
#: Subjects that only qualify a figure and need the clause before to say of what.
_BARE_SUBJECTS = frozenset(
    "人均 平均 户均 年均 占比 比重 总数 总量 总额 合计 其中 共计 完成率 增幅 增速 降幅 涨幅 减幅".split()
) | lx.RECKONING_WORDS
#: A share of a past year's level keeps the year: 旅客吞吐量恢复至2019年的九成 -> 旅客吞吐量恢复至2019年水平.
_RECOVERY_ENDS = ("年", "的", "平")
_RECOVERY = re.compile(r"(恢复|回升|回到|相当于)(到|至)?((?:19|20)\d{2}年)(?:同期)?的?(?:水平)?的?$")
#: A multiple of a past level (是去年的1.6倍, 为2020年的1.9倍) is labelled as that: 加装电梯为去年的倍数.
_COMPARISONS = tuple(lx.COMPARISON_PREFIXES)  # all two characters long
_MULTIPLE_OF = re.compile(r"(?:是|为|相当于)((?:19|20)\d{2}年|去年|上年|上一年|前年)(同期)?的$")
_MULTIPLE_TAIL = re.compile(r"(?:是|为|相当于)?(?:(?:19|20)\d{2}年|去年|上年|上一年|前年)?(?:同期)?的?$")
#: Clauses that say how a figure is reckoned, not what it counts (按不变价格计算, 扣除价格因素).
_ASIDE = re.compile(r"\s*(?:按[^，,；;。]{0,8}计算|扣除[^，,；;。]{0,8}因素|剔除[^，,；;。]{0,8}因素|分产业看|分[^，,；;。]{1,4}看)\s*$")
#: Words opening a clause that states a running total (新建5G基站1200个，累计达到8500个).
_TOTAL_LEADS = ("累计", "共计", "总计", "合计")
#: A quota after its figure (16万亩任务) and who handed it down (省下达的).
_QUOTA_NOUN = re.compile("|".join(sorted(lx.QUOTA_NOUNS, key=len, reverse=True)))
_QUOTA_ISSUER = re.compile(r"([国省市区县][^，,。；;：:]{0,6}?下达)的?$")
#: Verbs that open a short subject whose topic is the figure before it in the sentence
#: (新建应急避难场所58处，可容纳约32万人 -> 应急避难场所…可容纳).
VERB_LED = ("可容纳", "容纳", "涉及", "受益", "惠及", "覆盖", "带动", "吸纳", "拉动", "服务")
#: 完成/实现 open facts of their own (实现税收12亿元), except with an amount that the topic before
#: them spent or made (新建学校12所，完成投资3亿元).
VERB_LED += tuple(v + o for v in ("完成", "实现") for o in ("投资", "总投资", "产值", "营收", "营业收入"))
_SHORT = 6
#: A parallel head (成交面积…，成交均价…) is matched on subjects up to this length.
_SHORT_PARALLEL = 5
_TOPIC_BREAK = re.compile("|".join(sorted(lx.TOPIC_BREAK_NOUNS + lx.TOPIC_BREAKS, key=len, reverse=True)))
_TOPIC_BREAK_NOUNS = frozenset(lx.TOPIC_BREAK_NOUNS)
_ACTION_VERBS = tuple(sorted(lx.ACTION_VERBS, key=len, reverse=True))
_VERB_OPENINGS = _ACTION_VERBS + ("新", "组织")
#: Subjects that are a verb alone, with no object of their own.
_BARE_VERBS = frozenset(lx.TOPIC_BREAKS) | frozenset(lx.OBJECT_LEAD_VERBS)
_OBJECT_LEAD = re.compile(
    "^(?:" + "|".join(sorted(lx.LEAD_ADVERBS, key=len, reverse=True)) + ")*(?:"
    + "|".join(sorted(lx.OBJECT_LEAD_VERBS, key=len, reverse=True)) + ")"
)
#: A quoted name (a programme, a platform, a campaign) short enough to be a name.
_QUOTED_NAME = re.compile(r"“[^“”]{2,14}”")
_OPENS_PART = re.compile(r"\s*其中")
_ADVERBS = "(?:" + "|".join(sorted(lx.LEAD_ADVERBS, key=len, reverse=True)) + ")*"
#: A clause that issues a document (出台…意见, 分类制定…指引).
_DOCUMENT_LEAD = re.compile("^" + _ADVERBS + "(?:" + "|".join(lx.DOCUMENT_VERBS) + ")")
#: A topic that ends in a verb (行政争议实质性化解) and the manner words before that verb.
_VERB_END = re.compile("(?:" + "|".join(sorted(lx.TOPIC_BREAKS, key=len, reverse=True)) + ")$")
_MANNER_END = re.compile("(?:" + "|".join(sorted(lx.MANNER_WORDS, key=len, reverse=True)) + ")+$")
#: An object that is every kind of something (完成各类审查).
_ALL_KINDS = re.compile("(?:" + "|".join(lx.ALL_KINDS) + ")([^，,；;。]{2,})$")
#: Brackets and quotes, and what closes each.
_PAIRS = {"“": "”", "‘": "’", "《": "》", "(": ")", "（": "）", "[": "]", "【": "】"}
_CLOSERS = frozenset(_PAIRS.values())
_BRACKET = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]").search
#: Topics longer than this that hold a quoted name are called by the name.
_NAMED_TOPIC_MAX = 8
#: The longest clause before a figure that is read as the figure's topic.
_TOPIC_CLAUSE_MAX = 24
#: Subjects that are only a predicate: after 分别 they take the subjects of the figures before them.
_PREDICATE_ONLY = re.compile(r"^(?:恢复|回升|回到|相当于|分别|增长|提高|下降|减少|达到|占)")
#: Words right after a figure that continue its clause as a predicate, not as the counted noun.
_PREDICATE_AFTER = re.compile(
    r"(?:同比|环比|比|较|增长|增加|下降|减少|提高|提升|占|完成|实现|居|位居|位列|排名|为|是|达到|达|左右|以上|以下"
    r"|以内|之间|至|到|和|及|与|或|、|大关|关口|台阶|水平)"
)
_ITEM_ENDS = ("、", "，", ",", "；", ";")


def listed(text: str, a: Quantity, b: Quantity) -> bool:
    """Whether ``b`` follows ``a`` as the next member of a list (8683、9776家)."""
    return 0 < b.start - a.end <= 2 and text[a.end : b.start] in LIST_CONNECTORS


def clean_subject(raw: str) -> str:
    """Take scene-setting words off the front and figure-introducing words off the end."""
    lead = _LEAD.match(raw)
    text = raw[lead.end() :] if lead else raw
    head = text[:_DEPARTMENT_REACH]
    if ("局" in head or "委" in head or "办" in head) and (dept := _DEPARTMENT_LEAD.match(text)) is not None:
        text = text[dept.end() :]
        lead = _LEAD.match(text)
        text = text[lead.end() :] if lead else text
    if not text or text[-1] not in TRAIL_LAST:
        return text
    # The trailing words are short: only the end of the phrase needs looking at.
    trail = _TRAIL.search(text, max(0, len(text) - _TRAIL_REACH))
    return text[: trail.start()] if trail else text


def clean_right(raw: str) -> str:
    text = _RIGHT_LEAD.sub("", raw, count=1)
    return _RIGHT_TRAIL.sub("", text, count=1)


def shorten(label: str) -> str:
    """Keep a label readable in a table: when it is long, the part after the last 的 or 等 (what
    comes before them qualifies or lists examples), else after a list comma, else its end."""
    if len(label) <= _MAX_LABEL:
        return balanced(label)
    for marks in ("的等", "、，,"):
        cut = max(label.rfind(m, 0, len(label) - 3) for m in marks)
        if cut >= 0 and len(label) - cut - 1 >= 4:
            label = label[cut + 1 :]
            if len(label) <= _MAX_LABEL:
                return balanced(label)
    return balanced(label[-_MAX_LABEL:])


def balanced(label: str) -> str:
    """A label with every quote and bracket paired: one cut inside a pair (345”“12315”热线…) starts
    after the stray closer, and an opener left without its closer is dropped."""
    if _BRACKET(label) is None:
        return label
    stack: list[tuple[int, str]] = []
    start = 0
    for i, ch in enumerate(label):
        if ch in _PAIRS:
            stack.append((i, _PAIRS[ch]))
        elif ch in _CLOSERS:
            if stack and stack[-1][1] == ch:
                stack.pop()
            else:
                start, stack = i + 1, []  # what came before belongs to a pair cut off
    strays = {i for i, _ in stack}
    return "".join(ch for i, ch in enumerate(label) if i >= start and i not in strays)


def rank_parts(left: str) -> tuple[str, str]:
    """``在全省区域创新能力评价中位列全省`` -> (``区域创新能力评价``, ``全省``): what is ranked, and where."""
    verb = None
    for verb in _RANK_VERB.finditer(left):
        pass
    if verb is None:
        subject, tail = left, ""
    else:
        subject, tail = left[: verb.start()], left[verb.end() :]
    subject = _RANK_FROM.sub("", subject)  # 从第52位上升至27位: the position moved from is no subject
    tail = tail.strip().removesuffix("前").removesuffix("的")
    where = tail if _REGION.match(tail) else ""
    arena = _ARENA.search(subject)
    if arena is not None:
        # 在全省14个设区市中排名第2: the arena says where, not what is ranked.
        region = _REGION.search(arena.group())
        where = where or (region.group() if region else "")
        subject = subject[: arena.start()]
    subject = clean_subject(_LEAD_REGION.sub("", subject.removeprefix("在")))
    if subject.endswith("中"):
        subject = subject[:-1]
    return subject, where


def _ranked(subject: str) -> str:
    """``人均GDP排名`` stays as it is; any other subject says it is a rank (区域创新能力评价 -> …排名)."""
    return subject if subject.endswith(("排名", "排位", "位次")) else subject + "排名"


def rank_label(left: str) -> str:
    """``在全省区域创新能力评价中位列全省`` -> ``区域创新能力评价全省排名``."""
    subject, where = rank_parts(left)
    return shorten(_ranked(subject + where))


def respective(subject: str, index: int, count: int) -> str | None:
    """``城市和农村低保标准`` split for the 1st of 2 figures -> ``城市低保标准``; ``None`` if unsplittable."""
    parts = [p for p in _SPLIT.split(subject) if p]
    if len(parts) != count or index >= count:
        return None
    part = parts[index]
    last = parts[-1]
    first = parts[0]
    if index < count - 1 and len(part) * 2 <= len(last):
        # 城市、农村低保标准: the first item borrows the head noun of the last one.
        part = part + last[len(part) :]
    elif index > 0 and len(part) * 2 <= len(first) and len(first) - 2 >= 2:
        # 生产安全事故起数、死亡人数: a later item borrows the modifier of the first one (its head
        # taken to be its last two characters, the length of most head nouns).
        part = first[:-2] + part
    return part


def _clean(raw: str) -> str:
    """``clean_subject``, keeping a past year that a share is taken of (恢复至2019年的九成)."""
    m = _RECOVERY.search(raw, max(0, len(raw) - 16)) if raw.endswith(_RECOVERY_ENDS) else None
    if m is None:
        return clean_subject(raw)
    return clean_subject(raw[: m.start()]) + m.group(1) + (m.group(2) or "至") + m.group(3) + "水平"


def right_headed(text: str, q: Quantity) -> bool:
    """Whether the counted noun follows the figure (``10个强镇``, ``95%以上的学生``)."""
    end = q.end
    if end >= len(text):
        return False
    ch = text[end]
    if not ("\u4e00" <= ch <= "\u9fff" or ch in "“《"):
        return False
    return _PREDICATE_AFTER.match(text, end) is None or text.startswith("的", end)


# ---------------------------------------------------------------------------------------------
# Composing the label of one figure from its clause
# ---------------------------------------------------------------------------------------------

Kept = list[tuple["Quantity", tuple[int, int]]]


class Labeller:
    """Labels the kept figures of one text in order, so a clause can lean on the one before."""

    def __init__(self, text: str, kept: Kept, ctx: Context) -> None:
        self.text = text
        self.kept = kept
        self.ctx = ctx
        self._subjects: dict[int, str] = {}  # index -> subject (label without role words)
        self._topics: dict[int, str] = {}  # index -> the borrowed part of a completed short subject
        self._last_in_clause: dict[tuple[int, int], int] = {}

    def label(self, index: int) -> str:
        """The label of ``kept[index]``; call in text order."""
        q, clause = self.kept[index]
        if q.role == "rank":
            subject, label = self._rank(q, clause)
            self._subjects[index] = subject
            self._last_in_clause[clause] = index
            return label
        subject = self._subject(index, q, clause)
        self._subjects[index] = subject
        self._last_in_clause[clause] = index
        if q.unit == "倍" and q.role == "value":
            of = _MULTIPLE_OF.search(self.text, max(clause[0], q.start - 12), q.start)
            if of is not None:
                own = _MULTIPLE_TAIL.search(subject)
                subject = subject[: own.start()] if own is not None else subject
                return shorten(f"{subject}为{of.group(1)}{of.group(2) or ''}的倍数")
        if q.cue and not subject.endswith(q.cue):
            # A change or a target keeps its verb; so does a part counted after 其中 (其中上调64项).
            subject += q.cue
        elif q.role == "target" and q.inherited_subject and "目标" not in subject and not subject.endswith(
            lx.COMPARED_TARGETS
        ):
            subject += "目标"
        return shorten(subject)

    def _subject(self, index: int, q: Quantity, clause: tuple[int, int]) -> str:
        text = self.text
        before, after = _same_clause(self.kept, index, clause)
        first = before[0].start if before else q.start
        head_raw = text[max(clause[0], first - WINDOW) : first]
        head_lead = _LEAD.match(head_raw)
        head = head_raw[head_lead.end() :] if head_lead else head_raw
        seg_raw = ""
        if before:
            seg_raw = text[max(before[-1].end, q.start - WINDOW) : q.start]
            if seg_raw.startswith("的") and not right_headed(text, q):
                # 集体经营性收入50万元以上的村占比达到三分之一: the figure before qualifies the subject.
                subject = _clean(text[max(clause[0], first - WINDOW) : q.start])
            else:
                subject = _clean(seg_raw)
            if len(subject) < 2 or (seg_raw.endswith(_ITEM_ENDS) and right_headed(text, before[-1])):
                # 汇集100多家高校院所、1万多名专家: parallel items share the verb before the first one.
                subject = _clean(head)
        else:
            subject = _clean(head)
            if q.end < len(text) and text[q.end] == "的" and q.prefix == "" and head.endswith(_COMPARISONS):
                # 高于35%的国家管控目标: what the figure is follows it; the comparison is no part of it.
                subject = _clean(head[: len(head) - 2])
        quota = _QUOTA_NOUN.match(text, q.end)
        if quota is not None and q.role == "target" and not before:
            # 新建高标准农田18.5万亩，超额完成省下达的16万亩任务 -> 新建高标准农田省下达任务
            issuer = _QUOTA_ISSUER.search(head_raw)
            previous = self._previous_subject(clause)
            return previous + (issuer.group(1) if issuer else "") + quota.group()
        if q.role in ("value", "target") and right_headed(text, q):
            if subject.endswith("等"):
                subject = ""  # 市北中学等50所初中学校: the names before 等 are examples
            subject += _right_side(text, q, after, clause)
        elif len(subject) < 2 and q.role in ("value", "target") and not before and not _list_item(text, q):
            subject += _right_side(text, q, after, clause)
        own = subject
        if (len(subject) < 2 or subject in _BARE_SUBJECTS or _ELIDED.match(head)
                or (subject[-1:] in _CHANGE_MEASURE_LAST and _CHANGE_SIZE.fullmatch(subject))
                or (not head and _the_rest(head_raw, head))):
            previous = self._previous_subject(clause)
            if previous:
                if (subject.startswith("总") or head_raw.lstrip().startswith(_TOTAL_LEADS)) and previous.startswith(
                    ("新增", "新建")
                ):
                    previous = previous[2:]  # 新增…300家，总数突破2000家 / 累计达到…: the total is not new
                if head_raw.lstrip().startswith(lx.BREAKDOWN_LEADS) and len(subject) < 2:
                    subject = previous + "中" + subject  # …项目108项，其中上调64项: a part of that whole
                else:
                    subject = previous + subject
                q.inherited_subject = True
        elif (len(subject) <= 5 and subject.endswith("率") and subject not in lx.SELF_CONTAINED_RATES
              and not head_raw.lstrip().startswith("其中")):
            # 受理案件1.2万件，结案率96.5%: a short rate is a rate of what the sentence counts.
            parent = self._previous_subject(clause, skip_rates=True).removeprefix("为")
            if parent and parent not in subject:
                k = parent.rfind(subject[:2], 1)
                # 参保人数486.3万人，参保率95%以上 -> 基本医疗保险参保率: the rate replaces the count
                # (人数, 户数) that the parent ends with.
                subject = parent[:k] + subject if k > 0 and len(parent) - k <= 4 else parent + subject
        elif _OPENS_PART.match(head_raw) and (q.unit == "%" or len(subject) <= 3 or generic(subject)):
            # 交流轮岗教师2400余人，其中骨干教师占比超过三成 / 新登记市场主体9863户，其中企业3125户: a
            # share or a part of what the clause before counted.
            previous = self._previous_subject(clause)
            if previous and previous not in subject:
                subject = previous + "中" + subject
        elif len(subject) <= _SHORT or (len(subject) == _SHORT + 1 and subject[0] == "为"):  # (为 adds no length)
            self._topics[index] = subject
            completed = self._completed(index, subject, seg_raw, bool(before))
            if completed is None and not before and q.role != "target":
                completed = self._from_clause_before(clause, subject, head_raw)
            if completed is not None:
                topic, subject = completed
                self._topics[index] = topic
        if before and seg_raw and not q.inherited_subject:
            subject = _named_in_head(head, subject) if "“" in head else subject
        return self._respective(subject, own, clause, index)

    def _completed(self, index: int, subject: str, seg_raw: str, listed_before: bool) -> tuple[str, str] | None:
        """A short subject completed from the figure before it in the sentence, as (topic, subject):
        a list item (医保基金收入68.2亿元、支出61.5亿元 -> 医保基金支出; 签约项目156个、总投资… ->
        签约项目总投资), a parallel head (成交面积…，成交均价… -> 新建商品住宅成交均价) or a verb whose
        topic it leaves out (新建应急避难场所58处，可容纳约32万人)."""
        if index == 0 or len(subject) < 2:
            return None
        q = self.kept[index][0]
        prev_q = self.kept[index - 1][0]
        if prev_q.start < self.ctx.sentence(q.start)[0]:
            return None
        previous = self._subjects.get(index - 1, "")
        topic = self._topics.get(index - 1) or previous
        if len(previous) < 2 or previous == subject:
            return None
        if subject.startswith(VERB_LED):
            return topic, topic + subject
        if subject.startswith("总"):
            k = previous.find("总", 1)
            if k < 0:
                own_topic = topic_of(previous)
                if own_topic:
                    return own_topic, own_topic + subject  # …企业实现营业收入…，总利润…
                return previous, previous + subject  # 签约项目32个，总投资216亿元
            return previous[:k], previous[:k] + subject  # 医保基金总收入…，总支出… -> 医保基金总支出
        if listed_before and seg_raw[:1] in ("、", "和", "及"):
            if len(subject) == 2 and len(previous) >= 4:
                return previous[:-2], previous[:-2] + subject
            return None
        if listed_before:
            return None
        k = previous.find(subject[:2], 1) if len(subject) <= _SHORT_PARALLEL else -1
        if k > 0 and previous.count("“", 0, k) > previous.count("”", 0, k):
            k = -1  # 调解 inside “12348热线+人民调解” is part of a name, no head of the subject
        if k > 0:
            return previous[:k], previous[:k] + subject
        if _bare_verb(subject):
            # 新建5G基站2100个，累计建成1.2万个 -> 5G基站累计建成: a verb with no object acts on the
            # object of the figure before.
            obj = _object_of(previous)
            if len(obj) >= 2 and obj != previous:
                total = "累计" if seg_raw.lstrip("，, ").startswith("累计") or self._opens_total(q) else ""
                return obj, obj + total + subject
        if generic(subject) and (not subject.endswith(lx.CAPACITY_HEADS) or prev_q.unit in lx.COUNT_MEASURES):
            # 规模以上工业企业实现营业收入…；利润总额… / 普通高等学校11所，在校学生18.6万人; a capacity is
            # of the facilities counted before it (城镇污水处理厂41座，日处理能力…)
            own_topic = topic_of(previous) or _after_lead_verb(previous)
            return own_topic, own_topic + subject
        if verb_led(subject):
            # “信易贷”平台累计注册企业2.38万家，发放贷款412.6亿元 -> “信易贷”平台发放贷款
            own_topic = topic_of(previous)
            return (own_topic, own_topic + subject) if own_topic else None
        return None


    def _opens_total(self, q: Quantity) -> bool:
        """Whether the clause of ``q`` opens with a running total (累计建成…)."""
        clause = self.ctx.clause(q.start)
        return self.text.startswith(_TOTAL_LEADS, clause[0], q.start)

    def _from_clause_before(self, clause: tuple[int, int], subject: str, head_raw: str) -> tuple[str, str] | None:
        """A short subject that opens with a verb or is only a measure, after a clause of the same
        sentence with no figure, takes that clause's topic (区人民医院新院区投入使用，新增床位600床 ->
        区人民医院新院区新增床位; 举办第五届海川创新创业大赛，征集参赛项目1200多个)."""
        if len(subject) < 2:
            return None
        prev = self.ctx.previous_clause(clause[0])
        if prev is None or prev in self._last_in_clause:
            return None
        raw = self.text[prev[0] : prev[1]]
        led = verb_led(subject) or generic(subject) or head_raw.lstrip().startswith("为")
        if not (led or subject[:2] in raw) or _ASIDE.match(raw):
            return None
        before = clean_subject(raw.strip())
        if len(before) < 2 or before in subject or any(word in before for word in lx.NEGATIONS):
            return None  # 全市未发生较大事故，事故起数下降18%: what did not happen is no topic
        k = before.find(subject[:2], 2)
        if k > 0:
            # …实现检查检验结果互认，互认项目142项 -> 检查检验结果互认项目: from the verb's object on.
            verb = _TOPIC_BREAK.search(before, 2, k)
            topic = before[verb.end() : k] if verb is not None and k - verb.end() >= 2 else before[:k]
        elif led:
            if _DOCUMENT_LEAD.match(before) and not (generic(subject) or _bare_verb(subject)):
                # 出台…指导性意见，调解民间纠纷… / 分类制定…指引，为企业服务…: a document does not do what
                # a subject with its own verb and object says was done.
                return None
            topic = _noun_phrase(_by_name(clause_topic(before)))
            kinds = _ALL_KINDS.search(subject)
            if kinds is not None and len(topic) >= 2 and topic.endswith(kinds.group(1)):
                # 严格落实决策合法性审查，完成各类审查… -> 完成决策合法性审查: the topic says which kind.
                return topic, subject[: kinds.start()] + topic
        else:
            return None
        if len(topic) + len(subject) > _MAX_LABEL:
            # 打造“12348热线+人民调解”线上调解新模式，解答咨询…: a long topic is named by the quoted name
            # that opens it; a name inside it (坚持和发展新时代“枫桥经验”指导性意见) names something else.
            name = _QUOTED_NAME.match(topic)
            topic = name.group() if name is not None and len(name.group()) + len(subject) <= _MAX_LABEL else ""
        return (topic, topic + subject) if len(topic) >= 2 else None

    def _rank(self, q: Quantity, clause: tuple[int, int]) -> tuple[str, str]:
        """(the ranked subject, the rank label): 增速居全省第2位 takes its subject from the clause before."""
        subject, where = rank_parts(self.text[max(clause[0], q.start - WINDOW) : q.start])
        if len(subject) < 3:
            previous = self._previous_subject(clause)
            if previous:
                subject = previous + subject
        return subject, shorten(_ranked(subject + where))

    def _clause_subject(self, clause: tuple[int, int]) -> str:
        index = self._last_in_clause.get(clause)
        if index is not None:
            return self._subjects.get(index, "")
        return clean_subject(self.text[max(clause[0], clause[1] - WINDOW) : clause[1]])

    def _previous_subject(self, clause: tuple[int, int], skip_rates: bool = False) -> str:
        """The subject of the nearest clause before, in the same sentence, that has one (and, with
        ``skip_rates``, that is not itself a rate)."""
        prev = self.ctx.previous_clause(clause[0])
        hops = 0
        while prev is not None and hops < 3:
            if _ASIDE.match(self.text, prev[0], prev[1]):
                prev = self.ctx.previous_clause(prev[0])  # 按不变价格计算: how, not what
                hops += 1
                continue
            subject = self._clause_subject(prev)
            if len(subject) >= 2 and not (skip_rates and subject.endswith("率")):
                return subject
            prev = self.ctx.previous_clause(prev[0])
            hops += 1
        return ""

    def _respective(self, subject: str, own: str, clause: tuple[int, int], index: int) -> str:
        """Members of a list after 分别 take the matching item of a list subject, or, when the clause
        names no subject, the subjects of as many figures before it in the sentence
        (城镇…收入6.2万元，农村…收入2.8万元，分别增长5.1%和6.7%)."""
        text, kept = self.text, self.kept
        here = kept[index][0].start
        if text.find("分别", max(clause[0], here - WINDOW), here) < 0:
            return subject
        start = index
        while (start > 0 and index - start < _NEIGHBOURS and kept[start - 1][1] == clause
               and listed(text, kept[start - 1][0], kept[start][0])):
            start -= 1
        end = index
        while (end + 1 < len(kept) and end - index < _NEIGHBOURS and kept[end + 1][1] == clause
               and listed(text, kept[end][0], kept[end + 1][0])):
            end += 1
        count = end - start + 1
        first = kept[start][0].start
        if count < 2 or text.find("分别", max(clause[0], first - WINDOW), first) < 0:
            return subject
        split = respective(subject, index - start, count)
        # 分别占投资总额的70.8%和29.2%: the clause's own predicate, before any subject was borrowed.
        predicate = _PREDICATE_ONLY.match(own) is not None
        if predicate and subject.endswith(own):
            subject = own
        if split is not None or not (kept[index][0].inherited_subject or predicate):
            return split or subject
        previous = self._previous_subject(clause)
        split = respective(previous, index - start, count) if previous else None
        if split is not None:
            return split + subject if predicate else split
        sentence_start = self.ctx.sentence(first)[0]
        earlier = [j for j in range(max(0, start - count), start) if kept[j][0].start >= sentence_start]
        if len(earlier) == count and all(len(self._subjects.get(j, "")) >= 2 for j in earlier):
            # 接待游客8650万人次，旅游收入980亿元，分别恢复到2019年的112%和106%
            return self._subjects[earlier[index - start]] + (subject if predicate else "")
        return subject


def topic_of(subject: str) -> str:
    """The topic a subject names before it says what the topic did, or ``""``:
    ``“信易贷”平台累计注册企业`` -> ``“信易贷”平台``; ``规模以上工业企业实现营业收入`` -> ``规模以上工业企业``.
    A subject that opens with a verb has no topic (新增就业, 新建改造城市道路, 组织开展…活动), and a
    verb inside a quoted name is part of the name (“12348热线+人民调解”)."""
    if subject.startswith(_VERB_OPENINGS) or _OBJECT_LEAD.match(subject):
        return ""
    for m in _TOPIC_BREAK.finditer(subject, 2):
        if m.group() in _TOPIC_BREAK_NOUNS or subject.count("“", 0, m.start()) > subject.count("”", 0, m.start()):
            continue
        topic = subject[: m.start()]
        lead = _LEAD.match(topic)
        topic = topic[lead.end() :] if lead else topic  # 年末全市共有… : scene words are no topic
        return "" if topic in lx.NOT_TOPICS else topic  # 现场签约项目: where, not who
    return ""


def _by_name(topic: str) -> str:
    """A long topic that ends in a quoted name is called by it (第二十三届即墨古城“金秋文化节” -> “金秋文化节”);
    a quoted word inside it only qualifies its head (“一站式”矛盾纠纷调处中心)."""
    if len(topic) <= _NAMED_TOPIC_MAX or not topic.endswith("”"):
        return topic
    name = _QUOTED_NAME.search(topic, len(topic) - 16)
    return name.group() if name is not None and name.end() == len(topic) else topic


def _noun_phrase(topic: str) -> str:
    """What a topic that ends in a verb acts on (行政争议实质性化解 -> 行政争议), or ``""``: a label borrows
    a noun phrase, never a verb phrase cut in two."""
    verb = _VERB_END.search(topic, max(0, len(topic) - 4))
    if verb is None:
        return topic
    head = topic[: verb.start()]
    manner = _MANNER_END.search(head)
    head = head[: manner.start()] if manner is not None else head
    return "" if len(head) < 2 or _VERB_END.search(head) else head


def _object_of(subject: str) -> str:
    """``新建5G基站`` -> ``5G基站``: what a subject's opening verb acts on, or the subject itself."""
    lead = _OBJECT_LEAD.match(subject)
    if lead is not None:
        return subject[lead.end() :]
    for verb in _ACTION_VERBS:
        if subject.startswith(verb):
            return subject[len(verb) :]
    return subject


def _after_lead_verb(text: str) -> str:
    """``举办第五届海川创新创业大赛`` -> ``第五届海川创新创业大赛``: what a clause's opening verb acts on."""
    lead = _OBJECT_LEAD.match(text)
    return text[lead.end() :] if lead else text


def verb_led(subject: str) -> bool:
    """Whether a subject opens with a verb whose topic is said before it (发放贷款, 新增床位, 办理)."""
    return subject.startswith(_ACTION_VERBS)


def generic(subject: str) -> bool:
    """Whether a subject is only a measure, with nothing to say what it is of (金额, 在校学生, 总支出,
    日处理能力)."""
    return (subject in lx.GENERIC_HEADS or (subject[:1] in "总净" and subject[1:] in lx.GENERIC_HEADS)
            or (len(subject) <= lx.CAPACITY_MAX and subject.endswith(lx.CAPACITY_HEADS)))


def _bare_verb(subject: str) -> bool:
    """Whether a subject is a verb alone, perhaps with how far it got (建成, 基本建成, 全部完成)."""
    if subject in _BARE_VERBS:
        return True
    for adverb in lx.DEGREE_ADVERBS:
        if subject.startswith(adverb) and subject[len(adverb) :] in _BARE_VERBS:
            return True
    return False


def clause_topic(clause_text: str) -> str:
    """The topic a clause without figures gives the figure after it: the part before its verb when it
    opens with a subject (区人民医院新院区投入使用 -> 区人民医院新院区), else what its opening verb acts
    on (举办第五届海川创新创业大赛 -> 第五届海川创新创业大赛)."""
    if _RANK_VERB.search(clause_text) is not None:
        ranked = rank_parts(clause_text)[0]  # 在全省营商环境评价中位列前三，综合得分86.4分
        if len(ranked) >= 2:
            return ranked
    topic = topic_of(clause_text)
    return topic if len(topic) >= 2 else _after_lead_verb(clause_text)


def _the_rest(head_raw: str, head: str) -> bool:
    """``其余2项正在推进``: the rest of what the clause before counted, with nothing else named."""
    return not head and head_raw.lstrip(" ，,；;").startswith(("其余", "其他"))


def _named_in_head(head: str, subject: str) -> str:
    """A name in quotes that opens the clause (通过“海川科创贷”为1500余家企业发放贷款86亿元) says
    whose the later figures of the clause are: ``“海川科创贷”发放贷款``."""
    if "“" not in head:
        return subject
    name = _QUOTED_NAME.search(head)
    if name is None or name.group() in subject:
        return subject
    return name.group() + subject


def _list_item(text: str, q: Quantity) -> bool:
    """Whether a list connector follows ``q`` (上调64项、下调44项): what follows is the next item's."""
    return text.startswith(tuple(LIST_CONNECTORS), q.end)


def _same_clause(kept: Kept, index: int, clause: tuple[int, int]) -> tuple[list[Quantity], list[Quantity]]:
    before, after = [], []
    j = index - 1
    while j >= 0 and kept[j][1] == clause and len(before) < _NEIGHBOURS:
        before.append(kept[j][0])
        j -= 1
    j = index + 1
    while j < len(kept) and kept[j][1] == clause and len(after) < _NEIGHBOURS:
        after.append(kept[j][0])
        j += 1
    before.reverse()
    return before, after


def _right_side(text: str, q: Quantity, after: list[Quantity], clause: tuple[int, int]) -> str:
    """The clause after the figure with the other figures taken out."""
    pieces = []
    pos = q.end
    for other in after:
        piece = text[pos : other.start]
        pieces.append(piece)
        if piece.endswith(_ITEM_ENDS):
            return clean_right("".join(pieces))  # 10个区(市)、145个镇: stop at the next item
        pos = other.end
    pieces.append(text[pos : min(clause[1], pos + WINDOW)])
    return clean_right("".join(pieces))
