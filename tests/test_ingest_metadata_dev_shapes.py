"""Metadata rules written for the shapes annotators Q and R collected, each on verbatim lines of
their dev documents in tests/real (the test split shows the shapes, never the lines)."""

from __future__ import annotations

from datetime import date

import pytest

from duban.ingest.clean import clean_text
from duban.ingest.metadata import read_metadata
from paths import REAL


def _meta(text: str):
    return read_metadata(text, clean_text(text).text, {})


def _lines(prefix: str, n: int) -> str:
    path = next((REAL / "docs").glob(f"{prefix}_*"))
    return "\n".join(path.read_text(encoding="utf-8").splitlines()[:n])


def test_a_menu_is_no_title_and_a_ministry_heading_is_national():
    """q14: a news site's menu above the heading; 交通运输部 in the title, not 安徽 of the
    newspaper in 来源, gives the region; the date stands in the 来源 line."""
    meta = _meta(_lines("q14", 8))
    assert meta.title == "交通运输部:明年9月底前全面完成建制村通客车"
    assert (meta.region.name, meta.region.level) == ("全国", "national")
    assert meta.date == date(2019, 6, 12)


def test_a_photo_caption_is_no_title():
    """q02: a headline-less story whose only short line is 会议现场."""
    assert _meta(_lines("q02", 4)).title is None


def test_a_reports_section_heading_is_no_title():
    """q12: 过去五年工作回顾 stands below 各位代表:, in the report's body."""
    assert _meta(_lines("q12", 6)).title is None


def test_a_dateline_with_its_author_and_views():
    """r08: 2024年03月13日 百事不愁 阅读(31798)."""
    assert _meta(_lines("r08", 6)).date == date(2024, 3, 13)


def test_national_bodies_named_more_than_any_province():
    """q09: 十届全国人大 … 代表国务院, in 北京 (traditional script, converted by cleaning)."""
    meta = _meta(_lines("q09", 6))
    assert (meta.region.name, meta.region.level) == ("全国", "national")


def test_a_box_of_links_is_no_title():
    """u12: 热点推荐 / 相关推荐 above the heading that the 来源 line sits under."""
    meta = _meta(_lines("u12", 8))
    assert meta.title == "《大理州推进乡村建设行动实施方案》印发"


def test_an_update_stamp_is_the_date_block_under_the_heading():
    """v13: the heading over 更新:2023-09-21 …, not a related article's over its 時間: further down."""
    meta = _meta(_lines("v13", 30))
    assert meta.title == "今年厦门教育补短板项目超百个 20个中小学年内竣工"


def test_a_question_headline_is_a_title():
    """v03: the first line runs the question on into the body; the second is the question alone."""
    assert _meta(_lines("v03", 4)).title == "武威2021年新建哪些学校?"


def test_an_excerpt_opening_on_a_section_heading():
    """u13: 二、2024年工作安排 names the excerpt; the report's 各位代表 gives its type, not the
    heading's plan words."""
    meta = _meta(_lines("u13", 3))
    assert meta.title == "二、2024年工作安排"
    assert meta.doc_type == "government_report"


def test_a_national_commission_of_its_time():
    """u10: 国家卫生计生委 (traditional script on the page) is a national body."""
    meta = _meta(_lines("u10", 4))
    assert (meta.region.name, meta.region.level) == ("全国", "national")


def test_a_regions_opinion_quoting_the_centre_is_not_national():
    """u11: 中共中央、国务院 quoted by an opinion 结合我区实际 that names no place."""
    assert _meta(_lines("u11", 3)).region is None


def test_a_page_date_line_and_a_forum_post_date():
    """w06: 发文时间:2019-12-20 08:58:00; y09: a forum post's 发表于 2024-4-24 comes before the
    speech's own dateline (2024年1月12日在…会议上), and its [内蒙古] tag is no part of the title."""
    assert _meta(_lines("w06", 6)).date == date(2019, 12, 20)
    meta = _meta(_lines("y09", 40))
    assert meta.date == date(2024, 4, 24)
    assert meta.title == "2024年乌拉特后旗政府工作报告"


def test_reporters_names_are_no_title():
    """w09: 冉隆国 杨艳 over the story."""
    assert _meta(_lines("w09", 3)).title != "冉隆国 杨艳"


def test_a_generic_section_heading_is_no_title():
    """y14: 一、总体情况 opens a 信息公开年报 excerpt; gold has no title (u13's heading names its year)."""
    assert _meta(_lines("y14", 3)).title is None


def test_stories_told_by_their_lead_or_their_headline():
    """y08: 据农业农村部网站21日消息; y06: …部署落实…重点工作; w14: 天津北方网讯 in the first
    paragraph, below the page's chrome and date line."""
    assert _meta(_lines("y08", 2)).doc_type == "news"
    assert _meta(_lines("y06", 3)).doc_type == "news"
    assert _meta(_lines("w14", 16)).doc_type == "news"


def test_a_heading_set_over_lines_above_its_doc_number():
    """z08, z09: a 关于 title over two lines above its 文号; z09's opens on 国务院, so the
    document is national though it names 内蒙古."""
    assert _meta(_lines("z08", 4)).title == "市政府办公厅关于推进城镇燃气居民和餐饮用户“安心用气工程”建设的实施意见"
    meta = _meta(_lines("z09", 5))
    assert meta.title == "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见"
    assert (meta.region.name, meta.region.level) == ("全国", "national")


def test_a_heading_over_three_lines_below_a_cut_copy():
    """z10: a cut copy of the heading, then the heading over three lines, then 粤府办〔2023〕5号."""
    assert _meta(_lines("z10", 12)).title == "广东省人民政府办公厅关于印发广东省进一步加鼎力度支持民间投资生长实行方案的通知"


def test_a_sites_motto_is_no_line_of_the_heading():
    """l10: 维基文库,自由的图书馆 stands between the title and the 关于呈报 line over the 文号."""
    assert _meta(_lines("l10", 6)).title == "子长县杨家园则镇追赶超越实施方案"


def test_a_national_body_signing_a_call_for_comments_is_its_issuer():
    """aw15: 国务院法制办公室 / 2017年4月25日 signs it; 北京市2067信箱 is only where to write."""
    meta = _meta(_lines("aw15", 6))
    assert (meta.publisher, meta.region.name, meta.region.level) == ("国务院法制办公室", "全国", "national")


@pytest.mark.parametrize("prefix, n, title", [
    # the heading broken before its document noun: 年度报告 on the next line
    ("bh07", 4, "道县文广新局2013年度信息公开工作年度报告"),
    # a reply's heading without 关于, its 第63号提案的答复 on the next line
    ("bl04", 4, "对蒙自市第三届政协第四次会议第63号提案的答复"),
    # the office, the 关于 line, then 答 复 letter-spaced over the 文号
    ("bi09", 5, "高平市卫生健康和体育局关于对市七届人大五次会议第71号建议的答复"),
])
def test_a_heading_broken_before_its_document_noun_is_joined(prefix, n, title):
    assert _meta(_lines(prefix, n)).title == title


def test_a_heading_whole_on_its_line_takes_no_repeated_noun():
    """ah06: 2023年十堰市张湾区政府工作报告—全文 over 政 府 工 作 报 告 is whole already."""
    assert _meta(_lines("ah06", 5)).title == "2023年十堰市张湾区政府工作报告—全文"


def test_a_bulleted_info_field_gives_the_title():
    """bd11: the 政务公开 table set as a list, • 信息名称:关于印发…的通知."""
    assert _meta(_lines("bd11", 4)).title == "关于印发《2023年区政府工作报告重点工作分工方案》的通知"


def test_a_markup_word_over_the_heading_is_no_part_of_it():
    """bp06: a stray headerBg line above the heading, the 文号 below its date line."""
    assert _meta(_lines("bp06", 12)).title == "花都区卫生健康局关于政协第十一届花都区委员会第三次会议第3011号提案答复的函"


def test_a_letter_spaced_time_field_marks_the_date_block():
    """bp09: an app's chrome above the heading, 时  间:2024年4月18日 below it; the national
    commission heading the title is the issuer."""
    meta = _meta(_lines("bp09", 20))
    assert meta.title == "国家卫生健康委员会2024年4月18日新闻发布会文字实录"
    assert (meta.region.name, meta.region.level) == ("全国", "national")


def test_a_township_the_title_names_narrows_its_county_publisher():
    """bo04: 五常市背荫河镇2022年政府信息公开工作年度报告 under 来源:五常市人民政府."""
    assert _meta(_lines("bo04", 3)).region.name == "背荫河镇"


@pytest.mark.parametrize("prefix", ["bc03", "bm17"])
def test_a_slogan_above_the_breadcrumb_is_no_title(prefix):
    """bc03, bm17: 打造网上国际投资促进平台 致力于中国投资促进事业 / 您现在的位置:首页 > 开发区新闻 > …
    / the heading / 发布时间:…: the heading under the breadcrumb is the title."""
    assert _meta(_lines(prefix, 4)).title == {"bc03": "市领导调研重点工程建设",
                                              "bm17": "区政府常务会议召开 研究《政府工作报告》完善等事宜"}[prefix]


def test_a_replys_letter_spaced_contact_fields_are_no_title():
    """bl13: a reply with no heading, ending 联 系 人:熊晓玮 / 抄 报:区政协办公室、区委区政府督查局."""
    assert _meta(_lines("bl13", 17)).title is None


def test_a_ministers_interview_is_national():
    """bp01: 十一届全国人大二次会议新闻中心举行“住房保障问题”专题采访,住房和城乡建设部副部长齐骥…;
    the 香港无线电视记者 asking is not the issuer."""
    meta = _meta(_lines("bp01", 6))
    assert (meta.region.name, meta.region.level) == ("全国", "national")


def test_a_county_heading_its_headline_by_its_short_name_is_the_issuer():
    """bj13: 资中打造“4+5+5”现代产业体系 over 四川经济日报内江讯…3月21日,资中县第十六届人民代表大会…:
    the county, not the province of the newspaper."""
    meta = _meta(_lines("bj13", 20))
    assert meta.title == "资中打造“4+5+5”现代产业体系"
    assert meta.region.name == "资中县"
