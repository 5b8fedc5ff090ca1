"""The region a page is about from the places it names (ingest/mentioned.py), on dev pages of
tests/real."""

from __future__ import annotations

from duban.ingest.mentioned import county_of_scope, region_by_mentions, stated_scope
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


def _county(text: str) -> str | None:
    found = county_of_scope(text)
    return found.name if found else None


def test_a_county_speaking_as_one_names_itself_by_its_short_name():
    """aa04: a 县政府常务会议's story names 黑山 alone, once (its parent 锦州 nowhere)."""
    line = ("县委副书记、代县长王华指出,要补足乡村振兴短板,持续做好相关工作。“三区三线”划定工作很重要,"
            "决定黑山未来发展空间、要素和方向。各乡镇(街道)、部门要主动与县自然资源局对接,弄清楚未来发展所需。"
            "王华要求,县林草部门要统筹好全县林木限采工作")
    assert "决定黑山未来发展空间" in _doc("aa04")
    assert _county(line) == "黑山县"
    assert _county(line.replace("全县", "全镇")) is None  # a township's text: no county of that kind


def test_a_short_name_that_is_a_word_of_another_kind_names_no_county():
    """aj12: 龙游 twice in the county's report; 共同富裕 is the adjective, not 富裕县; 友邻水库 (aa04)
    holds no 邻水."""
    text = _doc("aj12")
    assert "共同富裕" in text and _county(text) == "龙游县"
    assert _county("全县推进龙湾水库、友邻水库特许经营权项目,建设共同富裕示范区") is None


def test_a_city_speaking_as_one_names_a_county_level_city_twice():
    """ar11: 长春's 全市 names 榆树 once (榆树风电制氢): a prefecture's county-level city, not the issuer."""
    text = _doc("ar11")
    assert "榆树风电制氢" in text and stated_scope(text) == "市"
    assert _county(text) is None


def test_a_short_name_after_a_surname_is_a_persons_name():
    """u05: 局长邓扬中 four times in 永州市's 全市 story: 扬中市's short name, but a person's given name."""
    line = "市交通运输局召开全市交通运输系统务虚会议。市交通运输局党组书记、局长邓扬中主持会议并讲话"
    assert line in _doc("u05")
    assert _county(line + "\n邓扬中认真听取发言并进行点评") is None
    assert _county("全市上下推动扬中高质量发展,扬中要走在前列") == "扬中市"
