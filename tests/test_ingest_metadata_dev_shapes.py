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
