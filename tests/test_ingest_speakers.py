"""speakers.find_turns on the three transcripts among the seeds, seed 004's 问/答, and non-transcripts."""

from __future__ import annotations


import pytest
from paths import SEEDS

from duban.ingest.clean import clean_text
from duban.ingest.speakers import find_turns



def _seed(name: str) -> str:
    return clean_text(next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")).text


def _check_spans(text, turns):
    for a, b in zip(turns, turns[1:], strict=False):
        assert a.end <= b.start
    for turn in turns:
        said = text[turn.start:turn.end]
        assert said == said.strip() and said
        assert not said.startswith((":", "："))


def test_speakers_seed_000_website_host_and_director():
    text = _seed("000")
    turns = find_turns(text)
    _check_spans(text, turns)
    assert [(t.speaker, t.role) for t in turns] == [("市政府网站", "host"), ("孙百迎", "official")] * 5
    assert text[turns[0].start:].startswith("大家好!今天邀请了市民政局党组书记、局长孙百迎。")
    assert text[turns[0].start - len("市政府网站:"):turns[0].start] == "市政府网站:"
    assert "市政府网站:" not in text[turns[1].start:turns[1].end]  # a turn stops at the next label


def test_speakers_seed_001_county_interview():
    text = _seed("001")
    turns = find_turns(text)
    _check_spans(text, turns)
    assert [t.speaker for t in turns] == ["县政府网站", "田勇"] * 4
    assert {t.role for t in turns if t.speaker == "田勇"} == {"official"}
    # The answer runs over the 一是/二是 paragraphs that follow the labelled line.
    assert "三是" in text[turns[3].start:turns[3].end]


def test_speakers_seed_002_press_conference():
    text = _seed("002")
    turns = find_turns(text)
    _check_spans(text, turns)
    roles = {t.speaker: t.role for t in turns}
    assert roles == {
        "贺冬梅": "host",  # 中共延安市委宣传部副部长贺冬梅: first, then 贺冬梅: alone
        "何树德": "official", "白力文": "official", "封洪涛": "official",
        "国际在线陕西频道记者": "reporter", "华商报记者": "reporter", "新浪延安编辑": "reporter",
        "延安市融媒体中心记者": "reporter", "延安市电子政务办编辑": "reporter",
    }
    assert turns[0].speaker == "贺冬梅" and turns[-1].speaker == "贺冬梅"
    # The label stands alone on its line; what is said starts on the next one.
    assert text[turns[0].start:].startswith("女士们、先生们、记者朋友们:")
    closing = "非常感谢何局长和几位发布人,也再次感谢各位记者朋友。\n\n本场新闻发布会到此结束,谢谢大家!"
    assert text[turns[-1].start:turns[-1].end] == closing
    # The salutation ending in a colon is speech, not a speaker.
    assert "女士们、先生们,媒体朋友们" not in roles


def test_speakers_seed_004_questions_and_answers():
    text = _seed("004")
    turns = find_turns(text)
    _check_spans(text, turns)
    assert [(t.speaker, t.role) for t in turns] == [("问", "reporter"), ("答", "official")] * 3
    assert text[turns[1].start:turns[1].end].count("\n\n") >= 4  # the answer spans its paragraphs


@pytest.mark.parametrize("name", ["003"])
def test_speakers_report_has_no_turns(name):
    assert find_turns(_seed(name)) == []


def test_speakers_plan_with_colon_headings_has_no_turns():
    text = ("2024年全市民政工作的总体要求是：坚持以人民为中心。\n"
            "各区县民政局，南太湖新区社会事业局：\n现将工作要点印发给你们。\n"
            "主要目标：\n城乡低保标准达到每人每月1200元以上。")
    assert find_turns(text) == []


def test_speakers_name_alone_on_a_line_and_bracketed_note():
    text = ("主持人(市人民政府新闻办公室副主任 彭立新):各位记者朋友,下午好!出席发布会的有市民政局局长罗建华先生。\n"
            "罗建华\n全市共有城乡低保对象12.6万人。\n"
            "常德日报记者:\n请问今年有哪些新举措?\n"
            "罗建华:\n一是提标。")
    turns = find_turns(text)
    assert [(t.speaker, t.role) for t in turns] == [
        ("主持人", "host"), ("罗建华", "official"), ("常德日报记者", "reporter"), ("罗建华", "official")]
    assert text[turns[1].start:turns[1].end] == "全市共有城乡低保对象12.6万人。"
    assert text[turns[0].start:].startswith("各位记者朋友")


def test_speakers_a_reporters_outlet_alone_on_a_line():
    """tests/real ax10 (dev): the host's label, title and name on lines of their own, then a reporter
    named by the outlet alone on a line; the host's narration is the host's, not the speaker's body's."""
    text = ("主持人\n\n国家卫生健康委新闻发言人、宣传司副司长\n\n米锋\n\n各位媒体朋友:\n\n大家下午好!\n\n"
            "当前,各地中小学相继开学,农村春耕陆续开始。要慎终如始抓好疫情防控。\n\n"
            "中央广播电视总台央视记者\n\n我们国家在实施“乙类乙管”的时候,本轮疫情已经过了高峰。\n")
    turns = find_turns(text)
    assert [(t.speaker, t.role) for t in turns] == [("主持人", "host"), ("中央广播电视总台央视记者", "reporter")]
    assert "要慎终如始抓好疫情防控" in text[turns[0].start:turns[0].end]
    _check_spans(text, turns)


def test_speakers_a_title_and_name_set_apart_by_a_space():
    """tests/real u06 (dev): 市城管委党组书记、主任 胡学春: is one label, the official 胡学春."""
    text = ("记者:近几年燃气管网改造一直是市城管委承担的民心工程任务当中的重点工作,这几年成效怎么样?\n"
            "市城管委党组书记、主任 胡学春:燃气安全老百姓十分关心。\n")
    turns = find_turns(text)
    assert [(t.speaker, t.role) for t in turns] == [("记者", "reporter"), ("胡学春", "official")]
    assert text[turns[1].start:turns[1].end] == "燃气安全老百姓十分关心。"
    _check_spans(text, turns)


def test_speakers_labels_in_square_brackets():
    """tests/real bp02 (dev, 中国政府网 访谈): [主持人] / [网友 VEAVS] / [周锡生] open turns without a
    colon; the bare name 周锡生, never introduced, is a speaker because two lines open with it; e13 (dev):
    [主持人毕铭鑫]: is the host, [福建省南平市蒲城县县长陈国发]: the county head; a time stamp is none."""
    text = ("[周锡生]谢谢各级领导对中国政府网的亲切关怀。[01-09 17:27]\n"
            "[主持人]今天周总也对下一步工作和举措提出了很好的设想和考虑。[01-09 17:25]\n"
            "[网友 VEAVS]请问周总,开通两年来,您最难忘、最感动的一件事是什么?[01-09 17:17]\n"
            "[周锡生]第四,要进一步优化网站的应用功能。\n")
    turns = find_turns(text)
    assert [(t.speaker, t.role) for t in turns] == [
        ("周锡生", "official"), ("主持人", "host"), ("网友VEAVS", "reporter"), ("周锡生", "official")]
    assert text[turns[3].start:turns[3].end] == "第四,要进一步优化网站的应用功能。"
    _check_spans(text, turns)
    text = ("[主持人毕铭鑫]:我现在最想了解新农村建设方面的经验。\n"
            "[福建省南平市蒲城县县长陈国发]:浦城是福建第三大县。\n")
    assert [(t.speaker, t.role) for t in find_turns(text)] == [("主持人毕铭鑫", "host"), ("陈国发", "official")]
