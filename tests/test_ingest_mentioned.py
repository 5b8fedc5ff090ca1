"""The region a page is about from the places it names (ingest/mentioned.py), on dev pages of
tests/real."""

from __future__ import annotations

from duban.ingest.mentioned import region_by_mentions, stated_scope
from duban.ingest.issuer import NATIONAL, NATIONAL_BODY, names_issuer
from paths import REAL


def _doc(prefix: str) -> str:
    return next((REAL / "docs").glob(f"{prefix}_*")).read_text(encoding="utf-8")


def _name(text: str) -> str | None:
    found = region_by_mentions(text, names_issuer, NATIONAL_BODY, NATIONAL)
    return found.name if found else None


def test_a_table_of_districts_is_their_city():
    """p06: a city's table names its districts and counties, never the city in full."""
    assert _name(_doc("p06")) == "眉山市"


def test_towns_named_in_passing_count_for_their_county():
    """c09: two towns of 花都区 (花山镇 is a name several counties share: 广州 decides) are the
    district's, not either town's."""
    text = "2023年,广州北部增长极战略跃升。\n白云国际机场三期扩建主体及配套工程、安置区征拆全部完成,花山镇、花东镇、新雅街共12个村完成征拆"
    assert _name(text) == "花都区"


def test_the_stated_scope_picks_the_city_among_the_names():
    """b14: 江西 and 九江 named once each; 全市民政系统 makes it the city's."""
    line = _doc("b14").splitlines()[0]
    assert _name(line) == "九江市"
    assert _name(line.replace("全市", "")) == "江西省"


def test_a_street_office_naming_only_its_city_stays_unresolved():
    """l03: 全街道上下 … 临沂科创城: the 街道 is not named, so the city is not its issuer."""
    assert "临沂" in _doc("l03") and _name(_doc("l03")) is None


def test_one_name_in_passing_decides_nothing():
    assert _name("省十四届人大四次会议第一场“厅长通道”开启,长沙晚报全媒体记者") is None


def test_of_two_scopes_of_one_rank_the_first_stated_is_the_text_s():
    """bb13: 陆川全县上下 is the county speaking; 在全区是首批脱贫的县 is 广西, the region it stands in."""
    line = ("刘启:2018年陆川全县上下付出了艰苦的努力,也取得了一点工作的成果,主要有以下几个方面:"
            "一是脱贫攻坚。陆川是贫困县,2016年在全区是首批脱贫的县,我们继续巩固脱贫的成果。")
    assert line[:20] in _doc("bb13")
    assert stated_scope(line) == "县"
