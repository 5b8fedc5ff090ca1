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
- A short year (19年底, 07年第三季度, 九七年一季度) is the year of that number nearest the
  document date, at most ten years after it (33年 in 2021 is 1933). A short year needs a part of
  the year after it: 24年 alone is a duration.
- The second end of a range inherits what it leaves out from the first (2017年8月11日至22日,
  1至11月 in the document's year). 前N个月 / 前三季度 are the first months of the year, never
  "before".
- A phrase is resolved whole or not at all: when a part of it cannot be read (a year before
  年底 that is no year), its ``TimeExpr`` has no period and a ``reason``, and never the
  document's year (issue #15). ``resolve_whole`` answers for a phrase on its own.
- Times of day (上午10时) only pin their date; alone they are not periods. Durations of a rule
  (15个工作日内, 60日内) are not periods either: they run from an event, not from the document.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from ..records import TimeExpr
from lunar_python import Lunar

from .timex_grammar import (
    CN_NUM, LUNAR_FESTIVALS, PATTERN, RELATIVE_DAYS, RELATIVE_MONTHS, RELATIVE_YEARS, SOLAR_FESTIVALS,
    WEEKDAY_FESTIVALS, WEEKDAYS, WEEKS,
)
from ..lexicon.words import two_char_words

Period = tuple[date, date]
# Named policy periods with fixed years: the 脱贫攻坚 campaign ran to the end of 2020 (seed 000
# 脱贫攻坚期内, a deadline in shared/gold/seeds.jsonl).
_NAMED_PERIODS = {"脱贫攻坚期": (2016, 2020)}
_QUARTERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DIGITS = dict(zip("〇零一二三四五六七八九", "0012345678 9".replace(" ", "")))
_NUMERAL_BEFORE = re.compile(rf"[\d{CN_NUM}]$")
_EDGES = " \t,，。;；、:："
_LEAD_WORDS = re.compile(r"^(?:从|自|于|在)")


class _Unresolved(Exception):
    """A phrase that names a period duban cannot compute; the message says why."""


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    import cn2an  # 0.4-0.7 s to import, and most questions and phrases have Arabic digits

    return int(cn2an.cn2an(text, "smart"))


def _year(y: int) -> Period:
    return date(y, 1, 1), date(y, 12, 31)


def _month(y: int, m: int) -> Period:
    if not 1 <= m <= 12:
        raise _Unresolved(f"no month {m}")
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _shift_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    y, m = day.year + y, m + 1
    return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _need(doc_date: date | None) -> date:
    if doc_date is None:
        raise _Unresolved("relative to the document date, which is unknown")
    return doc_date


def _full_year(text: str) -> int:
    """2035 or 二〇三五 → 2035."""
    return int(text) if text.isdigit() else int("".join(_DIGITS[c] for c in text))


def _short_year(text: str, doc_date: date | None) -> int:
    """19 → 2019 in 2021; 33 → 1933 in 2021: the nearest century, at most ten years ahead."""
    base = _need(doc_date).year
    year = base - base % 100 + _full_year(text) % 100
    if year > base + 10:
        year -= 100
    elif year < base - 90:
        year += 100
    return year


def _day(y: int, m: int, text: str) -> Period:
    first, last = _month(y, m)
    d = _number(text)
    if not 1 <= d <= last.day:
        raise _Unresolved(f"no day {d} in month {m}")
    return (date(y, m, d),) * 2


def _month_part(y: int, m: int, part: str | None) -> Period:
    first, last = _month(y, m)
    if part in ("底", "末", "下旬"):
        return date(y, m, 21), last
    if part in ("初", "上旬"):
        return first, date(y, m, 10)
    if part == "中旬":
        return date(y, m, 11), date(y, m, 20)
    return first, last


def _sub(m: re.Match, x: str, y: int, month: int | None = None) -> Period | None:
    """The part of year ``y`` that the ``x``-prefixed groups name, or None when there is none.
    ``month`` is inherited by a second range end that gives only a day (8月11日至22日)."""
    g = lambda name: m.group(x + name)  # noqa: E731
    if g("half"):
        return (date(y, 1, 1), date(y, 6, 30)) if g("half") == "上" else (date(y, 7, 1), date(y, 12, 31))
    if g("fq"):
        return date(y, 1, 1), _month(y, 3 * _QUARTERS[g("fq")])[1]
    if g("q1") or g("q"):
        q = 1 if g("q1") else _QUARTERS[g("q")]
        return date(y, 3 * q - 2, 1), _month(y, 3 * q)[1]
    if g("fm"):
        return date(y, 1, 1), _month(y, _number(g("fm")))[1]
    if g("lm"):
        return _month(y, 13 - _number(g("lm")))[0], date(y, 12, 31)
    if g("m1") or g("nm"):
        return _month(y, 1 if g("m1") else _number(g("nm")))
    if g("ma"):
        return _month(y, _number(g("ma")))[0], _month(y, _number(g("mb")))[1]
    if g("dm"):
        mm = _number(g("dm"))
        return _day(y, mm, g("da"))[0], _day(y, mm, g("db"))[1]
    if g("m"):
        mm = _number(g("m"))
        return _day(y, mm, g("d")) if g("d") else _month_part(y, mm, g("mp"))
    if g("yp"):
        return (date(y, 1, 1), date(y, 2, 28 + calendar.isleap(y))) if g("yp") == "初" else _month(y, 12)
    if g("yi"):
        return _month(y, 1)
    if g("fest"):
        day = _festival(g("fest"), y)
        return day, day
    return None


def _festival(name: str, y: int) -> date:
    """The day of a festival in year ``y``: 国庆 10-01, 春节 by the lunar calendar
    (lunar-python), 母亲节 the second Sunday of May; 除夕 the day before 春节."""
    if name in SOLAR_FESTIVALS:
        return date(y, *SOLAR_FESTIVALS[name])
    if name in WEEKDAY_FESTIVALS:
        month, weekday, nth = WEEKDAY_FESTIVALS[name]
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    if name == "除夕":
        return _festival("春节", y) - timedelta(days=1)
    month, day = LUNAR_FESTIVALS[name]
    solar = Lunar.fromYmd(y, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _point(m: re.Match, x: str, doc_date: date | None, inherit: tuple[int, int | None] | None) -> Period | None:
    """The period of the point whose groups start with ``x``; None when this point is absent."""
    g = lambda name: m.group(x + name)  # noqa: E731
    if g("iy"):
        y, mm = int(g("iy")), int(g("im"))
        return _day(y, mm, g("id")) if g("id") else _month(y, mm)
    if g("relm"):
        first = _shift_months(_need(doc_date).replace(day=1), RELATIVE_MONTHS[g("relm")])
        return _day(first.year, first.month, g("rd")) if g("rd") else _month_part(first.year, first.month, g("rmp"))
    if g("relday"):
        day = _need(doc_date) + timedelta(days=RELATIVE_DAYS[g("relday")])
        return day, day
    if g("y") or g("sy") or g("rel"):
        if g("y"):
            y = _full_year(g("y"))
        elif g("sy"):
            y = _short_year(g("sy"), doc_date)
        else:
            y = _need(doc_date).year + RELATIVE_YEARS[g("rel")]
        return _sub(m, x, y) or _year(y)
    if any(m.group(x + "s" + k) for k in ("half", "fq", "q1", "q", "fm", "lm", "m1", "nm", "ma", "dm", "m", "yp", "yi",
                                          "fest")):
        y = inherit[0] if inherit else _need(doc_date).year
        return _sub(m, x + "s", y)
    return None


def _inherited(m: re.Match, first: Period) -> tuple[int, int | None]:
    """What a range's second end takes from the first: its year, and its month when given."""
    has_month = m.group("a_m") or m.group("a_sm") or m.group("a_im") or m.group("a_relm")
    return first[0].year, first[0].month if has_month else None


def _range(m: re.Match, doc_date: date | None) -> Period:
    first = _point(m, "a_", doc_date, None)
    if m.group("b_dayonly"):
        y, mm = _inherited(m, first)
        second = _day(y, mm or first[0].month, m.group("b_dayonly"))
    else:
        second = _point(m, "b_", doc_date, _inherited(m, first))
    if second is None:
        return first
    if second[1] < first[0]:
        raise _Unresolved("the range ends before it starts")
    return first[0], second[1]


def _century(m: re.Match, doc_date: date | None) -> Period:
    """18世纪 → 1700-1799 (JioNLP's reading), 上世纪80年代 → 1980-1989; 初/前期 the first
    years, 末/后期 the last ones (a fifth of a century, three years of a decade)."""
    c = m.group("century")
    start = (_need(doc_date).year // 100 - 1) * 100 if c == "上" else (_number(c) - 1) * 100
    span = 100
    if m.group("decade"):
        start, span = start + _number(m.group("decade")), 10
    part = m.group("cpart") or ""
    size = 3 if span == 10 else 20
    if part.startswith("初") or part == "前期":
        return date(start, 1, 1), date(start + size - 1, 12, 31)
    if part.startswith("末") or part == "后期":
        return date(start + span - size, 1, 1), date(start + span - 1, 12, 31)
    if part == "中期":
        return date(start + span // 2 - size // 2, 1, 1), date(start + span // 2 + size // 2, 12, 31)
    return date(start, 1, 1), date(start + span - 1, 12, 31)


def _shifted(doc_date: date, n: int, unit: str) -> date:
    if unit.startswith("年"):
        return _years_before(doc_date, -n)
    if "月" in unit:
        return _shift_months(doc_date, n)
    return doc_date + timedelta(days=7 * n if unit == "周" else n)


def _since(count: str, unit: str, doc_date: date) -> date:
    """The day ``count`` ``unit`` before the document date: 两年多来, 3年半以来, 三个多月以来."""
    n = 0.5 if count == "半" else _number(count)
    if unit.startswith("年"):
        return _shift_months(doc_date, -6) if unit == "年半" and n == 0.5 else (
            _shift_months(_years_before(doc_date, int(n)), -6) if unit == "年半" else _years_before(doc_date, int(n)))
    if "月" in unit:
        return _shift_months(doc_date, -int(n)) - timedelta(days=15 if "半" in unit else 0)
    return doc_date - timedelta(days=n + (0.5 if "半" in unit else 0))


def _relative(m: re.Match, doc_date: date | None) -> Period | None:
    """Spans counted from the document date: 近30天, 未来两个月, 过去的一年, 三年前, 3个多月以来."""
    if m.group("recent"):
        return _shifted(_need(doc_date), -_number(m.group("recent")), m.group("recent_unit")), doc_date
    if m.group("future"):
        n, unit = _number(m.group("future_n")), m.group("future_unit")
        end = _shifted(_need(doc_date), n, unit)
        return doc_date, end if unit == "天" else end - timedelta(days=1)
    if m.group("past_n"):
        return _shifted(_need(doc_date), -_number(m.group("past_n")), m.group("past_unit")), doc_date
    if m.group("delta"):  # 三年前 names that year, 3个月后 that month, 20天后 that day
        raw, unit = m.group("delta"), m.group("delta_unit")
        sign = -1 if m.group("delta_dir") == "前" else 1
        n = 0.5 if raw == "半" else _number(raw)
        if unit == "年" and n == int(n):
            return _year(_need(doc_date).year + sign * int(n))
        months = {"年": 12, "年半": 12, "个季度": 3}.get(unit, 1) * n + (6 if unit == "年半" else 0)
        if "月" in unit or unit in ("年", "年半", "个季度"):
            day = _shift_months(_need(doc_date), int(sign * months)) + timedelta(days=sign * 15 * ("半" in unit[1:]))
            return _month(day.year, day.month)
        day = _need(doc_date) + timedelta(days=sign * n * (7 if unit in ("周", "星期", "个星期") else 1))
        return day, day
    return None


def _calendar(m: re.Match, doc_date: date | None) -> Period | None:
    """Periods fixed by the calendar or the document's year, before prefix and suffix."""
    if m["range_from"]:
        end_year = int(m["range_to"]) if m["range_to"] else _short_year(m["range_short"], doc_date)
        end = _month(end_year, _number(m["range_month"]))[1] if m["range_month"] else date(end_year, 12, 31)
        return date(int(m["range_from"]), 1, 1), end
    if m["plan"]:
        start = 1981 + 5 * (10 + _number(m["plan"][1]) - 6)
        return date(start, 1, 1), date(start + 4, 12, 31)
    if m["named"]:
        first, last = _NAMED_PERIODS[m["named"]]
        return date(first, 1, 1), date(last, 12, 31)
    if m["century"]:
        return _century(m, doc_date)
    if m["soon"]:
        raise _Unresolved("近期 is open-ended and names no period")
    if m["since_year"]:
        return date(_need(doc_date).year, 1, 1), doc_date
    if m["ago"]:
        return _since(m["ago"], m["ago_unit"], _need(doc_date)), doc_date
    if m["this_year"]:
        return _year(_need(doc_date).year)
    if m["both"]:
        y = _need(doc_date).year + (m["both"] == "明后")
        return date(y, 1, 1), date(y + 1, 12, 31)
    if m["week"]:  # weeks run Monday to Sunday; 下周六 is a day of the next one
        start = _need(doc_date) - timedelta(days=doc_date.weekday()) + timedelta(weeks=WEEKS[m["week"]])
        if m["weekday"]:
            day = start + timedelta(days=WEEKDAYS[m["weekday"]])
            return day, day
        return start, start + timedelta(days=6)
    if m["relq"]:
        q = (_need(doc_date).month - 1) // 3 + (m["relq"][0] == "下") - (m["relq"][0] == "上")
        y, q = doc_date.year + q // 4, q % 4
        return date(y, 3 * q + 1, 1), _month(y, 3 * q + 3)[1]
    return _relative(m, doc_date) or _range(m, doc_date)


def _resolve(m: re.Match, doc_date: date | None) -> Period:
    """The period of a match with its prefix and suffix applied; _Unresolved says why not."""
    first, last = _calendar(m, doc_date)
    suffix = m["suffix"]
    if suffix in ("以来", "起", "起至今", "至今"):  # 2018年以来, 从去年9月起: from then to the document date
        if _need(doc_date) < first:
            raise _Unresolved("starts after the document date")
        return first, doc_date
    if m["prefix"] or suffix in ("之前", "以前", "前"):  # 到2020年, 9月底前: by the end of
        if doc_date and doc_date < first:
            return doc_date, last
    return first, last


def _unread_before(text: str, m: re.Match) -> bool:
    """A part of a year with digits right before it that no year pattern read (119年底)."""
    bare = not any(m.group(g) for g in ("a_y", "a_sy", "a_rel", "a_iy", "range_from"))
    if not bare or not m.group(0):
        return False
    head = text[max(0, m.start() - 2): m.start()]
    return bool(_NUMERAL_BEFORE.search(head.rstrip("年")) if head.endswith("年") or m.group(0)[0] == "年" else False)


def _inside_word(text: str, m: re.Match) -> bool:
    """年初 / 年底 as the tail of a word: 青年初心, 每年初, 同年底 (issue #15)."""
    if not (m.group("a_syp") or m.group("a_syi")) or not m.group(0).startswith("年") or m.start() == 0:
        return False
    return text[m.start() - 1] + "年" in two_char_words()


def find_times(text: str, doc_date: date | None) -> list[TimeExpr]:
    """Time phrases in ``text`` in order, each with its period, or None and the reason."""
    times = []
    for m in PATTERN.finditer(text):
        if not m.group(0) or _inside_word(text, m):
            continue
        start, end = m.span()
        if m["plan"]:  # “十四五”期间 is written 十四五, as in shared/gold/seeds.jsonl
            start, end = m.span("plan")
        period, reason = None, None
        if _unread_before(text, m):
            reason = f"the number before {m.group(0)} is not a year duban reads"
        else:
            try:
                period = _resolve(m, doc_date)
            except _Unresolved as exc:
                reason = str(exc)
            except ValueError as exc:  # an impossible date such as 2月30日
                reason = f"no such date ({exc})"
        times.append(TimeExpr(text[start:end], start, end, *(period or (None, None)), reason=reason))
    return times


@lru_cache(maxsize=4096)  # extraction resolves the same few phrases (2025年, 下半年) again and again
def resolve_period(phrase: str, doc_date: date | None) -> Period | None:
    """(first day, last day) of the first time phrase in ``phrase``, or None.

    到2020年、力争2019年 resolves to 2020 (the binding deadline comes first); 近期, 尽快 and
    早日 give None, and so does any relative phrase when ``doc_date`` is None.
    """
    times = find_times(phrase, doc_date)
    if not times or times[0].period_end is None:
        return None
    return times[0].period_start, times[0].period_end


def resolve_whole(phrase: str, doc_date: date | None) -> tuple[Period | None, str | None]:
    """(period, None) when ``phrase`` is one time phrase read whole, else (None, why not).

    For a phrase on its own (a 台账's 完成时限, a test case): 19年底 resolves to 2019 or not
    at all; it never becomes 年底 of the document's year.
    """
    core = _LEAD_WORDS.sub("", (phrase or "").strip(_EDGES))
    times = find_times(core, doc_date)
    if not times:
        return None, f"{phrase}: no time phrase"
    t = times[0]
    if len(times) > 1 or t.start != 0 or t.end != len(core):
        return None, f"{phrase}: only {t.text} could be read, not the whole phrase"
    if t.period_end is None:
        return None, f"{phrase}: {t.reason}"
    return (t.period_start, t.period_end), None

