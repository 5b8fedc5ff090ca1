"""Amounts the way government texts write them (issue #15): currencies, ranges whose ends each
have their own scale, bounds, vague counts, 角/分 and 大写 numerals (extract/figures.py).

Each sentence is quoted from the page named in its comment.
"""

from __future__ import annotations

import pytest

from duban.extract.figures import find_figures


def _one(sentence: str, text: str):
    """The figure whose text is ``text``."""
    found = [f for f in find_figures(sentence) if f.text == text]
    assert found, [f.text for f in find_figures(sentence)]
    return found[0]


# http://cn.chinagate.cn/data/2015-06/19/content_35861406.htm
CHINAGATE = "实际使用外资金额1381.9亿元人民币(折224.8亿美元),同比增长17%。"
# http://news.dfce.com.cn/guanzhu/2023/0421/7948.html
DFCE = "全国前六批重大外资项目计划总投资1700亿美元,已完成投资超过630亿美元。"
# http://news.cyol.com/gb/articles/2021-11/21/content_LqBOQuG7V.html (headline)
CYOL = "前十月我国吸收外资实现较快增长 实际使用外资金额超九千亿元"


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        (CHINAGATE, "1381.9亿元人民币", 1.3819e11, "元"),  # 人民币 after the unit is the 元
        (CHINAGATE, "224.8亿美元", 2.248e10, "美元"),
        (DFCE, "1700亿美元", 1.7e11, "美元"),
    ],
)
def test_figures_currency_is_the_unit(sentence, text, value, unit):
    figure = _one(sentence, text)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("phrase", "unit"),
    [("引进港资3.6亿港元", "港元"), ("资助5——8万港币", "港元"), ("不到2.5万新台币", "新台币"), ("12亿欧元", "欧元"),
     ("450亿日元", "日元"), ("500万英镑", "英镑"), ("折合3.2万台币", "新台币")],
)
def test_figures_currency_names_fold_to_one_unit(phrase, unit):
    assert find_figures(phrase)[0].unit == unit


def test_figures_a_date_before_yuan_dan_is_no_yen():
    # 1月1日元旦 is New Year's Day, not 1 日元
    assert [f.text for f in find_figures("2024年1月1日元旦起施行")] == []


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        (DFCE, "超过630亿美元", "超过"),
        (CYOL, "超九千亿元", "超"),
        # https://m.news.shi-fen.com/china/201903/50-221875.html (2019 政府工作报告)
        ("今年城镇新增就业1100万人以上,城镇调查失业率5.5%左右,城镇登记失业率4.5%以内。", "4.5%以内", "以内"),
        # http://m.jizihe.com/page/2018/0910/10683602.shtml ("低于全球平均水平" keeps no number)
        ("城镇调查失业率低于5.5%", "5.5%", "低于"),
        ("城镇调查失业率不到5%", "5%", "不到"),
        ("纳税额小于1亿元的企业", "1亿元", "小于"),
        ("残疾人就业率不足30%", "30%", "不足"),
        ("实际使用外资首次突破1万亿元", "1万亿元", "突破"),
    ],
)
def test_figures_bounds_are_qualifiers(sentence, text, qualifier):
    assert _one(sentence, text).qualifier == qualifier


def test_figures_not_lower_is_a_floor_not_a_ceiling():
    assert _one("参保率不低于95%", "95%").qualifier == "不低于"


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("从8000元到1.2万元", 8000, 12000),  # the 万 of one end does not leak onto the other
        ("从6000到2万元", 6000, 20000),
        ("2万元--6万元", 20000, 60000),  # a double dash
        ("3万(含)-10万元", 30000, 100000),
        ("给予1-2万元补助", 10000, 20000),  # the low end borrows the scale when that stays below
        ("三到五万元", 30000, 50000),
        ("二百到二百五十万元", 2e6, 2.5e6),
        ("六千到八千亿元", 6e11, 8e11),
    ],
)
def test_figures_range_ends_each_have_their_scale(phrase, low, high):
    figure = find_figures(phrase)[0]
    assert (figure.low, figure.high, figure.value) == (low, high, high)
    assert not figure.approx


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        ("带动社会投资数十亿元", "数十亿元", 1e9, 1e10),
        ("组织几百名志愿者参与", "几百名", 100, 1000),
        ("吸引上千名群众观看", "上千名", 1000, 10000),
        ("惠及八九万户家庭", "八九万户", 80000, 90000),
        ("补贴十几元", "十几元", 10, 20),
    ],
)
def test_figures_vague_counts_are_approximate_ranges(sentence, text, low, high):
    figure = _one(sentence, text)
    assert (figure.low, figure.high, figure.value, figure.approx) == (low, high, high, True)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [("参与人数十万人", "数十"), ("60周岁以上千余名老人", "上千")],
)
def test_figures_vague_words_inside_other_words_are_not_vague(sentence, words):
    assert all(words not in f.text for f in find_figures(sentence))


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        # the 大写 amount of a 中标公告, in the standard form (中标金额：人民币…元整（￥…元）)
        ("中标金额：人民币壹佰贰拾叁万肆仟伍佰陆拾元整（￥1234560.00元）", 1234560),
        ("中标金额：人民币壹仟贰佰万元整", 1.2e7),
        ("三十二万零五百零六元二角八分", 320506.28),  # 角 and 分 are kept
        ("每人补助二百四十块五角三分钱", 240.53),
        ("56，310.00元", 56310),
    ],
)
def test_figures_capital_numerals_and_small_change(phrase, value):
    figure = find_figures(phrase)[0]
    assert figure.value == pytest.approx(value) and figure.unit.startswith("元")


def test_figures_capital_folding_leaves_words_alone():
    # 陆 and 拾 are everyday characters: 陆续 and 收拾 hold no numeral
    assert find_figures("陆续建成3家养老院,收拾好10处场地") and all(
        f.text in ("3家", "10处") for f in find_figures("陆续建成3家养老院,收拾好10处场地"))
