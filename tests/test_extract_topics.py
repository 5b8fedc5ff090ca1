"""Topic labels from the keyword lexicon (extract/topics.py, extract/data/topics.tsv)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from paths import SEEDS_GOLD

from duban.extract.topics import LEXICON, TOPICS, sentence_topics, topic_of
from duban.records import Sentence

EXTRA_GOLD = Path(__file__).resolve().parent / "gold" / "extra.jsonl"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("要修订完善低保认定标准", "社会救助"),  # seed 000
        ("将新增养老床位4000张", "养老服务"),
        ("实施敬老院三年改造提升工程", "养老服务"),  # gold: 敬老院 → 养老服务
        ("进一步摸清农村“三留守”人员底数", "儿童福利"),  # gold: 三留守 → 儿童福利
        ("严格落实困难残疾人生活补贴和重度残疾人护理补贴政策", "残疾人福利"),
        ("为1200名以上残疾儿童提供康复救助", "残疾人福利"),  # 残疾儿童 outweighs 儿童
        ("对散葬坟墓逐步实施搬迁", "殡葬管理"),
        ("持续打击整治非法社会组织和“僵尸型”社会组织", "社会组织"),
        ("加快“全科社工”实施方案落地", "基层治理"),  # gold: 全科社工 → 基层治理
        ("全面实施社区公益微创投活动", "基层治理"),
        ("将力争实现全市乡镇(街道)社工站全覆盖", "慈善社工"),  # gold: 社工站 → 慈善社工
        ("组织开展新一轮行政区域界线联合检查", "区划地名"),
        ("深化婚俗改革", "婚姻登记"),  # gold: 婚俗改革 → 婚姻登记
        ("认真做好全市红色资源保护的调研工作", "优抚安置"),  # gold: 红色资源 → 优抚安置
        ("开展街面巡查,救助生活无着的流浪乞讨人员", "流浪救助"),
        ("指导符合成立党组织条件的社会组织建立党组织", "党建"),
        ("继续深入开展党史学习教育", "党建"),
        ("抓好民政服务机构常态化疫情防控", "疫情防控"),
        ("完成延安市社会福利院迁建", "其他"),  # gold: 社会福利院 → 其他
        ("新增公办中小学学位8000个", "其他"),
    ],
)
def test_topics_label_of_a_clause(text, topic):
    assert topic_of(text) == topic


def test_topics_mixed_list_takes_the_first_named_group():
    # seed 002: 以殡葬改革、婚姻登记、区划地名工作为主要内容的基本社会服务体系
    assert topic_of("以殡葬改革、婚姻登记、区划地名工作为主要内容") == "殡葬管理"
    assert topic_of("以婚姻登记、殡葬改革、区划地名工作为主要内容") == "婚姻登记"


def test_topics_default_when_no_keyword():
    assert topic_of("完成内部装饰") == "其他"
    assert topic_of("完成内部装饰", default="养老服务") == "养老服务"


def test_topics_sentence_without_keyword_continues_its_paragraph():
    texts = ["积极推进费县老年养护院项目建设。", "年内完成内部装饰。", "力争早日投入使用。"]
    sentences, start = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence(i, start, start + len(text), text, paragraph=0 if i < 2 else 1))
        start += len(text)
    assert sentence_topics(sentences) == ["养老服务", "养老服务", "其他"]


def test_topics_lexicon_is_well_formed():
    keywords = set()
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        keyword, topic, weight = line.split("\t")[:3]
        assert topic in TOPICS and int(weight) > 0, line
        assert keyword not in keywords, f"duplicate keyword {keyword}"
        keywords.add(keyword)


def _accuracy(gold_path: Path) -> float:
    pairs = [
        (c["quote"], c["topic"])
        for line in gold_path.read_text(encoding="utf-8").splitlines()
        for c in json.loads(line)["commitments"]
    ]
    return sum(topic_of(quote) == topic for quote, topic in pairs) / len(pairs)


@pytest.mark.parametrize(("gold", "floor"), [(SEEDS_GOLD, 0.85), (EXTRA_GOLD, 0.85)])
def test_topics_accuracy_on_gold_quotes(gold, floor):
    if not gold.exists():
        pytest.skip(f"{gold} not present")
    assert _accuracy(gold) >= floor


def test_topics_component_gives_one_topic_per_sentence():
    import spacy

    from duban.extract.components import topics_component
    from duban.records import ParsedDocument

    texts = ["对散葬坟墓逐步实施搬迁。", "深化婚俗改革。"]  # seeds 000 and 001
    text = "".join(texts)
    sentences = [Sentence(0, 0, len(texts[0]), texts[0]), Sentence(1, len(texts[0]), len(text), texts[1], 1)]
    doc = spacy.blank("zh").make_doc(text)
    doc._.parsed = ParsedDocument("x.txt", "0" * 64, "txt", text, text, sentences=sentences)
    assert topics_component(doc)._.sentence_topics == ["殡葬管理", "婚姻登记"]
