"""metadata.read_metadata: each seed's gold metadata, titles, publishers, and unseen documents."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from paths import SHARED

from duban.ingest.clean import clean_text
from duban.ingest.metadata import DOC_TYPES, read_metadata

HERE = Path(__file__).resolve().parent


def _meta(raw: str, hints: dict | None = None):
    return read_metadata(raw, clean_text(raw).text, hints or {})


def _gold_cases():
    cases = []
    for gold, folder in ((SHARED / "gold" / "seeds.jsonl", SHARED / "seeds"),
                         (HERE / "gold" / "extra.jsonl", HERE / "gold" / "docs")):
        if gold.exists():
            for line in gold.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    entry = json.loads(line)
                    cases.append(pytest.param(folder / entry["file"], entry, id=entry["file"][:3]))
    return cases


@pytest.mark.parametrize("path, gold", _gold_cases())
def test_metadata_matches_gold(path, gold):
    meta = _meta(path.read_text(encoding="utf-8"))
    region = meta.region
    assert region is not None, path.name
    got = {"doc_type": meta.doc_type, "region": region.name, "province": region.province,
           "city": region.city, "county": region.county, "level": region.level,
           "date": meta.date.isoformat() if meta.date else None}
    assert got == {k: gold[k] for k in got}
    assert meta.doc_type in DOC_TYPES


@pytest.mark.parametrize("name, title, publisher, index_no", [
    ("000", "市民政局局长孙百迎访谈:统筹谋划,真抓实干,决战决胜民政领域脱贫攻坚战", "临沂市民政局",
     "1360274559/mzj/2020-0000090"),
    ("001", None, None, None),  # the page text starts with the interview itself
    ("002", "【实录】延安市人民政府新闻办公室 “凝心聚力高质量发展 乘势而上开启新征程”系列新闻发布会第五场",
     "延安市人民政府新闻办公室", None),  # 来源:陕新发布 is a news account, not the issuer
    ("003", "市民政局2018年一季度工作情况", "宿迁市民政局", "014319733/2018-00019"),  # 发布机构 市民政局 spelled out
    ("004", "六盘水市民政兜底脱贫新闻发布会答记者问实录", None, None),
])
def test_metadata_seed_title_publisher_index(name, title, publisher, index_no):
    path = next((SHARED / "seeds").glob(f"{name}_*.txt"))
    meta = _meta(path.read_text(encoding="utf-8"))
    assert (meta.title, meta.publisher, meta.index_no) == (title, publisher, index_no)


def test_metadata_seed_region_codes():
    codes = {}
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        codes[path.name[:3]] = _meta(path.read_text(encoding="utf-8")).region.code
    assert codes == {"000": "371300", "001": "371325", "002": "610600", "003": "321300", "004": "520200"}


def test_metadata_hints_win_over_text():
    raw = "公开日期：2020-09-08\n\n费县民政局局长田勇做客政务访谈\n\n田勇:今年以来,全县民政系统稳步推进各项工作。"
    meta = _meta(raw, {"title": "政务访谈第202期", "date": "2021-03-04", "publisher": "费县人民政府"})
    assert (meta.title, meta.date, meta.publisher) == ("政务访谈第202期", date(2021, 3, 4), "费县人民政府")
    assert meta.region.code == "371325"


@pytest.mark.parametrize("raw, expected", [
    ("6月30日,六盘水市民政兜底脱贫新闻发布会召开。", None),  # no year: never guess one
    ("發佈時間：2023-05-04 09:30　來源：臺中市政府社會局\n\n正文。", date(2023, 5, 4)),  # traditional labels
    ("索引号:123/2024-1 发文日期:2024-03-05\n公开日期:2024-03-07\n\n正文。", date(2024, 3, 7)),
    ("湖州市民政局关于印发工作要点的通知\n\n正文。\n\n湖州市民政局\n2024年3月5日", date(2024, 3, 5)),
    ("公开日期：2023-02-30\n\n日期不存在时继续查找。", None),
])
def test_metadata_dates(raw, expected):
    assert _meta(raw).date == expected


# Unseen titles from other provinces: (title, region code, level, doc_type).
UNSEEN = [
    ("成都市武侯区民政局关于开展2024年度养老服务补贴申领工作的通知", "510107", "district", "notice"),
    ("广州市天河区民政局2023年工作总结", "440106", "district", "work_report"),
    ("杭州市西湖区人民政府办公室关于印发西湖区养老服务体系建设实施方案的通知", "330106", "district", "work_plan"),  # a 通知 issuing a plan is a plan (gold g03)
    ("郑州市金水区民政局2024年上半年工作总结", "410105", "district", "work_report"),
    ("恩施州民政局召开2024年全州民政工作会议", "422800", "city", None),
    ("仙桃市民政局关于做好城乡低保提标工作的通知", "429004", "county", "notice"),
    ("义乌市民政局2023年法治政府建设年度报告", "330782", "county", "work_report"),
    ("昆山市人民政府新闻办公室举行养老服务专场新闻发布会", "320583", "county", "press_conference"),
    ("西安市雁塔区民政局局长做客《雁塔访谈》", "610113", "district", "interview"),
    ("黔东南州民政局2024年工作要点", "522600", "city", "work_plan"),
    ("延边朝鲜族自治州民政局关于进一步加强特困人员供养服务的实施意见", "222400", "city", "notice"),
    ("北京市海淀区民政局关于调整最低生活保障标准的通知", "110108", "district", "notice"),
    ("上海市浦东新区民政局2023年工作总结和2024年工作计划", "310115", "district", "work_report"),
    ("重庆市渝中区民政局关于开展社会组织年检工作的公告", "500103", "district", "notice"),
    ("南宁市青秀区民政局召开养老机构安全生产工作会议", "450103", "district", None),
    ("昌吉回族自治州民政局2023年工作总结", "652300", "city", "work_report"),
    ("寿光市民政局2024年第一季度工作情况", "370783", "county", "work_report"),
    ("乌鲁木齐市天山区民政局关于开展冬季救助工作的通知", "650102", "district", "notice"),
    ("福州市鼓楼区民政局2023年政府信息公开工作年度报告", "350102", "district", "work_report"),
    ("兰州市城关区民政局关于印发2024年民政工作要点的通知", "620102", "district", "work_plan"),
    ("湘西州民政局负责人就困难群众救助工作答记者问", "433100", "city", "press_conference"),
    ("济源市民政局关于开展殡葬领域专项整治的通知", "419001", "county", "notice"),
    ("桂林市人民政府2024年政府工作报告", "450300", "city", "government_report"),
]


@pytest.mark.parametrize("title, code, level, doc_type", UNSEEN, ids=[u[1] for u in UNSEEN])
def test_metadata_unseen_titles_resolve_to_their_codes(title, code, level, doc_type):
    meta = _meta(f"{title}\n\n今年以来，全区民政系统扎实推进各项工作。")
    assert meta.title == title
    assert (meta.region.code, meta.region.level) == (code, level)
    if doc_type:
        assert meta.doc_type == doc_type


def test_metadata_publisher_names_the_region_when_the_title_does_not():
    raw = "发布机构：晋江市民政局\n\n关于开展2024年度养老服务补贴申领工作的通知\n\n各镇（街道）：现将有关事项通知如下。"
    meta = _meta(raw)
    assert meta.publisher == "晋江市民政局"
    assert (meta.region.name, meta.region.code, meta.region.city) == ("晋江市", "350582", "泉州市")
    assert meta.doc_type == "notice"


def test_metadata_ambiguous_region_stays_unknown():
    meta = _meta("朝阳区民政局关于开展冬季救助工作的通知\n\n各街道：现将有关事项通知如下。")
    assert meta.region is None  # 朝阳区 is in 北京市 and in 长春市
