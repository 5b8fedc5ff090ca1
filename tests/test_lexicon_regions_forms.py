"""Place names a peer's test suite found duban missing (issue #15): names written without their
suffix, renamed divisions, and the city reading of a bare city name (lexicon/regions.py).
Each sentence is quoted from the page named in its comment.
"""

from __future__ import annotations

import pytest

from duban.lexicon.regions import find_mentions


def _names(text: str) -> list[tuple[str, str | None]]:
    return [(text[s:e], r.name if r else None) for s, e, r in find_mentions(text, short_names=True)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # http://sd.sina.com.cn/news/sdyw/2014-08-23/084571874.html
        ("20日下午,山东对口支援青海工作座谈会在西宁举行。",
         [("山东", "山东省"), ("青海", "青海省"), ("西宁", "西宁市")]),
        # https://xining.baogaosu.com/xinwen/... (青海日报 via a mirror)
        # (jieba's dictionary tags 银川 a common noun, so alone it is not taken for the city)
        ("青海特别是省会城市西宁要学习银川的改革意识", [("青海", "青海省"), ("西宁", "西宁市")]),
        # a short name right after its parent resolves whatever jieba calls it
        ("山东省临沂市兰山", [("山东省", "山东省"), ("临沂市", "临沂市"), ("兰山", "兰山区")]),
        ("吉林省长春市朝阳", [("吉林省", "吉林省"), ("长春市", "长春市"), ("朝阳", "朝阳区")]),  # not 辽宁's 朝阳市
    ],
)
def test_regions_names_without_suffix(sentence, expected):
    assert _names(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "old", "new"),
    [
        # http://ccztv.cn/html/xinwenzixun/201101/08-1594_2.html (襄樊 was renamed 襄阳 in 2010)
        ("当年8月21日,湖北省民政厅批复同意襄樊市民政局上报更名材料。", "襄樊市", "襄阳市"),
        ("四川省成都市新津县人民政府", "新津县", "新津区"),  # a county that became a district in 2020
    ],
)
def test_regions_renamed_divisions_resolve_to_today(sentence, old, new):
    assert (old, new) in _names(sentence)


def test_regions_bare_city_name_reads_as_the_city():
    # 西安 is also 西安区 in 辽源 and in 牡丹江; written alone it is the city
    ((name, region),) = [(n, r) for n, r in _names("西安电子科技大学")]
    assert (name, region) == ("西安", "西安市")


@pytest.mark.parametrize(
    "sentence",
    [
        "推动社会长治久安",  # 长治 is a city, 长治久安 a set phrase
        "新建区域性养老服务中心4个",  # 新建 is 南昌's 新建区 and a verb
        "华北平原地区冬小麦",  # 平原 is a county in 德州 and a plain
        "说到襄樊,人家往往听成“湘潭”",  # ccztv.cn above: 湘潭 in quotes is still 湘潭; 襄樊 is 襄阳市
    ],
)
def test_regions_short_names_that_are_words(sentence):
    names = dict(_names(sentence))
    assert "长治" not in names and "新建" not in names and "平原" not in names
    if "襄樊" in sentence:
        assert names == {"襄樊": "襄阳市", "湘潭": "湘潭市"}
