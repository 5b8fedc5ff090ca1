"""Time expressions and the calendar periods they name (``doc._.times``).

``find_times(text, doc_date)`` finds the time phrases of policy text (年内, 下半年, 到2020年,
7月份之前, “十四五”, 两年多来 ...) and resolves each against the document date;
``resolve_period(phrase, doc_date)`` gives the (first day, last day) of the period a phrase
names. The last day is what a commitment uses as its deadline. Pure functions: the document
date is a parameter, and without it relative phrases (今年, 下半年, 3月底) resolve to None
while absolute ones (2022年, 十四五) still resolve.

Why rules and not JioNLP. JioNLP 1.5.31 was evaluated on the phrases above with
``jio.parse_time(phrase, time_base=2020-09-08)`` and ``jio.ner.extract_time``:

- right: 今年, 明年, 去年, 上半年, 下半年, 年底前, 年底 (11-01..12-31), 一季度, 第三季度,
  3月底 (03-25..03-31), 截至3月底, 2018年7月份之前 (-inf..2018-07-31), 到2020年, 力争2019年,
  2022年, 两年多来 / 五年来 (past spans ending at the base date);
- wrong or raising ValueError: 年内, 7月份之前 (a month without a year), “十四五”期间, 十四五,
  十三五, 近期, 脱贫攻坚期内 (and 尽快 / 早日, correctly, are not times);
- the extractor reads numbers as times: in seed 000 it returns 2000 (of 2000张), 5-8 (of
  5%8%) and 13号, and 三年 / 6个月 as durations;
- speed: 0.2 s import, 77 ms for the first parse, then about 0.1 ms per phrase; the
  extractor takes 18 ms on the 3,500 characters of seed 000;
- importing it prints a banner to stdout, which would corrupt ``duban export`` piped output.

So every phrase is resolved by the rules below, which agree with JioNLP's period ends on all
the phrases it gets right (tests/test_extract_timex.py checks that when jionlp is
installed) and need no extra dependency.

Conventions (where Chinese leaves room):
- 前 / 之前 / 以前 / 到 / 截至 mean "by the end of": 9月底前 → 09-30, 7月份之前 → 07-31,
  三季度前 → 09-30. The period then runs from the document date (when earlier) to that end.
- A month or quarter without a year is in the document's year.
- 年底 / 年末 is December; 月底 / 月末 the month's last ten days; 年初 January–February.
- Past spans (两年多来, 五年来, 今年以来, 2018年以来) end on the document date.
- 近期 is found (plans head passages with it, seed 002) but has no period; 尽快 and 早日 are
  not time expressions at all (shared/gold/README.md: "尽快 and 早日 are not deadlines").
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import cn2an
from spacy.language import Language
from spacy.tokens import Doc

from ..records import TimeExpr

if not Doc.has_extension("times"):
    Doc.set_extension("times", default=None)

Period = tuple[date, date]

_CN_NUM = "一二两三四五六七八九十"
_YEAR = r"(?:19|20)\d{2}"
_RELATIVE_YEARS = {"今年": 0, "本年度": 0, "本年": 0, "明年": 1, "后年": 2, "去年": -1, "上年": -1, "前年": -2}
# The five-year plans from 六五 (1981-1985) on are regular: the Nth starts in 1981 + 5 * (N - 6).
_PLAN = r"十[一二三四五六]五(?![个名人万元年])"
# Named policy periods with fixed years: the 脱贫攻坚 campaign ran to the end of 2020 (seed 000
# 脱贫攻坚期内, a deadline in shared/gold/seeds.jsonl).
_NAMED_PERIODS = {"脱贫攻坚期": (2016, 2020)}

_PATTERN = re.compile(
    rf"""
    (?P<prefix>到|至|截至|截止到|截止)?
    (?:
        (?P<range_from>{_YEAR})年?\s*[-—–~至到]\s*(?P<range_to>{_YEAR})年
      | (?P<plan>{_PLAN})
      | (?P<named>脱贫攻坚期)内?
      | (?P<since_year>今年|年初)以来
      | (?<!\d)(?P<ago>\d{{1,2}}|[{_CN_NUM}]+)年多?来
      | 近(?P<recent>\d{{1,2}}|[{_CN_NUM}]+)年来?
      | (?P<soon>近期)
      | (?<![\d{_CN_NUM}多半])(?P<this_year>年内|全年)
      | (?:(?P<year>{_YEAR})年度?|(?P<rel>今年|本年度|本年|明年|后年|去年|上年|前年))
        (?:(?P<year_end>[底末])|(?P<sub>SUB))?
      | (?P<sub_only>SUB)
    )
    (?P<suffix>之前|以前|前|以来|内|期间|时期)?
    """.replace(
        "SUB",
        r"""上半年|下半年|前三季度|第?[一二三四1-4]季度|年[底末初]
            |(?<![\d.])\d{1,2}月份?(?:\d{1,2}日|[底末初]|[上中下]旬)?""",
    ),
    re.VERBOSE,
)
_SUB = re.compile(
    r"(?P<half>[上下])半年|(?P<first3>前三)季度|第?(?P<quarter>[一二三四1-4])季度"
    r"|年(?P<yearpart>[底末初])|(?P<month>\d{1,2})月份?(?:(?P<day>\d{1,2})日|(?P<monthpart>[底末初]|[上中下]旬))?"
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _number(text: str) -> int:
    return int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart"))


def _year(y: int) -> Period:
    return date(y, 1, 1), date(y, 12, 31)


def _month(y: int, m: int) -> Period:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _sub_period(sub: str, y: int) -> Period | None:
    """下半年, 三季度, 年底, 3月底, 9月8日 ... within year ``y``; None for an impossible month."""
    m = _SUB.fullmatch(sub)
    if m["half"]:
        return (date(y, 1, 1), date(y, 6, 30)) if m["half"] == "上" else (date(y, 7, 1), date(y, 12, 31))
    if m["first3"]:
        return date(y, 1, 1), date(y, 9, 30)
    if m["quarter"]:
        q = _QUARTERS[m["quarter"]]
        return date(y, 3 * q - 2, 1), _month(y, 3 * q)[1]
    if m["yearpart"]:
        return (date(y, 1, 1), date(y, 2, 28 + calendar.isleap(y))) if m["yearpart"] == "初" else _month(y, 12)
    month = int(m["month"])
    if not 1 <= month <= 12:
        return None
    first, last = _month(y, month)
    if m["day"]:
        day = int(m["day"])
        return (date(y, month, day),) * 2 if day <= last.day else None
    part = m["monthpart"]
    if part in ("底", "末", "下旬"):
        return date(y, month, 21), last
    if part in ("初", "上旬"):
        return first, date(y, month, 10)
    if part == "中旬":
        return date(y, month, 11), date(y, month, 20)
    return first, last


def _period(m: re.Match, doc_date: date | None) -> Period | None:
    """The period of one match before its prefix and suffix are applied."""
    if m["range_from"]:
        return date(int(m["range_from"]), 1, 1), date(int(m["range_to"]), 12, 31)
    if m["plan"]:
        start = 1981 + 5 * (10 + _number(m["plan"][1]) - 6)
        return date(start, 1, 1), date(start + 4, 12, 31)
    if m["named"]:
        first, last = _NAMED_PERIODS[m["named"]]
        return date(first, 1, 1), date(last, 12, 31)
    if m["soon"] or doc_date is None and not m["year"]:
        return None
    if m["since_year"]:
        return date(doc_date.year, 1, 1), doc_date
    if m["ago"] or m["recent"]:
        return _years_before(doc_date, _number(m["ago"] or m["recent"])), doc_date
    if m["this_year"]:
        return _year(doc_date.year)
    if m["sub_only"]:
        return _sub_period(m["sub_only"], doc_date.year)
    y = int(m["year"]) if m["year"] else doc_date.year + _RELATIVE_YEARS[m["rel"]]
    if m["year_end"]:
        return _month(y, 12)
    return _sub_period(m["sub"], y) if m["sub"] else _year(y)


def _resolve(m: re.Match, doc_date: date | None) -> Period | None:
    period = _period(m, doc_date)
    if period is None:
        return None
    first, last = period
    if m["suffix"] == "以来":  # 2018年以来: from then to the document date
        return (first, doc_date) if doc_date and doc_date >= first else None
    if m["prefix"] or m["suffix"] in ("之前", "以前", "前"):  # 到2020年, 9月底前: by the end of
        if doc_date and doc_date < first:
            return doc_date, last
    return first, last


def find_times(text: str, doc_date: date | None) -> list[TimeExpr]:
    """Time phrases in ``text`` in order, each with its period (None when it cannot resolve)."""
    times = []
    for m in _PATTERN.finditer(text):
        period = _resolve(m, doc_date)
        start, end = m.span()
        if m["plan"]:  # “十四五”期间 is written 十四五, as in shared/gold/seeds.jsonl
            start, end = m.span("plan")
        times.append(TimeExpr(text[start:end], start, end, *(period or (None, None))))
    return times


def resolve_period(phrase: str, doc_date: date | None) -> Period | None:
    """(first day, last day) of the first time phrase in ``phrase``, or None.

    到2020年、力争2019年 resolves to 2020 (the binding deadline comes first); 近期, 尽快 and
    早日 give None, and so does any relative phrase when ``doc_date`` is None.
    """
    times = find_times(phrase, doc_date)
    if not times or times[0].period_end is None:
        return None
    return times[0].period_start, times[0].period_end


@Language.component("duban_times", assigns=["doc._.times"])
def times_component(doc: Doc) -> Doc:
    parsed = doc._.parsed
    doc._.times = find_times(parsed.text, parsed.date) if parsed is not None else []
    return doc
