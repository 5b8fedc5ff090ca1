"""Time phrases that a peer's test suite found duban missing (issue #15), on real sentences:
Chinese-numeral and short years, month and date ranges with the year carried, 前N个月 and
前三季度, 大前年 / 前年, 年初 inside words, and phrases that do not resolve whole
(extract/timex.py). Each sentence is quoted from the page named in its comment.
"""

from __future__ import annotations

from datetime import date

import pytest

from duban.extract.timex import find_times, resolve_whole

D = date


def _periods(text: str, doc_date: date) -> list[tuple[str, date | None, date | None]]:
    return [(t.text, t.period_start, t.period_end) for t in find_times(text, doc_date)]


@pytest.mark.parametrize(
    ("sentence", "doc_date", "expected"),
    [
        # 十九届四中全会公报 (人民日报 2019-11-01), GitHub copy found by its text (search id 60351018693)
        ("到二〇三五年，各方面制度更加完善", D(2019, 11, 1), [("到二〇三五年", D(2019, 11, 1), D(2035, 12, 31))]),
        # the same communiqué: the second end takes the year and month of the first
        ("于2019年10月28日至31日在北京举行。", D(2019, 11, 1),
         [("2019年10月28日至31日", D(2019, 10, 28), D(2019, 10, 31))]),
        # http://cn.chinagate.cn/data/2015-06/19/content_35861406.htm
        ("2015年1-2月,全国新设立外商投资企业3831家", D(2015, 6, 19), [("2015年1-2月", D(2015, 1, 1), D(2015, 2, 28))]),
        # http://news.dfce.com.cn/guanzhu/2023/0421/7948.html
        ("2023年1至3月,全国实际使用外资达到4084.5亿元人民币", D(2023, 4, 21),
         [("2023年1至3月", D(2023, 1, 1), D(2023, 3, 31))]),
        # https://tw.bg3.co/a/wo-guo-ti-qian-wan-cheng-quan-nian-cheng-zhen-xin-zeng-jiu-ye-mu-biao-ren-wu.html
        ("1至10月份全国城镇新增就业1009万人,提前完成全年目标任务。", D(2021, 11, 16),
         [("1至10月份", D(2021, 1, 1), D(2021, 10, 31)), ("全年", D(2021, 1, 1), D(2021, 12, 31))]),
        # http://news.cyol.com/gb/articles/2021-11/21/content_LqBOQuG7V.html: 前 is "the first", not "before"
        ("今年前10月,全国实际使用外资金额9431.5亿元", D(2021, 11, 21), [("今年前10月", D(2021, 1, 1), D(2021, 10, 31))]),
        # https://agora0.github.io/news/rthk/2024/11/15/... (RTHK, simplified here)
        ("今年首10个月,全国城镇调查失业率为5.1%", D(2024, 11, 15), [("今年首10个月", D(2024, 1, 1), D(2024, 10, 31))]),
        # http://www.guanyun.gov.cn/gyxzf/gsgg/content/1bbcd6da-4ff8-4724-b7ae-54239c220f9a.html
        ("2019年县政府工作报告三季度完成情况通报", D(2019, 10, 16),
         [("2019年", D(2019, 1, 1), D(2019, 12, 31)), ("三季度", D(2019, 7, 1), D(2019, 9, 30))]),
        # https://www.chinatimes.com/cn/newspapers/20250521000208-260203
        ("大部分政策将在6月底前落实", D(2025, 5, 20), [("6月底前", D(2025, 5, 20), D(2025, 6, 30))]),
    ],
)
def test_timex_real_ranges_and_years(sentence, doc_date, expected):
    assert _periods(sentence, doc_date) == expected


@pytest.mark.parametrize(
    ("phrase", "doc_date", "period"),
    [
        ("19年底", D(2021, 6, 14), (D(2019, 12, 1), D(2019, 12, 31))),  # a short year, 年底 = December
        ("07年第三季度", D(2008, 3, 2), (D(2007, 7, 1), D(2007, 9, 30))),
        ("九八年二季度", D(2000, 5, 2), (D(1998, 4, 1), D(1998, 6, 30))),
        ("二〇二五年底前", D(2023, 3, 1), (D(2023, 3, 1), D(2025, 12, 31))),
        ("今年前三季度", D(2021, 10, 20), (D(2021, 1, 1), D(2021, 9, 30))),
        ("今年前五个月", D(2021, 6, 14), (D(2021, 1, 1), D(2021, 5, 31))),
        ("2016年3月至10月", D(2021, 6, 14), (D(2016, 3, 1), D(2016, 10, 31))),
        ("1-9月份", D(2021, 10, 20), (D(2021, 1, 1), D(2021, 9, 30))),
        ("大前年", D(2021, 6, 14), (D(2018, 1, 1), D(2018, 12, 31))),
        ("前年", D(2021, 6, 14), (D(2019, 1, 1), D(2019, 12, 31))),
        ("今明两年", D(2021, 6, 14), (D(2021, 1, 1), D(2022, 12, 31))),
        ("春节前", D(2024, 1, 10), (D(2024, 1, 10), D(2024, 2, 10))),  # the lunar new year of 2024
    ],
)
def test_timex_resolve_whole(phrase, doc_date, period):
    assert resolve_whole(phrase, doc_date) == (period, None)


@pytest.mark.parametrize(
    "text",
    [
        "坚守青年初心",  # 青年 + 初心, not 年初
        "每年初制定年度计划",  # a recurring start of year, not this one
        # https://gongwensou.com/... 高县年鉴: 新年伊始 is no January of the document's year
        "新年伊始,新冠肺炎疫情突如其来",
        "进一步摸清农村“三留守”人员底数",  # seed 000: the 底 of 底数 is no 年底
        "优化孤残儿童“助学工程”“明天计划”",  # seed 000: a programme's name
    ],
)
def test_timex_words_that_hold_time_characters_are_not_times(text):
    assert find_times(text, D(2020, 9, 8)) == []


def test_timex_unread_year_is_reported_not_defaulted():
    # 119 is no year: the 年底 after it must not fall back to the document's year
    (t,) = find_times("119年底前完成", D(2021, 6, 14))
    assert (t.period_start, t.period_end) == (None, None)
    assert "not a year" in t.reason


def test_timex_resolve_whole_refuses_partial_phrases():
    period, reason = resolve_whole("2019年感冒季", D(2021, 6, 14))
    assert period is None and "not the whole phrase" in reason
    period, reason = resolve_whole("今年", None)
    assert period is None and "document date" in reason


def test_timex_rule_durations_are_not_periods():
    # a processing time limit runs from an application, not from the document date
    assert find_times("自受理之日起15个工作日内办结", D(2021, 6, 14)) == []
