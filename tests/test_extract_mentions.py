"""Region mentions and the actor region of a clause (extract/mentions.py)."""

from __future__ import annotations

import re

import pytest

from duban.lexicon import regions
from duban.extract.mentions import find_region_mentions, region_for_span
from duban.records import ParsedDocument, Sentence

# Seed 002 (延安市 press conference) style: the city speaks, districts and counties act.
TEXT = (
    "全市已建成社区日间照料中心120个,其中黄龙县作为试点县已实现全覆盖。"
    "明年,宝塔区将新建日间照料中心5个,改造敬老院3所;推动黄龙县建设区域性养老服务中心。"
    "一是我市要完善农村互助幸福院管理。"
)


def _sentences(text: str) -> list[Sentence]:
    sentences, start = [], 0
    for i, part in enumerate(p for p in re.split("(?<=。)", text) if p):
        sentences.append(Sentence(i, start, start + len(part), part))
        start += len(part)
    return sentences


@pytest.fixture(scope="module")
def yanan():
    region = regions.resolve("延安市")
    assert region is not None and region.level == "city"
    return region


@pytest.fixture()
def doc(yanan):
    import spacy  # here, not at import: spaCy brings thinc and torch (seconds per process)

    from duban.extract.components import mentions_component

    nlp = spacy.blank("zh")
    d = nlp.make_doc(TEXT)
    d._.parsed = ParsedDocument("002.txt", "0" * 64, "txt", TEXT, TEXT, region=yanan,
                                sentences=_sentences(TEXT))
    return mentions_component(d)


def test_mentions_find_names_and_self_references(yanan):
    mentions = find_region_mentions(TEXT, _sentences(TEXT), yanan)
    found = [(m.text, m.sentence_index, m.region.name if m.region else None) for m in mentions]
    assert ("全市", 0, "延安市") in found
    assert ("宝塔区", 1, "宝塔区") in found
    assert ("我市", 2, "延安市") in found
    for m in mentions:
        assert TEXT[m.start : m.end] == m.text


def test_mentions_self_reference_of_another_level_is_the_enclosing_region():
    feixian = regions.resolve("费县")
    assert feixian is not None
    (mention,) = find_region_mentions("全市养老床位达到2万张", [], feixian)
    assert mention.region.name == "临沂市"  # 全市 in a 费县 document


@pytest.mark.parametrize(
    ("clause", "actor"),
    [
        ("新建日间照料中心5个", "宝塔区"),  # 宝塔区将… heads the clause
        ("改造敬老院3所", "宝塔区"),  # the next comma clause keeps the actor
        ("推动黄龙县建设区域性养老服务中心", "延安市"),  # after ; a new item: 黄龙县 is an object
        ("完善农村互助幸福院管理", "延安市"),  # 一是我市要…
        ("已建成社区日间照料中心120个", "延安市"),
    ],
)
def test_mentions_region_for_span(doc, clause, actor):
    start = TEXT.index(clause)
    assert region_for_span(doc, start, start + len(clause)).name == actor


def test_mentions_speaker_self_reference_covers_the_sentence_items():
    """g04: 桃源县's 局长 in a 常德市 press conference: 我县将… heads a sentence of ；-items."""
    import spacy

    from duban.extract.components import mentions_component

    changde = regions.resolve("常德市")
    text = ("周国平:桃源县地域面积大。下一步,我县将新建区域性养老服务中心2个;"
            "计划今年下半年再建成农村互助养老服务点30个;同时,将探索互助养老模式。"
            "全市将新增养老床位1500张。")
    d = spacy.blank("zh").make_doc(text)
    d._.parsed = ParsedDocument("g04.txt", "0" * 64, "txt", text, text, region=changde,
                                sentences=_sentences(text))
    d = mentions_component(d)
    for clause, actor in [("新建区域性养老服务中心2个", "桃源县"), ("再建成农村互助养老服务点30个", "桃源县"),
                          ("将探索互助养老模式", "桃源县"), ("将新增养老床位1500张", "常德市")]:
        start = text.index(clause)
        assert region_for_span(d, start, start + len(clause)).name == actor, clause
