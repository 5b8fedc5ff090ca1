"""A place or a year read from a question that leaves nothing is relaxed (index/query.py ``ask``),
on tests/real documents whose metadata is wrong or missing; and places named by whole names."""

from __future__ import annotations

from datetime import date

import pytest
from paths import REAL
from test_cli_ask import no_embedder
from test_index_support import moved, settings_for

from duban.index import Index, ask
from duban.ingest import parse_raw
from duban.lexicon import regions
from duban.pipeline import extract_pending
from duban.records import RawDocument
from duban.store import Store

TODAY = date(2026, 12, 1)
J11 = "j11_jiaocheng_nongcun_gongzuo_2024_spam.txt"  # 交城县 only in its breadcrumb: 交城动态
AA04 = "aa04_heishan_changwu_huiyi_2022_spam.txt"  # 黑山 once, in one sentence
AD02 = "ad02_xiji_weijian_gongzuo_huiyi_2022.txt"  # 西吉县's meeting, published by 宁夏's 卫健委
X01 = "x01_qijiang_gaoxinqu_133hao_jianyi_fuhan_2023.txt"  # 綦江高新区's reply to a deputy
BC09 = "bc09_guangzhou_nankunshan_luofushan_yinlingqu_2024.txt"  # 广州's 环南昆山—罗浮山引领区


def _index(tmp_path, monkeypatch, name: str, **fields) -> Index:
    """An index (lexical) of one tests/real document, with ``fields`` replacing its metadata."""
    monkeypatch.setattr("duban.index.search.load_embedder", no_embedder)
    settings = settings_for(tmp_path / "data")
    store = Store(settings.db_url)
    path = REAL / "docs" / name
    doc = parse_raw(RawDocument(source=str(path), data=path.read_bytes(), filename=name))
    store.save_document(moved(doc, **fields) if fields else doc)
    extract_pending(store, processes=1)
    index = Index(settings, store)
    index.update()
    return index


def test_a_place_named_only_in_the_pages_chrome_is_found_when_the_region_is_unknown(tmp_path, monkeypatch):
    """j11 (a 交城县 meeting on a spam domain) names 交城 only in its breadcrumb (当前位置:中国体育彩票
    > 政务要闻 > 交城动态), which cleaning drops; filed without a region, as ingest did before the
    breadcrumb rule of ingest/issuer.py."""
    index = _index(tmp_path, monkeypatch, J11, region=None)
    assert index.store.list_documents()[0]["region"] is None
    answer = ask(index, "交城县怎样保护耕地、守住粮食安全?", TODAY)
    assert answer.relaxed == {"regions,levels": ["交城县", "交城"]}
    assert any("要采取“长牙齿”的硬措施保护耕地" in h.sentence for h in answer.results)


def test_a_document_filed_under_another_county_must_name_the_place_in_the_result(tmp_path, monkeypatch):
    """The same page filed under 尉犁县: its region contradicts the question, so only a sentence
    or title naming 交城 could answer, and none does."""
    index = _index(tmp_path, monkeypatch, J11, region=regions.resolve("尉犁县"))
    answer = ask(index, "交城县怎样保护耕地、守住粮食安全?", TODAY)
    assert answer.relaxed and answer.results == []


def test_a_place_named_in_another_sentence_of_a_document_without_region(tmp_path, monkeypatch):
    """aa04 (黑山县's 常务会议) names 黑山 in one sentence (三区三线…决定黑山未来发展空间); filed with no
    region, as ingest did before 06a67de read that sentence as its issuer, its sentence on 林木限采
    answers a question about 黑山县 too."""
    index = _index(tmp_path, monkeypatch, AA04, region=None)
    assert index.store.list_documents()[0]["region"] is None
    answer = ask(index, "黑山县林木限采工作怎么统筹?", TODAY)
    assert answer.relaxed == {"regions,levels": ["黑山县", "黑山"]}
    assert any("县林草部门要统筹好全县林木限采工作" in h.sentence for h in answer.results)


def test_the_place_alone_is_relaxed_when_the_year_was_not_what_left_nothing(tmp_path, monkeypatch):
    """ad02 (西吉县, dated 2022-06-02) as it was filed before ingest read its title's county: under
    宁夏回族自治区, its publisher's region. It passes the 2022 filter, so only the place is
    relaxed, and its answers need not name 2022年."""
    index = _index(tmp_path, monkeypatch, AD02, region=regions.resolve("宁夏回族自治区"))
    answer = ask(index, "西吉县2022年怎样打造县域医疗分中心?", TODAY)
    assert answer.relaxed == {"regions,levels": ["西吉县", "西吉"]}
    assert (answer.filters.since, answer.filters.until) == (date(2022, 1, 1), date(2022, 12, 31))
    assert any("打造五个县域医疗分中心" in h.sentence for h in answer.results)


def test_a_sentence_sharing_only_the_place_name_answers_nothing(tmp_path, monkeypatch):
    """ad02, filed under 西吉县, has no sentence on farmland: its title and opening name 西吉县
    (2022年西吉县卫生健康工作会议), which the place filter already holds, so nothing is found."""
    index = _index(tmp_path, monkeypatch, AD02)
    assert index.store.list_documents()[0]["region"] == "西吉县"
    assert ask(index, "西吉县怎样保护耕地?", TODAY).results == []
    answer = ask(index, "西吉县怎样打造县域医疗分中心?", TODAY)
    assert any("打造五个县域医疗分中心" in h.sentence for h in answer.results)


def test_a_longer_name_containing_the_place_does_not_name_it(tmp_path, monkeypatch):
    """bc09 (广州市) is about 环南昆山—罗浮山引领区: its title and sentences contain 昆山, the short
    name of 昆山市, inside 南昆山, a mountain's name. A question about 昆山市 relaxes the place,
    and no result of the relaxed search names 昆山市 (it found bc09's 引领区建设 sentences when
    the place was matched as a substring)."""
    index = _index(tmp_path, monkeypatch, BC09)
    answer = ask(index, "昆山市怎样推进县镇村高质量发展引领区建设?", TODAY)
    assert answer.relaxed == {"regions,levels": ["昆山市", "昆山"]}
    assert answer.results == []
    assert ask(index, "广州市怎样推进县镇村高质量发展引领区建设?", TODAY).results


def test_a_zones_name_is_a_place_word_not_what_the_question_is_about(tmp_path, monkeypatch):
    """x01 (filed under 綦江区) is 重庆綦江高新技术产业开发区管理委员会's reply: a question about 綦江高新区
    asks about 綦江区, and the reply's header, sharing only the zone's name, answers nothing."""
    index = _index(tmp_path, monkeypatch, X01)
    answer = ask(index, "綦江高新区园区大道广场的公厕什么时候建好?", TODAY)
    assert answer.filters.regions == ("綦江区",) and not answer.relaxed
    assert any("将尽快完善广场休闲座椅和公厕等附属配套设施建设" in h.sentence for h in answer.results)
    assert not any(h.sentence.startswith("重庆綦江高新技术产业开发区管理委员会") for h in answer.results)
