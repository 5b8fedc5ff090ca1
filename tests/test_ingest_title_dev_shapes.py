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


# ----- issue 9, session 9: the dev split's title errors, by shape -----------------------------


@pytest.mark.parametrize("prefix, n, title", [
    ("ab02", 6, "关于对政协腾冲市第三届二次会议第65号提案的答复"),
    ("ag10", 5, "民政局关于接受市人大常委会评议的工作报告"),       # under a document site's own name for it
    ("o15", 4, "关于印发新乡市公共卫生体系建设三年行动计划(2023—2025年)的通知"),
    ("af10", 6, "重庆市梁平区人民政府办公室关于印发2021年区政府工作报告目标任务分解方案的通知"),
])
def test_a_heading_split_over_lines_is_joined(prefix, n, title):
    """From its unfinished 关于 line to its document noun, with the office on the line above
    when the 关于 line needs it; no 文号 under it."""
    assert _meta(_lines(prefix, n)).title == title


@pytest.mark.parametrize("prefix, n, title", [
    ("ae07", 12, "直面民生关切 传递信心力量 ——2023年全国两会“部长通道”回眸"),  # not 更多权威信息 透露未来规划
    ("ao03", 12, "黑龙江发布关于全面贯彻落实习近平生态文明思想加快建设绿色龙江的意见!"),
    ("ar12", 20, "吉林省:规划2030年长春都市圈GDP达1.35万亿(全文)"),  # not the 实施方案 it reposts
    ("an06", 30, "吉林省“十四五”规划纲要全文来了!"),  # under a broadcaster's banner and 客户端下载
])
def test_the_heading_over_the_date_block_beats_a_document_title_below_it(prefix, n, title):
    assert _meta(_lines(prefix, n)).title == title


def test_an_info_table_row_is_not_the_date_block():
    """at05: 索 引 号 … 公开日期 above the heading, under the column name 计划总结."""
    assert _meta(_lines("at05", 8)).title == "浙江省卫生健康委关于印发2023年浙江省卫生健康工作要点的通知"


@pytest.mark.parametrize("line, title", [
    ('<h4 class="ndTitle">"一带一路"国际合作高峰论坛举行广西专场记者会</h4>',  # x04: a page stored as source
     '"一带一路"国际合作高峰论坛举行广西专场记者会'),
    ("民政部:鼓励有条件地区将婚姻登记机关设置在公园等场所_小恐龙蜘蛛池",  # ai08: the site's name
     "民政部:鼓励有条件地区将婚姻登记机关设置在公园等场所"),
    ("东柳街道2023年工作总结和2024年工作思路 |", "东柳街道2023年工作总结和2024年工作思路"),  # z04
    ("民政厅厅长述职报告述职报告", "民政厅厅长述职报告"),  # ag11: the category repeated
    ("县民政局2024年上半年工作总结及下半年工作计划(3531字)", "县民政局2024年上半年工作总结及下半年工作计划"),  # ag12
    ("武政办〔2023〕1号《武汉市人民政府办公厅关于印发2023年市〈政府工作报告〉目标任务责任分解方案的通知》",  # v08
     "武汉市人民政府办公厅关于印发2023年市〈政府工作报告〉目标任务责任分解方案的通知"),
])
def test_what_a_page_sets_around_its_heading_is_no_part_of_the_title(line, title):
    assert as_title(line) == title


@pytest.mark.parametrize("line", [
    "导航菜单",                                   # aj11
    "长城新媒体集团  主办",                       # ar01: the site's credit
    "动态要闻>",                                  # aq08: a breadcrumb's item
    "(二0二一年五月二十一日) 王小东",             # aq05: a speech's date and speaker
    "(图:2024年上半年民政重点工作汇报会议)",      # ad09: a photo's caption
    "前郭尔罗斯蒙古族自治县广播电视台",           # an06: a broadcaster's banner
    "• 客户端下载",                               # an06
])
def test_more_chrome_is_no_title(line):
    assert not may_be_title(as_title(line))


@pytest.mark.parametrize("line", [
    "毛群安:七项举措推进“健康中国”",  # u10: a quoting headline, not a field (单位: 县政府办)
    "学习贯彻党的二十届三中全会精神|以昂扬姿态建设形神兼备的新时代省域副中心——访吉林市委书记胡斌",  # aq03
])
def test_headlines_shaped_like_a_field_or_a_byline_are_titles(line):
    assert may_be_title(as_title(line))


@pytest.mark.parametrize("prefix, n, title", [
    ("at10", 3, "县教育局2024年工作要点"),   # 《县教育局2024年工作要点.docx》由会员分享
    ("y13", 3, "政府工作报告"),
    ("an01", 8, "海城市关于贯彻落实2023年《辽宁省政府工作报告》《鞍山市政府工作报告》《海城市政府工作报告》任务分解和责任分工方案"),
    ("at12", 12, "2025年金乡县政府重要工作事项责任分工"),  # the document under the cover letter's (此件公开发布)
    ("ag13", 1, "区民政局工作总结及下一年工作打算"),        # a scanned page's running head and title
    ("ac10", 6, "关于政府工作报告的决议"),                  # not its column 决议决定
    ("x12", 6, "丰满经济开发区项目专班对2022年重点项目进行全面踏查"),  # under 必威体育,betway必威体育
    ("w01", 5, "对南宁市第十四届人大第二次会议第0010号议案的答复"),    # under 365bet体育在线_365体育投注
])
def test_titles_named_elsewhere_than_the_first_line(prefix, n, title):
    assert _meta(_lines(prefix, n)).title == title


@pytest.mark.parametrize("prefix, n, title", [
    ("av15", 5, "自贡沿滩:积极推进邓太片区重大项目建设"),                          # under 中新社四川分社正文
    ("aw11", 1, "2020年街道下半年工作计划"),                                      # the body on its line
    ("ax08", 20, "重庆市文化和旅游发展委员会关于市六届人大三次会议第1153号代表建议办理情况的答复函"),  # [ 主题分类 ] | …
    ("ax09", 4, "山西省“全面建成小康社会”系列发布会省教育厅专场发布会举行"),     # under a motto
    ("ay06", 3, "2025年镇沅县政府工作报告"),                                      # 2025年镇沅县政府工作报告 | ||||
    ("x02", 12, "重庆市国有资产监督管理委员会关于市六届人大三次会议第0111号建议办理情况的答复函"),  # not its split copy
])
def test_session_9_batches_titles(prefix, n, title):
    assert _meta(_lines(prefix, n)).title == title


@pytest.mark.parametrize("line", [
    "凤凰网首页",   # bp08: the site's home link above the headline
    "四川切换",     # bj13: the portal's region switch
    "往期阅读",     # az12: an e-paper's back issues
])
def test_a_sites_home_link_region_switch_and_back_issues_are_no_title(line):
    assert not may_be_title(as_title(line))
