"""segment.segment: paragraphs and sentences with offsets, speakers, and gold quotes inside sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import SHARED

from duban.ingest.clean import clean_text
from duban.ingest.segment import segment
from duban.ingest.speakers import find_turns
from duban.records import SpeakerTurn

HERE = Path(__file__).resolve().parent


def _texts(s):
    return [x.text for x in segment(s, [])[1]]


@pytest.mark.parametrize("text, sentences", [
    ("全市共有低保对象2万人;特困人员3000人。下半年将提高标准!",
     ["全市共有低保对象2万人;特困人员3000人。", "下半年将提高标准!"]),
    ("实现“应养尽养、应保尽保。”随后开展排查。", ["实现“应养尽养、应保尽保。”", "随后开展排查。"]),
    ("他说:“我们将新建养老院。明年再建两所。”会议结束。",
     ["他说:“我们将新建养老院。明年再建两所。”", "会议结束。"]),
    ("审议《关于加强保护工作的意见。修订稿》等文件。", ["审议《关于加强保护工作的意见。修订稿》等文件。"]),
    ("出现“不闭合的引号。后面还有句子。", ["出现“不闭合的引号。", "后面还有句子。"]),
    ("一是提标\n二是扩面。", ["一是提标", "二是扩面。"]),  # a line break ends a sentence
    ("真的吗?!是的。", ["真的吗?!", "是的。"]),
])
def test_segment_sentence_boundaries(text, sentences):
    assert _texts(text) == sentences


def test_segment_paragraphs_and_offsets():
    text = "第一段第一句。第二句。\n\n  第二段。\n第三段"
    paragraphs, sentences = segment(text, [])
    assert [text[s:e] for s, e in paragraphs] == ["第一段第一句。第二句。", "第二段。", "第三段"]
    assert [(s.index, s.paragraph, s.text) for s in sentences] == [
        (0, 0, "第一段第一句。"), (1, 0, "第二句。"), (2, 1, "第二段。"), (3, 2, "第三段")]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_segment_sentences_carry_their_turn_and_skip_labels():
    text = "华商报记者:\n请问有哪些举措?\n白力文:感谢您的提问。今年新建养老院3所。"
    turns = [SpeakerTurn("华商报记者", "reporter", 7, 15), SpeakerTurn("白力文", "official", 20, len(text))]
    _, sentences = segment(text, turns)
    assert [(s.text, s.speaker, s.role) for s in sentences] == [
        ("请问有哪些举措?", "华商报记者", "reporter"),
        ("感谢您的提问。", "白力文", "official"),
        ("今年新建养老院3所。", "白力文", "official"),
    ]


@pytest.mark.parametrize("gold, folder", [
    (SHARED / "gold" / "seeds.jsonl", SHARED / "seeds"),
    (HERE / "gold" / "extra.jsonl", HERE / "gold" / "docs"),
])
def test_segment_every_gold_quote_lies_in_one_sentence(gold, folder):
    if not gold.exists():
        pytest.skip(f"{gold} not present")
    for line in gold.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        text = clean_text((folder / entry["file"]).read_text(encoding="utf-8")).text
        turns = find_turns(text)
        paragraphs, sentences = segment(text, turns)
        assert all(text[s.start:s.end] == s.text for s in sentences)
        assert all(any(ps <= s.start and s.end <= pe for ps, pe in paragraphs) for s in sentences)
        position = 0
        for c in entry["commitments"]:
            start = text.find(c["quote"], position)
            assert start >= 0, c["quote"]
            position = start
            end = start + len(c["quote"])
            assert any(s.start <= start and end <= s.end for s in sentences), (entry["file"], c["quote"])


def test_segment_transcript_sentences_have_speakers():
    text = clean_text(next((SHARED / "seeds").glob("002_*.txt")).read_text(encoding="utf-8")).text
    _, sentences = segment(text, find_turns(text))
    labels = [s for s in sentences if s.text.endswith("记者:") or s.text == "贺冬梅:"]
    assert labels == []  # label lines are no sentences
    promise = next(s for s in sentences if "正在筹备召开领导小组第一次全体会议" in s.text)
    assert (promise.speaker, promise.role) == ("封洪涛", "official")  # 四级调研员封洪涛 answers last
    intro = next(s for s in sentences if s.text.startswith("11月12日10:30"))
    assert intro.speaker is None
