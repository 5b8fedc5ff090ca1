"""Metadata rules written for the shapes annotators Q and R collected, each on verbatim lines of
their dev documents in tests/real (the test split shows the shapes, never the lines)."""

from __future__ import annotations

from datetime import date

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
