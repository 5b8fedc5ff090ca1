"""Date rules for the shapes of the dev documents of tests/real: field labels the readers did not
know, a page's stamp, a report's dashed dateline, a story opening on its full date, dates whose
年 and 月 the stored excerpt lost. Each on verbatim lines of a dev document."""

from __future__ import annotations

from datetime import date

import pytest

from duban.ingest.clean import clean_text
from duban.ingest.metadata import read_metadata


def _date(text: str) -> date | None:
    return read_metadata(text, clean_text(text).text, {}).date


@pytest.mark.parametrize("text, expected", [
    # t05: 发表日期 heads the page's date line.
    ("东风路街道2025年政府信息公开工作年度报告\n\n发表日期:2026-01-26    文章来源:大冶市东风路街道\n\n"
     "根据《中华人民共和国政府信息公开条例》及上级政务公开工作相关要求", date(2026, 1, 26)),
    # ae05: the page's own slip of the label, 发布时期.
    ("鹿城区山福镇:2018年十大民生实事出炉\n\n发布时期: 2018-04-16 信息来源: 山福镇人大 作者: 姚臣欢\n\n"
     "4月11日,山福镇第一届人民代表大会第三次会议圆满的完成了各项议程", date(2018, 4, 16)),
    # t04: the 政务公开 table's 生成日期 in a cell of its own.
    ("北街街道2025年政府信息公开工作年度报告\n| 索引号 | 620702081/2026-00007 | 发文字号 | |\n"
     "| 公开形式 | 责任部门 | ||\n| 生成日期 | 2026-01-23 16:24:38 | 是否有效 |\n一、总体情况", date(2026, 1, 23)),
])
def test_publication_fields_the_readers_did_not_know(text, expected):
    assert _date(text) == expected


def test_a_stamp_after_the_byline_dates_the_page():
    """ac02: the reporters and the outlet before the stamp, the meeting's own day (2月28日) below."""
    text = ("锚定目标创实绩,担当善为争“先锋”\n\n通讯员 周喻琴 李清悦   湖南日报·新湖南客户端   2024-02-29 08:47:53\n\n"
            "湖南日报·新湖南客户端通讯员 周喻琴 李清悦\n\n会议现场。\n\n2月28日上午,长沙市天心区先锋街道组织召开"
            "2023年度总结表彰暨2024年动员部署大会,街道全体干部职工参加了此次会议。")
    assert _date(text) == date(2024, 2, 29)


def test_the_pages_stamp_comes_before_the_tables_issue_date():
    """af11: published 2023-01-05 10:00 by the office; the table's 发文日期 is the day it was signed."""
    text = ("区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知\n\n"
            "2023-01-05 10:00 区人民政府办公室\n索 引 号 MB1534522/2023-05475 发文日期 2023-01-03\n")
    assert _date(text) == date(2023, 1, 5)


def test_a_dashed_dateline_needs_no_zai():
    """ag10: a report's dateline names the session without 在…上."""
    text = ("民政局关于\n接受市人大常委会评议的工作报告\n——2010年9月27日洪湖市第三届人大常委会第二十四次会议\n"
            "尊敬的市人大主任、副主任,各位委员,各位代表:")
    assert _date(text) == date(2010, 9, 27)


def test_a_story_opening_on_its_full_date():
    """ag09: a transcript's lead gives the day of the press conference, with its year."""
    text = ("深圳市七屆人大一次會議記者會\n\n分享\n人工智能朗讀:\n\n2021年5月19日(星期三)中午12:30,"
            "在市民中心B區多功能廳舉行深圳市七屆人大一次會議記者會,覃偉中市長出席并回答記者提問。")
    assert _date(text) == date(2021, 5, 19)


def test_a_date_beside_the_heading():
    """aa11: the stamp on the heading's line; the lead's 20191217日 lost its 年 and 月."""
    text = ("区政府全体会议审议《政府工作报告》(送审稿),研究部署岁末年初各项工作 2019-12-17\n\n \n\n"
            "20191217日,区领导谢坚钢、丁欢欢、陈志康、李雅平、赵亮、徐建华、王浩出席区政府全体会议。")
    assert _date(text) == date(2019, 12, 17)


@pytest.mark.parametrize("text, expected", [
    # x02: a reply's signature, its date 2025427 (a date in the body, 2025121日, splits two ways).
    ("并于2025121日采用硬质隔离墩的方式,对车辆能够进入的地方进行了隔离。\n\n重庆市国有资产监督管理委员会\n\n"
     "2025427\n\n联 系 人:王海军\n\n联系电话:6767816418184077166", date(2025, 4, 27)),
    # ac10: the day the resolution was passed, its bracket lost too.
    ("关于政府工作报告的决议\n\n2019219日弥渡县第十七届人民代表大会第三次会议第四次全体会议通过)\n\n"
     "弥渡县第十七届人民代表大会第三次会议听取和审议了县人民政府县长张世伟所作的政府工作报告。", date(2019, 2, 19)),
])
def test_a_date_that_lost_its_year_and_month_marks(text, expected):
    assert _date(text) == expected


def test_squeezed_digits_that_split_two_ways_are_no_date():
    """x02's body: 2025121日 is 1月21日 or 12月1日; a phone number is no date either."""
    assert _date("并于2025121日采用硬质隔离墩的方式进行了隔离。\n\n联系电话:6767816418184077166") is None


@pytest.mark.parametrize("text, expected", [
    # an05: an indented item of the page's info list.
    ("西藏自治区2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案报告\n\n  • 2023-01-28\n"
     "  • 分享到\n  • 0\n\n    一、2022年国民经济和社会发展计划执行情况", date(2023, 1, 28)),
    # an13: the outlet and its stamp joined by a middle dot.
    ("一把手访谈⎜北京顺义国际新城建设中\n北京日报客户端·2026-01-28 22:02\n\n【一把手访谈⎜#北京顺义国际新城建设中#】",
     date(2026, 1, 28)),
    # am03: 发布时间 glued to the source before it, below the transcript's bracketed date.
    ("海南省第七届人民代表大会第三次会议“记者招待会”(第三场)实录\n\n(2024年1月26日)\n\n"
     "作者 :编辑 :刘远发来源 :海南省新闻办公室发布时间 :2024年01月27日\n\n  中共海南省委宣传部新闻发布处四级调研员茹英英:",
     date(2024, 1, 27)),
])
def test_a_pages_date_in_its_info_list_or_stamp(text, expected):
    assert _date(text) == expected


@pytest.mark.parametrize("text, expected", [
    # aq14: the speech's date under its title, after the storing site's upload date.
    ("在农村工作会上的讲话(送审稿)修改稿(1)\nVIP专免\n2024-01-21\n999+\n25.34KB\n31 页\n海报\n侵权投诉\n"
     "在全市农村工作会议上的讲话\n(2021 年2月2日)\n项 雪 龙\n同志们:", date(2021, 2, 2)),
    # aq05: in Chinese numerals, its zero a digit, the speaker beside it.
    ("(二0二一年五月二十一日) 王小东\n同志们:\n2月25日,党中央隆重召开全国脱贫攻坚总结表彰大会", date(2021, 5, 21)),
])
def test_a_speechs_bracketed_date(text, expected):
    assert _date(text) == expected


@pytest.mark.parametrize("text, expected", [
    # ar09: a slash after the day of the dateline, before its clock time and source.
    ("【聚焦平凉市两会】2023年,平凉要为民办好这10件实事\n\n 2022/12/13/ 22:19 来源:新甘肃 记者 田丽媛\n\n"
     "12月13日上午,平凉市第五届人民代表大会第三次会议开幕。新甘肃·甘肃日报通讯员 姚志强", date(2022, 12, 13)),
    # ay05: the stamp glued to the office that posted it, the event's day (7月28日) below.
    ("凝心聚力谋发展 砥砺奋进谱新篇 未央湖街道组织“两代表一委员”视察小区工作站活动暨2022年上半年政情通报会\n\n"
     "未央区人民政府2022-07-29 09:43\n\n7月28日上午,未央湖街道组织“两代表一委员”开展小区工作站视察活动", date(2022, 7, 29)),
    # bc05: the page's date with its views and likes alone on the line.
    ("广州荔湾区今年投资超百亿 大批重点项目将投建\n\n2019-02-26 234 0\n\n"
     "  2月21日,广州荔湾区召开2019年建设大会,部署该区2019年建设工作。", date(2019, 2, 26)),
    # az15: an e-paper's property block after the story, the article's file beside the paper.
    ("肇州县:以项目高质量稳定经济增长“压舱石”\n\n本报讯 记者袁小峰报道 项目是稳定经济增长的“压舱石”,"
     "也是推动高质量发展的“动力源”。\n\n2024-12-25 1 1 中国改革报 content_69678.htm 1 肇州县:以", date(2024, 12, 25)),
])
def test_a_pages_stamp_in_its_less_common_shapes(text, expected):
    assert _date(text) == expected


def test_a_story_opening_on_its_date_after_the_papers_mark():
    """ay14: 本報訊 before the meeting's full date; the 2024 of the report it passed is no date."""
    text = ("\n市政府召開 第24次常務會議\n本報訊 2023年12月30日上午,市委副書記、市長蔡毅主持召開十八屆市政府第24次常務會議,"
            "審議并原則通過2024年《政府工作報告(討論稿)》")
    assert _date(text) == date(2023, 12, 30)


def test_a_date_in_the_title_below_a_line_of_chrome():
    """aj11: the menu's 导航菜单 above the report's title, dated in its brackets."""
    text = ("导航菜单\n\n(河南省)延津县人民政府工作报告(2024年3月2日)\n\n  (五)聚力三农发展、锚定共同富裕,绘就乡村新画卷\n\n"
            "  坚持农业农村优先发展,以和美乡村、产业发展为牵引,促进农业稳产增产、农民稳步增收、农村稳定安宁。")
    assert _date(text) == date(2024, 3, 2)


@pytest.mark.parametrize("text, expected", [
    # ad01: the year in the lead's own sentence, the meeting's name.
    ("5月5日上午,2023年绩溪县卫生健康工作会议召开。绩溪县副县长汪全胜出席会议并讲话。", date(2023, 5, 5)),
    # ao02: the latest year the lead names; 2020 is the year the report reviews.
    ("1月21日,广西壮族自治区第十三届人民代表大会第四次会议在南宁开幕,广西壮族自治区人民政府代主席蓝天立向大会作政府工作报告。"
     "上游新闻记者注意到,政府工作报告提出,2020年全区地区生产总值增长3.7%,2021年全区生产总值增长目标为7.5%以上。",
     date(2021, 1, 21)),
    # aj02: a lead naming no year, in the year of its title.
    ("武漢2019年民生“紅包”發不停\n原標題:武漢2019年民生“紅包”發不停 讓市民共享改革發展成果\n"
     "1月5日上午9時,武漢市第十四屆人民代表大會第四次會議開幕。武漢市市長周先旺作政府工作報告。", date(2019, 1, 5)),
    # bm16: a bare year heading the event's name, after the outlet's 讯.
    ("贵阳网·甲秀新闻讯 1月12日上午,2025贵阳市两会“代表·委员·局长通道”集中采访活动第二场举行,"
     "贵阳市城市更新事务中心党组书记、主任李发军走上通道接受媒体采访。", date(2025, 1, 12)),
])
def test_a_story_opening_on_its_day_in_the_year_the_page_names(text, expected):
    assert _date(text) == expected


@pytest.mark.parametrize("text", [
    # ab15: the day of what a named person did, not the story's lead.
    ("王元元\n在广西都安瑶族自治县隆福乡隆福村隆帮屯“居家养老互助站”,儿童从老人前面跑过\n"
     "国务院总理李克强3月5日在十三届全国人大一次会议上作2018年政府工作报告时说,“在养老等方面,群众还有不少不满意的地方”"),
    # al04: a day and no year anywhere on the page.
    "9月6日,县长韦佳主持召开县十七届人民政府第171、172次常务会议。传达学习习近平总书记重要讲话精神。",
])
def test_a_lead_day_without_its_own_lead_or_year_is_no_date(text):
    assert _date(text) is None


@pytest.mark.parametrize("text, expected", [
    # be08: the stamp written day first under the title.
    ("宜良县2017年首批25个重点项目集中开工\n06.02.2017 09:02\n本文来源: 云南信息港\n"
     "昆明信息港讯 记者李莹 2月4日,昆明市宜良县举行2017年首批重点项目集中开工仪式。", date(2017, 2, 6)),
    # bj06: the site's name and address before the dateline.
    ("當前位置: 首頁>> 今日中國>> 中國要聞\n \n西藏\"十一五\"重點建設項目今年力爭全部開工建設\n"
     "中央政府門戶網站 www.gov.cn   2009年06月13日   來源:新華社\n\n"
     "    新華社拉薩6月13日電(記者 胡星 李月)記者從西藏自治區發改委了解到", date(2009, 6, 13)),
    # bk07: the notice issuing the report, signed above the report's own dateline.
    ("各乡镇人民政府,县政府各部门、直属机构,县属各国有企业:\n《政府工作报告》已经县十八届人民代表大会第五次会议审议通过,"
     "现印发给你们,请结合实际,认真抓好落实。\n中宁县人民政府\n2026年2月9日\n(此件公开发布)\n政 府 工 作 报 告\n"
     "——2026年1月14日在中宁县第十八届人民代表大会\n第五次会议上\n县 长 周永根\n各位代表:", date(2026, 2, 9)),
])
def test_a_pages_own_date_in_odd_places(text, expected):
    assert _date(text) == expected
