"""Labels: the short subject phrase that says what a figure counts.

Reports put the subject right before the figure (``学前教育普惠率达到95.01%``), after its
measure word when a verb leads (``推动10个强镇筑基省级试点镇``, ``40所学校开工``), or in the
clause before when the clause leaves its subject out (``技术合同成交额231亿元,同比增长24%``,
``总数达到58家``, ``完成年度目标的105.5%``). The label is that phrase with the words that
introduce a figure (达到, 提高到, 由去年的…), scene-setting words (全市, 今年以来, 1-10月份) and
distributive words (每人每月) taken off. A change keeps its verb (``…同比增长``), a rank says
where it ranks (``…全省排名``) and a target inherited from the clause before says ``目标``, so
each label reads on its own in a table.

A label is also what the year-over-year join reads, so it names the indicator the way an analyst
would, whatever the year's wording: a verb, a kind or a change size alone (退出, 公办, 升幅) takes
its topic from the figure, clause, sentence or heading before; a count written before its deed is
named by the deed (纳入统一平台的救助事项), a fund by its purpose; comparison scaffolding (与2015年…
相比, 而2020年则, 比全国高), glosses, empty brackets and leading conjunctions never stay in it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govmetrics.extract import lexicon as lx
from govmetrics.extract.context import positions

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
#: A year, in Arabic digits or in Chinese numerals (二〇〇九年).
_YEAR = r"(?:(?:19|20)\d{2}|[一二][〇零○一二三四五六七八九]{3}|(?:民国)?1[01]\d|一[〇零○一][〇零○一二三四五六七八九])年"
_CN_MONTH = r"[一二三四五六七八九十]{1,3}"
# A year in any of its forms, with the part of it a figure is taken at (112年8月底, 113年度底).
_ANY_YEAR = (r"(?:(?:19|20)\d{2}|[一二][〇零○一二三四五六七八九]{3}|(?:民国)?(?:1[01]\d|[一九][〇零○一二三四五六七八九十]{1,2}))"
             r"年(?:度)?")
# (Alternatives that open with the same characters are written together, so that the regex engine
# tries fewer of them at each position.)
_PERIODS = (
    r"\d{1,2}(?:(?:月份?)?[-—–~～至到]\d{1,2}月份?|月\d{1,2}日(?:[至到—-]\d{1,2}日)?|月份)"
    r"|截[至止](?:(?:" + _ANY_YEAR + r")?(?:\d{1,2}|" + _CN_MONTH + r")月(?:底|末|份)?(?:\d{1,2}日)?|目前|今年|年底|当前)"
    r"|前(?:[一二三四1-4](?:个)?季度|\d{1,2}个月)|第?[一二三四1-4]季度|[上下]半年"
    r"|" + _CN_MONTH + "月" + _CN_MONTH + "日(?:[至到]" + _CN_MONTH + r"日)?"
    # From when a standard applies (自1月起, 从2023年7月1日起).
    r"|(?:自|从)(?:" + _ANY_YEAR + r")?(?:\d{1,2}|" + _CN_MONTH + r")月(?:\d{1,2}日|" + _CN_MONTH + r"日)?(?:份)?起"
    r"|今年以来|年初以来|今年|本年度|年内|全年|当年|去年|上年|明年|年末|年底|年初(?!以来)"
    # A year in Arabic or Chinese numerals or of the Minguo calendar (2022年, 二〇二二年, 112年, 九十七年), or its
    # end or start (113年度底).
    r"|" + _ANY_YEAR + r"(?:底|末|初(?!以来))?"
)
# 为 before whom a verb acts stays in a label (每年为群众减负12亿元 -> 为群众减负): who is helped is no subject.
_BENEFACTIVE = (r"[^，,；;。0-9为]{1,8}?(?:" + "|".join(sorted(lx.ACTION_VERBS + lx.BENEFACTIVE_VERBS, key=len, reverse=True))
                + ")")
_COMPARED_TIME = r"(?:(?:去年|上年|上一年|上届|前年|" + _YEAR + r"(?:度)?)(?:同期|底|末|初)?|同期|年初)"
_MANNER_LEAD = (r"(?:以|按照|通过)[^，,；;。以]{1,12}?(?:理念|方式|模式|形式|标准|机制|为抓手|为载体|为依托|为重点|为引领"
                r"|为核心|为主线|为牵引|为目标)")
_LEAD = re.compile(
    r"(?:[\s,，、;；:：。)）\]】”’]|的|" + _PERIODS + r"|其中|其[余他](?![\u4e00-\u9fff])|并且|并|同时|另外|此外|目前|现已|已经|已|共计|共有|共|累计|合计"
    r"|总计|全市|全省|全区|全县|全国|我市|本市|下一步|另有|还有|其(?![余他它])|将|对于|对|通过|围绕|依托|当中|为(?=[^0-9]{2,})(?!" + _BENEFACTIVE + ")"
    r"|每年|每月|每人|每家|每户|每个|每项|每次|均|都|分别|力争|争取|确保|力求|预计|目标|计划(?!生育|单列|经济)|连续"
    r"|(?:活动|节会|展会|会议|赛事|节日)?期间"
    r"|[到至](?:19|20)\d{2}年(?:底|末)?"
    r")+"
)
# Leads of reports of other kinds and places, read only at a character that can open one (so the common
# leads above cost no more): conjunctions that join a clause to the one before (但受灾群众…, 而2020年则…),
# 有 before 各类, 发生 (发生生产安全事故 -> 生产安全事故), 拥有, 属于, how a thing was made (以“共享家”理念,
# 打造, 搭建), the past a figure is compared with (与2015年的…相比), a year in Chinese numerals or of the
# Minguo calendar (二〇二二年, 112年, 九十七年) and 合共.
_MORE_LEAD = re.compile(
    r"(?:" + "|".join(sorted(lx.CLAUSE_CONJUNCTIONS, key=len, reverse=True)) + r"|有(?=各[类种级项])"
    r"|发生(?![率数])|拥有|属于|属(?![地性实])|合共|" + _MANNER_LEAD
    + r"|(?:" + "|".join(lx.MAKING_VERBS) + r")(?=[^，,；;。]{2})"
    r"|(?:与|跟)" + _COMPARED_TIME + r"(?:的|相比|相较|比较)*"
    # 在去年…的基础上: the time a plan builds on; 拟以, 及: how and with what a clause goes on; 每名幼儿每月:
    # whom and how often a standard is paid for; 按常住地分: the header of a breakdown.
    r"|在" + _COMPARED_TIME + r"的?|拟(?:以|用|通过)?|以及|及(?![时格早])"
    r"|每(?:名|位|个|户|人|家)[\u4e00-\u9fff]{1,3}?每(?:月|年|天|日)|按[^，,；;。0-9]{1,6}?分(?:组)?[，,：:]?"
    r")+"
)
#: First characters of the times 在 may open (在去年…的基础上).
_TIME_FIRST = "去上前同年民12一二"
_MORE_LEAD_FIRST = frozenset(
    "".join(w[0] for w in lx.CLAUSE_CONJUNCTIONS) + "".join(w[0] for w in lx.MAKING_VERBS) + "有发拥属合以按通与跟在拟及每"
)


def lead_end(text: str, pos: int = 0) -> int:
    """Where the scene-setting words that open ``text`` end (全市…, 今年以来…, 但…, 与2015年的…); ``pos``
    is where the common leads already read end."""
    if pos == 0:
        m = _LEAD.match(text)
        pos = m.end() if m is not None else 0
    # The leads of other kinds of report are looked at only where one can start.
    while pos < len(text) and text[pos] in _MORE_LEAD_FIRST and (
        text[pos] != "在" or text[pos + 1 : pos + 2] in _TIME_FIRST
    ) and (more := _MORE_LEAD.match(text, pos)) is not None:
        pos = more.end()
        m = _LEAD.match(text, pos)
        pos = m.end() if m is not None else pos
    return pos


# The reporting department itself (市交通运输局完成…, 区卫生健康局将…, 我局): who reports, not what.
_DEPARTMENT_LEAD = re.compile(
    r"(?:(?:[\u4e00-\u9fff]{2,4}?)?[市区县][\u4e00-\u9fff]{1,10}?(?:委员会|办公室|局(?![面势部限长])|委(?![员托屈]))"
    r"|[我本该][局委办]"
    # 消防处共处理火警…, 治安警察局全年…: a department named without its city, before a total or a year.
    r"|[\u4e00-\u9fff]{1,8}?(?:处|署|局)(?=合共|共|全年|今年|年内|去年))[将要已还也]?"
)
_DEPARTMENT_REACH = 20
# A one-character verb after a character that makes it part of a word (航班起降) is no verb to take off.
_BLOCKED = "(?<![" + "".join(sorted(lx.WEAK_VERB_BLOCKERS)) + "])"
# 升 and 跌 alone (按年升, 升至) end a subject as the verbs of change do.
_TRAILING_CHANGE_VERBS = (*lx.CHANGE_VERBS, "升", "跌")
_CHANGE_WORDS = "|".join(
    (_BLOCKED + v if v in lx.WEAK_CHANGE_VERBS else v)
    for v in sorted((v for v in _TRAILING_CHANGE_VERBS if v not in lx.CHANGE_NOUNS), key=len, reverse=True)
)
_COMPARED = (r"(?:(?:去年|上年|上一年|上届|上一学年|上学年|上季度|上一季度|上季|上月|上半年|" + _YEAR
             + r")(?:同期|底|末|初)?|同期|年初|年末|年底|原来|原先|过去|以往|此前|以前)")
_TRAIL_WORDS = (
    "的 了 分别 都 共 累计 共计 合计 总计 已经 已 仍然 仍 继续 再 又 还 将 全部 基本 首次 保持在 保持 控制在 控制到 维持在"
    " 稳定在 稳定 达到了 达到 高达 多达 达 为 是 有 约 占 至 到 增至 降至 调整为 调整到 调整至 完成 实现 同比 环比 每人每月 每人每年 每人 每月"
    " 每年 每家 每户 每日 每天 每周 每小时 去年 上年 由 从 预计 预期 仅为 仅有 仅 只有 连续"
).split()
# The lookahead of first characters lets the regex engine skip to candidate positions.
_TRAIL = re.compile(
    "(?=[\\s,，、;；:：(（\\[【“‘\\-−负均由从比较相12"
    + re.escape("".join(sorted({w[0] for w in _TRAIL_WORDS} | {v[0] for v in _TRAILING_CHANGE_VERBS})))
    + "])"
    r"(?:[\s,，、;；:：(（\[【“‘\-−]|(?<![平人年月日])均|(?<![" + "".join(sorted(lx.NOT_SIGN_BEFORE_FU)) + "])负|"
    + "|".join(w if w != "为" else "(?<!行)为" for w in sorted(_TRAIL_WORDS, key=len, reverse=True))  # 违法行为 is a noun
    + r"|(?:" + _CHANGE_WORDS + r")(?:到|至|了)?"
    r"|(?:由|从)" + _COMPARED + r"|(?:比|较|相比)" + _COMPARED
    + r"|(?<![是为于])(?:(?:19|20)\d{2}|1[01]\d)年(?:底|末)?"
    r")+$"
)
#: Every character a match of ``_TRAIL`` can end with: phrases ending otherwise skip the regex.
TRAIL_LAST = frozenset(
    " \t\n\r\f\v,，、;；:：(（[【“‘-−负均到至了年底末初期届"
    + "".join(w[-1] for w in _TRAIL_WORDS)
    + "".join(v[-1] for v in _TRAILING_CHANGE_VERBS)
)
#: Trailing words of reports of other kinds, looked for only at the characters they end with: 按年,
#: 年末, 安排, 进行, 录得 and the past compared with (与上年相比).
_MORE_TRAIL = re.compile(
    r"(?:按年|按月|年末|年底|年初|安排|进行了|进行|录得|(?:与|同|跟)" + _COMPARED + r"(?:的)?(?:相比|相较|比较)|相比|相较"
    # 租赁补贴标准自1月起, 学前教育补助提高到每名幼儿: when a standard applies and whom it is paid for.
    r"|(?:自|从)(?:" + _ANY_YEAR + r")?(?:\d{1,2}|" + _CN_MONTH + r")月(?:\d{1,2}日|" + _CN_MONTH + r"日)?(?:份)?起"
    r"|每(?:名|位)[\u4e00-\u9fff]{1,3}?(?:每(?:月|年|天|日))?|每户每月|每户每年|每人每天)$"
)
_MORE_TRAIL_LAST = frozenset("年月末底初排行了得比较起日天")
_TRAIL_REACH = 20
_RIGHT_LEAD = re.compile(r"^(?:[\s,，、)）]|的|了|以上的|以下的|已|均|都|就|共|相比|相较|比较)+")

_RIGHT_TRAIL = re.compile(r"(?:[\s,，、(（]|等|的|了|共计|合计|累计|共|及|以及|和)+$")
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
    r"|同比|环比|按年|按月|比上年|较上年|比去年|较去年|占|高于|低于|快于|慢于|升幅|跌幅|增长幅度|下降幅度)"
)
#: Subjects that only say how much a change was (压减比例, 下降幅度): they take the subject before.
_CHANGE_SIZE = re.compile(
    "(?:" + "|".join(sorted(lx.CHANGE_VERBS, key=len, reverse=True)) + ")(?:" + "|".join(lx.CHANGE_MEASURES) + ")"
)
_CHANGE_MEASURE_LAST = frozenset(w[-1] for w in lx.CHANGE_MEASURES)
#: Subjects that only qualify a figure and need the clause before to say of what.
_BARE_SUBJECTS = frozenset(
    "人均 平均 户均 年均 占比 比重 总数 总量 总额 合计 其中 共计 完成率 增幅 增速 降幅 涨幅 减幅 升幅 跌幅 按年 按月"
    " 增长幅度 下降幅度".split()

) | lx.RECKONING_WORDS
#: A share of a past year's level keeps the year: 旅客吞吐量恢复至2019年的九成 -> 旅客吞吐量恢复至2019年水平.
_RECOVERY_ENDS = ("年", "的", "平")
_RECOVERY = re.compile(r"(恢复|回升|回到|相当于)(到|至)?((?:19|20)\d{2}年)(?:同期)?的?(?:水平)?的?$")
_RECOVERY_AFTER = re.compile(r"(?:与|同|和|较|比)((?:19|20)\d{2}年)(?:同期)?(?:相比|比较)?[，,]?\s*(恢复|回升|回到)(到|至)?$")
_RECOVERY_VERBS = ("恢复", "回升", "回到")
_KIND_MODIFIERS = lx.KIND_MODIFIERS
#: A multiple of a past level (是去年的1.6倍, 为2020年的1.9倍) is labelled as that: 加装电梯为去年的倍数.
_COMPARISONS = tuple(lx.COMPARISON_PREFIXES)  # all two characters long
_MULTIPLE_OF = re.compile(r"(?:是|为|相当于)((?:19|20)\d{2}年|去年|上年|上一年|前年)(同期)?的$")
_MULTIPLE_TAIL = re.compile(r"(?:是|为|相当于)?(?:(?:19|20)\d{2}年|去年|上年|上一年|前年)?(?:同期)?的?$")
#: A comparison with another place or group before the word that says which way it goes (比全国高,
#: 相比周边城市多, 与全省平均水平相比低): 比 is no comparison inside 占比, 比重, 比例.
_COMPARISON_WORDS = ("高出", "低出", "高", "低", "多", "少", "快", "慢")
_COMPARISON_LAST = frozenset(w[-1] for w in _COMPARISON_WORDS) | {"了"}
_PLACE_COMPARISON = re.compile(
    r"(?:相比于|相较于|相比|相较|(?<![占对排评无类同环])比(?![重例率值价])|较(?![大小高低好差多少快慢为])|与|同(?!比))"
    r"(?P<place>[^，,；;。0-9比较与同于]{1,12}?)(?:相比|相较|比较)?\s*"
    r"(?<![提升增降减缩偏略稍])(?P<adj>" + "|".join(_COMPARISON_WORDS) + r")了?$"

)
_PAST = re.compile(_COMPARED + r"(?:的|水平|的水平)?")
#: Last characters of a raw subject that any special reading of ``_clean`` needs.
_CLEAN_SPECIAL_LAST = frozenset(_RECOVERY_ENDS) | frozenset("至到复升") | _COMPARISON_LAST
#: A subject that is only a comparison and the way it went (比改革前减少, 较上年增加): whose figure it is
#: was said before.
_COMPARISON_ONLY = re.compile(
    r"^(?:(?:相比于?|相较于?|比(?![重例率值])|较(?![大小高低好差多少快慢为]))[^，,；;。]{0,10}?(?:相比|相较)?"
    r"|(?:与|同)[^，,；;。]{1,10}?(?:相比|相较))"
    r"(?:" + "|".join(sorted(lx.CHANGE_VERBS, key=len, reverse=True)) + r")?$"

)
#: What a compared subject opens with once it is read (高于全国…): the subject is the one before.
_COMPARED_OPENINGS = tuple(w + "于" for w in ("高", "低", "多", "少", "快", "慢"))
#: First characters of a subject that may only borrow its subject (高于…, 比…, 恢复…).
_BORROW_FIRST = frozenset("高低多少快慢比较相与同恢回")
#: The head of an earlier level written with the time it was taken (较二〇二二年的…, 与2015年的…).
_PAST_HEAD = re.compile(r"(?:较|比|与|同|跟|从|由)\s*" + _COMPARED_TIME + r"(?:的)?$")
_PAST_LAST = frozenset("的年期底末初")
#: A share of a budget or plan done (为预算的101.2%, 完成年度计划的98%): of the subject before.
_BUDGET_SHARE = re.compile(r"^\s*(?:为|完成|达到|占)((?:年初|全年|年度|调整)?(?:预算|计划))(?:数)?的\s*$")
#: Clauses that say how a figure is reckoned, not what it counts (按不变价格计算, 扣除价格因素).
#: (按常住地分, 按性别分组: the header of a breakdown names no measure either.)
_ASIDE = re.compile(r"\s*(?:按[^，,；;。]{0,8}计算|扣除[^，,；;。]{0,8}因素|剔除[^，,；;。]{0,8}因素|分产业看|分[^，,；;。]{1,4}看"
                    r"|按[^，,；;。0-9]{1,6}分(?:组|类)?)\s*$")
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
_BARE_VERBS = (frozenset(lx.TOPIC_BREAKS) | frozenset(lx.OBJECT_LEAD_VERBS) | frozenset(lx.OUTCOME_WORDS)
               | frozenset(lx.BARE_WORK_WORDS))
_BARE_VERBS_WITH_ADVERBS = _BARE_VERBS | frozenset(a + v for a in lx.DEGREE_ADVERBS for v in _BARE_VERBS)
#: A cause before what it led to (自然灾害造成直接经济损失, 发生火灾…，造成3人死亡).
_CAUSE = re.compile(r"(?:共|累计|全年)?(?:造成|导致|致使)(?:全市|全区|全县|全省)?")
_ALL_KINDS_LEAD = re.compile("^(?:" + "|".join(lx.ALL_KINDS) + "|各级)+")
#: Verbs a list of objects shares (宽带覆盖村委会150个、卫生室136个).
_LIST_VERB = re.compile("|".join(sorted(
    set(lx.ACTION_VERBS + lx.OBJECT_LEAD_VERBS + lx.TOPIC_BREAKS + VERB_LED + lx.LIST_VERBS), key=len, reverse=True)))
_ADVERB_RUN = re.compile("(?:新|" + "|".join(sorted(lx.LEAD_ADVERBS, key=len, reverse=True)) + ")+")
#: Words that close a clause naming only a field (城市低保方面，…).
#: A heading's list marker (三、, （二）, 1.) and the longest heading read as a topic.
_HEADING_MARK = re.compile(r"^(?:[（(][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|[0-9]{1,2}[、.．])\s*")
_HEADING_MAX = 12
_TOPIC_MARK = re.compile(r"(?:工作)?(?:方面|领域)$")
_SUFFERED = re.compile(r"(?:遭受|受到|遭遇|经历)(?:了)?([^，,；;。]{2,16}?)(?:的)?(?:影响|冲击|袭击|侵袭)?$")
#: A clause that only sets another time against the figure before (，而2020年则为…).
_CONTRAST = re.compile(r"\s*(?:" + "|".join(lx.CLAUSE_CONJUNCTIONS) + r")\s*(?:" + _COMPARED_TIME + r"|" + _YEAR
                       + r")?(?:则|却)?(?:为|有|是|达|录得)?\s*")
#: Verbs that open a deed said of a count before them (为6.4万名学生发放助学金), and the words of manner
#: between the two (全力冲刺, 首批通过).
_DEED_VERB = re.compile("|".join(sorted(
    set(lx.ACTION_VERBS + lx.OBJECT_LEAD_VERBS + lx.TOPIC_BREAKS + VERB_LED + lx.LIST_VERBS + lx.DEED_VERBS
        + lx.BENEFACTIVE_VERBS)
    - {"累计", "共计", "共有"}, key=len, reverse=True)))
_DEED_ADVERBS = "(?:" + "|".join(sorted(lx.DEED_ADVERBS + lx.LEAD_ADVERBS + lx.DEGREE_ADVERBS, key=len, reverse=True))
_DEED_ADVERBS += ")"
_DEED_ADVERB_END = re.compile(_DEED_ADVERBS + "+$")
_DEED_ADVERB_RUN = re.compile(_DEED_ADVERBS + "+")
#: Where a deed was done, before the count of what did it (在全市15个区(市)开展…).
_SCENE = re.compile(r"在全[市省区县国]")
_FUND_NOUN = re.compile("|".join(lx.FUND_NOUNS))
_PURPOSE_VERB = re.compile("|".join(lx.PURPOSE_VERBS))
_USED_FOR = re.compile(r"\s*(?:专项|主要|全部|重点)?用于")
_DESTINATION_VERB = re.compile("|".join(lx.DESTINATION_VERBS))
_FIGURE_START = re.compile(r"[0-9０-９]|[一二两三四五六七八九十百千万]+[个项家所名人处件]")
_NOT_TOPIC_END = re.compile("(?:" + "|".join(sorted(lx.NOT_TOPICS, key=len, reverse=True)) + ")$")
#: States held over years that name their own subject (连续16年未发生重大森林火灾, 连续6年获评…).
_SELF_NAMED_STATES = ("未", "无", "没有", "获", "荣获", "被评为", "入选")
_KIND_LEAD = re.compile("|".join(sorted(lx.KIND_MODIFIERS, key=lambda w: (-len(w), w))))
_MEASURE_END = re.compile("(?:" + "|".join(lx.MEASURE_HEADS) + ")$")
_OUTCOME_START = re.compile("|".join(sorted(lx.OUTCOME_WORDS, key=len, reverse=True)))
_OUTCOME_END = re.compile("(?:" + "|".join(sorted(lx.OUTCOME_WORDS, key=len, reverse=True)) + ")$")
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
_ITEM_ENDS = ("、", "，", ",", "；", ";", "及", "和", "以及")
_ON_BASIS = ("的基础上", "基础上")
#: A subject ending in one of these is a difference between two groups (两者相差, 城乡…相差) or names one (差距).
_DIFFERENCE_WORDS = ("相差", "差距")
_LEVEL_OF_POINTS = {"百分点": "%", "千分点": "‰"}
#: A ceiling or limit a level is kept under names the figure after it (债务余额低于法定上限50%).
_CAP_NOUNS = ("上限", "下限", "限额", "警戒线", "控制线")
_TARGET_NOUN_ENDS = lx.COMPARED_TARGETS + _CAP_NOUNS
_DIFFERENCE_OR_CAP_LAST = frozenset(w[-1] for w in (*_DIFFERENCE_WORDS, *_CAP_NOUNS))
_UNDER_CAP = re.compile(r"(?:低于|不超过|不高于|高于|不低于|控制在|在)([^，,；;。]{0,4}(?:上限|下限|限额|警戒线|控制线))$")
#: Words that stand for the two groups just stated (两者相差, 两性相差).
_BOTH = ("两者", "二者", "两性", "两地", "双方", "两组", "两类")
#: How far before a figure the bracket it is compared in may open (增长9.0%(全国8.1%、全省8.6%)).
BRACKET_REACH = 24
#: The place a figure in brackets is of, with what may follow it before the figure (全省平均为, 全国增长).
_BRACKET_PLACE = re.compile(
    r"\s*(?:同期)?(?P<place>[\u4e00-\u9fff]{2,8}?)(?:平均水平|平均)?(?:为|是|达到|达|约)?(?:同比|按年)?(?:"
    + _CHANGE_WORDS + r")?(?:了|为|达)?\s*[-−负]?"
)
_EARLIER_TIME = re.compile(_COMPARED + r"|上季度?|上一季度|上月|上期")
#: Second characters that make 新 open a verb (新造林, 新建, 新开通), not a noun (新产品).
_NEW_VERB_SECOND = "建增造开设改培栽植种引招录购配添修筑铺装签注"
_BARE_WORK_WORDS = tuple(sorted(lx.BARE_WORK_WORDS, key=len, reverse=True))  # 12人死亡及251人受伤: 死亡 ends the first item


def listed(text: str, a: Quantity, b: Quantity) -> bool:
    """Whether ``b`` follows ``a`` as the next member of a list (8683、9776家)."""
    return 0 < b.start - a.end <= 2 and text[a.end : b.start] in LIST_CONNECTORS


#: A pinyin gloss a repost writes after a character (增(zeng)长(chang)), with or without tone marks.
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[bcdfghjklmnpqrstwxyz]h?)?[aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"
                    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{0,4}[1-5]?\)")
#: Brackets and quotes with nothing inside, left behind when what they held was a figure or noise.
_EMPTY_PAIR = re.compile(r"\(\s*\)|（\s*）|“\s*”|‘\s*’|《\s*》|【\s*】|\[\s*\]")
#: Punctuation a label neither opens nor closes with (a bracket or quote that pairs stays).
_EDGE_PUNCTUATION = " \t\n\r\u3000,，、;；:：。.!！?？-—–~～/|·…"
#: Words inside a label that only say a thing happened or when (发生, 全年): the period is its own field.
_INNER_DEBRIS = re.compile(r"(?<=[\u4e00-\u9fff”)）])(?:(?<![未无不有])发生(?![率数次])|(?:全年|今年以来|今年|年内)(?!目标|计划|任务))"
                           r"(?=[\u4e00-\u9fff“])")
_CONJUNCTION_FIRST = frozenset(w[0] for w in lx.CLAUSE_CONJUNCTIONS)
#: Whether a label may need tidying at all (most do not): a bracket, an inner debris word, or an edge
#: character that is punctuation or may open a conjunction. (Looked for with ``in``, which is quicker
#: than a regex search on strings this short.)
_UNTIDY_FIRST = frozenset(_EDGE_PUNCTUATION) | _CONJUNCTION_FIRST
_UNTIDY_LAST = frozenset(_EDGE_PUNCTUATION)


_CONJUNCTION_LEAD = re.compile("^(?:" + "|".join(sorted(lx.CLAUSE_CONJUNCTIONS, key=len, reverse=True)) + ")")


def degloss(text: str) -> str:
    """``同比增(zeng)长(chang)`` -> ``同比增长``: a gloss hides the word it glosses."""
    return _GLOSS.sub("", text) if "(" in text else text


def tidy(label: str) -> str:
    """A label with no debris: no gloss, no empty bracket, no punctuation at either end and no
    conjunction in front (但受灾群众 -> 受灾群众)."""
    if not label or not (label[0] in _UNTIDY_FIRST or label[-1] in _UNTIDY_LAST or "(" in label or "发生" in label
                         or "全年" in label or "今年" in label or "年内" in label):
        return label
    if "(" in label:
        label = _GLOSS.sub("", label)
    label = label.strip(_EDGE_PUNCTUATION)
    if "发生" in label or "全年" in label or "今年" in label or "年内" in label:
        label = _INNER_DEBRIS.sub("", label)  # 工矿商贸领域发生事故, 消防救援队伍全年接警出动
    conjunction = _CONJUNCTION_LEAD.match(label) if label[:1] in _CONJUNCTION_FIRST else None
    if conjunction is not None and len(label) - conjunction.end() >= 2:
        label = label[conjunction.end() :].lstrip(_EDGE_PUNCTUATION)
    return label


def clean_subject(raw: str, led: bool = False) -> str:
    """Take scene-setting words off the front and figure-introducing words off the end. ``led``: the
    scene-setting words are off already (a gloss aside, which hides them), so only the end is read."""
    if "(" in raw:
        raw = _GLOSS.sub("", raw)
        led = False
    if led:
        text = raw
    else:
        lead = _LEAD.match(raw)
        start = lead.end() if lead is not None else 0
        if start < len(raw) and raw[start] in _MORE_LEAD_FIRST:
            start = lead_end(raw, start)
        text = raw[start:] if start else raw
    head = text[:_DEPARTMENT_REACH]
    if (("局" in head or "委" in head or "办" in head or "处" in head or "署" in head)
            and (dept := _DEPARTMENT_LEAD.match(text)) is not None):
        text = text[dept.end() :]
        text = text[lead_end(text) :]
    # The trailing words are short: only the end of the phrase needs looking at.
    if text and text[-1] in TRAIL_LAST and (trail := _TRAIL.search(text, max(0, len(text) - _TRAIL_REACH))) is not None:
        text = text[: trail.start()]
    # Those of other kinds of report are looked at only after a character they end with.
    while text and (text[-1] in _MORE_TRAIL_LAST or "每" in text) and (
        more := _MORE_TRAIL.search(text, max(0, len(text) - _TRAIL_REACH))
    ) is not None:
        text = text[: more.start()]
        if text and text[-1] in TRAIL_LAST and (trail := _TRAIL.search(text, max(0, len(text) - _TRAIL_REACH))):
            text = text[: trail.start()]
    return text


def clean_right(raw: str) -> str:
    text = _RIGHT_LEAD.sub("", degloss(raw), count=1)
    return _RIGHT_TRAIL.sub("", text, count=1)


def shorten(label: str) -> str:
    """Keep a label readable in a table: when it is long, the part after the last 的 or 等 (what
    comes before them qualifies or lists examples), else after a list comma, else its end."""
    label = tidy(label)
    if len(label) <= _MAX_LABEL:
        return balanced(label)
    for marks in ("的等", "中", "、，,"):
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
    label = _EMPTY_PAIR.sub("", label).strip(_EDGE_PUNCTUATION)  # 退出低保() -> 退出低保
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


def compared_with(raw: str) -> tuple[str, str] | None:
    """``人均预期寿命比全国高`` -> (``人均预期寿命``, ``高于全国``): a level compared with another place or
    group says so in one form however it is worded (比全国高, 较全省平均水平高出, 与周边城市相比多); a
    comparison with a past time is a change and keeps its own wording."""
    if raw[-1:] not in _COMPARISON_LAST:
        return None
    m = _PLACE_COMPARISON.search(raw, max(0, len(raw) - 20))
    if m is None or _PAST.fullmatch(m.group("place")):
        return None
    return raw[: m.start()], m.group("adj")[0] + "于" + m.group("place")


def compared_with_end(subject: str) -> bool:
    """Whether a subject ends in a comparison with a place, as ``compared_with`` writes it (…高于全国)."""
    k = subject.rfind("于", max(0, len(subject) - 14))
    return k > 0 and subject[k - 1] in "高低多少快慢" and subject[k - 1 : k + 1] in _COMPARED_OPENINGS


def _clean(raw: str, led: bool = False) -> str:
    """``clean_subject``, keeping a past year that a share is taken of (恢复至2019年的九成) and the place
    a level is compared with (比全国高 -> 高于全国)."""
    if raw[-1:] not in _CLEAN_SPECIAL_LAST:
        return clean_subject(raw, led)
    if "比" in raw or "较" in raw or "与" in raw or "同" in raw:
        compared = compared_with(raw)
        if compared is not None:
            return clean_subject(compared[0]) + compared[1]
    if not ("恢" in raw or "回" in raw or "相当" in raw):
        return clean_subject(raw)
    m = _RECOVERY.search(raw, max(0, len(raw) - 16)) if raw.endswith(_RECOVERY_ENDS) else None
    if m is None and raw.endswith(("至", "到", "复", "升")):
        # 与2019年相比恢复至约七成: the year a share is taken of, written before the verb.
        after = _RECOVERY_AFTER.search(raw, max(0, len(raw) - 20))
        if after is not None:
            verb = after.group(2) + (after.group(3) or "至")
            return clean_subject(raw[: after.start()]) + verb + after.group(1) + "水平"
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
    if ch in "的基" and text.startswith(_ON_BASIS, end):
        return False  # 在去年新增4.2万人的基础上: the level built on, not a thing counted
    return _PREDICATE_AFTER.match(text, end) is None or text.startswith("的", end)


# ---------------------------------------------------------------------------------------------
# Composing the label of one figure from its clause
# ---------------------------------------------------------------------------------------------

Kept = list[tuple["Quantity", tuple[int, int]]]


class Labeller:
    """Labels the kept figures of one text in order, so a clause can lean on the one before."""

    def __init__(self, text: str, kept: Kept, ctx: Context, opening: set[int] | None = None) -> None:
        """``opening``: where brackets open in ``text``, when the caller has found them already."""
        self.text = text
        self.kept = kept
        self.ctx = ctx
        self._subjects: dict[int, str] = {}  # index -> subject (label without role words)
        self._topics: dict[int, str] = {}  # index -> the borrowed part of a completed short subject
        self._last_in_clause: dict[tuple[int, int], int] = {}
        self._last_label = ""
        self._contrasted: set[int] = set()  # figures of a clause that only sets another time against the one before
        self._causes: dict[int, str] = {}  # sentence start -> the cause its figures are outcomes of
        self._shared_deeds: set[tuple[int, int]] = set()  # clauses whose figures share the deed after the last
        self._wholes: dict[int, str] = {}  # index -> the whole a part counted after 其中 is of
        self._bracketed: dict[int, int] = {}  # index of a figure in brackets -> the figure the bracket follows
        self._opening = opening if opening is not None else positions(text, "(") | positions(text, "（")

    def label(self, index: int) -> str:
        """The label of ``kept[index]``; call in text order."""
        q, clause = self.kept[index]
        if q.role == "rank":
            subject, label = self._rank(q, clause)
            self._subjects[index] = subject
            self._last_in_clause[clause] = index
            self._last_label = label
            return label
        compared = None
        if index > 0 and (self.kept[index - 1][0].end in self._opening or index - 1 in self._bracketed):
            compared = self._compared_in_bracket(index, q)
        if compared is not None:
            # (The clause's subject stays the measure's: 增长6.1%（全省5.4%），快于全省… is of the city.)
            subject, label = compared
            self._subjects[index] = subject
            return label
        subject = self._subject(index, q, clause)
        if subject[-1:] in _DIFFERENCE_OR_CAP_LAST:
            if subject.endswith(_DIFFERENCE_WORDS):
                subject = self._difference(index, q, subject)
            elif subject.endswith(_CAP_NOUNS) and (cap := _UNDER_CAP.search(subject)) is not None:
                subject = subject[: cap.start()] + cap.group(1)  # 债务余额低于法定上限50% -> 债务余额法定上限
        self._subjects[index] = subject
        self._last_in_clause[clause] = index
        of = _MULTIPLE_OF.search(self.text, max(clause[0], q.start - 12), q.start) if q.unit == "倍" else None
        if of is not None and q.role == "value":
            own = _MULTIPLE_TAIL.search(subject)
            subject = subject[: own.start()] if own is not None else subject
            label = shorten(f"{subject}为{of.group(1)}{of.group(2) or ''}的倍数")
        else:
            if q.cue and not subject.endswith(q.cue) and not (q.cue[0] in "高低多少快慢" and compared_with_end(subject)):
                # A change or a target keeps its verb; so does a part counted after 其中 (其中上调64项).
                subject += q.cue
            elif q.role == "target" and q.inherited_subject and "目标" not in subject and not subject.endswith(
                _TARGET_NOUN_ENDS
            ):
                subject += "目标"
            label = shorten(subject)
        if "编列" in label:
            label = _budgeted(label)
        if index in self._contrasted and self._last_label:
            label = self._last_label  # 本地生产总值实质增长3.2%，而2021年则为6.3%: the same indicator then
        self._last_label = label
        return label

    def _difference(self, index: int, q: Quantity, subject: str) -> str:
        """A difference between two groups is named by the two things compared and 差距: 城乡居民人均可支配
        收入相差 -> 城乡居民人均可支配收入差距; 两者相差 (两性相差) after the two levels (城镇居民…52000元，农村
        居民…26000元) -> 城乡居民人均可支配收入差距; 差距 alone (差距缩小) is the difference named before."""
        if subject == "差距":
            previous = self._subjects.get(index - 1, "") if index > 0 else ""
            if len(previous) > 2 and self.kept[index - 1][0].start >= self.ctx.sentence(q.start)[0] - WINDOW:
                return previous if previous.endswith("差距") else previous + "差距"
            return subject
        base = subject[:-2].removesuffix("之间")
        if base.startswith(_BOTH) or len(base) < 2:
            pair = self._pair_before(index, q)
            if pair:
                return pair + "差距"
        base = base.replace("两个", "").replace("二个", "")
        return base + "差距" if len(base) >= 2 else subject

    def _pair_before(self, index: int, q: Quantity) -> str:
        """The two groups of the last two levels before ``q`` in its unit (城镇居民人均可支配收入，农村居民人均
        可支配收入 -> 城乡居民人均可支配收入), or ``""``."""
        found: list[str] = []
        lo = self.ctx.sentence(q.start)[0] - WINDOW
        unit = _LEVEL_OF_POINTS.get(q.unit, q.unit)  # 两者相差1.2个百分点: of two rates in %
        j = index - 1
        while j >= 0 and index - j <= _NEIGHBOURS and self.kept[j][0].start >= lo and len(found) < 2:
            other = self.kept[j][0]
            if other.role in ("value", "target") and other.unit == unit and len(self._subjects.get(j, "")) >= 2:
                found.append(self._subjects[j])
            j -= 1
        if len(found) < 2:
            return ""
        second, first = found
        for (one, other), name in lx.GROUP_PAIRS.items():
            if first.startswith(one) and second.startswith(other) and first[len(one) :] == second[len(other) :]:
                return name + first[len(one) :]
        k = 0
        while k < min(len(first), len(second)) and first[-1 - k] == second[-1 - k]:
            k += 1
        if k < 2 or k == len(first) or k == len(second):
            return ""
        return first[: len(first) - k] + "与" + second[: len(second) - k] + first[len(first) - k :]

    def _compared_in_bracket(self, index: int, q: Quantity) -> tuple[str, str] | None:
        """(subject, label) of a figure in brackets that gives another place's level of the measure just
        stated (增长9.0%(全国8.1%、全省8.6%) -> 全国规模以上工业增加值增长): the place and that measure, with
        the figure's own verb. ``None`` for any other figure, and for an earlier time in brackets
        (上季为3.3%), which is the same measure then."""
        text = self.text
        # The figure a bracket opens right after, found from the figure before: it is that figure, or
        # the one that figure was compared with (增长9.0%(全国8.1%、全省8.6%): 8.6% after 8.1%).
        if self.kept[index - 1][0].end in self._opening:
            j = index - 1
        else:
            j = self._bracketed.get(index - 1, -1)
            if j < 0:
                return None
        opener = self.kept[j][0].end
        if (q.start - opener > BRACKET_REACH or q.role == "rank" or text.find(")", opener, q.start) >= 0
                or text.find("）", opener, q.start) >= 0):
            return None
        self._bracketed[index] = j
        if len(measure := self._subjects.get(j, "")) < 2:
            return None
        start = max(opener, *(text.rfind(c, opener, q.start) for c in "、，,;；")) + 1
        m = _BRACKET_PLACE.fullmatch(text, start, q.start)
        if m is None:
            return None
        place = m.group("place")
        if _EARLIER_TIME.fullmatch(place):
            # 失业率为2.9%（上季为3.3%）: the same measure at an earlier time.
            return (measure, shorten(measure)) if q.role == "baseline" else None
        if q.role == "baseline":
            return None
        subject = measure if measure.startswith(place) else place + measure
        return subject, shorten(subject + (q.cue if q.cue and not subject.endswith(q.cue) else ""))

    def _subject(self, index: int, q: Quantity, clause: tuple[int, int]) -> str:
        text = self.text
        before, after = _same_clause(self.kept, index, clause)
        first = before[0].start if before else q.start
        head_raw = text[max(clause[0], first - WINDOW) : first]
        lead = _LEAD.match(head_raw)
        start = lead.end() if lead is not None else 0
        if start < len(head_raw) and head_raw[start] in _MORE_LEAD_FIRST:
            start = lead_end(head_raw, start)
        head = head_raw[start:] if start else head_raw
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
            # 与2019年相比恢复至约七成: the year compared with stays (a lead word would take it off).
            if head_raw[-1:] in "至到" and _RECOVERY_AFTER.search(head_raw) is not None:
                subject = _clean(head_raw)
            else:
                subject = _clean(head, led=True)
            if q.end < len(text) and text[q.end] == "的" and q.prefix == "" and head.endswith(_COMPARISONS):
                # 高于35%的国家管控目标: what the figure is follows it; the comparison is no part of it.
                subject = _clean(head[: len(head) - 2])
        if q.unit == "年" and text.endswith("连续", max(clause[0], q.start - 2), q.start):
            # 连续8年稳定在120万吨以上: how many years a state has held is named by the state.
            held = clean_right(text[q.end : min(clause[1], q.end + _MAX_LABEL)])
            named = len(subject) >= 2 or held.startswith(_SELF_NAMED_STATES)
            own = subject if named else self._previous_subject(clause)
            if len(held) >= 2:
                q.inherited_subject = not subject
                return own + held + "的年数"
        tail = "" if before else head_raw[-1:]  # the readings below need a head ending in a given way
        if tail == "的" and (share := _BUDGET_SHARE.match(head_raw)) is not None and (
            previous := self._previous_subject(clause)
        ):
            q.inherited_subject = True
            return previous + "完成" + share.group(1) + "比例"  # 一般公共预算收入…，为预算的101.2%
        quota = _QUOTA_NOUN.match(text, q.end)
        if quota is not None and q.role == "target" and not before:
            # 新建高标准农田18.5万亩，超额完成省下达的16万亩任务 -> 新建高标准农田省下达任务
            issuer = _QUOTA_ISSUER.search(head_raw)
            previous = self._previous_subject(clause)
            return previous + (issuer.group(1) if issuer else "") + quota.group()
        # 较二〇二二年的4 856宗下跌…: an earlier level (searched for only after the words it ends with).
        past = tail in _PAST_LAST and _PAST_HEAD.search(head_raw, max(0, len(head_raw) - 16)) is not None
        if q.role in ("value", "target") and right_headed(text, q) and not past:
            if subject.endswith("等"):
                subject = ""  # 市北中学等50所初中学校: the names before 等 are examples
            named = self._named_by_use(index, q, subject, after, clause)
            subject = named if named is not None else subject + _right_side(text, q, after, clause)
        elif (len(subject) < 2 and q.role in ("value", "target") and not before and not _list_item(text, q)
              and not head_raw.endswith(("(", "（")) and not past):
            # 较2019年(3 940万人次)减少…, 较二〇二二年的30 116宗增加…: an earlier level, not a thing counted
            subject += _right_side(text, q, after, clause)
        caused = False
        cause = _CAUSE.search(subject) if ("成" in subject or "致" in subject) else None
        if cause is not None:
            # 自然灾害造成直接经济损失 -> 自然灾害直接经济损失; 发生火灾12起，造成3人死亡 -> 火灾死亡: what a
            # cause led to is named with the cause, and so is every outcome the sentence lists after it
            # (…共造成8.6万人次受灾，紧急转移安置1.2万人，直接经济损失4.3亿元).
            caused = cause.start() < 2
            if not caused:
                self._causes[self.ctx.sentence(q.start)[0]] = subject[: cause.start()]
            elif len(cause_topic := self._topic_before(index, clause)) >= 2:
                self._causes[self.ctx.sentence(q.start)[0]] = cause_topic
            subject = subject[cause.end() :] if caused else subject[: cause.start()] + subject[cause.end() :]
        elif self._causes and 2 <= len(subject) <= _SHORT + 2 and not before:
            cause_topic = self._causes.get(self.ctx.sentence(q.start)[0], "")
            if cause_topic and not subject.startswith((cause_topic, "因")):  # 因灾死亡 names its cause
                subject = cause_topic + subject
        if tail and len(subject) < 2 and _CONTRAST.fullmatch(head_raw):
            self._contrasted.add(index)
        own = subject
        if (caused or subject in _KIND_MODIFIERS) and len(
            topic := self._topic_before(index, clause) or self._topic_outside(index, q, clause)
        ) >= 2:
            # 其中公办312所，民办208所 -> 公办幼儿园, 民办幼儿园: a kind names the whole it is a kind of.
            self._topics[index] = topic
            subject = subject + _whole_of(topic) if subject in lx.KIND_MODIFIERS else topic + subject
            q.inherited_subject = True
        elif (len(subject) < 2 or subject in _BARE_SUBJECTS or _ELIDED.match(head)
                # 高于全国…, 比改革前减少, …，恢复至2019年水平: a comparison or a recovery alone
                or (subject[:1] in _BORROW_FIRST and self._borrows(subject, before))
                or (subject[-1:] in _CHANGE_MEASURE_LAST and _CHANGE_SIZE.fullmatch(subject))
                or (not head and _the_rest(head_raw, head))):
            previous = self._same_unit_subject(index, q, clause) or self._previous_subject(clause)
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
        elif (_OPENS_PART.match(head_raw) and (q.unit == "%" or len(subject) <= 4 or generic(subject))
              and not (before and seg_raw[:1] in ("、", "和", "及"))):  # 其中较大事故2起、死亡7人: 死亡 is the item's
            # 交流轮岗教师2400余人，其中骨干教师占比超过三成 / 新登记市场主体9863户，其中企业3125户: a
            # share or a part of what the clause before counted.
            previous = self._previous_subject(clause)
            if previous and previous not in subject:
                subject = previous + "中" + subject
                self._wholes[index] = previous
        elif (self._wholes and index - 1 in self._wholes and len(subject) <= 4 and not before
              and not verb_led(subject)
              and self.kept[index - 1][0].start >= self.ctx.sentence(q.start)[0]):
            # 其中集中供养860人，分散供养2 260人: the next part of the same whole.
            subject = self._wholes[index - 1] + "中" + subject
            self._wholes[index] = self._wholes[index - 1]
        elif len(subject) <= _SHORT or (len(subject) == _SHORT + 1 and subject[0] == "为"):  # (为 adds no length)
            self._topics[index] = subject
            completed = self._completed(index, subject, seg_raw, bool(before))
            bare = completed is None and not before and (_bare_verb(subject) or generic(subject))
            if completed is None and not before and (q.role != "target" or bare):
                completed = self._from_clause_before(clause, subject, head_raw)
            if completed is None and not before and (bare or subject in lx.KIND_MODIFIERS):
                # （二）城市低保\n全年退出374户: a verb or a generic word alone takes the topic of the heading or
                # sentence before (（三）学前教育补助\n受惠学生约1.2万人 -> 学前教育补助受惠学生).
                topic = self._topic_outside(index, q, clause)
                if len(topic) >= 2:
                    completed = topic, (subject + _whole_of(topic) if subject in lx.KIND_MODIFIERS else topic + subject)
            if completed is not None:
                topic, subject = completed
                self._topics[index] = topic
        if before and seg_raw and not q.inherited_subject:
            subject = _named_in_head(head, subject) if "“" in head else subject
        if len(subject) < 2 or (not before and subject in _BARE_SUBJECTS):
            if before:
                if len(self._subjects.get(index - 1, "")) >= 2:
                    subject = self._subjects[index - 1]  # 由…的61 204宗下降至…的31 200宗: one subject
            else:
                # A figure whose sentence names nothing it counts (由二〇〇九年的61 204宗下降至…, 降幅为20%)
                # is about the heading or the sentence before it.
                topic = _DEED_ADVERB_END.sub("", self._topic_outside(index, q, clause, any_clause=True))
                if len(topic) >= 2:
                    subject = topic + subject
                    q.inherited_subject = True
        return self._respective(subject, own, clause, index)

    def _named_by_use(self, index: int, q: Quantity, left: str, after: list[Quantity], clause: tuple[int, int]
                      ) -> str | None:
        """A figure named by what it serves or by what was done by or for it, not by the words before it:
        a fund by its purpose (…专项资金推动10个强镇筑基省级试点镇工作 -> 强镇筑基省级试点镇专项资金), a set of
        measures by their aim (9项措施，推动…冲刺初中强校 -> 初中强校措施), a count written before its deed by
        the deed (为6.4万名家庭经济困难学生(幼儿)发放助学金 -> 发放助学金的家庭经济困难学生(幼儿); 将12个部门
        28项救助事项纳入统一平台 -> 纳入统一平台的部门, 纳入统一平台的救助事项), and work counted by its doers
        (推动10个强镇筑基省级试点镇工作 -> 强镇筑基省级试点镇). ``None`` when none of these applies."""
        text = self.text
        piece_end = min(after[0].start if after else clause[1], q.end + WINDOW)
        piece = degloss(text[q.end : piece_end]).strip()
        if q.unit == "元":
            return self._fund(q, piece, after, clause)
        if piece in lx.MEASURE_NOUNS and not after and q.unit in lx.COUNT_MEASURES | {"条"}:
            aim = self._aim(index, clause)
            if not aim:
                return None
            return ("" if left.endswith(lx.DEED_LEADS) else left) + aim + piece  # 出台12条措施，助力… -> 出台…措施
        if q.unit not in lx.COUNT_MEASURES or not (
            left == "" or left.endswith(lx.DEED_LEADS) or clause in self._shared_deeds or _SCENE.fullmatch(left)
            or text[max(clause[0], q.start - 4) : q.start].rstrip().endswith(lx.DEED_LEADS)  # …“海川科创贷”为
        ):
            return None
        noun, deed = split_deed(piece)
        if not deed and after and not _bare_verb(piece):
            # 将12个部门28项救助事项纳入统一平台: the deed after the last of the figures is each one's.
            tail_noun, deed = split_deed(degloss(text[after[-1].end : min(clause[1], after[-1].end + WINDOW)]).strip())
            deed = deed if tail_noun else ""
            if deed:
                self._shared_deeds.add(clause)
        noun = noun.rstrip("、，,和及与的")
        if not deed:
            if left and noun.endswith(lx.WORK_HEADS) and len(noun) >= 4:
                return noun[: -len("工作")]
            return None
        if _DEED_VERB.fullmatch(deed):
            # 引导1388家社会组织投资1.24亿元，实施乡村振兴项目活动631个: an amount is what was done; the
            # clause after says where it went.
            if not (after and _measure_kind(after[0].unit) == "money"):  # the piece ends where it starts
                return None
            deed += self._destination(clause)
        name = _QUOTED_NAME.search(left)
        if deed.endswith(noun):
            return deed  # 45家企业获评…“小巨人”企业: the deed names the noun already
        return (name.group() if name else "") + deed + "的" + noun

    def _fund(self, q: Quantity, piece: str, after: list[Quantity], clause: tuple[int, int]) -> str | None:
        """``安排1500万元专项资金推动10个强镇筑基省级试点镇工作`` -> ``强镇筑基省级试点镇专项资金``; a fund
        whose purpose follows in a clause of its own (…专项资金，用于改善乡村学校办学条件) is named by it too."""
        fund = _FUND_NOUN.match(piece)
        rest = piece[fund.end() :] if fund else piece
        purpose = _PURPOSE_VERB.match(rest)
        if purpose is not None:
            aim = rest[purpose.end() :]  # after 用于 its verb stays (用于改善…); after 推动 the object alone
            aim += self._figures_out(after, clause[1])
        elif fund is not None and not rest and not after:
            nxt = self._next_clause(clause)
            used = _USED_FOR.match(self.text, nxt[0], nxt[1]) if nxt else None
            if used is None:
                return None
            aim = self.text[used.end() : min(nxt[1], used.end() + WINDOW)]
        else:
            return None
        aim = degloss(aim).strip().removesuffix("工作")
        return aim + (fund.group() if fund else "资金") if len(aim) >= 2 else None

    def _figures_out(self, after: list[Quantity], end: int) -> str:
        """The text of a clause from the first of ``after`` to ``end`` with the figures taken out."""
        pieces = [self.text[a.end : (after[i + 1].start if i + 1 < len(after) else end)] for i, a in enumerate(after)]
        return "".join(pieces)

    def _next_clause(self, clause: tuple[int, int]) -> tuple[int, int] | None:
        """The clause after ``clause`` in the same sentence."""
        end = clause[1]
        if end >= len(self.text) or self.text[end] not in "，,；;":
            return None
        return self.ctx.clause(end + 1)

    def _destination(self, clause: tuple[int, int]) -> str:
        """Where an amount went, from the clause after it (，实施乡村振兴项目活动631个 -> 乡村振兴), or ``""``."""
        nxt = self._next_clause(clause)
        if nxt is None:
            return ""
        raw = self.text[nxt[0] : min(nxt[1], nxt[0] + WINDOW)]
        raw = raw[lead_end(raw) :]
        verb = _DESTINATION_VERB.match(raw)
        if verb is None:
            return ""
        place = _FIGURE_START.split(raw[verb.end() :], 1)[0]
        for head in lx.DESTINATION_HEADS:
            if place.endswith(head) and len(place) - len(head) >= 2:
                return place[: -len(head)]
        return place if len(place) >= 2 else ""

    def _aim(self, index: int, clause: tuple[int, int]) -> str:
        """What a set of measures serves, from the clause after it (，推动…50所初中学校全力冲刺初中强校 ->
        初中强校), or ``""``."""
        nxt = self._next_clause(clause)
        if nxt is None:
            return ""
        raw = self.text[nxt[0] : min(nxt[1], nxt[0] + WINDOW)]
        start = nxt[0] + lead_end(raw)
        verb = _PURPOSE_VERB.match(self.text, start, nxt[1])
        if verb is None:
            return ""
        start = verb.end()
        j = index + 1
        while j < len(self.kept) and j - index <= _NEIGHBOURS and self.kept[j][0].start < nxt[1]:
            if self.kept[j][0].start >= start:
                start = self.kept[j][0].end  # the aim follows the last figure of the clause
            j += 1
        tail = degloss(self.text[start : min(nxt[1], start + WINDOW)]).strip()
        noun, deed = split_deed(tail)
        if deed:
            verb_end = _DEED_VERB.match(deed)
            return deed[verb_end.end() :] if verb_end is not None and len(deed) - verb_end.end() >= 2 else deed
        adverbs = _DEED_ADVERB_RUN.match(tail)
        return tail[adverbs.end() :] if adverbs else tail

    def _same_unit_subject(self, index: int, q: Quantity, clause: tuple[int, int]) -> str:
        """``发生事故480起、死亡96人，同比减少120起、11人``: a change listed after levels of different
        units in its sentence is the change of the level with its own unit; ``""`` unless the levels
        before it in the sentence differ in unit and one has the change's."""
        if q.role != "change" or q.unit is None or q.unit in lx.RELATIVE_UNITS or not (
            index + 1 < len(self.kept) and listed(self.text, q, self.kept[index + 1][0])
            or index > 0 and listed(self.text, self.kept[index - 1][0], q)
        ):
            return ""
        sentence_start = self.ctx.sentence(q.start)[0]
        units, match = set(), ""
        j = index - 1
        while j >= 0 and index - j <= _NEIGHBOURS and self.kept[j][0].start >= sentence_start:
            other = self.kept[j][0]
            if other.role == "value" and self.kept[j][1] != clause:
                units.add(other.unit)
                if other.unit == q.unit and not match:
                    match = self._subjects.get(j, "")
            j -= 1
        return match if len(units) > 1 else ""

    @staticmethod
    def _borrows(subject: str, before: list[Quantity]) -> bool:
        """Whether a subject is only a comparison (高于全国, 比改革前减少) or, opening its clause, a
        recovery (恢复至2019年水平): whose figure it is was said before."""
        return (subject.startswith(_COMPARED_OPENINGS)
                or (subject[:1] in "比较相与同" and _COMPARISON_ONLY.match(subject) is not None)
                or (not before and subject.startswith(_RECOVERY_VERBS)))

    def _topic_outside(self, index: int, q: Quantity, clause: tuple[int, int], any_clause: bool = False) -> str:
        """The topic of a figure whose clause and sentence name none: a heading on the line before
        (三、城市低保), else what the last figure of the sentence before in the paragraph is about, else
        (with ``any_clause``, for a figure in any clause of its sentence) what that sentence is about
        when it holds no figure (罪案数目持续下降。由…)."""
        if self.ctx.previous_clause(clause[0]) is not None:
            if not any_clause:
                return ""
            clause = self.ctx.clause(self.ctx.sentence(q.start)[0])
        start = self.ctx.sentence(q.start)[0]
        text = self.text
        k = start - 1
        while k >= 0 and text[k] in " \t\u3000":
            k -= 1
        if k < 0:
            return ""
        if text[k] in "\n\r":
            while k > 0 and text[k - 1] in " \t\u3000\n\r":
                k -= 1
        if text[k] in "\n\r" and k > 0 and text[k - 1] not in "。！？!?":
            line_start = text.rfind("\n", max(0, k - 2 * _HEADING_MAX), k) + 1  # a heading is short
            if line_start == 0 and k > 2 * _HEADING_MAX:
                return ""
            line = _HEADING_MARK.sub("", text[line_start:k].strip()).rstrip("：:")
            if 2 <= len(line) <= _HEADING_MAX and not any(ch.isdigit() for ch in line) and line[-1:] not in "。！？":
                return _noun_phrase(clause_topic(clean_subject(line)))
            return ""
        if text[k] in "\n\r":
            k -= 1  # a paragraph that ends a sentence: the figure before is read as in the same paragraph
        j = index - 1
        if k < 1:
            return ""
        before = self.ctx.sentence(k - 1)
        if j < 0 or self.kept[j][0].start < before[0]:
            if not any_clause or before[1] - before[0] > _TOPIC_CLAUSE_MAX:
                return ""
            return _noun_phrase(clause_topic(clean_subject(text[before[0] : k].rstrip("。！？!? "))))
        topic = _without_outcome(_object_of(self._topics.get(j) or self._subjects.get(j, "")))
        return "" if _bare_verb(topic) else topic

    def _topic_before(self, index: int, clause: tuple[int, int]) -> str:
        """The topic of a subject with none of its own: what the figure before it in the sentence is
        about (城市低保对象3.2万户，退出2900户), else the topic of the clause before it when that clause
        holds no figure (城乡低保对象实行动态管理，退出374户), else ``""``."""
        q = self.kept[index][0]
        if index > 0 and self.kept[index - 1][0].start >= self.ctx.sentence(q.start)[0]:
            topic = _without_outcome(_object_of(self._topics.get(index - 1) or self._subjects.get(index - 1, "")))
            return "" if _bare_verb(topic) or topic in lx.KIND_MODIFIERS else topic
        prev = self.ctx.previous_clause(clause[0])
        if prev is None or prev in self._last_in_clause:
            return ""
        if _ASIDE.match(self.text, prev[0], prev[1]):
            # 居民人均可支配收入…。按常住地分，城镇…: the measure of the sentence before, broken down.
            return self._topic_outside(index, q, clause, any_clause=True)
        before = clean_subject(self.text[prev[0] : prev[1]].strip())
        return _noun_phrase(_by_name(clause_topic(before))) if len(before) >= 2 else ""

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
                measure = _MEASURE_END.search(previous, max(0, len(previous) - 4))
                if measure is not None and measure.start() >= 2:
                    # 粮食播种面积…，总产量… -> 粮食总产量: one measure of the topic after another.
                    return previous[: measure.start()], previous[: measure.start()] + subject
                return previous, previous + subject  # 签约项目32个，总投资216亿元
            return previous[:k], previous[:k] + subject  # 医保基金总收入…，总支出… -> 医保基金总支出
        if listed_before and seg_raw[:1] in ("、", "和", "及"):
            return self._list_member(subject, topic, previous, prev_q.unit, q.unit)
        if listed_before:
            return None
        k = previous.find(subject[:2], 1) if len(subject) <= _SHORT_PARALLEL else -1
        if k > 0 and previous.count("“", 0, k) > previous.count("”", 0, k):
            k = -1  # 调解 inside “12348热线+人民调解” is part of a name, no head of the subject
        if k > 0:
            return previous[:k], previous[:k] + subject
        if _bare_verb(subject):
            # 新建5G基站2100个，累计建成1.2万个 -> 5G基站累计建成: a verb with no object acts on the
            # object of the figure before; the same verb again (计划筹集住房3000套，已筹集1850套) counts the
            # same thing.
            if topic.startswith(subject) and len(topic) - len(subject) >= 2:
                return topic, topic
            obj = _without_outcome(_object_of(topic))
            if len(obj) >= 2 and not _bare_verb(obj):
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
        if len(subject) <= 4 and self._topics.get(index - 1, previous) == previous:
            # 宽带覆盖村委会150个，卫生室136个: a bare object after a clause whose verb takes it too.
            return self._list_member(subject, topic, previous, prev_q.unit, q.unit, verbs_only=True)
        return None


    @staticmethod
    def _list_member(subject: str, topic: str, previous: str, prev_unit: str | None, unit: str | None,
                     verbs_only: bool = False) -> tuple[str, str] | None:
        """The next member of a list of figures, completed from the member before it, as (topic, subject):
        what became of the same topic (生产安全事故358起、死亡142人 -> 生产安全事故死亡), a parallel head
        (医保基金收入68.2亿元、支出61.5亿元 -> 医保基金支出) or another object of the same verb (宽带覆盖村委会
        150个、卫生室136个 -> 宽带覆盖卫生室)."""
        if verbs_only:
            pass
        elif _bare_verb(subject):
            obj = _without_outcome(_object_of(topic))
            return (obj, obj + subject) if len(obj) >= 2 and not _bare_verb(obj) else None
        elif len(subject) == 2 and len(previous) >= 4:
            return previous[:-2], previous[:-2] + subject
        if (_DEED_VERB.match(subject) or _OUTCOME_START.match(subject) or _OBJECT_LEAD.match(subject)
                or (subject[0] == "新" and subject[1:2] in _NEW_VERB_SECOND)  # 新造林: a verb of its own
                or _measure_kind(prev_unit) != _measure_kind(unit)):
            return None
        # The verb the list shares opens the member before (落地国家和省组织集采药品333种、医用耗材21类 ->
        # 落地), or, after a topic, is the last verb before its object (宽带网络覆盖行政村).
        # A topic borrowed from the clause before stays (实施海岸带保护修复工程，修复岸线…、滨海湿地…).
        own = len(topic) if topic != previous and previous.startswith(topic) else 0
        verb = _LIST_VERB.match(previous, own) or _LIST_VERB.match(previous, own + _lead_adverbs_end(previous[own:]))
        if verb is None:
            for m in _LIST_VERB.finditer(previous, own + 2):
                if not previous.startswith(lx.TOPIC_BREAK_NOUNS, m.start()):  # 社区养老服务站点: a noun
                    verb = m
        if verb is None or len(previous) - verb.end() < 2 or previous.count("“", 0, verb.start()) % 2:
            return None
        while (more := _LIST_VERB.match(previous, verb.end())) is not None and len(previous) - more.end() >= 2:
            verb = more  # 新建改造雨污管网: both verbs
        return subject, previous[: verb.end()] + subject

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
        led = verb_led(subject) or generic(subject) or _bare_verb(subject) or head_raw.lstrip().startswith("为")
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
            if len(topic) >= 2 and topic[-2:] in subject:
                return None  # 婚姻登记：办理结婚登记…: the subject names its own kind of the topic
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


def _budgeted(label: str) -> str:
    """编列 names the amount a budget proposes, which is that budget: 岁入预算编列 -> 岁入预算, 编列老人健保费
    补助 (or 老人健保费补助编列) -> 老人健保费补助预算."""
    if "预算编列" in label:
        return label.replace("预算编列", "预算")
    rest = label.replace("拟编列", "").replace("编列", "")
    if len(rest) < 2:
        return label
    return rest if "预算" in rest else rest + "预算"


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
        topic = topic[lead_end(topic) :]  # 年末全市共有… : scene words are no topic
        if topic in lx.NOT_TOPICS:
            return ""  # 现场签约项目: where, not who
        place = _NOT_TOPIC_END.search(topic)
        return topic[: place.start()] if place is not None and place.start() >= 2 else topic  # …”线上调解
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
    if subject.startswith(_BARE_WORK_WORDS):
        for verb in _BARE_WORK_WORDS:
            if subject.startswith(verb) and len(subject) - len(verb) >= 2:
                return subject[len(verb) :]
    return subject


def _without_outcome(topic: str) -> str:
    """``学校开工`` -> ``学校``: the topic of a figure whose subject ends in what became of it, so that the
    next figure can say what else became of it (40所学校开工，75所完工 -> 学校完工)."""
    verb = _OUTCOME_END.search(topic, max(0, len(topic) - 4))
    return topic[: verb.start()] if verb is not None and verb.start() >= 2 else topic


def _lead_adverbs_end(text: str) -> int:
    """Where the adverbs that open ``text`` end (严格落实… -> 2)."""
    m = _ADVERB_RUN.match(text)
    return m.end() if m else 0


def split_deed(piece: str) -> tuple[str, str]:
    """``家庭经济困难学生(幼儿)发放助学金`` -> (``家庭经济困难学生(幼儿)``, ``发放助学金``): a counted noun and
    the deed said of it after, with the words of manner between them (全力, 首批) left out. A verb inside a
    quoted name or a noun (服务中心) opens no deed; ``(piece, "")`` when nothing does."""
    for m in _DEED_VERB.finditer(piece, 2):
        k = m.start()
        if (piece.count("“", 0, k) > piece.count("”", 0, k) or piece.startswith(lx.TOPIC_BREAK_NOUNS, k)
                or (m.group() in lx.VERBAL_NOUNS and _DEED_VERB.match(piece, m.end()) is not None)):
            continue  # a verbal noun before a verb ends the noun (社会组织投资), it opens no deed
        adverbs = _DEED_ADVERB_END.search(piece, 0, k)
        noun = piece[: adverbs.start()] if adverbs is not None else piece[:k]
        return (noun, piece[k:]) if len(noun) >= 2 else (piece, "")
    return piece, ""


def _whole_of(topic: str) -> str:
    """``各级各类学校`` -> ``学校``, ``公办幼儿园在园幼儿`` -> ``幼儿园在园幼儿``: the whole a kind is a kind
    of, without the words that said every kind or another kind of it."""
    topic = _ALL_KINDS_LEAD.sub("", topic)
    kind = _KIND_LEAD.match(topic)
    return topic[kind.end() :] if kind is not None and len(topic) - kind.end() >= 2 else topic


def _measure_kind(unit: str | None) -> str:
    """Money, a share or ratio, or a count: list members of one kind can share a verb."""
    if unit is None:
        return ""
    if unit.endswith("元") or unit in lx.CURRENCY_UNITS:
        return "money"
    return "relative" if unit in lx.RELATIVE_UNITS else "count"


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
            or (len(subject) <= 4 and subject.endswith(lx.COUNT_HEADS))  # 参加人数, 出动次数
            or (len(subject) <= lx.CAPACITY_MAX and subject.endswith(lx.CAPACITY_HEADS)))


def _bare_verb(subject: str) -> bool:
    """Whether a subject is a verb alone, perhaps with how far it got (建成, 基本建成, 全部完成) or with
    another verb (新增纳入)."""
    if subject in _BARE_VERBS_WITH_ADVERBS:
        return True
    return 4 <= len(subject) <= 6 and (
        (subject[:2] in _BARE_VERBS and subject[2:] in _BARE_VERBS)
        or (subject[:3] in _BARE_VERBS and subject[3:] in _BARE_VERBS)
    )


def clause_topic(clause_text: str) -> str:
    """The topic a clause without figures gives the figure after it: the part before its verb when it
    opens with a subject (区人民医院新院区投入使用 -> 区人民医院新院区), else what its opening verb acts
    on (举办第五届海川创新创业大赛 -> 第五届海川创新创业大赛)."""
    if _RANK_VERB.search(clause_text) is not None:
        ranked = rank_parts(clause_text)[0]  # 在全省营商环境评价中位列前三，综合得分86.4分
        if len(ranked) >= 2:
            return ranked
    clause_text = _TOPIC_MARK.sub("", clause_text)  # 城市低保方面 -> 城市低保
    suffered = _SUFFERED.search(clause_text)
    if suffered is not None:
        # 先后遭受暴雨、台风等灾害影响 -> 灾害: what was suffered, its examples (before 等) left out.
        clause_text = suffered.group(1).rsplit("等", 1)[-1] if "等" in suffered.group(1) else suffered.group(1)
    topic = topic_of(clause_text)
    if len(topic) >= 2:
        return topic
    if not (_OBJECT_LEAD.match(clause_text) or _LIST_VERB.match(clause_text, _lead_adverbs_end(clause_text))):
        # 城乡低保对象实行动态管理 -> 城乡低保对象: a subject before any verb of the wider list.
        verb = _LIST_VERB.search(clause_text, 2)
        if verb is not None and clause_text.count("“", 0, verb.start()) % 2 == 0:
            head = clause_text[: verb.start()]
            manner = _MANNER_END.search(head)  # 低保对象动态调整 -> 低保对象
            return head[: manner.start()] if manner is not None and manner.start() >= 2 else head
    return _after_lead_verb(clause_text)


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
