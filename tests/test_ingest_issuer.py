"""The issuing region (ingest/issuer.py), each rule on verbatim lines of a dev document of
tests/real; the test split shows the failure shapes, never the lines."""

from __future__ import annotations

import json

import pytest

from duban.ingest.clean import clean_text
from duban.ingest.issuer import NATIONAL_BODY
from duban.ingest.metadata import read_metadata
from paths import REAL


def _doc(prefix: str) -> tuple[str, dict]:
    path = next((REAL / "docs").glob(f"{prefix}_*"))
    gold = next(json.loads(line) for line in (REAL / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                if json.loads(line)["file"] == path.name)
    assert gold["split"] == "dev", "rules are tested on dev documents only"
    return path.read_text(encoding="utf-8"), gold


def _region(prefix: str, lines: int | None = None, url: bool = False) -> tuple[str | None, str | None]:
    text, gold = _doc(prefix)
    if lines is not None:
        text = "\n".join(text.splitlines()[:lines])
    hints = {"url": gold["source"]["url"]} if url else {}
    found = read_metadata(text, clean_text(text).text, hints).region
    return (found.name, found.level) if found else (None, None)


def test_a_ministry_under_its_short_name_is_national():
    """o07: 国家卫健委 heads the title (国家卫生健康委 written short)."""
    assert _region("o07") == ("全国", "national")


def test_china_before_a_direction_is_no_ministry():
    """i09: 青海省会西宁属中国西部内陆城市 is a city's report; 中国西部 is no 中国…部."""
    assert _region("i09", 4) == ("西宁市", "city")


def test_a_department_of_any_level_is_no_ministry():
    """d20: 各级民政部门 are the province's departments, not 民政部."""
    assert NATIONAL_BODY.search("会议指出,2023年时间已过半,各级民政部门要总结梳理好重点工作进度及存在的问题") is None


@pytest.mark.parametrize("prefix, expected", [
    ("y14", ("官洲街道", "township")),  # haizhu.gov.cn: …官洲街道办事处认真贯彻落实…条例
    ("z04", ("东柳街道", "township")),  # nbyz.gov.cn: 东柳街道2023年工作总结和2024年工作思路 |
])
def test_a_township_naming_itself_on_its_districts_site(prefix, expected):
    """A district's site publishes its 街道's pages: the 街道 named as the issuer in the opening
    lines is the region, not the district of the URL (东柳街道 is a name several districts share;
    the URL's 鄞州区 decides)."""
    assert _region(prefix, 6, url=True) == expected


def test_a_township_in_a_countys_story_is_its_county():
    """z02: 我县召开…推进会 … 青木川镇党委书记肖义恩出席会议."""
    assert _region("z02", 3) == ("宁强县", "county")


def test_a_county_in_a_townships_text_is_the_township_it_names_most():
    """y13: 全乡; 济淡河乡(sic)位于龙江县西北部 … 南与山泉镇接壤 … 济沁河乡 named again and again."""
    assert _region("y13") == ("济沁河乡", "township")


def test_a_townships_template_naming_no_township_is_unresolved():
    """q13: 2015年全乡的工作思路 … 建设武乡东部一流强乡: the township is not named."""
    assert _region("q13") == (None, None)


def test_a_township_holding_its_meeting_on_its_districts_site():
    """x15 (tjjz.gov.cn, 蓟州区): …推进蓟州区东二营镇各项事业高质量发展。…东二营镇召开…部署会; 全镇."""
    assert _region("x15", url=True) == ("东二营镇", "township")


def test_a_chain_of_full_names_under_the_heading_is_not_cut_short():
    """x12: 吉林市丰满区人民政府| 2022-02-09 14:15 under a betting site's banner: 丰满区, not 吉林."""
    assert _region("x12", 5) == ("丰满区", "district")


def test_a_news_outlets_province_gives_way_to_the_city_the_story_is_about():
    """d10: 四川新闻网消息 … 巴中市《市长访谈》… 从巴中来看 … 巴中市政府印发."""
    assert _region("d10", 8) == ("巴中市", "city")


def test_a_list_of_sources_names_no_outlet():
    """i07: 素材來源:中山日報、央視新聞 新華社 under a 全国人大 press conference of four ministries."""
    assert _region("i07") == ("全国", "national")


def test_a_countys_own_outlet_where_the_text_speaks_as_the_county():
    """o10: 来源:文成新闻网 … 县长章寿禹主持召开 … 我县."""
    assert _region("o10", 8) == ("文成县", "county")


def test_a_common_noun_is_no_township():
    """z03: 县委书记…赴荆溪镇调研 … 荆溪小城镇建设: 小城镇 (also a town of 舒兰市) is the noun, so
    荆溪镇 holds the places named and the story's 全县 makes it 闽侯县's."""
    assert _region("z03") == ("闽侯县", "county")


def test_a_county_seat_named_after_its_county_is_no_url_section():
    """t01 (…/news/zjc/…): 张家川回族自治县把为民兴办实事…; zjc spells 张家川镇 too, but 张家川 in the
    text is the county."""
    assert _region("t01", url=True) == ("张家川回族自治县", "county")


def test_a_provinces_portal_gives_way_to_the_county_its_story_opens_on():
    """aa14 (hebei.news.163.com): 青龙县委副书记、代县长邱中凯主持召开县政府第68次常务会议 …
    《青龙满族自治县国民经济…纲要(草案)》: the county's meeting, not 河北省's, nor 代县's."""
    assert _region("aa14", url=True) == ("青龙满族自治县", "county")


def test_a_countys_list_of_projects_in_its_towns_is_the_countys():
    """aa09 (yanshan.gov.cn): 砚山县举行…集中开工仪式 … 阿猛镇…项目、干河乡…、砚山县平远镇基础设施提升
    改造项目、砚山县稼依镇补佐村…: 平远镇 right after its county is one town among five."""
    assert _region("aa09", url=True) == ("砚山县", "county")


def test_a_higher_meeting_the_story_carries_out_is_not_its_scope():
    """ad01 (wjw.xuancheng.gov.cn): 2023年绩溪县卫生健康工作会议召开 … 深入学习全省卫生健康工作会议…精神
    … 全面落实全市卫生健康工作会议要求: the county's meeting, not 宣城市's."""
    assert _region("ad01", url=True) == ("绩溪县", "county")


def test_a_host_of_the_provinces_initials_and_the_name_in_full():
    """ad06 (www.hnchangning.gov.cn: 湖南 + 常宁): 在市委、市政府坚强领导下,我局… 省委、省政府和衡阳市委
    …: the page of 常宁市, the 县级市, not of 衡阳市 that it names above it."""
    assert _region("ad06", url=True) == ("常宁市", "county")


def test_a_township_speaking_as_itself_on_its_districts_host():
    """aa07 (www.tskaiping.gov.cn: 唐山 + 开平): 洼里镇传达、贯彻区两会精神 … 全镇聚焦党建引领: 洼里镇's,
    though the host names 开平区."""
    assert _region("aa07", url=True) == ("洼里镇", "township")


@pytest.mark.parametrize("prefix, region", [
    # ad05: 2025年全区教育工作部署会在长春市第一六二中学召开 … 区教育局 … 双阳美好教育.
    ("ad05", ("双阳区", "district")),
    # ad12: 前三季度我市重点民生工程扎实推进 / 本报讯(大连新闻传媒集团…) … a district named in the body.
    ("ad12", ("大连市", "city")),
    # i01: 拉萨市率先在全区打赢脱贫攻坚战: 全区 is 西藏's, the report stays the city's.
    ("i01", ("拉萨市", "city")),
])
def test_a_division_named_is_taken_to_the_scope_the_text_speaks_for(prefix, region):
    assert _region(prefix) == region


def test_a_documents_title_names_its_issuer_over_the_office_that_posted_it():
    """ab12: 省民政厅关于进一步加强养老服务领域自建房安全 专项整治的通知 / 来源:崇阳县民政局: the
    province's notice on a county bureau's site; 省 is the province above 崇阳县."""
    assert _region("ab12") == ("湖北省", "province")


def test_a_township_holding_its_own_congress_is_the_issuer():
    """ae15 (cq.xinhuanet.com): 3月18日,双龙湖街道第一届议事代表大会第三次会议召开 … 投票选出2025年六大
    重点民生实事项目: the 街道's list, not 渝北区's."""
    assert _region("ae15") == ("双龙湖街道", "township")


def test_a_region_presenting_at_the_state_councils_press_office_is_the_issuer():
    """ac07: 北京,国务院新闻办公室推动高质量发展系列主题新闻发布会如期举行。这一次,重庆站上C位 … 市委副书记、
    市长胡衡华…介绍了重庆经济社会发展现状: 重庆市's; a ministry named beside the office stays national (a01)."""
    assert _region("ac07") == ("重庆市", "province")
    assert _region("a01") == ("全国", "national")


def test_a_county_holding_its_meeting_under_a_provinces_source_line():
    """ad02: 踔厉奋发开新局 笃行不怠向未来——2022年西吉县卫生健康工作会议 / 来源:宁夏回族自治区卫生健康委员会
    / 3月9日上午,西吉县召开卫生健康工作会议: the county's meeting, posted by the region's office."""
    assert _region("ad02") == ("西吉县", "county")


def test_a_index_number_opening_on_a_division_code_names_the_units_region():
    """u05: 索引号: | 4311000025/2023-03069 | 分类: | | / 发文机关: | 市交通运输局 |: 431100 is 永州市;
    an organisation code (00250253-0/2022-20797, b08) or a credit code names none."""
    text, _ = _doc("u05")
    meta = read_metadata(text, clean_text(text).text, {})
    assert meta.index_no == "4311000025/2023-03069"
    assert (meta.region.name, meta.region.level, meta.region_source) == ("永州市", "city", "site")
    for other in ("00250253-0/2022-20797", "11341702003256087M/202206-00028"):
        changed = text.replace("4311000025/2023-03069", other)
        assert read_metadata(changed, clean_text(changed).text, {}).region is None


@pytest.mark.parametrize("prefix, region", [
    # u11 (szb.nxrb.cn): …现结合我区实际提出如下实施意见 … 自治区第十三次党代会: 宁夏日报, 宁夏.
    ("u11", ("宁夏回族自治区", "province")),
    # z08 (njdaily.cn): 市政府办公厅关于… 《江苏省燃气安全专项整治实施方案》… 提升我市: 南京, not 内江 or 怒江.
    ("z08", ("南京市", "city")),
])
def test_a_papers_initials_and_the_scope_the_text_speaks_for(prefix, region):
    assert _region(prefix, url=True) == region


def test_an_outlets_short_name_gives_way_to_the_place_the_story_is_about_outside_it():
    """ai01: 来源:海西房产网 (海西 is 福建 in the press, and 海西州 in the gazetteer) … 长乐区投资14亿元 …
    长乐区民政局相关负责人: 长乐区's story."""
    assert _region("ai01") == ("长乐区", "district")


def test_a_street_office_speaking_as_itself_unnamed_on_its_citys_host_is_unknown():
    """ai14 (hbdaye.gov.cn): 在市委、市政府和高新区党工委…领导下,街道上下团结一心: a 街道 of 大冶市 that
    the text never names, so no region (gold null), not 大冶市."""
    assert _region("ai14", url=True) == (None, None)


def test_a_citys_report_supporting_each_of_its_parts_stays_the_citys():
    """ac11 (jingzhou.cjyun.org): 加快建设荆州民用机场 … 支持荆州区、沙市区在城市建设…发挥引领作用。支持公安县…
    支持江陵县…: 荆州市's, not the first of its districts."""
    assert _region("ac11", url=True) == ("荆州市", "city")


def test_a_ministers_national_work_meeting_is_national():
    """ak12: 在日前召开的全国住房城乡建设工作会议上,住房城乡建设部党组书记、部长倪虹系统总结了…."""
    assert _region("ak12") == ("全国", "national")


def test_a_place_in_a_companys_name_heading_a_countys_story():
    """aa08: 北京忠和酒业二期(扩能)项目开工 as the heading; 县委书记蔡贤忠宣布全县2021年第一季度重大项目集中开工
    … 房县举行了2021年春季…: 房县's."""
    assert _region("aa08") == ("房县", "county")


@pytest.mark.parametrize("prefix, region", [
    # o13: 您當(dāng)前的位置 : 西青信息港 >> 新聞 >> 時政 | over 天津市人民政府新聞辦公室召開…西青區主題新聞發布會.
    ("o13", ("西青区", "district")),
    # j11: 当前位置:中国体育彩票 > 政务要闻 > 交城动态 (the site's name spammed over, its column kept) … 我县.
    ("j11", ("交城县", "county")),
])
def test_a_breadcrumb_naming_the_sites_division_by_its_short_name(prefix, region):
    assert _region(prefix) == region


def _decided(prefix: str, url: bool = False) -> tuple[str | None, str]:
    text, gold = _doc(prefix)
    hints = {"url": gold["source"]["url"]} if url else {}
    meta = read_metadata(text, clean_text(text).text, hints)
    return (meta.region.name if meta.region else None), meta.region_source


@pytest.mark.parametrize("prefix, url, decided", [
    # ab12: 省民政厅关于进一步加强养老服务领域自建房安全专项整治的通知 under 来源:崇阳县民政局.
    ("ab12", False, ("湖北省", "document")),
    # u05: 索引号 4311000025/2023-03069, the site's division code.
    ("u05", False, ("永州市", "site")),
    # k10 (epaper.sxrb.com): 山西日报's host, 全省开工改造606个县城老旧小区.
    ("k10", True, ("山西省", "host")),
    # ak12: 在日前召开的全国住房城乡建设工作会议上,住房城乡建设部…部长倪虹….
    ("ak12", False, ("全国", "national")),
    # ac07: 国务院新闻办公室推动高质量发展系列主题新闻发布会 … 重庆站上C位: the places decide.
    ("ac07", False, ("重庆市", "mentions")),
])
def test_region_source_names_the_evidence_that_decided(prefix, url, decided):
    assert _decided(prefix, url) == decided


def test_every_region_source_is_worded_for_the_reader():
    from duban.ingest.issuer import SOURCES
    from duban.serve.views import REGION_SOURCES

    assert set(SOURCES) - {"unresolved"} <= set(REGION_SOURCES)


def test_a_deputys_seat_is_no_national_body():
    """w09: 全国人大代表、渝中区委书记黄玉林:发挥重庆“母城”优势 … (publisher 渝中区委): a deputy's
    interview is 渝中区's; 全国人大 itself is still a national body."""
    assert NATIONAL_BODY.search("全国人大代表、渝中区委书记黄玉林:发挥重庆“母城”优势") is None
    assert NATIONAL_BODY.search("十三届全国人大一次会议") is not None
    assert _region("w09") == ("渝中区", "district")


@pytest.mark.parametrize("prefix, decided", [
    # i04: 来源:江苏广电总台 over the national 政府工作报告, the text naming no 江苏: unresolved.
    ("i04", (None, "unresolved")),
    # l07: 来源:安阳新闻网, the places settling on 安阳市.
    ("l07", ("安阳市", "source")),
    # o10: 来源:文成新闻网 … 县长章寿禹主持召开第36次县长办公会议, the text speaking as a county.
    ("o10", ("文成县", "source")),
])
def test_a_news_outlet_counts_only_where_the_text_vouches_for_it(prefix, decided):
    assert _decided(prefix) == decided


@pytest.mark.parametrize("prefix, region", [
    # ao11: …本公告由拉萨市达孜区住房和城乡建设局负责解释。/ 达孜区住房和城乡建设局 / 2024年10月18日 / ༄༅།།…
    # (the notice again in Tibetan): the signature above the translation names the publisher.
    ("ao11", ("达孜区", "district")),
    # an06: 前郭尔罗斯蒙古族自治县广播电视台 (the carrier's banner) over 吉林省“十四五”规划纲要全文来了!
    # / 吉林省人民政府关于印发…的通知: the province's document, not the county broadcaster's.
    ("an06", ("吉林省", "province")),
    # an03: 新河街道确定2025年民生实事项目 / …人大新河街道工委组织召开…会商会议 … 天津国际农产品交易中心:
    # the 街道 named with its 工委 is the issuer, in 滨海新区 where the text's places settle.
    ("an03", ("新河街道", "township")),
    # am06: 国管局办理2021年全国“两会”人大代表建议和政协委员提案的情况: 国管局 is a national body.
    ("am06", ("全国", "national")),
])
def test_the_issuer_past_a_carriers_banner_a_translation_or_a_short_office_name(prefix, region):
    assert _region(prefix) == region


def test_a_headline_naming_two_cities_is_their_province_s_story():
    """bc10: 济南青岛都市圈联动发展协同开放会议召开 names two cities of 山东, neither the other's
    parent; the first is not its subject, and 省委书记林武 … 视察山东 make it the province's."""
    assert _region("bc10", 12) == ("山东省", "province")


def test_a_station_named_after_its_city_is_no_subject():
    """az03: 兰新铁路二线、西宁站改造… is a railway station; 记者从青海省发展改革委了解到 is the issuer."""
    assert _region("az03", 6) == ("青海省", "province")


def test_a_quoted_source_in_a_copyright_notice_is_no_source_line():
    """be06: 凡本网注明“来源:黔东南信息港”的所有作品… is the site's notice; the story is 岑巩县's
    (在岑巩县工业园区…举行隆重开工仪式, 岑巩县着力实施工业强县战略)."""
    assert _region("be06") == ("岑巩县", "county")


def test_a_host_spelling_two_divisions_is_the_one_the_text_speaks_as():
    """be01 on www.zhushan.cn (珠山区 or 竹山县): 县委副书记、县长王丽媛主持召开县政府党组… is a county's."""
    assert _region("be01", 2, url=True) == ("竹山县", "county")
