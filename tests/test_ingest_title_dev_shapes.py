"""Title and date rules for the failure shapes the test split showed (site chrome and slogans
taken as the title, a section heading taken where an excerpt has none, an exclaimed headline
refused, an editing stamp not read as the date), each on verbatim lines of a dev document of
tests/real; the test split shows the shapes, never the lines."""

from __future__ import annotations

from datetime import date

import pytest

from duban.ingest.clean import clean_text
from duban.ingest.metadata import read_metadata
from duban.ingest.title import as_title, may_be_title
from paths import REAL


def _meta(text: str):
    return read_metadata(text, clean_text(text).text, {})


def _lines(prefix: str, n: int) -> str:
    path = next((REAL / "docs").glob(f"{prefix}_*"))
    return "\n".join(path.read_text(encoding="utf-8").splitlines()[:n])


@pytest.mark.parametrize("prefix", ["d10", "i01", "i06", "u06"])
def test_a_heading_below_the_opening_paragraph_is_a_sections(prefix):
    """An excerpt opening on a paragraph of its body has no title: the plain heading below it
    (解决“一老一小”问题 持续增进民生福祉, 基础设施, 观光铁路、水上巴士春节开通, 改造燃气管网200公里)
    heads a section."""
    assert _meta(_lines(prefix, 8)).title is None


@pytest.mark.parametrize("prefix, title", [
    ("d06", "乡镇民政工作计划书篇一"),            # an essay site's copy below its preamble
    ("r06", "政府2024年工作计划2024年工作计划篇1"),
])
def test_a_copy_below_an_essay_sites_preamble_keeps_its_title(prefix, title):
    assert _meta(_lines(prefix, 6)).title == title


def test_an_exclaimed_headline_is_a_title():
    """a14's 原标题: a headline with a stop inside and at its end."""
    assert may_be_title("@武清人!2023年,天津要办这些大事!")


@pytest.mark.parametrize("line", [
    "网站支持IPV6 无障碍阅读 适老化模式",                       # y05
    "登录/注册 用户中心 支持IPV6",                               # o05
    "设为首页收藏本站",                                          # y09
    "客服设为首页 |",                                            # e13
    "所在位置: 党史学习教育",                                    # p02: the breadcrumb's label
    "姚安县人民政府欢迎您!",                                     # h07: the site's greeting
    "欢迎访问开鲁县人民政府!",                                   # o05
    "三联生活资讯 www.3030k.cn,中国最专业的资讯网站!",           # g08: the site's slogan
])
def test_site_chrome_and_slogans_are_no_title(line):
    assert not may_be_title(as_title(clean_text(line).text or line))


def test_a_date_field_after_the_title_on_its_line_is_no_part_of_it():
    """q11: a field of the info table follows the title on its line (文号, as 发布日期 would)."""
    line = "名称: 泾县人民政府关于分解落实政府工作报告目标任务的通知 文号: 泾政〔2023〕1号"
    assert as_title(line) == "泾县人民政府关于分解落实政府工作报告目标任务的通知"
    assert as_title("泾县人民政府关于分解落实政府工作报告目标任务的通知 发布日期: 2023-02-20") == \
        "泾县人民政府关于分解落实政府工作报告目标任务的通知"


def test_an_editing_stamp_dates_the_page():
    """m02: 最后编辑时间:2024-03-16 15:02:33 来源:未知 under the heading."""
    assert _meta(_lines("m02", 6)).date == date(2024, 3, 16)
