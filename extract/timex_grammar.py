"""The patterns of time phrases (extract/timex.py resolves what they match).

One regular expression, ``PATTERN``, built from parts: a *point* (a year, a month, a day, a
part of a year such as 下半年 or 前三季度, written with Arabic or Chinese numerals, full or
short years) and a *range* of two points whose second end inherits what it leaves out
(2017年8月11日至22日: the year and month of the first end). The groups of the first point are
prefixed ``a_``, those of the second ``b_``; the other alternatives name their own groups.
"""

from __future__ import annotations

import re

from ..lexicon.prefilter import compile_prefiltered

CN_NUM = "〇零一二两三四五六七八九十"
N = r"\d{1,3}|[一二两三四五六七八九十]{1,3}"  # a count: 3, 十一, 两
YEAR4 = r"(?<!\d)(?:19|20)\d{2}|(?<![〇零一二三四五六七八九])[一二][〇零一二三四五六七八九]{3}"
YEAR2 = r"(?<![\d〇零一二三四五六七八九十])(?:\d{2}|[〇零一二三四五六七八九]{2})"
MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
DAY = r"3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
SEP = r"\s*(?:至|到|~|～|－|-|—{1,2}|–)\s*"
def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


# A time of day after a date only pins the day: 2019年6月28日下午3:00, 昨晚8时35分, 当日午夜.
_CLOCK = (
    r"(?:(?:\d{1,2}|[零一二两三四五六七八九十]{1,3})(?:[点时](?:[一二三\d]刻|\d{1,2}分?|半|[零一二三四五六七八九十]{1,3}分?)?"
    r"(?:\d{1,2}秒)?钟?|[:：]\d{2}(?:[:：]\d{2})?))"
)
_PART_OF_DAY = r"(?:[早晚]上|上午|下午|中午|晚|夜里|夜间|凌晨|傍晚|半夜|午夜)"
_TIME_OF_DAY = (
    rf"(?:\s?{_PART_OF_DAY}?{_CLOCK}(?:{SEP}{_PART_OF_DAY}?{_CLOCK})?"
    r"|(?:[早晚]上|上午|下午|中午|夜里|夜间|凌晨|傍晚|半夜|午夜|白天|全天))?"
)
# Festivals as (month, day) of the solar or the lunar calendar, or (month, weekday, nth) for
# those set on a weekday; 五一 / 七一 / 八一 only where no numeral surrounds them.
SOLAR_FESTIVALS = {
    "元旦": (1, 1), "妇女节": (3, 8), "植树节": (3, 12), "劳动节": (5, 1), "五一": (5, 1), "青年节": (5, 4),
    "儿童节": (6, 1), "六一": (6, 1), "建党节": (7, 1), "七一": (7, 1), "建军节": (8, 1), "八一": (8, 1),
    "教师节": (9, 10), "国庆节": (10, 1), "国庆": (10, 1), "圣诞节": (12, 25),
}
LUNAR_FESTIVALS = {
    "春节": (1, 1), "元宵节": (1, 15), "元宵": (1, 15), "端午节": (5, 5), "端午": (5, 5), "七夕节": (7, 7),
    "七夕": (7, 7), "中秋节": (8, 15), "中秋": (8, 15), "重阳节": (9, 9), "重阳": (9, 9), "腊八节": (12, 8),
}
WEEKDAY_FESTIVALS = {"母亲节": (5, 6, 2), "父亲节": (6, 6, 3), "感恩节": (11, 3, 4)}  # 2nd Sunday of May ...
_NUMERAL_FESTIVALS = ("五一", "六一", "七一", "八一")
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKS = {"上上": -2, "上": -1, "本": 0, "这": 0, "下下": 2, "下": 1}


def _festivals() -> str:
    names = [n for n in (*SOLAR_FESTIVALS, *LUNAR_FESTIVALS, *WEEKDAY_FESTIVALS, "除夕") if n not in _NUMERAL_FESTIVALS]
    numeral = "|".join(_NUMERAL_FESTIVALS)
    return rf"{_alternation(names)}|(?<![{CN_NUM}])(?:{numeral})(?![{CN_NUM}万千百个])"


# What may follow a short year: 19年底, 07年第三季度, 98年4月; not 19年前 (nineteen years ago).
_AFTER_SHORT_YEAR = (
    r"(?=[上下]半年|[底末初]|伊始|首|第|[一二三四1-4]季度|前(?:[一二两三1-3]个?季度|(?:\d{1,2}|[一二两三四五六七八九十]{1,3})个?月)"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,2})月|春节|元旦|端午|中秋|元宵|七夕|国庆|除夕)"
)
RELATIVE_YEARS = {
    "今年": 0, "本年度": 0, "本年": 0, "明年": 1, "次年": 1, "后年": 2, "去年": -1, "上一年": -1,
    "上年": -1, "大前年": -3, "前年": -2,
}
RELATIVE_MONTHS = {"本月": 0, "当月": 0, "同月": 0, "上个月": -1, "上月": -1, "下个月": 1, "下月": 1, "次月": 1}
RELATIVE_DAYS = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "昨晚": -1, "今天": 0, "今日": 0,
                 "今晚": 0, "当天": 0, "当日": 0, "当晚": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
# The five-year plans from 六五 (1981-1985) on are regular: the Nth starts in 1981 + 5 * (N - 6).
_PLAN = r"十[一二三四五六]五(?![个名人万元年])"


def _sub(x: str, after_year: bool = True) -> str:
    """A part of a year (groups prefixed ``x``). Right after a year, 底 / 末 / 初 stand alone
    (2021年底); without one they need their 年 (年底, not the 底 of 底数 or 兜底)."""
    month = rf"(?<![\d.{CN_NUM}])"
    return rf"""
        (?P<{x}half>[上下])半年
      | (?:前|头)(?P<{x}fq>[一二两三1-3])个?季度
      | (?P<{x}q1>首)季度 | 第?(?P<{x}q>[一二三四1-4])季度
      | [前首头](?P<{x}fm>{N})个?月(?!份?\d)
      | 后(?P<{x}lm>{N})个?月
      | (?P<{x}m1>首)月 | 第(?P<{x}nm>{N})个月
      | {month}(?P<{x}ma>{MONTH})(?:月份?)?{SEP}(?P<{x}mb>{MONTH})月份?
      | {month}(?P<{x}dm>{MONTH})月(?P<{x}da>{DAY})[日号]?{SEP}(?P<{x}db>{DAY})[日号]
      | {month}(?P<{x}m>{MONTH})月份?(?:(?P<{x}d>{DAY})[日号]|(?P<{x}mp>[底末初]|[上中下]旬))?
      | {"年?" if after_year else "年"}(?P<{x}yp>[底末初]) | {"年?" if after_year else "年"}(?P<{x}yi>伊始)
      | (?:农历)?(?P<{x}fest>{_festivals()})
    """


def _point(x: str) -> str:
    """A calendar point: a date, a month, a year or a part of one (groups prefixed ``x``)."""
    return rf"""
      (?:
        (?P<{x}iy>(?<!\d)(?:19|20)\d{{2}})[-/.](?P<{x}im>1[0-2]|0[1-9]|[1-9](?=[-/.]\d))
        (?:[-/.](?P<{x}id>3[01]|[12]\d|0?[1-9]))?(?![\d%万亿元])
      | (?:(?P<{x}y>{YEAR4})年度?|(?P<{x}sy>{YEAR2})年{_AFTER_SHORT_YEAR}|(?P<{x}rel>{_alternation(RELATIVE_YEARS)}))
        (?:{_sub(x)})?
      | (?P<{x}relm>{_alternation(RELATIVE_MONTHS)})(?:(?P<{x}rd>{DAY})[日号]|(?P<{x}rmp>[底末初]|[上中下]旬))?
      | (?<![“《"])(?P<{x}relday>大前天|(?<![目提])前天|昨天|昨日|昨晚|今天|今日|今晚|当天|当日|当晚|明天|明日|(?<!先天)后天|大后天)
      | {_sub(x + "s", after_year=False)}
      )
      {_TIME_OF_DAY}
    """


SOURCE = (
    rf"""
    (?P<prefix>到|至|截至|截止到|截止)?
    (?:
        (?P<range_from>{YEAR4})年?{SEP}(?:(?P<range_to>{YEAR4})|(?P<range_short>{YEAR2}))年
        (?:(?P<range_month>{MONTH})月份?)?
      | (?P<plan>{_PLAN})
      | (?P<named>脱贫攻坚期)内?
      | (?P<since_year>今年|年初)以来
      | (?P<both>今明|明后)两年
      | (?P<century>上|\d{{1,2}}|[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])世纪
        (?:(?P<decade>[1-9]0|[一二三四五六七八九]十)年代)?(?P<cpart>初期?|前期|中期|末期?|后期)?
      | (?<![\d{CN_NUM}])(?P<ago>\d{{1,2}}|[{CN_NUM}]+)(?P<ago_unit>年半|年多?|个半月|个多?月|天半?)(?:以)?来
      | 近(?P<recent>{N})(?P<recent_unit>年|个月|天|日)来?
      | (?P<future>未来|今后)(?P<future_n>{N})(?P<future_unit>年|个月|天)内?
      | 过去的?(?P<past_n>{N})(?P<past_unit>年|个月|周|天)
      | (?<![\d{CN_NUM}.])(?P<delta>{N}|半)(?P<delta_unit>年半|年|个半月|个多月|个月|个季度|个?星期|周|天)(?P<delta_dir>前|后)(?![年月天]|(?:\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})个?[月季])
      | (?P<week>上上|上|本|这|下下|下)个?(?:周|星期|礼拜)(?:周|星期)?(?:(?P<weekday>[一二三四五六日天])|(?![末期边围转年岁全]))
        {_TIME_OF_DAY}
      | (?P<relq>上个?季度|本季度|下个?季度)
      | (?P<soon>近期)
      | (?<![\d{CN_NUM}多半])(?P<this_year>年内|全年)
      | {_point("a_")}(?:{SEP}(?:{_point("b_")}|(?P<b_dayonly>{DAY})[日号]))?
    )
    (?P<suffix>之前|以前|前|以来|起至今|至今|起|内|期间|时期)?
    """
)
# The same matches as re.compile(SOURCE, re.VERBOSE), found faster: a position whose character
# starts no time phrase fails at once.
PATTERN = compile_prefiltered(SOURCE, re.VERBOSE)
