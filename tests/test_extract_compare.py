"""Target against reported figure (extract/compare.py): the verdicts tracking gives.

Figures are built as extract/figures.py records them (value scaled, unit without the scale
word), except where a test passes a ledger-style unit such as 万人 on purpose.
"""

from __future__ import annotations

import pytest

from duban.extract.compare import compare
from duban.records import Figure, Quantity


def fig(text: str, value: float, unit: str | None, qualifier: str | None = None, **kw) -> Figure:
    return Figure(text=text, start=0, end=len(text), sentence_index=0, value=value, unit=unit,
                  qualifier=qualifier, **kw)


@pytest.mark.parametrize(
    ("target", "reported", "verdict"),
    [
        # the contract's own example (shared/spec/records.md, status_reason)
        (fig("5700人以上", 5700, "人", "以上"), fig("5650人", 5650, "人"), "not_met"),
        (fig("5700人以上", 5700, "人", "以上"), fig("5700人", 5700, "人"), "met"),
        (fig("5700人以上", 5700, "人", "以上"), fig("6000人", 6000, "人"), "exceeded"),
        # a floor written before the number: 不低于, 突破
        (fig("90%", 90, "%", "不低于"), fig("89.5%", 89.5, "%"), "not_met"),
        (fig("1000亿元", 1e11, "元", "突破"), fig("1020亿元", 1.02e11, "元"), "exceeded"),
        # a plain planned quantity is done at the number and beyond
        (fig("4000张", 4000, "张"), fig("4000张", 4000, "张"), "met"),
        (fig("4000张", 4000, "张"), fig("3980张", 3980, "张"), "not_met"),
        # ceilings: 以内, 控制在, 以下, and the strict 不到 / 低于
        (fig("3%以内", 3, "%", "以内"), fig("2.8%", 2.8, "%"), "met"),
        (fig("3%以内", 3, "%", "以内"), fig("3%", 3, "%"), "met"),
        (fig("3%以内", 3, "%", "以内"), fig("3.2%", 3.2, "%"), "not_met"),
        (fig("5.5%", 5.5, "%", "控制在"), fig("5.2%", 5.2, "%"), "met"),
        (fig("1%", 1, "%", "不到"), fig("1%", 1, "%"), "not_met"),
        (fig("1%", 1, "%", "低于"), fig("0.9%", 0.9, "%"), "met"),
        # a tolerance: 左右 within 5%
        (fig("6%左右", 6, "%", "左右"), fig("6.1%", 6.1, "%"), "met"),
        (fig("6%左右", 6, "%", "左右"), fig("5.5%", 5.5, "%"), "not_met"),
        (fig("6%左右", 6, "%", "左右"), fig("6.5%", 6.5, "%"), "exceeded"),
        # a range target
        (fig("1-2名", 2, "名", low=1, high=2), fig("1名", 1, "名"), "met"),
        (fig("1-2名", 2, "名", low=1, high=2), fig("3名", 3, "名"), "exceeded"),
        (fig("8000元到1.2万元", 12000, "元", low=8000, high=12000), fig("7000元", 7000, "元"), "not_met"),
        # a reported figure with 余 / 超过 is above its number, with 近 / 不到 below it
        (fig("5700人以上", 5700, "人", "以上"), fig("5700余人", 5700, "人", "余"), "exceeded"),
        (fig("5700人", 5700, "人"), fig("超过5700人", 5700, "人", "超过"), "exceeded"),
        (fig("5700人", 5700, "人"), fig("近5700人", 5700, "人", "近"), "not_met"),
        (fig("3%以内", 3, "%", "以内"), fig("不到3%", 3, "%", "不到"), "met"),
        (fig("3%以内", 3, "%", "以内"), fig("3%", 3, "%", "不超过"), "met"),
    ],
)
def test_compare_verdicts(target, reported, verdict):
    got, reason = compare(target, reported)
    assert got == verdict, reason
    assert reason.startswith(f"报告 {reported.text}，目标 {target.text}：")


def test_compare_reason_reads_like_the_contract():
    assert compare(fig("5700人以上", 5700, "人", "以上"), fig("5650人", 5650, "人")) == (
        "not_met", "报告 5650人，目标 5700人以上：未完成")


def test_compare_normalises_the_scale_in_the_unit():
    # a 台账 writes 目标数量 12 and 单位 万人; the report says 12.4万人, extracted as 124000 人
    target = Quantity(value=12, unit="万人", text="12万人")
    assert compare(target, fig("12.4万人", 124000, "人"))[0] == "exceeded"
    assert compare(target, fig("11.8万名", 118000, "名"))[0] == "not_met"
    # 人民币 is optional, and 亿元 is 元 times 1e8
    assert compare(Quantity(2, "亿元", "2亿元"), fig("2亿元人民币", 2e8, "人民币元"))[0] == "met"


@pytest.mark.parametrize(
    ("target", "reported"),
    [
        (fig("10亿元", 1e9, "元"), fig("12.5亿美元", 1.25e9, "美元")),  # another currency
        (fig("5%", 5, "%"), fig("0.5个百分点", 0.5, "个百分点")),  # a level is no change
        (fig("200户", 200, "户"), fig("200人", 200, "人")),
    ],
)
def test_compare_refuses_different_units(target, reported):
    verdict, reason = compare(target, reported)
    assert verdict is None
    assert "单位不同" in reason and "无法比较" in reason


def test_compare_straddling_report_has_no_verdict():
    verdict, reason = compare(fig("6000人以上", 6000, "人", "以上"), fig("5700余人", 5700, "人", "余"))
    assert verdict is None and "无法判断" in reason


def test_compare_real_targets_and_reports():
    """Targets and reports as extract/figures.py reads them from real sentences."""
    from duban.extract.figures import find_figures

    # https://m.news.shi-fen.com/china/201903/50-221875.html (2019 政府工作报告)
    plan = find_figures("今年城镇新增就业1100万人以上,城镇调查失业率5.5%左右,城镇登记失业率4.5%以内。")
    jobs, unemployment, registered = plan
    # http://stresscarki.com/c65028.html: 城镇新增就业年均超过1300万人
    assert compare(jobs, find_figures("城镇新增就业年均超过1300万人")[0])[0] == "exceeded"
    # https://www.chinatimes.com/cn/newspapers/20250521000208-260203: 失业率 is less-is-better
    assert compare(unemployment, find_figures("4月全国城镇调查失业率为5.1%")[0])[0] == "met"
    assert compare(unemployment, find_figures("城镇调查失业率为6.0%")[0])[0] == "not_met"
    assert compare(registered, find_figures("城镇登记失业率为4.6%")[0]) == (
        "not_met", "报告 4.6%，目标 4.5%以内：未完成")
