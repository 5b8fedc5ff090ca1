"""Time phrases of policy text and the periods they resolve to (extract/timex.py)."""

from __future__ import annotations

import time
from datetime import date

import pytest

from duban.extract.timex import find_times, resolve_period

SEED_000 = date(2020, 9, 8)  # 临沂市 interview
SEED_003 = date(2018, 4, 10)  # 宿迁市 work report


@pytest.mark.parametrize(
    ("phrase", "doc_date", "period"),
    [
        ("今年", SEED_000, (date(2020, 1, 1), date(2020, 12, 31))),
        ("明年", date(2021, 11, 16), (date(2022, 1, 1), date(2022, 12, 31))),
        ("去年", SEED_000, (date(2019, 1, 1), date(2019, 12, 31))),
        ("下半年", SEED_000, (date(2020, 7, 1), date(2020, 12, 31))),
        ("上半年", date(2024, 1, 16), (date(2024, 1, 1), date(2024, 6, 30))),
        ("年内", SEED_003, (date(2018, 1, 1), date(2018, 12, 31))),
        ("年底前", SEED_000, (SEED_000, date(2020, 12, 31))),
        ("年底", SEED_000, (date(2020, 12, 1), date(2020, 12, 31))),
        ("一季度", date(2024, 3, 7), (date(2024, 1, 1), date(2024, 3, 31))),
        ("第三季度", SEED_000, (date(2020, 7, 1), date(2020, 9, 30))),
        ("3月底", SEED_003, (date(2018, 3, 21), date(2018, 3, 31))),
        ("截至3月底", SEED_003, (date(2018, 3, 21), date(2018, 3, 31))),
        ("2018年7月份之前", None, (date(2018, 7, 1), date(2018, 7, 31))),
        ("7月份之前", SEED_003, (SEED_003, date(2018, 7, 31))),
        ("到2020年", SEED_003, (SEED_003, date(2020, 12, 31))),
        ("力争2019年", SEED_003, (date(2019, 1, 1), date(2019, 12, 31))),
        ("2022年", None, (date(2022, 1, 1), date(2022, 12, 31))),
        ("“十四五”期间", None, (date(2021, 1, 1), date(2025, 12, 31))),
        ("十四五", None, (date(2021, 1, 1), date(2025, 12, 31))),
        ("十三五", None, (date(2016, 1, 1), date(2020, 12, 31))),
        ("两年多来", date(2021, 11, 16), (date(2019, 11, 16), date(2021, 11, 16))),
        ("五年来", date(2021, 11, 16), (date(2016, 11, 16), date(2021, 11, 16))),
        ("脱贫攻坚期内", SEED_000, (date(2016, 1, 1), date(2020, 12, 31))),
        ("今年三季度前", date(2024, 6, 18), (date(2024, 6, 18), date(2024, 9, 30))),
        ("到2025年底", date(2024, 6, 18), (date(2024, 6, 18), date(2025, 12, 31))),
        ("9月底前", date(2023, 7, 20), (date(2023, 7, 20), date(2023, 9, 30))),
        ("2021—2025年", None, (date(2021, 1, 1), date(2025, 12, 31))),
        ("今年以来", SEED_000, (date(2020, 1, 1), SEED_000)),
        ("2024年3月5日", None, (date(2024, 3, 5), date(2024, 3, 5))),
    ],
)
def test_timex_resolves_phrase(phrase, doc_date, period):
    assert resolve_period(phrase, doc_date) == period


@pytest.mark.parametrize("phrase", ["近期", "尽快", "早日", "尽快推动出台", "力争早日投入使用"])
def test_timex_open_ended_phrases_have_no_period(phrase):
    assert resolve_period(phrase, SEED_000) is None


@pytest.mark.parametrize("phrase", ["今年", "下半年", "年内", "3月底", "两年多来", "明年"])
def test_timex_relative_phrases_need_the_document_date(phrase):
    assert resolve_period(phrase, None) is None


def test_timex_compound_deadline_takes_the_binding_year():
    # seed 003: 围绕到2020年、力争2019年全市低收入人口人均年收入达到6000元
    assert resolve_period("到2020年、力争2019年", SEED_003)[1] == date(2020, 12, 31)


def test_timex_finds_phrases_with_offsets_in_seed_text():
    # seed 003 and seed 002 sentences
    text = "及早制定2018年低保提标方案,力争7月份之前出台。“十四五”时期,我们将加快建设“四类设施”。"
    times = find_times(text, SEED_003)
    assert [t.text for t in times] == ["2018年", "7月份之前", "十四五"]
    for t in times:
        assert text[t.start : t.end] == t.text
    assert times[1].period_end == date(2018, 7, 31)


def test_timex_without_date_finds_but_does_not_resolve():
    (expr,) = find_times("年内完成内部装饰,力争早日投入使用", None)  # seed 001 has no date
    assert (expr.text, expr.period_start, expr.period_end) == ("年内", None, None)


@pytest.mark.parametrize(
    "text",
    [
        "将新增养老床位4000张,其中护理型床位2000张",  # seed 000: 2000 is beds, not a year
        "城乡低保分别提高5%8%以上",  # seed 003
        "认真落实6个月的低保渐退期制度",  # a duration, not a time
        "用三年时间完成",
        "连续2年以上未参加年检",
    ],
)
def test_timex_numbers_are_not_times(text):
    assert find_times(text, SEED_000) == []


def test_timex_agrees_with_jionlp_where_jionlp_is_right():
    import jionlp as jio

    base = time.mktime((2020, 9, 8, 0, 0, 0, 0, 0, -1))
    for phrase in ["今年", "明年", "下半年", "年底前", "一季度", "第三季度", "3月底",
                   "2018年7月份之前", "到2020年", "力争2019年", "2022年"]:
        jio_end = jio.parse_time(phrase, time_base=base)["time"][1][:10]
        assert resolve_period(phrase, SEED_000)[1].isoformat() == jio_end, phrase


def test_timex_component_sets_a_fresh_list():
    import spacy

    from duban.extract.components import times_component
    from duban.records import ParsedDocument

    text = "下半年,一是要建立困难群众基本生活保障协调机制。"  # seed 000
    doc = spacy.blank("zh").make_doc(text)
    doc._.parsed = ParsedDocument("000.txt", "0" * 64, "txt", text, text, date=SEED_000)
    doc = times_component(doc)
    assert [(t.text, t.period_end) for t in doc._.times] == [("下半年", date(2020, 12, 31))]
