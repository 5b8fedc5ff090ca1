"""Figures: every quantity with its unit and qualifier, normalised (``doc._.figures``).

Implements the "Figures" section of shared/gold/README.md as rules over one sentence:

1. ``_CANDIDATE`` finds a number (Arabic digits with odd spacing such as ``42. 5``, a Chinese
   numeral, 百分之…, or a range ``1-2``) with its scale word, 余/多, unit, rate (``元/人年``)
   and qualifier (以上, 内, 约 …), on a folded copy of the sentence (numbers.fold) so that
   full-width and traditional forms read the same while offsets stay those of the original.
2. ``_skip_reason`` drops what is not a figure: dates, years, months, times, time frames
   (五年来), document, index and phone numbers, list markers, ordinals, quoted labels
   (“惠7条”), level descriptors (四级), 一 as an article, placeholders (X家).
3. ``_kind`` classifies: norms are ``standard`` (rates, durations, ages, 标准的65%), quantities
   in a plan passage or a clause with a future cue are ``target``, problem passages are
   ``other``, the rest ``achieved``.

``find_figures`` is the pure function; the passage of each sentence (plan, report, problems)
comes from the one plan/report model (passages.py) and the future and past cues from the cue
lexicon (cues.py); ``components.figures_component`` wires them into spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Sequence

from ..lexicon.regions import find_mentions
from ..records import Figure
from .cues import forward_at, past_cue, pattern
from .numbers import CN_DIGITS, PLACES, arabic, chinese, fold, range_low, scaled
from ..lexicon.prefilter import compile_prefiltered

# Units after a number, as written; tried longest first. 年, 月 and 日 are handled apart:
# years, months and dates are not figures, durations sometimes are.
_DURATIONS = ("个工作日", "工作日", "个月", "小时", "分钟", "天", "周", "年")
_COUNTS = (
    "个百分点 百分点 人次 户次 批次 场次 车次 家次 周岁 岁 元 块 个 名 位 人 户 家 处 所 座 张 床 条 套 "
    "件 份 袋 桶 箱 瓶 吨 公斤 千克 斤 辆 台 部 支 批 项 次 场 期 类 种 对 例 起 宗 笔 篇 本 册 间 栋 幢 "
    "平方米 平米 亩 公顷 公里 千米 厘米 米 只 头 棵 株 盏 轮 倍 成 枚 餐 组 队 课时 学时 分 % ‰ 千瓦时 千瓦 兆瓦 微克 "
    "块钱 元人民币 人民币 美元 港元 港币 欧元 日元 英镑 澳元 韩元 泰铢 卢布 新台币 台币"
).split()
# Currencies are units of their own (实际利用外资12.5亿美元 is no amount in 元); the names
# written for one currency fold to one unit, and 人民币 is the 元.
_CURRENCY = {"港币": "港元", "台币": "新台币", "人民币": "元", "元人民币": "元", "块钱": "元"}
_UNITS = sorted(set(_COUNTS) | set(_DURATIONS), key=len, reverse=True)
# A Chinese numeral counts only with a measure word; 期 and 分 after one are labels (三期, 十分).
_CN_UNITS = set(_UNITS) - {"期", "分"}
_DURATION_UNITS = set(_DURATIONS)

# 1,234 / 82，225.00 / 42. 5 (seed 002's odd space)
_NUM = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?(?![\d])|\d+(?:\.\s?\d+)?"
_SCALE = r"千万亿|万亿|千万|百万|亿|万|千(?![克米瓦卡伏])"
_UNIT = "|".join(map(re.escape, _UNITS))
_SEP = r"\s?(?:[-—–]{1,2}|~)\s?|至|到"  # 1-2名, 1万元--5万元, 5——8万, 6000到2万
# Behind a look-ahead for the characters a figure can start with (lexicon/prefilter.py): the
# same matches, found faster.
_CANDIDATE = compile_prefiltered(
    rf"""
    (?P<cur>人民币|港币|新台币|台币)?\s?
    (?P<pre>每人每[年月天日]|每[年月天日人户周]|约|近|(?<!不)超过?|逾)?
    (?:
        百分之(?P<pct>\d+(?:\.\d+)?|[{CN_DIGITS}点]+)
      | (?P<num>{_NUM})(?P<unit1>%)?
        (?:(?P<scale0>{_SCALE})?(?P<unit0>{_UNIT})?(?:\(含\))?(?P<sep>{_SEP})(?P<num2>{_NUM}))?
      | (?P<vague>(?<![人户次总个件岁指基系分半多少无倍参变函位字张床名家])数|几|(?<![以之])上)(?P<place>[十百千万])
      | (?P<pair>[一二三四五六七八九]{{2}})(?=[十百千万亿])(?P<pplace>[十百千])?
      | (?P<cn>[{CN_DIGITS}]+)(?P<teen>几)?(?:(?P<cnsep>{_SEP})(?P<cn2>[{CN_DIGITS}]+))?
    )
    (?P<a1>余|多)?
    (?:个(?=[亿万])(?![亿万]元?(?:以上|级)[\u4e00-\u9fff]))?
    (?:\s(?=[万亿]))?(?P<scale>{_SCALE})?
    (?P<a2>余|多)?
    (?P<unit>{_UNIT})?
    (?:(?<=[元块])(?P<jiao>[一二三四五六七八九\d])[角毛])?(?:(?<=[元块角毛])(?P<fen>[一二三四五六七八九\d])分)?
    (?:(?<=[块分毛角])钱)?
    (?P<rate>/(?:人|户|床|位)?[·•]?(?:年|月|日|天|周|次|人|户|床|平方米|亩))?
    (?:\(含\))?(?P<post>及以上|以上|以下|以内|之内|左右|内)?
    """,
    re.VERBOSE,
)

# What follows a bare number and makes it a date, time, address, level or ordinal, not a count.
_NOT_COUNT_AFTER = re.compile(
    r"(?:月|日|号|季度|时(?!间)|点(?![多余])|秒|世纪|年代|周年|届|级|层|楼|室|路|街|巷|弄|栋|幢|星|代|千伏|"
    r"[:A-Za-z_@#+]|[-/~]\d|\.(?!\d))"
)
# A placeholder before digits (X5家, ×3) makes template text, not a figure; X家 has no digits.
_NOT_COUNT_BEFORE = set("第/+_#@.-—–~×＊*") | set("0123456789") | set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)
# A time frame, not a quantity: 五年来, 两年多来, 3年间, 近5年 (guideline: time-frame durations).
_TIME_FRAME_AFTER = re.compile(r"(?:多|余)?(?:来|以来|间|里|中|时间|期间)")
_TIME_FRAME_BEFORE = ("近", "过去", "这", "前", "后", "未来", "今后", "最近")
# A duration in years counts only as a threshold (2年以上未参加年检 in seed 003); a bare
# "三年" names a programme or a period (敬老院三年改造提升工程, 三年行动).
_YEARS_THRESHOLD_AFTER = re.compile(r"(?:及)?(?:以上|以下|以内|未|没有|不)")
# Phones, hotlines and platform numbers: 12345社会救助服务热线, 12349平台 (seeds 001, 002).
_PHONE_AFTER = re.compile(r"[^,，。;；、]{0,10}?(?:热线|平台|专线|电话|短号)")
_PHONE_BEFORE = re.compile(r"(?:电话|热线|传真|邮编|拨打|号码|编号|信箱|QQ|代码)[:：]?\s*$")
# A session of a congress or plenum, not a count: 十四届四次全会, 四届三次会议, 九届人大四次会议,
# 十四届全国人大四次会议 (e04).
_SESSION_BEFORE = re.compile(r"届(?:全国)?(?:人大|政协|党代会|[省市县区]委)?$")
# Injected gambling spam: the 188 of 188比分直播 (seed 003 raw text).
_SPAM_AFTER = re.compile(r"比分|直播|娱乐城|博彩|棋牌|开户|下注")
PLACE_REACH = 8  # characters after a numeral searched for a place name holding it (四方台区)
# 这十件实事, 上述3个项目: a count already given, pointed back at (guideline: the anaphoric 两项目);
# 此 only alone, not as the end of a connective (因此, 为此, 由此, 据此, 对此, 如此).
_ANAPHORA_BEFORE = re.compile(r"(?:这|那|上述|(?<![因为由据对如])此)$")
# 两项补贴, 两项制度, 两类群体: 两项/两类 point back at a known pair (guideline: 两项补贴,
# the anaphoric 两项目), never a count read off the page.
_ANAPHORIC = re.compile(r"两[项类]")
# A measure word that is the first character of a noun is no unit: 4部门 is a bare count of
# 部门 (seed 002), 两项目 an anaphoric 项目.
_UNIT_IN_WORD = re.compile(r"部[门分署]|台账|期[间限]|名单|条[件例]|场所|对象|项目|类型|种类|人[员口]|家[庭长属]|户籍|所有|起来")
# Nouns that count like measure words right after digits: 4部门 (seed 002) is "4 个部门",
# and the text keeps the noun as the guideline writes it.
# 村 only after digits (31村, d19), as 三村片区 (e11) names a place.
_NOUN_CLASSIFIER = re.compile(r"部门|单位|部委|县区|区县|县市区|乡镇|镇街|省份|城市|(?<=\d)村(?![民委级庄])")
_QUOTED = re.compile(r"“[^“”]{0,12}”|\"[^\"]{0,12}\"|《[^《》]{0,40}》|〔[^〔〕]{0,12}〕|\[[^\[\]]{0,12}\]")
_LIST_MARKER = re.compile(r"[\s(（]*\d{1,2}[.、)）．]$")

# ----- kinds ---------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[,，;；:：。！？!?]")

# ----- subjects -------------------------------------------------------------------------------

# Verbs and fillers around the words a figure counts: 新增养老床位4000张 → 养老床位,
# 覆盖率达到90% → 覆盖率, 建成6个区域性养老服务中心 → 区域性养老服务中心.
_VERB = re.compile(
    r"新增|新建|建成|建有|改扩建|改造提升|改造|提升|发放|支出|救助|保障|达到|达|为|实施|配备|配有|开展|出动|"
    r"下达|排查|整治|录入|签订|更换|动员|转移|组建|资助|接收|安置|认定|覆盖(?![率面])|惠及|减少|增加|增长|提高|完成|形成|"
    r"增设|分设|运营|设置|发行|吸引|联合|取得|共有|拥有|现有|仅有|有|是|由|从|对(?!象)|将|把|在|到|至|共计|共|累计|计|其中|"
    r"全市|全县|全区|全省|各类|纳入|享受|参与|参加|实现|提供|着力|先行|领取|获得|办理|入住|得到|落实|建设|占比|占"
)
_NOT_SUBJECT = re.compile(r"[的,，、;；:：。！？!?()（）“”\"《》\s\d%.]|以上|以下")
_COUNT_UNITS = set(_COUNTS) - {"%", "‰", "元", "块", "周岁", "岁", "个百分点", "百分点", "倍", "成"}
SUBJECT_MAX = 12


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of ``spans`` (sorted, not overlapping)."""
    i = bisect_right(spans, (start, start)) - 1
    return i >= 0 and spans[i][0] < start and end <= spans[i][1]


def _clause_start(text: str, pos: int, reach: int = 40) -> int:
    """Offset where the clause holding ``pos`` begins (bounded look-back keeps long lines linear)."""
    lo = max(0, pos - reach)
    last = None
    for m in _CLAUSE_BREAK.finditer(text, lo, pos):
        last = m.end()
    return lo if last is None else last


def _skip_reason(t: str, m: re.Match, unit: str | None, quoted: list[tuple[int, int]]) -> str | None:
    """Why the candidate ``m`` in the folded sentence ``t`` is not a figure, or None."""
    start, end = m.start(), m.end()
    core = next(g for g in ("pct", "num", "vague", "pair", "cn") if m.group(g))
    core_start = m.start(core) - (3 if core == "pct" else 0)
    before = t[core_start - 1] if core_start else ""
    after = t[end:end + 12]
    # 10:30 is a time; after a colon that follows words (补贴标准：60周岁) a figure starts.
    if before in _NOT_COUNT_BEFORE or before == ":" and t[core_start - 2: core_start - 1].isdigit():
        return "ordinal, code or part of a longer token"
    if _inside(quoted, start, end):
        return "quoted label, title or document number"
    if unit == "次" and _SESSION_BEFORE.search(t, max(0, core_start - 6), core_start):
        return "session of a congress or plenum (十四届四次全会)"
    if _ANAPHORA_BEFORE.search(t, max(0, core_start - 2), core_start):
        return "a count pointed back at (这十件实事)"
    if unit == "日元" and (before == "月" or t[end: end + 1] in ("旦", "宵")):
        return "a date (1月1日元旦), not yen"
    if core in ("cn", "vague", "pair"):
        return _skip_chinese(t, m, unit)
    if m.group("pct"):
        return None
    digits = m.group("num")
    if unit is None and not m.group("scale"):
        return _skip_bare(t, m, digits, after)
    if unit == "年":
        return None if _YEARS_THRESHOLD_AFTER.match(after) and len(digits) < 4 else "year or time frame"
    if unit in _DURATION_UNITS and _is_time_frame(t, m, after):
        return "time frame"
    if unit == "周" and after.startswith("年"):
        return "anniversary"
    return None


def _is_time_frame(t: str, m: re.Match, after: str) -> bool:
    prefix = m.group("pre") or ""
    return bool(_TIME_FRAME_AFTER.match(after)) or prefix == "近" or t[: m.start()].endswith(_TIME_FRAME_BEFORE)


def _skip_bare(t: str, m: re.Match, digits: str, after: str) -> str | None:
    """A number with no unit: a bare count (10民营养老机构) unless a date, code, phone or marker."""
    if m.group("num2"):
        return "range without unit (address, date or code)"
    if _NOT_COUNT_AFTER.match(after):
        return "date, time, address, level or code"
    plain = digits.replace(",", "")
    if "." not in plain and (len(plain) >= 5 or plain.startswith("0") and len(plain) > 1):
        return "phone, postcode or index number"
    if re.fullmatch(r"(?:19|20)\d\d", plain):
        return "year"
    if _SPAM_AFTER.match(after):
        return "spam"
    if _PHONE_AFTER.match(after) or _PHONE_BEFORE.search(t[max(0, m.start() - 8): m.start()]):
        return "hotline or platform number"
    if _LIST_MARKER.match(t[_clause_start(t, m.start()): m.end() + 1]):
        return "list marker"
    if len(plain) <= 2 and not t[: m.start()].strip() and not _NOUN_CLASSIFIER.match(t, m.end()):
        return "list marker opening the line (1开展职业技能培训)"
    if not after or not ("\u4e00" <= after[0] <= "\u9fff"):
        return "number without anything counted"
    return None


def _skip_chinese(t: str, m: re.Match, unit: str | None) -> str | None:
    """Chinese numerals count only with a measure word, and never as 一 (一批, 一支) or a label."""
    numeral = m.group("cn")
    after = t[m.end(): m.end() + 6]
    if (unit is None or unit not in _CN_UNITS) and not (unit is None and _NOUN_CLASSIFIER.match(t, m.end())):
        return "Chinese numeral without a measure word"
    if numeral and not m.group("cn2") and chinese(numeral) in (None, 1.0):
        return "一 as an article, or not a numeral (十四五)"
    if _names_place(t, m.start(), m.end()) or unit == "台" and pattern("place_after_tai").match(t, m.end()):
        return "place name"
    if numeral == "两" and _ANAPHORIC.match(t, m.start("cn") + len(numeral) - 1):
        return "anaphoric pair"
    if unit == "年":
        return None if _YEARS_THRESHOLD_AFTER.match(after) else "time frame or programme"
    if unit in _DURATION_UNITS and _is_time_frame(t, m, after):
        return "time frame"
    if t[m.end(): m.end() + 1] in ("连", "大"):
        return "slogan (十连增, 五大体系)"
    return None


def _names_place(t: str, start: int, end: int) -> bool:
    """Whether a place the gazetteer knows opens at ``start`` and holds the numeral and its measure
    word (七台河市, 五家渠市, 九台区, 四方台区, 八所镇)."""
    return any(a == 0 and b >= end - start for a, b, _ in find_mentions(t[start:start + PLACE_REACH], short_names=True))


def _value(m: re.Match) -> tuple[float, float | None, float | None, bool]:
    """(value, low, high, approx) of a candidate: a range's value is its upper bound, and each
    end has its own scale (6000到2万 → 6000..20000, 三到五万 → 30000..50000)."""
    scale = m.group("scale")
    if m.group("pct"):
        raw = m.group("pct")
        number = arabic(raw) if raw[0].isdigit() else chinese(raw)
        return float(number or 0.0), None, None, False
    if m.group("vague"):  # 数十亿元 → 1e9..1e10, 上千 → 1000..10000
        low = scaled(PLACES[m.group("place")], scale)
        return low * 10, low, low * 10, True
    if m.group("pair"):  # 七八亿 → 7e8..8e8, 二三百 → 200..300
        place = PLACES.get(m.group("pplace"), 1)
        low, high = (scaled(chinese(d) * place, scale) for d in m.group("pair"))
        return (high, low, high, True) if low < high else (high, None, None, False)
    if m.group("cn"):
        first = chinese(m.group("cn")) or 0.0
        if m.group("teen"):  # 十几 → 10..20, 二十几 → 20..30
            low = scaled(first, scale)
            return low + scaled(10, scale), low, low + scaled(10, scale), True
        if m.group("cn2"):
            top = chinese(m.group("cn2")) or 0.0
            low, high = scaled(range_low(first, m.group("cn"), m.group("cn2"), top), scale), scaled(top, scale)
            return high, low, high, False
        return scaled(first, scale) + _small_change(m), None, None, False
    if m.group("num2"):
        high = scaled(arabic(m.group("num2")), scale)
        low = arabic(m.group("num"))
        low = scaled(low, m.group("scale0")) if m.group("scale0") else scaled(low, scale)
        if low > high:  # 6000到2万: the 万 belongs to the high end only
            low = arabic(m.group("num"))
        return high, low, high, False
    return scaled(arabic(m.group("num")), m.group("scale0") or scale) + _small_change(m), None, None, False


def _small_change(m: re.Match) -> float:
    """角 and 分 after 元 or 块: 一百三十五块六角七分 adds 0.67."""
    jiao, fen = m.group("jiao"), m.group("fen")
    digit = lambda d: float(d) if d.isdigit() else chinese(d)  # noqa: E731
    return round((digit(jiao) / 10 if jiao else 0.0) + (digit(fen) / 100 if fen else 0.0), 2)


def _unit(m: re.Match) -> str | None:
    """Unit without the scale word; a 每月 prefix or a /人年 suffix makes it a rate (元/月);
    a currency written before the amount (港币两千九百六十元) is its unit."""
    if m.group("pct") or m.group("unit1"):
        return "%"
    unit = m.group("unit")
    if unit is None:
        return None
    if unit == "块" and (m.group("jiao") or m.group("fen") or m.group(0).endswith("钱")):
        unit = "元"  # 十块三毛, 九千块钱: money, not pieces
    unit = _CURRENCY.get(unit, unit)
    if unit == "元" and m.group("cur"):
        unit = _CURRENCY.get(m.group("cur"), m.group("cur"))
    rate = (m.group("rate") or "").replace("·", "").replace("•", "")
    pre = m.group("pre") or ""
    if not rate and pre.startswith("每"):
        rate = "/" + pre.replace("每", "")
    return unit + rate


# A bound written before the figure is its qualifier but not part of its text (不少于2次 → 2次,
# tests/gold: the rule's comparison, as 不低于…标准的65% in seed 003 keeps only 65%).
# 不到 / 小于 / 低于 (a ceiling reported or set), 突破 / 控制在 (a floor or a cap in a plan) are kept
# the same way, for extract/compare.py to read.
_BOUND_BEFORE = re.compile(r"(?:不少于|不低于|不超过|不高于|不足|至少|不到|小于|(?<!不)低于|(?<!不)高于|大于|突破|控制在)$")


def _qualifier(t: str, m: re.Match) -> str | None:
    bound = _BOUND_BEFORE.search(t, max(0, m.start() - 4), m.start())
    parts = [bound and bound.group(), m.group("pre"), m.group("a1"), m.group("a2"), m.group("post")]
    parts = [p for p in parts if p and not p.startswith("每")]
    return "".join(parts) or None


def _kind(t: str, m: re.Match, end: int, unit: str | None, forward: bool, problems: bool, cue_at: int,
          decided: bool | None = None) -> str:
    """standard, target, other or achieved (guideline "Figures", ``kind``).

    Time limits, ages and multiples of a standard are norms wherever they stand. A level (a
    rate such as 每人每月1300元, a standard raised to an amount, a cap 控制在3%以内, a per-unit
    grant 每餐补贴1元) is a norm in force in a report and a ``target`` in a plan (tests/gold
    README: planned levels inside commitments are targets). ``decided`` is the verdict on the
    clause holding the figure (True: a commitment, False: a statement), which wins over the cues.
    """
    clause_start = _clause_start(t, m.start())
    lead = t[clause_start: m.start()]
    base = (unit or "").split("/")[0]
    rate = "/" in (unit or "")
    # 24小时内 is a time limit; 每周5天 is a rate and 6万小时 a volume of service.
    limit = base in _DURATION_UNITS and not rate and not m.group("scale")
    if limit or base == "周岁" or pattern("standard_before").search(lead) or base == "倍" and "标准" in lead:
        return "standard"
    if base == "岁" and (m.group("post") or pattern("standard_before").search(lead)):
        return "standard"
    if problems or pattern("issuers_after").match(t, end):
        return "other"
    if decided is not False and pattern("plan_scope_after").match(t, end):
        return "target"  # a clause decided a statement (an announced or voted list) keeps its verdict
    clause_end = _CLAUSE_BREAK.search(t, end, end + 60)
    clause = t[clause_start: clause_end.start() if clause_end else end + 60]
    if decided is None:
        planned = not past_cue(clause) and (forward or cue_at < m.start() or forward_at(clause) < len(clause))
    else:
        planned = decided
    level = pattern("level_before").search(lead)
    if level and level.group() == "控制在" and base == "%":  # 失业率控制在2.5%以内 is a result
        level = None
    if rate or level or pattern("level_after").match(t, end):
        return "target" if planned else "standard"
    return "target" if planned else "achieved"


def _words_after(text: str, t: str, end: int) -> str:
    stop = _NOT_SUBJECT.search(t, end, end + SUBJECT_MAX)
    words = text[end: stop.start() if stop else end + SUBJECT_MAX]
    verb = _VERB.search(fold(words))
    return words[: verb.start()] if verb else words


def _words_before(text: str, t: str, start: int) -> str:
    lo = max(0, start - SUBJECT_MAX * 2)
    cut = lo
    for m in _NOT_SUBJECT.finditer(t, lo, start):
        cut = m.end()
    verbs = list(_VERB.finditer(t, cut, start))
    # The figure follows its verbs (覆盖率达到90%, 提高到650元): the words before those verbs.
    boundary = start
    while verbs and verbs[-1].end() == boundary:
        boundary = verbs.pop().start()
    head = verbs[-1].end() if verbs else cut
    return text[head:boundary]


def _subject(t: str, text: str, start: int, end: int, unit: str | None) -> str | None:
    """What is counted: after a measure word the words that follow (建成6个…中心), else the
    words before the figure (新增养老床位4000张), else the other side."""
    after = _words_after(text, t, end)
    before = _words_before(text, t, start)[-SUBJECT_MAX:]
    counted = (unit or "").split("/")[0] in _COUNT_UNITS and "/" not in (unit or "")
    first, second = (after, before) if counted else (before, after)
    return first or second or None


_CHANGE_BETWEEN = re.compile(r"(?:提高|提升|增加|增长|上调|上升|调整|扩大|放宽|下降|降低|减少|下调|缩短|压缩)?(?:到|至|为)")


def find_figures(
    sentence_text: str, offset: int = 0, sentence_index: int = 0, forward: bool = False,
    *, problems: bool = False, decided: Sequence[tuple[int, int, bool]] = (),
) -> list[Figure]:
    """Every figure in one sentence, in text order.

    ``offset`` is where the sentence starts in the document (figure offsets = offset +
    position); ``forward`` says the sentence sits in a plan passage, so quantities there are
    targets; ``problems`` says it sits in a problems passage (存在的问题), so they are ``other``.
    ``decided`` holds (start, end, is_commitment) of the clauses decided in the sentence
    (document offsets): a figure inside a commitment is planned, inside a statement it is not.
    In 由A提高到B, A's ``baseline_of`` is B's index in the returned list.
    """
    text = sentence_text or ""
    t = fold(text)
    candidates = list(_CANDIDATE.finditer(t))
    if not candidates:  # most sentences: no need for their quotes and cues
        return []
    quoted = _quoted_spans(t)
    cue_at = forward_at(t)  # a future cue earlier in the sentence makes later figures targets
    verdict = _verdicts(decided)
    found: list[tuple[int, int, Figure]] = []  # (start, end, figure) in the sentence
    for m in candidates:
        if not (m.group("num") or m.group("cn") or m.group("pct") or m.group("vague") or m.group("pair")):
            continue
        if m.group("unit") and _UNIT_IN_WORD.match(t, m.start("unit")):
            m = _CANDIDATE.match(t, m.start(), m.start("unit"))  # the same number, without the unit
        unit = _unit(m)
        if _skip_reason(t, m, m.group("unit") if not m.group("unit1") else "%", quoted):
            continue
        if unit is None and (m.group("num") or m.group("cn")):
            unit = "个"  # a bare count, 10民营养老机构 / 4部门 / 五部门 (guideline: gets 个)
        value, low, high, approx = _value(m)
        start, end = m.start(), m.end()
        if unit == "个" and not m.group("unit"):
            noun = _NOUN_CLASSIFIER.match(t, end)
            end = noun.end() if noun else end
        found.append((start, end, Figure(
            text=text[start:end],
            start=offset + start,
            end=offset + end,
            sentence_index=sentence_index,
            value=value,
            unit=unit,
            qualifier=_qualifier(t, m),
            kind=_kind(t, m, end, unit, forward, problems, cue_at, verdict(offset + start, offset + end)),
            subject=_subject(t, text, start, end, unit),
            low=low,
            high=high,
            approx=approx,
        )))
    return _link_changes(t, found)


def _verdicts(decided: Sequence[tuple[int, int, bool]]):
    """``verdict(start, end)``: the verdict of the first decided clause holding the span, or None.

    A sentence's clauses are usually in order and apart: then at most one holds a span, the last
    one starting at or before it, found by bisection. A scan of every clause for every figure was
    quadratic on one long sentence (a 1 MB line has 80,000 of each)."""
    starts = [a for a, _, _ in decided]
    apart = all(decided[i][1] <= decided[i + 1][0] for i in range(len(decided) - 1))

    def verdict(start: int, end: int) -> bool | None:
        if not apart:
            return next((kept for a, b, kept in decided if a <= start and end <= b), None)
        i = bisect_right(starts, start) - 1
        return decided[i][2] if i >= 0 and end <= decided[i][1] else None

    return verdict


def _link_changes(t: str, found: list[tuple[int, int, Figure]]) -> list[Figure]:
    """由3015元/人年提高到5400元/人年 (seed 002): the first figure is the baseline of the second."""
    figures = [f for _, _, f in found]
    for i in range(len(found) - 1):
        (s0, e0, _), (s1, _, _) = found[i], found[i + 1]
        if t[max(0, s0 - 1): s0] in ("由", "从") and _CHANGE_BETWEEN.fullmatch(t, e0, s1):
            # 提高到5400元/人年: the new value counts what the baseline counts (农村低保标准)
            figures[i] = replace(figures[i], baseline_of=i + 1)
            figures[i + 1] = replace(figures[i + 1], subject=figures[i].subject or figures[i + 1].subject)
    return figures
