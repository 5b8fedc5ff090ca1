"""The site's owner in a page's footer (ingest/footer.py), on x01's footer (tests/real, dev)."""

from __future__ import annotations

from duban.ingest.clean import clean_text
from duban.ingest.footer import owner_names, site_code
from duban.ingest.metadata import read_metadata

# x01: a reply whose body names no region; cleaning drops its footer lines.
_BODY = ("刘昌明代表:\n\n此复函已经霍小燕副书记审签。对以上答复你们有什么意见,请及时填写在人大代表履职服务平台建议系统回执。\n\n")
_OWNERS = "重庆市綦江区人民政府版权所有   重庆市綦江区人民政府办公室主办\n\n"
_CODE = "网站标识码: 5001100002     ICP备案: 16001936号-1\n"


def _region(text: str):
    meta = read_metadata(text, clean_text(text).text, {})
    return (meta.region.name, meta.region.level, meta.region_source) if meta.region else None


def test_footer_names_the_owner_and_the_site_code():
    assert owner_names(_OWNERS + _CODE) == ["重庆市綦江区人民政府", "重庆市綦江区人民政府办公室"]
    assert owner_names("Copyright © 2020 鄂州市人民政府 All Rights Reserved") == ["鄂州市人民政府"]
    assert site_code(_CODE) == "5001100002"
    # a17: a sentence saying who handled a proposal is no footer.
    assert owner_names("“成立中国大运河学会”6件重点提案由民政部主办或会办。同时,民政部综合考虑") == []


def test_a_page_on_a_districts_site_is_the_districts():
    assert _region(_BODY + _OWNERS + _CODE) == ("綦江区", "district", "site")
    assert _region(_BODY + _CODE) == ("綦江区", "district", "site")
    assert _region(_BODY) is None
