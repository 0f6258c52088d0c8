"""Word lists the extractor reads with: numerals, units, qualifiers, cue words, idioms.

Everything that is a matter of vocabulary rather than of grammar lives here, as plain module-level
tables, so that widening the extractor to a new report usually means adding a word, not code. All
entries are in Simplified script: the extractor reads text after ``textnorm.normalize``.
"""

from __future__ import annotations

# --------------------------------------------------------------------------------------------
# Numerals
# --------------------------------------------------------------------------------------------

#: Characters of Chinese numerals (both scripts, financial forms included). Text is Simplified by
#: the time it is read, but the number grammar stays usable on raw Traditional text too.
#: The financial forms that double as everyday characters (队伍, 陆续, 收拾, 肆虐) are left out of
#: what the scanner looks for; ``numerals`` still reads them.
CN_DIGIT_CHARS = "零〇○一二两三四五六七八九壹贰叁柒捌玖兩貳"
CN_UNIT_CHARS = "十百千万亿佰仟萬億廿卅卌"
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + CN_UNIT_CHARS

# --------------------------------------------------------------------------------------------
# Units and measure words
# --------------------------------------------------------------------------------------------

#: Surface form -> unit as published. Longest match wins, so ``人次`` beats ``人`` and
#: ``个百分点`` beats ``个``. A value of ``None`` marks a word that starts like a unit but is not
#: one (``周年``, ``年级``, ``支持``): its presence means "no unit here".
UNITS: dict[str, str | None] = {}


def _add(words: str, canonical: str | None = "") -> None:
    for word in words.split():
        UNITS[word] = word if canonical == "" else canonical


# Percent-like and relative units.
_add("% ‰ ‱ 倍 百分点")
_add("个百分点", "百分点")
# Money: a scale word is taken out first, so 万元/亿元 arrive here as 元.
_add("元 美元 欧元 港元 日元 英镑 韩元 澳元 加元 卢布 澳门元 新台币 法郎")
_add("元人民币 人民币", "元")
# Time and age.
_add("年 个月 周 天 小时 分钟 秒 岁 周岁 个工作日 工作日 个季度 学时 课时 人日 工日 个年度")
_add("个小时", "小时")
_add("个星期 星期", "周")
# Length, area, volume, mass, energy, power, freight.
_add("微克 毫克 纳克")
_add("米 公里 千米 厘米 毫米 海里 平方米 平米 平方公里 平方千米 公顷 亩 顷 立方米 立方 升 毫升")
_add("吨 千克 公斤 克 斤 吨标准煤 吨标煤 千瓦时 千瓦 兆瓦 瓦 千伏 伏 兆瓦时 度 标准箱 标箱 车皮")
# People, households, organisations and things counted (measure words).
_add("人 名 位 户 家 所 个 项 件 次 处 张 支 条 场 套 辆 台 部 本 册 卷 篇 份 批 种 类 座 栋 幢")
_add("间 层 床 只 头 匹 棵 株 口 艘 架 列 趟 班 期 轮 起 宗 单 笔 门 节 对 块 片 颗 枚 幅 例")
_add("剂 剂次 人份 组 队 校 园 村 镇 街 部门 部委 分")
_add("人次 户次 件次 车次 架次 航次 班次 辆次 批次 场次 册次 站次 课次 门次 人天 床日 标段 篇次 家次 项次 个次 轮次 条次")
_add("台套 延米 延长米 吉瓦 羽 尾 盆 集 分贝 摄氏度 ℃ 港币")
# Goods, supplies and works counted in relief, procurement and culture reports (发放物资2000箱, 路灯
# 1200盏, 创作歌曲30首, 机井120眼, 改造道路12段), freight and passenger work (亿吨公里, 亿人公里),
# transformer capacity (万千伏安), ship calls (船次) and interest-rate moves (个基点).
_add("档 根 箱 盒 包 袋 瓶 桶 页 首 票 盏 眼 段 堂 船次 吨公里 人公里 千伏安 兆伏安 基点")
_add("个基点", "基点")
# Measure words of seats and berths (停车泊位1200席), cases (3桩), poles and towers (电杆120杆, 铁塔36基),
# pairs (手套5000双), models (新产品12款), letters (来信860封) and earthwork or water by the cubic metre
# (清淤12万方), from an audit of the lexicon against the common measure words of Chinese.
_add("席 桩 杆 基 双 款 封 方")
# Days, as reports in Traditional script and of Macau write durations (三百零二日, 一.二日); a day of
# the month (5月12日, 二十五日上午) is a date, which the filters tell apart.
_add("日")
# Latin-script units seen in reports; matched only when no letter follows.
_add("TEU km kg MW GW kW kWh GWh MWh GB TB PB Mbps Gbps")
# Unit symbols, published in words.
_add("㎡ m² 平方米", "平方米")
_add("㎥ m³", "立方米")
_add("㎢ km²", "平方公里")
_add("㎞", "公里")
_add("余人", "人")
# Words that look like a unit and are not one, after a number.
_add(
    "周年 年级 年代 年度 年底 年末 年初 年份 年间 年前 年后 年龄 个五年 期间 届时 支持 支出 支付 支援 支撑"
    " 支部 支队 处理 处置 处罚 处分 处室 所有 所属 所在 所得 场所 场地 场馆 场景 家庭 家长 家属 名单 名称"
    " 名录 名额 名牌 位于 位居 位列 位置 条件 条例 项目库 台账 座谈 批准 批复 单位 单元 次要 份额 片区"
    " 期货 口岸 节点 节约 班子 对口 对接 类型 种植 种子 部署 门户 门槛 门诊 村民 村级 镇级 街道 园区"
    " 校园 校区 组织 组建 队伍 米级 米深 度假 头部 本地 本级 本届 块状 号 号线 分局 分行 分公司 分院 分校 分类 分别"
    " 分配 分期 分批 分布 分析 分区 分会 分中心 分级 分拣 分流 分享 分散 分段 分管 分为 分成 分担 分数"
    " 包括 包容 包干 包保 包联 包片 包村 包抓 根据 根本 根源 根治 根除 根基 档案 档次 段落"
    " 首次 首批 首个 首家 首店 首发 首创 首届 首台 首套 首位 首款 首单 首贷 首席 首要 首先 首都 首府 首期"
    " 首轮 首例 首部 首条 首座 首张 首场 首笔 眼光 眼界 票据 页面 堂口"
    " 席位 席卷 桩基 桩号 杆塔 杆菌 基本 基础 基地 基金 基层 基因 基准 基数 基站 基于 基建 基期 基线 基石 基座 基调"
    " 双向 双方 双边 双重 双语 双创 双碳 双减 双拥 双百 双循环 双休 双职工 双一流 双城 双核 双轮 双随机 款项 款式 款物"
    " 封闭 封控 封存 封顶 封装 封面 封堵 封锁 封条 封山 封口 方面 方案 方式 方法 方向 方针 方便 方位 方舱 方言 方阵"
    " 方可 方能 方才 方圆 方略 方正 方志 方块 方格 方米"
    " 日均 日常 日益 日前 日趋 日报 日期 日程 日间 日夜 日用 日本 日照 日产 日处理 日起 日至 日止 日后 日电 日讯"
    " 日上午 日下午 日晚 日凌晨 日零时 日召开 日举行 日开始",
    None,
)
# 届 after a numeral is an edition (十八届人大, 第22届), never a count of anything measured.
UNITS["届"] = None
# ``个`` followed by a noun is the measure word ``个``; these compound forms are kept whole above.

#: Units that read as a measure word only after Arabic digits. After a Chinese numeral they are
#: usually part of a word or a slogan (``一门受理``, ``三步走``, ``二期工程``, ``四面八方``).
ARABIC_ONLY_UNITS = frozenset(
    "期 门 口 节 列 班 片 度 间 层 头 只 匹 棵 株 颗 枚 幅 组 队 校 园 村 镇 街 单 部 本 块 立方 升 秒 米 分"
    " 克 斤 瓦 伏 千瓦 亩 例 剂 趟 轮 周 羽 尾 盆 集 档 根 包 页 首 票 眼 段 堂 杆 基 双 款 封 方".split()
)

#: Chinese numerals from this value on are written for counts, whatever measure word follows
#: (三百一十部, 一千二百亩): the words and slogans above hold smaller numbers.
WORD_NUMERAL_MAX = 100

#: A bare classifier written after a list member that the unit after the last member continues
#: (3个、1个工作日; 2个、3个百分点): the member takes that unit. Classifier -> the units it opens.
SHARED_UNIT_LEADS: dict[str, frozenset[str]] = {
    "个": frozenset(u for w, u in UNITS.items() if u and w.startswith("个") and len(w) > 1),
}

#: Units that follow an age, duration or time, used to read ``内`` (``3个工作日内``) as at_most.
TIME_UNITS = frozenset("年 个月 周 天 日 小时 分钟 秒 个工作日 工作日 个季度".split())

#: Units a year-like number (``2022年``) must not take.
YEAR_UNITS = frozenset({"年"})

LATIN_UNITS = frozenset(u for u in UNITS if u.isascii() and u.isalpha())
#: Units written with Latin letters, as written (``m²`` is published as 平方米).
LATIN_WRITTEN_UNITS = tuple(sorted((u for u in UNITS if u[0].isascii() and u[0].isalpha()), key=len, reverse=True))

#: ``/`` units written after a unit (``元/月``): the part after the slash. Any unit of ``UNITS`` is
#: read there too; these are the words that are units only as the denominator of a rate.
PER_UNITS = (
    "人·月 人·年 平方米 千瓦时 立方米 公里 公斤 人次 人 户 年 月 日 天 次 吨 亩 斤 千克 平米 件 个 小时 床"
).split()

#: Denominators written in full and published short: ``人/千人口`` is ``人/千人``.
PER_ALIASES = {"人口": "人"}

#: Scale words a denominator may carry: ``批次/千人``, ``人/万人``, ``张/百床``.
PER_SCALES = "十百千万亿"

#: Measure words that count occurrences when 次 follows them (``320万亩次``, ``4100余家次``): the
#: unit is then the pair, whether or not the pair is listed in ``UNITS``.
TIMES_BASES = frozenset(
    "人 户 件 车 架 航 班 辆 批 场 册 站 课 门 篇 家 项 个 轮 条 亩 吨 艘 台 套 床 张 份 起 宗 单 笔 例 名 座 头"
    " 公顷 公里 趟 人天 企".split()
)
#: Characters after 次 that make it the start of another word (次数, 次要, 次日, 次年, 次级).
TIMES_STOPS = frozenset("数要日年月级序生品贷新第均")

# --------------------------------------------------------------------------------------------
# Qualifiers
# --------------------------------------------------------------------------------------------

#: Words written before the number. Longest first so that 超过 wins over 超.
PREFIX_QUALIFIERS: dict[str, str] = {
    "大约": "approx", "约为": "approx", "约": "approx", "大概": "approx",
    "将近": "nearly", "接近": "nearly", "几近": "nearly", "近": "nearly",
    "超过": "more_than", "超出": "more_than", "超": "more_than", "逾": "more_than", "突破": "more_than",
    "多于": "more_than", "高于": "more_than", "大于": "more_than",
    "不少于": "at_least", "不低于": "at_least", "至少": "at_least", "最少": "at_least", "不小于": "at_least",
    "不超过": "at_most", "不高于": "at_most", "最多": "at_most", "不大于": "at_most", "不多于": "at_most",
    "至多": "at_most",
    "不足": "less_than", "低于": "less_than", "未满": "less_than", "不到": "less_than", "少于": "less_than",
    "小于": "less_than", "不满": "less_than",
}

#: Two-character words that end in a one-character qualifier and mean something else: 签约 is to
#: sign, not "about"; 最近 is "recently", not "nearly".
PREFIX_QUALIFIER_FALSE_WORDS = frozenset(
    "节约 预约 签约 制约 集约 履约 违约 特约 邀约 契约 公约 条约 合约 相约 简约 隐约 婉约 缔约 守约 践约"
    " 最近 附近 就近 临近 邻近 赶超 高超".split()
)

#: Words between the number (with its scale) and the unit: ``8万余个``, ``100多家``.
INNER_QUALIFIERS = {"余": "more_than", "多": "more_than", "来": "approx"}

#: Words after the unit: ``95%以上``, ``28分钟左右``.
SUFFIX_QUALIFIERS: dict[str, str] = {
    "以上": "at_least", "以下": "at_most", "以内": "at_most", "之内": "at_most", "左右": "approx",
    "上下": "approx", "开外": "more_than", "有余": "more_than", "多": "more_than", "余": "more_than",
}
SUFFIX_QUALIFIER_WORDS = tuple(sorted(SUFFIX_QUALIFIERS, key=len, reverse=True))

#: Prefix qualifiers that state a cap or a floor, which reports write for quotas and plans.
CAP_QUALIFIER_WORDS = frozenset("不超过 不高于 不低于 不少于 不大于 不小于 不多于".split())

# --------------------------------------------------------------------------------------------
# Cue words for roles
# --------------------------------------------------------------------------------------------

#: Verbs of change, with their direction. ``提高10%`` is a change; ``提高到10%`` is a level.
CHANGE_VERBS: dict[str, str] = {
    "增长": "up", "增加": "up", "提高": "up", "提升": "up", "上升": "up", "上涨": "up", "增": "up",
    "涨": "up", "净增": "up", "扩大": "up", "攀升": "up", "增多": "up", "多": "up", "高": "up", "高出": "up",
    "增幅": "up", "增速": "up", "涨幅": "up", "增长率": "up", "回升": "up", "上调": "up", "延长": "up",
    "下降": "down", "减少": "down", "降低": "down", "下跌": "down", "回落": "down", "减": "down",
    "降": "down", "缩短": "down", "缩减": "down", "压减": "down", "压缩": "down", "收窄": "down",
    "缩小": "down", "下滑": "down", "少": "down", "低": "down", "降幅": "down", "减幅": "down",
    "节约": "down", "节省": "down", "减轻": "down", "低出": "down", "下调": "down",
    # What a level does when it moves, said of output, income, price, speed or volume.
    "增产": "up", "增收": "up", "增容": "up", "扩容": "up", "提速": "up", "加快": "up", "递增": "up", "抬升": "up",
    "走高": "up", "上扬": "up", "跃升": "up", "激增": "up", "猛增": "up", "大增": "up", "多增": "up", "涨价": "up",
    "减产": "down", "减收": "down", "降价": "down", "压降": "down", "下浮": "down", "递减": "down",
    "走低": "down", "放缓": "down", "锐减": "down", "骤降": "down", "削减": "down", "减排": "down", "降耗": "down",
    "减亏": "down",
}
#: Nouns after a verb of change that name its size (压减比例10.7%, 下降幅度20%): still a change.
CHANGE_MEASURES = ("比例", "幅度")
#: Rates named with a change word that state a level, not a change (人口自然增长率为-0.60‰).
LEVEL_RATES = ("自然增长率", "社会增长率", "自然增加率", "社会增加率")
#: Words in CHANGE_VERBS that are also nouns inside labels (GDP增速), not only verbs.
CHANGE_NOUNS = frozenset("增幅 增速 涨幅 降幅 减幅 增长率".split())
#: One-character verbs count only right after a comparison (比上年多3所) or when no other
#: character precedes them in a compound (``新增`` is a level, not a change).
WEAK_CHANGE_VERBS = frozenset("多 高 少 低 增 减 降 涨 升".split())
#: Characters that turn a following one-character verb into another word: 新增 (a level), and the
#: nouns and compounds a verb ends (航班起降, 电梯升降, 稳增长).
WEAK_VERB_BLOCKERS = frozenset("新递骤倍翻激锐陡剧猛起升稳")

#: Measure words of things counted: after a verb of change and before the noun it counts, such a
#: figure counts what the verb acted on (上调64项收费标准, 减少5个审批环节), not a change of a level.
COUNT_MEASURES = frozenset(
    "个 项 件 家 所 条 类 种 批 处 座 名 位 人 户 支 套 张 场 次 起 宗 笔 台 辆 艘 架 部 本 册 份 门 节 间 栋 幢 款".split()
)
#: Words that open the parts of a whole just counted (调整108项，其中上调64项、下调44项).
BREAKDOWN_LEADS = ("其中", "内含", "包括")

#: Words that open a baseline: ``由60%提升至70%``, ``比上年的231亿元增长``.
BASELINE_OPENERS = ("相比于", "相比", "由", "从", "比", "较")

#: Plans, quotas and caps.
TARGET_CUES = (
    "目标", "计划", "力争", "确保", "控制在", "控制到", "控制住", "规划", "任务", "力求",
)
#: Plan nouns whose share done is a level of completion, not a target (主要任务完成七成以上).
DONE_TASK_NOUNS = frozenset("任务 目标".split())
DONE_VERBS = ("完成", "实现")
#: Words that start with a plan cue and name something else: family planning, a city with its own
#: budget line, the planned economy.
NOT_PLAN_WORDS = ("计划生育", "计划单列", "计划经济")


def cue_pattern(words) -> str:
    """A regex alternation of cue words, each kept from matching the start of a ``NOT_PLAN_WORDS`` word."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        tails = [w[len(word) :] for w in NOT_PLAN_WORDS if w.startswith(word) and len(w) > len(word)]
        parts.append(word + (f"(?!{'|'.join(tails)})" if tails else ""))
    return "|".join(parts)


#: Words right after a figure that make it a quota (超额完成省下达的16万亩任务).
QUOTA_NOUNS = ("目标任务", "任务", "指标", "目标")
#: Words right before a figure that make it a quota handed down (省下达的16万亩).
#: A ceiling or a limit set by law or by a higher level (低于法定上限50%, 政府债务限额为680亿元) is a
#: target-like standard, as a cap is.
QUOTA_LEADS = ("下达的", "下达", "分解的", "核定的", "上限", "上限为", "上限的", "限额", "限额为", "警戒线", "控制线")

#: Words before a figure that compare a level with it, where they would otherwise read as qualifiers:
#: before 的 and a target or a standard (高于35%的国家管控目标) the figure is that target, exact.
COMPARISON_PREFIXES = frozenset("高于 低于 超过 超出 多于 少于 大于 小于 优于 好于".split())
#: Nouns after 的 that make a compared figure a target (目标, 标准…) or a reference level (平均水平).
COMPARED_TARGETS = ("管控目标", "目标值", "目标", "标准", "要求", "指标", "控制线", "红线", "底线")
COMPARED_LEVELS = ("平均水平", "平均值", "均值", "平均", "水平")

#: Rank verbs and the regions a rank is taken in.
RANK_VERBS = ("位居", "位列", "名列", "排名", "排位", "排在", "排", "居", "列", "跃升至", "跃居", "升至", "上升至",
              "提升至", "跃升到", "上升到", "提升到", "保持", "稳居", "位于", "获得", "荣获", "夺得", "获", "进入", "跻身")
RANK_UNITS = ("位", "名")

# --------------------------------------------------------------------------------------------
# What is not a metric
# --------------------------------------------------------------------------------------------

#: Fixed phrases that contain numerals and count nothing: idioms, slogans, programme names.
IDIOMS = tuple(
    """
    第一时间 一系列 一大批 一批批 最后一公里 新一期 新一代 新一届 新一轮 新一批 每一项 每一个 每一位 一次性
    一站式 一张网 一门受理 一年一度 千方百计 十个一 一长多校 五社联动 一老一小 一件事一次办 一件事 一网通办
    一网统管 一网通管 一体化 一把手 一线 一流 一带一路 两委 三农 两会 双减 四风 一票否决 三公经费 一盘棋
    一揽子 一条龙 一对一 一窗受理 一窗通办 一次办 最多跑一次 一次申请 千家万户 万家灯火 四面八方 三令五申
    五湖四海 十全十美 一心一意 一以贯之 一视同仁 一如既往 一丝不苟 一成不变 一刀切 一站到底 一企一策
    一户一策 一人一档 一村一品 一镇一业 一校一案 一事一议 一案一策 两个确立 两个维护 四个意识 四个自信
    两个一百年 四个全面 五位一体 三个代表 三个务必 八项规定 八五普法 七五普法 十四五 十三五 十二五 十五五
    九年义务教育 一刻钟 半小时 15分钟生活圈 15分钟健康服务圈 7×24 7*24 24小时不打烊 五好 三甲 三级甲等
    二级甲等 三级乙等 一级 二级 三级 四级 一类 二类 三类 一等奖 二等奖 三等奖 一级学科 二级学科 一把尺子
    一张蓝图 一竿子 一口气 一下子 一方面 另一方面 一方 三方 多方 双方 各方 一手 两手 一道 一起 一致 一直
    一定 一切 一般 一些 一旦 一度 一律 一体 一同 一块 一带 一路 一行 一段 一阵 一角 一隅 一侧
    一边 一边倒 一把 一身 一生 一心 一意 一面 一条 一项项 一件件 一个个 一次次 一场场 一二三
    百花齐放 百舸争流 百尺竿头 千军万马 千丝万缕 万众一心 万无一失 一览无余 九牛一毛 三五成群 四通八达
    七上八下 乱七八糟 一五一十 三心二意 一穷二白 独一无二 数一数二 一举两得 一石二鸟 三番五次 三言两语
    两岸 三峡 国庆 双十一 双11 双12 双创 双碳 双循环 双拥 双百
    百强 十强 百佳 十佳 五星 四星 三星 千兆 万兆 百兆 三维 二维码 两新 三新 四新 五新 六稳 六保 三保
    三区三线 三线 三资 三资管理 五个振兴 五大发展理念 三大攻坚战 十大 百日 百日攻坚 百日行动 千企 万企
    百千万 千百万 千村 万村 千人计划 万人计划 百人计划 一院一品 一园一品 五年规划 五年计划 五年行动
    三年行动 三年攻坚 两年行动 一年行动 个五年 三次产业 一二三产 一二三产业
    """.split()
)

#: Rates that name their population themselves; other short rates (结案率, 办结率) are read as
#: rates of what the sentence counts and labelled with it.
SELF_CONTAINED_RATES = frozenset(
    "森林覆盖率 绿化覆盖率 城镇化率 失业率 登记失业率 调查失业率 出生率 死亡率 增长率 自然增长率 婴儿死亡率 通胀率 汇率 利率"
    " 空气优良率 犯罪率 发案率 就业率".split()
)

#: Sessions are named by a term and a sitting (十八届人大三次会议, 九届三次全会): N次 written right after
#: one of these words and right before a session noun is an ordinal, not a count of meetings.
SESSION_ORGANS = ("届", "人大", "政协", "党代会", "常委会", "全委会", "代表大会")
SESSION_NOUNS = ("会议", "全会", "全体会议", "大会")

#: Units of shares and ratios: ``80%以上需求`` is a share of the demands, not a class of them.
RELATIVE_UNITS = frozenset("% ‰ ‱ 百分点 倍".split())

#: Qualifiers before a figure that make it a threshold when a noun and that noun's count follow
#: (产值超亿元企业386家).
THRESHOLD_PREFIXES = frozenset("超 超过 逾".split())
#: Words after a threshold (N以上 / N以下) that continue a predicate rather than name a class of things.
THRESHOLD_PREDICATES = ("的", "连续", "持续", "稳定", "保持", "同比", "环比", "比", "较", "增长", "下降", "提高", "实现",
                        "达到", "为", "是", "占", "并", "且", "和", "或", "及", "与")

# --------------------------------------------------------------------------------------------
# Words that shape labels
# --------------------------------------------------------------------------------------------

#: Heads that name a measure but not what it is of: alone as a subject they take the topic of the
#: figure or clause before (普通高等学校11所，在校学生18.6万人 -> 普通高等学校在校学生).
GENERIC_HEADS = frozenset(
    """
    金额 总金额 资金 总额 余额 得分 综合得分 总得分 总分 平均分 分数 总投资 投资额 完成投资 支出 总支出 收入
    总收入 营业收入 营收 利润 利润总额 净利润 税收 产值 总产值 增加值 人数 总人数 参与人数 参赛人数 受益人数
    服务人数 数量 总数 规模 面积 总面积 建筑面积 产量 总产量 在校学生 在校生 学生 床位 从业人员 职工 员工
    受惠学生 受惠家庭 受惠人数 受惠人次 受惠长者 受惠人士 受益学生 受益家庭 受益长者 受益老人 增长面
    办件量 业务量 交易额 成交额 销售额 营业额 贷款 贷款余额 存款余额 保费 保费收入 吞吐量 客流量 访问量
    浏览量 点击量 覆盖人群 企业 项目 主体
    """.split()
)

#: Ends of short subjects that name a capacity but not of what (日处理能力, 装机容量): like the heads
#: above they take the topic of the figure before (城镇污水处理厂41座，日处理能力… -> 城镇污水处理厂日处理能力).
CAPACITY_HEADS = ("能力", "容量", "产能")
CAPACITY_MAX = 5

#: Verbs that open a predicate whose topic the text said before it (…平台累计注册企业2.38万家，发放贷款
#: 412.6亿元 -> …平台发放贷款; 区人民医院新院区投入使用，新增床位600床 -> 区人民医院…新增床位).
ACTION_VERBS = tuple(
    """
    发放 发送 办理 办结 受理 解答 征集 接待 培训 帮助 查处 检查 排查 整改 调解 化解 纠错 投放 新增 新建 提供
    组织 开展 举办 吸引 参与 参加 收治 救助 资助 兑现 减免 接收 运送 输送 处理 处置 审结 审批 核发 颁发 认定
    发布 免除 减负 回收 清理 拆除 改造 建设 完成 实现 带动 惠及 覆盖 涉及 吸纳 容纳 可容纳 拉动 受益
    破获 侦破 抓获 侦办
    """.split()
)
#: Verbs done for someone named after 为 (为群众减负, 为农民工追回工资), besides the action verbs above.
BENEFACTIVE_VERBS = tuple("追回 挽回 节约 节省 争取 解决 办成 办好 减轻 降低 服务".split())
#: Words a subject turns from its topic to what the topic did (“信易贷”平台累计注册企业 -> “信易贷”平台):
#: the verbs above and the words that introduce a running total or an achievement.
TOPIC_BREAKS = ACTION_VERBS + tuple("累计 共计 共有 投入 注册 建成 培育 引进 签约 落地 实施 推出 达成 取得".split())
#: Nouns that hold a verb of ``TOPIC_BREAKS`` and are no verb there (服务中心, 受理中心, 注册资本).
TOPIC_BREAK_NOUNS = tuple("服务中心 服务站 服务点 服务平台 服务事项 受理中心 检查站 注册资本 新建区 改造区 处理厂 处理能力".split())

#: Words that open a clause before its verb and say how, not what (严格落实, 深入开展, 全面推行).
LEAD_ADVERBS = tuple("严格 深入 全面 持续 大力 积极 扎实 着力 认真 切实 不断 进一步 加快 全力 有序 稳步 率先 首次 成功 严厉 依法 分类".split())
#: Adverbs before a verb that say how far it got (基本建成, 全部完成): a verb with one is still a verb alone.
DEGREE_ADVERBS = ("基本", "全部", "全面", "整体", "陆续", "相继", "已")
#: Words of place or manner that open a subject before its verb and name no topic (现场签约项目).
NOT_TOPICS = frozenset("现场 当场 线上 线下 网上 当天 当日 同步 集中 同期".split())
#: Verbs that open a clause whose object is the topic of the figure after it (举办第五届…大赛，征集参赛项目
#: 1200多个 -> 第五届…大赛征集参赛项目).
OBJECT_LEAD_VERBS = tuple(
    "举办 举行 召开 开展 组织 打造 推动 推进 落实 实施 推行 推广 启动 建立 健全 完善 加强 强化 深化 出台 制定 印发"
    " 构建 创建 设立 成立 清理 规范 整治 承办 实行 聚焦 围绕 完成 建成 建设 新建 新开工 开工 改造 开通 上线 打击".split()
)

#: Verbs that issue a document (出台…意见, 制定…指引): what they issue does not itself do what the
#: clause after counts, so a subject with its own verb and object takes no topic from them.
DOCUMENT_VERBS = tuple("出台 制定 印发 修订 编制 起草".split())
#: A count of measures right after a name and before a policy noun names a policy package (稳外贸十二条措施,
#: 十件民生实事); after a verb that issues or does them (出台十二条措施, 出台措施12条) it counts them.
POLICY_MEASURES = frozenset("条 项 件".split())
POLICY_NOUNS = ("措施", "举措", "政策", "意见", "规定", "细则", "实事", "新政", "硬招", "实招", "要点")
#: Package names hold small counts; larger ones count what was issued.
POLICY_COUNT_MAX = 50
#: Words right before such a count that make it a count of what was issued or done, not part of a name.
POLICY_COUNT_LEADS = tuple(
    """
    出台 新出台 印发 制定 制订 推出 发布 实施 落实 出炉 提出 形成 研究 起草 修订 修改 包括 涵盖 含 共 计 合计 累计
    总计 共计 等 了 有 梳理 谋划 确定 明确 兑现 完成 办成 办结 办好 推行 执行 审议 通过 先后 相继 陆续 分别 已 还 又
    再 新增 新 列出 细化 汇编 编制 部署 实行 出 制 立 废 清理 废止 取消 下放 承接 到期 其中 达 达到 超 超过 近 约
    """.split()
)

#: Words of manner between an object and its verb (行政争议实质性化解): no part of the object.
MANNER_WORDS = tuple("实质性 创造性 系统性 根本性 突破性 常态化 规范化 制度化 精准 有效 高效 依法 全面 动态".split())
#: Words that say a subject's object is every kind of something (完成各类审查): the topic before
#: names which (决策合法性审查 -> 完成决策合法性审查).
ALL_KINDS = ("各类", "各项", "各种")

#: Conjunctions that join a clause to the one before (但受灾群众…, 而2020年则…): never part of a label.
CLAUSE_CONJUNCTIONS = ("但是", "但", "而且", "而", "然而", "不过", "且", "则", "从而", "进而", "因此", "所以")

#: Words that report what became of a topic said before them and name no object of their own
#: (城市低保对象…，全年退出374户; 40所学校开工，75所完工; 发生事故120起、死亡85人, 亡人事故…、亡人…):
#: alone as a subject they take that topic.
OUTCOME_WORDS = tuple(
    """
    退出 纳入 新纳入 退保 实施 投资 造成 导致 开工 完工 竣工 投产 投用 交付 开业 通车 验收 关停 注销 撤销 取缔
    死亡 受伤 失踪 遇难 伤亡 受灾 获救 转移 安置 疏散 脱贫 返贫 治愈 出院 结案 执结 到位 启用 上线 亡人 伤人
    直接经济损失 经济损失 直接财产损失 财产损失
    """.split()
)

#: Verbs of work and generic words that name no object of their own (编列, 精简, 统一, 筹集, 调升, 再启动, 加发,
#: 预算): alone as a subject they take the topic of the clause, sentence, list lead or heading before
#: (（三）学前教育补助\n每名幼儿每月加发500元 -> 学前教育补助加发).
BARE_WORK_WORDS = tuple(
    "编列 预算编列 拟编列 精简 统一 筹集 筹措 调升 调增 调减 调降 启动 再启动 加发 增发 补发 预算 安排 拨付 下达 兑付 核减".split()
)

#: Two groups compared and the one word for both (城镇 and 农村 -> 城乡): a difference between them is named
#: by it (城乡居民人均可支配收入差距).
GROUP_PAIRS = {
    ("城镇", "农村"): "城乡", ("城市", "农村"): "城乡", ("城区", "农村"): "城乡", ("农村", "城镇"): "城乡",
    ("男性", "女性"): "男女", ("女性", "男性"): "男女", ("男", "女"): "男女", ("男生", "女生"): "男女生",
}

#: Words that say which kind of a whole a part is (其中公办312所，民办208所): alone as a subject they
#: name the whole too (公办幼儿园).
KIND_MODIFIERS = frozenset(
    "公办 民办 公立 私立 民营 国有 国营 集体 私营 个体 外资 内资 外商 港澳台 城镇 农村 城市 乡村 城区 郊区 男性 女性"
    " 省级 市级 区级 县级 国家级 专职 兼职 在职 离退休 退休 住宅 非住宅 营利性 非营利性 普惠性".split()
)

#: Verbs that a list of objects shares, besides the action and lead verbs above (出动消防车辆2.3万辆次、
#: 消防员12万人次 -> 出动消防员).
LIST_VERBS = tuple("出动 派出 走访 慰问 招聘 录用 配备 安装 设置 抽检 检测 救出 营救 接诊 诊疗 评定 创建 联系 服务 优化 调整 修复 获得 实行 执行".split())
#: Currencies written without 元 (a list of figures in one currency is a list of amounts).
CURRENCY_UNITS = frozenset("英镑 卢布 法郎 人民币".split())

#: Words before a count that make it whom or what a deed was done for, with or by (为6.4万名学生发放助学金,
#: 将28项事项纳入平台, 引导1388家社会组织投资, 在5家医院开展试点, 推动10个镇…工作): they are no part of
#: its name, which the deed after it gives (发放助学金的学生).
DEED_LEADS = ("为", "给", "帮助", "帮", "向", "将", "把", "在", "引导", "带动", "动员", "鼓励", "组织", "发动", "推动",
              "支持", "扶持", "指导", "督促", "促成", "等", "共有", "有")
#: Verbs that open the deed said of a count before them, besides the action, lead and list verbs.
DEED_VERBS = tuple(
    "入选 通过 实现 冲刺 争创 参加 参与 投资 捐赠 捐款 出资 入驻 落户 加入 获得 享受 办理 报告 完成 达到 纳入 列入 接入"
    " 划入 转入 移交 获评 荣获 评为 发放 学会 掌握 开展 签订 申报 创建 更换 上市 挂牌 向".split()
)
#: Verbs that also end nouns (社会组织, 政务服务): before another verb they end the counted noun.
VERBAL_NOUNS = frozenset("组织 服务 管理 建设 保障 救助 培训 检查 发展".split())
#: Words between a counted noun and its deed that say how (全力冲刺, 首批通过).
DEED_ADVERBS = tuple("首批 率先 正式 顺利 均 都 已经 已 共 累计 全部 全力 积极 主动 分别".split())
#: Verbs that open a clause saying where an amount just named went (投资1.24亿元，实施乡村振兴项目活动…),
#: and the generic heads the destination is named without (乡村振兴项目活动 -> 乡村振兴).
DESTINATION_VERBS = tuple("实施 开展 建设 参与 用于 投向 支持 助力".split())
DESTINATION_HEADS = ("项目活动", "项目", "活动", "工程")
#: Funds, measures and the verbs that say what they are for: a fund or a set of measures is named by
#: what it serves (安排1500万元专项资金推动…试点镇工作 -> …试点镇专项资金; 9项措施，推动…冲刺初中强校 ->
#: 初中强校措施).
FUND_NOUNS = tuple("专项资金 补助资金 奖补资金 补贴资金 引导资金 财政资金 专项经费 资金 经费 基金".split())
MEASURE_NOUNS = frozenset("措施 举措 政策 政策措施 办法".split())
PURPOSE_VERBS = tuple("专项用于 用于 推动 支持 扶持 保障 助力 推进 促进 服务 改善".split())
#: Heads that name the work of what is counted, not a thing (推动10个强镇筑基省级试点镇工作 counts towns).
WORK_HEADS = ("工作",)
#: Figurative verbs of making (打造新型社区邻里中心50余处): what was made names the figure alone.
MAKING_VERBS = ("打造", "构建", "搭建")
#: Ends of short subjects that say only how many of something were counted (参加人数, 出动次数): like
#: the generic heads they take the topic before.
#: Heads that name a measure of a topic (播种面积, 总产量): a total after one is a total of the same topic.
MEASURE_HEADS = ("播种面积", "面积", "产量", "数量", "规模", "人数", "金额", "产值", "收入", "支出")
COUNT_HEADS = ("人数", "人次", "次数", "户数", "家数", "件数", "起数", "宗数")

#: Words that deny what a clause says happened (未发生较大事故): such a clause names no topic.
NEGATIONS = ("未", "没有", "无", "不")

#: Words that only say how a change is reckoned: alone as a subject they take the subject before
#: (一般公共预算收入48.7亿元，同口径增长8.1% -> 一般公共预算收入同口径增长).
RECKONING_WORDS = frozenset("同口径 可比口径 按可比口径 可比 按可比价 实际 名义 现价 按现价".split())

#: Nouns of campaigns and programmes: ``15个攻势`` names a programme, it counts nothing measured.
PROGRAMME_NOUNS = ("攻势", "战役", "会战", "硬仗", "攻坚战", "大会战")

#: Words after a number of years that make it the name of a programme (实施3年行动计划, 城市更新5年规划).
YEARS_PROGRAMME_NOUNS = ("行动", "攻坚", "计划", "规划", "工程", "专项")

#: Verbs that govern programmes and principles, not counts: after them a small Chinese numeral
#: with a measure word names a set (办好十件民生实事, 聚焦三个方面, 打好三大攻坚战).
PROGRAMME_VERBS = (
    "办好 办实 抓好 抓实 抓牢 做好 打好 打赢 落实 实施 推进 推出 聚焦 围绕 坚持 突出 深化 统筹 构建 健全 完善"
    " 强化 部署 实行 推行 紧扣 紧盯 践行 贯彻 把握 树立 牢记 做到 实现了"
).split()

#: Scene-setting words that may open a clause before its subject (全市…, 今年以来…).
CLAUSE_OPENERS = ("今年以来", "年初以来", "全市", "全省", "全区", "全县", "我市", "本市", "今年", "年内", "全年", "其中",
                  "同时", "此外", "另外", "目前")

#: Measure words of kinds: a small Chinese numeral with one of them opening a subject names categories.
CATEGORY_MEASURES = frozenset("类 种 项 大".split())

#: The largest number a Chinese numeral naming a set of things usually has (十件实事, 八类犯罪).
SET_NAME_MAX = 20

#: Words before a number that make it a specification rather than a measured fact.
SPEC_PREFIXES = ("时速", "车速", "型号", "代号", "编号", "序号", "排量", "口径", "版本", "标号", "频段")

#: Words right after a quantity that make it a grade, a specification or the radius of a service
#: (``6000米级``, ``8小时工作制``, ``500米覆盖率``, ``15分钟生活圈``), not a measured fact.
SPEC_SUFFIXES = ("级", "型", "式", "制", "版", "覆盖率", "服务圈", "生活圈", "健康圈", "经济圈", "半径", "范围内",
                 "圈")

#: Short sequences of digits that are service numbers when followed by one of these words.
HOTLINE_WORDS = ("热线", "服务热线", "便民", "急救", "报警", "火警", "专线", "电话", "平台", "政务", "人社", "指挥")

# --------------------------------------------------------------------------------------------
# Signs
# --------------------------------------------------------------------------------------------

#: Characters that write a minus sign before a figure: ``为-0.60‰``, ``为负0.60‰``, ``增长负6.5%``.
MINUS_SIGNS = "-−负"
#: Characters before 负 that make it the end of a word (为企业减负12亿元, 担负, 胜负), not a sign.
NOT_SIGN_BEFORE_FU = frozenset("减担胜抱欺自肩辜背身重正")

# --------------------------------------------------------------------------------------------
# Dates and names that look like counts
# --------------------------------------------------------------------------------------------

#: Words right before a year of another calendar (民国九十七年, 民國97年): a date, not a duration.
CALENDAR_ERAS = ("民国", "中华民国")
#: Years of the Minguo calendar written in Chinese numerals (九十七年, 一百一十二年) fall in this range;
#: a duration that long is written with 来/以来/间 after it, or as 周年.
ERA_YEARS = (38, 200)
#: Words after a count of years that make it a duration after all (五十年来, 九十年间).
DURATION_TAILS = ("来", "以来", "间", "之久", "内", "历史", "的历史", "的时间", "时间")
#: Words that start with a unit character and name a place, a people or a festival (2026台湾灯会,
#: 2024元宵灯会): after a number they are no unit.
_add("台湾 台北 台中 台南 台东 台州 台风 台胞 台商 台资 台企 台港澳 元宵 元旦 元年 元首 米兰", None)

#: Words after a small count and the noun it counts that compare two places or groups at one time
#: (两个县市相差3.5岁): the count names the groups compared, it measures nothing.
GROUP_COMPARISONS = ("相差", "之间", "差距", "相比")
#: The largest count of groups compared, and of a slogan's parts (四场“大考”, 三个“确保”).
SLOGAN_COUNT_MAX = 10

# --------------------------------------------------------------------------------------------
# More cue words for roles
# --------------------------------------------------------------------------------------------

#: Nouns of change after a figure and 的 (录得6.1%的增幅, 实现8%的增长): the figure is that change.
CHANGE_NOUNS_AFTER: dict[str, str] = {
    "增幅": "up", "升幅": "up", "涨幅": "up", "增速": "up", "增长": "up", "上升": "up",
    "降幅": "down", "跌幅": "down", "减幅": "down", "下降": "down", "下跌": "down", "回落": "down",
}
#: Change nouns that are not yet verbs of ``CHANGE_VERBS`` (升幅为7.3%).
MORE_CHANGE_VERBS: dict[str, str] = {
    "升幅": "up", "跌幅": "down", "上升幅度": "up", "下跌幅度": "down", "多出": "up", "跌": "down",
    # 按年升3.2%: a rise, as reports of Hong Kong and Macau write it.
    "升": "up",
}
#: Verbs of a net addition over the previous level, which may govern a figure across the object they
#: count (全年净增市场主体530家, 再添充电站点17座): a change, not the level of what was added.
NET_ADDITION_VERBS: dict[str, str] = {
    "净增加": "up", "净增": "up", "再添": "up", "再增加": "up", "再增": "up", "净减少": "down", "净减": "down",
}
#: Verbs of what was added in the year: a level, unless a comparison before them makes them a net
#: addition over the previous year (较上年新增180台).
ADDED_VERBS = ("新增", "新添", "多增")
#: Words before a change that make it a planned or expected growth, a target (预期地区生产总值增长5.5%,
#: 社会消费品零售总额预计增长9%); but 预计完成/预计实现 with a level estimate the year's outcome.
EXPECTED_WORDS = ("预期", "预计")
#: Words of a budget proposal: the amounts after them are targets (明年预算编列开支…, 预算安排资金…).
BUDGET_CUES = ("预算编列", "编列", "预算安排", "安排预算", "明年预算", "下年度预算", "预算草案", "拟安排", "拟编列")
#: Words that say a figure was already done (已完成整改任务41项): a level even beside a plan noun.
DONE_MARKERS = ("已经", "已", "均已", "业已")
DONE_AFTER_MARKER = ("完成", "建成", "开工", "竣工", "实施", "落实", "办结", "实现", "投入使用", "通车", "开通", "投运",
                     "整改", "拨付", "发放", "累计")
#: Verbs after a part of a planned whole that say the part is done (规划…80座车站中76座开工建设).
DONE_VERBS_AFTER = ("开工建设", "开工", "建成", "完成", "投入使用", "投用", "通车", "竣工", "投运", "开通", "运营", "落地")
#: Verbs that raise a standard to a level (提高到年人均不低于9600元): a floor written after them is the
#: standard set and paid, a level, not a target.
RAISED_TO_VERBS = ("提高", "提升", "上调", "调整", "调高", "增加", "增至", "达到")

#: Points of a rate per thousand (下降0.8个千分点), read as 百分点 is for a percentage.
_add("千分点")
_add("个千分点", "千分点")
RELATIVE_UNITS = RELATIVE_UNITS | {"千分点"}
#: Words of a budget proposal written in Macau and Hong Kong (开支预算为1,145亿澳门元).
BUDGET_CUES += ("开支预算", "预算开支")
#: Words between 的 and a change noun after a figure (录得80.5%的实质增长).
CHANGE_NOUN_QUALIFIERS = ("实质", "实际", "名义", "同比", "按年", "较大", "显著")
